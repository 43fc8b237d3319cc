#!/usr/bin/env bash
# shellcheck disable=SC2016  # jq programs name their $variables in single quotes
# deploy/local/e2e.sh — both ModelWatch jobs end to end on the real local stack, undisturbed and
# through failures, over a replay of old data:
#   1. builds the jars when missing or older than the sources; starts Kafka, Flink (4 slots) and
#      Prometheus (start.sh) on ports of its own (2xxxx, so a default stack can run next to it) in a
#      wiped state dir, the broker checking retention every 5 s;
#   2. writes generated traffic (e2e/traffic.py) whose events are 45 days old — one stream of 10 s
#      windows of a classifier (numerical and categorical features, inline ground truth) and a
#      regressor (inline ground truth), in five segments, and a sixth of late events — and reference
#      profiles of both (bin/modelwatch profile); runs the monitoring job over the same events from a
#      file twice (the undisturbed reference runs): with the classifier's profile, as the live job
#      starts, and with both, for the regressor's windows once its profile applies;
#   3. undisturbed: produces segment 1 (windows 0-4, drift in 2 and 3, two invalid lines), submits the
#      monitoring job (Kafka, 10 s windows, checkpoints every 2 s, values as KLL sketches) and the
#      trigger job (two rules on dataset drift: a signed webhook without cooldown, an Airflow DAG
#      run with a 65 s cooldown, both to e2e/webhook_receiver.py on loopback); then, once Prometheus
#      has the jobs' counters, the late segment: three events of window 0, long closed, so late.
#      Then every Grafana panel query and every alert rule's metrics must have data
#      (deploy/grafana/check_queries.py, which fails on a query without data). Then, while both jobs
#      run, the regressor's profile is published (profile --publish-profile, effective from a window
#      of the next segment) and a changed rule set (trigger --publish-rules: a rule's severity
#      changed, a rule added); both jobs must have read them before the next segment flows;
#   4. TaskManager killed (kill -9) while segment 2 flows; a new one started; both jobs recover;
#   5. Kafka broker restarted while segment 3 flows;
#   6. after segment 4 both jobs stopped with a savepoint (the monitoring job's triggered before
#      segment 5 flows) and started from it with parallelism 2; the retrain rule's cooldown must hold;
#   7. replay of old data: a record stamped with the events' time is deleted by the broker's
#      retention check (its log says so); every report, decision and audit record is still there.
# After each of 3-6 it checks, reading every topic from the beginning (read_committed) and waiting,
# bounded, for what must be there: every window report of each model exactly once and equal to the
# reference run's (floating-point sums to 1e-9, see same_report; the regressor's from the window
# its profile applies on equal to the run with its profile, naming it); the decisions the rules
# (the changed set from the first window evaluated after it was published) make on those reports,
# each once, with its severity, each with one delivery record;
# at the receiver every decision took effect once (webhook-ids, DAG runs created once); the dead
# letters of the invalid lines and the late events and nothing else; both jobs running. Phase 3
# also checks volumes, drift, performance, signatures and the jobs' metrics in Prometheus.
# One PASS/FAIL line per check, then "N passed, M failed" last; exit 0 only if all passed. A trap
# stops everything it started, also on failure. MW_E2E_KEEP=1 leaves the stack running (stop it
# with the same MW_* variables and stop.sh); MW_E2E_FAILURES=0 skips phases 4-6.
set -euo pipefail

export MW_KAFKA_PORT="${MW_KAFKA_PORT:-29092}" MW_KAFKA_CONTROLLER_PORT="${MW_KAFKA_CONTROLLER_PORT:-29093}" \
  MW_FLINK_REST_PORT="${MW_FLINK_REST_PORT:-28081}" MW_FLINK_RPC_PORT="${MW_FLINK_RPC_PORT:-26123}" \
  MW_FLINK_JM_METRICS_PORT="${MW_FLINK_JM_METRICS_PORT:-29249}" \
  MW_FLINK_TM_METRICS_PORT="${MW_FLINK_TM_METRICS_PORT:-29250}" \
  MW_PROMETHEUS_PORT="${MW_PROMETHEUS_PORT:-29090}" MW_STATE_DIR="${MW_STATE_DIR:-/tmp/modelwatch-e2e}"
# Two jobs at parallelism 2 after the rescale; the reference run needs one more slot while it runs.
export MW_FLINK_SLOTS="${MW_FLINK_SLOTS:-4}"
# The broker checks retention every 5 s (default 5 min), so phase 7 sees a check run.
export MW_KAFKA_EXTRA_CONFIG="${MW_KAFKA_EXTRA_CONFIG:-log.retention.check.interval.ms=5000}"
# A killed TaskManager is noticed after two failed heartbeat calls, 2 s apart (not 10 s); restarts
# after repeated failures (a broker away) wait at most 10 s (not 1 min).
export MW_FLINK_EXTRA_CONFIG="${MW_FLINK_EXTRA_CONFIG:-heartbeat.interval: 2000
restart-strategy.exponential-delay.max-backoff: 10s}"
: "${MW_E2E_WEBHOOK_PORT:=29099}"   # the webhook receiver (and Airflow stand-in)
: "${MW_E2E_WAIT:=120}"             # seconds to wait for the expected records of a topic, or a job
: "${MW_E2E_RATE:=200}"             # predictions per second while a segment flows
: "${MW_E2E_FAILURES:=1}"           # 0: phases 4-6 are skipped
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

work="$MW_STATE_DIR/e2e"
tool_dir="$MW_STATE_DIR/e2e-tool"
started_ms="$(date +%s%3N)"
passed=0
failed=0
stack_started=false
receiver_pid=
producer_pid=
monitoring_job=
trigger_job=
reference_job=

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
  log "logs: $log_dir (flink-jobmanager.log, flink-taskmanager.log, kafka.log, submit-*.err, e2e-*.err); e2e data: $work"
}

finish() {
  local rc=$?
  if [[ -n "$producer_pid" ]]; then kill "$producer_pid" 2> /dev/null || true; fi
  if [[ -n "$receiver_pid" ]]; then kill "$receiver_pid" 2> /dev/null || true; fi
  if ((rc != 0 && failed == 0)); then failed=1; log "FAIL the test stopped early (exit code $rc)"; fi
  if ((failed > 0)) && [[ "$stack_started" == true ]]; then diagnose; fi
  if [[ "${MW_E2E_KEEP:-0}" != 1 ]]; then "$local_dir/stop.sh" || log "stop.sh failed (exit code $?)"; fi
  log "e2e took $((SECONDS / 60)) min $((SECONDS % 60)) s"
  echo "$passed passed, $failed failed"
  ((failed == 0)) || exit 1
}
trap finish EXIT
trap 'exit 130' INT TERM

# --- helpers: Kafka through e2e/KafkaTool.java, Flink through its REST API --------------------------
tool_java() { # > the java command line of KafkaTool, one word a line
  printf '%s\n' java -Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dmw.log.file="$log_dir/kafka-tools.log" \
    -Dlog4j2.configurationFile="$MW_STATE_DIR/kafka/log4j2.properties" -cp "$tool_dir:$(classpath kafka)" KafkaTool
}
tool() { # seconds KafkaTool-arguments... (see KafkaTool.java)
  local seconds="$1" java
  shift
  mapfile -t java < <(tool_java)
  timeout "$seconds" "${java[@]}" "$@"
}
# Every committed record of a topic into a file, one JSON line each: waits (MW_E2E_WAIT) until the
# expected number arrived, then reads on to the end of every partition. Fewer is the checks' business.
read_topic() { # topic expected out-file
  if ! tool $((MW_E2E_WAIT + 60)) read "$kafka_bootstrap" "$1" "$2" "$MW_E2E_WAIT" > "$3" 2>> "$log_dir/e2e-reads.err"; then
    log "reading $1: $(tail -n 1 "$log_dir/e2e-reads.err")"
  fi
}
values() { jq -c '.value | fromjson' "$1"; } # read_topic's file > the record values
expect() { jq -c "$@" "$work/expected.json"; } # [jq options] filter
decided() { jq -c "$@" "$work/decisions.json"; } # [jq options] filter over decisions.py's list
# jq: same(a; b) when two reports are equal: every field of the same type and value, except that
# two non-equal numbers may differ by 1e-9 of the larger. Events are pre-aggregated where they are
# read and merged downstream, so a restart, a rescale or an idle partition can change the order in
# which floating-point sums (means, deviations, accuracy) are added, and their last bits; a count
# that is off by one differs far more than that. core: a report without volume.late_events, which
# counts late events in the next report the model version emits, whichever window that is: in the
# reference run, which reads its file at full speed, their note can overtake the windows before
# them (it got to window 1's report, not 5's); live, the late segment comes after window 4's report
# is out, so they are in window 5's, and check_outputs checks that.
same_report='
def core: del(.volume.late_events);
def abs_: if . < 0 then -. else . end;
def same($a; $b):
  if ($a | type) == "number" and ($b | type) == "number" then
    $a == $b or ((($a - $b) | abs_) <= 1e-9 * ([($a | abs_), ($b | abs_)] | max))
  elif ($a | type) == "object" and ($b | type) == "object" then
    ($a | keys) == ($b | keys) and all($a | keys[]; . as $k | same($a[$k]; $b[$k]))
  elif ($a | type) == "array" and ($b | type) == "array" then
    ($a | length) == ($b | length) and all(range(0; $a | length); . as $i | same($a[$i]; $b[$i]))
  else $a == $b end;'
# " — missing [...], twice [...], unexpected [...]" for two JSON arrays, or nothing when equal.
differences() { # actual expected
  jq -rn --argjson a "$1" --argjson e "$2" '
    [($e - $a | select(length > 0) | "missing \(tojson)"),
     ([$a | group_by(.)[] | select(length > 1) | .[0]] | select(length > 0) | "twice \(tojson)"),
     ($a - $e | select(length > 0) | "unexpected \(tojson)")] | if length > 0 then " — " + join(", ") else "" end'
}

job() { curl -fsS --max-time 5 "$flink_rest/jobs/$1"; }
job_state() { job "$1" | jq -r .state; }
job_finished() { test "$(job_state "$1")" == FINISHED; }
all_tasks_running() { job "$1" | jq -e '.state == "RUNNING" and all(.vertices[]; .status == "RUNNING")'; }
wait_for() { # seconds description command... : polls until the command succeeds
  local seconds="$1" what="$2" deadline=$((SECONDS + $1))
  shift 2
  until "$@" > /dev/null 2>&1; do
    if ((SECONDS >= deadline)); then log "gave up after $seconds s waiting for $what"; return 1; fi
    sleep 1
  done
}
restored() { curl -fsS --max-time 5 "$flink_rest/jobs/$1/checkpoints" | jq -c '.latest.restored // {}'; }
restarts() { curl -fsS --max-time 5 "$flink_rest/jobs/$1/metrics?get=numRestarts" | jq -r '.[0].value // "?"'; }
# The control topics' readers (profiles, rule sets) run at parallelism 1 by design: they are left out.
parallelism() { job "$1" | jq -c '[.vertices[] | select(.name | test("reference profiles|rule sets") | not) | .parallelism] | unique'; }
completed_checkpoints() { curl -fsS --max-time 5 "$flink_rest/jobs/$1/checkpoints" | jq -r .counts.completed; }
# Until the job completed N more checkpoints: whatever it had emitted is committed (or aborted) by then.
await_checkpoints() { # job n
  local target=$(($(completed_checkpoints "$1") + $2))
  wait_for "$MW_E2E_WAIT" "$2 more checkpoints of job $1" test_checkpoints "$1" "$target"
}
test_checkpoints() { (($(completed_checkpoints "$1") >= $2)); }

# POST /jobs/:id/stop (no drain: open windows stay in the savepoint) > the request's id.
trigger_stop() { # job-id
  curl -fsS --max-time 30 -X POST -H 'Content-Type: application/json' \
    -d "{\"drain\": false, \"targetDirectory\": \"file://$MW_STATE_DIR/flink/savepoints\"}" \
    "$flink_rest/jobs/$1/stop" | jq -er '."request-id"'
}
await_savepoint() { # job-id request-id > the savepoint's path, once the job stopped with it
  local request="$2" status deadline=$((SECONDS + MW_E2E_WAIT))
  while ((SECONDS < deadline)); do
    status="$(curl -fsS --max-time 5 "$flink_rest/jobs/$1/savepoints/$request")" || status='{}'
    if [[ "$(jq -r '.status.id' <<< "$status")" == COMPLETED ]]; then
      if jq -e '.operation.location' <<< "$status" > /dev/null; then
        wait_for "$MW_E2E_WAIT" "job $1 to finish after its savepoint" job_finished "$1" || return 1
        jq -r '.operation.location' <<< "$status"
        return 0
      fi
      log "stop with savepoint of job $1 failed: $(jq -c '.operation."failure-cause".class // .operation' <<< "$status")"
      return 1
    fi
    sleep 1
  done
  return 1
}

job_id() { grep -o 'job [0-9a-f]\{32\}' <<< "$1" | cut -d' ' -f2; }
monitoring_args() { # [reference file or dir]
  echo --kafka.bootstrap-servers "$kafka_bootstrap" --kafka.starting-offsets earliest \
    --reference "${1:-$work/profiles/profile.json}" --window 10s --out-of-orderness 1s --idleness 2s \
    --checkpoints.interval 2s --limits.exact-values 50 --limits.sketch-k 400 \
    --performance.regression-models "[$(expect -r .regressor)]"
}
submit_monitoring() { # [parallelism savepoint]: sets monitoring_job
  local out args
  read -r -a args <<< "$(monitoring_args)"
  out="$(MW_PARALLELISM="${1:-1}" MW_SAVEPOINT="${2:-}" "$local_dir/submit.sh" monitoring -- "${args[@]}")" \
    || abort "the monitoring job did not start"
  monitoring_job="$(job_id "$out")"
}
# Reports are released in window order once the watermark (window ends, 0 s out of order) passes
# them; the idle second partition of model-window-reports must not hold it back for long.
submit_trigger() { # [parallelism savepoint]: sets trigger_job
  local out
  out="$(MW_PARALLELISM="${1:-1}" MW_SAVEPOINT="${2:-}" "$local_dir/submit.sh" trigger -- --rules "$work/rules.yaml" \
    --kafka.bootstrap-servers "$kafka_bootstrap" --checkpoints.interval 2s --out-of-orderness 0s --idleness 2s)" \
    || abort "the trigger job did not start"
  trigger_job="$(job_id "$out")"
}

# Produces a segment of the traffic at MW_E2E_RATE records per second, in the background.
produce_segment() { # segment-index
  local file java
  file="$work/$(expect -r ".segments[$1].file")"
  mapfile -t java < <(tool_java)
  # exec: $! is the timeout process itself, which passes a SIGTERM from finish() on to the JVM.
  (exec timeout 300 "${java[@]}" produce "$kafka_bootstrap" predictions "$file" "$MW_E2E_RATE" 2>> "$log_dir/e2e-producer.err") &
  producer_pid=$!
}
producer_done() { # phase: waits for the background producer; every record must be acknowledged
  local rc=0
  wait "$producer_pid" || rc=$?
  producer_pid=
  check "$1: the producer had every record of the segment acknowledged ($(tail -n 1 "$log_dir/e2e-producer.err"))" \
    test "$rc" -eq 0
}

# --- the checks after every phase -------------------------------------------------------------------
# The undisturbed reference run's reports, once it finished, and the decisions the rules make on them.
# The regressor's reports come from the run with its profile from the window its profile applies on.
reference_reports() {
  local detected drawn got from job
  [[ ! -s "$work/decisions.json" ]] || return 0
  for job in "$reference_job" "$profiled_reference_job"; do
    wait_for "$MW_E2E_WAIT" "the reference run $job to finish" job_finished "$job" \
      || abort "the reference run $job did not finish: $(job_state "$job")"
  done
  from="$(expect -r .regressor_profile.effective_from)"
  {
    find "$work/reference-reports" -type f -name 'part-*' -exec cat {} + \
      | jq -c --arg m "$regressor" --arg from "$from" 'select(.model != $m or .window_start < $from)'
    find "$work/profiled-reference-reports" -type f -name 'part-*' -exec cat {} + \
      | jq -c --arg m "$regressor" --arg from "$from" 'select(.model == $m and .window_start >= $from)'
  } | jq -sc 'sort_by(.model, .window_start)[]' > "$work/reference-reports.jsonl"
  detected="$(jq -sc --argjson n "$(expect '.windows | length')" --arg m "$(expect -r .model)" \
    'map(select(.model == $m)) | .[:$n] | to_entries | map(select(.value.dataset_drift.drifted) | .key)' \
    "$work/reference-reports.jsonl")"
  drawn="$(expect '.windows | to_entries | map(select(.value.drifted) | .key)')"
  check "reference run: $(wc -l < "$work/reference-reports.jsonl") reports; drift in windows $detected, every window drawn with drift among them" \
    test "$(jq -nc --argjson d "$detected" --argjson w "$drawn" '$w - $d')" == "[]"
  detected="$(jq -sc --argjson n "$(expect '.windows | length')" --arg m "$regressor" \
    'map(select(.model == $m)) | .[:$n] | to_entries | map(select(.value.dataset_drift.drifted) | .key)' \
    "$work/reference-reports.jsonl")"
  drawn="$(expect '.windows | to_entries | map(select(.value.regressor_drifted) | .key)')"
  check "reference runs: $regressor: drift in windows $detected (its profile applies from window $(expect .regressor_profile.window_index)), every window drawn with drift among them" \
    test "$(jq -nc --argjson d "$detected" --argjson w "$drawn" '$w - $d')" == "[]"
  # The traffic does what it is for: the late events are late in the reference run too. They count
  # in the next report the model emits, and there their note may overtake windows still in flight
  # (see same_report), so only their sum is the reference run's business.
  got="$(jq -sc --arg m "$(expect -r .model)" 'map(select(.model == $m and .volume.late_events > 0) | {(.window_start): .volume.late_events}) | add' \
    "$work/reference-reports.jsonl")"
  check "reference run: late events of $(expect -r .model), in the windows $got, $(expect '.late.prediction_ids | length') in all" \
    test "$(jq 'add' <<< "$got")" == "$(expect '.late.prediction_ids | length')"
  python3 "$local_dir/e2e/decisions.py" "$work/expected.json" "$work/reference-reports.jsonl" > "$work/decisions.json" \
    || abort "decisions.py failed"
}

check_outputs() { # phase segment-index : every output, read from the beginning, against what must be there
  local phase="$1" k="$2" at="$work/$1" reports evaluated want got decisions n models
  reports="$(expect ".segments[$k].reports")"
  evaluated="$(expect ".segments[$k].evaluated")"
  models="$(expect '.models | length')"
  reference_reports

  log "$phase: reading the window reports of windows 0-$((reports - 1)) of $models models"
  read_topic model-window-reports $((reports * models)) "$at-reports.raw"
  values "$at-reports.raw" > "$at-reports.jsonl"
  got="$(jq -sc 'map("\(.model) \(.window_start)")' "$at-reports.jsonl")"
  want="$(expect --argjson n "$reports" '.windows[:$n] as $w | [.models[] as $m | $w[] | "\($m) \(.window_start)"] | sort')"
  check "$phase: $(jq length <<< "$got") window reports of $reports windows of $models models, each once (read_committed)$(differences "$got" "$want")" \
    test "$(jq -c sort <<< "$got")" == "$want"
  got="$(jq -nc --slurpfile live "$at-reports.jsonl" --slurpfile ref "$work/reference-reports.jsonl" \
    "$same_report"' ($ref | map({("\(.model) \(.window_start)"): core}) | add) as $r
      | [$live[] | "\(.model) \(.window_start)" as $k | select(same($r[$k]; core) | not) | $k]')"
  check "$phase: every report equal to the undisturbed reference run's but for late events$([[ "$got" == "[]" ]] || echo " — differing: $got")" \
    test "$got" == "[]"
  got="$(jq -sc --arg m "$regressor" 'map(select(.model == $m)) | sort_by(.window_start) | map(.reference.profile_id)' "$at-reports.jsonl")"
  want="$(expect -c --argjson n "$reports" --arg id "$regressor_profile_id" '.regressor_profile.window_index as $w
    | [range(0; $n) | if . < $w then null else $id end]')"
  check "$phase: $regressor: reports name the published profile (sha256sum of its file) from window $(expect .regressor_profile.window_index) on, none before" \
    test "$got" == "$want"
  got="$(jq -sc --arg m "$(expect -r .model)" 'map(select(.model == $m)) | sort_by(.window_start) | map(.volume.late_events)' "$at-reports.jsonl")"
  want="$(expect --argjson n "$reports" '.windows[:$n] | map(.late_events)')"
  check "$phase: late events per window of $(expect -r .model): $got (the late segment's in the next report after it)" \
    test "$got" == "$want" -a "$(jq -s 'map(.volume.late_events) | add' "$at-reports.jsonl")" == "$(jq add <<< "$want")"

  decisions="$(decided "[.[] | select(.window_index < $evaluated)]")"
  n="$(jq length <<< "$decisions")"
  log "$phase: reading $n decisions and their $n delivery records"
  read_topic retraining-events $((2 * n)) "$at-events.raw"
  values "$at-events.raw" > "$at-events.jsonl"
  want="$(jq -c 'map("\(.idempotency_key) \(.severity)") | sort' <<< "$decisions")"
  got="$(jq -sc 'map(select(.kind == "decision") | "\(.idempotency_key) \(.severity)") | sort' "$at-events.jsonl")"
  check "$phase: $(jq length <<< "$got") decisions, each once and with its severity, as the rules in force decide on the reference reports$(differences "$got" "$want")" \
    test "$got" == "$want"
  want="$(jq -c 'map(.idempotency_key) | sort' <<< "$decisions")"
  got="$(jq -sc 'map(select(.kind == "delivery") | .idempotency_key) | sort' "$at-events.jsonl")"
  check "$phase: one delivery record per decision: $(jq -sc 'map(select(.kind == "delivery") | "\(.outcome) \(.status)") | group_by(.) | map("\(length)x \(.[0])") | join(", ")' "$at-events.jsonl")$(differences "$got" "$want")" \
    test "$got" == "$want" -a "$(jq -s 'map(select(.kind == "delivery" and (.outcome == "delivered" or .outcome == "duplicate"))) | length' "$at-events.jsonl")" == "$n"

  # Each delivery record was written after its request was answered, so the receiver has them all.
  local summary problems
  summary="$(python3 "$local_dir/e2e/check_webhooks.py" "$work/webhooks.jsonl" "$work/webhook-secret" \
    "$work/decisions.json" "$evaluated" 2> "$at-receiver.err")" || true
  problems="$(tr '\n' ';' < "$at-receiver.err")"
  check "$phase: at the receiver every decision took effect once (webhook-ids, DAG runs created once): $summary${problems:+ — $problems}" \
    test -z "$problems" -a -n "$summary"

  # The invalid lines with their offsets, and once the late segment was produced its late events
  # (offset -1: the window step no longer knows where a record was read; payload: the event).
  want="$(expect -c --argjson k "$k" '(.invalid | map("invalid: " + .)) + (if $k >= .late.segment then .late.prediction_ids | map("late: " + .) else [] end) | sort')"
  read_topic monitoring-dead-letter "$(jq length <<< "$want")" "$at-dead-letters.raw"
  got="$(values "$at-dead-letters.raw" | jq -sc 'map(if .offset >= 0 then "invalid: " + .payload
    else "late: " + ((.payload | fromjson? | .prediction_id) // .payload) end) | sort')"
  check "$phase: monitoring dead letters: the invalid lines and the late events, nothing else (no event became late through a failure): $(values "$at-dead-letters.raw" | jq -sc 'map(.error[:60])')$(differences "$got" "$want")" \
    test "$got" == "$want"
  read_topic retraining-dead-letter 0 "$at-trigger-dead-letters.raw"
  check "$phase: no retraining dead letters (no report out of order, no failed delivery): $(wc -l < "$at-trigger-dead-letters.raw")" \
    test ! -s "$at-trigger-dead-letters.raw"

  local job
  for job in "$monitoring_job" "$trigger_job"; do
    check "$phase: job $job ($(job "$job" | jq -r .name)) RUNNING, every task running" all_tasks_running "$job"
  done
}

# --- 1. jars, a wiped state dir, the stack -----------------------------------------------------------
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
rm -rf "${MW_STATE_DIR:?}"/{kafka,flink,prometheus,logs,pids,e2e,e2e-tool}
mkdir -p "$work" "$log_dir" "$tool_dir"
"$local_dir/start.sh" || abort "start.sh could not start the stack"
stack_started=true
javac -nowarn -d "$tool_dir" -cp "$(classpath kafka)" "$local_dir/e2e/KafkaTool.java" || abort "KafkaTool.java does not compile"

# --- 2. traffic, reference profile, the undisturbed reference run -------------------------------------
python3 "$local_dir/e2e/traffic.py" "$work" --days-ago 45 || abort "traffic.py failed"
log "traffic: $(expect '.windows | length') windows from $(expect -r '.windows[0].window_start'), $(expect '.produced') records in $(expect '.segments | length') segments"
classifier="$(expect -r .model)"
regressor="$(expect -r .regressor)"
# The classifier's profile (every version) is the live job's --reference; the regressor's (v1) is
# published while the jobs run.
mkdir -p "$work/profiles"
"$root/bin/modelwatch" profile --input "$work/reference.jsonl" --out "$work/profiles/profile.json" --model "$classifier" >&2 \
  || abort "bin/modelwatch profile failed"
"$root/bin/modelwatch" profile --input "$work/regressor-reference.jsonl" --out "$work/regressor-profile.json" \
  --model "$regressor" --model-version "$(expect -r .model_version)" >&2 || abort "bin/modelwatch profile failed"
regressor_profile_id="sha256:$(sha256sum "$work/regressor-profile.json" | cut -c1-16)"
mkdir -p "$work/both-profiles"
cp "$work/profiles/profile.json" "$work/regressor-profile.json" "$work/both-profiles/"
# The same job and settings over the same events from a file: the reports every phase must match.
reference_run() { # reference reports-directory > the job's id
  local args out
  read -r -a args <<< "$(monitoring_args "$1")"
  out="$(MW_SUBMIT_BOUNDED=1 "$local_dir/submit.sh" monitoring -- "${args[@]}" --source.type file \
    --source.path "$work/events.jsonl" --sinks.kafka false --sinks.reports-directory "$2" \
    --watermarks per-event --checkpoints.interval 1s)" || abort "the reference run ($1) did not start"
  job_id "$out"
}
reference_job="$(reference_run "$work/profiles/profile.json" "$work/reference-reports")"
profiled_reference_job="$(reference_run "$work/both-profiles" "$work/profiled-reference-reports")"

# --- 3. undisturbed -----------------------------------------------------------------------------------
phase=undisturbed
# The reference runs finish first: two of them next to the live job's start starve it of CPU on 2
# cores, and a source split starved past its idleness timeout goes idle, which lets windows close
# before their concept-drift notes arrive (Flink's idleness trade-off: an idle input stops holding
# the merge's watermark back).
reference_reports
log "== $phase: producing segment 1, then submitting both jobs"
produce_segment 0
producer_done "$phase"
submit_monitoring

umask 077
printf 'whsec_%s\n' "$(head -c 32 /dev/urandom | base64)" > "$work/webhook-secret"
echo e2e-airflow > "$work/airflow-user"
head -c 18 /dev/urandom | base64 > "$work/airflow-password"
umask 022
python3 "$local_dir/e2e/webhook_receiver.py" "$MW_E2E_WEBHOOK_PORT" "$work/webhooks.jsonl" \
  "$work/airflow-user" "$work/airflow-password" > "$log_dir/webhook-receiver.out" 2>&1 < /dev/null &
receiver_pid=$!
for _ in {1..50}; do port_in_use "$MW_E2E_WEBHOOK_PORT" && break; sleep 0.1; done
port_in_use "$MW_E2E_WEBHOOK_PORT" || abort "the webhook receiver did not start; see $log_dir/webhook-receiver.out"
touch "$work/webhooks.jsonl"
rules_yaml() { # jq path of a rule list in expected.json > a rules file
  echo "rules:"
  expect -r "$1"'[] | "  - name: \(.name)\n    when: \(.when)\n    for: \(.for)\n    severity: \(.severity)\n    cooldown: \(.cooldown_seconds)s\n    actions: [\(.action)]"'
  cat <<EOF
actions:
  e2e-webhook: {type: webhook, url: "http://127.0.0.1:$MW_E2E_WEBHOOK_PORT/modelwatch", secret_file: "$work/webhook-secret"}
  e2e-airflow: {type: airflow, url: "http://127.0.0.1:$MW_E2E_WEBHOOK_PORT", dag_id: retrain_e2e_model, api: v1,
                username_file: "$work/airflow-user", password_file: "$work/airflow-password"}
EOF
}
rules_yaml .rules > "$work/rules.yaml"
submit_trigger

check_outputs "$phase" 0
reports() { # model jq-filter : over that model's reports of the phase, in window order
  jq -sc --arg m "$1" "map(select(.model == \$m)) | sort_by(.window_start) | $2" "$work/$phase-reports.jsonl"
}
n="$(expect '.segments[0].reports')"
check "$phase: model/version of every report: $(jq -sc 'map(.model + "/" + .model_version) | unique' "$work/$phase-reports.jsonl")" \
  test "$(jq -sc 'map(.model + "/" + .model_version) | unique' "$work/$phase-reports.jsonl")" \
  == "$(expect '[.models[] + "/" + .model_version] | sort')"
check "$phase: $classifier: volumes per window $(reports "$classifier" 'map(.volume.predictions)') (expected $(expect ".windows[:$n] | map(.predictions)"))" \
  test "$(reports "$classifier" 'map(.volume.predictions)')" == "$(expect ".windows[:$n] | map(.predictions)")"
check "$phase: $regressor: volumes per window $(reports "$regressor" 'map(.volume.predictions)') (expected $(expect ".windows[:$n] | map(.regressor_predictions)"))" \
  test "$(reports "$regressor" 'map(.volume.predictions)')" == "$(expect ".windows[:$n] | map(.regressor_predictions)")"
check "$phase: $classifier: dataset drift per window $(reports "$classifier" 'map(.dataset_drift.drifted)') (expected $(expect ".windows[:$n] | map(.drifted)"))" \
  test "$(reports "$classifier" 'map(.dataset_drift.drifted)')" == "$(expect ".windows[:$n] | map(.drifted)")"
check "$phase: $classifier: drifted features per window $(reports "$classifier" 'map(.dataset_drift.drifted_features)'), of $(reports "$classifier" 'map(.dataset_drift.total_features)')" \
  test "$(reports "$classifier" 'map(.dataset_drift.total_features) | unique')" == "$(expect '[.features]')"
# Inline ground truth: every event of the classifier and the regressor is labeled when it is made.
check "$phase: $classifier: accuracy per window $(reports "$classifier" 'map(.performance.accuracy // null | . * 1000 | round / 1000)'), label coverage $(reports "$classifier" 'map(.performance.label_coverage) | unique'), concept drift $(reports "$classifier" 'map(.concept_drift.state) | unique')" \
  test "$(reports "$classifier" 'all(.[]; .performance.accuracy != null and .performance.label_coverage == 1 and .concept_drift.state != null)')" == true
check "$phase: $regressor: MAE per window $(reports "$regressor" 'map(.performance.mae // null | . * 1000 | round / 1000)'), RMSE and MAPE too, no dataset drift (no profile yet)" \
  test "$(reports "$regressor" 'all(.[]; .performance.mae != null and .performance.rmse != null and .performance.mape != null and .dataset_drift == null)')" == true
check "$phase: dead letters carry the invalid lines from predictions with offsets" \
  test "$(values "$work/$phase-dead-letters.raw" | jq -sc 'map(select(.source_topic == "predictions" and .offset >= 0) | .payload) | sort')" \
  == "$(expect '.invalid | sort')"
check "$phase: delivery records: $(jq -sc 'map(select(.kind == "delivery") | "\(.action) \(.outcome) \(.status) after \(.attempts)")' "$work/$phase-events.jsonl")" \
  test "$(jq -s 'map(select(.kind == "delivery" and .outcome == "delivered" and .status == 200)) | length' "$work/$phase-events.jsonl")" \
  == "$(decided --argjson e "$(expect '.segments[0].evaluated')" '[.[] | select(.window_index < $e)] | length')"

# The jobs' metrics as Prometheus scraped them (every 10 s; names from deploy/prometheus/METRICS.md).
prom_value() { # query > the first result's value, or none
  curl -fsS --max-time 5 "$prometheus_url/api/v1/query" --data-urlencode "query=$1" | jq -r '.data.result[0].value[1] // "none"'
}
prom_check() { # description query expected : waits until prom_deadline for the value
  local value
  until value="$(prom_value "$2")"; [[ "$value" == "$3" ]] || ((SECONDS >= prom_deadline)); do sleep 2; done
  check "$phase: Prometheus: $1 = $value (expected $3)" test "$value" == "$3"
}
prom_deadline=$((SECONDS + 60))
P=flink_taskmanager_job_task_operator_modelwatch
model="model=\"${classifier//-/_}\",version=\"v1\",job_id=\"$monitoring_job\""
invalid="$(expect '.invalid | length')"
# Seen by Prometheus before the late segment: then the counters increase between two scrapes, and
# rates (the dashboard's predictions and error rate) have a value.
prom_check "predictions counted" "sum(${P}_model_version_predictions{$model})" "$(expect --arg m "$classifier" '.segments[0].predictions[$m]')"
prom_check "predictions of $regressor counted" "sum(${P}_model_version_predictions{model=\"${regressor//-/_}\",job_id=\"$monitoring_job\"})" \
  "$(expect --arg m "$regressor" '.segments[0].predictions[$m]')"
prom_check "window end of the latest report" "max(${P}_model_version_window_end_seconds{$model})" \
  "$(expect ".windows[.segments[0].reports - 1].window_end | fromdateiso8601")"
prom_check "monitoring dead letters" "sum(${P}_dead_letters{job_id=\"$monitoring_job\"})" "$invalid"
for rule in $(expect -r '.rules[].name'); do
  prom_check "decisions of rule $rule" "sum(${P}_rule_decisions{rule=\"${rule//-/_}\"})" \
    "$(decided --arg r "$rule" --argjson e "$(expect '.segments[0].evaluated')" '[.[] | select(.rule == $r and .window_index < $e)] | length')"
done
prom_check "webhook deliveries" "sum(${P}_action_deliveries_succeeded{action=\"e2e_webhook\"})" \
  "$(decided --argjson e "$(expect '.segments[0].evaluated')" '[.[] | select(.action == "e2e-webhook" and .window_index < $e)] | length')"
prom_check "Airflow deliveries" "sum(${P}_action_deliveries_succeeded{action=\"e2e_airflow\"})" \
  "$(decided --argjson e "$(expect '.segments[0].evaluated')" '[.[] | select(.action == "e2e-airflow" and .window_index < $e)] | length')"

# --- 3b. late events ------------------------------------------------------------------------------------
phase=late
log "== $phase: events of window 0, produced after its report"
produce_segment 1
producer_done "$phase"
check_outputs "$phase" 1
late="$(expect '.late.prediction_ids | length')"
prom_deadline=$((SECONDS + 60))
prom_check "late events counted" "sum(${P}_model_version_late_events{$model})" "$late"
prom_check "predictions counted, the late ones too" "sum(${P}_model_version_predictions{$model})" \
  "$(expect --arg m "$classifier" '.segments[0].predictions[$m] + .segments[1].predictions[$m]')"
prom_check "monitoring dead letters" "sum(${P}_dead_letters{job_id=\"$monitoring_job\"})" "$((invalid + late))"
# Every dashboard panel and alert rule's metrics have data now, but what deploy/grafana/may-be-empty.tsv
# lists. Counters created moments ago need a second scrape (every 10 s) before increase() has a value:
# wait, bounded. $__rate_interval is 10m: the counters increased once, minutes ago.
grafana_data() {
  local deadline=$((SECONDS + 90))
  until python3 "$root/deploy/grafana/check_queries.py" --prometheus "$prometheus_url" \
      --rate-interval 10m > "$log_dir/e2e-grafana.txt" 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 5
  done
}
grafana_data || true
check "$phase: Grafana: every dashboard query and alert rule's metrics have data (check_queries.py): $(tail -n 1 "$log_dir/e2e-grafana.txt")" \
  grep -q ' 0 problem(s)' "$log_dir/e2e-grafana.txt"
{ grep -A1 '^FAIL' "$log_dir/e2e-grafana.txt" || true; } | while read -r line; do log "  $line"; done
for job in "$monitoring_job" "$trigger_job"; do
  check "$phase: job $job: no exception, no restart" test "$(curl -fsS --max-time 5 "$flink_rest/jobs/$job/exceptions" \
    | jq '.exceptionHistory.entries | length') $(restarts "$job")" == "0 0"
done
last_segment=1

# --- 3c. a model's profile and a changed rule set, published while both jobs run ----------------------
phase=control
from="$(expect -r .regressor_profile.effective_from)"
log "== $phase: $regressor's profile, effective from window $(expect .regressor_profile.window_index) ($from), and a changed rule set"
out="$("$root/bin/modelwatch" profile --publish-profile "$work/regressor-profile.json" --effective-from "$from" \
  --bootstrap-servers "$kafka_bootstrap" 2>&1)" || true
check "$phase: $out" grep -qF "Published profile $regressor_profile_id of model '$regressor' version '$(expect -r .model_version)' to topic model-profiles" <<< "$out"
rules_yaml .rule_change.rules > "$work/rules-changed.yaml"
out="$("$root/bin/modelwatch" trigger --publish-rules "$work/rules-changed.yaml" --bootstrap-servers "$kafka_bootstrap" 2>&1)" || true
check "$phase: $out" grep -qF "published $work/rules-changed.yaml to topic retraining-rules" <<< "$out"
# Read by both jobs before the next segment flows: the profile is in force from a window of it and
# the rule set from the first window evaluated then (decisions.py).
profiles_read() { # job > the records the job's profiles reader passed on
  local vertex
  vertex="$(job "$1" | jq -r '.vertices[] | select(.name | test("reference profiles")) | .id')"
  curl -fsS --max-time 5 "$flink_rest/jobs/$1/vertices/$vertex/subtasks/metrics?get=numRecordsOut&agg=sum" | jq -r '.[0].sum // 0'
}
profile_read() { (($(profiles_read "$1" | cut -d. -f1) >= 1)); }
wait_for "$MW_E2E_WAIT" "the monitoring job to read the profile" profile_read "$monitoring_job" || true
check "$phase: the monitoring job read the profile ($(profiles_read "$monitoring_job") record(s) from model-profiles)" \
  profile_read "$monitoring_job"
prom_deadline=$((SECONDS + 60))
prom_check "the rule set in force in the trigger job (its offset in retraining-rules)" \
  "max(${P}_rules_offset{job_id=\"$trigger_job\"})" "$(sed -n 's/.*, offset \([0-9]*\)$/\1/p' <<< "$out")"

if [[ "$MW_E2E_FAILURES" == 1 ]]; then
  # --- 4. TaskManager killed while predictions flow --------------------------------------------------
  phase=taskmanager-kill
  log "== $phase: segment 3 flows; the TaskManager is killed once reports of it arrive"
  produce_segment 2
  read_topic model-window-reports $((($(expect '.segments[1].reports') + 2) * $(expect '.models | length'))) "$work/$phase-before.raw"
  tm_pid="$(pid_of flink-taskmanager)" || abort "no TaskManager runs"
  kill -9 "$tm_pid"
  killed_ms="$(date +%s%3N)"
  check "$phase: the TaskManager (PID $tm_pid) was killed after $(wc -l < "$work/$phase-before.raw") reports, while predictions were still being produced" \
    kill -0 "$producer_pid"
  for _ in {1..50}; do kill -0 "$tm_pid" 2> /dev/null || break; sleep 0.2; done
  "$local_dir/start.sh" flink-taskmanager || abort "no new TaskManager"
  producer_done "$phase"
  for job in "$monitoring_job" "$trigger_job"; do
    wait_for "$MW_E2E_WAIT" "job $job to run again" all_tasks_running "$job" || true
    check "$phase: job $job restarted ($(restarts "$job") restarts) from a checkpoint taken before the kill: $(restored "$job")" \
      test "$(restored "$job" | jq --argjson k "$killed_ms" '.is_savepoint == false and .restore_timestamp > $k')" == true
  done
  check_outputs "$phase" 2

  # --- 5. Kafka broker restarted while predictions flow ----------------------------------------------
  phase=broker-restart
  log "== $phase: segment 4 flows; the broker is restarted once reports of it arrive"
  restarts_before="$(restarts "$monitoring_job") $(restarts "$trigger_job")"
  produce_segment 3
  read_topic model-window-reports $((($(expect '.segments[2].reports') + 2) * $(expect '.models | length'))) "$work/$phase-before.raw"
  check "$phase: the broker is stopped after $(wc -l < "$work/$phase-before.raw") reports, while predictions are still being produced" \
    kill -0 "$producer_pid"
  "$local_dir/stop.sh" kafka
  log "$phase: the broker stopped; 5 s without it"
  sleep 5
  "$local_dir/start.sh" kafka || abort "the broker did not start again"
  producer_done "$phase"
  for job in "$monitoring_job" "$trigger_job"; do
    wait_for "$MW_E2E_WAIT" "job $job to run" all_tasks_running "$job" || true
  done
  log "$phase: restarts of the jobs (monitoring, trigger): before $restarts_before, after $(restarts "$monitoring_job") $(restarts "$trigger_job")"
  check_outputs "$phase" 3

  # --- 6. stop with savepoint, start with parallelism 2 ----------------------------------------------
  phase=savepoint-rescale
  log "== $phase: segment 5, then both jobs stopped with a savepoint while segment 6 flows"
  produce_segment 4
  producer_done "$phase"
  check_outputs "$phase-before" 4
  # Decided before the savepoint: up to window last_before; the first drifted window after it that the
  # retrain rule's cooldown (from its firing before the savepoint) must suppress: suppressed.
  last_before="$(decided --argjson e "$(expect '.segments[4].evaluated')" '[.[] | select(.window_index < $e) | .window_index] | max')"
  suppressed="$(decided --argjson e "$(expect '.segments[4].evaluated')" --arg m "$classifier" '
    ([.[] | select(.window_index >= $e and .model == $m)] | sort_by(.window_index)) as $after
    | ([$after[] | select(.rule == "retrain") | .window_index] | min) as $next
    | [$after[] | select(.rule == "dataset-drift" and ($next == null or .window_index < $next)) | .window_index] | min')"
  [[ "$suppressed" != null ]] || abort "the traffic has no drifted window after the savepoint within the retrain rule's cooldown"
  # The monitoring job's savepoint first, then segment 6 flows while the jobs stop and start again:
  # the trigger job sees no report of segment 6 before its own savepoint.
  request="$(trigger_stop "$monitoring_job")" || abort "could not stop the monitoring job with a savepoint"
  produce_segment 5
  monitoring_savepoint="$(await_savepoint "$monitoring_job" "$request")" || abort "no savepoint of the monitoring job"
  request="$(trigger_stop "$trigger_job")" || abort "could not stop the trigger job with a savepoint"
  trigger_savepoint="$(await_savepoint "$trigger_job" "$request")" || abort "no savepoint of the trigger job"
  log "$phase: savepoints $monitoring_savepoint, $trigger_savepoint"
  read_topic retraining-events 0 "$work/$phase-at-savepoint.raw"
  last_evaluated="$(values "$work/$phase-at-savepoint.raw" | jq -sc 'map(select(.kind == "decision") | .window_end) | max')"
  check "$phase: at the savepoints the last decision was on window $last_before ($last_evaluated): window $suppressed is decided by the restored jobs" \
    test "$last_evaluated" == "$(expect ".windows[$last_before].window_end")"
  old_jobs="$monitoring_job $trigger_job"
  submit_monitoring 2 "$monitoring_savepoint"
  submit_trigger 2 "$trigger_savepoint"
  log "$phase: jobs $old_jobs stopped; $monitoring_job and $trigger_job started from their savepoints"
  for job in "$monitoring_job" "$trigger_job"; do
    check "$phase: job $job runs with parallelism $(parallelism "$job"), restored from its savepoint: $(restored "$job")" \
      test "$(restored "$job" | jq -r .is_savepoint) $(parallelism "$job")" == "true [2]"
  done
  producer_done "$phase"
  check_outputs "$phase" 5
  retrain_windows="$(values "$work/$phase-events.raw" | jq -sc --arg m "$classifier" 'map(select(.kind == "decision" and .rule == "retrain" and .model == $m) | .window_end) | sort')"
  check "$phase: the retrain rule's cooldown held across the rescale: not on window $suppressed of $classifier, on windows ending $retrain_windows" \
    test "$retrain_windows" == "$(decided --arg m "$classifier" '[.[] | select(.rule == "retrain" and .model == $m) | .window_end] | sort')"
  last_segment=5
fi

# --- 7. replay of old data: the broker's retention check ran, nothing is gone --------------------------
phase=retention
log "== $phase: the outputs of events from $(expect -r '.windows[0].window_start') after a retention check"
for job in "$monitoring_job" "$trigger_job"; do await_checkpoints "$job" 2 || true; done
configs="$(tool 60 describe "$kafka_bootstrap" "$(IFS=,; echo "${topics[*]}")")"
for topic in "${topics[@]}"; do
  want="$(topic_configs "$topic" | tr ',' '\n' | sort | paste -sd,)"
  got="$(jq -r --arg t "$topic" --arg w "$want" '.[$t] as $c | $w | split(",") | map(split("=")[0] | "\(.)=\($c[.])") | join(",")' <<< "$configs")"
  check "$phase: topic $topic has the settings of topics.conf: $got" test "$got" == "$want"
done
# Everything once more, after the jobs committed whatever they had emitted; then the same records
# must still be there after a retention check.
check_outputs "$phase" "$last_segment"
# A record stamped with the first event's time, in a topic with the reports' retention: what every
# report of this replay would be if the jobs stamped their output with event time.
canary_ms="$(expect '.windows[0].window_start | fromdateiso8601 * 1000')"
tool 60 create-topic "$kafka_bootstrap" retention-canary 1 \
  "retention.ms=$(topic_configs model-window-reports | tr ',' '\n' | sed -n 's/^retention.ms=//p'),message.timestamp.type=CreateTime" \
  || abort "could not create the retention-canary topic"
echo "canary|stamped $(expect -r '.windows[0].window_start')" > "$work/canary.txt"
kafka_log_offset=$(($(stat -c %s "$log_dir/kafka.log") + 1))
tool 60 produce "$kafka_bootstrap" retention-canary "$work/canary.txt" 0 "$canary_ms" 2>> "$log_dir/e2e-producer.err" \
  || abort "could not produce the canary"
canary_deleted() { tail -c "+$kafka_log_offset" "$log_dir/kafka.log" | grep 'retention-canary-0' | grep -q 'due to log retention time'; }
wait_for 60 "the broker's retention check to delete the canary" canary_deleted || true
check "$phase: the broker's retention check ran after every output was written: $(tail -c "+$kafka_log_offset" "$log_dir/kafka.log" \
  | grep 'retention-canary-0' | grep -o 'Deleting segment.*due to log retention time [0-9]*ms breach' | head -n 1 | cut -c1-160)" canary_deleted
for output in reports:model-window-reports events:retraining-events dead-letters:monitoring-dead-letter; do
  topic="${output#*:}"
  before="$work/$phase-${output%%:*}.raw"
  read_topic "$topic" "$(wc -l < "$before")" "$work/$phase-after-$topic.raw"
  check "$phase: $topic: all $(wc -l < "$before") records still there after the retention check" \
    cmp -s "$before" "$work/$phase-after-$topic.raw"
  check "$phase: $topic: every record stamped at its write time by the broker (LogAppendTime, during this run)" \
    test "$(jq -s --argjson from "$started_ms" --argjson to "$(date +%s%3N)" \
      'all(.[]; .timestamp_type == "LogAppendTime" and .timestamp >= $from and .timestamp <= $to) and length > 0' \
      "$work/$phase-after-$topic.raw")" == true
done
