from django.apps import AppConfig


class PrivacyRequestsConfig(AppConfig):
    name = "privacy_requests"
    verbose_name = "Data requests"
    default_auto_field = "django.db.models.BigAutoField"
