import csv
import io
from decimal import Decimal
from typing import Any, Optional, Sequence

from django import forms

from saleor_client.generated.enums import PaymentChargeStatusEnum as Charge
from shipping.carriers import CARRIERS, Carrier, carrier_choices

from ..dashboard.sales import shop_today
from .refunds import shipping_paid
from .selectors import StaffOrder
from .words import CHARGE_WORDS

STATUS_CHOICES = [
    ("READY_TO_FULFILL", "Needs shipping"),
    ("", "Any status"),
    ("UNFULFILLED", "Unfulfilled"),
    ("PARTIALLY_FULFILLED", "Partially fulfilled"),
    ("FULFILLED", "Fulfilled"),
    ("CANCELED", "Canceled"),
]


# The filter offers the states an order's payment settles in, in the same words as the list.
PAYMENT_CHOICES = [("", "Any payment")] + [
    (status.value, CHARGE_WORDS[status])
    for status in (Charge.NOT_CHARGED, Charge.FULLY_CHARGED, Charge.PARTIALLY_REFUNDED, Charge.FULLY_REFUNDED)
]


class OrderFilterForm(forms.Form):
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False, label="Status")
    payment = forms.ChoiceField(choices=PAYMENT_CHOICES, required=False, label="Payment")
    q = forms.CharField(required=False, max_length=100, label="Search: number, e-mail, name, SKU, tracking number, city or note")


class ShipmentForm(forms.Form):
    """A carrier from the shop's list and the parcel's tracking number (none for letter mail)."""

    carrier = forms.ChoiceField(choices=carrier_choices, label="Carrier", required=False,
                                error_messages={"invalid_choice": "Please choose a carrier from the list."})
    tracking_number = forms.CharField(max_length=64, label="Tracking number", required=False)

    def clean_carrier(self) -> Carrier:
        # A form without the field (an older page) ships with the first carrier, as the select would.
        return CARRIERS.get(self.cleaned_data.get("carrier") or "") or next(iter(CARRIERS.values()))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        carrier = data.get("carrier")
        if carrier is not None and carrier.tracked and not data.get("tracking_number"):
            self.add_error("tracking_number", f"Please enter the {carrier.name} tracking number of the parcel, "
                                              "or choose letter mail (no tracking).")
        if carrier is not None and not carrier.tracked:
            data["tracking_number"] = ""
        return data


class FulfilForm(ShipmentForm):
    """A quantity to ship per order line (the rest by default), the carrier and the tracking number."""

    def __init__(self, *args: Any, order: Optional[StaffOrder] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line_fields: dict[str, tuple[str, int]] = {}
        for index, line in enumerate(order.lines if order else []):
            remaining = line.quantity - line.quantity_fulfilled
            if remaining <= 0:
                continue
            name = f"line_{index}"
            self.line_fields[name] = (line.id, remaining)
            self.fields[name] = forms.IntegerField(
                label=f"Ship of {line.product_name} ({line.sku}), {remaining} not shipped yet",
                min_value=0, initial=remaining, required=False,
                error_messages={"min_value": "The quantity can't be negative.", "invalid": "Please enter a whole number.",
                                "required": "Please enter how many to ship (0 for none)."},
            )
        # Keep the carrier and tracking number last, after the quantities.
        self.order_fields([*self.line_fields, "carrier", "tracking_number"])

    def quantities(self) -> dict[str, int]:
        """Per order line: the quantity asked for, or everything not shipped yet when left empty."""
        return {
            line_id: remaining if self.cleaned_data.get(name) is None else self.cleaned_data[name]
            for name, (line_id, remaining) in self.line_fields.items()
        }


class RefundForm(forms.Form):
    amount = forms.DecimalField(
        min_value=Decimal("0.01"), max_digits=10, decimal_places=2, label="Amount to refund",
        error_messages={
            "required": "Please enter the amount to refund.",
            "invalid": "Please enter an amount like 12.50.",
            "min_value": "The amount must be more than zero.",
            "max_decimal_places": "Please use at most two decimals.",
        },
    )
    # What the page showed as captured: a refund repeated after an answer that never came (or a
    # second click) finds it changed and is refused instead of refunding twice.
    captured_seen = forms.DecimalField(
        widget=forms.HiddenInput, max_digits=12, decimal_places=2,
        error_messages={"required": "This page is out of date: reload it and refund again.",
                        "invalid": "This page is out of date: reload it and refund again."},
    )


class NoteForm(forms.Form):
    message = forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 3}), label="Note",
                              error_messages={"required": "Please write the note."})


class CancelForm(forms.Form):
    confirm = forms.BooleanField(label="Yes, cancel this order (a captured payment is refunded in full)",
                                 error_messages={"required": "Tick the box to confirm the cancellation."})


class ExportForm(forms.Form):
    kind = forms.ChoiceField(choices=[("orders", "One row per order"), ("lines", "One row per order line"),
                                      ("tax", "Tax per market and month")],
                             label="Rows", required=False)
    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}),
                            error_messages={"required": "Please choose the first day.", "invalid": "Please enter a date like 2026-11-01."})
    end = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}),
                          error_messages={"required": "Please choose the last day.", "invalid": "Please enter a date like 2026-11-30."})

    @staticmethod
    def this_month() -> dict:
        today = shop_today()
        return {"kind": "orders", "start": today.replace(day=1), "end": today}

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or "orders"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The last day must not be before the first day.")
        return data


class TrackingForm(ShipmentForm):
    fulfillment_id = forms.CharField(max_length=100, widget=forms.HiddenInput)


class CustomerSearchForm(forms.Form):
    q = forms.CharField(max_length=100, min_length=3, label="E-mail, name or order number",
                        error_messages={"min_length": "Please enter at least 3 characters.",
                                        "max_length": "Please enter at most 100 characters."})


class ReturnForm(forms.Form):
    """How many of each shipped line came back (0 by default), restock or not, why, and whether
    the shipping is refunded too. Sent once to see the refund's breakdown, then again with
    `confirmed` to refund it."""

    restock = forms.BooleanField(label="Put the returned items back in stock", required=False, initial=True)
    refund_shipping = forms.BooleanField(label="Also refund the shipping the customer paid", required=False)
    reason = forms.CharField(max_length=500, label="Reason (kept as a note on the order)",
                             error_messages={"required": "Please write why they came back."})
    message_to_buyer = forms.CharField(
        max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2}),
        label="Message to the customer (optional, in the refund e-mail)",
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, order: Optional[StaffOrder] = None, returned: Optional[dict[str, int]] = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line_fields: dict[str, str] = {}
        for index, line in enumerate(order.lines if order else []):
            returnable = line.quantity_fulfilled - (returned or {}).get(line.id, 0)
            if returnable <= 0:
                continue
            name = f"return_{index}"
            self.line_fields[name] = line.id
            self.fields[name] = forms.IntegerField(
                label=f"How many {line.product_name} ({line.sku}) came back ({returnable} shipped, not returned yet)",
                min_value=0, initial=0, required=False,
                error_messages={"min_value": "The quantity can't be negative.", "invalid": "Please enter a whole number."},
            )
        if order is not None:
            paid = shipping_paid(order)
            self.fields["refund_shipping"].label = f"Also refund the shipping the customer paid ({paid} {order.total.currency})"
        self.order_fields([*self.line_fields, "restock", "refund_shipping", "reason", "message_to_buyer", "confirmed"])

    def confirming_fields(self) -> list[tuple[str, str]]:
        """The checked answers as hidden fields for the confirmation page, which sends them back."""
        data = self.cleaned_data
        fields = [(name, str(data.get(name) or 0)) for name in self.line_fields]
        fields += [(name, "on") for name in ("restock", "refund_shipping") if data.get(name)]
        fields += [("reason", data["reason"]), ("message_to_buyer", data.get("message_to_buyer", "")), ("confirmed", "1")]
        return fields

    @property
    def has_lines(self) -> bool:
        return bool(self.line_fields)

    def quantities(self) -> dict[str, int]:
        return {line_id: self.cleaned_data.get(name) or 0 for name, line_id in self.line_fields.items()}


class ShipmentsCsvForm(forms.Form):
    """Tracking numbers from a carrier's or a label tool's export: order, carrier, tracking."""

    MAX_BYTES = 200_000
    file = forms.FileField(label="CSV file: order number, carrier, tracking number (one order a row)",
                           error_messages={"required": "Please choose the CSV file to upload."})

    def clean_file(self) -> list[tuple[str, str, str]]:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("That file is too large for a list of shipments (200 KB at most).")
        try:
            text = upload.read().decode("utf-8-sig")  # Excel writes UTF-8 with a byte-order mark
        except UnicodeDecodeError:
            raise forms.ValidationError("Please save the file as CSV in UTF-8 and upload it again.") from None
        rows: list[tuple[str, str, str]] = []
        try:
            for cells in csv.reader(io.StringIO(text)):
                cells = [cell.strip() for cell in cells]
                if not any(cells):
                    continue
                if not rows and cells[0].lower() in ("order", "order number", "number"):
                    continue  # a header row
                if len(cells) < 2:
                    raise forms.ValidationError(
                        f"Row {len(rows) + 1} has {len(cells)} column; each row needs the order number, the carrier and "
                        "the tracking number (empty for letter mail).")
                rows.append((cells[0], cells[1], cells[2] if len(cells) > 2 else ""))
        except csv.Error as error:
            raise forms.ValidationError(f"The file is not a CSV file this shop can read ({error}).") from None
        if not rows:
            raise forms.ValidationError("The file has no shipments in it.")
        if len(rows) > MAX_BULK_ROWS:
            raise forms.ValidationError(f"Please upload at most {MAX_BULK_ROWS} shipments at once.")
        return rows


MAX_BULK_ROWS = 200


class BulkShipForm(forms.Form):
    """A carrier and a tracking number for each selected order."""

    def __init__(self, *args: Any, orders: Sequence[StaffOrder] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.orders = tuple(orders)
        for order in self.orders:
            self.fields[f"carrier_{order.id}"] = forms.ChoiceField(
                choices=carrier_choices, label=f"Carrier for order #{order.number}",
                error_messages={"invalid_choice": "Please choose a carrier from the list."})
            self.fields[f"tracking_{order.id}"] = forms.CharField(
                max_length=64, required=False, label=f"Tracking number for order #{order.number}")

    def per_order(self) -> list[tuple[StaffOrder, forms.BoundField, forms.BoundField]]:
        """(order, its carrier field, its tracking field): one table row each."""
        return [(order, self[f"carrier_{order.id}"], self[f"tracking_{order.id}"]) for order in self.orders]

    def rows(self) -> list[tuple[str, str, str]]:
        return [(order.id, self.cleaned_data[f"carrier_{order.id}"], self.cleaned_data[f"tracking_{order.id}"])
                for order in self.orders]

