"""What the staff area's rooms tell each other, so that orders need not know who listens.

`order_changed` is sent (after the commit) when a staff action changed an order: the dashboard
forgets its tiles and, when money moved, records that order's day again; the search index
re-reads the order. `order_shipped` is sent when a parcel left (reviews schedule their
request). `stock_changed` is sent when the stock or price was set by hand.
"""
from django.dispatch import Signal

order_changed = Signal()  # kwargs: order (StaffOrder), money_moved (bool)
# Sent inside the shipping transaction (so what listeners queue commits with it): kwargs order_token.
order_shipped = Signal()
stock_changed = Signal()
