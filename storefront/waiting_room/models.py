from django.db import models
from django.db.models import Q


class CheckoutPlace(models.Model):
    """One buyer's place at the checkout's door, for one cart: waiting (in `id` order, first come
    first served), then admitted, then ended. Ended places are kept a while: their stays give the
    queue page its estimate."""

    token = models.UUIDField(unique=True)  # the queue page's address; the cart token stays private
    cart_token = models.UUIDField()
    joined = models.DateTimeField()
    admitted = models.DateTimeField(null=True, blank=True)
    seen = models.DateTimeField()  # last checkout page or queue page refresh
    ended = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        constraints = [
            # One open place per cart: entering checkout twice never takes two places.
            models.UniqueConstraint(fields=["cart_token"], condition=Q(ended__isnull=True), name="one_open_place_per_cart"),
        ]
        indexes = [models.Index(fields=["admitted", "ended"], name="waiting_room_open")]

    def __str__(self) -> str:
        state = "ended" if self.ended else "admitted" if self.admitted else "waiting"
        return f"place {self.id} ({state})"
