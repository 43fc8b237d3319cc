#!/usr/bin/env python3
"""Checks every query of the Grafana dashboards in deploy/grafana/dashboards/, and the alert rules.

Grafana is not packaged on our machines, so the dashboards are checked by running their queries:

  check_queries.py [--prometheus URL]   against a live Prometheus (default $MW_PROMETHEUS_URL or
                                        http://localhost:19090, the one deploy/local/start.sh runs),
                                        via /api/v1/query. FAILS on:
                                        - a panel query or template variable that errors, or that
                                          returns no data (nothing, or only NaN: a gauge of a report
                                          field that is null);
                                        - an alert rule of deploy/prometheus/alerts.yml that this
                                          Prometheus has not loaded or could not evaluate, or one of
                                          whose metric selectors selects no series with a number
                                          (see "Alert rules" below);
                                        - an entry of may-be-empty.tsv that is not needed (its query
                                          or rule has data), so the list cannot go stale.
                                        deploy/local/e2e.sh runs this against its traffic.
  check_queries.py --allow-empty        the same, but a query or alert selector without data passes:
                                        only errors fail (deploy/local/verify.sh, whose stand-in job
                                        exports a few metrics only)
  check_queries.py --offline            parses each panel query with `promtool check rules` instead
                                        (no server needed; deploy/prometheus/test.sh, so CI, runs it)

Alert rules: an alert's expression is legitimately empty while it does not fire (PSI >= 0.2 is
empty on healthy data), so its result is not what is checked. Instead every vector selector in
the expression (metric name and label matchers, as Prometheus parsed the rule: /api/v1/rules) is
queried on its own, and must select at least one series whose value is a number. So a rule on a
metric that no job exports, or exports under another name or label, fails, whether or not it fires.

may-be-empty.tsv (next to this script) lists the queries and alert rules that may return no data
in the e2e run, each with its reason: one line `WHERE<TAB>REASON`, WHERE a prefix of the place
this script prints (`modelwatch.json: panel 'Title' target A`, `alerts.yml: rule Name`).

All modes also check that panels use the provisioned datasource and that every ModelWatch metric a
panel query or alert rule names is listed in deploy/prometheus/METRICS.md. Standard library only.
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
    """(where-prefix, reason) pairs of may-be-empty.tsv: queries and rules that may return nothing, and why."""
    pairs = []
    for number, line in enumerate(open(os.path.join(HERE, "may-be-empty.tsv"), encoding="utf-8"), 1):
        if line.strip() and not line.startswith("#"):
            where, tab, reason = line.rstrip("\n").partition("\t")
            if not tab or not reason.strip():
                sys.exit(f"may-be-empty.tsv line {number}: expected WHERE<TAB>REASON, got {line.strip()!r}")
            pairs.append((where, reason))
    return pairs


ALERTS = os.path.join(HERE, "..", "prometheus", "alerts.yml")
# Words of PromQL that are not metric names: label-list modifiers (followed by a list of labels),
# aggregation operators (may be followed by one), binary keywords, and number literals.
LABEL_LISTS = {"by", "without", "on", "ignoring", "group_left", "group_right"}
NOT_METRICS = {"sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
               "quantile", "limitk", "limit_ratio", "and", "or", "unless", "bool", "atan2", "inf", "nan"}


def alert_names():
    """The alert names of alerts.yml, in file order."""
    return re.findall(r"^\s*-\s*alert:\s*(\S+)", open(ALERTS, encoding="utf-8").read(), re.M)


def _skip_quoted(expr, i):
    quote, i = expr[i], i + 1
    while i < len(expr) and expr[i] != quote:
        i += 2 if expr[i] == "\\" and quote != "`" else 1
    return i + 1


def _skip_until(expr, i, closing):
    """From expr[i], past the next `closing` that is not inside a string."""
    while i < len(expr) and expr[i] != closing:
        i = _skip_quoted(expr, i) if expr[i] in "\"'`" else i + 1
    return i + 1


def selectors(expr):
    """The vector selectors of a PromQL expression, as text (`name{matchers}`, `name`, `{matchers}`)."""
    found, i, n = [], 0, len(expr)
    while i < n:
        c = expr[i]
        if c in "\"'`":
            i = _skip_quoted(expr, i)
        elif c == "[":  # a range or subquery duration
            i = _skip_until(expr, i, "]")
        elif c == "{":  # matchers without a name
            end = _skip_until(expr, i, "}")
            found.append(expr[i:end])
            i = end
        elif c.isdigit() or (c == "." and i + 1 < n and expr[i + 1].isdigit()):
            i += 1
            while i < n and (expr[i].isalnum() or expr[i] in "._" or (expr[i] in "+-" and expr[i - 1] in "eE")):
                i += 1
        elif c.isalpha() or c in "_:":
            start = i
            while i < n and (expr[i].isalnum() or expr[i] in "_:"):
                i += 1
            word, j = expr[start:i], i
            while j < n and expr[j].isspace():
                j += 1
            if word in LABEL_LISTS:
                i = _skip_until(expr, j, ")") if j < n and expr[j] == "(" else i
            elif word.lower() in NOT_METRICS or (j < n and expr[j] == "("):
                pass  # a keyword, or a function or aggregation
            elif word == "offset":
                i = j
                while i < n and not expr[i].isspace() and expr[i] not in ")":
                    i += 1
            elif j < n and expr[j] == "{":
                i = _skip_until(expr, j, "}")
                found.append(word + expr[j:i])
            else:
                found.append(word)
        else:
            i += 1
    return found


def alert_rules(url):
    """[(where, selector)] for every selector of every alert rule loaded in Prometheus, and problems."""
    body = get(url, "/api/v1/rules", {"type": "alert"})
    if body.get("status") != "success":
        return [], [f"alerts.yml: cannot list the rules of {url}: {body.get('error')}"]
    loaded, problems, queries = {}, [], []
    for group in body["data"]["groups"]:
        for rule in group["rules"]:
            loaded[rule["name"]] = rule
    for name in alert_names():
        rule = loaded.get(name)
        if rule is None:
            problems.append(f"alerts.yml: rule {name}: not loaded by the Prometheus at {url}")
            continue
        if rule.get("health") == "err":
            problems.append(f"alerts.yml: rule {name}: Prometheus cannot evaluate it: {rule.get('lastError')}\n    {rule['query']}")
        for selector in dict.fromkeys(selectors(rule["query"])):
            queries.append((f"alerts.yml: rule {name} selector {selector}", selector))
    return queries, problems


def file_alert_metrics():
    """The metric names alerts.yml's expressions use (for the METRICS.md check, no server needed)."""
    text = open(ALERTS, encoding="utf-8").read()
    return set(re.findall(OWN_PREFIX + r"[A-Za-z0-9_]*", text))


def get(url, path, params):
    request = url.rstrip("/") + path + "?" + urllib.parse.urlencode(params)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as e:
        return json.loads(e.read() or b"{}") if e.code in (400, 422) else {"error": f"HTTP {e.code}"}
    except (urllib.error.URLError, OSError) as e:
        sys.exit(f"cannot reach Prometheus at {url}: {e} (start it with deploy/local/start.sh)")


def has_data(body):
    """Whether an instant query's answer holds a number: a sample that is not NaN, or a scalar."""
    data = body["data"]
    if data["resultType"] in ("scalar", "string"):
        return data["result"][1] != "NaN"
    return any(sample["value"][1] != "NaN" for sample in data["result"])


def check_online(queries, url, allow_empty):
    rule_queries, problems = alert_rules(url)
    nonempty, empty, allowed_used = 0, [], set()
    allowed = [] if allow_empty else allowed_empty()
    for where, expr in queries + rule_queries:
        body = get(url, "/api/v1/query", {"query": expr})
        if body.get("status") != "success":
            problems.append(f"{where}: {body.get('errorType', 'error')}: {body.get('error')}\n    {expr}")
        elif has_data(body):
            nonempty += 1
        elif allow_empty:
            empty.append(f"{where}: no data")
        else:
            entry = next(((prefix, reason) for prefix, reason in allowed if where.startswith(prefix)), None)
            if entry is None:
                problems.append(f"{where}: no data\n    {expr}")
            else:
                allowed_used.add(entry[0])
                empty.append(f"{where}: {entry[1]}")
    for prefix, _ in allowed:
        if prefix not in allowed_used:
            problems.append(f"may-be-empty.tsv: '{prefix}' is not needed: everything it matches has data "
                            f"(or matches no query or rule); remove it")
    for line in empty:
        print("EMPTY (allowed)", line)
    summary = (f"{len(rule_queries)} of them alert rule selectors; {nonempty} returned data, {len(empty)} empty "
               + ("(allowed: --allow-empty)" if allow_empty else "as may-be-empty.tsv allows"))
    return problems, len(rule_queries), summary


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
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--offline", action="store_true", help="parse the queries with promtool, no server")
    mode.add_argument("--allow-empty", action="store_true",
                      help="live, but only errors fail: a query or alert selector without data passes")
    parser.add_argument("--rate-interval", default=BUILTINS["$__rate_interval"],
                        help="what $__rate_interval stands for (default 1m); a run that just ended wants more")
    parser.add_argument("dashboards", nargs="*", default=sorted(glob.glob(os.path.join(HERE, "dashboards", "*.json"))))
    args = parser.parse_args()
    if not args.dashboards:
        sys.exit("no dashboards found")

    BUILTINS["$__rate_interval"] = args.rate_interval
    queries, problems = collect(args.dashboards)
    documented = documented_metrics()
    for metric in sorted(file_alert_metrics() - documented):
        problems.append(f"alerts.yml: {metric} is not in deploy/prometheus/METRICS.md")
    if args.offline:
        more, summary = check_offline(queries)
    else:
        more, _, summary = check_online(queries, args.prometheus, args.allow_empty)
    problems += more
    for problem in problems:
        print("FAIL", problem)
    where = "offline (promtool)" if args.offline else args.prometheus
    print(f"grafana: {len(queries)} queries in {len(args.dashboards)} dashboard(s)"
          + (f" and {len(alert_names())} alert rules" if not args.offline else "")
          + f" checked against {where}: {len(problems)} problem(s){', ' + summary if summary else ''}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
