"""The privacy page states what counting keeps, from the same definitions the beacon obeys."""
import re

import httpx

from analytics.definitions import EVENTS, KEPT_DAYS


def test_the_privacy_page_lists_every_counted_event_and_what_is_kept(browser_client: httpx.Client):
    page = browser_client.get("/privacy/").text

    listed = re.findall(r'<tr data-event="([a-z_]+)">', page)
    assert listed == [event.name for event in EVENTS]
    for event in EVENTS:
        assert event.words in page
    kept = re.search(r'<p id="counting-kept">(.*?)</p>', page, re.S).group(1)
    assert f"Kept for {KEPT_DAYS} days" in kept
    assert "no cookie, no address of your device, no browser details" in kept
    assert "Do Not Track or Global Privacy Control" in page
