from django import forms

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
