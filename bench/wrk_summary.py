#!/usr/bin/env python3
"""Summary of a bench/wrk.sh run: throughput, CPU per request (service, the whole PostgreSQL cluster, the machine),
latency, errors, per phase; the ratio of ModifyImageShareStatus to pgbench's naive path, and what a RAM user's and a
role session's call cost more than the account key's (authorization).

Usage: bench/wrk_summary.py OUT_DIR            the summary
       bench/wrk_summary.py --rate OUT_DIR P   phase P's throughput (requests per second), for the script
"""
import os
import re
import sys

HZ = os.sysconf("SC_CLK_TCK")


def snapshots(out):
    snaps = {}
    for line in open(os.path.join(out, "snapshots.txt")):
        kv = dict(p.split("=", 1) for p in line.split())
        label = kv.pop("label")
        snaps[label] = {k: int(v) for k, v in kv.items()}
    return snaps


def wrk_phase(out, label):
    text = open(os.path.join(out, label + ".txt")).read()
    m = re.search(r"replay: threads_out_of_records=(\d+) requests=(\d+) non2xx=(\d+) errors=(\d+)", text)
    lat = dict(re.findall(r"replay: p([\d.]+)_ms=([\d.]+)", text))
    return {"out_of_records": int(m[1]), "requests": int(m[2]), "non2xx": int(m[3]), "errors": int(m[4]),
            "p50": float(lat["50"]), "p99": float(lat["99"])}


def costs(snaps, label, requests):
    a, b = snaps[label + ".start"], snaps[label + ".end"]
    wall = (b["t_ms"] - a["t_ms"]) / 1000
    ms = lambda ticks: ticks / HZ * 1000 / max(requests, 1)
    return {"wall": wall, "rate": requests / wall, "svc": ms(b["svc_ticks"] - a["svc_ticks"]),
            "db": ms(b.get("pg_ticks", 0) - a.get("pg_ticks", 0)), "machine": ms(b["busy"] - a["busy"]),
            "rt": (b["segs"] - a["segs"]) / max(requests, 1), "rss_mb": b["svc_rss_kb"] / 1024}


def main():
    if sys.argv[1] == "--rate":
        out, label = sys.argv[2], sys.argv[3]
        print("%.1f" % costs(snapshots(out), label, wrk_phase(out, label)["requests"])["rate"])
        return
    out = sys.argv[1]
    snaps = snapshots(out)
    print(open(os.path.join(out, "env.txt")).read().strip())
    pg = open(os.path.join(out, "pgbench.txt")).read()
    tx = int(re.search(r"number of transactions actually processed: (\d+)", pg)[1])
    pg_failed = re.search(r"number of failed transactions: (\d+)", pg)
    base = costs(snaps, "pgbench", tx)
    print("%-10s %9s %8s %8s %8s %8s %7s %7s %6s %s" % ("phase", "req/s", "svc ms", "db ms", "machine", "PG RT",
                                                       "p50 ms", "p99 ms", "RSS MB", "errors"))
    print("%-10s %9.1f %8s %8.3f %8.3f %8s %7s %7s %6s %s" % ("pgbench", base["rate"], "-", base["db"], base["machine"],
                                                           "-", "-", "-", "-", pg_failed[1] if pg_failed else "?"))
    results = {}
    for label in ("modify", "ram", "sts", "one", "throttled", "badsig", "list"):
        if not os.path.exists(os.path.join(out, label + ".txt")):
            continue
        w = wrk_phase(out, label)
        c = costs(snaps, label, w["requests"])
        results[label] = (w, c)
        errors = "non2xx=%d io=%d%s" % (w["non2xx"], w["errors"], " OUT-OF-RECORDS" if w["out_of_records"] else "")
        print("%-10s %9.1f %8.3f %8.3f %8.3f %8.2f %7.2f %7.2f %6.0f %s" % (
            label, c["rate"], c["svc"], c["db"], c["machine"], c["rt"], w["p50"], w["p99"], c["rss_mb"], errors))
    half = os.path.join(out, "half.txt")
    if os.path.exists(half):
        line = [l for l in open(half) if l.startswith("phase1")][0]
        print("half      " + line.split(None, 1)[1].strip())
    if "modify" in results:
        m = results["modify"][1]
        print("modify / pgbench: throughput %.2fx, PostgreSQL CPU per call %.2fx of pgbench's per transaction, "
              "machine CPU %.2fx" % (m["rate"] / base["rate"], m["db"] / base["db"], m["machine"] / base["machine"]))
    for label, who in (("ram", "a RAM user"), ("sts", "a role session")):
        if "modify" in results and label in results:
            m, r = results["modify"][1], results[label][1]
            print("%s / account key: throughput %.2fx, service CPU per call %+.3f ms, machine CPU %+.3f ms (%s)" % (
                label, r["rate"] / m["rate"], r["svc"] - m["svc"], r["machine"] - m["machine"], who))
    if "modify" in results and "throttled" in results:
        m, t = results["modify"][1], results["throttled"][1]
        print("throttled / success CPU (service + PostgreSQL): %.2f" % ((t["svc"] + t["db"]) / (m["svc"] + m["db"])))


if __name__ == "__main__":
    main()
