#!/usr/bin/env python3
"""Checks the requests webhook_receiver.py logged against the e2e test's expected decisions.

  check_webhooks.py LOG_FILE SECRET_FILE DECISIONS_JSON EVALUATED

The decisions expected are those of DECISIONS_JSON (decisions.py) on the first EVALUATED windows,
each with the idempotency key computed by idempotency_key() below, independently of the job
(model, version, rule and window end, as README "What idempotent guarantees" and IdempotencyKey
define it). Deliveries are at least once, so a decision may be *sent* again after a failure; what
must hold is that it never takes effect twice:

- webhooks: the webhook-ids are exactly the expected keys of the webhook actions' decisions, and
  every request of one id carries the same decision (so a receiver that dedupes on webhook-id, as
  Standard Webhooks asks, acts once); each request has a valid v1 signature (HMAC-SHA256 over
  "{id}.{timestamp}.{body}" with the base64-decoded secret after "whsec_"), a timestamp within five
  minutes of the request, and a body of type modelwatch.retrain.requested naming the key;
- DAG runs: the dag_run_ids are exactly the expected keys of the Airflow actions' decisions; each
  was created once (one 200), every repeat was refused with 409, and the run's conf names the key.

Prints a JSON summary (ids, requests, repeats); exit 1 with the reasons on stderr otherwise.
"""
import base64
import hashlib
import hmac
import json
import re
import sys
from collections import defaultdict


def idempotency_key(model, version, rule, window_end):
    millis = int(window_end.timestamp() * 1000)
    digest = hashlib.sha256(f"{model}\0{version}\0{rule}\0{millis}".encode()).hexdigest()[:12]
    tail = f"-{window_end.strftime('%Y%m%dT%H%M%SZ')}-{digest}"
    readable = "-".join(["mw"] + [re.sub(r"[^0-9A-Za-z_-]", "_", part) for part in (model, version, rule)])
    return readable[:80 - len(tail)] + tail


def webhook_problems(requests, secret, expected_keys):
    key = base64.b64decode(secret.removeprefix("whsec_"))
    decisions = defaultdict(set)
    for n, request in enumerate(requests, 1):
        headers, body = request["headers"], request["body"]
        wid, stamp = headers.get("webhook-id", ""), headers.get("webhook-timestamp", "")
        signed = base64.b64encode(hmac.new(key, f"{wid}.{stamp}.{body}".encode(), hashlib.sha256).digest()).decode()
        signatures = [s.split(",", 1)[1] for s in headers.get("webhook-signature", "").split() if s.startswith("v1,")]
        if not any(hmac.compare_digest(signed, s) for s in signatures):
            yield f"webhook request {n} ({wid}): no valid v1 signature in {headers.get('webhook-signature')!r}"
        if not stamp.isdigit() or abs(request.get("received", int(stamp)) - int(stamp)) > 300:
            yield f"webhook request {n} ({wid}): webhook-timestamp {stamp!r} is not within 5 minutes of the request"
        payload = json.loads(body)
        if payload.get("type") != "modelwatch.retrain.requested" or payload["data"].get("idempotency_key") != wid:
            yield f"webhook request {n} ({wid}): unexpected body {body[:200]}"
        decisions[wid].add(json.dumps(payload.get("data"), sort_keys=True))
    if set(decisions) != set(expected_keys):
        yield (f"webhook-ids: missing {sorted(set(expected_keys) - set(decisions))}, "
               f"unexpected {sorted(set(decisions) - set(expected_keys))}")
    for wid, bodies in decisions.items():
        if len(bodies) > 1:
            yield f"webhook-id {wid} came with {len(bodies)} different decisions"


def dag_run_problems(requests, expected_keys):
    created = defaultdict(int)
    for n, request in enumerate(requests, 1):
        body = json.loads(request["body"])
        run_id = body.get("dag_run_id")
        if request["status"] == 200:
            created[run_id] += 1
        elif request["status"] != 409:
            yield f"DAG run request {n} ({run_id}): answered {request['status']}"
        if body.get("conf", {}).get("idempotency_key") != run_id or not body.get("logical_date"):
            yield f"DAG run request {n} ({run_id}): unexpected body {request['body'][:200]}"
    if set(created) != set(expected_keys):
        yield (f"DAG runs: missing {sorted(set(expected_keys) - set(created))}, "
               f"unexpected {sorted(set(created) - set(expected_keys))}")
    for run_id, count in created.items():
        if count > 1:
            yield f"DAG run {run_id} created {count} times"


def main(log_file, secret_file, decisions_file, evaluated):
    decisions = [d for d in json.load(open(decisions_file, encoding="utf-8")) if d["window_index"] < int(evaluated)]
    with open(log_file, encoding="utf-8") as log:
        requests = [json.loads(line) for line in log if line.strip()]
    webhooks = [r for r in requests if "/dagRuns" not in r["path"]]
    dag_runs = [r for r in requests if "/dagRuns" in r["path"]]
    secret = open(secret_file, encoding="utf-8").read().strip()
    found = list(webhook_problems(webhooks, secret,
                                  [d["idempotency_key"] for d in decisions if d["action"] == "e2e-webhook"]))
    found += dag_run_problems(dag_runs, [d["idempotency_key"] for d in decisions if d["action"] == "e2e-airflow"])
    webhook_ids = {r["headers"].get("webhook-id") for r in webhooks}
    run_ids = {json.loads(r["body"]).get("dag_run_id") for r in dag_runs}
    print(json.dumps({"webhook_ids": len(webhook_ids), "webhook_requests": len(webhooks),
                      "dag_runs": len(run_ids), "dag_run_requests": len(dag_runs),
                      "repeats": len(webhooks) - len(webhook_ids) + len(dag_runs) - len(run_ids)}))
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
