"""The French and German tables: each cue finds what it names in newspaper sentences and
nothing in sentences that do not say it; numbers in words become digits; months map."""

from __future__ import annotations

import re

import pytest

from claims.lang import CUES, Language, language
from claims.lang.common import fold
from claims.lang.units import is_concept

# cue -> (sentence, the words it must find), in each language
FINDS: dict[str, dict[str, list[tuple[str, str]]]] = {
    "fr": {
        "negation": [
            ("La production n'a pas commencé à Grünheide, selon le syndicat.", "n'a pas"),
            ("L’usine ne sera jamais achevée, estime un analyste.", "ne sera jamais"),
            ("Le groupe n’emploie plus aucun ouvrier sur le site.", "n’emploie plus"),
            ("Le projet avance sans financement public.", "sans"),
        ],
        "not_yet": [
            ("Les premières livraisons n'ont pas encore eu lieu.", "pas encore"),
            ("Le permis de construire se fait toujours attendre.", "se fait toujours attendre"),
            (
                "Trois ans après l'annonce, la société n'a toujours pas choisi de site.",
                "toujours pas",
            ),
        ],
        "plan": [
            ("Le constructeur prévoit de produire 500 000 voitures par an.", "prévoit de"),
            ("L'usine devrait ouvrir ses portes en 2026.", "devrait"),
            ("Les premières puces sortiront des chaînes l'an prochain.", "sortiront"),
            ("Le groupe va investir deux milliards d'euros.", "va"),
        ],
        "conditional": [
            ("Le site pourrait accueillir 3 000 salariés si l'État apporte son aide.", "pourrait"),
            ("Le chantier ne reprendra que s'il obtient le feu vert.", "s'il"),
        ],
        "hedge": [
            ("L'usine aurait coûté près de 5 milliards d'euros, selon la presse.", "aurait"),
            (
                "Le groupe se targue d'avoir bâti le plus gros centre de données d'Europe.",
                "se targue",
            ),
        ],
        "retrospective": [
            ("La production devait initialement démarrer en 2023.", "initialement"),
            ("Le lancement était prévu pour le mois de mars.", "était prévu"),
        ],
        "delay": [
            ("La mise en service a été repoussée à 2026.", "repoussée"),
            ("Le chantier a pris du retard à cause des intempéries.", "pris du retard"),
            ("Le lancement est reporté une nouvelle fois.", "reporté"),
        ],
        "on_time": [
            ("La centrale a été achevée dans les délais.", "dans les délais"),
            ("Les premières rames ont été livrées comme prévu en juin.", "comme prévu"),
        ],
        "first": [
            ("Les premiers camions sont sortis de l'usine jeudi.", "premiers"),
        ],
        "source": [
            ("Selon des analystes, le site manque d'électricité.", "analystes"),
        ],
        "advanced": [
            ("La production a été avancée à 2027.", "avancée"),
        ],
        "done": [
            ("La production a démarré lundi dans l'usine de Douai.", "a démarré"),
            ("Le premier réacteur est entré en production en mars.", "est entré en production"),
            ("Le satellite a été lancé mardi depuis Kourou.", "a été lancé"),
            ("Les 1 000 premiers camions ont été livrés en décembre.", "ont été livrés"),
        ],
        "cancelled": [
            ("Le projet d'usine en Moselle a été abandonné.", "abandonné"),
            ("Le constructeur a annulé la commande de 50 avions.", "annulé"),
            ("Le rachat est tombé à l'eau.", "tombé à l'eau"),
        ],
        "replaced": [
            ("Le site sera transformé en centre logistique.", "transformé en"),
            ("Le groupe a choisi la Pologne au lieu de la France.", "au lieu de"),
        ],
        "ended": [
            ("Les négociations ont pris fin sans accord jeudi.", "ont pris fin"),
            ("Le fournisseur a rompu le contrat.", "rompu"),
            ("Le partenariat s'est terminé en 2022.", "s'est terminé"),
        ],
        "continues": [
            ("Les discussions se poursuivent avec les syndicats.", "se poursuivent"),
            ("Le groupe maintient son objectif pour 2025.", "maintient"),
            ("Les travaux ont repris en septembre.", "repris"),
        ],
        "denial": [
            ("Le groupe a démenti tout projet de fermeture.", "a démenti"),
            ("Le ministère dément ces informations, jugées infondées.", "dément"),
            ("Le PDG a qualifié la rumeur de fausse.", "fausse"),
        ],
        "say": [
            ("« Nous tiendrons nos objectifs », a déclaré le PDG.", "a déclaré"),
            ("Selon le syndicat, 300 postes sont menacés.", "selon"),
            ("La production doublera, a-t-il assuré.", "a-t-il"),
            ("D’après la direction, l’usine est rentable.", "D’après"),
        ],
        "doubt": [
            ("Plusieurs experts mettent en doute ces chiffres.", "doute"),
            ("Ce record est contesté par ses concurrents.", "contesté"),
        ],
        "comparison": [
            (
                "L'usine produit deux fois plus de batteries que celle de Nevada.",
                "plus de batteries que",
            ),
            ("Par rapport à 2023, les ventes sont stables.", "par rapport à"),
        ],
        "growth": [
            ("Le groupe a doublé sa capacité de production.", "doublé"),
            ("Les effectifs seront portés à 3 000 personnes.", "portés à"),
            ("La capacité augmentera de 40 %.", "augmentera"),
        ],
        "only": [
            ("Seulement 200 voitures ont été livrées en mars.", "Seulement"),
            ("Le site n'emploie que 150 salariés.", "n'emploie que"),
            ("À peine un tiers des commandes ont été honorées.", "À peine"),
        ],
        "running": [
            ("Seuls 20 000 processeurs sont en service.", "en service"),
            ("La ligne est opérationnelle depuis lundi.", "opérationnelle"),
        ],
        "superlative": [
            ("Il s'agit du supercalculateur le plus puissant du monde.", "le plus puissant"),
            ("C'est la plus grande usine de batteries d'Europe.", "la plus grande"),
            ("Les ventes ont atteint un niveau record.", "record"),
        ],
        "comparative": [
            ("Le nouveau modèle surpasse son rival américain.", "surpasse"),
            ("Le groupe a dépassé Volkswagen en volume.", "dépassé"),
        ],
        "equal": [
            ("Sa puissance est comparable à celle de Frontier.", "comparable à"),
            ("Les deux rivaux sont au coude-à-coude.", "au coude-à-coude"),
        ],
        "negotiation": [
            ("Les deux groupes sont en négociation depuis mars.", "négociation"),
            ("Des pourparlers ont lieu avec Renault.", "pourparlers"),
        ],
        "new_arrangement": [
            ("Les deux groupes ont signé un nouvel accord.", "nouvel accord"),
            ("Un nouveau partenariat a été conclu avec Stellantis.", "nouveau partenariat"),
        ],
        "price": [
            ("La version de base s'affiche à partir de 25 000 euros.", "à partir de"),
            ("Son prix de base atteint 40 000 euros.", "prix de base"),
        ],
        "previous": [
            ("Le site employait auparavant 2 000 personnes.", "auparavant"),
            ("Le groupe visait à l'origine 1 million de véhicules.", "à l'origine"),
        ],
    },
    "de": {
        "negation": [
            ("Die Produktion in Grünheide hat nicht wie geplant begonnen.", "nicht"),
            ("Der Konzern wird keine neuen Stellen schaffen.", "keine"),
            ("Das Werk wurde nie fertiggestellt.", "nie"),
        ],
        "not_yet": [
            ("Die Genehmigung für das Werk steht noch aus.", "steht noch aus"),
            ("Die ersten Fahrzeuge wurden noch nicht ausgeliefert.", "noch nicht"),
            ("Die Förderzusage lässt auf sich warten.", "lässt auf sich warten"),
        ],
        "plan": [
            ("Der Konzern will bis 2030 rund 500.000 Autos pro Jahr bauen.", "will"),
            ("Die Produktion soll im Herbst beginnen.", "soll"),
            ("Intel plant ein zweites Werk in Magdeburg.", "plant"),
            ("Das Rechenzentrum wird 2026 in Betrieb gehen.", "wird"),
        ],
        "conditional": [
            ("Das Werk könnte 3.000 Arbeitsplätze schaffen, falls die Förderung kommt.", "könnte"),
            ("Ohne Subventionen würde sich das Projekt nicht rechnen.", "würde"),
        ],
        "hedge": [
            ("Der Rechner sei der schnellste Europas, sagte der Chef.", "sei"),
            ("Der Bau hat angeblich bereits 5 Milliarden Euro gekostet.", "angeblich"),
            ("Die Verzögerung dürfte Monate dauern.", "dürfte"),
        ],
        "retrospective": [
            ("Die Produktion sollte ursprünglich 2023 beginnen.", "ursprünglich"),
            ("Der Start war für März geplant.", "war für März geplant"),
        ],
        "delay": [
            ("Der Produktionsstart wurde auf 2026 verschoben.", "verschoben"),
            ("Beim Bau der Fabrik kommt es zu Verzögerungen.", "Verzögerungen"),
            ("Das Projekt liegt hinter dem Zeitplan.", "hinter dem Zeitplan"),
            ("Der Start verzögert sich erneut.", "verzögert"),
        ],
        "on_time": [
            ("Der Neubau wurde termingerecht übergeben.", "termingerecht"),
            ("Die Auslieferung läuft nach Plan.", "nach Plan"),
            ("Das Werk ging wie geplant im Juni in Betrieb.", "wie geplant"),
        ],
        "first": [
            ("Der erste Lkw lief am Montag vom Band.", "erste"),
        ],
        "source": [
            ("Analysten zufolge fehlt dem Werk der Strom.", "Analysten"),
        ],
        "advanced": [
            ("Die Produktion wird auf 2027 vorgezogen.", "vorgezogen"),
        ],
        "done": [
            ("Die Serienproduktion hat im März begonnen.", "hat im März begonnen"),
            ("Der Konzern nahm im Mai die Produktion auf.", "nahm im Mai die Produktion auf"),
            ("Das Kraftwerk ging im Herbst ans Netz.", "ging im Herbst ans Netz"),
            ("Die ersten Lkw wurden im Dezember ausgeliefert.", "ausgeliefert"),
            ("Das Werk wurde am Montag eröffnet.", "eröffnet"),
        ],
        "cancelled": [
            ("Das Werk in Magdeburg wurde auf Eis gelegt.", "auf Eis gelegt"),
            ("Der Autobauer hat die Pläne für eine zweite Fabrik gestrichen.", "gestrichen"),
            ("Die Übernahme ist geplatzt.", "geplatzt"),
        ],
        "replaced": [
            ("Stattdessen entsteht dort ein Logistikzentrum.", "Stattdessen"),
            ("Das Werk wird zugunsten eines Standorts in Polen aufgegeben.", "zugunsten"),
        ],
        "ended": [
            ("Die Gespräche wurden ohne Ergebnis beendet.", "beendet"),
            ("Der Zulieferer stieg aus dem Projekt aus.", "stieg aus"),
            ("Die Partnerschaft ist vorbei.", "vorbei"),
        ],
        "continues": [
            ("Die Verhandlungen werden fortgesetzt.", "fortgesetzt"),
            ("Der Konzern hält an seinen Plänen fest.", "hält an seinen Plänen fest"),
            ("Der Bau geht weiter.", "geht weiter"),
        ],
        "denial": [
            ("Ein Sprecher dementierte den Bericht.", "dementierte"),
            ("Das Unternehmen wies die Vorwürfe zurück.", "wies die Vorwürfe zurück"),
            ("Der Konzern bestritt, Stellen abbauen zu wollen.", "bestritt"),
        ],
        "say": [
            ("„Wir liegen im Plan“, sagte ein Sprecher.", "sagte"),
            ("Laut Betriebsrat sind 300 Stellen bedroht.", "Laut"),
            ("Das teilte das Unternehmen am Montag mit.", "teilte das Unternehmen am Montag mit"),
            ("Der Chef kündigte neue Investitionen an.", "kündigte neue Investitionen an"),
            ("Dem Bericht zufolge ist das Werk rentabel.", "zufolge"),
        ],
        "doubt": [
            ("Experten bezweifeln die Zahlen des Herstellers.", "bezweifeln"),
            ("Der Rekord ist umstritten.", "umstritten"),
        ],
        "comparison": [
            ("Das Werk produziert mehr Batterien als die Fabrik in Nevada.", "als"),
            ("Im Vergleich zum Vorjahr stieg der Absatz leicht.", "Im Vergleich zum"),
        ],
        "growth": [
            ("Der Konzern hat seine Kapazität verdoppelt.", "verdoppelt"),
            ("Die Belegschaft soll auf 3.000 Mitarbeiter aufgestockt werden.", "aufgestockt"),
            ("Der Absatz stieg auf 1,8 Millionen Fahrzeuge.", "stieg auf"),
        ],
        "only": [
            ("Bislang wurden nur 200 Autos ausgeliefert.", "nur"),
            ("Das Werk beschäftigt lediglich 150 Menschen.", "lediglich"),
            ("Gerade einmal ein Drittel der Bestellungen wurde ausgeliefert.", "Gerade einmal"),
        ],
        "running": [
            ("Nur 20.000 Prozessoren sind im Einsatz.", "im Einsatz"),
            ("Die Anlage ist seit Montag in Betrieb.", "in Betrieb"),
        ],
        "superlative": [
            ("Es ist der leistungsstärkste Supercomputer der Welt.", "leistungsstärkste"),
            ("Das Werk ist die größte Batteriefabrik Europas.", "größte"),
            ("Der Absatz erreichte einen Rekordwert.", "Rekordwert"),
        ],
        "comparative": [
            ("Das neue Modell übertrifft seinen amerikanischen Rivalen.", "übertrifft"),
            ("BYD hat Tesla beim Absatz überholt.", "überholt"),
        ],
        "equal": [
            ("Die Rechenleistung ist vergleichbar mit der von Frontier.", "vergleichbar"),
            ("Beide Hersteller liegen gleichauf.", "gleichauf"),
        ],
        "negotiation": [
            ("Die beiden Konzerne führen Gespräche über eine Fusion.", "Gespräche"),
            ("Über den Preis wird noch verhandelt.", "verhandelt"),
        ],
        "new_arrangement": [
            ("Die Partner unterzeichneten eine neue Vereinbarung.", "neue Vereinbarung"),
            ("Mit Stellantis wurde eine neue Partnerschaft geschlossen.", "neue Partnerschaft"),
        ],
        "price": [
            ("Das Modell kostet ab 25.000 Euro.", "kostet ab"),
            ("Der Einstiegspreis liegt bei 40.000 Euro.", "Einstiegspreis"),
        ],
        "previous": [
            ("Das Werk beschäftigte zuvor 2.000 Menschen.", "zuvor"),
            ("Ursprünglich waren 1 Million Fahrzeuge angepeilt.", "Ursprünglich"),
        ],
    },
}

# cue -> sentences in which it must find nothing
MISSES: dict[str, dict[str, list[str]]] = {
    "fr": {
        "negation": [
            "La production a commencé en mars à l'usine de Douai.",
            "Le site ne compte que 200 salariés.",
        ],
        "not_yet": ["Les premières livraisons ont eu lieu en juin."],
        "plan": ["La production a démarré lundi dans l'usine de Douai."],
        "delay": ["La centrale a été achevée dans les délais."],
        "on_time": ["La mise en service a été repoussée à 2026."],
        "done": ["Le groupe prévoit de construire une usine en 2026."],
        "cancelled": ["Le chantier a démarré en mars, comme prévu."],
        "ended": ["Les discussions se poursuivent avec les syndicats."],
        "continues": ["Les négociations ont pris fin jeudi."],
        "denial": ["Le groupe a confirmé la fermeture du site."],
        "say": ["La production a démarré lundi dans l'usine de Douai."],
        "superlative": ["L'usine produit des batteries pour des voitures électriques."],
        "comparative": ["L'usine produit des batteries pour des voitures électriques."],
        "growth": ["Le groupe a supprimé 300 postes en France."],
        "comparison": ["Le groupe compte 3 000 salariés, dont la moitié en France."],
        "only": ["Le groupe emploie 3 000 personnes en France."],
    },
    "de": {
        "negation": [
            "Die Produktion hat im März begonnen.",
            "Das Werk beschäftigt 3.000 Menschen.",
        ],
        "not_yet": ["Die ersten Fahrzeuge wurden im Juni ausgeliefert."],
        "plan": ["Die Produktion hat im März begonnen."],
        "delay": ["Der Neubau wurde termingerecht übergeben."],
        "on_time": ["Der Produktionsstart wurde auf 2026 verschoben."],
        "done": ["Intel plant ein zweites Werk in Magdeburg."],
        "cancelled": ["Der Bau des Werks beginnt im Herbst."],
        "ended": ["Die Gespräche werden fortgesetzt."],
        "continues": ["Die Gespräche wurden am Freitag beendet."],
        "denial": ["Ein Sprecher bestätigte den Bericht."],
        "say": ["Die Produktion hat im März begonnen."],
        "superlative": ["Das Werk produziert Batterien für Elektroautos."],
        "comparative": ["Das Werk produziert Batterien für Elektroautos."],
        "growth": ["Der Konzern baut in Deutschland 300 Stellen ab."],
        "comparison": ["Als Chef des Werks kündigte er 300 neue Stellen an."],
        "only": ["Das Werk beschäftigt 3.000 Menschen."],
    },
}

REQUIRED = (
    "negation",
    "not_yet",
    "plan",
    "delay",
    "on_time",
    "done",
    "cancelled",
    "ended",
    "continues",
    "denial",
    "say",
    "superlative",
    "comparative",
    "growth",
    "only",
)


def found(table: Language, cue: str, text: str) -> list[str]:
    return [text[a:b] for a, b in table.cue(cue).find(text)]


@pytest.mark.parametrize(
    ("code", "cue", "text", "want"),
    [(c, n, s, w) for c, t in FINDS.items() for n, cases in t.items() for s, w in cases],
)
def test_cue_finds(code: str, cue: str, text: str, want: str) -> None:
    spans = found(language(code), cue, text)
    assert any(want.lower() in span.lower() for span in spans), spans


@pytest.mark.parametrize(
    ("code", "cue", "text"),
    [(c, n, s) for c, t in MISSES.items() for n, cases in t.items() for s in cases],
)
def test_cue_misses(code: str, cue: str, text: str) -> None:
    assert found(language(code), cue, text) == []


@pytest.mark.parametrize("code", ["fr", "de"])
def test_every_required_cue_is_tested(code: str) -> None:
    assert set(REQUIRED) <= set(FINDS[code]) & set(MISSES[code])
    assert set(FINDS[code]) == set(CUES)


@pytest.mark.parametrize("code", ["fr", "de"])
def test_table_compiles(code: str) -> None:
    table = language(code)
    assert table.code == code
    cues = table.compiled_cues
    assert set(cues) == set(CUES)
    assert all(isinstance(c.regex, re.Pattern) for c in cues.values())
    assert all(table.cues[n] for n in CUES), "every cue has terms"
    assert table.clause_regex.search("x, y") and table.pronoun_regex.pattern
    assert all(is_concept(concept) for concept, _ in table.units.values())


@pytest.mark.parametrize(
    ("code", "text", "want"),
    [
        ("fr", "vingt-quatre mille", "24000"),
        (
            "fr",
            "Le groupe emploie vingt-quatre mille salariés.",
            "Le groupe emploie 24000 salariés.",
        ),
        (
            "fr",
            "Il a investi deux milliards d'euros en dix-huit mois.",
            "Il a investi 2000000000 d'euros en 18 mois.",
        ),
        ("fr", "quatre-vingt-dix pour cent des voitures", "90 pour cent des voitures"),
        ("de", "vierundzwanzigtausend", "24000"),
        (
            "de",
            "Der Konzern beschäftigt vierundzwanzigtausend Mitarbeiter.",
            "Der Konzern beschäftigt 24000 Mitarbeiter.",
        ),
        ("de", "zwei Millionen Autos in achtzehn Monaten", "2000000 Autos in 18 Monaten"),
    ],
)
def test_words_to_digits(code: str, text: str, want: str) -> None:
    convert = language(code).words_to_digits
    assert convert is not None
    assert convert(text) == want


@pytest.mark.parametrize(
    ("code", "name", "month"),
    [
        ("fr", "août", 8),
        ("fr", "aout", 8),
        ("fr", "Février", 2),
        ("fr", "fevrier", 2),
        ("fr", "décembre", 12),
        ("fr", "déc.", 12),
        ("fr", "janv.", 1),
        ("de", "März", 3),
        ("de", "Maerz", 3),
        ("de", "Mrz", 3),
        ("de", "Dezember", 12),
        ("de", "Okt.", 10),
        ("de", "Jänner", 1),
    ],
)
def test_months(code: str, name: str, month: int) -> None:
    assert language(code).months[fold(name).rstrip(".")] == month


@pytest.mark.parametrize(
    ("code", "text", "want"),
    [
        ("fr", "Elle est prévue au troisième trimestre.", 3),
        ("fr", "Livraison au T4.", 4),
        ("fr", "au 2e trimestre", 2),
        ("de", "im dritten Quartal", 3),
        ("de", "im 2. Quartal", 2),
        ("de", "Q1", 1),
    ],
)
def test_quarters(code: str, text: str, want: int) -> None:
    table = language(code)
    hits = [
        v
        for k, v in table.quarters.items()
        if re.search(rf"(?<!\w){re.escape(k)}(?!\w)", text, re.IGNORECASE)
    ]
    assert hits == [want]


def test_german_ordinal_dot_is_no_sentence_end() -> None:
    end = re.compile(language("de").sentence_end)
    assert not end.search("am 3. März")
    assert not end.search("im 12. Monat")
    assert end.search("im Jahr 2025. Danach")


@pytest.mark.parametrize("code", ["fr", "de"])
def test_date_terms_come_folded(code: str) -> None:
    """claims.lang.dates reads period words and bounds in the accent-folded sentence."""
    table = language(code)
    for terms in (table.not_before, table.by_words, tuple(table.period_words)):
        assert {fold(t) for t in terms} <= set(terms)


def test_french_typographic_apostrophe() -> None:
    fr = language("fr")
    assert found(fr, "negation", "L’usine n’a pas ouvert.") == ["n’a pas"]
    assert "l’an prochain" in fr.date_words
    assert fr.pronoun_regex.search("l’entreprise")
