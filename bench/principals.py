#!/usr/bin/env python3
"""Sets up, through the service's own RAM and STS API, the principals of bench/wrk.sh's `ram` and `sts` phases, and
writes their targets (the same images, signed by another principal of the image's account):

  - a RAM user `bench-user` per account, with an access key and the system policies AliyunSWASFullAccess (its calls)
    and AliyunSTSAssumeRoleAccess (sts:AssumeRole, for the session below);
  - a role `bench-role` per account whose trust policy names the account (`acs:ram::<account>:root`), with
    AliyunSWASFullAccess, and one session of it (STS AssumeRole called by the user, 12 h), whose STS. key and
    SecurityToken sign the `sts` phase.

Usage: bench/principals.py TARGETS_JSON HOST:PORT RAM_TARGETS_OUT STS_TARGETS_OUT
  TARGETS_JSON: bench/presign.py's targets, signed by the accounts' own keys (accountId, keyId, secret, imageId).
Every call is V1-signed as bench/presign.py signs; any refusal stops the script with the service's answer.
"""
import concurrent.futures
import json
import sys
import time
import urllib.error
import urllib.request

from presign import common, sign

RAM, STS = "2015-05-01", "2015-04-01"
SESSION_SECONDS = 43200  # the longest a role allows: a full run never outlives its session


def call(endpoint, key_id, secret, version, action, **params):
    """One V1 call; a 503 (the service shedding load, or a transient database failure: nothing was done) is retried
    after its x-acs-retry-after, as the SDKs do, with a fresh nonce."""
    for attempt in range(20):
        body = sign({**common(key_id), "Version": version, "Action": action, **params}, secret).encode()
        request = urllib.request.Request(endpoint, data=body, method="POST",
                                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.load(response)
        except urllib.error.HTTPError as e:
            answer = e.read().decode(errors="replace")
            if e.code != 503:
                raise SystemExit(f"{action} for {key_id}: HTTP {e.code} {answer}")
            time.sleep(int(e.headers.get("x-acs-retry-after") or 500) / 1000)
    raise SystemExit(f"{action} for {key_id}: still 503 after 20 attempts: {answer}")


def principals(endpoint, account):
    """(user's key, session's key) of one account, made with the account's own key."""
    root = lambda action, version=RAM, **p: call(endpoint, account["keyId"], account["secret"], version, action, **p)
    root("CreateUser", UserName="bench-user")
    key = root("CreateAccessKey", UserName="bench-user")["AccessKey"]
    for policy in ("AliyunSWASFullAccess", "AliyunSTSAssumeRoleAccess"):
        root("AttachPolicyToUser", PolicyType="System", PolicyName=policy, UserName="bench-user")
    trust = json.dumps({"Version": "1", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {
        "RAM": [f"acs:ram::{account['accountId']}:root"]}}]})
    root("CreateRole", RoleName="bench-role", AssumeRolePolicyDocument=trust, MaxSessionDuration=str(SESSION_SECONDS))
    root("AttachPolicyToRole", PolicyType="System", PolicyName="AliyunSWASFullAccess", RoleName="bench-role")
    session = call(endpoint, key["AccessKeyId"], key["AccessKeySecret"], STS, "AssumeRole",
                   RoleArn=f"acs:ram::{account['accountId']}:role/bench-role", RoleSessionName="bench",
                   DurationSeconds=str(SESSION_SECONDS))["Credentials"]
    return ({"keyId": key["AccessKeyId"], "secret": key["AccessKeySecret"]},
            {"keyId": session["AccessKeyId"], "secret": session["AccessKeySecret"],
             "securityToken": session["SecurityToken"]})


def main():
    targets = json.load(open(sys.argv[1]))
    endpoint = f"http://{sys.argv[2]}/"
    accounts = {t["accountId"]: t for t in targets}
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        made = dict(zip(accounts, pool.map(lambda a: principals(endpoint, a), accounts.values())))
    for index, out in ((0, sys.argv[3]), (1, sys.argv[4])):
        with open(out, "w") as f:
            json.dump([{**t, **made[t["accountId"]][index]} for t in targets], f)


if __name__ == "__main__":
    main()
