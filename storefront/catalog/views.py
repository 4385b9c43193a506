from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils._os import safe_join
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from core.company import product_safety
from guide.content import how_to_sections
from reviews.selectors import NoSuchReviewPage, product_reviews
from reviews.structured_data import rating_properties
from scriptguard.csp import limit_scripts_to_inventory
from shared_cache.decorators import cacheable_for
from shipping.selectors import home_zone, shipping_zones_if_known

from . import structured_data
from .merchant_feed import MerchantFeed
from .pictures import CONTENT_TYPES, NoSuchPicture, SizeNotOffered, drawn_product_picture, gallery, product_picture_png
from .selectors import product_card


@require_safe
@cacheable_for(60)
def home(request: HttpRequest) -> HttpResponse:
    product = product_card(settings.FEATURED_PRODUCT_SLUG)
    return render(request, "catalog/home.html", {"product": product})


# Merchant Center fetches it on its own schedule; five minutes of caching keeps a burst of fetches
# (or anyone else) off Saleor.
merchant_feed = require_safe(cacheable_for(300)(MerchantFeed()))


@require_safe
@cacheable_for(60)
def product_detail(request: HttpRequest, slug: str) -> HttpResponse:
    product = product_card(slug)
    if product is None:
        raise Http404("No such product")
    try:
        reviews = product_reviews(product.slug, page=request.GET.get("page"))
    except NoSuchReviewPage as error:
        words = "The page of reviews must be a number, like ?page=2." if error.not_a_number else "There is no such page of reviews."
        return HttpResponse(words, status=400 if error.not_a_number else 404, content_type="text/plain; charset=utf-8")
    jsonld = {**structured_data.product(product, shipping_zones_if_known()), **rating_properties(reviews)}
    context = {"product": product, "product_jsonld": jsonld, "shipping_zone": home_zone(),
               "safety": product_safety(), "product_reviews": reviews, "how_to": how_to_sections(product.slug),
               "gallery": gallery(product.pictures)}
    # The wallet button makes this a page that can take a payment: only its listed scripts run.
    return limit_scripts_to_inventory(render(request, "catalog/product_detail.html", context), "catalog:product")


@require_safe
@cache_control(public=True, max_age=31536000, immutable=True)
def product_picture(request: HttpRequest, name: str) -> FileResponse:
    """Product pictures that Saleor stored in the shared media folder.

    Saleor's API is private, so browsers get pictures from here; their names carry a
    content hash (see the seed command), so they can be cached for a year.
    """
    try:
        path = safe_join(settings.MEDIA_ROOT, "products", name)
        if name.endswith(".png") and not Path(path).exists():
            return HttpResponse(product_picture_png(name), content_type="image/png")
        response = FileResponse(open(path, "rb"))
    except (FileNotFoundError, IsADirectoryError, ValueError, NoSuchPicture) as error:
        raise Http404("No such picture") from error
    # An SVG opened on its own is a document: forbid it to run or load anything.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response



@require_safe
def product_picture_raster(request: HttpRequest, name: str, width: str, image_format: str) -> HttpResponse:
    """A product picture drawn square at one of the gallery's widths, as AVIF, WebP or PNG."""
    try:
        picture = drawn_product_picture(name=name, width=width, image_format=image_format)
    except SizeNotOffered as error:
        return HttpResponse(str(error), status=404, content_type="text/plain; charset=utf-8")
    except NoSuchPicture:
        return HttpResponse("No such picture.", status=404, content_type="text/plain; charset=utf-8")
    response = HttpResponse(picture, content_type=CONTENT_TYPES[image_format])
    # Only a drawn picture is cached for a year (names carry the SVG's content hash), never a 404.
    patch_cache_control(response, public=True, max_age=31536000, immutable=True)
    return response
