#!/usr/bin/env python3
"""Per-window monitoring statistics the way a team's own Python script computes them — the baseline
that BENCHMARKS.md compares `modelwatch monitor` with.

Reads prediction events (JSON lines, docs/ARCHITECTURE.md section 2) with the standard json module, groups
them into tumbling windows of event time, and per window computes, for every feature:
  numerical:   scipy.stats.ks_2samp against the reference sample, and PSI over the reference's
               decile bins (np.quantile, linear; duplicate edges merged; open-ended outer bins;
               an empty bin's share is 0.0001);
  categorical: PSI over the union of reference and window categories;
plus volume, errors, latency p50/p95/p99 (np.percentile), and accuracy when events carry an
inline `actual` (the generated files do not: their labels are in a separate file).

It computes less than the job (no Wasserstein, Jensen-Shannon, chi-square, histograms, quantiles
or moments), so the comparison favours Python. The last line on stdout is tab-separated:
events, reference seconds, parse seconds, compute seconds, events per second (parse + compute).
"""
import argparse
import json
import math
import sys
import time
from collections import defaultdict
from datetime import datetime

import numpy as np
from scipy import stats

EMPTY_SHARE = 0.0001


def epoch_seconds(timestamp):
    if isinstance(timestamp, (int, float)):
        return timestamp / 1000.0
    return datetime.fromisoformat(timestamp).timestamp()


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def read_reference(path):
    numerical, categorical = defaultdict(list), defaultdict(list)
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            event = json.loads(line)
            if event.get("error") is not None:
                continue
            for name, value in event["features"].items():
                if is_number(value):
                    numerical[name].append(value)
                elif value is not None:
                    categorical[name].append(str(value))
    return numerical, categorical


class NumericalReference:
    def __init__(self, values, bins):
        values = np.asarray(values, dtype=float)
        self.values = values[np.isfinite(values)]
        edges = np.unique(np.quantile(self.values, np.linspace(0, 1, bins + 1)))
        self.inner_edges = edges[1:-1]
        self.shares = self.bin_shares(self.values)

    def bin_shares(self, values):
        counts = np.bincount(np.searchsorted(self.inner_edges, values, side="right"),
                             minlength=len(self.inner_edges) + 1)
        return np.maximum(counts / len(values), EMPTY_SHARE)

    def compare(self, current):
        current = np.asarray(current, dtype=float)
        current = current[np.isfinite(current)]
        if len(current) == 0:
            return None
        ks = stats.ks_2samp(self.values, current)
        return {"ks_statistic": float(ks.statistic), "ks_p_value": float(ks.pvalue),
                "psi": psi(self.shares, self.bin_shares(current))}


class CategoricalReference:
    def __init__(self, values):
        self.counts = defaultdict(int)
        for value in values:
            self.counts[value] += 1
        self.total = len(values)

    def compare(self, current):
        if not current:
            return None
        window_counts = defaultdict(int)
        for value in current:
            window_counts[value] += 1
        categories = sorted(set(self.counts) | set(window_counts))
        expected = np.maximum([self.counts[c] / self.total for c in categories], EMPTY_SHARE)
        actual = np.maximum([window_counts[c] / len(current) for c in categories], EMPTY_SHARE)
        return {"psi": psi(expected, actual)}


def psi(expected, actual):
    return float(np.sum((actual - expected) * np.log(actual / expected)))


class Window:
    def __init__(self):
        self.predictions = 0
        self.errors = 0
        self.latencies = []
        self.features = defaultdict(list)
        self.outcomes = []

    def add(self, event):
        self.predictions += 1
        if event.get("latency_ms") is not None:
            self.latencies.append(event["latency_ms"])
        if event.get("error") is not None:
            self.errors += 1
            return
        for name, value in event["features"].items():
            if value is not None:
                self.features[name].append(value)
        if event.get("actual") is not None:
            self.outcomes.append((str(event["prediction"]), str(event["actual"])))

    def report(self, start, width, references):
        latency = np.percentile(self.latencies, [50, 95, 99]) if self.latencies else [None] * 3
        features = {}
        for name, reference in references.items():
            values = self.features.get(name, [])
            if isinstance(reference, CategoricalReference):
                values = [str(value) for value in values]
            features[name] = reference.compare(values)
        accuracy = (sum(p == a for p, a in self.outcomes) / len(self.outcomes)) if self.outcomes else None
        return {"window_start": start * width, "predictions": self.predictions, "errors": self.errors,
                "latency_ms": dict(zip(["p50", "p95", "p99"], map(float_or_none, latency))),
                "accuracy": accuracy, "features": features}


def float_or_none(value):
    return None if value is None else float(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", required=True, help="prediction events, JSON lines")
    parser.add_argument("--reference", required=True, help="reference events, JSON lines")
    parser.add_argument("--window", type=float, default=60.0, help="window size in seconds (default 60)")
    parser.add_argument("--bins", type=int, default=10, help="PSI quantile bins (default 10)")
    parser.add_argument("--output", help="where the window statistics go, one JSON object a line")
    args = parser.parse_args()

    started = time.perf_counter()
    numerical, categorical = read_reference(args.reference)
    references = {name: NumericalReference(values, args.bins) for name, values in numerical.items()}
    references.update({name: CategoricalReference(values) for name, values in categorical.items()})
    referenced = time.perf_counter()

    windows = defaultdict(Window)
    events = 0
    with open(args.events, encoding="utf-8") as lines:
        for line in lines:
            event = json.loads(line)
            windows[math.floor(epoch_seconds(event["timestamp"]) / args.window)].add(event)
            events += 1
    parsed = time.perf_counter()

    reports = [windows[start].report(start, args.window, references) for start in sorted(windows)]
    computed = time.perf_counter()

    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            for report in reports:
                out.write(json.dumps(report) + "\n")
    labelled = sum(1 for report in reports if report["accuracy"] is not None)
    print(f"window_stats: {events} events, {len(reports)} windows, {labelled} with inline labels (accuracy)",
          file=sys.stderr)
    parse_s, compute_s = parsed - referenced, computed - parsed
    print(f"{events}\t{referenced - started:.3f}\t{parse_s:.3f}\t{compute_s:.3f}\t{events / (parse_s + compute_s):.0f}")


if __name__ == "__main__":
    main()
