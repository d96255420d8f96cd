#!/usr/bin/env python3
"""Two replicas of the packaged service on one database (./mvnw package -DskipTests first), checked for what
only a pair can show:

1. ECS read-after-write across replicas: replica A shares and unshares an image; as soon as each UnShare is
   answered, replica B's DescribeImages must not list the image (a reader thread also hammers B meanwhile).
2. Key rotation through the key file both replicas read (swas.auth.access-keys-file, polled every second):
   a new key works on both within the poll interval, a key marked Inactive and a removed key stop on both,
   and the key that stays never fails a call on either replica.

Usage: scripts/check-two-replicas.py [ROUNDS]   (default 200)
"""
import os
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "drills"))
import drill  # noqa: E402


def write_keys(path, lines):
    tmp = path + ".next"
    with open(tmp, "w") as f:
        f.write("\n".join(lines) + "\n")
    os.replace(tmp, path)  # as Kubernetes swaps a mounted Secret: readers see the old file or the new one


def line(account, status=None):
    return account.entry() + (f":{status}" if status else "")


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    if not os.path.exists(drill.JAR):
        sys.exit(f"No {drill.JAR}: run ./mvnw package -DskipTests first")
    db = f"swas_pair_{int(time.time())}"
    drill.psql(f"CREATE DATABASE {db}")
    owner, stays, removed, deactivated, added = (drill.Account(6_000_000_000_000 + i) for i in range(5))
    keys_file = os.path.join(tempfile.mkdtemp(prefix="swas-pair-"), "keys")
    write_keys(keys_file, [line(owner), line(stays), line(removed), line(deactivated)])
    env = {"SWAS_AUTH_ACCESS_KEYS_FILE": keys_file, "SWAS_AUTH_ACCESS_KEYS_FILE_POLL": "1s"}
    jdbc = f"jdbc:postgresql://{drill.PG['host']}:{drill.PG['port']}/{db}"
    a, b = drill.Replica("pair-a", jdbc, [], env), drill.Replica("pair-b", jdbc, [], env)
    failures = []
    try:
        for r in (a, b):
            r.start()
        for r in (a, b):
            r.await_ready()
        failures += read_after_write(a, b, owner, rounds)
        failures += rotation(a, b, keys_file, owner, stays, removed, deactivated, added)
    finally:
        for r in (a, b):
            if r.process and r.process.poll() is None:
                r.terminate()
        drill.psql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
    print("RESULT: " + ("PASS" if not failures else "FAIL: " + "; ".join(failures)))
    sys.exit(0 if not failures else 1)


def describe(client, replica, account, image_id):
    outcome = client.call(replica, drill.signed_body(account, "DescribeImages", {
        "RegionId": "cn-hangzhou", "ImageId": image_id}, version="2014-05-26"))
    return outcome.body.get("TotalCount")


def read_after_write(a, b, owner, rounds):
    writer, checker = drill.Client(), drill.Client()
    image_id = writer.call(a, drill.signed_body(owner, "CreateCustomImage", {
        "RegionId": "cn-hangzhou", "ImageName": "pair", "InstanceId": "i-pair", "SystemSnapshotId": "s-pair"})).body["ImageId"]
    generation = [0]  # odd while a Share/UnShare pair is under way on replica A
    stop = threading.Event()
    seen = {"checked": 0, "stale": 0}

    def reader():
        c = drill.Client()
        while not stop.is_set():
            before = generation[0]
            count = describe(c, b, owner, image_id)
            if before % 2 == 0 and generation[0] == before:
                seen["checked"] += 1
                seen["stale"] += 1 if count != 0 else 0

    t = threading.Thread(target=reader)
    t.start()
    stale_after_unshare = 0
    for _ in range(rounds):
        generation[0] += 1
        for operation in ("Share", "UnShare"):
            outcome = writer.call(a, drill.signed_body(owner, "ModifyImageShareStatus", {
                "RegionId": "cn-hangzhou", "ImageId": image_id, "Operation": operation}))
            assert outcome.status == 200, outcome.body
        generation[0] += 1
        stale_after_unshare += 1 if describe(checker, b, owner, image_id) != 0 else 0
    stop.set()
    t.join()
    print(f"ECS READ-AFTER-WRITE ACROSS REPLICAS  {rounds} Share/UnShare pairs on {a.name}, DescribeImages on {b.name}")
    print(f"  DescribeImages on B right after each UnShare's answer from A: {rounds} calls, {stale_after_unshare} "
          "listed the image")
    print(f"  concurrent DescribeImages on B while A had answered its UnShare: {seen['checked']} calls, "
          f"{seen['stale']} listed the image")
    return [] if stale_after_unshare == 0 and seen["stale"] == 0 else ["a DescribeImages saw a shared state after UnShare"]


def rotation(a, b, keys_file, owner, stays, removed, deactivated, added):
    def works(account, replica, client):
        outcome = client.call(replica, drill.signed_body(account, "ListCustomImages", {"RegionId": "cn-hangzhou"}))
        return outcome.status == 200, outcome.code()

    client = drill.Client()
    for account in (stays, removed, deactivated):
        for r in (a, b):
            assert works(account, r, client)[0], f"{account.key_id} on {r.name} before the rotation"
    stop = threading.Event()
    steady = {"calls": 0, "failed": 0}

    def steady_caller():
        c = drill.Client()
        while not stop.is_set():
            for r in (a, b):
                ok, _ = works(stays, r, c)
                steady["calls"] += 1
                steady["failed"] += 0 if ok else 1

    t = threading.Thread(target=steady_caller)
    t.start()
    rotated = time.monotonic()
    write_keys(keys_file, [line(owner), line(stays), line(deactivated, "Inactive"), line(added)])
    took = {}
    deadline = rotated + 15
    while time.monotonic() < deadline and len(took) < 6:
        for r in (a, b):
            checks = {("added works", r.name): works(added, r, client)[0],
                      ("removed refused", r.name): works(removed, r, client)[1] == "InvalidAccessKeyId.Inactive",
                      ("deactivated refused", r.name): works(deactivated, r, client)[1] == "InvalidAccessKeyId.Inactive"}
            for key, done in checks.items():
                if done and key not in took:
                    took[key] = time.monotonic() - rotated
        time.sleep(0.05)
    time.sleep(1)
    stop.set()
    t.join()
    print("KEY ROTATION ON TWO REPLICAS  (key file polled every 1 s)")
    for (what, name), seconds in sorted(took.items()):
        print(f"  {what:20s} on {name}: after {seconds:.1f} s")
    print(f"  calls with the key that stayed: {steady['calls']}, failed {steady['failed']}")
    problems = []
    if len(took) < 6:
        problems.append("the rotation did not take effect everywhere within 15 s")
    if steady["failed"]:
        problems.append(f"{steady['failed']} calls failed with the key that stayed")
    return problems


if __name__ == "__main__":
    main()
