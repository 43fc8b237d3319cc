#!/usr/bin/env bash
# bench/run.sh [state|detectors|throughput|memory|jmh|scale|all] — the measurements of BENCHMARKS.md.
# Builds the bench module (-Pbench), generates the traffic file and its reference profile once
# under $BENCH_DIR, then runs each measurement $RUNS times, each in a fresh JVM / interpreter
# bounded by $RUN_TIMEOUT, and prints Markdown tables (median, min, max).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
part="${1:-all}"
dir="${BENCH_DIR:-/tmp/modelwatch-bench}"
events="${EVENTS:-1000000}"
reference_events="${REFERENCE_EVENTS:-100000}"
runs="${RUNS:-3}"
run_timeout="${RUN_TIMEOUT:-300}"

cd "$root"
./mvnw -q -B -Pbench -DskipTests package -pl bench -am
read -r -a jvm_options < modelwatch-cli/target/launcher/jvm-options
classpath="bench/target/classes:$(cat bench/target/launcher-classpath.txt)"

bench_java() {
  timeout "$run_timeout" java "${jvm_options[@]}" \
    -Dlog4j2.configurationFile=modelwatch-cli/target/launcher/log4j2-cli.xml \
    -cp "$classpath" "$@" 2> >(grep -v '^WARNING: Using incubator modules' >&2)
}

# Many models (issue 11): profiles, job graph, window state and checkpoints for $MODELS models (1000).
# It makes its own profiles and events, so it needs neither the traffic file nor its profile.
# SCALE_OPTIONS adds ManyModels options, e.g. "--state-models 100,1000" (see ManyModels.java).
scale() {
  echo "## Many models (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  mkdir -p "$dir/scale"
  # shellcheck disable=SC2086 # SCALE_OPTIONS is a list of options
  bench_java io.modelwatch.bench.ManyModels --models "${MODELS:-1000}" --dir "$dir/scale" ${SCALE_OPTIONS:-}
}
if [[ "$part" == scale ]]; then
  scale
  exit 0
fi

mkdir -p "$dir"
predictions="$dir/predictions-$events.jsonl"
reference="$dir/reference-$reference_events.jsonl"
profile="$dir/profile-$reference_events.json"
if [[ ! -f "$predictions" ]]; then
  bench_java io.modelwatch.bench.WriteTraffic "$predictions" "$dir/labels-$events.jsonl" "$events"
fi
if [[ ! -f "$profile" ]]; then
  # The reference is the first events, all before the generator's drift (5 minutes = 300,000 events).
  head -n "$reference_events" "$predictions" > "$reference"
  bin/modelwatch profile --input "$reference" --out "$profile" --model credit-default >&2
fi

# Reads "group<TAB>value" lines; prints "| group | median | min | max |" rows, groups in first-seen order.
summarize() {
  awk -F'\t' '
    !($1 in n) { order[++groups] = $1 }
    { values[$1, ++n[$1]] = $2 }
    END {
      for (g = 1; g <= groups; g++) {
        k = order[g]; m = n[k]
        for (i = 1; i <= m; i++) sorted[i] = values[k, i]
        for (i = 2; i <= m; i++) for (j = i; j > 1 && sorted[j - 1] > sorted[j]; j--) {
          t = sorted[j]; sorted[j] = sorted[j - 1]; sorted[j - 1] = t
        }
        median = m % 2 ? sorted[(m + 1) / 2] : (sorted[m / 2] + sorted[m / 2 + 1]) / 2
        printf "| %s | %.0f | %.0f | %.0f |\n", k, median, sorted[1], sorted[m]
      }
    }'
}

if [[ "$part" == state || "$part" == all ]]; then
  echo "## State size"
  bench_java io.modelwatch.bench.StateSize "$profile"
fi

if [[ "$part" == detectors || "$part" == all ]]; then
  echo "## Concept-drift detectors on streams without a change"
  bench_java io.modelwatch.bench.DetectorFalseAlarms
fi

if [[ "$part" == throughput || "$part" == all ]]; then
  # Marginal rates: each configuration runs on the first $small events and on all $events, and
  # (events - small) / (time(events) - time(small)) cancels the fixed cost of starting a mini
  # cluster (or an interpreter). One round runs every configuration and the Python script back to
  # back, so that all of them share whatever load the machine has at the time.
  small="${SMALL_EVENTS:-100000}"
  head -n "$small" "$predictions" > "$dir/predictions-$small.jsonl"
  results="$dir/throughput.tsv"
  : > "$results"
  for run in $(seq "$runs"); do
    echo "round $run, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    for n in "$small" "$events"; do
      for parallelism in 2 1; do
        bench_java io.modelwatch.bench.Throughput file "$dir/predictions-$n.jsonl" "$n" "$profile" "$parallelism" "$dir" \
          | sed "s/^/$run\t/" | tee -a "$results"
        bench_java io.modelwatch.bench.Throughput generator "$n" "$profile" "$parallelism" "$dir" \
          | sed "s/^/$run\t/" | tee -a "$results"
      done
      head -n "$n" "$predictions" > "$dir/python-input.jsonl"
      timeout "$run_timeout" python3 bench/window_stats.py --events "$dir/python-input.jsonl" --reference "$reference" \
        --window 60 --output "$dir/python-windows.jsonl" \
        | awk -F'\t' -v run="$run" '{ printf "%s\tpython\t1\t%s\t%.3f\t%s\n", run, $1, $3 + $4, $5 }' | tee -a "$results"
    done
    echo "round $run done, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  done
  echo "## Marginal throughput, events $small → $events (events/s = $((events - small)) / (t($events) − t($small)))"
  echo "| configuration | median | min | max |"
  echo "|---|---:|---:|---:|"
  # results: round, source, parallelism, events, seconds, events/s
  awk -F'\t' -v small="$small" -v large="$events" '
    { key = $2 " p" $3; if (!(key in seen)) { seen[key] = 1; order[++n] = key }
      t[$1, key, $4] = $5; rounds[$1] = 1 }
    END {
      for (i = 1; i <= n; i++) for (r in rounds) {
        k = order[i]
        if (((r, k, small) in t) && ((r, k, large) in t)) printf "%s\t%.0f\n", k, (large - small) / (t[r, k, large] - t[r, k, small])
      }
    }' "$results" | summarize
  echo "## Marginal throughput of monitor over the Python script, per round"
  echo "| round | file p2 / python | file p1 / python | best of p1, p2 / python |"
  echo "|---|---:|---:|---:|"
  awk -F'\t' -v small="$small" -v large="$events" '
    { t[$1, $2 " p" $3, $4] = $5; rounds[$1] = 1 }
    END {
      for (r = 1; (r in rounds); r++) {
        py = (large - small) / (t[r, "python p1", large] - t[r, "python p1", small])
        p2 = (large - small) / (t[r, "file p2", large] - t[r, "file p2", small])
        p1 = (large - small) / (t[r, "file p1", large] - t[r, "file p1", small])
        printf "| %d | %.1f× | %.1f× | %.1f× |\n", r, p2 / py, p1 / py, (p1 > p2 ? p1 : p2) / py
      }
    }' "$results"
fi

if [[ "$part" == memory || "$part" == all ]]; then
  # bin/modelwatch monitor with a 256 MB heap on 600k events writes the reports the default heap writes.
  head -n 600000 "$predictions" > "$dir/predictions-600000.jsonl"
  echo "## Bounded memory: monitor on 600,000 events, -Xmx256m against the default heap (parallelism 1)"
  bin/modelwatch --version > /dev/null 2>&1 # builds the launcher first if sources changed, outside the timing
  for heap in default 256m; do
    options=""
    [[ "$heap" == default ]] || options="-Xmx$heap"
    start=$(date +%s%N)
    JAVA_OPTS="$options" bin/modelwatch monitor --predictions "$dir/predictions-600000.jsonl" --reference "$profile" \
      --window 1m --parallelism 1 --output "$dir/memory-$heap.jsonl" >&2
    echo "heap $heap: $(( ($(date +%s%N) - start) / 1000000 )) ms, $(wc -l < "$dir/memory-$heap.jsonl") reports"
  done
  python3 bench/compare_reports.py "$dir/memory-default.jsonl" "$dir/memory-256m.jsonl"
fi

if [[ "$part" == all ]]; then
  scale
fi

if [[ "$part" == jmh || "$part" == all ]]; then
  echo "## JMH"
  bench_java org.openjdk.jmh.Main -f 1 -wi 3 -w 2s -i 5 -r 2s -p profile="$profile" \
    JsonParseCeilingBenchmark EventCodecBenchmark WindowAccumulatorBenchmark
fi
