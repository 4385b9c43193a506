"""The scripts on the payment page are exactly those `scriptguard/inventory.yaml` lists: the
shop's own with their build-time integrity hash, the page's CSP allowing nothing else; a check
compares the live page with the list and tells the shop admin once when they differ; browsers
report CSP violations to an endpoint that keeps them short."""
from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import time
from pathlib import Path

import httpx
import psycopg
import yaml

from deploy.runner.environments import venv_python
from deploy.runner.layout import ROOT, STOREFRONT_VENV
from deploy.runner.stack import Stack
from tests.checkout.buyer import Buyer
from tests.mailbox import Mailbox, text_of

INVENTORY = ROOT / "storefront" / "scriptguard" / "inventory.yaml"
SHOP_ADDRESS = "orders@qlclaw.example"


def sri(content: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(content).digest()).decode()


def script_tags(html: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'([\w-]+)(?:="([^"]*)")?', tag)) for tag in re.findall(r"<script\b([^>]*)>", html)]


def script_src_of(policy: str) -> list[str]:
    return next(d.split()[1:] for d in (p.strip() for p in policy.split(";")) if d.startswith("script-src "))


def manage(shop: Stack, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(venv_python(STOREFRONT_VENV)), "manage.py", *args], cwd=ROOT / "storefront",
                          env={**shop.storefront_env(), **env}, capture_output=True, text=True, timeout=120)


def test_the_payment_page_runs_only_the_listed_scripts_own_files_by_their_integrity(buyer: Buyer, shop: Stack):
    buyer.ready_to_pay()
    page = buyer.http.get("/checkout/")  # the one-page checkout takes the card
    assert page.status_code == 200 and 'id="payment-form"' in page.text

    # Data blocks (JSON-LD) do not run; every other script element is counted.
    scripts = [tag for tag in script_tags(page.text) if tag.get("type") != "application/ld+json"]
    # Stripe.js and the shop's address.js, checkout.js, payment.js, express.js (the wallet button);
    # no counting script here.
    assert len(scripts) == 5, scripts
    stripe_js, *own_files = scripts
    # Stripe.js (localstripe's stand-in here) carries no hash: Stripe changes it without notice.
    assert stripe_js["src"].startswith(shop.localstripe_url) and "integrity" not in stripe_js
    built = json.loads((ROOT / "storefront" / "staticfiles" / "integrity.json").read_text())
    for name, own in zip(("address", "checkout", "payment", "express"), own_files, strict=True):
        assert re.fullmatch(rf"/static/js/{name}\.[0-9a-f]{{12}}\.js", own["src"])
        served = buyer.http.get(own["src"]).content
        assert own["integrity"] == sri(served) and own["crossorigin"] == "anonymous"
        # Written once by collectstatic, not computed per request.
        assert built[f"js/{name}.js"] == own["integrity"]
    assert "analytics/beacon" not in page.text

    policy = page.headers["Content-Security-Policy"]
    assert sorted(script_src_of(policy)) == sorted([f"'{own['integrity']}'" for own in own_files] + [shop.localstripe_url])
    assert "'self'" not in script_src_of(policy) and "'unsafe-inline'" not in policy
    assert "report-uri /csp-reports/" in policy
    # Other pages keep the shop-wide policy: own files by origin, no Stripe.
    assert script_src_of(buyer.http.get("/guide/").headers["Content-Security-Policy"]) == ["'self'"]


def test_the_product_page_and_the_cart_carry_the_wallet_script_only_as_listed(buyer: Buyer, shop: Stack):
    listed = {page["url_name"]: page for page in yaml.safe_load(INVENTORY.read_text())["pages"]}
    built = json.loads((ROOT / "storefront" / "staticfiles" / "integrity.json").read_text())
    buyer.add_to_cart()
    for url_name, path in (("catalog:product", "/products/ql-claw/"), ("cart:page", "/cart/")):
        page = buyer.http.get(path)
        assert page.status_code == 200
        in_html = [s["src"][len("static:"):] for s in listed[url_name]["scripts"]
                   if s["src"].startswith("static:") and not s.get("loaded_by")]
        assert in_html == ["analytics/beacon.js", "js/express.js"]
        scripts = [tag for tag in script_tags(page.text) if tag.get("type") != "application/ld+json"]
        # The shop's own two, each with its build-time hash; Stripe.js is not in the HTML: the
        # wallet script fetches it after the page has loaded (and only the CSP allows it).
        assert [re.sub(r"\.[0-9a-f]{12}\.js$", ".js", tag["src"]) for tag in scripts] == \
            ["/static/analytics/beacon.js", "/static/js/express.js"]
        for tag, name in zip(scripts, in_html):
            assert tag["integrity"] == built[name] == sri(buyer.http.get(tag["src"]).content), name
            assert "defer" in tag
        assert f'data-stripe-js="{shop.localstripe_url}/js.stripe.com/v3/"' in page.text
        policy = page.headers["Content-Security-Policy"]
        hashes = [f"'{built[name]}'" for name in ("analytics/beacon.js", "analytics/web-vitals-6.2.3/web-vitals.iife.js",
                                                  "js/express.js")]
        assert sorted(script_src_of(policy)) == sorted([*hashes, shop.localstripe_url]), path
        assert "'self'" not in script_src_of(policy) and "'unsafe-inline'" not in policy
        frames = next(d.split()[1:] for d in (p.strip() for p in policy.split(";")) if d.startswith("frame-src "))
        assert frames == [shop.localstripe_url]  # Stripe's frames (the button, the sheet), no 'none' beside them
        assert f'payment=(self "{shop.localstripe_url}")' in page.headers["Permissions-Policy"]
    # Pages without the wallet button keep the shop-wide policy and carry no wallet script.
    guide = buyer.http.get("/guide/")
    assert "js/express." not in guide.text and script_src_of(guide.headers["Content-Security-Policy"]) == ["'self'"]


def test_the_check_passes_on_the_live_page_and_a_changed_page_or_list_alerts_the_admin_once(
    shop: Stack, admin: httpx.Client, mailbox: Mailbox, tmp_path: Path
):
    passed = manage(shop, "check_payment_scripts", "--base-url", shop.storefront_url)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "carry exactly the listed scripts and headers" in passed.stdout
    tile = admin.get("/staff/").text
    assert 'id="tile-payment-scripts"' in tile and "As listed" in tile
    # The walk gave the shop's own address at checkout: it is never sent a cart reminder.
    with psycopg.connect(shop.database_url("storefront")) as connection:
        assert connection.execute("SELECT count(*) FROM reminders_cartreminder WHERE lower(email) = %s",
                                  [SHOP_ADDRESS]).fetchone()[0] == 0

    # A test copy of the live page that gained a script and lost a header: both reported.
    shell = manage(shop, "shell", "--no-imports", "-c", (
        "import httpx; from scriptguard import checks, services; from scriptguard.inventory import payment_page\n"
        f"client = httpx.Client(base_url='{shop.storefront_url}', headers={{'Origin': '{shop.storefront_url}'}})\n"
        "page = services._walk_to_payment(client)\n"
        "html = page.text.replace('</head>', '<script src=\"https://cdn.example.net/skim.js\"></script>"
        "<script>fetch(1)</script></head>')\n"
        "headers = {k: v for k, v in page.headers.items() if k.lower() != 'referrer-policy'}\n"
        "print('\\n'.join(checks.differences(payment_page('checkout:details'), html=page.text, headers=page.headers, "
        "base_url=str(page.url))) or 'SAME')\n"
        "print('---')\n"
        "print('\\n'.join(checks.differences(payment_page('checkout:details'), html=html, headers=headers, "
        "base_url=str(page.url))))\n"
    ))
    assert shell.returncode == 0, shell.stderr
    unchanged, changed = shell.stdout.split("---\n")
    assert unchanged.strip() == "SAME"
    assert sorted(changed.strip().splitlines()) == [
        "checkout:details: an inline script is not in the list",
        "checkout:details: the Referrer-Policy header is missing",
        "checkout:details: the script https://cdn.example.net/skim.js is not in the list",
    ]

    # The live page against a list that lacks payment.js: red, one e-mail, shown on the dashboard.
    listed = yaml.safe_load(INVENTORY.read_text())
    listed["pages"][0]["scripts"] = [s for s in listed["pages"][0]["scripts"] if s["src"] != "static:js/payment.js"]
    (tmp_path / "inventory.yaml").write_text(yaml.safe_dump(listed))
    before = len(mailbox.to(SHOP_ADDRESS))
    for _ in range(2):  # the same differences twice: mailed once
        failed = manage(shop, "check_payment_scripts", "--base-url", shop.storefront_url,
                        SCRIPT_INVENTORY_FILE=str(tmp_path / "inventory.yaml"))
        assert failed.returncode == 1
        assert re.search(r"- checkout:details: the script http://[^/]+/static/js/payment\.[0-9a-f]{12}\.js "
                         r"is not in the list", failed.stdout), failed.stdout
        assert "CSP allows scripts from" in failed.stdout  # the page's hash is not in the list's CSP either
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(mailbox.to(SHOP_ADDRESS)) == before:
        time.sleep(0.3)
    time.sleep(3)
    alerts = [m for m in mailbox.to(SHOP_ADDRESS)[before:] if m["Subject"] == "QL Claw: the payment page is not as listed"]
    assert len(alerts) == 1
    assert "js/payment." in text_of(alerts[0]) and "is not in the list" in text_of(alerts[0])
    tile = admin.get("/staff/").text
    assert "Not as listed" in tile and "is not in the list" in tile

    # Back to the real list: green again, and the dashboard says so.
    assert manage(shop, "check_payment_scripts", "--base-url", shop.storefront_url).returncode == 0
    assert "As listed" in admin.get("/staff/").text


def test_csp_reports_are_logged_short_and_garbage_or_floods_are_refused(shop: Stack):
    with httpx.Client(base_url=shop.storefront_url, timeout=30) as client:
        report = {"csp-report": {"document-uri": f"{shop.storefront_url}/checkout/",
                                 "violated-directive": "script-src", "blocked-uri": "https://cdn.example.net/skim.js",
                                 "original-policy": "x" * 3000}}
        answer = client.post("/csp-reports/", content=json.dumps(report), headers={"Content-Type": "application/csp-report"})
        assert answer.status_code == 204
        modern = [{"type": "csp-violation", "url": "x", "body": {"documentURL": "/cart/", "effectiveDirective": "img-src",
                                                                   "blockedURL": "https://tracker.example/p.gif"}}]
        assert client.post("/csp-reports/", json=modern, headers={"Content-Type": "application/reports+json"}).status_code == 204
        deadline = time.monotonic() + 10
        log = shop.state.log("storefront")
        while time.monotonic() < deadline and "tracker.example" not in log.read_text(errors="replace"):
            time.sleep(0.2)
        lines = [line for line in log.read_text(errors="replace").splitlines() if "csp violation" in line]
        assert any("cdn.example.net/skim.js" in line and "script-src" in line for line in lines)
        assert any("tracker.example/p.gif" in line for line in lines)
        assert not any("xxxxxxxxxx" in line for line in lines)  # the policy text is not kept

        huge = client.post("/csp-reports/", content=b"{" + b" " * 1_000_000 + b"}",
                           headers={"Content-Type": "application/csp-report"})
        assert huge.status_code == 413 and "at most 8192 bytes" in huge.text
        garbage = client.post("/csp-reports/", content=b"not json", headers={"Content-Type": "application/csp-report"})
        assert garbage.status_code == 400 and garbage.text.startswith("Not a CSP report")
        deep = client.post("/csp-reports/", content=b"[" * 4000 + b"]" * 4000,
                           headers={"Content-Type": "application/csp-report"})
        assert deep.status_code == 400 and deep.text.startswith("Not a CSP report")
        wrong_shape = client.post("/csp-reports/", json={"csp": 1}, headers={"Content-Type": "application/csp-report"})
        assert wrong_shape.status_code == 400
        assert client.post("/csp-reports/", content=b"{}", headers={"Content-Type": "text/plain"}).status_code == 415
        assert client.get("/csp-reports/").status_code == 405

        answers = [client.post("/csp-reports/", content=json.dumps(report),
                               headers={"Content-Type": "application/csp-report"}).status_code for _ in range(40)]
        assert 429 in answers and set(answers) <= {204, 429}
        limited = client.post("/csp-reports/", content=json.dumps(report), headers={"Content-Type": "application/csp-report"})
        assert limited.status_code == 429 and limited.headers["Retry-After"] == "60"
