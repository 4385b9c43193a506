from django import forms

COPY = "copy"
ERASE = "erase"


class DataRequestForm(forms.Form):
    """Which request, from the order page: a copy by e-mail, or erasure (ticked to confirm)."""

    action = forms.ChoiceField(
        choices=[(COPY, "E-mail me a copy of my data"), (ERASE, "Delete my data")],
        error_messages={"required": "Please choose what you would like.",
                        "invalid_choice": "Please choose a copy of your data or its deletion."},
    )
    confirm = forms.BooleanField(
        required=False, label="I understand: my newsletter record is deleted, my reviews lose my name, and "
        "this cannot be undone.",
    )

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if cleaned.get("action") == ERASE and not cleaned.get("confirm"):
            self.add_error("confirm", "Please tick the box to confirm that your data should be deleted.")
        return cleaned
