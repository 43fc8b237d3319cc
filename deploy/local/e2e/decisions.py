#!/usr/bin/env python3
"""The decisions the e2e test's rules must make (deploy/local/e2e.sh), from the undisturbed run.

  decisions.py EXPECTED_JSON REFERENCE_REPORTS > decisions.json

Applies the rules of EXPECTED_JSON (all `dataset_drift == true`, `for` 1, each with its cooldown) to
the reference run's reports of the expected windows, of each model in window order, as README
"Writing rules" defines them: a rule fires on a report whose condition holds unless it fired for the
same model on a window ending less than its cooldown before. (The regressor has no reference
profile, so no dataset drift: it never fires.) Writes one JSON array: {"rule", "action", "window_index", "window_end",
"idempotency_key"} per decision, the key computed as check_webhooks.idempotency_key does.
"""
import json
import sys
from datetime import datetime, timedelta

from check_webhooks import idempotency_key


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def main(expected_file, reports_file):
    expected = json.load(open(expected_file, encoding="utf-8"))
    reports = {}
    with open(reports_file, encoding="utf-8") as lines:
        for line in lines:
            report = json.loads(line)
            reports[(report["model"], report["window_start"])] = report
    made, last_fired = [], {}
    for model in expected["models"]:
        for index, window in enumerate(expected["windows"]):
            report = reports[(model, window["window_start"])]
            if not (report.get("dataset_drift") or {}).get("drifted"):
                continue
            end = instant(report["window_end"])
            for rule in expected["rules"]:
                fired = last_fired.get((model, rule["name"]))
                if fired is not None and end < fired + timedelta(seconds=rule["cooldown_seconds"]):
                    continue
                last_fired[(model, rule["name"])] = end
                made.append({"rule": rule["name"], "action": rule["action"], "window_index": index,
                             "window_end": window["window_end"], "idempotency_key": idempotency_key(
                                 report["model"], report["model_version"], rule["name"], end)})
    json.dump(made, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
