from django.urls import path

from . import views

app_name = "reviews"

urlpatterns = [
    path("<str:order_token>/<str:key>/", views.write, name="write"),
]
