#!/usr/bin/env bash
# deploy/local/start.sh — starts a real ModelWatch stack on this machine, without Docker:
# a Kafka KRaft broker (with the docs/ARCHITECTURE.md topics), a Flink standalone session cluster
# (one JobManager, one TaskManager) and Prometheus. Everything listens on loopback, except the
# Flink Prometheus reporter, which has no bind-address option and listens on all interfaces.
# Kafka and Flink run from Maven artifacts (deploy/local/pom.xml), Prometheus from the Debian
# package. State, logs and PIDs go to $MW_STATE_DIR (default deploy/local/.state).
# On any failure it stops what it started. Settings: deploy/local/lib.sh, deploy/README.md.
#
#   deploy/local/start.sh               the whole stack (generates the configs, creates the topics)
#   deploy/local/start.sh SERVICE...    only these services of a stack started before, with its
#                                       configs: kafka, flink-jobmanager, flink-taskmanager, prometheus
#                                       (a restarted broker, a new TaskManager after one died)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

selected=("$@")
full=false
if ((${#selected[@]} == 0)); then
  selected=("${services[@]}")
  full=true
fi
ports_of() { # service > its ports
  case "$1" in
    kafka) echo "$MW_KAFKA_PORT $MW_KAFKA_CONTROLLER_PORT" ;;
    flink-jobmanager) echo "$MW_FLINK_REST_PORT $MW_FLINK_RPC_PORT $MW_FLINK_JM_METRICS_PORT" ;;
    flink-taskmanager) echo "$MW_FLINK_TM_METRICS_PORT" ;;
    prometheus) echo "$MW_PROMETHEUS_PORT" ;;
    *) die "unknown service $1 (one of: ${services[*]})" ;;
  esac
}
is_selected() { [[ " ${selected[*]} " == *" $1 "* ]]; }

for service in "${selected[@]}"; do
  read -r -a ports <<< "$(ports_of "$service")"
  if pid="$(pid_of "$service")"; then
    die "$service already runs (PID $pid); run deploy/local/stop.sh first"
  fi
  for port in "${ports[@]}"; do
    if port_in_use "$port"; then
      die "port $port is in use; pick other ports with the MW_*_PORT variables (deploy/README.md)"
    fi
  done
done

need curl curl
need jq jq
if is_selected prometheus; then need prometheus prometheus; fi
mkdir -p "$pid_dir" "$log_dir"

started=false
on_exit() {
  if [[ "$started" != true ]]; then
    log "start failed: stopping what was started"
    if [[ "$full" == true ]]; then "$local_dir/stop.sh" || true; else "$local_dir/stop.sh" "${selected[@]}" || true; fi
  fi
}
trap on_exit EXIT

# --- Kafka: one KRaft node in combined mode (broker + controller) ------------------------------
kafka_dir="$MW_STATE_DIR/kafka"

write_kafka_config() {
  mkdir -p "$kafka_dir/data"
  cat > "$kafka_dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=localhost:$MW_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$MW_KAFKA_PORT,CONTROLLER://127.0.0.1:$MW_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://localhost:$MW_KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$kafka_dir/data
num.partitions=$MW_KAFKA_PARTITIONS
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# The exactly-once report sink needs transaction.timeout.ms at most this (15 minutes).
transaction.max.timeout.ms=900000
$MW_KAFKA_EXTRA_CONFIG
EOF
  cat > "$kafka_dir/log4j2.properties" <<'EOF'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = File
appender.file.type = File
appender.file.name = File
appender.file.fileName = ${sys:mw.log.file}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
EOF
  printf 'request.timeout.ms=5000\ndefault.api.timeout.ms=10000\n' > "$kafka_dir/admin.properties"
}

topic_command() {
  kafka_run 60 org.apache.kafka.tools.TopicCommand \
    --bootstrap-server "$kafka_bootstrap" --command-config "$kafka_dir/admin.properties" "$@"
}

start_kafka() {
  local cluster_id
  [[ -f "$kafka_dir/server.properties" ]] || die "no $kafka_dir/server.properties: start the whole stack first"
  if [[ ! -f "$kafka_dir/data/meta.properties" ]]; then
    log "formatting the Kafka log dir (KRaft, standalone controller)"
    cluster_id="$(kafka_run 60 kafka.tools.StorageTool random-uuid)"
    kafka_run 60 kafka.tools.StorageTool format -t "$cluster_id" \
      -c "$kafka_dir/server.properties" --standalone > "$log_dir/kafka-format.out" \
      || die "kafka storage format failed; see $log_dir/kafka-format.out"
  fi
  log "starting Kafka on $kafka_bootstrap"
  launch kafka java -Xms256m "-Xmx$MW_KAFKA_HEAP" -Dmw.log.file="$log_dir/kafka.log" \
    -Dlog4j2.configurationFile="$kafka_dir/log4j2.properties" -cp "$(classpath kafka)" \
    kafka.Kafka "$kafka_dir/server.properties"
  wait_until "Kafka metadata on $kafka_bootstrap" kafka topic_command --list
}

# Creates the topics of deploy/kafka/topics.conf with their settings; a topic that exists already
# (state from an earlier start) gets the settings with kafka-configs' --alter.
ensure_topics() {
  local existing topic configs config args
  existing="$(topic_command --list)" || die "could not list the topics; see $log_dir/kafka-tools.log"
  for topic in "${topics[@]}"; do
    configs="$(topic_configs "$topic")"
    if grep -qxF "$topic" <<< "$existing"; then
      kafka_run 60 kafka.admin.ConfigCommand --bootstrap-server "$kafka_bootstrap" \
        --command-config "$kafka_dir/admin.properties" --entity-type topics --entity-name "$topic" \
        --alter --add-config "$configs" > /dev/null \
        || die "could not set the configs of topic $topic; see $log_dir/kafka-tools.log"
    else
      args=()
      for config in ${configs//,/ }; do args+=(--config "$config"); done
      topic_command --create --topic "$topic" --partitions "$MW_KAFKA_PARTITIONS" --replication-factor 1 \
        "${args[@]}" > /dev/null || die "could not create topic $topic; see $log_dir/kafka-tools.log"
    fi
  done
  log "topics ($(basename "$topics_conf")): $(topic_command --list | tr '\n' ' ')"
}

# --- Flink: a standalone session cluster --------------------------------------------------------
flink_dir="$MW_STATE_DIR/flink"
conf="$flink_dir/conf"

write_flink_config() {
  mkdir -p "$conf" "$flink_dir/checkpoints" "$flink_dir/savepoints" "$flink_dir/tmp" "$flink_dir/web"
  cat > "$conf/config.yaml" <<EOF
# Generated by deploy/local/start.sh; edit the script, not this file.
jobmanager.rpc.address: localhost
jobmanager.rpc.port: $MW_FLINK_RPC_PORT
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: $MW_FLINK_JM_MEMORY
taskmanager.host: localhost
taskmanager.bind-host: 127.0.0.1
taskmanager.memory.process.size: $MW_FLINK_TM_MEMORY
taskmanager.numberOfTaskSlots: $MW_FLINK_SLOTS
parallelism.default: 1
rest.address: localhost
rest.bind-address: 127.0.0.1
rest.port: $MW_FLINK_REST_PORT
web.upload.dir: $flink_dir/web
web.tmpdir: $flink_dir/web
io.tmp.dirs: $flink_dir/tmp
# A job's main() that calls System.exit must not take the JobManager down with it.
cluster.intercept-user-system-exit: THROW
state.backend.type: rocksdb
execution.checkpointing.dir: file://$flink_dir/checkpoints
execution.checkpointing.savepoint-dir: file://$flink_dir/savepoints
execution.checkpointing.interval: 30s
execution.checkpointing.incremental: true
restart-strategy.type: exponential-delay
metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
# Each process gets its own port on its command line (-D metrics.reporter.prom.port=...).
metrics.reporter.prom.port: $MW_FLINK_JM_METRICS_PORT-$MW_FLINK_TM_METRICS_PORT
$MW_FLINK_EXTRA_CONFIG
EOF
  cat > "$conf/log4j.properties" <<'EOF'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = MainAppender
appender.main.name = MainAppender
appender.main.type = File
appender.main.append = true
appender.main.fileName = ${sys:log.file}
appender.main.layout.type = PatternLayout
appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
EOF
}

flink_java_opts=("${flink_jvm_opens[@]}" "-Dlog4j.configurationFile=file:$conf/log4j.properties")

# JVM flags and memory settings as Flink's own scripts compute them: two result lines,
# the JVM parameters and the dynamic properties (-D key=value ...).
resource_params() { # GET_JM_RESOURCE_PARAMS | GET_TM_RESOURCE_PARAMS
  local out
  [[ -f "$conf/config.yaml" ]] || die "no $conf/config.yaml: start the whole stack first"
  out="$(java "${flink_java_opts[@]}" -Dlog.file="$log_dir/flink-bash-java-utils.log" -cp "$(classpath flink)" \
    org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$conf")" \
    || die "BashJavaUtils $1 failed; see $log_dir/flink-bash-java-utils.log"
  sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p' <<< "$out"
}

overview() { curl -fsS --max-time 2 "$flink_rest/overview"; }

start_jobmanager() {
  local params jvm dynamic
  mapfile -t params < <(resource_params GET_JM_RESOURCE_PARAMS)
  ((${#params[@]} == 2)) || die "unexpected BashJavaUtils output"
  read -r -a jvm <<< "${params[0]}"
  read -r -a dynamic <<< "${params[1]}"
  log "starting the Flink JobManager (REST $flink_rest)"
  launch flink-jobmanager java "${jvm[@]}" "${flink_java_opts[@]}" \
    -Dlog.file="$log_dir/flink-jobmanager.log" -cp "$(classpath flink)" \
    org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint --configDir "$conf" \
    -D "metrics.reporter.prom.port=$MW_FLINK_JM_METRICS_PORT" "${dynamic[@]}"
  wait_until "Flink REST $flink_rest/overview" flink-jobmanager overview
}

tm_log="$log_dir/flink-taskmanager.log"
tm_log_offset=1
# Only this process's registration counts: the log is appended to, and a dead TaskManager may
# still be listed by the JobManager until its heartbeats time out.
taskmanager_registered() { tail -c "+$tm_log_offset" "$tm_log" | grep -q 'Successful registration at resource manager'; }

start_taskmanager() {
  local params jvm dynamic
  mapfile -t params < <(resource_params GET_TM_RESOURCE_PARAMS)
  ((${#params[@]} == 2)) || die "unexpected BashJavaUtils output"
  read -r -a jvm <<< "${params[0]}"
  read -r -a dynamic <<< "${params[1]}"
  tm_log_offset=$(($(stat -c %s "$tm_log" 2> /dev/null || echo 0) + 1))
  log "starting a Flink TaskManager ($MW_FLINK_SLOTS slots)"
  launch flink-taskmanager java "${jvm[@]}" "${flink_java_opts[@]}" \
    -Dlog.file="$tm_log" -cp "$(classpath flink)" \
    org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$conf" \
    -D "metrics.reporter.prom.port=$MW_FLINK_TM_METRICS_PORT" "${dynamic[@]}"
  wait_until "the TaskManager's registration at $flink_rest" flink-taskmanager taskmanager_registered
}

# --- Prometheus: the Debian binary with its own config and storage (not the system service) ----
prom_dir="$MW_STATE_DIR/prometheus"

write_prometheus_config() {
  mkdir -p "$prom_dir/data"
  sed -e "s/localhost:19249/localhost:$MW_FLINK_JM_METRICS_PORT/" \
      -e "s/localhost:19250/localhost:$MW_FLINK_TM_METRICS_PORT/" \
      -e "s/localhost:19090/localhost:$MW_PROMETHEUS_PORT/" \
      "$root/deploy/prometheus/prometheus.yml" > "$prom_dir/prometheus.yml"
  cp "$root/deploy/prometheus/alerts.yml" "$prom_dir/alerts.yml"
  promtool check config "$prom_dir/prometheus.yml" > "$log_dir/promtool.out" 2>&1 \
    || die "invalid Prometheus config; see $log_dir/promtool.out"
}

start_prometheus() {
  [[ -f "$prom_dir/prometheus.yml" ]] || die "no $prom_dir/prometheus.yml: start the whole stack first"
  log "starting Prometheus on $prometheus_url"
  launch prometheus prometheus --config.file="$prom_dir/prometheus.yml" \
    --storage.tsdb.path="$prom_dir/data" --storage.tsdb.retention.time=2d \
    --web.listen-address="127.0.0.1:$MW_PROMETHEUS_PORT" --web.enable-lifecycle
  wait_until "Prometheus $prometheus_url/-/ready" prometheus curl -fsS --max-time 2 "$prometheus_url/-/ready"
}

if [[ "$full" == true ]]; then
  # Both classpaths first: a Maven failure should stop the start before any process runs.
  classpath kafka > /dev/null
  classpath flink > /dev/null
  write_kafka_config
  write_flink_config
  if is_selected prometheus; then write_prometheus_config; fi
fi
for service in "${selected[@]}"; do
  case "$service" in
    kafka) start_kafka; if [[ "$full" == true ]]; then ensure_topics; fi ;;
    flink-jobmanager) start_jobmanager ;;
    flink-taskmanager) start_taskmanager ;;
    prometheus) start_prometheus ;;
  esac
done

started=true
if [[ "$full" != true ]]; then
  log "started: ${selected[*]}"
  exit 0
fi
cat <<EOF
ModelWatch local stack is up (state: $MW_STATE_DIR)
  Kafka bootstrap      $kafka_bootstrap   topics: ${topics[*]}
  Flink web UI / REST  $flink_rest
  Flink metrics        http://localhost:$MW_FLINK_JM_METRICS_PORT/metrics (JobManager), http://localhost:$MW_FLINK_TM_METRICS_PORT/metrics (TaskManager)
  Prometheus           $prometheus_url
Next: deploy/local/submit.sh   Status: deploy/local/status.sh   Stop: deploy/local/stop.sh
EOF
