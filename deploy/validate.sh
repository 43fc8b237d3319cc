#!/usr/bin/env bash
# deploy/validate.sh — static checks of everything under deploy/ that cannot run here:
# YAML of docker-compose, Kubernetes and Grafana provisioning parses, the Kafka topic settings
# (kafka/topics.conf) are the same in every deployment, the dashboard JSON parses,
# the shell scripts pass shellcheck (when installed), and deploy/prometheus/test.sh (promtool
# config/rule checks, rule unit tests, dashboard queries). Exit code 0 when all pass.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# A python3 with PyYAML: the one on PATH, else Debian's (package python3-yaml).
py=python3
if ! "$py" -c 'import yaml' 2> /dev/null; then
  py=/usr/bin/python3
  if ! "$py" -c 'import yaml' 2> /dev/null; then
    apt-get update -qq > /dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-yaml > /dev/null
  fi
fi
"$py" - docker-compose.yml kubernetes/*.yaml grafana/provisioning/*/*.yml <<'PY'
import sys, yaml
for path in sys.argv[1:]:
    docs = [d for d in yaml.safe_load_all(open(path, encoding="utf-8")) if d is not None]
    if not docs:
        sys.exit(f"{path}: empty")
print(f"yaml: {len(sys.argv) - 1} files parse")
PY
# One list of topics and settings: the Kubernetes ConfigMap carries a copy of kafka/topics.conf, and
# docker-compose mounts the file itself.
"$py" - <<'PY'
import sys, yaml
conf = open("kafka/topics.conf", encoding="utf-8").read()
maps = [d for d in yaml.safe_load_all(open("kubernetes/kafka-topics.yaml", encoding="utf-8"))
        if d and d.get("kind") == "ConfigMap"]
if not maps or maps[0]["data"].get("topics.conf") != conf:
    sys.exit("kubernetes/kafka-topics.yaml: the ConfigMap's topics.conf differs from kafka/topics.conf")
compose = yaml.safe_load(open("docker-compose.yml", encoding="utf-8"))
if "./kafka/topics.conf:/opt/modelwatch/topics.conf:ro" not in compose["services"]["kafka-topics"].get("volumes", []):
    sys.exit("docker-compose.yml: the kafka-topics service does not mount kafka/topics.conf")
print("topics: kafka/topics.conf, its Kubernetes copy and the compose mount agree")
PY
python3 -c 'import json, sys; [json.load(open(p)) for p in sys.argv[1:]]; print("json: dashboards parse")' grafana/dashboards/*.json

if command -v shellcheck > /dev/null; then
  shellcheck -x local/*.sh prometheus/test.sh validate.sh
  echo "shellcheck: deploy scripts clean"
else
  echo "shellcheck not installed: skipped (apt-get install -y shellcheck)"
fi

prometheus/test.sh
