from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import OrderErrorFields


class StaffAddNote(BaseModel):
    order_add_note: Optional["StaffAddNoteOrderAddNote"] = Field(alias="orderAddNote")


class StaffAddNoteOrderAddNote(BaseModel):
    event: Optional["StaffAddNoteOrderAddNoteEvent"]
    order_errors: list["StaffAddNoteOrderAddNoteOrderErrors"] = Field(
        alias="orderErrors"
    )


class StaffAddNoteOrderAddNoteEvent(BaseModel):
    id: str


StaffAddNoteOrderAddNoteOrderErrors = OrderErrorFields
StaffAddNote.model_rebuild()
StaffAddNoteOrderAddNote.model_rebuild()
