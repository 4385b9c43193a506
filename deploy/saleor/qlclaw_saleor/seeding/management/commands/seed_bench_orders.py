"""manage.py seed_bench_orders --count 10000 — fill Saleor with orders for the staff benchmark.

Benchmark data only: bulk-created orders (one QL Claw line each, a mix of statuses), marked
with customer e-mails @bench.qlclaw.example, placed over the last --days days (newest now) and
paid in full (a captured payment each, but the cancelled ones). Running it again tops up to
--count.
"""
import uuid
from datetime import timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from saleor.account.models import Address
from saleor.order import OrderStatus
from saleor.order.models import Order, OrderLine
from saleor.payment import ChargeStatus
from saleor.payment.models import Payment
from saleor.product.models import ProductVariant

BENCH_DOMAIN = "bench.qlclaw.example"
STATUSES = [OrderStatus.UNFULFILLED, OrderStatus.UNFULFILLED, OrderStatus.FULFILLED, OrderStatus.CANCELED,
            OrderStatus.PARTIALLY_FULFILLED]
FIRST_NAMES = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Tim"]


class Command(BaseCommand):
    help = "Bulk-create benchmark orders (one QL Claw line each)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10000)
        parser.add_argument("--sku", default="QLC-001")
        parser.add_argument("--days", type=int, default=30)

    @transaction.atomic
    def handle(self, *args, count: int, sku: str, days: int, **options):
        existing = Order.objects.filter(user_email__endswith=f"@{BENCH_DOMAIN}").count()
        missing = max(0, count - existing)
        variant = ProductVariant.objects.select_related("product").get(sku=sku)
        price = variant.product.price_amount
        addresses = Address.objects.bulk_create([
            Address(first_name=FIRST_NAMES[n % len(FIRST_NAMES)], last_name=f"Bench{existing + n}",
                    street_address_1="1 Test Street", city="Springfield", postal_code="62701",
                    country="US", country_area="IL")
            for n in range(missing)
        ])
        now, spacing = timezone.now(), timedelta(days=days) / max(missing, 1)
        orders = Order.objects.bulk_create([
            Order(
                created=now - spacing * n,
                status=STATUSES[n % len(STATUSES)], user_email=f"buyer{existing + n}@{BENCH_DOMAIN}",
                billing_address=address, shipping_address=address, token=str(uuid.uuid4()),
                shipping_method_name="Standard (3–5 business days)",
                shipping_price_net_amount=Decimal("5.00"), shipping_price_gross_amount=Decimal("5.00"),
                total_net_amount=price + 5, total_gross_amount=price + 5, currency="USD",
            )
            for n, address in enumerate(addresses)
        ], batch_size=1000)
        OrderLine.objects.bulk_create([
            OrderLine(order=order, variant=variant, product_name=variant.product.name, product_sku=sku,
                      is_shipping_required=True, quantity=1, quantity_fulfilled=1 if order.status == OrderStatus.FULFILLED else 0,
                      unit_price_net_amount=price, unit_price_gross_amount=price, currency="USD", tax_rate=Decimal("0"))
            for order in orders
        ], batch_size=1000)
        Payment.objects.bulk_create([
            Payment(order=order, gateway="bench", is_active=True, charge_status=ChargeStatus.FULLY_CHARGED,
                    total=order.total_gross_amount, captured_amount=order.total_gross_amount, currency="USD",
                    billing_email=order.user_email)
            for order in orders if order.status != OrderStatus.CANCELED
        ], batch_size=1000)
        self.stdout.write(f"{missing} benchmark orders added ({existing + missing} in all).")
