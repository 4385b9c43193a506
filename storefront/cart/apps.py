from django.apps import AppConfig


class CartConfig(AppConfig):
    name = "cart"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (a payment attempt retires the cart's summary)
