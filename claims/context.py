"""Per-document facts the stance rules share: who is named where, scopes, attribution.

Everything is computed lazily and cached for the one document, so each rule can ask
"is this phrase negated / planned / in Musk's own words?" without rescanning.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .compiled import CompiledClaim, CompiledStory, compiled
from .document import Document
from .dossier import Claim, Story
from .lexicon import cue, cue_literals
from .matching import Mention, anaphora_mentions, entity_mentions
from .patterns import is_cjk
from .text import DateSpan, Quantity, clauses, parse_dates, parse_quantities

__all__ = ["Context"]

SELF, OTHER = "self", "other"

_DETERMINER = re.compile(r"^\s*(?:the|a|an|its|his|her|their|el|la|los|las|un|una|su|sus)\b", re.IGNORECASE)
_SOURCE_WORD = re.compile(
    r"(?i)\b(?:analysts?|sources?|people|report|reports|researchers?|experts?|officials?|"
    r"executives?|insiders?|estimates?|analistas?|fuentes?|expertos?|investigadores?|"
    r"responsables?|informe|medios?|newspapers?|paper|outlets?|diario|periódico|prensa|agencia|"
    r"rotativo)\b|分析师|报道|媒体|消息人士|知情人士|研究机构|专家|官员"
)
_INSIDER = re.compile(r"(?i)executives?|officials?|insiders?|responsables?|官员")  # "officials at xAI"
_CAPITALISED = re.compile(r"(?<![.!?]\s)\b[A-ZÁÉÍÓÚÜÑ][A-Za-z0-9&.\u00c0-\u00ff-]+")
_STOP_CAPS = frozenset(
    ["The", "A", "An", "In", "On", "At", "But", "And", "When", "While", "After", "Before", "If", "As", "For", "With", "By", "From", "Earlier", "Later", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We", "I", "Meanwhile", "According", "Under", "Over", "Since", "El", "La", "Los", "Las", "Un", "Una", "En", "Pero", "Y", "Cuando", "Tras", "Según", "Con", "Por", "Para", "Desde", "Este", "Esta"]
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SEMICOLON = re.compile(r"[;；]")
_QUOTE_OPEN = re.compile(r"[“«「『]|(?:^|(?<=[\s(]))\"")
_QUOTE_CLOSE = re.compile(r"[”»」』]|\"")
_COMMA_OR_QUOTE = re.compile(r"[,，\"”]")
_SPEAKERS = ("person", "org")
_SPACES = re.compile(r"\s+")


def _skip_spaces(text: str, pos: int) -> int:
    m = _SPACES.match(text, pos)
    return m.end() if m else pos


_LEAD_COLON = re.compile(r"^\W*([^:：。.!?;；,，\d]{1,40}?)\s*([:：])(?!\d)")


@dataclass
class _Cue:
    """An attribution cue ("Musk said", "according to Semafor") and its speaker."""

    start: int
    end: int
    speaker: str  # SELF or OTHER
    forward_only: bool = False  # "called X the most powerful" attributes only what follows


class Context:
    """Lazily computed facts about one document for one story.

    Positions are offsets into `doc.text`; sentence indices index `doc.sentences`.
    """

    def __init__(self, story: Story, doc: Document) -> None:
        self.story = story
        self.doc = doc
        self.cs: CompiledStory = compiled(story)
        self.lang = doc.language
        proper = entity_mentions(story, doc)
        n = len(doc.sentences)
        self.proper_in: list[set[str]] = [set() for _ in range(n)]
        self.ents_in: list[set[str]] = [set() for _ in range(n)]
        # The rules ask for the mentions of one sentence or of a stretch of text, many
        # times per document: looked up here, not filtered out of all the mentions.
        self._proper_at: list[list[Mention]] = [[] for _ in range(n)]
        for m in proper:
            self.proper_in[m.sentence].add(m.entity)
            self.ents_in[m.sentence].add(m.entity)
            self._proper_at[m.sentence].append(m)
        self.proper: list[Mention] = proper  # in text order
        self._proper_starts = [m.start for m in proper]
        self.self_ids = set(story.attribution.self_ids)
        self.types = {e.id: e.type for e in story.entities}
        self._cue_hits: dict[tuple[str, int], list[tuple[int, int]]] = {}
        self._segments: dict[int, list[tuple[int, int]]] = {}
        self._quantities: dict[int, list[Quantity]] = {}
        self._dates: dict[int, list[tuple[DateSpan, bool, tuple[int, int] | None]]] = {}
        self._cues: dict[int, list[_Cue]] = {}
        self._terms: dict[tuple[str, str], dict[int, list[tuple[int, int]]]] = {}
        self._about_groups: dict[str, list[frozenset[str]]] = {}
        # the lower-cased text, where a case-insensitive match shows as its lower-cased
        # words (no text.FOLD_TRAPS, same length), else None
        self._plain_lower = doc.lower if doc.words.plain else None
        self.anaphora: list[Mention] = []
        for m in anaphora_mentions(story, doc):
            # "Meta's cluster", "el clúster de Meta", "Meta的集群" is someone else's.
            if not self.foreign_subject(m.sentence, m.start, {m.entity}) and not self._ranked(m):
                self.ents_in[m.sentence].add(m.entity)
                self.anaphora.append(m)

    # -- lookups -----------------------------------------------------------

    def text(self, i: int) -> str:
        return self.doc.sentences[i].text

    def proper_at(self, i: int) -> list[Mention]:
        """The proper mentions of sentence i, in text order (do not modify the list)."""
        return self._proper_at[i]

    def proper_from(self, a: int, b: int) -> list[Mention]:
        """The proper mentions that start in [a, b), in text order."""
        lo = bisect.bisect_left(self._proper_starts, a)
        return self.proper[lo : bisect.bisect_left(self._proper_starts, b, lo)]

    def base(self, i: int) -> int:
        return self.doc.sentences[i].start

    def prev(self, i: int) -> int | None:
        """The sentence before i, if it can be read together with i."""
        return i - 1 if i > 0 and self.doc.same_block(i, i - 1) else None

    def cue_in(self, name: str, i: int) -> list[tuple[int, int]]:
        """Matches of a generic lexicon cue in sentence i (scanned per sentence, cached).

        A sentence without any of the cue's required words (cue_literals) is not scanned:
        most sentences have no negation, no comparison, no plan."""
        key = (name, i)
        hit = self._cue_hits.get(key)
        if hit is None:
            sent = self.doc.sentences[i]
            words = cue_literals(name, self.lang)
            low = self._plain_lower
            if words is not None and low is not None and not words.search(low, sent.start, sent.end):
                hit = []
            else:
                hit = [m.span() for m in cue(name, self.lang).finditer(self.doc.text, sent.start, sent.end)]
            self._cue_hits[key] = hit
        return hit

    def may_contain(self, i: int, words: frozenset[str] | None) -> bool:
        """False only when sentence i, lower-cased, contains none of the lower-case
        `words` (None: not known; True unless the lower-cased text is reliable)."""
        low = self._plain_lower
        if words is None or low is None:
            return True
        sent = self.doc.sentences[i]
        return any(low.find(w, sent.start, sent.end) != -1 for w in words)

    def terms_in(self, cc: CompiledClaim, name: str, i: int) -> list[tuple[int, int]]:
        """Matches of one of the claim's term lists in sentence i."""
        key = (cc.claim.id, name)
        table = self._terms.get(key)  # the rules ask this for every sentence they weigh
        if table is None:
            m = cc.get(name)
            table = self._terms[key] = self.doc.by_sentence(m.get(self.lang)) if m else {}
        return table.get(i, [])

    def sentences_with(self, cc: CompiledClaim, names: Iterable[str]) -> set[int]:
        """Sentences where any of the claim's named term lists occurs."""
        out: set[int] = set()
        for name in names:
            m = cc.get(name)
            if m:
                out.update(self.doc.by_sentence(m.get(self.lang)))
        return out

    def about(self, claim: Claim, i: int, window: int | None = None, depth: int = 3) -> tuple[bool, bool]:
        """Whether sentence i, alone or with up to `window` (default `claim.window`)
        sentences before it, names one entity of every `about` group; the second value
        tells whether the sentences before were needed. A sentence that opens with a
        pronoun ("It has since doubled") continues the sentence before it."""
        groups = self._about_groups.get(claim.id)
        if groups is None:
            groups = self._about_groups[claim.id] = [frozenset(g) for g in claim.about]
        here = set(self.ents_in[i])
        if all(not g.isdisjoint(here) for g in groups):
            return True, False
        j: int | None = i
        for _ in range(claim.window if window is None else window):
            j = self.prev(j) if j is not None else None
            if j is None:
                break
            here |= self.ents_in[j]
            if all(not g.isdisjoint(here) for g in groups):
                return True, True
        p = self.prev(i)
        if depth and p is not None and cue("leading_pronoun", self.lang).match(self.text(i)):
            # ... only if that sentence names the subject itself (or continues it in turn)
            return self.about(claim, p, 0, depth - 1)[0], True
        return False, False

    def _ranked(self, m: Mention) -> bool:
        """A description with a superlative ("the biggest cluster", "el clúster más grande",
        "最大的集群") names a rank, not the thing mentioned before."""
        text, sent = self.doc.text, self.doc.sentences[m.sentence]
        return bool(
            cue("superlative_inside", self.lang).search(text, m.start, m.end)
            or cue("superlative_after", self.lang).match(text, m.end, min(sent.end, m.end + 20))
            or cue("superlative_before", self.lang).search(text, max(sent.start, m.start - 8), m.start)
        )

    def other_topic(self, claim: Claim, i: int, pos: int) -> bool:
        """Whether sentence i names, before `pos`, another of the story's subjects (not a
        person, organisation or place, not one the claim is about): read on its own, "The new
        facility, unveiled in June, ..." is about the facility, not about the sentence
        before."""
        own = {e for g in claim.about for e in g}
        return any(
            m.sentence == i
            and m.start < pos
            and m.entity not in own
            and self.types.get(m.entity) not in (*_SPEAKERS, "place")
            for m in (*self.proper_at(i), *self.anaphora)
        )

    def blocked(self, cc: CompiledClaim, claim: Claim, i: int) -> bool:
        """A `not_with` entity or an `exclude` term puts sentence i out of the claim."""
        return bool(set(claim.not_with) & self.proper_in[i]) or bool(self.terms_in(cc, "exclude", i))

    def quote(self, i: int, with_prev: bool) -> str:
        p = self.prev(i)
        return f"{self.text(p)} {self.text(i)}" if with_prev and p is not None else self.text(i)

    # -- scopes ------------------------------------------------------------

    def segments(self, i: int) -> list[tuple[int, int]]:
        """Absolute spans of the comma/semicolon/colon segments of sentence i."""
        seg = self._segments.get(i)
        if seg is None:
            b = self.base(i)
            seg = [(b + s, b + e) for s, e in clauses(self.text(i))]
            self._segments[i] = seg
        return seg

    def segment_of(self, i: int, pos: int) -> tuple[int, int]:
        for s, e in self.segments(i):
            if s <= pos <= e:
                return s, e
        return self.base(i), self.doc.sentences[i].end

    def in_scope(self, name: str, i: int, a: int) -> bool:
        """A cue before position a in the sentence, or anywhere in a's segment."""
        seg = self.segment_of(i, a)
        return any(e <= a or seg[0] <= s < seg[1] for s, e in self.cue_in(name, i))

    def negated(
        self, i: int, a: int, ignore: Iterable[tuple[int, int]] = (), after_too: bool = False
    ) -> bool:
        """A negation before position a in its segment; with `after_too` anywhere in the
        segment (verb-final Chinese, ellipsis: 'due by July will not be')."""
        seg = self.segment_of(i, a)
        skip = list(ignore)
        for s, _ in self.cue_in("negation", i):
            if any(x <= s < y for x, y in skip):
                continue
            if seg[0] <= s < seg[1] and (after_too or s < a):
                return True
        return False

    def foreign_subject(self, i: int, pos: int, keep: Iterable[str]) -> bool:
        """Whether the clause of `pos` belongs to an owner the story does not know ("Meta's
        cluster", "el clúster de Meta", "Meta用于训练的集群") and names neither the story's
        protagonists nor the `keep` entities."""
        s, e = self.segment_of(i, pos)
        ids = set(keep) | self.self_ids
        mentions = [m for m in self.proper_at(i) if s <= m.start < e]
        if any(m.entity in ids for m in mentions):
            return False
        return any(
            not any(m.start <= o.start() < m.end for m in mentions)
            for o in cue("foreign_owner", self.lang).finditer(self.doc.text, s, e)
        )

    # -- figures and dates -------------------------------------------------

    def inside_name(self, i: int, q: Quantity) -> bool:
        """Whether a figure is part of an entity's name ("Grok 2", "H100")."""
        a, b = self.base(i) + q.start, self.base(i) + q.end
        return any(m.start <= a and b <= m.end for m in self.proper_at(i))

    def quantities(self, i: int) -> list[Quantity]:
        q = self._quantities.get(i)
        if q is None:
            q = self._quantities[i] = parse_quantities(self.text(i), self.lang)
        return q

    def dates(self, i: int) -> list[tuple[DateSpan, bool, tuple[int, int] | None]]:
        """Dates of sentence i, each with whether it is negated ("and not in July") and
        the span of the word that negates it."""
        hit = self._dates.get(i)
        if hit is None:
            t = self.text(i)
            neg = cue("date_negation", self.lang)
            hit = []
            for d in parse_dates(t, self.lang, self.doc.published):
                m = neg.search(t[: d.pos])
                span = (self.base(i) + m.start(), self.base(i) + m.end()) if m else None
                hit.append((d, m is not None, span))
            self._dates[i] = hit
        return hit

    def speech_date(self, i: int, d: DateSpan) -> bool:
        """Whether a date is when something was said ("said on Tuesday that ...", "dijo el
        martes", "周二表示"), not when the reported event happened."""
        t = self.text(i)
        if cue("speech_date_before", self.lang).search(t, max(0, d.pos - 40), d.pos):
            return True
        return bool(cue("speech_date_after", self.lang).match(t, d.endpos, min(len(t), d.endpos + 12)))

    # -- attribution -------------------------------------------------------

    def speaker(self, i: int, a: int, b: int) -> str | None:
        """Whose words [a, b) are: SELF (the story's protagonists), OTHER (an
        independent source) or None (the writer's own voice)."""
        quoted = self._quote_owner(i, a)
        if quoted is not None:
            return quoted
        t, base = self.text(i), self.base(i)
        lo, hi = base, base + len(t)  # "Musk says X; reporting puts it at Y"
        for m in _SEMICOLON.finditer(t):
            if base + m.start() < a:
                lo = base + m.end()
            elif base + m.start() >= b:
                hi = base + m.start()
                break
        text = self.doc.text
        cands = [
            c
            for c in self.cues(i)
            if lo <= c.start < hi
            # A cue after the phrase attributes it only as ", Semafor reported".
            and (c.end <= a or (not c.forward_only and _COMMA_OR_QUOTE.search(text, b, c.start)))
        ]
        if not cands:
            return None

        def distance(c: _Cue) -> tuple[int, int]:
            if c.end <= a:
                return a - c.end, 0
            if c.start >= b:
                return c.start - b, 1
            return 0, 0

        best = min(cands, key=distance)
        if best.end <= a and self._appositive(i, a, best):
            return None
        return best.speaker

    def soften(self, stance: str, rule: str, i: int, a: int, b: int, hedges: bool = True) -> tuple[str, str]:
        """A confirmation in the protagonists' own words, or hedged, is only a mention."""
        if stance != "supports":
            return stance, rule
        if self.speaker(i, a, b) == SELF:
            return "mentions", rule + "; attributed to the story's own source"
        if hedges and self.in_scope("hedge", i, a):
            return "mentions", rule + "; hedged"
        return stance, rule

    def predates(self, claim: Claim) -> bool:
        """Whether the article appeared before the claim was made (with 2 days' slack)."""
        asserted = claim.asserted or (self.story.published.date() if self.story.published else None)
        d = self.doc.date
        return bool(asserted and d and d < asserted - dt.timedelta(days=2))

    def cues(self, i: int) -> list[_Cue]:
        """Attribution cues of sentence i with their speakers."""
        hit = self._cues.get(i)
        if hit is not None:
            return hit
        out: list[_Cue] = []
        t, base = self.text(i), self.base(i)
        cjk = is_cjk(t)
        than = cue("than_before", self.lang)
        postposable = cue("postposable", self.lang)
        coord = cue("coordinated", self.lang)
        passive = cue("passive", self.lang)
        say = cue("say_verb", self.lang)
        for a, b in self.cue_in("according", i):  # the speaker follows
            seg = self.segment_of(i, b)
            spk = self._who(i, b, min(seg[1], b + 60), first=True)
            verb = say.match(self.doc.text, _skip_spaces(self.doc.text, b)) if spk is None else None
            if verb:  # "según informó el diario"; "según escribió": the subject named before
                spk = self._who(i, verb.end(), min(seg[1], verb.end() + 40), first=True)
                if spk is None:
                    spk = self._resolve(i, a, "person", "org")
            if spk is None and cjk:
                spk = OTHER
            if spk is not None:
                out.append(_Cue(a, b, spk))
        for a, b in sorted(self.cue_in("say_verb", i)):  # the speaker precedes
            if than.search(t[: a - base]):
                continue  # "fewer than Musk said"
            seg = self.segment_of(i, a)
            spk = None
            if passive.search(t, 0, a - base):  # "widely described as": no one in particular
                spk = self._named(b, min(seg[1], b + (6 if cjk else 25)))  # "... by Musk"
                if spk is not None:
                    out.append(_Cue(a, b, spk, True))
                continue
            if coord.search(t, 0, a - base):  # "Musk called it X and said ...": same subject
                earlier = [c for c in out if c.start < a]
                spk = earlier[-1].speaker if earlier else None
            if spk is None:
                spk = self._who(i, max(seg[0], a - (14 if cjk else 70)), a)
            if spk is None:  # inverted: "said Musk", "anunció la compañía"
                spk = self._named(b, min(seg[1], b + (6 if cjk else 25)))
            if spk is None and not cjk:
                org = cue("org_pronoun", self.lang).match(self.doc.text, _skip_spaces(self.doc.text, b))
                if org and " " in org.group():
                    spk = self._resolve(i, org.start(), "org")
            subject = self.doc.text[seg[0] : a]
            bare = len(subject) <= 2 if cjk else len(subject.split()) <= 2
            if spk is None and bare:  # coordinated: "Musk said ..., and described it as"
                earlier = [c for c in out if c.start < a]
                p = self.prev(i)
                before = earlier or (self.cues(p) if p is not None else [])
                spk = before[-1].speaker if before else None
            if spk is not None:
                out.append(_Cue(a, b, spk, not postposable.match(self.doc.text, a, b)))
        for a, b in self.cue_in("possessive_source", i):  # "Musk's own description"
            if than.search(t[: a - base]):
                continue
            seg = self.segment_of(i, a)
            spk = self._who(i, max(seg[0], a - 30), a + 1)
            if spk is None:
                spk = self._who(i, b, min(seg[1], b + 40), first=True)
            if spk is not None:
                out.append(_Cue(a, b, spk))
        lead = _LEAD_COLON.match(t)  # a headline "Musk: ..." / "马斯克：..." quotes its speaker
        if lead and (len(lead.group(1)) <= 10 if cjk else len(lead.group(1).split()) <= 4):
            spk = self._who(i, base, base + lead.end(1))
            if spk is not None:
                out.append(_Cue(base + lead.start(2), base + lead.end(2), spk))
        out.sort(key=lambda c: c.start)
        self._cues[i] = out
        return out

    def _who(self, i: int, a: int, b: int, first: bool = False) -> str | None:
        """Who is named in [a, b): the speaker of "Musk said" is the name nearest the
        verb (the last before it), of "according to X" the first after it."""
        if b <= a:
            return None
        span = self.doc.text[a:b]
        found: list[tuple[int, str]] = []
        covered: list[tuple[int, int]] = []
        for mention in self.proper_from(a, b):
            covered.append((mention.start, mention.end))
            if self.types.get(mention.entity) in _SPEAKERS:
                found.append((mention.start, SELF if mention.entity in self.self_ids else OTHER))
        st = self.cs.self_terms.get(self.lang)
        if st is not None:
            found += [(a + m.start(), SELF) for m in st.regex.finditer(span)]
        for m in cue("person_pronoun", self.lang).finditer(span):
            found.append((a + m.start(), self._resolve(i, a + m.start(), "person")))
        own = [(a + m.start(), self._main_org()) for m in cue("own_org", self.lang).finditer(span)]
        found += own
        for m in cue("org_pronoun", self.lang).finditer(span):
            if not any(p == a + m.start() for p, _ in own):
                found.append((a + m.start(), self._resolve(i, a + m.start(), "org")))
        sources = [(a + m.start(), m.group()) for m in _SOURCE_WORD.finditer(span)]
        found += [(pos, OTHER) for pos, _ in sources]
        found += [
            (a + m.start(), OTHER)
            for m in _CAPITALISED.finditer(span)
            if m.group() not in _STOP_CAPS and not any(x <= a + m.start() < y for x, y in covered)
        ]
        if found:
            found.sort()
            if not first and found[-1][1] == SELF and sources:
                # "people familiar with xAI's plans said": the source, not what it is close to
                src, word = sources[0]
                gap = self.doc.text[src : found[-1][0]]
                if src < found[-1][0] and not _INSIDER.match(word) and cue("source_of", self.lang).search(gap):
                    return OTHER
            return found[0][1] if first else found[-1][1]
        if len(_HAN.findall(span)) >= 2:
            return OTHER
        return None

    def _named(self, a: int, b: int) -> str | None:
        """A person or organisation named right after a speech verb ("said Musk")."""
        for m in self.proper_from(a, b):
            if self.types.get(m.entity) in _SPEAKERS:
                return SELF if m.entity in self.self_ids else OTHER
        return None

    def _resolve(self, i: int, pos: int, *kinds: str) -> str:
        """A pronoun means the latest entity of that kind in this or the previous sentence."""
        p = self.prev(i)
        lo = self.base(p) if p is not None else self.base(i)
        cands = [m for m in self.proper_from(lo, pos) if self.types.get(m.entity) in kinds]
        if not cands:
            return OTHER
        return SELF if cands[-1].entity in self.self_ids else OTHER

    def _main_org(self) -> str:
        """The organisation the article names most: who 'the company itself' is."""
        counts: dict[str, int] = {}
        for m in self.proper:
            if self.types.get(m.entity) == "org":
                counts[m.entity] = counts.get(m.entity, 0) + 1
        if not counts:
            return OTHER
        top = max(counts, key=lambda k: (counts[k], k in self.self_ids))
        return SELF if top in self.self_ids else OTHER

    def _quote_owner(self, i: int, pos: int) -> str | None:
        """Words inside an open quotation belong to whoever is named before the quote."""
        t = self.text(i)
        rel = pos - self.base(i)
        opens = [m.start() for m in _QUOTE_OPEN.finditer(t, 0, rel)]
        if not opens or _QUOTE_CLOSE.search(t, opens[-1] + 1, rel):
            return None
        start = self.base(i) + opens[-1]
        cues = [c for c in self.cues(i) if c.start < start]
        if cues:
            return cues[-1].speaker
        return self._who(i, self.base(i), start, first=True)

    def _appositive(self, i: int, pos: int, c: _Cue) -> bool:
        """A figure inside ', the company's supercomputer with 100,000 H100s,' is the
        writer's description, not the quoted claim."""
        segs = self.segments(i)
        for k, (s, e) in enumerate(segs):
            if s <= pos <= e:
                if k == 0 or k == len(segs) - 1 or s <= c.start < e:
                    return False
                if self.doc.text[e : e + 1] not in (",", "，"):
                    return False
                return bool(_DETERMINER.match(self.doc.text[s:e]))
        return False
