from django.http import HttpRequest


def shared_cache(request: HttpRequest) -> dict:
    return {"shared_cache": getattr(request, "shared_cache", False)}
