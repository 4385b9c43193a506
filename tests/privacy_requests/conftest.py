# A paid order, a signed-in admin, and the reviews flow's helpers.
from tests.staff.conftest import admin, place_order  # noqa: F401
