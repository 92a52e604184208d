"""What each layer of a sample folder is (its sample.json), as Processing parameters."""

from __future__ import annotations

import json
from pathlib import Path


def load(folder: Path) -> dict:
    return json.loads((Path(folder) / "sample.json").read_text(encoding="utf-8"))


def standardize_parameters(source: dict, folder: Path, output: str) -> dict:
    """ecozone:standardizezones parameters for one source entry of sample.json."""
    return {
        "INPUT": str(Path(folder) / source["file"]),
        "ELEMENT": source["element"],
        "CLASS_FIELD": source.get("class_field", ""),
        "SUBTYPE_FIELD": source.get("subtype_field", ""),
        "CODE_FIELD": source.get("code_field", ""),
        "NAME_FIELD": source.get("name_field", ""),
        "MAPPING": json.dumps(source.get("mapping", {}), ensure_ascii=False) if source.get("mapping") else "",
        "SOURCE_ENCODING": source.get("source_encoding", ""),
        "OUTPUT": output,
    }


def derive_parameters(spec: dict, folder: Path, zones: list[str], output: str, **extra) -> dict:
    """ecozone:deriveunits parameters for the sample's boundary and the given zone layers."""
    boundary = spec["boundary"]
    return {
        "BOUNDARY": str(Path(folder) / boundary["file"]),
        "COUNTY_CODE_FIELD": boundary["county_code_field"],
        "COUNTY_NAME_FIELD": boundary["county_name_field"],
        "SPLIT_FIELD": boundary["town_code_field"],
        "SPLIT_NAME_FIELD": boundary["town_name_field"],
        "ZONES": zones,
        "MIN_AREA": 0.1,
        "OUTPUT": output,
        **extra,
    }
