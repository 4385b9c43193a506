from django.http import HttpRequest

from .selectors import footer_pages


def footer(request: HttpRequest) -> dict:
    """The footer's links to the policy pages, on every page."""
    return {"footer_pages": footer_pages()}
