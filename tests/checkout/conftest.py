from typing import Callable, Iterator

import pytest

from deploy.runner.stack import Stack
from tests.checkout.buyer import Buyer
from tests.saleor_api import SaleorStaffAPI


@pytest.fixture
def new_buyer(shop: Stack) -> Iterator[Callable[..., Buyer]]:
    made: list[Buyer] = []

    def make(email: str = "buyer@example.com") -> Buyer:
        buyer = Buyer(shop, email=email)
        made.append(buyer)
        return buyer

    yield make
    for buyer in made:
        buyer.close()


@pytest.fixture
def buyer(new_buyer) -> Buyer:
    return new_buyer()


@pytest.fixture
def stock(staff_api: SaleorStaffAPI):
    """Set the QL Claw's stock for a test; put 100 back afterwards."""
    def set_stock(quantity: int) -> None:
        staff_api.set_stock("QLC-001", quantity)

    yield set_stock
    staff_api.set_stock("QLC-001", 100)
