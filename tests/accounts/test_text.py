import unicodedata

import pytest
from django.core.exceptions import ValidationError

from accounts.text import nfc, normalize_phone


@pytest.mark.parametrize(
    "typed",
    ["0912 345 678", "0912.345.678", "0912-345-678", "+84 912 345 678", "84912345678", "0084912345678", "(0912)345678"],
)
def test_common_phone_forms_become_one_number(typed):
    assert normalize_phone(typed) == "+84912345678"


def test_landline_with_area_code():
    assert normalize_phone("(024) 3825 1234") == "+842438251234"


@pytest.mark.parametrize("typed", ["12345", "09123", "abc", "+84 12", "0912 345 678 999 1"])
def test_bad_phone_numbers_are_refused_with_a_message(typed):
    with pytest.raises(ValidationError) as excinfo:
        normalize_phone(typed)
    assert "Số điện thoại không hợp lệ" in str(excinfo.value)


def test_blank_phone_is_none():
    assert normalize_phone("  ") is None
    assert normalize_phone(None) is None


def test_decomposed_vietnamese_is_composed():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Lan")
    assert decomposed != "Nguyễn Thị Lan"
    assert nfc("  " + decomposed + "  ") == "Nguyễn Thị Lan"
