"""Tax Calculation objects (POST /v1/tax/calculations, `expand[]=line_items`) as Stripe's API
reference documents them, one per market, for the consignments the tests send: one QL Claw at
$39.00 with its shipping. Recorded by hand from the documented shape; only the fields read by the
shop are relied on, the others are kept so the shape stays the real one."""


def _line(amount: int, tax: int, breakdown: list) -> dict:
    return {
        "id": "tax_li_QLC001", "object": "tax.calculation_line_item", "amount": amount, "amount_tax": tax,
        "livemode": False, "product": None, "quantity": 1, "reference": "QUOTE", "tax_behavior": "exclusive",
        "tax_breakdown": breakdown, "tax_code": "txcd_99999999",
    }


def _part(amount: int, taxable: int, percentage: str, country: str, state, level: str, name: str, tax_type: str,
          reason: str = "standard_rated") -> dict:
    return {
        "amount": amount,
        "jurisdiction": {"country": country, "display_name": name, "level": level, "state": state},
        "sourcing": "destination",
        "tax_rate_details": {"display_name": "VAT" if tax_type == "vat" else "Sales Tax",
                             "percentage_decimal": percentage, "tax_type": tax_type},
        "taxability_reason": reason,
        "taxable_amount": taxable,
    }


def calculation(*, country: str, state, postal_code: str, shipping: int, line_parts: list, shipping_parts: list) -> dict:
    line_tax = sum(part["amount"] for part in line_parts)
    shipping_tax = sum(part["amount"] for part in shipping_parts)
    return {
        "id": f"taxcalc_1{country}{postal_code}".replace(" ", ""),
        "object": "tax.calculation",
        "amount_total": 3900 + shipping + line_tax + shipping_tax,
        "currency": "usd",
        "customer": None,
        "customer_details": {
            "address": {"city": None, "country": country, "line1": None, "line2": None, "postal_code": postal_code,
                        "state": state},
            "address_source": "shipping", "ip_address": None, "tax_ids": [], "taxability_override": "none",
        },
        "expires_at": 1767139200,
        "line_items": {"object": "list", "data": [_line(3900, line_tax, line_parts)], "has_more": False,
                       "url": "/v1/tax/calculations/taxcalc_1/line_items"},
        "livemode": False,
        "ship_from_details": None,
        "shipping_cost": {"amount": shipping, "amount_tax": shipping_tax, "shipping_rate": None,
                          "tax_behavior": "exclusive", "tax_breakdown": shipping_parts, "tax_code": "txcd_92010001"},
        "tax_amount_exclusive": line_tax + shipping_tax,
        "tax_amount_inclusive": 0,
        "tax_breakdown": [],
        "tax_date": 1765065600,
    }


# San Francisco: California's 7.25 % state rate plus the city and county's district rates;
# shipping by common carrier is not taxed there.
US_CALIFORNIA = calculation(
    country="US", state="CA", postal_code="94102", shipping=500,
    line_parts=[
        _part(283, 3900, "7.25", "US", "CA", "state", "California", "sales_tax"),
        _part(68, 3900, "1.75", "US", "CA", "district", "San Francisco", "sales_tax"),
    ],
    shipping_parts=[_part(0, 0, "0.0", "US", "CA", "state", "California", "sales_tax", "product_exempt")],
)

# Texas, where the seller is not registered: Stripe calculates nothing.
US_TEXAS = calculation(
    country="US", state="TX", postal_code="78701", shipping=500,
    line_parts=[_part(0, 0, "0.0", "US", "TX", "state", "Texas", "sales_tax", "not_collecting")],
    shipping_parts=[_part(0, 0, "0.0", "US", "TX", "state", "Texas", "sales_tax", "not_collecting")],
)

EU_GERMANY = calculation(
    country="DE", state=None, postal_code="10117", shipping=1900,
    line_parts=[_part(741, 3900, "19.0", "DE", None, "country", "Germany", "vat")],
    shipping_parts=[_part(361, 1900, "19.0", "DE", None, "country", "Germany", "vat")],
)

UK_GREAT_BRITAIN = calculation(
    country="GB", state=None, postal_code="SW1Y 4LB", shipping=1900,
    line_parts=[_part(780, 3900, "20.0", "GB", None, "country", "United Kingdom", "vat")],
    shipping_parts=[_part(380, 1900, "20.0", "GB", None, "country", "United Kingdom", "vat")],
)


def transaction(*, id: str, reference: str, calculation: dict, reversal_of: str = "") -> dict:
    """A tax.transaction as Stripe documents it: made from a calculation
    (POST /v1/tax/transactions/create_from_calculation) or reversing one (create_reversal)."""
    return {
        "id": id,
        "object": "tax.transaction",
        "created": 1765065700,
        "currency": calculation["currency"],
        "customer": None,
        "customer_details": calculation["customer_details"],
        "line_items": {"object": "list", "data": [], "has_more": False, "url": f"/v1/tax/transactions/{id}/line_items"},
        "livemode": False,
        "metadata": {},
        "posted_at": 1765065700,
        "reference": reference,
        "reversal": {"original_transaction": reversal_of} if reversal_of else None,
        "ship_from_details": None,
        "shipping_cost": calculation["shipping_cost"],
        "tax_date": calculation["tax_date"],
        "type": "reversal" if reversal_of else "transaction",
    }


# Two lines that pay different rates (San Francisco): a service first, which California does not
# tax (Stripe's general services code), then the QL Claw at 7.25 % + 1.75 %.
US_CALIFORNIA_TWO_LINES = {
    **US_CALIFORNIA,
    "id": "taxcalc_1US94102TWO",
    "amount_total": 2000 + 3900 + 500 + 351,
    "line_items": {
        "object": "list", "has_more": False, "url": "/v1/tax/calculations/taxcalc_1US94102TWO/line_items",
        "data": [
            {**_line(2000, 0, [_part(0, 0, "0.0", "US", "CA", "state", "California", "sales_tax", "product_exempt")]),
             "id": "tax_li_QLC002", "reference": "QLC-SERVICE", "tax_code": "txcd_20030000"},
            {**_line(3900, 351, US_CALIFORNIA["line_items"]["data"][0]["tax_breakdown"]), "reference": "QLC-1"},
        ],
    },
    "tax_amount_exclusive": 351,
}


def california_for(form: dict, id: str) -> dict:
    """A San Francisco calculation (7.25 % + 1.75 % on goods, shipping untaxed) for the lines a
    request sent (its form fields), under the given id: for checkouts of any quantity."""
    lines, index = [], 0
    while f"line_items[{index}][amount]" in form:
        amount = int(form[f"line_items[{index}][amount]"])
        state, district = round(amount * 0.0725), round(amount * 0.0175)
        lines.append({**_line(amount, state + district, [
            _part(state, amount, "7.25", "US", "CA", "state", "California", "sales_tax"),
            _part(district, amount, "1.75", "US", "CA", "district", "San Francisco", "sales_tax")]),
            "id": f"tax_li_{index}", "quantity": int(form[f"line_items[{index}][quantity]"]),
            "reference": form.get(f"line_items[{index}][reference]", "")})
        index += 1
    shipping = int(form.get("shipping_cost[amount]", 0))
    tax = sum(line["amount_tax"] for line in lines)
    return {
        **US_CALIFORNIA, "id": id,
        "amount_total": sum(line["amount"] for line in lines) + shipping + tax,
        "line_items": {"object": "list", "data": lines, "has_more": False, "url": f"/v1/tax/calculations/{id}/line_items"},
        "shipping_cost": {**US_CALIFORNIA["shipping_cost"], "amount": shipping},
        "tax_amount_exclusive": tax,
    }
