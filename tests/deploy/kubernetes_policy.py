"""Reads rendered Kubernetes manifests the way a reviewer would: which workloads lack probes,
limits or a non-root user, and which pod may open a connection to which under the NetworkPolicies.

The reachability model is the NetworkPolicy specification's, for one namespace: a connection is
allowed when some policy selecting the source allows it out (or none selects the source for
egress) and some policy selecting the destination allows it in (or none selects it for ingress). Pods are assumed to have addresses in POD_NETWORK, so an
`ipBlock` that covers part of it (less its `except`) counts as reaching pods.
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any, Iterable

POD_NETWORK = ipaddress.ip_network("10.0.0.0/8")
WORKLOAD_KINDS = {"Deployment", "Job", "CronJob"}


@dataclass(frozen=True)
class Pod:
    workload: str
    kind: str
    labels: dict[str, str]
    spec: dict[str, Any]


def pods(manifests: Iterable[dict]) -> list[Pod]:
    found = []
    for manifest in manifests:
        if manifest["kind"] not in WORKLOAD_KINDS:
            continue
        template = manifest["spec"]["template"] if manifest["kind"] != "CronJob" else \
            manifest["spec"]["jobTemplate"]["spec"]["template"]
        found.append(Pod(manifest["metadata"]["name"], manifest["kind"], template["metadata"].get("labels", {}), template["spec"]))
    return found


def workload_problems(manifests: Iterable[dict]) -> list[str]:
    """What a reviewer would refuse: a Deployment container without readiness and liveness probes,
    any container without CPU and memory requests and limits, any pod that may run as root or
    escalate, any writable root file system."""
    problems = []
    for pod in pods(manifests):
        pod_context = pod.spec.get("securityContext", {})
        for container in pod.spec.get("initContainers", []) + pod.spec["containers"]:
            where = f"{pod.kind} {pod.workload}, container {container['name']}"
            context = {**pod_context, **container.get("securityContext", {})}
            if not context.get("runAsNonRoot") or context.get("runAsUser", 1) == 0:
                problems.append(f"{where} may run as root")
            if context.get("allowPrivilegeEscalation", True):
                problems.append(f"{where} may escalate privileges")
            if not context.get("readOnlyRootFilesystem"):
                problems.append(f"{where} has a writable root file system")
            if "ALL" not in context.get("capabilities", {}).get("drop", []):
                problems.append(f"{where} keeps Linux capabilities")
            resources = container.get("resources", {})
            for bound in ("requests", "limits"):
                for resource in ("cpu", "memory"):
                    if resource not in resources.get(bound, {}):
                        problems.append(f"{where} has no {resource} {bound[:-1]}")
        if pod.kind == "Deployment":
            for container in pod.spec["containers"]:
                for probe in ("readinessProbe", "livenessProbe"):
                    if probe not in container:
                        problems.append(f"Deployment {pod.workload}, container {container['name']} has no {probe}")
    return problems


def _selects(selector: dict | None, labels: dict[str, str]) -> bool:
    if selector is None:
        return False
    for key, value in selector.get("matchLabels", {}).items():
        if labels.get(key) != value:
            return False
    for expression in selector.get("matchExpressions", []):
        present, value = expression["key"] in labels, labels.get(expression["key"])
        operator = expression["operator"]
        if operator == "In" and value not in expression["values"]:
            return False
        if operator == "NotIn" and value in expression["values"]:
            return False
        if operator == "Exists" and not present:
            return False
        if operator == "DoesNotExist" and present:
            return False
    return True


def _peer_matches(peer: dict, pod: Pod | None, namespace: str, address: str | None) -> bool:
    """`pod` None means a destination outside the cluster at `address`."""
    if "ipBlock" in peer:
        block = ipaddress.ip_network(peer["ipBlock"]["cidr"])
        excepted = [ipaddress.ip_network(cidr) for cidr in peer["ipBlock"].get("except", [])]
        if pod is None:
            ip = ipaddress.ip_address(address)
            return ip in block and not any(ip in cut for cut in excepted)
        if not block.overlaps(POD_NETWORK):
            return False
        return not any(POD_NETWORK.subnet_of(cut) for cut in excepted if cut.version == 4)
    if pod is None:
        return False
    namespace_selector = peer.get("namespaceSelector")
    if namespace_selector is not None and not _selects(namespace_selector, {"kubernetes.io/metadata.name": namespace}):
        return False
    pod_selector = peer.get("podSelector")
    return pod_selector is None or _selects(pod_selector, pod.labels)


def _port_matches(rule: dict, port: int) -> bool:
    ports = rule.get("ports")
    return not ports or any(entry.get("port") in (None, port) and entry.get("protocol", "TCP") == "TCP" for entry in ports)


def _allowed(policies: list[dict], direction: str, subject: Pod, peer: Pod | None, port: int, namespace: str,
             address: str | None = None) -> bool:
    kind = "Egress" if direction == "egress" else "Ingress"
    field = "to" if direction == "egress" else "from"
    selecting = [p for p in policies if _selects(p["spec"]["podSelector"] or {}, subject.labels) and
                 kind in p["spec"].get("policyTypes", ["Ingress"])]
    if not selecting:
        return True
    for policy in selecting:
        for rule in policy["spec"].get(direction) or []:
            peers = rule.get(field)
            if (peers is None or any(_peer_matches(p, peer, namespace, address) for p in peers)) and _port_matches(rule, port):
                return True
    return False


def network_policies(manifests: Iterable[dict]) -> list[dict]:
    return [m for m in manifests if m["kind"] == "NetworkPolicy"]


def may_connect(manifests: list[dict], source: str, destination: str, port: int) -> bool:
    """May a pod of component `source` open TCP `port` on a pod of component `destination`?"""
    namespace = next((m["metadata"].get("namespace", "default") for m in manifests if m["kind"] == "NetworkPolicy"), "default")
    policies = network_policies(manifests)
    by_component = {pod.labels.get("app.kubernetes.io/component"): pod for pod in pods(manifests)}
    src, dst = by_component[source], by_component[destination]
    return _allowed(policies, "egress", src, dst, port, namespace) and _allowed(policies, "ingress", dst, src, port, namespace)


def may_reach_internet(manifests: list[dict], source: Pod, port: int, address: str = "203.0.113.10") -> bool:
    """May the pods of `source` open TCP `port` to a public address (Stripe, mail, the bucket)?"""
    namespace = next((m["metadata"].get("namespace", "default") for m in manifests if m["kind"] == "NetworkPolicy"), "default")
    return _allowed(network_policies(manifests), "egress", source, None, port, namespace, address)


def may_be_reached_from_internet(manifests: list[dict], destination: str, port: int) -> bool:
    dst = next(pod for pod in pods(manifests) if pod.labels.get("app.kubernetes.io/component") == destination)
    policies = network_policies(manifests)
    selecting = [p for p in policies if _selects(p["spec"]["podSelector"] or {}, dst.labels) and
                 "Ingress" in p["spec"].get("policyTypes", ["Ingress"])]
    if not selecting:
        return True
    return any(rule.get("from") is None and _port_matches(rule, port)
               for policy in selecting for rule in policy["spec"].get("ingress") or [])
