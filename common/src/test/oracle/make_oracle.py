#!/usr/bin/env python3
"""Oracle for io.modelwatch.common.stats: expected drift statistics computed with NumPy and SciPy.

Regenerate (from the repository root; deterministic, needs only numpy and scipy):
    python3 common/src/test/oracle/make_oracle.py
It rewrites the JSON files in common/src/test/resources/oracle/, which the Java tests read.

SciPy is the reference for ks_2samp, kstwo, wasserstein_distance, jensenshannon, chi2_contingency and
entropy. Binning, histograms, PSI and Hellinger are our own definitions (docs/ARCHITECTURE.md section 4.2), written here
independently with NumPy:
  - quantile edges = np.unique(np.quantile(ref, np.linspace(0, 1, bins + 1)));
    equal-width edges = np.unique(np.linspace(ref.min(), ref.max(), bins + 1));
  - a histogram over edges e0 < ... < em has m + 2 counts: below e0, the m interior bins [e(i-1), e(i))
    with the last one closed at em, above em. A single edge e0 (constant reference) has one degenerate
    interior bin [e0, e0], so three counts;
  - drift measures use open-ended outer bins: below-e0 folds into the first interior bin and above-em
    into the last, giving (-inf, e1), [e1, e2), ..., [e(m-1), +inf). With a single interior bin (one or two
    edges) folding would leave one bin and every measure 0, so the three counts are kept as they are:
    (-inf, e0), [e0, em], (em, +inf), and any move away from a constant or two-valued reference shows;
  - shares are counts / total; PSI and KL replace an empty share with 0.0001 (KL then normalises, as
    scipy.stats.entropy does); Jensen-Shannon and Hellinger use the raw shares.
"""
import json
import math
import os

import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon
from scipy.stats import kstwo
from scipy.stats._stats_py import _attempt_exact_2kssamp

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "oracle")
EMPTY_SHARE = 0.0001


def rounded(values, decimals=4):
    """Short decimal values keep the JSON small; they are the exact inputs SciPy sees."""
    return [float(v) for v in np.round(np.asarray(values, dtype=float), decimals)]


def make_samples():
    rng = np.random.default_rng(20261128)
    s = {}
    s["normal_50"] = rounded(rng.normal(0, 1, 50))
    s["normal_60_shifted"] = rounded(rng.normal(0.5, 1, 60))
    s["normal_100_a"] = rounded(rng.normal(0, 1, 100))
    s["normal_100_b"] = rounded(rng.normal(0.2, 1.1, 100))
    s["normal_500"] = rounded(rng.normal(0, 1, 500))
    s["normal_600_far"] = rounded(rng.normal(1.0, 1, 600))
    s["normal_1000"] = rounded(rng.normal(10, 2, 1000))
    s["normal_1200_wide"] = rounded(rng.normal(10, 3, 1200))
    s["normal_10000_a"] = rounded(rng.normal(0, 1, 10000))
    s["normal_10000_b"] = rounded(rng.normal(0.02, 1, 10000))
    s["normal_10000_shift"] = rounded(rng.normal(0.2, 1, 10000))
    s["normal_9000_shift"] = rounded(rng.normal(0.12, 1, 9000))
    s["normal_10001"] = rounded(rng.normal(0.03, 1, 10001))
    s["normal_8000"] = rounded(rng.normal(0, 1, 8000))
    s["normal_12000"] = rounded(rng.normal(0, 1, 12000))
    s["normal_15000_shift"] = rounded(rng.normal(0.09, 1, 15000))
    s["normal_11000_far"] = rounded(rng.normal(0.35, 1, 11000))
    s["poisson_300"] = rounded(rng.poisson(3, 300))
    s["poisson_400_shift"] = rounded(rng.poisson(3.4, 400))
    s["poisson_2000"] = rounded(rng.poisson(4, 2000))
    s["dice_1500"] = rounded(rng.integers(1, 7, 1500))
    s["dice_900_loaded"] = rounded(rng.choice([1, 2, 3, 4, 5, 6], 900, p=[0.1, 0.1, 0.1, 0.1, 0.2, 0.4]))
    s["cauchy_2000"] = rounded(rng.standard_cauchy(2000))
    s["cauchy_3000_scaled"] = rounded(2 * rng.standard_cauchy(3000))
    s["lognormal_1500"] = rounded(rng.lognormal(0, 1.5, 1500))
    s["lognormal_1700_shift"] = rounded(rng.lognormal(0.3, 1.5, 1700))
    s["uniform_800"] = rounded(rng.uniform(0, 1, 800))
    s["uniform_700_outside"] = rounded(rng.uniform(-0.5, 1.8, 700))
    s["mostly_zero_200"] = rounded(np.where(rng.uniform(size=200) < 0.95, 0.0, rng.uniform(1, 5, 200)))
    s["constant_5_x40"] = [5.0] * 40
    s["constant_5_x30"] = [5.0] * 30
    s["constant_7_x25"] = [7.0] * 25
    s["around_5_x30"] = rounded(rng.choice([4.0, 5.0, 6.0], 30))
    s["single_1"] = [1.0]
    s["single_2"] = [2.0]
    s["two_values"] = [0.0] * 99 + [1.0]
    return s


def ks_p_value(d, n1, n2):
    """The p-value ks_2samp(method='auto', two-sided) reports for statistic d and sizes n1, n2."""
    if max(n1, n2) <= 10000:
        success, d, p = _attempt_exact_2kssamp(n1, n2, math.gcd(n1, n2), d, "two-sided")
        if success:
            return float(np.clip(p, 0, 1))
    en = float(n1) * float(n2) / (float(n1) + float(n2))
    return float(np.clip(kstwo.sf(d, np.round(en)), 0, 1))


def ks_cases(s):
    pairs = [
        ("normal_50", "normal_60_shifted"), ("normal_100_a", "normal_100_b"),
        ("normal_500", "normal_600_far"), ("normal_1000", "normal_1200_wide"),
        ("normal_10000_a", "normal_10000_b"), ("normal_10000_a", "normal_10000_shift"),
        ("normal_10000_a", "normal_9000_shift"), ("normal_10001", "normal_8000"),
        ("normal_12000", "normal_15000_shift"), ("normal_12000", "normal_11000_far"),
        ("normal_10001", "single_1"), ("poisson_300", "poisson_400_shift"),
        ("poisson_2000", "poisson_300"), ("dice_1500", "dice_900_loaded"),
        ("cauchy_2000", "cauchy_3000_scaled"), ("lognormal_1500", "lognormal_1700_shift"),
        ("uniform_800", "uniform_700_outside"), ("mostly_zero_200", "poisson_300"),
        ("constant_5_x40", "constant_5_x30"), ("constant_5_x40", "constant_7_x25"),
        ("constant_5_x40", "around_5_x30"), ("single_1", "single_2"), ("single_1", "single_1"),
        ("single_2", "normal_50"), ("two_values", "single_1"),
    ]
    cases = []
    for ref, cur in pairs:
        r = stats.ks_2samp(s[ref], s[cur])
        p = float(r.pvalue)
        assert ks_p_value(float(r.statistic), len(s[ref]), len(s[cur])) == p, (ref, cur)
        cases.append({"reference": ref, "current": cur, "statistic": float(r.statistic), "p_value": p})
    return cases


def ks_p_value_cases():
    cases = []
    sizes = [(1, 1), (1, 7), (3, 3), (5, 8), (20, 20), (37, 53), (100, 100), (100, 150), (640, 480),
             (1000, 999), (2500, 10000), (10000, 10000), (9973, 10000), (10001, 10001), (20000, 50),
             (20000, 290), (50000, 40000), (300000, 250000), (3000000, 2500000), (50000000, 20000000)]
    for n1, n2 in sizes:
        en = n1 * n2 / (n1 + n2)
        for z in [0.3, 0.7, 1.0, 1.36, 2.0, 3.0, 4.2, 5.9, 8.0]:
            d = min(z / math.sqrt(en), 1.0)
            cases.append({"d": d, "n1": n1, "n2": n2, "p_value": ks_p_value(d, n1, n2)})
        for d in [0.0, 1.0, 0.5, 0.999]:
            cases.append({"d": d, "n1": n1, "n2": n2, "p_value": ks_p_value(d, n1, n2)})
    return cases


def kstwo_cases():
    cases = []
    for n in [1, 2, 3, 7, 10, 25, 60, 100, 139, 140, 141, 180, 400, 1000, 5000, 20000, 99999,
              100001, 400000, 1000000, 1000001, 30000000]:
        for z in [0.01, 0.03, 0.2, 0.35, 0.5, 0.7, 0.86, 1.0, 1.2, 1.4, 1.6, 1.9, 2.3, 2.9, 3.6, 4.3, 5.2,
                  6.5, 9.0, 19.5]:
            x = z / math.sqrt(n)
            if x < 1:
                cases.append({"n": n, "x": x, "sf": float(kstwo.sf(x, n))})
        for t in [0.4, 0.75, 1.0]:
            cases.append({"n": n, "x": t / n, "sf": float(kstwo.sf(t / n, n))})
        if n > 2:
            for x in [1 - 1.5 / n, 0.5, 0.75]:
                cases.append({"n": n, "x": x, "sf": float(kstwo.sf(x, n))})
    return cases


def wasserstein_cases(s):
    pairs = [
        ("normal_50", "normal_60_shifted"), ("normal_1000", "normal_1200_wide"),
        ("normal_12000", "normal_15000_shift"), ("poisson_300", "poisson_400_shift"),
        ("cauchy_2000", "cauchy_3000_scaled"), ("lognormal_1500", "lognormal_1700_shift"),
        ("uniform_800", "uniform_700_outside"), ("constant_5_x40", "constant_7_x25"),
        ("constant_5_x40", "constant_5_x30"), ("single_1", "single_2"), ("single_2", "normal_50"),
        ("mostly_zero_200", "poisson_300"),
    ]
    cases = []
    for ref, cur in pairs:
        w = float(stats.wasserstein_distance(s[ref], s[cur]))
        normalized = w / max(float(np.std(s[ref])), 0.001)
        cases.append({"reference": ref, "current": cur, "distance": w, "normalized": normalized})
    return cases


def quantile_edges(ref, bins):
    return np.unique(np.quantile(np.asarray(ref), np.linspace(0, 1, bins + 1)))


def equal_width_edges(ref, bins):
    ref = np.asarray(ref)
    return np.unique(np.linspace(ref.min(), ref.max(), bins + 1))


def histogram(edges, values):
    values = np.asarray(values)
    m = max(len(edges) - 1, 1)
    at_or_below = np.searchsorted(edges, values, side="right")  # number of edges <= v
    index = np.where(at_or_below == len(edges), np.where(values == edges[-1], m, m + 1), at_or_below)
    return np.bincount(index, minlength=m + 2)


def fold(counts):
    if len(counts) == 3:  # a single interior bin
        return counts.copy()
    folded = counts[1:-1].copy()
    folded[0] += counts[0]
    folded[-1] += counts[-1]
    return folded


def shares(counts):
    counts = np.asarray(counts, dtype=float)
    return counts / counts.sum()


def floored(p):
    return np.where(p == 0, EMPTY_SHARE, p)


def divergences(ref_counts, cur_counts):
    p, q = shares(ref_counts), shares(cur_counts)
    pf, qf = floored(p), floored(q)
    return {
        "psi": float(np.sum((qf - pf) * np.log(qf / pf))),
        "jensen_shannon": float(jensenshannon(p, q)),
        "hellinger": float(np.sqrt(np.sum((np.sqrt(p) - np.sqrt(q)) ** 2)) / np.sqrt(2)),
        "kl_div": float(stats.entropy(pf, qf)),
    }


def binned_cases(s):
    pairs = [
        ("normal_1000", "normal_1200_wide"), ("normal_500", "normal_600_far"),
        ("normal_12000", "normal_15000_shift"), ("uniform_800", "uniform_700_outside"),
        ("poisson_300", "poisson_400_shift"), ("dice_1500", "dice_900_loaded"),
        ("cauchy_2000", "cauchy_3000_scaled"), ("lognormal_1500", "lognormal_1700_shift"),
        ("mostly_zero_200", "poisson_300"), ("two_values", "around_5_x30"),
        ("constant_5_x40", "constant_5_x30"), ("constant_5_x40", "around_5_x30"),
        ("single_1", "single_2"), ("normal_50", "single_2"),
    ]
    cases = []
    for ref, cur in pairs:
        for binning, bins in [("quantile", 10), ("equal-width", 10), ("quantile", 4), ("equal-width", 25)]:
            edges = quantile_edges(s[ref], bins) if binning == "quantile" else equal_width_edges(s[ref], bins)
            ref_hist, cur_hist = histogram(edges, s[ref]), histogram(edges, s[cur])
            ref_folded, cur_folded = fold(ref_hist), fold(cur_hist)
            case = {"reference": ref, "current": cur, "binning": binning, "bins": bins,
                    "edges": [float(e) for e in edges],
                    "reference_histogram": ref_hist.tolist(), "current_histogram": cur_hist.tolist(),
                    "reference_folded": ref_folded.tolist(), "current_folded": cur_folded.tolist()}
            case.update(divergences(ref_folded, cur_folded))
            cases.append(case)
    return cases


def categorical_case(name, ref, cur):
    keys = sorted(set(ref) | set(cur))
    r = np.array([ref.get(k, 0) for k in keys])
    c = np.array([cur.get(k, 0) for k in keys])
    chi2, p, dof, _ = stats.chi2_contingency(np.array([r, c]), correction=False)
    case = {"name": name, "reference": ref, "current": cur,
            "chi_square": float(chi2), "chi_square_p_value": float(p), "dof": int(dof)}
    case.update(divergences(r, c))
    return case


def categorical_cases(s):
    def distinct_counts(values):
        keys, counts = np.unique(np.asarray(values), return_counts=True)
        return {repr(float(k)): int(n) for k, n in zip(keys, counts)}

    return [
        categorical_case("stable regions", {"north": 410, "south": 330, "east": 260},
                         {"north": 400, "south": 345, "east": 255}),
        categorical_case("unseen categories", {"north": 410, "south": 330, "east": 260},
                         {"north": 200, "south": 300, "west": 90, "central": 10}),
        categorical_case("category gone", {"a": 50, "b": 30, "c": 20}, {"a": 70, "b": 30}),
        categorical_case("single category", {"only": 120}, {"only": 80}),
        categorical_case("single category replaced", {"old": 120}, {"new": 80}),
        categorical_case("two categories", {"yes": 30, "no": 70}, {"yes": 45, "no": 55}),
        categorical_case("p about 1e-14", {"a": 2000, "b": 2000}, {"a": 2340, "b": 1660}),
        categorical_case("p about 1e-16 over three categories", {"a": 2000, "b": 2000, "c": 1000}, {"a": 2380, "b": 1620, "c": 1000}),
        categorical_case("p far below 1e-15", {"a": 5000, "b": 5000}, {"a": 6000, "b": 4000}),
        categorical_case("many categories", {f"c{i:02d}": 10 + 7 * i for i in range(40)},
                         {f"c{i:02d}": 12 + 6 * i + (i % 5) for i in range(40)}),
        categorical_case("dice as distinct values", distinct_counts(s["dice_1500"]),
                         distinct_counts(s["dice_900_loaded"])),
    ]


def write(name, data):
    with open(os.path.join(OUT, name), "w") as f:
        json.dump(data, f, separators=(",", ":"))
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    samples = make_samples()
    write("samples.json", samples)
    write("ks.json", ks_cases(samples))
    write("ks_p_value.json", ks_p_value_cases())
    write("kstwo.json", kstwo_cases())
    write("wasserstein.json", wasserstein_cases(samples))
    write("binned.json", binned_cases(samples))
    write("categorical.json", categorical_cases(samples))


if __name__ == "__main__":
    main()
