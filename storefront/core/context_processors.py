from django.http import HttpRequest

from .company import company


def seller(request: HttpRequest) -> dict:
    """The company facts for the footer, the policy pages and the order page."""
    return {"company": company()}
