"""Score crawler.extraction's article bodies on the shared extraction benchmark.

Why: extraction quality and speed are traded off in crawler/extraction.py
(trafilatura's fast mode, pre-stripping, layout-table unwrapping), so every
change there should be checked against the same 181 hand-labelled pages, next
to plain ``trafilatura.extract`` as the reference.

The metric is the benchmark's own (see its README): ``\\w+`` tokens, bags of
4-token shingles, TP/FP/FN per page normalised by their sum, precision and
recall averaged over pages, F1 from the two means.

    .venv/bin/python benchmarks/extraction.py [--benchmark ../shared/extraction-benchmark]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from crawler.extraction import extract_article  # noqa: E402

DEFAULT_BENCHMARK = ROOT.parent / "shared" / "extraction-benchmark"
_TOKEN = re.compile(r"\w+")
_SHINGLE = 4


@dataclass(frozen=True)
class Score:
    """Mean precision and recall over pages, F1 of the means, and throughput."""

    precision: float
    recall: float
    pages_per_second: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Bag of consecutive 4-token shingles of ``text``."""
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + _SHINGLE]) for i in range(len(tokens) - _SHINGLE + 1))


def page_precision_recall(truth: str, extracted: str) -> tuple[float, float]:
    """One page's precision and recall from normalised shingle TP/FP/FN."""
    expected, got = shingles(truth), shingles(extracted)
    tp = sum((expected & got).values())
    fp = sum((got - expected).values())
    fn = sum((expected - got).values())
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    total = tp + fp + fn
    tp_n, fp_n, fn_n = tp / total, fp / total, fn / total
    precision = tp_n / (tp_n + fp_n) if tp_n + fp_n else 0.0
    recall = tp_n / (tp_n + fn_n) if tp_n + fn_n else 0.0
    return precision, recall


def load(benchmark: Path) -> list[tuple[str, str, bytes, str]]:
    """(key, url, html bytes, true body) for every page of the benchmark."""
    truth = json.loads((benchmark / "ground-truth.json").read_text("utf-8"))
    pages = []
    for key, item in sorted(truth.items()):
        data = gzip.decompress((benchmark / "html" / f"{key}.html.gz").read_bytes())
        pages.append((key, item.get("url", ""), data, item.get("articleBody", "")))
    return pages


def score(pages: list[tuple[str, str, bytes, str]], extract: Callable[[bytes, str], str]) -> Score:
    """Run ``extract`` over all pages (timed) and score its bodies."""
    started = time.perf_counter()
    outputs = [extract(data, url) for _, url, data, _ in pages]
    elapsed = time.perf_counter() - started
    results = [
        page_precision_recall(truth, out)
        for (_, _, _, truth), out in zip(pages, outputs, strict=True)
    ]
    return Score(
        precision=sum(p for p, _ in results) / len(results),
        recall=sum(r for _, r in results) / len(results),
        pages_per_second=len(pages) / elapsed,
    )


def followup_body(data: bytes, url: str) -> str:
    return extract_article(data, url).body


def trafilatura_default(data: bytes, url: str) -> str:
    return trafilatura.extract(data, url=url) or ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--benchmark", type=Path, default=DEFAULT_BENCHMARK)
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # trafilatura logs every discarded page
    pages = load(args.benchmark)
    for _, url, data, _ in pages:  # warm-up: language model, dateparser's lazy tables
        extract_article(data, url)
        trafilatura.extract(data, url=url)
    print(f"{len(pages)} pages from {args.benchmark}")
    print(f"{'extractor':34s} {'F1':>6s} {'P':>6s} {'R':>6s} {'pages/s':>8s}")
    for name, function in (
        ("followup extract_article", followup_body),
        ("trafilatura.extract (defaults)", trafilatura_default),
    ):
        result = score(pages, function)
        print(
            f"{name:34s} {result.f1:6.3f} {result.precision:6.3f} {result.recall:6.3f}"
            f" {result.pages_per_second:8.1f}"
        )


if __name__ == "__main__":
    main()
