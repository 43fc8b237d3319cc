#!/usr/bin/env python3
"""Oracle for whole-dataset drift (io.modelwatch.common.drift.DriftAnalysis and `modelwatch drift`).

Regenerate (from the repository root; deterministic, needs only numpy and scipy):
    python3 common/src/test/oracle/make_drift_oracle.py
It writes pairs of CSV files (reference, current) and the expected drift of every feature to
common/src/test/resources/oracle/drift/. Java tests read the CSVs exactly as a user's files
and compare every number with the expected JSON.

The expectations follow docs/ARCHITECTURE.md section 4.2 and are computed here with NumPy and SciPy:
  - missing values (empty cells) are left out of every statistic;
  - numerical features: ks_2samp, wasserstein_distance / max(np.std(ref), 0.001); with at most 5
    distinct reference values the count-based statistics (psi, jensen_shannon, hellinger, kl_div,
    chi-square) are over the union of distinct values, else over the 10 reference quantile bins
    with open-ended outer bins (binning helpers shared with make_oracle.py);
  - categorical features: the same count-based statistics over the union of categories;
  - default method: reference rows <= 1000 -> ks (numerical, > 5 distinct) else chi_square;
    more rows -> wasserstein else jensen_shannon. ks/chi_square drift when p < 0.05 and their
    score is the statistic; distances drift when score >= 0.1;
  - dataset drift: drifted features / features with a verdict >= 0.5.
"""
import csv
import json
import os

import numpy as np
from scipy import stats

from make_oracle import divergences, fold, histogram, quantile_edges

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "oracle", "drift")
MAX_DISTINCT_FOR_CATEGORIES = 5
MAX_ROWS_FOR_TESTS = 1000


def with_missing(rng, values, share):
    values = np.asarray(values, dtype=object)
    values[rng.random(len(values)) < share] = None
    return values


def make_pair(rng, rows_ref, rows_cur):
    ref, cur = {}, {}
    ref["income"] = np.round(rng.lognormal(np.log(50000), 0.4, rows_ref), 2)
    cur["income"] = np.round(rng.lognormal(np.log(50000), 0.4, rows_cur) * 0.8, 2)
    ref["age"] = np.round(rng.normal(41, 12, rows_ref)).clip(18, 90)
    cur["age"] = np.round(rng.normal(41, 12, rows_cur)).clip(18, 95)
    ref["rating"] = rng.choice([1, 2, 3, 4], rows_ref, p=[0.1, 0.2, 0.3, 0.4])
    cur["rating"] = rng.choice([1, 2, 3, 4, 5], rows_cur, p=[0.3, 0.3, 0.2, 0.15, 0.05])
    ref["region"] = rng.choice(["north", "south", "east"], rows_ref, p=[0.4, 0.35, 0.25])
    cur["region"] = rng.choice(["north", "south", "east", "west"], rows_cur, p=[0.3, 0.3, 0.25, 0.15])
    ref["utilization"] = with_missing(rng, np.round(rng.beta(2, 5, rows_ref), 4), 0.1)
    cur["utilization"] = with_missing(rng, np.round(rng.beta(2, 4.6, rows_cur), 4), 0.2)
    ref["constant"] = np.full(rows_ref, 5.0)
    cur["constant"] = np.where(rng.random(rows_cur) < 0.9, 5.0, 6.0)
    ref["sparse"] = with_missing(rng, np.round(rng.normal(0, 1, rows_ref), 3), 0.5)
    cur["sparse"] = np.full(rows_cur, None, dtype=object)
    return ref, cur


def write_csv(path, columns):
    names = list(columns)
    rows = len(columns[names[0]])
    with open(path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(names)
        for i in range(rows):
            out.writerow(["" if columns[n][i] is None else cell(columns[n][i]) for n in names])


def cell(value):
    if isinstance(value, str):
        return value
    value = float(value)
    return repr(int(value)) if value.is_integer() else repr(value)


def present(values):
    return [v for v in values if v is not None]


def expected_feature(ref_values, cur_values, ref_rows):
    ref, cur = present(ref_values), present(cur_values)
    numerical = all(not isinstance(v, str) for v in ref)
    if not cur:
        return {"type": "numerical" if numerical else "categorical", "method": None}
    stat = {}
    if numerical:
        ref = np.asarray(ref, dtype=float)
        cur = np.asarray(cur, dtype=float)
        ks = stats.ks_2samp(ref, cur)
        stat["ks_statistic"] = float(ks.statistic)
        stat["ks_p_value"] = float(ks.pvalue)
        stat["wasserstein_norm"] = float(stats.wasserstein_distance(ref, cur) / max(float(np.std(ref)), 0.001))
        distinct = len(np.unique(ref))
        as_categories = distinct <= MAX_DISTINCT_FOR_CATEGORIES
        if as_categories:
            keys = np.union1d(ref, cur)
            ref_counts = np.array([np.sum(ref == k) for k in keys])
            cur_counts = np.array([np.sum(cur == k) for k in keys])
        else:
            edges = quantile_edges(ref, 10)
            ref_counts, cur_counts = fold(histogram(edges, ref)), fold(histogram(edges, cur))
    else:
        distinct = len(set(ref))
        as_categories = True
        keys = sorted(set(ref) | set(cur))
        ref_counts = np.array([ref.count(k) for k in keys])
        cur_counts = np.array([cur.count(k) for k in keys])
    stat.update(divergences(ref_counts, cur_counts))
    if as_categories:
        chi2, p, _, _ = stats.chi2_contingency(np.array([ref_counts, cur_counts]), correction=False)
        stat["chi_square_statistic"] = float(chi2)
        stat["chi_square_p_value"] = float(p)
    small = ref_rows <= MAX_ROWS_FOR_TESTS
    if small:
        method = "chi_square" if as_categories else "ks"
    else:
        method = "jensen_shannon" if as_categories else "wasserstein"
    if method == "ks":
        score, p_value, drifted, threshold = stat["ks_statistic"], stat["ks_p_value"], stat["ks_p_value"] < 0.05, 0.05
    elif method == "chi_square":
        score, p_value = stat["chi_square_statistic"], stat["chi_square_p_value"]
        drifted, threshold = p_value < 0.05, 0.05
    else:
        key = "wasserstein_norm" if method == "wasserstein" else method
        score, p_value, drifted, threshold = stat[key], None, stat[key] >= 0.1, 0.1
    return {"type": "numerical" if numerical else "categorical", "method": method, "score": score,
            "p_value": p_value, "threshold": threshold, "drifted": bool(drifted), "stats": stat}


def make_case(name, seed, rows_ref, rows_cur):
    rng = np.random.default_rng(seed)
    ref, cur = make_pair(rng, rows_ref, rows_cur)
    write_csv(os.path.join(OUT, name + "_reference.csv"), ref)
    write_csv(os.path.join(OUT, name + "_current.csv"), cur)
    # What a reader of the CSV sees: written text parsed back, empty cells missing.
    ref_read = read_csv(os.path.join(OUT, name + "_reference.csv"))
    cur_read = read_csv(os.path.join(OUT, name + "_current.csv"))
    features = {f: expected_feature(ref_read[f], cur_read[f], rows_ref) for f in ref_read}
    verdicts = [f for f in features.values() if f["method"] is not None]
    drifted = sum(1 for f in verdicts if f["drifted"])
    share = drifted / len(verdicts)
    expected = {"features": features,
                "dataset_drift": {"drifted_features": drifted, "total_features": len(verdicts),
                                  "share": share, "threshold": 0.5, "drifted": share >= 0.5}}
    with open(os.path.join(OUT, name + "_expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)


def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    names, body = rows[0], rows[1:]
    columns = {}
    for i, name in enumerate(names):
        values = [r[i] for r in body]
        parsed = []
        for v in values:
            if v == "":
                parsed.append(None)
            else:
                try:
                    parsed.append(float(v))
                except ValueError:
                    parsed.append(v)
        columns[name] = parsed
    return columns


def main():
    os.makedirs(OUT, exist_ok=True)
    make_case("small", 7, 600, 500)
    make_case("large", 8, 5000, 4000)


if __name__ == "__main__":
    main()
