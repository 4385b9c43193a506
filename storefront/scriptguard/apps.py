from django.apps import AppConfig


class ScriptGuardConfig(AppConfig):
    """The scripts allowed on pages that take a payment: their list, their integrity hashes,
    the Content-Security-Policy built from them, violation reports and the check that compares
    the live pages with the list (PCI DSS 4.0.1 requirements 6.4.3 and 11.6.1)."""

    name = "scriptguard"
    default_auto_field = "django.db.models.BigAutoField"
