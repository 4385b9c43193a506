from django import forms


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label="Code", max_length=20, strip=True,
        help_text="The 6-digit code your authenticator app shows now, or one of your recovery codes.",
        error_messages={"required": "Please enter the code from your authenticator app."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}),
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label="Code", max_length=10, strip=True,
        help_text="The 6-digit code your authenticator app shows after you added the account.",
        error_messages={"required": "Please enter the code your authenticator app shows."},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ResetSecondFactorForm(forms.Form):
    email = forms.EmailField()
