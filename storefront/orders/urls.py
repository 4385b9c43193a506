from django.urls import path

from . import views

app_name = "orders"

urlpatterns = [
    path("find/", views.find_order, name="find"),
    path("<uuid:token>/", views.order_status, name="status"),
]
