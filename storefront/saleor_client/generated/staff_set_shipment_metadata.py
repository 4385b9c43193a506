from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import MetadataErrorCode


class StaffSetShipmentMetadata(BaseModel):
    update_metadata: Optional["StaffSetShipmentMetadataUpdateMetadata"] = Field(
        alias="updateMetadata"
    )


class StaffSetShipmentMetadataUpdateMetadata(BaseModel):
    metadata_errors: list["StaffSetShipmentMetadataUpdateMetadataMetadataErrors"] = (
        Field(alias="metadataErrors")
    )


class StaffSetShipmentMetadataUpdateMetadataMetadataErrors(BaseModel):
    field: Optional[str]
    code: MetadataErrorCode
    message: Optional[str]


StaffSetShipmentMetadata.model_rebuild()
StaffSetShipmentMetadataUpdateMetadata.model_rebuild()
