# shellcheck shell=bash disable=SC2034  # variables used by the scripts that source this file
# Settings and helpers shared by the deploy/local scripts (sourced, not run).
# Every setting is an environment variable with a default; see deploy/README.md.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
local_dir="$root/deploy/local"

: "${MW_STATE_DIR:=$local_dir/.state}"           # logs, data, PIDs, generated configs
: "${MW_KAFKA_PORT:=19092}"                      # broker listener (PLAINTEXT)
: "${MW_KAFKA_CONTROLLER_PORT:=19093}"           # KRaft controller listener
: "${MW_KAFKA_PARTITIONS:=2}"                    # partitions of each topic created
: "${MW_FLINK_REST_PORT:=18081}"                 # REST API and web UI
: "${MW_FLINK_RPC_PORT:=16123}"                  # JobManager RPC
: "${MW_FLINK_JM_METRICS_PORT:=19249}"           # Prometheus reporter of the JobManager
: "${MW_FLINK_TM_METRICS_PORT:=19250}"           # Prometheus reporter of the TaskManager
: "${MW_FLINK_SLOTS:=2}"                         # task slots of the TaskManager
: "${MW_FLINK_JM_MEMORY:=1024m}"                 # jobmanager.memory.process.size
: "${MW_FLINK_TM_MEMORY:=1728m}"                 # taskmanager.memory.process.size
: "${MW_KAFKA_HEAP:=512m}"
: "${MW_PROMETHEUS_PORT:=19090}"
: "${MW_START_TIMEOUT:=120}"                     # seconds to wait for each service
: "${MW_STOP_TIMEOUT:=30}"                       # seconds of grace before SIGKILL
: "${MW_KAFKA_EXTRA_CONFIG:=}"                   # lines appended to the broker's server.properties
: "${MW_FLINK_EXTRA_CONFIG:=}"                   # lines appended to Flink's config.yaml

MW_STATE_DIR="$(mkdir -p "$MW_STATE_DIR" && cd "$MW_STATE_DIR" && pwd)"
pid_dir="$MW_STATE_DIR/pids"
log_dir="$MW_STATE_DIR/logs"
flink_rest="http://localhost:$MW_FLINK_REST_PORT"
prometheus_url="http://localhost:$MW_PROMETHEUS_PORT"
kafka_bootstrap="localhost:$MW_KAFKA_PORT"

# The topics of docs/ARCHITECTURE.md section 5 and their settings: deploy/kafka/topics.conf, one line each.
topics_conf="$root/deploy/kafka/topics.conf"
mapfile -t topics < <(awk '!/^#/ && NF {print $1}' "$topics_conf")
topic_configs() { awk -v t="$1" '!/^#/ && $1 == t {print $2}' "$topics_conf"; } # topic > k=v,k=v

# Services in start order; stop.sh stops them in reverse.
services=(kafka flink-jobmanager flink-taskmanager prometheus)

# Flink on Java 17 reflects into these packages and DataSketches needs the incubating
# foreign-memory module; the parent POM's modelwatch.jvm.flags is the one list of them.
read -r -a flink_jvm_opens <<< "$(sed -n 's:.*<modelwatch.jvm.flags>\(.*\)</modelwatch.jvm.flags>.*:\1:p' "$root/pom.xml")"
[[ ${#flink_jvm_opens[@]} -gt 0 ]] || { echo "error: no modelwatch.jvm.flags in $root/pom.xml" >&2; exit 1; }

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Installs a Debian package when its command is missing (the machines run as root).
need() { # command package
  command -v "$1" > /dev/null && return 0
  log "installing Debian package $2 (for $1)"
  if [[ ! -f "$MW_STATE_DIR/.apt-updated" ]]; then
    apt-get update -qq > /dev/null && touch "$MW_STATE_DIR/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" > /dev/null
  command -v "$1" > /dev/null || die "could not install $2"
}

pid_of() { # service -> prints the PID if the service's process is alive
  local file="$pid_dir/$1.pid" pid
  [[ -f "$file" ]] || return 1
  pid="$(< "$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2> /dev/null || return 1
  # Guard against a reused PID: our processes all mention the state dir on their command line.
  tr '\0' ' ' < "/proc/$pid/cmdline" 2> /dev/null | grep -qF "$MW_STATE_DIR" || return 1
  echo "$pid"
}

port_in_use() { (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; }

# Polls a command until it succeeds; fails after MW_START_TIMEOUT seconds or when the
# service's process has died meanwhile.
wait_until() { # description service command...
  local what="$1" service="$2" deadline=$((SECONDS + MW_START_TIMEOUT))
  shift 2
  until "$@" > /dev/null 2>&1; do
    pid_of "$service" > /dev/null || die "$service died while waiting for $what; see $log_dir/$service.*"
    ((SECONDS < deadline)) || die "timed out after ${MW_START_TIMEOUT}s waiting for $what; see $log_dir/$service.*"
    sleep 1
  done
}

# Starts a detached process in its own session, output to logs/<service>.out, PID to pids/.
launch() { # service command...
  local service="$1"
  shift
  setsid "$@" > "$log_dir/$service.out" 2>&1 < /dev/null &
  echo $! > "$pid_dir/$service.pid"
  # Until the child has exec'ed, its command line is still ours and pid_of would not know it.
  local tries=50
  until pid_of "$service" > /dev/null || ((--tries == 0)); do sleep 0.1; done
}

# Resolves a runtime classpath from deploy/local/pom.xml once (again when the pom changes).
classpath() { # kafka|flink
  local file="$MW_STATE_DIR/classpath/$1.txt"
  if [[ ! -s "$file" || "$local_dir/pom.xml" -nt "$file" || "$root/pom.xml" -nt "$file" ]]; then
    log "resolving the $1 classpath with Maven"
    mkdir -p "$(dirname "$file")"
    (cd "$root" && ./mvnw -q -B -f deploy/local/pom.xml -P "$1" \
        dependency:build-classpath -Dmdep.outputFile="$file") >&2 \
      || die "could not resolve the $1 classpath"
    # The plugin leaves an unchanged file as it was, older than the POM that made us resolve it:
    # without this, a fresh checkout (newer POMs) resolved again on every call (22 times in one fast e2e run).
    touch "$file"
  fi
  cat "$file"
}

# Runs a Kafka command-line tool (ConsoleProducer, ConsoleConsumer, TopicCommand...) on the
# broker's classpath, killed after the given seconds; logs to logs/kafka-tools.log.
kafka_run() { # seconds main-class args...
  local seconds="$1"
  shift
  timeout "$seconds" java -Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dmw.log.file="$log_dir/kafka-tools.log" \
    -Dlog4j2.configurationFile="$MW_STATE_DIR/kafka/log4j2.properties" -cp "$(classpath kafka)" "$@"
}
