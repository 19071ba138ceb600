#!/usr/bin/env python3
"""Summarises a JFR recording of the server's hot path: where CPU samples fall and what allocates.

Usage: jfr-summary.py RECORDING.jfr [--ops N] [--top K] [--threads REGEX]

Reads `jfr print --json` output (the JDK's own tool, so no parser of the binary format is needed here) and prints:
  - execution samples by thread, by top frame (self time) and by any frame (inclusive time, counted once per sample);
  - allocation samples (jdk.ObjectAllocationSample, weight = estimated bytes) by class and by allocating frame;
  - exact bytes allocated per thread over the recording (jdk.ThreadAllocationStatistics), and, given --ops, per
    operation: the figure the "no allocation per command" rule is judged by.
"""
import argparse
import collections
import json
import re
import subprocess
import sys


def load(path, events, depth):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(depth), "--events", events, path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def frame_name(frame):
    method = frame["method"]
    cls = method["type"]["name"]
    return "%s.%s:%s" % (cls.rsplit(".", 1)[-1], method["name"], frame.get("lineNumber", "?"))


def method_name(frame):
    method = frame["method"]
    return "%s.%s" % (method["type"]["name"].rsplit(".", 1)[-1], method["name"])


def thread_name(ev, key="sampledThread"):
    t = ev["values"].get(key) or ev["values"].get("eventThread") or {}
    return t.get("javaName") or t.get("osName") or "?"


def show(title, counter, total, top, unit=""):
    print("\n%s (total %s%s)" % (title, fmt(total), unit))
    for name, n in counter.most_common(top):
        print("  %6.1f%%  %10s%s  %s" % (100.0 * n / total if total else 0, fmt(n), unit, name))


def fmt(n):
    if isinstance(n, float) or n >= 100000:
        for div, suffix in ((1 << 30, "G"), (1 << 20, "M"), (1 << 10, "K")):
            if n >= div:
                return "%.1f%s" % (n / div, suffix)
    return str(int(n))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("recording")
    ap.add_argument("--ops", type=int, default=0, help="operations served during the recording")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--threads", default=".", help="regex of thread names to include (default: all)")
    args = ap.parse_args()
    keep = re.compile(args.threads)

    samples = [e for e in load(args.recording, "jdk.ExecutionSample", 64) if keep.search(thread_name(e))]
    by_thread, self_m, self_line, incl = (collections.Counter() for _ in range(4))
    for e in samples:
        frames = (e["values"].get("stackTrace") or {}).get("frames") or []
        by_thread[thread_name(e)] += 1
        if frames:
            self_m[method_name(frames[0])] += 1
            self_line[frame_name(frames[0])] += 1
        for m in {method_name(f) for f in frames}:
            incl[m] += 1
    n = len(samples)
    print("execution samples: %d" % n)
    show("samples by thread", by_thread, n, args.top)
    show("self time by method", self_m, n, args.top)
    show("self time by line", self_line, n, args.top)
    show("inclusive time by method", incl, n, args.top)

    allocs = [e for e in load(args.recording, "jdk.ObjectAllocationSample", 8)
              if keep.search(thread_name(e, "eventThread"))]
    by_class, by_site = collections.Counter(), collections.Counter()
    total = 0
    for e in allocs:
        w = e["values"].get("weight", 0)
        total += w
        by_class[e["values"]["objectClass"]["name"]] += w
        frames = (e["values"].get("stackTrace") or {}).get("frames") or []
        by_site[" < ".join(frame_name(f) for f in frames[:4])] += w
    print("\nallocation samples: %d" % len(allocs))
    if allocs:
        show("allocated bytes (sampled estimate) by class", by_class, total, args.top, "B")
        show("allocated bytes (sampled estimate) by site", by_site, total, args.top, "B")

    stats = load(args.recording, "jdk.ThreadAllocationStatistics", 1)
    lo, hi = {}, {}
    for e in stats:
        name = thread_name(e, "thread")
        if not keep.search(name):
            continue
        a = e["values"]["allocated"]
        lo[name] = min(lo.get(name, a), a)
        hi[name] = max(hi.get(name, a), a)
    delta = {t: hi[t] - lo[t] for t in hi if hi[t] > lo[t]}
    whole = sum(delta.values())
    print("\nbytes allocated during the recording, by thread (jdk.ThreadAllocationStatistics): %sB" % fmt(whole))
    for t, d in sorted(delta.items(), key=lambda kv: -kv[1])[:args.top]:
        print("  %12sB  %s" % (fmt(d), t))
    if args.ops:
        print("per operation: %.1f B (%d operations)" % (whole / args.ops, args.ops))


if __name__ == "__main__":
    sys.exit(main())
