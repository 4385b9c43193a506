from django.apps import AppConfig


class ExpressConfig(AppConfig):
    name = "express"
