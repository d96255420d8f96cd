#!/usr/bin/env python3
"""Hot methods of a JFR recording (CPU samples, jdk.ExecutionSample).

usage: jfr_hot.py RECORDING.jfr [TOP]
Prints the top methods by self samples (top frame) and by total samples (anywhere on the stack, once
per sample), and the share of samples per area (JDBC driver, Hibernate, JSON/XML, crypto, HTTP...).
"""
import collections, json, subprocess, sys

AREAS = [  # first match wins, checked from the top frame down to the first frame that matches
    ("PostgreSQL JDBC driver", ("org.postgresql.",)),
    ("Agroal pool / Narayana JTA", ("io.agroal.", "com.arjuna.", "io.quarkus.narayana", "io.quarkus.agroal")),
    ("Hibernate ORM / Panache", ("org.hibernate.", "io.quarkus.hibernate", "io.quarkus.panache")),
    ("Jackson JSON/XML", ("com.fasterxml.", "com.ctc.wstx", "org.codehaus.stax2")),
    ("Crypto (HMAC, SHA-256, UUID)", ("sun.security.", "javax.crypto.", "com.sun.crypto.", "java.security.")),
    ("Logging", ("org.jboss.logmanager", "org.jboss.logging")),
    ("Service code (cloud.swas)", ("cloud.swas.",)),
    ("Vert.x / Netty / RESTEasy", ("io.vertx.", "io.netty.", "org.jboss.resteasy", "io.quarkus.vertx",
                                   "io.quarkus.resteasy")),
]


def frames(event):
    st = event["values"].get("stackTrace") or {}
    for f in st.get("frames") or []:
        m = f.get("method") or {}
        yield (m.get("type") or {}).get("name", "?").replace("/", ".") + "." + m.get("name", "?")


def main(path, top):
    raw = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    self_count, total_count, area_count = collections.Counter(), collections.Counter(), collections.Counter()
    for e in events:
        stack = list(frames(e))
        if not stack:
            continue
        self_count[stack[0]] += 1
        for m in set(stack):
            total_count[m] += 1
        area = "Other (JDK, Quarkus, ...)"
        for m in stack:
            hit = next((name for name, prefixes in AREAS if m.startswith(prefixes)), None)
            if hit:
                area = hit
                break
        area_count[area] += 1
    n = len(events)
    print("samples: %d (jdk.ExecutionSample, Java code on CPU)" % n)
    print("\nby area (innermost recognised frame):")
    for a, c in area_count.most_common():
        print("  %5.1f%%  %s" % (100.0 * c / n, a))
    print("\ntop %d by self samples:" % top)
    for m, c in self_count.most_common(top):
        print("  %5.1f%%  %s" % (100.0 * c / n, m))
    print("\ntop %d service methods (cloud.swas) by total samples:" % top)
    for m, c in [x for x in total_count.most_common() if x[0].startswith("cloud.swas.")][:top]:
        print("  %5.1f%%  %s" % (100.0 * c / n, m))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 15)
