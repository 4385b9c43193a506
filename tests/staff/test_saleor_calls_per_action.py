"""A staff action reads the order once: the Server-Timing header (on in the test stack) counts
the Saleor calls the storefront made for one POST."""
import httpx

from tests.server_timing import saleor_calls
from tests.staff.conftest import post_action


def _post(admin: httpx.Client, order_id: str, action: str, data: dict) -> httpx.Response:
    return post_action(admin, order_id, action, data, follow=False)


def test_each_action_reads_the_order_once_and_makes_its_one_change(admin: httpx.Client, place_order):
    order = place_order()

    refund = _post(admin, order["id"], "refund", {"amount": "1.00"})
    note = _post(admin, order["id"], "notes", {"message": "Called the buyer."})
    refused = _post(admin, order["id"], "refund", {"amount": "1000.00"})
    invalid = _post(admin, order["id"], "refund", {"amount": "lots"})

    # The order (under the order's lock), then the refund.
    assert refund.status_code == 302 and saleor_calls(refund) == 2
    # The order (the note names it in the index job), then the note.
    assert note.status_code == 302 and saleor_calls(note) == 2
    # Refused by the service after its one read: the order's page is drawn from a second read,
    # as the money may have moved meanwhile.
    assert refused.status_code == 400 and saleor_calls(refused) == 2
    # A form that is not valid never reaches the service: one read, for the page.
    assert invalid.status_code == 400 and saleor_calls(invalid) == 1
