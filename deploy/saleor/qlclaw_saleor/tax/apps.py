from django.apps import AppConfig


class TaxConfig(AppConfig):
    name = "qlclaw_saleor.tax"
    label = "qlclaw_tax"

    def ready(self) -> None:
        # A broken rates or catalog file stops Saleor at start, not at a buyer's checkout.
        from .markets import markets_by_country
        from .rates import current_rates

        current_rates()
        markets_by_country()
