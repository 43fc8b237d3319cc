#!/usr/bin/env bash
# deploy/local/e2e.sh — both ModelWatch jobs end to end on the real local stack:
#   1. builds the jars when missing or older than the sources; starts Kafka, Flink and
#      Prometheus (start.sh) on ports of its own (2xxxx, so a default stack can run next to it)
#      in a wiped state dir;
#   2. writes generated traffic (e2e/traffic.py), a reference profile of its pre-drift part
#      (bin/modelwatch profile), and produces five 10 s windows of prediction events (windows 2
#      and 3 drifted) plus two invalid lines to `predictions` with Kafka's console producer;
#   3. submits the monitoring job (Kafka source, the profile, 10 s windows, checkpoints every 2 s
#      so its exactly-once sinks commit) and the trigger job (one rule, dataset drift → a signed
#      webhook to e2e/webhook_receiver.py on loopback, the secret in a file);
#   4. reads back, with bounded waits: the window reports (read_committed) — windows, volumes,
#      drift only where injected; the dead letters of the invalid lines; the decisions and
#      delivery records on retraining-events; the webhook requests — idempotency keys and
#      Standard Webhooks signatures (e2e/check_webhooks.py); the jobs' metrics in Prometheus; no
#      report twice; both jobs still running without a failure;
# then prints "N passed, M failed" last and stops everything. Exit 0 only if all checks passed.
# MW_E2E_KEEP=1 leaves the stack running (stop it with the same MW_* variables and stop.sh).
set -euo pipefail

export MW_KAFKA_PORT="${MW_KAFKA_PORT:-29092}" MW_KAFKA_CONTROLLER_PORT="${MW_KAFKA_CONTROLLER_PORT:-29093}" \
  MW_FLINK_REST_PORT="${MW_FLINK_REST_PORT:-28081}" MW_FLINK_RPC_PORT="${MW_FLINK_RPC_PORT:-26123}" \
  MW_FLINK_JM_METRICS_PORT="${MW_FLINK_JM_METRICS_PORT:-29249}" \
  MW_FLINK_TM_METRICS_PORT="${MW_FLINK_TM_METRICS_PORT:-29250}" \
  MW_PROMETHEUS_PORT="${MW_PROMETHEUS_PORT:-29090}" MW_STATE_DIR="${MW_STATE_DIR:-/tmp/modelwatch-e2e}"
: "${MW_E2E_WEBHOOK_PORT:=29099}"   # the webhook receiver
: "${MW_E2E_WAIT:=90}"              # seconds to wait for the records of each topic
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

work="$MW_STATE_DIR/e2e"
rule=dataset-drift
passed=0
failed=0
stack_started=false
receiver_pid=
monitoring_job=
trigger_job=

check() { # description command... : one counted check
  local what="$1"
  shift
  if "$@" > /dev/null 2>&1; then
    passed=$((passed + 1))
    log "PASS $what"
  else
    failed=$((failed + 1))
    log "FAIL $what"
  fi
}
abort() { failed=$((failed + 1)); log "FAIL $*"; exit 1; }

# After a failure: the jobs' states and first exceptions, and where the logs are.
diagnose() {
  local job
  for job in "$monitoring_job" "$trigger_job"; do
    [[ -n "$job" ]] || continue
    log "job $job: $(curl -fsS --max-time 5 "$flink_rest/jobs/$job" | jq -r '.name + ": " + .state' || echo unknown)"
    curl -fsS --max-time 5 "$flink_rest/jobs/$job/exceptions" \
      | jq -r '.exceptionHistory.entries[0].stacktrace // empty' | grep -E '^(Caused by|[a-z].*(Exception|Error))' \
      | tail -n 3 >&2 || true
  done
  log "logs: $log_dir (flink-jobmanager.log, flink-taskmanager.log, kafka.log, submit-*.err); e2e data: $work"
}

finish() {
  local rc=$?
  if [[ -n "$receiver_pid" ]]; then kill "$receiver_pid" 2> /dev/null || true; fi
  if ((rc != 0 && failed == 0)); then failed=1; log "FAIL the test stopped early (exit code $rc)"; fi
  if ((failed > 0)) && [[ "$stack_started" == true ]]; then diagnose; fi
  if [[ "${MW_E2E_KEEP:-0}" != 1 ]]; then "$local_dir/stop.sh" || log "stop.sh failed (exit code $?)"; fi
  echo "$passed passed, $failed failed"
  ((failed == 0)) || exit 1
}
trap finish EXIT

# --- 1. jars, a wiped state dir, the stack --------------------------------------------------------
need curl curl
need jq jq
for service in "${services[@]}"; do
  if pid="$(pid_of "$service")"; then abort "$service still runs from $MW_STATE_DIR (PID $pid); stop it first"; fi
done
port_in_use "$MW_E2E_WEBHOOK_PORT" && abort "port $MW_E2E_WEBHOOK_PORT (MW_E2E_WEBHOOK_PORT, the webhook receiver) is in use"
jars=("$root/monitoring-job/target/monitoring-job.jar" "$root/retraining-trigger-job/target/retraining-trigger-job.jar")
stale() { # jar : missing, or older than a source or POM of the build
  [[ ! -f "$1" ]] || [[ -n "$(find "$root/pom.xml" "$root"/{common,monitoring-job,retraining-trigger-job}/{pom.xml,src/main} \
    -newer "$1" -print -quit)" ]]
}
if stale "${jars[0]}" || stale "${jars[1]}"; then
  log "building the job jars (./mvnw -q -B -DskipTests package)"
  (cd "$root" && ./mvnw -q -B -DskipTests package) || abort "the build failed"
fi
# Keep only the resolved classpaths: Kafka data, checkpoints and logs of an earlier run would mix in.
rm -rf "${MW_STATE_DIR:?}"/{kafka,flink,prometheus,logs,pids,e2e}
mkdir -p "$work" "$log_dir"
"$local_dir/start.sh" || abort "start.sh could not start the stack"
stack_started=true

# --- 2. traffic, reference profile, events on `predictions` --------------------------------------
python3 "$local_dir/e2e/traffic.py" "$work" || abort "traffic.py failed"
"$root/bin/modelwatch" profile --input "$work/reference.jsonl" --out "$work/profile.json" --model e2e-model >&2 \
  || abort "bin/modelwatch profile failed"
produced="$(jq .produced "$work/expected.json")"
log "producing $produced records to predictions"
kafka_run 60 org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$kafka_bootstrap" --topic predictions \
  --reader-property parse.key=true --reader-property 'key.separator=|' --command-property acks=all \
  < "$work/produce.txt" || abort "the console producer failed; see $log_dir/kafka-tools.log"

# --- 3. the jobs -----------------------------------------------------------------------------------
# exact-values 50: each shard's ~80 values per window go into KLL sketches, serialized between the
# operators through DataSketches (which needs --add-modules=jdk.incubator.foreign in the
# TaskManager); sketch-k 400 > a window's values keeps the sketches lossless, so drift is exact.
job_id() { grep -o 'job [0-9a-f]\{32\}' <<< "$1" | cut -d' ' -f2; }
out="$("$local_dir/submit.sh" monitoring -- --kafka.bootstrap-servers "$kafka_bootstrap" \
  --kafka.starting-offsets earliest --reference "$work/profile.json" --window 10s --out-of-orderness 1s \
  --idleness 2s --checkpoints.interval 2s --limits.exact-values 50 --limits.sketch-k 400)" || abort "the monitoring job did not start"
monitoring_job="$(job_id "$out")"

umask 077
printf 'whsec_%s\n' "$(head -c 32 /dev/urandom | base64)" > "$work/webhook-secret"
umask 022
python3 "$local_dir/e2e/webhook_receiver.py" "$MW_E2E_WEBHOOK_PORT" "$work/webhooks.jsonl" \
  > "$log_dir/webhook-receiver.out" 2>&1 < /dev/null &
receiver_pid=$!
for _ in {1..50}; do port_in_use "$MW_E2E_WEBHOOK_PORT" && break; sleep 0.1; done
port_in_use "$MW_E2E_WEBHOOK_PORT" || abort "the webhook receiver did not start; see $log_dir/webhook-receiver.out"
cat > "$work/rules.yaml" <<EOF
rules:
  - name: $rule
    when: dataset_drift == true
    severity: critical
    cooldown: 0s
    actions: [e2e-webhook]
actions:
  e2e-webhook: {type: webhook, url: "http://127.0.0.1:$MW_E2E_WEBHOOK_PORT/modelwatch", secret_file: "$work/webhook-secret"}
EOF
# Reports are released in window order once the watermark (window ends, 0 s out of order) passes
# them; the idle second partition of model-window-reports must not hold it back for long.
out="$("$local_dir/submit.sh" trigger -- --rules "$work/rules.yaml" --kafka.bootstrap-servers "$kafka_bootstrap" \
  --checkpoints.interval 2s --out-of-orderness 0s --idleness 2s)" || abort "the trigger job did not start"
trigger_job="$(job_id "$out")"

# --- 4. read back and check ------------------------------------------------------------------------
consume() { # topic max-messages seconds > the values, one a line; stops at max-messages or after seconds without one
  # Fewer records than asked for is the checks' business: the consumer exits 0 on its timeout too.
  kafka_run $(($3 + 30)) org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$kafka_bootstrap" \
    --topic "$1" --from-beginning --isolation-level read_committed --max-messages "$2" --timeout-ms $(($3 * 1000)) \
    2>> "$log_dir/e2e-consumers.err" || abort "the console consumer of $1 failed; see $log_dir/e2e-consumers.err"
}
expect() { jq -c "$1" "$work/expected.json"; }
windows="$(expect '.windows | length')"

log "waiting up to ${MW_E2E_WAIT}s for $windows window reports"
consume model-window-reports "$windows" "$MW_E2E_WAIT" > "$work/reports.jsonl"
reports() { jq -sc "sort_by(.window_start) | $1" "$work/reports.jsonl"; }
check "$(reports length) window reports (expected $windows)" test "$(reports length)" == "$windows"
check "windows $(reports 'map(.window_start)')" test "$(reports 'map(.window_start)')" == "$(expect '.windows | map(.window_start)')"
check "model/version of every report: $(reports 'map(.model + "/" + .model_version) | unique')" \
  test "$(reports 'map(.model + "/" + .model_version) | unique')" == "$(expect '[.model + "/" + .model_version]')"
check "volumes per window $(reports 'map(.volume.predictions)') (expected $(expect '.windows | map(.predictions)'))" \
  test "$(reports 'map(.volume.predictions)')" == "$(expect '.windows | map(.predictions)')"
check "dataset drift per window $(reports 'map(.dataset_drift.drifted)') (expected $(expect '.windows | map(.drifted)'))" \
  test "$(reports 'map(.dataset_drift.drifted)')" == "$(expect '.windows | map(.drifted)')"
check "drifted features per window $(reports 'map(.dataset_drift.drifted_features)'), of $(reports 'map(.dataset_drift.total_features)')" \
  test "$(reports 'map(.dataset_drift.total_features) | unique')" == "$(expect '[.features]')"

invalid="$(expect '.invalid | length')"
consume monitoring-dead-letter "$invalid" 30 > "$work/dead-letters.jsonl"
dead() { jq -sc "$1" "$work/dead-letters.jsonl"; }
check "$(dead length) dead letters (expected $invalid): $(dead 'map(.error)')" test "$(dead length)" == "$invalid"
check "dead letters carry the invalid lines from predictions with offsets" \
  test "$(dead 'map(select(.source_topic == "predictions" and .offset >= 0) | .payload) | sort')" \
  == "$(expect '.invalid | sort')"

decisions="$(expect '.windows | map(select(.drifted)) | length')"
log "waiting for $decisions decisions and their delivery records on retraining-events"
consume retraining-events $((2 * decisions)) "$MW_E2E_WAIT" > "$work/retraining-events.jsonl"
events() { jq -sc "$1" "$work/retraining-events.jsonl"; }
check "decisions for windows ending $(events 'map(select(.kind == "decision") | .window_end) | sort') (expected the drifted ones)" \
  test "$(events "map(select(.kind == \"decision\" and .rule == \"$rule\") | .window_end) | sort")" \
  == "$(expect '.windows | map(select(.drifted) | .window_end)')"
check "delivery records: $(events 'map(select(.kind == "delivery") | "\(.outcome) \(.status) after \(.attempts)")')" \
  test "$(events 'map(select(.kind == "delivery" and .outcome == "delivered" and .status == 200)) | length')" == "$decisions"
check "every decision's delivery record has the decision's idempotency key" \
  test "$(events 'map(select(.kind == "decision") | .idempotency_key) | sort')" \
  == "$(events 'map(select(.kind == "delivery") | .idempotency_key) | sort')"

deadline=$((SECONDS + 30))
until [[ "$(wc -l < "$work/webhooks.jsonl" 2> /dev/null || echo 0)" -ge "$decisions" ]] || ((SECONDS >= deadline)); do
  sleep 1
done
webhook_problems="$(python3 "$local_dir/e2e/check_webhooks.py" "$work/webhooks.jsonl" "$work/webhook-secret" "$rule" \
  "$work/expected.json" 2>&1 > "$work/webhook-keys.txt")" && webhooks_ok=true || webhooks_ok=false
check "the webhook receiver got $(wc -l < "$work/webhooks.jsonl" 2> /dev/null || echo 0) requests: expected webhook-ids, valid signatures${webhook_problems:+ — $webhook_problems}" \
  "$webhooks_ok"
check "the webhook-ids are the decisions' idempotency keys" \
  test "$(jq -Rsc 'split("\n") | map(select(length > 0)) | sort' "$work/webhook-keys.txt")" \
  == "$(events 'map(select(.kind == "decision") | .idempotency_key) | sort')"

# The jobs' metrics as Prometheus scraped them (every 10 s; names from deploy/prometheus/METRICS.md).
prom_value() { # query > the first result's value, or none
  curl -fsS --max-time 5 "$prometheus_url/api/v1/query" --data-urlencode "query=$1" | jq -r '.data.result[0].value[1] // "none"'
}
prom_deadline=$((SECONDS + 45))
prom_check() { # description query expected
  local value
  until value="$(prom_value "$2")"; [[ "$value" == "$3" ]] || ((SECONDS >= prom_deadline)); do sleep 2; done
  check "Prometheus: $1 = $value (expected $3)" test "$value" == "$3"
}
P=flink_taskmanager_job_task_operator_modelwatch
model='model="e2e_model",version="v1"'
prom_check "predictions counted" "sum(${P}_model_version_predictions{$model})" "$(expect '.produced - (.invalid | length)')"
prom_check "window end of the latest report" "max(${P}_model_version_window_end_seconds{$model})" \
  "$(expect '.windows[-1].window_end | fromdateiso8601')"
prom_check "monitoring dead letters" "sum(${P}_dead_letters{job_name=\"modelwatch_monitoring\"})" "$invalid"
prom_check "decisions of rule $rule" "sum(${P}_rule_decisions{rule=\"${rule//-/_}\"})" "$decisions"
prom_check "webhook deliveries" "sum(${P}_action_deliveries_succeeded{action=\"e2e_webhook\"})" "$decisions"

# Exactly once: nothing more arrives (the last event's window never closes), no report twice.
consume model-window-reports $((windows + 1)) 5 > "$work/reports-again.jsonl"
check "exactly $windows reports after waiting for more (read_committed): $(wc -l < "$work/reports-again.jsonl")" \
  test "$(wc -l < "$work/reports-again.jsonl")" -eq "$windows"

job_health() { # job-id > "STATE, N exceptions"
  printf '%s, %s exceptions' "$(curl -fsS --max-time 5 "$flink_rest/jobs/$1" | jq -r .state)" \
    "$(curl -fsS --max-time 5 "$flink_rest/jobs/$1/exceptions" | jq '.exceptionHistory.entries | length')"
}
for job in "$monitoring_job" "$trigger_job"; do
  health="$(job_health "$job")"
  check "job $job: $health" test "$health" == "RUNNING, 0 exceptions"
done
