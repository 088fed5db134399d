"""The base URL is a plain absolute http(s) address with a host, wherever it is given."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.cli import main
from workstation.errors import PublishError, ValidationError
from workstation.library.database import Library
from workstation.library.settings import load_settings, save_settings, validate_base_url
from workstation.publish.single import export_single
from workstation.publish.site import export_site

REFUSED = [
    "https://news.example.org/\nDisallow: /",
    "https://news.example.org/\rSitemap: https://evil.example/",
    "https://news.example.org/ x",
    "https://",
    "http:///path",
    "news.example.org",
    "ftp://news.example.org/",
    "javascript:alert(1)",
    "https://user:secret@news.example.org/",
    "https://news.example.org:99999/",
    "https://news.example.org/?utm=1",
    "https://news.example.org/#top",
    "https://news.example.org/\x00",
    "https://news.example.org/\u200b",
    'https://news.example.org/"><script>',
]


@pytest.fixture
def library_file(newsroom: Library) -> Path:
    path = Path(newsroom.path)
    newsroom.close()
    return path


@pytest.mark.parametrize("url", REFUSED)
def test_a_base_url_that_is_no_plain_http_address_is_refused(url: str) -> None:
    with pytest.raises(ValidationError, match="base URL") as caught:
        validate_base_url(url)
    assert "\n" not in str(caught.value) and "\r" not in str(caught.value)


@pytest.mark.parametrize(
    "url", ["https://news.example.org/", "http://localhost:8000/site/", "https://пример.укр/новини/", "http://[::1]/"]
)
def test_a_plain_address_is_accepted_as_typed(url: str) -> None:
    assert validate_base_url(f"  {url} ") == url


def test_an_empty_base_url_means_none() -> None:
    assert validate_base_url("   ") == ""


def test_a_newline_in_the_base_url_cannot_add_lines_to_robots_txt(
    library_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outdir = tmp_path / "site"
    assert main(["export", str(library_file), str(outdir), "--base-url", "https://news.example.org/\nDisallow: /"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "base URL" in err
    assert not outdir.exists()


def test_a_scheme_without_a_host_is_refused_by_the_export(
    library_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(library_file), str(tmp_path / "site"), "--base-url", "https://"]) == 2
    assert "names no host" in capsys.readouterr().err


def test_a_good_base_url_gives_a_robots_txt_naming_both_sitemaps(newsroom: Library, tmp_path: Path, cache_dir: Path) -> None:
    export_site(newsroom, tmp_path / "site", base_url="https://news.example.org/", cache_dir=cache_dir)
    assert (tmp_path / "site" / "robots.txt").read_text().splitlines() == [
        "User-agent: *", "Allow: /", "Sitemap: https://news.example.org/sitemap.xml",
        "Sitemap: https://news.example.org/news-sitemap.xml",
    ]


def test_the_single_file_export_checks_the_base_url_too(newsroom: Library, tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="names no host"):
        export_single(newsroom, "river-rises", tmp_path / "handoff", base_url="https://")
    assert not (tmp_path / "handoff").exists()


def test_settings_refuse_a_bad_base_url_and_store_nothing(newsroom: Library) -> None:
    with newsroom.session() as session:
        settings = load_settings(session)
    settings.base_url = "https://news.example.org/\nDisallow: /"
    with pytest.raises(ValidationError, match="base URL"):
        with newsroom.transaction() as session:
            save_settings(session, settings)
    with newsroom.session() as session:
        assert load_settings(session).base_url == ""
