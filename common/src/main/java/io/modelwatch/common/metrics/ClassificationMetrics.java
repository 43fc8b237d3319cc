package io.modelwatch.common.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Classification metrics with scikit-learn's semantics: {@code accuracy_score} and
 * {@code precision/recall/f1_score} with {@code average='macro'} and {@code 'weighted'} and
 * {@code zero_division=0}.
 *
 * <p>The labels are the sorted union of actual and predicted labels (sklearn's {@code unique_labels});
 * labels are strings here, so they sort as strings ("10" before "9"). A label that was only ever
 * predicted has support 0 and recall 0, and still counts in the macro average, as in sklearn.
 *
 * @param labeled           number of outcomes
 * @param labels            sorted labels; they index {@code confusionMatrix} and order {@code perClass}
 * @param perClass          metrics per label, in label order
 * @param confusionMatrix   {@code confusionMatrix.get(i).get(j)}: outcomes with actual label i predicted as j
 */
public record ClassificationMetrics(
        long labeled,
        double accuracy,
        double precisionMacro,
        double recallMacro,
        double f1Macro,
        double precisionWeighted,
        double recallWeighted,
        double f1Weighted,
        List<String> labels,
        Map<String, ClassMetrics> perClass,
        List<List<Long>> confusionMatrix) {

    /** The metrics of the counted outcomes, or empty when there are none (the report then says null). */
    public static Optional<ClassificationMetrics> from(ConfusionMatrixAccumulator counts) {
        TreeSet<String> sorted = new TreeSet<>(Arrays.asList(counts.getActualLabels()));
        sorted.addAll(Arrays.asList(counts.getPredictedLabels()));
        List<String> labels = List.copyOf(sorted);
        int k = labels.size();
        long[][] matrix = new long[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                matrix[i][j] = counts.count(labels.get(i), labels.get(j));
            }
        }
        long total = 0;
        long correct = 0;
        long[] predictedAs = new long[k];
        long[] support = new long[k];
        for (int i = 0; i < k; i++) {
            correct += matrix[i][i];
            for (int j = 0; j < k; j++) {
                total += matrix[i][j];
                support[i] += matrix[i][j];
                predictedAs[j] += matrix[i][j];
            }
        }
        if (total == 0) {
            return Optional.empty();
        }

        Map<String, ClassMetrics> perClass = new LinkedHashMap<>();
        double precisionSum = 0;
        double recallSum = 0;
        double f1Sum = 0;
        double precisionWeightedSum = 0;
        double recallWeightedSum = 0;
        double f1WeightedSum = 0;
        for (int i = 0; i < k; i++) {
            long tp = matrix[i][i];
            double precision = ratioOrZero(tp, predictedAs[i]);
            double recall = ratioOrZero(tp, support[i]);
            // F1 = 2tp / (2tp + fp + fn): the harmonic mean of precision and recall, 0 when tp = 0.
            double f1 = ratioOrZero(2 * tp, predictedAs[i] + support[i]);
            perClass.put(labels.get(i), new ClassMetrics(precision, recall, f1, support[i]));
            precisionSum += precision;
            recallSum += recall;
            f1Sum += f1;
            precisionWeightedSum += precision * support[i];
            recallWeightedSum += recall * support[i];
            f1WeightedSum += f1 * support[i];
        }

        return Optional.of(new ClassificationMetrics(
                total,
                (double) correct / total,
                precisionSum / k,
                recallSum / k,
                f1Sum / k,
                precisionWeightedSum / total,
                recallWeightedSum / total,
                f1WeightedSum / total,
                labels,
                Collections.unmodifiableMap(perClass),
                toLists(matrix)));
    }

    private static double ratioOrZero(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    private static List<List<Long>> toLists(long[][] matrix) {
        List<List<Long>> rows = new ArrayList<>(matrix.length);
        for (long[] row : matrix) {
            rows.add(Arrays.stream(row).boxed().toList());
        }
        return List.copyOf(rows);
    }
}
