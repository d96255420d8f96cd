#!/usr/bin/env python3
"""Sends N signed (signature V1) RPC calls to a running service and prints a summary.

Usage: scripts/load-v1.py URL ACCESS_KEY_ID SECRET [N]
The mix per round of 4: CreateCustomImage, ModifyImageShareStatus Share, ModifyImageShareStatus UnShare,
ListCustomImages. Used to measure the packaged application (README, "Operations").
"""
import base64
import collections
import datetime
import hashlib
import hmac
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid


def encode(value):
    return urllib.parse.quote(value, safe="-_.~")


def sign(method, params, secret):
    canonical = "&".join(f"{encode(k)}={encode(v)}" for k, v in sorted(params.items()))
    string_to_sign = f"{method}&%2F&{encode(canonical)}"
    digest = hmac.new((secret + "&").encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def call(url, key_id, secret, action, **extra):
    params = {
        "Action": action, "Version": "2020-06-01", "Format": "JSON", "AccessKeyId": key_id,
        "SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0", "SignatureNonce": str(uuid.uuid4()),
        "Timestamp": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "RegionId": "cn-hangzhou", **extra,
    }
    params["Signature"] = sign("POST", params, secret)
    body = urllib.parse.urlencode(params, quote_via=urllib.parse.quote).encode()
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def main():
    url, key_id, secret = sys.argv[1], sys.argv[2], sys.argv[3]
    total = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    codes = collections.Counter()
    latencies = []
    image_id = None
    started = time.monotonic()
    for i in range(total):
        step = i % 4
        t0 = time.monotonic()
        if step == 0:
            status, body = call(url, key_id, secret, "CreateCustomImage", ImageName=f"load-{i}",
                                InstanceId="i-load", SystemSnapshotId="s-load")
            image_id = body.get("ImageId", image_id)
        elif step in (1, 2):
            status, body = call(url, key_id, secret, "ModifyImageShareStatus", ImageId=image_id or "m-none",
                                Operation="Share" if step == 1 else "UnShare")
        else:
            status, body = call(url, key_id, secret, "ListCustomImages", PageSize="10")
        latencies.append(time.monotonic() - t0)
        codes[(status, body.get("Code", "Success"))] += 1
    elapsed = time.monotonic() - started
    latencies.sort()
    print(f"{total} requests in {elapsed:.1f} s ({total / elapsed:.0f}/s, sequential); "
          f"latency p50 {latencies[len(latencies) // 2] * 1000:.1f} ms, "
          f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.1f} ms")
    for (status, code), count in sorted(codes.items()):
        print(f"  HTTP {status} {code}: {count}")
    return 0 if all(status == 200 for status, _ in codes) else 1


if __name__ == "__main__":
    sys.exit(main())
