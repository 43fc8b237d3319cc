package io.modelwatch.retraining.rules;

import java.util.Optional;

/** A comparison of a metric with a constant; equality is exact. */
public enum ComparisonOperator {
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    EQUAL("=="),
    NOT_EQUAL("!=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean test(double left, double right) {
        return switch (this) {
            case LESS -> left < right;
            case LESS_OR_EQUAL -> left <= right;
            case GREATER -> left > right;
            case GREATER_OR_EQUAL -> left >= right;
            case EQUAL -> left == right;
            case NOT_EQUAL -> left != right;
        };
    }

    public static Optional<ComparisonOperator> ofSymbol(String text) {
        for (ComparisonOperator op : values()) {
            if (op.symbol.equals(text)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
