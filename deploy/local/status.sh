#!/usr/bin/env bash
# deploy/local/status.sh — what of the local stack runs: processes, Flink cluster and jobs,
# Prometheus targets. Exit code 0 when every service runs, 1 otherwise.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

all_up=true
for service in "${services[@]}"; do
  if pid="$(pid_of "$service")"; then
    printf '%-18s running (PID %s)\n' "$service" "$pid"
  else
    printf '%-18s not running\n' "$service"
    all_up=false
  fi
done

if overview="$(curl -fsS --max-time 3 "$flink_rest/overview" 2> /dev/null)"; then
  jq -r '"flink cluster      taskmanagers \(.taskmanagers), slots \(."slots-available")/\(."slots-total") free, jobs running \(."jobs-running"), failed \(."jobs-failed")"' <<< "$overview"
  curl -fsS --max-time 3 "$flink_rest/jobs/overview" \
    | jq -r '.jobs[] | "  job \(.jid)  \(.state)  \(.name)"'
fi
if targets="$(curl -fsS --max-time 3 "$prometheus_url/api/v1/targets" 2> /dev/null)"; then
  jq -r '.data.activeTargets[] | "prometheus target  \(.labels.job) \(.scrapeUrl) \(.health)"' <<< "$targets"
fi
[[ "$all_up" == true ]]
