package io.modelwatch.common.drift;

/** Keys of a feature's {@code stats} in reports and in the {@code drift} command's JSON. */
final class Statistic {
    static final String KS_STATISTIC = "ks_statistic";
    static final String KS_P_VALUE = "ks_p_value";
    static final String WASSERSTEIN_NORM = "wasserstein_norm";
    static final String PSI = "psi";
    static final String JENSEN_SHANNON = "jensen_shannon";
    static final String HELLINGER = "hellinger";
    static final String KL_DIV = "kl_div";
    static final String CHI_SQUARE_STATISTIC = "chi_square_statistic";
    static final String CHI_SQUARE_P_VALUE = "chi_square_p_value";

    private Statistic() {}
}
