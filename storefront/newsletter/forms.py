from django import forms


class SignupForm(forms.Form):
    email = forms.EmailField(
        label="Your e-mail",
        max_length=254,
        error_messages={
            "required": "Please enter your e-mail address.",
            "invalid": "Please enter a valid e-mail address, like name@example.com.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "placeholder": "name@example.com"}),
    )


RESERVED_SLUGS = {"subscribe", "confirm", "unsubscribe"}


class IssueForm(forms.ModelForm):
    class Meta:
        from .models import Issue

        model = Issue
        fields = ["subject", "slug", "body"]
        labels = {"subject": "Subject", "slug": "Web address (/newsletter/…/)", "body": "Text (Markdown)"}
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}
        error_messages = {
            "subject": {"required": "Please write the subject."},
            "slug": {"required": "Please choose the web address, e.g. november-stretches.",
                     "invalid": "Use only lower-case letters, digits and hyphens.",
                     "unique": "Another issue has this web address already."},
            "body": {"required": "Please write the issue."},
        }

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"].lower()
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError("This web address is taken by the newsletter itself; choose another.")
        return slug


class SendIssueForm(forms.Form):
    confirm = forms.BooleanField(label="Yes, send it to every confirmed subscriber now",
                                 error_messages={"required": "Tick the box to confirm the sending."})
