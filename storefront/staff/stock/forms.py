from decimal import Decimal

from django import forms


class StockForm(forms.Form):
    quantity = forms.IntegerField(min_value=0, max_value=1_000_000, label="Units on the shelf",
                                  error_messages={"required": "Please enter the stock.", "min_value": "Stock can't be negative.",
                                                  "invalid": "Please enter a whole number."})
    price = forms.DecimalField(min_value=Decimal("0.01"), max_digits=10, decimal_places=2, label="Price (USD)",
                               error_messages={"required": "Please enter the price.", "min_value": "The price must be more than zero.",
                                               "invalid": "Please enter a price like 39.00."})

