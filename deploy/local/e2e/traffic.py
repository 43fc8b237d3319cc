#!/usr/bin/env python3
"""Writes the e2e test's traffic (deploy/local/e2e.sh), deterministic for a seed.

  traffic.py OUT_DIR

OUT_DIR/reference.jsonl  pre-drift prediction events, the input of `modelwatch profile`
OUT_DIR/produce.txt      KEY|VALUE lines for Kafka's console producer (key = model, so every
                         event lands on one partition, in event-time order): the windows'
                         events, two invalid lines, and one later event whose only purpose
                         is to move the watermark past the last window
OUT_DIR/expected.json    what the job must report: per window its bounds, volume and drift
"""
import json
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

MODEL, VERSION = "e2e-model", "v1"
BASE = datetime(2026, 1, 5, 10, 0, 0, tzinfo=timezone.utc)
WINDOW_SECONDS = 10
# Per 10 s window: (events, drifted). Windows 2 and 3 drift; window 4 is back to normal, so its
# report lets the trigger job's watermark pass window 3 (it evaluates reports in window order).
WINDOWS = [(300, False), (310, False), (320, True), (330, True), (340, False)]
REFERENCE_EVENTS = 3000
INVALID = [
    "this line is not JSON",
    json.dumps({"prediction_id": "bad-ts", "model": MODEL, "timestamp": "yesterday", "prediction": "1"}),
]


def iso(moment):
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


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


def main(out):
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20260105)
    with open(out / "reference.jsonl", "w", encoding="utf-8") as ref:
        for i in range(REFERENCE_EVENTS):
            moment = BASE - timedelta(days=1) + timedelta(seconds=i)
            ref.write(json.dumps(event(rng, f"ref-{i}", moment, False)) + "\n")

    lines, expected = [], []
    for w, (count, drifted) in enumerate(WINDOWS):
        start = BASE + timedelta(seconds=w * WINDOW_SECONDS)
        for i in range(count):
            moment = start + timedelta(milliseconds=i * WINDOW_SECONDS * 1000 // count)
            lines.append(json.dumps(event(rng, f"w{w}-{i}", moment, drifted)))
        end = start + timedelta(seconds=WINDOW_SECONDS)
        expected.append({"window_start": iso(start).replace(".000Z", "Z"), "window_end": iso(end).replace(".000Z", "Z"),
                         "predictions": count, "drifted": drifted})
        if w == 1:
            lines.extend(INVALID)  # between the windows: bad input must not disturb them
    # One window length after the last window's end, so the watermark (1 s out-of-orderness) passes
    # that end; the flush event's own window never closes, so it never gets a report.
    flush = BASE + timedelta(seconds=(len(WINDOWS) + 1) * WINDOW_SECONDS)
    lines.append(json.dumps(event(rng, "flush", flush, False)))

    with open(out / "produce.txt", "w", encoding="utf-8") as produce:
        for line in lines:
            assert "|" not in line
            produce.write(f"{MODEL}|{line}\n")
    (out / "expected.json").write_text(json.dumps({
        "model": MODEL, "model_version": VERSION,
        "features": len(event(random.Random(0), "any", BASE, False)["features"]), "windows": expected,
        "invalid": INVALID, "produced": len(lines)}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
