#!/usr/bin/env python3
"""Compares two runs' window reports (JSON lines, same windows in the same order).

Fields fall in three classes:
  exact   - counts, histograms, categories, verdicts, names: must be equal;
  sums    - moments, shares and the statistics computed from exact counts (PSI, Jensen-Shannon,
            Hellinger, KL, chi-square): equal up to floating-point rounding of sums taken in a
            different order (relative 1e-9);
  sketch  - quantiles and what is computed from them (KS, Wasserstein, latency percentiles): once a
            window holds more than limits.exact-values values they come from a randomized KLL
            sketch, so they differ from run to run within its rank error; shown, not failed.
Exit status 1 when an exact or a sums field differs beyond its bound.
"""
import json
import math
import sys

SKETCH_KEYS = {"quantiles", "ks_statistic", "ks_p_value", "wasserstein_norm", "p50", "p95", "p99"}


def leaves(value, path=()):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from leaves(inner, path + (key,))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from leaves(inner, path + (str(index),))
    else:
        yield path, value


def kind(path, report):
    if any(part in SKETCH_KEYS for part in path):
        return "sketch"
    if path[-1] in ("score", "p_value") and len(path) >= 3 and path[0] == "features":
        method = report["features"][path[1]]["drift"]["method"]
        return "sketch" if method in ("ks", "wasserstein") else "sums"
    return "sums"


def main(first, second):
    with open(first) as a, open(second) as b:
        left = [json.loads(line) for line in a]
        right = [json.loads(line) for line in b]
    if len(left) != len(right):
        print(f"different numbers of reports: {len(left)} and {len(right)}")
        return 1
    exact_mismatches, worst_sums, worst_sketch, compared = [], 0.0, {}, 0
    for x, y in zip(left, right):
        ys = dict(leaves(y))
        for path, value in leaves(x):
            other = ys.get(path)
            compared += 1
            if isinstance(value, float) and isinstance(other, (int, float)) and not isinstance(other, bool):
                which = kind(path, x)
                difference = abs(value - other)
                if which == "sketch":
                    name = path[-1]
                    if path[0] == "features" and path[2] == "quantiles":
                        name = "feature quantiles, as a share of the feature's range"
                        feature = x["features"][path[1]]
                        difference = difference / max(feature["max"] - feature["min"], 1e-300)
                    worst_sketch[name] = max(worst_sketch.get(name, 0.0), difference)
                else:
                    relative = difference / max(abs(value), abs(other), 1e-300)
                    worst_sums = max(worst_sums, relative)
                    if relative > 1e-9 and not (math.isclose(value, other, abs_tol=1e-15)):
                        exact_mismatches.append((x["window_start"],) + path + (value, other))
            elif value != other:
                exact_mismatches.append((x["window_start"],) + path + (value, other))
    print(f"{len(left)} reports, {compared} fields compared")
    print(f"exact fields that differ: {len(exact_mismatches)}")
    for mismatch in exact_mismatches[:10]:
        print("   ", mismatch)
    print(f"largest relative difference of sums: {worst_sums:.2e}")
    for name, worst in sorted(worst_sketch.items()):
        print(f"largest difference of sketched {name}: {worst:.4g}")
    return 1 if exact_mismatches else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
