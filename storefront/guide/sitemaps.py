import datetime
from typing import Any, Optional
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .content import GuidePage, guide_pages, policy_pages


class ShopSitemap(Sitemap):
    """Absolute URLs on SHOP_BASE_URL, whatever host the request came in on."""

    def get_domain(self, site: Optional[Any] = None) -> str:
        return urlparse(settings.SHOP_BASE_URL).netloc

    def get_protocol(self, protocol: Optional[str] = None) -> str:
        return urlparse(settings.SHOP_BASE_URL).scheme


class GuideSitemap(ShopSitemap):
    changefreq = "monthly"

    def items(self) -> list[GuidePage]:
        return sorted(guide_pages().values(), key=lambda page: page.kind != "hub")

    def location(self, page: GuidePage) -> str:
        return page.url

    def lastmod(self, page: GuidePage) -> datetime.date:
        return page.updated

    def priority(self, page: GuidePage) -> float:
        return {"hub": 0.9, "muscle": 0.7}.get(page.kind, 0.5)


class ShopPagesSitemap(ShopSitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return [reverse("catalog:home"), reverse("catalog:product", args=[settings.FEATURED_PRODUCT_SLUG]),
                reverse("guide:finder"), reverse("guide:self-check"), reverse("withdrawals:form"),
                reverse("privacy_requests:about")]

    def location(self, path: str) -> str:
        return path


class PolicySitemap(ShopSitemap):
    """Returns, shipping, privacy, terms, contact: at the site root, served by the pages app."""

    changefreq = "yearly"
    priority = 0.3

    def items(self) -> list[GuidePage]:
        return sorted(policy_pages().values(), key=lambda page: page.slug)

    def location(self, page: GuidePage) -> str:
        return page.url

    def lastmod(self, page: GuidePage) -> datetime.date:
        return page.updated


SITEMAPS = {"shop": ShopPagesSitemap, "guide": GuideSitemap, "policies": PolicySitemap}
