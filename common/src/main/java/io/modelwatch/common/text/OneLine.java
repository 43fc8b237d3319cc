package io.modelwatch.common.text;

/**
 * A message as one line — of stderr, or a dead letter's reason — whatever the data it quotes: line
 * breaks, tabs and other control characters are escaped ({@code \n}, {@code \t}, {@code \u0007}),
 * and a message longer than {@value #MAX_CHARS} characters (a huge cell quoted back) is cut, saying
 * how much was left out.
 */
public final class OneLine {
    public static final int MAX_CHARS = 1000;

    private OneLine() {}

    public static String of(String message) {
        if (message == null) {
            return "(no message)";
        }
        StringBuilder line = new StringBuilder(Math.min(message.length(), MAX_CHARS) + 16);
        int i = 0;
        for (; i < message.length() && line.length() < MAX_CHARS; i++) {
            char c = message.charAt(i);
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        if (i < message.length()) {
            line.append("… (").append(message.length() - i).append(" more characters)");
        }
        return line.toString();
    }
}
