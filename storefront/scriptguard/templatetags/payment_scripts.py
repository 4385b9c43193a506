from django import template
from django.utils.html import format_html, format_html_join

from ..inventory import payment_page

register = template.Library()


@register.simple_tag
def payment_scripts(url_name: str) -> str:
    """The page's scripts exactly as `inventory.yaml` lists them, in its order: third-party ones
    as they are (run at once), the shop's own deferred and with their integrity hash."""
    return format_html_join("\n", "{}", (
        (format_html('<script src="{}" integrity="{}" crossorigin="anonymous" defer></script>', script.url, script.integrity)
         if script.is_own else format_html('<script src="{}"></script>', script.url),)
        for script in payment_page(url_name).scripts if not script.loaded_by
    ))


@register.inclusion_tag("scriptguard/_dashboard_tile.html")
def payment_pages_tile() -> dict:
    from ..selectors import payment_pages_tile as tile

    return {"tile": tile()}
