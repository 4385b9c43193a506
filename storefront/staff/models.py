import uuid

from django.db import models


class StaffSession(models.Model):
    """A signed-in shop admin. The Saleor token stays here, on the server; the browser's
    (signed) session only holds this row's random key."""

    key = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField()
    saleor_token = models.TextField()
    token_issued = models.DateTimeField()
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.email
