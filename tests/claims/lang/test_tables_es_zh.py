"""The Spanish and Chinese tables: cues on newspaper sentences, numbers, months."""

from __future__ import annotations

import re

import pytest

from claims.lang import CUES, Language, compile_terms, language
from claims.lang.units import is_concept

# (cue, sentence, a text the cue must find in it)
FINDS: dict[str, list[tuple[str, str, str]]] = {
    "es": [
        ("negation", "La empresa no ha fijado una fecha para la apertura.", "no"),
        ("negation", "El acuerdo se firmó sin la participación del Gobierno.", "sin"),
        ("not_yet", "La planta todavía no ha comenzado a producir baterías.", "todavía no"),
        ("not_yet", "El contrato sigue sin firmarse tres meses después.", "sigue sin"),
        ("plan", "Tesla comenzará la producción en Berlín en 2026.", "comenzará"),
        ("plan", "La compañía tiene previsto abrir la fábrica en junio.", "tiene previsto"),
        ("plan", "El grupo va a invertir 2.000 millones de euros.", "va a"),
        ("conditional", "El proyecto podría costar el doble de lo previsto.", "podría"),
        ("hedge", "El chip es, supuestamente, el más rápido del mercado.", "supuestamente"),
        ("retrospective", "La línea estaba prevista para 2024, pero no llegó.", "estaba prevista"),
        ("delay", "El lanzamiento se ha retrasado de nuevo hasta 2026.", "retrasado"),
        ("delay", "La misión fue aplazada otra vez por el mal tiempo.", "aplazada"),
        ("delay", "La apertura ha sido pospuesta hasta el próximo año.", "pospuesta"),
        ("on_time", "Las obras avanzan según lo previsto, dijo el alcalde.", "según lo previsto"),
        ("first", "Las primeras unidades salieron de la fábrica el jueves.", "primeras"),
        ("source", "Según los analistas, a la planta le falta electricidad.", "analistas"),
        ("advanced", "TSMC adelanta la producción a 2027.", "adelanta"),
        ("done", "La producción comenzó en marzo en la nueva planta.", "comenzó"),
        ("done", "La empresa ha lanzado su nuevo modelo en Europa.", "ha lanzado"),
        ("done", "El cohete se lanzó el martes desde Florida.", "se lanzó"),
        ("cancelled", "El Gobierno canceló el proyecto en 2023.", "canceló"),
        ("cancelled", "La compañía abandonó sus planes de construir la planta.", "abandonó"),
        ("ended", "Las negociaciones terminaron sin acuerdo el viernes.", "terminaron"),
        ("continues", "Las conversaciones continúan esta semana en Bruselas.", "continúan"),
        ("continues", "El proyecto sigue adelante pese a las críticas.", "sigue adelante"),
        ("denial", "La compañía negó las informaciones publicadas por la prensa.", "negó"),
        ("denial", "El ministerio desmintió que el acuerdo estuviera roto.", "desmintió"),
        ("say", "El consejero delegado dijo que la fábrica abrirá en junio.", "dijo"),
        ("say", "Según la empresa, la planta empleará a 3.000 personas.", "según"),
        ("superlative", "Será el superordenador más potente del mundo.", "más potente del mundo"),
        ("superlative", "Es la mayor fábrica de baterías de Europa.", "la mayor"),
        ("comparative", "El nuevo modelo supera a su rival en autonomía.", "supera"),
        ("comparative", "El centro de datos es más grande que el de Microsoft.", "más grande que"),
        ("growth", "La empresa duplicó su capacidad de producción en un año.", "duplicó"),
        ("growth", "La plantilla aumentará hasta 5.000 trabajadores.", "aumentará hasta"),
        ("only", "Hasta ahora solo se han entregado 500 unidades.", "solo"),
        ("only", "La fábrica produjo apenas 2.000 coches.", "apenas"),
        ("running", "Solo 200 de los 1.000 servidores están en funcionamiento.", "funcionamiento"),
        ("equal", "Su rendimiento es comparable a los chips de Nvidia.", "comparable a"),
        ("negotiation", "Ambas partes mantienen negociaciones desde enero.", "negociaciones"),
        ("price", "El coche tendrá un precio de 25.000 euros.", "precio"),
    ],
    "zh": [
        ("negation", "该公司并未公布具体日期。", "并未"),
        ("negation", "該公司並未公佈具體日期。", "並未"),
        ("not_yet", "这座工厂至今尚未投产。", "尚未"),
        ("not_yet", "該工廠仍未投產。", "仍未"),
        ("plan", "公司计划明年在德国建厂。", "计划"),
        ("plan", "新車將於明年上市。", "將於"),
        ("conditional", "受供应链影响，项目可能推迟。", "可能"),
        ("hedge", "据报道，该芯片的性能提升了一倍。", "据报道"),
        ("retrospective", "该工厂原计划于去年投产。", "原计划"),
        ("delay", "发射再次推迟至明年三月。", "推迟"),
        ("delay", "新車型又一次跳票。", "跳票"),
        ("on_time", "项目如期完成，没有出现延误。", "如期"),
        ("on_time", "首批車輛已按計劃交付。", "按計劃"),
        ("first", "首批车辆上周交付给客户。", "首批"),
        ("source", "分析师认为，工厂电力不足。", "分析师"),
        ("advanced", "量产时程提前到2027年。", "提前到"),
        ("done", "工厂已于三月正式投产。", "已于"),
        ("done", "新款手机昨日在北京发布了。", "了"),
        ("cancelled", "公司取消了在美国建厂的计划。", "取消"),
        ("cancelled", "該計劃已被擱置。", "擱置"),
        ("ended", "双方的谈判破裂。", "破裂"),
        ("continues", "双方仍在就价格进行谈判。", "仍在"),
        ("denial", "公司否认了上述报道。", "否认"),
        ("denial", "官方辟谣称消息不实。", "辟谣"),
        ("say", "公司发言人表示，工厂将于年底投产。", "表示"),
        ("say", "該公司宣佈將裁員。", "宣佈"),
        ("superlative", "这是全球最大的超级计算机。", "全球最"),
        ("comparative", "新芯片的性能超过英伟达的产品。", "超过"),
        ("comparative", "新芯片比对手快两倍。", "比对手快"),
        ("growth", "公司计划将产能翻倍。", "翻倍"),
        ("growth", "产能将扩大到五十万辆。", "扩大到"),
        ("only", "目前仅有两千块GPU投入使用。", "仅有"),
        ("running", "目前仅有两千块GPU投入使用。", "投入使用"),
        ("equal", "新车的续航与对手不相上下。", "不相上下"),
        ("negotiation", "两家公司正在就合作进行磋商。", "磋商"),
        ("price", "新车售价为二十万元。", "售价"),
    ],
}

# (cue, sentence in which the cue must find nothing)
MISSES: dict[str, list[tuple[str, str]]] = {
    "es": [
        ("negation", "La noticia se conoció ayer en el sindicato."),
        ("not_yet", "La fábrica ya produce baterías desde marzo."),
        ("plan", "La fábrica produjo 500 coches en marzo, informó Irán."),
        ("delay", "El lanzamiento se produjo en la fecha prevista."),
        ("on_time", "El lanzamiento se retrasó hasta 2026."),
        ("done", "La compañía prevé abrir la planta en 2026."),
        ("cancelled", "El proyecto sigue adelante según lo previsto."),
        ("ended", "Las conversaciones continúan esta semana."),
        ("continues", "Las negociaciones se rompieron el lunes."),
        ("denial", "La empresa confirmó la información publicada por el diario."),
        ("say", "La planta producirá 300.000 vehículos al año."),
        ("superlative", "La planta producirá 300.000 vehículos al año."),
        ("comparative", "El centro de datos entró en funcionamiento en mayo."),
        ("growth", "La empresa recortó su plantilla a 500 empleados."),
        ("only", "La empresa contrató a 5.000 empleados en total."),
    ],
    "zh": [
        ("negation", "该公司已经开始量产。"),
        ("not_yet", "工厂已于三月投产。"),
        ("plan", "工厂已于三月投产。"),
        ("delay", "项目如期完成。"),
        ("on_time", "项目再次推迟至明年。"),
        ("done", "该公司计划明年在上海建厂。"),
        ("cancelled", "项目继续推进。"),
        ("ended", "双方仍在谈判。"),
        ("continues", "双方谈判破裂。"),
        ("denial", "公司证实了这一消息。"),
        ("say", "工厂每年生产三十万辆汽车。"),
        ("superlative", "工厂每年生产三十万辆汽车。"),
        ("comparative", "工厂每年生产三十万辆汽车，比例不变。"),
        ("growth", "公司将员工人数削减至五百人。"),
        ("only", "公司雇佣了五千名员工。"),
    ],
}

# (text, what words_to_digits makes of it)
NUMBERS: dict[str, list[tuple[str, str]]] = {
    "es": [
        ("veinticuatro mil empleos", "24000 empleos"),
        ("cien mil personas", "100000 personas"),
        ("unos tres millones de dólares", "unos 3000000 de dólares"),
        ("3 millones de euros", "3 millones de euros"),
        ("dos millardos de euros", "2 millardos de euros"),
        ("medio millón de coches", "500000 de coches"),
        ("veinte por ciento", "20 por ciento"),
        ("el tercer trimestre", "el tercer trimestre"),
        ("una empresa anunció un nuevo acuerdo", "una empresa anunció un nuevo acuerdo"),
    ],
    "zh": [
        ("十万块", "100000块"),
        ("两万四千块", "24000块"),
        ("兩萬四千塊", "24000塊"),
        ("三点五万辆", "3.5万辆"),
        ("百分之三十", "30%"),
        ("去年十一月", "去年11月"),
        ("二〇二四年", "2024年"),
        ("四川的三星工厂", "四川的三星工厂"),
        ("第三季度统一发布", "第三季度统一发布"),
        ("十分重要，千万不要", "十分重要，千万不要"),
        ("两三家", "两三家"),
        ("十多万辆", "100000多辆"),
        ("10多万辆", "10万多辆"),
    ],
}


def table(code: str) -> Language:
    found = language(code)
    assert found.code == code
    return found


def found_texts(lang: Language, cue: str, sentence: str) -> list[str]:
    return [sentence[a:b] for a, b in lang.cue(cue).find(sentence)]


@pytest.mark.parametrize(("code", "cue", "sentence", "expected"), [(c, *case) for c, cases in FINDS.items() for case in cases])
def test_cue_finds(code: str, cue: str, sentence: str, expected: str) -> None:
    texts = found_texts(table(code), cue, sentence)
    assert any(expected.lower() in t.lower() for t in texts), texts


@pytest.mark.parametrize(("code", "cue", "sentence"), [(c, *case) for c, cases in MISSES.items() for case in cases])
def test_cue_misses(code: str, cue: str, sentence: str) -> None:
    assert found_texts(table(code), cue, sentence) == []


@pytest.mark.parametrize("code", ["es", "zh"])
def test_every_cue_is_filled_and_the_core_ones_are_tested(code: str) -> None:
    lang = table(code)
    assert set(lang.cues) == set(CUES)
    assert all(lang.cues[name] for name in CUES)
    tested = {cue for cue, _, _ in FINDS[code]} & {cue for cue, _ in MISSES[code]}
    core = {"negation", "not_yet", "plan", "delay", "on_time", "done", "cancelled", "ended", "continues", "denial", "say", "superlative", "comparative", "growth", "only"}
    assert core <= tested


@pytest.mark.parametrize("code", ["es", "zh"])
def test_tables_compile(code: str) -> None:
    lang = table(code)
    cues = lang.compiled_cues
    assert set(cues) == set(CUES)
    assert all(isinstance(c.regex, re.Pattern) for c in cues.values())
    assert lang.clause_regex.pattern and lang.pronoun_regex.pattern
    re.compile(lang.sentence_end)
    assert all(is_concept(concept) and factor > 0 for concept, factor in lang.units.values())
    assert language(f"{code}-{'ES' if code == 'es' else 'TW'}") is lang


@pytest.mark.parametrize(("code", "text", "expected"), [(c, *case) for c, cases in NUMBERS.items() for case in cases])
def test_words_to_digits(code: str, text: str, expected: str) -> None:
    convert = table(code).words_to_digits
    assert convert is not None
    assert convert(text) == expected


@pytest.mark.parametrize("text", ["", "万", "零零零点", "十万万万亿", "点五", "一一一一", "億萬兩點"])
def test_zh_words_to_digits_never_raises(text: str) -> None:
    convert = table("zh").words_to_digits
    assert convert is not None
    assert isinstance(convert(text), str)


def test_spanish_months_and_scales() -> None:
    es = table("es")
    assert es.months["agosto"] == 8
    assert es.months["sept"] == 9
    assert es.months["setiembre"] == 9
    assert es.months["enero"] == 1 and es.months["dic"] == 12
    assert es.decimal == "," and "." in es.group
    assert es.scales["mil millones"] == 1e9 and es.scales["billones"] == 1e12


def test_chinese_dates_use_the_year_suffix() -> None:
    zh = table("zh")
    assert zh.cjk and zh.months == {} and zh.year_suffix == "年"
    assert zh.quarters["第三季度"] == 3 and zh.halves["下半年"] == 2
    assert zh.period_words["年底"] == "end" and zh.period_words["上旬"] == "start"
    assert zh.date_words["去年"] == ("year", -1) and zh.date_words["下個月"] == ("month", 1)
    assert zh.scales["萬"] == 1e4 and zh.scales["億"] == 1e8


def _unit_concept(lang: Language, window: str) -> str | None:
    """The concept of the first unit word in ``window`` (as if right after a figure)."""
    m = compile_terms(tuple(lang.units), lang.cjk).search(window)
    if m is None:
        return None
    for term, (concept, _) in lang.units.items():
        if compile_terms((term,), lang.cjk).fullmatch(m.group()):
            return concept
    return None


@pytest.mark.parametrize(
    ("code", "window", "concept"),
    [
        ("zh", "名员工", "jobs"),
        ("zh", "名員工", "jobs"),
        ("zh", "名乘客", "people"),
        ("zh", "多辆汽车", "vehicles"),
        ("zh", "块GPU", "gpu"),
        ("zh", "个月后", "duration"),
        ("zh", "年内建成", "duration"),
        ("zh", "年底投产", None),  # "2025年底": a date, not 2025 years
        ("zh", "月底", None),  # "7月底": a date
        ("zh", "家台积电工厂", "plants"),  # 台 of 台积电 is not a unit
        ("es", "puestos de trabajo", "jobs"),
        ("es", "kilómetros", "distance"),
        ("es", "por ciento", "percent"),
        ("es", "tarjetas gráficas", "gpu"),
    ],
)
def test_unit_words(code: str, window: str, concept: str | None) -> None:
    assert _unit_concept(table(code), window) == concept
