"""Per-page cost of watching many stories: 1, 10 and 100 (copies of the bundled dossier).

    python benchmarks/stories.py [--n 200] [--counts 1,10,100]

What a crawl's worker does per page that depends on the stories watched: the
gate on the raw page (may it be about any story?), then, for the pages that
pass and after extraction, entity matching, relevance and (for the relevant
stories) the stance rules: ``analysis.stories.analyse_text`` with
``need_entities=False``, the default ``keep_unmatched = false`` path.

Two ways, on the same pages:
* ``per story``: every story's own prefilter and matcher in turn (before claims.index);
* ``index``: one Aho–Corasick scan over all stories' names (claims.index.StoryIndex),
  then the matcher and rules of the stories it names only (what the worker does now).

Two kinds of 100 stories:
* ``copies``: the dossier under other ids, names unchanged: a page about xAI is about
  every copy, so the rules run for each (an upper bound: 100 stories on one subject);
* ``distinct``: each copy's entity names get a tag of its own (xAI -> xAI q17), as 100
  different stories would: a page is about the original only.

Extraction happens once, before timing; the figures are CPU ms a page on one core,
median of three passes.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.stories import analyse_text, story_index
from benchmarks.webgen import generate_web
from claims import warm_up
from claims.dossier import Story, builtin_story_path, load_story
from claims.matching import may_be_relevant
from crawler.extraction import decode_html, extract_article
from storage.records import StoryAnalysis

Page = tuple[str, str, str, str | None, object]  # raw html, title, body, language, published


def copies(story: Story, n: int, *, distinct: bool) -> tuple[Story, ...]:
    """``n`` stories: the original and n-1 copies (names tagged when ``distinct``)."""

    def tag(terms: Mapping[str, tuple[str, ...]], i: int) -> dict[str, tuple[str, ...]]:
        return {lang: tuple(f"{t} q{i}" for t in ts) for lang, ts in terms.items()}

    out = [story]
    for i in range(1, n):
        s = dataclasses.replace(story, id=f"{story.id}-copy{i}")
        if distinct:
            ents = tuple(
                dataclasses.replace(e, aliases=tag(e.aliases, i), ambiguous=tag(e.ambiguous, i))
                for e in s.entities
            )
            s = dataclasses.replace(s, entities=ents)
        out.append(s)
    return tuple(out)


def per_story(stories: tuple[Story, ...], page: Page) -> list[StoryAnalysis]:
    """The worker before claims.index: each story's prefilter, then its matcher, in turn."""
    raw, title, body, lang, published = page
    if not any(may_be_relevant(s, raw) for s in stories):
        return []
    out: list[StoryAnalysis] = []
    for s in stories:
        if not may_be_relevant(s, f"{title}\n{body}"):
            out.append(StoryAnalysis(s.id, False, {}, []))
            continue
        out.extend(analyse_text((s,), title, body, lang, published))  # type: ignore[arg-type]
    return out


def indexed(stories: tuple[Story, ...], page: Page) -> list[StoryAnalysis]:
    """The worker now: one scan of the raw page, then only the stories it may be about."""
    raw, title, body, lang, published = page
    if not story_index(stories).any_candidate(raw):
        return []
    return analyse_text(stories, title, body, lang, published, need_entities=False)  # type: ignore[arg-type]


def pages(n: int) -> list[Page]:
    out: list[Page] = []
    for path, page in generate_web(n, "http://bench.test").items():
        if path.endswith(".html") and "/20" in path:
            raw = decode_html(page.body, page.content_type)
            ex = extract_article(raw, "http://bench.test" + path, page.content_type)
            out.append((raw, ex.title or "", ex.body or "", ex.language, ex.published))
    return out


def ms_per_page(
    fn: Callable[[tuple[Story, ...], Page], object], stories: tuple[Story, ...], ps: list[Page]
) -> float:
    fn(stories, ps[0])  # indexes and compiled patterns built outside the timing
    runs = []
    for _ in range(3):
        t = time.process_time()
        for p in ps:
            fn(stories, p)
        runs.append((time.process_time() - t) / len(ps) * 1000)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=200, help="generated articles (about 40%% relevant)")
    ap.add_argument("--counts", default="1,10,100", help="numbers of stories (default 1,10,100)")
    args = ap.parse_args()
    story = load_story(builtin_story_path("xai-supercomputer"))
    ps = pages(args.n)
    counts = [int(c) for c in args.counts.split(",")]
    print(f"{len(ps)} article pages of the generated web; CPU ms a page (median of 3 passes)")
    print(f"{'stories':>8} {'kind':>9} {'per story':>10} {'index':>8} {'index / 1 story':>16}")
    base: float | None = None
    for kind in ("distinct", "copies"):
        for n in counts:
            stories = copies(story, n, distinct=kind == "distinct")
            for s in stories:
                warm_up(s)
            # the same answers both ways, or the comparison means nothing
            for p in ps[:40]:
                assert per_story(stories, p) == indexed(stories, p), (kind, n)
            old = ms_per_page(per_story, stories, ps)
            new = ms_per_page(indexed, stories, ps)
            if base is None:
                base = new
            print(f"{n:>8} {kind:>9} {old:>10.2f} {new:>8.2f} {new / base:>15.1f}x")


if __name__ == "__main__":
    main()
