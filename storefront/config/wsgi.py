import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_wsgi_application()

# Imported once Django is set up: the shared pages' in-memory cache sits in front of Django.
from shared_cache.generation import generation_outside_requests  # noqa: E402
from shared_cache.page_cache import SharedPageCache  # noqa: E402

application = SharedPageCache(django_application, generation=generation_outside_requests)
