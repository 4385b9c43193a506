from typing import Any, Mapping, Union

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from core.addresses import address_lines

register = template.Library()


@register.filter
def postal_address(address: Union[tuple[str, ...], Mapping[str, Any]]) -> SafeString:
    """Address fields (a dict) or ready lines (a tuple) as the country writes them, one line each."""
    lines = address if isinstance(address, tuple) else address_lines(address)
    return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))
