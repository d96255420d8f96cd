#!/usr/bin/env python3
"""Issue 3, acceptance 7: the added latency of the ClientToken path, measured in one run.

Usage: scripts/token-latency.py URL ACCESS_KEY_ID SECRET [ROUNDS]
Creates one image, then alternates ModifyImageShareStatus calls without and with a fresh ClientToken
(sequential, one client, every call a real Share/UnShare change), and prints p50/p99 of each kind.
Interleaving puts both kinds under the same conditions (warm-up, background load).
"""
import importlib.util
import os
import statistics
import sys
import time
import uuid

spec = importlib.util.spec_from_file_location("loadv1", os.path.join(os.path.dirname(__file__), "load-v1.py"))
loadv1 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(loadv1)


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    url, key_id, secret = sys.argv[1], sys.argv[2], sys.argv[3]
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    status, body = loadv1.call(url, key_id, secret, "CreateCustomImage", ImageName="token-latency",
                               InstanceId="i-bench", SystemSnapshotId="s-bench")
    assert status == 200, body
    image_id = body["ImageId"]
    kinds = {"no token": [], "ClientToken": []}
    operation = "Share"
    for i in range(2 * rounds):
        kind = "ClientToken" if i % 2 else "no token"
        extra = {"ImageId": image_id, "Operation": operation}
        if kind == "ClientToken":
            extra["ClientToken"] = str(uuid.uuid4())
        t0 = time.perf_counter()
        status, body = loadv1.call(url, key_id, secret, "ModifyImageShareStatus", **extra)
        elapsed = (time.perf_counter() - t0) * 1000
        assert status == 200, body
        if i >= 200:  # warm-up
            kinds[kind].append(elapsed)
        operation = "UnShare" if operation == "Share" else "Share"
    for kind, values in kinds.items():
        print(f"{kind:12s} n={len(values)} p50={pct(values, 50):.2f} ms p99={pct(values, 99):.2f} ms "
              f"mean={statistics.mean(values):.2f} ms")


if __name__ == "__main__":
    main()
