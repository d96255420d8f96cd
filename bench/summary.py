#!/usr/bin/env python3
"""The one summary of a bench/run.sh run: usage summary.py OUT_DIR (prints to stdout)."""
import collections, os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gatling_stats  # noqa: E402
import pgbench_latency  # noqa: E402

out = sys.argv[1]
HZ = os.sysconf("SC_CLK_TCK")


def kv_file(path):
    d = {}
    if os.path.exists(path):
        for line in open(path):
            for m in re.finditer(r'(\w+)=(\S+)', line):
                d[m.group(1)] = m.group(2)
    return d


env = kv_file(os.path.join(out, "env.txt"))
snaps = {}
for line in open(os.path.join(out, "snapshots.txt")):
    d = dict(re.findall(r'(\w+)=(\S+)', line))
    label = d.pop("label")
    snaps[label] = {k: int(v) for k, v in d.items()}
phases = {}
for line in open(os.path.join(out, "phases.txt")):
    parts = line.split()
    if len(parts) == 2 and os.path.isdir(parts[1]):
        phases[parts[0]] = parts[1]
cores = int(env.get("cores", "2"))


def delta(label):
    a, b = snaps.get(label + ".start"), snaps.get(label + ".end")
    if not a or not b:
        return None
    wall = (b["t_ms"] - a["t_ms"]) / 1000.0
    return {"wall": wall, "svc_cpu": (b["svc_ticks"] - a["svc_ticks"]) / HZ,
            "db_cpu": (b["db_ticks"] - a["db_ticks"]) / HZ,
            "machine_cpu": (b["busy"] - a["busy"]) / HZ,
            "machine_util": (b["busy"] - a["busy"]) / max(1, b["total"] - a["total"]),
            "segs": b["segs"] - a["segs"], "rss_mb": b["svc_rss_kb"] / 1024.0,
            "gen_cpu": (b.get("gen_ticks", 0) - a.get("gen_ticks", 0)) / HZ}


stats = {p: gatling_stats.parse(d) for p, d in phases.items()}


def f(v, fmt="%.0f"):
    return "-" if v is None else fmt % v


lines = []
w = lines.append
w("=" * 100)
w("SWAS-OPEN benchmark  %s  IMAGES=%s ACCOUNTS=%s clients=%s %ss/scenario (warm-up %ss)" % (
    env.get("date"), env.get("images"), env.get("accounts"), env.get("users"), env.get("duration"),
    env.get("warmup")))
w("machine: %s cores, %s MB, %s; PostgreSQL %s on the same machine; java %s (options: %s); load avg before %s, "
  "after %s" % (env.get("cores"), env.get("mem_mb"), env.get("cpu", "").replace("_", " "), env.get("postgres"),
                env.get("java"), env.get("jvm_opts", "(none)"), env.get("loadavg_before"), env.get("loadavg_after")))
m = re.search(r'started in ([\d.]+)s', open(os.path.join(out, "service.log")).read())
prov = None
svc_log = open(os.path.join(out, "service.log")).read()
t1 = re.search(r'^(\d\d):(\d\d):(\d\d),(\d+) .*Successfully applied', svc_log, re.M)
t2 = re.search(r'^(\d\d):(\d\d):(\d\d),(\d+) .*Provisioned (\d+) access key', svc_log, re.M)
if t1 and t2:
    sec = lambda g: int(g[0]) * 3600 + int(g[1]) * 60 + int(g[2]) + int(g[3]) / 1000.0
    prov = sec(t2.groups()) - sec(t1.groups())
w("start-up: ready after %s s (Quarkus: started in %s s), of which provisioning %s keys %s s (%s bytes of "
  "SWAS_ACCESS_KEYS); seeding %s images: %s s" % (
      f(float(env["service_ready_s"]) if "service_ready_s" in env else None, "%.1f"), m.group(1) if m else "?",
      t2.group(5) if t2 else "?", f(prov, "%.1f"), env.get("access_keys_env_bytes"), env.get("images"),
      f(float(env["seed_s"]) if "seed_s" in env else None, "%.1f")))
w("")

# pgbench: the baseline before the Gatling phases and, when A ran, again after them
BASELINES = [("pgbench_baseline", "pgbench baseline before (6 statements, 1 tx)"),
             ("pgbench_after", "pgbench baseline after the service's phases")]
w("%-46s %9s %8s %8s %8s %7s %10s %10s %7s %9s" % ("phase", "req/s", "p50 ms", "p99 ms", "count", "KO",
                                                     "svc CPU", "DB CPU", "PG RT", "svc-side"))
w("%-46s %9s %8s %8s %8s %7s %10s %10s %7s %9s" % ("", "(Gatling)", "", "", "", "", "ms/req", "ms/req", "/req",
                                                     "p50/p99"))
baselines = {}  # label -> tps
baseline_n = {}  # label -> transactions, from pgbench's per-transaction log (read once: it is large)
for label, name in BASELINES:
    path = os.path.join(out, label + ".txt")
    m = re.search(r'tps = ([\d.]+) \(without', open(path).read()) if os.path.exists(path) else None
    if not m:
        continue
    tps = baselines[label] = float(m.group(1))
    lat = pgbench_latency.stats(os.path.join(out, label))
    baseline_n[label] = lat["n"]
    # No DB CPU here: pgbench's backends exist only between the two snapshots, which cannot see them.
    w("%-46s %9.1f %8.2f %8.2f %8d %7s %10s %10s %7s" % (
        name, tps, lat["p50_ms"], lat["p99_ms"], lat["n"], "0", "-", "-", "-"))


# Service-side latency from the service's access log ("Completed action=... durationMs=N", one line per
# call), over each phase's window: tells the service's own latency apart from the load generator's.
access = []
for line in open(os.path.join(out, "service.log"), errors="replace"):
    mm = re.match(r'(\d\d):(\d\d):(\d\d),(\d\d\d) .*Completed action=.* durationMs=(\d+)', line)
    if mm:
        g = mm.groups()
        access.append(((int(g[0]) * 3600 + int(g[1]) * 60 + int(g[2])) * 1000 + int(g[3]), int(g[4])))


def service_side(label):
    a, b = snaps.get(label + ".start"), snaps.get(label + ".end")
    if not a or not b or not access:
        return "-"
    day = 86400000
    lo, hi = a["t_ms"] % day, b["t_ms"] % day
    v = sorted(d for t, d in access if lo <= t <= hi)
    if not v:
        return "-"
    return "%d/%d" % (v[len(v) // 2], v[min(len(v) - 1, int(len(v) * 0.99))])


def measured(label):
    """The phase's measured requests: Gatling's group 'measured' when the run had a warm-up part, else all."""
    st = stats.get(label, {})
    return st.get("measured") or st.get("All Requests")


def row(label, name, key="All Requests"):
    whole = key == "All Requests"
    s = measured(label) if whole else stats.get(label, {}).get(key)
    if not s:
        return None
    phase = delta(label)
    d = phase if whole else None
    total = measured(label)["count"]
    if phase and phase["wall"] > 0:
        # Gatling's own rate divides by the whole simulation, warm-up part included: use the measured part's wall time.
        s = dict(s, rps=s["count"] / phase["wall"])
    w("%-46s %9.1f %8s %8s %8d %7d %10s %10s %7s %9s" % (
        name, s["rps"], f(s["p50"]), f(s["p99"]), s["count"], s["ko"],
        f(d and 1000 * d["svc_cpu"] / max(1, total), "%.2f"),
        f(d and 1000 * d["db_cpu"] / max(1, total), "%.2f"),
        f(d and d["segs"] / max(1, total), "%.1f"),
        service_side(label) if whole else ""))
    return s


a = row("A", "A ModifyImageShareStatus, closed, %s users" % env.get("users"))
row("A", "  A without ClientToken", "A Modify (no token)")
row("A", "  A with a fresh ClientToken", "A Modify (ClientToken)")
ah = row("A_half", "A open model at half of A's throughput")
row("A_half", "  A_half without ClientToken", "A Modify (no token)")
row("A_half", "  A_half with a fresh ClientToken", "A Modify (ClientToken)")
b = row("B", "B CreateCustomImage, 1 account over quota")
c = row("C", "C ListCustomImages (page of 10)")
row("A_jfr", "A again, under JFR (profiling only)")
w("")
if a and baselines:
    for label, tps in baselines.items():
        w("THROUGHPUT: service (A) %.1f req/s vs %s %.1f tps at %s clients: ratio %.2fx (target >= 0.80x)%s" % (
            a["rps"], label.replace("_", " "), tps, env.get("users"), a["rps"] / tps,
            "" if a["rps"] / tps >= 0.8 else "  BELOW TARGET"))
if ah:
    w("A at half load: p99 %s ms in Gatling, service-side p50/p99 %s ms (target p99 < 20 ms)" % (
        f(ah["p99"]), service_side("A_half")))
if b and a:
    da, db = delta("A"), delta("B")
    accepted = int(env.get("b_accepted", "0"))
    w("B: %d requests, %d admitted (quota), %d rejected Throttling.User" % (b["count"], accepted, b["count"] - accepted))
    if da and db:
        ca = (da["svc_cpu"] + da["db_cpu"]) / max(1, measured("A")["count"])
        cb = (db["svc_cpu"] + db["db_cpu"]) / max(1, b["count"])
        w("rejection cost vs successful ModifyImageShareStatus: CPU (service+DB) %.2f vs %.2f ms/req = %.2f; "
          "throughput %.1f vs %.1f req/s = %.2f (target <= 0.33)" % (1000 * cb, 1000 * ca, cb / ca,
                                                                   b["rps"], a["rps"], a["rps"] / b["rps"]))
w("")
w("CPU per phase (CPU seconds; 'other processes' = PostgreSQL's own workers, pgbench in its phase, other tenants):")
for label in ["pgbench_baseline", "warmup", "A", "A_half", "B", "C", "pgbench_after", "A_jfr"]:
    d = delta(label)
    if d:
        gen = d["gen_cpu"] if not label.startswith("pgbench") else None
        w("  %-16s wall %5.1f s  service %5.1f s  DB backends %5.1f s  Gatling %5s s  machine %5.1f s (%3.0f%% of %d "
          "cores)  other processes %5.1f s  RSS %4.0f MB" % (
              label, d["wall"], d["svc_cpu"], d["db_cpu"], f(gen, "%.1f"), d["machine_cpu"], 100 * d["machine_util"],
              cores, d["machine_cpu"] - d["svc_cpu"] - d["db_cpu"] - (gen or 0), d["rss_mb"]))
rss = [s["svc_rss_kb"] / 1024.0 for s in snaps.values() if s["svc_rss_kb"]]
if rss:
    w("  service RSS: %.0f MB after start-up and seeding, max %.0f MB" % (snaps.get("pgbench_baseline.start", {}).get("svc_rss_kb", 0) / 1024.0,
                                                                       max(rss)))

# WAL per request: what the database writes for one call, and how much of it is whole pages
wal_rows = []
for label in ["pgbench_baseline", "A", "A_half", "B", "C", "pgbench_after"]:
    a0, b0 = snaps.get(label + ".start"), snaps.get(label + ".end")
    if not a0 or not b0 or "wal_bytes" not in a0:
        continue
    if label in baseline_n:
        n = baseline_n[label]
    elif measured(label):
        n = measured(label)["count"]
    else:
        continue
    wal_rows.append("  %-16s %7.2f KB/request  %5.2f full-page images/request" % (
        label, (b0["wal_bytes"] - a0["wal_bytes"]) / 1024.0 / max(1, n), (b0["wal_fpi"] - a0["wal_fpi"]) / max(1, n)))
if wal_rows:
    w("")
    w("WAL per request (pg_stat_wal; each phase starts right after a CHECKPOINT):")
    lines.extend(wal_rows)

# statements per request
stmt_rows = []
for s in "ABC":
    path = os.path.join(out, "statements-%s.log" % s)
    label = "stmt-" + s
    if not os.path.exists(path) or label not in stats:
        continue
    n = stats[label]["All Requests"]["count"]
    counter = collections.Counter()
    db = env_db = None
    for line in open(path, errors="replace"):
        mm = re.search(r'@(\S+) LOG:  duration: [\d.]+ ms  (?:execute [^:]+|statement): (.*)', line)
        if mm:
            text = re.sub(r'\s+', ' ', mm.group(2)).strip()
            counter[text[:90]] += 1
    total = sum(counter.values())
    stmt_rows.append("  %s: %d requests, %d statements executed = %.2f per request" % (s, n, total, total / max(1, n)))
    for text, k in counter.most_common(12):
        if k / max(1, n) >= 0.05:
            stmt_rows.append("      %5.2f  %s" % (k / max(1, n), text))
if stmt_rows:
    w("")
    w("Statements per request (log_min_duration_statement=0, 1 user, separate short pass):")
    lines.extend(stmt_rows)
jfr = os.path.join(out, "jfr_hot.txt")
if os.path.exists(jfr):
    w("")
    w("JFR (scenario A_jfr, %s): " % os.path.join(out, "service-A.jfr"))
    lines.extend("  " + l.rstrip() for l in open(jfr).read().splitlines()[:45])
lim = os.path.join(out, "limiter.txt")
if os.path.exists(lim):
    w("")
    lines.extend(l.rstrip() for l in open(lim))
w("")
w("Gatling HTML reports:")
for p, d in phases.items():
    w("  %-8s %s/index.html" % (p, d))
w("all files: %s" % out)
w("=" * 100)
print("\n".join(lines))
