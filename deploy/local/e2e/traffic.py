#!/usr/bin/env python3
"""Writes the e2e test's traffic (deploy/local/e2e.sh), deterministic for a seed.

  traffic.py OUT_DIR [--days-ago N]

--days-ago N: the first window starts N days before now (floored to the minute), so the run is a
replay of old data; without it the windows start on 2026-01-05. Only the times move: the events'
values, and so the reports' values, are the same for any start.

One stream of 10 s windows of prediction events of two models, all produced under one key (one
partition, event-time order), cut into segments that e2e.sh produces one after another, with a
failure between or during them. Each segment ends with the first 2 s of the next window, so the
watermark (1 s out-of-orderness) closes every window of the segment; the next segment goes on in
that window.

- e2e-model, a classifier with a reference profile: numerical and categorical features, drift in
  the windows of DRIFTED, inline ground truth (`actual`), so its reports have accuracy and the
  other classification metrics and a concept-drift state; the trigger job's rules fire on its
  dataset drift.
- e2e-regressor, a regressor (performance.regression-models): a few events per window with inline
  `actual`, so its reports have MAE, RMSE and MAPE. It has no profile when the jobs start: e2e.sh
  publishes one (from regressor-reference.jsonl) while they run, after the late segment, effective
  from window REGRESSOR_PROFILE_WINDOW, a few windows into the next segment (so not the window in
  progress); from then on its reports have drift, and its inputs drift in REGRESSOR_DRIFTED. With it e2e.sh publishes a changed rule
  set (RULE_CHANGE), which applies from the first window not yet evaluated then.
- The "late" segment, produced after the first one once its reports are out: events of window 0,
  long closed, so they are late (dead letters, the late_events counter, and volume.late_events
  of the classifier's next report, window 5's).

OUT_DIR/reference.jsonl      pre-drift prediction events of e2e-model, the input of `modelwatch profile`
OUT_DIR/regressor-reference.jsonl  the same of e2e-regressor
OUT_DIR/segment-N.txt        KEY|VALUE lines to produce to `predictions` (N = 1, 2, ...)
OUT_DIR/events.jsonl         every produced value in order (invalid lines too): the input of the
                             undisturbed reference run
OUT_DIR/expected.json        what the jobs must output: per window its bounds, volumes and the drift
                             put into it; per segment the windows reported and evaluated once it is
                             produced, the valid events per model and the late events so far; the
                             trigger job's rules and the changed rule set (decisions.py derives
                             their decisions from the reference runs' reports: a window drawn
                             without drift can still show drift by chance, e.g. window 9)
"""
import argparse
import json
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

MODEL, VERSION = "e2e-model", "v1"
REGRESSOR = "e2e-regressor"  # same version; no reference profile, in performance.regression-models
REGRESSOR_EVENTS = 20        # per window
FIXED_BASE = datetime(2026, 1, 5, 10, 0, 0, tzinfo=timezone.utc)
WINDOW_SECONDS = 10
TAIL_MILLIS = 2000
# Windows that drift (income and age up, region mix turned around). 2 and 3 in the undisturbed
# segment as before; the others around the failures. 29, 35 and 36 test the retrain rule's cooldown
# across the savepoint: it fires on 29, must not on 35 (50 s < 65 s later), fires again on 36.
# (Window 9, drawn without drift, shows drift in two features by chance: the retrain rule fires there.)
DRIFTED = {2, 3, 7, 8, 12, 17, 18, 22, 29, 35, 36}
# Segments: (name, first window after it). Each also produces the first 2 s of that window.
# "late" (None) has no window of its own: it is LATE, produced once the windows before it closed.
SEGMENTS = [("undisturbed", 5), ("late", None), ("taskmanager-kill", 15), ("broker-restart", 25),
            ("before-savepoint", 31), ("after-savepoint", 39)]
# Events of window 0 (at these seconds), late by then: no window takes them any more.
LATE_SECONDS = [1, 4, 7]
# The trigger job's rules in the test (e2e.sh writes the rules files from these).
RULES = [{"name": "dataset-drift", "when": "dataset_drift == true", "for": 1, "severity": "critical",
          "cooldown_seconds": 0, "action": "e2e-webhook"},
         {"name": "retrain", "when": "dataset_drift == true", "for": 1, "severity": "critical",
          "cooldown_seconds": 65, "action": "e2e-airflow"}]
# The rule set published while the jobs run: dataset-drift changes only its severity (its streak and
# cooldown carry over), retrain stays, drift-persists is new (two drifted reports in a row).
RULE_CHANGE = [dict(RULES[0], severity="warning"), RULES[1],
               {"name": "drift-persists", "when": "dataset_drift == true", "for": 2, "severity": "warning",
                "cooldown_seconds": 0, "action": "e2e-webhook"}]
# The regressor's profile applies from this window (in the segment after the late one); its inputs
# drift (larger amounts, mostly branch) in these: around the TaskManager kill, the broker restart
# and the savepoint.
REGRESSOR_PROFILE_WINDOW = 8
REGRESSOR_DRIFTED = {9, 10, 17, 27, 33, 34}
REFERENCE_EVENTS = 3000
REGRESSOR_REFERENCE_EVENTS = 1000
INVALID = [
    "this line is not JSON",
    json.dumps({"prediction_id": "bad-ts", "model": MODEL, "timestamp": "yesterday", "prediction": "1"}),
]


def iso(moment):
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def window_iso(moment):
    return iso(moment).replace(".000Z", "Z")


def event(rng, pid, moment, drifted, truth=None):
    """One prediction event of the classifier; drift moves income and age up and turns the region
    mix around. With `truth` (its own random stream, so the features stay those of the seed) the
    event carries its ground truth, drawn with the model's probability: a calibrated model."""
    income = rng.gauss(68000 if drifted else 50000, 12000)
    age = min(90, max(18, round(rng.gauss(48 if drifted else 40, 10))))
    region = rng.choices(["north", "south", "east"], [0.2, 0.3, 0.5] if drifted else [0.5, 0.3, 0.2])[0]
    utilization = rng.random()
    p1 = min(0.99, max(0.01, 0.2 + 0.6 * utilization - (income - 50000) / 200000))
    return {"prediction_id": pid, "model": MODEL, "model_version": VERSION, "timestamp": iso(moment),
            "features": {"income": round(income, 2), "age": age, "region": region,
                         "utilization": round(utilization, 4)},
            "prediction": "1" if p1 >= 0.5 else "0",
            "probabilities": {"0": round(1 - p1, 4), "1": round(p1, 4)},
            "latency_ms": round(rng.uniform(5, 40), 2)} | (
               {} if truth is None else {"actual": "1" if truth.random() < p1 else "0"})


def regression_event(rng, pid, moment, drifted=False):
    """One prediction event of the regressor: days until repayment (1-9), predicted and actual;
    drift makes amounts larger and most requests come from branches."""
    amount = rng.lognormvariate(9 if drifted else 8, 0.5)
    expected = 3 + amount / 2000
    days = [str(min(9, max(1, round(rng.gauss(expected, sd))))) for sd in (1.0, 1.5)]
    return {"prediction_id": pid, "model": REGRESSOR, "model_version": VERSION, "timestamp": iso(moment),
            "features": {"amount": round(amount, 2), "channel": rng.choices(
                ["web", "app", "branch"], [0.1, 0.1, 0.8] if drifted else [1, 1, 1])[0]},
            "prediction": days[0], "actual": days[1], "latency_ms": round(rng.uniform(2, 10), 2)}


def main(out, base):
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20260105)
    # Ground truth, the regressor and the late events draw from streams of their own: the
    # classifier's features (and so its drift, window 9's by chance too) are those of the seed.
    truth, regressor_rng, late_rng, regressor_reference_rng = (random.Random(20260105 + n) for n in (1, 2, 3, 4))
    with open(out / "reference.jsonl", "w", encoding="utf-8") as ref:
        for i in range(REFERENCE_EVENTS):
            moment = base - timedelta(days=1) + timedelta(seconds=i)
            ref.write(json.dumps(event(rng, f"ref-{i}", moment, False)) + "\n")
    with open(out / "regressor-reference.jsonl", "w", encoding="utf-8") as ref:
        for i in range(REGRESSOR_REFERENCE_EVENTS):
            moment = base - timedelta(days=1) + timedelta(seconds=i)
            ref.write(json.dumps(regression_event(regressor_reference_rng, f"ref-r{i}", moment)) + "\n")

    # Every window's events, in time order; w = 0 .. last segment's end (its first 2 s only).
    last = max(end for _, end in SEGMENTS if end is not None)
    late_window = next(end for _, end in SEGMENTS if end is not None)  # the next report after LATE
    timed, windows = [], []  # timed: (millis from base, line)
    for w in range(last + 1):
        count = 300 + 10 * (w % 5)
        drifted = w in DRIFTED
        start = base + timedelta(seconds=w * WINDOW_SECONDS)
        for i in range(count):
            offset = i * WINDOW_SECONDS * 1000 // count
            if w == last and offset >= TAIL_MILLIS:
                break
            timed.append((w * WINDOW_SECONDS * 1000 + offset,
                          json.dumps(event(rng, f"w{w}-{i}", start + timedelta(milliseconds=offset), drifted, truth))))
        for i in range(REGRESSOR_EVENTS):
            offset = (2 * i + 1) * WINDOW_SECONDS * 1000 // (2 * REGRESSOR_EVENTS)
            if w == last and offset >= TAIL_MILLIS:
                break
            timed.append((w * WINDOW_SECONDS * 1000 + offset, json.dumps(
                regression_event(regressor_rng, f"r{w}-{i}", start + timedelta(milliseconds=offset),
                                 w in REGRESSOR_DRIFTED))))
        if w < last:
            windows.append({"window_start": window_iso(start),
                            "window_end": window_iso(start + timedelta(seconds=WINDOW_SECONDS)),
                            "predictions": count, "regressor_predictions": REGRESSOR_EVENTS, "drifted": drifted,
                            "regressor_drifted": w in REGRESSOR_DRIFTED,
                            "late_events": len(LATE_SECONDS) if w == late_window else 0})
        if w == 1:
            # Between windows 1 and 2: bad input must not disturb the windows around it.
            timed.extend((2 * WINDOW_SECONDS * 1000 - 1, line) for line in INVALID)
    timed.sort(key=lambda t: t[0])  # stable: the invalid lines stay after window 1's events
    late = [event(late_rng, f"late-{n}", base + timedelta(seconds=second), False)
            for n, second in enumerate(LATE_SECONDS)]

    segments, produced, previous, reports = [], [], 0, 0
    for n, (name, end_window) in enumerate(SEGMENTS, 1):
        if end_window is None:
            lines = [json.dumps(e) for e in late]
            late_segment = n - 1
        else:
            cut = end_window * WINDOW_SECONDS * 1000 + TAIL_MILLIS
            lines = [line for millis, line in timed if previous <= millis < cut]
            previous, reports = cut, end_window
        with open(out / f"segment-{n}.txt", "w", encoding="utf-8") as produce:
            for line in lines:
                assert "|" not in line
                produce.write(f"{MODEL}|{line}\n")  # one key: one partition, event-time order
        produced.extend(lines)
        valid = [json.loads(line) for line in lines if line not in INVALID]
        # The trigger job evaluates a report once a later one arrived (out-of-orderness 0 s).
        segments.append({"name": name, "file": f"segment-{n}.txt", "lines": len(lines),
                         "predictions": {m: sum(e["model"] == m for e in valid) for m in (MODEL, REGRESSOR)},
                         "reports": reports, "evaluated": reports - 1})
    (out / "events.jsonl").write_text("".join(line + "\n" for line in produced), encoding="utf-8")

    assert segments[late_segment - 1]["reports"] < REGRESSOR_PROFILE_WINDOW < segments[late_segment + 1]["reports"]
    (out / "expected.json").write_text(json.dumps({
        "model": MODEL, "model_version": VERSION, "regressor": REGRESSOR, "models": [MODEL, REGRESSOR],
        "features": len(event(random.Random(0), "any", base, False)["features"]),
        "windows": windows, "segments": segments, "rules": RULES,
        "rule_change": {"after_segment": late_segment, "window_index": segments[late_segment]["evaluated"],
                        "rules": RULE_CHANGE},
        "regressor_profile": {"after_segment": late_segment, "window_index": REGRESSOR_PROFILE_WINDOW,
                              "effective_from": windows[REGRESSOR_PROFILE_WINDOW]["window_start"]},
        "invalid": INVALID, "late": {"segment": late_segment, "prediction_ids": [e["prediction_id"] for e in late],
                                     "window_index": late_window},
        "produced": len(produced)}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--days-ago", type=float, help="start the first window this many days before now")
    args = parser.parse_args()
    if args.days_ago is None:
        start = FIXED_BASE
    else:
        start = (datetime.now(timezone.utc) - timedelta(days=args.days_ago)).replace(second=0, microsecond=0)
    main(args.out, start)
    sys.exit(0)
