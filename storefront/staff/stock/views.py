from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from .. import auth
from ..errors import StaffActionError
from . import services
from .forms import StockForm
from .selectors import stock_level


@require_http_methods(["GET", "POST"])
@auth.staff_required
def stock(request: HttpRequest) -> HttpResponse:
    slug = settings.FEATURED_PRODUCT_SLUG
    level = stock_level(request.staff, slug)
    if level is None:
        raise Http404("No product")
    form = StockForm(request.POST or None, initial={"quantity": level.quantity, "price": level.price.amount if level.price else None})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_stock_and_price(staff=request.staff, slug=slug, **form.cleaned_data)
            messages.success(request, "Stock and price saved.")
            return redirect("staff:stock")
        except StaffActionError as error:
            form.add_error(None, str(error))
    return render(request, "staff/stock.html", {"level": level, "form": form}, status=400 if form.errors else 200)

