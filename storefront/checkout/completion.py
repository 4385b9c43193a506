"""Completing a checkout: from the buyer's Pay click (or 3-D Secure, a webhook, the settle job)
to exactly one Saleor order, whatever fails on the way.

Every completion runs under a session-level advisory lock on the checkout, then one per
product variant in it (`core.locks.session_lock`): a double click, a refresh, a webhook and the
settle job queue up; two buyers of the last unit queue up, so Saleor's unlocked stock check
(2.10.1 checks before it charges) sees the truth. Held across short transactions, so that:

1. the Saleor payment is committed on the `CheckoutAttempt` before Saleor is asked to charge;
2. the order Saleor returns is committed, with its capture and confirmation e-mail jobs, in
   one transaction right after — the point of no return — and the buyer goes to the order page;
3. a Saleor timeout or transport error records the attempt as `unknown` (committed) and never
   voids blindly: Saleor may still be creating the order. `settle` finds out later.

Capture and e-mail are jobs (`checkout.tasks`), retried until they succeed.
"""
from __future__ import annotations

import logging
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from typing import Any, Optional, Union

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from procrastinate.exceptions import AlreadyEnqueued

from analytics.services import count_paid_order
from cart.selectors import Cart, CartLine, cart_for_completion
from catalog.selectors import kept_product_card
from core.locks import claim, session_lock
from jobs.queue import defer
from markets.selectors import metadata_dict, order_tax
from markets.services import record_tax_collected
from orders.services import keep_placed_order, queue_order_email
from saleor_client.client import saleor, saleor_as_storefront_app
from saleor_client.errors import (
    SaleorError,
    SaleorGraphQLError,
    SaleorUnavailable,
    SaleorValidationError,
    present,
    raise_for_errors,
)
from saleor_client.generated.checkout_complete import CheckoutCompleteCheckoutCompleteOrder
from saleor_client.generated.enums import TransactionKind
from saleor_client.generated.payment_for_completion import PaymentForCompletionPayment, PaymentForCompletionPaymentOrder
from saleor_client.values import Money
from shared_cache.generation import catalog_cache_key, purge_catalog

from . import outcomes
from .models import CheckoutAttempt, ReleasedHold
from .outcomes import EMPTY_MESSAGE, UNAVAILABLE_MESSAGE, OutcomeKind, PaymentOutcome

logger = logging.getLogger(__name__)

ADDRESS_MESSAGE = "Please check your address and shipping method, then try again."
VOUCHER_USED_UP_MESSAGE = (
    "Your promo code can no longer be used: it has been used up or has expired. "
    "Remove it from your cart to pay the full price. Your card has not been charged."
)

# The order as Saleor's completion answer or its payment names it (the same fields).
SaleorOrder = Union[CheckoutCompleteCheckoutCompleteOrder, PaymentForCompletionPaymentOrder]

# Saleor 2.10.1 never tells a variant's quantityAvailable above its MAX_CHECKOUT_LINE_QUANTITY (50).
SALEOR_QUANTITY_CAP = 50
Status = CheckoutAttempt.Status
# Attempts whose outcome the settle job must find out.
UNSETTLED = (Status.STARTED, Status.UNKNOWN, Status.NEEDS_AUTHENTICATION)
# Attempts that ended without an order: any hold of theirs is released.
ENDED_WITHOUT_ORDER = (Status.DECLINED, Status.SOLD_OUT, Status.FAILED)
# A PaymentIntent's statuses while its buyer may still authenticate (3-D Secure) or confirm it.
AWAITING_BUYER = ("requires_action", "requires_source_action", "requires_confirmation")


class CheckoutStepError(Exception):
    """A checkout step Saleor refused; `field_errors` map our form fields to messages."""

    def __init__(self, message: str, field_errors: Optional[dict[str, str]] = None) -> None:
        super().__init__(message)
        self.field_errors = field_errors or {}


def pay(*, cart_token: str, payment_token: str, landing: tuple[str, str] = ("", "")) -> PaymentOutcome:
    """Pay for the checkout with a Stripe PaymentMethod or card token from the browser.
    `landing`: the visit's first page and its referrer host, from the cart session."""
    return _kept_for_order_page(_complete_under_lock(cart_token, payment_token=payment_token, landing=landing))


def confirm(*, cart_token: str) -> PaymentOutcome:
    """Finish a checkout whose payment was authenticated (3-D Secure) or succeeded at Stripe."""
    return _kept_for_order_page(_complete_under_lock(cart_token, payment_token=None))


def outcome_so_far(cart_token: str) -> Optional[PaymentOutcome]:
    """What the buyer waiting on the confirming page should see now (None: keep waiting).
    Reading Saleor is always safe: an order found for the payment is recorded at once."""
    attempt = CheckoutAttempt.objects.filter(checkout_token=cart_token).first()
    if attempt is None:
        return outcomes.gone()
    if attempt.order_token:
        return outcomes.completed(attempt.order_token)
    if attempt.status == Status.UNKNOWN:
        try:
            return record_order_of_payment(attempt)
        except SaleorError:
            return None
    return outcomes.of_ended_attempt(attempt)


def record_order_of_payment(attempt: CheckoutAttempt) -> Optional[PaymentOutcome]:
    """If Saleor made an order for this attempt's payment, record it (once) and say so."""
    if not attempt.saleor_payment_id:
        return None
    payment = _payment(attempt)
    if payment is None or payment.order is None:
        return None
    with session_lock(_checkout_lock_name(str(attempt.checkout_token))):
        attempt.refresh_from_db()
        if attempt.order_token:
            return outcomes.completed(attempt.order_token)
        return _record_order(attempt, payment.order)


def _checkout_lock_name(cart_token: str) -> str:
    return f"checkout:{cart_token}"


def _complete_under_lock(cart_token: str, payment_token: Optional[str], landing: tuple[str, str] = ("", "")) -> PaymentOutcome:
    finished = outcomes.of_finished_attempt(CheckoutAttempt.objects.filter(checkout_token=cart_token).first())
    if finished:
        return finished
    with session_lock(_checkout_lock_name(cart_token)):
        attempt, created = CheckoutAttempt.objects.get_or_create(
            checkout_token=cart_token, defaults={"landing_page": landing[0], "landing_referrer": landing[1]}
        )
        if landing[0] and not created and not attempt.landing_page:
            attempt.landing_page, attempt.landing_referrer = landing
            attempt.save(update_fields=["landing_page", "landing_referrer", "updated"])
        finished = outcomes.of_finished_attempt(attempt)
        if finished:
            return finished
        # Read inside the lock: another completion of this checkout may have just finished.
        cart = cart_for_completion(cart_token)
        if cart is None:
            # Saleor may have made the order on an earlier try whose answer never arrived (a
            # crash, a cut connection): then this is the buyer's order, not a vanished cart.
            return _order_of_gone_checkout(attempt) or outcomes.gone()
        if cart.is_empty:
            return outcomes.gone(EMPTY_MESSAGE)
        if cart.has_unavailable_lines:
            return outcomes.gone(UNAVAILABLE_MESSAGE)
        _tell_the_catalog_when_sold_out(cart)
        with ExitStack() as claims:
            if payment_token is not None and not all(claims.enter_context(_claim_units(line)) for line in cart.lines):
                # Every unit left is claimed by a buyer already completing: this one hears it
                # now instead of queueing behind them all. No payment was made: nothing charged.
                logger.info("Checkout %s: sold out before queueing, every unit claimed", cart_token)
                return outcomes.sold_out()
            with session_lock(*(f"variant:{line.variant_id}" for line in cart.lines)):
                if payment_token is not None:
                    _create_payment(attempt, cart, payment_token)
                elif not attempt.saleor_payment_id:
                    return outcomes.declined("Please enter your card details to pay.")
                outcome = _complete(attempt, cart)
                logger.info("Checkout %s: completion ended under the variant lock: %s", cart_token, outcome.kind.value)
        if outcome.kind is OutcomeKind.COMPLETED:
            try:
                _tell_the_catalog_when_sold_out(cart, ordered=True)
            except DatabaseError:
                # After the order's commit: the catalog says "sold out" a minute later instead.
                logger.warning("Checkout %s: could not purge the catalog after the last unit", cart_token, exc_info=True)
        return outcome


def _tell_the_catalog_when_sold_out(cart: Cart, *, ordered: bool = False) -> None:
    """Saleor's own stock figure, just read, says a product is gone (or this payment's order took
    what it said was left) while the catalog still shows it in stock: purge the catalog, so the
    product page, the checkout's door and the queue page say "sold out" now rather than when the
    catalog cache expires (CATALOG_CACHE_SECONDS). A figure read here can only overstate what is
    left, never understate it. Once purged, the catalog no longer holds the stale card, so the
    buyers told "sold out" after this one purge nothing more."""
    for line in cart.lines:
        if line.quantity_available >= SALEOR_QUANTITY_CAP:
            continue  # Saleor's capped figure: the true stock is unknown
        if line.quantity_available - (line.quantity if ordered else 0) <= 0:
            _purge_when_the_catalog_shows_it_in_stock(line)


def _purge_when_the_catalog_shows_it_in_stock(line: CartLine) -> None:
    card = kept_product_card(line.product_slug)
    if card is None or card.variant_id != line.variant_id or not card.in_stock:
        return
    # Once per catalog generation: buyers told "sold out" at the same moment purge once, not
    # each; a restock's purge (a new generation) lets the next sell-out purge again.
    if cache.add(catalog_cache_key(f"sold-out-purge:{line.variant_id}"), 1, settings.CATALOG_CACHE_SECONDS):
        logger.info("%s sold out in Saleor; purging the catalog", line.product_slug)
        purge_catalog()


def _claim_units(line: CartLine) -> AbstractContextManager[bool]:
    """A claim on each unit this line buys, out of those Saleor has not yet given to an order
    (read inside the checkout lock, before the claims: a unit ordered meanwhile is counted as
    free, never twice). Claims are held from before the variant lock until the completion ends,
    so buyers beyond the stock are told at once; Saleor's own check under the variant lock still
    judges every claimant (a claim promises nothing). Saleor caps the figure it tells at
    MAX_CHECKOUT_LINE_QUANTITY: at the cap the true stock is unknown, and nobody is turned away."""
    if line.quantity_available >= SALEOR_QUANTITY_CAP:
        return nullcontext(True)
    return claim(f"units:{line.variant_id}", wanted=line.quantity, of=line.quantity_available)


def _order_of_gone_checkout(attempt: CheckoutAttempt) -> Optional[PaymentOutcome]:
    if not attempt.saleor_payment_id:
        return None
    try:
        payment = _payment(attempt)
    except SaleorError:
        logger.warning("Checkout %s is gone and Saleor could not be asked about its payment", attempt.checkout_token)
        return None
    if payment is None or payment.order is None:
        return None
    return _record_order(attempt, payment.order)


def _create_payment(attempt: CheckoutAttempt, cart: Cart, payment_token: str) -> None:
    result = present(saleor().checkout_payment_create(
        checkout_id=cart.id, gateway=settings.SALEOR_PAYMENT_GATEWAY, token=payment_token
    ).checkout_payment_create)
    try:
        raise_for_errors(result.payment_errors)
    except SaleorValidationError as error:
        raise CheckoutStepError("Please complete your address and shipping method first.") from error
    # Committed before Saleor is asked to charge: whatever happens next, the shop knows which
    # Saleor payment (and so which PaymentIntent) belongs to this checkout.
    payment_id = present(result.payment, "payment").id
    earlier = list(attempt.earlier_payment_ids)
    if attempt.saleor_payment_id and attempt.saleor_payment_id != payment_id:
        earlier.append(attempt.saleor_payment_id)
    attempt.move_to(Status.STARTED, saleor_payment_id=payment_id, earlier_payment_ids=earlier, last_error="")


def _complete(attempt: CheckoutAttempt, cart: Cart, *, settling: bool = False) -> PaymentOutcome:
    """`settling`: the settle job asks, not the buyer, so a payment still at 3-D Secure waits."""
    try:
        result = saleor().checkout_complete(checkout_id=cart.id).checkout_complete
    except SaleorUnavailable as error:
        return _unknown(attempt, error)
    except SaleorError as error:
        # Saleor answered, with an error instead of an order (e.g. 2.10.1's uncaught
        # InsufficientStock after charging): it has finished, so a held card is released.
        return _ended_without_order(attempt, str(error))
    # Outside the `try`: a null answer says nothing of an order, so the attempt stays for settling.
    result = present(result, "completion answer")
    try:
        raise_for_errors(result.checkout_errors)
    except SaleorValidationError as error:
        return _refused(attempt, error, settling)
    if result.order is not None:
        return replace(_record_order(attempt, result.order), placed=result.order)
    if result.confirmation_needed:
        return _needs_authentication(attempt)
    return _ended_without_order(attempt, "Saleor returned neither an order nor a confirmation step")


def _ended_without_order(attempt: CheckoutAttempt, error: str) -> PaymentOutcome:
    """The buyer hears "not charged" only once every hold of the attempt is released; while
    Saleor or Stripe cannot say, the attempt is unknown and the buyer waits on the confirming
    page (the settle job finishes it)."""
    try:
        release_holds(attempt, every_payment=True)
    except SaleorError as release_error:
        return _unknown(attempt, release_error)
    attempt.move_to(Status.FAILED, last_error=error)
    return outcomes.declined()


def _unknown(attempt: CheckoutAttempt, error: Exception) -> PaymentOutcome:
    logger.warning("Checkout %s: completion outcome unknown (%s); settling later", attempt.checkout_token, error)
    with transaction.atomic():
        attempt.move_to(Status.UNKNOWN, last_error=str(error))
        # Sooner than the periodic sweep, but only once Saleor has surely finished or been
        # killed (uWSGI's harakiri) — completing again while it still runs risks two orders.
        defer("checkout.tasks.settle_attempt", attempt_id=attempt.pk, schedule_in={"seconds": settings.SETTLE_AFTER_SECONDS})
    return outcomes.confirming()


def _refused(attempt: CheckoutAttempt, error: SaleorValidationError, settling: bool) -> PaymentOutcome:
    message = error.errors[0].message
    if "INSUFFICIENT_STOCK" in error.codes:
        # Saleor checks stock before it charges, and the variant lock makes that check reliable.
        attempt.move_to(Status.SOLD_OUT, last_error=message)
        return outcomes.sold_out()
    if "PAYMENT_ERROR" in error.codes:
        authorization = _last_authorization(attempt)
        if authorization is None or authorization.get("outcome") == "unknown":
            # Stripe's answer was lost after it was asked to hold the card: the hold may exist.
            return _unknown(attempt, error)
        if settling and authorization.get("status") in AWAITING_BUYER:
            # Saleor's confirm step asked Stripe: the buyer has not authenticated yet and still
            # may. Only SETTLE_GIVE_UP_SECONDS ends such a payment (its intent cancelled).
            return _still_authenticating(attempt, authorization.get("intent_id") or "")
        attempt.move_to(Status.DECLINED, last_error=message)
        return outcomes.declined(message or "Your card was declined.", card_refused=True)
    # A reason the buyer must fix (address, a total that changed, a used-up promo code):
    # the attempt is over, so the settle job never submits this payment again.
    words = VOUCHER_USED_UP_MESSAGE if "VOUCHER_NOT_APPLICABLE" in error.codes else ADDRESS_MESSAGE
    logger.warning("Checkout %s refused by Saleor: %s", attempt.checkout_token, error)
    with transaction.atomic():
        attempt.move_to(Status.FAILED, last_error=words)
        defer_release_holds(attempt)
    raise CheckoutStepError(words)


def _last_authorization(attempt: CheckoutAttempt) -> Optional[dict[str, Any]]:
    """What the gateway recorded of the payment's last authorization try ({} if none; None when
    Saleor could not be asked). It marks a try whose Stripe answer was lost `outcome: unknown`,
    and names the intent's status as Stripe gave it."""
    try:
        payment = _payment(attempt)
    except SaleorError:
        return None
    attempts = [t for t in (payment.transactions if payment else None) or [] if t and t.kind == TransactionKind.AUTH]
    return (attempts[-1].gateway_response or {}) if attempts else {}


def _payment(attempt: CheckoutAttempt) -> Optional[PaymentForCompletionPayment]:
    return saleor_as_storefront_app().payment_for_completion(id=attempt.saleor_payment_id).payment


def _needs_authentication(attempt: CheckoutAttempt) -> PaymentOutcome:
    payment = present(_payment(attempt), "payment")
    pending = [
        t for t in payment.transactions or []
        if t and t.is_success and (t.gateway_response or {}).get("client_secret")
    ]
    if not pending:
        return outcomes.declined("The payment could not be started. Please try again.")
    response = pending[-1].gateway_response
    attempt.move_to(Status.NEEDS_AUTHENTICATION, payment_intent_id=response["intent_id"])
    return outcomes.authenticate(response["client_secret"])


def _still_authenticating(attempt: CheckoutAttempt, intent_id: str) -> PaymentOutcome:
    """Saved (so `updated` moves): the sweep asks again after SETTLE_AUTHENTICATION_AFTER_SECONDS."""
    attempt.move_to(Status.NEEDS_AUTHENTICATION, payment_intent_id=intent_id or attempt.payment_intent_id, last_error="")
    return outcomes.authenticate()


def _record_order(attempt: CheckoutAttempt, order: SaleorOrder) -> PaymentOutcome:
    """The point of no return: the order and the jobs that finish it, in one commit."""
    total = order.total
    if total is None:  # not `present`: mypy would widen the two answers' totals to BaseModel
        raise SaleorGraphQLError(["Saleor sent no order total"])
    with transaction.atomic():
        attempt.move_to(
            Status.COMPLETED, order_id=order.id, order_token=order.token, last_error="",
            order_total=Decimal(str(total.gross.amount)), order_currency=total.gross.currency,
            completed=timezone.now(),
        )
        count_paid_order(landing_page=attempt.landing_page)
        record_tax_collected(order_id=order.id, order_token=str(order.token), tax=order_tax(
            metadata=metadata_dict(order.metadata), amount=Money.from_saleor(total.tax),
            country=order.shipping_address.country.code if order.shipping_address else "",
        ))
        defer("checkout.tasks.capture_order", attempt_id=attempt.pk)
        queue_order_email(order_token=str(order.token), kind="confirmation")
    return outcomes.completed(order.token)


def _kept_for_order_page(outcome: PaymentOutcome) -> PaymentOutcome:
    """Out of the locks and after the commit, only a saving: should the cache fail, the order
    page asks Saleor as it would anyway."""
    if outcome.placed is not None:
        try:
            keep_placed_order(order=outcome.placed)
        except DatabaseError:
            logger.warning("Could not keep order %s for its page; the page will ask Saleor", outcome.order_token,
                           exc_info=True)
    return outcome


def defer_release_holds(attempt: CheckoutAttempt) -> None:
    """Queue the release of any hold no order is paid with (in the caller's transaction)."""
    try:
        with transaction.atomic():  # a savepoint: a refused duplicate leaves the caller's transaction usable
            defer("checkout.tasks.release_card_holds", attempt_id=attempt.pk, queueing_lock=f"release-holds-{attempt.pk}")
    except AlreadyEnqueued:
        pass  # the one queued earlier releases them all


def release_holds(attempt: CheckoutAttempt, *, every_payment: bool) -> list[ReleasedHold]:
    """Cancel at Stripe (through Saleor's gateway) every intent of this checkout that holds
    money no order is paid with: those of earlier payments, and of the current one when
    `every_payment` (it ended without an order) or when it has an order (intents other than
    the order's). Each release is recorded once, logged and shown to staff.
    SaleorError propagates: nothing is known to be released."""
    payment_ids = list(attempt.earlier_payment_ids)
    if attempt.saleor_payment_id and (every_payment or attempt.order_token):
        payment_ids.append(attempt.saleor_payment_id)
    with session_lock(f"release-holds:{attempt.checkout_token}"):  # the capture job, a webhook's job: one at a time
        return _release(attempt, payment_ids)


def _release(attempt: CheckoutAttempt, payment_ids: list[str]) -> list[ReleasedHold]:
    released = []
    for payment_id in payment_ids:
        result = present(saleor_as_storefront_app().payment_release_holds(payment_id=payment_id).qlclaw_payment_release_holds)
        raise_for_errors(result.payment_errors)
        for hold in result.released:
            row, created = ReleasedHold.objects.get_or_create(intent_id=hold.intent_id, defaults={
                "checkout_token": attempt.checkout_token, "saleor_payment_id": payment_id,
                "amount": Decimal(str(hold.amount)), "was": hold.status,
            })
            if created:
                logger.error("Released a card hold no order is paid with: %s of %s (was %s), checkout %s",
                             hold.intent_id, hold.amount, hold.status, attempt.checkout_token)
                released.append(row)
    return released


def release_holds_of_ended_checkout(attempt_id: int) -> str:
    """The release job: under the checkout's lock, so a payment still being completed is
    never touched; only holds of a checkout that has an order or has ended without one."""
    attempt = CheckoutAttempt.objects.get(pk=attempt_id)
    with session_lock(_checkout_lock_name(str(attempt.checkout_token))):
        attempt.refresh_from_db()
        ended = attempt.status in ENDED_WITHOUT_ORDER
        released = release_holds(attempt, every_payment=ended and not attempt.order_token)
    return f"released {len(released)} hold(s)"


# Settling -----------------------------------------------------------------------------------

def unsettled_attempts(older_than_seconds: Optional[int] = None) -> list[int]:
    """Attempts the settle job should look at now: untouched for longer than Saleor may still
    be working on them, and — when waiting for 3-D Secure — longer than a buyer takes for it.
    `older_than_seconds` overrides both (a manual run after an outage)."""
    now = timezone.now()
    settled_by = now - timedelta(seconds=older_than_seconds if older_than_seconds is not None
                                 else settings.SETTLE_AFTER_SECONDS)
    authenticated_by = now - timedelta(seconds=older_than_seconds if older_than_seconds is not None
                                       else settings.SETTLE_AUTHENTICATION_AFTER_SECONDS)
    waiting = CheckoutAttempt.objects.filter(order_token__isnull=True).exclude(saleor_payment_id="")
    due = Q(status__in=(Status.STARTED, Status.UNKNOWN), updated__lte=settled_by) | Q(
        status=Status.NEEDS_AUTHENTICATION, updated__lte=authenticated_by
    )
    return list(waiting.filter(due).order_by("pk").values_list("pk", flat=True))


def settle(attempt_id: int) -> str:
    """Find out what became of a payment whose completion did not finish, and finish it:
    - Saleor made an order for it → record it (capture and e-mail follow as jobs);
    - no order and the checkout still open → complete it through the same guarded path
      (Saleor's gateway charges, or reports that 3-D Secure is still awaited);
    - no order and the checkout gone → release the card hold, and say so loudly.
    SaleorUnavailable propagates: the job is retried."""
    attempt = CheckoutAttempt.objects.get(pk=attempt_id)
    cart_token = str(attempt.checkout_token)
    with session_lock(_checkout_lock_name(cart_token)):
        attempt.refresh_from_db()
        if attempt.order_token or attempt.status not in UNSETTLED or not attempt.saleor_payment_id:
            return f"nothing to settle ({attempt.status})"
        payment = _payment(attempt)
        if payment is None:
            attempt.move_to(Status.FAILED, last_error="Saleor no longer knows this payment")
            return "payment gone"
        if payment.order is not None:
            _record_order(attempt, payment.order)
            return f"recorded order {payment.order.token}"
        cart = cart_for_completion(cart_token)
        if attempt.created < timezone.now() - timedelta(seconds=settings.SETTLE_GIVE_UP_SECONDS):
            cart = None  # a day of 3-D Secure never finished: the buyer has gone
        if cart is not None and not cart.is_empty:
            if attempt.status == Status.UNKNOWN:
                # The earlier completion is over (older than Saleor's own time limit):
                # completing is safe again.
                attempt.move_to(Status.STARTED, last_error="")
            with session_lock(*(f"variant:{line.variant_id}" for line in cart.lines)):
                try:
                    return _complete(attempt, cart, settling=True).kind.value
                except CheckoutStepError as error:
                    # Saleor refused the checkout itself (its address, total or promo code no
                    # longer valid): the attempt is over and its hold released, never re-submitted.
                    logger.warning("Checkout %s cannot be completed (%s); releasing its payment",
                                   cart_token, attempt.last_error or error)
                    return "refused"
        released = release_holds(attempt, every_payment=True)
        attempt.move_to(Status.FAILED, last_error="The checkout closed without an order")
        if released:
            logger.error("Checkout %s is gone without an order: released %s card hold(s)", cart_token, len(released))
        return "released" if released else "failed"
