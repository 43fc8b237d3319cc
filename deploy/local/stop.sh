#!/usr/bin/env bash
# deploy/local/stop.sh — stops the local stack by the PIDs start.sh recorded, in reverse start
# order: SIGTERM, then SIGKILL after MW_STOP_TIMEOUT seconds. Idempotent: a service that does
# not run is skipped. Data and logs stay in $MW_STATE_DIR (delete it for a fresh start).
#
#   deploy/local/stop.sh               everything
#   deploy/local/stop.sh SERVICE...    only these (kafka, flink-jobmanager, flink-taskmanager, prometheus)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

stop_service() { # service
  local service="$1" pid deadline
  if ! pid="$(pid_of "$service")"; then
    rm -f "$pid_dir/$service.pid"
    return 0
  fi
  log "stopping $service (PID $pid)"
  kill -TERM "$pid" 2> /dev/null || true
  deadline=$((SECONDS + MW_STOP_TIMEOUT))
  while kill -0 "$pid" 2> /dev/null && ((SECONDS < deadline)); do
    sleep 1
  done
  if kill -0 "$pid" 2> /dev/null; then
    log "$service did not stop within ${MW_STOP_TIMEOUT}s: SIGKILL"
    kill -KILL "$pid" 2> /dev/null || true
    for _ in 1 2 3 4 5; do
      kill -0 "$pid" 2> /dev/null || break
      sleep 1
    done
  fi
  rm -f "$pid_dir/$service.pid"
}

if (($#)); then
  for service in "$@"; do
    [[ " ${services[*]} " == *" $service "* ]] || die "unknown service $service (one of: ${services[*]})"
  done
  for ((i = ${#services[@]} - 1; i >= 0; i--)); do
    if [[ " $* " == *" ${services[i]} "* ]]; then stop_service "${services[i]}"; fi
  done
  log "stopped: $*"
else
  for ((i = ${#services[@]} - 1; i >= 0; i--)); do
    stop_service "${services[i]}"
  done
  log "local stack stopped"
fi
