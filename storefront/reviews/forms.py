from __future__ import annotations

import re

from django import forms

from .models import REPLY_MAX, TEXT_MAX, TITLE_MAX

STARS = [(5, "5 stars: excellent"), (4, "4 stars: good"), (3, "3 stars: fair"), (2, "2 stars: poor"), (1, "1 star: bad")]
# Anything that reads as markup: a tag, a closing tag, a comment or a declaration.
MARKUP = re.compile(r"<\s*[a-zA-Z/!?]")
PLAIN_TEXT_ONLY = "Please write plain text: HTML tags such as <script> or <b> are not accepted."


def _plain_text(value: str) -> str:
    if MARKUP.search(value):
        raise forms.ValidationError(PLAIN_TEXT_ONLY)
    return value


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="Your rating", choices=STARS, coerce=int, widget=forms.RadioSelect,
        error_messages={"required": "Please choose from 1 to 5 stars.",
                        "invalid_choice": "Please choose from 1 to 5 stars."},
    )
    title = forms.CharField(
        label="Title", min_length=3, max_length=TITLE_MAX,
        error_messages={"required": "Please give your review a title.",
                        "min_length": "Please write a title of at least %(limit_value)d characters.",
                        "max_length": "Please keep the title under %(limit_value)d characters (it has %(show_value)d)."},
    )
    text = forms.CharField(
        label="Your review", min_length=10, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Please write your review.",
                        "min_length": "Please write at least %(limit_value)d characters.",
                        "max_length": "Please keep your review under %(limit_value)d characters (it has %(show_value)d)."},
    )

    def clean_title(self) -> str:
        return _plain_text(self.cleaned_data["title"])

    def clean_text(self) -> str:
        return _plain_text(self.cleaned_data["text"])


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label="Public reply", required=False, max_length=REPLY_MAX, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Please keep the reply under %(limit_value)d characters (it has %(show_value)d)."},
    )

    def clean_reply(self) -> str:
        return _plain_text(self.cleaned_data["reply"])


class ModerationFilter(forms.Form):
    status = forms.ChoiceField(
        required=False, choices=[("new", "New"), ("approved", "Approved"), ("hidden", "Hidden"), ("", "All")],
        error_messages={"invalid_choice": "Choose new, approved, hidden or all."},
    )
