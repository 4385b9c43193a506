from __future__ import annotations

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html

from scriptguard.integrity import of_static

from ..beacon import page_type
from ..definitions import BROWSER_EVENTS

register = template.Library()
VITALS_SCRIPT = "analytics/web-vitals-6.2.3/web-vitals.iife.js"


@register.simple_tag(takes_context=True)
def counting_script(context: template.Context, event: str = "") -> str:
    """beacon.js for a public page, with the funnel step the page stands for (if any)."""
    request = context.get("request")
    if request is None or page_type(request.path_info) is None:
        return ""
    if event and event not in BROWSER_EVENTS:
        raise template.TemplateSyntaxError(f"counting_script: {event!r} is not one of {BROWSER_EVENTS}")
    # With their integrity hashes: the pages that can take a wallet payment allow scripts by hash
    # alone (scriptguard/inventory.yaml).
    return format_html(
        '<script src="{}" integrity="{}" crossorigin="anonymous" defer data-beacon-url="{}" data-event="{}" '
        'data-vitals-url="{}" data-vitals-integrity="{}" data-vitals-sample="{}"></script>',
        static("analytics/beacon.js"), of_static("analytics/beacon.js"), reverse("analytics:beacon"), event,
        static(VITALS_SCRIPT), of_static(VITALS_SCRIPT), settings.ANALYTICS_VITALS_SAMPLE,
    )
