"""The visitor's address behind a proxy: X-Real-IP counts only from a trusted proxy, named by
address or by network (a container network, where the proxy's address changes)."""
import json

from deploy.runner.stack import Stack
from tests.storefront_shell import storefront_python

SCRIPT = """
import json
from django.test import RequestFactory
from core.client_ip import client_ip

def seen(remote, header=None):
    extra = {"HTTP_X_REAL_IP": header} if header is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))

print(json.dumps({
    "proxy in network": seen("172.18.0.5", "203.0.113.9"),
    "proxy by address": seen("192.0.2.1", "203.0.113.10"),
    "stranger": seen("198.51.100.7", "203.0.113.11"),
    "garbage header": seen("172.18.0.5", "not-an-address"),
    "no header": seen("172.18.0.5"),
}))
"""


def test_x_real_ip_counts_only_from_a_trusted_address_or_network(shop: Stack):
    result = storefront_python(shop, SCRIPT, TRUSTED_PROXIES="172.16.0.0/12,192.0.2.1")

    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {
        "proxy in network": "203.0.113.9",
        "proxy by address": "203.0.113.10",
        "stranger": "198.51.100.7",
        "garbage header": "172.18.0.5",
        "no header": "172.18.0.5",
    }


def test_a_trusted_proxy_that_is_not_an_address_stops_the_start_with_plain_words(shop: Stack):
    # As the web server starts: it loads the settings (manage.py alone would swallow the error).
    starting = "from django.conf import settings; settings.DEBUG; print('started')"
    result = storefront_python(shop, starting, TRUSTED_PROXIES="10.0.0.0/8,proxy.internal")

    assert result.returncode != 0
    assert "TRUSTED_PROXIES: 'proxy.internal' is not an address or network" in result.stderr
    assert "started" not in result.stdout
