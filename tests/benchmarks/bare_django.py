"""The ceiling for a Python server here: a Django view that returns a page's bytes from memory,
with no middleware, under the same Granian settings as the storefront. The guide benchmark
starts it beside the shop (BARE_PAGE names the HTML file to serve)."""
import os
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

PAGE = Path(os.environ["BARE_PAGE"]).read_bytes()


def page(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


settings.configure(DEBUG=False, ALLOWED_HOSTS=["*"], ROOT_URLCONF=__name__, MIDDLEWARE=[], SECRET_KEY="b" * 50)
urlpatterns = [path("<path:anything>", page)]
application = get_wsgi_application()
