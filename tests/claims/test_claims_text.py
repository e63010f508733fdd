"""Number, money, date normalisation and sentence splitting in English, Spanish and Chinese."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.text import parse_dates, parse_money, parse_number, parse_quantities, split_sentences


def numbers(sentence: str, language: str | None) -> list[float]:
    return [q.value for q in parse_quantities(sentence, language) if q.kind == "number"]


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("a cluster of 100,000 GPUs", "en", 100_000),
        ("un sistema de 100.000 GPU", "es", 100_000),
        ("some 100k chips", "en", 100_000),
        ("100K accelerators", "en", 100_000),
        ("one hundred thousand processors", "en", 100_000),
        ("two hundred and fifty thousand cards", "en", 250_000),
        ("half a million GPUs", "en", 500_000),
        ("1.5 million chips", "en", 1_500_000),
        ("a million GPUs", "en", 1_000_000),
        ("100 mil procesadores", "es", 100_000),
        ("cien mil tarjetas", "es", 100_000),
        ("doscientas mil GPU", "es", 200_000),
        ("treinta y dos mil chips", "es", 32_000),
        ("un millón de GPU", "es", 1_000_000),
        ("10万块显卡", "zh", 100_000),
        ("十万块芯片", "zh", 100_000),
        ("二十万块GPU", "zh", 200_000),
        ("3.2万块H100", "zh", 32_000),
        ("百万块GPU", "zh", 1_000_000),
        ("一百二十万", "zh", 1_200_000),
        ("only 32,000 can run", "en", 32_000),
        ("unas 35.000 GPU", "es", 35_000),
        ("2,5 megavatios", "es", 2.5),
        ("2.5 megawatts", "en", 2.5),
        ("14,400 H100s", None, 14_400),
    ],
)
def test_numbers(text: str, language: str | None, value: float) -> None:
    assert value in numbers(text, language)


@pytest.mark.parametrize(
    ("text", "language", "factor"),
    [
        ("the cluster doubled in size", "en", 2.0),
        ("twice the 100,000 GPUs", "en", 2.0),
        ("ten times the chips", "en", 10.0),
        ("roughly a third of the machine", "en", 1 / 3),
        ("el sistema duplicará su tamaño", "es", 2.0),
        ("la mitad de las GPU", "es", 0.5),
        ("规模翻倍", "zh", 2.0),
        ("目标的三分之一", "zh", 1 / 3),
        ("扩大十倍", "zh", 10.0),
    ],
)
def test_factors(text: str, language: str, factor: float) -> None:
    got = [q.value for q in parse_quantities(text, language) if q.kind == "factor"]
    assert got and got[0] == pytest.approx(factor)


@pytest.mark.parametrize("text", ["Musk doubles down on his claims", "a double-digit rise", "un arma de doble filo"])
def test_idioms_are_not_growth(text: str) -> None:
    assert not [q for q in parse_quantities(text, None) if q.kind == "factor"]


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("more than 100,000 GPUs", "min"),
        ("at least one million GPUs", "min"),
        ("fewer than 40,000 chips", "max"),
        ("超过10万块H100", "min"),
        ("远少于10万块", "max"),
        ("menos de 50.000 GPU", "max"),
    ],
)
def test_bounds(text: str, bound: str) -> None:
    assert [q.bound for q in parse_quantities(text, None) if q.kind == "number"] == [bound]


def test_numbers_in_names_and_fragments_are_not_read_as_thousands() -> None:
    assert numbers("Grok 3 and the H100", "en") == [3.0]  # "H100" is not the number 100
    assert numbers("一部分能够运转", "zh") == []  # 一 in 一部分 is not a figure


@pytest.mark.parametrize(
    ("text", "language", "amount", "currency"),
    [
        ("a $10 billion cloud deal", "en", 10e9, "USD"),
        ("worth US$10bn", "en", 10e9, "USD"),
        ("about 10 billion dollars", "en", 10e9, "USD"),
        ("unos 10.000 millones de dólares", "es", 10e9, "USD"),
        ("10 mil millones de dólares", "es", 10e9, "USD"),
        ("diez mil millones de dólares", "es", 10e9, "USD"),
        ("约100亿美元的合同", "zh", 10e9, "USD"),
        ("5.000 millones de euros", "es", 5e9, "EUR"),
        ("€5bn", "en", 5e9, "EUR"),
    ],
)
def test_money(text: str, language: str, amount: float, currency: str) -> None:
    got = parse_money(text, language)
    assert [(m.amount, m.currency) for m in got] == [(pytest.approx(amount), currency)]


def test_a_number_without_currency_is_not_money() -> None:
    assert parse_money("100,000 GPUs and 5.3%", "en") == []


PUB = dt.datetime(2024, 7, 23, 13, 30, tzinfo=dt.UTC)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "language", "start", "end"),
    [
        ("on July 22", "en", "2024-07-22", "2024-07-22"),
        ("on Monday, 22 July", "en", "2024-07-22", "2024-07-22"),
        ("el 22 de julio", "es", "2024-07-22", "2024-07-22"),
        ("el martes 13 de agosto", "es", "2024-08-13", "2024-08-13"),
        ("7月22日", "zh", "2024-07-22", "2024-07-22"),
        ("2024年8月13日", "zh", "2024-08-13", "2024-08-13"),
        ("on Monday", "en", "2024-07-22", "2024-07-22"),
        ("el lunes", "es", "2024-07-22", "2024-07-22"),
        ("周一", "zh", "2024-07-22", "2024-07-22"),
        ("last month", "en", "2024-06-01", "2024-06-30"),
        ("el mes pasado", "es", "2024-06-01", "2024-06-30"),
        ("上个月", "zh", "2024-06-01", "2024-06-30"),
        ("next month", "en", "2024-08-01", "2024-08-31"),
        ("el mes que viene", "es", "2024-08-01", "2024-08-31"),
        ("下个月", "zh", "2024-08-01", "2024-08-31"),
        ("by the end of July", "en", "2024-07-21", "2024-07-31"),
        ("the end-of-July target", "en", "2024-07-21", "2024-07-31"),
        ("a finales de julio", "es", "2024-07-21", "2024-07-31"),
        ("7月底", "zh", "2024-07-21", "2024-07-31"),
        ("at the start of September", "en", "2024-09-01", "2024-09-10"),
        ("a principios de septiembre", "es", "2024-09-01", "2024-09-10"),
        ("9月初", "zh", "2024-09-01", "2024-09-10"),
        ("over the weekend", "en", "2024-07-20", "2024-07-21"),
        ("this summer", "en", "2024-06-01", "2024-08-31"),
        ("今年夏天", "zh", "2024-06-01", "2024-08-31"),
        ("otoño de 2025", "es", "2025-09-01", "2025-11-30"),
        ("in July 2024", "en", "2024-07-01", "2024-07-31"),
        ("2 January 2027", "en", "2027-01-02", "2027-01-02"),
        ("two weeks ago", "en", "2024-07-06", "2024-07-12"),
        ("later this month", "en", "2024-07-23", "2024-07-31"),
        ("本月晚些时候", "zh", "2024-07-23", "2024-07-31"),
    ],
)
def test_dates(text: str, language: str, start: str, end: str) -> None:
    got = parse_dates(text, language, PUB)
    assert got, text
    assert (got[0].start.isoformat(), got[0].end.isoformat()) == (start, end)


def test_month_without_year_takes_the_nearest_year() -> None:
    # Published in February 2025, "in December" is December 2024, "in March" March 2025.
    pub = dt.date(2025, 2, 18)
    assert parse_dates("in December", "en", pub)[0].start == dt.date(2024, 12, 1)
    assert parse_dates("in March", "en", pub)[0].start == dt.date(2025, 3, 1)


def test_following_month_is_relative_to_the_month_named_before() -> None:
    got = parse_dates("Musk said in July it would ship the following month", "en", dt.date(2024, 8, 14))
    assert got[-1].start == dt.date(2024, 8, 1)


def test_relative_dates_need_a_publication_date() -> None:
    assert parse_dates("on Monday, next month", "en", None) == []
    assert parse_dates("22 July 2024", "en", None)[0].start == dt.date(2024, 7, 22)


@pytest.mark.parametrize("text", ["it may be ready", "they march on", "we will see"])
def test_words_that_look_like_months_are_not_dates(text: str) -> None:
    assert parse_dates(text, "en", PUB) == []


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Training began at 4:20 a.m. local time. Mr. Musk posted on X. It ran!",
            "en",
            ["Training began at 4:20 a.m. local time.", "Mr. Musk posted on X.", "It ran!"],
        ),
        ("La cifra es de 2,5 GW. El Sr. Musk lo confirmó.", "es", ["La cifra es de 2,5 GW.", "El Sr. Musk lo confirmó."]),
        ("xAI已开始训练。马斯克称其为“最强”！分析人士质疑？", "zh", ["xAI已开始训练。", "马斯克称其为“最强”！", "分析人士质疑？"]),
        ("First paragraph without stop\nSecond paragraph", None, ["First paragraph without stop", "Second paragraph"]),
        ("x.AI raised money. The U.S. market grew.", "en", ["x.AI raised money.", "The U.S. market grew."]),
    ],
)
def test_split_sentences(text: str, language: str | None, expected: list[str]) -> None:
    assert split_sentences(text, language) == expected


def _group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@given(st.integers(min_value=0, max_value=10**12))
def test_comma_grouped_integers_parse_back(n: int) -> None:
    assert parse_number(_group(n, ","), "en") == n
    assert parse_number(_group(n, ","), None) == n


@given(st.integers(min_value=0, max_value=10**12))
def test_dot_grouped_integers_parse_back(n: int) -> None:
    assert parse_number(_group(n, "."), "es") == n
    if n >= 1000:
        assert parse_number(_group(n, "."), None) == n


@given(st.integers(min_value=1000, max_value=10**9))
def test_grouped_figures_in_a_sentence_parse_back(n: int) -> None:
    assert n in numbers(f"The cluster has {_group(n, ',')} GPUs.", "en")
    assert n in numbers(f"El clúster tiene {_group(n, '.')} GPU.", "es")


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["万", "亿"]))
def test_chinese_scaled_figures(n: int, scale: str) -> None:
    factor = 10**4 if scale == "万" else 10**8
    assert n * factor in numbers(f"约{n}{scale}块GPU", "zh")


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_iso_and_spelled_dates_round_trip(d: dt.date) -> None:
    month_en = d.strftime("%B")
    assert parse_dates(f"on {d.day} {month_en} {d.year}", "en", None)[0].start == d
    assert parse_dates(f"{d.year}年{d.month}月{d.day}日", "zh", None)[0].start == d
    assert parse_dates(d.isoformat(), "en", None)[0].start == d


# Letters that case-insensitive patterns match as ASCII but that lower() keeps apart:
# the long s (ſ ~ s), the Kelvin sign (K ~ k), the dotted capital I (İ ~ i).
_FOLD_LOOKALIKES = {"s": "ſ", "k": "\u212a", "i": "\u0130"}
_DATE_WORDS = [
    "August 5", "August 5, 2024", "early August 2024", "late September", "mid-August",
    "in August", "the end of July", "Sept. 3", "el 5 de agosto", "finales de septiembre",
    "principios de agosto de 2024", "a mediados de mes", "this month", "last week",
]  # fmt: skip


@given(
    phrase=st.sampled_from(_DATE_WORDS),
    swaps=st.lists(st.booleans(), min_size=30, max_size=30),
    upper=st.booleans(),
)
def test_dates_never_raise_on_case_folding_lookalikes(
    phrase: str, swaps: list[bool], upper: bool
) -> None:
    """A month or part word written with a look-alike letter is read as the word (or as
    no date): it used to raise KeyError ("Auguſt 5"), failing the page's extraction."""
    chars = [
        _FOLD_LOOKALIKES[c] if c in _FOLD_LOOKALIKES and swaps[i % len(swaps)] else c
        for i, c in enumerate(phrase.upper() if upper else phrase)
    ]
    text = "".join(chars)
    for language in ("en", "es", None):
        parse_dates(f"It starts {text}.", language, PUB)


def test_long_s_month_reads_as_the_month() -> None:
    got = parse_dates("Training starts Auguſt 5, 2024.", "en", PUB)
    assert [(d.start, d.end) for d in got] == [(dt.date(2024, 8, 5), dt.date(2024, 8, 5))]
