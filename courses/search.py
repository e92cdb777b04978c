"""Vietnamese search with or without diacritics.

"chu ky so" must find "chữ ký số" and "dien tu" must find "điện tử" on SQLite
and PostgreSQL alike. Pages index an ASCII-folded copy of their text
(``FoldedSearchMixin.folded_search_text``) and queries are folded the same way.
"""

import unicodedata

from anyascii import anyascii


def fold(text: str) -> str:
    """ASCII-fold and lower-case Vietnamese text: "Chữ ký số, Đảng" -> "chu ky so, dang"."""
    return anyascii(unicodedata.normalize("NFC", text or "")).lower()


def search_pages(queryset, query: str):
    """Search published course and lesson pages for a query typed with or without marks."""
    folded = fold(query).strip()
    if not folded:
        return queryset.none()
    return queryset.search(folded, operator="and")
