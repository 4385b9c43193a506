from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("", views.home, name="home"),
    path("products/<slug:slug>/", views.product_detail, name="product"),
    path("media/products/<str:name>", views.product_picture, name="picture"),
    path("media/products/<slug:name>/<str:width>.<str:image_format>", views.product_picture_raster,
         name="picture-raster"),
    path("feeds/merchant.xml", views.merchant_feed, name="merchant-feed"),
]
