import uuid

from django.db import models


class StaffSession(models.Model):
    """A signed-in shop admin. The Saleor token stays here, on the server; the browser's
    (signed) session only holds this row's random key."""

    key = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField()
    name = models.CharField(max_length=300, blank=True)
    # Saleor's permission codes at sign-in (MANAGE_ORDERS, MANAGE_STAFF …): what the menu offers.
    permissions = models.JSONField(default=list)
    saleor_token = models.TextField()
    token_issued = models.DateTimeField()
    # The password was right and the code from the authenticator app is still to come: not
    # signed in yet (`auth.current_staff` never returns such a row).
    awaiting_second_factor = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.email

    def may(self, permission: str) -> bool:
        return permission in self.permissions


class SignInThrottle(models.Model):
    """Sign-in attempts for one account from one visitor (`account` "*": any account from that
    visitor). Each attempt is counted under a lock before Saleor checks the password, so parallel
    guesses cannot slip past the count; a lockout doubles each time it recurs."""

    account = models.CharField(max_length=254)
    client_ip = models.GenericIPAddressField()
    attempts = models.PositiveIntegerField(default=0)
    window_started = models.DateTimeField()
    lockouts = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "client_ip"], name="one_throttle_per_account_and_ip")]

    def __str__(self) -> str:
        return f"{self.account} from {self.client_ip}"


class DailySales(models.Model):
    """What the shop took on one day (its own time zone): money captured, net of refunds, on
    the orders placed that day. Recorded from Saleor by a job (`staff.tasks.record_sales`),
    so the dashboard reads 30 days without paging through every order."""

    day = models.DateField(unique=True)
    captured = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    paid_orders = models.PositiveIntegerField()
    recorded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.day}: {self.captured} {self.currency}"


class OrderReturn(models.Model):
    """Items a buyer sent back and the refund made for them. Saleor 2.10 refunds only an amount
    (`orderRefund`), so which lines came back is kept here: nothing is refunded twice."""

    order_id = models.CharField(max_length=100, db_index=True)
    amount = models.DecimalField(max_digits=10, decimal_places=2)
    currency = models.CharField(max_length=3)
    restocked = models.BooleanField(default=False)
    # The shipping the buyer paid was refunded with these items (it is refunded once).
    shipping_refunded = models.BooleanField(default=False)
    reason = models.TextField()
    staff_email = models.EmailField()
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Return of {self.amount} {self.currency} on {self.order_id}"


class ReturnedLine(models.Model):
    order_return = models.ForeignKey(OrderReturn, on_delete=models.CASCADE, related_name="lines")
    order_line_id = models.CharField(max_length=100)
    quantity = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.quantity} × {self.order_line_id}"


class SecondFactor(models.Model):
    """A staff member's authenticator app (TOTP, RFC 6238), keyed on their Saleor e-mail.

    Only a random seed is kept: the app's secret is derived from it with the storefront's
    SECRET_KEY (`staff.second_factor.totp_secret`), so a database dump alone gives no codes."""

    email = models.EmailField(unique=True)  # lower case
    seed = models.CharField(max_length=64)
    # Set once the first code from the app was accepted: until then the account is not enrolled.
    confirmed = models.DateTimeField(null=True, blank=True)
    # The 30-second step of the last code accepted: a code for it or an earlier one is a replay.
    last_time_step = models.BigIntegerField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Second factor of {self.email}"


class RecoveryCode(models.Model):
    """One of the codes a staff member keeps for a lost phone; each signs in once. Only a keyed
    hash is stored."""

    second_factor = models.ForeignKey(SecondFactor, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    used = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["second_factor", "code_hash"], name="one_recovery_code_per_hash")]

    def __str__(self) -> str:
        return f"Recovery code of {self.second_factor.email}"


class OrderSearchEntry(models.Model):
    """What the admin may search an order by that Saleor 2.10's order search does not cover
    (it matches number, e-mail and the account's names only): SKUs and product names, tracking
    numbers and carriers, the shipping city and postcode, the buyer's and the staff's notes.
    Kept by `staff.orders.search`, lowercased in one text."""

    order_id = models.CharField(max_length=100, primary_key=True)
    number = models.PositiveBigIntegerField(db_index=True)
    text = models.TextField()
    indexed_at = models.DateTimeField(auto_now=True)
    # The list row as of `indexed_at`: "Also found" is drawn from these, without a Saleor call per hit.
    created = models.DateTimeField(null=True)
    email = models.CharField(max_length=254, blank=True, default="")
    customer_name = models.CharField(max_length=255, blank=True, default="")
    status = models.CharField(max_length=32, blank=True, default="")
    status_display = models.CharField(max_length=64, blank=True, default="")
    payment_status = models.CharField(max_length=32, blank=True, default="")
    total_amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    total_currency = models.CharField(max_length=3, blank=True, default="")

    def __str__(self) -> str:
        return f"Search text of order #{self.number}"
