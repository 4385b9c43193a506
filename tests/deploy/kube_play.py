"""deploy/kubernetes/base started with `podman kube play` (podman 4.3) on this machine.

`kubectl kustomize tests/deploy/kube-play` renders the base with the stand-ins a cluster's
surroundings would provide; `podman_objects` then turns the rendered objects into what podman 4.3
plays, each step for something podman lacks (deploy/kubernetes/README.md, "Under podman kube play"):

- kinds podman does not play are left out: Services, HPAs, PDBs, NetworkPolicies, the CronJob,
  the ServiceAccount, the Namespace;
- each Deployment becomes one Pod and each Job a Pod that runs to its end, started in the order a
  cluster reaches by itself (the database first, the migration Jobs before the pods that wait in
  their init containers for them);
- a Service's name becomes a host name: every pod gets a static address on the run's own network
  and `hostAliases` naming the others as the Services would;
- `$(VAR)` references in env values are expanded as the kubelet does (podman passes them on as
  written), and the Secret qlclaw-secrets becomes a podman secret (JSON of base64 values, as podman
  4.3 reads a secretKeyRef); the TLS Secret's volume becomes a ConfigMap volume (podman 4.3 mounts
  no Secret volume);
- a container port is published on the host only where the test reaches it (podman 4.3 publishes
  every containerPort on all the host's addresses);
- podman 4.3 makes each emptyDir and ConfigMap volume a named volume, shared by every pod that
  names it the same and kept after the pod: each gets the run's suffix (an emptyDir also its pod's
  name), so no two pods share one and `down` finds them all;
- images are the locally built tags, never pulled.

Only this run's pods, network, secret and volumes are ever removed.
"""
from __future__ import annotations

import base64
import copy
import ipaddress
import json
import random
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from deploy.runner.environments import ensure_kubernetes_venv
from deploy.runner.layout import KUBERNETES_VENV
from tests.deploy import podman

OVERLAY = Path(__file__).parent / "kube-play"
# Not played by podman 4.3 (its kube play takes Pods, Deployments, PersistentVolumeClaims and
# ConfigMaps).
LEFT_OUT = {"Namespace", "ServiceAccount", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget",
            "NetworkPolicy", "CronJob", "Ingress"}
# The order a cluster reaches by itself: kube play starts one pod after another and waits for each
# pod's init containers, so a pod that waits for a migration comes after the migration's pod.
START_ORDER = ["postgres", "redis", "mail", "localstripe", "storefront-migrate", "saleor-migrate",
               "saleor", "saleor-worker", "storefront", "worker", "proxy"]
# Names the apps reach each other by (the Services', and the stand-ins').
HOST_NAMES = {"postgres", "redis", "mail", "localstripe", "saleor", "storefront"}
# Image names in the manifests -> podman.Images tags.
IMAGES = {
    "qlclaw/storefront": "storefront", "qlclaw/saleor": "saleor", "redis": "redis-entrypoint",
    "nginxinc/nginx-unprivileged": "nginx-unprivileged", "postgres": "postgres",
    "qlclaw-test/localstripe": "localstripe", "qlclaw-test/smtp": "smtp",
}
SECRETS = "qlclaw-secrets"
TLS_SECRET = "qlclaw-tls"
VARIABLE = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")


def render() -> str:
    """kubectl's own Kustomize; the overlay reads compose's create-databases.sh from deploy/postgres."""
    ensure_kubernetes_venv()
    result = subprocess.run(
        [str(KUBERNETES_VENV / "bin" / "kubectl"), "kustomize", "--load-restrictor", "LoadRestrictionsNone", str(OVERLAY)],
        capture_output=True, text=True, timeout=120,
    )
    if result.returncode != 0:
        raise podman.ContainerError(f"kubectl kustomize {OVERLAY} failed:\n{result.stderr}")
    return result.stdout


@dataclass
class Run:
    """What one run adds to the rendered manifests: its suffix, values, ports and files."""

    suffix: str
    secrets: dict[str, str]
    config: dict[str, str]  # merged into qlclaw-config
    tls: dict[str, str]  # tls.crt, tls.key
    host_ports: dict[tuple[str, int], int]  # (workload, container port) -> loopback port
    maildir: Path
    images: podman.Images
    addresses: dict[str, str] = field(default_factory=dict)  # workload -> static address

    def pod_name(self, workload: str) -> str:
        return f"qlclaw-{self.suffix}-{workload}"

    @property
    def secret_name(self) -> str:
        return f"{SECRETS}-{self.suffix}"


def _image(image: str, images: podman.Images) -> str:
    name = image.rsplit(":", 1)[0] if ":" in image.rsplit("/", 1)[-1] else image
    if name not in IMAGES:
        raise podman.ContainerError(f"no local stand-in for the image {image}")
    return images.tags[IMAGES[name]]


def _expand(value: str, known: dict[str, str]) -> str:
    # As the kubelet: a reference to an unknown variable stays as written.
    return VARIABLE.sub(lambda match: known.get(match.group(1), match.group(0)), value)


def _container(container: dict, run: Run, config_maps: dict[str, dict[str, str]], workload: str) -> dict:
    container = copy.deepcopy(container)
    container["image"] = _image(container["image"], run.images)
    container["imagePullPolicy"] = "Never"
    known: dict[str, str] = {}
    for source in container.get("envFrom", []):
        known.update(config_maps[source["configMapRef"]["name"]])
        source["configMapRef"]["name"] += f"-{run.suffix}"
    env = []
    for variable in container.get("env", []):
        reference = variable.get("valueFrom", {}).get("secretKeyRef")
        if reference and reference["name"] == SECRETS:
            if reference["key"] not in run.secrets:
                if reference.get("optional"):
                    continue
                raise podman.ContainerError(f"{workload}: the secret has no {reference['key']}")
            reference["name"] = run.secret_name
            known[variable["name"]] = run.secrets[reference["key"]]
        elif reference:
            raise podman.ContainerError(f"{workload}: unknown secret {reference['name']}")
        elif "value" in variable:
            variable["value"] = _expand(variable["value"], known)
            known[variable["name"]] = variable["value"]
        env.append(variable)
    if env:
        container["env"] = env
    for key in ("command", "args"):
        if key in container:
            container[key] = [_expand(part, known) for part in container[key]]
    # podman 4.3 publishes a containerPort without hostPort on every address of the host (a
    # cluster publishes none): only the ports the test reaches stay, on loopback. Probes name
    # ports, so they get the numbers.
    numbers = {port["name"]: port["containerPort"] for port in container.get("ports", []) if "name" in port}
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        for action in ("tcpSocket", "httpGet"):
            target = container.get(probe, {}).get(action)
            if target and isinstance(target["port"], str):
                target["port"] = numbers[target["port"]]
    published = []
    for port in container.get("ports", []):
        host_port = run.host_ports.get((workload, port["containerPort"]))
        if host_port:
            published.append({**port, "hostPort": host_port, "hostIP": "127.0.0.1"})
    container["ports"] = published
    return container


def podman_objects(rendered: str, run: Run) -> tuple[list[dict], list[str]]:
    """The objects to play, and the static address of each pod in their order."""
    docs = [doc for doc in yaml.safe_load_all(rendered) if doc]
    config_maps = {doc["metadata"]["name"]: doc.setdefault("data", {}) for doc in docs if doc["kind"] == "ConfigMap"}
    for name, data in config_maps.items():
        if name.startswith("qlclaw-config-"):
            data.update(run.config)
    workloads: dict[str, dict] = {}
    for doc in docs:
        if doc["kind"] in ("Deployment", "Job"):
            workloads[doc["metadata"]["name"]] = {"metadata": doc["spec"]["template"]["metadata"], "spec": doc["spec"]["template"]["spec"]}
        elif doc["kind"] == "Pod":
            workloads[doc["metadata"]["name"]] = doc
        elif doc["kind"] not in LEFT_OUT | {"ConfigMap", "PersistentVolumeClaim"}:
            raise podman.ContainerError(f"no podman counterpart for a {doc['kind']}")
    if set(workloads) != set(START_ORDER):
        raise podman.ContainerError(f"workloads {sorted(workloads)} differ from the start order {START_ORDER}")

    pods, claims = [], set()
    for workload in START_ORDER:
        template = workloads[workload]
        spec = copy.deepcopy(template["spec"])
        # podman 4.3 restarts a finished init container under restartPolicy Always, and then
        # fails to remove it: pods with init containers restart on failure only.
        spec["restartPolicy"] = "OnFailure" if spec.get("initContainers") else spec.get("restartPolicy", "Always")
        spec["hostAliases"] = [{"ip": run.addresses[other], "hostnames": [other]}
                               for other in sorted(HOST_NAMES) if other != workload]
        for kind in ("initContainers", "containers"):
            if kind in spec:
                spec[kind] = [_container(c, run, config_maps, workload) for c in spec[kind]]
        renamed = {}
        for volume in spec.get("volumes", []):
            if "emptyDir" in volume:
                renamed[volume["name"]] = volume["name"] = f"{workload}-{volume['name']}-{run.suffix}"
            if "configMap" in volume:
                volume["configMap"]["name"] += f"-{run.suffix}"
            if "secret" in volume and volume["secret"]["secretName"] == TLS_SECRET:
                volume["configMap"] = {"name": f"{TLS_SECRET}-{run.suffix}"}
                del volume["secret"]
            elif "secret" in volume:
                raise podman.ContainerError(f"{workload}: no podman counterpart for the secret volume {volume['name']}")
            if "persistentVolumeClaim" in volume:
                claims.add(volume["persistentVolumeClaim"]["claimName"])
                volume["persistentVolumeClaim"]["claimName"] += f"-{run.suffix}"
            if "hostPath" in volume and volume["name"] == "maildir":
                volume["hostPath"]["path"] = str(run.maildir)
        for container in spec.get("initContainers", []) + spec["containers"]:
            for mount in container.get("volumeMounts", []):
                mount["name"] = renamed.get(mount["name"], mount["name"])
        pods.append({"apiVersion": "v1", "kind": "Pod",
                     "metadata": {"name": run.pod_name(workload), "labels": template["metadata"].get("labels", {})},
                     "spec": spec})

    kept = [doc for doc in docs if doc["kind"] == "ConfigMap"]
    for doc in kept:
        doc["metadata"]["name"] += f"-{run.suffix}"
    kept.append({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": f"{TLS_SECRET}-{run.suffix}"}, "data": run.tls})
    for doc in docs:
        if doc["kind"] == "PersistentVolumeClaim" and doc["metadata"]["name"] in claims:
            doc["metadata"]["name"] += f"-{run.suffix}"
            kept.append(doc)
    return kept + pods, [run.addresses[workload] for workload in START_ORDER]


class KubePlay:
    """One run: a network with its own subnet, a podman secret, `kube play`, `kube down`."""

    def __init__(self, run: Run, folder: Path) -> None:
        self.run = run
        self.file = folder / "kube-play.yaml"
        self.network = f"qlclaw-kube-{run.suffix}"

    def create_network(self) -> None:
        # A subnet no other network on the machine has (podman refuses an overlapping one).
        for _ in range(20):
            subnet = ipaddress.ip_network(f"10.{random.randrange(100, 250)}.{random.randrange(0, 256)}.0/24")
            result = podman.run(["podman", "network", "create", "--subnet", str(subnet), self.network], check=False)
            if result.returncode == 0:
                hosts = list(subnet.hosts())
                self.run.addresses = {workload: str(hosts[10 + index]) for index, workload in enumerate(START_ORDER)}
                return
        raise podman.ContainerError(f"no free subnet for {self.network}: {result.stderr}")

    def create_secret(self) -> None:
        # podman 4.3 reads a secretKeyRef from a podman secret holding JSON of base64 values.
        data = json.dumps({key: base64.b64encode(value.encode()).decode() for key, value in self.run.secrets.items()})
        podman.run(["podman", "secret", "create", self.run.secret_name, "-"], input=data)

    def play(self, rendered: str, timeout: float) -> None:
        self.create_network()
        self.create_secret()
        objects, addresses = podman_objects(rendered, self.run)
        self.file.write_text(yaml.safe_dump_all(objects, sort_keys=False))
        ips = [arg for address in addresses for arg in ("--ip", address)]
        podman.run(["podman", "kube", "play", "--network", self.network, *ips, str(self.file)], timeout=timeout)

    def container(self, workload: str, name: str) -> str:
        return f"{self.run.pod_name(workload)}-{name}"

    def state(self, workload: str, name: str) -> tuple[str, int]:
        result = podman.run(["podman", "inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", self.container(workload, name)])
        status, code = result.stdout.split()
        return status, int(code)

    def logs(self, workload: str, name: str) -> str:
        result = podman.run(["podman", "logs", self.container(workload, name)], check=False)
        return result.stdout + result.stderr

    def exec(self, workload: str, name: str, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        return podman.run(["podman", "exec", self.container(workload, name), *command], check=check, timeout=60)

    def down(self) -> None:
        if self.file.exists():
            podman.run(["podman", "kube", "down", str(self.file)], check=False, timeout=300)
        pods = [self.run.pod_name(workload) for workload in START_ORDER]
        existing = [pod for pod in pods if podman.run(["podman", "pod", "exists", pod], check=False).returncode == 0]
        if existing:
            podman.run(["podman", "pod", "rm", "-f", *existing], check=False, timeout=300)
        volumes = podman.run(["podman", "volume", "ls", "-q"], check=False).stdout.split()
        ours = [volume for volume in volumes if volume.endswith(f"-{self.run.suffix}")]
        if ours:
            podman.run(["podman", "volume", "rm", "-f", *ours], check=False)
        podman.run(["podman", "secret", "rm", self.run.secret_name], check=False)
        podman.run(["podman", "network", "rm", "-f", self.network], check=False)
