from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "staff"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the rooms' listeners to staff.signals)
