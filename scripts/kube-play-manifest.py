#!/usr/bin/env python3
"""The generated Kubernetes manifest, changed only where podman 4.3's `kube play` needs it, for
scripts/container-check.sh. Reads target/kubernetes/kubernetes.yml (or argv[1]), writes the podman version to
argv[2] (default: stdout) and lists every change on stderr, one line each.

What podman needs, and nothing else:
  - imagePullPolicy: Always makes podman pull from the registry, which these machines cannot reach; IfNotPresent uses
    the image built locally under the manifest's own image name.
  - env.valueFrom.secretKeyRef: podman 4.3 reads a secret used this way as a flat JSON map of base64 values
    ({"key": "base64"}), but a secret mounted as a volume as a Kubernetes Secret document whose data values it writes
    to the files as given (pkg/specgen/generate/kube, v4.3.1: k8sSecretFromSecretManager, VolumeFromSecret). One secret
    cannot be read both ways, so env references to a secret that is also mounted get a secret of their own,
    "<name>-env", holding the same values.
  - ports: podman 4.3 publishes every containerPort on the host at the same port (hostPort defaults to containerPort,
    getPodPorts), which Kubernetes never does: two replicas on one host collide on 8080, as does anything else
    listening there. They are dropped (a containerPort is informational in Kubernetes); each pod is reached at its own
    address on podman's bridge network, as a Service reaches pods at theirs.
Everything else (kinds podman ignores, probes, lifecycle, resources) is left as generated.
"""
import sys

import yaml

source = sys.argv[1] if len(sys.argv) > 1 else "target/kubernetes/kubernetes.yml"
with open(source, encoding="utf-8") as f:
    documents = [d for d in yaml.safe_load_all(f) if d]


def note(message):
    print(f"[kube-play-manifest] {message}", file=sys.stderr)


for doc in documents:
    if doc.get("kind") != "Deployment":
        continue
    pod = doc["spec"]["template"]["spec"]
    mounted = {v["secret"]["secretName"] for v in pod.get("volumes", []) if "secret" in v}
    for container in pod["containers"]:
        if container.get("imagePullPolicy", "Always") == "Always":
            container["imagePullPolicy"] = "IfNotPresent"
            note(f"{container['name']}: imagePullPolicy Always -> IfNotPresent (no registry; the image is local)")
        if container.pop("ports", None):
            note(f"{container['name']}: ports dropped (podman would publish containerPort 8080 on the host)")
        for env in container.get("env", []):
            ref = env.get("valueFrom", {}).get("secretKeyRef")
            if ref and ref["name"] in mounted:
                note(f"{container['name']}: env {env['name']} from secret {ref['name']}-env (also mounted as a volume)")
                ref["name"] = ref["name"] + "-env"

output = open(sys.argv[2], "w", encoding="utf-8") if len(sys.argv) > 2 else sys.stdout
yaml.safe_dump_all(documents, output, sort_keys=False)
