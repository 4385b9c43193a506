"""The Stripe Tax backend: one Tax Calculation (POST /v1/tax/calculations) per consignment.

stripe 2.48 (Saleor 2.10's pin) has no tax resources, so the request goes through the
library's own requestor (its form encoding, retries and error types) on a short timeout.
Answers are cached by request: Saleor prices a checkout several times per page. When the
call fails, the offline rates price the consignment and say so (`backend: offline`).
Thresholds, markets without tax and unsold countries are decided here first, without a call.
"""
import hashlib
import json
import logging
from decimal import Decimal
from typing import Any, Callable, Dict, Optional

import stripe
from django.conf import settings
from django.core.cache import cache
from stripe.api_requestor import APIRequestor
from stripe.http_client import RequestsClient

from ..stripe_gateway.stripe_api import API_VERSION, to_minor_units
from .markets import market_for
from .quotes import ZERO, Consignment, OfflineBackend, TaxQuote, label_for, over_vat_threshold, untaxed
from .rates import current_rates

logger = logging.getLogger(__name__)

# Stripe's product tax codes: general tangible goods, and shipping.
GOODS_TAX_CODE = "txcd_99999999"
SHIPPING_TAX_CODE = "txcd_92010001"
CACHE_SECONDS = 600
RATE_PLACES = Decimal("0.00001")  # as the rates file gives them

Post = Callable[[Dict[str, Any]], Dict[str, Any]]


def calculation_request(consignment: Consignment) -> Dict[str, Any]:
    """The Tax Calculation's parameters: net (tax-exclusive) amounts in minor units."""
    currency = consignment.currency
    address = {"country": consignment.country.upper(), "postal_code": consignment.postal_code,
               "city": consignment.city, "line1": consignment.street}
    if consignment.area:
        address["state"] = consignment.area.upper()
    return {
        "currency": currency.lower(),
        "customer_details": {"address": {k: v for k, v in address.items() if v}, "address_source": "shipping"},
        "line_items": [
            {"amount": to_minor_units(amount, currency), "quantity": quantity, "reference": reference,
             "tax_behavior": "exclusive", "tax_code": GOODS_TAX_CODE}
            for reference, quantity, amount in consignment.lines
        ],
        "shipping_cost": {"amount": to_minor_units(consignment.shipping, currency), "tax_behavior": "exclusive",
                          "tax_code": SHIPPING_TAX_CODE},
        "expand": ["line_items"],
    }


def _rate(breakdown: list) -> Decimal:
    """The sum of the rates that were charged (state + county + city for a US address)."""
    return sum(
        (Decimal(str(part["tax_rate_details"]["percentage_decimal"])) for part in breakdown if part.get("amount", 0) > 0),
        ZERO,
    ) / 100


def quote_from_calculation(consignment: Consignment, calculation: Dict[str, Any]) -> TaxQuote:
    """Read a tax.calculation object as Stripe documents it into the shop's quote.

    Every line is read: each keeps its own rate (a line with another tax code pays another), and
    the goods rate is the lines' tax over their amount (a single rate when they all pay one)."""
    market = market_for(consignment.country)
    line_items = calculation["line_items"]["data"]
    line_rates = tuple((str(line["reference"]), _rate(line["tax_breakdown"])) for line in line_items)
    priced = [(line, rate) for line, (_, rate) in zip(line_items, line_rates) if int(line["amount"]) > 0]
    distinct = {rate for _, rate in priced}
    if len(distinct) <= 1:
        rate = next(iter(distinct), ZERO)
    else:
        amount = sum(int(line["amount"]) for line, _ in priced)
        rate = (Decimal(sum(int(line["amount_tax"]) for line, _ in priced)) / amount).quantize(RATE_PLACES)
    shipping = calculation.get("shipping_cost") or {}
    shipping_rate = _rate(shipping.get("tax_breakdown") or [])
    code = market.code if market else ""
    return TaxQuote(
        backend=StripeTaxBackend.name,
        market=code,
        duties=market.duties if market else "DAP",
        label=label_for(code, consignment.country.upper(), consignment.area.upper(), rate, one_rate=len(distinct) <= 1),
        rate=rate,
        shipping_rate=shipping_rate,
        calculation=str(calculation["id"]),
        line_rates=line_rates,
    )


def post_calculation(params: Dict[str, Any]) -> Dict[str, Any]:
    requestor = APIRequestor(
        key=settings.STRIPE_SECRET_KEY,
        api_base=settings.STRIPE_TAX_API_BASE,
        api_version=API_VERSION,
        client=RequestsClient(timeout=settings.STRIPE_TAX_TIMEOUT),
    )
    response, _ = requestor.request("post", "/v1/tax/calculations", params)
    return response.data


class StripeTaxBackend:
    name = "stripe_tax"

    def __init__(self, post: Optional[Post] = None) -> None:
        self.post = post or post_calculation
        self.fallback = OfflineBackend()

    def quote(self, consignment: Consignment) -> TaxQuote:
        market = market_for(consignment.country)
        if market is None or market.tax == "none":
            return untaxed(self.name, market)
        if market.tax in ("eu_vat", "uk_vat") and over_vat_threshold(current_rates(), market, consignment):
            return untaxed(self.name, market, duties="DAP")
        params = calculation_request(consignment)
        key = "qlclaw-tax:" + hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()
        try:
            cached = cache.get(key)
        except Exception as error:  # a cache that is down must not stop a checkout
            logger.warning("Tax answer cache unreadable: %s", error)
            cached = None
        if cached is not None:
            return cached
        try:
            quote = quote_from_calculation(consignment, self.post(params))
        except (stripe.error.StripeError, KeyError, IndexError, TypeError, ValueError, ArithmeticError) as error:
            logger.warning("Stripe Tax could not price a consignment to %s; offline rates used: %s",
                           consignment.country, error)
            return self.fallback.quote(consignment)
        try:
            cache.set(key, quote, CACHE_SECONDS)
        except Exception as error:
            logger.warning("Tax answer not cached: %s", error)
        return quote


def backend():
    """The backend the settings name (TAX_BACKEND)."""
    if settings.TAX_BACKEND == "stripe_tax":
        return StripeTaxBackend()
    return OfflineBackend()
