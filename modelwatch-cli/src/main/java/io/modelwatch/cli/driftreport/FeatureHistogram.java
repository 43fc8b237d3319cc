package io.modelwatch.cli.driftreport;

import io.modelwatch.common.profile.NumericalProfile;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference and current distributions of one feature as shares over the same bars, for the
 * report's charts. Numerical features use the reference profile's bin edges, with the values
 * outside the reference range in one bar below and one above; numerical features with few distinct
 * reference values use one bar per value, as drift compares them; categorical ones one bar per
 * category.
 *
 * @param kind {@value #BINS}, {@value #VALUES} or {@value #CATEGORIES}
 * @param referenceCount non-missing reference values
 * @param currentCount non-missing current values
 */
public record FeatureHistogram(String kind, List<HistogramBin> bins, long referenceCount, long currentCount) {
    public static final String BINS = "bins";
    public static final String VALUES = "values";
    public static final String CATEGORIES = "categories";
    /** Bars shown for values and categories; the rarest beyond it share one bar, so a chart stays readable. */
    public static final int MAX_BARS = 20;
    static final String OTHER_VALUES = "other";

    public FeatureHistogram {
        bins = List.copyOf(bins);
    }

    /** Shares over the reference bin edges; {@code current} holds the current data's non-missing values. */
    public static FeatureHistogram overEdges(NumericalProfile reference, double[] current) {
        if (!reference.hasValues()) {
            return new FeatureHistogram(BINS, List.of(), 0, current.length);
        }
        double[] edges = reference.edges().values();
        long[] referenceCounts = reference.binCounts().stream().mapToLong(Long::longValue).toArray();
        long[] currentCounts = reference.edges().count(current).counts();
        long referenceTotal = Arrays.stream(referenceCounts).sum();
        long currentTotal = Arrays.stream(currentCounts).sum();
        List<HistogramBin> bins = new ArrayList<>();
        // Counts are laid out as below e0, the interior bins (one degenerate [e0, e0] for a single edge), above em.
        for (int i = 0; i < referenceCounts.length; i++) {
            Double lower = i == 0 ? null : edges[Math.min(i - 1, edges.length - 1)];
            Double upper = i == referenceCounts.length - 1 ? null : edges[Math.min(i, edges.length - 1)];
            bins.add(new HistogramBin(binLabel(lower, upper, i == referenceCounts.length - 2),
                    lower, upper, share(referenceCounts[i], referenceTotal), share(currentCounts[i], currentTotal)));
        }
        return new FeatureHistogram(BINS, bins, referenceTotal, currentTotal);
    }

    /** Shares per distinct reference value; current values the reference never had share one "other" bar. */
    public static FeatureHistogram overDistinctValues(NumericalProfile reference, double[] current) {
        Map<Double, String> labels = new LinkedHashMap<>();
        Map<String, Long> referenceCounts = new LinkedHashMap<>();
        for (int i = 0; i < reference.distinctValues().size(); i++) {
            double value = reference.distinctValues().get(i);
            String label = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
            labels.put(value, label);
            referenceCounts.put(label, reference.distinctCounts().get(i));
        }
        Map<String, Long> currentCounts = new LinkedHashMap<>();
        for (double value : current) {
            // + 0.0 turns -0.0 into 0.0, which boxed keys would otherwise tell apart
            currentCounts.merge(labels.getOrDefault(value + 0.0, OTHER_VALUES), 1L, Long::sum);
        }
        return shares(VALUES, new ArrayList<>(labels.values()), referenceCounts, currentCounts);
    }

    /**
     * Shares per category, the reference's most frequent first and then those only the current data
     * has, most frequent first; past {@link #MAX_BARS} the rest share one bar.
     */
    public static FeatureHistogram overCategories(Map<String, Long> reference, Map<String, Long> current) {
        List<String> byReferenceCount = reference.keySet().stream()
                .sorted(Comparator.comparing((String category) -> reference.get(category)).reversed())
                .toList();
        return shares(CATEGORIES, byReferenceCount, reference, current);
    }

    private static FeatureHistogram shares(String kind, List<String> referenceOrder, Map<String, Long> reference,
            Map<String, Long> current) {
        List<String> ordered = new ArrayList<>(referenceOrder);
        current.keySet().stream()
                .filter(key -> !reference.containsKey(key))
                .sorted(Comparator.comparing((String key) -> current.get(key)).reversed())
                .forEach(ordered::add);
        long referenceTotal = total(reference, ordered);
        long currentTotal = total(current, ordered);
        int shown = ordered.size() <= MAX_BARS ? ordered.size() : MAX_BARS - 1;
        List<HistogramBin> bins = new ArrayList<>();
        for (String key : ordered.subList(0, shown)) {
            bins.add(HistogramBin.category(key, share(reference.getOrDefault(key, 0L), referenceTotal),
                    share(current.getOrDefault(key, 0L), currentTotal)));
        }
        List<String> rest = ordered.subList(shown, ordered.size());
        if (!rest.isEmpty()) {
            bins.add(HistogramBin.category(rest.size() + " more", share(total(reference, rest), referenceTotal),
                    share(total(current, rest), currentTotal)));
        }
        return new FeatureHistogram(kind, bins, referenceTotal, currentTotal);
    }

    private static String binLabel(Double lower, Double upper, boolean lastInterior) {
        if (lower == null) {
            return "< " + ReportNumbers.decimal(upper);
        }
        if (upper == null) {
            return "> " + ReportNumbers.decimal(lower);
        }
        if (lower.equals(upper)) {
            return ReportNumbers.decimal(lower);
        }
        return "[" + ReportNumbers.decimal(lower) + ", " + ReportNumbers.decimal(upper) + (lastInterior ? "]" : ")");
    }

    private static long total(Map<String, Long> counts, List<String> keys) {
        return keys.stream().mapToLong(key -> counts.getOrDefault(key, 0L)).sum();
    }

    private static double share(long count, long total) {
        return total == 0 ? 0 : (double) count / total;
    }
}
