"""The "Before you start" self-check works as plain HTML: any box ticked sends the reader to a
clinician first, none sends them to the routine; every muscle page and the product page link it."""
import re
from html import unescape

import httpx
import pytest

from deploy.runner.stack import Stack
from tests.guide.test_guide_pages import MUSCLE_PAGES


@pytest.fixture
def reader(shop: Stack):
    """A browser without JavaScript: it sends the form as HTML forms are sent, with its Origin."""
    base_url = f"http://127.0.0.1:{shop.ports.storefront}"
    with httpx.Client(base_url=base_url, timeout=10, headers={"Origin": base_url}) as client:
        yield client


def the_form(reader: httpx.Client) -> tuple[str, list[tuple[str, str]]]:
    html = unescape(reader.get("/guide/before-you-start/").text)
    form = re.search(r'<form method="post" action="([^"]+)"[^>]*>(.*?)</form>', html, re.S)
    boxes = re.findall(r'<input type="checkbox" name="applies" value="([a-z-]+)"[^>]*> <label[^>]*>([^<]+)</label>', form.group(2))
    return form.group(1), boxes


def answer(reader: httpx.Client, ticked: list[str]) -> str:
    action, _ = the_form(reader)
    response = reader.post(action, data={"applies": ticked})
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"] or "max-age=0" in response.headers["Cache-Control"]
    return " ".join(unescape(response.text).split())


def test_the_self_check_is_a_plain_form_of_every_warning_sign(reader: httpx.Client):
    action, boxes = the_form(reader)

    assert action == "/guide/before-you-start/answer/"
    labels = " ".join(text for _, text in boxes)
    for sign in ("both legs", "problems with sex", "calf", "upper back", "shape of my spine", "steroid tablets",
                 "fever", "bowel, ovarian or kidney", "hip replacement", "under 18", "pregnant", "blood thinners"):
        assert sign in labels, sign


def test_any_box_ticked_means_see_a_clinician_first(reader: httpx.Client):
    text = answer(reader, ["cancer"])

    assert "See a clinician first" in text and "Cancer, now or in the past." in text
    assert "needs help today" not in text


def test_an_urgent_sign_is_told_to_get_help_today(reader: httpx.Client):
    text = answer(reader, ["calf", "pregnancy"])

    assert "See a clinician first" in text and "needs help today" in text and "emergency department" in text


def test_no_box_ticked_leads_to_the_routine(reader: httpx.Client):
    text = answer(reader, [])

    assert "See a clinician first" not in text
    assert "Nothing on the list applies to you" in text
    assert 'href="/guide/lower-back-trigger-points/#how-to-work-on-them"' in text and 'href="/guide/pressure-safety/"' in text
    assert 'href="/guide/weekly-routine/"' in text


def test_a_made_up_box_gets_plain_words(reader: httpx.Client):
    response = reader.post("/guide/before-you-start/answer/", data={"applies": ["nothing-wrong"]})

    assert response.status_code == 400 and "Please tick only boxes from the list on this page." in unescape(response.text)


def test_an_answer_posted_from_another_site_is_refused(shop: Stack):
    with httpx.Client(base_url=f"http://127.0.0.1:{shop.ports.storefront}", headers={"Origin": "https://evil.example"}) as stranger:
        assert stranger.post("/guide/before-you-start/answer/", data={"applies": []}).status_code == 403


@pytest.mark.parametrize("path", [*(f"/guide/{slug}/" for slug in MUSCLE_PAGES), "/products/ql-claw/"])
def test_muscle_pages_and_the_product_page_link_the_self_check(reader: httpx.Client, path: str):
    assert 'href="/guide/before-you-start/"' in reader.get(path).text
