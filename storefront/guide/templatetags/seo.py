import json
from typing import Mapping, TypeVar

from django import template
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

register = template.Library()
T = TypeVar("T")


@register.filter
def jsonld(data: dict) -> str:
    """A JSON-LD <script>, escaped so no value can close the tag early."""
    text = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


@register.filter
def get_item(mapping: Mapping[str, list[T]], key: str) -> list[T]:
    return mapping.get(key, [])
