"""Search ranks the pages holding the whole phrase first (issue 10, item 6), on the demo content.

On the demo courses, "chu ky so" ranked the only lesson holding "chữ ký số" below pages that share
only its syllables ("chủ", "kỹ năng", "cơ sở"), and "dien tu" ranked "Định danh điện tử" seventh of
twenty. Run on SQLite and on PostgreSQL (DATABASE_URL=postgres://…).
"""

import html
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page

from courses.search import fold, folded_words, holds_phrase
from home.demo.courses import seed_courses

pytestmark = pytest.mark.django_db


def result_titles(client, query: str) -> list[str]:
    response = client.get(reverse("courses:search"), {"q": query})
    assert response.status_code == 200
    return [
        html.unescape(title)
        for title in re.findall(
            r'<li class="mb-3"><a href="[^"]*" class="fw-semibold">([^<]*)</a>', response.content.decode()
        )
    ]


def holds(page_title: str, phrase: str, texts: dict[str, str]) -> bool:
    return holds_phrase(folded_words(texts[page_title]), folded_words(phrase))


def test_the_whole_phrase_ranks_first_on_the_demo_courses(client):
    seed_courses()
    assert_the_whole_phrase_ranks_first(client)


def test_the_whole_phrase_ranks_first_after_seed_demo(client):
    """The whole demo as `make run` seeds it (courses, quizzes, sessions, certificates and the rest),
    where the issue counted "chữ ký số" third of seven and "Định danh điện tử" seventh of twenty."""
    call_command("seed_demo", stdout=io.StringIO())
    assert_the_whole_phrase_ranks_first(client)


def assert_the_whole_phrase_ranks_first(client):
    texts = {
        page.title: page.folded_search_text()
        for page in Page.objects.live().specific()
        if hasattr(page, "folded_search_text")
    }

    # "chu ky so": the one lesson that holds "chữ ký số" comes first, typed with or without marks.
    holder = [title for title, text in texts.items() if holds_phrase(folded_words(text), ["chu", "ky", "so"])]
    assert len(holder) == 1  # the demo content as the issue found it
    for query in ("chu ky so", "chữ ký số", "CHU KY SO"):
        titles = result_titles(client, query)
        assert len(titles) > 1, titles  # pages sharing the syllables are still found
        assert titles[0] == holder[0], titles

    # "dien tu": "Định danh điện tử" (the phrase in its title) first, then every page holding the
    # phrase, then the pages that only share a syllable.
    titles = result_titles(client, "dien tu")
    assert titles[0] == "Định danh điện tử và ứng dụng VNeID", titles
    flags = [holds(title, "điện tử", texts) for title in titles]
    assert True in flags and False in flags
    assert flags == sorted(flags, reverse=True), list(zip(titles, flags, strict=True))

    # One word: nothing to re-rank, the engine's matches as they come.
    assert "Định danh điện tử và ứng dụng VNeID" in result_titles(client, "vneid")


@pytest.mark.parametrize(
    ("words", "phrase", "expected"),
    [
        ("Chữ ký số, Đảng", "chu ky so", True),
        ("chủ, kỹ năng ở cơ sở", "chu ky so", False),
        ("dịch vụ điện tử", "dien tu", True),
        ("điện thoại và tư vấn", "dien tu", False),
        ("điện tử", "", False),
    ],
)
def test_holds_phrase_matches_consecutive_whole_folded_words(words, phrase, expected):
    assert holds_phrase(folded_words(words), folded_words(phrase)) is expected
    assert fold("Đ") == "d"
