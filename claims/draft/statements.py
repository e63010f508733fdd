"""Claims of a draft: the checkable statements of an article, one sentence at a time.

Each sentence is read with the claim engine's language layer (figures with their unit
concept and currency, dates resolved against the publication date, cues) and yields
at most one claim of each kind: a figure with a unit (quantity), a money amount
(report), a future event with a deadline, a state that ended or will not go on, a
property ("shatter-resistant"), a superlative. Sentences about the past (a year before
publication) and quoted opinion are background and yield nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..lang import Language, compile_terms
from ..lang.dates import DateSpan, dates
from ..lang.numbers import Figure, figures, normalise
from ..lang.units import MEASURE_CONCEPTS
from .words import DEAL, FUNCTION, NO_LONGER, PROPERTY, SCOPE, SUPERLATIVE_MORE

__all__ = ["DraftClaim", "find_claims"]

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_QUOTE_OPEN = ("«", "“", '"', "„", "「", "『")


@dataclass
class DraftClaim:
    """A claim before ids and texts are given: kind, the dossier fields, its sentence."""

    kind: str
    fields: dict[str, Any]
    sentence: int
    quote: str
    names: list[str] = field(default_factory=list)  # entity aliases named in the sentence
    key: tuple[Any, ...] = ()


def _history(spans: list[DateSpan], published: dt.date | None) -> bool:
    """A sentence dated in an earlier year ("en 2020", "in 2019") tells the background."""
    return published is not None and any(
        d.explicit_year and d.last.year < published.year for d in spans
    )


def _merged(spans: list[DateSpan], text: str) -> list[DateSpan]:
    """'mayo de este año' is one date: a span right after another, joined by 'de', goes."""
    out: list[DateSpan] = []
    for d in spans:
        if out and text[out[-1].end : d.start].strip().lower() in (
            "",
            "de",
            "del",
            "of",
            ",",
            "du",
            "des",
        ):
            continue
        out.append(d)
    return out


def _content(words: list[str], lang: Language, skip: set[str]) -> list[str]:
    fn = FUNCTION.get(lang.code, frozenset())
    return [w for w in words if w.lower() not in fn and w.lower() not in skip and len(w) > 2]


class _Reader:
    """The cues of one language, compiled once for all the article's sentences."""

    def __init__(self, lang: Language, published: dt.date | None, names: list[str]) -> None:
        self.lang = lang
        self.published = published
        self.names = sorted(set(names), key=len, reverse=True)
        cjk = lang.cjk
        self.no_longer = compile_terms(NO_LONGER.get(lang.code, ()), cjk)
        self.property = compile_terms(PROPERTY.get(lang.code, ()), cjk)
        self.superlative = compile_terms(SUPERLATIVE_MORE.get(lang.code, ()), cjk)
        self.deal = compile_terms(DEAL.get(lang.code, ()), cjk)
        self.fixed_plan = {t.lower() for t in lang.cues.get("plan", ()) if not t.startswith("re:")}
        self.name_words = {w.lower() for n in names for w in _WORD.findall(n)}

    def cue(self, name: str, text: str) -> list[tuple[int, int]]:
        return self.lang.cue(name).find(text)

    def named(self, text: str) -> list[str]:
        found = []
        for n in self.names:
            if re.search(rf"(?<![\w]){re.escape(n)}(?![\w])", text) or (
                self.lang.cjk and n in text
            ):
                found.append(n)
        return found

    # ------------------------------------------------------------------ kinds

    def claims(self, sentence: str, index: int) -> list[DraftClaim]:
        text = normalise(sentence, self.lang)
        if text.lstrip().startswith(_QUOTE_OPEN):
            return []  # a quote: opinion, or the claimant's words said again
        spans = _merged(dates(text, self.lang, self.published), text)
        if _history(spans, self.published):
            return []
        if self._opinion(text):
            return []
        named = self.named(sentence)
        figs = figures(text, self.lang)
        out = self._figure_claims(text, sentence, spans, figs)
        out += self._events(text, spans)
        out += [c for c in (self._state(text, named), self._superlative(text, figs, named)) if c]
        for c in out:
            c.sentence, c.quote, c.names = index, sentence, named
        return out

    def _figure_claims(
        self, text: str, sentence: str, spans: list[DateSpan], figs: list[Figure]
    ) -> list[DraftClaim]:
        """A money figure is a report, any other figure with a unit a quantity; years, dates,
        ordinals and figures inside names are not claims."""
        out: list[DraftClaim] = []
        for fig in figs:
            if (
                fig.year
                or fig.named
                or any(d.start <= fig.start < d.end for d in spans)
                or _not_a_figure(fig, text, sentence)
            ):
                continue
            made = self._report(fig, text) if fig.currency else self._quantity(fig, text)
            if made:
                out.append(made)
        return out

    def _opinion(self, text: str) -> bool:
        """'Analysts said the design could limit its appeal': a third party's guess."""
        return bool(
            self.cue("source", text[:60])
            and self.cue("say", text)
            and self.cue("conditional", text)
        )

    def _quantity(self, fig: Figure, text: str) -> DraftClaim | None:
        if not fig.unit or (fig.unit == "duration" and fig.value < 2):
            return None
        unit: str = fig.unit
        if fig.unit in MEASURE_CONCEPTS and fig.unit_end:
            word = re.search(r"[\w%]+$", text[: fig.unit_end])
            unit = word.group().lower() if word else fig.unit
        fields: dict[str, Any] = {"value": _number(fig.value), "unit": unit}
        fields["tolerance"] = 0.1 if fig.qualifier == "about" else 0.05
        if fig.qualifier == "more":
            fields["larger"] = "supports"
        return DraftClaim("quantity", fields, 0, "", key=("quantity", fig.unit, fig.value))

    def _report(self, fig: Figure, text: str) -> DraftClaim | None:
        found = self.cue("price", text) + self.cue("negotiation", text) + _spans(self.deal, text)
        topic = [text[s:e].lower() for s, e in sorted(found, key=lambda se: abs(se[0] - fig.start))]
        if not topic:
            before = _content(
                _WORD.findall(text[max(0, fig.start - 60) : fig.start]), self.lang, self.name_words
            )
            after = _content(
                _WORD.findall(text[fig.end : fig.end + 40]), self.lang, self.name_words
            )
            topic = [
                w.lower()
                for w in (after[1:2] + before[-1:])
                if not re.search(r"d[oó]lar|euro|dollar", w, re.I)
            ]
        fields: dict[str, Any] = {"amount": _number(fig.value), "currency": fig.currency or "USD"}
        fields["tolerance"] = 0.2 if fig.qualifier == "about" else 0.05
        if topic:
            fields["topic"] = {self.lang.code: list(dict.fromkeys(topic))[:4]}
        return DraftClaim("report", fields, 0, "", key=("report", fig.currency, fig.value))

    def _events(self, text: str, spans: list[DateSpan]) -> list[DraftClaim]:
        plans = self.cue("plan", text)
        out = []
        for d in spans:
            future = (
                self.published is None
                or d.first > self.published
                or (d.bound == "by" and d.last > self.published)
            )
            if not future or not (plans or d.bound == "by"):
                continue
            words = self._event_words(text, d, plans)
            fields = {"deadline": d.last, "event": {self.lang.code: words}, "late": "updates"}
            out.append(DraftClaim("event", fields, 0, "", key=("event", d.last)))
        return out

    def _words(self, chunk: str, skip: set[str]) -> list[str]:
        """The content words of a stretch of text, so the claim's words say what it is about."""
        return _content(_WORD.findall(chunk), self.lang, skip)

    def _event_words(self, text: str, d: DateSpan, plans: list[tuple[int, int]]) -> list[str]:
        """The verb or noun the date governs: the words after the last plan cue before it
        (and the subject of a reported clause), else the words of the date's clause."""
        if self.lang.cjk:
            return _zh_event_words(text, d)
        skip = self.name_words | self.fixed_plan
        clause_start = max(
            [m.end() for m in self.lang.clause_regex.finditer(text, 0, d.start)] or [0]
        )
        before = [p for p in plans if p[1] <= d.start]
        own = self._words(text[clause_start : d.start], skip)[:3]
        if before and (not own or before[-1][0] >= clause_start - 1):
            words = self._cue_words(text, before[-1], d.start, skip)
        else:
            words = own
        words = words or own or self._words(text[: d.start], skip)[-2:]
        return list(dict.fromkeys(w.lower() for w in words)) or ["event"]

    def _cue_words(self, text: str, cue: tuple[int, int], end: int, skip: set[str]) -> list[str]:
        """The plan cue's subject and the words it governs up to the date ("xAI ... build
        the supercomputer"), or the cue itself when it is a content word."""
        cue_start, cue_end = cue
        says = [e for _s, e in self.cue("say", text) if e <= cue_start]
        marks = [m.end() for m in self.lang.clause_regex.finditer(text, 0, cue_start)]
        lead = self._words(text[max(says + marks + [0]) : cue_start], skip)
        words = lead[:1] + self._words(text[cue_end:end], skip)[:3]
        if not words and text[cue_start:cue_end].lower() not in self.fixed_plan:
            words = [text[cue_start:cue_end]]
        return words

    def _state(self, text: str, named: list[str]) -> DraftClaim | None:
        if not named:
            return None  # "lo hará antes de que termine la década": nothing named ends
        ended = self.cue("ended", text) + self.cue("cancelled", text) + _spans(self.no_longer, text)
        if ended:
            topic = [
                text[s:e].lower()
                for s, e in self.cue("negotiation", text) + self.cue("new_arrangement", text)
            ]
            fields: dict[str, Any] = {"state": "ended", "opposite": "continues"}
            if topic:
                fields["topic"] = {self.lang.code: list(dict.fromkeys(topic))[:4]}
            alt = self.cue("replaced", text)
            if alt:
                fields["alternative"] = {self.lang.code: [text[s:e].lower() for s, e in alt][:2]}
            return DraftClaim("state", fields, 0, "", key=("state", "ended"))
        prop = _spans(self.property, text)
        if prop:
            s, e = prop[0]
            return DraftClaim(
                "state",
                {"state": {self.lang.code: [text[s:e]]}},
                0,
                "",
                key=("state", text[s:e].lower()),
            )
        return None

    def _superlative(self, text: str, figs: list[Figure], named: list[str]) -> DraftClaim | None:
        rivals_after = [
            (s, e) for s, e in self.cue("comparative", text) if self.named(text[e : e + 40])
        ]
        found = [
            se
            for se in self.cue("superlative", text) + _spans(self.superlative, text) + rivals_after
            if not _before_figure(se, figs)
        ]
        scoped = any(w in SCOPE for w in _WORD.findall(text.lower()))
        if not found or not (named or scoped):
            return None
        s, e = min(found)
        beaten = (s, e) in rivals_after or text[s:e].lower() in _BEATING
        key = ("superlative", text[s:e].lower())
        return DraftClaim(
            "superlative", self._superlative_fields(text, s, e, beaten), 0, "", key=key
        )

    def _superlative_fields(self, text: str, s: int, e: int, beaten: bool) -> dict[str, Any]:
        """What the superlative is said of, or whom it beats when it names rivals."""
        fields: dict[str, Any] = {}
        objects = [] if beaten else self._objects(text, s, e)
        if objects:
            fields["objects"] = {self.lang.code: objects}
        rivals = self.named(text[e : e + 60]) if beaten else []
        if rivals:
            fields["rivals"] = rivals[:3]
        return fields

    def _objects(self, text: str, s: int, e: int) -> list[str]:
        """What the superlative is said of: in Spanish and French the noun comes before
        ("el grupo ... más poderoso"), in English and German after ("the largest fab")."""
        if self.lang.cjk:
            return []
        skip = self.name_words | SCOPE
        after = [
            m
            for m in _WORD.finditer(text, e, min(len(text), e + 40))
            if _content([m.group()], self.lang, skip)
        ]
        before = [
            m
            for m in _WORD.finditer(text, max(0, s - 40), s)
            if _content([m.group()], self.lang, skip)
        ]
        after_ok = bool(after) and not self.named(text[e : e + 40]) and after[0].start() - e < 12
        noun_first = self.lang.code in ("es", "fr", "it", "pt") and not _ARTICLE_FIRST.match(
            text[s:e]
        )
        if after_ok and (not noun_first or not before):
            return [text[after[0].start() : after[:2][-1].end()]]
        return [text[before[-2:][0].start() : before[-1].end()]] if before else []


_BEATING = frozenset(
    {"beating", "outperforming", "mejor que", "ganando a", "battant", "besser als", "胜过", "勝過"}
)
_ARTICLE_FIRST = re.compile(r"(?:el|la|los|las|le|les|the|der|die|das|il|lo)\s", re.IGNORECASE)
_ORDINAL = re.compile(r"\s?(?:[ªº°ᵃᵉ]|st|nd|rd|th|er|ère|e|ème|te|ten|ter)\b", re.IGNORECASE)


def _zh_event_words(text: str, d: DateSpan) -> list[str]:
    """In Chinese the verb follows the date ("明年底交付"): its first two characters, past particles."""
    tail = re.sub(r"^[前之以将將会會于於开開始正式在]+", "", text[d.end : d.end + 8])
    head = re.match(r"[\u4e00-\u9fff]{2}", tail)
    return [head.group()] if head else [text[max(0, d.start - 2) : d.start] or "发布"]


def _before_figure(span: tuple[int, int], figs: list[Figure]) -> bool:
    """A "more"/superlative word right before a figure compares a number, not the subject
    ("more than 250", "superará los 65.000")."""
    return any(0 <= f.start - span[1] <= 15 and not f.named for f in figs)


def _not_a_figure(fig: Figure, text: str, sentence: str) -> bool:
    """Ordinals ("una tercera planta" -> "3ª") and bare scale words ("decenas de miles")."""
    if _ORDINAL.match(text, fig.end):
        return True
    digits = text[fig.start : fig.end]
    return digits not in sentence and fig.value in (10, 100, 1000, 1e6, 1e9)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 6)


def find_claims(
    sentences: list[str], lang: Language, published: dt.date | None, names: list[str]
) -> list[DraftClaim]:
    """The claims of the article's sentences (numbered from 1: 0 is the title), one per
    kind and value: a figure or deadline repeated later merges into its first sentence."""
    reader = _Reader(lang, published, names)
    out: list[DraftClaim] = []
    seen: dict[tuple[Any, ...], DraftClaim] = {}
    for i, s in enumerate(sentences, start=1):
        for c in reader.claims(s, i):
            first = seen.get(c.key)
            if first is None:
                seen[c.key] = c
                out.append(c)
            elif c.kind == "event":
                merged = first.fields["event"][lang.code] + c.fields["event"][lang.code]
                first.fields["event"][lang.code] = list(dict.fromkeys(merged))[:6]
            if first is not None and c.kind != "event":
                first.names = list(dict.fromkeys(first.names + c.names))
    return out
