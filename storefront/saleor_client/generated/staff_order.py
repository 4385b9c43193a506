from typing import Optional

from .base_model import BaseModel
from .fragments import StaffOrderDetail


class StaffOrder(BaseModel):
    order: Optional["StaffOrderOrder"]


StaffOrderOrder = StaffOrderDetail
StaffOrder.model_rebuild()
