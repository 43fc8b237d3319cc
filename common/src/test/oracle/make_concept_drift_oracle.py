#!/usr/bin/env python3
"""Oracle for io.modelwatch.common.conceptdrift: writes ../resources/oracle/concept_drift.json.

It feeds streams to River's drift.ADWIN and drift.binary.DDM (river 0.26.1, default settings) and
records where River signals: for ADWIN the indexes where `drift_detected` is true, for DDM one
character per outcome, "s" (stable), "w" (`warning_detected`) or "d" (`drift_detected`).
ADWIN signals a change in either direction; our Adwin reports a drift only when the error rate rose,
so for each ADWIN stream "rises" lists the detections at which a cut that River made had the higher
mean on its newer side (River does not expose this; the transcription below computes it).

The streams are River's own test streams, regenerated from their seeds, plus a few of ours:
  - adwin_doctest: the drift.ADWIN docstring, random.Random(12345), 1000 x choices([0, 1]) then
    1000 x choices(range(4, 8)); River's doctest prints a single detection, at 1023.
  - adwin_numpy_12345: np.random.seed(12345), randint(2, size=1000) then randint(8, size=1000), the
    stream of tests/drift/test_adwin_regression.py (`test_basic_drift_at_expected_index`): [1023].
  - adwin_four_segments: random.Random(42), 0/1, 4..7, 0/1, 4..7 (1000 each), from the same file
    (`test_multiple_drifts`): [1023, 2015, 3007].
  - adwin_constant: 5000 ones (`test_no_drift_constant_stream`): no detection.
  - ddm_doctest: the drift.binary.DDM docstring, random.Random(42), 1000 x choices([0, 1]) then
    1000 x choices([0, 1], weights=[0.3, 0.7]); the doctest prints the first warning after each
    start (1084, then 1492) and the drift (1334).
  - ddm_numpy_12345: np.random.seed(12345), 1000 x binomial(1, 0.2) then 1000 x binomial(1, 0.8), the
    stream of River's test_drift_detectors.py (`test_ddm`): a drift at 1049.
  - ddm_ones: 1000 ones (also `test_ddm`): no drift.
  - ours, error streams (1 = wrong prediction) drawn with random.Random(seed), fed to both detectors:
    stationary (rate 0.1), abrupt (0.1 then 0.3), gradual (a linear ramp from 0.1 to 0.4),
    several changes (up, down, up), improvement (0.3 then 0.1), and for DDM a model that is right on
    its first 40 outcomes and then errs at 2% (see "Deviation" below).
Before writing, the script asserts each of the published River numbers above.

River cannot be installed on the machines this project builds on (no PyPI), so when `river` is not
importable the script runs its own transcription of River's algorithms, written from River's source
(river/drift/adwin.py and the Rust AdaptiveWindowing of rust_src/adwin.rs, bit-identical to the
Cython adwin_c.pyx it replaced in 0.25; river/drift/binary/ddm.py and stats.Mean). That is this file's
Adwin and Ddm classes; they reproduce every published number above. When `river` is importable,
the script uses River itself and also checks that the transcription agrees on every stream. The
JSON's "engine" says which one wrote it.

What River does, in short:
  - ADWIN keeps an exponential histogram (max 5 buckets per size), checks cuts every 32 updates once
    the window holds more than 10 values, and each side of a cut must hold at least 5 values. A cut
    is significant when |mean0 - mean1| > sqrt(2 m v L) + 2/3 m L, with v = variance / width,
    L = ln(2 ln(width) / 0.002) and m = 1 / (n0 - 4) + 1 / (n1 - 4). While a cut is significant the
    oldest bucket is dropped. An update that dropped anything has drift_detected = True, whatever the
    direction of the change, and the next update first resets the detector to an empty window (tick
    counter included).
  - DDM: p = running mean of the outcomes since the last reset, s = sqrt(p (1 - p) / n). Once
    n > 30: if p + s <= p_min + s_min the minimum moves to (p, s); warning when
    p + s > p_min + 2 s_min, drift when p + s > p_min + 3 s_min (then not warning). The update after
    a drift first resets the detector.

Deviation (ours, on purpose, checked by DdmMatchesRiverTest): River lets an outcome with s = 0 (p is
0 or 1) become the minimum. A model right on its first 31+ outcomes then has p_min = s_min = 0 and
its first error is a drift. Our Ddm never takes a minimum with s = 0. The script asserts that this
case decides River's signals only in the stream built for it, ddm_perfect_start.

Run from the repository root (deterministic; needs NumPy for River's seeded NumPy streams):
    python3 common/src/test/oracle/make_concept_drift_oracle.py
"""
import json
import math
import pathlib
import random

import numpy as np

OUT = pathlib.Path(__file__).resolve().parent.parent / "resources" / "oracle" / "concept_drift.json"
RIVER_VERSION = "0.26.1"


class Adwin:
    """River's ADWIN with its defaults (delta 0.002, clock 32, 5 buckets, sub-window 5, grace 10)."""

    DELTA = 0.002
    CLOCK = 32
    MAX_BUCKETS = 5
    MIN_WINDOW = 5
    GRACE = 10

    def __init__(self):
        self.drift_detected = False
        self.rose = False
        self._clear()

    def _clear(self):
        # rows[r] lists [total, variance] of buckets of 2**r values, oldest first
        self.rows = [[]]
        self.total = 0.0
        self.variance = 0.0
        self.width = 0.0
        self.tick = 0

    def update(self, x):
        if self.drift_detected:
            self._clear()
        self._insert(float(x))
        self.drift_detected = self._detect()

    def _insert(self, value):
        self.rows[0].append([value, 0.0])
        self.width += 1.0
        if self.width > 1.0:
            d = value - self.total / (self.width - 1.0)
            self.variance += (self.width - 1.0) * d * d / self.width
        self.total += value
        r = 0
        while len(self.rows[r]) == self.MAX_BUCKETS + 1:
            size = float(2 ** r)
            (t0, v0), (t1, v1) = self.rows[r][0], self.rows[r][1]
            m0, m1 = t0 / size, t1 / size
            if r + 1 == len(self.rows):
                self.rows.append([])
            self.rows[r + 1].append([t0 + t1, v0 + v1 + size * 0.5 * (m0 - m1) * (m0 - m1)])
            del self.rows[r][:2]
            if len(self.rows[r + 1]) <= self.MAX_BUCKETS:
                break
            r += 1

    def _drop_oldest(self):
        last = len(self.rows) - 1
        size = float(2 ** last)
        u, v = self.rows[last][0]
        self.width -= size
        self.total -= u
        mean_bucket, mean_window = u / size, self.total / self.width
        self.variance -= v + size * self.width * (mean_bucket - mean_window) ** 2 / (size + self.width)
        del self.rows[last][0]
        if not self.rows[last]:
            self.rows.pop()

    def _significant(self, n0, n1, delta_mean):
        log_term = math.log(2 * math.log(self.width) / self.DELTA)
        m = 1.0 / (n0 - self.MIN_WINDOW + 1) + 1.0 / (n1 - self.MIN_WINDOW + 1)
        v = self.variance / self.width
        # a variance rounded below zero makes River's sqrt NaN, and NaN compares false
        root = math.sqrt(2 * m * v * log_term) if v >= 0 else math.nan
        return abs(delta_mean) > root + 2.0 / 3.0 * log_term * m

    def _detect(self):
        self.rose = False
        self.tick += 1
        if self.tick % self.CLOCK != 0 or self.width <= self.GRACE:
            return False
        detected = False
        cut = True
        while cut:
            cut = False
            n0, n1, u0, u1 = 0.0, self.width, 0.0, self.total
            buckets = [(2 ** r, t) for r in range(len(self.rows) - 1, -1, -1) for t, _ in self.rows[r]]
            for k, (size, t) in enumerate(buckets):
                n0 += size
                n1 -= size
                u0 += t
                u1 -= t
                if k == len(buckets) - 1:
                    break
                if n1 >= self.MIN_WINDOW and n0 >= self.MIN_WINDOW and self._significant(n0, n1, u0 / n0 - u1 / n1):
                    self.rose = self.rose or u1 / n1 > u0 / n0
                    detected = cut = True
                    self._drop_oldest()
                    break
        return detected


class Ddm:
    """River's drift.binary.DDM with its defaults (warm start 30, warning 2, drift 3)."""

    def __init__(self):
        self.drift_detected = False
        self.warning_detected = False
        self.min_with_zero_s_decided = False
        self._clear()

    def _clear(self):
        self.drift_detected = False
        self.warning_detected = False
        self.n = 0
        self.mean = 0.0  # River's stats.Mean: mean += (1 / n) * (x - mean)
        self.p_min = math.inf
        self.s_min = math.inf
        self.ps_min = math.inf

    def update(self, x):
        if self.drift_detected:
            self._clear()
        self.n += 1
        self.mean += (1.0 / self.n) * (x - self.mean)
        p, n = self.mean, self.n
        s = math.sqrt(p * (1 - p) / n)
        if n > 30:
            if p + s <= self.ps_min:
                self.p_min, self.s_min = p, s
                self.ps_min = self.p_min + self.s_min
            self.warning_detected = p + s > self.p_min + 2.0 * self.s_min
            if p + s > self.p_min + 3.0 * self.s_min:
                self.drift_detected = True
                self.warning_detected = False
            if self.s_min == 0 and (self.warning_detected or self.drift_detected):
                self.min_with_zero_s_decided = True


def river_detectors():
    try:
        from river import drift  # noqa: PLC0415
    except ImportError:
        return None
    return drift.ADWIN, drift.binary.DDM


def adwin_detections(make, stream):
    detector = make()
    found = []
    for i, x in enumerate(stream):
        detector.update(x)
        if detector.drift_detected:
            found.append(i)
    return found


def adwin_rises(stream, detections):
    """The detections at which a cut dropped by River had the higher mean on its newer side."""
    detector = Adwin()
    rises = []
    for i, x in enumerate(stream):
        detector.update(x)
        if detector.drift_detected and detector.rose:
            rises.append(i)
    assert set(rises) <= set(detections)
    return rises


def ddm_states(make, stream):
    detector = make()
    states = []
    for x in stream:
        detector.update(x)
        states.append("d" if detector.drift_detected else "w" if detector.warning_detected else "s")
    return "".join(states)


def errors(seed, rates):
    """One outcome per rate: 1 (wrong) with that probability."""
    rng = random.Random(seed)
    return [1 if rng.random() < rate else 0 for rate in rates]


def steps(*segments):
    return [rate for length, rate in segments for _ in range(length)]


def ramp(length, start, end):
    return [start + (end - start) * i / (length - 1) for i in range(length)]


def river_streams():
    rng = random.Random(12345)
    adwin_doctest = rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000)
    np.random.seed(12345)
    adwin_numpy = np.concatenate((np.random.randint(2, size=1000), np.random.randint(8, size=1000))).tolist()
    rng = random.Random(42)
    four = (rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000)
            + rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000))
    rng = random.Random(42)
    ddm_doctest = rng.choices([0, 1], k=1000) + rng.choices([0, 1], k=1000, weights=[0.3, 0.7])
    np.random.seed(12345)
    ddm_numpy = np.concatenate([
        [np.random.binomial(1, 0.2) for _ in range(1000)],
        [np.random.binomial(1, 0.8) for _ in range(1000)],
    ]).astype(int).tolist()
    return {
        "adwin": {
            "adwin_doctest": adwin_doctest,
            "adwin_numpy_12345": adwin_numpy,
            "adwin_four_segments": four,
            "adwin_constant": [1] * 5000,
        },
        "ddm": {
            "ddm_doctest": ddm_doctest,
            "ddm_numpy_12345": ddm_numpy,
            "ddm_ones": [1] * 1000,
        },
    }


def our_streams():
    return {
        "stationary": errors(101, steps((20000, 0.1))),
        "abrupt": errors(102, steps((5000, 0.1), (5000, 0.3))),
        "gradual": errors(103, steps((4000, 0.1)) + ramp(2000, 0.1, 0.4) + steps((4000, 0.4))),
        "several_changes": errors(104, steps((3000, 0.05), (3000, 0.25), (3000, 0.05), (3000, 0.4))),
        "improvement": errors(105, steps((5000, 0.3), (5000, 0.1))),
    }


def published_checks(adwin, ddm):
    assert adwin["adwin_doctest"] == [1023], adwin["adwin_doctest"]
    assert adwin["adwin_numpy_12345"] == [1023], adwin["adwin_numpy_12345"]
    assert adwin["adwin_four_segments"] == [1023, 2015, 3007], adwin["adwin_four_segments"]
    assert adwin["adwin_constant"] == [], adwin["adwin_constant"]
    doctest = ddm["ddm_doctest"]
    assert [i for i, c in enumerate(doctest) if c == "d"] == [1334]
    assert doctest.index("w") == 1084 and doctest.index("w", 1335) == 1492
    assert [i for i, c in enumerate(ddm["ddm_numpy_12345"]) if c == "d"] == [1049]
    assert "d" not in ddm["ddm_ones"]


def digits(stream):
    """Streams of single-digit values are stored as strings of digits, one per value."""
    assert all(isinstance(x, int) and 0 <= x <= 9 for x in stream)
    return "".join(str(x) for x in stream)


def main():
    river = river_detectors()
    engine = f"river {RIVER_VERSION}" if river else f"transcription of river {RIVER_VERSION} (river not installed)"
    make_adwin, make_ddm = river if river else (Adwin, Ddm)

    streams = river_streams()
    ours = our_streams()
    perfect_start = [0] * 40 + errors(106, steps((4960, 0.02)))
    adwin_streams = {**streams["adwin"], **{f"adwin_{k}": v for k, v in ours.items()}}
    ddm_streams = {**streams["ddm"], **{f"ddm_{k}": v for k, v in ours.items()}, "ddm_perfect_start": perfect_start}

    adwin = {name: adwin_detections(make_adwin, s) for name, s in adwin_streams.items()}
    ddm = {name: ddm_states(make_ddm, s) for name, s in ddm_streams.items()}
    published_checks(adwin, ddm)
    if river:
        for name, s in adwin_streams.items():
            assert adwin_detections(Adwin, s) == adwin[name], name
        for name, s in ddm_streams.items():
            assert ddm_states(Ddm, s) == ddm[name], name

    for name, s in ddm_streams.items():
        transcription = Ddm()
        for x in s:
            transcription.update(x)
        assert transcription.min_with_zero_s_decided == (name == "ddm_perfect_start"), name

    result = {
        "engine": engine,
        "adwin": [{"name": n, "values": digits(s), "detections": adwin[n],
                   "rises": adwin_rises(s, adwin[n])} for n, s in adwin_streams.items()],
        "ddm": [{"name": n, "outcomes": digits(s), "states": ddm[n]} for n, s in ddm_streams.items()],
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    for name, found in adwin.items():
        print(f"ADWIN {name}: {found}")
    for name, states in ddm.items():
        print(f"DDM {name}: drifts {[i for i, c in enumerate(states) if c == 'd']}, "
              f"{states.count('w')} warning outcomes")


if __name__ == "__main__":
    main()
