"""Bad files for ``import_localities`` (tests/localities/corpus): a clear error each, and nothing written."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.accounts.import_world import database_fingerprint
from tests.localities.helpers import BASE, load

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parent / "corpus"

EXPECTED = {
    "windows1258.csv": ("file", "UTF-8"),
    "utf16.csv": ("file", "UTF-16"),
    "unknown_column.csv": ("file", "population"),
    "missing_column.csv": ("file", "thiếu cột bắt buộc: kind"),
    "duplicate_column.csv": ("file", "cột bị lặp: code"),
    "empty.csv": ("file", "Tệp trống"),
    "bad_rows.csv": (
        "rows",
        {4: "ward", 5: "quarter", 6: "thiếu mã", 7: "abc", 8: "2025-13-45", 9: "99999", 10: "00004", 11: "77"},
    ),
}


def test_every_corpus_file_has_an_expectation():
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("preloaded", [False, True], ids=["empty-database", "after-a-good-import"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_refused_and_nothing_is_written(name, preloaded):
    if preloaded:
        assert load(BASE).ok
    kind, expected = EXPECTED[name]
    before = database_fingerprint()
    err = StringIO()

    with pytest.raises(CommandError) as refused:
        call_command("import_localities", str(CORPUS / name), stdout=StringIO(), stderr=err)

    assert database_fingerprint() == before
    if kind == "file":
        assert expected in str(refused.value)
    else:
        lines = err.getvalue().splitlines()
        by_line: dict[int, list[str]] = {}
        for line in lines:
            by_line.setdefault(int(line.split(":")[0].removeprefix("Dòng ")), []).append(line)
        assert sorted(by_line) == sorted(expected), lines
        for number, text in expected.items():
            assert any(text in message for message in by_line[number]), by_line[number]
