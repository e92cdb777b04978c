#!/usr/bin/env python
"""Turn the official lists shipped by ``vietnamadminunits`` into ``localities/data/units.csv``.

Run once by a developer, in a throwaway venv, whenever the package publishes a correction:

    python -m venv /tmp/vau && . /tmp/vau/bin/activate
    pip install vietnamadminunits==1.0.4
    python scripts/build_localities_csv.py            # writes localities/data/units.csv
    python scripts/build_localities_csv.py --check    # only verifies the counts

The package (MIT, by Hieu Tran) is deliberately not a runtime dependency: it pulls in
shapely, geopy and friends, and the site only needs the lists. This script reads the
package's data files directly (its SQLite dataset and its 2025 converter mapping), so it
needs neither pandas nor the package's parser. The CSV format is documented in
docs/localities.md; it is also the format ``manage.py import_localities`` accepts.
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import sys
import unicodedata
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "localities" / "data" / "units.csv"

# The 2025 reorganisation: the new provinces and communes took office on 1 July 2025,
# so the old units were last in force on 30 June 2025 (valid_to is inclusive).
EFFECTIVE = "2025-07-01"
LEGACY_VALID_TO = "2025-06-30"

COLUMNS = [
    "level",
    "code",
    "name",
    "kind",
    "province_code",
    "province_name",
    "latitude",
    "longitude",
    "valid_from",
    "valid_to",
    "merged_into_code",
    "effective",
    "is_default",
    "district_name",
]

WARD_KINDS = {"Xã": "commune", "Phường": "ward", "Thị trấn": "township", "Đặc khu": "special_zone"}

EXPECTED_CURRENT_PROVINCES = 34
EXPECTED_CURRENT_COMMUNES = 3321
EXPECTED_LEGACY_PROVINCES = 63


def nfc(value: str | None) -> str:
    return unicodedata.normalize("NFC", (value or "").strip())


def province_kind(name: str) -> str:
    # "Thành phố Hà Nội" is a centrally governed city; everything else is a "Tỉnh".
    return "city" if name.startswith(("Thành phố", "Thủ đô")) else "province"


def coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}".rstrip("0").rstrip(".")


def package_data_dir() -> Path:
    try:
        import vietnamadminunits
    except ImportError:
        sys.exit("vietnamadminunits is not installed: pip install vietnamadminunits==1.0.4 (in a throwaway venv).")
    return Path(vietnamadminunits.__file__).resolve().parent / "data"


def load(data_dir: Path) -> tuple[list[dict], list[dict], dict]:
    with sqlite3.connect(data_dir / "dataset.db") as conn:
        conn.row_factory = sqlite3.Row
        current = [dict(r) for r in conn.execute("SELECT * FROM admin_units")]
        legacy = [dict(r) for r in conn.execute("SELECT * FROM admin_units_legacy")]
    with open(data_dir / "converter_2025.json", encoding="utf-8") as fh:
        mapping = json.load(fh)
    return current, legacy, mapping


def build_rows(current: list[dict], legacy: list[dict], mapping: dict) -> tuple[list[dict], dict]:
    """Return the CSV rows and a few facts worth reporting."""
    rows: list[dict] = []
    facts: dict = {"skipped_legacy": []}

    # The converter speaks in accent-free keys ("tinhbacninh", "xaphuclang"), not codes,
    # so both lists are indexed by key to translate its mapping into codes.
    new_province_by_key: dict[str, dict] = {}
    new_ward_by_key: dict[tuple[str, str], dict] = {}
    for r in current:
        new_province_by_key.setdefault(r["provinceKey"], r)
        key = (r["provinceKey"], r["wardKey"])
        if key in new_ward_by_key:
            raise SystemExit(f"ambiguous new ward key {key}")
        new_ward_by_key[key] = r

    legacy_province_by_key: dict[str, dict] = {}
    legacy_ward_by_key: dict[str, dict] = {}
    for r in legacy:
        legacy_province_by_key.setdefault(r["provinceKey"], r)
        legacy_ward_by_key[f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}"] = r

    new_province_of_legacy = {old: new for new, olds in mapping["DICT_PROVINCE"].items() for old in olds}

    # successors[old_key] = [(new ward row, is_default)], default first.
    successors: dict[str, list[tuple[dict, bool]]] = {}
    for new_pkey, wards in mapping["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_wkey, old_keys in wards.items():
            for old_key in old_keys:
                successors.setdefault(old_key, []).append((new_ward_by_key[(new_pkey, new_wkey)], True))
    for new_pkey, divided in mapping["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, options in divided.items():
            if old_key in successors:
                raise SystemExit(f"{old_key} is both whole and divided in the mapping")
            flagged = [o for o in options if o.get("isDefaultNewWard")]
            if len(flagged) == 1:
                default_key = flagged[0]["newWardKey"]
            else:
                # The package flags one default per divided unit (the new unit whose area
                # holds the old unit's location, else the nearest); should a future release
                # omit the flag, fall back to the largest new unit, then the first listed.
                ranked = sorted(options, key=lambda o: -(o.get("newWardAreaKm2") or 0))
                default_key = ranked[0]["newWardKey"]
                facts.setdefault("divided_without_flag", []).append(old_key)
            entries = [(new_ward_by_key[(new_pkey, o["newWardKey"])], o["newWardKey"] == default_key) for o in options]
            entries.sort(key=lambda e: (not e[1], e[0]["wardCode"]))
            successors[old_key] = entries
    facts["divided"] = sum(1 for v in successors.values() if len(v) > 1)

    for r in sorted(new_province_by_key.values(), key=lambda r: r["provinceCode"]):
        name = nfc(r["province"])
        rows.append(
            {
                "level": "province",
                "code": r["provinceCode"],
                "name": name,
                "kind": province_kind(name),
                "latitude": coordinate(r["provinceLat"]),
                "longitude": coordinate(r["provinceLon"]),
                "valid_from": EFFECTIVE,
            }
        )
    for r in sorted(current, key=lambda r: (r["provinceCode"], r["wardCode"])):
        rows.append(
            {
                "level": "commune",
                "code": r["wardCode"],
                "name": nfc(r["ward"]),
                "kind": WARD_KINDS[r["wardType"]],
                "province_code": r["provinceCode"],
                "province_name": nfc(r["province"]),
                "latitude": coordinate(r["wardLat"]),
                "longitude": coordinate(r["wardLon"]),
                "valid_from": EFFECTIVE,
            }
        )

    for r in sorted(legacy_province_by_key.values(), key=lambda r: r["provinceCode"]):
        name = nfc(r["province"])
        successor = new_province_by_key[new_province_of_legacy[r["provinceKey"]]]
        rows.append(
            {
                "level": "province",
                "code": r["provinceCode"],
                "name": name,
                "kind": province_kind(name),
                "latitude": coordinate(r["provinceLat"]),
                "longitude": coordinate(r["provinceLon"]),
                "valid_to": LEGACY_VALID_TO,
                "merged_into_code": successor["provinceCode"],
                "effective": EFFECTIVE,
                "is_default": "1",
            }
        )

    for old_key, r in sorted(
        legacy_ward_by_key.items(), key=lambda kv: (kv[1]["provinceCode"], kv[1]["wardCode"] or "")
    ):
        if not r["wardCode"]:
            # Island districts that had no communes (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn,
            # Côn Đảo) are district-level units; the special zones that replaced them start
            # with no commune-level predecessor.
            facts["skipped_legacy"].append(nfc(f"{r['district']}, {r['province']}"))
            continue
        base = {
            "level": "commune",
            "code": r["wardCode"],
            "name": nfc(r["ward"]),
            "kind": WARD_KINDS[r["wardType"]],
            "province_code": r["provinceCode"],
            "province_name": nfc(r["province"]),
            "latitude": coordinate(r["wardLat"]),
            "longitude": coordinate(r["wardLon"]),
            "valid_to": LEGACY_VALID_TO,
            "effective": EFFECTIVE,
            "district_name": nfc(r["district"]),
        }
        for new, is_default in successors[old_key]:
            rows.append({**base, "merged_into_code": new["wardCode"], "is_default": "1" if is_default else "0"})
    return rows, facts


def check(rows: list[dict], facts: dict) -> list[str]:
    current = [r for r in rows if not r.get("valid_to")]
    provinces = Counter(r["code"] for r in current if r["level"] == "province")
    communes = [r for r in current if r["level"] == "commune"]
    legacy_provinces = {r["code"] for r in rows if r["level"] == "province" and r.get("valid_to")}
    legacy_communes = {r["code"] for r in rows if r["level"] == "commune" and r.get("valid_to")}
    problems = []
    if len(provinces) != EXPECTED_CURRENT_PROVINCES:
        problems.append(f"{len(provinces)} current provinces, expected {EXPECTED_CURRENT_PROVINCES}")
    if len(communes) != EXPECTED_CURRENT_COMMUNES:
        problems.append(f"{len(communes)} current communes, expected {EXPECTED_CURRENT_COMMUNES}")
    if len(legacy_provinces) != EXPECTED_LEGACY_PROVINCES:
        problems.append(f"{len(legacy_provinces)} legacy provinces, expected {EXPECTED_LEGACY_PROVINCES}")
    bac_ninh = sum(1 for r in communes if r["province_code"] == "24")
    if bac_ninh != 99:
        problems.append(f"new Bắc Ninh (24) has {bac_ninh} communes, expected 99")
    print(
        f"current: {len(provinces)} provinces, {len(communes)} communes (Bắc Ninh 24: {bac_ninh}); "
        f"legacy: {len(legacy_provinces)} provinces, {len(legacy_communes)} communes, "
        f"{facts['divided']} divided; {len(rows)} rows",
        file=sys.stderr,
    )
    if facts["skipped_legacy"]:
        print("skipped district-level units without communes: " + "; ".join(facts["skipped_legacy"]), file=sys.stderr)
    if facts.get("divided_without_flag"):
        print(f"{len(facts['divided_without_flag'])} divided units had no default flag", file=sys.stderr)
    return problems


def write(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, restval="", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="verify the counts without writing")
    args = parser.parse_args(argv)

    rows, facts = build_rows(*load(package_data_dir()))
    problems = check(rows, facts)
    if problems:
        print("refusing to write: " + "; ".join(problems), file=sys.stderr)
        return 1
    if not args.check:
        write(rows, args.output)
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
