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
  - drift and stats as make_drift_oracle.expected_feature (docs/ARCHITECTURE.md section 4.2; 600 reference rows: ks and
    chi_square decide); dataset drift = drifted / features with a verdict, threshold 0.5;
  - fraud/v2 has no profile: no histogram, no drift, no stats, dataset_drift null;
  - events past the allowed lateness are dead letters and counted once, in late_events of a
    later report of their model.

The same script writes the ground-truth scenario to monitoring-job/src/test/resources/oracle/labels/:
  predictions.jsonl  models churn/v1 (classifier, classes a/b/c, with probabilities) and price/v1
                     (regressor) over three 1-minute windows, error events, inline actual on some;
  labels.jsonl       labels 2-100 s after their prediction, in label-time order: some predictions
                     never get one, some get a second (duplicate, other value), a few are stamped
                     a second before their prediction, labels of unknown predictions (orphans),
                     a label for an inline-actual event (duplicate), and bad lines;
  expected.json      per (model, version, window): volume.predictions, performance and concept_drift;
                     and the counts of unlabeled predictions, duplicate and orphaned labels.
That job runs with window 1m, out-of-orderness 10s, per-event watermarks, label-join.horizon 5m,
label-join.orphan-wait 1m, performance.regression-models [price] and the adwin detector.
Expectations (README "Ground truth and performance"):
  - an outcome is the prediction with its inline actual, else with its first label (file order);
  - a window's performance covers the outcomes whose label became known in it: window of
    max(label time, prediction time); label_coverage = outcomes / predictions of the window
    (errors included; null without predictions); label_delay_ms = np.quantile (linear) p50/p95
    of label time - prediction time;
  - classifier metrics as make_metrics_oracle.classification (scikit-learn's definitions,
    zero_division=0); regressor: MAE, RMSE, MAPE as make_metrics_oracle.regression;
  - estimated_accuracy = mean probability of the predicted class over the window's served events
    with probabilities; performance is null when a window has neither outcomes nor an estimate;
  - concept_drift: the error rate is stationary, so adwin stays stable: {adwin, stable, since null}
    from the first window ending after the model's earliest label time, null before; null
    always for the regressor (detectors watch a right/wrong error stream).
"""
import json
import os
import sys
from datetime import datetime, timedelta, timezone

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "common", "src", "test", "oracle"))
from make_drift_oracle import expected_feature  # noqa: E402
from make_metrics_oracle import classification, regression  # noqa: E402
from make_oracle import histogram, quantile_edges  # noqa: E402

OUT = os.path.join(HERE, "..", "resources", "oracle", "window")
LABELS_OUT = os.path.join(HERE, "..", "resources", "oracle", "labels")
CLASSES = ["a", "b", "c"]
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


def parse_time(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def minute_window(t):
    start = START + timedelta(minutes=int((t - START).total_seconds() // 60))
    return iso(start).replace(".000", ""), iso(start + timedelta(minutes=1)).replace(".000", "")


def label(pid, model, actual, t):
    return {"prediction_id": pid, "model": model, "actual": actual, "timestamp": iso(t)}


def make_labeled_stream(rng):
    """Predictions and labels; returns both lists of dicts and the bad label lines with their positions."""
    predictions, labels = [], []
    for i in range(360):
        t = max(START, START + timedelta(milliseconds=int(i * 500 - rng.integers(0, 3000))))
        model = "price" if i % 4 == 3 else "churn"
        error = "timeout" if rng.random() < 0.03 else None
        e = {"prediction_id": "%s-%04d" % (model, i), "model": model, "model_version": "v1", "timestamp": iso(t),
             "features": {"x": round(float(rng.normal()), 3)}, "latency_ms": 5.0, "error": error}
        if model == "churn":
            scores = rng.dirichlet([2.0, 1.0, 1.0])
            predicted = CLASSES[int(np.argmax(scores))]
            truth = predicted if rng.random() < 0.8 else str(rng.choice([c for c in CLASSES if c != predicted]))
            other = str(rng.choice([c for c in CLASSES if c != truth]))
            e["prediction"] = None if error else predicted
            e["probabilities"] = None if error else {c: round(float(p), 4) for c, p in zip(CLASSES, scores)}
        else:
            value = round(float(rng.normal(200, 40)), 2)
            truth = round(value + float(rng.normal(0, 15)), 2)
            other = round(truth + 1.0, 2)
            e["prediction"] = None if error else value
        predictions.append(e)
        if error:
            continue
        r = rng.random()
        if model == "churn" and r < 0.1:
            e["actual"] = truth
            if rng.random() < 0.3:
                labels.append(label(e["prediction_id"], model, other, t + timedelta(seconds=5)))
            continue
        if r < 0.25:
            continue  # never labeled
        skewed = rng.random() < 0.02
        delay = timedelta(seconds=-1) if skewed else timedelta(milliseconds=int(rng.integers(2000, 100000)))
        labels.append(label(e["prediction_id"], model, truth, t + delay))
        if rng.random() < 0.08:
            labels.append(label(e["prediction_id"], model, other,
                                t + delay + timedelta(milliseconds=int(rng.integers(1000, 20000)))))
    for k in range(5):
        labels.append(label("ghost-%d" % k, "churn", "a", START + timedelta(seconds=20 * k + 7)))
    labels.sort(key=lambda l: parse_time(l["timestamp"]))
    bad = {10: '{"prediction_id": "x1", "model": "churn", "timestamp": "2026-01-01T00:00:10Z"}',
           60: '{"prediction_id": "x2", "actual": "a", "timestamp": "2026-01-01T00:00:4',
           150: '{"prediction_id": "x3", "actual": "a", "timestamp": "soon"}'}
    return predictions, labels, bad


def performance(model, events, outcomes):
    served = [e for e in events if e["error"] is None]
    scored = [e["probabilities"][e["prediction"]] for e in served
              if e.get("probabilities") and e["prediction"] in e["probabilities"]]
    estimate = float(np.mean(scored)) if scored else None
    if not outcomes and estimate is None:
        return None
    delays = [(o["label_time"] - o["prediction_time"]).total_seconds() * 1000 for o in outcomes]
    out = {"labeled": len(outcomes), "label_coverage": len(outcomes) / len(events) if events else None,
           "label_delay_ms": {"p50": quantile(delays, .5) if delays else None,
                              "p95": quantile(delays, .95) if delays else None},
           "estimated_accuracy": estimate}
    keys = ["accuracy", "precision_weighted", "recall_weighted", "f1_weighted", "f1_macro"]
    if model == "price" or not outcomes:
        out.update({k: None for k in keys + ["per_class"]})
    else:
        metrics = classification(model, [o["actual"] for o in outcomes], [o["prediction"] for o in outcomes])["expected"]
        out.update({k: metrics[k] for k in keys})
        out["per_class"] = metrics["per_class"]
    if model == "price" and outcomes:
        out.update(regression(model, [float(o["actual"]) for o in outcomes],
                              [float(o["prediction"]) for o in outcomes])["expected"])
    else:
        out.update({"mae": None, "rmse": None, "mape": None})
    return out


def labels_main():
    os.makedirs(LABELS_OUT, exist_ok=True)
    predictions, labels, bad = make_labeled_stream(np.random.default_rng(20260202))
    label_lines = [json.dumps(l) for l in labels]
    for position in sorted(bad):
        label_lines.insert(position, bad[position])
    with open(os.path.join(LABELS_OUT, "predictions.jsonl"), "w") as f:
        f.write("\n".join(json.dumps(e) for e in predictions) + "\n")
    with open(os.path.join(LABELS_OUT, "labels.jsonl"), "w") as f:
        f.write("\n".join(label_lines) + "\n")

    served = {e["prediction_id"]: e for e in predictions if e["error"] is None}
    first_label, duplicates, orphans = {}, 0, 0
    for l in labels:
        pid = l["prediction_id"]
        if pid not in served:
            orphans += 1
        elif "actual" in served[pid] or pid in first_label:
            duplicates += 1
        else:
            first_label[pid] = l
    outcomes, unlabeled = [], 0
    for pid, e in served.items():
        p_time = parse_time(e["timestamp"])
        if "actual" in e:
            actual, l_time = e["actual"], p_time
        elif pid in first_label:
            actual, l_time = first_label[pid]["actual"], parse_time(first_label[pid]["timestamp"])
        else:
            unlabeled += 1
            continue
        outcomes.append({"model": e["model"], "prediction": str(e["prediction"]), "actual": str(actual),
                         "prediction_time": p_time, "label_time": l_time})

    windows = {}
    for e in predictions:
        windows.setdefault((e["model"],) + minute_window(parse_time(e["timestamp"])), ([], []))[0].append(e)
    for o in outcomes:
        windows.setdefault((o["model"],) + minute_window(max(o["label_time"], o["prediction_time"])), ([], []))[1].append(o)
    first_label_time = {}
    for o in outcomes:
        first_label_time[o["model"]] = min(first_label_time.get(o["model"], o["label_time"]), o["label_time"])
    reports = []
    for (model, start, end), (events, window_outcomes) in sorted(windows.items()):
        stable = model != "price" and first_label_time[model] < parse_time(end)
        reports.append({"model": model, "model_version": "v1", "window_start": start, "window_end": end,
                        "volume": {"predictions": len(events)},
                        "performance": performance(model, events, window_outcomes),
                        "concept_drift": {"detector": "adwin", "state": "stable", "since": None} if stable else None})
    expected = {"reports": reports, "unlabeled_predictions": unlabeled, "duplicate_labels": duplicates,
                "orphaned_labels": orphans, "bad_label_lines": sorted(p + 1 for p in bad)}
    with open(os.path.join(LABELS_OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
    labels_main()
