"""What a beacon may say, and who may send one. Anything else is refused before it is counted:
bodies over MAX_BODY_BYTES, JSON that does not fit `Beacon`, paths the shop does not serve,
robots' user agents, and more than ANALYTICS_BEACONS_PER_IP from one address."""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from typing import Annotated, Literal, Mapping

from crawleruseragents import is_crawler
from django.conf import settings
from django.urls import Resolver404, resolve
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from .definitions import BROWSER_EVENTS, COUNTED_PAGES, MAX_HOST_LENGTH, MAX_PATH_LENGTH

MAX_BODY_BYTES = 2048
PATH = re.compile(r"/[A-Za-z0-9/_.~%-]*\Z")
HOST = re.compile(r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?\Z")


class BeaconRefused(ValueError):
    """A beacon that will not be counted; the message is the answer's plain words."""


def shop_path(value: str) -> str:
    if not PATH.match(value):
        raise ValueError("must be one of the shop's page addresses, without a query string")
    if page_type(value) is None:
        raise ValueError("is not a page this shop counts")
    return value


def page_type(path: str) -> str | None:
    """The counted page's type (`COUNTED_PAGES`), or None for any other address."""
    try:
        return COUNTED_PAGES.get(resolve(path).view_name)
    except Resolver404:
        return None


def host_name(value: str) -> str:
    value = value.lower()
    if value and not HOST.match(value):
        raise ValueError("must be a host name such as example.org")
    return value


ShopPath = Annotated[str, Field(max_length=MAX_PATH_LENGTH), AfterValidator(shop_path)]
EventName = Literal[BROWSER_EVENTS]  # type: ignore[valid-type]


def _distinct(events: tuple[str, ...]) -> tuple[str, ...]:
    if len(set(events)) != len(events):
        raise ValueError("must name each event once")
    return events


class Vitals(BaseModel):
    """The web-vitals library's values for the page (milliseconds; CLS has no unit)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    LCP: Annotated[float, Field(ge=0, le=600_000)] | None = None
    INP: Annotated[float, Field(ge=0, le=600_000)] | None = None
    CLS: Annotated[float, Field(ge=0, le=100)] | None = None
    TTFB: Annotated[float, Field(ge=0, le=600_000)] | None = None


class Beacon(BaseModel):
    """One page's report from beacon.js: the page, the visit's first page, the other site's host
    when a link there brought the visitor, and what happened."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    path: ShopPath
    landing: ShopPath | Literal[""] = ""
    referrer: Annotated[str, Field(max_length=MAX_HOST_LENGTH), AfterValidator(host_name)] = ""
    events: Annotated[tuple[EventName, ...], Field(max_length=len(BROWSER_EVENTS)), AfterValidator(_distinct)] = ()
    vitals: Vitals | None = None

    @model_validator(mode="after")
    def _says_something(self) -> "Beacon":
        if not self.events and self.vitals is None:
            raise ValueError("must name at least one event or carry vitals")
        return self


def parse_beacon(body: bytes) -> Beacon:
    if len(body) > MAX_BODY_BYTES:
        raise BeaconRefused(f"A beacon is at most {MAX_BODY_BYTES} bytes.")
    try:
        return Beacon.model_validate_json(body)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the body"
        words = first["msg"].removeprefix("Value error, ").lower()
        raise BeaconRefused(f"Not a beacon this shop counts: {where} {words}.") from None


def is_robot(user_agent: str) -> bool:
    return not user_agent or is_crawler(user_agent)


def visitor_wants_no_counting(headers: Mapping[str, str]) -> bool:
    """Global Privacy Control or Do Not Track: beacon.js stays silent, and a beacon sent anyway
    is not counted."""
    return headers.get("Sec-GPC") == "1" or headers.get("DNT") == "1"


# Per process, in memory: an address is kept only as a keyed hash, for one window, and never
# written anywhere. The key is new at each start, so hashes cannot be matched across restarts.
_ADDRESS_KEY = secrets.token_bytes(32)
_limiter = FixedWindowRateLimiter(MemoryStorage())


def within_rate_limit(address: str) -> bool:
    hashed = hmac.new(_ADDRESS_KEY, address.encode(), hashlib.sha256).hexdigest()[:32]
    return _limiter.hit(parse(settings.ANALYTICS_BEACONS_PER_IP), "beacon", hashed)
