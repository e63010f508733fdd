"""English: the table the claim rules read (see claims/lang/__init__.py for each field)."""

from __future__ import annotations

from babel.dates import get_month_names
from text_to_num import alpha2digit

from . import Language, register
from .common import month_table

_MONTHS = month_table(get_month_names("wide", locale="en"), get_month_names("abbreviated", locale="en"), extra={"sept": 9})

TABLE = register(
    Language(
        code="en",
        name="English",
        abbreviations=("Mr", "Mrs", "Ms", "Dr", "Inc", "Corp", "Co", "Ltd", "Jr", "Sr", "St", "vs", "U.S", "U.K", "No", "approx", "est"),
        decimal=".",
        group=(",",),
        scales={"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12},
        words_to_digits=lambda s: alpha2digit(s, "en"),
        approx=("about", "around", "roughly", "some", "approximately", "nearly", "almost", "close to", "an estimated", "circa", "~", "up to"),
        more=("more than", "over", "upwards of", "in excess of", "at least", "above", "north of", "beyond"),
        less=("less than", "fewer than", "under", "below", "barely", "just", "only", "at most", "no more than"),
        after_more=("or more", "plus", "+"),
        after_less=("or fewer", "or less"),
        currencies={"$": "USD", "us$": "USD", "usd": "USD", "dollar*": "USD", "€": "EUR", "eur": "EUR", "euro*": "EUR", "£": "GBP", "gbp": "GBP", "pound*": "GBP", "¥": "JPY", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "nt$": "TWD", "new taiwan dollar*": "TWD", "won": "KRW"},
        months=_MONTHS,
        date_words={"today": ("day", 0), "yesterday": ("day", -1), "tomorrow": ("day", 1), "this week": ("week", 0), "last week": ("week", -1), "next week": ("week", 1), "this month": ("month", 0), "last month": ("month", -1), "next month": ("month", 1), "this year": ("year", 0), "last year": ("year", -1), "next year": ("year", 1), "the following year": ("year", 1), "the following month": ("month", 1)},
        period_words={"end of": "end", "the end of": "end", "late": "end", "later in": "end", "early": "start", "the beginning of": "start", "beginning of": "start", "start of": "start", "the start of": "start", "mid": "mid", "mid-": "mid", "the middle of": "mid", "middle of": "mid"},
        halves={"first half": 1, "second half": 2, "h1": 1, "h2": 2},
        quarters={"first quarter": 1, "second quarter": 2, "third quarter": 3, "fourth quarter": 4, "final quarter": 4, "last quarter": 4, "1st quarter": 1, "2nd quarter": 2, "3rd quarter": 3, "4th quarter": 4, "q1": 1, "q2": 2, "q3": 3, "q4": 4},
        not_before=("no earlier than", "not before", "not until", "at the earliest", "no sooner than", "slipped to", "slips to", "slid to", "slides to", "pushed back to", "pushed to", "postponed to", "postponed until", "delayed to", "delayed until", "moved to", "now in", "now to"),
        by_words=("by", "before", "by the end of", "no later than", "in time for"),
        units={
            "day*": ("duration", 1.0), "week*": ("duration", 7.0), "month*": ("duration", 30.44), "year*": ("duration", 365.25), "hour*": ("duration", 1 / 24),
            "mile*": ("distance", 1.609344), "mi": ("distance", 1.609344), "km": ("distance", 1.0), "kilomet*": ("distance", 1.0),
            "kg": ("mass", 1.0), "tonne*": ("mass", 1000.0), "ton*": ("mass", 907.2),
            "mw": ("power", 1.0), "megawatt*": ("power", 1.0), "gw": ("power", 1000.0), "gigawatt*": ("power", 1000.0),
            "percent": ("percent", 1.0), "per cent": ("percent", 1.0), "%": ("percent", 1.0),
            "gpu*": ("gpu", 1.0), "chip*": ("gpu", 1.0), "accelerator*": ("gpu", 1.0), "graphics processor*": ("gpu", 1.0), "graphics card*": ("gpu", 1.0), "processor*": ("gpu", 1.0),
            "job*": ("jobs", 1.0), "worker*": ("jobs", 1.0), "employee*": ("jobs", 1.0), "staff": ("jobs", 1.0), "positions": ("jobs", 1.0), "people": ("people", 1.0),
            "vehicle*": ("vehicles", 1.0), "car*": ("vehicles", 1.0), "truck*": ("vehicles", 1.0), "pickup*": ("vehicles", 1.0), "unit*": ("vehicles", 1.0),
            "order*": ("orders", 1.0), "reservation*": ("orders", 1.0), "pre-order*": ("orders", 1.0), "preorder*": ("orders", 1.0),
            "home*": ("homes", 1.0), "household*": ("homes", 1.0), "plant*": ("plants", 1.0), "factor*": ("plants", 1.0), "fab*": ("plants", 1.0),
            "customer*": ("customers", 1.0), "user*": ("customers", 1.0), "subscriber*": ("customers", 1.0),
        },
        pronouns=("it", "its", "it's", "this", "that", "they", "their", "the company", "the firm", "the project", "the company's"),
        clause_words=("but", "while", "whereas", "although", "though", "however", "yet", "and then", "which", "after", "before", "because", "since", "as", "when"),
        cues={
            "negation": ("not", "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "won't", "can't", "cannot", "couldn't", "wouldn't", "hasn't", "haven't", "hadn't", "shouldn't", "don’t", "doesn’t", "didn’t", "isn’t", "wasn’t", "won’t", "can’t", "hasn’t", "haven’t", "no", "never", "no longer", "nor", "neither", "without", "none", "nobody", "nothing", "far from", "hardly"),
            "not_yet": ("not yet", "has yet to", "have yet to", "had yet to", "is yet to", "are yet to", "still not", "still hasn't", "still has not", "has not ... yet", "still waiting", "still awaiting", "is still to"),
            "plan": ("expects", "expected", "anticipates", "will", "'ll", "shall", "is going to", "are going to", "plans to", "planned", "plan to", "planning", "intends to", "aims to", "aim to", "expects to", "expected to", "is expected", "are expected", "is set to", "are set to", "scheduled to", "is scheduled", "due to", "slated to", "slated for", "targets", "targeting", "targeted", "hopes to", "promised to", "promises", "wants to", "on track to", "is poised to", "to be completed", "upcoming", "forthcoming", "projected"),
            "conditional": ("would", "could", "might", "may", "if", "unless", "should", "probably", "likely", "would have", "could have"),
            "hedge": ("declined to comment", "did not comment", "would not comment", "no comment", "did not confirm", "reportedly", "allegedly", "supposedly", "claims to", "claimed to", "is said to", "are said to", "purportedly", "ostensibly", "so-called", "touted", "billed as", "dubbed", "calls it", "called it", "what it calls", "which it calls", "which he calls", "what he calls", "boasts", "boasted"),
            "retrospective": ("was meant to", "were meant to", "was supposed to", "were supposed to", "was to have", "had been expected", "had been scheduled", "had been planned", "had planned", "originally", "initially planned", "was originally", "had promised", "promised", "was planned", "were planned", "was scheduled", "was due to", "the original", "at first", "had been due"),
            "delay": ("delay*", "postpone*", "push* back", "pushed back", "pushed out", "slip*", "slid", "slides", "sliding", "behind schedule", "later than planned", "later than expected", "setback*", "stalled", "runs late", "running late", "deferred", "defer*", "moved back", "rescheduled", "held up", "not until", "no earlier than", "at the earliest", "scrubbed", "stood down"),
            "advanced": ("brought forward", "bringing forward", "brings forward", "bring forward", "pulled forward", "pull forward", "pulled ahead", "pull ahead", "moved up", "moved forward", "ahead of schedule", "earlier than planned", "earlier than expected", "sooner than planned", "ahead of the schedule", "ahead of the original", "accelerat*"),
            "on_time": ("on schedule", "on time", "as promised", "as planned", "as scheduled", "on track", "right on time", "ahead of schedule", "kept its promise", "met its deadline", "met the deadline", "within the deadline", "on target", "as expected"),
            "first": ("first", "first-ever", "initial", "inaugural", "debut", "maiden"),
            "done": ("brought", "went", "came", "began", "begun", "started", "has started", "kicked off", "commenced", "got under way", "is under way", "underway", "launched", "released", "rolled out", "shipped", "completed", "finished", "opened", "went live", "came online", "come online", "switched on", "fired up", "now available", "is available", "became available", "arrived", "delivered", "handed over", "built", "produced", "rolled off", "took off", "lifted off", "landed", "docked", "returned", "debuted", "unveiled", "up and running", "operational", "in operation", "in production", "entered production", "has begun", "had begun", "entered", "enters", "reached", "been in", "moved into", "went into", "ramped up"),
            "cancelled": ("cancel*", "scrapped", "removed", "withdrawn", "pulled from", "scrap*", "abandon*", "shelved", "dropped", "axed", "killed off", "called off", "pulled the plug", "ditched", "terminated", "halted", "fell through", "fallen through", "collapsed", "came to nothing", "off the table", "ruled out", "never materiali*", "never signed", "was never signed", "fell apart", "not go ahead", "will not go ahead", "won't go ahead", "put on hold", "on hold", "paused", "frozen", "mothballed"),
            "replaced": ("instead", "in its place", "turned into", "became an", "converted to", "replaced by", "replaced with", "swapped for", "in favour of", "in favor of", "rather than"),
            "ended": ("end", "ended", "ends", "ending", "put an end", "walked away", "walk away", "walks away", "broke off", "broken off", "broke down", "broken down", "called off", "pulled out", "pulls out", "terminated", "halted", "stopped", "stop", "are over", "were over", "is over", "was over", "fell apart", "collapse*", "scrapped", "abandon*", "dropped"),
            "continues": ("continu*", "ongoing", "still", "resumed", "resume*", "remain*", "keeps", "kept", "going ahead", "goes ahead", "went ahead", "proceed*", "moving forward", "moves forward", "on course", "not over", "is alive", "back on"),
            "denial": ("denied", "denies", "deny", "dismissed", "rejected the report", "refuted", "false", "untrue", "no such", "not true", "baseless", "rebuffed"),
            "source": ("analyst*", "expert*", "engineer*", "source*", "people familiar", "person familiar", "people close to", "insider*", "official*", "researcher*", "report*", "filing*", "supplier*", "utility", "regulator*", "observer*", "critic*", "economist*", "documents", "data"),
            "say": ("reported", "reports", "announcement", "statement", "press release", "promoted", "promotes", "pitched", "talk about", "talks about", "likes to talk", "bills it", "billed", "said", "says", "say", "told", "tells", "announced", "announces", "stated", "states", "claimed", "claims", "wrote", "writes", "posted", "tweeted", "added", "according to", "insisted", "insists", "promised", "promises", "boasted", "boasts", "predicted", "predicts", "argued", "argues", "explained", "noted", "confirmed", "confirms", "revealed", "disclosed", "declared", "pledged", "vowed", "touted", "described", "called", "calls"),
            "doubt": ("doubt*", "question*", "skeptic*", "sceptic*", "overstat*", "exaggerat*", "disput*", "cast* doubt", "call* into question", "unverified", "unverifiable", "cannot be verified", "can't be verified", "unproven", "not hold up", "does not hold", "hard to believe", "misleading", "not the largest", "not the most", "no longer the", "hype"),
            "comparison": ("re:than(?!\\s+(?:\\d|about|around|some|nearly|roughly|an estimated|US\\$|\\$))", "compared with", "compared to", "for comparison", "by comparison", "in comparison", "versus", "vs", "against", "next to", "dwarf*", "while rival", "whereas"),
            "growth": ("adding", "to add", "will add", "added another", "added more", "doubl*", "tripl*", "quadrupl*", "expand* to", "expand*", "grow* to", "grew to", "grown to", "increas* to", "rais* to", "boost* to", "scale* up to", "scal* up", "upgrad* to", "bring* it to", "brought it to", "extend* to", "more than doubled", "jump* to", "rose to", "rise to", "climbed to", "now has", "now counts", "now runs", "to be expanded", "expansion to"),
            "only": ("only", "just", "merely", "fewer than", "less than", "a fraction", "a third", "half", "no more than", "barely", "at most", "short of", "falls short", "fell short"),
            "running": ("running", "run", "runs", "operational", "operating", "in operation", "online", "installed", "powered", "power", "switched on", "in use", "working", "functioning", "connected", "deployed", "actually", "usable", "live"),
            "superlative": ("most powerful", "most-powerful", "largest", "biggest", "world's largest", "world's biggest", "world's most powerful", "most advanced", "fastest", "quickest", "quicker", "faster", "greatest", "strongest", "the most", "best", "number one", "biggest-ever", "largest-ever", "record", "unmatched", "unrivalled", "unrivaled", "outperform*", "beats", "beat", "outrun*", "outpac*", "outaccelerat*"),
            "comparative": ("bigger than", "larger than", "more powerful than", "faster than", "quicker than", "surpass*", "outstrip*", "eclipse*", "overtak*", "overtook", "ahead of", "outpac*", "outrank*", "outclass*", "beats", "beat", "beaten", "outperform*", "outran", "outrun*", "top*", "trounc*", "lost to", "loses to", "win", "won", "wins", "winning", "quicker", "faster", "behind"),
            "equal": ("comparable to", "on par with", "on a par with", "as big as", "as large as", "as powerful as", "as fast as", "as quick as", "just as", "level with", "neck and neck", "rivals", "rival", "matches", "matched", "equal to", "similar to"),
            "negotiation": ("talks", "in talks", "negotiat*", "discuss*", "close to a", "close to an", "close to a deal", "close to an agreement", "close to reaching", "close to signing", "close to clinching", "near a", "near an", "nearing", "poised to", "on the verge", "in discussions", "in negotiations", "being discussed", "under discussion", "deal in the works", "exploring", "considering"),
            "new_arrangement": ("will offer", "will host", "new agreement", "new deal", "new partnership", "new arrangement", "new relationship", "new kind of relationship", "new contract", "fresh deal", "different arrangement", "now offers", "now hosts", "makes available"),
            "price": ("price*", "priced", "cost*", "starts at", "starting at", "start at", "starting price", "base price", "from $", "sells for", "sell for", "retail*", "msrp", "sticker"),
            "previous": ("previously", "formerly", "had been", "was initially", "were initially", "initially", "originally", "once", "at the time", "back then", "the original", "first announced", "had promised", "promised", "earlier", "in 2019", "old", "former", "used to"),
        },
    )
)
