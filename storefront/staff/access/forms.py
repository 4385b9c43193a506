from django import forms


class SignInForm(forms.Form):
    email = forms.EmailField(label="E-mail", error_messages={"required": "Please enter your e-mail address.", "invalid": "Please enter a valid e-mail address."})
    password = forms.CharField(label="Password", widget=forms.PasswordInput, error_messages={"required": "Please enter your password."})



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
