"""JSON Schema of the config files and of each row kind, generated from the Pydantic models.

`sheetsync schema` writes them to schemas/; a test fails when the committed files drift from the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from sheetsync.core.models import CalendarFile, CommitteeFile, OfficeFile, StandardsFile
from sheetsync.core.rows import IndicatorRow, OutputRow
from sheetsync.store import files

SCHEMAS: dict[str, type[BaseModel]] = {
    "office.schema.json": OfficeFile,
    "standards.schema.json": StandardsFile,
    "calendar.schema.json": CalendarFile,
    "committee.schema.json": CommitteeFile,
    "indicator-row.schema.json": IndicatorRow,
    "output-row.schema.json": OutputRow,
}


def schema_texts() -> dict[str, str]:
    out = {}
    for name, model in SCHEMAS.items():
        schema: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema",
                                  **model.model_json_schema()}
        out[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in schema_texts().items():
        path = directory / name
        paths.append(files.write_text(path, text))
    return paths
