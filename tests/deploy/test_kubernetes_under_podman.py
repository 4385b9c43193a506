"""deploy/kubernetes/base started with `podman kube play` from the locally built images (the subset
podman plays, tests/deploy/kube_play.py), and a buyer pays through its proxy in Chromium: the
migration Jobs' pods finish first, the storefront answers /healthz, the order page and the
confirmation e-mail come as they do under compose. Then `podman kube down`."""
from __future__ import annotations

import mailbox
import re
import time
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page

from tests.browser.test_buying import buy_with_the_good_card, new_email
from tests.deploy import kube_play, podman
from tests.deploy.conftest import self_signed_certificate, stack_env
from tests.deploy.test_stack_in_containers import wait_for_mail
from tests.seller import SELLER

pytestmark = pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
SECRET_KEYS = ["POSTGRES_PASSWORD", "SALEOR_DB_PASSWORD", "STOREFRONT_DB_PASSWORD", "BACKUP_DB_PASSWORD",
               "SALEOR_SECRET_KEY", "STOREFRONT_SECRET_KEY", "SHOP_STAFF_PASSWORD", "SALEOR_APP_TOKEN",
               "STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET", "EMAIL_URL"]
PROXY_HTTPS, PROXY_HTTP, LOCALSTRIPE = 8443, 8080, 8420  # container ports in proxy.yaml, stand-ins.yaml


@dataclass
class KubeShop:
    play: kube_play.KubePlay
    url: str
    maildir: Path
    up_seconds: float


def wait_for(what: str, check, timeout: float, logs) -> float:
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > timeout:
            raise AssertionError(f"{what} not within {timeout:.0f} s\n{logs()}")
        time.sleep(2)
    return time.monotonic() - started


@pytest.fixture(scope="module")
def kube_shop(tmp_path_factory) -> Iterator[KubeShop]:
    podman.ensure_tools()
    tmp = tmp_path_factory.mktemp("kube-play")
    images = podman.build_all()
    podman.build_kube_play_images(images)
    env = stack_env(tmp)
    https_port = int(env["SHOP_HTTPS_PORT"].rsplit(":", 1)[1])
    http_port = int(env["SHOP_HTTP_PORT"].rsplit(":", 1)[1])
    localstripe_port = int(env["LOCALSTRIPE_PORT"])
    self_signed_certificate(tmp / "tls")
    maildir = tmp / "maildir"
    mailbox.Maildir(str(maildir), create=True)
    run = kube_play.Run(
        suffix=uuid.uuid4().hex[:8],
        secrets={**{key: env[key] for key in SECRET_KEYS}, "SALEOR_EMAIL_URL": "dummy:"},
        config={"SHOP_HOST": env["SHOP_HOST"], "STRIPE_JS_URL": env["STRIPE_JS_URL"], **SELLER},
        tls={"tls.crt": (tmp / "tls" / "fullchain.pem").read_text(), "tls.key": (tmp / "tls" / "privkey.pem").read_text()},
        host_ports={("proxy", PROXY_HTTPS): https_port, ("proxy", PROXY_HTTP): http_port,
                    ("localstripe", LOCALSTRIPE): localstripe_port},
        maildir=maildir,
        images=images,
    )
    play = kube_play.KubePlay(run, tmp)
    shop = KubeShop(play=play, url=f"https://localhost:{https_port}", maildir=maildir, up_seconds=0.0)
    try:
        started = time.monotonic()
        # kube play returns once every pod has started, the storefront's and Saleor's after their
        # init containers saw the migrations done.
        play.play(kube_play.render(), timeout=600)
        wait_for("the storefront's /healthz", lambda: healthz(play), 180, lambda: play.logs("storefront", "storefront")[-3000:])
        wait_for("the proxy", lambda: through_proxy(shop), 60, lambda: "\n".join(f"--- {workload}\n{play.logs(workload, container)[-2500:]}" for workload, container in
                                                                 (("proxy", "nginx"), ("storefront", "storefront"), ("redis", "redis"))))
        shop.up_seconds = time.monotonic() - started
        register_webhook(localstripe_port, env)
        built = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in images.built) or "none (all cached)"
        print(f"\nkube play: images built: {built}; pods up and /healthz answered after {shop.up_seconds:.0f} s")
        yield shop
    finally:
        play.down()


def healthz(play: kube_play.KubePlay) -> bool:
    host = play.run.config["SHOP_HOST"]
    result = play.exec("storefront", "storefront", "python", "-c",
                       f"import urllib.request as u; u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={{'Host': '{host}'}}), timeout=4)",
                       check=False)
    return result.returncode == 0


def through_proxy(shop: KubeShop) -> bool:
    try:
        return httpx.get(f"{shop.url}/", verify=False, timeout=10).status_code == 200
    except httpx.HTTPError:
        return False


def register_webhook(localstripe_port: int, env: dict[str, str]) -> None:
    """localstripe posts signed events to the storefront pod by its Service's name."""
    body = urllib.parse.urlencode({"url": "http://storefront:8000/checkout/stripe/webhook/",
                                   "secret": env["STRIPE_WEBHOOK_SECRET"]}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{localstripe_port}/_config/webhooks/storefront", data=body)
    request.add_header("Authorization", f"Bearer {env['STRIPE_SECRET_KEY']}")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


def test_what_podman_is_given_is_every_workload_as_a_pod_and_nothing_it_cannot_play(tmp_path: Path):
    rendered = kube_play.render()
    run = kube_play.Run(
        suffix="0a1b2c3d", secrets={**{key: f"value-of-{key}" for key in SECRET_KEYS}, "SALEOR_EMAIL_URL": "dummy:"},
        config={"SHOP_HOST": "localhost:8443"}, tls={"tls.crt": "crt", "tls.key": "key"},
        host_ports={("proxy", PROXY_HTTPS): 18443}, maildir=tmp_path,
        images=podman.Images(tags={name: f"localhost/built/{name}:1" for name in set(kube_play.IMAGES.values())}),
        addresses={workload: f"10.99.0.{10 + index}" for index, workload in enumerate(kube_play.START_ORDER)},
    )

    objects, addresses = kube_play.podman_objects(rendered, run)

    # The manifests have what podman lacks; none of it reaches podman.
    assert {"Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "CronJob", "Job"} <= set(re.findall(r"^kind: (\w+)$", rendered, re.M))
    assert {doc["kind"] for doc in objects} == {"ConfigMap", "PersistentVolumeClaim", "Pod"}
    pods = [doc for doc in objects if doc["kind"] == "Pod"]
    # The migrations' pods start before the pods that wait for them.
    assert [pod["metadata"]["name"] for pod in pods] == [run.pod_name(workload) for workload in kube_play.START_ORDER]
    assert addresses == [run.addresses[workload] for workload in kube_play.START_ORDER]
    storefront = pods[kube_play.START_ORDER.index("storefront")]["spec"]
    assert {"ip": run.addresses["saleor"], "hostnames": ["saleor"]} in storefront["hostAliases"]
    main = next(c for c in storefront["containers"] if c["name"] == "storefront")
    env = {variable["name"]: variable.get("value") for variable in main["env"]}
    assert env["DATABASE_URL"] == "postgres://storefront:value-of-STOREFRONT_DB_PASSWORD@postgres:5432/storefront"
    assert env["ALLOWED_HOSTS"] == "localhost:8443" and env["SHOP_BASE_URL"] == "https://localhost:8443"
    published = []
    for pod in pods:
        spec = pod["spec"]
        for container in spec.get("initContainers", []) + spec["containers"]:
            assert container["image"].startswith("localhost/built/") and container["imagePullPolicy"] == "Never"
            assert not any("$(" in (variable.get("value") or "") for variable in container.get("env", [])), container["name"]
            published += [(pod["metadata"]["name"], port["hostPort"], port["hostIP"]) for port in container["ports"]]
        assert not any("secret" in volume for volume in spec.get("volumes", []))
        assert all(volume["name"].endswith("-0a1b2c3d") for volume in spec.get("volumes", []) if "emptyDir" in volume)
    assert published == [(run.pod_name("proxy"), 18443, "127.0.0.1")]
    assert all(doc["metadata"]["name"].endswith("-0a1b2c3d") for doc in objects if doc["kind"] != "Pod")


@pytest.fixture
def page(browser: Browser, kube_shop: KubeShop):
    context = browser.new_context(base_url=kube_shop.url, ignore_https_errors=True)
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()


def test_the_migration_jobs_ran_to_their_end_before_the_pods_served(kube_shop: KubeShop):
    play = kube_shop.play
    assert play.state("storefront-migrate", "migrate") == ("exited", 0), play.logs("storefront-migrate", "migrate")[-3000:]
    assert play.state("saleor-migrate", "migrate") == ("exited", 0), play.logs("saleor-migrate", "migrate")[-3000:]
    for workload, container in (("saleor", "saleor"), ("saleor-worker", "saleor-worker"), ("storefront", "storefront"),
                                ("storefront", "metrics"), ("worker", "worker"), ("worker", "metrics"), ("proxy", "nginx")):
        assert play.state(workload, container)[0] == "running", play.logs(workload, container)[-3000:]
    # The pods run as the manifests say: user 10001 on a read-only root.
    whoami = play.exec("storefront", "storefront", "sh", "-c", "id -u; touch /app/x 2>&1 || true")
    assert whoami.stdout.splitlines()[0] == "10001" and "Read-only file system" in whoami.stdout


def test_a_buyer_pays_by_card_through_the_pods_and_gets_the_order_page_and_the_email(page: Page, kube_shop: KubeShop):
    buyer = new_email("kube")
    token, pay_to_order_page = buy_with_the_good_card(page, buyer)

    # The worker pod sends the confirmation through the mail pod.
    message = wait_for_mail(kube_shop, buyer)  # type: ignore[arg-type]  # reads .maildir only
    assert f"{kube_shop.url}/orders/{token}/" in message.get_body(("plain",)).get_content()
    print(f"\nkube play: pay -> order page {pay_to_order_page * 1000:.0f} ms (browser, through the proxy pod)")


def test_the_worker_pods_metrics_container_counts_the_order_and_the_proxy_does_not_serve_it(kube_shop: KubeShop):
    play = kube_shop.play
    scrape = play.exec("worker", "metrics", "python", "-c",
                       "import urllib.request as u; print(u.urlopen('http://127.0.0.1:9100/metrics', timeout=10).read().decode())")
    completed = re.search(r"^storefront_orders_completed (\S+)$", scrape.stdout, re.M)
    assert completed and float(completed.group(1)) >= 1, scrape.stdout[-3000:]
    assert "storefront_jobs_queued" in scrape.stdout
    # The proxy forwards to the storefront's port 8000 only: /metrics there is a page of the shop.
    through_the_proxy = httpx.get(f"{kube_shop.url}/metrics", verify=False, timeout=10)
    assert "storefront_orders_completed" not in through_the_proxy.text
