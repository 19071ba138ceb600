#!/usr/bin/env bash
# Instructions per GET of the engine and of the ConcurrentHashMap baseline, counted by callgrind.
#
# Throughput on a small shared VM moves by 2x between forks of the same code; an instruction count does not: run
# twice, it gives the same figure to within a few instructions whatever else the machine is doing. It is the
# figure to compare builds by when a change removes work from the GET path. The loop is EngineBenchmark.getHit's
# (GetLoop): random keys of 16 B, 100 B values copied into a direct buffer (the engine through its ValueSink, the map
# from its byte[]), 1000 keys by default so the count is not blurred by cache-miss handling. The JVM runs with
# -Xbatch (compilation in the foreground) so the compiled code is the same on every run.
#
# Usage: bench/get-instructions.sh [--jar PATH]... [--keys N] [--gets N] [--no-build]
#   --jar   a benchmarks jar to count (repeat to compare builds); the map is counted with the first one.
#           Default: jmh/target/benchmarks.jar
#   --keys  keys in the table (default 1000)
#   --gets  GETs in the counted loop (default 1000000)
# Needs valgrind (Debian: apt-get install valgrind). About a minute per count.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
jars=()
keys=1000
gets=1000000
build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --jar) jars+=("$2"); shift ;;
        --keys) keys="$2"; shift ;;
        --gets) gets="$2"; shift ;;
        --no-build) build=0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
    shift
done
if [ ${#jars[@]} -eq 0 ]; then
    jars=("$ROOT/jmh/target/benchmarks.jar")
    if [ "$build" = 1 ]; then
        (cd "$ROOT" && mvn -q -B package -DskipTests -pl jmh -am)
    fi
fi
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Counts one implementation from one jar; prints instructions per GET in compiled code and stubs (the JVM's own C++
# code, such as the JIT compilers, is left out: it runs on other threads and does not depend on the GET path).
count() {
    local jar=$1 impl=$2 dir
    dir=$(mktemp -d -p "$work")
    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$dir/callgrind.out" \
        java -XX:+UseSerialGC -Xmx1g -Xbatch -Dbench.keys="$keys" -cp "$jar" io.minikv.bench.engine.GetLoop \
        "$impl" "$gets" "$dir" > "$dir/stdout" 2> "$dir/stderr" &
    local pid=$!
    until grep -q '^ready' "$dir/stdout" 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || { cat "$dir/stderr" >&2; return 1; }
        sleep 1
    done
    callgrind_control -i on "$pid" > /dev/null 2>&1
    touch "$dir/go"
    until grep -q '^measured' "$dir/stdout" 2>/dev/null; do
        sleep 1
    done
    callgrind_control -i off "$pid" > /dev/null 2>&1
    touch "$dir/stop"
    wait "$pid"
    # Compiled Java code and stubs have no symbols ("???:0x..."); keep the ones run at least once per two GETs.
    callgrind_annotate --threshold=100 "$dir/callgrind.out" 2>/dev/null \
        | awk -v gets="$gets" '
            /\?\?\?:0x/ && $0 !~ /\[\// { n = $1; gsub(",", "", n); n += 0; if (n >= gets / 2) sum += n }
            END { printf "%.0f\n", sum / gets }'
}

printf '%-50s %-8s %s\n' "jar" "impl" "instructions/GET"
for jar in "${jars[@]}"; do
    printf '%-50s %-8s %s\n' "$jar" minikv "$(count "$jar" minikv)"
done
printf '%-50s %-8s %s\n' "${jars[0]}" chm "$(count "${jars[0]}" chm)"
