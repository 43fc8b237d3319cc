package io.modelwatch.common.json;

/**
 * An event or report that cannot be accepted, with the field at fault (a JSON path such as
 * {@code features.age}, or {@code $} for the document itself) and why.
 */
public class InvalidEventException extends Exception {
    private final String field;
    private final String reason;

    public InvalidEventException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public InvalidEventException(String field, String reason, Throwable cause) {
        super(field + ": " + reason, cause);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
