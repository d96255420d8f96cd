#!/usr/bin/env python3
"""Drill: overload is answered, not queued forever.

The packaged service (./mvnw package -DskipTests first) on a fresh database of the local PostgreSQL, driven by
bench/openload.c (built here with gcc), an open-model generator: requests arrive at a fixed rate whatever the
answers' latency. First the maximum throughput is measured (16 connections, as many requests as they carry);
then 4x that rate is offered for 30 s, then half of it for 10 s. Meanwhile /q/health/ready is polled.

Checks: every request answered within 2 s, as a success or 503 ServiceUnavailable with x-acs-retry-after (no
client time-out, no 500); readiness stays UP; successes under overload at least 80% of the maximum; p99
back to normal within 5 s of the load dropping. Prints the figures.

Usage: scripts/drill-overload.py [ACCOUNTS]   (default 200)
"""
import json
import os
import re
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "drills"))
import drill  # noqa: E402

OPENLOAD = os.path.join(drill.ROOT, "target", "openload")


def openload(replica, requests_file, phases, connections):
    out = subprocess.run([OPENLOAD, "127.0.0.1", str(replica.port), requests_file, *phases, "-c", str(connections),
                          "-t", "10"], capture_output=True, text=True, check=True).stdout
    return out


def totals(output, phase):
    line = next(l for l in output.splitlines() if l.startswith(f"phase{phase}"))
    numbers = dict(re.findall(r"(2xx|503|other4xx|5xx|timeouts|errors|dropped|sent) +(\d+)", line))
    latency = dict(re.findall(r"(p50|p99|max) +([\d.]+) ms", line))
    rate = float(re.search(r"2xx +\d+ \( *([\d.]+)/s\)", line).group(1))
    return {k: int(v) for k, v in numbers.items()}, {k: float(v) for k, v in latency.items()}, rate


def main():
    accounts_count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    if not os.path.exists(drill.JAR):
        sys.exit(f"No {drill.JAR}: run ./mvnw package -DskipTests first")
    subprocess.run(["gcc", "-O2", "-o", OPENLOAD, os.path.join(drill.ROOT, "bench", "openload.c"), "-lm"], check=True)
    db = f"swas_overload_{int(time.time())}"
    drill.psql(f"CREATE DATABASE {db}")
    accounts = [drill.Account(9_000_000_000_000 + i) for i in range(accounts_count)]
    replica = drill.Replica("overload", f"jdbc:postgresql://{drill.PG['host']}:{drill.PG['port']}/{db}", accounts)
    try:
        replica.start()
        replica.await_ready()
        run(replica, accounts, db)
    finally:
        if replica.process and replica.process.poll() is None:
            replica.terminate()
        drill.psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


def presign(replica, accounts, images, count, path):
    targets = [{"accountId": a.account_id, "keyId": a.key_id, "secret": a.secret, "imageId": i}
               for a, i in zip(accounts, images)]
    targets_path = path + ".targets.json"
    with open(targets_path, "w") as f:
        json.dump(targets, f)
    subprocess.run([sys.executable, os.path.join(drill.ROOT, "bench", "presign.py"), targets_path,
                    f"127.0.0.1:{replica.port}", str(count), path, "2"], check=True)


def run(replica, accounts, db):
    client = drill.Client()
    images = [client.call(replica, drill.signed_body(a, "CreateCustomImage", {
        "RegionId": "cn-hangzhou", "ImageName": "overload", "InstanceId": "i-drill", "SystemSnapshotId": "s-drill"}))
        .body["ImageId"] for a in accounts]
    work = os.path.join(drill.ROOT, "target", "drill-overload")
    os.makedirs(work, exist_ok=True)

    # Warm the JIT, then measure the maximum: 16 connections, each sending its next request on the answer.
    presign(replica, accounts, images, 200_000, f"{work}/max.req")
    openload(replica, f"{work}/max.req", ["100000:20"], 16)
    presign(replica, accounts, images, 200_000, f"{work}/max.req")
    maximum_out = openload(replica, f"{work}/max.req", ["100000:20"], 16)
    _, max_latency, maximum = totals(maximum_out, 1)
    drill.log(f"maximum throughput {maximum:.0f} req/s (p50 {max_latency['p50']:.1f} ms, p99 {max_latency['p99']:.1f} ms)")

    rate_over, rate_after = int(4 * maximum), int(maximum / 2)
    presign(replica, accounts, images, rate_over * 30 + rate_after * 10 + 1000, f"{work}/overload.req")
    health = {"up": 0, "down": 0}
    stop = threading.Event()

    def poll_health():
        while not stop.is_set():
            health["up" if replica.ready(2.0) else "down"] += 1
            time.sleep(0.5)

    poller = threading.Thread(target=poll_health)
    poller.start()
    out = openload(replica, f"{work}/overload.req", [f"{rate_over}:30", f"{rate_after}:10"], 8192)
    stop.set()
    poller.join()
    with open(f"{work}/overload.out", "w") as f:
        f.write(maximum_out + "\n" + out)

    over, over_latency, over_rate = totals(out, 1)
    after, after_latency, _ = totals(out, 2)
    seconds = [l for l in out.splitlines() if l.startswith("t=")]
    recovered_at = None
    for line in seconds:
        t = int(re.search(r"t= *(\d+)s", line).group(1))
        p99 = float(re.search(r"p99 +([\d.]+) ms", line).group(1))
        if t > 31 and recovered_at is None and p99 <= max(3 * max_latency["p99"], 50):
            recovered_at = t - 30
    print()
    print(f"OVERLOAD DRILL  {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}  {len(accounts)} accounts, "
          "ModifyImageShareStatus (half with a ClientToken), open model (bench/openload.c)")
    print(f"  maximum (16 connections, closed)   {maximum:8.0f} req/s  p50 {max_latency['p50']:.1f} ms  p99 "
          f"{max_latency['p99']:.1f} ms")
    print(f"  offered 4x for 30 s               {rate_over:8d} req/s  sent {over['sent']}  successes "
          f"{over['2xx']} ({over_rate:.0f}/s = {over_rate / maximum:.2f} of the maximum)  503 {over['503']}  "
          f"other 4xx {over['other4xx']}  5xx {over['5xx']}  client time-outs {over['timeouts']}  "
          f"errors {over['errors']}  not sent (generator) {over['dropped']}")
    print(f"    answer latency p50 / p99 / max   {over_latency['p50']:.0f} / {over_latency['p99']:.0f} / "
          f"{over_latency['max']:.0f} ms")
    print(f"  then half the maximum for 10 s    {rate_after:8d} req/s  successes {after['2xx']}  503 {after['503']}  "
          f"p50 {after_latency['p50']:.1f} ms  p99 {after_latency['p99']:.1f} ms")
    print(f"  p99 back to normal after the load dropped: {recovered_at} s")
    print(f"  readiness polls during the drill: UP {health['up']}, DOWN or no answer {health['down']}")
    ok = (over["5xx"] == 0 and over["timeouts"] == 0 and over["errors"] == 0 and over["other4xx"] == 0
          and over_latency["max"] <= 2000 and health["down"] == 0 and over_rate >= 0.8 * maximum
          and recovered_at is not None and recovered_at <= 5)
    print("RESULT: " + ("PASS" if ok else "FAIL") + f"  (details: {work}/overload.out)")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
