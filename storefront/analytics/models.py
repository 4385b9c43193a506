from django.db import models


class DailyCount(models.Model):
    """How often one event happened on one day under one page: the only thing counting keeps.
    A hit adds to its row (an upsert), so the table grows with pages × days × events, not with
    visitors; see `definitions` for what each event is counted under."""

    day = models.DateField()
    event = models.CharField(max_length=32)
    path = models.CharField(max_length=200)
    referrer_host = models.CharField(max_length=100, blank=True, default="")
    count = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "event", "path", "referrer_host"], name="analytics_one_row_per_key"),
        ]
        indexes = [models.Index(fields=["event", "day"], name="analytics_event_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.event} {self.path} {self.referrer_host}: {self.count}"
