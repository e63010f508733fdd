"""The language layer's readers, language by language: numbers in each locale's style
and in words, money, dates (absolute, relative to the publication date, parts, halves,
quarters, bounds such as "no earlier than"), units as concepts with conversions, and
sentences. Parametrized over en, es, zh, fr, de; hypothesis where a property exists."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from claims.lang import available, language
from claims.lang.dates import dates
from claims.lang.numbers import figures, normalise
from claims.sentences import split_sentences

LANGS = ["en", "es", "zh", "fr", "de"]
PUB = dt.date(2024, 7, 10)


def read(text: str, code: str) -> list[tuple[float, str | None, str | None, str | None]]:
    table = language(code)
    return [(f.value, f.currency, f.unit, f.qualifier) for f in figures(normalise(text, table), table)]


def test_every_main_language_has_a_module() -> None:
    assert set(LANGS) <= set(available())


@pytest.mark.parametrize(
    ("code", "text", "value", "unit", "qualifier"),
    [
        ("en", "The cluster has 100,000 GPUs.", 100_000, "gpu", None),
        ("en", "about one hundred thousand chips", 100_000, "gpu", "about"),
        ("en", "more than 500 miles on a charge", 500, "distance", "more"),
        ("es", "El clúster tiene 100.000 GPU.", 100_000, "gpu", None),
        ("es", "unos veinticuatro mil chips", 24_000, "gpu", "about"),
        ("es", "más de 6.000 empleos directos", 6_000, "jobs", "more"),
        ("zh", "该集群拥有10万块GPU。", 100_000, "gpu", None),
        ("zh", "约两万四千块芯片", 24_000, "gpu", "about"),
        ("zh", "约3000名员工", 3_000, "jobs", "about"),
        ("fr", "Le site compte 100 000 GPU.", 100_000, "gpu", None),
        ("fr", "environ vingt-quatre mille puces", 24_000, "gpu", "about"),
        ("fr", "plus de 800 km d'autonomie", 800, "distance", "more"),
        ("de", "Der Cluster hat 100.000 GPUs.", 100_000, "gpu", None),
        ("de", "rund vierundzwanzigtausend Chips", 24_000, "gpu", "about"),
        ("de", "mehr als 3.000 Arbeitsplätze", 3_000, "jobs", "more"),
    ],
)
def test_numbers_units_and_qualifiers(code: str, text: str, value: float, unit: str, qualifier: str | None) -> None:
    got = [(v, u, q) for v, _, u, q in read(text, code)]
    assert (value, unit, qualifier) in got, got


@pytest.mark.parametrize(
    ("code", "text", "amount", "currency"),
    [
        ("en", "a deal worth about $10 billion", 10e9, "USD"),
        ("en", "valued near $10bn", 10e9, "USD"),
        ("en", "EUR 30bn of investment", 30e9, "EUR"),
        ("es", "un acuerdo de 10.000 millones de dólares", 10e9, "USD"),
        ("es", "desde 39.900 dólares", 39_900, "USD"),
        ("zh", "总价值约100亿美元", 10e9, "USD"),
        ("zh", "起售价3.99万美元", 39_900, "USD"),
        ("fr", "facturée 39 900 dollars", 39_900, "USD"),
        ("fr", "30 milliards d'euros", 30e9, "EUR"),
        ("de", "Subventionen von 9,9 Milliarden Euro", 9.9e9, "EUR"),
        ("de", "30 Mrd. Euro", 30e9, "EUR"),
    ],
)
def test_money(code: str, text: str, amount: float, currency: str) -> None:
    got = [(v, c) for v, c, _, _ in read(text, code) if c]
    assert any(abs(v - amount) < 1e-6 * amount and c == currency for v, c in got), got


@pytest.mark.parametrize("code", LANGS)
def test_a_year_is_not_a_count(code: str) -> None:
    table = language(code)
    text = {"zh": "2024年"}.get(code, "2024")
    assert all(f.year or f.unit is None for f in figures(normalise(text, table), table))


@pytest.mark.parametrize(
    ("code", "text", "first", "last", "bound"),
    [
        ("en", "by the end of this month", "2024-07-21", "2024-07-31", "by"),
        ("en", "next month", "2024-08-01", "2024-08-31", None),
        ("en", "in late 2021", "2021-10-01", "2021-12-31", None),
        ("en", "in the second half of 2025", "2025-07-01", "2025-12-31", None),
        ("en", "no earlier than June 26", "2024-06-26", "2024-06-26", "not_before"),
        ("en", "it slipped to 2026", "2026-01-01", "2026-12-31", "not_before"),
        ("en", "in the fourth quarter of last year", "2023-10-01", "2023-12-31", None),
        ("es", "a finales de este mes", "2024-07-21", "2024-07-31", None),
        ("es", "el próximo mes", "2024-08-01", "2024-08-31", None),
        ("es", "el 22 de julio de 2024", "2024-07-22", "2024-07-22", None),
        ("es", "no antes de marzo de 2025", "2025-03-01", "2025-03-31", "not_before"),
        ("zh", "2024年7月22日", "2024-07-22", "2024-07-22", None),
        ("zh", "7月底", "2024-07-21", "2024-07-31", None),
        ("zh", "去年第四季", "2023-10-01", "2023-12-31", None),
        ("zh", "2025年底前", "2025-10-01", "2025-12-31", "by"),
        ("zh", "下半年", "2024-07-01", "2024-12-31", None),
        ("fr", "fin juillet", "2024-07-21", "2024-07-31", None),
        ("fr", "au plus tôt en avril 2026", "2026-04-01", "2026-04-30", "not_before"),
        ("fr", "le mois prochain", "2024-08-01", "2024-08-31", None),
        ("de", "Ende Juli", "2024-07-21", "2024-07-31", None),
        ("de", "frühestens 2027", "2027-01-01", "2027-12-31", "not_before"),
        ("de", "im zweiten Halbjahr 2025", "2025-07-01", "2025-12-31", None),
    ],
)
def test_dates(code: str, text: str, first: str, last: str, bound: str | None) -> None:
    got = [(d.first.isoformat(), d.last.isoformat(), d.bound) for d in dates(normalise(text, language(code)), language(code), PUB)]
    assert (first, last, bound) in got, got


@pytest.mark.parametrize("code", LANGS)
def test_relative_dates_need_a_publication_date(code: str) -> None:
    word = {"en": "next month", "es": "el próximo mes", "zh": "下个月", "fr": "le mois prochain", "de": "nächsten Monat"}[code]
    assert dates(word, language(code), None) == []
    assert dates(word, language(code), PUB)


@pytest.mark.parametrize(
    ("code", "text", "concept", "base"),
    [
        ("en", "500 miles", "distance", 500 * 1.609344),
        ("en", "286 days", "duration", 286),
        ("es", "nueve meses", "duration", 9 * 30.44),
        ("fr", "800 km", "distance", 800),
        ("de", "acht Tage", "duration", 8),
        ("zh", "805公里", "distance", 805),
    ],
)
def test_units_convert_to_their_concept(code: str, text: str, concept: str, base: float) -> None:
    table = language(code)
    (f,) = [f for f in figures(normalise(text, table), table) if f.unit]
    assert f.unit == concept and f.base_value == pytest.approx(base)


def test_a_speed_is_not_a_distance() -> None:
    table = language("en")
    assert all(f.unit != "distance" for f in figures("from 0 to 96 km/h", table))


@given(st.integers(min_value=1000, max_value=10**9), st.sampled_from(["en", "es", "fr", "de"]))
def test_a_number_in_the_locales_style_parses_back(n: int, code: str) -> None:
    table = language(code)
    written = format_decimal(n, locale=code)  # "100,000", "100.000", "100 000"
    got = [f.value for f in figures(f"{written} GPU", table)]
    assert n in got, (written, got)


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["万", "亿"]))
def test_chinese_scaled_figures_parse_back(n: int, scale: str) -> None:
    factor = 10**4 if scale == "万" else 10**8
    table = language("zh")
    assert n * factor in [f.value for f in figures(f"约{n}{scale}块GPU", table)]


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)), st.sampled_from(LANGS))
def test_a_spelled_date_reads_back(d: dt.date, code: str) -> None:
    from babel.dates import format_date

    written = f"{d.year}年{d.month}月{d.day}日" if code == "zh" else format_date(d, "d MMMM y", locale=code)
    got = [(x.first, x.last) for x in dates(written, language(code), PUB)]
    assert (d, d) in got, (written, got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Training began at 4:20 a.m. local time. Mr. Musk posted on X. It ran!",
         ["Training began at 4:20 a.m. local time.", "Mr. Musk posted on X.", "It ran!"]),
        ("La cifra es de 2,5 GW. El Sr. Musk lo confirmó.", ["La cifra es de 2,5 GW.", "El Sr. Musk lo confirmó."]),
        ("xAI已开始训练。马斯克称其为“最强”！分析人士质疑？", ["xAI已开始训练。", "马斯克称其为“最强”！", "分析人士质疑？"]),
        ("M. Dupont l'a confirmé. Le site ouvre.", ["M. Dupont l'a confirmé.", "Le site ouvre."]),
        ("Das Werk soll z.B. Chips liefern. Es kostet 30 Mrd. Euro.", ["Das Werk soll z.B. Chips liefern.", "Es kostet 30 Mrd. Euro."]),
        ("First paragraph without stop\nSecond paragraph", ["First paragraph without stop", "Second paragraph"]),
    ],
)  # fmt: skip
def test_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected
