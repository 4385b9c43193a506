from django.urls import path

from . import views

app_name = "withdrawals"

urlpatterns = [
    path("", views.withdraw_by_number, name="form"),
    path("<uuid:token>/", views.withdraw_from_order, name="order"),
    path("<uuid:token>/record/", views.record_for_staff, name="record"),
]
