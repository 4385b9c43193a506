from django.urls import path

from . import staff_views

app_name = "staff-reviews"

urlpatterns = [
    path("", staff_views.moderation, name="list"),
    path("<int:review_id>/approve/", staff_views.moderate, {"action": "approve"}, name="approve"),
    path("<int:review_id>/hide/", staff_views.moderate, {"action": "hide"}, name="hide"),
    path("<int:review_id>/reply/", staff_views.moderate, {"action": "reply"}, name="reply"),
]
