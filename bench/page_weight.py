"""Page weight: what a first visit to each learner page transfers, compressed as production serves it.

    python -m bench.page_weight [--prepare] [--budget-kb 40]

Serves the site with gunicorn on 127.0.0.1 (bench settings: DEBUG off, WhiteNoise's compressed
manifest storage, the bench database that ``make bench`` prepared; ``--prepare`` runs migrate,
collectstatic and seed_demo first), then for each page fetches the HTML and every asset it links
(stylesheets, scripts, pictures, video posters, icons, fonts and pictures named in the CSS), each
once, as a browser with an empty cache would, sending ``Accept-Encoding: gzip``. Sizes are the
bytes on the wire (compressed bodies, headers not counted). "Before media" is HTML + CSS + JS +
fonts: what must arrive before the page is usable, and what the ≤ 40 KB budget is about.

It is a measurement, not a test: it exits 0 whatever the sizes, 1 only when a page fails.
"""

import argparse
import gzip
import os
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
LOG = ROOT / "var" / "bench-page-weight.log"
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class _Assets(HTMLParser):
    """Stylesheets, scripts, pictures, posters and icons an HTML page makes the browser load."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").lower().split()
        if tag == "link" and attrs.get("href"):
            if "stylesheet" in rel:
                self.found.append(("css", attrs["href"]))
            elif {"icon", "preload", "modulepreload"} & set(rel):
                self.found.append(("image" if "icon" in rel else _kind(attrs["href"]), attrs["href"]))
        elif tag == "script" and attrs.get("src"):
            self.found.append(("js", attrs["src"]))
        elif tag == "img" and attrs.get("src"):
            self.found.append(("image", attrs["src"]))  # lazy pictures too: reading the page scrolls to them
        elif tag == "video" and attrs.get("poster"):
            self.found.append(("image", attrs["poster"]))


def _kind(url: str) -> str:
    path = urlsplit(url).path.lower()
    if path.endswith(".css"):
        return "css"
    if path.endswith((".js", ".mjs")):
        return "js"
    if path.endswith((".woff2", ".woff", ".ttf", ".otf")):
        return "font"
    return "image"


@dataclass
class Weight:
    name: str
    path: str
    status: int = 0
    sizes: dict[str, int] = field(default_factory=lambda: {"html": 0, "css": 0, "js": 0, "font": 0, "image": 0})
    assets: int = 0

    @property
    def before_media(self) -> int:
        return self.sizes["html"] + self.sizes["css"] + self.sizes["js"] + self.sizes["font"]

    @property
    def total(self) -> int:
        return self.before_media + self.sizes["image"]


def _get(base_url: str, path: str, headers: dict) -> tuple[int, bytes, dict]:
    import http.client

    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip", **headers})
        response = connection.getresponse()
        return response.status, response.read(), {k.lower(): v for k, v in response.getheaders()}
    finally:
        connection.close()


def _text(body: bytes, headers: dict) -> str:
    if headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode("utf-8", errors="replace")


def measure_page(base_url: str, name: str, path: str, headers: dict) -> Weight:
    weight = Weight(name, path)
    status, body, response_headers = _get(base_url, path, headers)
    weight.status = status
    if status != 200:
        return weight
    weight.sizes["html"] = len(body)
    parser = _Assets()
    parser.feed(_text(body, response_headers))
    seen: set[str] = set()
    queue = [(kind, urljoin(path, url)) for kind, url in parser.found]
    while queue:
        kind, url = queue.pop(0)
        parts = urlsplit(url)
        if parts.netloc or url in seen:  # our pages load nothing from elsewhere; if one did, it is not ours
            continue
        seen.add(url)
        asset_status, asset_body, asset_headers = _get(
            base_url, parts.path + (f"?{parts.query}" if parts.query else ""), headers
        )
        if asset_status != 200:
            raise SystemExit(f"page_weight: {path} links {url}, which answered {asset_status}")
        weight.sizes[kind] += len(asset_body)
        weight.assets += 1
        if kind == "css":
            for inner in CSS_URL.findall(_text(asset_body, asset_headers)):
                if not inner.startswith("data:"):
                    queue.append((_kind(inner), urljoin(url, inner)))
    return weight


def demo_pages() -> list[tuple[str, str, bool]]:
    """(name, path, as the demo cadre) for the learner pages of the demo data."""
    from django.urls import reverse

    from accounts.models import User
    from courses import services
    from courses.models import CoursePage, LessonPage, PracticePage

    cadre = User.objects.get(username="demo_cadre")
    course = CoursePage.objects.live().get(slug="an-toan-thong-tin")
    if not services.active_enrollment(user=cadre, course=course):
        services.enrollment_create(user=cadre, course=course)
    pages = [
        ("login (anonymous)", reverse("accounts:login"), False),
        ("home (anonymous)", "/", False),
        ("home", "/", True),
        ("course", course.url, True),
        ("lesson", LessonPage.objects.child_of(course).live().first().url, True),
    ]
    practice = PracticePage.objects.child_of(course).live().first()
    if practice:
        pages.append(("practice", practice.url, True))
    try:
        from quizzes.models import Attempt, QuizPage

        quiz = QuizPage.objects.child_of(course).live().first()
        if quiz:
            pages.append(("quiz", quiz.url, True))
        attempt = Attempt.objects.filter(user=cadre, submitted_at__isnull=False).order_by("-pk").first()
        if attempt:
            pages.append(("quiz result", reverse("quizzes:result", args=[attempt.pk]), True))
    except ImportError:
        pass
    pages.append(("my learning", reverse("courses:my_learning"), True))
    try:
        from certificates.models import Certificate

        pages.append(("my certificates", reverse("certificates:mine"), True))
        certificate = Certificate.objects.filter(status="issued").first()
        if certificate:
            pages.append(("verify (anonymous)", reverse("certificates:verify", args=[certificate.display_code]), False))
    except ImportError:
        pass
    return [(name, quote(path, safe="/:?=&%"), as_cadre) for name, path, as_cadre in pages]


def print_table(weights: list[Weight], budget_kb: float) -> None:
    def kb(n: int) -> str:
        return f"{n / 1024:.1f}"

    print(f"\nPage weight, first visit, compressed as served (KB; budget before media ≤ {budget_kb:g} KB)")
    header = (
        f"{'page':<22} {'HTML':>6} {'CSS':>6} {'JS':>6} {'fonts':>6} {'before media':>13} {'images':>7} {'total':>7}  "
    )
    print(header)
    print("-" * len(header))
    for w in weights:
        mark = "ok" if w.before_media <= budget_kb * 1024 else "OVER"
        s = w.sizes
        print(
            f"{w.name:<22} {kb(s['html']):>6} {kb(s['css']):>6} {kb(s['js']):>6} {kb(s['font']):>6} "
            f"{kb(w.before_media):>13} {kb(s['image']):>7} {kb(w.total):>7}  {mark}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.page_weight", description=__doc__.split("\n\n")[0])
    parser.add_argument("--prepare", action="store_true", help="migrate, collectstatic and seed_demo first")
    parser.add_argument("--budget-kb", type=float, default=40.0)
    args = parser.parse_args(argv)

    from bench.run import GUNICORN_LOG, configure_django, prepare_database, static_is_current

    configure_django()
    if args.prepare:
        prepare_database()
    elif not static_is_current():
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)

    from accounts.models import User
    from bench.helpers import cookie_header, session_cookie
    from bench.server import Gunicorn

    pages = demo_pages()
    cadre_headers = cookie_header(session_cookie(User.objects.get(username="demo_cadre")))
    log = GUNICORN_LOG.with_name(LOG.name)
    with Gunicorn(workers=1, root=ROOT, log_path=log, env=dict(os.environ)) as server:
        weights = [
            measure_page(server.base_url, name, path, cadre_headers if as_cadre else {})
            for name, path, as_cadre in pages
        ]
    failed = [w for w in weights if w.status != 200]
    print_table([w for w in weights if w.status == 200], args.budget_kb)
    for w in failed:
        print(f"page_weight: {w.name} ({w.path}) answered {w.status}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
