#!/usr/bin/env bash
# bench/run.sh [state|throughput|jmh|all] — the measurements of BENCHMARKS.md.
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

if [[ "$part" == throughput || "$part" == all ]]; then
  # One round runs every configuration and the Python script back to back, so that all of them
  # share whatever load the shared machine has at the time.
  results="$dir/throughput.tsv"
  python_results="$dir/python.tsv"
  : > "$results"
  : > "$python_results"
  for run in $(seq "$runs"); do
    echo "round $run, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    for parallelism in 2 1; do
      bench_java io.modelwatch.bench.Throughput file "$predictions" "$events" "$profile" "$parallelism" "$dir" | tee -a "$results"
      bench_java io.modelwatch.bench.Throughput generator "$events" "$profile" "$parallelism" "$dir" | tee -a "$results"
    done
    timeout "$run_timeout" python3 bench/window_stats.py --events "$predictions" --reference "$reference" \
      --window 60 --output "$dir/python-windows.jsonl" | tee -a "$python_results"
  done
  echo "## Throughput, $events events (events/s; each run's wall time excludes JVM start)"
  echo "| source, parallelism | median | min | max |"
  echo "|---|---:|---:|---:|"
  awk -F'\t' '{ print $1 " p" $2 "\t" $5 }' "$results" | summarize
  echo "## bench/window_stats.py, $events events (reference prepared from $reference_events events)"
  echo "| measure | median | min | max |"
  echo "|---|---:|---:|---:|"
  awk -F'\t' '{ print "reference, ms\t" $2 * 1000; print "parse (json.loads + grouping), ms\t" $3 * 1000;
                print "compute (KS, PSI, percentiles), ms\t" $4 * 1000; print "events/s (parse + compute)\t" $5 }' \
    "$python_results" | summarize
fi

if [[ "$part" == jmh || "$part" == all ]]; then
  echo "## JMH"
  bench_java org.openjdk.jmh.Main -f 1 -wi 3 -w 2s -i 5 -r 2s -p profile="$profile" \
    EventCodecBenchmark WindowAccumulatorBenchmark
fi
