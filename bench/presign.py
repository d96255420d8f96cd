#!/usr/bin/env python3
"""Pre-signs ModifyImageShareStatus requests (signature V1, POST form, Format=JSON) for a load generator:
each with a fresh SignatureNonce and the current Timestamp (valid 15 minutes), Share and UnShare
alternating per image, a fresh ClientToken on every TOKEN_EVERY-th request.

Usage: bench/presign.py TARGETS_JSON HOST:PORT COUNT OUT [TOKEN_EVERY] [MODE]
  TARGETS_JSON: [{"accountId": ..., "keyId": ..., "secret": ..., "imageId": ...}, ...]; a target may carry a
  "securityToken" (an STS session's key: the request then carries SecurityToken, covered by the signature)
  OUT: records "<length>\\n<raw HTTP request>" (bench/openload.c, bench/wrk-replay.lua)
  MODE: modify (default); describe: ECS DescribeImages of the target's account (the images it shared to ECS,
  a page of 10); create: CreateCustomImage (bench/wrk.sh sends these from one account far over its quota:
  throttled rejections); badsig: modify with a wrong signature (refused before any database work); list:
  ListCustomImages of the target's account, first page of 10
"""
import base64
import datetime
import hashlib
import hmac
import json
import sys
import urllib.parse
import uuid


def encode(value):
    return urllib.parse.quote(value, safe="-_.~")


def signed_body(target, operation, token, mode="modify"):
    params = {**common(target["keyId"]), "RegionId": target.get("regionId", "cn-hangzhou")}
    if mode == "describe":
        params.update({"Action": "DescribeImages", "Version": "2014-05-26", "ImageOwnerAlias": "others"})
    elif mode == "list":
        params.update({"Action": "ListCustomImages", "Version": "2020-06-01"})
    elif mode == "create":
        params.update({"Action": "CreateCustomImage", "Version": "2020-06-01", "InstanceId": "i-bench",
                       "SystemSnapshotId": "s-bench", "ImageName": "bench-" + uuid.uuid4().hex[:12]})
    else:
        params.update({"Action": "ModifyImageShareStatus", "Version": "2020-06-01", "ImageId": target["imageId"],
                       "Operation": operation})
    if token and mode not in ("describe", "list"):
        params["ClientToken"] = uuid.uuid4().hex
    if target.get("securityToken"):
        params["SecurityToken"] = target["securityToken"]
    return sign(params, target["secret"] + ("-wrong" if mode == "badsig" else ""))


def common(key_id):
    """The common parameters of a V1 call: a fresh nonce, the current time."""
    return {"Format": "JSON", "AccessKeyId": key_id, "SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0",
            "SignatureNonce": uuid.uuid4().hex,
            "Timestamp": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}


def sign(params, secret):
    """The form body of a V1 (HMAC-SHA1) POST call with these parameters, Signature added."""
    canonical = "&".join(f"{encode(k)}={encode(v)}" for k, v in sorted(params.items()))
    string_to_sign = "POST&%2F&" + encode(canonical)
    digest = hmac.new((secret + "&").encode(), string_to_sign.encode(), hashlib.sha1).digest()
    signed = {**params, "Signature": base64.b64encode(digest).decode()}
    return "&".join(f"{encode(k)}={encode(v)}" for k, v in signed.items())


def main():
    targets = json.load(open(sys.argv[1]))
    host, count, out = sys.argv[2], int(sys.argv[3]), sys.argv[4]
    token_every = int(sys.argv[5]) if len(sys.argv) > 5 else 2
    mode = sys.argv[6] if len(sys.argv) > 6 else "modify"
    turns = [0] * len(targets)
    with open(out, "wb") as f:
        for i in range(count):
            t = i % len(targets)
            operation = "Share" if turns[t] % 2 == 0 else "UnShare"
            turns[t] += 1
            body = signed_body(targets[t], operation, token_every > 0 and i % token_every == 0, mode).encode()
            request = (f"POST / HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                       f"Content-Length: {len(body)}\r\n\r\n").encode() + body
            f.write(f"{len(request)}\n".encode() + request)


if __name__ == "__main__":
    main()
