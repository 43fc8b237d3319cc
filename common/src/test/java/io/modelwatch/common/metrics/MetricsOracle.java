package io.modelwatch.common.metrics;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** The cases written by src/test/oracle/make_metrics_oracle.py (NumPy, scikit-learn's documented formulas). */
record MetricsOracle(List<ClassificationCase> classification, List<RegressionCase> regression) {

    record ClassificationCase(String name, List<String> actual, List<String> predicted, ExpectedClassification expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    record ExpectedClassification(
            List<String> labels,
            double accuracy,
            double precisionMacro,
            double recallMacro,
            double f1Macro,
            double precisionWeighted,
            double recallWeighted,
            double f1Weighted,
            Map<String, ExpectedClass> perClass,
            List<List<Long>> confusionMatrix) {}

    record ExpectedClass(double precision, double recall, double f1, long support) {}

    record RegressionCase(String name, double[] actual, double[] predicted, ExpectedRegression expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    record ExpectedRegression(double mae, double rmse, double mape) {}

    static MetricsOracle load() {
        ObjectMapper mapper = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (InputStream in = MetricsOracle.class.getResourceAsStream("/oracle/metrics_cases.json")) {
            return mapper.readValue(in, MetricsOracle.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
