from django.urls import path

from . import views

app_name = "reminders"
urlpatterns = [
    path("<str:token>/", views.return_to_cart, name="return"),
]
