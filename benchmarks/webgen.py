"""Generate a large, deterministic news web for crawl and analysis benchmarks.

`generate_web(n, base_url)` builds n article pages of 50-100 KB each (mostly
boilerplate, as on real news sites, around a 600-1,200-word body) spread over
ten outlets in English, Spanish and Chinese. About 40% of the articles follow
the xAI/Colossus story; the rest are other news, some of it naming look-alikes
(explainable AI "XAI", Oracle earnings, "grok" the verb, Bletchley's Colossus,
Memphis sport). Each outlet's feed lists all of its articles, so one pass over
the ten feeds reaches every page.

    python benchmarks/webgen.py --n 2000 --serve          # serve until Ctrl-C
    python benchmarks/webgen.py --n 2000 --out /tmp/web   # write the files
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import signal
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path
from typing import Any

# runnable from a checkout without the package installed
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scheduler.demo.server import NewsWebServer
from scheduler.demo.site import (
    MONTHS,
    FeedItem,
    Page,
    encode,
    feed_content_type,
    render_atom,
    render_news_sitemap,
    render_robots,
    render_rss,
)

RELEVANT_SHARE = 0.4
LOOKALIKE_SHARE = 0.2  # of off-topic stories outside the look-alike topic
MIN_PAGE, MAX_PAGE = 50_000, 100_000
LISTING_SIZE = 25
START = datetime(2024, 7, 1, tzinfo=UTC)
END = datetime(2025, 12, 31, 23, 59, tzinfo=UTC)


@dataclass(frozen=True)
class Outlet:
    """A generated outlet; `style` picks the page layout family."""

    id: str
    name: str
    language: str
    feed: str  # rss2 | atom
    encoding: str
    pattern: str
    style: str  # classic | app | portal

    @property
    def feed_path(self) -> str:
        return f"/{self.id}/{'atom.xml' if self.feed == 'atom' else 'rss.xml'}"

    @property
    def sitemap_path(self) -> str:
        return f"/{self.id}/news-sitemap.xml"

    def listing_path(self, page: int) -> str:
        return f"/{self.id}/" + ("index.html" if page == 1 else f"latest/{page}.html")


OUTLETS: tuple[Outlet, ...] = (
    Outlet(
        "harbor-gazette",
        "The Harbor Gazette",
        "en",
        "rss2",
        "utf-8",
        "{yyyy}/{mm}/{dd}/{slug}.html",
        "classic",
    ),
    Outlet("compute-wire", "Compute Wire", "en", "atom", "utf-8", "news/{id}-{slug}.html", "app"),
    Outlet(
        "metro-ledger",
        "Metro Ledger",
        "en",
        "rss2",
        "utf-8",
        "{section}/{slug}-{id}.html",
        "portal",
    ),
    Outlet(
        "northbridge-times",
        "Northbridge Times",
        "en",
        "atom",
        "utf-8",
        "story/{yyyy}{mm}{dd}/{slug}.html",
        "classic",
    ),
    Outlet(
        "evening-circuit", "The Evening Circuit", "en", "rss2", "utf-8", "{yyyy}/{slug}.html", "app"
    ),
    Outlet(
        "diario-del-sur",
        "Diario del Sur",
        "es",
        "rss2",
        "iso-8859-1",
        "noticias/{yyyy}/{mm}/{slug}.html",
        "portal",
    ),
    Outlet(
        "la-red-hoy", "La Red Hoy", "es", "atom", "utf-8", "{section}/{id}/{slug}.html", "classic"
    ),
    Outlet("valle-digital", "Valle Digital", "es", "rss2", "utf-8", "articulo/{id}.html", "app"),
    Outlet("keji-ribao", "科技日报网", "zh", "rss2", "utf-8", "{yyyy}{mm}/{id}.html", "portal"),
    Outlet(
        "shuma-shibao",
        "数码时报",
        "zh",
        "atom",
        "utf-8",
        "news/{yyyy}/{mm}{dd}/{id}.html",
        "classic",
    ),
)

# ------------------------------------------------------------------ templates
# Slots: {gpus} {mw} {bn} {pct} {days} {date} {month} {person} {firm} {model}
#        {a} {b} {n} {city}.  Each language has its own number formatting.

EN_REL_TITLES = [
    "xAI's Colossus reaches {gpus} GPUs, Musk says",
    "Inside the Memphis site where xAI trains its Grok models",
    "xAI seeks {mw} more megawatts for its Colossus expansion",
    "Analysts question xAI's claim to the world's most powerful AI cluster",
    "Oracle and xAI: from a failed chip deal to a cloud partnership",
    "Memphis utility approves new power supply for xAI supercomputer",
    "xAI raises ${bn} billion as Colossus keeps growing",
    "What the Colossus build says about the race for AI compute",
    "Residents press for answers on xAI turbines in south Memphis",
    "{model} arrives, trained on xAI's Memphis supercomputer",
]
EN_REL = [
    "xAI said on {date} that its Colossus supercomputer in Memphis now runs {gpus} Nvidia GPUs.",
    "Elon Musk has repeatedly described the Memphis cluster as the most powerful AI training system in the world.",
    "According to {firm}, the site drew about {mw} megawatts in {month}, up from 50 megawatts at launch.",
    "{person}, an analyst at {firm}, estimated that xAI has spent roughly ${bn} billion on chips for the project.",
    "The company began training on the cluster on 22 July 2024, Musk said at the time.",
    "Colossus was assembled in {days} days, a schedule that rivals said would normally take well over a year.",
    "xAI walked away from talks with Oracle in July 2024, after the two sides had discussed a deal worth about $10 billion.",
    "Grok 2, trained on H100 chips rented from Oracle, was released in beta on 13 August 2024.",
    "Local officials said the project had added {pct} percent to the county's industrial tax base.",
    "Environmental groups have asked regulators to review the gas turbines xAI operates at the site.",
    "The expansion to {gpus} GPUs should be complete by {date}, people familiar with the plans said.",
    "Nvidia has cited the Memphis build as an example of how quickly its Spectrum-X networking can be deployed.",
    "xAI did not respond to a request for comment on {date}.",
    "The cluster is housed in a former appliance factory in south Memphis.",
    "{model} was trained on Colossus, according to a post by Musk on X.",
    "Rival labs, including Meta and OpenAI, have announced plans for clusters of similar or larger size.",
    "Oracle later agreed to offer xAI's Grok models to customers of its cloud.",
    "At {gpus} chips, the system would need roughly {mw} megawatts of power, {firm} estimated.",
    "The city utility said it had approved {mw} megawatts of additional supply for the xAI site.",
    "Shares of Nvidia rose {pct} percent in the week after xAI's announcement.",
    "People close to xAI said the company was raising about ${bn} billion to fund the next phase.",
    "The first training run began 19 days after the first rack arrived, Nvidia said.",
    "Critics question whether GPU counts alone say much about the real performance of xAI's cluster.",
    "xAI has said it wants to reach one million GPUs in Memphis over the coming years.",
    "Each H100 in the system cost about $30,000 at list price, analysts say.",
    "Musk told investors on {date} that Colossus had {gpus} GPUs working on a single network.",
    "A second building near the original site is being prepared for another {gpus} chips.",
    "Residents near the plant raised concerns about noise and air quality at a public meeting on {date}.",
    "{person} said the speed of the build had surprised even xAI's suppliers.",
    "The Memphis Supercluster, as Musk first called it, was renamed Colossus in September 2024.",
]
# Off-topic news by topic: (titles, sentences). Lines marked "~" name a look-alike
# (explainable AI "XAI", Oracle, "grok", Bletchley's Colossus, Memphis sport) and
# are used only in the share of off-topic stories meant to mention one.
EN_OFF: dict[str, tuple[list[str], list[str]]] = {
    "city": (
        [
            "City council approves ${n} million plan for road repairs",
            "Commuter rail line to add {n} trains a day from {month}",
        ],
        [
            "The city council approved a budget of ${n} million for road repairs on {date}.",
            "Officials said work on the main bridge would begin in {month} and last about {a} weeks.",
            "The rail operator will add {n} trains a day on the coastal line.",
            "Passenger numbers are up {pct} percent since the new timetable started.",
            "{person}, who has lived in {city} for {a} years, said the change was overdue.",
            "The mayor is expected to announce the plan at a press conference on {date}.",
            "Opposition councillors said the money should have gone to schools instead.",
            "Residents will be able to comment on the plans until the end of {month}.",
        ],
    ),
    "weather": (
        [
            "Storm warning issued as temperatures drop to {a} degrees",
            "Flood barriers go up as river rises",
        ],
        [
            "Forecasters expect temperatures to fall to {a} degrees by the weekend.",
            "Schools in {city} will open two hours late on Monday because of ice.",
            "The river rose {a} feet overnight, the environment agency said on {date}.",
            "Drivers were told to avoid all but essential journeys.",
            "{person} said her street had flooded twice since {month}.",
            "Power was cut to {n},000 homes at the height of the storm.",
        ],
    ),
    "sport": (
        [
            "Home side win {a}-{b} to stay top of the table",
            "~Grizzlies take {a}-{b} win in Memphis",
        ],
        [
            "The home side won {a}-{b} in front of {n},000 fans.",
            "The coach said after the match that the squad was tired but happy.",
            "~The Memphis Grizzlies won {a}-{b} at FedExForum on {date}.",
            "A late goal settled a game that had been level for most of the second half.",
            "The club confirmed that its captain will miss {a} weeks with a hamstring injury.",
            "Tickets for the next home game sold out within {n} minutes.",
        ],
    ),
    "markets": (
        [
            "Markets close {pct} percent higher as energy shares rally",
            "~Oracle beats forecasts as cloud revenue climbs",
        ],
        [
            "The index closed {pct} percent higher on {date}, led by energy and bank shares.",
            "Bond yields fell after inflation came in below forecasts for {month}.",
            "~Oracle reported cloud infrastructure revenue growth of {pct} percent in its latest quarter.",
            "~Oracle Database remains the company's largest software business.",
            "~Nvidia shares fell {pct} percent amid a broader sell-off in chip stocks.",
            "{person}, a strategist at {firm}, said investors were waiting for the central bank.",
        ],
    ),
    "health": (
        ["New hospital wing opens with {n} beds", "Waiting lists fall for a third month"],
        [
            "The hospital opened a new wing with {n} beds, the health authority said.",
            "Waiting times for routine surgery fell by {pct} percent over the year.",
            "Nurses' unions welcomed the move but said staffing remained tight.",
            "{person}, a surgeon in {city}, said the new theatres would help.",
            "The health board will publish its next figures on {date}.",
        ],
    ),
    "lookalike": (
        [
            "Explainable AI: why lenders must show their working",
            "~Bletchley's Colossus: the machine that kept a secret",
            "~How long does it take to grok a new codebase?",
        ],
        [
            "~Researchers in explainable AI, or XAI, say lenders must show how their models reach decisions.",
            "~XAI methods such as SHAP highlight which inputs drove an individual decision.",
            "~It took the new engineers months to fully grok the billing system.",
            "~Visitors to Bletchley Park can see a working rebuild of Colossus, the wartime codebreaking machine.",
            "~Colossus helped codebreakers read German high command messages from 1944.",
            "{person}, who teaches at a university in {city}, said the term is often misunderstood.",
            "A survey by {firm} found that {pct} percent of firms could not explain their own models.",
        ],
    ),
}

ES_REL_TITLES = [
    "Colossus, el superordenador de xAI, alcanza los {gpus} procesadores",
    "Así es la fábrica de Memphis donde xAI entrena sus modelos Grok",
    "xAI pide {mw} megavatios más para ampliar Colossus",
    "Los analistas dudan de que el clúster de xAI sea el más potente del mundo",
    "Oracle y xAI: de la ruptura de 2024 a la alianza en la nube",
    "xAI capta {bn}.000 millones de dólares mientras Colossus sigue creciendo",
    "{model} llega tras entrenarse en el superordenador de Memphis",
    "Vecinos de Memphis piden explicaciones por las turbinas de xAI",
]
ES_REL = [
    "xAI aseguró el {date} que su superordenador Colossus, en Memphis, ya funciona con {gpus} procesadores de Nvidia.",
    "Elon Musk ha descrito varias veces el clúster de Memphis como el sistema de entrenamiento de IA más potente del mundo.",
    "Según {firm}, la instalación consumía unos {mw} megavatios en {month}, frente a los 50 del arranque.",
    "{person}, analista de {firm}, calcula que xAI ha invertido unos {bn}.000 millones de dólares en chips.",
    "La empresa empezó a entrenar en el clúster el 22 de julio de 2024, según dijo Musk entonces.",
    "Colossus se montó en {days} días, un plazo que en el sector suele superar con creces el año.",
    "xAI rompió en julio de 2024 las negociaciones con Oracle, que rondaban los 10.000 millones de dólares.",
    "Grok 2, entrenado con chips H100 alquilados a Oracle, salió en beta el 13 de agosto de 2024.",
    "Las autoridades locales calculan que el proyecto ha elevado un {pct}% la base fiscal industrial del condado.",
    "Varios grupos ecologistas han pedido a los reguladores que revisen las turbinas de gas de xAI.",
    "La ampliación hasta {gpus} procesadores estará lista en torno al {date}, según fuentes conocedoras del plan.",
    "xAI no respondió a las preguntas de este periódico el {date}.",
    "El clúster ocupa una antigua fábrica de electrodomésticos en el sur de Memphis.",
    "{model} se entrenó en Colossus, según un mensaje de Musk en X.",
    "Otros laboratorios, como Meta u OpenAI, han anunciado clústeres de tamaño similar o mayor.",
    "Oracle acabó ofreciendo los modelos Grok de xAI a los clientes de su nube.",
    "Con {gpus} chips, el sistema necesitaría unos {mw} megavatios, según {firm}.",
    "Las acciones de Nvidia subieron un {pct}% la semana siguiente al anuncio de xAI.",
    "El primer entrenamiento arrancó 19 días después de que llegara el primer bastidor, según Nvidia.",
    "Los críticos recuerdan que el número de GPU no basta para medir el rendimiento real del clúster de xAI.",
    "xAI aspira a reunir un millón de procesadores en Memphis en los próximos años.",
    "{person} asegura que la rapidez de la obra sorprendió incluso a los proveedores de xAI.",
]
ES_OFF: dict[str, tuple[list[str], list[str]]] = {
    "ciudad": (
        ["El Ayuntamiento aprueba {n} millones para arreglar calles"],
        [
            "El pleno municipal aprobó el {date} una partida de {n} millones de euros para asfaltar calles.",
            "Las obras comenzarán en {month} y durarán unas {a} semanas, según el concejal.",
            "{person}, vecino de {city} desde hace {a} años, cree que el cambio llega tarde.",
            "El alcalde presentará el plan en una rueda de prensa el {date}.",
            "La oposición critica que el dinero no se destine a los colegios.",
        ],
    ),
    "tiempo": (
        ["Aviso amarillo por frío: las mínimas bajarán a {a} grados"],
        [
            "La Agencia de Meteorología prevé que las temperaturas bajen hasta {a} grados el fin de semana.",
            "Los colegios de {city} retrasarán dos horas la entrada por el hielo.",
            "Tráfico recomienda evitar los desplazamientos que no sean imprescindibles.",
            "Unos {n}.000 hogares se quedaron sin luz durante la tormenta.",
        ],
    ),
    "deportes": (
        ["El equipo local gana {a}-{b} y sigue líder", "~Los Grizzlies ganan {a}-{b} en Memphis"],
        [
            "El equipo local ganó {a}-{b} ante unos {n}.000 aficionados.",
            "El entrenador reconoció que la plantilla acabó cansada pero satisfecha.",
            "~Los Grizzlies de Memphis ganaron {a}-{b} en el FedExForum el {date}.",
            "El capitán estará de baja unas {a} semanas por una lesión muscular.",
        ],
    ),
    "economia": (
        [
            "La Bolsa sube un {pct}% impulsada por la banca",
            "~Oracle supera las previsiones gracias a la nube",
        ],
        [
            "El selectivo cerró con una subida del {pct}% el {date}, con la banca a la cabeza.",
            "~Oracle elevó un {pct}% sus ingresos de infraestructura en la nube en el último trimestre.",
            "~La base de datos de Oracle sigue siendo su mayor negocio de software.",
            "{person}, de {firm}, cree que los inversores esperan al banco central.",
        ],
    ),
    "parecidos": (
        [
            "La IA explicable (XAI) llega a la consulta del médico",
            "~Colossus, la máquina secreta de Bletchley Park",
        ],
        [
            "~Los expertos en IA explicable, o XAI, piden que los bancos justifiquen las decisiones de sus modelos.",
            "~Las herramientas de XAI muestran qué datos pesaron más en cada diagnóstico.",
            "~En Bletchley Park se conserva una réplica de Colossus, la máquina que descifraba mensajes nazis.",
            "Según {firm}, el {pct}% de las empresas no sabe explicar sus propios modelos.",
            "{person}, profesora en {city}, recuerda que una explicación convincente no garantiza un acierto.",
        ],
    ),
}

ZH_REL_TITLES = [
    "xAI的Colossus超级计算机GPU数量达到{gpus}块",
    "探访xAI孟菲斯数据中心：Grok模型在这里训练",
    "xAI申请新增{mw}兆瓦电力扩建Colossus",
    "分析师质疑xAI“全球最强AI训练集群”的说法",
    "从谈判破裂到云上合作：甲骨文与xAI的一年",
    "xAI融资{bn}0亿美元，Colossus持续扩张",
]
ZH_REL = [
    "xAI于{date}表示，其位于孟菲斯的Colossus超级计算机目前运行着{gpus}块英伟达GPU。",
    "马斯克多次称孟菲斯集群是全球最强大的AI训练系统。",
    "据{firm}统计，该设施在{month}的用电量约为{mw}兆瓦，而投产时仅为50兆瓦。",
    "{firm}分析师{person}估计，xAI在该项目芯片上的投入约为{bn}0亿美元。",
    "马斯克当时表示，公司于2024年7月22日开始在该集群上训练模型。",
    "Colossus仅用{days}天建成，业内通常需要一年以上。",
    "2024年7月，xAI终止了与甲骨文的扩容谈判，此前双方讨论的合同规模约为100亿美元。",
    "Grok 2使用从甲骨文租用的H100芯片训练，于2024年8月13日发布测试版。",
    "当地官员表示，该项目使县里的工业税基增加了{pct}%。",
    "环保团体要求监管机构审查xAI在园区内使用的燃气轮机。",
    "知情人士称，扩建至{gpus}块GPU的工程预计在{date}前完成。",
    "截至{date}，xAI未回应置评请求。",
    "该集群位于孟菲斯南部一座由家电工厂改造的厂房内。",
    "据马斯克在X上发文，{model}是在Colossus上训练的。",
    "Meta、OpenAI等竞争对手也已宣布建设规模相当甚至更大的集群。",
    "甲骨文后来同意在其云平台上向客户提供xAI的Grok模型。",
    "英伟达股价在xAI宣布消息后的一周内上涨了{pct}%。",
    "批评人士认为，仅凭GPU数量无法衡量xAI集群的真实性能。",
    "xAI表示，未来几年希望在孟菲斯部署100万块GPU。",
]
ZH_OFF: dict[str, tuple[list[str], list[str]]] = {
    "city": (
        ["市政府拨款{n}亿元用于道路维修"],
        [
            "市议会于{date}批准了{n}亿元的道路维修预算。",
            "官员表示，大桥维修工程将于{month}开工，预计持续{a}周。",
            "在{city}生活了{a}年的{person}说，这一变化早就应该发生。",
            "市民可在{month}底前对方案提出意见。",
        ],
    ),
    "weather": (
        ["寒潮来袭，最低气温将降至零下{a}度"],
        [
            "气象部门预计，周末气温将降至零下{a}度。",
            "{city}的中小学周一将推迟两小时上课。",
            "暴风雪期间约{n}万户居民停电。",
        ],
    ),
    "sport": (
        ["主队{a}比{b}获胜继续领跑积分榜", "~灰熊队主场{a}比{b}获胜"],
        [
            "主队在{n}万名球迷面前以{a}比{b}获胜。",
            "主教练赛后表示，球队虽然疲惫但很满意。",
            "~孟菲斯灰熊队{date}在主场以{a}比{b}获胜。",
        ],
    ),
    "markets": (
        ["股市收涨{pct}%，能源股领涨", "~甲骨文业绩超预期"],
        [
            "股指{date}收涨{pct}%，能源和银行股领涨。",
            "~甲骨文最新一季云基础设施收入增长{pct}%。",
            "~英伟达股价在芯片股普遍下跌中下滑{pct}%。",
            "{firm}分析师{person}认为，投资者在等待央行表态。",
        ],
    ),
    "lookalike": (
        ["可解释人工智能（XAI）走进医院"],
        [
            "~可解释人工智能（XAI）研究人员表示，银行必须说明模型如何作出决定。",
            "~XAI工具可以用热力图显示模型关注的区域。",
            "~在布莱切利园可以看到二战密码破译机Colossus的复原机。",
            "{firm}调查显示，{pct}%的企业无法解释自己的模型。",
        ],
    ),
}

LANG: dict[str, dict[str, Any]] = {
    "en": {
        "rel_titles": EN_REL_TITLES,
        "rel": EN_REL,
        "off": EN_OFF,
        "sep": " ",
        "months": MONTHS["en"],
        "people": [
            "Sarah Okafor",
            "James Whitley",
            "Ana Delgado",
            "Tom Becker",
            "Mei Lin",
            "Rajesh Iyer",
        ],
        "firms": ["Northgate Research", "Lumen Capital", "Forrest & Hale", "Brightline Analytics"],
        "cities": ["Springfield", "Riverton", "Lakeside", "Fairview"],
        "sections": ["news", "business", "tech", "sport", "culture"],
        "comments": [
            "Great reporting.",
            "Does anyone actually believe these numbers?",
            "This is why my power bill keeps going up.",
            "Sources?",
            "Interesting, thanks.",
            "The headline is misleading.",
            "Finally someone asks the right questions.",
        ],
    },
    "es": {
        "rel_titles": ES_REL_TITLES,
        "rel": ES_REL,
        "off": ES_OFF,
        "sep": " ",
        "months": MONTHS["es"],
        "people": ["Lucía Romero", "Jorge Navarro", "Carmen Ibáñez", "Pablo Ortega", "Elena Ruiz"],
        "firms": ["Consultora Atalaya", "Análisis Meridiano", "Grupo Vértice"],
        "cities": ["Albacete", "Logroño", "Cáceres", "Lugo"],
        "sections": ["sociedad", "economia", "tecnologia", "deportes", "cultura"],
        "comments": [
            "Muy interesante.",
            "¿Y quién paga la luz?",
            "Esto no es noticia.",
            "Gracias por la información.",
            "Faltan datos.",
            "Totalmente de acuerdo.",
        ],
    },
    "zh": {
        "rel_titles": ZH_REL_TITLES,
        "rel": ZH_REL,
        "off": ZH_OFF,
        "sep": "",
        "months": [f"{m}月" for m in range(1, 13)],
        "people": ["张伟", "李娜", "王强", "陈静", "刘洋"],
        "firms": ["华信研究", "东方证券研究所", "天元咨询"],
        "cities": ["杭州", "成都", "武汉", "西安"],
        "sections": ["news", "caijing", "keji", "tiyu", "wenhua"],
        "comments": ["写得好。", "数据可靠吗？", "电费又要涨了。", "学习了。", "标题党。"],
    },
}
GPU_COUNTS = [100_000, 100_000, 150_000, 200_000, 200_000, 300_000, 1_000_000]
MODELS = ["Grok 2", "Grok-2 mini", "Grok 3", "Grok 4"]


def _number(value: int, language: str) -> str:
    if language == "es":
        return f"{value:,}".replace(",", ".")
    if language == "zh":
        return f"{value // 10_000}万" if value >= 10_000 else str(value)
    return f"{value:,}"


def _date_text(moment: datetime, language: str) -> str:
    months = LANG[language]["months"]
    if language == "es":
        return f"{moment.day} de {months[moment.month - 1]}"
    if language == "zh":
        return f"{moment.year}年{moment.month}月{moment.day}日"
    return f"{months[moment.month - 1]} {moment.day}"


def _slots(rng: random.Random, language: str, around: datetime) -> dict[str, str]:
    """Fresh random slot values for one paragraph (numbers and dates near the article date)."""
    lang = LANG[language]
    other = around + timedelta(days=rng.randint(-60, 120))
    return {
        "gpus": _number(rng.choice(GPU_COUNTS), language),
        "mw": str(rng.choice([50, 100, 150, 250, 300, 490])),
        "bn": str(rng.randint(2, 20)),
        "pct": str(rng.randint(1, 45)),
        "days": str(rng.choice([92, 122, 19, rng.randint(60, 200)])),
        "date": _date_text(other, language),
        "month": lang["months"][other.month - 1],
        "person": rng.choice(lang["people"]),
        "firm": rng.choice(lang["firms"]),
        "model": rng.choice(MODELS),
        "city": rng.choice(lang["cities"]),
        "a": str(rng.randint(1, 12)),
        "b": str(rng.randint(0, 9)),
        "n": str(rng.randint(3, 90)),
    }


def _usable(lines: list[str], flavoured: bool) -> list[str]:
    """Template lines for one story, keeping look-alike ("~") lines only when wanted."""
    return [line.lstrip("~") for line in lines if flavoured or not line.startswith("~")]


def _slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:70]


# ------------------------------------------------------------------- articles

ENTITY_PATTERNS = {
    "xai": re.compile(r"\bxAI"),
    "grok2": re.compile(r"Grok[- ]?2"),
    "oracle": re.compile(r"Oracle|甲骨文"),
    "h100": re.compile(r"H100"),
    "colossus": re.compile(r"Colossus|Supercluster"),
    "musk": re.compile(r"Musk|马斯克"),
    "nvidia": re.compile(r"Nvidia|英伟达"),
    "memphis": re.compile(r"Memphis|孟菲斯"),
}


def generate_articles(n: int, seed: int = 1) -> list[dict[str, Any]]:
    """The n articles in the corpus format; labels carry relevance and the entities named.

    Off-topic articles never name xAI; "Colossus" in them is Bletchley's, so
    `xai`/`colossus` are not labelled there. Claims are not labelled.
    """
    rng = random.Random(seed)
    span = int((END - START).total_seconds())
    articles: list[dict[str, Any]] = []
    counters = dict.fromkeys((o.id for o in OUTLETS), 0)
    for index in range(n):
        outlet = OUTLETS[rng.randrange(len(OUTLETS))]
        counters[outlet.id] += 1
        lang = LANG[outlet.language]
        relevant = rng.random() < RELEVANT_SHARE
        published = START + timedelta(seconds=rng.randrange(span))
        published = published.replace(second=0)
        words_target = rng.randint(600, 1_200)
        if relevant:
            titles, pool = lang["rel_titles"], lang["rel"]
            spill = pool
        else:
            topic = rng.choice(sorted(lang["off"]))
            flavoured = topic in ("lookalike", "parecidos") or rng.random() < LOOKALIKE_SHARE
            titles, pool = (_usable(lines, flavoured) for lines in lang["off"][topic])
            # Some off-topic stories are round-ups that borrow lines from other topics.
            roundup = rng.random() < 0.3
            spill = (
                _usable([x for _, lines in lang["off"].values() for x in lines], flavoured)
                if roundup
                else pool
            )
        paragraphs: list[str] = []
        words = 0
        while words < words_target:
            slots = _slots(rng, outlet.language, published)
            count = rng.randint(3, 6)
            chosen = [rng.choice(pool if rng.random() < 0.9 else spill) for _ in range(count)]
            paragraph = lang["sep"].join(t.format(**slots) for t in chosen)
            paragraphs.append(paragraph)
            # Chinese has no spaces: count roughly two characters a word.
            words += len(paragraph) // 2 if outlet.language == "zh" else paragraph.count(" ") + 1
        if relevant and "xAI" not in " ".join(paragraphs):
            paragraphs[0] = (
                lang["rel"][0].format(**_slots(rng, outlet.language, published))
                + lang["sep"]
                + paragraphs[0]
            )
        title = rng.choice(titles).format(**_slots(rng, outlet.language, published))
        text = title + " " + " ".join(paragraphs)
        entities = [e for e, p in ENTITY_PATTERNS.items() if p.search(text)]
        if not relevant:
            entities = [e for e in entities if e not in ("xai", "colossus")]
        # Template titles repeat, so the number keeps URLs unique (as many real sites do).
        slug = f"{_slugify(title)}-{index}" if outlet.language != "zh" else f"wen-{index:06d}"
        first = re.split(r"(?<=[.!?。])\s*", paragraphs[0], maxsplit=1)[0]
        articles.append(
            {
                "id": f"g{index:06d}",
                "outlet": outlet.id,
                "slug": slug,
                "title": title,
                "summary": first,
                "author": rng.choice(lang["people"]),
                "published": published.isoformat().replace("+00:00", "Z"),
                "language": outlet.language,
                "section": rng.choice(lang["sections"][:3] if relevant else lang["sections"]),
                "body": paragraphs,
                "canonical_of": None,
                "labels": {
                    "relevant": relevant,
                    "duplicate_of": None,
                    "entities": entities,
                    "claims": {},
                },
            }
        )
    return articles


def article_path(article: dict[str, Any], outlet: Outlet) -> str:
    """Site-relative path of a generated article."""
    when = datetime.fromisoformat(article["published"])
    return f"/{outlet.id}/" + outlet.pattern.format(
        yyyy=f"{when.year:04d}",
        mm=f"{when.month:02d}",
        dd=f"{when.day:02d}",
        slug=article["slug"],
        id=article["id"],
        section=article["section"],
    )


# -------------------------------------------------------------- boilerplate


@dataclass
class _Chrome:
    """Per-outlet fixed boilerplate, built once (the bulk of every page)."""

    head_tail: str
    header: str
    footer: str


def _build_chrome(outlet: Outlet, base: str, rng: random.Random) -> _Chrome:
    lang = LANG[outlet.language]
    css = "".join(
        f".c{i}-{rng.randrange(36**3):x}{{margin:{rng.randint(0, 24)}px {rng.randint(0, 24)}px;"
        f"color:#{rng.randrange(16**6):06x};font-size:{rng.randint(11, 22)}px}}"
        for i in range(160)
    )
    config = {
        f"slot_{i}": {
            "id": f"div-gpt-ad-{rng.randrange(10**12)}-{i}",
            "sizes": [[300, 250], [728, 90]] if i % 2 else [[300, 600]],
            "targeting": {"section": rng.choice(lang["sections"]), "pos": i},
        }
        for i in range(40)
    }
    analytics = {f"dim{i}": f"{rng.randrange(16**10):010x}" for i in range(120)}
    scripts = (
        f"<script>window.__ADS__={json.dumps(config, separators=(',', ':'))};</script>\n"
        f"<script>window.__ANALYTICS__={json.dumps(analytics, separators=(',', ':'))};"
        "(function(w,d){var s=d.createElement('script');s.async=1;s.src='/static/tag.js';"
        "d.head.appendChild(s)})(window,document);</script>\n"
    )
    head_tail = f"<style>{css}</style>\n{scripts}</head>\n"
    sections = lang["sections"] + [f"{s}-{k}" for s in lang["sections"] for k in range(1, 3)]
    mega = "".join(
        f'<li class="menu-item"><a href="{base}/{outlet.id}/{section}/">{escape(section.title())}</a>'
        '<ul class="sub">'
        + "".join(
            f'<li><a href="{base}/{outlet.id}/{section}/topic-{j}.html">'
            f"{escape(section.title())} {j}</a></li>"
            for j in range(12)
        )
        + "</ul></li>"
        for section in sections
    )
    header = (
        '<div id="consent" class="cmp-banner"><p>We and our partners use cookies and similar '
        'technologies to store and access information on your device.</p><button class="accept">OK</button>'
        '<button class="manage">Manage</button></div>\n'
        f'<header class="site-header"><a class="brand" href="{base}{outlet.listing_path(1)}">'
        f'{escape(outlet.name)}</a><nav class="mega-menu"><ul>{mega}</ul></nav></header>\n'
    )
    footer_links = "".join(
        f'<li><a href="{base}/{outlet.id}/about/{k}.html">{escape(rng.choice(lang["sections"]).title())} '
        f"{k}</a></li>"
        for k in range(60)
    )
    footer = (
        f'<footer class="site-footer"><ul class="links">{footer_links}</ul>'
        f"<p>&copy; 2025 {escape(outlet.name)}</p></footer>\n"
        "<script>document.querySelector('#consent .accept').onclick=function(){"
        "document.getElementById('consent').remove()};</script>\n"
    )
    return _Chrome(head_tail, header, footer)


def _teaser(article: dict[str, Any], url: str) -> str:
    return (
        f'<div class="teaser"><a href="{url}"><h4>{escape(article["title"])}</h4></a>'
        f"<p>{escape(article['summary'])}</p></div>\n"
    )


def _render_page(
    article: dict[str, Any],
    outlet: Outlet,
    url: str,
    chrome: _Chrome,
    teasers: Sequence[tuple[str, int]],
    rng: random.Random,
) -> bytes:
    lang = LANG[outlet.language]
    published = article["published"]
    head = (
        f'<!DOCTYPE html>\n<html lang="{outlet.language}">\n<head>\n<meta charset="{outlet.encoding}">\n'
        f"<title>{escape(article['title'])} - {escape(outlet.name)}</title>\n"
        f'<link rel="canonical" href="{url}">\n'
        f'<meta property="og:title" content="{escape(article["title"])}">\n'
        f'<meta property="og:url" content="{url}">\n'
        f'<meta property="article:published_time" content="{published}">\n'
    )
    paragraphs = "".join(f"<p>{escape(p)}</p>\n" for p in article["body"])
    if outlet.style == "app":
        state = {
            "props": {
                "article": {
                    "id": article["id"],
                    "title": article["title"],
                    "published": published,
                    "body": article["body"],
                }
            }
        }
        state_json = json.dumps(state, ensure_ascii=False).replace("</", "<\\/")
        body = (
            f'<div id="__app"><main><h1 class="headline">{escape(article["title"])}</h1>'
            f'<div class="meta"><span>{escape(article["author"])}</span> <time>{published[:10]}</time></div>'
            f'<section class="article-body">{paragraphs}</section></main></div>\n'
            f'<script id="__STATE__" type="application/json">'
            f"{state_json}</script>\n"
        )
    elif outlet.style == "portal":
        body = (
            f'<div class="content"><div class="kicker">{escape(article["section"])}</div>'
            f'<h1>{escape(article["title"])}</h1><div class="byline">{escape(article["author"])} | '
            f'{published[:16].replace("T", " ")}</div><div class="txt">{paragraphs}</div></div>\n'
        )
    else:
        body = (
            f'<article><header><h1>{escape(article["title"])}</h1><p class="byline">'
            f'{escape(article["author"])} <time datetime="{published}">{published[:10]}</time></p></header>'
            f'<div class="article-text">{paragraphs}</div></article>\n'
        )
    comments = "".join(
        f'<li class="comment"><b>{escape(rng.choice(lang["people"]))}</b> '
        f"<p>{escape(rng.choice(lang['comments']))}</p></li>"
        for _ in range(rng.randint(0, 25))
    )
    trending = "".join(t for t, _ in rng.sample(teasers, min(6, len(teasers))))
    core = (
        head
        + chrome.head_tail
        + "<body>\n"
        + chrome.header
        + body
        + f'<aside class="trending"><h3>Trending</h3>{trending}</aside>\n'
        + f'<section class="comments"><ol>{comments}</ol></section>\n'
    )
    target = rng.randint(MIN_PAGE, MAX_PAGE)
    size = len(encode(core, outlet.encoding)) + len(chrome.footer) + 40
    more: list[str] = []
    while size < target - 400 and teasers:
        html, nbytes = teasers[rng.randrange(len(teasers))]
        more.append(html)
        size += nbytes
    page = core + '<section class="more-stories">' + "".join(more) + "</section>\n" + chrome.footer
    return encode(page + "</body>\n</html>\n", outlet.encoding)


# ---------------------------------------------------------------- whole web


def generate_web(n: int, base_url: str, seed: int = 1) -> dict[str, Page]:
    """All pages of the generated web, keyed by site-relative path. Deterministic per seed."""
    base = base_url.rstrip("/")
    articles = generate_articles(n, seed)
    rng = random.Random(seed * 7919 + 17)
    pages: dict[str, Page] = {}
    outlets = {o.id: o for o in OUTLETS}
    urls = {a["id"]: base + article_path(a, outlets[a["outlet"]]) for a in articles}
    sitemaps: list[str] = []
    for outlet in OUTLETS:
        items = sorted(
            (a for a in articles if a["outlet"] == outlet.id),
            key=lambda a: a["published"],
            reverse=True,
        )
        if not items:
            continue
        chrome = _build_chrome(outlet, base, random.Random(f"{seed}:{outlet.id}"))
        teasers = []
        for a in items:
            html = _teaser(a, urls[a["id"]])
            teasers.append((html, len(encode(html, outlet.encoding))))
        html_type = f"text/html; charset={outlet.encoding}"
        times = {a["id"]: datetime.fromisoformat(a["published"]) for a in items}
        for a in items:
            path = article_path(a, outlet)
            assert path not in pages, f"duplicate path {path}"
            pages[path] = Page(
                _render_page(a, outlet, urls[a["id"]], chrome, teasers, rng),
                html_type,
                times[a["id"]],
            )
        feed_items = [
            FeedItem(
                a["title"],
                urls[a["id"]],
                a["summary"],
                a["author"],
                times[a["id"]],
                a["language"],
                a["section"],
            )
            for a in items
        ]
        newest = times[items[0]["id"]]
        channel = {
            "title": outlet.name,
            "link": base + outlet.listing_path(1),
            "description": outlet.name,
            "language": outlet.language,
            "self": base + outlet.feed_path,
        }
        render: Callable[..., bytes] = render_atom if outlet.feed == "atom" else render_rss
        pages[outlet.feed_path] = Page(
            render(channel, feed_items, encoding=outlet.encoding),
            feed_content_type(outlet.feed, outlet.encoding),
            newest,
        )
        pages[outlet.sitemap_path] = Page(
            render_news_sitemap(outlet.name, feed_items), "application/xml; charset=utf-8", newest
        )
        sitemaps.append(outlet.sitemap_path)
        count = max(1, math.ceil(len(items) / LISTING_SIZE))
        for number in range(1, count + 1):
            chunk = items[(number - 1) * LISTING_SIZE : number * LISTING_SIZE]
            nav = (
                f'<link rel="next" href="{base}{outlet.listing_path(number + 1)}">'
                if number < count
                else ""
            )
            older = (
                f'<a class="older" href="{base}{outlet.listing_path(number + 1)}">Older</a>'
                if number < count
                else ""
            )
            listing = (
                f'<!DOCTYPE html>\n<html lang="{outlet.language}"><head><meta charset="{outlet.encoding}">'
                f"<title>{escape(outlet.name)}</title>{nav}{chrome.head_tail}<body>{chrome.header}"
                f'<main class="listing">{"".join(_teaser(a, urls[a["id"]]) for a in chunk)}{older}</main>'
                f"{chrome.footer}</body></html>\n"
            )
            pages[outlet.listing_path(number)] = Page(
                encode(listing, outlet.encoding), html_type, times[chunk[0]["id"]]
            )
    newest_all = max((p.last_modified for p in pages.values()), default=START)
    pages["/robots.txt"] = Page(
        render_robots(base, sitemaps), "text/plain; charset=utf-8", newest_all
    )
    return pages


def web_sources(base_url: str) -> list[dict[str, Any]]:
    """Source config entries for the ten generated feeds."""
    base = base_url.rstrip("/")
    return [
        {
            "name": o.id,
            "kind": "feed",
            "url": base + o.feed_path,
            "schedule": "*/30 * * * *",
            "language": o.language,
        }
        for o in OUTLETS
    ]


def write_web(pages: dict[str, Page], out: Path) -> None:
    """Write pages as static files (for `python -m http.server` or NewsWebServer(directory=...))."""
    for path, page in pages.items():
        target = out / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.body)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=2000, help="number of article pages")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--serve", action="store_true", help="serve on 127.0.0.1 until Ctrl-C")
    parser.add_argument(
        "--port", type=int, default=0, help="port for --serve (default: a free one)"
    )
    parser.add_argument(
        "--no-validators", action="store_true", help="serve without ETag/Last-Modified"
    )
    parser.add_argument("--out", type=Path, help="write the files into this directory")
    parser.add_argument("--base", default="http://127.0.0.1:8765", help="base URL for --out")
    args = parser.parse_args(argv)
    if not args.serve and args.out is None:
        parser.error("give --serve and/or --out")

    server = None
    base = args.base
    if args.serve:
        validators = not args.no_validators
        server = NewsWebServer(port=args.port, etag=validators, last_modified=validators)
        base = server.base_url
    started = time.perf_counter()
    pages = generate_web(args.n, base, args.seed)
    elapsed = time.perf_counter() - started
    total = sum(len(p.body) for p in pages.values())
    print(
        f"generated {len(pages)} resources ({args.n} articles) in {elapsed:.2f}s, "
        f"{total / 1e6:.1f} MB",
        flush=True,
    )
    if args.out is not None:
        write_web(pages, args.out)
        print(f"wrote {args.out} (serve it at {args.base})", flush=True)
    for source in web_sources(base):
        print(source["url"], flush=True)
    if server is not None:
        server.set_pages(pages)
        server.start()
        print(f"serving {base} - Ctrl-C to stop", flush=True)
        stopped = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stopped.set())
        try:
            while not stopped.wait(1.0):
                pass
        except KeyboardInterrupt:
            pass
        finally:
            server.stop()
            print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
