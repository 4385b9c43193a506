import logging

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from saleor_client.client import saleor_for_health_check
from saleor_client.errors import SaleorError

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # any database failure means "down" here; it is logged
        logger.exception("Health check: the storefront database is down")
        return False


def _saleor_ok() -> bool:
    try:
        saleor_for_health_check().shop_status()
        return True
    except SaleorError:
        logger.exception("Health check: Saleor is down")
        return False


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": _database_ok(), "saleor": _saleor_ok()}
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "down", "checks": {k: "ok" if v else "down" for k, v in checks.items()}},
        status=200 if healthy else 503,
    )
