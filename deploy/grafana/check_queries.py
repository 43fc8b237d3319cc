#!/usr/bin/env python3
"""Checks every query of the Grafana dashboards in deploy/grafana/dashboards/.

Grafana is not packaged on our machines, so the dashboards are checked by running their queries:

  check_queries.py [--prometheus URL]   each panel query and template variable against a live
                                        Prometheus (default $MW_PROMETHEUS_URL or
                                        http://localhost:19090, the one deploy/local/start.sh runs)
                                        via /api/v1/query; fails on any query error
  check_queries.py --offline            parses each query with `promtool check rules` instead
                                        (no server needed; what CI runs)

  check_queries.py --require-data      also fails on a query that returns nothing (or only NaN: a
                                        gauge of a report field that is null), and on a metric
                                        named by an alert rule (deploy/prometheus/alerts.yml) that
                                        does not exist, unless may-be-empty.tsv lists it with the
                                        reason; deploy/local/e2e.sh runs this against its traffic

Both modes also check that panels use the provisioned datasource and that every ModelWatch
metric a query names is listed in deploy/prometheus/METRICS.md. A syntax or evaluation error
always fails. Standard library only.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
DATASOURCE_UID = "modelwatch-prometheus"
OWN_PREFIX = "flink_taskmanager_job_task_operator_modelwatch"
# Grafana's built-in interval variables, replaced by typical values for the check.
BUILTINS = {"$__rate_interval": "1m", "$__interval": "15s", "$__range": "6h"}


def panels_of(dashboard):
    for panel in dashboard.get("panels", []):
        yield panel
        yield from panel.get("panels", [])  # collapsed rows nest their panels


def substitute(expr, variables):
    for name, value in BUILTINS.items():
        expr = expr.replace(name, value)
    for name in sorted(variables, key=len, reverse=True):
        expr = expr.replace("${" + name + "}", variables[name]).replace("$" + name, variables[name])
    return expr


def label_values_selector(query):
    """label_values(selector, label) is Grafana's; the selector part is plain PromQL."""
    m = re.fullmatch(r"\s*label_values\((.*),\s*(\w+)\)\s*", query, re.S)
    return (m.group(1), m.group(2)) if m else (None, None)


def documented_metrics():
    text = open(os.path.join(HERE, "..", "prometheus", "METRICS.md"), encoding="utf-8").read()
    names = set()
    for token in re.findall(r"`([A-Za-z0-9_]+)`", text):
        if token.startswith("M_"):
            names.add(OWN_PREFIX + "_model_version_" + token[2:])
        elif token.startswith("P_"):
            names.add(OWN_PREFIX + "_" + token[2:])
        else:
            names.add(token)
    return names


def collect(paths):
    """Returns [(where, promql)] for every panel target and template variable, and problems."""
    queries, problems = [], []
    for path in paths:
        dashboard = json.load(open(path, encoding="utf-8"))
        name = os.path.basename(path)
        variables = {}
        for var in dashboard.get("templating", {}).get("list", []):
            variables[var["name"]] = var.get("allValue") or ".*"
        for var in dashboard.get("templating", {}).get("list", []):
            query = var.get("query")
            query = query.get("query") if isinstance(query, dict) else query
            selector, _ = label_values_selector(query or "")
            if selector is None:
                problems.append(f"{name}: variable {var['name']}: not label_values(selector, label): {query!r}")
                continue
            queries.append((f"{name}: variable {var['name']}", substitute(selector, variables)))
        for panel in panels_of(dashboard):
            if panel.get("type") == "row":
                continue
            title = panel.get("title", "?")
            for target in panel.get("targets", []):
                uid = (target.get("datasource") or panel.get("datasource") or {}).get("uid")
                if uid != DATASOURCE_UID:
                    problems.append(f"{name}: panel '{title}': datasource uid {uid!r}, expected {DATASOURCE_UID!r}")
                expr = target.get("expr", "").strip()
                if not expr:
                    problems.append(f"{name}: panel '{title}' target {target.get('refId')}: no expr")
                    continue
                queries.append((f"{name}: panel '{title}' target {target.get('refId')}", substitute(expr, variables)))
    documented = documented_metrics()
    for where, expr in queries:
        for metric in set(re.findall(OWN_PREFIX + r"[A-Za-z0-9_]*", expr)):
            if metric not in documented:
                problems.append(f"{where}: {metric} is not in deploy/prometheus/METRICS.md")
    return queries, problems


def allowed_empty():
    """(where-prefix, reason) pairs of may-be-empty.tsv: queries that may return nothing, and why."""
    pairs = []
    for line in open(os.path.join(HERE, "may-be-empty.tsv"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            where, reason = line.rstrip("\n").split("\t", 1)
            pairs.append((where, reason))
    return pairs


def alert_metric_queries():
    """One existence query per metric an alert rule names."""
    text = open(os.path.join(HERE, "..", "prometheus", "alerts.yml"), encoding="utf-8").read()
    exprs = "\n".join(re.findall(r"expr:\s*\|?\s*\n?((?:.*\n)*?)(?=\s*(?:for|labels|annotations):)", text))
    names = sorted(set(re.findall(r"\b(flink_[A-Za-z0-9_]+|up)\b", exprs)))
    return [(f"alerts.yml: metric {name}", f'count({{__name__="{name}"}})') for name in names]


def query(url, expr):
    request = url.rstrip("/") + "/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as e:
        return json.loads(e.read() or b"{}") if e.code in (400, 422) else {"error": f"HTTP {e.code}"}
    except (urllib.error.URLError, OSError) as e:
        sys.exit(f"cannot reach Prometheus at {url}: {e} (start it with deploy/local/start.sh)")


def check_online(queries, url, require_data):
    problems, nonempty, empty_allowed = [], 0, []
    allowed = allowed_empty() if require_data else []
    for where, expr in queries + (alert_metric_queries() if require_data else []):
        body = query(url, expr)
        if body.get("status") != "success":
            problems.append(f"{where}: {body.get('errorType', 'error')}: {body.get('error')}\n    {expr}")
        elif any(sample["value"][1] != "NaN" for sample in body["data"]["result"]):
            nonempty += 1
        elif require_data:
            reason = next((reason for prefix, reason in allowed if where.startswith(prefix)), None)
            if reason is None:
                problems.append(f"{where}: no data\n    {expr}")
            else:
                empty_allowed.append(f"{where}: {reason}")
    for line in empty_allowed:
        print("EMPTY (may-be-empty.tsv)", line)
    return problems, f"{nonempty} returned data" + (f", {len(empty_allowed)} empty as listed" if require_data else "")


def check_offline(queries):
    """promtool check rules parses every expression: one recording rule per query."""
    rules = [{"record": f"modelwatch:dashboard_query:{i}", "expr": expr} for i, (_, expr) in enumerate(queries)]
    with tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False) as f:
        json.dump({"groups": [{"name": "dashboard-queries", "rules": rules}]}, f)  # JSON is YAML
    try:
        result = subprocess.run(["promtool", "check", "rules", f.name], capture_output=True, text=True)
    except FileNotFoundError:
        sys.exit("promtool not found: apt-get install -y prometheus")
    finally:
        os.unlink(f.name)
    if result.returncode == 0:
        return [], "parsed by promtool"
    problems = [result.stdout.strip() + "\n" + result.stderr.strip()]
    for index in sorted(set(int(i) for i in re.findall(r"dashboard_query:(\d+)", result.stdout + result.stderr))):
        problems.append(f"{queries[index][0]}:\n    {queries[index][1]}")
    return problems, ""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prometheus", default=os.environ.get("MW_PROMETHEUS_URL", "http://localhost:19090"))
    parser.add_argument("--offline", action="store_true", help="parse the queries with promtool, no server")
    parser.add_argument("--rate-interval", default=BUILTINS["$__rate_interval"],
                        help="what $__rate_interval stands for (default 1m); a run that just ended wants more")
    parser.add_argument("--require-data", action="store_true",
                        help="fail on empty results and missing alert metrics not listed in may-be-empty.tsv")
    parser.add_argument("dashboards", nargs="*", default=sorted(glob.glob(os.path.join(HERE, "dashboards", "*.json"))))
    args = parser.parse_args()
    if not args.dashboards:
        sys.exit("no dashboards found")

    BUILTINS["$__rate_interval"] = args.rate_interval
    queries, problems = collect(args.dashboards)
    more, summary = check_offline(queries) if args.offline else check_online(queries, args.prometheus, args.require_data)
    problems += more
    for problem in problems:
        print("FAIL", problem)
    mode = "offline (promtool)" if args.offline else args.prometheus
    print(f"grafana: {len(queries)} queries in {len(args.dashboards)} dashboard(s) checked against {mode}: "
          f"{len(problems)} problem(s){', ' + summary if summary else ''}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
