#!/usr/bin/env python3
"""Oracle for the monitoring job's window reports (MonitoringJob over a file of events).

Regenerate (from the repository root; deterministic, needs only numpy and scipy):
    python3 monitoring-job/src/test/oracle/make_window_oracle.py
It writes to monitoring-job/src/test/resources/oracle/window/:
  reference.jsonl  600 prediction events of model credit/v1, the reference the test profiles;
  events.jsonl     the monitored stream: three 1-minute windows of credit/v1, events of fraud/v2
                   (no profile), out-of-order events, error events, missing values, an unseen
                   category, one event within the allowed lateness, two past it, events of a
                   third model over the model limit, and bad lines;
  expected.json    what the reports must say, computed here.

The job runs with window 1m, out-of-orderness 10s, allowed lateness 30s, per-event watermarks,
limits.max-models 1 and limits.max-features-per-event 20. Expectations:
  - a report's numbers cover every event of its window that is not dead-lettered: the final
    report of a window includes the event accepted within the allowed lateness;
  - volume.predictions counts failed events too; error_rate = errors / predictions;
  - latency: count, mean, max and np.quantile (linear) p50/p95/p99 over every reported latency
    (windows hold fewer values than the job's exact limit, so its quantiles are exact);
  - prediction_distribution: shares of the predicted classes of events without error;
  - features (events without error): count = events carrying the key, missing = null values;
    numerical: np.mean, np.std (population), min, max, np.quantile p05..p95 and the counts over
    the reference decile edges [below e0, bins (np.histogram), above em]; categorical: shares
    of the non-missing values and the unseen share (categories the reference lacks);
  - drift and stats as make_drift_oracle.expected_feature (DESIGN 4.2; 600 reference rows: ks and
    chi_square decide); dataset drift = drifted / features with a verdict, threshold 0.5;
  - fraud/v2 has no profile: no histogram, no drift, no stats, dataset_drift null;
  - events past the allowed lateness are dead letters and counted once, in late_events of a
    later report of their model.
"""
import json
import os
import sys
from datetime import datetime, timedelta, timezone

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "common", "src", "test", "oracle"))
from make_drift_oracle import expected_feature  # noqa: E402
from make_oracle import histogram, quantile_edges  # noqa: E402

OUT = os.path.join(HERE, "..", "resources", "oracle", "window")
START = datetime(2026, 1, 1, tzinfo=timezone.utc)
SEGMENTS = ["a", "b", "c"]


def iso(t):
    return t.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Stream:
    def __init__(self, rng):
        self.rng = rng
        self.lines = []
        self.accepted = []  # (model, version, timestamp, event) of events that reach a window
        self.count = 0

    def event(self, model, version, t, features, error=None, latency=True):
        self.count += 1
        e = {"prediction_id": "%s-%06d" % (model, self.count), "model": model, "model_version": version,
             "timestamp": iso(t), "features": features,
             "prediction": None if error else str(int(self.rng.random() < 0.3)),
             "latency_ms": round(float(self.rng.gamma(2.0, 6.0)), 3) if latency else None, "error": error}
        return e

    def add(self, e, reaches_window=True):
        self.lines.append(json.dumps(e))
        if reaches_window:
            self.accepted.append(e)


def credit_features(rng, shift):
    income = round(float(rng.lognormal(np.log(50000) + shift, 0.4)), 2)
    return {"income": income if rng.random() > 0.05 else None,
            "age": int(np.clip(np.round(rng.normal(41 + 8 * shift, 12)), 18, 90)),
            "children": int(rng.choice([0, 1, 2, 3], p=[0.4, 0.3, 0.2, 0.1])),
            "segment": str(rng.choice(SEGMENTS + (["z"] if shift > 0 else []),
                                      p=[0.5, 0.3, 0.2] if shift == 0 else [0.3, 0.3, 0.2, 0.2]))}


def make_reference(rng):
    s = Stream(rng)
    for i in range(600):
        s.add(s.event("credit", "v1", START - timedelta(days=1) + timedelta(seconds=i), credit_features(rng, 0)))
    return s.lines


def make_events(rng):
    s = Stream(rng)
    bad = [
        '{"prediction_id": "x1", "model": "credit", "timestamp": "yesterday", "prediction": "1"}',
        '{"prediction_id": "x2", "model": "credit", "timestamp": "2026-01-01T00:00:30Z"',
        '{"prediction_id": "x3", "model": "credit", "timestamp": "2026-01-01T00:00:31Z", "prediction": "1", "latency_ms": -4}',
        json.dumps({"prediction_id": "x4", "model": "credit", "timestamp": "2026-01-01T00:00:32Z", "prediction": "1",
                    "features": {"f%d" % i: i for i in range(25)}}),
        json.dumps({"prediction_id": "x5", "model": "credit", "model_version": "v1",
                    "timestamp": "2026-01-01T00:00:33Z", "prediction": "1", "features": {"income": "lots"}}),
        "[1, 2, 3]",
    ]
    bad_at = {40: 0, 120: 1, 200: 2, 330: 3, 470: 4, 600: 5}
    allowed_late_at, too_late_at = 780, 880
    n = 900
    for i in range(n):
        if i in bad_at:
            s.lines.append(bad[bad_at[i]])
        # ~300 events a minute, timestamps jittered back by up to 5 s (out of order, within 10 s).
        t = START + timedelta(milliseconds=int(i * 200 + 0 - rng.integers(0, 5000)))
        t = max(t, START)
        shift = 0.0 if t < START + timedelta(minutes=2) else 0.35
        if i == allowed_late_at:
            # Stream time ~2:36, watermark ~2:26: window [1:00, 2:00) closed but within its 30 s lateness.
            s.add(s.event("credit", "v1", START + timedelta(seconds=110), credit_features(rng, 0)))
        if i == too_late_at:
            for k in range(2):
                s.add(s.event("credit", "v1", START + timedelta(seconds=20 + k), credit_features(rng, 0)),
                      reaches_window=False)
        error = "timeout" if rng.random() < 0.03 else None
        s.add(s.event("credit", "v1", t, credit_features(rng, shift), error=error, latency=rng.random() > 0.02))
        if i % 10 == 0:
            s.add(s.event("fraud", "v2", t, {"amount": round(float(rng.exponential(80)), 2),
                                               "channel": str(rng.choice(["web", "app"])) if rng.random() > 0.1 else None}))
        if i == 100:
            s.add(s.event("spam", "v1", t, {"words": 12}), reaches_window=False)
    return s, len(bad)


def window_of(e):
    t = datetime.fromisoformat(e["timestamp"].replace("Z", "+00:00"))
    start = START + timedelta(minutes=int((t - START).total_seconds() // 60))
    return iso(start).replace(".000", ""), iso(start + timedelta(minutes=1)).replace(".000", "")


def quantile(values, q):
    return float(np.quantile(np.asarray(values, dtype=float), q))


def numerical(values):
    present = [v for v in values if v is not None]
    if not present:
        return {}
    x = np.asarray(present, dtype=float)
    return {"mean": float(np.mean(x)), "std": float(np.std(x)), "min": float(x.min()), "max": float(x.max()),
            "quantiles": {"p05": quantile(x, .05), "p25": quantile(x, .25), "p50": quantile(x, .5),
                          "p75": quantile(x, .75), "p95": quantile(x, .95)}}


def report(events, reference):
    served = [e for e in events if e["error"] is None]
    latencies = [e["latency_ms"] for e in events if e["latency_ms"] is not None]
    predictions = [e["prediction"] for e in served]
    out = {"volume": {"predictions": len(events), "errors": len(events) - len(served),
                      "error_rate": (len(events) - len(served)) / len(events)},
           "latency_ms": {"count": len(latencies), "mean": float(np.mean(latencies)),
                          "p50": quantile(latencies, .5), "p95": quantile(latencies, .95),
                          "p99": quantile(latencies, .99), "max": float(max(latencies))},
           "prediction_distribution": {k: predictions.count(k) / len(predictions) for k in sorted(set(predictions))},
           "features": {}}
    names = sorted({k for e in served for k in e["features"]})
    verdicts = []
    for name in names:
        values = [e["features"][name] for e in served if name in e["features"]]
        missing = sum(v is None for v in values)
        present = [v for v in values if v is not None]
        feature = {"count": len(values), "missing": missing, "missing_share": missing / len(values)}
        is_numerical = all(not isinstance(v, str) for v in present)
        if is_numerical:
            feature["type"] = "numerical"
            feature.update(numerical(values))
        else:
            feature["type"] = "categorical"
            feature["frequencies"] = {k: present.count(k) / len(present) for k in sorted(set(present))}
        if reference is not None:
            ref_values = reference[name]
            if is_numerical:
                edges = quantile_edges([v for v in ref_values if v is not None], 10)
                feature["histogram"] = {"edges": [float(e) for e in edges],
                                        "counts": [int(c) for c in histogram(edges, np.asarray(present, dtype=float))]}
            else:
                known = {v for v in ref_values if v is not None}
                feature["unseen_share"] = sum(v not in known for v in present) / len(present)
            drift = expected_feature(ref_values, values, len(ref_values))
            feature["drift"] = {k: drift[k] for k in ("method", "score", "p_value", "threshold", "drifted")}
            feature["stats"] = drift["stats"]
            verdicts.append(drift["drifted"])
        else:
            feature["drift"] = None
            feature["stats"] = None
        out["features"][name] = feature
    out["dataset_drift"] = None if reference is None else {
        "drifted_features": sum(verdicts), "total_features": len(verdicts),
        "share": sum(verdicts) / len(verdicts), "threshold": 0.5, "drifted": sum(verdicts) / len(verdicts) >= 0.5}
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20260101)
    reference_lines = make_reference(rng)
    stream, bad_lines = make_events(rng)
    with open(os.path.join(OUT, "reference.jsonl"), "w") as f:
        f.write("\n".join(reference_lines) + "\n")
    with open(os.path.join(OUT, "events.jsonl"), "w") as f:
        f.write("\n".join(stream.lines) + "\n")
    ref_events = [json.loads(line) for line in reference_lines]
    reference = {name: [e["features"].get(name) for e in ref_events] for name in ref_events[0]["features"]}
    by_window = {}
    for e in stream.accepted:
        by_window.setdefault((e["model"], e["model_version"]) + window_of(e), []).append(e)
    reports = []
    for (model, version, start, end), events in sorted(by_window.items()):
        r = {"model": model, "model_version": version, "window_start": start, "window_end": end}
        r.update(report(events, reference if model == "credit" else None))
        reports.append(r)
    expected = {"reports": reports, "late_events": {"credit/v1": 2},
                "dead_letters": {"bad_lines": bad_lines, "late": 2, "over_model_limit": 1}}
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
