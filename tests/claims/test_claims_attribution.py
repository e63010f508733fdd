"""Attribution, other subjects and co-reference: the general rules behind stance verdicts.

The sentences are written for these tests (not taken from any corpus); each rule is
checked in English, Spanish and Chinese where the language has the construction.
"""

from __future__ import annotations

import datetime as dt

import pytest

from claims import analyse
from claims.dossier import Story, builtin_story_path, load_story
from claims.evidence import Evidence


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(builtin_story_path("xai-supercomputer"))


def verdicts(story: Story, body: str, language: str, published: str, title: str = "") -> dict[str, Evidence]:
    when = dt.datetime.fromisoformat(published).replace(hour=12, tzinfo=dt.UTC)
    return {e.claim_id: e for e in analyse(story, title, body, language, when)}


INTRO = {
    "en": "xAI operates a large supercomputer in Memphis called Colossus. ",
    "es": "xAI opera en Menfis un gran superordenador llamado Colossus. ",
    "zh": "xAI在孟菲斯运营一台名为Colossus的超级计算机。",
}

CASES = [
    # claim, language, published, title, body (after INTRO), expected stance, rule prefix
    # --- a second predicate of the protagonist: "... and said" ---
    ("gpu-count", "en", "2024-09-05", "", "Musk shared a video of the hall on X and said Colossus links 100,000 Nvidia H100 GPUs.", "mentions", "quantity.equal; attributed"),
    ("gpu-count", "es", "2024-09-05", "", "Musk publicó un vídeo de la nave en X y afirmó que Colossus conecta 100.000 GPU H100.", "mentions", "quantity.equal; attributed"),
    # --- promotion verbs ---
    ("most-powerful", "en", "2024-09-05", "", "Colossus, which Musk has promoted as the largest AI training system on Earth, is in an old factory.", "mentions", "superlative.independent; attributed"),
    ("gpu-count", "en", "2024-09-05", "", "xAI likes to talk about 100,000 H100 GPUs inside Colossus.", "mentions", "quantity.equal; attributed"),
    ("most-powerful", "zh", "2024-09-05", "", "马斯克多次吹嘘Colossus是全球最强大的AI训练集群。", "mentions", "superlative.independent; attributed"),
    # --- "según escribió": the subject is the speaker named before ---
    ("gpu-count", "es", "2024-09-05", "", "Elon Musk visitó la planta el martes. Según explicó, Colossus reúne 100.000 GPU H100.", "mentions", "quantity.equal; attributed"),
    ("gpu-count", "es", "2024-09-05", "", "Colossus reúne 100.000 GPU H100, según informó el diario local.", "supports", "quantity.equal"),
    # --- postposed speakers ---
    ("gpu-count", "es", "2024-09-05", "", "Colossus ya reúne 100.000 GPU H100, anunció la compañía.", "mentions", "quantity.equal; attributed"),
    ("gpu-count", "en", "2024-09-05", "", "Colossus now links 100,000 H100 GPUs, Musk tweeted.", "mentions", "quantity.equal; attributed"),
    ("gpu-count", "en", "2024-09-05", "", "Colossus now links 100,000 H100 GPUs, a utility spokesman told reporters.", "supports", "quantity.equal"),
    # --- an agentless passive is nobody's words ---
    ("most-powerful", "en", "2024-09-05", "", "Colossus is widely described as the largest AI training cluster in the world.", "supports", "superlative.independent"),
    # --- figures that the writer says are not real ---
    ("gpu-count", "en", "2024-09-05", "", "Colossus is said to hold 100,000 H100 GPUs, but that number remains more promise than reality.", "contradicts", "quantity.not_real"),
    ("gpu-count", "es", "2024-09-05", "", "Las 100.000 GPU H100 de Colossus son por ahora más una aspiración que una realidad.", "contradicts", "quantity.not_real"),
    # --- smaller figures that say what is switched on ---
    ("gpu-count", "en", "2024-09-05", "", "About 40,000 of the Colossus GPUs are switched on so far.", "contradicts", "quantity.smaller_running"),
    # --- a rival level with the cluster ---
    ("most-powerful", "en", "2024-11-05", "", "Google's newest TPU pod is now level with Colossus, researchers say.", "contradicts", "superlative.rival_comparable"),
    ("most-powerful", "es", "2024-11-05", "", "El nuevo clúster de Meta ya está al mismo nivel que Colossus.", "contradicts", "superlative.rival_comparable"),
    # --- a fact reported next to the restated promise ---
    ("training-start", "en", "2024-09-05", "", "Colossus went fully online in early September, weeks after the date by which xAI had said it would be training.", "updates", "event.done_after_deadline"),
]  # fmt: skip


@pytest.mark.parametrize(("claim", "language", "published", "title", "body", "stance", "rule"), CASES)
def test_attribution_rules(
    story: Story, claim: str, language: str, published: str, title: str, body: str, stance: str, rule: str
) -> None:
    got = verdicts(story, INTRO[language] + body, language, published, title).get(claim)
    assert got is not None, f"{claim} not addressed"
    assert (got.stance, got.rule[: len(rule)]) == (stance, rule), got


@pytest.mark.parametrize(
    ("language", "title", "stance"),
    [
        ("en", "Musk: Colossus now runs 100,000 H100 GPUs", "mentions"),
        ("es", "Musk: Colossus ya funciona con 100.000 GPU H100", "mentions"),
        ("zh", "马斯克：Colossus已接入10万块H100", "mentions"),
        ("zh", "业内人士：Colossus已接入10万块H100", "supports"),
        ("en", "Utility: Colossus now runs 100,000 H100 GPUs", "supports"),
    ],
)
def test_headline_speaker_before_a_colon(story: Story, language: str, title: str, stance: str) -> None:
    got = verdicts(story, INTRO[language], language, "2024-09-05", title).get("gpu-count")
    assert got is not None and got.stance == stance, got


@pytest.mark.parametrize(
    ("language", "body", "claim"),
    [
        # A figure or a description owned by another company is not about the cluster.
        ("en", "Amazon's newest cluster holds more than 100,000 H100 GPUs.", "gpu-count"),
        ("en", "Microsoft says its own cluster for OpenAI has more than 100,000 H100 GPUs.", "gpu-count"),
        ("es", "El clúster de Amazon supera ya las 100.000 GPU H100.", "gpu-count"),
        ("zh", "Amazon为Anthropic搭建的集群拥有超过十万块H100。", "gpu-count"),
        # "Trained Grok 2 with them" then a sentence about the facility: no release.
        ("es", "xAI alquiló 24.000 H100 a Oracle y con ellas entrenó Grok 2. La nave, que el alcalde de Menfis inauguró en junio como Colossus, fue una fábrica.", "grok2-release"),
        ("en", "xAI trained Grok 2 on 24,000 H100s rented from Oracle. Colossus, unveiled in June by Memphis officials, sits in a former factory.", "grok2-release"),
    ],
)
def test_other_subjects_do_not_address_the_claim(story: Story, language: str, body: str, claim: str) -> None:
    got = verdicts(story, INTRO[language] + body, language, "2024-11-05").get(claim)
    assert got is None or got.stance == "mentions", got


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "The biggest AI cluster in the world is now in Louisiana, analysts say."),
        ("es", "El mayor clúster de inteligencia artificial del mundo está ahora en Luisiana."),
    ],
)
def test_a_ranked_description_is_not_co_reference(story: Story, language: str, body: str) -> None:
    got = verdicts(story, INTRO[language] + body, language, "2024-11-05").get("most-powerful")
    assert got is None or got.stance == "mentions", got


def test_training_on_oracle_cloud_is_not_the_later_arrangement(story: Story) -> None:
    for language, body in (
        ("en", "xAI trained Grok 2 on Oracle Cloud with about 16,000 H100s."),
        ("zh", "xAI训练Grok-2时使用的甲骨文云端H100芯片约为1.6万块。"),
    ):
        got = verdicts(story, body, language, "2024-09-05").get("oracle-talks-ended")
        assert got is None or got.stance != "updates", got
    later = verdicts(story, "Oracle will offer xAI's Grok models on Oracle Cloud Infrastructure.", "en", "2025-06-20")
    assert later["oracle-talks-ended"].stance == "updates"


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "The Memphis Chamber said on Tuesday that training on Colossus had begun on July 22."),
        ("es", "La Cámara de Comercio dijo el martes que Colossus empezó a entrenar el 22 de julio."),
        ("zh", "孟菲斯商会周二表示，Colossus已于7月22日开始训练。"),
    ],
)
def test_the_date_of_a_statement_is_not_the_date_of_the_event(story: Story, language: str, body: str) -> None:
    got = verdicts(story, INTRO[language] + body, language, "2024-09-20").get("training-start")
    assert got is not None and got.stance == "supports", got


@pytest.mark.parametrize(
    ("language", "body", "stance"),
    [
        ("en", "People familiar with xAI's plans said Colossus has 100,000 H100 GPUs.", "supports"),
        ("es", "Fuentes cercanas a xAI dijeron que Colossus tiene 100.000 GPU H100.", "supports"),
        ("en", "Executives at xAI said Colossus has 100,000 H100 GPUs.", "mentions"),
    ],
)
def test_a_source_close_to_the_protagonist_is_not_the_protagonist(
    story: Story, language: str, body: str, stance: str
) -> None:
    got = verdicts(story, INTRO[language] + body, language, "2024-09-05").get("gpu-count")
    assert got is not None and got.stance == stance, got


@pytest.mark.parametrize(
    ("language", "body"),
    [
        ("en", "xAI's announcement put the count at 100,000 H100 GPUs."),
        ("es", "El comunicado de xAI habla de 100.000 GPU H100 en Colossus."),
        ("zh", "根据xAI的公告，Colossus拥有10万块H100。"),
    ],
)
def test_the_protagonists_own_statement(story: Story, language: str, body: str) -> None:
    got = verdicts(story, INTRO[language] + body, language, "2024-09-05").get("gpu-count")
    assert got is not None and got.stance == "mentions", got
