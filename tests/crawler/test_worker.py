"""crawler.worker.process_page: what a downloaded page becomes, story by story."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from claims.dossier import builtin_story_path, load_story
from crawler.jobs import PageJob
from crawler.worker import process_page

STORIES = (load_story(builtin_story_path("xai-supercomputer")),)
FETCHED = datetime(2024, 7, 24, 12, 0, tzinfo=UTC)

RELEVANT = """<html lang="en"><head><title>xAI starts training in Memphis</title></head><body>
<article><h1>xAI starts training in Memphis</h1>
<p>Elon Musk said on Monday that xAI has started training on its Memphis supercomputer,
a cluster of 100,000 Nvidia H100 GPUs that he called the most powerful AI training cluster
in the world.</p>
<p>The company ended talks with Oracle to rent more chips and built the Memphis cluster
itself. Grok 2 was trained on 24,000 H100s rented from Oracle and is due in August.</p>
<p>Local officials in Memphis said the site draws a large amount of power from the grid.</p>
</article></body></html>"""

OFF_TOPIC = """<html lang="en"><head><title>City opens a new library</title></head><body>
<article><h1>City opens a new library</h1>
<p>The city council opened a new public library on Saturday, with reading rooms, a cafe
and a children's floor that the mayor said had been planned for more than ten years.</p>
<p>Volunteers will run weekend workshops, and the library will stay open late on weekdays
for students preparing for their exams in the spring and the summer months.</p>
</article></body></html>"""


def job(html: str, url: str) -> PageJob:
    return PageJob(url, html.encode(), "text/html; charset=utf-8", 1, FETCHED)


def test_relevant_page_is_extracted_matched_fingerprinted_and_analysed() -> None:
    result = process_page(job(RELEVANT, "http://news.test/xai"), STORIES, False)
    assert result.relevant_to == ["xai-supercomputer"]
    art = result.article
    assert art.title == "xAI starts training in Memphis"
    assert art.language == "en"
    assert "100,000 Nvidia H100 GPUs" in art.body
    assert art.fingerprint is not None and len(art.band_keys) == 32
    (analysis,) = result.analyses
    assert {"xai", "memphis", "h100"} <= set(analysis.entities)
    assert {e.claim_id for e in analysis.evidence} >= {"gpu-count"}


def test_a_result_unpickles_without_the_claims_engine() -> None:
    """The crawl process unpickles every result: a class from claims in it would import
    the whole engine there (and compile its patterns) for nothing."""
    import pickle
    import pickletools

    result = process_page(job(RELEVANT, "http://news.test/xai"), STORIES, False)
    assert result.relevant_to and result.analyses[0].evidence
    modules = {
        arg
        for op, arg, _ in pickletools.genops(pickle.dumps(result))
        if op.name in ("SHORT_BINUNICODE", "BINUNICODE", "UNICODE")
        and isinstance(arg, str)
        and arg.split(".")[0] in ("claims", "crawler", "storage", "scheduler")
        and arg.replace(".", "").replace("_", "").isalnum()
        and "." in arg
    }
    assert modules == {"storage.records", "crawler.jobs"}


@pytest.mark.parametrize("keep_unmatched", [False, True])
def test_off_topic_page_is_fingerprinted_only_when_it_will_be_stored(keep_unmatched: bool) -> None:
    result = process_page(job(OFF_TOPIC, "http://news.test/library"), STORIES, keep_unmatched)
    assert result.relevant_to == []
    assert result.article.title == "City opens a new library"
    # a page only remembered as seen needs no near-duplicate fingerprint
    assert (result.article.fingerprint is not None) == keep_unmatched
    assert bool(result.article.band_keys) == keep_unmatched


# The story's names appear in the page's furniture (a teaser), not in the article itself.
TEASED = OFF_TOPIC.replace(
    "</article></body></html>",
    "<p>The library also lends tools, seeds and musical instruments, and its reading club "
    "meets on the first Monday of every month in the room above the old post office.</p>"
    "<p>Its opening hours, the events of the coming weeks and the rules for borrowing are "
    "posted at the entrance and on the city council's website.</p>"
    "</article><section class='more'><div class='teaser'><h3>xAI starts training in "
    "Memphis</h3><p>Musk's Colossus cluster of 100,000 H100 GPUs is the most powerful.</p>"
    "</div></section></body></html>",
)


@pytest.mark.parametrize("keep_unmatched", [False, True])
def test_a_teaser_naming_the_story_does_not_make_the_article_worth_extracting(
    keep_unmatched: bool,
) -> None:
    result = process_page(job(TEASED, "http://news.test/library-2"), STORIES, keep_unmatched)
    assert result.relevant_to == []
    assert result.article.title == "City opens a new library"
    # skipped before trafilatura unless every page is kept; the teaser never enters the body
    assert ("public library" in result.article.body) == keep_unmatched
    assert "Colossus" not in result.article.body
