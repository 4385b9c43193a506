"""manage.py tax_quote DE --goods 39.00 --shipping 19.00 — what the configured tax backend would
charge on a parcel to that destination, as JSON (to check settings and the rates file).
`--line SKU:QUANTITY:AMOUNT` (repeated) prices a parcel of several lines instead of --goods."""
import json
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ...quotes import Consignment
from ...rates import TaxRatesFileError
from ...stripe_tax import backend


def amount(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise CommandError(f"{text!r} is not an amount such as 39.00")
    if value < 0 or not value.is_finite():
        raise CommandError(f"{text!r} is not an amount such as 39.00")
    return value


def line(text: str) -> tuple:
    try:
        reference, quantity, value = text.rsplit(":", 2)
        count = int(quantity)
    except ValueError:
        raise CommandError(f"{text!r} is not a line such as QLC-1:1:39.00")
    if not reference or count < 1:
        raise CommandError(f"{text!r} is not a line such as QLC-1:1:39.00")
    return reference, count, amount(value)


class Command(BaseCommand):
    help = "Show the tax the configured backend charges on a parcel to a destination."

    def add_arguments(self, parser):
        parser.add_argument("country", help="two-letter country code, e.g. DE")
        parser.add_argument("--state", default="", help="US state code, e.g. CA")
        parser.add_argument("--postal-code", default="")
        parser.add_argument("--city", default="")
        parser.add_argument("--goods", default="39.00", help="net goods value (one line)")
        parser.add_argument("--quantity", type=int, default=1)
        parser.add_argument("--shipping", default="0.00", help="net shipping price")
        parser.add_argument("--line", action="append", default=[], type=line,
                            help="SKU:QUANTITY:AMOUNT, a line of the parcel (net amount of the line); repeatable")

    def handle(self, *args, **options):
        country = options["country"].upper()
        if len(country) != 2 or not country.isalpha():
            raise CommandError(f"{options['country']!r} is not a two-letter country code such as DE")
        goods, shipping = amount(options["goods"]), amount(options["shipping"])
        lines = tuple(options["line"]) or (("QUOTE", options["quantity"], goods),)
        consignment = Consignment(
            country=country, area=options["state"].upper(), postal_code=options["postal_code"], city=options["city"],
            lines=lines, shipping=shipping, currency=settings.DEFAULT_CURRENCY,
        )
        try:
            quote = backend().quote(consignment)
        except TaxRatesFileError as error:
            raise CommandError(str(error))
        line_taxes = {reference: quote.tax_on(net, reference=reference) for reference, _, net in lines}
        answer = {
            **quote.metadata(),
            "tax.shipping_rate": f"{quote.shipping_rate.normalize():f}" if quote.shipping_rate else "0",
            "goods_tax": str(sum(line_taxes.values(), Decimal("0.00"))),
            "shipping_tax": str(quote.tax_on(shipping, shipping=True)),
        }
        if options["line"]:
            answer["line_taxes"] = {reference: str(tax) for reference, tax in line_taxes.items()}
        self.stdout.write(json.dumps(answer))
