#!/usr/bin/env bash
# deploy/local/verify.sh — end-to-end check of the local stack: start.sh, then
#   1. the docs/ARCHITECTURE.md topics exist in Kafka,
#   2. Flink's REST /overview shows a TaskManager with MW_FLINK_SLOTS slots,
#   3. Prometheus scrapes every target (the `up` query is 1 for each) and loaded alerts.yml,
#   4. a stand-in job (smoke/MetricsSmokeJob.java) submitted with submit.sh runs and its
#      ModelWatch metrics reach Prometheus under the names of METRICS.md,
#   5. every Grafana dashboard query and alert rule runs against this Prometheus without error
#      (grafana/check_queries.py --allow-empty: the stand-in job exports only a few metrics),
# then stops everything (MW_VERIFY_KEEP=1 leaves the stack running). Needs ports free, see lib.sh.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

passed=0
pass() { passed=$((passed + 1)); log "PASS $*"; }
fail() { log "FAIL $*"; echo "$passed passed, 1 failed"; exit 1; }
finish() {
  if [[ "${MW_VERIFY_KEEP:-0}" != 1 ]]; then "$local_dir/stop.sh"; fi
}
trap finish EXIT

prom_query() { curl -fsS --max-time 5 "$prometheus_url/api/v1/query" --data-urlencode "query=$1"; }
eventually() { # seconds command... : retries a check until it passes
  local deadline=$((SECONDS + $1))
  shift
  until "$@" > /dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 2
  done
}

"$local_dir/start.sh"

# 1. Kafka topics, listed with the admin CLI from the broker's classpath.
listed="$(kafka_run 60 org.apache.kafka.tools.TopicCommand --bootstrap-server "$kafka_bootstrap" \
  --command-config "$MW_STATE_DIR/kafka/admin.properties" --list)"
for topic in "${topics[@]}"; do
  grep -qx "$topic" <<< "$listed" || fail "topic $topic missing from: $listed"
done
pass "Kafka topics: $(tr '\n' ' ' <<< "$listed")"

# 2. Flink cluster.
overview="$(curl -fsS --max-time 5 "$flink_rest/overview")"
jq -e --argjson slots "$MW_FLINK_SLOTS" '.taskmanagers >= 1 and ."slots-total" >= $slots' <<< "$overview" > /dev/null \
  || fail "Flink overview: $overview"
pass "Flink /overview: $overview"

# 3. Prometheus: every target up, the alert rules loaded.
all_up() { prom_query 'up' | jq -e '(.data.result | length) == 3 and all(.data.result[]; .value[1] == "1")'; }
eventually 60 all_up || fail "Prometheus up: $(prom_query up)"
pass "Prometheus up: $(prom_query up | jq -c '[.data.result[] | {(.metric.job): .value[1]}] | add')"
rules="$(curl -fsS --max-time 5 "$prometheus_url/api/v1/rules" | jq '[.data.groups[].rules[]] | length')"
expected_rules="$(grep -c '^      - alert:' "$root/deploy/prometheus/alerts.yml")"
[[ "$rules" == "$expected_rules" ]] || fail "Prometheus loaded $rules alert rules, alerts.yml has $expected_rules"
pass "Prometheus loaded $rules alert rules"

# 4. A stand-in job through submit.sh; its metrics through the reporter into Prometheus.
smoke_dir="$MW_STATE_DIR/smoke"
mkdir -p "$smoke_dir/classes"
javac -nowarn -d "$smoke_dir/classes" -cp "$(classpath flink)" "$local_dir/smoke/MetricsSmokeJob.java"
printf 'Main-Class: MetricsSmokeJob\n' > "$smoke_dir/manifest"
jar cfm "$smoke_dir/metrics-smoke.jar" "$smoke_dir/manifest" -C "$smoke_dir/classes" .
submitted="$(MW_MONITORING_JAR="$smoke_dir/metrics-smoke.jar" "$local_dir/submit.sh" monitoring)" \
  || fail "submit.sh could not run the smoke job"
job_id="$(grep -o 'job [0-9a-f]\{32\}' <<< "$submitted" | cut -d' ' -f2)"
pass "submit.sh: $submitted"
# The reporter filters label values too: model "smoke-model" arrives as "smoke_model".
psi='flink_taskmanager_job_task_operator_modelwatch_model_version_feature_psi{model="smoke_model",version="v1",feature="income",job_name="modelwatch_smoke"}'
has_psi() { prom_query "$psi" | jq -e '.data.result | length >= 1'; }
eventually 90 has_psi || fail "no $psi in Prometheus"
pass "Prometheus has $psi = $(prom_query "$psi" | jq -r '.data.result[0].value[1]')"
accuracy='flink_taskmanager_job_task_operator_modelwatch_model_version_accuracy{model="smoke_model"}'
[[ "$(prom_query "$accuracy" | jq -r '.data.result[0].value[1]')" == NaN ]] || fail "$accuracy is not NaN"
pass "a null metric arrives as NaN: $accuracy"

# 5. The dashboard's queries against this Prometheus.
python3 "$root/deploy/grafana/check_queries.py" --prometheus "$prometheus_url" --allow-empty || fail "dashboard queries"
pass "dashboard queries and alert rules run"

curl -fsS --max-time 10 -X PATCH "$flink_rest/jobs/$job_id?mode=cancel" > /dev/null || true
echo "$passed passed, 0 failed"
