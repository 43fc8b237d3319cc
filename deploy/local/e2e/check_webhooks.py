#!/usr/bin/env python3
"""Checks the requests webhook_receiver.py logged against the e2e test's expectations.

  check_webhooks.py LOG_FILE SECRET_FILE RULE EXPECTED_JSON

Every drifted window of EXPECTED_JSON must have been requested with webhook-id equal to the
decision's idempotency key, computed here independently of the job (model, version, rule and
window end, as README "What idempotent guarantees" and IdempotencyKey define it), and no other
id may appear. Every request must carry a valid Standard Webhooks v1 signature
(HMAC-SHA256 over "{id}.{timestamp}.{body}" with the base64-decoded secret after "whsec_"), a
timestamp within five minutes of now, and a body of type modelwatch.retrain.requested whose
data names the same key. Prints the expected keys, one a line; exit 1 with the reasons otherwise.
"""
import base64
import hashlib
import hmac
import json
import re
import sys
import time
from datetime import datetime


def idempotency_key(model, version, rule, window_end):
    millis = int(window_end.timestamp() * 1000)
    digest = hashlib.sha256(f"{model}\0{version}\0{rule}\0{millis}".encode()).hexdigest()[:12]
    tail = f"-{window_end.strftime('%Y%m%dT%H%M%SZ')}-{digest}"
    readable = "-".join(["mw"] + [re.sub(r"[^0-9A-Za-z_-]", "_", part) for part in (model, version, rule)])
    return readable[:80 - len(tail)] + tail


def problems(requests, secret, expected_keys):
    key = base64.b64decode(secret.removeprefix("whsec_"))
    seen = set()
    for n, request in enumerate(requests, 1):
        headers, body = request["headers"], request["body"]
        wid, stamp = headers.get("webhook-id", ""), headers.get("webhook-timestamp", "")
        seen.add(wid)
        signed = base64.b64encode(hmac.new(key, f"{wid}.{stamp}.{body}".encode(), hashlib.sha256).digest()).decode()
        signatures = [s.split(",", 1)[1] for s in headers.get("webhook-signature", "").split() if s.startswith("v1,")]
        if not any(hmac.compare_digest(signed, s) for s in signatures):
            yield f"request {n} ({wid}): no valid v1 signature in {headers.get('webhook-signature')!r}"
        if not stamp.isdigit() or abs(time.time() - int(stamp)) > 300:
            yield f"request {n} ({wid}): webhook-timestamp {stamp!r} is not within 5 minutes of now"
        payload = json.loads(body)
        if payload.get("type") != "modelwatch.retrain.requested" or payload["data"].get("idempotency_key") != wid:
            yield f"request {n} ({wid}): unexpected body {body[:200]}"
    if seen != set(expected_keys):
        yield f"webhook-ids {sorted(seen)} != expected {sorted(expected_keys)}"


def main(log_file, secret_file, rule, expected_file):
    expected = json.load(open(expected_file, encoding="utf-8"))
    keys = []
    for window in expected["windows"]:
        if window["drifted"]:
            end = datetime.fromisoformat(window["window_end"].replace("Z", "+00:00"))
            keys.append(idempotency_key(expected["model"], expected["model_version"], rule, end))
    with open(log_file, encoding="utf-8") as log:
        requests = [json.loads(line) for line in log if line.strip()]
    secret = open(secret_file, encoding="utf-8").read().strip()
    found = list(problems(requests, secret, keys))
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        sys.exit(1)
    print("\n".join(keys))


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
