"""One test per stance rule, with negation and attribution, in English, Spanish and Chinese.

The sentences are written for these tests (not taken from the corpus).
"""

from __future__ import annotations

import datetime as dt

import pytest

from claims import analyse
from claims.document import Document
from claims.dossier import Story, builtin_story_path, load_story
from claims.evidence import Evidence, strongest


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(builtin_story_path("xai-supercomputer"))


def day(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s).replace(hour=12, tzinfo=dt.UTC)


def verdicts(story: Story, body: str, language: str, published: str, title: str = "") -> dict[str, Evidence]:
    return {e.claim_id: e for e in analyse(story, title, body, language, day(published))}


CASES = [
    # claim, language, published, body, expected stance, rule prefix
    # --- gpu-count (quantity) ---
    ("gpu-count", "en", "2024-08-20", "xAI's Colossus in Memphis now runs 100,000 Nvidia H100 chips, the utility confirmed.", "supports", "quantity.equal"),
    ("gpu-count", "zh", "2024-08-20", "xAI位于孟菲斯的超算目前运行着10万块H100。", "supports", "quantity.equal"),
    ("gpu-count", "es", "2024-08-20", "Según Musk, el superordenador de xAI en Memphis tiene 100.000 GPU H100.", "mentions", "quantity.equal; attributed"),
    ("gpu-count", "en", "2024-08-20", "Musk said the Memphis cluster of xAI has 100,000 GPUs.", "mentions", "quantity.equal; attributed"),
    ("gpu-count", "en", "2024-07-01", "xAI will build a 100,000-GPU supercomputer in Memphis.", "mentions", "quantity.equal; planned"),
    ("gpu-count", "en", "2024-08-20", "Only 25,000 of the GPUs in xAI's Memphis cluster are running, engineers said.", "contradicts", "quantity.smaller_running"),
    ("gpu-count", "es", "2024-08-20", "El clúster de xAI en Memphis solo puede hacer funcionar unas 30.000 GPU.", "contradicts", "quantity.smaller_running"),
    ("gpu-count", "zh", "2024-08-20", "xAI孟菲斯集群目前仅能运行约3万块GPU。", "contradicts", "quantity.smaller_running"),
    ("gpu-count", "en", "2024-08-20", "xAI's Memphis cluster has far fewer than 100,000 GPUs powered today.", "contradicts", "quantity.fewer_than_claimed"),
    ("gpu-count", "en", "2024-08-20", "xAI's Memphis supercomputer does not have 100,000 GPUs.", "contradicts", "quantity.negated"),
    ("gpu-count", "en", "2024-08-20", "xAI's Memphis cluster began with 60,000 GPUs in its first phase.", "mentions", "quantity.smaller_running; not said to be running"),
    ("gpu-count", "es", "2024-10-20", "xAI ampliará su superordenador de Memphis hasta 300.000 GPU.", "updates", "quantity.larger"),
    ("gpu-count", "en", "2024-10-20", "xAI's Colossus has doubled in size.", "updates", "quantity.growth_factor"),
    ("gpu-count", "zh", "2024-10-20", "xAI的孟菲斯超算已扩大到20万块GPU。", "updates", "quantity.larger"),
    ("gpu-count", "en", "2024-10-20", "xAI is adding 50,000 more GPUs to the Memphis cluster.", "updates", "quantity.addition"),
    # --- training-start (event, deadline 2024-07-31) ---
    ("training-start", "en", "2024-07-25", "xAI began training on its Memphis cluster on July 22.", "supports", "event.done_by_deadline"),
    ("training-start", "es", "2024-07-23", "El superordenador de xAI en Memphis empezó a entrenar el lunes.", "supports", "event.done_by_deadline"),
    ("training-start", "zh", "2024-07-24", "xAI孟菲斯集群于7月20日开始训练。", "supports", "event.done_by_deadline"),
    ("training-start", "en", "2024-07-23", "Musk said training had started on xAI's Memphis cluster.", "mentions", "event.reported_before_deadline; attributed"),
    ("training-start", "en", "2024-07-10", "xAI hopes to begin training on its Memphis cluster later this month.", "mentions", "event.planned"),
    ("training-start", "en", "2024-07-30", "xAI's Memphis cluster will not be delivered by the end of July, suppliers say.", "contradicts", "event.not_done_by_deadline"),
    ("training-start", "zh", "2024-08-05", "xAI孟菲斯集群的交付已推迟到9月。", "contradicts", "event.delayed_past_deadline"),
    ("training-start", "es", "2024-09-05", "El superordenador de xAI en Memphis empezó a entrenar a principios de septiembre y no en julio.", "updates", "event.done_after_deadline"),
    ("training-start", "en", "2024-09-28", "All of xAI's Memphis cluster came online earlier this week.", "mentions", "event.done_later_without_contrast"),
    ("training-start", "en", "2024-05-01", "xAI's Memphis supercomputer will not be delivered by the end of July.", "mentions", "event.not_done_by_deadline; published before the claim"),
    # --- oracle-talks-ended (state) ---
    ("oracle-talks-ended", "en", "2024-07-11", "xAI has walked away from talks with Oracle to rent more servers.", "supports", "state.reported"),
    ("oracle-talks-ended", "es", "2024-07-11", "xAI construirá su propio clúster en lugar de alquilar más chips a Oracle.", "supports", "state.alternative"),
    ("oracle-talks-ended", "en", "2024-07-11", "Oracle says its talks with xAI are continuing.", "contradicts", "state.opposite"),
    ("oracle-talks-ended", "zh", "2024-07-11", "甲骨文表示，与xAI的谈判并未终止。", "contradicts", "state.negated"),
    ("oracle-talks-ended", "en", "2024-07-11", "The talks between xAI and Oracle have not continued since June.", "supports", "state.opposite_negated"),
    ("oracle-talks-ended", "en", "2024-07-11", "Musk said xAI ended its talks with Oracle.", "mentions", "state.reported; attributed"),
    ("oracle-talks-ended", "en", "2025-06-20", "Oracle will offer xAI's Grok models on OCI, a new arrangement between the two.", "updates", "state.later_arrangement"),
    # --- most-powerful (superlative) ---
    ("most-powerful", "en", "2024-08-01", "Analysts say xAI's Memphis cluster is the largest AI training cluster in the world.", "supports", "superlative.independent"),
    ("most-powerful", "en", "2024-08-01", "Musk called xAI's Memphis cluster the most powerful AI training system in the world.", "mentions", "superlative.independent; attributed"),
    ("most-powerful", "en", "2024-08-01", 'Musk wrote that xAI\'s Memphis machine is "the most powerful AI training cluster".', "mentions", "superlative.independent; attributed"),
    ("most-powerful", "zh", "2024-08-01", "马斯克称xAI的孟菲斯集群是全球最强大的AI训练集群。", "mentions", "superlative.independent; attributed"),
    ("most-powerful", "es", "2024-11-01", "Meta dice que su clúster es mayor que el de xAI en Memphis.", "contradicts", "superlative.rival_larger"),
    ("most-powerful", "en", "2024-10-01", "Experts doubt that xAI's Memphis cluster is the world's largest.", "contradicts", "superlative.doubted"),
    ("most-powerful", "zh", "2024-11-01", "xAI的孟菲斯集群已不再是全球最大的AI训练集群。", "contradicts", "superlative.doubted"),
    ("most-powerful", "en", "2024-11-01", "Meta's new cluster is comparable to xAI's Memphis machine.", "contradicts", "superlative.rival_comparable"),
    ("most-powerful", "es", "2024-07-11", "El clúster de xAI en Memphis será el más potente del mundo.", "mentions", "superlative.predicted"),
    # --- oracle-24k-grok2 (quantity) ---
    ("oracle-24k-grok2", "en", "2024-08-20", "Grok 2 was trained on 24,000 H100s that xAI rents from Oracle.", "supports", "quantity.equal"),
    ("oracle-24k-grok2", "en", "2024-08-20", "xAI rented about 12,000 GPUs from Oracle to train Grok 2, filings show.", "contradicts", "quantity.other_figure"),
    ("oracle-24k-grok2", "en", "2024-08-20", "Musk said Grok 2 was trained on 24,000 Oracle GPUs.", "mentions", "quantity.equal; attributed"),
    ("oracle-24k-grok2", "zh", "2024-08-20", "据报道，xAI训练Grok 2时从甲骨文租用的GPU约为1.5万块。", "contradicts", "quantity.other_figure"),
    # --- grok2-release (event, deadline 2024-08-31) ---
    ("grok2-release", "en", "2024-08-20", "xAI launched Grok 2 for X subscribers on August 14.", "supports", "event.done_by_deadline"),
    ("grok2-release", "zh", "2024-08-15", "xAI发布了Grok-2测试版。", "supports", "event.reported_before_deadline"),
    ("grok2-release", "es", "2024-09-02", "xAI lanzó Grok 2 a tiempo, como había prometido.", "supports", "event.on_time"),
    ("grok2-release", "en", "2024-07-15", "Grok 2 will be released next month, Musk said.", "mentions", "event.planned"),
    ("grok2-release", "en", "2024-09-10", "The release of Grok 2 has been delayed until October.", "contradicts", "event.delayed_past_deadline"),
    # --- oracle-10b-deal (report) ---
    ("oracle-10b-deal", "en", "2024-05-20", "Oracle and xAI are negotiating a $10 billion cloud contract.", "supports", "report.near"),
    ("oracle-10b-deal", "es", "2024-05-20", "xAI y Oracle están cerca de cerrar un acuerdo de 10.000 millones de dólares.", "supports", "report.near"),
    ("oracle-10b-deal", "en", "2024-07-12", "The $10 billion deal between xAI and Oracle fell through.", "updates", "report.dropped"),
    ("oracle-10b-deal", "zh", "2024-07-12", "xAI与甲骨文约100亿美元的合同已告吹。", "updates", "report.dropped"),
    ("oracle-10b-deal", "en", "2024-05-21", "Oracle denied it was negotiating a $10 billion deal with xAI.", "contradicts", "report.denied"),
    ("oracle-10b-deal", "en", "2024-05-21", "xAI and Oracle discussed a contract worth $4 billion.", "contradicts", "report.other_amount"),
    ("oracle-10b-deal", "en", "2024-05-21", "Oracle declined to comment on the reported $10 billion deal with xAI.", "mentions", "report.no_comment"),
    ("oracle-10b-deal", "en", "2024-05-21", "xAI's contract with Oracle was worth close to $10 billion.", "mentions", "report.amount_only"),
]  # fmt: skip


@pytest.mark.parametrize(("claim", "language", "published", "body", "stance", "rule"), CASES)
def test_stance_rules(
    story: Story, claim: str, language: str, published: str, body: str, stance: str, rule: str
) -> None:
    got = verdicts(story, body, language, published).get(claim)
    assert got is not None, f"{claim} not addressed"
    assert (got.stance, got.rule[: len(rule)]) == (stance, rule), got
    assert got.quote and got.rule


@pytest.mark.parametrize(
    ("language", "published", "body", "claim"),
    [
        ("en", "2024-10-01", "For comparison, Meta's cluster has 24,000 GPUs and Frontier 37,000.", "gpu-count"),
        ("en", "2025-02-20", "xAI trained Grok 3 on its Memphis supercomputer.", "gpu-count"),
        ("en", "2024-08-20", "Grok 2 was trained on Oracle's cloud, not on the 100,000-GPU Memphis cluster.", "oracle-24k-grok2"),
        ("en", "2025-02-20", "xAI released Grok 3, two years after Grok 2 launched.", "grok2-release"),
        ("en", "2024-12-05", "Power is the biggest bottleneck for xAI in Memphis.", "most-powerful"),
        ("en", "2024-07-29", "The grid cannot deliver the power xAI's Memphis cluster needs.", "training-start"),
        ("zh", "2024-12-05", "电力仍是xAI孟菲斯项目最大的瓶颈。", "most-powerful"),
    ],
)
def test_sentences_that_do_not_address_the_claim(
    story: Story, language: str, published: str, body: str, claim: str
) -> None:
    assert claim not in verdicts(story, body, language, published)


def test_co_reference_with_the_sentence_before(story: Story) -> None:
    body = "xAI switched on its Memphis supercomputer this week. It holds 100,000 H100 GPUs."
    got = verdicts(story, body, "en", "2024-07-24")["gpu-count"]
    assert got.stance == "supports" and got.quote.startswith("xAI switched on")
    rival = "xAI's Memphis cluster has 100,000 GPUs. Meta is building another. It will have 350,000 GPUs."
    assert verdicts(story, rival, "en", "2024-10-01")["gpu-count"].stance == "supports"


def test_appositive_figure_is_the_writers_voice(story: Story) -> None:
    body = "Musk has called Colossus, the Memphis supercomputer with 100,000 H100s, the world's most powerful."
    got = verdicts(story, body, "en", "2024-10-01")
    assert got["gpu-count"].stance == "supports"
    assert got["most-powerful"].stance == "mentions"


def test_independent_report_supports_but_own_words_do_not(story: Story) -> None:
    independent = "All 100,000 GPUs in xAI's Memphis cluster are now running, Semafor reported."
    own = "All 100,000 GPUs in xAI's Memphis cluster are now running, xAI said."
    assert verdicts(story, independent, "en", "2024-09-28")["gpu-count"].stance == "supports"
    assert verdicts(story, own, "en", "2024-09-28")["gpu-count"].stance == "mentions"


def test_one_evidence_per_claim_the_strongest(story: Story) -> None:
    body = (
        "xAI's Memphis cluster started with 100,000 GPUs.\n"
        "Only 30,000 of the cluster's GPUs could run in July.\n"
        "It has since doubled to 200,000 GPUs."
    )
    got = analyse(story, "", body, "en", day("2024-12-01"))
    assert len({e.claim_id for e in got}) == len(got)
    assert {e.claim_id: e.stance for e in got}["gpu-count"] == "updates"
    assert {e.claim_id: e.stance for e in got[:1]} == {"gpu-count": "updates"}


def test_strongest_order() -> None:
    a = Evidence("c", "supports", "q1", None, "r")
    b = Evidence("c", "contradicts", "q2", None, "r")
    c = Evidence("c", "mentions", "q3", None, "r")
    d = Evidence("d", "updates", "q4", None, "r")
    assert strongest([c, a, b, d]) == [b, d]
    assert strongest([a, Evidence("c", "supports", "later", None, "r")]) == [a]
    valued = Evidence("c", "supports", "with a figure", "100000", "r")
    assert strongest([a, valued, Evidence("c", "supports", "x", "5", "r")]) == [valued]


def test_analysis_is_deterministic_and_robust_to_extractor_output(story: Story) -> None:
    title = "xAI begins training on Memphis Supercluster"
    body = "xAI began training on its Memphis Supercluster on Monday.\nThe system holds 100,000 Nvidia H100 GPUs."
    as_extracted = f"{title}\n{body}\n\n\n"  # headline repeated, blank lines
    a = analyse(story, title, body, "en", day("2024-07-23"))
    b = analyse(story, title, as_extracted, "en", day("2024-07-23"))
    assert a == b == analyse(story, title, body, "en", day("2024-07-23"))
    assert {e.claim_id: e.stance for e in a} == {"gpu-count": "supports", "training-start": "supports"}


def test_unknown_language_uses_every_language(story: Story) -> None:
    body = "xAI孟菲斯集群于7月20日开始训练。"
    assert verdicts(story, body, "zh", "2024-07-24") == {
        k: v for k, v in {e.claim_id: e for e in analyse(story, "", body, None, day("2024-07-24"))}.items()
    }


def test_without_publication_date_relative_dates_stay_open(story: Story) -> None:
    got = analyse(story, "", "xAI began training on its Memphis cluster on Monday.", "en", None)
    assert {e.claim_id: e.stance for e in got} == {"training-start": "mentions"}


class _AlwaysMentions:
    """A stand-in for a future model-based classifier."""

    def classify(self, story: Story, doc: Document) -> list[Evidence]:
        return [Evidence(c.id, "mentions", doc.sentences[0].text, None, "model") for c in story.claims]


def test_pluggable_classifier(story: Story) -> None:
    got = analyse(story, "Title", "Body.", "en", None, classifier=_AlwaysMentions())
    assert [e.claim_id for e in got] == [c.id for c in story.claims]
    assert {e.rule for e in got} == {"model"}
