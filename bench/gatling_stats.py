#!/usr/bin/env python3
"""Reads a Gatling HTML report's js/stats.js and prints its numbers as JSON.

usage: gatling_stats.py REPORT_DIR
       gatling_stats.py --rate REPORT_DIR SNAPSHOTS_FILE LABEL   (measured requests per second of a phase)
Output: {"All Requests": {...}, "<request name>": {...}} with count, ok, ko, p50, p75, p95, p99 (ms,
Gatling's default percentiles 1-4), mean and rps (mean requests per second).
"""
import json, re, sys


def parse(report_dir):
    text = open(report_dir + "/js/stats.js", encoding="utf-8").read()
    text = text[text.index("{"):text.index("\nfunction fillStats")].rstrip().rstrip(";")
    text = re.sub(r'^(\s*)([A-Za-z_][A-Za-z0-9_]*):', r'\1"\2":', text, flags=re.M)
    root = json.loads(text)
    out = {}

    def number(v):
        try:
            return float(v)
        except (TypeError, ValueError):
            return None

    def visit(node):
        s = node["stats"]
        out[s["name"]] = {
            "count": int(s["numberOfRequests"]["total"]), "ok": int(s["numberOfRequests"]["ok"]),
            "ko": int(s["numberOfRequests"]["ko"]), "mean": number(s["meanResponseTime"]["ok"]),
            "p50": number(s["percentiles1"]["ok"]), "p75": number(s["percentiles2"]["ok"]),
            "p95": number(s["percentiles3"]["ok"]), "p99": number(s["percentiles4"]["ok"]),
            "max": number(s["maxResponseTime"]["ok"]),
            "rps": number(s["meanNumberOfRequestsPerSecond"]["total"]),
        }
        for child in (node.get("contents") or {}).values():
            visit(child)

    visit(root)
    return out


def measured_rate(report_dir, snapshots_file, label):
    """Requests per second of a phase's measured part: the group 'measured' (else all requests) over the
    wall time between the phase's start and end snapshots (bench/snapshot.sh lines)."""
    st = parse(report_dir)
    count = (st.get("measured") or st["All Requests"])["count"]
    t = {}
    for line in open(snapshots_file):
        d = dict(re.findall(r'(\w+)=(\S+)', line))
        t[d["label"]] = int(d["t_ms"])
    return count / ((t[label + ".end"] - t[label + ".start"]) / 1000.0)


if __name__ == "__main__":
    if sys.argv[1] == "--rate":  # gatling_stats.py --rate REPORT_DIR SNAPSHOTS_FILE LABEL
        print("%.1f" % measured_rate(sys.argv[2], sys.argv[3], sys.argv[4]))
    else:
        print(json.dumps(parse(sys.argv[1]), indent=1))
