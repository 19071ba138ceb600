#!/usr/bin/env bash
# Side-by-side benchmark: mini-kv against redis-server, same client, same flags, same box.
#
# Both servers run on free loopback ports; redis-benchmark drives one, then the other, round after round (the order
# alternates so neither always runs on a warmer or cooler box; each turn first waits a while for an idle box). Per
# test it reports the median rps, p50 and p99 of each server, the ratio mini-kv/redis, and each server's CPU seconds
# per million operations (utime+stime of the whole process from /proc/PID/stat, sampled right before and after each
# run). On a small box the client itself needs about a core, so rps saturates whatever the server does: CPU per
# operation is the efficiency figure to read.
#
# Usage: bench/vs-redis.sh [--quick] [--rounds N] [--only a,b] [--workers N] [--jvm-opts "..."]
#                          [--mini-cmd "CMD with {port} and {dir}"] [--no-build] [--max-conns N] [--idle-wait S]
#                          [--list]
#   --quick        smaller runs, one measured round, under 2 minutes
#   --only         run only the named scenarios (see --list)
#   --mini-cmd     start the candidate with this command instead of the mini-kv jar ({port} and {dir} are
#                  substituted); e.g. a second redis-server to test the instrument itself
#   --jvm-opts     JVM options for mini-kv (default: $MINIKV_JAVA_OPTS, else the defaults below)
#   --workers      mini-kv --workers (default: the server's own default)
#   --max-conns    cap for the many-connections scenario (default: 10000, or what `ulimit -n` allows)
#   --idle-wait    seconds to wait for an idle box before each turn (default: 20, quick: 2)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/minikv-net/target/minikv-server.jar"
# The JVM settings chosen by measurement (see BENCHMARKS.md, "Server vs Redis"); override with --jvm-opts.
DEFAULT_JAVA_OPTS="${MINIKV_JAVA_OPTS-}"

quick=0 rounds="" only="" workers="" jvm_opts="$DEFAULT_JAVA_OPTS" mini_cmd="${MINIKV_CMD-}" build=1 max_conns=10000
list=0 idle_wait=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) quick=1 ;;
        --rounds) rounds="$2"; shift ;;
        --only) only="$2"; shift ;;
        --workers) workers="$2"; shift ;;
        --jvm-opts) jvm_opts="$2"; shift ;;
        --mini-cmd) mini_cmd="$2"; shift ;;
        --no-build) build=0 ;;
        --max-conns) max_conns="$2"; shift ;;
        --list) list=1 ;;
        --idle-wait) idle_wait="$2"; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

for tool in redis-server redis-benchmark redis-cli ss; do
    command -v "$tool" >/dev/null || { echo "missing: $tool (Debian: apt-get install redis-server redis-tools iproute2)" >&2; exit 1; }
done

# ---- scenarios -------------------------------------------------------------------------------------------------
# name | label | redis-benchmark flags (without -t/-n) | requests (full) | requests (quick) | warm-up round (1/0)
# A warm-up round is run and discarded where the first pass is not representative: random 1 KB SETs (allocator
# and table growth) and, in every mode, the very first scenario (the JIT compiles the JVM's hot path).
many_conns_flags="--threads 2 -P 16 -d 64 -r 1000000"
SCENARIOS=(
    "random-1k|random keys, 1 KB values, -P 16|--threads 2 -c 200 -P 16 -d 1024 -r 1000000|1000000|200000|1"
    "single-key|single key (-r overflow), 1 KB values, -P 16|--threads 2 -c 200 -P 16 -d 1024 -r 1000000000000|1000000|200000|0"
    "no-pipeline|no pipelining, -P 1 -c 50 -d 16|--threads 1 -c 50 -P 1 -d 16 -r 1000000|300000|60000|0"
    "small|small values, -P 16 -c 50 -d 16|--threads 2 -c 50 -P 16 -d 16 -r 1000000|1000000|200000|0"
    "conns-2000|2000 connections, -P 16 -d 64|$many_conns_flags -c 2000|1000000|200000|0"
    "conns-max|MAXC connections, -P 16 -d 64|$many_conns_flags -c MAXC|1000000|300000|0"
)
if [[ $list == 1 ]]; then
    for s in "${SCENARIOS[@]}"; do IFS='|' read -r n l f _ <<<"$s"; printf '%-12s %s  [%s]\n' "$n" "$l" "$f"; done
    exit 0
fi
[[ -n "$rounds" ]] || rounds=$([[ $quick == 1 ]] && echo 1 || echo 3)
[[ -n "$idle_wait" ]] || idle_wait=$([[ $quick == 1 ]] && echo 2 || echo 20)

# ---- file descriptors: as many connections toward 10000 as the limits allow -------------------------------------
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
nofile=$(ulimit -n)
# Each side needs one descriptor per connection plus its own (redis-server reserves 32, the JVM a few hundred).
fd_cap=$(( (nofile - 400) / 1000 * 1000 ))
maxc=$(( max_conns < fd_cap ? max_conns : fd_cap ))

# ---- cleanup on every exit path --------------------------------------------------------------------------------
TMP="$(mktemp -d /tmp/vs-redis.XXXXXX)"
declare -A SERVER_PID=()
descendants() { # pid and all its descendants
    local p c
    for p in "$@"; do
        echo "$p"
        for c in $(ps -o pid= --ppid "$p" 2>/dev/null); do descendants "$c"; done
    done
}
stop_server() {
    local name=$1 pid=${SERVER_PID[$1]-} p
    [[ -n "$pid" ]] || return 0
    local all; all=$(descendants "$pid")
    for p in $all; do kill -TERM "$p" 2>/dev/null || true; done
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    for p in $all; do kill -KILL "$p" 2>/dev/null || true; done
    wait "$pid" 2>/dev/null || true
    unset "SERVER_PID[$name]"
}
cleanup() {
    local n
    for n in "${!SERVER_PID[@]}"; do stop_server "$n"; done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM

# ---- helpers -----------------------------------------------------------------------------------------------------
free_port() { # a free loopback port below the ephemeral range, not one of the already chosen ones
    local p
    while :; do
        p=$(( 20000 + RANDOM % 12000 ))
        [[ " ${USED_PORTS-} " == *" $p "* ]] && continue
        [[ -z "$(ss -Htan "( sport = :$p or dport = :$p )" 2>/dev/null)" ]] || continue
        USED_PORTS="${USED_PORTS-} $p"; echo "$p"; return
    done
}
CLK_TCK=$(getconf CLK_TCK)
proc_ticks() { # utime+stime of a process tree (all threads, also of exited threads), in clock ticks
    local total=0 p s f
    for p in $(descendants "$1"); do
        s=$(cat "/proc/$p/stat" 2>/dev/null) || continue
        s=${s##*) }
        read -ra f <<<"$s"
        total=$(( total + f[11] + f[12] ))
    done
    echo "$total"
}
busy_ticks() { # all CPUs' non-idle time, in clock ticks
    local _cpu u n s i w q sq st
    read -r _cpu u n s i w q sq st _ </proc/stat
    echo $(( u + n + s + q + sq + st ))
}
rss_mb() { # resident memory of a process tree, in MB
    local kb=0 p v
    for p in $(descendants "$1"); do
        v=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
        kb=$(( kb + ${v:-0} ))
    done
    echo $(( kb / 1024 ))
}
wait_idle() { # up to idle_wait s until the box (both servers idle between runs) is under 15 % busy over 0.5 s
    local b0 b1 cores=$(nproc)
    for _ in $(seq 1 $(( idle_wait * 2 ))); do
        b0=$(busy_ticks); sleep 0.5; b1=$(busy_ticks)
        (( (b1 - b0) * 100 < 15 * cores * CLK_TCK / 2 )) && return 0
    done
    echo "   (box still busy after $idle_wait s: $(( (b1 - b0) * 200 / CLK_TCK / cores ))% of all cores)"
}
cli() { redis-cli -h 127.0.0.1 -p "$1" "${@:2}"; }
wait_ready() { # until PING answers PONG, at most 60 s
    local name=$1 port=$2 pid=${SERVER_PID[$1]}
    for _ in $(seq 1 600); do
        kill -0 "$pid" 2>/dev/null || { echo "$name exited during startup; log:" >&2; cat "$TMP/$name.log" >&2; exit 1; }
        [[ "$(cli "$port" ping 2>/dev/null)" == PONG ]] && return 0
        sleep 0.1
    done
    echo "$name did not answer PING within 60 s; log:" >&2; cat "$TMP/$name.log" >&2; exit 1
}

# ---- build and start ---------------------------------------------------------------------------------------------
if [[ -z "$mini_cmd" ]]; then
    if [[ $build == 1 ]]; then
        newest_src=$(find "$ROOT" -path '*/src/main/*' -newer "$JAR" -print -quit 2>/dev/null || true)
        if [[ ! -f "$JAR" || -n "$newest_src" ]]; then
            echo "building mini-kv (mvn -q -B package -DskipTests) ..."
            (cd "$ROOT" && mvn -q -B package -DskipTests ${MVN_FLAGS-})
        fi
    fi
    [[ -f "$JAR" ]] || { echo "no $JAR; build with: mvn -q -B package -DskipTests" >&2; exit 1; }
    mini_cmd="java $jvm_opts -jar $JAR --port {port} --bind 127.0.0.1${workers:+ --workers $workers}"
fi

REDIS_PORT=$(free_port)
MINI_PORT=$(free_port)
mkdir -p "$TMP/redis" "$TMP/mini-kv"
# redis-server raises its own descriptor limit to maxclients+32 when it can; give it the same cap as the client.
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$TMP/redis" \
    --maxclients $(( maxc > 10000 ? maxc : 10000 )) --logfile "$TMP/redis.log" &
SERVER_PID[redis]=$!
cmd=${mini_cmd//\{port\}/$MINI_PORT}
cmd=${cmd//\{dir\}/$TMP/mini-kv}
bash -c "exec $cmd" >"$TMP/mini-kv.log" 2>&1 &
SERVER_PID[mini-kv]=$!
wait_ready redis "$REDIS_PORT"
wait_ready mini-kv "$MINI_PORT"
declare -A PORT=([redis]=$REDIS_PORT [mini-kv]=$MINI_PORT)

# ---- the machine -------------------------------------------------------------------------------------------------
echo "== machine"
echo "date:      $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:       $(nproc) cores, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
echo "memory:    $(awk '/^MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); kernel $(uname -r)"
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min), ulimit -n $nofile"
echo "redis:     $(redis-server --version | cut -d' ' -f3-4), $(redis-benchmark --version)"
echo "redis cmd: redis-server --port $REDIS_PORT --bind 127.0.0.1 --save \"\" --appendonly no --maxclients $(( maxc > 10000 ? maxc : 10000 ))"
echo "mini-kv:   $cmd"
mini_java_pid=""
for p in $(descendants "${SERVER_PID[mini-kv]}"); do
    [[ "$(cat "/proc/$p/comm" 2>/dev/null)" == java ]] && mini_java_pid=$p
done
if [[ -n "$mini_java_pid" ]]; then
    jbin=$(readlink -f "/proc/$mini_java_pid/exe")
    echo "jvm:       $("$jbin" -version 2>&1 | sed -n 2p)"
    echo "jvm cmd:   $(tr '\0' ' ' <"/proc/$mini_java_pid/cmdline")"
    if command -v jcmd >/dev/null; then
        echo "jvm flags: $(jcmd "$mini_java_pid" VM.flags 2>/dev/null | tail -n +2 | tr -s ' ' | tr ' ' '\n' \
            | grep -E 'Use[A-Za-z]*GC|HeapSize|AlwaysPreTouch|TieredStopAtLevel|CICompilerCount|ParallelGCThreads' \
            | tr '\n' ' ')"
    fi
fi
echo "mode:      $([[ $quick == 1 ]] && echo quick || echo full), $rounds measured round(s) per scenario, max connections $maxc"
echo

# ---- one benchmark run ------------------------------------------------------------------------------------------
# Prints: rps p50 p99 cpu_s_per_Mop client_cpu_pct foreign_cpu_pct (percentages of one core)
run_one() {
    local name=$1 test=$2 n=$3 flags=$4 port=${PORT[$1]} pid=${SERVER_PID[$1]}
    local t0 t1 b0 b1 w0 w1 out csv line rps p50 p99 cut cs
    t0=$(proc_ticks "$pid"); b0=$(busy_ticks); w0=$(date +%s%N)
    out="$TMP/bench.out"
    # shellcheck disable=SC2086
    { TIMEFORMAT='%U %S'; time timeout 600 redis-benchmark -h 127.0.0.1 -p "$port" $flags -n "$n" -t "$test" --csv \
        >"$out" 2>"$TMP/bench.err"; } 2>"$TMP/time.out" || { echo "redis-benchmark failed against $name:" >&2
        cat "$TMP/bench.err" "$out" >&2; return 1; }
    w1=$(date +%s%N); t1=$(proc_ticks "$pid"); b1=$(busy_ticks)
    if grep -qiE 'error|refused|reset' "$TMP/bench.err"; then
        echo "  warning: redis-benchmark reported errors against $name: $(sort -u "$TMP/bench.err" | head -3 | tr '\n' ' ')" >&2
    fi
    line=$(grep -i "^\"$test\"" "$out" | head -1)
    [[ -n "$line" ]] || { echo "no CSV result against $name:" >&2; cat "$out" "$TMP/bench.err" >&2; return 1; }
    IFS=, read -r _ rps _ _ p50 _ p99 _ <<<"${line//\"/}"
    read -r cu cs <"$TMP/time.out"
    awk -v rps="$rps" -v p50="$p50" -v p99="$p99" -v dt=$(( t1 - t0 )) -v db=$(( b1 - b0 )) -v n="$n" \
        -v hz="$CLK_TCK" -v wall=$(( w1 - w0 )) -v cu="$cu" -v cs="$cs" 'BEGIN {
            srv = dt / hz; cli = cu + cs; secs = wall / 1e9
            foreign = db / hz - srv - cli; if (foreign < 0) foreign = 0
            printf "%.0f %.3f %.3f %.3f %.0f %.0f\n", rps, p50, p99, srv / n * 1e6, cli / secs * 100, foreign / secs * 100 }'
}

# ---- scenarios ---------------------------------------------------------------------------------------------------
declare -A R=()   # R[scenario|test|server] = "rps p50 p99 cpu" lines, one per measured round
declare -a ORDER=()
first=1
for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r sname label flags n_full n_quick warm <<<"$s"
    if [[ -n "$only" && ",$only," != *",$sname,"* ]]; then continue; fi
    flags=${flags//MAXC/$maxc}; label=${label//MAXC/$maxc}
    [[ "$sname" == conns-max && $maxc -le 2000 ]] && { echo "== $sname skipped: only $maxc connections allowed"; continue; }
    n=$([[ $quick == 1 ]] && echo "$n_quick" || echo "$n_full")
    [[ $first == 1 ]] && warm=1
    first=0
    echo "== $sname: $label"
    echo "   redis-benchmark -h 127.0.0.1 -p PORT $flags -n $n -t {set,get} --csv"
    for srv in redis mini-kv; do cli "${PORT[$srv]}" flushall >/dev/null; done
    ORDER+=("$sname|$label")
    for (( r = 1 - warm; r <= rounds; r++ )); do
        # Alternate which server goes first, so neither always gets the box right after the other's run.
        if (( r % 2 )); then servers="redis mini-kv"; else servers="mini-kv redis"; fi
        for srv in $servers; do
            cli "${PORT[$srv]}" flushall >/dev/null
            wait_idle
            for test in set get; do
                res=$(run_one "$srv" "$test" "$n" "$flags")
                read -r rps p50 p99 cpu ccpu fcpu <<<"$res"
                tag=$([[ $r == 0 ]] && echo "warm-up" || echo "round $r")
                printf '   %-8s %-8s %-4s %9s rps  p50 %7s  p99 %7s ms  cpu %6s s/Mop  client %3s%%  other %3s%%  rss %s MB\n' \
                    "$tag" "$srv" "$test" "$rps" "$p50" "$p99" "$cpu" "$ccpu" "$fcpu" "$(rss_mb "${SERVER_PID[$srv]}")"
                if [[ $r -ge 1 ]]; then R["$sname|$test|$srv"]+="$rps $p50 $p99 $cpu"$'\n'; fi
            done
        done
    done
done
for srv in redis mini-kv; do cli "${PORT[$srv]}" flushall >/dev/null; done

# ---- summary: medians over the measured rounds ------------------------------------------------------------------
median() { # column $1 of stdin lines; prints the median
    awk -v c="$1" 'NF { v[++n] = $c } END {
        for (i = 2; i <= n; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
        if (n == 0) print "nan"; else if (n % 2) print v[(n + 1) / 2]; else print (v[n / 2] + v[n / 2 + 1]) / 2 }'
}
range() { awk 'NF { if (min == "" || $1 < min) min = $1; if ($1 > max) max = $1 } END { printf "%.0f-%.0fK", min/1000, max/1000 }'; }
echo
echo "== summary: medians of $rounds round(s); cpu = server CPU seconds per million operations (lower is better)"
printf '| %-46s | %-4s | %15s | %15s | %5s | %13s | %13s | %11s | %9s |\n' scenario test "redis rps" "mini-kv rps" ratio \
    "redis p50/p99" "mini p50/p99" "cpu r/m s" "cpu ratio"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..48})" ------ "$(printf -- '-%.0s' {1..17})" \
    "$(printf -- '-%.0s' {1..17})" ------- "$(printf -- '-%.0s' {1..15})" "$(printf -- '-%.0s' {1..15})" \
    "$(printf -- '-%.0s' {1..13})" "$(printf -- '-%.0s' {1..11})"
for o in "${ORDER[@]}"; do
    sname=${o%%|*}; label=${o#*|}
    for test in set get; do
        rr=${R["$sname|$test|redis"]}; mm=${R["$sname|$test|mini-kv"]}
        r_rps=$(median 1 <<<"$rr"); m_rps=$(median 1 <<<"$mm")
        r_cpu=$(median 4 <<<"$rr"); m_cpu=$(median 4 <<<"$mm")
        printf '| %-46s | %-4s | %6.0fK %8s | %6.0fK %8s | %5.2f | %6.2f/%-6.2f | %6.2f/%-6.2f | %5.2f/%-5.2f | %9.2f |\n' \
            "$label" "${test^^}" "$(awk -v x="$r_rps" 'BEGIN{print x/1000}')" "$(range <<<"$rr")" \
            "$(awk -v x="$m_rps" 'BEGIN{print x/1000}')" "$(range <<<"$mm")" \
            "$(awk -v a="$m_rps" -v b="$r_rps" 'BEGIN{print (b > 0 ? a/b : 0)}')" \
            "$(median 2 <<<"$rr")" "$(median 3 <<<"$rr")" "$(median 2 <<<"$mm")" "$(median 3 <<<"$mm")" \
            "$r_cpu" "$m_cpu" "$(awk -v a="$m_cpu" -v b="$r_cpu" 'BEGIN{print (b > 0 ? a/b : 0)}')"
    done
done
echo
echo "ratio = mini-kv rps / redis rps (above 1: mini-kv faster); cpu ratio = mini-kv / redis (below 1: mini-kv cheaper)"
echo "rps range = min-max over the measured rounds; 'other' in the per-run lines = CPU used by neither server nor client"
