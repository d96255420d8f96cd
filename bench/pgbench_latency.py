#!/usr/bin/env python3
"""Percentiles of pgbench per-transaction logs (pgbench -l --log-prefix=PREFIX).

usage: pgbench_latency.py PREFIX [--json]
Each log line is "client_id transaction_no time_us script_no epoch epoch_us" (pgbench 15); time_us is
the transaction's latency. Prints n, p50, p90, p99, max in milliseconds.
"""
import glob, json, sys


def percentile(sorted_values, q):
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, int(round(q / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def load(prefix):
    values = []
    for name in glob.glob(prefix + ".*"):
        with open(name) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 3 and parts[2].isdigit():
                    values.append(int(parts[2]) / 1000.0)
    values.sort()
    return values


def stats(prefix):
    v = load(prefix)
    return {"n": len(v), "p50_ms": percentile(v, 50), "p90_ms": percentile(v, 90),
            "p99_ms": percentile(v, 99), "max_ms": v[-1] if v else float("nan")}


if __name__ == "__main__":
    s = stats(sys.argv[1])
    if "--json" in sys.argv:
        print(json.dumps(s))
    else:
        print("n=%d p50=%.3f ms p90=%.3f ms p99=%.3f ms max=%.3f ms" % (s["n"], s["p50_ms"], s["p90_ms"],
                                                                       s["p99_ms"], s["max_ms"]))
