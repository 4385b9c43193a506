import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .content import GuidePage, guide_pages, hub


class GuideFeed(Feed):
    feed_type = Atom1Feed
    title = "QL Claw — the lower-back trigger point guide"
    subtitle = "New and updated pages of the guide to muscles that can add to lower-back pain."

    def feed_url(self) -> str:
        # Django builds it from the request's Host header otherwise.
        return settings.SHOP_BASE_URL + reverse("guide:feed")

    def link(self) -> str:
        return settings.SHOP_BASE_URL + hub().url

    def items(self) -> list[GuidePage]:
        return sorted(guide_pages().values(), key=lambda page: (page.updated, page.slug), reverse=True)

    def item_title(self, page: GuidePage) -> str:
        return page.title

    def item_description(self, page: GuidePage) -> str:
        return page.summary

    def item_link(self, page: GuidePage) -> str:
        return settings.SHOP_BASE_URL + page.url

    def item_updateddate(self, page: GuidePage) -> datetime.datetime:
        return datetime.datetime.combine(page.updated, datetime.time(), tzinfo=datetime.timezone.utc)

    def item_pubdate(self, page: GuidePage) -> datetime.datetime:
        return self.item_updateddate(page)
