from django.urls import path

from . import views

app_name = "waiting_room"

urlpatterns = [
    path("<str:token>/", views.place, name="place"),
]
