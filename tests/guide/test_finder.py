"""'Where does it hurt?': from a place on the body to the muscles that refer pain there."""
import re

import httpx
import pytest

EXPECTED = {
    "beside-spine": {"quadratus-lumborum", "lumbar-paraspinals", "psoas", "iliacus"},
    "belt-line": {"quadratus-lumborum", "rectus-abdominis", "gluteus-medius"},
    "sacrum": {"lumbar-paraspinals", "psoas", "iliacus", "rectus-abdominis", "gluteus-medius", "piriformis"},
    "buttock": {"quadratus-lumborum", "lumbar-paraspinals", "psoas", "gluteus-medius", "gluteus-minimus", "piriformis"},
    "outer-hip": {"quadratus-lumborum", "gluteus-medius", "gluteus-minimus"},
    "front-of-hip": {"psoas", "iliacus"},
    "back-of-thigh": {"gluteus-medius", "gluteus-minimus", "piriformis"},
    "outer-thigh": {"gluteus-minimus"},
}


def muscles_listed(html: str) -> set[str]:
    results = re.search(r'<ul class="muscle-results">(.*?)</ul>', html, re.S).group(1)
    return set(re.findall(r'href="/guide/([a-z-]+)/"', results))


@pytest.mark.parametrize("region", list(EXPECTED))
def test_each_region_leads_to_the_muscles_that_refer_pain_there(browser_client: httpx.Client, region: str):
    page = browser_client.get(f"/guide/where-does-it-hurt/{region}/")

    assert page.status_code == 200
    assert muscles_listed(page.text) == EXPECTED[region]
    assert 'action="/cart/add/"' in page.text  # and from them to the product


def test_the_finder_offers_every_region_on_the_map_and_in_a_plain_list(browser_client: httpx.Client):
    page = browser_client.get("/guide/where-does-it-hurt/")

    for region in EXPECTED:
        assert page.text.count(f'href="/guide/where-does-it-hurt/{region}/"') == 2
    assert browser_client.get("/guide/where-does-it-hurt/elbow/").status_code == 404
