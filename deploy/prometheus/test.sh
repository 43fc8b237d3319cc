#!/usr/bin/env bash
# deploy/prometheus/test.sh — checks the Prometheus configs and alert rules, runs the rules' unit
# tests (alerts.test.yml) with promtool, and parses every Grafana dashboard query
# (../grafana/check_queries.py --offline); installs the Debian prometheus package when promtool
# is missing. CI runs it; exit code 0 when everything passes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v promtool > /dev/null; then
  echo "installing the Debian package prometheus (for promtool)" >&2
  apt-get update -qq > /dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus > /dev/null
fi

promtool check config prometheus.yml
promtool check config prometheus-compose.yml
promtool check rules alerts.yml
promtool test rules alerts.test.yml
python3 ../grafana/check_queries.py --offline
echo "prometheus: configs, rules, rule tests and dashboard queries passed"
