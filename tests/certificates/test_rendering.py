"""The PDF: Vietnamese text that can be extracted, bundled fonts embedded as subsets, the code and QR,
and a fetcher that serves only the project's own files."""

import logging

import pytest

from certificates.fetcher import AssetRefused, ProjectAssetFetcher
from certificates.models import CertificateTemplate
from certificates.rendering import RenderError, html_to_pdf, render_sample_pdf
from tests.certificates.helpers import issue, pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db


@pytest.mark.smoke
def test_issued_pdf_has_extractable_vietnamese_and_the_code(world, django_capture_on_commit_callbacks):
    certificate = issue(django_capture_on_commit_callbacks, world.cadre, title="Chữ ký số và định danh điện tử")
    certificate.refresh_from_db()
    assert certificate.status == "issued", certificate.last_error
    data = certificate.pdf.read()
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert "Trần Thị Học Viên" in text
    assert "Chữ ký số và định danh điện tử" in text
    assert "Xã An Bình" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert certificate.display_code in text
    assert "/certificates/verify/" + certificate.display_code in text.replace("\n", "")


def test_pdf_embeds_subsets_of_the_bundled_fonts(world, django_capture_on_commit_callbacks):
    certificate = issue(django_capture_on_commit_callbacks, world.cadre)
    certificate.refresh_from_db()
    fonts = pdf_fonts(certificate.pdf.read())
    # Subset fonts carry a six-letter tag (ABCDEF+KNS-Serif); the family names are the bundled ones.
    assert {"KNS-Serif", "KNS-Serif-Bold", "KNS-Serif-Bold-Italic", "KNS-Sans"} <= {
        name.split("+", 1)[-1] for name in fonts if "+" in name
    }, fonts
    assert not any("DejaVu" in name for name in fonts), fonts


def test_hours_are_written_with_a_vietnamese_decimal_comma():
    from certificates.formatting import format_hours

    assert format_hours(4) == "4"
    assert format_hours("4.0") == "4"
    assert format_hours("4.5") == "4,5"
    assert format_hours("12.50") == "12,5"


HOSTILE = """<!DOCTYPE html><html><head>
<link rel="stylesheet" href="http://example.com/evil.css">
<link rel="stylesheet" href="file:///etc/passwd">
<style>@import url("https://example.org/x.css"); body { background: url(file:///etc/shadow); }</style>
</head><body>
<p>Văn bản thử: Hà Nội, Đắk Lắk.</p>
<img src="file:///etc/passwd"><img src="http://169.254.169.254/latest/meta-data/">
<img src="/static/../../config/settings/base.py"><img src="data:image/png;base64,iVBORw0KGgo=">
<img src="/media/../var/private/x.pdf">
</body></html>"""


def test_hostile_urls_are_refused_dropped_and_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="certificates.fetcher"):
        result = html_to_pdf(HOSTILE)
    assert result.pdf.startswith(b"%PDF")
    assert "Hà Nội, Đắk Lắk" in pdf_text(result.pdf)
    assert "root:" not in pdf_text(result.pdf)
    refused = " ".join(result.refused)
    for url in ("file:///etc/passwd", "http://example.com/evil.css", "https://example.org/x.css", "169.254.169.254"):
        assert url in refused
    assert "data:image/png" in refused
    assert result.served == []
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "refused file:///etc/passwd" in logged


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/static/certificates/certificate.css",
        "http://testserver/static/../config/settings/base.py",
        "http://testserver/static/certificates/%2e%2e/%2e%2e/%2e%2e/config/settings/base.py",
        "http://testserver/accounts/login/",
        "http://testserver/static/certificates/certificate.css?x=1",
        "ftp://testserver/static/x",
        "data:text/plain,hello",
    ],
)
def test_fetcher_refuses(url):
    fetcher = ProjectAssetFetcher()
    with pytest.raises(AssetRefused):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_serves_our_static_files_by_path():
    fetcher = ProjectAssetFetcher()
    response = fetcher.fetch("http://testserver/static/certificates/fonts/NotoSerif-Regular.woff2")
    assert response.read()[:4] == b"wOF2"
    assert response.content_type == "font/woff2"


def test_a_missing_own_asset_fails_the_render():
    html = '<html><body><img src="/static/certificates/nope.png"><p>x</p></body></html>'
    with pytest.raises(RenderError):
        html_to_pdf(html)


def test_sample_render_with_a_broken_placeholder_refuses():
    template = CertificateTemplate(name="Hỏng", body="Đã hoàn thành {course} và {ho_ten}")
    with pytest.raises(RenderError) as error:
        render_sample_pdf(template)
    assert "{ho_ten}" in str(error.value)


def test_sample_render_of_the_default_wording():
    data = render_sample_pdf(CertificateTemplate(name="Mặc định", orientation="portrait", show_national_header=False))
    text = pdf_text(data)
    assert "BẢN XEM TRƯỚC" in text
    assert "CỘNG HÒA" not in text
    assert "Nguyễn Thị Hồng Nhung" in text
