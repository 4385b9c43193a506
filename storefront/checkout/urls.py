from django.urls import path

from . import views, webhooks

app_name = "checkout"

urlpatterns = [
    path("", views.details, name="details"),
    path("shipping/", views.shipping, name="shipping"),
    path("payment/", views.payment, name="payment"),
    path("promo-code/", views.promo_code, name="promo-code"),
    path("pay/", views.pay, name="pay"),
    path("pay/confirm/", views.confirm, name="confirm"),
    path("confirming/", views.confirming, name="confirming"),
    path("stripe/webhook/", webhooks.stripe_webhook, name="stripe-webhook"),
]
