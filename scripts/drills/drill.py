"""What the fault drills share: the packaged service as replicas, signed calls, a readiness-aware client-side
balancer (what a Kubernetes Service does with its endpoints), and PostgreSQL helpers. Standard library only.
"""
import base64
import datetime
import hashlib
import hmac
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import threading
import time
import urllib.parse
import uuid

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JAR = os.path.join(ROOT, "target", "quarkus-app", "quarkus-run.jar")
PG = {"host": os.environ.get("PGHOST", "127.0.0.1"), "port": os.environ.get("PGPORT", "5432"),
      "user": os.environ.get("PGUSER", "postgres"), "password": os.environ.get("PGPASSWORD", "postgres")}


def log(message):
    print(f"[{datetime.datetime.now().strftime('%H:%M:%S.%f')[:-3]}] {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(sql, db="postgres", port=None, host=None):
    env = dict(os.environ, PGPASSWORD=PG["password"])
    return subprocess.run(["psql", "-XAtq", "-h", host or PG["host"], "-p", str(port or PG["port"]), "-U", PG["user"],
                           "-d", db, "-c", sql], env=env, check=True, capture_output=True, text=True).stdout.strip()


class Account:
    def __init__(self, account_id):
        self.account_id = account_id
        self.key_id = f"AKDRILL{account_id}"
        self.secret = f"drill-secret-{account_id}"

    def entry(self):
        return f"{self.account_id}:{self.key_id}:{self.secret}"


def encode(value):
    return urllib.parse.quote(str(value), safe="-_.~")


def signed_body(account, action, params, version="2020-06-01"):
    all_params = {
        "Action": action, "Version": version, "Format": "JSON", "AccessKeyId": account.key_id,
        "SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0", "SignatureNonce": uuid.uuid4().hex,
        "Timestamp": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), **params,
    }
    canonical = "&".join(f"{encode(k)}={encode(v)}" for k, v in sorted(all_params.items()))
    digest = hmac.new((account.secret + "&").encode(), ("POST&%2F&" + encode(canonical)).encode(),
                      hashlib.sha1).digest()
    all_params["Signature"] = base64.b64encode(digest).decode()
    return "&".join(f"{encode(k)}={encode(v)}" for k, v in all_params.items())


class Outcome:
    """One attempt: sent or not, and the answer. kind: ok, refused (not sent), reset (sent, no answer), http."""

    def __init__(self, kind, status=None, body=None, seconds=0.0):
        self.kind, self.status, self.body, self.seconds = kind, status, body or {}, seconds

    def code(self):
        return self.body.get("Code")


class Replica:
    """The packaged service on a port of its own, with the drill's database and keys."""

    def __init__(self, name, jdbc_url, accounts, extra_env=None, db_user=None, db_password=None):
        self.name, self.port = name, free_port()
        self.jdbc_url, self.accounts, self.extra_env = jdbc_url, accounts, extra_env or {}
        self.db_user, self.db_password = db_user or PG["user"], db_password or PG["password"]
        self.process = None
        self.log_path = os.path.join(ROOT, "target", f"drill-{name}.log")
        self.encryption_key = base64.b64encode(hashlib.sha256(b"drill-encryption-key").digest()).decode()

    def start(self):
        env = dict(os.environ, QUARKUS_HTTP_PORT=str(self.port), QUARKUS_DATASOURCE_JDBC_URL=self.jdbc_url,
                   QUARKUS_DATASOURCE_USERNAME=self.db_user, QUARKUS_DATASOURCE_PASSWORD=self.db_password,
                   SWAS_ACCESS_KEYS=",".join(a.entry() for a in self.accounts),
                   SWAS_AUTH_ENCRYPTION_KEY=self.encryption_key, **self.extra_env)
        # Quotas out of reach: the drills measure availability, not throttling.
        args = ["java", "-XX:+UseParallelGC", "-Dswas.throttle.default-per-minute=1000000000", "-jar", JAR]
        self.process = subprocess.Popen(args, env=env, stdout=open(self.log_path, "a"), stderr=subprocess.STDOUT)
        return self

    def url(self):
        return f"127.0.0.1:{self.port}"

    def ready(self, timeout=1.0):
        try:
            c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
            c.request("GET", "/q/health/ready")
            status = c.getresponse().status
            c.close()
            return status == 200
        except OSError:
            return False

    def await_ready(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.ready():
                return time.monotonic()
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}; see {self.log_path}")
            time.sleep(0.1)
        raise RuntimeError(f"{self.name} not ready within {seconds} s; see {self.log_path}")

    def terminate(self, sig=signal.SIGTERM, wait=60):
        self.process.send_signal(sig)
        self.process.wait(wait)
        return self.process.returncode


class Balancer:
    """Sends each call to a ready replica, round robin; readiness is polled every 200 ms, as a Service's
    endpoints follow readiness. A replica that refuses a connection is skipped until it is ready again."""

    def __init__(self, replicas):
        self.replicas = replicas
        self.ready = {r.name: False for r in replicas}
        # Bumped each time a replica becomes ready: connections opened before belong to a process that is gone.
        self.epoch = {r.name: 0 for r in replicas}
        self.turn = 0
        self.lock = threading.Lock()
        self.stopped = False
        threading.Thread(target=self._poll, daemon=True).start()

    def _poll(self):
        while not self.stopped:
            for r in self.replicas:
                now_ready = r.process is not None and r.process.poll() is None and r.ready(0.5)
                if now_ready and not self.ready[r.name]:
                    self.epoch[r.name] += 1
                self.ready[r.name] = now_ready
            time.sleep(0.2)

    def mark_down(self, replica):
        self.ready[replica.name] = False

    def pick(self, avoid=None):
        with self.lock:
            for _ in range(len(self.replicas)):
                self.turn = (self.turn + 1) % len(self.replicas)
                r = self.replicas[self.turn]
                if self.ready[r.name] and r is not avoid:
                    return r
        return None


class Client:
    """Keep-alive connections per replica for one client thread."""

    def __init__(self, balancer=None, timeout=30):
        self.connections = {}
        self.epochs = {}
        self.balancer = balancer
        self.timeout = timeout

    def call(self, replica, body):
        started = time.monotonic()
        if self.balancer is not None and self.epochs.get(replica.name) != self.balancer.epoch[replica.name]:
            self.drop(replica)
            self.epochs[replica.name] = self.balancer.epoch[replica.name]
        connection = self.connections.get(replica.name)
        if connection is None:
            connection = http.client.HTTPConnection("127.0.0.1", replica.port, timeout=self.timeout)
            try:
                connection.connect()
            except OSError:
                return Outcome("refused", seconds=time.monotonic() - started)
            self.connections[replica.name] = connection
        try:
            connection.request("POST", "/", body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
        except OSError:
            self.drop(replica)
            return Outcome("refused", seconds=time.monotonic() - started)
        try:
            response = connection.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException):
            self.drop(replica)
            return Outcome("reset", seconds=time.monotonic() - started)
        try:
            body_json = json.loads(payload)
        except ValueError:
            body_json = {"raw": payload[:200].decode(errors="replace")}
        return Outcome("http", response.status, body_json, time.monotonic() - started)

    def drop(self, replica):
        connection = self.connections.pop(replica.name, None)
        if connection is not None:
            connection.close()


def percentile(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def jitter():
    return random.uniform(0, 0.002)
