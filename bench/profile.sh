#!/usr/bin/env bash
# Where the server's time goes under load: a JFR profile and a syscall count of mini-kv's hot path.
#
# Starts the mini-kv jar on a free loopback port, warms it up (the JIT), then records with JFR ("profile" settings
# with execution samples every 1 ms, allocation samples) while redis-benchmark runs the chosen load, and prints
# bench/jfr-summary.py's report: hot methods, allocating sites, bytes allocated per operation. With --strace it then
# counts the worker threads' syscalls over a second, shorter run (strace slows the server down, but the count per
# operation is what matters: one read and one write per pipelined batch is the goal).
#
# Usage: bench/profile.sh [--load "redis-benchmark flags"] [--tests set,get] [-n N] [--jvm-opts "..."]
#                         [--workers N] [--strace] [--keep]
#   --load   default: --threads 2 -c 200 -P 16 -d 1024 -r 1000000
#   --keep   keep the recording and the reports in the printed directory
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/minikv-net/target/minikv-server.jar"
load="--threads 2 -c 200 -P 16 -d 1024 -r 1000000" tests="set,get" n=2000000 jvm_opts="${MINIKV_JAVA_OPTS-}"
workers="" do_strace=0 keep=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --load) load="$2"; shift ;;
        --tests) tests="$2"; shift ;;
        -n) n="$2"; shift ;;
        --jvm-opts) jvm_opts="$2"; shift ;;
        --workers) workers="$2"; shift ;;
        --strace) do_strace=1 ;;
        --keep) keep=1 ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
    shift
done
[[ -f "$JAR" ]] || { echo "no $JAR; build with: mvn -q -B package -DskipTests" >&2; exit 1; }

TMP="$(mktemp -d /tmp/minikv-profile.XXXXXX)"
pid=""
cleanup() {
    if [[ -n "$pid" ]]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    if [[ $keep == 1 ]]; then echo "kept: $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(( 20000 + RANDOM % 12000 ))
while [[ -n "$(ss -Htan "( sport = :$port )")" ]]; do port=$(( 20000 + RANDOM % 12000 )); done
# DebugNonSafepoints: attribute samples to the exact inlined method and line, not to the nearest safepoint.
# shellcheck disable=SC2086
java -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints $jvm_opts -jar "$JAR" --port "$port" --bind 127.0.0.1 ${workers:+--workers $workers} >"$TMP/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do [[ "$(redis-cli -p "$port" ping 2>/dev/null)" == PONG ]] && break; sleep 0.1; done
[[ "$(redis-cli -p "$port" ping 2>/dev/null)" == PONG ]] || { cat "$TMP/server.log" >&2; exit 1; }

bench() { # redis-benchmark with the chosen load; prints its CSV result lines
    # shellcheck disable=SC2086
    redis-benchmark -h 127.0.0.1 -p "$port" $load -t "$tests" -n "$1" --csv | tail -n +2
}
echo "== warm-up (JIT): $(bench 500000 | tr '\n' ' ')"
redis-cli -p "$port" flushall >/dev/null

ops=$(( n * $(tr ',' '\n' <<<"$tests" | wc -l) ))
# The "profile" settings with Java samples every millisecond instead of every 10 (more samples per run).
jhome=$(dirname "$(dirname "$(readlink -f "/proc/$pid/exe")")")
sed '/"jdk.ExecutionSample"/,/<\/event>/ s|>10 ms<|>1 ms<|' "$jhome/lib/jfr/profile.jfc" >"$TMP/hot.jfc"
jcmd "$pid" JFR.start name=hot settings="$TMP/hot.jfc" filename="$TMP/hot.jfr" >/dev/null
echo "== recorded: redis-benchmark $load -t $tests -n $n"
bench "$n"
jcmd "$pid" JFR.stop name=hot >/dev/null
python3 "$ROOT/bench/jfr-summary.py" "$TMP/hot.jfr" --ops "$ops" | tee "$TMP/jfr-summary.txt"

if [[ $do_strace == 1 ]]; then
    sn=$(( n / 10 ))
    redis-cli -p "$port" flushall >/dev/null
    echo
    echo "== syscalls of all server threads over redis-benchmark $load -t $tests -n $sn (strace -c -f)"
    strace -c -f -p "$pid" -o "$TMP/strace.txt" &
    spid=$!
    sleep 1
    bench "$sn" >/dev/null
    kill -INT "$spid"; wait "$spid" 2>/dev/null || true
    sops=$(( sn * $(tr ',' '\n' <<<"$tests" | wc -l) ))
    awk -v ops="$sops" 'NR <= 2 || /^-/ {print; next}
        $4 ~ /^[0-9]+$/ {printf "%s   %8.3f calls/op\n", $0, $4 / ops; next} {print}' "$TMP/strace.txt"
fi
