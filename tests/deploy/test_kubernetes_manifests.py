"""deploy/kubernetes/ renders with Kustomize (kubectl's own), validates against the Kubernetes
OpenAPI schemas of KUBERNETES_VERSION, passes checkov with only the named skips, and keeps the
rules compose keeps: probes, limits, non-root, and compose's networks as NetworkPolicies."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
import yaml

from deploy.runner.environments import ensure_kubernetes_venv
from deploy.runner.layout import KUBERNETES_VENV, ROOT
from tests.deploy import kubernetes_policy as policy

# A release the managed clusters offer in 2026-12; kubernetes-validate bundles its schemas.
KUBERNETES_VERSION = "1.35.0"
# KUBERNETES_DIR points the tests at another copy (e.g. a deliberately broken one).
KUBERNETES_DIR = Path(os.environ.get("KUBERNETES_DIR", ROOT / "deploy" / "kubernetes"))
OVERLAYS = ["production", "staging", "production-own-metric"]
SKIPS_FILE = ROOT / "deploy" / "kubernetes" / "checkov-skips.yaml"


def tool(name: str) -> str:
    ensure_kubernetes_venv()
    return str(KUBERNETES_VENV / "bin" / name)


def render(folder: Path) -> str:
    result = subprocess.run([tool("kubectl"), "kustomize", str(folder)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


@cache
def rendered(overlay: str) -> str:
    return render(KUBERNETES_DIR / "overlays" / overlay)


def manifests(overlay: str) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(rendered(overlay)) if doc]


def by_kind(overlay: str, kind: str) -> dict[str, dict]:
    return {m["metadata"]["name"]: m for m in manifests(overlay) if m["kind"] == kind}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_rendered_manifests_validate_against_the_kubernetes_schemas(overlay: str, tmp_path: Path):
    rendered_file = tmp_path / f"{overlay}.yaml"
    rendered_file.write_text(rendered(overlay))

    result = subprocess.run(
        [tool("kubernetes-validate"), "--strict", "--quiet", "-k", KUBERNETES_VERSION, str(rendered_file)],
        capture_output=True, text=True, timeout=300,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert len(manifests(overlay)) >= 30


def test_checkov_finds_nothing_but_the_skips_justified_in_the_repository(tmp_path: Path):
    skips = yaml.safe_load(SKIPS_FILE.read_text())
    assert all(len(reason.split()) >= 15 for reason in skips.values()), "each skip needs its reason"
    for overlay in OVERLAYS:
        (tmp_path / f"{overlay}.yaml").write_text(rendered(overlay))

    result = subprocess.run(
        [tool("checkov"), "--directory", str(tmp_path), "--framework", "kubernetes", "--quiet", "--compact",
         "--skip-check", ",".join(skips), "--output", "cli"],
        capture_output=True, text=True, timeout=600, env={**os.environ, "BC_SKIP_MAPPING": "TRUE"},
    )

    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_workload_has_probes_limits_a_non_root_user_and_a_read_only_root(overlay: str):
    assert policy.workload_problems(manifests(overlay)) == []


# compose's networks (docker-compose.yml): who may open a connection to whom.
ALLOWED = {
    ("proxy", "storefront", 8000),
    ("storefront", "saleor", 8000),
    ("worker", "saleor", 8000),
    ("storefront", "redis", 6379),
    ("worker", "redis", 6379),
    ("saleor", "redis", 6379),
    ("saleor-worker", "redis", 6379),
}
COMPONENTS = ["proxy", "storefront", "worker", "saleor", "saleor-worker", "redis", "migrate", "backup"]
PORTS = {"storefront": 8000, "saleor": 8000, "redis": 6379, "proxy": 8443}


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_network_policies_allow_exactly_composes_connections(overlay: str):
    docs = manifests(overlay)
    allowed = {
        (source, destination, PORTS[destination])
        for source in COMPONENTS for destination in PORTS
        if source != destination and policy.may_connect(docs, source, destination, PORTS[destination])
    }

    assert allowed == ALLOWED


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_only_saleor_and_the_workers_reach_stripe_mail_and_the_bucket_and_only_the_proxy_takes_visitors(overlay: str):
    docs = manifests(overlay)
    going_out = {pod.workload for pod in policy.pods(docs)
                 if policy.may_reach_internet(docs, pod, 443) or policy.may_reach_internet(docs, pod, 587)}
    taking_visitors = {c for c, port in PORTS.items() if policy.may_be_reached_from_internet(docs, c, port)}

    # Saleor's migration uploads the catalog's pictures to the bucket, over HTTPS only.
    assert going_out == {"saleor", "saleor-worker", "worker", "saleor-migrate"}
    assert not policy.may_reach_internet(docs, next(p for p in policy.pods(docs) if p.workload == "saleor-migrate"), 587)
    assert taking_visitors == {"proxy"}


def broken_copy(tmp_path: Path, edit) -> list[dict]:
    copy = tmp_path / "kubernetes"
    shutil.copytree(KUBERNETES_DIR, copy)
    edit(copy / "base")
    return [doc for doc in yaml.safe_load_all(render(copy / "overlays" / "production")) if doc]


def test_the_checks_turn_red_when_a_deployment_loses_its_probes_limits_or_non_root_user(tmp_path: Path):
    def break_storefront(base: Path) -> None:
        text = (base / "storefront.yaml").read_text()
        for kept, broken in [
            ("          livenessProbe:\n            tcpSocket:\n              port: http\n            periodSeconds: 20\n"
             "            failureThreshold: 3\n", ""),
            ("            limits:\n              cpu: \"2\"\n              memory: 640Mi\n", ""),
            ("        runAsNonRoot: true\n", "        runAsNonRoot: false\n"),
        ]:
            assert kept in text
            text = text.replace(kept, broken)
        (base / "storefront.yaml").write_text(text)

    problems = policy.workload_problems(broken_copy(tmp_path, break_storefront))

    assert "Deployment storefront, container storefront has no livenessProbe" in problems
    assert "Deployment storefront, container storefront has no cpu limit" in problems
    assert "Deployment storefront, container storefront may run as root" in problems


def test_the_checks_turn_red_when_a_network_policy_lets_the_proxy_reach_saleor(tmp_path: Path):
    def open_saleor_to_the_proxy(base: Path) -> None:
        (base / "network-policies.yaml").write_text((base / "network-policies.yaml").read_text() + """---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: proxy-to-saleor
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - podSelector: {}
  egress:
    - to:
        - podSelector: {}
""")

    docs = broken_copy(tmp_path, open_saleor_to_the_proxy)

    assert policy.may_connect(docs, "proxy", "saleor", 8000)


def test_the_proxy_and_the_backup_run_composes_own_files():
    files = ROOT / "deploy" / "kubernetes" / "base" / "files"

    assert (files / "shop.conf.template").read_text() == (ROOT / "deploy" / "nginx" / "shop.conf.template").read_text()
    assert (files / "backup.sh").read_text() == (ROOT / "deploy" / "backup" / "backup.sh").read_text()


def env_example_names() -> set[str]:
    names = set()
    for line in (ROOT / "deploy" / "env.example").read_text().splitlines():
        line = line.lstrip("#").strip()
        if "=" in line and line.split("=", 1)[0].isupper():
            names.add(line.split("=", 1)[0])
    return names


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_config_and_secrets_are_named_after_env_example_and_the_storefront_runs_as_production(overlay: str):
    known = env_example_names()
    config = next(m for name, m in by_kind(overlay, "ConfigMap").items() if name.startswith("qlclaw-config"))
    secret_keys = set()
    for pod in policy.pods(manifests(overlay)):
        for container in pod.spec.get("initContainers", []) + pod.spec["containers"]:
            for variable in container.get("env", []):
                reference = variable.get("valueFrom", {}).get("secretKeyRef")
                if reference:
                    assert reference["name"] == "qlclaw-secrets"
                    secret_keys.add(reference["key"])
    storefront_pods = [p for p in policy.pods(manifests(overlay)) if p.spec["containers"][0]["image"].split(":")[0].endswith("qlclaw/storefront")]

    assert set(config["data"]) <= known
    assert secret_keys <= known
    assert {"STOREFRONT_SECRET_KEY", "SALEOR_SECRET_KEY", "STOREFRONT_DB_PASSWORD", "STRIPE_SECRET_KEY"} <= secret_keys
    assert {p.workload for p in storefront_pods} == {"storefront", "worker", "storefront-migrate"}
    for pod in storefront_pods:
        env = {v["name"]: v.get("value") for v in pod.spec["containers"][0]["env"]}
        assert env["SHOP_ENVIRONMENT"] == "production"


def test_the_connection_budget_in_the_readme_is_what_the_production_manifests_can_open():
    config = next(m for name, m in by_kind("production", "ConfigMap").items() if name.startswith("qlclaw-config"))["data"]
    deployments, autoscalers = by_kind("production", "Deployment"), by_kind("production", "HorizontalPodAutoscaler")
    surge = {name: int(d["spec"].get("strategy", {}).get("rollingUpdate", {}).get("maxSurge", 0)) for name, d in deployments.items()}
    pods_at_most = {name: autoscalers[name]["spec"]["maxReplicas"] if name in autoscalers else d["spec"]["replicas"]
                    for name, d in deployments.items()}
    saleor_processes = int(deployments["saleor"]["spec"]["template"]["spec"]["containers"][0]["command"][
        deployments["saleor"]["spec"]["template"]["spec"]["containers"][0]["command"].index("--processes") + 1])
    threads, processes = int(config["STOREFRONT_THREADS"]), int(config["STOREFRONT_WORKERS"])
    job_concurrency = int(config["JOB_WORKER_CONCURRENCY"])

    budget = (
        (pods_at_most["storefront"] + surge["storefront"]) * processes * threads
        + pods_at_most["worker"] * (threads + job_concurrency + 1 + 1)  # + LISTEN + the metrics container
        + (pods_at_most["saleor"] + surge["saleor"]) * saleor_processes
        + pods_at_most["saleor-worker"] * 2
        + len(by_kind("production", "Job")) + 1
    )

    readme = (ROOT / "deploy" / "kubernetes" / "README.md").read_text()
    assert budget == 223
    assert f"| **sum** | | **{budget}** |" in readme


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_prometheus_scrapes_the_storefront_and_worker_on_a_port_the_proxy_cannot_reach(overlay: str):
    docs = manifests(overlay)
    deployments = by_kind(overlay, "Deployment")
    policies = policy.network_policies(docs)
    scrape_from_monitoring = [
        rule for p in policies if p["metadata"]["name"] in ("storefront", "worker") for rule in p["spec"]["ingress"]
        if rule.get("ports") == [{"protocol": "TCP", "port": 9100}]
    ]

    for name in ("storefront", "worker"):
        template = deployments[name]["spec"]["template"]
        assert template["metadata"]["annotations"]["prometheus.io/port"] == "9100"
        metrics = next(c for c in template["spec"]["containers"] if c["name"] == "metrics")
        assert metrics["command"][:3] == ["python", "manage.py", "serve_metrics"]
    assert not policy.may_connect(docs, "proxy", "storefront", 9100)
    assert not policy.may_connect(docs, "proxy", "worker", 9100)
    assert [rule["from"] for rule in scrape_from_monitoring] == [
        [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "monitoring"}}}]] * 2


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_container_that_reaches_the_database_verifies_its_certificate(overlay: str):
    config = next(m for name, m in by_kind(overlay, "ConfigMap").items() if name.startswith("qlclaw-config"))["data"]
    reaching = [
        (pod.workload, container)
        for pod in policy.pods(manifests(overlay))
        for container in pod.spec.get("initContainers", []) + pod.spec["containers"]
        if {v["name"] for v in container.get("env", [])} & {"DATABASE_URL", "PGHOST"}
    ]

    assert config["DATABASE_SSLMODE"] == "verify-full"
    assert len(reaching) >= 10
    for workload, container in reaching:
        mounts = {m["mountPath"] for m in container.get("volumeMounts", [])}
        assert config["DATABASE_SSLROOTCERT"].rsplit("/", 1)[0] in mounts, (workload, container["name"])


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_pictures_are_in_the_bucket_and_no_pod_shares_a_volume(overlay: str):
    config = next(m for name, m in by_kind(overlay, "ConfigMap").items() if name.startswith("qlclaw-config"))["data"]
    claims = {
        (pod.workload, volume["persistentVolumeClaim"]["claimName"])
        for pod in policy.pods(manifests(overlay)) for volume in pod.spec.get("volumes", []) if "persistentVolumeClaim" in volume
    }

    assert config["AWS_MEDIA_BUCKET_NAME"] and config["MEDIA_PUBLIC_URL"].endswith("/")
    assert claims == {("backup", "backups")}
    assert set(by_kind(overlay, "PersistentVolumeClaim")) == {"backups"}


def test_production_publishes_the_proxy_through_a_network_load_balancer_that_keeps_the_visitors_address():
    proxy = by_kind("production", "Service")["proxy"]
    annotations = proxy["metadata"].get("annotations", {})
    assert annotations["service.beta.kubernetes.io/aws-load-balancer-type"] == "external"
    assert annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"] == "internet-facing"
    # Instance targets reached through nodes that only send to their own proxy pods: the source
    # address of each packet stays the visitor's (ip targets over TCP would need proxy protocol).
    assert annotations["service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"] == "instance"
    assert proxy["spec"]["type"] == "LoadBalancer" and proxy["spec"]["externalTrafficPolicy"] == "Local"
    assert "annotations" not in by_kind("staging", "Service")["proxy"]["metadata"]


def test_the_own_metric_overlay_adds_only_a_metric_the_adapter_rule_serves_from_series_the_storefront_exports():
    overlay = KUBERNETES_DIR / "overlays" / "production-own-metric"
    hpa = by_kind("production-own-metric", "HorizontalPodAutoscaler")["storefront"]
    cpu, own = hpa["spec"]["metrics"]
    assert cpu == by_kind("production", "HorizontalPodAutoscaler")["storefront"]["spec"]["metrics"][0]
    assert own["type"] == "Pods" and own["pods"]["target"] == {"type": "AverageValue", "averageValue": "700m"}

    [rule] = yaml.safe_load((overlay / "prometheus-adapter-rules.yaml").read_text())["rules"]
    assert rule["name"]["as"] == own["pods"]["metric"]["name"]
    assert rule["resources"]["overrides"]["pod"] == {"resource": "pod"}
    exported = (ROOT / "storefront" / "metrics" / "figures.py").read_text()
    used = set(re.findall(r"storefront_[a-z_]+", rule["seriesQuery"] + rule["metricsQuery"]))
    assert used == {"storefront_saleor_calls_in_flight", "storefront_saleor_bulkhead_slots"}
    assert all(f'"{name}"' in exported for name in used), "the rule reads a series the storefront does not export"

    # Everything else is production's, unchanged.
    def rest(name: str) -> list[dict]:
        return [m for m in manifests(name) if not (m["kind"] == "HorizontalPodAutoscaler" and m["metadata"]["name"] == "storefront")]
    assert rest("production-own-metric") == rest("production")
