from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = "Verified-buyer reviews"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (schedules a review request when an order ships)
