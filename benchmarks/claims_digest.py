"""A digest of everything the claims package outputs for a large, varied set of texts.

    python benchmarks/claims_digest.py [--dump rows.json] [--cache /tmp/claims-texts.json]

Optimising the matcher or the rules must not change a single output: record the digest
before a change, and compare after it (``--dump`` writes the rows, to diff when they
differ). For every text and every story (the bundled xai-supercomputer dossier and the
fixture story acme-plant) a row holds `may_be_relevant`, the `entity_counts` (counts,
lead, sentences, addressing), `is_relevant` and every Evidence of `analyse_document`,
which runs on every text, relevant or not, to exercise more of the rules.

Texts:
* the article pages of ``generate_web(2000)`` through ``extract_article`` (as crawled);
* ``generate_articles(600, seed=2)`` as written (no extraction);
* every article of tests/fixtures/claims (articles/ and heldout/) and of
  ../shared/corpus/dev when present, each also with an unknown language and without a
  publication date, and each paragraph on its own (short texts, headline handling);
* the same articles rewritten about the acme-plant story (a few words swapped), so that
  its rules find something too.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.document import Document
from claims.dossier import Story, builtin_story_path, load_story
from claims.evidence import analyse_document
from claims.matching import EntityCounts, entity_counts, is_relevant, may_be_relevant

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "claims"
DEV = ROOT.parent / "shared" / "corpus" / "dev" / "articles"

# (source id, title, body, language, published as ISO text or None)
Text = tuple[str, str, str, str | None, str | None]


def _iso(when: dt.datetime | None) -> str | None:
    return when.isoformat() if when else None


def _web_texts() -> list[Text]:
    from benchmarks.webgen import generate_web
    from crawler.extraction import extract_article

    out: list[Text] = []
    for path, page in sorted(generate_web(2000, "http://bench.test").items()):
        if path.endswith(".html") and "/20" in path:
            ex = extract_article(page.body, "http://bench.test" + path, page.content_type)
            out.append((f"web:{path}", ex.title or "", ex.body, ex.language, _iso(ex.published)))
    return out


def _generated_texts() -> list[Text]:
    from benchmarks.webgen import generate_articles

    return [
        (f"gen:{a['id']}", a["title"], "\n\n".join(a["body"]), a["language"], a["published"])
        for a in generate_articles(600, seed=2)
    ]


# xAI story words -> acme-plant story words (order matters: longer phrases first)
_TO_ACME = [
    ("Elon Musk", "Jane Roe"), ("Musk", "Roe"), ("xAI", "Acme"), ("Colossus", "Valencia Gigaplant"),
    ("Memphis", "Valencia"), ("supercomputer", "plant"), ("cluster", "factory"), ("clúster", "planta"),
    ("100,000", "5,000"), ("100.000", "5.000"), ("H100 GPUs", "workers"), ("H100s", "employees"),
    ("GPUs", "workers"), ("GPU", "trabajadores"), ("chips", "staff"), ("most powerful", "cheapest"),
    ("began training", "began production"), ("training", "production"), ("Oracle", "Beta Motors"),
    ("talks", "partnership"), ("$10 billion", "$2 billion"), ("deal", "loan"), ("Grok 2", "the plant"),
]  # fmt: skip


def _acme(text: str) -> str:
    for a, b in _TO_ACME:
        text = text.replace(a, b)
    return text


def _corpus_texts() -> list[Text]:
    files = [
        *sorted((FIXTURES / "articles").glob("*.json")),
        FIXTURES / "heldout" / "articles.json",
    ]
    if DEV.is_dir():
        files += sorted(DEV.glob("*.json"))
    out: list[Text] = []
    for f in files:
        name = f"{f.parent.name}/{f.name}"
        for raw in json.loads(f.read_text(encoding="utf-8")):
            body = raw.get("body") or ""
            paras = body if isinstance(body, list) else str(body).split("\n\n")
            title, lang, pub = raw.get("title") or "", raw.get("language"), raw.get("published")
            key = f"{name}:{raw['id']}"
            text = "\n\n".join(paras)
            out.append((key, title, text, lang, pub))
            out.append((key + ":nolang", title, text, None, pub))
            out.append((key + ":nodate", title, text, lang, None))
            for k, p in enumerate(paras):
                out.append((f"{key}:p{k}", "", p, lang, pub))
            out.append((key + ":acme", _acme(title), _acme(text), lang, pub))
    return out


def texts(cache: Path | None = None) -> list[Text]:
    """Every text of the digest (the extracted web pages cached in `cache` if given)."""
    if cache is not None and cache.is_file():
        web = [tuple(t) for t in json.loads(cache.read_text(encoding="utf-8"))]
    else:
        web = _web_texts()
        if cache is not None:
            cache.write_text(json.dumps(web), encoding="utf-8")
    return [*web, *_generated_texts(), *_corpus_texts()]


def _published(v: str | None) -> dt.datetime | None:
    if not v:
        return None
    t = dt.datetime.fromisoformat(v.replace("Z", "+00:00"))
    return t if t.tzinfo else t.replace(tzinfo=dt.UTC)


def row(story: Story, text: Text) -> dict[str, Any]:
    """Everything the package says about one text for one story (as the worker asks it)."""
    key, title, body, language, published = text
    doc = Document(title, body, language, _published(published))
    ents = entity_counts(story, doc)
    assert isinstance(ents, EntityCounts)
    return {
        "text": key,
        "story": story.id,
        "may_be_relevant": may_be_relevant(story, f"{title}\n{body}"),
        "entities": sorted(ents.items()),
        "lead": sorted(ents.lead.items()),
        "sentences": sorted(ents.sentences.items()),
        "addressing": ents.addressing,
        "relevant": is_relevant(story, ents),
        "evidence": [dataclasses.asdict(e) for e in analyse_document(story, doc)],
    }


def rows(stories: list[Story], all_texts: list[Text]) -> Iterator[dict[str, Any]]:
    for text in all_texts:
        for story in stories:
            yield row(story, text)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--dump", type=Path, help="write the rows as JSON (one per line) here")
    ap.add_argument("--cache", type=Path, help="cache the extracted web pages in this JSON file")
    args = ap.parse_args()
    stories = [
        load_story(builtin_story_path("xai-supercomputer")),
        load_story(FIXTURES / "stories" / "acme-plant.toml"),
    ]
    all_texts = texts(args.cache)
    digest = hashlib.sha256()
    out = args.dump.open("w", encoding="utf-8") if args.dump else None
    t = time.perf_counter()
    n = relevant = evidence = 0
    for r in rows(stories, all_texts):
        line = json.dumps(r, ensure_ascii=False, sort_keys=True)
        digest.update(line.encode() + b"\n")
        if out:
            out.write(line + "\n")
        n += 1
        relevant += r["relevant"]
        evidence += len(r["evidence"])
    if out:
        out.close()
    print(
        f"{len(all_texts)} texts x {len(stories)} stories: {n} rows, {relevant} relevant, "
        f"{evidence} evidence; analysis {time.perf_counter() - t:.1f} s"
    )
    print(f"sha256 {digest.hexdigest()}")


if __name__ == "__main__":
    main()
