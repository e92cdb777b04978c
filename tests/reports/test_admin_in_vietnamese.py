"""The Vietnamese admin shows no English words of ours: a manager and a superuser walk every admin screen
our apps add (listings, inspect, history, reports, dashboards) for a cadre who did everything."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.accounts.everything import did_everything

pytestmark = pytest.mark.django_db

OUR_APPS = ("accounts", "courses", "quizzes", "certificates", "reports", "home", "localities", "notifications")
# English that reached Vietnamese screens before, and raw Python values.
ENGLISH = re.compile(r"\((?:issued|pending|failed|revoked|superseded)\)|\bTrue\b|\bFalse\b|Site summary")


def _admin_urls():
    """Every admin URL of ours (defined in our apps or built for our models) that takes no argument."""
    found = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), ns or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name and "<" not in prefix + str(pattern.pattern):
                callback = pattern.callback
                module = getattr(callback, "__module__", "")
                model = getattr(callback, "view_initkwargs", {}).get("model")
                label = (
                    model.split(".")[0]
                    if isinstance(model, str)
                    else getattr(getattr(model, "_meta", None), "app_label", "")
                )
                ours = module.split(".")[0] in OUR_APPS or label in OUR_APPS
                if ours and (prefix + str(pattern.pattern)).startswith("admin/"):
                    found.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, "", None)
    return sorted(set(found))


def _english_on(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="vi")
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", response.content.decode(), flags=re.S)
    return [f"{url}: {match.group(0)}" for match in ENGLISH.finditer(text)]


@pytest.mark.parametrize("who", ["superuser", "manager_a"])
def test_no_english_words_of_ours_in_the_vietnamese_admin(client, world, django_capture_on_commit_callbacks, who):
    everything = did_everything(world, django_capture_on_commit_callbacks)
    client.force_login(getattr(world, who))
    urls = [reverse(name) for name in _admin_urls()]
    urls += ["/admin/"]
    found = []
    for url in urls:
        found += _english_on(client, url)
    certificate = everything.certificate
    for url in (
        reverse("issued_certificates:inspect", args=[certificate.pk]),
        reverse("issued_certificates:history", args=[certificate.pk]),
        reverse("wagtailusers_users:history", args=[world.cadre.pk]),
        reverse("wagtailusers_users:edit", args=[world.cadre.pk]),
        reverse("reports_admin:commune", args=[world.commune_a1.pk]),
        reverse("reports_admin:province", args=[world.province_a.pk]),
        reverse("reports_admin:cadre", args=[world.cadre.pk]),
    ):
        found += _english_on(client, url)
    assert found == [], "\n".join(found)
