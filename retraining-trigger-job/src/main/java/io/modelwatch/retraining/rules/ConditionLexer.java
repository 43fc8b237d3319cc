package io.modelwatch.retraining.rules;

import io.modelwatch.retraining.rules.ConditionToken.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits a condition into {@link ConditionToken}s; a {@code [feature]} selector is one token. */
final class ConditionLexer {
    private static final Pattern NUMBER = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final String rule;
    private final String text;
    private final List<ConditionToken> tokens = new ArrayList<>();
    private int at;

    private ConditionLexer(String rule, String text) {
        this.rule = rule;
        this.text = text;
    }

    static List<ConditionToken> tokenize(String rule, String text) {
        ConditionLexer lexer = new ConditionLexer(rule, text);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (Character.isWhitespace(c)) {
                at++;
            } else if (c == '(' || c == ')') {
                add(c == '(' ? Type.OPEN : Type.CLOSE, at + 1, String.valueOf(c), String.valueOf(c));
            } else if (c == '[') {
                selector();
            } else if (c == '<' || c == '>' || c == '=' || c == '!') {
                operator(c);
            } else if (c == '\'' || c == '"') {
                string(c);
            } else if (Character.isDigit(c) || c == '.' || c == '-') {
                number();
            } else if (Character.isLetter(c) || c == '_') {
                word();
            } else {
                throw error("unexpected character '" + c + "'", at);
            }
        }
        tokens.add(new ConditionToken(Type.END, "", "", text.length() + 1));
    }

    private void selector() {
        int close = text.indexOf(']', at);
        if (close < 0) {
            throw error("unclosed feature selector", at);
        }
        String feature = unquote(text.substring(at + 1, close).strip());
        if (feature.isEmpty()) {
            throw error("empty feature selector", at);
        }
        add(Type.SELECTOR, close + 1, text.substring(at, close + 1), feature);
    }

    private static String unquote(String s) {
        boolean quoted = s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"')
                && s.charAt(s.length() - 1) == s.charAt(0);
        return quoted ? s.substring(1, s.length() - 1) : s;
    }

    private void operator(char c) {
        boolean withEquals = at + 1 < text.length() && text.charAt(at + 1) == '=';
        if (!withEquals && (c == '=' || c == '!')) {
            throw error("unexpected character '" + c + "' (comparisons are <, <=, >, >=, ==, !=)", at);
        }
        String symbol = withEquals ? c + "=" : String.valueOf(c);
        add(Type.OPERATOR, at + symbol.length(), symbol, symbol);
    }

    private void string(char quote) {
        int close = text.indexOf(quote, at + 1);
        if (close < 0) {
            throw error("unterminated string", at);
        }
        add(Type.STRING, close + 1, text.substring(at, close + 1), text.substring(at + 1, close));
    }

    private void number() {
        int end = at;
        if (text.charAt(end) == '-') {
            end++;
        }
        while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
            end++;
        }
        if (end < text.length() && (text.charAt(end) == 'e' || text.charAt(end) == 'E')) {
            end++;
            if (end < text.length() && (text.charAt(end) == '+' || text.charAt(end) == '-')) {
                end++;
            }
            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                end++;
            }
        }
        String number = text.substring(at, end);
        if (!NUMBER.matcher(number).matches()) {
            throw error("malformed number '" + number + "'", at);
        }
        add(Type.NUMBER, end, number, number);
    }

    private void word() {
        int end = at;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        String word = text.substring(at, end);
        add(Type.WORD, end, word, word);
    }

    private void add(Type type, int end, String lexeme, String value) {
        tokens.add(new ConditionToken(type, lexeme, value, at + 1));
        at = end;
    }

    private RuleConfigException error(String problem, int index) {
        return ConditionParser.error(rule, problem, index + 1);
    }
}
