from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .feeds import GuideFeed
from .sitemaps import SITEMAPS

app_name = "guide"

urlpatterns = [
    path("guide/", views.guide_index, name="index"),
    path("guide/feed/", GuideFeed(), name="feed"),
    path("guide/where-does-it-hurt/", views.finder, name="finder"),
    path("guide/where-does-it-hurt/<slug:region>/", views.finder, name="finder-region"),
    path("guide/before-you-start/", views.self_check, name="self-check"),
    path("guide/before-you-start/answer/", views.self_check_answer, name="self-check-answer"),
    path("guide/<slug:slug>/", views.guide_page, name="page"),
    path("guide/<slug:slug>/preview.png", views.guide_preview, name="preview"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
