from django.apps import AppConfig


class WaitingRoomConfig(AppConfig):
    name = "waiting_room"
    verbose_name = "Waiting room for checkout"
