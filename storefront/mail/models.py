from django.db import models


class SentEmail(models.Model):
    """An e-mail the SMTP server accepted, by its fixed Message-ID.

    Sending is a job and may be tried again; this row, written right after the server
    accepted the message, is what stops a retried job from sending it twice."""

    message_id = models.CharField(max_length=255, unique=True)
    template = models.CharField(max_length=200)
    recipient = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.template} to {self.recipient}"
