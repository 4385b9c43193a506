from decimal import Decimal

from django import template

register = template.Library()

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


@register.filter
def money(amount: Decimal, currency: str) -> str:
    """39 and "USD" -> "$39.00"; unknown currencies keep their code: "39.00 CHF"."""
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{amount:,.2f}" if symbol else f"{amount:,.2f} {currency}"
