from django.urls import path

from . import views

app_name = "privacy_requests"

urlpatterns = [
    path("your-data/", views.about, name="about"),
    path("your-data/<uuid:token>/", views.order_data, name="order"),
    # Apart from /your-data/: logs redact the segment after each prefix (core/logs.py).
    path("data-copy/<str:key>/", views.download, name="download"),
]
