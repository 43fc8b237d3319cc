package io.modelwatch.cli.driftreport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportNumbersTest {

    @Test
    void statisticsShowThreeSignificantDigitsTinyOnesInScientificNotation() {
        assertThat(ReportNumbers.decimal(0.31728627917960994)).isEqualTo("0.317");
        assertThat(ReportNumbers.decimal(71.456)).isEqualTo("71.5");
        assertThat(ReportNumbers.decimal(0.05)).isEqualTo("0.05");
        assertThat(ReportNumbers.decimal(5.879644597760435E-44)).isEqualTo("5.88e-44");
        assertThat(ReportNumbers.decimal(220558.4)).isEqualTo("220,558");
        assertThat(ReportNumbers.decimal(0.0)).isEqualTo("0");
        assertThat(ReportNumbers.decimal(-2.5)).isEqualTo("-2.5");
    }

    @Test
    void missingAndNonFiniteValuesAreShownAsSuch() {
        assertThat(ReportNumbers.decimal(null)).isEqualTo("—");
        assertThat(ReportNumbers.decimal(Double.NaN)).isEqualTo("—");
        assertThat(ReportNumbers.decimal(Double.POSITIVE_INFINITY)).isEqualTo("∞");
        assertThat(ReportNumbers.percent(null)).isEqualTo("—");
        assertThat(ReportNumbers.sortKey(null)).isEmpty();
        assertThat(ReportNumbers.sortKey(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
    }

    @Test
    void sharesArePercentagesWithOneDecimal() {
        assertThat(ReportNumbers.percent(0.42857142857142855)).isEqualTo("42.9%");
        assertThat(ReportNumbers.percent(1.0)).isEqualTo("100.0%");
        assertThat(ReportNumbers.count(1234567)).isEqualTo("1,234,567");
    }
}
