package io.modelwatch.retraining.rules;

/**
 * One lexeme of a condition.
 *
 * @param text the lexeme as written, for error messages
 * @param value what it stands for: a selector's feature name, a string's content, else the text
 * @param position 1-based character position of its first character
 */
record ConditionToken(Type type, String text, String value, int position) {
    enum Type { WORD, NUMBER, STRING, SELECTOR, OPERATOR, OPEN, CLOSE, END }

    boolean isWord(String word) {
        return type == Type.WORD && text.equals(word);
    }

    /** How an error message quotes this token. */
    String describe() {
        return type == Type.END ? "the end of the condition" : "'" + text + "'";
    }
}
