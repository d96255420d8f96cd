#!/usr/bin/env python3
"""Drill: a rolling restart loses no request (issue: survive what Kubernetes does).

Two replicas of the packaged service (./mvnw package -DskipTests first) on a fresh database of the local
PostgreSQL, behind a readiness-aware client-side balancer (as a Service follows its endpoints). 8 clients send
ModifyImageShareStatus (Share/UnShare alternating on an image of their own, each call with a fresh ClientToken)
for the whole drill, while each replica in turn gets SIGTERM, exits, and is started again.

A call either succeeds, or is refused before it was sent (connection refused: retried on the other replica),
or is reset mid-flight, or gets a 5xx; the last two are what the drill must not see. At the end every
acknowledged change must be in the database (its RequestId in the audit trail).

Usage: scripts/drill-rolling-restart.py [SECONDS]   (default 40)
"""
import collections
import os
import sys
import threading
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "drills"))
import drill  # noqa: E402

CLIENTS = 8


def main():
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    if not os.path.exists(drill.JAR):
        sys.exit(f"No {drill.JAR}: run ./mvnw package -DskipTests first")
    db = f"swas_drill_{int(time.time())}"
    drill.psql(f"CREATE DATABASE {db}")
    jdbc = f"jdbc:postgresql://{drill.PG['host']}:{drill.PG['port']}/{db}"
    accounts = [drill.Account(7_000_000_000_000 + i) for i in range(CLIENTS)]
    replicas = [drill.Replica("replica-a", jdbc, accounts), drill.Replica("replica-b", jdbc, accounts)]
    try:
        for r in replicas:
            r.start()
        for r in replicas:
            r.await_ready()
        drill.log(f"two replicas ready on ports {[r.port for r in replicas]}, database {db}")
        run(replicas, accounts, seconds, db)
    finally:
        for r in replicas:
            if r.process and r.process.poll() is None:
                r.terminate()
        drill.psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")


def run(replicas, accounts, seconds, db):
    balancer = drill.Balancer(replicas)
    time.sleep(0.5)
    setup = drill.Client(balancer)
    images = []
    for a in accounts:
        outcome = setup.call(balancer.pick(), drill.signed_body(a, "CreateCustomImage", {
            "RegionId": "cn-hangzhou", "ImageName": f"drill-{a.account_id}", "InstanceId": "i-drill",
            "SystemSnapshotId": "s-drill"}))
        images.append(outcome.body["ImageId"])

    counts = collections.Counter()
    acknowledged = []
    latencies = []
    lock = threading.Lock()
    stop = threading.Event()

    def client(i):
        c = drill.Client(balancer)
        turn = 0
        while not stop.is_set():
            operation = "Share" if turn % 2 == 0 else "UnShare"
            token = uuid.uuid4().hex
            avoid = None
            while not stop.is_set():
                replica = balancer.pick(avoid)
                if replica is None:
                    time.sleep(0.05)
                    avoid = None
                    continue
                body = drill.signed_body(accounts[i], "ModifyImageShareStatus", {
                    "RegionId": "cn-hangzhou", "ImageId": images[i], "Operation": operation, "ClientToken": token})
                outcome = c.call(replica, body)
                with lock:
                    if outcome.kind == "http" and outcome.status == 200:
                        counts["ok"] += 1
                        acknowledged.append(outcome.body["RequestId"])
                        latencies.append(outcome.seconds)
                    elif outcome.kind == "refused":
                        counts["refused before sent (retried elsewhere)"] += 1
                    elif outcome.kind == "reset":
                        counts["RESET mid-flight"] += 1
                    elif outcome.status >= 500:
                        counts[f"HTTP {outcome.status} {outcome.code()}"] += 1
                    else:
                        counts[f"HTTP {outcome.status} {outcome.code()} (unexpected)"] += 1
                if outcome.kind == "http" and outcome.status == 200:
                    break
                balancer.mark_down(replica) if outcome.kind == "refused" else None
                avoid = replica
            turn += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    started = time.monotonic()
    restarts = []
    for k, replica in enumerate(replicas):
        time.sleep(max(0, started + (k + 1) * seconds / 3 - time.monotonic()))
        t0 = time.monotonic()
        drill.log(f"SIGTERM {replica.name}")
        code = replica.terminate()
        stopped = time.monotonic()
        drill.log(f"{replica.name} exited with {code} after {stopped - t0:.1f} s; starting it again")
        replica.start()
        ready = replica.await_ready()
        drill.log(f"{replica.name} ready again after {ready - stopped:.1f} s")
        restarts.append((replica.name, stopped - t0, ready - stopped))
    time.sleep(max(0, started + seconds - time.monotonic()))
    stop.set()
    for t in threads:
        t.join(60)
    balancer.stopped = True

    stored = set(drill.psql("SELECT request_id FROM image_share_history", db=db).split())
    lost = [r for r in acknowledged if r not in stored]
    print()
    print(f"ROLLING RESTART DRILL  {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}  {seconds} s, "
          f"{CLIENTS} clients, 2 replicas")
    for name, stop_s, ready_s in restarts:
        print(f"  {name}: SIGTERM to exit {stop_s:.1f} s, restart to ready {ready_s:.1f} s")
    for key, value in sorted(counts.items()):
        print(f"  {key:45s} {value}")
    print(f"  acknowledged changes                          {len(acknowledged)}")
    print(f"  acknowledged changes missing from the database {len(lost)}")
    print(f"  latency of successes p50 / p99 / max          {drill.percentile(latencies, .5) * 1000:.0f} / "
          f"{drill.percentile(latencies, .99) * 1000:.0f} / {max(latencies) * 1000:.0f} ms")
    bad = counts["RESET mid-flight"] + sum(v for k, v in counts.items() if k.startswith("HTTP 5")) + len(lost)
    print("RESULT: " + ("PASS (0 resets mid-flight, 0 5xx, 0 acknowledged changes lost)" if bad == 0 else "FAIL"))
    sys.exit(0 if bad == 0 else 1)


if __name__ == "__main__":
    main()
