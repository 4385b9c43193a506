from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from analytics.selectors import counting_statement
from shared_cache.decorators import cacheable_for
from shipping.selectors import shipping_zones_if_known

from .privacy import processors, shop_cookies
from .selectors import page_parts, policy_page


@require_safe
@cacheable_for(60)
def page(request: HttpRequest, slug: str) -> HttpResponse:
    policy = policy_page(slug)
    if policy is None:
        raise Http404("No such page")
    parts = page_parts(policy)
    context = {
        "page": policy,
        "parts": parts,
        "shipping_zones": shipping_zones_if_known() if any(part.block == "shipping-rates" for part in parts) else (),
        "cookies": shop_cookies(),
        "processors": processors(),
        "counting": counting_statement(),
    }
    return render(request, "pages/page.html", context)
