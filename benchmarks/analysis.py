"""CPU cost of what a worker does to a page after extraction: matching, stance rules, fingerprint.

    python benchmarks/analysis.py [--n 600]

Prints, on one core:
* match + relevance + analyse on 1,000 claim-dense words (the project's own
  English fixtures repeated), median of 15 runs, and the first article after
  ``claims.warm_up`` (what a fresh worker pays);
* the same on the relevant articles of the generated web
  (benchmarks/webgen.py), split by phase (document, entities, reading, each claim's
  passages and verdicts) — the layered engine, rules/4;
* the dev corpora of ../shared, where present: ms per relevant article and
  re-analyses a second (what `followup init` pays after a dossier change);
* the MinHash fingerprint and band keys of a 1,000-word body.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.webgen import generate_web
from claims import warm_up
from claims.document import Document
from claims.dossier import builtin_story_path, load_story
from claims.engine import layered_evidence
from claims.evidence import analyse
from claims.matching import entity_counts, is_relevant, match_entities, may_be_relevant
from claims.retrieve import passages, read
from claims.stance import RuleClassifier, kind
from crawler.extraction import extract_article
from storage.dedup import band_keys, fingerprint

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "claims" / "articles"


def long_article() -> str:
    paras = [p for a in json.loads((FIXTURES / "batch1-en.json").read_text()) for p in a["body"]]
    body = "\n".join(paras)
    while len(body.split()) < 1000:
        body += "\n" + "\n".join(paras)
    return " ".join(body.split(" ")[:1000])


def median_ms(fn: object, runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=600, help="generated articles (about 40%% relevant)")
    args = ap.parse_args()
    story = load_story(builtin_story_path("xai-supercomputer"))

    t = time.perf_counter()
    warm_up(story)
    warm = time.perf_counter() - t
    t = time.perf_counter()
    analyse(story, "xAI", "El clúster de xAI en Memphis tiene 100.000 GPU.", "es", None)
    first = time.perf_counter() - t
    print(f"warm_up: {warm * 1000:.0f} ms; first article afterwards: {first * 1000:.2f} ms")

    body = long_article()
    published = dt.datetime(2024, 9, 3, tzinfo=dt.UTC)

    def dense() -> None:
        is_relevant(story, match_entities(story, "xAI Colossus", body, "en"))
        analyse(story, "xAI Colossus", body, "en", published)

    print(
        f"match + relevance + analyse, 1,000 claim-dense words: {median_ms(dense):.1f} ms (median of 15)"
    )

    docs = []
    for path, page in generate_web(args.n, "http://bench.test").items():
        if path.endswith(".html") and "/20" in path:
            ex = extract_article(page.body, "http://bench.test" + path, page.content_type)
            if may_be_relevant(story, f"{ex.title}\n{ex.body}"):
                docs.append((ex.title or "", ex.body, ex.language, ex.published))
    for title, text, language, when in docs:  # a first pass compiles every pattern, as a worker's warm-up
        layered_evidence(story, Document(title, text, language, when))
    split: defaultdict[str, float] = defaultdict(float)
    relevant = 0
    for title, text, language, when in docs:
        t0 = time.perf_counter()
        doc = Document(title, text, language, when)
        t1 = time.perf_counter()
        ents = entity_counts(story, doc)
        t2 = time.perf_counter()
        split["document"] += t1 - t0
        split["entities"] += t2 - t1
        if not is_relevant(story, ents):
            continue
        relevant += 1
        reading = read(story, doc)
        split["reading"] += time.perf_counter() - t2
        clf = RuleClassifier()
        for claim in story.claims:
            t = time.perf_counter()
            for p in passages(reading, claim, kind(claim.kind).terms(claim)):
                clf.classify(p)
            split[f"claim {claim.id}"] += time.perf_counter() - t
    words = statistics.mean(len(d[1].split()) for d in docs) if docs else 0
    print(
        f"generated web: {len(docs)} articles that may be relevant ({words:.0f} words on average), "
        f"{relevant} relevant; ms per article:"
    )
    for name, seconds in split.items():
        per = relevant if name.startswith(("claim", "reading")) else len(docs)
        print(f"  {name:28s} {seconds / max(per, 1) * 1000:6.2f}")

    print(f"  {'total, per relevant article':28s} {sum(v for k, v in split.items() if k != 'document' and k != 'entities') / max(relevant, 1) * 1000:6.2f} (+ document and entities)")
    corpora(story)

    fp_ms = median_ms(lambda: band_keys(fingerprint(body)), runs=50)
    print(f"fingerprint + band keys, 1,000 words: {fp_ms:.2f} ms (median of 50)")


def corpora(default: object) -> None:
    """Per relevant article and re-analyses a second on the dev corpora (second pass:
    a long-running worker has every pattern compiled)."""
    from claims.evaluate import load_corpus

    shared = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    for name, story_id in (("dev", "xai-supercomputer"), ("cybertruck", "cybertruck"), ("tsmc-arizona", "tsmc-arizona")):
        if not (shared / name / "articles").is_dir():
            print(f"{shared / name} is absent: corpus figures skipped")
            return
        story = load_story(builtin_story_path(story_id))
        arts = [a for a in load_corpus(shared / name)[0] if a.labels and a.labels.relevant]
        for _ in range(2):
            t = time.process_time()  # CPU of this process: steadier than wall time on a busy machine
            for a in arts:
                layered_evidence(story, Document(a.title, a.body, a.language, a.published))
            el = time.process_time() - t
        print(f"{name}: {len(arts)} relevant articles, {el / len(arts) * 1000:.1f} ms each, {len(arts) / el:.0f} re-analyses a second")


if __name__ == "__main__":
    main()
