package io.modelwatch.common.dataset;

import io.modelwatch.common.event.FeatureValue;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A CSV cell as a feature value: empty is missing, a decimal number is a number (NaN and
 * infinities as pandas writes them are missing), anything else is a category.
 */
final class CellParser {
    // Stricter than Double.parseDouble, which also takes "1d", "0x1p3" and " 5 ".
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Set<String> NOT_A_NUMBER = Set.of("nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity");

    private CellParser() {}

    static FeatureValue parse(String cell) {
        if (cell.isEmpty() || NOT_A_NUMBER.contains(cell.toLowerCase(Locale.ROOT))) {
            return FeatureValue.MISSING;
        }
        if (NUMBER.matcher(cell).matches()) {
            return FeatureValue.ofNumber(Double.parseDouble(cell), cell);
        }
        return FeatureValue.ofText(cell);
    }
}
