from django.db import models


class JobError(models.Model):
    """Why a background job failed, one row per failed try.

    Procrastinate records a job's status and attempts but not the exception, and the shop
    admin must be able to read why an e-mail or a capture did not happen."""

    job_id = models.BigIntegerField(db_index=True)
    task_name = models.CharField(max_length=200)
    attempt = models.PositiveIntegerField()
    error = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"job {self.job_id} try {self.attempt}: {self.error[:60]}"
