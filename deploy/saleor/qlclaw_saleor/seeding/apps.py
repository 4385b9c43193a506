from django.apps import AppConfig


class SeedingConfig(AppConfig):
    name = "qlclaw_saleor.seeding"
    label = "qlclaw_seeding"
