from django.urls import path

from . import views

app_name = "cart"

urlpatterns = [
    path("", views.cart_page, name="page"),
    path("add/", views.add, name="add"),
    path("lines/<str:line_id>/", views.update_line, name="update-line"),
    path("lines/<str:line_id>/remove/", views.remove_line, name="remove-line"),
]
