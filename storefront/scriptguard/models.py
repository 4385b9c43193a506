from django.db import models


class ScriptCheck(models.Model):
    """One comparison of the live payment pages with `inventory.yaml`."""

    checked_at = models.DateTimeField(auto_now_add=True, db_index=True)
    base_url = models.CharField(max_length=200)
    # Plain sentences, one per difference; empty when the pages are as listed.
    differences = models.JSONField(default=list)
    # Why the pages could not be looked at (the shop down, a step refused); empty when they were.
    failure = models.TextField(blank=True)

    class Meta:
        ordering = ["-checked_at"]

    @property
    def ok(self) -> bool:
        return not self.differences and not self.failure
