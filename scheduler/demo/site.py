"""Render the bundled sample articles into a small, realistic news web.

The pages are built in memory (path -> `Page`) so `followup demo` and the tests
can serve them without touching the disk. They carry the clutter a real news
site has (navigation, trending boxes naming look-alike companies, comments,
cookie banners) because the crawler and the extractor must cope with it, and
the two outlets differ in layout, feed format and charset on purpose.

Everything links absolutely, so `base_url` must be the address the pages will
be served at: bind the server first, then render.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from importlib import resources
from typing import Any, NamedTuple
from xml.sax.saxutils import escape as xml_escape

DATA_FILE = "articles.json"
DEMO_SCHEDULE = "*/30 * * * *"
PAGE_SIZE = 5
FEED_SIZE = 10


class Page(NamedTuple):
    """One served resource: raw bytes, the Content-Type header and its modification time."""

    body: bytes
    content_type: str
    last_modified: datetime


class FeedItem(NamedTuple):
    """What a feed or sitemap entry needs; shared with the benchmark web generator."""

    title: str
    url: str
    summary: str
    author: str
    published: datetime
    language: str
    category: str = ""


# --------------------------------------------------------------------------- data


def load_demo_corpus() -> dict[str, Any]:
    """The whole bundled data file: outlets, articles (with labels) and expected claim board."""
    text = resources.files(__package__ or "scheduler.demo").joinpath(DATA_FILE).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def load_demo_articles() -> list[dict[str, Any]]:
    """The sample articles in the corpus format (id, outlet, slug, ..., body, labels)."""
    return list(load_demo_corpus()["articles"])


def load_demo_outlets() -> list[dict[str, Any]]:
    """The two sample outlets (id, name, language, feed kind, encoding, url pattern)."""
    return list(load_demo_corpus()["outlets"])


def feed_path(outlet: Mapping[str, Any]) -> str:
    """Site-relative path of an outlet's feed."""
    default = "atom.xml" if outlet.get("feed") == "atom" else "feed.xml"
    return f"/{outlet['id']}/{outlet.get('feed_path', default)}"


def sitemap_path(outlet: Mapping[str, Any]) -> str:
    """Site-relative path of an outlet's Google News sitemap."""
    return f"/{outlet['id']}/sitemap.xml"


def listing_path(outlet: Mapping[str, Any], page: int = 1) -> str:
    """Site-relative path of listing page `page` (1-based) of an outlet."""
    return f"/{outlet['id']}/index.html" if page == 1 else f"/{outlet['id']}/page-{page}.html"


def demo_sources(base_url: str) -> list[dict[str, Any]]:
    """Source config entries (as in `[[sources]]`) for the feeds of the sample web."""
    base = base_url.rstrip("/")
    return [
        {
            "name": outlet["id"],
            "kind": "feed",
            "url": base + feed_path(outlet),
            "schedule": DEMO_SCHEDULE,
            "language": outlet["language"],
        }
        for outlet in load_demo_outlets()
        if outlet.get("feed")
    ]


def parse_time(value: str | datetime) -> datetime:
    """An aware UTC datetime from the corpus's ISO 8601 strings."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def article_path(article: Mapping[str, Any], outlet: Mapping[str, Any]) -> str:
    """Site-relative URL path of an article, from the outlet's url_pattern."""
    when = parse_time(article["published"])
    pattern = outlet.get("url_pattern", "{yyyy}/{mm}/{slug}.html")
    tail = pattern.format(
        yyyy=f"{when.year:04d}",
        mm=f"{when.month:02d}",
        dd=f"{when.day:02d}",
        slug=article["slug"],
        id=article["id"],
    )
    return f"/{outlet['id']}/{tail}"


# ------------------------------------------------------------------- formatting

MONTHS = {  # month names for dates written as a reporter would (benchmarks reuse them)
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
}


def display_date(moment: datetime, language: str) -> str:
    """A human date line as the outlet would print it (not machine-readable on purpose)."""
    if language == "es":
        return (
            f"{moment.day} de {MONTHS['es'][moment.month - 1]} de {moment.year}, {moment:%H:%M} h"
        )
    if language == "zh":
        return f"{moment.year}年{moment.month}月{moment.day}日 {moment:%H:%M}"
    return f"{MONTHS['en'][moment.month - 1]} {moment.day}, {moment.year} at {moment:%H:%M} UTC"


def encode(text: str, encoding: str) -> bytes:
    """Encode a page, turning characters the charset lacks into character references."""
    return text.encode(encoding, "xmlcharrefreplace")


def _pick(key: str, options: Sequence[str], count: int) -> list[str]:
    """A stable, article-dependent choice of `count` options (no global randomness)."""
    digest = hashlib.sha256(key.encode()).digest()
    chosen: list[str] = []
    for byte in digest:
        option = options[byte % len(options)]
        if option not in chosen:
            chosen.append(option)
        if len(chosen) == count:
            break
    return chosen


def _jsonld(data: Mapping[str, Any]) -> str:
    """JSON for a <script> block, with '</' broken so it cannot close the element."""
    return json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")


# ---------------------------------------------------------------- outlet chrome

_CHROME: dict[str, dict[str, Any]] = {
    "en": {
        "sections": [
            "Home",
            "AI",
            "Chips",
            "Cloud",
            "Business",
            "Policy",
            "Science",
            "Opinion",
            "Podcasts",
            "Newsletters",
        ],
        "cookie": "We use cookies to personalise content and ads, to provide social media "
        "features and to analyse our traffic. You can change your choices at any time.",
        "accept": "Accept all",
        "reject": "Reject non-essential",
        "trending": "Trending",
        "related": "Related stories",
        "comments": "Comments",
        "older": "Older stories",
        "newer": "Newer stories",
        "by": "By",
        "more": "Read more",
        "subscribe": "Get the Circuit Desk briefing every weekday morning.",
        "rights": "All rights reserved.",
        "footer": [
            "About us",
            "Contact",
            "Advertise",
            "Privacy policy",
            "Cookie settings",
            "Terms of use",
            "Corrections",
            "RSS feeds",
        ],
        "lookalikes": [
            "XAI Solutions raises $40m for explainable credit-scoring models",
            "Oracle Database 23ai: the features DBAs will actually use",
            "Grizzlies edge Lakers in overtime thriller in Memphis",
            "Colossus and the women of Bletchley Park: a new exhibition",
            "Microsoft and OpenAI rework their cloud agreement",
            "Nvidia results preview: what Wall Street wants to hear",
            "AMD shows its next data-centre accelerator",
            "Grokking transformers: why small models suddenly generalise",
            "Oracle Red Bull Racing unveils its new livery",
        ],
        "comments_pool": [
            ("techwatcher", "Impressive if true, but I'll wait for independent numbers."),
            ("m_rivera", "Where is all the electricity for this supposed to come from?"),
            (
                "oldschoolsysadmin",
                "Nobody reads the terms of these cloud contracts until it's too late.",
            ),
            ("grok_it", "Great write-up, thanks. More of this please."),
            (
                "paula.k",
                "The comparison with last year is a bit unfair, prices have changed a lot.",
            ),
            ("bytesmith", "Bet Musk's xAI tries to buy this one next."),
            ("anon4411", "First!"),
            ("dbrennan", "Memphis deserves better jobs than a warehouse full of servers."),
        ],
    },
    "es": {
        "sections": [
            "Portada",
            "Inteligencia artificial",
            "Móviles",
            "Ciencia",
            "Empresas",
            "Internet",
            "Ciberseguridad",
            "Opinión",
            "Guías",
        ],
        "cookie": "Utilizamos cookies propias y de terceros para mejorar nuestros servicios y "
        "mostrarle publicidad relacionada con sus preferencias. Puede cambiar la "
        "configuración u obtener más información.",
        "accept": "Aceptar",
        "reject": "Configurar",
        "trending": "Lo más leído",
        "related": "Te puede interesar",
        "comments": "Comentarios",
        "older": "Noticias anteriores",
        "newer": "Noticias más recientes",
        "by": "Por",
        "more": "Seguir leyendo",
        "subscribe": "Recibe cada mañana el boletín de Crónica Tecnológica.",
        "rights": "Todos los derechos reservados.",
        "footer": [
            "Quiénes somos",
            "Contacto",
            "Publicidad",
            "Aviso legal",
            "Política de privacidad",
            "Política de cookies",
            "Fe de errores",
        ],
        "lookalikes": [
            "La IA explicable (XAI) entra en las aseguradoras",
            "Oracle presenta resultados trimestrales por encima de lo esperado",
            "Los Grizzlies de Memphis fichan a un base europeo",
            "Colossus, el ordenador secreto que ayudó a descifrar a los nazis",
            "Microsoft y OpenAI renegocian su alianza",
            "Nvidia supera en bolsa a Apple por unas horas",
            "Guía: cómo configurar la copia de seguridad del móvil",
        ],
        "comments_pool": [
            ("jlopez_77", "Habrá que ver cuánto consume todo esto."),
            ("Mar_ia", "Muy buen artículo, gracias por explicarlo tan claro."),
            (
                "ingeniero_jubilado",
                "En mis tiempos un superordenador ocupaba un edificio entero y hacía mucho menos.",
            ),
            ("zaragozano", "¿Y esto en qué nos afecta a los usuarios normales?"),
            ("techfan", "Seguro que la xAI de Musk acaba comprando algo parecido."),
            ("lectora_habitual", "Echo de menos fuentes independientes en estas noticias."),
        ],
    },
}


def _chrome(outlet: Mapping[str, Any]) -> dict[str, Any]:
    return _CHROME.get(outlet["language"], _CHROME["en"])


class _Ctx(NamedTuple):
    """Per-outlet rendering context."""

    outlet: Mapping[str, Any]
    base: str
    items: list[dict[str, Any]]  # newest first

    def url(self, path: str) -> str:
        return self.base + path

    def article_url(self, article: Mapping[str, Any]) -> str:
        return self.url(article_path(article, self.outlet))


def _head(ctx: _Ctx, title: str, description: str, canonical: str, extra: str = "") -> str:
    outlet = ctx.outlet
    charset = outlet.get("encoding", "utf-8")
    feed_type = "application/atom+xml" if outlet.get("feed") == "atom" else "application/rss+xml"
    feed_link = (
        f'<link rel="alternate" type="{feed_type}" title="{escape(outlet["name"])}" '
        f'href="{ctx.url(feed_path(outlet))}">'
        if outlet.get("feed")
        else ""
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{outlet["language"]}">\n<head>\n'
        f'<meta charset="{charset}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} | {escape(outlet['name'])}</title>\n"
        f'<meta name="description" content="{escape(description)}">\n'
        f'<link rel="canonical" href="{canonical}">\n{feed_link}\n{extra}'
        "<style>body{font-family:Georgia,serif;margin:0}.wrap{max-width:1100px;margin:auto}"
        ".cookie{position:fixed;bottom:0;background:#222;color:#eee;padding:1em}"
        "aside{float:right;width:300px}nav ul{list-style:none;display:flex;gap:1em}</style>\n"
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
        "gtag('js',new Date());gtag('config','G-DEMO0000');</script>\n"
        "</head>\n"
    )


def _masthead(ctx: _Ctx) -> str:
    chrome = _chrome(ctx.outlet)
    links = "".join(
        f'<li><a href="{ctx.url(listing_path(ctx.outlet))}#{i}">{escape(name)}</a></li>'
        for i, name in enumerate(chrome["sections"])
    )
    return (
        f'<div class="cookie" id="cookie-consent"><p>{escape(chrome["cookie"])}</p>'
        f"<button>{escape(chrome['accept'])}</button> <button>{escape(chrome['reject'])}</button></div>\n"
        f'<header class="masthead"><div class="wrap"><a class="logo" href="{ctx.url(listing_path(ctx.outlet))}">'
        f'{escape(ctx.outlet["name"])}</a> <span class="tagline">{escape(ctx.outlet.get("tagline", ""))}</span>'
        f'<form class="search" action="{ctx.url("/search/")}"><input name="q"></form></div>\n'
        f'<nav class="main-nav"><ul>{links}</ul></nav></header>\n'
    )


def _sidebar(ctx: _Ctx, exclude: str | None) -> str:
    chrome = _chrome(ctx.outlet)
    own = [a for a in ctx.items if a["id"] != exclude][:4]
    entries = [f'<li><a href="{ctx.article_url(a)}">{escape(a["title"])}</a></li>' for a in own]
    entries += [
        f'<li><a href="{ctx.url("/" + ctx.outlet["id"] + "/trending/")}{i}.html">{escape(t)}</a></li>'
        for i, t in enumerate(_pick(exclude or ctx.outlet["id"], chrome["lookalikes"], 4))
    ]
    return (
        f'<aside class="sidebar trending"><h3>{escape(chrome["trending"])}</h3><ol>{"".join(entries)}</ol>'
        '<div class="ad-slot" data-slot="sidebar-300x600">Advertisement</div>'
        f'<div class="newsletter"><p>{escape(chrome["subscribe"])}</p><input type="email"></div></aside>\n'
    )


def _footer(ctx: _Ctx) -> str:
    chrome = _chrome(ctx.outlet)
    links = " | ".join(
        f'<a href="{ctx.url("/" + ctx.outlet["id"] + "/info/")}{i}.html">{escape(t)}</a>'
        for i, t in enumerate(chrome["footer"])
    )
    return (
        f'<footer class="site-footer"><div class="wrap"><p>{links}</p>'
        f"<p>&copy; 2025 {escape(ctx.outlet['name'])}. {escape(chrome['rights'])}</p></div></footer>\n"
        "<script>document.querySelectorAll('#cookie-consent button').forEach(function(b){"
        "b.onclick=function(){document.getElementById('cookie-consent').remove()}})</script>\n"
    )


def _comments(ctx: _Ctx, article: Mapping[str, Any]) -> str:
    chrome = _chrome(ctx.outlet)
    pool = chrome["comments_pool"]
    picked = _pick("comments:" + article["id"], [f"{i}" for i in range(len(pool))], 3)
    items = []
    for hours, key in enumerate(picked, start=2):
        user, text = pool[int(key)]
        items.append(
            f'<li class="comment"><span class="user">{escape(user)}</span> '
            f'<span class="ago">{hours} h</span><p>{escape(text)}</p></li>'
        )
    return (
        f'<section class="comments" id="comments"><h3>{escape(chrome["comments"])} ({len(items)})</h3>'
        f"<ul>{''.join(items)}</ul></section>\n"
    )


def _related(ctx: _Ctx, article: Mapping[str, Any]) -> str:
    chrome = _chrome(ctx.outlet)
    moment = parse_time(article["published"])
    older = [a for a in ctx.items if parse_time(a["published"]) < moment][:3]
    if not older:
        older = [a for a in ctx.items if a["id"] != article["id"]][-3:]
    links = "".join(
        f'<li><a href="{ctx.article_url(a)}">{escape(a["title"])}</a></li>' for a in older
    )
    return (
        f'<section class="related"><h3>{escape(chrome["related"])}</h3><ul>{links}</ul></section>\n'
    )


def render_article(ctx: _Ctx, article: Mapping[str, Any]) -> str:
    """One article page in the outlet's layout (the two outlets differ on purpose)."""
    outlet = ctx.outlet
    chrome = _chrome(outlet)
    url = ctx.article_url(article)
    published = parse_time(article["published"])
    modified = parse_time(article.get("modified") or article["published"])
    locale = {"en": "en_US", "es": "es_ES", "zh": "zh_CN"}.get(
        article["language"], article["language"]
    )
    meta = (
        f'<meta property="og:type" content="article">\n'
        f'<meta property="og:site_name" content="{escape(outlet["name"])}">\n'
        f'<meta property="og:title" content="{escape(article["title"])}">\n'
        f'<meta property="og:description" content="{escape(article["summary"])}">\n'
        f'<meta property="og:url" content="{url}">\n'
        f'<meta property="og:locale" content="{locale}">\n'
        f'<meta property="article:published_time" content="{published.isoformat()}">\n'
        f'<meta property="article:modified_time" content="{modified.isoformat()}">\n'
        f'<meta name="author" content="{escape(article["author"])}">\n'
    )
    if outlet.get("jsonld"):
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article["title"],
            "description": article["summary"],
            "datePublished": published.isoformat(),
            "dateModified": modified.isoformat(),
            "inLanguage": article["language"],
            "author": [{"@type": "Person", "name": article["author"]}],
            "publisher": {
                "@type": "Organization",
                "name": outlet["name"],
                "logo": {"@type": "ImageObject", "url": ctx.url(f"/{outlet['id']}/logo.png")},
            },
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        }
        meta += f'<script type="application/ld+json">\n{_jsonld(data)}\n</script>\n'
    head = _head(ctx, article["title"], article["summary"], url, meta)
    paragraphs = article["body"]
    if outlet["language"] == "es":
        # Diario layout: no <article>, a loose date line, an ad between paragraphs.
        body_html = "".join(
            f'<p class="parrafo">{escape(p)}</p>\n'
            + ('<div class="publi" data-slot="robapaginas">Publicidad</div>\n' if i == 1 else "")
            for i, p in enumerate(paragraphs)
        )
        main = (
            f'<div id="contenido" class="wrap"><div class="noticia">'
            f'<p class="antetitulo">{escape(chrome["sections"][1])}</p>'
            f'<h1 class="titular">{escape(article["title"])}</h1>\n'
            f'<h2 class="entradilla">{escape(article["summary"])}</h2>\n'
            f'<div class="firma">{chrome["by"]} <b>{escape(article["author"])}</b> &middot; '
            f'<span class="fecha">{display_date(published, "es")}</span></div>\n'
            f'<div class="cuerpo">\n{body_html}</div>\n'
            f'<div class="compartir">Compartir: <a href="#">X</a> <a href="#">Facebook</a> '
            f'<a href="#">WhatsApp</a></div>\n'
            f"{_related(ctx, article)}{_comments(ctx, article)}</div>{_sidebar(ctx, article['id'])}</div>\n"
        )
    else:
        body_html = "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs)
        main = (
            f'<main class="wrap"><div class="breadcrumbs"><a href="{ctx.url(listing_path(outlet))}">'
            f"{escape(chrome['sections'][0])}</a> &rsaquo; {escape(chrome['sections'][1])}</div>\n"
            f'<article class="story"><header><h1>{escape(article["title"])}</h1>\n'
            f'<p class="standfirst">{escape(article["summary"])}</p>\n'
            f'<p class="byline">{chrome["by"]} <a rel="author" href="{ctx.url("/" + outlet["id"] + "/authors/")}'
            f'{escape(article["author"].lower().replace(" ", "-"))}.html">{escape(article["author"])}</a> '
            f'<time datetime="{published.isoformat()}">{display_date(published, "en")}</time></p></header>\n'
            f'<div class="story-body">\n{body_html}</div>\n'
            f'<p class="share">Share this story: <a href="#">X</a> <a href="#">LinkedIn</a> <a href="#">Email</a></p>\n'
            f"</article>\n{_sidebar(ctx, article['id'])}{_related(ctx, article)}{_comments(ctx, article)}</main>\n"
        )
    return f"{head}<body>\n{_masthead(ctx)}{main}{_footer(ctx)}</body>\n</html>\n"


def render_listing(ctx: _Ctx, page: int, pages: int, items: Sequence[Mapping[str, Any]]) -> str:
    """Listing page `page` of `pages`, with rel=next/prev links and an Older link."""
    outlet = ctx.outlet
    chrome = _chrome(outlet)
    canonical = ctx.url(listing_path(outlet, page))
    rel = ""
    nav = []
    if page > 1:
        prev_url = ctx.url(listing_path(outlet, page - 1))
        rel += f'<link rel="prev" href="{prev_url}">\n'
        nav.append(f'<a class="newer" href="{prev_url}">&larr; {escape(chrome["newer"])}</a>')
    if page < pages:
        next_url = ctx.url(listing_path(outlet, page + 1))
        rel += f'<link rel="next" href="{next_url}">\n'
        nav.append(f'<a class="older" href="{next_url}">{escape(chrome["older"])} &rarr;</a>')
    teasers = "".join(
        f'<div class="teaser"><h2><a href="{ctx.article_url(a)}">{escape(a["title"])}</a></h2>'
        f'<p class="meta">{escape(a["author"])} &middot; '
        f"{display_date(parse_time(a['published']), outlet['language'])}</p>"
        f'<p>{escape(a["summary"])} <a href="{ctx.article_url(a)}">{escape(chrome["more"])}</a></p></div>\n'
        for a in items
    )
    head = _head(
        ctx,
        outlet["name"] if page == 1 else f"{outlet['name']} ({page})",
        outlet.get("tagline", ""),
        canonical,
        rel,
    )
    return (
        f'{head}<body>\n{_masthead(ctx)}<main class="wrap listing">\n{teasers}'
        f'<div class="pagination">{" ".join(nav)}</div>\n</main>\n{_sidebar(ctx, None)}{_footer(ctx)}'
        "</body>\n</html>\n"
    )


# ------------------------------------------------------------ feeds & sitemaps


def render_rss(
    channel: Mapping[str, str], items: Iterable[FeedItem], *, encoding: str = "utf-8"
) -> bytes:
    """An RSS 2.0 document; `channel` has title, link, description, language and self (feed URL)."""
    entries = list(items)
    built = max((i.published for i in entries), default=datetime(2024, 1, 1, tzinfo=UTC))
    parts = [
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
        f"<title>{xml_escape(channel['title'])}</title>\n<link>{xml_escape(channel['link'])}</link>\n"
        f"<description>{xml_escape(channel.get('description', ''))}</description>\n"
        f"<language>{channel.get('language', 'en')}</language>\n"
        f"<lastBuildDate>{format_datetime(built, usegmt=True)}</lastBuildDate>\n"
        f'<atom:link href="{xml_escape(channel["self"])}" rel="self" type="application/rss+xml"/>\n'
        "<ttl>30</ttl>\n"
    ]
    for item in entries:
        category = f"<category>{xml_escape(item.category)}</category>" if item.category else ""
        parts.append(
            f"<item><title>{xml_escape(item.title)}</title><link>{xml_escape(item.url)}</link>"
            f'<guid isPermaLink="true">{xml_escape(item.url)}</guid>'
            f"<pubDate>{format_datetime(item.published, usegmt=True)}</pubDate>"
            f"<dc:creator>{xml_escape(item.author)}</dc:creator>{category}"
            f"<description>{xml_escape(item.summary)}</description></item>\n"
        )
    parts.append("</channel>\n</rss>\n")
    return encode("".join(parts), encoding)


def render_atom(
    channel: Mapping[str, str], items: Iterable[FeedItem], *, encoding: str = "utf-8"
) -> bytes:
    """An Atom 1.0 document; `channel` as for `render_rss`, plus an optional id."""
    entries = list(items)
    updated = max((i.published for i in entries), default=datetime(2024, 1, 1, tzinfo=UTC))
    parts = [
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{channel.get("language", "en")}">\n'
        f"<id>{xml_escape(channel.get('id', channel['self']))}</id>\n"
        f"<title>{xml_escape(channel['title'])}</title>\n"
        f"<subtitle>{xml_escape(channel.get('description', ''))}</subtitle>\n"
        f"<updated>{updated.isoformat()}</updated>\n"
        f'<link rel="self" type="application/atom+xml" href="{xml_escape(channel["self"])}"/>\n'
        f'<link rel="alternate" type="text/html" href="{xml_escape(channel["link"])}"/>\n'
    ]
    for item in entries:
        category = f'<category term="{xml_escape(item.category)}"/>' if item.category else ""
        parts.append(
            f"<entry><id>{xml_escape(item.url)}</id><title>{xml_escape(item.title)}</title>"
            f'<link rel="alternate" type="text/html" href="{xml_escape(item.url)}"/>'
            f"<published>{item.published.isoformat()}</published><updated>{item.published.isoformat()}</updated>"
            f"<author><name>{xml_escape(item.author)}</name></author>{category}"
            f'<summary type="text">{xml_escape(item.summary)}</summary></entry>\n'
        )
    parts.append("</feed>\n")
    return encode("".join(parts), encoding)


def render_news_sitemap(publication: str, items: Iterable[FeedItem]) -> bytes:
    """A Google News sitemap (always UTF-8, as the sitemap protocol requires)."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
    ]
    for item in items:
        parts.append(
            f"<url><loc>{xml_escape(item.url)}</loc><lastmod>{item.published.isoformat()}</lastmod>"
            f"<news:news><news:publication><news:name>{xml_escape(publication)}</news:name>"
            f"<news:language>{item.language}</news:language></news:publication>"
            f"<news:publication_date>{item.published.isoformat()}</news:publication_date>"
            f"<news:title>{xml_escape(item.title)}</news:title></news:news></url>\n"
        )
    parts.append("</urlset>\n")
    return "".join(parts).encode("utf-8")


def render_robots(base_url: str, sitemap_paths: Iterable[str]) -> bytes:
    """robots.txt that keeps crawlers out of search and account pages and names the sitemaps."""
    base = base_url.rstrip("/")
    lines = ["User-agent: *", "Disallow: /search/", "Disallow: /account/", ""]
    lines += [f"Sitemap: {base}{path}" for path in sitemap_paths]
    return ("\n".join(lines) + "\n").encode("utf-8")


def feed_content_type(kind: str, encoding: str) -> str:
    """The Content-Type a news site sends for its feed."""
    mime = "application/atom+xml" if kind == "atom" else "application/rss+xml"
    return f"{mime}; charset={encoding}"


# ----------------------------------------------------------------- whole site


def _feed_item(ctx: _Ctx, article: Mapping[str, Any]) -> FeedItem:
    return FeedItem(
        title=article["title"],
        url=ctx.article_url(article),
        summary=article["summary"],
        author=article["author"],
        published=parse_time(article["published"]),
        language=article.get("language", ctx.outlet["language"]),
    )


def render_site(
    articles: list[dict[str, Any]],
    base_url: str,
    outlets: Sequence[Mapping[str, Any]] | None = None,
    *,
    page_size: int = PAGE_SIZE,
    feed_size: int = FEED_SIZE,
) -> dict[str, Page]:
    """Every page of the news web, keyed by site-relative path ("/robots.txt", ...).

    `outlets` defaults to the bundled two; outlets with no article are left out.
    """
    base = base_url.rstrip("/")
    outlet_list = list(outlets) if outlets is not None else load_demo_outlets()
    pages: dict[str, Page] = {}
    sitemaps: list[str] = []
    home_links: list[str] = []
    newest_overall = datetime(2024, 1, 1, tzinfo=UTC)
    for outlet in outlet_list:
        items = sorted(
            (a for a in articles if a["outlet"] == outlet["id"]),
            key=lambda a: parse_time(a["published"]),
            reverse=True,
        )
        if not items:
            continue
        encoding = outlet.get("encoding", "utf-8")
        html_type = f"text/html; charset={encoding}"
        ctx = _Ctx(outlet, base, items)
        for article in items:
            moment = parse_time(article.get("modified") or article["published"])
            pages[article_path(article, outlet)] = Page(
                encode(render_article(ctx, article), encoding), html_type, moment
            )
        newest = parse_time(items[0]["published"])
        newest_overall = max(newest_overall, newest)
        count = max(1, math.ceil(len(items) / page_size))
        for number in range(1, count + 1):
            chunk = items[(number - 1) * page_size : number * page_size]
            pages[listing_path(outlet, number)] = Page(
                encode(render_listing(ctx, number, count, chunk), encoding),
                html_type,
                parse_time(chunk[0]["published"]),
            )
        feed_items = [_feed_item(ctx, a) for a in items]
        kind = outlet.get("feed")
        if kind:
            channel = {
                "title": outlet["name"],
                "link": ctx.url(listing_path(outlet)),
                "description": outlet.get("tagline", ""),
                "language": outlet["language"],
                "self": ctx.url(feed_path(outlet)),
            }
            render = render_atom if kind == "atom" else render_rss
            pages[feed_path(outlet)] = Page(
                render(channel, feed_items[:feed_size], encoding=encoding),
                feed_content_type(kind, encoding),
                newest,
            )
        if outlet.get("sitemap", True):
            pages[sitemap_path(outlet)] = Page(
                render_news_sitemap(outlet["name"], feed_items),
                "application/xml; charset=utf-8",
                newest,
            )
            sitemaps.append(sitemap_path(outlet))
        home_links.append(
            f'<li><a href="{ctx.url(listing_path(outlet))}">{escape(outlet["name"])}</a></li>'
        )
    pages["/robots.txt"] = Page(
        render_robots(base, sitemaps), "text/plain; charset=utf-8", newest_overall
    )
    home = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Sample news web</title></head>'
        f"<body><h1>Sample news web</h1><ul>{''.join(home_links)}</ul></body></html>\n"
    )
    pages["/index.html"] = Page(home.encode("utf-8"), "text/html; charset=utf-8", newest_overall)
    return pages
