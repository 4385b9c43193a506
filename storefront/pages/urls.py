from django.urls import path

from . import views

app_name = "pages"

# Included last by config/urls.py: a slug at the site root is a policy page or nothing.
urlpatterns = [path("<slug:slug>/", views.page, name="page")]
