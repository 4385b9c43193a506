from django.apps import AppConfig


class TaxConfig(AppConfig):
    name = "qlclaw_saleor.tax"
    label = "qlclaw_tax"
