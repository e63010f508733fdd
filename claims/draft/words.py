"""The few words drafting needs that the claim engine's language tables do not hold.

claims/lang/ says how a language writes figures, dates and cues; drafting also has to
tell a name from the word that opens a sentence, a person from a company, and a
self-reference ("la startup de Musk") from a third party. Those cues are small closed
lists per language, kept here so that no list of known companies or people is needed.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "COMPANY_NOUNS",
    "DEAL",
    "FUNCTION",
    "NO_LONGER",
    "ORG_SUFFIXES",
    "PLACE_PREPS",
    "PROPERTY",
    "SCOPE",
    "SUPERLATIVE_MORE",
    "TITLES",
    "ZH",
]

_EN = """a an the this that these those its it it's their his her our your my we they he she
i you of in on at to for from by with as and or but not no is are was were be been being has
have had do does did will would can could may might must shall should than then so if when
while which who whom whose what where there here also about over after before into out up
down new more most other another such only just very all any each some both few many much
says said say according also however meanwhile chief executive minister analysts"""

_ES = """el la los las un una unos unas lo al del de en y e o u a con por para sin sobre entre
hasta desde según que quien quienes cual cuales cuyo cuya este esta estos estas ese esa esos
esas aquel aquella su sus nuestro nuestra mi mis tu se le les nos es son fue fueron era eran
ser sido estar está están estaba estaban ha han había habían hay haber muy más menos también
ya no ni pero sino aunque como cuando donde mientras porque pues así sea tras ante bajo
durante mediante antes después esto eso todo toda todos todas otro otra otros otras cada
además sin embargo vale pena"""

_FR = """le la les l un une des du de d au aux en et ou à a avec par pour sans sur sous entre
chez dans vers que qui quoi dont où ce cet cette ces son sa ses leur leurs notre nos il elle
ils elles on se est sont était étaient être été a ont avait avaient avoir plus moins aussi
déjà ne pas ni mais comme quand lorsque tandis car donc ainsi après avant selon tout toute
tous toutes autre autres chaque"""

_DE = """der die das den dem des ein eine einen einem einer eines und oder aber auch nicht kein
keine in im am an auf aus bei mit nach von vom zu zum zur für über unter vor hinter zwischen
durch gegen ohne um als wie wenn dass ob weil da dann so sehr mehr weniger noch schon nur
ist sind war waren sein gewesen hat haben hatte hatten wird werden wurde wurden es er sie
wir ihr ihre ihren ihrem sein seine seinen seinem seiner dieser diese dieses diesen jeder
jede alle andere laut"""

FUNCTION: Mapping[str, frozenset[str]] = {
    "en": frozenset(_EN.split()),
    "es": frozenset(_ES.split()),
    "fr": frozenset(_FR.split()),
    "de": frozenset(_DE.split()),
}

#: Words right before a name that make it a person (titles, roles, honorifics).
TITLES: Mapping[str, tuple[str, ...]] = {
    "en": (
        "chief executive",
        "chief executive officer",
        "ceo",
        "founder",
        "co-founder",
        "chairman",
        "chairwoman",
        "president",
        "secretary",
        "minister",
        "senator",
        "governor",
        "designer",
        "engineer",
        "analyst",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "mr",
        "mrs",
        "ms",
        "dr",
        "billionaire",
        "boss",
    ),
    "es": (
        "consejero delegado",
        "director ejecutivo",
        "directora ejecutiva",
        "presidente",
        "presidenta",
        "secretario",
        "secretaria",
        "ministro",
        "ministra",
        "fundador",
        "fundadora",
        "diseñador",
        "diseñadora",
        "portavoz",
        "analista",
        "magnate",
        "empresario",
        "empresaria",
        "sr",
        "sra",
        "don",
        "doña",
        "ceo",
    ),
    "fr": (
        "pdg",
        "patron",
        "patronne",
        "fondateur",
        "fondatrice",
        "président",
        "présidente",
        "ministre",
        "secrétaire",
        "porte-parole",
        "analyste",
        "milliardaire",
        "m",
        "mme",
        "ceo",
    ),
    "de": (
        "chef",
        "konzernchef",
        "vorstandschef",
        "firmenchef",
        "gründer",
        "präsident",
        "präsidentin",
        "minister",
        "ministerin",
        "sprecher",
        "sprecherin",
        "analyst",
        "milliardär",
        "herr",
        "frau",
        "ceo",
    ),
    "zh": (
        "首席执行官",
        "首席執行官",
        "执行长",
        "執行長",
        "总裁",
        "總裁",
        "创始人",
        "創始人",
        "董事长",
        "董事長",
        "部长",
        "部長",
        "总统",
        "總統",
        "发言人",
        "發言人",
        "亿万富翁",
        "CEO",
    ),
}

#: Endings of organisation names.
ORG_SUFFIXES: tuple[str, ...] = (
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Corporation",
    "Co",
    "Co.",
    "Ltd",
    "Ltd.",
    "LLC",
    "PLC",
    "plc",
    "Group",
    "Holdings",
    "SA",
    "S.A.",
    "SE",
    "AG",
    "GmbH",
    "NV",
    "N.V.",
    "AB",
    "ASA",
    "Technologies",
    "Motors",
    "Systems",
    "Labs",
)

#: Common nouns for a company: "the company", "la startup de Musk", "das Unternehmen".
COMPANY_NOUNS: Mapping[str, tuple[str, ...]] = {
    "en": (
        "company",
        "startup",
        "start-up",
        "firm",
        "carmaker",
        "automaker",
        "chipmaker",
        "maker",
        "group",
        "manufacturer",
        "venture",
        "business",
    ),
    "es": (
        "empresa",
        "compañía",
        "startup",
        "firma",
        "fabricante",
        "tecnológica",
        "grupo",
        "sociedad",
    ),
    "fr": (
        "société",
        "entreprise",
        "start-up",
        "startup",
        "groupe",
        "constructeur",
        "fabricant",
        "firme",
    ),
    "de": (
        "Unternehmen",
        "Firma",
        "Konzern",
        "Start-up",
        "Startup",
        "Hersteller",
        "Autobauer",
        "Chipkonzern",
    ),
    "zh": ("公司", "集团", "集團", "企业", "企業", "初创公司", "初創公司"),
}

#: Prepositions that put a place after them: "in Memphis", "en Arizona", "à Paris".
PLACE_PREPS: Mapping[str, tuple[str, ...]] = {
    "en": ("in", "near", "outside", "at"),
    "es": ("en", "cerca de"),
    "fr": ("à", "en", "près de"),
    "de": ("in", "bei", "nahe"),
}


class ZH:
    """Chinese: names have no capitals, so suffixes, titles and the characters of
    transliterated foreign names mark them."""

    ORG_END = (
        "公司",
        "集团",
        "集團",
        "银行",
        "銀行",
        "大学",
        "大學",
        "部",
        "局",
        "委员会",
        "委員會",
        "政府",
    )
    PLACE_END = ("市", "州", "省", "县", "縣")
    PLACE_BEFORE = ("在", "位于", "位於", "落户", "落戶")
    #: Characters of transliterated names (马斯克, 孟菲斯, 甲骨文 is not one: it is found by repetition).
    TRANSLIT = frozenset(
        "阿埃艾爱安奥澳巴班邦保鲍贝本比彼宾波伯博布查达戴丹道德迪蒂丁东杜敦多厄恩尔法范菲费芬佛弗夫福盖甘冈戈"
        "格贡古圭哈海汉豪赫亨胡怀霍基吉加贾杰金卡凯坎康考柯科克肯库奎拉莱兰朗劳勒雷里利莉连列林琳卢鲁路伦罗洛"
        "马玛迈麦曼梅蒙米密摩莫默姆穆纳娜奈南内尼妮宁纽努诺欧帕潘庞佩彭皮普奇齐乔切萨塞桑森莎沙尚施什舒斯松苏"
        "索塔泰坦汤唐特提汀廷图托瓦万威韦维温沃乌伍西希锡夏肖谢辛休雅亚扬耶伊因尤约泽扎詹兹佐菲孟斐伟馬斯羅"
    )


#: A state that stops or will not go on, beyond claims.lang's "ended" and "cancelled"
#: cues: "ya no ampliará", "will not renew", "instead of".
NO_LONGER: Mapping[str, tuple[str, ...]] = {
    "en": ("no longer", "will not", "won't", "instead of", "rather than", "will stop"),
    "es": (
        "ya no",
        "no seguirá",
        "no renovará",
        "en lugar de",
        "en vez de",
        "sino que",
        "el final de",
    ),
    "fr": ("ne ... plus", "n'* ... plus", "n’* ... plus", "au lieu de", "plutôt que", "la fin des"),
    "de": ("nicht mehr", "kein* ... mehr", "statt", "anstatt", "das Ende der"),
    "zh": ("不再", "而是", "取而代之", "终止", "終止", "结束", "結束"),
}

#: A lasting property asserted of a thing ("shatter-resistant"): a state claim.
PROPERTY: Mapping[str, tuple[str, ...]] = {
    "en": ("re:[a-z]+-resistant", "re:[a-z]+proof", "unbreakable", "indestructible", "bulletproof"),
    "es": ("resistente*", "a prueba de", "irrompible*", "indestructible*", "antibalas"),
    "fr": ("résistant*", "incassable*", "indestructible*", "pare-balles"),
    "de": ("re:\\w+fest", "unzerbrechlich*", "unzerstörbar*", "kugelsicher*"),
    "zh": ("防弹", "防彈", "防碎", "坚不可摧", "堅不可摧"),
}

#: Superlatives and rivals beaten that claims.lang's cues do not list ("el grupo más
#: poderoso del mundo", "a Cybertruck beating a Porsche 911").
SUPERLATIVE_MORE: Mapping[str, tuple[str, ...]] = {
    "en": (
        "beating",
        "outperforming",
        "better ... than",
        "in the world",
        "re:\\w+est(?= \\w+ (?:in|of) (?:the|its))",
    ),
    "es": (
        "re:más \\w+ (?:del mundo|de la historia|de su historia)",
        "mejor que",
        "ganando a",
        "del mundo",
    ),
    "fr": (
        "re:plus \\w+ (?:du monde|au monde|de l'histoire)",
        "meilleur* que",
        "battant",
        "au monde",
        "du monde",
    ),
    "de": ("re:\\w+ste[nrs]? \\w+ der welt", "besser als", "der Welt", "weltweit größt*"),
    "zh": ("全球最", "世界最", "史上最", "最大", "最强", "最強", "胜过", "勝過"),
}

#: Words that name what a money amount is ("a deal worth", "ayudas", "Preis").
DEAL: Mapping[str, tuple[str, ...]] = {
    "en": (
        "deal",
        "contract",
        "agreement",
        "grant*",
        "funding",
        "subsid*",
        "investment",
        "invest*",
        "price*",
        "loan*",
    ),
    "es": (
        "acuerdo",
        "contrato",
        "ayuda*",
        "subvenci*",
        "inversión",
        "invert*",
        "precio*",
        "préstamo*",
        "fondos",
    ),
    "fr": ("accord", "contrat", "aide*", "subvention*", "investissement*", "prix", "prêt*"),
    "de": (
        "Vertrag",
        "Abkommen",
        "Deal",
        "Förder*",
        "Subvention*",
        "Investition*",
        "Preis*",
        "Kredit*",
    ),
    "zh": (
        "协议",
        "協議",
        "合同",
        "交易",
        "补贴",
        "補貼",
        "投资",
        "投資",
        "价格",
        "價格",
        "售价",
        "售價",
    ),
}

#: Words of a superlative's scope, not of its object ("del mundo", "in US history").
SCOPE = frozenset(
    [
        "world",
        "mundo",
        "monde",
        "welt",
        "history",
        "historia",
        "histoire",
        "geschichte",
        "country",
        "país",
        "pays",
        "land",
        "industry",
        "industria",
        "industrie",
        "planet",
        "planeta",
        "planète",
    ]
)
