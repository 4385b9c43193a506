from typing import Any, Sequence

from django import forms

from .services import PermissionGroup


class InviteForm(forms.Form):
    email = forms.EmailField(label="E-mail", error_messages={"required": "Please enter their e-mail address.",
                                                             "invalid": "Please enter a valid e-mail address."})
    first_name = forms.CharField(max_length=30, label="First name", required=False)
    last_name = forms.CharField(max_length=150, label="Last name", required=False)
    group = forms.ChoiceField(label="Permission group", choices=(),
                              error_messages={"required": "Please choose what they may do.",
                                              "invalid_choice": "Please choose one of the groups listed."})

    def __init__(self, *args: Any, groups: Sequence[PermissionGroup] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [(group.id, f"{group.name}: {', '.join(group.permissions)}") for group in groups]


class DeactivateForm(forms.Form):
    member_id = forms.CharField(max_length=100, widget=forms.HiddenInput)


class SetPasswordForm(forms.Form):
    email = forms.EmailField(widget=forms.HiddenInput)
    token = forms.CharField(max_length=100, widget=forms.HiddenInput)
    password = forms.CharField(label="New password", min_length=10, max_length=128, widget=forms.PasswordInput,
                               error_messages={"required": "Please choose a password.",
                                               "min_length": "Please use at least 10 characters."})
    password_again = forms.CharField(label="The same password again", widget=forms.PasswordInput,
                                     error_messages={"required": "Please type the password again."})

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", "The two passwords differ.")
        return data



class ResetSecondFactorForm(forms.Form):
    email = forms.EmailField()
