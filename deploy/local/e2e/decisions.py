#!/usr/bin/env python3
"""The decisions the e2e test's rules must make (deploy/local/e2e.sh), from the undisturbed run.

  decisions.py EXPECTED_JSON REFERENCE_REPORTS > decisions.json

Applies the rules of EXPECTED_JSON to the reference run's reports of the expected windows, of each
model in window order, as README "Writing rules" defines them: a rule whose condition held in its
last `for` reports fires, unless it fired for the same model on a window ending less than its
cooldown before; firing starts its streak again. From window `rule_change.window_index` on (the
first the trigger job evaluates after e2e.sh published the changed rule set) the rules of
`rule_change` apply, carried over as docs/RULES-TOPIC.md says: a rule whose `when` or `for`
changed starts a new streak and keeps its cooldown; one that changed otherwise keeps both; a new
one starts afresh. Every condition here is `dataset_drift == true`. Writes one JSON array:
{"model", "rule", "severity", "action", "window_index", "window_end", "idempotency_key"} per
decision, the key computed as check_webhooks.idempotency_key does.
"""
import json
import sys
from datetime import datetime, timedelta

from check_webhooks import idempotency_key


def instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def holds(rule, report):
    if rule["when"] != "dataset_drift == true":
        sys.exit(f"decisions.py knows only the condition 'dataset_drift == true', not {rule['when']!r}")
    return bool((report.get("dataset_drift") or {}).get("drifted"))


def carried_over(old_rules, new_rules, streaks, last_fired):
    """Per (model, rule): what of the streaks and cooldowns survives the change of rule set."""
    old = {rule["name"]: rule for rule in old_rules}
    kept_streaks, kept_fired = {}, {}
    for rule in new_rules:
        before = old.get(rule["name"])
        if before is None:
            continue
        same_condition = (before["when"], before["for"]) == (rule["when"], rule["for"])
        for (model, name), streak in streaks.items():
            if name == rule["name"] and same_condition:
                kept_streaks[(model, name)] = streak
        for (model, name), fired in last_fired.items():
            if name == rule["name"]:
                kept_fired[(model, name)] = fired
    return kept_streaks, kept_fired


def main(expected_file, reports_file):
    expected = json.load(open(expected_file, encoding="utf-8"))
    change = expected["rule_change"]
    reports = {}
    with open(reports_file, encoding="utf-8") as lines:
        for line in lines:
            report = json.loads(line)
            reports[(report["model"], report["window_start"])] = report
    made = []
    for model in expected["models"]:
        rules, streaks, last_fired = expected["rules"], {}, {}
        for index, window in enumerate(expected["windows"]):
            if index == change["window_index"]:
                streaks, last_fired = carried_over(rules, change["rules"], streaks, last_fired)
                rules = change["rules"]
            report = reports[(model, window["window_start"])]
            end = instant(report["window_end"])
            for rule in rules:
                key = (model, rule["name"])
                if not holds(rule, report):
                    streaks[key] = 0
                    continue
                streaks[key] = streaks.get(key, 0) + 1
                fired = last_fired.get(key)
                if streaks[key] < rule["for"] or (
                        fired is not None and end < fired + timedelta(seconds=rule["cooldown_seconds"])):
                    continue
                streaks[key], last_fired[key] = 0, end
                made.append({"model": model, "rule": rule["name"], "severity": rule["severity"],
                             "action": rule["action"], "window_index": index, "window_end": window["window_end"],
                             "idempotency_key": idempotency_key(report["model"], report["model_version"],
                                                                rule["name"], end)})
    json.dump(made, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
