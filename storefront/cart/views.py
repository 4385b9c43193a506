from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from analytics.forms import LandingForm
from scriptguard.csp import limit_scripts_to_inventory
from shared_cache.decorators import same_origin_post
from shipping.selectors import zone_for_country

from . import services
from .forms import AddToCartForm, LineQuantityForm
from .selectors import Cart
from .session import CartSession, cart_on_page


def _remember(request: HttpRequest, cart: Cart | services.CartSummary) -> None:
    CartSession(request).remember(cart.token, cart.quantity)


@require_safe
@never_cache  # one visitor's cart: `private, no-store`, so no proxy or shared cache keeps it
def cart_page(request: HttpRequest) -> HttpResponse:
    cart = cart_on_page(request)
    # What shipping will cost, before checkout: for the address already given, else the shop's country.
    country = (cart.shipping_address.get("country") if cart else "") or settings.SHOP_COUNTRY
    response = render(request, "cart/cart.html", {"cart": cart, "shipping_zone": zone_for_country(country)})
    return limit_scripts_to_inventory(response, "cart:page")  # the wallet button: only the listed scripts run


@require_POST
@same_origin_post
def add(request: HttpRequest) -> HttpResponse:
    form = AddToCartForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, error[0])
        return redirect("cart:page")
    try:
        cart = services.add_to_cart(cart_token=CartSession(request).token, **form.cleaned_data)
    except services.CartError as error:
        messages.error(request, str(error))
    else:
        _remember(request, cart)
        if landing := LandingForm(request.POST).landing():
            CartSession(request).remember_landing(*landing)
        messages.success(request, "Added to your cart.")
        if request.POST.get("then") == "checkout":  # "Buy now"; any other value: the cart page
            return redirect("checkout:details")
    return redirect("cart:page")


@require_POST
def update_line(request: HttpRequest, line_id: str) -> HttpResponse:
    cart = cart_on_page(request)  # the lines the buyer saw; Saleor judges the change
    form = LineQuantityForm(request.POST)
    if cart is None:
        messages.error(request, "Your cart is empty.")
    elif not form.is_valid():
        messages.error(request, form.errors["quantity"][0])
    else:
        try:
            _remember(request, services.set_line_quantity(cart=cart, line_id=line_id, **form.cleaned_data))
            messages.success(request, "Your cart was updated.")
        except services.CartError as error:
            messages.error(request, str(error))
    return redirect("cart:page")


@require_POST
def remove_line(request: HttpRequest, line_id: str) -> HttpResponse:
    cart = cart_on_page(request)
    if cart is not None:
        try:
            _remember(request, services.remove_line(cart=cart, line_id=line_id))
            messages.success(request, "The item was removed from your cart.")
        except services.CartError as error:
            messages.error(request, str(error))
    return redirect("cart:page")
