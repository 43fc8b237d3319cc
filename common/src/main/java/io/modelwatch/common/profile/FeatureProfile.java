package io.modelwatch.common.profile;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One feature of the reference data.
 *
 * @param type numerical or categorical
 * @param count rows, missing values included
 * @param distinct distinct non-missing values (categorical: counted before the cap)
 * @param numerical set for numerical features
 * @param categorical set for categorical features
 */
public record FeatureProfile(
        String type,
        long count,
        long missing,
        long distinct,
        @JsonInclude(JsonInclude.Include.NON_NULL) NumericalProfile numerical,
        @JsonInclude(JsonInclude.Include.NON_NULL) CategoricalProfile categorical) {

    @JsonIgnore
    public boolean isNumerical() {
        return numerical != null;
    }

    public long nonMissing() {
        return count - missing;
    }
}
