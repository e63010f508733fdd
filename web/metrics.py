"""Prometheus metrics read from the database at scrape time.

The crawls run in other processes (`followup crawl`, `followup run`), so in-process
counters would see none of them: every figure is a query, taken when Prometheus asks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector, CollectorRegistry
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from storage.changes import change_counts
from storage.models import Article, CrawlRun, Evidence, OutboxMessage, Source


def _runs(session: Session) -> Iterator[Metric]:
    crawls = CounterMetricFamily(
        "followup_crawls", "Crawl runs per source and outcome", labels=["source", "outcome"]
    )
    per: Counter[tuple[str, str]] = Counter()
    for names, status in session.execute(select(CrawlRun.sources, CrawlRun.status)):
        for name in filter(None, names.split(",")):
            per[(name, status)] += 1
    for (name, status), n in sorted(per.items()):
        crawls.add_metric([name, status], n)
    yield crawls
    pages = session.scalar(select(func.coalesce(func.sum(CrawlRun.pages_fetched), 0))) or 0
    yield CounterMetricFamily("followup_pages_fetched", "Pages fetched by all crawls", value=pages)
    last = session.scalar(select(func.max(CrawlRun.finished_at)).where(CrawlRun.status == "ok"))
    g = GaugeMetricFamily(
        "followup_last_successful_crawl_timestamp_seconds",
        "When the last crawl that ended ok finished (Unix time; 0: never)",
    )
    g.add_metric([], last.timestamp() if last else 0.0)
    yield g


def _sources(session: Session) -> Iterator[Metric]:
    ok = GaugeMetricFamily(
        "followup_source_last_success_timestamp_seconds",
        "When each source was last fetched successfully (Unix time; 0: never)",
        labels=["source"],
    )
    errs = GaugeMetricFamily(
        "followup_source_consecutive_errors", "Failed polls in a row", labels=["source"]
    )
    outcome = GaugeMetricFamily(
        "followup_source_last_outcome",
        "1 for the outcome of each source's last poll",
        labels=["source", "outcome"],
    )
    for s in session.scalars(select(Source).where(Source.active.is_(True)).order_by(Source.name)):
        ok.add_metric([s.name], s.last_success_at.timestamp() if s.last_success_at else 0.0)
        errs.add_metric([s.name], s.consecutive_errors)
        outcome.add_metric([s.name, s.last_outcome or "never"], 1)
    yield from (ok, errs, outcome)


def _content(session: Session) -> Iterator[Metric]:
    arts = GaugeMetricFamily(
        "followup_articles_stored", "Articles in the database", labels=["source"]
    )
    names = {sid: name for sid, name in session.execute(select(Source.id, Source.name))}
    for sid, n in session.execute(
        select(Article.source_id, func.count()).group_by(Article.source_id)
    ):
        arts.add_metric([names.get(sid, "none") if sid else "none"], n)
    yield arts
    ev = GaugeMetricFamily("followup_evidence", "Evidence rows by stance", labels=["stance"])
    for stance, n in session.execute(
        select(Evidence.stance, func.count()).group_by(Evidence.stance)
    ):
        ev.add_metric([stance], n)
    yield ev
    ch = CounterMetricFamily(
        "followup_status_changes", "Claim status changes recorded", labels=["story", "status"]
    )
    for (story, status), n in sorted(change_counts(session).items()):
        ch.add_metric([story, status], n)
    yield ch
    pending = session.scalar(
        select(func.count()).select_from(OutboxMessage).where(OutboxMessage.sent_at.is_(None))
    )
    yield GaugeMetricFamily(
        "followup_outbox_pending", "Notifications not sent yet", value=pending or 0
    )


class DatabaseCollector(Collector):
    def __init__(self, factory: sessionmaker[Session]) -> None:
        self.factory = factory

    def collect(self) -> Iterator[Metric]:
        with self.factory() as session:
            metrics = [*_runs(session), *_sources(session), *_content(session)]
        yield from metrics


def registry(factory: sessionmaker[Session]) -> CollectorRegistry:
    reg = CollectorRegistry(auto_describe=False)
    reg.register(DatabaseCollector(factory))
    return reg
