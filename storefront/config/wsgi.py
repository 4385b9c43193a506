import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_wsgi_application()

# Imported once Django is set up: the shared pages' in-memory cache sits in front of everything;
# what it cannot answer gets a deadline and a lane (core/admission.py) before Django runs.
from django.conf import settings  # noqa: E402

from core.admission import Admission  # noqa: E402
from shared_cache.generation import generation_outside_requests  # noqa: E402
from shared_cache.page_cache import SharedPageCache  # noqa: E402

admitted = Admission(
    django_application, work_slots=settings.WORK_SLOTS, deadline_seconds=settings.REQUEST_DEADLINE_SECONDS,
    health_deadline_seconds=settings.HEALTHZ_DEADLINE_SECONDS,
    checkout_post_deadline_seconds=settings.CHECKOUT_POST_DEADLINE_SECONDS,
)
application = SharedPageCache(admitted, generation=generation_outside_requests)
