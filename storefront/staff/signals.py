"""What the staff area's rooms tell each other, so that orders need not know who listens.

`order_changed` is sent (after the commit) when a staff action changed an order: the dashboard
forgets its tiles and, when money moved, records that order's day again; the search index
re-reads the order. `stock_changed` is sent when the stock or price was set by hand.
"""
from django.dispatch import Signal

order_changed = Signal()  # kwargs: order (StaffOrder), money_moved (bool)
stock_changed = Signal()
