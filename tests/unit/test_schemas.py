"""The committed JSON Schemas in schemas/ are what the models generate, and they accept the example config."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from sheetsync.app.schemas import SCHEMAS, schema_texts
from sheetsync.core.cells import RawTable
from sheetsync.core.rows import parse_group_tab, parse_outputs_tab
from sheetsync.store.config import load_office

REPO = Path(__file__).resolve().parents[2]
SCHEMA_DIR = REPO / "schemas"
CONFIG_DIR = REPO / "config"
CONFIG_SCHEMAS = {
    "office.yaml": "office.schema.json",
    "standards.yaml": "standards.schema.json",
    "calendar.yaml": "calendar.schema.json",
    "committee.yaml": "committee.schema.json",
}
REGENERATE = "run `sheetsync schema` (or `make schema`) and commit the files in schemas/"


def load_schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def validator(name: str) -> jsonschema.protocols.Validator:
    schema = load_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def as_json(data: Any) -> Any:
    """What the YAML would be as a JSON document: dates become ISO strings, integer keys strings."""
    return json.loads(json.dumps(data, default=lambda v: v.isoformat() if isinstance(v, date) else str(v)))


def config_data(name: str) -> Any:
    return as_json(yaml.safe_load((CONFIG_DIR / name).read_text(encoding="utf-8")))


def describe(errors: list[jsonschema.ValidationError]) -> str:
    return "\n".join(f"  {'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors)


# --- drift ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_matches_the_models(name: str) -> None:
    path = SCHEMA_DIR / name
    assert path.exists(), f"schemas/{name} is missing: {REGENERATE}"
    committed = path.read_text(encoding="utf-8")
    assert committed == schema_texts()[name], f"schemas/{name} is out of date with the models: {REGENERATE}"


def test_no_stale_schema_files() -> None:
    on_disk = {p.name for p in SCHEMA_DIR.glob("*.json")}
    assert on_disk == set(schema_texts()), f"schemas/ holds other files than the models generate: {REGENERATE}"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_is_a_valid_json_schema(name: str) -> None:
    schema = load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.validators.validator_for(schema).check_schema(schema)


# --- the example config -------------------------------------------------------------------------

@pytest.mark.parametrize(("config", "schema"), sorted(CONFIG_SCHEMAS.items()))
def test_example_config_is_valid_against_its_schema(config: str, schema: str) -> None:
    errors = sorted(validator(schema).iter_errors(config_data(config)), key=lambda e: list(e.absolute_path))
    assert not errors, f"config/{config} does not match schemas/{schema}:\n{describe(errors)}"


def test_schemas_do_check_something() -> None:
    # the validation above is only worth something if the schemas refuse a broken file
    office = config_data("office.yaml")
    office["office"]["fiscal_yaer"] = office["office"].pop("fiscal_year")
    assert {e.validator for e in validator("office.schema.json").iter_errors(office)} >= {"required",
                                                                                           "additionalProperties"}

    calendar = config_data("calendar.yaml")
    calendar["milestones"][0]["due"] = "2027-02-30"
    errors = list(validator("calendar.schema.json").iter_errors(calendar))
    assert [e.validator for e in errors] == ["format"]

    standards = config_data("standards.yaml")
    standards["standards"][0]["indicators"][0]["method"] = "guess"
    assert not validator("standards.schema.json").is_valid(standards)


def test_row_schemas_accept_parsed_rows() -> None:
    office = load_office(CONFIG_DIR)
    header = ["รหัสตัวบ่งชี้", "ค่าเป้าหมาย", "ผลการดำเนินงาน", "หลักฐานอ้างอิง", "วันที่รายงาน"]
    raw = RawTable(tab="การเงินและสินทรัพย์", values=[header, ["2.2", 95, "ร้อยละ 97", "x.pdf", "1/3/2570"],
                                                         ["2.2", "แปดสิบ"]])
    parse = parse_group_tab(raw, office.group("finance"), office, date(2027, 4, 5))
    assert parse.rows[1].errors  # one valid row, one with errors: both must fit the schema
    rows = validator("indicator-row.schema.json")
    for r in parse.rows:
        errors = list(rows.iter_errors(r.model_dump(mode="json")))
        assert not errors, describe(errors)

    raw = RawTable(tab=office.outputs_tab, values=[["กลุ่ม", "ชื่อผลงาน", "หลักฐานอ้างอิง"], ["policy", "แผน", "x"],
                                                   ["ไม่มีกลุ่มนี้", "แผน", None]])
    outputs = validator("output-row.schema.json")
    for r in parse_outputs_tab(raw, office).rows:
        errors = list(outputs.iter_errors(r.model_dump(mode="json")))
        assert not errors, describe(errors)
