#!/usr/bin/env bash
# deploy/local/submit.sh — submits the ModelWatch jobs to the local Flink cluster via its REST API
# (POST /jars/upload, then POST /jars/{id}/run) and waits until each job runs.
#
#   deploy/local/submit.sh                          both jobs, program args from the environment
#   deploy/local/submit.sh monitoring [-- ARGS...]  one job (monitoring | trigger), ARGS as given
#
# MW_MONITORING_ARGS / MW_TRIGGER_ARGS: program arguments (split on whitespace) when none are
# given after `--`. MW_PARALLELISM: job parallelism (default 1). MW_SAVEPOINT: a savepoint (or
# retained checkpoint) path to start from, e.g. after a stop with savepoint; its state must all
# map to the job (no allowNonRestoredState). MW_SUBMIT_BOUNDED=1: the job is bounded (e.g. over a
# file), so FINISHED counts as started too. Builds the jars when missing;
# MW_MONITORING_JAR / MW_TRIGGER_JAR submit another jar instead.
# Exit code 0 when every submitted job reached RUNNING; otherwise 1, with Flink's error text.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

: "${MW_PARALLELISM:=1}"
: "${MW_SUBMIT_TIMEOUT:=60}"      # seconds to wait for a submitted job to reach RUNNING

usage() { sed -n '2,12s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 2; }

jar_of() {
  case "$1" in
    monitoring) echo "${MW_MONITORING_JAR:-$root/monitoring-job/target/monitoring-job.jar}" ;;
    trigger) echo "${MW_TRIGGER_JAR:-$root/retraining-trigger-job/target/retraining-trigger-job.jar}" ;;
    *) usage ;;
  esac
}

# Prints Flink's error text from a REST error body ({"errors": [...]}), or the body itself.
rest_errors() { jq -r '(.errors // [.])[] | tostring' <<< "$1" 2> /dev/null || printf '%s\n' "$1"; }

# The body of POST /jars/{id}/run: {"parallelism": N, "programArgsList": [args...]}, and
# "savepointPath" with MW_SAVEPOINT.
run_request() { # args...
  local arg
  for arg in "$@"; do jq -n --arg a "$arg" '$a'; done \
    | jq -s --argjson p "$MW_PARALLELISM" --arg savepoint "${MW_SAVEPOINT:-}" \
      '{parallelism: $p, programArgsList: .} + (if $savepoint == "" then {} else {savepointPath: $savepoint} end)'
}

delete_jar() { curl -sS --max-time 10 -X DELETE "$flink_rest/jars/$1" > /dev/null || true; }

# The innermost "Caused by:" of a Java stack trace, with the frame that threw it.
root_cause() { awk '/^Caused by: /{c=$0; getline f; next} END{sub(/^Caused by: /,"",c); gsub(/^[ \t]+/,"",f); print (c ? c " (" f ")" : "see the error text")}'; }

submit() { # job args...
  local job="$1" jar body status jar_id job_id state deadline jm_out out_offset
  shift
  jar="$(jar_of "$job")"
  log "uploading $(basename "$jar")"
  body="$(curl -sS --max-time 120 -w '\n%{http_code}' -X POST \
    -F "jarfile=@$jar;type=application/java-archive" "$flink_rest/jars/upload")" \
    || { echo "submit $job: upload to $flink_rest failed (is the stack up?)" >&2; return 1; }
  status="${body##*$'\n'}"
  body="${body%$'\n'*}"
  if [[ "$status" != 200 ]]; then
    echo "submit $job: upload failed (HTTP $status):" >&2
    rest_errors "$body" >&2
    return 1
  fi
  jar_id="$(jq -r '.filename | split("/") | last' <<< "$body")"

  # The job's main() runs inside the JobManager: what it prints lands in flink-jobmanager.out.
  jm_out="$log_dir/flink-jobmanager.out"
  out_offset=$(($(stat -c %s "$jm_out" 2> /dev/null || echo 0) + 1))
  log "running $job (jar $jar_id, parallelism $MW_PARALLELISM${MW_SAVEPOINT:+, from $MW_SAVEPOINT}, args: ${*:-none})"
  body="$(run_request "$@" | curl -sS --max-time 120 -w '\n%{http_code}' -X POST -H 'Content-Type: application/json' \
        --data-binary @- "$flink_rest/jars/$jar_id/run")" \
    || { echo "submit $job: run request to $flink_rest failed" >&2; delete_jar "$jar_id"; return 1; }
  status="${body##*$'\n'}"
  body="${body%$'\n'*}"
  if [[ "$status" != 200 ]]; then
    rest_errors "$body" > "$log_dir/submit-$job.err"
    delete_jar "$jar_id"
    echo "submit $job: Flink could not run $(basename "$jar") (HTTP $status)." >&2
    echo "  cause: $(root_cause < "$log_dir/submit-$job.err")" >&2
    echo "  Flink's full error text: $log_dir/submit-$job.err" >&2
    if [[ -s "$jm_out" ]] && tail -c "+$out_offset" "$jm_out" | grep -q .; then
      echo "  the job's main() printed:" >&2
      tail -c "+$out_offset" "$jm_out" | tail -n 20 | sed 's/^/    /' >&2
    fi
    return 1
  fi
  job_id="$(jq -r '.jobid' <<< "$body")"

  deadline=$((SECONDS + MW_SUBMIT_TIMEOUT))
  while :; do
    state="$(curl -fsS --max-time 5 "$flink_rest/jobs/$job_id" | jq -r '.state')" || state=UNKNOWN
    case "$state" in
      RUNNING) break ;;
      FINISHED) if [[ "${MW_SUBMIT_BOUNDED:-0}" == 1 ]]; then break; fi ;;&
      FAILED | CANCELED | FINISHED)
        echo "submit $job: job $job_id is $state" >&2
        curl -fsS --max-time 5 "$flink_rest/jobs/$job_id/exceptions" \
          | jq -r '.exceptionHistory.entries[0].stacktrace // empty' | head -n 40 >&2 || true
        return 1 ;;
    esac
    if ((SECONDS >= deadline)); then
      echo "submit $job: job $job_id still $state after ${MW_SUBMIT_TIMEOUT}s" >&2
      return 1
    fi
    sleep 1
  done
  echo "$job: job $job_id $state — $flink_rest/#/job/running/$job_id/overview"
}

jobs=()
args=()
explicit_args=false
while (($#)); do
  case "$1" in
    monitoring | trigger) jobs+=("$1") ;;
    --) shift; args=("$@"); explicit_args=true; break ;;
    -h | --help) usage ;;
    *) usage ;;
  esac
  shift
done
((${#jobs[@]})) || jobs=(monitoring trigger)
if [[ "$explicit_args" == true && ${#jobs[@]} -ne 1 ]]; then
  die "program arguments after -- need exactly one job (monitoring or trigger)"
fi

need curl curl
need jq jq
curl -fsS --max-time 5 "$flink_rest/overview" > /dev/null \
  || die "no Flink cluster at $flink_rest; run deploy/local/start.sh first"

for job in "${jobs[@]}"; do
  if [[ ! -f "$(jar_of "$job")" ]]; then
    log "building the job jars (./mvnw -q -B -DskipTests package)"
    (cd "$root" && ./mvnw -q -B -DskipTests package) || die "the build failed"
    break
  fi
done

failed=0
for job in "${jobs[@]}"; do
  if [[ "$explicit_args" != true ]]; then
    if [[ "$job" == monitoring ]]; then env_args="${MW_MONITORING_ARGS:-}"; else env_args="${MW_TRIGGER_ARGS:-}"; fi
    read -r -a args <<< "$env_args"
  fi
  submit "$job" "${args[@]}" || failed=1
done
exit "$failed"
