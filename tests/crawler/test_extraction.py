"""Tests for crawler.extraction: decoding, sniffing, and article extraction.

Part (a) runs on our own small pages in tests/fixtures/pages; part (b) renders
the shared dev news web (when ../shared is present) and checks every article
page against the corpus's ground truth.
"""

from __future__ import annotations

import codecs
import json
import mimetypes
import pickle
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest

from crawler.extraction import (
    Extracted,
    decode_html,
    extract_article,
    looks_like_html,
    parse_datetime,
)

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
URL = "https://news.example.com/section/story"


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def paragraphs(body: str) -> list[str]:
    return body.split("\n\n")


# --------------------------------------------------------------------------
# (a) own fixtures
# --------------------------------------------------------------------------


def test_english_page_keeps_the_story_and_drops_the_furniture() -> None:
    result = extract_article(page("english_boilerplate.html"), URL, "text/html")

    assert result.title == "Harbor city opens tidal power plant"
    assert result.author == "Ada Fenwick"
    assert result.published == datetime(2024, 3, 5, 13, 30, tzinfo=UTC)
    assert result.language == "en"
    assert result.description == "The plant will supply about 12,000 homes."
    # relative canonical link, absolutised against the page URL
    assert result.canonical_url == "https://news.example.com/news/2024/03/tidal-power-plant?src=rss"
    body = paragraphs(result.body)
    assert len(body) == 5
    assert body[0].startswith("The city of Port Aldren switched on its first tidal power plant")
    assert (
        "\u201cTides are the one renewable source we can predict decades ahead,\u201d"
        in result.body
    )
    assert body[-1].endswith("publish the results every quarter.")
    for boilerplate in (
        "We use cookies",
        "Accept all",
        "Home",
        "Business",
        "saltwater_sam",
        "Finally some good news",
        "first winter storm",
        "Trending now",
        "ferry fares",
        "Mayor Brandt faces budget vote",
        "Morning Briefing",
        "newsletter",
        "All rights reserved",
        "Privacy policy",
        "By Ada Fenwick",
    ):
        assert boilerplate not in result.body, boilerplate


def test_spanish_iso_8859_1_page() -> None:
    data = page("spanish_latin1.html")
    assert b"Ca\xf1izares" in data  # really latin-1 on disk
    result = extract_article(data, URL)

    assert result.title == "El Ayuntamiento de Valdelena aprueba el nuevo carril bici"
    assert result.author == "Nuria Cañizares"
    assert result.published == datetime(2024, 5, 14, 8, 15, tzinfo=UTC)
    assert result.language == "es"
    assert "la concejala de Movilidad, Begoña Ibáñez" in result.body
    assert "«Es una vía pensada para los vecinos" in result.body
    assert len(paragraphs(result.body)) == 4
    for boilerplate in (
        "Portada",
        "Lo más leído",
        "piscina municipal",
        "Etiquetas",
        "cookies",
        "Por Nuria",
    ):
        assert boilerplate not in result.body, boilerplate


def test_windows_1252_page_declared_as_iso_8859_1_gets_its_curly_quotes() -> None:
    data = page("cp1252_declared_latin1.html")
    assert b"\x93We cannot promise" in data
    result = extract_article(data, URL, "text/html; charset=ISO-8859-1")

    assert result.title == "Storm closes the coastal road"
    assert result.author == "Brendan O\u2019Malley"
    assert result.published is not None and result.published.date().isoformat() == "2023-11-02"
    assert result.language == "en"
    assert (
        "\u201cWe cannot promise a date for reopening,\u201d said the council\u2019s" in result.body
    )
    assert "sea wall \u2014 the third collapse" in result.body
    assert "\u20ac1.2 million" in result.body
    assert "\x93" not in result.body and "\ufffd" not in result.body


def test_gbk_page_declared_gb2312() -> None:
    data = page("chinese_gbk.html")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb2312")  # 镕 is outside GB2312: only the gb18030 superset reads it
    result = extract_article(data, URL)

    assert result.title == "江城开通首条无人驾驶公交线路"
    assert result.author == "李明"
    assert result.published == datetime(2024, 4, 18, 1, 0, tzinfo=UTC)
    assert result.language == "zh"
    assert "市民朱镕先生说" in result.body
    assert len(paragraphs(result.body)) == 4
    for boilerplate in ("首页", "热门文章", "地铁五号线", "版权所有", "来源"):
        assert boilerplate not in result.body, boilerplate


def test_meta_charset_beats_a_wrong_http_header() -> None:
    result = extract_article(page("chinese_gbk.html"), URL, "text/html; charset=utf-8")
    assert result.title == "江城开通首条无人驾驶公交线路"
    assert "市民朱镕先生说" in result.body


def test_utf8_page_with_a_wrong_latin1_header() -> None:
    result = extract_article(
        page("wrong_header_charset.html"), URL, "text/html; charset=iso-8859-1"
    )

    assert result.title == "Münchner Straßenbahn fährt wieder nach Plan"
    assert result.language == "de"
    assert result.published == datetime(2024, 1, 9, 6, 0, tzinfo=UTC)
    assert "Fahrgäste auf den Linien 17 und 19" in result.body
    assert "Ã" not in result.body


def test_page_without_any_charset_is_detected() -> None:
    data = page("no_charset.html")
    assert b"charset" not in data.lower()
    result = extract_article(data, URL)  # no header either

    assert result.title == "La cosecha de aceituna se adelanta dos semanas"
    assert result.language == "es"
    assert "explicó su presidente, José Muñoz" in result.body
    assert "del año pasado" in result.body
    assert "Inicio" not in result.body


def test_extensionless_page_served_as_text_plain() -> None:
    data = page("article-without-extension")
    assert looks_like_html(data, "text/plain")
    result = extract_article(data, URL, "text/plain")

    assert result.title == "Library extends opening hours for exam season"
    assert result.author == "Priya Shah, Tom Reed"
    assert result.published == datetime(2024, 5, 20, 16, 45, tzinfo=UTC)
    assert result.language == "en"  # from lang="en-GB"
    assert result.description == "The central library will stay open until midnight."
    assert paragraphs(result.body)[0].startswith("Northfield's central library will stay open")
    assert "Education" not in result.body


def test_all_fixture_pages_are_recognised_as_html() -> None:
    for path in PAGES.iterdir():
        assert looks_like_html(path.read_bytes(), None), path.name
        assert looks_like_html(path.read_bytes(), "application/octet-stream"), path.name


# --------------------------------------------------------------------------
# decode_html
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "content_type", "expected"),
    [
        pytest.param("<p>café</p>".encode(), None, "<p>café</p>", id="undeclared-utf8"),
        pytest.param(
            codecs.BOM_UTF8 + '<meta charset="latin-1"><p>é</p>'.encode(),
            None,
            '<meta charset="latin-1"><p>é</p>',
            id="utf8-bom-beats-meta",
        ),
        pytest.param(
            codecs.BOM_UTF16_LE + "<p>日本</p>".encode("utf-16-le"),
            "text/html; charset=latin-1",
            "<p>日本</p>",
            id="utf16-bom",
        ),
        pytest.param(
            '<meta charset="gbk"><p>中文</p>'.encode("gbk"),
            None,
            '<meta charset="gbk"><p>中文</p>',
            id="gbk-meta",
        ),
        pytest.param(
            "<p>中文</p>".encode("gb18030"),
            "text/html; charset=GB2312",
            "<p>中文</p>",
            id="gb2312-header",
        ),
        pytest.param(
            b"<p>\x93quoted\x94 \x80</p>",
            "text/html; charset=iso-8859-1",
            "<p>\u201cquoted\u201d \u20ac</p>",
            id="latin1-is-windows-1252",
        ),
        pytest.param(
            b"<p>\x81\x8d</p>",
            "text/html; charset=windows-1252",
            "<p>\x81\x8d</p>",
            id="windows-1252-undefined-bytes",
        ),
        pytest.param(
            '<meta charset="utf-8"><p>señal</p>'.encode("cp1252"),
            None,
            '<meta charset="utf-8"><p>señal</p>',
            id="wrong-meta-falls-through",
        ),
        pytest.param(
            '<meta charset="iso-8859-1"><p>señal ©</p>'.encode(),
            "text/html",
            '<meta charset="iso-8859-1"><p>señal ©</p>',
            id="utf8-mislabelled-latin1",
        ),
        pytest.param(
            b'<meta charset="no-such-charset"><p>ok</p>',
            None,
            '<meta charset="no-such-charset"><p>ok</p>',
            id="unknown-label",
        ),
        pytest.param(b"", None, "", id="empty"),
    ],
)
def test_decode_html(data: bytes, content_type: str | None, expected: str) -> None:
    assert decode_html(data, content_type) == expected


def test_decode_html_keeps_a_truncated_or_slightly_broken_utf8_page() -> None:
    page_text = '<meta charset="utf-8"><p>日本語のテキスト, ñandú, “quotes”</p>' * 20
    data = page_text.encode()
    truncated = data[:-6]  # cut inside a multi-byte character
    assert decode_html(truncated) == truncated.decode("utf-8", errors="replace")
    stray = data[:100] + b"\xff" + data[100:]  # one bad byte among many good characters
    assert decode_html(stray, "text/html") == stray.decode("utf-8", errors="replace")
    assert "日本語" in decode_html(data[:-2], "text/html; charset=iso-8859-1")


def test_decode_html_never_raises_on_garbage() -> None:
    garbage = bytes(range(256)) * 20
    assert isinstance(decode_html(garbage, "text/html; charset=utf-8"), str)
    assert isinstance(decode_html(garbage, "text/html; charset=shift_jis"), str)


# --------------------------------------------------------------------------
# looks_like_html
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "content_type", "expected"),
    [
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "text/html", True),
        (b"\n\n  <html lang=en><head><title>t</title>", "application/octet-stream", True),
        (b"<!-- generated --><div class=story><p>text</p></div>", "text/plain", True),
        (codecs.BOM_UTF8 + b"<html><body>x</body></html>", None, True),
        (codecs.BOM_UTF16_LE + "<html><body>x</body></html>".encode("utf-16-le"), None, True),
        (
            b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>',
            None,
            True,
        ),
        (b"Some intro text then <html><head><title>late</title></head>", None, True),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type/Catalog>>", "text/html", False),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "text/html", False),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", None, False),
        (b"GIF89a\x01\x00\x01\x00", "text/html", False),
        (b"PK\x03\x04\x14\x00\x06\x00", "text/html", False),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "text/html", False),
        (b"\x00\x01\x02\x03binary<html>", "text/html", False),
        (b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', "text/html", False),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', "text/html", False),
        (b"just some plain text, no markup at all", "text/plain", False),
        (b"", "text/html", False),
    ],
)
def test_looks_like_html(data: bytes, content_type: str | None, expected: bool) -> None:
    assert looks_like_html(data, content_type) is expected


# --------------------------------------------------------------------------
# robustness, dates, pickling
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   ",
        b"<html></html>",
        b"\x00\x01\x02",
        "<p>short</p>",
        b"<html><body><p>" + b"x" * 50 + b"</p>",
    ],
)
def test_extract_article_never_raises(data: bytes | str) -> None:
    result = extract_article(data, URL, language_hint="en")
    assert isinstance(result, Extracted)
    assert isinstance(result.body, str)


def test_language_hint_is_used_when_nothing_is_declared_or_detectable() -> None:
    html = b"<html><body><article><h1>Tick</h1><p>OK.</p></article></body></html>"
    assert extract_article(html, URL, language_hint="es-ES").language == "es"


def test_a_long_body_overrules_a_wrong_template_language() -> None:
    # one template for every edition: lang="en" on a Spanish article
    html = (
        page("spanish_latin1.html")
        .replace(b'lang="es"', b'lang="en"')
        .replace(b'"inLanguage": "es-ES"', b"")
    )
    assert extract_article(html, URL).language == "es"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-07-22T15:45:00Z", datetime(2024, 7, 22, 15, 45, tzinfo=UTC)),
        ("2024-07-22T17:45:00+02:00", datetime(2024, 7, 22, 15, 45, tzinfo=UTC)),
        ("2024-07-22", datetime(2024, 7, 22, tzinfo=UTC)),
        ("Mon, 22 Jul 2024 15:45:00 GMT", datetime(2024, 7, 22, 15, 45, tzinfo=UTC)),
        ("22 July 2024", datetime(2024, 7, 22, tzinfo=UTC)),
        ("1970-01-01T00:00:00Z", None),
        ("2999-01-01", None),
        ("not a date", None),
        ("", None),
    ],
)
def test_parse_datetime(value: str, expected: datetime | None) -> None:
    assert parse_datetime(value) == expected


def test_result_pickles_for_process_pools() -> None:
    result = extract_article(page("english_boilerplate.html"), URL)
    assert pickle.loads(pickle.dumps(result)) == result
    assert pickle.loads(pickle.dumps(extract_article)) is extract_article


# --------------------------------------------------------------------------
# (b) the shared dev news web
# --------------------------------------------------------------------------

BASE = "http://127.0.0.1:8765"
# Page furniture of the news web's templates: look-alike names in sidebars,
# comments, consent banners, newsletter promos, tag lines, footers.
TEMPLATE_BOILERPLATE = (
    "Oracle shares climb after cloud revenue beats estimates",
    "Nvidia market value tops rivals",
    "robotaxi timeline",
    "Explainable AI (XAI) tools gain ground in banking",
    "Get the daily briefing",
    "Sign up for our newsletter",
    "All rights reserved",
    "We use cookies",
    "Advertisement",
    "Topics: AI, Infrastructure",
    "Share on X",
    "This site uses cookies",
    "Where compute meets capital",
    "Nobody believes these GPU numbers",
    "they have plenty of other AI customers",
    "Grok the basics",
    "Memphis Grizzlies sign new point guard",
    "the first electronic computer at Bletchley Park",
    "Image credit",
    "the week in AI infrastructure",
    "min read",
    "Oracle presenta resultados trimestrales",
    "Musk anuncia cambios en la red social X",
    "La IA explicable (XAI) llega a los hospitales",
    "Utilizamos cookies",
    "Etiquetas:",
    "Aviso legal",
    "Lo más leído",
    "甲骨文发布新一代数据库产品",
    "英伟达H100供货紧张局面有所缓解",
    "热门文章",
    "相关阅读",
    "声明：本文仅代表作者观点",
    "版权所有",
)


@pytest.fixture(scope="module")
def news_web(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict], dict[str, dict]]:
    if not (SHARED / "newsweb" / "render.py").exists():
        pytest.skip(
            f"shared news web not found at {SHARED} (only present in the project workspace)"
        )
    corpus = SHARED / "corpus" / "dev"
    site = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, str(SHARED / "newsweb" / "render.py"), "--corpus", str(corpus),
         "--base", BASE, "--out", str(site)],
        check=True,
    )  # fmt: skip
    outlets = {o["id"]: o for o in json.loads((corpus / "outlets.json").read_text("utf-8"))}
    articles = [
        a
        for f in sorted((corpus / "articles").glob("*.json"))
        for a in json.loads(f.read_text("utf-8"))
    ]
    return site, articles, outlets


def article_path(article: dict, outlet: dict) -> str:
    """The page path, from the url_pattern documented in newsweb/README.md."""
    when = datetime.fromisoformat(article["published"].replace("Z", "+00:00"))
    pattern = outlet.get("url_pattern", "{yyyy}/{mm}/{slug}.html")
    return f"/{outlet['id']}/" + pattern.format(
        yyyy=f"{when.year:04d}", mm=f"{when.month:02d}", dd=f"{when.day:02d}",
        slug=article["slug"], id=article["id"],
    )  # fmt: skip


@pytest.mark.shared
def test_dev_news_web_article_pages(news_web: tuple[Path, list[dict], dict[str, dict]]) -> None:
    site, articles, outlets = news_web
    assert len(articles) >= 40
    titles = {a["id"]: a["title"] for a in articles}
    failures: list[str] = []
    for article in articles:
        path = article_path(article, outlets[article["outlet"]])
        data = (site / path.lstrip("/")).read_bytes()
        # what a static server would send: text/html for .html, octet-stream otherwise
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        assert looks_like_html(data, content_type), path
        result = extract_article(data, BASE + path, content_type)
        html = decode_html(data)

        problems = []
        if result.title != article["title"]:
            problems.append(f"title {result.title!r}")
        if (
            result.published is None
            or result.published.date().isoformat() != article["published"][:10]
        ):
            problems.append(f"published {result.published}")
        if result.language != article["language"]:
            problems.append(f"language {result.language}")
        if result.canonical_url is None or not result.canonical_url.startswith(BASE):
            problems.append(f"canonical {result.canonical_url}")
        problems += [
            f"missing paragraph {p[:40]!r}" for p in article["body"] if p not in result.body
        ]
        true_text = " ".join([article["title"], article.get("summary", ""), *article["body"]])
        for snippet in TEMPLATE_BOILERPLATE:
            if snippet in html and snippet not in true_text and snippet in result.body:
                problems.append(f"boilerplate {snippet!r}")
        for other_id, other_title in titles.items():  # "related" lists name sibling articles
            if (
                other_id != article["id"]
                and other_title not in true_text
                and other_title in result.body
            ):
                problems.append(f"related title {other_title[:40]!r}")
        if problems:
            failures.append(f"{article['id']} {path}: {'; '.join(problems)}")
    assert not failures, "\n".join(failures)


# --------------------------------------------------------------------------
# Focusing trafilatura on the article's container
# --------------------------------------------------------------------------


def _para(text: str, n: int) -> str:
    return " ".join(f"{text} {i}." for i in range(n))


def _page(article: str, extra: str = "") -> str:
    return (
        "<html><head><title>Focus test</title></head><body>"
        f"<nav><a href='/'>Home</a></nav>{article}{extra}"
        "<footer><p>Copyright the test outlet, all rights reserved.</p></footer></body></html>"
    )


def _teasers(n: int) -> str:
    return "".join(
        f"<div class='teaser'><h3>Other story {i}</h3><p>{_para(f'Teaser summary number {i}', 6)}</p></div>"
        for i in range(n)
    )


_TEASERS = _teasers(12)


def test_focus_keeps_the_article_when_teasers_hold_more_paragraph_text() -> None:
    """Twelve teasers hold more <p> text than the article, spread thin: the article still wins."""
    teaser_text = sum(len(p) for p in lxml.html.fromstring(_TEASERS).xpath("//p/text()"))
    from crawler.extraction import _focus_content

    article = (
        "<article><h1>Focus test</h1><div class='lead'><p>"
        + _para("The lead paragraph sits beside the body", 3)
        + "</p></div><div class='text'>"
        + "".join(f"<p>{_para(f'Body paragraph {k} says something', 6)}</p>" for k in range(6))
        + "</div></article>"
    )
    tree = lxml.html.fromstring(_page(article, f"<section>{_TEASERS}</section>"))
    focused = _focus_content(tree)
    article_text = sum(len(p) for p in tree.xpath("//article//p/text()"))
    assert teaser_text > article_text  # the case this test is about
    assert focused is not tree
    text = focused.text_content()
    assert "lead paragraph sits beside" in text  # widened to the enclosing <article>
    assert "Body paragraph 4" in text
    assert "Teaser summary" not in text and "Copyright" not in text
    body = extract_article(_page(article, f"<section>{_TEASERS}</section>"), "http://t.test/a").body
    assert "Body paragraph 4" in body and "Teaser summary" not in body


@pytest.mark.parametrize("teasers", [80, 12])
def test_focus_keeps_a_short_article_under_a_long_teaser_list(teasers: int) -> None:
    """Eighty teasers outweigh a short article seven to one, so it holds under 30 % of the
    page's paragraph text; towering over every other block (10x), it is still the article.
    (Twelve teasers: over 30 %, focused as before.)"""
    from crawler.extraction import _focus_content

    paragraphs = "".join(f"<p>{_para(f'Short body {k} says', 10)}</p>" for k in range(8))
    article = f"<div class='article-text'>{paragraphs}</div>"
    html = _page(f"<div class='story'><h1>Focus test</h1>{article}</div>", _teasers(teasers))
    tree = lxml.html.fromstring(html)
    total = sum(len(p.text_content()) for p in tree.iter("p"))
    inside = sum(len(p.text_content()) for p in tree.xpath("//div[@class='article-text']/p"))
    assert (inside < 0.3 * total) is (teasers == 80)  # the case this test is about
    focused = _focus_content(tree)
    assert focused is not tree
    assert "Short body 7" in focused.text_content()
    assert "Teaser summary" not in focused.text_content()
    body = extract_article(html, "http://t.test/a").body
    assert "Short body 7" in body and "Teaser summary" not in body


def test_focus_joins_a_body_split_by_an_advert() -> None:
    from crawler.extraction import _focus_content

    half = "".join(f"<p>{_para(f'First half {k} of the report', 4)}</p>" for k in range(3))
    rest = "".join(f"<p>{_para(f'Second half {k} of the report', 4)}</p>" for k in range(2))
    article = (
        f"<div id='wrap'><div class='part'>{half}</div><div class='ad'>Advert</div>"
        f"<div class='part'>{rest}</div></div>"
    )
    tree = lxml.html.fromstring(_page(f"<div id='main'>{article}</div>", _teasers(3)))
    focused = _focus_content(tree)
    assert focused is not tree
    text = focused.text_content()
    assert "First half 2" in text and "Second half 1" in text
    assert "Teaser summary" not in text


@pytest.mark.parametrize(
    "html",
    [
        _page("<div><p>Too short to bother focusing.</p></div>"),
        # two equally dense blocks: no clear article, trafilatura sees the whole page
        _page(
            f"<div class='a'><p>{_para('Column one', 20)}</p></div>"
            f"<div class='b'><p>{_para('Column two', 20)}</p></div>"
        ),
        # a block 5x denser than any other, but under 30 % of the text: not clear enough
        _page(
            f"<div class='a'><p>{_para('Main column', 25)}</p></div>"
            + "".join(f"<div class='t'><p>{_para(f'Side {k}', 5)}</p></div>" for k in range(20))
        ),
        # the densest block's parent is <body>: nothing smaller to hand over
        "<html><body>"
        + "".join(f"<p>{_para('Plain page', 10)}</p>" for _ in range(4))
        + "</body></html>",
    ],
)
def test_focus_leaves_the_page_whole_without_a_clear_article(html: str) -> None:
    from crawler.extraction import _focus_content

    tree = lxml.html.fromstring(html)
    assert _focus_content(tree) is tree


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # fastText alone calls this headline French: CJK script settles it
        ("xAI孟菲斯超级集群开始训练，马斯克称将是全球最强", "zh"),
        ("今日はxAIのニュースです。メンフィスの新しい施設について", "ja"),
        ("xAI는 멤피스에 새로운 슈퍼컴퓨터를 짓고 있습니다", "ko"),
        ("xAI is building a supercomputer in Memphis with a hundred thousand GPUs.", "en"),
        ("xAI construye en Menfis un superordenador con cien mil procesadores gráficos.", "es"),
        ("Too short to tell", None),
    ],
)
def test_detect_language(text: str, expected: str | None) -> None:
    from crawler.extraction import detect_language

    language, confidence = detect_language(text)
    assert language == expected
    assert (confidence > 0) == (expected is not None)


def test_wanted_sees_the_article_block_and_can_skip_the_body() -> None:
    article = (
        "<article><h1>Focus test</h1>"
        + "".join(f"<p>{_para(f'Body paragraph {k} says something', 6)}</p>" for k in range(6))
        + "</article>"
    )
    page = _page(article, f"<section>{_teasers(2)}</section>")
    seen: list[str] = []

    def refuse(text: str) -> bool:
        seen.append(text)
        return False

    skipped = extract_article(page, "http://t.test/a", wanted=refuse)
    assert skipped.body == "" and skipped.title == "Focus test"
    assert "Body paragraph 5" in seen[0] and "Teaser summary" not in seen[0]
    # a refused page is only remembered as seen: its language is what was declared, nothing
    # is identified, not even from a headline long enough for it (this page declares none)
    headline = "The city council opens a new public library with late opening hours"
    long_title = page.replace("Focus test", headline)
    assert extract_article(long_title, "http://t.test/a").language == "en"
    assert extract_article(long_title, "http://t.test/a", wanted=refuse).language is None
    hinted = extract_article(long_title, "http://t.test/a", language_hint="es", wanted=refuse)
    assert hinted.body == "" and hinted.language == "es"
    kept = extract_article(page, "http://t.test/a", wanted=lambda text: True)
    assert "Body paragraph 5" in kept.body and kept.language == "en"


def test_c_level_element_lookup_extracts_as_lxml_html_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every element is an HtmlElement chosen in C (not by lxml.html's Python lookup):
    forms lose their form classes, and nothing extracted changes."""
    import crawler.extraction as ce

    tree = lxml.html.fromstring(
        "<html><body><form><label>L</label><input name=q><select><option>o</option></select>"
        "<textarea>t</textarea></form><p>text</p></body></html>",
        parser=ce._PARSER,
    )
    assert {type(e) for e in tree.iter()} == {lxml.html.HtmlElement}
    pages = sorted(p for p in PAGES.iterdir() if p.suffix in (".html", ".htm"))
    assert pages
    fast = [extract_article(p.read_bytes(), f"https://news.test/{p.name}") for p in pages]
    default = lxml.html.HTMLParser(
        collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True
    )
    monkeypatch.setattr(ce, "_PARSER", default)
    assert [extract_article(p.read_bytes(), f"https://news.test/{p.name}") for p in pages] == fast
