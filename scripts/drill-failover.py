#!/usr/bin/env python3
"""Drill: PostgreSQL primary failover under load, nothing acknowledged lost.

Creates two PostgreSQL 15 clusters of its own on free ports (pg_createcluster; the default cluster on 5432
is never touched): a primary, and a synchronous standby made with pg_basebackup -R
(synchronous_standby_names, synchronous_commit=on). Starts the packaged service (./mvnw package -DskipTests
first) with the multi-host JDBC URL of the recommended topology, targetServerType=primary. 4 clients send
ModifyImageShareStatus with ClientTokens (a failed call is retried with its token, as an SDK's retry would).
After a while the primary is stopped with -m immediate and the standby promoted.

Prints: seconds from the promotion to the first success, the answers in between (documented 503 only is
the goal), and checks on the new primary that every acknowledged change and every acknowledged call's
ClientToken outcome is there. Needs root (pg_createcluster, su postgres). Script only: it creates and
destroys PostgreSQL clusters, which a test run on a shared machine must not do.

Usage: sudo scripts/drill-failover.py [SECONDS_BEFORE_FAILOVER] [SECONDS_AFTER]   (default 10 20)
"""
import collections
import os
import shutil
import subprocess
import sys
import threading
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "drills"))
import drill  # noqa: E402

VERSION = sorted(os.listdir("/etc/postgresql"))[-1]
CLIENTS = 4
STAMP = str(int(time.time()))
PRIMARY, STANDBY = f"swasdrillp{STAMP}", f"swasdrills{STAMP}"


def sh(*args, check=True):
    result = subprocess.run(list(args), capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({result.returncode}): {result.stderr.strip() or result.stdout.strip()}")
    return result


def as_postgres(command):
    return sh("su", "postgres", "-c", command)


def create_cluster(name, port):
    sh("pg_createcluster", VERSION, name, "-p", str(port), "--", "--auth=trust")
    conf = f"/etc/postgresql/{VERSION}/{name}"
    with open(f"{conf}/pg_hba.conf", "w") as f:
        f.write("local all all trust\nhost all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\n")
    with open(f"{conf}/conf.d/drill.conf", "w") as f:
        f.write("listen_addresses = '127.0.0.1'\nsynchronous_commit = on\nwal_level = replica\nmax_wal_senders = 5\n")
    return f"/var/lib/postgresql/{VERSION}/{name}"


def main():
    before = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    after = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    if not os.path.exists(drill.JAR):
        sys.exit(f"No {drill.JAR}: run ./mvnw package -DskipTests first")
    p_port, s_port = drill.free_port(), drill.free_port()
    replica = None
    try:
        create_cluster(PRIMARY, p_port)
        sh("pg_ctlcluster", VERSION, PRIMARY, "start")
        drill.psql("CREATE DATABASE swas", port=p_port)
        standby_data = create_cluster(STANDBY, s_port)
        for entry in os.listdir(standby_data):  # emptied, the directory itself stays the postgres user's
            path = os.path.join(standby_data, entry)
            shutil.rmtree(path) if os.path.isdir(path) else os.remove(path)
        as_postgres(f"pg_basebackup -h 127.0.0.1 -p {p_port} -U postgres -D {standby_data} -R -X stream")
        with open(f"{standby_data}/postgresql.auto.conf", "a") as f:
            f.write(f"primary_conninfo = 'host=127.0.0.1 port={p_port} user=postgres application_name={STANDBY}'\n")
        sh("pg_ctlcluster", VERSION, STANDBY, "start")
        # Synchronous from now on (set before the standby streams, it would block the primary's commits).
        drill.psql(f"ALTER SYSTEM SET synchronous_standby_names = '{STANDBY}'", port=p_port)
        drill.psql("SELECT pg_reload_conf()", port=p_port)
        for _ in range(50):
            if drill.psql("SELECT sync_state FROM pg_stat_replication", port=p_port) == "sync":
                break
            time.sleep(0.2)
        drill.log(f"primary on {p_port}, synchronous standby on {s_port}: "
                  f"{drill.psql('SELECT application_name, sync_state FROM pg_stat_replication', port=p_port)}")

        jdbc = (f"jdbc:postgresql://127.0.0.1:{p_port},127.0.0.1:{s_port}/swas"
                "?targetServerType=primary&connectTimeout=2&socketTimeout=30")
        accounts = [drill.Account(8_000_000_000_000 + i) for i in range(CLIENTS)]
        replica = drill.Replica("failover", jdbc, accounts).start()
        replica.await_ready()
        run(replica, accounts, before, after, p_port, s_port)
    finally:
        if replica and replica.process and replica.process.poll() is None:
            replica.terminate()
        for name in (STANDBY, PRIMARY):
            sh("pg_dropcluster", VERSION, name, "--stop", check=False)


def run(replica, accounts, before, after, p_port, s_port):
    client0 = drill.Client()
    images = [client0.call(replica, drill.signed_body(a, "CreateCustomImage", {
        "RegionId": "cn-hangzhou", "ImageName": "failover", "InstanceId": "i-drill", "SystemSnapshotId": "s-drill"}))
        .body["ImageId"] for a in accounts]
    answers = collections.Counter()
    acknowledged = []  # (account, token, request id)
    successes_at = []
    lock = threading.Lock()
    stop = threading.Event()

    def client(i):
        c = drill.Client(timeout=35)
        turn = 0
        while not stop.is_set():
            token = uuid.uuid4().hex
            operation = "Share" if turn % 2 == 0 else "UnShare"
            while not stop.is_set():
                outcome = c.call(replica, drill.signed_body(accounts[i], "ModifyImageShareStatus", {
                    "RegionId": "cn-hangzhou", "ImageId": images[i], "Operation": operation, "ClientToken": token}))
                with lock:
                    if outcome.kind == "http" and outcome.status == 200:
                        acknowledged.append((accounts[i].account_id, token, outcome.body["RequestId"]))
                        successes_at.append(time.monotonic())
                        answers["200"] += 1
                    else:
                        answers[f"{outcome.kind} {outcome.status or ''} {outcome.code() or ''}".strip()] += 1
                if outcome.kind == "http" and outcome.status == 200:
                    break
                time.sleep(0.2)
            turn += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    time.sleep(before)
    with lock:
        before_counts = collections.Counter(answers)
    drill.log("primary: stop -m immediate")
    crash = time.monotonic()
    sh("pg_ctlcluster", VERSION, PRIMARY, "stop", "-m", "immediate")
    sh("pg_ctlcluster", VERSION, STANDBY, "promote")
    promoted = time.monotonic()
    drill.log(f"standby promoted ({promoted - crash:.1f} s after the crash)")
    time.sleep(after)
    stop.set()
    for t in threads:
        t.join(60)

    first_success = next((t for t in sorted(successes_at) if t > promoted), None)
    during = answers - before_counts
    history = set(drill.psql("SELECT request_id FROM image_share_history", db="swas", port=s_port).split())
    tokens = drill.psql("SELECT client_token || ' ' || coalesce(response, '') FROM idempotency_token",
                        db="swas", port=s_port).splitlines()
    token_outcomes = {line.split(" ", 1)[0]: line.split(" ", 1)[1] if " " in line else "" for line in tokens}
    lost_changes = [r for _, _, r in acknowledged if r not in history]
    lost_tokens = [t for _, t, r in acknowledged if r not in token_outcomes.get(t, "")]
    print()
    print(f"FAILOVER DRILL  {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}  PostgreSQL {VERSION}, "
          f"synchronous standby, {CLIENTS} clients with ClientTokens")
    print(f"  crash to promotion                              {promoted - crash:.1f} s")
    print(f"  promotion to the first success                  "
          f"{(first_success - promoted) if first_success else float('nan'):.1f} s")
    print("  answers from the crash on:")
    for key, value in sorted(during.items()):
        print(f"    {key:45s} {value}")
    print(f"  acknowledged changes                            {len(acknowledged)}")
    print(f"  ... missing from the new primary's audit trail  {len(lost_changes)}")
    print(f"  ... ClientToken outcome missing there           {len(lost_tokens)}")
    undocumented = sum(v for k, v in during.items() if not (k == "200" or k.startswith("http 503")))
    ok = not lost_changes and not lost_tokens and first_success is not None and undocumented == 0
    print("RESULT: " + ("PASS (nothing acknowledged lost, only documented 503s in between)" if ok else "FAIL"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
