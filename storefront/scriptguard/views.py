"""Where browsers report what a page's Content-Security-Policy blocked: logged, so a script
that should not be on a page shows up even before the daily check."""
from __future__ import annotations

import json
import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

logger = logging.getLogger("scriptguard.csp")

MAX_REPORT_BYTES = 8 * 1024
MAX_REPORTS = 20
REPORT_TYPES = ("application/csp-report", "application/reports+json", "application/json")
# The fields worth keeping, under both the old (report-uri) and the new (Reporting API) names.
FIELDS = {"document-uri": "document", "documentURL": "document", "violated-directive": "directive",
          "effectiveDirective": "directive", "effective-directive": "directive", "blocked-uri": "blocked",
          "blockedURL": "blocked", "source-file": "source", "sourceFile": "source", "disposition": "disposition"}


def _plain(text: str, status: int) -> HttpResponse:
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")


def _violations(data: object) -> list[dict]:
    """The reports in either format, or ValueError in plain words."""
    if isinstance(data, dict) and isinstance(data.get("csp-report"), dict):
        return [data["csp-report"]]
    if isinstance(data, list) and 0 < len(data) <= MAX_REPORTS and all(
        isinstance(item, dict) and isinstance(item.get("body"), dict) for item in data
    ):
        return [item["body"] for item in data if item.get("type") == "csp-violation"]
    raise ValueError("A report is {\"csp-report\": {...}} or a list of up to 20 reports with a body.")


@csrf_exempt  # browsers send reports without cookies or tokens; nothing is changed but a log line
@require_POST
@never_cache
def csp_report(request: HttpRequest) -> HttpResponse:
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if not declared.isdigit() or int(declared) > MAX_REPORT_BYTES:
        return _plain(f"A report is at most {MAX_REPORT_BYTES} bytes.", 413)
    body = request.read(MAX_REPORT_BYTES + 1)
    if len(body) > MAX_REPORT_BYTES:
        return _plain(f"A report is at most {MAX_REPORT_BYTES} bytes.", 413)
    if request.content_type not in REPORT_TYPES:
        return _plain("Reports come as application/csp-report or application/reports+json.", 415)
    if is_ratelimited(request, group="csp-report", key="ip", rate=settings.CSP_REPORTS_PER_IP, increment=True):
        return HttpResponse("Too many reports from your address; try again later.", status=429,
                            content_type="text/plain; charset=utf-8", headers={"Retry-After": "60"})
    try:
        violations = _violations(json.loads(body))
    except (ValueError, UnicodeDecodeError) as error:
        return _plain(f"Not a CSP report: {error}", 400)
    except RecursionError:  # 8 KB of nested brackets
        return _plain("Not a CSP report: nested too deeply.", 400)
    for violation in violations:
        fields = {name: str(violation[key])[:300] for key, name in FIELDS.items() if key in violation}
        # In the message itself: every log format keeps it (the plain one drops extras).
        logger.warning("csp violation: %s", " ".join(f"{name}={value!r}" for name, value in sorted(fields.items())))
    return HttpResponse(status=204)
