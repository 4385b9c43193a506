# The staff area's fixtures: a signed-in admin and a paid order.
from tests.staff.conftest import admin, place_order  # noqa: F401
