"""Chinese, simplified and traditional: the table the claim rules read (see
claims/lang/__init__.py for each field).

Terms are written in simplified characters; :func:`_both` adds each one's traditional
spelling (a character map for the words of this table, not a general converter), and a
few Taiwan spellings are added by hand (計畫, 報導, 發佈, 宣佈, 臺幣).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from typing import TypeVar

import cn2an

from . import Language, register

_PAIRS = (
    "约約 将將 预預 计計 划劃 拟擬 会會 准準 备備 标標 据據 称稱 谓謂 声聲 迟遲 后後 时時 实實 现現 开開 启啟 动動 产產 发發 线線 业業 弃棄 搁擱 终終 罢罷 结結 谈談 继繼 续續 复復 "
    "认認 谣謠 驳駁 说說 绍紹 调調 诺諾 测測 强強 进進 创創 纪紀 录錄 过過 领領 胜勝 击擊 败敗 赢贏 输輸 给給 还還 当當 扩擴 仅僅 运運 转轉 电電 装裝 没沒 无無 并並 这這 个個 项項 该該 "
    "们們 岗崗 员員 辆輛 订訂 单單 户戶 厂廠 显顯 处處 块塊 张張 吨噸 钟鐘 万萬 亿億 两兩 点點 币幣 欧歐 韩韓 镑鎊 圆圓 经經 问問 题題 质質 怀懷 夸誇 虚虛 证證 协協 议議 达達 伙夥 关關 "
    "系係 价價 旧舊 数數 头頭 长長 车車 机機 应應 难難 传傳 闻聞 营營 级級 规規 门門 态態 队隊 与與 于於 样樣 际際 务務 签簽 换換 变變 为為 误誤 导導 确確 报報 誉譽 诩詡 购購 优優 费費 "
    "场場 对對 赶趕 弯彎 压壓 逊遜 筹籌 滞滯 缓緩 顺順 兑兌 举舉 货貨 飞飛 网網 着著 陆陸 销銷 废廢 摆擺 汤湯 冻凍 键鍵 马馬 决決 画畫 号號 断斷 欢歡 闭閉 维維 归歸 属屬 乌烏 纯純 "
    "诉訴 补補 释釋 虑慮 饼餅 脸臉 验驗 战戰 谱譜 较較 见見 绌絀 跃躍 飙飆 码碼 设設 区區 远遠 联聯 伦倫 独獨 军軍 顶頂 遥遙 驾駕 齐齊 驱驅 势勢 敌敵 讨討 论論 沟溝 触觸 评評 寻尋 "
    "争爭 来來 许許 写寫 话話 词詞 竞競 资資 暂暫 浅淺 扬揚 镳鑣 职職 颗顆 笔筆 间間 绝絕 从從 别別 屡屢 周週 业業 庆慶 阶階"
)
_TRAD = str.maketrans({p[0]: p[1] for p in _PAIRS.split()})
_V = TypeVar("_V")


def _both(*terms: str) -> tuple[str, ...]:
    """The terms and their traditional spellings, once each."""
    return tuple(dict.fromkeys(t for term in terms for t in (term, term.translate(_TRAD))))


def _both_map(table: Mapping[str, _V]) -> dict[str, _V]:
    return {k: v for key, v in table.items() for k in _both(key)}


# --- numbers written in characters -----------------------------------------------
# cn2an.transform alone rewrites names and idioms too (四川 -> 4川, 三星 -> 3星, 第一 ->
# 第1, 统一 -> 统1, 十分重要 -> 10分重要, 两三个 -> 23个). So only runs that read as a count
# are converted: a run of two characters or more with a 十/百/千/万/亿 in it, a run of
# three digits or more (二〇二四), or one digit before a classifier or unit; never after
# 第 (ordinals: 第三季度), 数/几 (数十万, several), nor a bare 七八/两三 (a range).
_RUN = re.compile(r"[零〇一二两兩三四五六七八九十百千万萬亿億]+(?:[点點][零〇一二三四五六七八九]+)?")
_DIGITS = set("零〇一二两兩三四五六七八九")
_MULT = set("十百千万萬亿億")
_COUNTERS = _both(
    "个", "家", "座", "辆", "台", "块", "张", "颗", "枚", "名", "位", "人", "万", "亿", "年", "月", "日", "天", "周", "星期", "小时", "分钟", "秒", "倍", "次", "款", "条",
    "项", "所", "间", "吨", "公里", "千米", "英里", "米", "兆瓦", "吉瓦", "千瓦", "元", "美元", "欧元", "日元", "美金", "港元", "份", "笔", "架", "部", "户", "套", "栋", "层",
    "亩", "平方", "公斤", "千克", "克", "%", "岁", "期", "艘", "片", "头", "只", "支", "种", "类", "多", "余", "成",
)
_SIMPLE = str.maketrans("萬億兩點", "万亿两点")
_MORE_SCALE = re.compile(r"([\d十百千])([多余餘])([万萬亿億])")  # 十多万 -> 十万多: scale, then "more"
_PERCENT = re.compile(r"百分之([零〇一二两兩三四五六七八九十百点點]+)")


def _number(run: str) -> str | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            plain = run.translate(_SIMPLE)
            value = cn2an.cn2an("一" + plain if plain[0] in "百千" else plain, "smart")  # 百万 = 一百万
    except Exception:  # cn2an raises on what is not a number: keep the characters
        return None
    return str(int(value)) if float(value).is_integer() else str(value)


_NOT_AFTER = ("第", "数", "數", "几", "幾", "每")  # an ordinal, "several", "every": no count


def _is_count(run: str, before: str, after: str) -> bool:
    """Whether a run of number characters is a count, not a word that holds one."""
    counted = after.startswith(_COUNTERS)
    if len(run) == 1:
        return (counted and run != "一") or (run == "一" and after.startswith("月") and before not in ("个", "個"))
    if any(c in _MULT for c in run):
        return any(c in _DIGITS for c in run) or counted  # 千万不要, 万一: no
    return len(run) >= 3  # 七八, 两三, 一一: a range or an idiom


def _run_value(run: str) -> str | None:
    """The digits of a count; a trailing 万/亿 the reader cannot take stays a word."""
    value = _number(run)
    if value is None and run[-1] in "万萬亿億":
        head = _number(run[:-1])  # 三点五万 -> 3.5万
        value = head + run[-1] if head else None
    return value


def words_to_digits(text: str) -> str:
    """Counts written in characters as digits ("两万四千块" -> "24000块"), the rest unchanged."""
    text = _MORE_SCALE.sub(r"\1\3\2", text)
    text = _PERCENT.sub(lambda m: f"{value}%" if (value := _number(m.group(1))) else m.group(), text)
    out: list[str] = []
    pos = 0
    for m in _RUN.finditer(text):
        run, start, end = m.group(), m.start(), m.end()
        lead = len(run) - len(run.lstrip("万萬亿億"))  # a count does not open with 万/亿
        run, start = run[lead:], start + lead
        if not run:
            continue
        before, after = text[start - 1 : start], text[end : end + 3]
        if before in _NOT_AFTER or after.startswith(("几", "幾")):
            continue
        value = _run_value(run) if _is_count(run, before, after) else None
        if value is not None:
            out += [text[pos:start], value]
            pos = end
    out.append(text[pos:])
    return "".join(out)


#: Words after a date that make it an upper bound ("2025年底前"): the schema has no field.
BY_AFTER = _both("之前", "以前", "前")

TABLE = register(
    Language(
        code="zh",
        name="Chinese",
        cjk=True,
        sentence_end=r"[。！？!?]",
        decimal=".",
        group=(",",),
        scales=_both_map({"万": 1e4, "亿": 1e8, "千": 1e3, "百万": 1e6, "千万": 1e7, "百亿": 1e10, "千亿": 1e11, "万亿": 1e12}),
        words_to_digits=words_to_digits,
        approx=_both("约", "大约", "约为", "近", "将近", "接近", "大概", "差不多", "估计", "高达", "多达"),
        after_approx=_both("左右", "上下"),  # they follow the figure ("1000辆左右")
        more=_both("超过", "逾", "超", "至少", "不少于", "不低于", "多于"),
        less=_both("不到", "不足", "仅", "只有", "少于", "低于", "不超过", "最多", "至多", "仅有", "仅仅", "只"),
        after_more=_both("多", "余", "以上", "有余", "出头", "+"),
        after_less=_both("以下", "以内", "之内"),
        currencies={**_both_map({"美元": "USD", "美金": "USD", "欧元": "EUR", "元": "CNY", "人民币": "CNY", "日元": "JPY", "日圆": "JPY", "新台币": "TWD", "台币": "TWD", "新臺幣": "TWD", "臺幣": "TWD", "港元": "HKD", "港币": "HKD", "英镑": "GBP", "韩元": "KRW"}), "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "rmb": "CNY", "¥": "CNY", "￥": "CNY", "nt$": "TWD", "hk$": "HKD", "£": "GBP"},
        # Months are written with digits ("7月", "2025年7月"), which the figures already
        # read; month names (一月, 七月) become "1月"/"7月" through words_to_digits.
        months={},
        year_suffix="年",
        date_words=_both_map({"今天": ("day", 0), "今日": ("day", 0), "昨天": ("day", -1), "昨日": ("day", -1), "明天": ("day", 1), "明日": ("day", 1), "本周": ("week", 0), "这周": ("week", 0), "上周": ("week", -1), "下周": ("week", 1), "本月": ("month", 0), "这个月": ("month", 0), "上个月": ("month", -1), "上月": ("month", -1), "下个月": ("month", 1), "下月": ("month", 1), "次月": ("month", 1), "今年": ("year", 0), "去年": ("year", -1), "前年": ("year", -2), "明年": ("year", 1), "后年": ("year", 2), "次年": ("year", 1), "翌年": ("year", 1), "隔年": ("year", 1)}),
        # These follow the date they qualify ("7月底", "2025年初").
        period_words=_both_map({"月底": "end", "年底": "end", "底": "end", "末": "end", "年末": "end", "月末": "end", "下旬": "end", "晚些时候": "end", "稍后": "end", "初": "start", "年初": "start", "月初": "start", "上旬": "start", "早些时候": "start", "中旬": "mid", "年中": "mid", "月中": "mid"}),
        halves=_both_map({"上半年": 1, "下半年": 2, "前半年": 1, "后半年": 2, "h1": 1, "h2": 2}),
        quarters=_both_map({"第一季度": 1, "第二季度": 2, "第三季度": 3, "第四季度": 4, "一季度": 1, "二季度": 2, "三季度": 3, "四季度": 4, "第一季": 1, "第二季": 2, "第三季": 3, "第四季": 4, "首季": 1, "第1季度": 1, "第2季度": 2, "第3季度": 3, "第4季度": 4, "1季度": 1, "2季度": 2, "3季度": 3, "4季度": 4, "q1": 1, "q2": 2, "q3": 3, "q4": 4}),
        # Bounds are read before the date (dates.py); 前/之前/以前 ("2025年底前") follow it,
        # so they are in BY_AFTER for a reader that looks after the date, not in by_words,
        # where they would turn any 目前/此前 in the 40 characters before a date into "by".
        not_before=_both("最早", "最早也要", "最快也要", "最快要", "不早于", "推迟至", "推迟到", "延期至", "延期到", "延后至", "延后到", "推至", "延至", "推延至", "推后至", "顺延至", "要到", "直到", "等到"),
        by_after=BY_AFTER,
        by_words=_both("截至", "截止", "最晚", "最迟", "最迟于", "最晚于", "不晚于"),
        # Bare 年/月/日 are not units: "2025年", "7月", "1日" are dates (a unit would stop
        # 2025 reading as a year); durations are 个月, 天, 周 and 年 in 年内/年后/年来.
        # One-character classifiers only count right after the figure (^): units are
        # looked for anywhere in the next ten characters, and 人/台/名 start many words.
        units=_both_map({
            "re:^[\\s多余餘]{0,2}天": ("duration", 1.0), "日内": ("duration", 1.0), "re:^[\\s多余餘]{0,2}周": ("duration", 7.0), "星期": ("duration", 7.0), "个星期": ("duration", 7.0), "个月": ("duration", 30.44),
            "re:^[\\s多余餘]{0,2}年(?:内|后|以后|来|间|时间|的时间|之内|以内)": ("duration", 365.25), "多年": ("duration", 365.25), "小时": ("duration", 1 / 24), "个小时": ("duration", 1 / 24),
            "英里": ("distance", 1.609344), "公里": ("distance", 1.0), "千米": ("distance", 1.0), "km": ("distance", 1.0),
            "公斤": ("mass", 1.0), "千克": ("mass", 1.0), "kg": ("mass", 1.0), "re:^[\\s多余餘]{0,2}吨": ("mass", 1000.0),
            "兆瓦": ("power", 1.0), "mw": ("power", 1.0), "吉瓦": ("power", 1000.0), "千兆瓦": ("power", 1000.0), "gw": ("power", 1000.0), "千瓦": ("power", 0.001), "万千瓦": ("power", 10.0),
            "%": ("percent", 1.0), "％": ("percent", 1.0), "百分点": ("percent", 1.0), "个百分点": ("percent", 1.0), "re:^[\\s多余餘]{0,2}成": ("percent", 10.0),
            "gpu": ("gpu", 1.0), "块gpu": ("gpu", 1.0), "芯片": ("gpu", 1.0), "颗芯片": ("gpu", 1.0), "显卡": ("gpu", 1.0), "加速卡": ("gpu", 1.0), "处理器": ("gpu", 1.0), "re:^[\\s多余餘]{0,2}块": ("gpu", 1.0), "re:^[\\s多余餘]{0,2}张": ("gpu", 1.0), "re:^[\\s多余餘]{0,2}颗": ("gpu", 1.0),
            "个工作岗位": ("jobs", 1.0), "工作岗位": ("jobs", 1.0), "就业岗位": ("jobs", 1.0), "个就业岗位": ("jobs", 1.0), "岗位": ("jobs", 1.0), "个岗位": ("jobs", 1.0), "职位": ("jobs", 1.0), "工人": ("jobs", 1.0), "名工人": ("jobs", 1.0), "员工": ("jobs", 1.0), "名员工": ("jobs", 1.0),
            "re:^[\\s多余餘]{0,2}人": ("people", 1.0), "re:^[\\s多余餘]{0,2}名(?![\\u5458\\u54e1工用客乘])": ("people", 1.0), "名乘客": ("people", 1.0), "居民": ("people", 1.0),
            "re:^[\\s多余餘]{0,2}辆": ("vehicles", 1.0), "re:^[\\s多余餘]{0,2}台": ("vehicles", 1.0), "辆车": ("vehicles", 1.0), "辆汽车": ("vehicles", 1.0), "辆电动车": ("vehicles", 1.0),
            "订单": ("orders", 1.0), "份订单": ("orders", 1.0), "笔订单": ("orders", 1.0), "个订单": ("orders", 1.0), "预订": ("orders", 1.0), "预定": ("orders", 1.0), "预购": ("orders", 1.0),
            "re:^[\\s多余餘]{0,2}户": ("homes", 1.0), "户家庭": ("homes", 1.0), "家庭": ("homes", 1.0), "re:^[\\s多余餘]{0,2}套": ("homes", 1.0),
            "工厂": ("plants", 1.0), "座工厂": ("plants", 1.0), "家工厂": ("plants", 1.0), "re:^[\\s多余餘]{0,2}座": ("plants", 1.0), "晶圆厂": ("plants", 1.0), "座晶圆厂": ("plants", 1.0),
            "客户": ("customers", 1.0), "名客户": ("customers", 1.0), "位客户": ("customers", 1.0), "个客户": ("customers", 1.0), "用户": ("customers", 1.0), "名用户": ("customers", 1.0), "订户": ("customers", 1.0),
        }),
        pronouns=_both("该公司", "该项目", "该集团", "该厂商", "这家公司", "这家企业", "此", "其", "它", "它们", "该"),
        clause_words=_both("但", "但是", "不过", "然而", "而", "虽然", "尽管", "因为", "由于", "之后", "随后", "同时", "此外"),
        cues={
            "negation": _both("不", "没", "没有", "未", "并未", "并非", "不再", "无", "非", "别", "勿", "绝非", "从未", "从不", "而非", "而不是", "并没有", "毫无"),
            "not_yet": _both("尚未", "还没有", "还没", "还未", "仍未", "仍没有", "迟迟未", "迄今未", "至今未", "至今尚未", "尚无", "有待", "仍待", "暂未", "未能", "仍在等待"),
            "plan": (*_both("将", "将会", "将于", "将在", "将要", "即将", "会在", "会于", "计划", "计画", "预计", "预期", "预定", "定于", "拟", "拟于", "拟将", "打算", "有望", "准备", "筹备", "筹建", "目标", "有意", "寻求", "力争", "争取", "期望", "希望", "规划", "预估", "未来", "日后", "承诺将"), "計畫"),
            "conditional": _both("可能", "或将", "或会", "或可", "如果", "若", "假如", "倘若", "一旦", "要是", "除非", "或许", "也许", "说不定", "的话"),
            "hedge": (*_both("据称", "据报道", "据报", "号称", "声称", "所谓", "宣称", "据悉", "据传", "据说", "传闻", "传出", "传言", "消息人士", "知情人士", "据了解", "被称为", "被誉为", "自称", "自诩", "标榜", "堪称", "外媒报道", "有消息称", "爆料"), "據報導", "外媒報導"),
            "retrospective": _both("原计划", "原定", "原本", "原先", "原来", "本应", "本该", "原预计", "最初计划", "起初", "最初", "曾计划", "曾承诺", "原本计划", "按原计划", "原订", "此前计划", "此前预计", "曾预计", "曾表示将"),
            "delay": _both("推迟", "延期", "延迟", "延后", "跳票", "延宕", "拖延", "推延", "推后", "晚于预期", "落后于计划", "滞后", "受阻", "停滞", "延缓", "暂缓", "改期", "顺延", "押后", "最早", "不早于", "再延", "又延", "一拖再拖", "延误"),
            "advanced": ("提前", "提早", "加快", "加速", "早于预期", "早於預期", "比原计划早", "比原計劃早", "提前到", "提前至"),
            "on_time": _both("如期", "按时", "按计划", "按原计划", "准时", "按期", "如约", "如期完成", "如期交付", "如期举行", "按进度", "按时间表", "提前完成", "提前", "兑现承诺", "兑现", "进展顺利", "符合预期", "按预期", "准点", "守时", "没有延误", "未延误"),
            "first": ("首批", "首辆", "首台", "首次", "首个", "第一批", "第一辆", "首架", "首飞", "首发", "首款"),
            "done": (*_both("了", "已", "已经", "已于", "目前已", "如今已", "完成", "建成", "落成", "竣工", "下线", "出厂", "升空", "着陆", "对接", "启用", "投用", "投运", "并网", "到位", "交车", "交货", "送达"), "發佈"),
            "cancelled": _both("取消", "放弃", "叫停", "搁置", "终止", "告吹", "流产", "作罢", "撤销", "撤回", "废除", "废止", "暂停", "中止", "停摆", "搁浅", "喊停", "砍掉", "不了了之", "胎死腹中", "泡汤", "落空", "冻结", "按下暂停键", "无限期", "停建", "停工", "不再推进", "下马"),
            "replaced": _both("取而代之", "改为", "转为", "变为", "变成", "替代", "取代", "代替", "换成", "改成", "转而", "改由", "被替换", "改用", "转型为"),
            "ended": _both("结束", "终止", "破裂", "中止", "谈崩", "停止", "告终", "落幕", "终结", "收场", "解除", "退出", "撤出", "分道扬镳", "决裂", "散伙", "画上句号", "解约", "告吹", "破局", "中断", "不欢而散", "关闭", "关停"),
            "continues": _both("继续", "仍在", "仍然", "仍将", "仍", "依然", "依旧", "还在", "持续", "延续", "维持", "保持", "恢复", "重启", "重新启动", "照常", "照旧", "如常", "不断", "一直", "始终", "推进", "进行中", "正在进行", "重回", "回归", "仍处于"),
            "denial": _both("否认", "辟谣", "不实", "驳斥", "澄清", "否定", "纯属谣言", "谣言", "子虚乌有", "并不属实", "不属实", "失实", "假消息", "虚假", "毫无根据", "无中生有", "反驳"),
            "source": ("分析师", "分析人士", "专家", "工程师", "消息人士", "知情人士", "业内人士", "官员", "研究人员", "报告", "文件", "供应商", "监管机构", "观察人士", "批评者", "经济学家", "数据", "分析師", "專家", "知情人士", "業內人士"),
            "say": (*_both("声明", "公告", "宣传", "吹嘘", "鼓吹", "表示", "称", "说", "宣布", "透露", "指出", "据", "根据", "介绍", "强调", "承诺", "预测", "声明", "发文", "写道", "坦言", "直言", "认为", "证实", "确认", "回应", "告诉", "援引", "报道", "公告", "披露", "提到", "补充", "解释", "重申", "坦承", "预言", "放话", "喊话", "对 ... 表示"), "宣佈", "報導"),
            "doubt": _both("质疑", "怀疑", "存疑", "疑问", "疑虑", "夸大", "夸大其词", "言过其实", "水分", "注水", "虚标", "炒作", "噱头", "画饼", "打脸", "误导", "无法证实", "无法核实", "未经证实", "未经核实", "难以置信", "打问号", "并非最", "不再是", "争议", "有待验证", "持保留态度", "不靠谱", "吹牛", "忽悠"),
            "comparison": _both("比", "相比", "相较", "相较于", "与 ... 相比", "和 ... 相比", "同 ... 相比", "对比", "相比之下", "比较", "比起", "竞争对手", "对手", "相形见绌", "同比", "vs"),
            "growth": _both("翻倍", "翻番", "翻了一番", "翻两番", "扩大到", "扩大至", "扩至", "扩建", "扩容", "扩充", "扩张", "扩展到", "扩产", "增至", "增到", "增为", "提高到", "提高至", "增加到", "增加至", "增长到", "增长至", "提升至", "提升到", "升级到", "升级至", "达到", "攀升至", "跃升至", "飙升至", "上调至", "上调到", "增资", "加码", "增设", "新增", "追加"),
            "only": _both("仅", "只", "只有", "不到", "不足", "仅有", "仅仅", "只是", "区区", "少于", "低于", "不超过", "至多", "一小部分", "三分之一", "一半", "远低于", "远不及", "不及", "未达"),
            "running": _both("运行", "运转", "投入使用", "上线", "通电", "安装", "部署", "实际", "运营", "在线", "启用", "投用", "投运", "在用", "服役", "真正", "接入", "联网", "开机", "可用", "并网"),
            "superlative": _both("最", "最强", "最大", "最快", "最先进", "最高", "最佳", "最领先", "全球最", "世界最", "史上最", "有史以来最", "第一", "世界第一", "全球第一", "排名第一", "头号", "首屈一指", "无与伦比", "独一无二", "创纪录", "纪录", "创新高", "冠军", "榜首", "登顶", "碾压"),
            "comparative": (*_both("超过", "超越", "超出", "领先", "遥遥领先", "胜过", "击败", "打败", "跑赢", "输给", "不及", "不如", "赶超", "反超", "超车", "甩开", "落后于", "逊于", "优于", "强于", "高于", "大于", "快于", "多于", "压过", "力压", "碾压", "略胜一筹", "更胜一筹"), "re:比(?![例如赛賽较較重率特亚亞])[^。，,；;！？!?]{1,12}?(?:更|还|還)?(?:大|强|強|快|多|高)"),
            "equal": _both("相当", "相当于", "不相上下", "媲美", "比肩", "持平", "等同于", "相同", "一样", "同等", "旗鼓相当", "平起平坐", "并驾齐驱", "势均力敌", "打平", "匹敌", "相若", "相仿"),
            "negotiation": _both("谈判", "磋商", "协商", "洽谈", "商谈", "会谈", "接近达成", "即将达成", "有望达成", "讨论", "探讨", "商讨", "沟通", "接触", "正在谈", "评估", "考虑", "意向", "初步协议", "框架协议", "备忘录"),
            "new_arrangement": _both("新协议", "新合作", "新合约", "新合同", "新的合作", "新安排", "新关系", "新型关系", "新的协议", "现提供", "托管"),
            "price": _both("价格", "售价", "定价", "报价", "价位", "起售价", "起价", "起步价", "元起", "标价", "指导价", "官方指导价", "建议零售价", "零售价", "花费", "成本", "费用", "要价", "优惠价", "到手价"),
            "previous": (*_both("此前", "先前", "之前", "以前", "曾", "曾经", "原本", "原先", "最初", "起初", "当初", "当时", "早先", "早前", "原有", "旧", "前任", "过去", "昔日", "一度", "首次宣布", "首次公布", "原承诺", "早在"), "首次宣佈"),
        },
    )
)
