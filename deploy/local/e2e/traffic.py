#!/usr/bin/env python3
"""Writes the e2e test's traffic (deploy/local/e2e.sh), deterministic for a seed.

  traffic.py OUT_DIR [--days-ago N]

--days-ago N: the first window starts N days before now (floored to the minute), so the run is a
replay of old data; without it the windows start on 2026-01-05. Only the times move: the events'
values, and so the reports' values, are the same for any start.

One stream of 10 s windows of prediction events, all keyed by the model (one partition, event-time
order), cut into segments that e2e.sh produces one after another, with a failure between or
during them. Each segment ends with the first 2 s of the next window, so the watermark
(1 s out-of-orderness) closes every window of the segment; the next segment goes on in that window.

OUT_DIR/reference.jsonl      pre-drift prediction events, the input of `modelwatch profile`
OUT_DIR/segment-N.txt        KEY|VALUE lines to produce to `predictions` (N = 1, 2, ...)
OUT_DIR/events.jsonl         every produced value in order (invalid lines too): the input of the
                             undisturbed reference run
OUT_DIR/expected.json        what the jobs must output: per window its bounds, volume and the drift
                             put into it; per segment the windows reported and evaluated once it is
                             produced; the trigger job's rules (decisions.py derives their decisions
                             from the reference run's reports: a window drawn without drift can
                             still show drift by chance, e.g. window 9)
"""
import argparse
import json
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

MODEL, VERSION = "e2e-model", "v1"
FIXED_BASE = datetime(2026, 1, 5, 10, 0, 0, tzinfo=timezone.utc)
WINDOW_SECONDS = 10
TAIL_MILLIS = 2000
# Windows that drift (income and age up, region mix turned around). 2 and 3 in the undisturbed
# segment as before; the others around the failures. 29, 35 and 36 test the retrain rule's cooldown
# across the savepoint: it fires on 29, must not on 35 (50 s < 65 s later), fires again on 36.
# (Window 9, drawn without drift, shows drift in two features by chance: the retrain rule fires there.)
DRIFTED = {2, 3, 7, 8, 12, 17, 18, 22, 29, 35, 36}
# Segments: (name, first window after it). Each also produces the first 2 s of that window.
SEGMENTS = [("undisturbed", 5), ("taskmanager-kill", 15), ("broker-restart", 25),
            ("before-savepoint", 31), ("after-savepoint", 39)]
# The trigger job's rules in the test: name, cooldown, action (e2e.sh writes the rules file from these).
RULES = [{"name": "dataset-drift", "cooldown_seconds": 0, "action": "e2e-webhook"},
         {"name": "retrain", "cooldown_seconds": 65, "action": "e2e-airflow"}]
REFERENCE_EVENTS = 3000
INVALID = [
    "this line is not JSON",
    json.dumps({"prediction_id": "bad-ts", "model": MODEL, "timestamp": "yesterday", "prediction": "1"}),
]


def iso(moment):
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def window_iso(moment):
    return iso(moment).replace(".000Z", "Z")


def event(rng, pid, moment, drifted):
    """One prediction event; drift moves income and age up and turns the region mix around."""
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
            "latency_ms": round(rng.uniform(5, 40), 2)}


def main(out, base):
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20260105)
    with open(out / "reference.jsonl", "w", encoding="utf-8") as ref:
        for i in range(REFERENCE_EVENTS):
            moment = base - timedelta(days=1) + timedelta(seconds=i)
            ref.write(json.dumps(event(rng, f"ref-{i}", moment, False)) + "\n")

    # Every window's events, in time order; w = 0 .. last segment's end (its first 2 s only).
    last = SEGMENTS[-1][1]
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
                          json.dumps(event(rng, f"w{w}-{i}", start + timedelta(milliseconds=offset), drifted))))
        if w < last:
            windows.append({"window_start": window_iso(start),
                            "window_end": window_iso(start + timedelta(seconds=WINDOW_SECONDS)),
                            "predictions": count, "drifted": drifted})
        if w == 1:
            # Between windows 1 and 2: bad input must not disturb the windows around it.
            timed.extend((2 * WINDOW_SECONDS * 1000 - 1, line) for line in INVALID)
    timed.sort(key=lambda t: t[0])  # stable: the invalid lines stay after window 1's events

    segments, produced, previous = [], [], 0
    for n, (name, end_window) in enumerate(SEGMENTS, 1):
        cut = end_window * WINDOW_SECONDS * 1000 + TAIL_MILLIS
        lines = [line for millis, line in timed if previous <= millis < cut]
        previous = cut
        with open(out / f"segment-{n}.txt", "w", encoding="utf-8") as produce:
            for line in lines:
                assert "|" not in line
                produce.write(f"{MODEL}|{line}\n")
        produced.extend(lines)
        # The trigger job evaluates a report once a later one arrived (out-of-orderness 0 s).
        segments.append({"name": name, "file": f"segment-{n}.txt", "lines": len(lines),
                         "reports": end_window, "evaluated": end_window - 1})
    (out / "events.jsonl").write_text("".join(line + "\n" for line in produced), encoding="utf-8")

    (out / "expected.json").write_text(json.dumps({
        "model": MODEL, "model_version": VERSION,
        "features": len(event(random.Random(0), "any", base, False)["features"]),
        "windows": windows, "segments": segments, "rules": RULES,
        "invalid": INVALID, "produced": len(produced)}, indent=1) + "\n", encoding="utf-8")


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
