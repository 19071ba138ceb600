#!/usr/bin/env bash
# The engine against ConcurrentHashMap (EngineBenchmark), measured as interleaved single forks.
#
# On a small, shared VM two forks of the same code differ by up to 2x, and the box's load drifts over minutes, so
# running all forks of one side and then all of the other (JMH's order) compares two different boxes. This script
# runs one fork per side per round, alternating which side goes first, and reports per benchmark the median score of
# each side and the median of the per-round ratios (mini-kv / map): the figure to read.
#
# Usage: bench/engine-vs-map.sh [--rounds N] [--bench 'getHit|getMiss'] [--jar PATH]... [--baseline IMPL] [--no-build]
#   --rounds  rounds per benchmark (default 8)
#   --bench   EngineBenchmark methods, a regex alternation (default: getHit|getHitDependent)
#   --jar     a benchmarks jar to measure as a candidate; repeat to compare builds in the same rounds (labels are
#             the jar paths); the map baseline always runs from the first jar. Default: jmh/target/benchmarks.jar
#   --threads JMH threads (default 1)
#   --baseline the map side's EngineBenchmark impl: chm (prebuilt key objects, default) or chm+parse (keys built from
#             the same buffer the engine reads, as a server would)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=8 bench='getHit|getHitDependent' threads=1 build=1 baseline=chm
jars=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --rounds) rounds="$2"; shift ;;
        --bench) bench="$2"; shift ;;
        --jar) jars+=("$2"); shift ;;
        --threads) threads="$2"; shift ;;
        --baseline) baseline="$2"; shift ;;
        --no-build) build=0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
    shift
done
if [[ ${#jars[@]} -eq 0 ]]; then
    jars=("$ROOT/jmh/target/benchmarks.jar")
    if [[ $build -eq 1 ]]; then
        (cd "$ROOT" && mvn -q -B package -DskipTests -pl jmh -am)
    fi
fi

results="$(mktemp)"
trap 'rm -f "$results"' EXIT

run_fork() { # jar impl method -> score (ops/us)
    java -jar "$1" "EngineBenchmark\.$3\$" -p impl="$2" -f 1 -wi 3 -i 3 -w 1s -r 1s -t "$threads" \
        -jvmArgs "-Xmx4g" -rf csv -rff /dev/stdout 2>/dev/null \
        | awk -F, '/^"io.minikv/ { gsub(/"/, "", $5); print $5 }' | tail -1
}

IFS='|' read -r -a methods <<< "$bench"
for method in "${methods[@]}"; do
    for round in $(seq 1 "$rounds"); do
        sides=("map|${jars[0]}|$baseline")
        for jar in "${jars[@]}"; do sides+=("$jar|$jar|minikv"); done
        if (( round % 2 == 0 )); then # alternate who runs first
            sides=("${sides[@]:1}" "${sides[0]}")
        fi
        for side in "${sides[@]}"; do
            IFS='|' read -r label jar impl <<< "$side"
            score="$(run_fork "$jar" "$impl" "$method")"
            printf '%s\t%s\t%s\t%s\n' "$method" "$round" "$label" "${score:-nan}" | tee -a "$results" >&2
        done
    done
done

python3 - "$results" <<'PY'
import collections, statistics, sys
scores = collections.defaultdict(lambda: collections.defaultdict(dict))
for line in open(sys.argv[1]):
    method, rnd, label, score = line.rstrip("\n").split("\t")
    if score != "nan":
        scores[method][label][rnd] = float(score)
for method, sides in scores.items():
    base = sides.get("map", {})
    print(f"{method} (ops/us, median of {len(base)} rounds; ratio = median of per-round candidate/map)")
    for label, by_round in sides.items():
        line = f"  {label:<50} {statistics.median(by_round.values()):7.3f}  range {min(by_round.values()):.3f}-{max(by_round.values()):.3f}"
        if label != "map":
            ratios = [by_round[r] / base[r] for r in by_round if r in base]
            if ratios:
                line += f"  ratio {statistics.median(ratios):.2f} (range {min(ratios):.2f}-{max(ratios):.2f})"
        print(line)
PY
