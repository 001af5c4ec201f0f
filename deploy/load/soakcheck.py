#!/usr/bin/env python3
"""Judges a soak run of deploy/load/load.sh: OUT/soak-1.json ... soak-N.json (one per window)
and OUT/rss.csv. Fails (exit 1) on any 5xx or transport error, on a p99 that is not stable
(a window's p99 above twice the median window's p99 plus 20 ms) and on resident memory that
grows (a replica's RSS in the last quarter of the soak above 1.25 × its RSS after the first
window, plus 16 MB)."""
import csv
import json
import statistics
import sys

out, n = sys.argv[1], int(sys.argv[2])
windows = [json.load(open(f"{out}/soak-{i}.json")) for i in range(1, n + 1)]
ok = True
p99s = [w["overall"]["p99_ms"] for w in windows]
errors = sum(w["overall"]["errors"] for w in windows)
requests = sum(w["overall"]["requests"] for w in windows)
acked = {}
for w in windows:
    for k, v in w.get("acked_writes", {}).items():
        acked[k] = acked.get(k, 0) + v
median = statistics.median(p99s)
print(f"soak: {n} windows, {requests} requests, {errors} errors (5xx or transport)")
print("soak: p99 per window (ms): " + " ".join(f"{p:.1f}" for p in p99s) + f"; median {median:.1f}")
print(f"soak: acknowledged writes {acked}")
if errors:
    print("FAIL: errors during the soak")
    ok = False
bound = 2 * median + 20
if max(p99s) > bound:
    print(f"FAIL: p99 not stable: {max(p99s):.1f} ms > {bound:.1f} ms")
    ok = False

rows = list(csv.DictReader(open(f"{out}/rss.csv")))
by_pid = {}
for r in rows:
    if r["rss_kb"]:
        by_pid.setdefault(r["pid"], []).append((int(r["time"]), int(r["rss_kb"])))
for pid, samples in by_pid.items():
    samples.sort()
    t0 = samples[0][0]
    total = samples[-1][0] - t0
    after_first = [kb for t, kb in samples if t - t0 >= total / n] or [samples[0][1]]
    base = after_first[0]
    last_quarter = [kb for t, kb in samples if t - t0 >= 0.75 * total]
    peak = max(last_quarter)
    print(f"soak: replica {pid} RSS {base / 1024:.0f} MB after the first window, "
          f"{peak / 1024:.0f} MB at most in the last quarter, {samples[-1][1] / 1024:.0f} MB at the end")
    if peak > 1.25 * base + 16 * 1024:
        print(f"FAIL: replica {pid}'s RSS grew")
        ok = False
print("soak: PASS" if ok else "soak: FAILED")
sys.exit(0 if ok else 1)
