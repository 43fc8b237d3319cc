#!/usr/bin/env python3
"""The e2e test's delivery targets: a webhook receiver and a stand-in for Airflow 2's REST API.

  webhook_receiver.py PORT LOG_FILE [AIRFLOW_USER_FILE AIRFLOW_PASSWORD_FILE]

Logs every POST as one JSON line {"path", "headers": {lower-case name: value}, "body": text,
"status": the answer, "received": epoch seconds} and answers it:
- POST /api/v1/dags/{dag_id}/dagRuns (with the credentials given, HTTP basic auth): 200 and a DAG
  run for a new `dag_run_id`; 409 for one that exists, as Airflow does; 401 for wrong credentials;
- any other path: 200 (a webhook; the log is the record, deduplication by webhook-id is the checker's).
Listens on 127.0.0.1 only. The DAG runs live in memory: the receiver must outlive the test.
"""
import base64
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver(BaseHTTPRequestHandler):
    log_file = None
    credentials = None  # "Basic ..." expected by the Airflow stand-in, or None without one
    dag_runs = set()
    lock = threading.Lock()

    def do_POST(self):  # noqa: N802 (the name http.server dispatches to)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
        status, answer = 200, b""
        parts = self.path.strip("/").split("/")
        if self.credentials and len(parts) == 5 and parts[:3] == ["api", "v1", "dags"] and parts[4] == "dagRuns":
            if self.headers.get("Authorization") != self.credentials:
                status, answer = 401, b'{"title": "Unauthorized"}'
            else:
                run_id = json.loads(body).get("dag_run_id")
                with self.lock:
                    exists = run_id in self.dag_runs
                    self.dag_runs.add(run_id)
                status = 409 if exists else 200
                answer = json.dumps({"title": "Conflict", "detail": f"DAGRun with DAG ID: '{parts[3]}' and "
                                     f"DAGRun ID: '{run_id}' already exists"} if exists
                                    else {"dag_id": parts[3], "dag_run_id": run_id, "state": "queued"}).encode()
        record = {"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body,
                  "status": status, "received": int(time.time())}
        with self.lock, open(self.log_file, "a", encoding="utf-8") as log:
            log.write(json.dumps(record) + "\n")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format, *args):  # noqa: A002 (quiet: the log file is the record)
        pass


if __name__ == "__main__":
    if len(sys.argv) not in (3, 5):
        sys.exit(__doc__)
    Receiver.log_file = sys.argv[2]
    if len(sys.argv) == 5:
        user, password = (open(f, encoding="utf-8").read().strip() for f in sys.argv[3:5])
        Receiver.credentials = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
