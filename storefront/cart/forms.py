
from django import forms

from saleor_client import global_ids

MAX_QUANTITY = 50


class AddToCartForm(forms.Form):
    variant_id = forms.CharField(max_length=100, error_messages={"required": "Please choose a product."})
    quantity = forms.IntegerField(
        min_value=1,
        max_value=MAX_QUANTITY,
        initial=1,
        error_messages={
            "required": "Please enter a quantity.",
            "invalid": "Please enter a whole number.",
            "min_value": "Please choose a quantity of at least 1.",
            "max_value": f"You can buy at most {MAX_QUANTITY} at a time.",
        },
    )

    def clean_variant_id(self) -> str:
        """A Saleor variant's global id (base64 of "ProductVariant:<number>"), or the form says so:
        anything else would only come back from Saleor as an error."""
        variant_id = self.cleaned_data["variant_id"]
        if global_ids.decode_number(variant_id, "ProductVariant") is None:
            raise forms.ValidationError("That item is no longer available. Please reload the page.")
        return variant_id


class LineQuantityForm(forms.Form):
    quantity = forms.IntegerField(
        min_value=0,
        max_value=MAX_QUANTITY,
        error_messages={
            "required": "Please enter a quantity.",
            "invalid": "Please enter a whole number.",
            "min_value": "The quantity can't be negative.",
            "max_value": f"You can buy at most {MAX_QUANTITY} at a time.",
        },
    )
