package io.modelwatch.common.dataset;

import java.util.regex.Pattern;

/** Jackson's messages without their {@code [Source: REDACTED …; line: 1, column: 7]} locations: the reader names the line. */
public final class JacksonMessages {
    private static final Pattern SOURCE = Pattern.compile("\\s*\\[Source: .*?; line: \\d+, column: (\\d+)]");

    private JacksonMessages() {}

    public static String withoutSource(String message) {
        return message == null ? "" : SOURCE.matcher(message).replaceAll(" column $1");
    }
}
