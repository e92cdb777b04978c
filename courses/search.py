"""Vietnamese search with or without diacritics, the whole phrase first.

"chu ky so" must find "chữ ký số" and "dien tu" must find "điện tử" on SQLite
and PostgreSQL alike. Pages index an ASCII-folded copy of their text
(``FoldedSearchMixin.folded_search_text``) and queries are folded the same way.

Vietnamese words are syllables: "chu", "ky" and "so" each occur in many pages ("chủ", "kỹ năng",
"cơ sở"), so the search engine's own rank (BM25 on SQLite, ts_rank on PostgreSQL) often puts a page
that shares the single syllables above the page that holds the phrase. ``search_pages`` re-ranks
the engine's first ``CANDIDATES`` matches in Python, the same way on both databases: the pages whose
folded title holds the whole folded phrase first, then those whose folded text holds it, then the
rest; inside each group the engine's order stands.
"""

import re
import unicodedata

from anyascii import anyascii
from wagtail.models import Page

# The engine's best matches that are re-ranked; the search page shows 30 of them.
CANDIDATES = 100
WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """ASCII-fold and lower-case Vietnamese text: "Chữ ký số, Đảng" -> "chu ky so, dang"."""
    return anyascii(unicodedata.normalize("NFC", text or "")).lower()


def folded_words(text: str) -> list[str]:
    """The folded words of a text, punctuation dropped: "Chữ ký số, Đảng" -> ["chu", "ky", "so", "dang"]."""
    return WORD.findall(fold(text))


def holds_phrase(words: list[str], phrase: list[str]) -> bool:
    """Whether ``phrase`` occurs in ``words`` as consecutive whole words."""
    size = len(phrase)
    if not size:
        return False
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


def phrase_rank(page, phrase: list[str]) -> int:
    """0: the title holds the phrase; 1: the page's folded text does; 2: neither."""
    if holds_phrase(folded_words(page.title), phrase):
        return 0
    text = page.folded_search_text() if hasattr(page, "folded_search_text") else fold(page.title)
    return 1 if holds_phrase(WORD.findall(text), phrase) else 2


def search_pages(queryset, query: str):
    """Search published course and lesson pages for a query typed with or without marks: a list of
    specific pages, best first (see the module's docstring). A search query, then one query for the
    pages and one per page type, whatever the number of matches."""
    folded = fold(query).strip()
    if not folded:
        return queryset.none()
    ids = [page.pk for page in queryset.search(folded, operator="and")[:CANDIDATES]]
    by_id = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
    pages = [by_id[pk] for pk in ids if pk in by_id]
    phrase = folded_words(folded)
    if len(phrase) < 2:
        return pages
    return sorted(pages, key=lambda page: phrase_rank(page, phrase))
