from django.urls import path

from . import views

app_name = "orders"

urlpatterns = [path("<uuid:token>/", views.order_status, name="status")]
