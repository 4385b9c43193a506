"""Customers, as the shop knows them: buyers check out as guests, so Saleor's customer accounts
stay empty and a customer is an order e-mail address. Found through Saleor's order search
(number, e-mail, and the name of a customer account, which guests do not have)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Iterator, Optional

from saleor_client import paging
from saleor_client.client import saleor_as_staff
from saleor_client.generated.staff_customer_orders import StaffCustomerOrdersOrdersEdgesNode
from saleor_client.values import Money

from ..models import StaffSession
from .selectors import Address, OrderRow

SEARCH_BATCH = 100
# A customer page reads at most this many of their orders (10 calls); nobody buys more claws.
MOST_ORDERS = 1000


@dataclass(frozen=True)
class CustomerOrder:
    order: OrderRow
    captured: Money


@dataclass(frozen=True)
class CustomerMatch:
    email: str
    name: str
    orders: int
    last_order: Optional[datetime]
    spent: Money


@dataclass(frozen=True)
class SearchResult:
    customers: tuple[CustomerMatch, ...]
    more: bool  # more orders matched than were read: narrow the search


@dataclass(frozen=True)
class Customer:
    email: str
    name: str
    orders: tuple[CustomerOrder, ...]  # newest first
    addresses: tuple[Address, ...]

    @property
    def spent(self) -> Money:
        currency = self.orders[0].captured.currency if self.orders else "USD"
        return Money(sum((o.captured.amount for o in self.orders), Decimal("0.00")), currency)

    @property
    def first_order(self) -> Optional[datetime]:
        return self.orders[-1].order.created if self.orders else None


def _pages(staff: StaffSession, search: str, most: int) -> Iterator[Optional[StaffCustomerOrdersOrdersEdgesNode]]:
    """The orders Saleor's search finds, a page at a time up to `most`; then None if there are more."""
    client = saleor_as_staff(staff)
    found = paging.nodes(lambda after: client.staff_customer_orders(search=search, first=SEARCH_BATCH, after=after).orders,
                         most_pages=-(-most // SEARCH_BATCH))
    yield from found
    if found.more:
        yield None


def find_customers(staff: StaffSession, query: str) -> SearchResult:
    """E-mail addresses of the orders Saleor's search finds, newest order first (one call)."""
    found: dict[str, list] = {}
    more = False
    for node in _pages(staff, query, SEARCH_BATCH):
        if node is None:
            more = True
            break
        if node.user_email:
            found.setdefault(node.user_email.lower(), []).append(node)
    customers = []
    for email, nodes in found.items():
        newest = nodes[0]
        address = newest.shipping_address
        customers.append(CustomerMatch(
            email=newest.user_email,
            name=f"{address.first_name} {address.last_name}".strip() if address else "",
            orders=len(nodes),
            last_order=OrderRow.from_saleor(newest).created,
            spent=Money(sum((Money.from_saleor(n.total_captured).amount for n in nodes), Decimal("0.00")),
                        Money.from_saleor(newest.total_captured).currency),
        ))
    return SearchResult(customers=tuple(customers), more=more)


def customer(staff: StaffSession, email: str) -> Optional[Customer]:
    """Every order placed with this e-mail address, what was spent and where it went."""
    wanted = email.strip().lower()
    orders, addresses = [], []
    for node in _pages(staff, wanted, MOST_ORDERS):
        if node is None or (node.user_email or "").lower() != wanted:
            continue  # the search also finds addresses that merely contain this one
        orders.append(CustomerOrder(order=OrderRow.from_saleor(node), captured=Money.from_saleor(node.total_captured)))
        for raw in (node.shipping_address, node.billing_address):
            address = Address.from_saleor(raw)
            if address and address not in addresses:
                addresses.append(address)
    if not orders:
        return None
    return Customer(email=orders[0].order.email, name=orders[0].order.customer_name, orders=tuple(orders),
                    addresses=tuple(addresses))
