import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.models import Site

from home.models import HomePage


@pytest.mark.smoke
@pytest.mark.django_db
def test_home_page_states_the_purpose_in_vietnamese(client):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="vi">' in body
    assert "Tổ công nghệ số cộng đồng" in body
    assert "Đăng nhập để học" in body
    assert 'href="#main"' in body  # skip link
    assert "<main" in body and "<nav" in body and "<footer" in body


@pytest.mark.django_db
def test_browser_language_does_not_override_vietnamese(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập để học" in response.content.decode()


@pytest.mark.django_db
def test_language_switcher_offers_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert "Log in to learn" in body


@pytest.mark.django_db
def test_the_site_root_is_the_home_page():
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert HomePage.objects.count() == 1


@pytest.mark.django_db
def test_bootstrap_is_idempotent():
    from django.core.management import call_command

    call_command("bootstrap")
    call_command("bootstrap")
    assert HomePage.objects.count() == 1
    assert Site.objects.filter(is_default_site=True).count() == 1


@pytest.mark.django_db
def test_admin_is_offline(client, world):
    client.force_login(world.superuser)
    body = client.get("/admin/").content.decode()
    assert "gravatar.com" not in body
    assert "releases.wagtail.io" not in body
