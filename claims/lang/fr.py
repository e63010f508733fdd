"""French: the table the claim rules read (see claims/lang/__init__.py for each field).

French puts negation around the verb ("n'a pas commencé", "ne sera pas livrée"),
so the negation terms are the "ne ... pas" pairs (a gap of up to three words) and the
second parts alone ("pas", "jamais", "aucun"); the restrictive "ne ... que" is *only*,
never negation. Journalistic conditionnel ("l'usine aurait coûté") is a hedge.
Every term with an apostrophe also comes with the typographic one ("l’entreprise").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TypeVar

from babel.dates import get_month_names
from text_to_num import alpha2digit

from . import Language, register
from .common import fold, month_table

_MONTHS = month_table(
    get_month_names("wide", locale="fr"),
    get_month_names("abbreviated", locale="fr"),
    extra={"fevrier": 2, "fev": 2, "aout": 8, "decembre": 12, "juill": 7, "sep": 9, "jan": 1},
)

# alpha2digit writes "quatre-vingt-dix pour cent" as "90 pour 100": "pour cent" stays, for
# the percent unit (a scale after digits, "3 millions", is kept by numbers.normalise).
_PERCENT = re.compile(r"\bpour\s+cent\b", re.IGNORECASE)


def _words_to_digits(text: str) -> str:
    """Numbers in words as digits ("vingt-quatre mille" -> "24000"), text2num's French."""
    out, at = [], 0
    for m in _PERCENT.finditer(text):
        out += [alpha2digit(text[at : m.start()], "fr"), m.group()]
        at = m.end()
    out.append(alpha2digit(text[at:], "fr"))
    return "".join(out)


def _q(*terms: str) -> tuple[str, ...]:
    """The terms, and each with the typographic apostrophe too."""
    return tuple(dict.fromkeys(v for t in terms for v in (t, t.replace("'", "\u2019"))))


_V = TypeVar("_V")


def _qm(table: Mapping[str, _V]) -> dict[str, _V]:
    return {v: value for k, value in table.items() for v in _q(k)}


# claims.lang.dates looks for period words and bounds in the accent-folded sentence
# ("repoussee a fin 2026"): those terms come folded too.
def _f(*terms: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for t in _q(*terms) for v in (t, fold(t))))


def _fm(table: Mapping[str, _V]) -> dict[str, _V]:
    return {v: value for k, value in table.items() for v in _f(k)}


TABLE = register(
    Language(
        code="fr",
        name="French",
        sentence_end=r"[.!?…]",
        abbreviations=("M", "MM", "Mme", "Mmes", "Mlle", "Dr", "Pr", "Me", "Mgr", "St", "Ste", "Sté", "Cie", "etc", "cf", "env", "av", "apr", "J.-C", "n°", "no", "p", "ex", "éd", "vol", "min", "max", "hab", "janv", "févr", "avr", "juil", "sept", "oct", "nov", "déc", "c.-à-d", "p. ex", "art", "chap"),
        decimal=",",
        group=(" ", "\u00a0", "\u202f", "."),
        scales={"bn": 1e9, "mille": 1e3, "millier": 1e3, "milliers": 1e3, "k": 1e3, "million": 1e6, "millions": 1e6, "Million": 1e6, "Millions": 1e6, "m": 1e6, "milliard": 1e9, "milliards": 1e9, "Milliard": 1e9, "Milliards": 1e9, "md": 1e9, "mds": 1e9, "mrd": 1e9, "mrds": 1e9, "billion": 1e12, "billions": 1e12},
        words_to_digits=_words_to_digits,
        approx=_q("environ", "env.", "près de", "près d'", "pres de", "quelque", "approximativement", "autour de", "à peu près", "presque", "quasiment", "pratiquement", "de l'ordre de", "aux alentours de", "plus ou moins", "grosso modo", "jusqu'à", "estimé à", "une estimation de", "quasi", "voisin de", "voisine de"),
        more=_q("plus de", "plus d'", "au moins", "au-delà de", "au-delà d'", "supérieur à", "supérieure à", "supérieurs à", "supérieures à", "pas moins de", "pas moins d'", "au bas mot", "au minimum", "dépassant", "excédant", "bien plus de", "largement plus de"),
        less=_q("moins de", "moins d'", "seulement", "à peine", "tout juste", "au plus", "au maximum", "pas plus de", "pas plus d'", "inférieur à", "inférieure à", "inférieurs à", "guère plus de", "un peu moins de", "uniquement", "rien que"),
        after_more=("ou plus", "et plus", "voire plus", "au moins", "minimum", "+"),
        after_less=("ou moins", "au maximum", "maximum"),
        currencies={"$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "dollars américains": "USD", "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "d'euros": "EUR", "d\u2019euros": "EUR", "d'euro": "EUR", "£": "GBP", "gbp": "GBP", "livre sterling": "GBP", "livres sterling": "GBP", "livres": "GBP", "¥": "JPY", "yen": "JPY", "yens": "JPY", "yuan": "CNY", "yuans": "CNY", "renminbi": "CNY", "rmb": "CNY", "nt$": "TWD", "dollars taïwanais": "TWD", "won": "KRW", "wons": "KRW", "franc suisse": "CHF", "francs suisses": "CHF", "chf": "CHF"},
        months=_MONTHS,
        date_words=_qm({"aujourd'hui": ("day", 0), "hier": ("day", -1), "avant-hier": ("day", -2), "demain": ("day", 1), "après-demain": ("day", 2), "cette semaine": ("week", 0), "la semaine dernière": ("week", -1), "la semaine passée": ("week", -1), "la semaine prochaine": ("week", 1), "la semaine suivante": ("week", 1), "ce mois-ci": ("month", 0), "ce mois": ("month", 0), "le mois dernier": ("month", -1), "le mois passé": ("month", -1), "le mois prochain": ("month", 1), "le mois suivant": ("month", 1), "cette année": ("year", 0), "l'an dernier": ("year", -1), "l'année dernière": ("year", -1), "l'an passé": ("year", -1), "l'année passée": ("year", -1), "l'an prochain": ("year", 1), "l'année prochaine": ("year", 1), "l'année suivante": ("year", 1)}),
        period_words=_fm({"fin de l'année": "end", "à la fin de l'année": "end", "en fin d'année": "end", "début de l'année": "start", "au début de l'année": "start", "en début d'année": "start", "milieu de l'année": "mid", "fin": "end", "fin de": "end", "fin d'": "end", "fin du": "end", "à la fin de": "end", "à la fin du": "end", "la fin de": "end", "en fin de": "end", "en fin d'": "end", "plus tard dans": "end", "début": "start", "début de": "start", "début d'": "start", "début du": "start", "au début de": "start", "au début du": "start", "en début de": "start", "en début d'": "start", "le début de": "start", "mi-": "mid", "à la mi-": "mid", "à mi-": "mid", "milieu de": "mid", "au milieu de": "mid"}),
        halves={"premier semestre": 1, "1er semestre": 1, "second semestre": 2, "deuxième semestre": 2, "2e semestre": 2, "2ème semestre": 2, "première moitié": 1, "seconde moitié": 2, "deuxième moitié": 2, "s1": 1, "s2": 2, "h1": 1, "h2": 2},
        quarters={"premier trimestre": 1, "1er trimestre": 1, "deuxième trimestre": 2, "second trimestre": 2, "2e trimestre": 2, "2ème trimestre": 2, "troisième trimestre": 3, "3e trimestre": 3, "3ème trimestre": 3, "quatrième trimestre": 4, "4e trimestre": 4, "4ème trimestre": 4, "t1": 1, "t2": 2, "t3": 3, "t4": 4, "q1": 1, "q2": 2, "q3": 3, "q4": 4},
        not_before=_f("au plus tôt", "pas avant", "pas avant le", "pas avant la", "pas avant fin", "reporté à", "reportée à", "reportés à", "reportées à", "reporté au", "reporté en", "repoussé à", "repoussée à", "repoussés à", "repoussé au", "repoussé en", "décalé à", "décalée à", "décalé au", "décalé en", "glissé à", "glisse à", "glisser à", "glissé en", "retardé à", "retardé jusqu'en", "désormais prévu pour", "désormais prévue pour", "désormais attendu en", "désormais attendue en", "qu'en", "qu'à partir de", "qu'à la fin de", "à partir de"),
        by_words=_f("d'ici", "d'ici à", "d'ici la fin de", "d'ici fin", "avant", "avant la fin de", "avant fin", "au plus tard", "au plus tard en", "au plus tard fin", "dès", "à temps pour"),
        units={
            "jour*": ("duration", 1.0), "semaine*": ("duration", 7.0), "mois": ("duration", 30.44), "an": ("duration", 365.25), "ans": ("duration", 365.25), "année*": ("duration", 365.25), "décennie*": ("duration", 3652.5), "heure*": ("duration", 1 / 24),
            "milles": ("distance", 1.609344), "miles": ("distance", 1.609344), "km": ("distance", 1.0), "kilomètre*": ("distance", 1.0), "kilometre*": ("distance", 1.0),
            "kg": ("mass", 1.0), "kilo": ("mass", 1.0), "kilos": ("mass", 1.0), "kilogramme*": ("mass", 1.0), "tonne*": ("mass", 1000.0),
            "mw": ("power", 1.0), "mégawatt*": ("power", 1.0), "megawatt*": ("power", 1.0), "gw": ("power", 1000.0), "gigawatt*": ("power", 1000.0),
            "pour cent": ("percent", 1.0), "pourcent*": ("percent", 1.0), "%": ("percent", 1.0),
            "gpu*": ("gpu", 1.0), "puce*": ("gpu", 1.0), "processeur*": ("gpu", 1.0), "processeurs graphiques": ("gpu", 1.0), "accélérateur*": ("gpu", 1.0), "carte* graphique*": ("gpu", 1.0),
            "emploi*": ("jobs", 1.0), "salarié*": ("jobs", 1.0), "employé*": ("jobs", 1.0), "travailleur*": ("jobs", 1.0), "poste*": ("jobs", 1.0), "collaborateur*": ("jobs", 1.0), "ouvrier*": ("jobs", 1.0),
            "personne*": ("people", 1.0), "habitant*": ("people", 1.0), "passager*": ("people", 1.0),
            "véhicule*": ("vehicles", 1.0), "voiture*": ("vehicles", 1.0), "camion*": ("vehicles", 1.0), "pick-up*": ("vehicles", 1.0), "pickup*": ("vehicles", 1.0), "unité*": ("vehicles", 1.0), "exemplaire*": ("vehicles", 1.0),
            "commande*": ("orders", 1.0), "réservation*": ("orders", 1.0), "précommande*": ("orders", 1.0), "pré-commande*": ("orders", 1.0),
            "foyer*": ("homes", 1.0), "ménage*": ("homes", 1.0), "logement*": ("homes", 1.0), "usine*": ("plants", 1.0), "gigafactor*": ("plants", 1.0), "site* de production": ("plants", 1.0),
            "client*": ("customers", 1.0), "utilisateur*": ("customers", 1.0), "abonné*": ("customers", 1.0),
        },
        pronouns=_q("il", "elle", "ils", "elles", "celui-ci", "celle-ci", "ceux-ci", "celles-ci", "ce dernier", "cette dernière", "ces derniers", "son", "sa", "ses", "leur", "leurs", "cela", "ceci", "l'entreprise", "la société", "le groupe", "le projet", "le constructeur", "le fabricant", "la firme", "l'industriel", "l'usine"),
        clause_words=_q("mais", "alors que", "tandis que", "bien que", "quoique", "cependant", "pourtant", "toutefois", "néanmoins", "or", "qui", "dont", "lequel", "laquelle", "lesquels", "lesquelles", "après", "après que", "avant", "avant que", "avant qu'", "parce que", "parce qu'", "car", "puisque", "puisqu'", "quand", "lorsque", "lorsqu'", "puis", "même si", "sauf que", "pendant que", "depuis que"),
        cues={
            "negation": _q("ne ... pas", "n'* ... pas", "ne ... plus", "n'* ... plus", "ne ... jamais", "n'* ... jamais", "ne ... guère", "n'* ... guère", "ne ... aucun*", "n'* ... aucun*", "ne ... rien", "n'* ... rien", "ne ... personne", "ne ... ni", "ne ... point", "ne ... nullement", "pas", "jamais", "aucun*", "nullement", "sans", "ni", "non plus", "plus jamais", "pas question", "loin de", "plutôt que", "au lieu de", "hors de question"),
            "not_yet": _q("pas encore", "toujours pas", "non encore", "n'* ... toujours pas", "pas pour l'instant", "pas pour le moment", "pas à ce jour", "reste à", "restent à", "doit encore", "doivent encore", "se fait attendre", "se font attendre", "se fait toujours attendre", "attend toujours", "attendent toujours", "toujours en attente", "encore en attente", "pas davantage", "encore à venir", "jusqu'ici pas", "n'a jamais"),
            "plan": _q("va", "vont", "sera", "seront", "aura", "auront", "devrait", "devraient", "doit", "doivent", "prévoit", "prévoient", "prévoit de", "prévoit d'", "prévu", "prévue", "prévus", "prévues", "entend", "entendent", "envisage", "envisagent", "projette", "ambitionne", "vise", "visent", "vise à", "souhaite", "veut", "veulent", "espère", "espèrent", "s'apprête à", "s'apprêtent à", "programmé*", "planifié*", "annoncé pour", "attendu", "attendue", "attendus", "attendues", "est attendu*", "à venir", "prochainement", "en passe de", "sur le point de", "a pour objectif", "objectif", "promet", "promettent", "table sur", "tablent sur", "commencera", "commenceront", "démarrera", "démarreront", "débutera", "débuteront", "lancera", "lanceront", "livrera", "livreront", "ouvrira", "ouvriront", "produira", "produiront", "entrera", "entreront", "atteindra", "atteindront", "sortira", "sortiront", "arrivera", "arriveront", "fonctionnera", "coûtera", "accueillera", "emploiera", "créera", "créeront", "construira", "construiront", "achèvera", "disposera", "comptera", "passera", "doublera", "fera", "feront", "pourra", "pourront", "permettra"),
            "conditional": _q("serait", "seraient", "aurait", "auraient", "pourrait", "pourraient", "devrait", "si", "s'il", "s'ils", "sauf si", "à condition que", "à condition de", "au cas où", "le cas échéant", "éventuellement", "aurait pu", "aurait été", "pourrait être"),
            "hedge": _q("serait", "seraient", "aurait", "auraient", "prétendument", "présumé*", "supposé*", "soi-disant", "selon des informations", "selon plusieurs médias", "selon la presse", "selon nos informations", "d'après nos informations", "selon la rumeur", "dit-on", "il se dit", "officieusement", "revendique", "revendiquent", "se targue", "se vante", "qualifie de", "qualifié de", "qualifiée de", "présenté comme", "présentée comme", "baptisé*", "surnommé*", "ce qu'il appelle", "ce qu'elle appelle", "ce qu'il qualifie", "vanté*", "vante", "affirme être", "affirme avoir", "censé*"),
            "retrospective": _q("devait", "devaient", "aurait dû", "auraient dû", "était censé*", "étaient censé*", "était prévu*", "étaient prévu*", "était attendu*", "était programmé*", "initialement", "à l'origine", "au départ", "dans un premier temps", "avait prévu", "avaient prévu", "avait promis", "avaient promis", "promis", "promise", "annoncé initialement", "initialement prévu*", "prévu à l'origine", "prévue à l'origine", "le calendrier initial", "allait", "allaient", "d'abord prévu*"),
            "delay": _q("retard*", "reporté*", "reporte", "reportent", "report", "reports", "repoussé*", "repousse", "repoussent", "décalé*", "décale", "décalent", "décalage", "glissé*", "glisse", "glissement", "ajourné*", "différé*", "prend du retard", "pris du retard", "plus tard que prévu", "plus tard qu'annoncé", "plus tard qu'attendu", "remis à plus tard", "encore une fois", "pas avant", "au plus tôt", "contretemps", "revers", "enlisé*", "au point mort", "en souffrance", "pas dans les temps", "hors délai*"),
            "advanced": ("avancé*", "avance la", "avance le", "avancer", "plus tôt que prévu", "en avance", "devanc*", "accélèr*", "anticip*"),
            "on_time": _q("dans les temps", "dans les délais", "à l'heure", "comme prévu", "comme promis", "comme annoncé", "comme attendu", "conformément au calendrier", "conformément aux prévisions", "conformément au plan", "en avance sur le calendrier", "en avance", "avec de l'avance", "respecté le calendrier", "respecte le calendrier", "respecté les délais", "respecte les délais", "tient ses promesses", "a tenu sa promesse", "tenu ses promesses", "tenu parole", "dans le calendrier prévu", "selon le calendrier prévu", "à la date prévue", "sur la bonne voie", "en ligne avec le calendrier"),
            "first": ("premier", "première", "premiers", "premières", "initial*", "inaugural*", "débuts"),
            "done": _q("a commencé", "ont commencé", "commence", "commencent", "a débuté", "ont débuté", "débute", "débutent", "a démarré", "ont démarré", "démarre", "démarrent", "a été lancé*", "ont été lancé*", "a lancé", "ont lancé", "est entré* en production", "sont entré* en production", "est entré* en service", "sont entré* en service", "est entré* en vigueur", "a été mis* en service", "ont été mis* en service", "mis en service", "est en service", "a été livré*", "ont été livré*", "livré", "livrée", "livrés", "livrées", "a livré", "ont livré", "a été achevé*", "achevé*", "a été terminé*", "terminé*", "a été inauguré*", "inauguré*", "a ouvert", "ont ouvert", "ouvert ses portes", "a été ouvert*", "est opérationnel*", "sont opérationnel*", "opérationnel*", "en production", "en fonctionnement", "est désormais", "sont désormais", "désormais disponible*", "est disponible", "sont disponibles", "est arrivé*", "sont arrivé*", "a été construit*", "a été produit*", "sont sortis des chaînes", "est sorti* des chaînes", "sorti* d'usine", "a décollé", "a atterri", "s'est posé*", "s'est amarré*", "est revenu*", "a été dévoilé*", "a dévoilé", "a été présenté*", "a été mis* en ligne", "mis en ligne", "a été déployé*", "est en cours", "a été mis* en route", "est en marche", "a été allumé*", "mis* sous tension", "a été expédié*", "a été remis*", "a eu lieu", "a vu le jour", "ont vu le jour", "a été finalisé*", "est né*", "a été atteint*", "a atteint"),
            "cancelled": _q("retiré*", "annulé*", "annule", "annulent", "annulation*", "abandonné*", "abandonne", "abandonnent", "abandon", "renonce", "renoncent", "renoncé", "renoncement", "enterré*", "mis* au placard", "mis* de côté", "jeté l'éponge", "supprimé*", "suspendu*", "suspend", "suspension", "gelé*", "gel", "mis* en pause", "en pause", "en suspens", "mis* en veille", "stoppé*", "tombé* à l'eau", "a capoté", "capoté", "n'a pas abouti", "n'aboutira pas", "n'aura pas lieu", "ne verra pas le jour", "ne verra jamais le jour", "exclu", "exclue", "exclut", "a exclu", "sans suite", "classé sans suite", "torpillé*", "mis* fin au projet", "fait marche arrière"),
            "replaced": _q("à la place", "au lieu de", "au lieu d'", "en lieu et place", "transformé* en", "converti* en", "remplacé* par", "remplace", "remplacer", "au profit de", "plutôt que", "est devenu* un", "est devenue une", "cède la place", "substitué*"),
            "ended": _q("fin", "a pris fin", "ont pris fin", "prend fin", "mis* fin", "met fin", "mettre fin", "terminé*", "se termine", "s'est terminé*", "rompu*", "rompt", "rupture", "claqué la porte", "a quitté la table", "se retire", "s'est retiré*", "retiré*", "jeté l'éponge", "arrêt*", "stoppé*", "interrompu*", "interrompt", "suspendu*", "échoué*", "échec", "capoté", "c'est fini", "est fini*", "sont fini*", "effondré*", "s'effondre", "abandonné*", "annulé*", "dénoncé*", "résilié*", "résiliation"),
            "continues": _q("continu*", "poursui*", "se poursuit", "se poursuivent", "toujours", "encore", "reste", "restent", "demeure*", "maintenu*", "maintient", "maintiennent", "reprend", "reprennent", "repris*", "a repris", "reprise", "relancé*", "relance", "en cours", "va de l'avant", "vont de l'avant", "aller de l'avant", "avance", "avancent", "progresse*", "toujours d'actualité", "pas terminé*", "n'est pas fini*", "tient toujours", "sur les rails", "remis* sur les rails", "bien vivant", "de retour", "reste en vie"),
            "denial": _q("a démenti", "ont démenti", "dément", "démentent", "démenti*", "nie", "nient", "a nié", "ont nié", "niée", "rejette les informations", "a rejeté les informations", "réfute*", "réfuté*", "faux", "fausse", "fausses informations", "infondé*", "sans fondement", "pas vrai", "inexact*", "contrevérité*", "fake news", "catégoriquement", "formellement"),
            "source": ("analyste*", "expert*", "ingénieur*", "source*", "proches de", "responsable*", "chercheur*", "rapport*", "document*", "fournisseur*", "régulateur*", "observateur*", "critique*", "économiste*", "données"),
            "say": _q("communiqué", "annonce", "présente comme", "vante", "vanté", "a déclaré", "ont déclaré", "déclare", "déclarent", "a affirmé", "ont affirmé", "affirme", "affirment", "a annoncé", "ont annoncé", "annonce", "annoncent", "selon", "d'après", "a indiqué", "ont indiqué", "indique", "indiquent", "a expliqué", "ont expliqué", "explique", "expliquent", "a assuré", "assure", "assurent", "a promis", "promet", "a estimé", "estime", "estiment", "a dit", "dit", "disent", "a précisé", "précise", "a souligné", "souligne", "a ajouté", "ajoute", "a confirmé", "confirme", "confirment", "a révélé", "révèle", "a écrit", "écrit", "a publié", "a tweeté", "a posté", "a confié", "confie", "a martelé", "a insisté", "insiste", "a prédit", "prédit", "a fait savoir", "fait savoir", "dans un communiqué", "a rapporté", "rapporte", "a raconté", "a rappelé", "rappelle", "a noté", "a reconnu", "reconnaît", "a fait état", "fait état", "a averti", "a prévenu", "a vanté", "selon lui", "selon elle", "a-t-il", "a-t-elle", "ont-ils", "ont-elles", "a-t-on appris", "explique-t-il", "explique-t-elle", "assure-t-il", "précise-t-il", "indique-t-il", "affirme-t-il", "estime-t-il"),
            "doubt": _q("doute*", "douteu*", "remet* en question", "remis* en question", "remet* en cause", "remis* en cause", "sceptique*", "scepticisme", "conteste*", "contesté*", "exagér*", "surestim*", "gonflé*", "invérifiable*", "non vérifié*", "non confirmé*", "pas confirmé*", "impossible à vérifier", "difficile à croire", "trompeu*", "discutable*", "sujet à caution", "s'interroge*", "interrogation*", "questionn*", "n'est pas le plus", "n'est plus le", "n'est plus la", "pas le plus grand", "battage", "effet d'annonce", "poudre aux yeux", "bluff"),
            "comparison": _q("plus ... que", "moins ... que", "plus que", "moins que", "davantage que", "comparé à", "comparée à", "comparés à", "par rapport à", "en comparaison", "à titre de comparaison", "par comparaison", "face à", "contre", "versus", "vs", "à côté de", "tandis que", "alors que", "autant que", "supérieur* à", "inférieur* à"),
            "growth": _q("doubl*", "tripl*", "quadrupl*", "décupl*", "porté* à", "portera à", "porter à", "passer à", "passera à", "passe à", "étendu* à", "étend* à", "agrandi*", "agrandissement", "extension", "augment*", "hausse*", "en hausse", "grimpé* à", "grimpe*", "bondi* à", "bondit", "élargi*", "accru*", "accroît*", "accroissement", "croissance", "croître", "multiplié*", "ajout*", "rehaussé*", "relevé* à", "monté* à", "monter à", "compte désormais", "dispose désormais", "compte maintenant", "plus que doublé"),
            "only": _q("seulement", "ne ... que", "n'* ... que", "ne ... qu'*", "n'* ... qu'*", "uniquement", "simplement", "à peine", "tout juste", "moins de", "moins d'", "guère plus de", "pas plus de", "au plus", "au maximum", "une fraction", "un tiers", "la moitié", "un quart", "loin du compte", "en deçà", "en-deçà", "rien que", "seul", "seule", "seuls", "seules"),
            "running": _q("en fonctionnement", "fonctionne*", "en service", "en exploitation", "exploité*", "opérationnel*", "en ligne", "installé*", "alimenté*", "sous tension", "en marche", "en activité", "actif", "actifs", "active", "actives", "en production", "utilisé*", "en usage", "connecté*", "déployé*", "réellement", "effectivement", "en réalité", "tourne", "tournent", "utilisable*", "raccordé*", "branché*"),
            "superlative": _q("le plus puissant", "la plus puissante", "les plus puissant*", "le plus grand", "la plus grande", "les plus grand*", "le plus rapide", "la plus rapide", "les plus rapides", "le plus important", "la plus importante", "les plus important*", "le plus gros", "la plus grosse", "le plus avancé", "la plus avancée", "le plus performant", "la plus performante", "le plus vaste", "la plus vaste", "le plus", "la plus", "les plus", "numéro un", "numéro 1", "premier mondial", "leader mondial", "record*", "sans précédent", "inégalé*", "sans égal", "sans rival", "jamais vu*", "jamais construit*", "meilleur*", "plus rapide", "plus puissant*", "plus grand*", "surpasse*", "bat", "battu*", "devance*"),
            "comparative": _q("plus grand que", "plus grande que", "plus puissant* que", "plus rapide* que", "plus gros que", "plus grosse que", "plus ... que", "surpasse*", "surpassé*", "dépasse*", "dépassé*", "devance*", "devancé*", "éclipse*", "éclipsé*", "détrône*", "détrôné*", "en avance sur", "devant", "loin devant", "bat", "battent", "battu*", "dame le pion", "coiffé* au poteau", "supplante*", "supplanté*", "surclasse*", "surclassé*", "distancé*", "derrière", "a perdu face", "perd face", "l'emporte", "en tête"),
            "equal": _q("comparable* à", "au niveau de", "à égalité avec", "à la hauteur de", "aussi grand* que", "aussi puissant* que", "aussi rapide* que", "aussi ... que", "autant que", "égal* à", "égale", "égalé*", "égaler", "équivalent* à", "équivaut", "similaire* à", "semblable* à", "rivalise*", "rivaliser", "au coude-à-coude", "au même niveau", "de même taille", "au même rang"),
            "negotiation": _q("négoci*", "discussion*", "pourparlers", "tractations", "discute*", "en discussion", "sur le point de", "proche d'un accord", "près d'un accord", "en passe de", "à deux doigts", "envisage*", "étudie*", "explore*", "examine*", "en négociation", "accord en vue", "rapprochement"),
            "new_arrangement": _q("nouvel accord", "nouveau contrat", "nouveau partenariat", "nouvelle alliance", "nouvel arrangement", "nouvelle relation", "nouvelle forme de", "nouvelle entente", "propose désormais", "héberge désormais", "proposera", "va proposer", "pour proposer", "met à disposition", "mettra à disposition"),
            "price": _q("prix", "coût*", "coûte*", "coûtera", "tarif*", "à partir de", "dès", "vendu* à", "vendu* pour", "affiché* à", "prix de base", "prix de départ", "prix de vente", "prix catalogue", "facturé*", "moyennant", "pour la somme de", "proposé* à", "commercialisé* à", "ticket d'entrée"),
            "previous": _q("auparavant", "précédemment", "autrefois", "anciennement", "jadis", "naguère", "avait été", "avaient été", "était initialement", "initialement", "à l'origine", "au départ", "d'abord", "à l'époque", "alors", "jusqu'ici", "jusqu'alors", "jusque-là", "première annonce", "annoncé initialement", "avait promis", "promis", "plus tôt", "ancien", "ancienne", "anciens", "précédent*", "il y a"),
        },
    )
)
