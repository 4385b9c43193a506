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


class VitalCount(models.Model):
    """How many sampled page views of one page type had a Core Web Vital in one histogram bucket
    on one day (`definitions.VITALS`): enough for the 75th percentile, bounded by
    page types × days × vitals × buckets."""

    day = models.DateField()
    page_type = models.CharField(max_length=20)
    metric = models.CharField(max_length=8)
    bucket = models.PositiveSmallIntegerField()  # index into the vital's edges
    count = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "page_type", "metric", "bucket"], name="analytics_one_row_per_bucket"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.page_type} {self.metric}[{self.bucket}]: {self.count}"
