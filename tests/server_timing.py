"""The storefront's Server-Timing header (on in the test stack) counts the Saleor calls a request made."""
import re

import httpx


def saleor_calls(response: httpx.Response) -> int:
    match = re.search(r'saleor;desc="(\d+) calls"', response.headers.get("Server-Timing", ""))
    assert match, response.headers
    return int(match.group(1))
