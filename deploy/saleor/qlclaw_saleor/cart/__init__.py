"""`qlclawCheckoutLinesAdd`: Saleor's checkoutLinesAdd for a cart, in one transaction.

Saleor 2.10's own mutation sends 18 SQL statements per add (it checks stock twice, reads the
lines five times and walks variant → product → product type to ask whether the cart ships),
most of them for work a cart without a shipping method or voucher does not need. This one
writes the same Saleor checkout with 9. See mutations.py for when it hands over to Saleor's.
"""
