"""The "Before you start" self-check: the warning signs and reasons not to press, as boxes to tick.

The items follow the safety page's lists (content/pressure-safety.md): keep the two in step.
"""
from __future__ import annotations

from django import forms

# Signs that need help the same day or sooner, not just a visit to a doctor first.
URGENT = "urgent"
SEE_FIRST = "see-first"

SELF_CHECK_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("saddle-bladder-sex", URGENT,
     "Numbness between my legs or around my genitals or anus, new trouble passing urine or holding my bladder "
     "or bowels, or new problems with sex."),
    ("both-legs", URGENT, "Pain, numbness, tingling or weakness in both legs, or leg weakness that is getting worse."),
    ("belly", URGENT, "A pulsing lump in my belly, or sudden, severe pain in my belly or back."),
    ("calf", URGENT, "A calf that is swollen, warm, red or painful."),
    ("injury", SEE_FIRST, "My back pain started after a fall, an accident or another injury."),
    ("fever", SEE_FIRST, "A fever or chills, or I feel generally unwell."),
    ("weight-loss", SEE_FIRST, "Weight loss I cannot explain."),
    ("cancer", SEE_FIRST, "Cancer, now or in the past."),
    ("bone", SEE_FIRST, "Osteoporosis, or a bone that broke after a small knock."),
    ("steroids-drugs-immunity", SEE_FIRST,
     "I take steroid tablets long term, have injected drugs, or have a weakened immune system."),
    ("blood-thinners", SEE_FIRST, "I take blood thinners (anticoagulants) or have a bleeding disorder."),
    ("veins-skin", SEE_FIRST, "Varicose veins, a blood clot in the past, or broken skin where I would press."),
    ("surgery-hernia-hip", SEE_FIRST, "Recent surgery or injury in the area, a hernia, or a hip replacement."),
    ("organs", SEE_FIRST, "A bowel, ovarian or kidney condition."),
    ("feeling", SEE_FIRST, "Reduced feeling in my skin, for example from diabetes or a nerve problem."),
    ("pregnancy", SEE_FIRST, "I am pregnant."),
    ("age", SEE_FIRST, "I am under 18, or I am over 50 and this back pain is new."),
    ("pattern", SEE_FIRST,
     "The pain is constant, wakes me at night, is in my upper back, keeps getting worse, or the shape of my spine "
     "has changed."),
    ("morning-stiffness", SEE_FIRST,
     "My back pain began before I was 45, has lasted three months or more, and is stiffest in the morning."),
)


class SelfCheckForm(forms.Form):
    applies = forms.MultipleChoiceField(
        label="Tick everything that applies to you",
        choices=[(key, text) for key, _, text in SELF_CHECK_ITEMS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Please tick only boxes from the list on this page."},
    )

    def ticked(self) -> list[str]:
        """The sentences the reader ticked, in the list's order."""
        chosen = set(self.cleaned_data["applies"])
        return [text for key, _, text in SELF_CHECK_ITEMS if key in chosen]

    def needs_urgent_help(self) -> bool:
        chosen = set(self.cleaned_data["applies"])
        return any(level == URGENT for key, level, _ in SELF_CHECK_ITEMS if key in chosen)
