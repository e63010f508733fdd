"""Generic linguistic cues per language: negation, plans, hedges, lateness, attribution.

These are properties of English, Spanish and Chinese, not of any story; story words live
in the dossier. Each cue is a regex source per language; `cue(name, language)` compiles
the language's pattern (or the union of all three when the language is unknown).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .regexopt import factor_alternatives, required_literals

__all__ = ["CUES", "cue", "cue_literals"]

_I = r"(?i)"

# Capitalised words that are times, not owners ("Monday's announcement", "de Julio").
_NOT_TIME = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    r"May|June|July|August|September|October|November|December|Today|Yesterday|Tomorrow|Last|Next|"
    r"This|That|Lunes|Martes|Miércoles|Jueves|Viernes|Sábado|Domingo|Enero|Febrero|Marzo|Abril|"
    r"Mayo|Junio|Julio|Agosto|Septiembre|Octubre|Noviembre|Diciembre)\b)"
)

CUES: dict[str, dict[str, str]] = {
    # Negation of the next verb/phrase.
    "negation": {
        "en": _I + r"\bnot\b(?!\s+only)|n't\b|\bnever\b|\bno\s+longer\b|\byet\s+to\b|\bfail(?:ed|s)?\s+to\b"
        r"|\bimpossible\b|\bunable\b|\bcannot\b|\bno\s+way\b"
        r"|\bneither\b|\bnor\b|\bno\b(?!\s+(?:one|doubt)\b)(?!\.)|\bwithout\b",
        "es": _I + r"\bno\b(?!\s+(?:obstante|solo|sólo)\b)|\bnunca\b|\bjamás\b|\btampoco\b|\bimposible\b"
        r"|\bsin\b(?!\s+embargo)|\bni\b",
        "zh": r"并未|尚未|未能|并没有|没有|没能|不再|并非|不是|不会|不能|无法|未曾|从未|未(?![来知必])"
        r"|不打算|不可能|不予",
    },
    # A preceding word that negates only the date after it ("and not in July").
    "date_negation": {
        "en": _I + r"(?:\bnot|\brather\s+than|\binstead\s+of|\band\s+not)\s+(?:in\s+|on\s+|by\s+|at\s+)?(?:the\s+)?$",
        "es": _I + r"(?:\by\s+no|\bno|\ben\s+lugar\s+de|\ben\s+vez\s+de)\s+(?:en\s+|el\s+|a\s+|a\s+finales\s+de\s+)?$",
        "zh": r"(?:而非|而不是|并非|不是)\s*(?:在)?$",
    },
    # Future, plan or intention: the thing has not happened (yet).
    "plan": {
        "en": _I + r"\b(?:will|would|shall|going\s+to|plans?\s+to|planned|planning|aims?\s+to|aimed|"
        r"intends?|intended|hopes?|hoped|hoping|expects?|expected|targets?|targeted|goal|due\s+to|"
        r"set\s+to|meant\s+to|supposed\s+to|scheduled\s+to|should|wants?\s+to|wanted\s+to|"
        r"is\s+to|are\s+to|promised|promises|pledged|intention|ambition|envisag\w*|envision\w*)\b|'ll\b",
        "es": _I + r"\b(?:\w{2,}(?:rá|rán)|sería|serían|podría|podrían|tendría|tendrían|estaría|"
        r"estarían|habría|habrían|haría|harían|debería|deberían|saldría|supondría|permitiría|"
        r"planea\w*|prevé|prevén|previst[oa]s?|pretende\w*|quiere\w*|quería\w*|espera\w*|"
        r"objetivo|intención|va\s+a|van\s+a|iba\s+a|iban\s+a|prometi\w*|promete\w*|probablemente|"
        r"planes)\b",
        "zh": r"将(?![其近军])|将会|计划|预计|打算|拟|有望|目标|原定|准备|预期|承诺|希望|会在|要在|即将|争取|力争|号称",
    },
    # Strict future (no conditionals): "will be the most powerful", "será", "将".
    "future": {
        "en": _I + r"\b(?:will|shall|going\s+to|plans?\s+to|set\s+to|expected\s+to|aims?\s+to|intends?\s+to|due\s+to)\b|'ll\b",
        "es": _I + r"\b(?:\w{2,}(?:rá|rán)|va\s+a|van\s+a|prevé|pretende\w*|planea\w*)\b",
        "zh": r"将(?![其近军])|将会|计划|预计|有望|即将|打算",
    },
    # Weakens a confirmation: hearsay or conditional.
    "hedge": {
        "en": _I + r"\b(?:so-called|purported(?:ly)?|supposedly|allegedly|claimed\s+to|is\s+said\s+to|"
        r"billed\s+as|touted\s+as|may|might|could|possibly|perhaps|if|whether|unverified|"
        r"could\s+not\s+(?:independently\s+)?verify)\b",
        "es": _I + r"\b(?:supuestamente|presuntamente|según\s+se\s+dice|podría\w*|quizá\w*|tal\s+vez|"
        r"si|posiblemente|presunt[oa]s?)\b",
        "zh": r"号称|据称|所谓|或许|也许|如果|若|假如|或(?=仅|许|将|只|达)|可能|据说",
    },
    # Happened (or will happen) after the date promised.
    "late": {
        "en": _I + r"\b(?:later\s+than|delay(?:ed|s)?|behind\s+schedule|past\s+the\s+(?:deadline|target|date)|"
        r"missed|missing|slipped|postponed|pushed\s+(?:back|to)|overdue|"
        r"(?:\w+\s+)?(?:days?|weeks?|months?)\s+(?:after|later|late|behind)|"
        r"after\s+the\s+(?:deadline|date|target)|later\s+than\s+(?:planned|promised|announced))\b",
        "es": _I + r"\b(?:retras\w+|más\s+tarde\s+de|(?:\w+\s+)?(?:días|semanas|meses)\s+(?:después|más\s+tarde|de\s+retraso)|"
        r"después\s+de\s+lo\s+(?:previsto|anunciado|prometido)|aplaz\w+|demor\w+|pospu\w+|posterg\w+|"
        r"fuera\s+de\s+plazo)\b",
        "zh": r"推迟|延迟|延期|延后|晚于|晚了|逾期|未能按时|没能按时|未能如期|拖延|迟迟",
    },
    # Happened when promised.
    "ontime": {
        "en": _I + r"\b(?:on\s+schedule|on\s+time|on\s+track|as\s+promised|as\s+planned|within\s+the|"
        r"inside\s+the|in\s+time|ahead\s+of\s+schedule|met\s+(?:the|its)\s+(?:deadline|target)|"
        r"kept\s+(?:to\s+)?(?:the|its)\s+(?:deadline|promise|timeline|schedule))\b",
        "es": _I + r"\b(?:a\s+tiempo|dentro\s+del?\s+plazo|en\s+(?:el\s+)?plazo|cumpl\w*\s+(?:el|los|con\s+el)\s+plazos?|"
        r"según\s+lo\s+(?:previsto|prometido|anunciado)|como\s+estaba\s+previsto|en\s+la\s+fecha\s+prevista)\b",
        "zh": r"如期|按时|按期|准时|兑现|之内|以内|如约",
    },
    # The figures of the sentence belong to a comparison with something else.
    "comparison": {
        "en": _I + r"\b(?:for\s+comparison|by\s+comparison|in\s+comparison|compared\s+(?:with|to)|"
        r"(?:larger|bigger|greater|more\s+powerful|smaller)\s+than|rival\w*)\b",
        "es": _I + r"\b(?:por\s+comparación|en\s+comparación|comparad[oa]\s+con|frente\s+a|"
        r"(?:mayor|más\s+grande|menor|más\s+potente)(?:es)?\s+que)\b",
        "zh": r"相比|相较|对比|比(?:[^，。]{1,12})(?:更|还)(?:大|多|强)",
    },
    "no_comment": {
        "en": _I + r"\b(?:declined\s+to\s+(?:comment|say|disclose|confirm)|did\s+not\s+(?:immediately\s+)?"
        r"(?:comment|respond|disclose)|would\s+not\s+comment|no\s+comment|has\s+not\s+disclosed|"
        r"not\s+disclosed|could\s+not\s+be\s+reached)\b",
        "es": _I + r"\b(?:no\s+respondió|declinó\s+(?:hacer\s+)?comentar\w*|no\s+quiso\s+(?:hacer\s+)?comentar\w*|"
        r"rehusó\s+comentar\w*|sin\s+comentarios|no\s+ha\s+(?:hecho\s+)?comentarios|no\s+comentó)\b",
        "zh": r"未予置评|不予置评|拒绝置评|未作回应|没有回应|未予回应|未置评|未回应|未披露|不愿置评",
    },
    # Around a figure: it is a difference or an addition, not a count ("8,000 fewer than").
    "less_after": {
        "en": _I + r"^\s*(?:\w+\s+)?(?:fewer|less|lower|smaller)\s+than\b",
        "es": _I + r"^\s*(?:\w+\s+)?menos\s+(?:que|de)\b",
        "zh": r"(?!)",
    },
    "more_after": {
        "en": _I + r"^\s*(?:\w+\s+)?(?:more|higher|greater)\s+than\b|^\s*(?:more|additional|extra)\b",
        "es": _I + r"^\s*(?:\w+\s+)?más\s+(?:que|de)\b|^\s*(?:adicionales|más)\b",
        "zh": r"(?!)",
    },
    "less_before": {
        "en": _I + r"\b(?:short\s+by|shortfall\s+of)\s+$",
        "es": _I + r"\bfaltan\s+$",
        "zh": r"(?:少了|减少了|减少)\s*(?:约|大约)?$",
    },
    "more_before": {
        "en": _I + r"\b(?:another|an\s+additional|additional|a\s+further|further|extra|added|adding|adds|add)\s+(?:about\s+|around\s+|roughly\s+|some\s+)?$",
        "es": _I + r"\b(?:otr[oa]s|añad\w+|sum\w+)\s+(?:unos\s+|unas\s+)?$",
        "zh": r"(?:多了|增加了|增加|新增|再增加|额外|追加|加装)\s*(?:约|大约)?$",
    },
    # Speech verbs whose subject precedes them.
    "say_verb": {
        "en": _I + r"\b(?:(?:has|have|had)\s+(?:also\s+|repeatedly\s+|again\s+|previously\s+|already\s+|long\s+)?)?"
        r"(?:said|says|say|told|tells|claimed|claims|announced|announces|wrote|writes|posted|posts|"
        r"tweeted|tweets|stated|states|added|adds|explained|explains|described|describes|called|"
        r"calls|insisted|insists|boasted|boasts|promised|promises|confirmed|confirms|argued|"
        r"argues|maintained|maintains|touted|touts|predicted|predicts|declared|declares|reported|"
        r"reports|noted|notes|estimated|estimates|bragged|hinted|revealed|reveals|disclosed|"
        r"acknowledged|admitted|suggested|suggests|believes|believed|thinks|praised|praises|"
        r"billed|bills|touted|touts|marketed|markets|hailed|hails|branded|brands|pitched|pitches|"
        r"dubbed|dubs|boasted|trumpeted|proclaimed|proclaims|saying|calling|describing|claiming|"
        r"touting|billing|dubbing|hailing|noting|adding|writing|boasting|insisting|declaring|"
        r"promoted|promotes|promoting|advertised|advertises|talked\s+up|talks\s+up|"
        r"(?:likes?|liked|loves?|loved)\s+to\s+(?:talk|speak|boast)\s+(?:about|of)|"
        r"(?:talks|talked|spoke|speaks)\s+(?:about|of))\b",
        "es": _I + r"\b(?:dijo|dice|dicen|afirmó|afirma|afirman|aseguró|asegura|aseguran|explicó|explica|"
        r"anunció|anuncia|sostiene|sostuvo|declaró|declara|avanzó|avanza|escribió|"
        r"escribe|publicó|confirmó|confirma|insistió|insiste|prometió|promete|señaló|señala|indicó|"
        r"indica|añadió|añade|calificó|califica|describió|describe|llamó|llama|estima|estimó|"
        r"reconoció|admitió|informó|informa|reveló|destacó|subrayó|apuntó|aseguraba|afirmaba|decía|"
        r"adelantó|cree|considera|calcula|calculó|publica|presume|presumió|vende|vendió|"
        r"bautizó|proclamó|proclama|alardeó|alardea|tuiteó|informó|diciendo|calificando|asegurando|afirmando|"
        r"promocionó|promociona|publicitó|se\s+jactó|se\s+jacta|habló\s+de|habla\s+de|presume\s+de)\b",
        "zh": r"表示|(?<![号名堪自])称(?![为号作之])|(?<![小据听])说(?![法明服])|宣布|声称|宣称|标榜|指出|透露|强调|认为|写道|回应|证实|确认|估算|坦言|介绍|发文"
        r"|发帖|吹嘘|宣传|夸口|放话",
    },
    # Reporting verbs that may follow what they attribute ("..., Semafor reported").
    # Others ("called it the most powerful", "had promised") attribute only what follows.
    "postposable": {
        "en": _I + r"(?:said|says|say|told|reported|reports|added|adds|wrote|writes|noted|notes|"
        r"announced|announces|confirmed|confirms|explained|explains|claimed|claims|estimated|"
        r"estimates|stated|states|insisted|insists|argued|argues|according\s+to|citing|tweeted|posted|"
        r"boasted|bragged|declared|revealed|disclosed|acknowledged|admitted)\b",
        "es": _I + r"(?:dijo|dice|dicen|afirmó|afirma|aseguró|asegura|explicó|explica|señaló|señala|"
        r"indicó|indica|añadió|añade|informó|informa|según|sostiene|sostuvo|declaró|estima|estimó|"
        r"anunció|anuncia|escribió|escribe|publicó|tuiteó|confirmó|confirma|reconoció|admitió|reveló|"
        r"presumió|alardeó)\b",
        "zh": r"表示|称|说|透露|指出|据|宣布|写道|发文|证实|确认",
    },
    # Phrases whose speaker follows them ("according to Semafor", "según Musk", "据报道").
    "according": {
        "en": _I + r"\b(?:according\s+to|citing|cited\s+by|in\s+the\s+words\s+of|as\s+reported\s+by|per)\b",
        "es": _I + r"\b(?:según|de\s+acuerdo\s+con|en\s+palabras\s+de|citando\s+a)\b",
        "zh": r"据(?![此悉说称])|按照|根据",
    },
    # "Musk's own description": a possessive that attributes what follows to its owner.
    "possessive_source": {
        "en": _I + r"(?:'s|’s)\s+(?:own\s+)?(?:description|words|claim|claims|account|post|posts|figure|telling|estimate|version|boast|pitch|"
        r"announcement|statement|tweet|tweets|press\s+release|blog\s+post|marketing|promise|promises)\b",
        "es": _I + r"\b(?:el\s+discurso|las\s+palabras|la\s+versión|la\s+descripción|el\s+mensaje|la\s+publicación|las\s+cifras|"
        r"el\s+anuncio|el\s+comunicado|el\s+tuit|la\s+promesa|las\s+promesas)\s+de\b",
        "zh": r"的说法|所说|所称|所宣称|的描述|给出的数字|的数字|的公告|的声明|的推文|的帖子|口中的",
    },
    # A date right after a speech verb ("said on Tuesday") or right before one ("周二表示").
    "speech_date_before": {
        "en": _I + r"\b(?:said|says|told\s+\w+|announced|wrote|posted|tweeted|confirmed|stated|"
        r"reported|added|revealed|disclosed)\s*(?:on|in|late|early|last|this)?\s*$",
        "es": _I + r"\b(?:dijo|afirmó|aseguró|anunció|escribió|publicó|confirmó|declaró|informó|"
        r"explicó|señaló|añadió|reveló)\s*(?:el|este|esta|en|a\s+finales\s+de|a\s+principios\s+de)?\s*$",
        "zh": r"(?!)",
    },
    "speech_date_after": {
        "en": r"(?!)",
        "es": r"(?!)",
        "zh": r"\s*(?:在[^，。；]{0,6}上)?(?:表示|称|宣布|发文|写道|证实|确认|透露|说)",
    },
    # Between a source word and a name: the name only qualifies the source ("people
    # familiar with xAI's plans", "analysts at", "fuentes cercanas a xAI").
    "source_of": {
        "en": _I + r"\b(?:familiar\s+with|close\s+to|briefed\s+on|at|of|from|with|inside|who\s+\w+)\b",
        "es": _I + r"\b(?:cercan[oa]s?\s+a|conocedor[ae]s?\s+de|al\s+tanto\s+de|de|del|en|con)\b",
        "zh": r"(?!)",
    },
    # Right before a speech verb: a second predicate of the same subject ("... and said").
    "coordinated": {
        "en": _I + r"\b(?:and|but|then)\s+(?:(?:also|later|then|again|has|had|have|\w+ly)\s+){0,2}$",
        "es": _I + r"\b(?:y|e|pero|luego)\s+(?:(?:también|luego|después|además|ha|había)\s+){0,2}$",
        "zh": r"(?:并|并且|还|也|又|随后|同时)$",
    },
    # Right before a speech verb: a passive without its agent ("widely described as").
    "passive": {
        "en": _I + r"\b(?:is|was|are|were|be|been|being|widely|often|commonly|generally|frequently|"
        r"sometimes|variously|routinely)\s+$",
        "es": _I + r"\b(?:es|fue|son|fueron|sido|ser)\s+$",
        "zh": r"被$",
    },
    # A capitalised name that owns the phrase ("Meta's cluster", "de Meta", "Meta的"); the
    # match starts at the name. Acronyms (GPU, AI) are not owners.
    "foreign_owner": {
        "en": _NOT_TIME + r"\b[A-Z][a-z][\w&-]*(?=(?:'s|’s)\b|\s+(?:\w+\s+){0,3}?(?:its|their)\s+own\b)",
        "es": _NOT_TIME + r"(?:(?<=\bde\s)|(?<=\bdel\s))[A-ZÁÉÍÓÚÑ][a-záéíóúñ][\w&-]*"
        r"|" + _NOT_TIME + r"\b[A-ZÁÉÍÓÚÑ][a-záéíóúñ][\w&-]*(?=\s+(?:\w+\s+){0,3}?(?:su|sus)\s+propi[oa]s?\b)",
        "zh": r"(?:(?<=[，。；：、“”！？\s])|(?<=^))[A-Z][a-z][\w&-]*"
        r"(?=[^，。；、“”]{0,14}的|[^，。；、“”]{0,10}(?:自己|自家|自有))",
    },
    # The figure exists in words only: "more ambition than reality", "only on paper".
    "unreal": {
        "en": _I + r"\b(?:more\s+(?:of\s+)?(?:an?\s+)?(?:ambition|aspiration|promise|hope|goal|target|plan|"
        r"wish|marketing|slogan|talking\s+point)\s+than\s+(?:a\s+)?(?:reality|fact)|"
        r"(?:not|yet\s+to\s+become)\s+(?:yet\s+)?(?:a\s+)?reality|(?:exists?\s+)?only\s+on\s+paper|"
        r"(?:has|have)\s+yet\s+to\s+materiali[sz]e)\b",
        "es": _I + r"\b(?:más\s+(?:una\s+)?(?:ambición|aspiración|promesa|deseo|objetivo|meta|marketing|eslogan)"
        r"\s+que\s+(?:una\s+)?realidad|(?:aún|todavía)\s+no\s+es\s+(?:una\s+)?realidad|"
        r"(?:solo|sólo)\s+(?:existe\s+)?(?:sobre|en)\s+el\s+papel)\b",
        "zh": r"停留在纸面|只存在于纸面|尚未成为现实|还不是现实|远非现实|更多是(?:愿景|目标|口号|宣传)|而非现实|雄心多于现实",
    },
    # A superlative inside, right after or right before a description ("the biggest
    # cluster", "el clúster más grande", "最大的集群"): a rank, not a co-reference.
    "superlative_inside": {
        "en": _I + r"\b(?:most|least|\w{3,}est)\b",
        "es": _I + r"\b(?:mayor|menor|mejor|peor)\b",
        "zh": r"最",
    },
    "superlative_after": {
        "en": r"(?!)",
        "es": _I + r"\s+(?:más|menos)\s+\w+|\s+(?:mayor|menor|mejor|peor)\b",
        "zh": r"(?!)",
    },
    "superlative_before": {
        "en": r"(?!)",
        "es": r"(?!)",
        "zh": r"最[^，。、；]{0,6}$",
    },
    # A comparison with what someone said is not attribution ("fewer than Musk said").
    "than_before": {
        "en": _I + r"\b(?:than|as)\s+(?:\w+\s+){0,3}$",
        "es": _I + r"\b(?:que|de\s+lo\s+que)\s+(?:\w+\s+){0,3}$",
        "zh": r"比[^，。]{0,8}$",
    },
    # A sentence opening with a pronoun continues the previous sentence's subject.
    "leading_pronoun": {
        "en": r"^\W*(?:It|Its|It's|They|Their|This|These|He|She|His|Her)\b",
        "es": r"^\W*(?:Él|Ella|Ello|Esto|Este|Esta|Su|Sus|Dicho|Dicha)\b",
        "zh": r"^\W*(?:它|其|该|这|此|他|她)",
    },
    # Words that point back to something named before ("this is the largest", "se trata
    # del mayor", "这是最大的").
    "refers_back": {
        "en": _I + r"\b(?:it|its|it's|this|that|these|they|them|which)\b",
        "es": _I + r"\b(?:se\s+trata|lo|la\s+convierte|lo\s+convierte|este|esta|esto|ello|es\s+el|es\s+la|"
        r"sería\s+el|sería\s+la|era\s+el|era\s+la|fue\s+el|fue\s+la|cual)\b",
        "zh": r"这|此|该|它|其",
    },
    "person_pronoun": {
        "en": _I + r"\b(?:he|she|him|her|his|who)\b",
        "es": _I + r"\b(?:él|ella|quien|quienes|el\s+empresario|la\s+empresaria)\b",
        "zh": r"他|她|其本人",
    },
    "org_pronoun": {
        "en": _I + r"\b(?:it|its|the\s+company|the\s+firm|the\s+group|which)\b",
        "es": _I + r"\b(?:la\s+(?:propia\s+)?empresa|la\s+(?:propia\s+)?compañía|la\s+firma|la\s+tecnológica|el\s+grupo)\b",
        "zh": r"该公司|这家公司|公司方面|官方",
    },
    # "The company itself": the organisation the article is about, not the last one named.
    "own_org": {
        "en": _I + r"\b(?:the\s+company\s+itself|the\s+company's\s+own|the\s+firm\s+itself)\b",
        "es": _I + r"\b(?:la\s+propia\s+(?:empresa|compañía|firma|startup))\b",
        "zh": r"公司自己|该公司自身|官方自己",
    },
}


@lru_cache(maxsize=256)
def cue_literals(name: str, language: str | None = None) -> re.Pattern[str] | None:
    """A regex for the lower-case strings of which every match of `cue(name, language)`
    contains one (claims.regexopt.required_literals; search the lower-cased text with
    it), or None when the cue does not tell, or is case-sensitive (such a regex already
    skips quickly to its first characters), or names so many words (the speech verbs)
    that most sentences have one."""
    table = CUES[name]
    lang = (language or "").lower()[:2]
    found: set[str] = set()
    for src in [table[lang]] if lang in table else table.values():
        lits = required_literals(src)
        if lits is None or not src.startswith(_I):
            return None
        found |= lits
    if len(found) > 40:
        return None
    # case-sensitive and grouped by first letter: the engine skips to those letters
    return re.compile(factor_alternatives("|".join(re.escape(w) for w in sorted(found))))


@lru_cache(maxsize=512)
def _factored(src: str) -> str:
    return factor_alternatives(src)


@lru_cache(maxsize=256)
def cue(name: str, language: str | None = None) -> re.Pattern[str]:
    """The compiled cue `name` for `language` (all languages when unknown).

    The sources are compiled with their alternations grouped by first letter
    (claims.regexopt): the same matches, several times faster on long word lists."""
    table = {lang: _factored(src) for lang, src in CUES[name].items()}
    lang = (language or "").lower()[:2]
    if lang in table:
        return re.compile(table[lang])
    parts = [f"(?:{src})" if not src.startswith(_I) else f"(?i:{src[len(_I):]})" for src in table.values()]
    return re.compile("|".join(parts))
