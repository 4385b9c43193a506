from django.urls import path

from . import views

app_name = "express"

urlpatterns = [
    path("start/", views.start, name="start"),
    path("address/", views.address, name="address"),
    path("method/", views.method, name="method"),
    path("pay/", views.pay, name="pay"),
    path("pay/confirm/", views.confirm, name="confirm"),
    path("confirming/", views.confirming, name="confirming"),
]
