"""Spanish: the table the claim rules read (see claims/lang/__init__.py for each field).

Spain writes "3,5 millones" (decimal comma, group full stop); most of Latin America and
the US press write "3.5 millones". The table follows Babel's ``es`` (comma decimal).
"""

from __future__ import annotations

import re

from babel.dates import get_month_names
from text_to_num import alpha2digit

from . import Language, register
from .common import month_table

_MONTHS = month_table(get_month_names("wide", locale="es"), get_month_names("abbreviated", locale="es"), extra={"setiembre": 9, "sept": 9, "sep": 9})

_W = r"[A-Za-z0-9\u00c0-\u024f]"
# What alpha2digit must not see: "unos"/"unas" (it reads "1"), "por ciento" ("por 100"),
# ordinals of quarters and halves ("el 3 trimestre"), "medio", and a scale word after a
# figure ("3 millones" would become "3 1000000").
_KEEP = re.compile(
    rf"(?<!{_W})(?:unos|unas|medio|media|por\s+ciento|un\s+(?:cuarto|tercio)|(?:primer|primero|segundo|tercer|tercero|cuarto)\s+(?:trimestre|semestre|cuatrimestre)|(?:primera|segunda)\s+mitad)(?!{_W})"
    rf"|(?<=\d)\s*(?:mil\s+millones|millones|millón|millon|millardos?|billones|billón|mil)(?!{_W})",
    re.IGNORECASE,
)
# alpha2digit leaves "dos millardos" and "un billón" alone: small numbers before them.
_SMALL = {"un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15, "veinte": 20, "treinta": 30, "cincuenta": 50, "cien": 100}
_BIG = re.compile(rf"(?<!{_W})({'|'.join(_SMALL)})(\s+)(millardos?|billones|billón)(?!{_W})", re.IGNORECASE)
_HALF = re.compile(rf"(?<!{_W})medio\s+millón(?!{_W})", re.IGNORECASE)


def words_to_digits(text: str) -> str:
    """Number words as digits ("veinticuatro mil" -> "24000"), the rest unchanged."""
    text = _HALF.sub("500000", text)
    text = _BIG.sub(lambda m: f"{_SMALL[m.group(1).lower()]}{m.group(2)}{m.group(3)}", text)
    out: list[str] = []
    pos = 0
    for m in _KEEP.finditer(text):
        out += [_convert(text[pos : m.start()]), m.group()]
        pos = m.end()
    out.append(_convert(text[pos:]))
    return "".join(out)


def _convert(piece: str) -> str:
    if not piece.strip():
        return piece
    try:
        return str(alpha2digit(piece, "es"))
    except Exception:  # text_to_num on odd input: keep the words
        return piece


TABLE = register(
    Language(
        code="es",
        name="Spanish",
        sentence_end=r"[.!?]",
        abbreviations=("Sr", "Sra", "Srta", "Sres", "Dr", "Dra", "Lic", "Ing", "Prof", "D", "Dña", "EE", "UU", "EE. UU", "EE.UU", "etc", "núm", "No", "nº", "S.A", "S.L", "p. ej", "aprox", "Av", "Avda", "Ud", "Uds", "Cía", "Hnos", "vs", "pág", "art", "tel", "mill", "mín", "máx"),
        decimal=",",
        group=(".", "\u00a0", "\u202f", " "),
        scales={"bn": 1e9, "mil": 1e3, "k": 1e3, "millón": 1e6, "millon": 1e6, "millones": 1e6, "mill": 1e6, "mill.": 1e6, "m": 1e6, "mm": 1e6, "mdd": 1e6, "mdp": 1e6, "mil millones": 1e9, "millardo": 1e9, "millardos": 1e9, "mmdd": 1e9, "billón": 1e12, "billon": 1e12, "billones": 1e12},
        words_to_digits=words_to_digits,
        approx=("unos", "unas", "cerca de", "alrededor de", "en torno a", "del orden de", "aproximadamente", "aprox", "casi", "prácticamente", "un estimado de", "una cifra estimada de", "hasta", "~"),
        more=("más de", "mas de", "al menos", "por lo menos", "como mínimo", "por encima de", "superior a", "superiores a", "arriba de", "más allá de", "no menos de", "en exceso de"),
        less=("menos de", "solo", "sólo", "solamente", "únicamente", "apenas", "por debajo de", "inferior a", "inferiores a", "como máximo", "a lo sumo", "no más de", "poco menos de"),
        after_more=("o más", "y más", "largos", "+"),
        after_less=("o menos",),
        currencies={"$": "USD", "us$": "USD", "usd": "USD", "u$s": "USD", "dólar*": "USD", "dolar*": "USD", "mdd": "USD", "€": "EUR", "eur": "EUR", "euro*": "EUR", "£": "GBP", "gbp": "GBP", "libra* esterlina*": "GBP", "¥": "JPY", "yen*": "JPY", "yuan*": "CNY", "renminbi": "CNY", "rmb": "CNY", "nt$": "TWD", "dólares taiwaneses": "TWD", "won*": "KRW", "peso* mexicano*": "MXN", "mxn": "MXN", "mdp": "MXN"},
        months=_MONTHS,
        date_words={"hoy": ("day", 0), "ayer": ("day", -1), "anteayer": ("day", -2), "mañana": ("day", 1), "pasado mañana": ("day", 2), "esta semana": ("week", 0), "la semana pasada": ("week", -1), "la próxima semana": ("week", 1), "próxima semana": ("week", 1), "semana pasada": ("week", -1), "semana que viene": ("week", 1), "la semana próxima": ("week", 1), "la semana que viene": ("week", 1), "este mes": ("month", 0), "el mes pasado": ("month", -1), "el próximo mes": ("month", 1), "próximo mes": ("month", 1), "mes pasado": ("month", -1), "mes que viene": ("month", 1), "mes siguiente": ("month", 1), "el mes próximo": ("month", 1), "el mes que viene": ("month", 1), "el mes siguiente": ("month", 1), "este año": ("year", 0), "el año pasado": ("year", -1), "el año anterior": ("year", -1), "el próximo año": ("year", 1), "próximo año": ("year", 1), "año pasado": ("year", -1), "año que viene": ("year", 1), "año siguiente": ("year", 1), "año anterior": ("year", -1), "año próximo": ("year", 1), "el año próximo": ("year", 1), "el año que viene": ("year", 1), "el año siguiente": ("year", 1), "al año siguiente": ("year", 1)},
        period_words={"finales de": "end", "finales del": "end", "a finales de": "end", "a finales del": "end", "fin de": "end", "fines de": "end", "a fines de": "end", "a fines del": "end", "el final de": "end", "al final de": "end", "al cierre de": "end", "principios de": "start", "principios del": "start", "a principios de": "start", "a principios del": "start", "comienzos de": "start", "a comienzos de": "start", "inicios de": "start", "a inicios de": "start", "el inicio de": "start", "comienzo de": "start", "mediados de": "mid", "mediados del": "mid", "a mediados de": "mid", "a mediados del": "mid", "la mitad de": "mid"},
        halves={"primer semestre": 1, "segundo semestre": 2, "primera mitad": 1, "segunda mitad": 2, "s1": 1, "s2": 2, "h1": 1, "h2": 2},
        quarters={"primer trimestre": 1, "segundo trimestre": 2, "tercer trimestre": 3, "cuarto trimestre": 4, "1er trimestre": 1, "2º trimestre": 2, "3er trimestre": 3, "4º trimestre": 4, "t1": 1, "t2": 2, "t3": 3, "t4": 4, "q1": 1, "q2": 2, "q3": 3, "q4": 4, "1t": 1, "2t": 2, "3t": 3, "4t": 4},
        not_before=("no antes de", "nunca antes de", "como pronto", "como muy pronto", "no ... hasta", "no será hasta", "no sera hasta", "aplaz* a", "aplaz* hasta", "pospuest* a", "pospuest* hasta", "pospus* a", "pospus* hasta", "pospon* a", "pospon* hasta", "posterg* a", "posterg* hasta", "retras* a", "retras* hasta", "se retrasa a", "se retrasa hasta", "se demora hasta", "demorad* hasta", "se desplaza a", "trasladad* a", "ahora en", "ahora para"),
        # dates.py matches bounds in the accent-folded sentence: the folded spellings too.
        by_words=("antes de", "para", "a más tardar", "a mas tardar", "como tarde", "como muy tarde", "no más tarde de", "no mas tarde de", "de aquí a", "antes de finales de", "para finales de", "a tiempo para"),
        units={
            "día*": ("duration", 1.0), "dia*": ("duration", 1.0), "jornada*": ("duration", 1.0), "semana*": ("duration", 7.0), "mes": ("duration", 30.44), "meses": ("duration", 30.44), "año*": ("duration", 365.25), "hora*": ("duration", 1 / 24),
            "milla*": ("distance", 1.609344), "km": ("distance", 1.0), "kilómetro*": ("distance", 1.0), "kilometro*": ("distance", 1.0),
            "kg": ("mass", 1.0), "kilos": ("mass", 1.0), "kilogramo*": ("mass", 1.0), "tonelada*": ("mass", 1000.0), "t": ("mass", 1000.0),
            "mw": ("power", 1.0), "megavatio*": ("power", 1.0), "megawatt*": ("power", 1.0), "gw": ("power", 1000.0), "gigavatio*": ("power", 1000.0), "gigawatt*": ("power", 1000.0),
            "%": ("percent", 1.0), "por ciento": ("percent", 1.0), "porciento": ("percent", 1.0),
            "gpu*": ("gpu", 1.0), "chip*": ("gpu", 1.0), "procesador*": ("gpu", 1.0), "acelerador*": ("gpu", 1.0), "tarjeta* gráfica*": ("gpu", 1.0), "tarjeta* de vídeo": ("gpu", 1.0), "procesadores gráficos": ("gpu", 1.0),
            "empleo*": ("jobs", 1.0), "puesto* de trabajo": ("jobs", 1.0), "trabajador*": ("jobs", 1.0), "empleado*": ("jobs", 1.0), "plazas": ("jobs", 1.0), "personas": ("people", 1.0), "habitantes": ("people", 1.0), "pasajeros": ("people", 1.0), "vecinos": ("people", 1.0),
            "vehículo*": ("vehicles", 1.0), "vehiculo*": ("vehicles", 1.0), "coche*": ("vehicles", 1.0), "carro*": ("vehicles", 1.0), "autos": ("vehicles", 1.0), "automóvil*": ("vehicles", 1.0), "camioneta*": ("vehicles", 1.0), "camión": ("vehicles", 1.0), "camiones": ("vehicles", 1.0), "pickup*": ("vehicles", 1.0), "unidades": ("vehicles", 1.0),
            "pedido*": ("orders", 1.0), "reserva*": ("orders", 1.0), "encargo*": ("orders", 1.0), "prepedido*": ("orders", 1.0), "preventa*": ("orders", 1.0), "prerreserva*": ("orders", 1.0),
            "hogar*": ("homes", 1.0), "vivienda*": ("homes", 1.0), "casas": ("homes", 1.0), "fábrica*": ("plants", 1.0), "fabrica*": ("plants", 1.0), "planta*": ("plants", 1.0), "factoría*": ("plants", 1.0),
            "cliente*": ("customers", 1.0), "usuario*": ("customers", 1.0), "suscriptor*": ("customers", 1.0), "abonado*": ("customers", 1.0),
        },
        pronouns=("la empresa", "la compañía", "la compañia", "la firma", "la tecnológica", "el fabricante", "el grupo", "el proyecto", "este", "esta", "éste", "ésta", "esto", "su", "sus", "ella", "él", "ellos", "ellas"),
        clause_words=("pero", "aunque", "mientras", "mientras que", "sin embargo", "no obstante", "si bien", "que", "después de que", "antes de que", "porque", "ya que", "puesto que", "dado que", "pese a que", "a pesar de que", "cuando", "desde que", "donde", "lo cual", "la cual", "el cual"),
        cues={
            "negation": ("no", "nunca", "jamás", "ya no", "ni", "ningún", "ninguno", "ninguna", "nada", "nadie", "sin", "tampoco", "todavía no", "aún no", "lejos de", "en lugar de", "en vez de"),
            "not_yet": ("todavía no", "aún no", "aun no", "todavía sin", "aún sin", "sigue sin", "siguen sin", "seguía sin", "seguían sin", "no ... todavía", "no ... aún", "sigue pendiente", "está pendiente", "siguen pendientes", "queda por", "quedan por", "está por llegar", "todavía espera", "aún espera", "sigue esperando", "a la espera de", "en espera de"),
            "plan": ("re:(?<![\\w])(?!ir[aá]n\\b|cor[aá]n\\b)[a-záéíóúñ]{2,}r(?:á|án)(?![\\w])", "va a", "van a", "vamos a", "prevé", "prevén", "prevee", "previsto", "prevista", "previstos", "previstas", "se prevé", "planea", "planean", "planeado", "planeada", "planifica", "tiene previsto", "tienen previsto", "está previsto", "están previstos", "tiene la intención de", "tiene intención de", "pretende", "pretenden", "aspira a", "aspiran a", "busca", "buscan", "espera", "esperan", "se espera", "programado", "programada", "tiene programado", "se propone", "promete", "prometió", "tiene como objetivo", "con el objetivo de", "objetivo de", "apunta a", "en camino de", "está a punto de", "está listo para", "está lista para", "próximo", "próxima", "próximamente", "futuro", "futura", "para finales de"),
            "conditional": ("podría", "podrían", "podríamos", "pudiera", "pudieran", "pudiese", "sería", "serían", "habría", "habrían", "tendría", "tendrían", "estaría", "estarían", "haría", "harían", "debería", "deberían", "si", "a menos que", "salvo que", "en caso de", "de ser así", "quizá", "quizás", "tal vez", "puede que", "posiblemente", "eventualmente"),
            "hedge": ("supuestamente", "presuntamente", "al parecer", "aparentemente", "según fuentes", "según medios", "según informes", "según se informa", "se dice que", "se rumorea", "dice ser", "afirma ser", "asegura ser", "pretende ser", "el llamado", "la llamada", "los llamados", "las llamadas", "denominado", "denominada", "bautizado como", "bautizada como", "calificado de", "promocionado como", "presentado como", "descrito como", "descrita como", "lo que llama", "lo que denomina", "lo que ... llama", "presume de", "presumió de", "se jacta", "se jactó", "habría", "habrían", "trascendió"),
            "retrospective": ("iba a", "iban a", "debía", "debían", "debía haber", "se suponía que", "estaba previsto", "estaba prevista", "estaban previstos", "estaban previstas", "estaba programado", "estaba programada", "estaba planeado", "había previsto", "habían previsto", "tenía previsto", "tenían previsto", "había planeado", "había prometido", "habían prometido", "prometió", "prometido", "originalmente", "inicialmente", "en un principio", "al principio", "el plan original", "la fecha original", "el calendario original", "se esperaba", "se había anunciado", "estaba previsto para", "tenía que"),
            "delay": ("retras*", "aplaz*", "pospon*", "pospus*", "pospuest*", "posterg*", "demor*", "se demora", "diferid*", "reprogram*", "atras*", "con retraso", "más tarde de lo previsto", "más tarde de lo esperado", "más tarde de lo planeado", "fuera de plazo", "fuera del plazo", "contratiempo*", "revés", "estancad*", "se estanca", "una vez más", "no antes de", "como pronto", "como muy pronto", "no ... hasta", "se retrasa", "se aplaza"),
            "advanced": ("adelant*", "antes de lo previsto", "antes de lo anunciado", "antes de lo planeado", "antes de lo esperado", "anticip*", "acelera*"),
            "on_time": ("según lo previsto", "según lo planeado", "según lo programado", "según lo prometido", "según el calendario", "según lo esperado", "como estaba previsto", "tal como estaba previsto", "como se había previsto", "como se esperaba", "a tiempo", "en plazo", "dentro del plazo", "dentro de plazo", "en el plazo previsto", "en la fecha prevista", "en fecha", "puntual", "puntualmente", "cumplió el plazo", "cumplió su promesa", "cumple su promesa", "cumplió lo prometido", "antes de lo previsto", "por delante del calendario", "va por buen camino", "sin retrasos", "sin demoras", "conforme a lo previsto", "de acuerdo con lo previsto", "de acuerdo al calendario"),
            "first": ("primer", "primera", "primeros", "primeras", "inicial", "inaugural", "debut"),
            "done": ("comenzó", "comenzaron", "ha comenzado", "han comenzado", "empezó", "empezaron", "ha empezado", "han empezado", "arrancó", "arrancaron", "ha arrancado", "inició", "iniciaron", "se inició", "ha iniciado", "dio inicio", "dio comienzo", "puso en marcha", "pusieron en marcha", "ha puesto en marcha", "se puso en marcha", "está en marcha", "lanzó", "lanzaron", "se lanzó", "ha lanzado", "han lanzado", "fue lanzado", "fue lanzada", "presentó", "ha presentado", "estrenó", "se estrenó", "debutó", "desveló", "dio a conocer", "publicó", "completó", "completaron", "ha completado", "se completó", "terminó", "finalizó", "concluyó", "culminó", "abrió", "inauguró", "se inauguró", "ha inaugurado", "fue inaugurado", "fue inaugurada", "entró en funcionamiento", "entró en servicio", "entró en operación", "entró en producción", "entró en vigor", "ya está", "ya están", "ya es", "ya disponible", "está disponible", "están disponibles", "ya se puede", "llegó", "llegaron", "ha llegado", "entregó", "entregaron", "ha entregado", "se entregó", "se entregaron", "construyó", "fabricó", "produjo", "despegó", "aterrizó", "se acopló", "regresó", "en producción", "en funcionamiento", "operativo", "operativa", "comenzó a operar", "ya opera", "se conectó", "se encendió", "vio la luz", "salió a la venta", "salió al mercado", "llegó al mercado", "se puso a la venta", "ha sido lanzado", "fue completado"),
            "cancelled": ("se ha caído", "se cayó", "se caía", "se frustró", "frustr*", "quedó en nada", "naufrag*", "cancel*", "anul*", "abandon*", "desech*", "descart*", "suspend*", "archivó", "archivado", "archivada", "ha archivado", "congel*", "paraliz*", "en pausa", "pausad*", "en suspenso", "dio marcha atrás", "da marcha atrás", "se vino abajo", "fracasó", "fracasaron", "ha fracasado", "no saldrá adelante", "no seguirá adelante", "no se llevará a cabo", "nunca se materializó", "nunca se firmó", "no llegó a buen puerto", "quedó en nada", "desistió", "renunció a", "renuncia a", "dejó de lado", "carpetazo", "enterró", "tumbó", "echó por tierra"),
            "replaced": ("en su lugar", "en lugar de", "en vez de", "en cambio", "sustituid* por", "reemplazad* por", "reemplaz*", "sustitu*", "se convirtió en", "convertido en", "convertida en", "transformado en", "transformada en", "a favor de", "cambiado por", "dio paso a"),
            "ended": ("ha roto", "han roto", "ha puesto fin", "han puesto fin", "ha abandonado", "han abandonado", "termin*", "finaliz*", "acabó", "acabaron", "se acabó", "ha acabado", "fin", "puso fin", "pone fin", "poner fin", "rompió", "rompieron", "rompe", "ruptura", "abandonó", "abandonaron", "se retiró", "se retiraron", "se retira", "se levantó de la mesa", "suspendió", "suspendieron", "cancel*", "fracas*", "se vino abajo", "colaps*", "detuvo", "detuvieron", "interrump*", "interrumpi*", "cesó", "cese", "concluyó", "concluyeron", "quedó en nada", "disolvi*", "rescindi*", "rescisión"),
            "continues": ("continú*", "continu*", "sigue", "siguen", "seguía", "seguirá", "siguió", "sigue adelante", "seguir adelante", "sigue en pie", "prosigu*", "persist*", "todavía", "aún", "se mantiene", "mantiene*", "mantuvo", "permanece*", "reanud*", "retom*", "en curso", "vigente", "sigue en marcha", "sigue vivo", "sigue viva", "adelante con", "vuelve a", "volvió a", "no ha terminado"),
            "denial": ("negó", "niega", "niegan", "negaron", "ha negado", "negado", "desmintió", "desmiente", "desmienten", "desmintieron", "desmentido", "rechazó la información", "rechazó el informe", "rechaza la información", "rechazó las informaciones", "falso", "falsa", "falsos", "falsas", "no es cierto", "no es verdad", "sin fundamento", "infundad*", "carece de fundamento", "bulo", "refutó", "refuta", "desestimó", "no existe tal"),
            "source": ("analista*", "experto*", "ingeniero*", "fuente*", "personas cercanas", "allegados", "responsable*", "investigador*", "informe*", "document*", "proveedor*", "regulador*", "observador*", "crítico*", "economista*", "datos"),
            "say": ("comunicado", "anuncio", "nota de prensa", "promocion*", "presume", "habla de", "dijo", "dice", "dicen", "dijeron", "ha dicho", "afirmó", "afirma", "afirman", "aseguró", "asegura", "aseguran", "anunció", "anuncia", "anunciaron", "ha anunciado", "según", "de acuerdo con", "declaró", "declara", "declaraciones", "prometió", "promete", "explicó", "explica", "señaló", "señala", "indicó", "indica", "apuntó", "añadió", "agregó", "comentó", "manifestó", "sostuvo", "sostiene", "insistió", "insiste", "reveló", "confirmó", "confirma", "comunicó", "informó", "informa", "escribió", "tuiteó", "precisó", "detalló", "subrayó", "destacó", "recalcó", "advirtió", "predijo", "pronosticó", "adelantó", "admitió", "reconoció", "argumentó", "calificó", "describió", "expresó", "en palabras de", "en declaraciones a", "citado por", "portavoz", "comunicado"),
            "doubt": ("dud*", "cuestion*", "escéptic*", "esceptic*", "en entredicho", "pone en duda", "puso en duda", "exager*", "sobredimension*", "inflad*", "disput*", "no verificad*", "sin verificar", "no se puede verificar", "no pudo verificar", "no ha podido verificar", "sin pruebas", "no demostrad*", "difícil de creer", "poco creíble", "engañoso", "engañosa", "no es el mayor", "no es la mayor", "no es el más", "no es la más", "ya no es el", "ya no es la", "recelo*", "desconfi*", "humo", "bombo"),
            "comparison": ("más ... que", "menos ... que", "mayor que", "menor que", "en comparación con", "en comparación", "comparado con", "comparada con", "por comparación", "a modo de comparación", "frente a", "frente al", "versus", "vs", "contra", "al lado de", "respecto a", "respecto al", "respecto de", "con respecto a", "a diferencia de", "mientras que", "empequeñec*"),
            "growth": ("duplic*", "tripl*", "cuadrupl*", "multiplic*", "ampli* a", "ampli* hasta", "ampliación", "ampli*", "expand*", "crec* a", "crec* hasta", "creció a", "aument* a", "aument* hasta", "aument*", "elev* a", "elev* hasta", "increment*", "subió a", "sube a", "subirá a", "escal* a", "lo llevará a", "lo llevó a", "la llevará a", "añad*", "agreg*", "sumará", "sumó", "se disparó a", "alcanzará", "alcanzó", "ahora tiene", "ahora cuenta con", "ya cuenta con", "más que duplicó", "actualiz* a", "mejorad* a"),
            "only": ("solo", "sólo", "solamente", "únicamente", "apenas", "tan solo", "tan sólo", "menos de", "no más de", "como máximo", "a lo sumo", "una fracción", "un tercio", "la mitad", "un cuarto", "se queda corto", "se quedó corto", "se quedó en", "se queda en", "por debajo de", "lejos de"),
            "running": ("funcion*", "operativ*", "operando", "opera", "operan", "en operación", "en servicio", "en línea", "conectad*", "instalad*", "encendid*", "alimentad*", "en uso", "desplegad*", "realmente", "en realidad", "efectivamente", "utilizable*", "activad*", "en activo", "en marcha", "ejecut*", "en explotación"),
            "superlative": ("el más potente", "la más potente", "los más potentes", "las más potentes", "más potente del mundo", "el más poderoso", "la más poderosa", "el mayor", "la mayor", "los mayores", "las mayores", "mayor del mundo", "el más grande", "la más grande", "más grande del mundo", "el más avanzado", "la más avanzada", "más rápido", "más rápida", "más veloz", "el más rápido", "la más rápida", "el mejor", "la mejor", "los mejores", "número uno", "récord", "máximo histórico", "sin precedentes", "sin rival", "inigualable", "insuperable", "incomparable", "el más", "la más", "supera*", "superó", "bate", "batió", "vence", "venció", "aventaja"),
            "comparative": ("mayor que", "más grande que", "más potente que", "más poderoso que", "más rápido que", "más rápida que", "más veloz que", "más ... que", "supera*", "superó", "superaron", "sobrepas*", "rebas*", "adelantó a", "adelanta a", "adelantar a", "por delante de", "aventaj*", "eclips*", "dejó atrás", "deja atrás", "dejando atrás", "vence a", "venció a", "batió a", "bate a", "derrot*", "gana a", "ganó a", "perdió ante", "pierde ante", "por detrás de", "detrás de", "a la zaga de"),
            "equal": ("comparable a", "comparable con", "equiparable a", "a la par de", "a la par con", "a la altura de", "al nivel de", "al mismo nivel", "tan grande como", "tan potente como", "tan rápido como", "tan ... como", "igual que", "igual a", "igual de", "similar a", "parecido a", "rivaliz*", "iguala", "igualó", "empata", "empató", "codo a codo", "codo con codo", "equivalente a", "equivale a"),
            "negotiation": ("negociac*", "negoci*", "conversaciones", "en conversaciones", "diálogo", "dialog*", "tratativas", "en tratos", "cerca de un acuerdo", "cerca de cerrar", "a punto de", "ultima*", "discut*", "estudia", "estudian", "explora*", "sopesa", "considera", "baraja", "barajan", "en estudio", "sobre la mesa", "preacuerdo", "principio de acuerdo", "acercamiento"),
            "new_arrangement": ("nuevo acuerdo", "nueva alianza", "nueva asociación", "nuevo contrato", "nuevo pacto", "nueva relación", "nuevo tipo de relación", "nuevo convenio", "acuerdo distinto", "ahora ofrece", "ofrecerá", "ahora aloja", "albergará", "pondrá a disposición", "pone a disposición"),
            "price": ("precio*", "cuesta", "cuestan", "costará", "costó", "costo*", "coste*", "desde $", "a partir de", "precio de partida", "precio base", "se vende por", "se venderá por", "se venden por", "pvp", "venta al público", "tarifa*", "valdrá"),
            "previous": ("anteriormente", "previamente", "antes", "antiguamente", "había sido", "habían sido", "inicialmente", "originalmente", "en un principio", "al principio", "una vez", "en su momento", "entonces", "por aquel entonces", "en aquel momento", "el original", "la original", "anunciado por primera vez", "había prometido", "prometió", "antiguo", "antigua", "ex", "anterior", "solía", "solían", "hasta ahora", "hasta entonces"),
        },
    )
)
