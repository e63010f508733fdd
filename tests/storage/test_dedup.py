"""Tests for storage.dedup: syndicated copies match, independent reports do not."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from storage.dedup import (
    BANDS,
    NEAR_DUPLICATE_THRESHOLD,
    NUM_PERM,
    Fingerprint,
    band_keys,
    fingerprint,
    fingerprint_from_bytes,
    fingerprint_to_bytes,
    similarities,
    similarity,
    tokens,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"

# --------------------------------------------------------------------------
# our own examples: an article, a syndicated copy with a reworded first
# sentence, and an independent report of the same event (same names, numbers)
# --------------------------------------------------------------------------

EN_REST = """The 2.4-kilometre wall will run from the Old Mill bridge to the rail yards and is designed to protect about 3,200 homes in the low-lying east side. Construction is due to start in March 2025 and to take roughly two years.

Mayor Dana Whitfield called the vote "the most important decision this council will make", and said the city would apply for a federal resilience grant to cover up to half the cost. The rest will come from a bond issue that voters approved last year.

Opponents on the council argued that the barrier would push floodwater downstream toward the neighbouring town of Ashby, whose officials have asked for an independent study. The engineering firm Haldane & Co., which drew up the design, said its models showed only a small rise in river levels downstream.

Residents who attended the meeting were divided. Several shop owners on Front Street said the wall would block views of the river and hurt business, while families from the east side said they could not afford another winter of sandbags and insurance claims.

The council also approved a plan to plant trees along the top of the embankment and to build a footpath that will link the two ends of the barrier."""

EN_ORIGINAL = (
    "Riverton's city council voted 7-2 on Tuesday night to build a $45 million flood barrier "
    "along the Kessel River, ending a debate that had dragged on since the floods of 2021.\n\n"
    + EN_REST
)
EN_COPY = (
    "A $45 million flood barrier will be built along the Kessel River after Riverton's city "
    "council backed the project by seven votes to two on Tuesday night, closing a debate that "
    "began with the 2021 floods.\n\n" + EN_REST
)
EN_OTHER_REPORT = """Riverton will spend $45 million on a wall to keep the Kessel River out of its east side, after councillors approved the plan 7-2 on Tuesday.

The barrier, 2.4 kilometres long, is meant to shield some 3,200 homes that were flooded in 2021. Work begins in March 2025 and should last about two years.

Mayor Dana Whitfield told reporters she hoped a federal resilience grant would pay for half of the project, with the bond that voters approved last year covering the remainder.

Haldane & Co., the engineers behind the design, told the meeting that the effect on river levels in Ashby would be minor, but Ashby's leaders want an independent study before they accept that.

On Front Street, some merchants worry the wall will cut their shops off from the river; east side residents said they were tired of sandbags and insurance claims every winter. A tree-lined footpath along the top of the embankment is part of the plan."""

ES_REST = """La planta, que se levantará junto a la playa de Los Arenales, tendrá capacidad para producir 60.000 metros cúbicos de agua al día y abastecerá a unas 200.000 personas de la comarca. Las obras empezarán en la primavera de 2025 y durarán unos tres años.

La consejera de Medio Ambiente, Marta Ruiz, defendió que la desaladora es «la única respuesta posible» a cuatro años seguidos de sequía, en los que los embalses de la zona no han superado el 20 % de su capacidad.

El proyecto costará 120 millones de euros, de los que la Unión Europea aportará la mitad a través de los fondos de recuperación. El resto saldrá del presupuesto regional y de un préstamo del Banco Europeo de Inversiones.

Los grupos ecologistas han anunciado que recurrirán la decisión. Sostienen que la salmuera que expulsará la planta dañará las praderas de posidonia frente a la costa y que el consumo eléctrico de la instalación será muy elevado.

La empresa pública de aguas asegura que la salmuera se diluirá con un emisario de dos kilómetros y que la planta funcionará en parte con energía solar."""

ES_ORIGINAL = (
    "El Gobierno regional aprobó el jueves la construcción de una planta desaladora de "
    "120 millones de euros en Villarreal del Campo, tras meses de polémica.\n\n" + ES_REST
)
ES_COPY = (
    "Villarreal del Campo tendrá una desaladora de 120 millones de euros después de que el "
    "Gobierno regional diera el jueves luz verde al proyecto, tras meses de polémica.\n\n" + ES_REST
)
ES_OTHER_REPORT = """Villarreal del Campo contará con una desaladora. El Ejecutivo autonómico dio el jueves su visto bueno a una inversión de 120 millones de euros, la mitad financiada por la Unión Europea.

Según la consejera Marta Ruiz, la instalación producirá 60.000 metros cúbicos diarios, suficientes para 200.000 vecinos, y las obras arrancarán en la primavera de 2025.

La sequía, que dura ya cuatro años, ha dejado los embalses de la comarca por debajo del 20 %, recordó Ruiz, que calificó la planta de «la única respuesta posible».

Los ecologistas no están de acuerdo. Temen por las praderas de posidonia de Los Arenales y critican el gasto de electricidad, y ya preparan un recurso.

Desde la empresa pública de aguas responden que un emisario de dos kilómetros diluirá la salmuera y que parte de la energía será solar."""

ZH_REST = """三号线全长28公里，共设18座车站，连接城北的高铁站和城南的大学城，全程运行时间约45分钟。该线路总投资约210亿元，预计开通初期日均客流可达30万人次。

市轨道交通集团负责人表示，三号线采用全自动无人驾驶系统，高峰时段发车间隔最短为两分半钟。为方便市民换乘，线路在人民广场站和火车站站分别与一号线、二号线实现同站换乘。

开通首日，不少市民专程前来体验。在大学城站，一名学生说，以前进城要换乘两次公交车，花一个多小时，现在半个多小时就能到市中心。

据介绍，滨海市还计划在2027年前建成四号线和五号线，届时全市轨道交通运营里程将超过150公里。"""

ZH_ORIGINAL = (
    "滨海市地铁三号线于本周六上午正式开通运营，市民从此可以乘坐地铁直达大学城。\n\n" + ZH_REST
)
ZH_COPY = "本周六上午，滨海市第三条地铁线路开始载客运营，大学城从此通上了地铁。\n\n" + ZH_REST
ZH_OTHER_REPORT = """周六起，滨海人去大学城可以坐地铁了。当天上午，地铁三号线开通，这条线路长28公里，有18座车站，总投资约210亿元。

轨道交通集团介绍，三号线是本市首条全自动无人驾驶线路，早晚高峰最小间隔两分半钟，初期预计每天运送乘客30万人次。乘客可在人民广场站换乘一号线，在火车站站换乘二号线。

记者在车厢里遇到几位大学生，他们说过去坐公交进城要一个多小时，如今只需三十多分钟。

按照规划，四号线、五号线将于2027年前建成，全市地铁总里程届时将突破150公里。"""

EXAMPLES = {
    "en": (EN_ORIGINAL, EN_COPY, EN_OTHER_REPORT),
    "es": (ES_ORIGINAL, ES_COPY, ES_OTHER_REPORT),
    "zh": (ZH_ORIGINAL, ZH_COPY, ZH_OTHER_REPORT),
}


def shares_a_band(a: Fingerprint, b: Fingerprint) -> bool:
    return any(x == y for x, y in zip(band_keys(a), band_keys(b), strict=True))


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_syndicated_copy_with_new_first_sentence_is_caught(language: str) -> None:
    original, copy, _ = EXAMPLES[language]
    assert original != copy and original.split("\n\n")[1:] == copy.split("\n\n")[1:]
    a, b = fingerprint(original), fingerprint(copy)
    assert similarity(a, b) >= NEAR_DUPLICATE_THRESHOLD
    assert shares_a_band(a, b), "the copy must be found as a candidate by band equality"


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_independent_report_of_the_same_event_is_not_a_duplicate(language: str) -> None:
    original, copy, other = EXAMPLES[language]
    for text in (original, copy):
        assert similarity(fingerprint(text), fingerprint(other)) < 0.2


def test_languages_do_not_match_each_other() -> None:
    for (_, (a, _, _)), (_, (b, _, _)) in itertools.combinations(EXAMPLES.items(), 2):
        assert similarity(fingerprint(a), fingerprint(b)) < 0.05


def test_the_brief_example() -> None:
    rest = (
        " The 100,000-GPU system, built in a former Electrolux factory, is meant to train the "
        "company's next Grok model. Musk said the cluster would be the most powerful AI training "
        "system in the world by December. Local officials have raised questions about the site's "
        "power and water use, which the company says it is addressing with a new substation and "
        "a recycling plant. xAI had previously rented capacity from Oracle but decided in July to "
        "build its own machine because it wanted a faster timeline than the cloud provider could "
        "offer. Nvidia, Dell and Supermicro supplied the hardware, and the company said training "
        "runs would expand gradually as more racks are brought online over the coming weeks."
    )
    original = (
        "xAI started training on its Memphis Supercluster early on Monday, Elon Musk said." + rest
    )
    copy = (
        "Training on xAI's Memphis Supercluster got under way early on Monday, according to Elon Musk."
        + rest
    )
    assert similarity(fingerprint(original), fingerprint(copy)) >= NEAR_DUPLICATE_THRESHOLD
    assert shares_a_band(fingerprint(original), fingerprint(copy))


# --------------------------------------------------------------------------
# normalisation, encoding, determinism
# --------------------------------------------------------------------------


def test_normalisation_ignores_case_punctuation_and_spacing() -> None:
    a = "The Council voted 7-2 on Tuesday; the wall will cost $45 million."
    b = "the council  VOTED 7 2 on tuesday -- the wall will cost 45 MILLION"
    assert tokens(a) == tokens(b)
    assert similarity(fingerprint(a), fingerprint(b)) == 1.0


def test_cjk_text_is_tokenised_by_character() -> None:
    assert tokens("滨海市地铁3号线，于周六开通！") == [
        "滨",
        "海",
        "市",
        "地",
        "铁",
        "3",
        "号",
        "线",
        "于",
        "周",
        "六",
        "开",
        "通",
    ]
    assert tokens("xAI発表、Grok-2 は") == ["xai", "発", "表", "grok", "2", "は"]
    assert tokens("ＡＢＣ１２３") == ["abc123"]  # NFKC folds full-width forms


def test_empty_texts_match_nothing() -> None:
    empty = fingerprint("  ... !!! ")
    assert empty.is_empty
    assert band_keys(empty) == []
    assert similarity(empty, empty) == 0.0
    assert similarity(empty, fingerprint(EN_ORIGINAL)) == 0.0
    assert fingerprint_from_bytes(fingerprint_to_bytes(empty)) == empty


def test_short_texts_still_get_a_fingerprint() -> None:
    short = fingerprint("Grok two")
    assert not short.is_empty and short.shingles == 1
    assert similarity(short, fingerprint("grok TWO.")) == 1.0


def test_band_keys_fit_signed_64_bit_integers() -> None:
    keys = band_keys(fingerprint(EN_ORIGINAL))
    assert len(keys) == BANDS
    assert all(-(2**63) <= k < 2**63 for k in keys)
    assert len(set(keys)) == BANDS


def test_blob_is_compact_and_validated() -> None:
    fp = fingerprint(EN_ORIGINAL)
    blob = fingerprint_to_bytes(fp)
    assert len(blob) <= 600
    assert fingerprint_from_bytes(memoryview(blob)) == fp
    with pytest.raises(ValueError):
        fingerprint_from_bytes(blob[:-1])
    with pytest.raises(ValueError):
        fingerprint_from_bytes(b"\x02" + blob[1:])
    with pytest.raises(ValueError):
        fingerprint_from_bytes(b"")


def test_fingerprints_are_the_same_in_another_process() -> None:
    """No salted hash(): band keys must match across workers and restarts."""
    code = (
        "import json, sys; from storage.dedup import fingerprint, band_keys, fingerprint_to_bytes; "
        "fp = fingerprint(sys.stdin.read()); "
        "print(json.dumps([band_keys(fp), fingerprint_to_bytes(fp).hex()]))"
    )
    root = Path(__file__).resolve().parents[2]
    for seed in ("1", "2"):
        out = subprocess.run(
            [sys.executable, "-c", code],
            input=ZH_ORIGINAL + EN_ORIGINAL,
            capture_output=True,
            text=True,
            check=True,
            cwd=root,
            env={"PYTHONHASHSEED": seed, "PATH": "", "PYTHONPATH": str(root)},
        )
        keys, blob = json.loads(out.stdout)
        fp = fingerprint(ZH_ORIGINAL + EN_ORIGINAL)
        assert keys == band_keys(fp)
        assert blob == fingerprint_to_bytes(fp).hex()


# --------------------------------------------------------------------------
# properties
# --------------------------------------------------------------------------

_texts = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], max_codepoint=0x9FFF),
    min_size=1,
    max_size=400,
)


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_a_text_is_its_own_duplicate(text: str) -> None:
    assume(tokens(text))
    fp = fingerprint(text)
    assert similarity(fp, fp) == 1.0
    assert similarity(fp, fingerprint(text)) == 1.0
    assert band_keys(fp) == band_keys(fingerprint(text))


@settings(max_examples=200, deadline=None)
@given(_texts)
def test_fingerprint_round_trips_through_bytes(text: str) -> None:
    fp = fingerprint(text)
    back = fingerprint_from_bytes(fingerprint_to_bytes(fp))
    assert back == fp
    assert band_keys(back) == band_keys(fp)


@settings(max_examples=100, deadline=None)
@given(_texts, _texts)
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    fa, fb = fingerprint(a), fingerprint(b)
    assert similarity(fa, fb) == similarity(fb, fa)
    assert 0.0 <= similarity(fa, fb) <= 1.0


# --------------------------------------------------------------------------
# the shared dev corpus
# --------------------------------------------------------------------------


# few words, so that texts share shingles and minima in every proportion
_word_texts = st.lists(
    st.sampled_from(["memphis", "cluster", "gpu", "xai", "oracle", "power", "grid"]), max_size=40
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(
    _word_texts,
    st.lists(
        st.tuples(
            st.sampled_from(["text", "altered", "none"]),
            _word_texts,
            st.sets(st.integers(0, NUM_PERM - 1)),
        ),
        max_size=30,
    ),
)
def test_vectorised_similarity_equals_the_scalar_one(
    probe: str, stored: list[tuple[str, str, set[int]]]
) -> None:
    """similarities() confirms candidates all at once; it must agree with similarity() exactly."""
    fp = fingerprint(probe)
    blobs: list[bytes | None] = []
    for kind, text, changed in stored:
        if kind == "none":  # an article stored without a fingerprint
            blobs.append(None)
        elif kind == "text":
            blobs.append(fingerprint_to_bytes(fingerprint(text)))
        else:  # the probe's signature with some minima changed: every similarity level
            values = fp.values.copy()
            values[sorted(changed)] ^= 1
            blobs.append(
                fingerprint_to_bytes(Fingerprint(values.astype("<u4").tobytes(), fp.shingles))
            )
    expected = [0.0 if b is None else similarity(fp, fingerprint_from_bytes(b)) for b in blobs]
    assert similarities(fp, blobs).tolist() == expected
    # database drivers may hand over memoryviews
    views = [None if b is None else memoryview(b) for b in blobs]
    assert similarities(fp, views).tolist() == expected
    assert [s >= NEAR_DUPLICATE_THRESHOLD for s in similarities(fp, blobs)] == [
        s >= NEAR_DUPLICATE_THRESHOLD for s in expected
    ]


def test_vectorised_similarity_rejects_blobs_of_another_format() -> None:
    fp = fingerprint(EN_ORIGINAL)
    good = fingerprint_to_bytes(fp)
    assert similarities(fp, []).tolist() == []
    assert similarities(fp, [None, good]).tolist() == [0.0, 1.0]
    for bad in (good[:-1], good + b"\0", b"\x02" + good[1:], good[:1] + b"\x40\x00" + good[3:]):
        with pytest.raises(ValueError):
            fingerprint_from_bytes(bad)
        with pytest.raises(ValueError):
            similarities(fp, [good, bad])


@pytest.mark.shared
def test_dev_corpus_duplicates_and_only_they_are_flagged() -> None:
    articles_dir = SHARED / "corpus" / "dev" / "articles"
    if not articles_dir.is_dir():
        pytest.skip(
            f"shared corpus not found at {articles_dir} (only present in the project workspace)"
        )
    articles = [
        a for f in sorted(articles_dir.glob("*.json")) for a in json.loads(f.read_text("utf-8"))
    ]
    prints = {a["id"]: fingerprint("\n\n".join(a["body"])) for a in articles}
    labelled = {
        frozenset((a["id"], a["labels"]["duplicate_of"]))
        for a in articles
        if a["labels"].get("duplicate_of")
    }
    assert labelled, "the corpus should label some syndicated copies"
    flagged = set()
    for a, b in itertools.combinations(articles, 2):
        fa, fb = prints[a["id"]], prints[b["id"]]
        if shares_a_band(fa, fb) and similarity(fa, fb) >= NEAR_DUPLICATE_THRESHOLD:
            flagged.add(frozenset((a["id"], b["id"])))
    assert flagged == labelled
