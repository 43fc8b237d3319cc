package io.modelwatch.common.event;

/**
 * One feature value of a prediction event, as it came in: a number (with its JSON text, so a
 * numeric code such as a postcode can still be treated as a category), a string or boolean
 * (as text), or missing (null, NaN, ±Inf).
 *
 * @param number the value when the input was a finite number, else null
 * @param text the value as text: the number's JSON literal, the string, or "true"/"false"; null when missing
 */
public record FeatureValue(Double number, String text) {
    public static final FeatureValue MISSING = new FeatureValue(null, null);

    public static FeatureValue ofNumber(double value) {
        return ofNumber(value, Double.toString(value));
    }

    /** @param literal the number as it was written in JSON, kept as the value's text */
    public static FeatureValue ofNumber(double value, String literal) {
        return Double.isFinite(value) ? new FeatureValue(value, literal) : MISSING;
    }

    public static FeatureValue ofText(String value) {
        return new FeatureValue(null, value);
    }

    public boolean isMissing() {
        return number == null && text == null;
    }

    public boolean isNumber() {
        return number != null;
    }
}
