"""Generate annotated Chinese loan-clause text for the character-level NER model.

    python scripts/build_ner_data.py --seed 1 --n 60000 --split train --out data/ner/train.jsonl
    python scripts/build_ner_data.py --seed 2 --n 4000  --split test  --out data/ner/test.jsonl
    python scripts/build_ner_data.py --seed 3 --n 4000  --split seen  --out data/ner/test_seen.jsonl
    python scripts/build_ner_data.py --seed 17 --n 110000 --split train --context-aug 0.3 --extra-negatives \
        --stage3 --out data/ner/train_stage3.jsonl

``--stage3`` adds the STAGE3_FAMILIES (training families only) to the draw; without it every earlier data file is
reproduced byte for byte (scripts/train_ner_all.sh lists the commands).

Each line: ``{"text": ..., "entities": [[start, end, label], ...], "family": "interest.3"}``.

``--split train`` draws only from training template families; ``--split test`` only from the held-out families
(different phrasings of the same clause types, never seen in training); ``--split seen`` from the training families
with another seed.  Every example is checked against the real DEV clauses (``--dev``): one that shares a
20-character window (white space removed, NFKC-folded) with a DEV text is dropped, so no DEV text is trained on.

Label convention (character spans, end exclusive, no leading/trailing white space):

* rates (INTEREST_RATE, OVERDUE_RATE, and the rate forms of PENALTY and FEE) cover the rate expression with the
  period and rate words that belong to it: ``月利率1.5%``, ``年利率为7.025%``, ``日万分之五``, ``每日万分之五``,
  ``月息2分4厘``, ``14.4%／年``, ``每元每月1分``; relative rates cover their base: ``借款利率上浮50%``,
  ``本合同载明利率的1.5倍``.  A rate without a period (``利息2分``) is still labelled; the value parser leaves its
  period empty.  Penalty and fee spans include the base amount words (``借款本金的20%``, ``每日按逾期金额的万分之五``).
* OVERDUE_RATE vs INTEREST_RATE vs FEE vs PENALTY is decided by context: 逾期/罚息/复利 → OVERDUE_RATE, 违约金/滞纳金/
  提前还款补偿金 → PENALTY, 服务费/管理费/手续费/咨询费/担保费/垫资费 → FEE, else INTEREST_RATE.
* PRINCIPAL covers ``人民币`` / ``￥`` and the whole amount, a 大写 amount with its figure in brackets is one span
  (``人民币壹拾万元整（¥100,000.00）``); interest amounts, bills, deposits, guarantee maxima, costs are not labelled.
* TERM: a duration (``12个月``, ``一年``) or a date range (``自2023年5月1日起至2024年4月30日止``).
  REPAY_DATE: the repayment day or the due date (``每月20日``, ``2017年5月20日前``).  CONTRACT_DATE: the date the
  contract / IOU was signed or the loan made.  REPAY_METHOD: ``等额本息``, ``按月付息、到期还本`` …
* LENDER / BORROWER / GUARANTOR: the party's name only (not 甲方/原告).  JURISDICTION: the court or arbitration
  body (``出借人住所地人民法院``, ``杭州仲裁委员会``).  ADDRESS: a postal address.
* Negatives — statute quotations (4倍LPR, 24%/36%, 迟延履行期间的债务利息 日万分之一点七五), LPR / benchmark mentions,
  platform rate ranges, guarantee scopes listing 罚息/违约金, investor-side fees, FAQ examples, template
  placeholders (``${item.rate}``) — carry no entity.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

# The project's shared material (corpus, legal texts, real contracts) lives beside the checkout.
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

# ============================================================================================ numbers

CN_DIG = "零一二三四五六七八九"
DX_DIG = "零壹贰叁肆伍陆柒捌玖"


def cn_int(n: int, daxie: bool = False) -> str:
    """Chinese numeral for 0 <= n < 10^12 (一百零五, 二十, 壹拾万)."""
    digs = DX_DIG if daxie else CN_DIG
    units = ("拾", "佰", "仟") if daxie else ("十", "百", "千")
    big = ("", "万", "亿")
    if n == 0:
        return digs[0]

    def four(x: int) -> str:
        s, zero = "", False
        for i, u in ((3, units[2]), (2, units[1]), (1, units[0]), (0, "")):
            d = x // 10**i % 10
            if d:
                if zero and s:
                    s += digs[0]
                s += digs[d] + u
                zero = False
            else:
                zero = True
        return s

    parts, k = [], 0
    while n:
        parts.append((n % 10000, k))
        n //= 10000
        k += 1
    s = ""
    prev_small = False
    for x, k in reversed(parts):
        if x == 0:
            prev_small = True
            continue
        if s and (prev_small or x < 1000):
            s += digs[0]
        s += four(x) + big[k]
        prev_small = False
    if not daxie and s.startswith("一十"):
        s = s[1:]
    return s


def cn_digits(s: str) -> str:
    """二〇二三 style: digit by digit."""
    return "".join("〇一二三四五六七八九"[int(c)] if c.isdigit() else c for c in s)


def daxie_amount(amount: float, rng: random.Random) -> str:
    yuan = int(amount)
    jiao = round(amount * 10) % 10
    fen = round(amount * 100) % 10
    s = cn_int(yuan, daxie=True) + rng.choice(["元", "元", "圆"])
    if jiao or fen:
        if jiao:
            s += DX_DIG[jiao] + "角"
        elif fen:
            s += "零"
        if fen:
            s += DX_DIG[fen] + "分"
    else:
        s += rng.choice(["整", "整", "正", ""])
    return s


def fmt_num(x: float, rng: random.Random, *, money: bool = False) -> str:
    """A number as contracts write it: 50000, 50,000, 50，000.00, 1.5 …"""
    if float(x).is_integer():
        n = int(x)
        style = rng.random()
        if money and n >= 1000 and style < 0.3:
            s = f"{n:,}"
            if rng.random() < 0.3:
                s = s.replace(",", "，")
        else:
            s = str(n)
        if money and rng.random() < 0.3:
            s += ".00"
        return s
    s = f"{x:.6f}".rstrip("0").rstrip(".")
    return s


def pick_amount(rng: random.Random) -> float:
    r = rng.random()
    if r < 0.35:
        return float(
            rng.choice([1, 2, 3, 5, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 150, 200, 300, 500])
            * 10000
        )
    if r < 0.6:
        return float(rng.randint(1, 999) * 1000)
    if r < 0.8:
        return float(rng.randint(1000, 999999))
    if r < 0.9:
        return round(rng.uniform(1000, 9_999_999), 2)
    return float(rng.choice([100, 200, 300, 500, 1000, 2000, 3700, 5000, 16000, 150000]) * 10000)


def _pct(rng: random.Random, lo: float, hi: float, decimals=(0, 0, 1, 1, 2, 3)) -> str:
    d = rng.choice(decimals)
    v = round(rng.uniform(lo, hi), d)
    if d == 0:
        return str(int(v))
    return f"{v:.{d}f}".rstrip("0").rstrip(".") or "0"


# ============================================================================================ lexicons

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
    "崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔向汤靳敖俞焦卜牛蔺"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰玉萍红华建国文斌宇浩凯鹏飞鑫波雪梅琳晨欣怡子轩涵然俊峰志海燕"
    "丹慧颖佳嘉立新春生德祥福安宁永庆利民学忠成荣光辉发清东西南北云龙凤亮红卫兵玲晓小大长金银宝喜顺"
)
PROVINCES = [
    (
        "浙江省",
        ["杭州市", "温州市", "宁波市", "湖州市", "金华市", "义乌市"],
        ["西湖区", "上城区", "鹿城区", "萧山区", "德清县", "鄞州区"],
    ),
    (
        "广东省",
        ["广州市", "深圳市", "韶关市", "佛山市", "东莞市", "江门市"],
        ["天河区", "南山区", "浈江区", "禅城区", "莞城区", "恩平市"],
    ),
    (
        "江苏省",
        ["南京市", "苏州市", "扬州市", "南通市", "无锡市"],
        ["鼓楼区", "姑苏区", "江都区", "崇川区", "滨湖区"],
    ),
    ("河南省", ["郑州市", "新乡市", "开封市", "洛阳市"], ["金水区", "辉县市", "兰考县", "涧西区"]),
    ("辽宁省", ["沈阳市", "大连市", "鞍山市"], ["和平区", "庄河市", "新民市", "金州区"]),
    ("福建省", ["福州市", "泉州市", "漳州市", "厦门市"], ["鼓楼区", "鲤城区", "芗城区", "思明区", "漳浦县"]),
    ("山西省", ["太原市", "大同市"], ["小店区", "迎泽区"]),
    ("湖南省", ["长沙市", "邵阳市"], ["长沙县", "洞口县", "岳麓区"]),
    ("河北省", ["石家庄市", "保定市"], ["井陉县", "长安区"]),
    ("四川省", ["成都市", "绵阳市"], ["武侯区", "锦江区", "涪城区"]),
    ("湖北省", ["武汉市", "宜昌市"], ["江岸区", "洪山区", "西陵区"]),
    ("安徽省", ["合肥市", "宣城市"], ["蜀山区", "宣州区"]),
    ("内蒙古自治区", ["赤峰市", "包头市"], ["元宝山区", "红山区", "昆都仑区"]),
    ("广西壮族自治区", ["南宁市", "贵港市", "钦州市"], ["青秀区", "港北区", "浦北县"]),
    (
        "",
        ["上海市", "北京市", "天津市", "重庆市"],
        ["浦东新区", "朝阳区", "北辰区", "渝中区", "海淀区", "徐汇区"],
    ),
]
ROADS = [
    "人民路",
    "解放路",
    "中山路",
    "建设路",
    "文化路",
    "丁香路",
    "南京东路",
    "顺畅路",
    "和平大街",
    "新华街",
    "东风路",
    "滨江大道",
    "体育路",
    "工农路",
    "长江路",
]
TRADE_NAMES = [
    "星创",
    "华瑞",
    "鼎缘",
    "宏雨",
    "献荣",
    "劲奇",
    "双迪",
    "美味",
    "汇能",
    "天宇",
    "荔美",
    "大江",
    "舒美",
    "常胜",
    "豫昌",
    "龙泉",
    "新诚",
    "润普",
    "立志",
    "创业",
    "聚宝",
    "民华",
    "德华",
    "通通",
    "信达",
    "金沙",
    "恒通",
    "万达",
    "永安",
    "兴隆",
    "顺发",
    "宏达",
    "远航",
    "盛世",
    "博远",
]
INDUSTRIES = [
    "鞋业",
    "贸易",
    "科技",
    "建筑劳务",
    "食用菌",
    "进出口",
    "管业",
    "机械",
    "纸业",
    "饲料",
    "电气制造",
    "投资咨询",
    "网络科技",
    "金融信息服务",
    "商务咨询",
    "家具",
    "化工材料",
    "房地产开发",
    "物流",
    "餐饮管理",
    "汽车销售",
]
COMPANY_SUFFIX = ["有限公司", "有限公司", "有限责任公司", "股份有限公司"]
BANKS = [
    "中国工商银行股份有限公司{city}{dist}支行",
    "中国农业银行股份有限公司{city}分行",
    "中国建设银行股份有限公司{city}{dist}支行",
    "中国银行股份有限公司{city}分行",
    "交通银行股份有限公司{city}分行",
    "兴业银行股份有限公司{city}分行",
    "平安银行股份有限公司{city}分行",
    "{city}农村商业银行股份有限公司",
    "{dist}农村信用合作联社",
    "{dist}农村信用合作社",
    "{city}{trade}小额贷款有限公司",
    "中国{amc}资产管理股份有限公司{city}分公司",
    "中国{amc}资产管理公司{city}办事处",
    "国家开发银行股份有限公司",
]
AMCS = ["华融", "信达", "东方", "长城"]


def _place(rng):
    prov, cities, dists = rng.choice(PROVINCES)
    return prov, rng.choice(cities), rng.choice(dists)


def person(rng: random.Random) -> str:
    s = rng.choice(SURNAMES)
    r = rng.random()
    if r < 0.3:
        return s + "某" + str(rng.randint(1, 3))
    if r < 0.38:
        return s + rng.choice(["某某", "某", "××", "**", "xx"])
    return s + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))


def company(rng: random.Random) -> str:
    _, city, dist = _place(rng)
    loc = rng.choice([city, dist, city + dist, ""])
    return loc + rng.choice(TRADE_NAMES) + rng.choice(INDUSTRIES) + rng.choice(COMPANY_SUFFIX)


def bank(rng: random.Random) -> str:
    _, city, dist = _place(rng)
    return rng.choice(BANKS).format(
        city=city.rstrip("市"), dist=dist, trade=rng.choice(TRADE_NAMES), amc=rng.choice(AMCS)
    )


def party(rng: random.Random, kind: str = "any") -> str:
    if kind == "any":
        kind = rng.choice(["person", "person", "person", "company", "bank"])
    return {"person": person, "company": company, "bank": bank}[kind](rng)


def address(rng: random.Random) -> str:
    prov, city, dist = _place(rng)
    s = rng.choice([prov, ""]) + city + dist + rng.choice(ROADS) + f"{rng.randint(1, 2999)}号"
    if rng.random() < 0.4:
        s += f"{rng.randint(1, 30)}幢{rng.randint(1, 3)}单元{rng.randint(101, 2808)}室"
    elif rng.random() < 0.3:
        s += rng.choice(["", "门"]) + f"{rng.randint(101, 2808)}号"
    return s


def court(rng: random.Random) -> str:
    _, city, dist = _place(rng)
    r = rng.random()
    if r < 0.5:
        return city + dist + "人民法院"
    if r < 0.7:
        return city + rng.choice(["中级人民法院", "人民法院"])
    if r < 0.85:
        return city + "仲裁委员会"
    return dist + "人民法院"


# ============================================================================================ dates


def pick_date(rng: random.Random) -> tuple[int, int, int]:
    y = rng.randint(1988, 2026)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    return y, m, d


def fmt_date(ymd, rng: random.Random, style: str | None = None) -> str:
    y, m, d = ymd
    style = (
        style
        or rng.choices(
            ["cn", "cn0", "dot", "dash", "slash", "hanzi", "cnshort"], weights=[60, 8, 8, 6, 4, 8, 2]
        )[0]
    )
    if style == "cn":
        return f"{y}年{m}月{d}日"
    if style == "cn0":
        return f"{y}年{m:02d}月{d:02d}日"
    if style == "dot":
        return f"{y}.{m}.{d}"
    if style == "dash":
        return f"{y}-{m:02d}-{d:02d}"
    if style == "slash":
        return f"{y}/{m}/{d}"
    if style == "hanzi":
        return cn_digits(str(y)) + "年" + cn_int(m) + "月" + cn_int(d) + "日"
    return f"{y}年{m}月{d}号"


def date_after(ymd, months: int) -> tuple[int, int, int]:
    y, m, d = ymd
    m += months
    y += (m - 1) // 12
    m = (m - 1) % 12 + 1
    return y, m, d


# ============================================================================================ value expressions


def rate_expr(rng: random.Random, use: str = "interest") -> str:
    """A rate expression (the entity text) for a loan-period or overdue rate."""
    r = rng.random()
    cn = rng.random() < 0.1  # Chinese numerals for simple values
    if r < 0.33:  # yearly
        v = _pct(rng, 3, 36) if use != "overdue" else _pct(rng, 4, 54)
        forms = [
            "年利率{v}%",
            "年利率为{v}%",
            "年利率{v}％",
            "年化利率{v}%",
            "年化{v}%",
            "年息{v}%",
            "年利{v}%",
            "{v}%/年",
            "{v}%／年",
            "{v}%年",
            "年{v}%",
            "年利率按{v}%",
            "固定年利率{v}%",
            "年利率是{v}%",
            "{v}%年利率",
            "年化利率为{v}%",
        ]
        if cn and float(v).is_integer() and int(float(v)) <= 99:
            return rng.choice(["年利率百分之{c}", "年息百分之{c}"]).format(c=cn_int(int(float(v))))
        if rng.random() < 0.06:
            return rng.choice(["年利{n}分", "年息{n}分"]).format(n=rng.choice(["1", "一", "1.2", "2"]))
        return rng.choice(forms).format(v=v)
    if r < 0.7:  # monthly
        k = rng.random()
        if k < 0.3:
            v = _pct(rng, 0.3, 5, decimals=(0, 1, 1, 2, 3))
            return rng.choice(
                [
                    "月利率{v}%",
                    "月利率为{v}%",
                    "月息{v}%",
                    "月利息{v}%",
                    "每月{v}%",
                    "月利{v}%",
                    "{v}%/月",
                    "月利率{v}％",
                    "月息为{v}%",
                    "月利率按{v}%",
                ]
            ).format(v=v)
        if k < 0.55:
            v = _pct(rng, 3, 30, decimals=(0, 1, 2, 2, 3, 4))
            return rng.choice(
                [
                    "月利率{v}‰",
                    "月息{v}‰",
                    "月{v}‰",
                    "月利率为{v}‰",
                    "月息为{v}‰",
                    "月利率千分之{v}",
                    "月千分之{v}",
                    "月息千分之{v}",
                    "月利率为千分之{v}",
                    "月利息{v}‰",
                ]
            ).format(v=v)
        # 分 / 厘 / 毛
        f = rng.choice([1, 1, 1.5, 2, 2, 2, 2.5, 3, 3, 4, 5])
        li = rng.choice([0, 0, 0, 2, 4, 5, 8])
        fi = int(f)
        if rng.random() < 0.5 and float(f).is_integer():
            fen = rng.choice([cn_int(fi), "俩" if fi == 2 else cn_int(fi), cn_int(fi, daxie=True)])
            li_s = rng.choice([cn_int(li), cn_int(li, daxie=True)]) if li else ""
        else:
            fen, li_s = fmt_num(f, rng), (str(li) if li else "")
        tail = f"{fen}分" + (f"{li_s}厘" if li_s else "")
        forms = [
            "月息{t}",
            "月利{t}",
            "月利率{t}",
            "月利息{t}",
            "每月{t}",
            "月息按{t}",
            "每元每月{t}",
            "利息每月按{t}",
        ]
        if li == 0 and fi in (1, 2) and rng.random() < 0.2:
            return rng.choice(["月息{a}分{b}", "月息{a}分{b}"]).format(a=cn_int(fi), b=rng.choice("五二八"))
        if rng.random() < 0.05:
            return rng.choice(["月息1毛", "月息一毛", "月息2毛"])
        return rng.choice(forms).format(t=tail)
    if r < 0.93:  # daily
        k = rng.random()
        if k < 0.45:
            w = rng.choice(
                [
                    "一",
                    "二",
                    "三",
                    "四",
                    "五",
                    "六",
                    "七",
                    "八",
                    "1.5",
                    "2.1",
                    "二点一",
                    "三",
                    "五",
                    "5",
                    "4",
                    "2",
                ]
            )
            return (
                rng.choice(
                    [
                        "日万分之{w}",
                        "日利率万分之{w}",
                        "每日万分之{w}",
                        "日息万分之{w}",
                        "每日按万分之{w}",
                        "每天万分之{w}",
                        "日利率为万分之{w}",
                        "按日万分之{w}",
                    ]
                )
                .format(w=w)
                .removeprefix("按")
            )
        if k < 0.7:
            p = rng.choice(["0.5", "0.4", "0.21", "0.3", "1", "0.6", "0.7"])
            return rng.choice(["日利率{p}‰", "日{p}‰", "日息{p}‰", "每日{p}‰", "日利率为{p}‰"]).format(p=p)
        if k < 0.85:
            q = rng.choice(["一", "三", "五", "八", "1", "2", "3"])
            return rng.choice(["日千分之{q}", "每日千分之{q}", "日利率千分之{q}", "每天千分之{q}"]).format(
                q=q
            )
        v = rng.choice(["0.05", "0.03", "0.1", "0.5", "1", "0.06", "0.02"])
        if rng.random() < 0.2:
            return rng.choice(["日息百分之一", "每日百分之一", "百分之二每日", "日息百分之零点五"])
        return rng.choice(["每日{v}%", "日息{v}%", "日利率{v}%", "每天{v}%", "{v}%/日", "日{v}%"]).format(v=v)
    if rng.random() < 0.25:  # a fixed monthly amount (a rate once the principal is known)
        n = rng.choice([200, 500, 1000, 2500, 3000, 5000, 8000])
        return rng.choice([f"月息{n}", f"每月利息{n}元", f"月息{n}元", f"每月{n}元", f"每月利息为{n}元"])
    # no period stated
    return rng.choice(["利率{v}%", "利息{v}%", "利息{f}分", "利率{f}分", "利率为{v}%"]).format(
        v=_pct(rng, 1, 36), f=rng.choice(["2", "3", "1.5", "2.5", "4"])
    )


def relative_overdue(rng: random.Random) -> str:
    base = rng.choice(
        [
            "借款利率",
            "贷款利率",
            "原借款利率",
            "合同利率",
            "约定利率",
            "本合同约定的借款利率",
            "借款合同载明的贷款利率",
            "执行利率",
        ]
    )
    pct = rng.choice(["30%", "40%", "50%", "50%", "100%", "30％", "50％"])
    r = rng.random()
    if r < 0.08:
        return rng.choice(
            [f"加收利息{pct}", f"加收{pct}", f"上浮{pct}", f"利率上浮{pct}", "加收20%", "加收利息20%"]
        )
    if r < 0.35:
        return rng.choice([f"{base}上浮{pct}", f"{base}的基础上浮{pct}", f"{base}基础上上浮{pct}"])
    if r < 0.6:
        return rng.choice([f"在{base}基础上加收{pct}", f"{base}基础上加收{pct}", f"{base}加收{pct}"])
    if r < 0.8:
        return rng.choice(
            [f"{base}的150%", f"{base}150%", f"{base}的1.5倍", f"{base}的130%", "本合同载明利率的1.5倍"]
        )
    absolute = rate_expr(rng, "interest")
    return f"{absolute}{rng.choice(['上浮', '加收', '基础上加收'])}{pct}"


def relative_interest(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.3:
        return (
            rng.choice(
                [
                    "同期同档次基准利率",
                    "中国人民银行同期同类贷款基准利率",
                    "基准利率",
                    "人民银行公布的同期贷款基准利率",
                ]
            )
            + rng.choice(["上浮", "基础上上浮", "上浮", "下浮"])
            + rng.choice(["10%", "20%", "25%", "30%", "35%", "50%"])
        )
    if r < 0.55:
        return rng.choice(
            [
                "银行同期贷款利率的四倍",
                "银行同期利率的四倍",
                "同期银行贷款利率的四倍",
                "银行基准利率四倍",
                "银行贷款利息的三倍",
            ]
        )
    if r < 0.75:
        return "一年期贷款市场报价利率" + rng.choice(["加", "加上"]) + str(rng.randint(50, 400)) + "个基点"
    return (
        "基准年利率"
        + _pct(rng, 4, 7, (2,))
        + "%"
        + rng.choice(["上浮", "上浮"])
        + rng.choice(["20%", "30%", "25%"])
    )


def money_expr(rng: random.Random, amount: float | None = None) -> str:
    a = amount if amount is not None else pick_amount(rng)
    r = rng.random()
    fig = fmt_num(a, rng, money=True)
    if r < 0.3:
        return rng.choice(["", "人民币", "人民币"]) + fig + "元"
    if r < 0.42 and a >= 10000 and (a / 10000) * 100 == int((a / 10000) * 100):
        w = fmt_num(a / 10000, rng)
        return rng.choice(["", "人民币"]) + w + "万元"
    if r < 0.62:
        dx = daxie_amount(a, rng)
        sym = rng.choice(["¥", "￥", "¥", "小写：", "小写￥", "￥ "])
        op, cl = rng.choice([("（", "）"), ("(", ")"), ("（", "）")])
        return (
            rng.choice(["人民币", "人民币", "", "人民币（大写）"])
            + dx
            + op
            + sym
            + fig
            + rng.choice(["", "元", ""])
            + cl
        )
    if r < 0.72:
        return rng.choice(["人民币", ""]) + daxie_amount(a, rng)
    if r < 0.84:
        return rng.choice(["¥", "￥", "人民币￥", "RMB"]) + fig + rng.choice(["", "元"])
    if r < 0.92:
        return (
            fig
            + rng.choice(["元", "元", ""])
            + rng.choice(["（" + daxie_amount(a, rng) + "）", "(" + daxie_amount(a, rng) + ")"])
        )
    return rng.choice(["人民币", ""]) + fmt_num(a, rng, money=True) + rng.choice(["元整", "元"])


def term_expr(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.45:
        n = rng.choice([1, 2, 3, 6, 6, 10, 12, 12, 12, 18, 24, 24, 36, 60])
        return rng.choice(
            [f"{n}个月", f"{n}个月", f"{cn_int(n)}个月", f"{n}月", f"{'两' if n == 2 else cn_int(n)}个月"]
        )
    if r < 0.6:
        return rng.choice(["一年", "壹年", "1年", "两年", "2年", "三年", "3年", "半年", "五年", "一年期"])
    if r < 0.7:
        return f"{rng.choice([7, 14, 15, 21, 30, 45, 52, 60, 90, 180, 365])}{rng.choice(['天', '日', '天'])}"
    a = pick_date(rng)
    b = date_after(a, rng.choice([1, 2, 3, 6, 10, 12, 12, 24, 36]))
    st = rng.choice(["cn", "cn", "cn0", "dot", "dash", "hanzi"])
    da, db = fmt_date(a, rng, st), fmt_date(b, rng, st)
    return rng.choice(
        [
            f"自{da}起至{db}止",
            f"{da}至{db}",
            f"从{da}起至{db}止",
            f"自{da}至{db}",
            f"{da}起至{db}止",
            f"{da}—{db}",
            f"自{da}起至{db}",
        ]
    )


METHODS = [
    "等额本息",
    "按月等额本息",
    "等额本金",
    "按月等额本金",
    "先息后本",
    "按月付息、到期还本",
    "按月付息，到期一次性还本",
    "到期一次性还本付息",
    "利随本清",
    "按季结息、到期还本",
    "按月等额还本",
    "一次还本付息",
    "每月等额还款",
    "按月结息，到期一次性偿还本金",
    "到期一次性偿还本息",
    "按季付息，到期还本",
    "等额本息还款法",
]


def repay_date_expr(rng: random.Random) -> str:
    r = rng.random()
    d = rng.randint(1, 28)
    if r < 0.5:
        return rng.choice(
            [f"每月{d}日", f"每月{d}号", f"每月的{d}日", f"每月{cn_int(d)}日", f"每个月的{d}号"]
        )
    if r < 0.6:
        return rng.choice(["每季末月的20日", "每季度末月20日", f"每年{rng.randint(1, 12)}月{d}日"])
    return fmt_date(pick_date(rng), rng) + rng.choice(["", "", "前", "之前"])


def penalty_expr(rng: random.Random, form: str | None = None) -> str:
    form = (
        form
        or rng.choices(
            ["daily", "principal", "overdue_amt", "fixed", "monthly", "annual"], [30, 30, 12, 14, 7, 7]
        )[0]
    )
    base_p = rng.choice(
        [
            "借款本金",
            "借款总额",
            "借款金额",
            "本金",
            "借款本金数额",
            "剩余本金",
            "借款总金额",
            "出资额",
            "借款合同金额",
            "未还本金",
            "借款剩余本金",
        ]
    )
    base_o = rng.choice(
        [
            "逾期金额",
            "当期应还本息",
            "当月应还本息",
            "应还未还金额",
            "逾期本息",
            "欠款本金总额",
            "逾期款项",
            "应付未付款项",
        ]
    )
    if form == "daily":
        w = rng.choice(
            [
                "万分之五",
                "万分之四",
                "千分之一",
                "千分之五",
                "千分之三",
                "0.05%",
                "0.1%",
                "1%",
                "2%",
                "3%",
                "千分之八",
                "0.5%",
                "2‰",
                "万分之三",
            ]
        )
        return rng.choice(
            [
                f"每日{w}",
                f"每日按{base_o}的{w}",
                f"按日{w}",
                f"每天按{base_p}的{w}",
                f"日{w}",
                f"每日按{base_p}{w}",
                f"每逾期一日按{base_o}的{w}",
                f"{w}/日",
                f"每天{w}",
                f"按{base_o}每日{w}",
                f"每日按{base_p}金额的{w}",
            ]
        ).removeprefix("按")
    if form == "principal":
        v = rng.choice(
            ["1%", "3%", "5%", "10%", "15%", "20%", "30%", "50%", "1‰", "百分之二十", "百分之十", "2%"]
        )
        return rng.choice(
            [f"{base_p}的{v}", f"{base_p}{v}", f"{base_p}数额{v}", f"等于{base_p}数额{v}"]
        ).removeprefix("等于")
    if form == "overdue_amt":
        v = rng.choice(["5%", "10%", "20%", "百分之五", "10％"])
        return rng.choice([f"{base_o}的{v}", f"{base_o}的 {v}", f"{base_o}{v}"])
    if form == "fixed":
        return money_expr(rng, float(rng.choice([500, 1000, 2000, 5000, 10000, 20000, 50000, 60000, 100000])))
    if form == "monthly":
        v = rng.choice(["千分之五", "1%", "2%", "0.5%"])
        return rng.choice([f"每月{base_p}的{v}", f"每月按{base_p}{v}", f"每月{v}"])
    return rng.choice(["年利率24%", "年36%", "年息10%", "年利率18%"])


def fee_expr(rng: random.Random) -> str:
    base = rng.choice(["借款本金", "借款金额", "借款总金额", "剩余借款金额", "借款本金总额"])
    r = rng.random()
    v = rng.choice(["0.2%", "0.3%", "0.5%", "1%", "1.5%", "2%", "3%", "0.35%", "0.25%"])
    if r < 0.3:
        return rng.choice(
            [f"每月{base}的{v}", f"每月按{base}的{v}", f"按月{v}", f"{v}/月", f"每月{v}", f"按{base}的{v}/月"]
        ).removeprefix("按")
    if r < 0.5:
        return rng.choice([f"{base}的{v}", f"{base}{v}", f"按{base}{v}"]).removeprefix("按")
    if r < 0.65:
        a = rng.choice(["18%", "24%", "36%", "12%", "20%"])
        return rng.choice(
            [f"年化{a}", f"年{a}", f"{base}*{a}*借款总天数/365", f"{base}×{a}×借款天数÷360", f"年费率{a}"]
        )
    if r < 0.8:
        return money_expr(rng, float(rng.choice([15, 50, 100, 200, 500, 1000, 3963.15, 52567.2, 60000])))
    if r < 0.88:
        return rng.choice(["每日千分之一", "垫付金额×每日1‰", "每日1‰", "逾期本金0.6%/日", "每日0.5%"])
    if r < 0.95:
        return rng.choice(["月利率2%", "月利率1%", "月息1.5%", "每月1%", "年利率12%", "月2%"])
    return rng.choice(["借款本金的3%", "借款本金3%", "借款金额的2%"])


# ============================================================================================ templates

# A template is a string with [a|b|c] choices (may nest), and {SLOT} fillers.  Upper-case slots are entities,
# lower-case slots plain text.  Families: id -> (held_out, [templates]).

ENTITY_SLOTS = {
    "LENDER": "LENDER",
    "BORROWER": "BORROWER",
    "GUARANTOR": "GUARANTOR",
    "PRINCIPAL": "PRINCIPAL",
    "INT": "INTEREST_RATE",
    "INTREL": "INTEREST_RATE",
    "OVD": "OVERDUE_RATE",
    "OVDREL": "OVERDUE_RATE",
    "OVDD": "OVERDUE_RATE",
    "PEN": "PENALTY",
    "PEND": "PENALTY",
    "PENP": "PENALTY",
    "PENO": "PENALTY",
    "PENF": "PENALTY",
    "FEE": "FEE",
    "FEEV": "FEE",
    "PENV": "PENALTY",
    "TERM": "TERM",
    "METHOD": "REPAY_METHOD",
    "RDATE": "REPAY_DATE",
    "CDATE": "CONTRACT_DATE",
    "JUR": "JURISDICTION",
    "ADDR": "ADDRESS",
    "LENDERCO": "LENDER",
    "LENDERBANK": "LENDER",
    "BORROWERCO": "BORROWER",
}


def _slot_text(name: str, rng: random.Random) -> str:
    if name in ("LENDER", "BORROWER", "GUARANTOR", "p"):
        return party(
            rng, rng.choice(["person", "person", "person", "company"]) if name != "LENDER" else "any"
        )
    if name in ("LENDERCO", "BORROWERCO", "co"):
        return company(rng)
    if name in ("LENDERBANK", "bank"):
        return bank(rng)
    if name in ("PRINCIPAL", "amt"):
        return money_expr(rng)
    if name == "INT":
        return rate_expr(rng, "interest")
    if name == "INTREL":
        return relative_interest(rng)
    if name == "OVD":
        return rate_expr(rng, "overdue")
    if name == "OVDREL":
        return relative_overdue(rng)
    if name == "rate":
        return rate_expr(rng, "interest")
    if name == "PEN":
        return penalty_expr(rng)
    if name == "PEND":
        return penalty_expr(rng, "daily")
    if name == "PENP":
        return penalty_expr(rng, "principal")
    if name == "PENO":
        return penalty_expr(rng, "overdue_amt")
    if name == "PENF":
        return penalty_expr(rng, "fixed")
    if name == "FEE":
        return fee_expr(rng)
    if name == "TERM":
        return term_expr(rng)
    if name == "METHOD":
        return rng.choice(METHODS)
    if name == "RDATE":
        return repay_date_expr(rng)
    if name in ("CDATE", "date"):
        return fmt_date(pick_date(rng), rng)
    if name in ("JUR", "court"):
        if rng.random() < 0.35:
            return rng.choice(
                [
                    "甲方所在地人民法院",
                    "乙方所在地人民法院",
                    "出借人住所地人民法院",
                    "原告住所地人民法院",
                    "合同签订地人民法院",
                    "贷款人住所地有管辖权的人民法院",
                    "丙方所在地人民法院",
                    "协议签订地的人民法院",
                    "出借人所在地有管辖权的人民法院",
                    "乙方住所地人民法院",
                    "被告住所地人民法院",
                ]
            )
        return court(rng)
    if name in ("ADDR", "addr"):
        return address(rng)
    if name == "pct":
        return rng.choice(["30%", "50%", "20%", "10%", "35%", "25%"])
    if name == "num":
        return str(rng.randint(1, 36))
    if name == "cnum":
        return cn_int(rng.randint(1, 12))
    if name == "days":
        return str(rng.choice([3, 7, 10, 15, 30, 60, 90]))
    if name == "art":
        return "第" + cn_int(rng.randint(1, 30)) + "条"
    if name == "no":
        return f"{rng.randint(2008, 2024)}年{rng.choice(['借', '贷', '流贷', '个贷', '义乌'])}字第{rng.randint(1, 9999):04d}号"
    if name == "tpl":
        return rng.choice(
            [
                "${loan.rate}",
                "${yearRate!''}",
                "${money}",
                "${contractVo.principal}",
                "${data.overdueRate}",
                "{{ fee_rate }}",
                "______",
                "[ ]",
                "${(borrow.fee)!''}",
                "  ",
            ]
        )
    if name == "platform":
        return rng.choice(
            [
                "用钱呗",
                "证大e贷",
                "人人贷",
                "E贷通",
                "亿人宝",
                "合和年在线",
                "聚宝袋",
                "快金",
                "麦芽普惠",
                "商友贷",
            ]
        )
    if name == "lpr":
        return rng.choice(["3.85%", "3.65%", "3.45%", "4.35%", "4.31%", "3.1%", "3.0%"])
    fn = EXTRA_SLOTS.get(name)
    if fn is None:
        raise KeyError(name)
    return fn(rng)


_TOKEN = re.compile(r"\[|\]|\||\{[A-Za-z_0-9]+\}|[^\[\]|{]+|\{")


def _parse(template: str):
    """Parse into a tree: list of items; an item is a str, ('slot', name) or ('choice', [alternatives])."""
    toks = _TOKEN.findall(template)
    pos = 0

    def seq(stop):
        nonlocal pos
        out = []
        while pos < len(toks) and toks[pos] not in stop:
            t = toks[pos]
            pos += 1
            if t == "[":
                alts = [seq({"|", "]"})]
                while toks[pos] == "|":
                    pos += 1
                    alts.append(seq({"|", "]"}))
                pos += 1  # ]
                out.append(("choice", alts))
            elif t.startswith("{") and t.endswith("}") and len(t) > 2:
                out.append(("slot", t[1:-1]))
            else:
                out.append(t)
        return out

    return seq(set())


_PARSED: dict[str, list] = {}


def render(template: str, rng: random.Random) -> list[tuple[str, str | None]]:
    tree = _PARSED.get(template)
    if tree is None:
        tree = _PARSED[template] = _parse(template)
    out: list[tuple[str, str | None]] = []

    def walk(items):
        for it in items:
            if isinstance(it, str):
                out.append((it, None))
            elif it[0] == "slot":
                name = it[1]
                text = _slot_text(name, rng)
                label = ENTITY_SLOTS.get(name)
                if label and out and out[-1][1] is None:
                    prev = out[-1][0]
                    for k in range(
                        min(6, len(text), len(prev)), 0, -1
                    ):  # 每月按 + 每月按借款金额… → one 每月按
                        head = text[:k]
                        if prev.endswith(head) and all(c in "每月日天按年利率息的为" for c in head):
                            out[-1] = (prev[:-k], None)
                            break
                if name in ("PRINCIPAL", "PENF", "amt") and out and out[-1][1] is None:
                    prev = out[-1][0]
                    for pre in ("人民币", "现金"):
                        if prev.endswith(pre) and text.startswith(pre):
                            out[-1] = (prev[: -len(pre)], None)
                            break
                    else:
                        if prev.endswith("人民币") and label and not text.startswith(("人民币", "RMB")):
                            out[-1] = (prev[:-3], None)
                            text = "人民币" + text
                out.append((text, label))
            else:
                walk(rng.choice(it[1]))

    walk(tree)
    return out


# ============================================================================================ extra slots and sources

PURPOSES = [
    "资金周转",
    "生产经营",
    "购买原材料",
    "装修房屋",
    "购车",
    "个人消费",
    "养殖",
    "做生意",
    "偿还债务",
    "支付货款",
    "家庭生活",
    "种地",
]
CONTRACTS = [
    "借款合同",
    "个人借款合同",
    "流动资金借款合同",
    "小企业借款合同",
    "人民币短期借款合同",
    "保证担保借款合同",
    "委托贷款借款合同",
    "个人消费贷款合同",
    "借款协议",
    "农户小额信用借款合同",
]


def _digits(rng, n):
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


_SOURCES: dict[str, list[str]] = {}
STATE: dict = {"split": "train", "deco": None}


def _split_pool(lines: list[str]) -> list[str]:
    """Deduplicate, drop DEV-overlapping lines, and keep the fifth of the lines reserved for the held-out split
    (by hash) apart from the rest."""
    deco = STATE["deco"]
    seen, keep = set(), []
    for line in lines:
        if line in seen or (deco is not None and not deco.clean(line)):
            continue
        seen.add(line)
        held = int(hashlib.md5(line.encode()).hexdigest(), 16) % 5 == 0
        if held == (STATE["split"] == "test"):
            keep.append(line)
    return keep


_NEG_WORDS = re.compile(r"原告|被告|本院|诉称|借条|借据|判决|上诉|申请人|某|×|\*\*|审理")
# Up to the stage-1/2 training data this pattern was written with doubled backslashes, which matched every line
# and left the statute pool empty (only the fallback sentence); --legacy-filters restores that to reproduce them.
_LEGACY_NEG_WORDS = re.compile(r"原告|被告|本院|诉称|借条|借据|判决|上诉|申请人|某|×|\\*\\*|审理")


def _neg_words() -> re.Pattern:
    return _LEGACY_NEG_WORDS if STATE.get("legacy") else _NEG_WORDS


_RATEY = re.compile(r"利率|利息|违约金|罚息|借款|贷款|%|％|倍|万分之|千分之|报价利率")


def _statute_lines() -> list[str]:
    """Statute / regulation lines that talk about rates, interest, penalties or loans: negatives (no entities)."""
    if "statute" not in _SOURCES:
        out = []
        art = SHARED / Path("legal/articles")
        if art.exists():
            for f in sorted(art.glob("*.md")):
                for line in f.read_text(encoding="utf-8").splitlines():
                    line = line.strip().lstrip("#>*- ").strip()
                    if 12 <= len(line) <= 300 and _RATEY.search(line) and not _neg_words().search(line):
                        out.append(line)
        corpus = SHARED / Path("corpus/legal_zh.txt.gz")
        if corpus.exists():
            import gzip

            with gzip.open(corpus, "rt", encoding="utf-8") as fh:
                for line in fh:
                    line = line.strip()
                    if (
                        12 <= len(line) <= 240
                        and ("利率" in line or "违约金" in line or "罚息" in line)
                        and not _neg_words().search(line)
                    ):
                        out.append(line)
        _SOURCES["statute"] = _split_pool(out) or ["借款合同对支付利息没有约定的，视为没有利息。"]
    return _SOURCES["statute"]


_BOILER_BAD = re.compile(
    r"[0-9０-９%％‰]|利率|利息|罚息|违约金|费|元|万分之|千分之|人民币|法院|仲裁|地址|住所|[：:]\\s*$|\\$\\{|期限|还款方式|日期|甲方：|乙方：|出借人：|借款人："
)


_NUMBERED = re.compile(r"\d[\d.,，]*\s*[%％‰元]|万分之|千分之|百分之|[0-9]+\s*倍")


def _law_lines() -> list[str]:
    """Any statute / regulation line of the corpus without a figure-with-unit and without judgment words: generic
    legal prose (deadlines such as 十日内, 每年, article numbers, dates), which is never a contract term."""
    if "law" not in _SOURCES:
        out = []
        corpus = Path("/work/shared/corpus/legal_zh.txt.gz")
        if corpus.exists():
            import gzip

            with gzip.open(corpus, "rt", encoding="utf-8") as fh:
                for line in fh:
                    line = line.strip()
                    if 12 <= len(line) <= 200 and not _NEG_WORDS.search(line) and not _NUMBERED.search(line):
                        out.append(line)
        _SOURCES["law"] = _split_pool(out) or ["当事人应当在判决生效之日起十日内履行。"]
    return _SOURCES["law"]


def _boiler_lines() -> list[str]:
    """Lines of the real contract templates that carry no term at all (style of the O class)."""
    if "boiler" not in _SOURCES:
        out = []
        d = SHARED / Path("realdata/contracts")
        if d.exists():
            for f in sorted(d.glob("*.txt")):
                for line in f.read_text(encoding="utf-8").splitlines():
                    line = line.strip()
                    if 10 <= len(line) <= 200 and not _BOILER_BAD.search(line):
                        out.append(line)
        _SOURCES["boiler"] = _split_pool(out) or ["本协议自双方签字之日起生效。"]
    return _SOURCES["boiler"]


EXTRA_SLOTS = {
    "purpose": lambda r: r.choice(PURPOSES),
    "contract": lambda r: r.choice(CONTRACTS),
    "phone": lambda r: "1" + r.choice("3578") + _digits(r, 9),
    "acct": lambda r: (
        r.choice(["6222", "6228", "6217", "6230"])
        + r.choice(["", " "])
        + _digits(r, 4)
        + r.choice(["", " "])
        + _digits(r, 8)
    ),
    "idno": lambda r: (
        _digits(r, 6)
        + str(r.randint(1950, 2002))
        + f"{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
        + _digits(r, 3)
        + r.choice("0123456789X")
    ),
    "city": lambda r: _place(r)[1],
    "p24": lambda r: r.choice(["24%", "百分之二十四", "24％"]),
    "p36": lambda r: r.choice(["36%", "百分之三十六", "36％"]),
    "x": lambda r: _pct(r, 5, 25, (0, 1)),
    "y": lambda r: _pct(r, 3, 15, (0, 1)),
    "cnn": lambda r: cn_int(r.randint(200, 270)),
    "statute": lambda r: r.choice(_statute_lines()),
    "boiler": lambda r: r.choice(_boiler_lines()),
    "law": lambda r: r.choice(_law_lines()),
    "OVDD": lambda r: penalty_expr(r, "daily"),
    "PENV": lambda r: r.choice(["1‰", "1%", "3%", "0.05%", "0.1%", "2%", "万分之五"]),
    "FEEV": lambda r: r.choice(["3%", "2%", "0.5%", "1%", "5%", "1.5%"]),
    "lender_role": lambda r: r.choice(
        [
            "出借人",
            "甲方（出借人）",
            "贷款人",
            "债权人",
            "出借方",
            "甲方(出借人)",
            "贷款人（甲方）",
            "出借人（甲方）",
        ]
    ),
    "borrower_role": lambda r: r.choice(
        [
            "借款人",
            "乙方（借款人）",
            "借入者",
            "借款方",
            "债务人",
            "乙方(借款人)",
            "借款人（乙方）",
            "乙方：（借入者）",
        ]
    ),
    "guarantor_role": lambda r: r.choice(
        ["保证人", "担保人", "丙方（保证人）", "连带责任保证人", "丙方(担保人)"]
    ),
    "sep": lambda r: r.choice(["：", ":", "：", " ", "： "]),
    "cut": lambda r: r.choice(["", "", "，", "。"]),
    "no1": lambda r: r.choice(
        ["", "", "1、", "一、", "（一）", "第一条 ", "1.", "2、", "3.1 ", "（1）", "二、", "第三条　"]
    ),
}

# ============================================================================================ families
# id -> (held_out, weight, templates).  Held-out families are different phrasings of the same clause types; they
# are used only by --split test.

FAMILIES: dict[str, tuple[bool, float, list[str]]] = {
    # ---------------------------------------------------------------- parties
    "parties.1": (
        False,
        3,
        [
            "{lender_role}{sep}{LENDER}[，身份证号码：{idno}|，身份证号：{idno}|]\n{borrower_role}{sep}{BORROWER}[，身份证号码：{idno}|]",
            "{lender_role}{sep}{LENDER}\n{borrower_role}{sep}{BORROWER}\n{guarantor_role}{sep}{GUARANTOR}",
            "{borrower_role}{sep}{BORROWER}\n{lender_role}{sep}{LENDER}",
        ],
    ),
    "parties.2": (
        False,
        2,
        [
            "[贷款人（甲方）|贷款人|甲方（贷款人）|出借人]{sep}{LENDERBANK}\n[地址|住所][：|:]{ADDR}",
            "[借款人|乙方（借款人）]{sep}{BORROWER}\n[住址|身份证住址|现住址][：|:]{ADDR}[\n联系电话：{phone}|]",
            "{guarantor_role}{sep}{GUARANTOR}[，住所地：{ADDR}|，身份证号：{idno}|]",
        ],
    ),
    "parties.3": (
        False,
        1.5,
        [
            "[甲方|乙方]（借款人）：{BORROWER} [乙方|丙方]：{co}\n[身份证号码|证件号码]：{idno} 地址：{ADDR}",
            "居间服务人:{co}（以下简称“{platform}”）",
            "甲方（投资人）：{LENDER}\n乙方（融资方）：{BORROWER}\n丙方（见证人）：{co}",
        ],
    ),
    "parties.4": (
        True,
        1.5,
        [
            "本合同由{LENDER}（以下简称“出借人”）与{BORROWER}（以下简称“借款人”）于{CDATE}签订。",
            "立约人：[借款人|借款方]{BORROWER}，[贷款人|出借方]{LENDERBANK}，[保证人|担保方]{GUARANTOR}。",
        ],
    ),
    # ---------------------------------------------------------------- principal
    "principal.1": (
        False,
        3,
        [
            "{no1}借款[金额|本金|数额][：|:|为]{PRINCIPAL}[。|；|]",
            "{no1}借款本金数额 {PRINCIPAL}",
            "借款金额\n{PRINCIPAL}",
        ],
    ),
    "principal.2": (
        False,
        3,
        [
            "{no1}乙方因[资金周转|生产经营|购房|装修|购车|个人消费]需要，[现|]向甲方借款{PRINCIPAL}[。|，用于{purpose}。]",
            "{no1}借款人因{purpose}需要，向出借人借款{PRINCIPAL}[，出借人同意出借|]。",
            "{no1}甲方同意向乙方出借[款项|借款|资金]{PRINCIPAL}，乙方[同意|]按本合同约定[按期|]还本付息。",
        ],
    ),
    "principal.3": (
        False,
        2,
        [
            "{no1}甲方应于{date}前将借款{PRINCIPAL}[一次性|]转入乙方指定账户[（户名：{p}，账号：{acct}）|]。",
            "{no1}乙方向甲方提供借款额度{PRINCIPAL}，[本借款额度为非承诺性额度|额度有效期为{TERM}]。",
            "{no1}本合同项下借款金额为{PRINCIPAL}，借款期限为{TERM}。",
        ],
    ),
    "principal.4": (
        True,
        2,
        [
            "{no1}出借人[通过银行转账|以现金方式]向借款人交付借款{PRINCIPAL}，借款人收到借款后应出具收据。",
            "{no1}本次借款总额共计{PRINCIPAL}，[乙方|借款人]应将借款用于{purpose}，不得挪作他用。",
        ],
    ),
    # ---------------------------------------------------------------- term / dates / method
    "term.1": (
        False,
        3,
        [
            "{no1}[借款期限|借期|贷款期限][：|为|:]{TERM}[。|；|]",
            "{no1}借款期限为{TERM}[（{TERM}）|，{TERM}]。",
            "{no1}借款期限 {TERM}",
            "{no1}[借款期限|贷款期限]：{TERM}，自{date}起[计算|算起]。",
        ],
    ),
    "term.2": (
        True,
        2,
        [
            "{no1}本借款的期限[为|是]{TERM}，[实际放款日与本合同约定不一致的，以借据记载为准|到期日以借据为准]。",
            "{no1}[乙方|借款人]使用借款的时间为{TERM}，[期满后归还|届时归还]。",
        ],
    ),
    "method.1": (
        False,
        3,
        [
            "{no1}还款方式[：|:|为]{METHOD}[。|；|]",
            "{no1}本合同项下借款采用{METHOD}的[还款|]方式[偿还|归还]。",
            "{no1}还款方式 {METHOD}",
            "{no1}借款期限{TERM}，还款方式为{METHOD}，每月还款日为{RDATE}。",
        ],
    ),
    "method.2": (
        True,
        1.5,
        [
            "{no1}借款人应以{METHOD}方式归还借款本息，每期还款日为{RDATE}。",
            "{no1}双方约定[以|按]{METHOD}[的方式|]清偿本合同项下借款。",
        ],
    ),
    "rdate.1": (
        False,
        2.5,
        [
            "{no1}还款日[：|:|为]{RDATE}[（节假日不顺延）|（遇节假日顺延）|]。",
            "{no1}[借款人|乙方]应于{RDATE}[前|]归还[全部|]借款本息。",
            "{no1}还款日 自{date}起，{RDATE}（24:00前，节假日不顺延）。",
            "{no1}借款到期日：{RDATE}。",
        ],
    ),
    "rdate.2": (
        True,
        1.5,
        [
            "{no1}[乙方|借款人]承诺于{RDATE}[一次性|]还清[借款|本息][，如有延误愿承担法律责任|]。",
            "{no1}本息[结清|清偿]的最后期限为{RDATE}。",
        ],
    ),
    "cdate.1": (
        False,
        2,
        [
            "[签订日期|签署日期|合同签订日期|协议签署日期|签约日期|本协议生成日期][：|:]{CDATE}",
            "{no1}本合同于{CDATE}在{city}签订[，自双方签字之日起生效|]。",
            "甲方（签字）：\n乙方（签字）：\n{CDATE}",
            "各方经协商一致，于{CDATE}签订如下协议，共同遵照履行：",
        ],
    ),
    "cdate.2": (
        True,
        1.5,
        [
            "{CDATE}，[双方|甲乙双方|借贷双方]签订《{contract}》一份[，约定由甲方向乙方出借款项|]。",
            "本协议由以下双方于{CDATE}签署并履行。",
        ],
    ),
    # ---------------------------------------------------------------- interest
    "interest.1": (
        False,
        4,
        [
            "{no1}[借款利息|借款利率|利息|利率|贷款利率|年化利率][：|:|为|]{INT}[。|，按月结息。|，按季结息。|]",
            "{no1}借款利率 {INT}",
            "{no1}在合同规定的借款期内，利率为{INT}。",
            "{no1}本合同项下借款[按|执行]{INT}[计息|计算利息]，[按月|按季|按日]结息[，结息日为每月{num}日|]。",
        ],
    ),
    "interest.2": (
        False,
        3,
        [
            "{no1}借款利率为固定利率，即{INT}，[在借款期限内不作调整|借款期内利率不变]。",
            "{no1}借款利率执行浮动利率，[按照|以]{INTREL}确定[（即执行{INT}）|]。",
            "{no1}借款利率[为|按]{INTREL}[执行|]，[按半年调整|按月结息]。",
            "{no1}利息：{INT}（日利率=年利率/360）。",
        ],
    ),
    "interest.3": (
        True,
        2.5,
        [
            "{no1}双方约定，借款利息按{INT}计算，利息[于每月{num}日|按月|每季度]支付[，不得拖欠|]。",
            "{no1}乙方应按{INT}向甲方支付借款期间的利息，利息自放款之日起计算。",
            "{no1}借款期间的利息标准为{INT}，[到期与本金一并支付|按月支付]。",
        ],
    ),
    # ---------------------------------------------------------------- overdue
    "overdue.1": (
        False,
        4,
        [
            "{no1}[乙方|借款人]如果不按期归还借款，逾期部分按{OVD}计[算|收罚息]。",
            "{no1}逾期[罚息利率|利率|还款的罚息][为|：]{OVD}[，对不能按时支付的利息按罚息利率计收复利|]。",
            "{no1}罚息利率：{OVD}",
            "{no1}罚息 = 逾期本金×罚息利率×逾期天数\n罚息利率[:|：]{OVD}",
            "{no1}借款人任何一期本息逾期的，[出借人|贷款人]自逾期之日起按{OVD}计收罚息和复利。",
        ],
    ),
    "overdue.2": (
        False,
        3,
        [
            "{no1}借款到期未还的，[出借人|贷款人][有权|]自逾期之日起按{OVDREL}计收罚息[（即{OVD}）|]。",
            "{no1}逾期罚息利率为{OVDREL}[；|，]挪用借款的，罚息利率为{OVDREL}。",
            "{no1}[若|如][甲方|借款人]未按约定还款，自逾期之日起至付清之日止{OVDD}收取罚息[，每月单独计算|]。",
            "{no1}罚息总额 = 逾期本息×{OVDD}×逾期天数",
        ],
    ),
    "overdue.3": (
        True,
        2.5,
        [
            "{no1}如借款到期未还，[借款人|乙方]应自逾期之日起按{OVD}向[出借人|甲方]支付逾期利息[，直至全部清偿之日止|]。",
            "{no1}[逾期|逾期贷款]罚息按{OVDREL}执行[，并按罚息利率对应付未付利息计收复利|]。",
            "{no1}借款逾期后，逾期部分[改按|按照]{OVD}计收[罚息|逾期利息]。",
        ],
    ),
    # ---------------------------------------------------------------- penalty
    "penalty.1": (
        False,
        4,
        [
            "{no1}[乙方|借款人|甲方]逾期[还款|支付]超过{days}[天|日]的，应从逾期之日起向[甲方|出借人]支付{PEND}的违约金。",
            "{no1}若[乙方|借款人]要求提前还款，则需[向甲方|]支付{PENP}作为提前还款违约金。",
            "{no1}[任何一方|甲方]违反本协议约定的，应向守约方支付{PENP}的违约金[，并赔偿由此造成的损失|]。",
            "{no1}[借款人|乙方]到期未能足额还款的，应[另行|]支付违约金{PENF}。",
            "{no1}[甲方|借款人]每期逾期的，[应|]按{PENO}支付逾期违约金[，最低100元|]。",
        ],
    ),
    "penalty.2": (
        False,
        3,
        [
            "{no1}提前还款的，[借款人|乙方]应按提前还款金额乘以{PENV}支付提前还款违约金。",
            "{no1}违约金总额 = 逾期金额×{PENV}×逾期天数；",
            "{no1}[乙方|借款人]逾期[偿还|支付]任何一期本金、利息[、服务费|]的，应[额外|]支付滞纳金[：|，]按{PEND}计算。",
            "{no1}[若|如][乙方|借款人]违约，[应|须]支付违约金{PEN}[，违约金不足以弥补损失的，还应赔偿损失|]。",
            "{no1}乙方未按约定按时、足额支付服务费的，应承担{PEND}的违约金，直至付清为止。",
        ],
    ),
    "penalty.3": (
        True,
        2.5,
        [
            "{no1}逾期还款的，借款人应按{PEND}支付[违约金|滞纳金]，直至[借款|全部款项]还清之日止。",
            "{no1}若乙方提前清偿全部剩余借款，应向甲方支付提前还款补偿金（补偿金额为{PENP}）。",
            "{no1}[借款人|乙方]擅自改变借款用途的，出借人有权[收回借款并|]要求其支付{PENP}的违约金。",
        ],
    ),
    # ---------------------------------------------------------------- fees
    "fee.1": (
        False,
        3.5,
        [
            "{no1}[借款管理费|账户管理费|平台服务费|咨询服务费|手续费|服务费|月缴管理费][：|:|为]{FEE}[。|；|]",
            "{no1}乙方同意在借款成功时向丙方支付{FEE}作为[居间服务费|咨询服务费|平台服务费]，此笔费用从借款本金中[直接|]扣除。",
            "{no1}在还款期间，乙方[每月|]向丙方支付{FEE}，作为借款管理费用，共需支付{num}期。",
            "{no1}[平台|丙方]按{FEE}向借款人收取[账户管理费|手续费][，随每期还款一并扣收|]。",
        ],
    ),
    "fee.2": (
        False,
        2.5,
        [
            "{no1}担保人代为垫付的，垫付期间按{FEE}[向借款人|]收取[垫付费|担保服务费]。",
            "{no1}逾期管理费[率|费率|][：|为]{FEE}",
            "{no1}业务手续费：（按借款金额{FEEV}计）。[系乙方给付甲方的服务费用|在放款当天一次性付清]。",
            "{no1}[甲方|借款人]应向{co}支付[咨询服务费|服务费]，金额为：{FEE}[，总计人民币{tpl}元|]。",
        ],
    ),
    "fee.3": (
        True,
        2,
        [
            "{no1}[借款人|乙方]应向{co}支付[服务费|咨询费|担保费]，[费用|服务费]标准为{FEE}，随每期本息一并支付。",
            "{no1}{platform}将按照借款期限，[每月|]向借款人收取{FEE}作为[借款管理费|平台管理费]。",
        ],
    ),
    # ---------------------------------------------------------------- jurisdiction / address
    "jur.1": (
        False,
        2.5,
        [
            "{no1}[因本合同发生的争议|凡因本合同引起的争议]，[双方应协商解决；|]协商不成的，[任何一方可|]向{JUR}[提起诉讼|起诉]。",
            "{no1}本合同适用中华人民共和国法律；[履行中|]发生争议的，[提交|由]{JUR}[仲裁|管辖|裁决]。",
            "{no1}[由|并由]{JUR}管辖。",
            "{no1}如果协商不成，则须提交{JUR}进行诉讼。",
        ],
    ),
    "jur.2": (
        True,
        1.5,
        [
            "{no1}双方同意，本合同项下的纠纷由{JUR}管辖[，诉讼费用由败诉方承担|]。",
            "{no1}争议解决方式：[向|提交]{JUR}[诉讼|解决]。",
        ],
    ),
    "addr.1": (
        False,
        2,
        [
            "{no1}[送达地址|通讯地址|住所|地址|联系地址][：|:]{ADDR}",
            "{no1}[甲方|借款人]确认其有效的送达地址为{ADDR}，[人民法院|出借人]向该地址[邮寄|送达]的文书视为送达。",
            "{no1}[借款人|乙方]确认下列地址为送达地址：{ADDR}[，收件人：{p}|]。",
        ],
    ),
    "addr.2": (
        True,
        1.2,
        [
            "{no1}借款人住{ADDR}，[联系电话|手机号码]{phone}。",
            "{no1}[各类通知|法律文书]可邮寄至{ADDR}，邮寄即视为送达。",
        ],
    ),
    # ---------------------------------------------------------------- judgments (fact statements of loan cases)
    "judg.1": (
        False,
        5,
        [
            "[经审理查明|本院经审理认定事实如下|本院查明|经审理认定][，|：]{CDATE}，被告{BORROWER}[因{purpose}|以资金周转为由|]向原告{LENDER}借款{PRINCIPAL}，[约定|双方约定|口头约定]{INT}，[借款期限{TERM}|借期{TERM}|还款期限至{RDATE}][，并出具借条一份|]。",
            "[原告诉称|事实和理由|事实与理由][：|，]{CDATE}，被告{BORROWER}向原告借款{PRINCIPAL}，[口头约定|约定]{INT}，[如逾期|到期不还]按{OVD}计付逾期利息。",
            "{CDATE}，被告{BORROWER}向原告{LENDER}出具借条[一份|一张]，载明借款{PRINCIPAL}，{INT}[，期限{TERM}|]。",
        ],
    ),
    "judg.2": (
        False,
        5,
        [
            "{CDATE}，{LENDERBANK}与被告{BORROWERCO}签订[编号为{no}的|]《{contract}》，约定向被告发放贷款{PRINCIPAL}，借款期限{TERM}，[借款利率为|贷款利率为|利率为|]{INT}，逾期罚息[利率为|按]{OVDREL}。",
            "{CDATE}，被告{BORROWER}与{LENDERBANK}签订《{contract}》，借款{PRINCIPAL}，[借款期限|期限]{TERM}，{INT}，被告{GUARANTOR}[作为保证人|提供连带责任保证]。",
            "[合同|借款合同]约定：借款金额为{PRINCIPAL}，借款期限{TERM}，借款[年|]利率为{INT}，[还款方式为|]{METHOD}，逾期[罚息|]按{OVDREL}计收。",
            "同日，{LENDERBANK}按约向被告发放了贷款{PRINCIPAL}，借据上载明{INT}，罚息利率为{OVD}，[起息日期为{date}|到期日期为{RDATE}]。",
        ],
    ),
    "judg.3": (
        False,
        4,
        [
            "原告{LENDER}向本院提出诉讼请求：1．[判令被告|被告][立即|]归还借款{PRINCIPAL}[及利息（[以|按照]{INT}[，|]自{date}起计算至[实际清偿|付清]之日止）|]；2．本案诉讼费由被告承担。",
            "[诉讼请求|请求判令]：1、被告[立即|]偿还[借款|借款本金]{PRINCIPAL}；2、[支付|判令被告支付]逾期利息（以[本金|]{amt}为基数，按{OVD}[计算|]，自{date}起至[实际|]清偿之日止）。",
            "诉讼过程中，原告变更诉讼请求为：[依法|]支付[原告|]逾期利息（以{OVD}计算从{date}起至付清之日止）。",
        ],
    ),
    "judg.4": (
        False,
        3,
        [
            "该借条载明：“今借到{LENDER}[现金|人民币]{PRINCIPAL}，[{INT}，|]{RDATE}[归还|还清][。|，如到期未还，愿承担{PENP}的违约金。]”",
            "[借据|借条]载明：“今借{LENDER}[人民币|现金]{PRINCIPAL}，[按|]{INT}[计算|]，借款[日期|期限]{TERM}。”",
            "[借条|欠条]写明“今借到{LENDER}人民币{PRINCIPAL}，{INT}[，不得拖欠|]”。",
        ],
    ),
    "judg.5": (
        False,
        3,
        [
            "逾期利息计{amt}，之后的逾期利息按{OVD}计算至本判决确定的履行之日止；",
            "原告预先扣除[了|]{amt}的利息，实际[给被告借款|向被告支付]{PRINCIPAL}。",
            "双方约定借款[期限|]{TERM}，借款利息为{INT}和中介[劳务费|服务费]{FEE}，每月{num}日还息[；|，]该笔借款由被告{GUARANTOR}提供担保。",
            "被告{BORROWER}辩称：借款属实，[但|]双方口头约定[利息|利率]是{INT}，[已支付利息{amt}|已偿还部分利息]。",
            "[庭审中，|]原告将逾期利息[的计算标准|]明确为按{OVD}计算[，有利于被告，本院予以准许|]。",
            "{CDATE}，被告{BORROWER}向原告借款{PRINCIPAL}，[期限|借期]{TERM}，[逾期|如逾期]每日支付{PENP}的违约金。",
            "借款当天原告[转账|转取]{PRINCIPAL}给被告并扣除[二个月|一个月]借款利息{amt}。",
        ],
    ),
    "judg.6": (
        False,
        2,
        [
            "贷款手续费为{FEE}，余款和手续费均分为{num}期（按月）等额偿还。",
            "被告[已|]按约定向[原告|银行]支付了分期手续费{FEE}，[银行|原告]向[销售商|被告]拨付了[剩余的|]{PRINCIPAL}。",
            "[另查明|经查]，被告已向原告支付利息{amt}[，支付至{date}|]。",
            "{GUARANTOR}自愿为上述借款提供连带责任保证，保证期间为{TERM}。",
        ],
    ),
    "judg.7": (
        True,
        4,
        [
            "被告{BORROWER}于{CDATE}向原告{LENDER}借款{PRINCIPAL}，约定还款期限为{TERM}，利息按{INT}计付，由被告{GUARANTOR}提供连带责任保证。",
            "一、被告{BORROWER}于本判决生效之日起十日内偿还原告{LENDER}借款本金{PRINCIPAL}及利息（以{amt}为基数，自{date}起按{OVD}计算至[实际清偿之日|本判决确定的履行之日]止）；",
            "{LENDER}与被告{BORROWER}签订借款协议，原告借给被告{PRINCIPAL}，期限{TERM}，逾期[未还|不还]的，被告按{PEND}支付违约金。",
            "本院认定：{CDATE}，{BORROWER}向{LENDER}借款{PRINCIPAL}，约定{INT}，逾期[不还|未还]的[按|另按]{OVDREL}计收罚息。",
            "[原告|出借人]{LENDER}提交的借款合同显示，借款金额{PRINCIPAL}，期限{TERM}，{INT}，违约金为{PENP}。",
        ],
    ),
    # ---------------------------------------------------------------- IOUs
    "iou.1": (
        False,
        2,
        [
            "借条\n今借到{LENDER}人民币{PRINCIPAL}，[用于{purpose}，|]借款期限{TERM}，{INT}，[于|]{RDATE}还清。\n借款人：{BORROWER}\n{CDATE}",
            "借据\n借款人{BORROWER}向出借人{LENDER}借款{PRINCIPAL}，{INT}，{RDATE}到期[，逾期按{OVD}计息|]。\n{CDATE}",
        ],
    ),
    "iou.2": (
        True,
        1.2,
        [
            "今[收到|借]{LENDER}借给我现金{PRINCIPAL}，借款利息{INT}，[每年结清一次利息|按月支付利息]，借款时间为{TERM}。",
            "欠条：本人{BORROWER}欠{LENDER}借款{PRINCIPAL}，[承诺|保证]于{RDATE}还清[，利息按{INT}计算|]。",
        ],
    ),
    # ---------------------------------------------------------------- multi-term contract lines
    "combo.1": (
        False,
        3,
        [
            "{no1}借款金额：{PRINCIPAL}；借款期限：{TERM}；借款利率：{INT}；还款方式：{METHOD}。",
            "{no1}甲方向乙方出借{PRINCIPAL}，借款期限{TERM}，{INT}，逾期[未还的|]按{OVD}计收罚息，并由乙方支付{PENP}的违约金。",
            "{no1}借款人应于每期还款日支付利息[，利率为{INT}|]，并[按月|]支付{FEE}的[平台服务费|账户管理费]。",
        ],
    ),
    "combo.2": (
        True,
        2,
        [
            "{no1}本笔借款：本金{PRINCIPAL}，[年化|]利率{INT}，期限{TERM}，[到期|逾期]后按{OVD}[计收逾期利息|加收罚息]。",
            "{no1}借款人{BORROWER}向出借人{LENDER}借款{PRINCIPAL}，双方约定{INT}，由{GUARANTOR}提供保证担保。",
        ],
    ),
    # ---------------------------------------------------------------- negatives
    "neg.statute": (
        False,
        4,
        [
            "{statute}",
            "{statute}",
            "借贷双方约定的利率未超过年利率{p24}，出借人请求借款人按照约定的利率支付利息的，人民法院应予支持。",
            "借贷双方约定的利率超过年利率{p36}，超过部分的利息约定无效。",
            "约定利率高于[合同成立时|]一年期LPR的四倍时，超出部分[法院|]不予保护。",
            "旧司法解释曾规定，民间借贷利率最高不得超过同期银行贷款利率的四倍（含本数）。",
            "逾期利息、违约金及其他费用合计不得超过[年利率{p24}|一年期LPR的四倍]，超出部分不受法律保护。",
        ],
    ),
    "neg.delay": (
        False,
        2,
        [
            "被告如未按期履行，应按民事诉讼法第{cnn}条的规定加倍支付迟延履行期间的债务利息。",
            "迟延履行期间的加倍部分债务利息[，|]按照[日万分之一点七五|日万分之1.75]计算[，自判决确定的履行期间届满之日起算|]。",
            "案件受理费{amt}，[保全费{amt}，|]由被告负担。",
        ],
    ),
    "neg.lpr": (
        False,
        2.5,
        [
            "[另查明，|]{date}[全国银行间同业拆借中心|中国人民银行授权全国银行间同业拆借中心]公布的一年期贷款市场报价利率为{lpr}。",
            "[另查明，|]中国人民银行{date}公布的[一年期|半年期|六个月至一年（含）]贷款基准利率为年利率{lpr}[，该利率上浮{pct}后为年利率{y}%|]。",
            "基准利率指人民银行公布的同期同档次贷款利率。",
            "根据人民银行规定，逾期罚息可在原利率基础上加收30%至50%。",
            "人民银行已取消贷款利率上限，贷款利率由双方协商确定。",
        ],
    ),
    "neg.platform": (
        False,
        2.5,
        [
            "{platform}借款利率[范围为|]{y}%—{x}%[（取决于借贷双方以及借款人信用等级）|]",
            "A：{platform}目前的借款利率上限是{x}%[，上限不高于人民银行贷款基准利率4倍|]。",
            "例：借款{amt}，{x}%利率，借款期限{num}个月，每月还本息{amt}。",
            "如果一个借款人标明的年化收益率是{x}%，而其仅借款{num}个月，则到期年化收益率为{y}%。",
            "[投资人|理财人]每次提现，平台收取提现金额千分之三的手续费。",
            "出借人取得的利息收入应依法自行缴纳个人所得税。",
            "理财人收到利息后，平台按利息收益的{num}%收取利息管理费。",
        ],
    ),
    "neg.scope": (
        False,
        2.5,
        [
            "[保证担保|抵押担保|担保]的范围为主债权本金、利息、[复利、|]罚息、违约金及实现债权的费用。",
            "还款按以下顺序抵充：先罚息，再利息，后本金。",
            "到期时，借款人应一并清偿本金、利息以及本协议项下的其他全部费用。",
            "借款人结清全部欠款前，罚息持续计算。",
            "原告主张在罚息之外再计收复利，缺乏法律依据，本院不予支持。",
            "被保证的主债权最高额度为[等值|]{amt}。",
            "[甲方|申请人]须开立保证金账户，并按不低于汇票票面金额的{pct}存入保证金。",
            "[大江公司|申请人]签发商业汇票[壹张|一张]，金额计{amt}，[出票日期为{date}|汇票到期日为{date}]。",
        ],
    ),
    "neg.template": (
        False,
        2.5,
        [
            "{no1}借款年利率 {tpl}",
            "{no1}[年|月]利率：{tpl}%；逾期利率：{tpl}",
            "{no1}借款金额：{tpl}元（大写：{tpl}）",
            "{no1}月缴管理费 {tpl} 元",
            "{no1}罚息利率 {tpl}",
            "{no1}违约金计算方法为：{tpl}。",
            "{no1}每月按{tpl}利息计算。",
            "{no1}借款期限 {tpl}个月",
            "{no1}乙方应按应还本息全额的{tpl}向甲方支付逾期违约金。",
        ],
    ),
    "neg.boiler": (
        False,
        5,
        [
            "{boiler}",
            "{no1}{boiler}",
            "{no1}本协议自甲、乙双方签字或者盖章之日起生效，一式[贰|两|三]份，各方各执一份，具同等法律效力。",
            "{no1}借款人不得将借款用于[股票|期货|房地产|赌博]等[投资|用途]。",
            "{no1}出借人有权将借款人的逾期记录报送[征信机构|金融信用信息基础数据库]。",
            "{no1}出借人可将本合同项下债权转让给第三方，但应通知借款人。",
            "{no1}借款人应当按照约定的期限支付利息。",
            "{no1}借款人部分提前还款的，已产生的利息仍应全额支付。",
            "{no1}借款人可以随时提前归还全部借款。",
        ],
    ),
    "neg.heldout": (
        True,
        2,
        [
            "{statute}",
            "{boiler}",
            "依照《最高人民法院关于审理民间借贷案件适用法律若干问题的规定》，本院对超过法定上限的利息不予支持。",
            "年利率=月利率×12，日利率=年利率÷365。",
            "{no1}借款利率 {tpl}%，还款方式 {tpl}",
        ],
    ),
}


FAMILIES.update(
    {
        "judg.8": (
            False,
            4,
            [
                "{CDATE}，被告{BORROWER}[以{purpose}为由|因{purpose}]从原告{LENDER}处借[取|得|]现金{PRINCIPAL}，[约定|双方约定]借款利息按{INT}计算[，被告{GUARANTOR}自愿作为担保人|]。",
                "[原告|]{LENDER}[诉称|称]：被告{BORROWER}于{CDATE}向[其|原告]借款{PRINCIPAL}，[承诺|约定]按{INT}支付利息，[至今未还|经多次催要未果]。",
                "[借款合同|合同]约定[：|，]借款本金为{PRINCIPAL}，借款期限[从|自]{TERM}，借款利息为{INT}，被告逾期[支付利息|还款]按{PEND}支付滞纳金。",
                "双方约定借款{PRINCIPAL}，期限{TERM}，{INT}，[逾期未还|到期不还]的，[借款人|被告]愿承担{PENP}的违约金。",
                "被告{BORROWER}向原告出具[借据|借条|欠条]，[载明|写明]借到人民币{PRINCIPAL}，[利息|月息]{INT}，[还款日期为|于]{RDATE}[前|]还清。",
            ],
        ),
        "judg.9": (
            False,
            3,
            [
                "{CDATE}，{LENDERBANK}与{BORROWERCO}签订《{contract}》，约定[借款|贷款]金额{PRINCIPAL}，[借款|贷款]期限{TERM}，[借款|贷款]利率为{INT}，逾期[贷款|]罚息利率为{OVDREL}，{GUARANTOR}提供连带责任保证。",
                "原告{LENDERBANK}诉称，被告{BORROWERCO}于{CDATE}向[原告|其]借款{PRINCIPAL}，月息{INT}，由被告{GUARANTOR}提供[借款担保|保证]，到期后被告[分文未还|未归还本息]。",
                "{LENDERBANK}按约向被告发放贷款{PRINCIPAL}，约定利息按{INT}计算，按季结息，被告不按期归还贷款的，逾期部分{OVDREL}。",
                "尚欠本金{PRINCIPAL}，利息{amt}[未付|未还]。",
                "截至{date}，[被告|借款人]尚欠借款本金{PRINCIPAL}、利息{amt}、罚息{amt}。",
                "之后的罚息以本金{PRINCIPAL}为基数，按{OVD}计算至本判决确定的履行之日止。",
            ],
        ),
        "judg.10": (
            True,
            3,
            [
                "经查，{BORROWER}于{CDATE}向{LENDER}借款{PRINCIPAL}，借款[利率|利息][约定|]为{INT}，[借款到期后|期满后]未[能|]归还。",
                "原告[举示|提交]的借条[显示|记载]：借款人{BORROWER}，出借人{LENDER}，借款金额{PRINCIPAL}，约定{INT}，借期{TERM}。",
                "[上述|该笔]借款约定[了|]{INT}，逾期还款的[按|另按]{OVD}[计付|计收]逾期利息，担保人为{GUARANTOR}。",
                "{LENDERBANK}与{BORROWERCO}签署《{contract}》，[贷款|借款]{PRINCIPAL}，{INT}，逾期罚息[为|按]{OVDREL}。",
            ],
        ),
        "neg.judgment": (
            False,
            3,
            [
                "[另查明|经查]，被告已[向原告|]偿还[利息|本息]{amt}[，剩余款项至今未还|]。",
                "案件受理费{amt}，减半收取{amt}，由被告负担。",
                "原告为实现债权支付律师代理费{amt}。",
                "被告[辩称|答辩称]，原告主张的利息过高，请求法院依法调整。",
                "本院认为，合法的借贷关系受法律保护。",
                "依照《中华人民共和国民法典》第六百七十五条、第六百七十六条之规定，判决如下：",
                "原告主张的利率超过[法定上限|年利率{p24}|一年期LPR的四倍]，超过部分本院不予支持。",
            ],
        ),
    }
)


# Compositional families: a clause built from interchangeable context pieces, for variety (training only).
_INTPRE = "[利率为|利息按|按|借款利率：|借款利息为|执行|利率按|约定|计息标准为|利息为|利息计算标准为|贷款利率为|借款利率为|利率：|利息：|按照]"
_OVDCOND = "[逾期还款的，|借款逾期后，|如未按期还款，|到期未还的，|逾期部分|若借款人逾期，|借款到期后未归还的，|乙方逾期的，|未按时还款的，|]"
_OVDPRE = "[按|按照|自逾期之日起按|逾期利息按|罚息按|罚息利率为|逾期利率为|另按|对逾期部分按|逾期罚息利率为|逾期利息为]"
_PENCOND = "[逾期还款的，|借款人违约的，|提前还款的，|如到期未还，|违反本合同约定的，|逾期超过{days}日的，|擅自改变借款用途的，|]"
FAMILIES.update(
    {
        "comp.interest": (
            False,
            4,
            [
                "{no1}[|借款人|乙方|双方约定|借贷双方约定|本合同项下借款|该笔借款|借款期内][|的]"
                + _INTPRE
                + "{INT}[计算|计息|，按月付息|，按季结息|，利随本清|支付利息|，每月{num}日付息|][。|；|，]",
                "{no1}" + _INTPRE + "{INT}[（{INTREL}）|]，[利息|]按[月|季|年]支付。",
                "{no1}借款[利率|利息]" + "[：|为|按]{INTREL}[，即{INT}|]。",
            ],
        ),
        "comp.overdue": (
            False,
            4,
            [
                "{no1}"
                + _OVDCOND
                + _OVDPRE
                + "[{OVD}|{OVDREL}|{OVDD}][计收罚息|计算逾期利息|计付逾期利息|计收复利|支付罚息|计收逾期利息|][。|；|，]",
                "{no1}" + _OVDCOND + _OVDPRE + "{OVDREL}[（即{OVD}）|][。|；]",
                "{no1}借款利率为{INT}，" + _OVDCOND + _OVDPRE + "[{OVD}|{OVDREL}][计收罚息|计息]。",
            ],
        ),
        "comp.penalty": (
            False,
            3.5,
            [
                "{no1}"
                + _PENCOND
                + "[应按|借款人应支付|须向出借人支付|按|承担|应向甲方支付|应当支付]{PEN}[的违约金|作为违约金|的滞纳金|的违约赔偿金|违约金][。|；]",
                "{no1}违约金[为|按|：]{PEN}[。|；|，]",
                "{no1}" + _PENCOND + "[应按|按]{PEND}[支付|计收|加收][违约金|滞纳金][。|；]",
            ],
        ),
        "comp.fee": (
            False,
            3,
            [
                "{no1}[平台|丙方|居间人|担保公司|服务机构|{co}|{platform}][按|每月按|向借款人收取|有权收取|收取][{FEE}|{FEEV}][的服务费|作为管理费|的手续费|的咨询费|的担保费|作为平台服务费|的账户管理费][。|；|，随每期还款支付。]",
                "{no1}[服务费|管理费|手续费|咨询费|担保费|风险金][按|为|：]{FEE}[收取|计收|][。|；|]",
                "{no1}借款人[每月|]应[另行|]支付[借款管理费|服务费]{FEE}[，从放款金额中扣除|，随利息一并支付|]。",
            ],
        ),
        "comp.principal": (
            False,
            3,
            [
                "{no1}[借款金额|借款本金|借款数额|贷款金额|借款总额|出借金额|本金|本次借款金额][为|：|:|共计|]{PRINCIPAL}[。|；|，]",
                "{no1}[甲方|出借人|贷款人|原告]向[乙方|借款人|被告][出借|借出|发放贷款|提供借款|交付借款]{PRINCIPAL}[。|，|；]",
                "{no1}[乙方|借款人|被告][向甲方|向出借人|向原告|][借款|借到|借得|共借款]{PRINCIPAL}[。|，|；]",
            ],
        ),
        "comp.party": (
            False,
            3,
            [
                "[出借人|贷款人|债权人|甲方（出借人）|原告]{LENDER}[与|和|同][借款人|债务人|乙方（借款人）|被告]{BORROWER}[签订|订立|签署][了|][借款合同|借款协议|借条]。",
                "{LENDER}[作为出借人|为出借方|系出借人]，{BORROWER}[作为借款人|为借款方|系借款人][，{GUARANTOR}作为保证人|，{GUARANTOR}为担保人|]。",
                "[借款人|借款方|债务人]为{BORROWER}，[出借人|贷款方|债权人]为{LENDER}[，保证人为{GUARANTOR}|]。",
                "由{LENDER}[出借|提供借款|发放贷款]给{BORROWER}[，{GUARANTOR}提供连带责任保证|]。",
                "被告{BORROWER}向原告{LENDER}借款[，被告{GUARANTOR}提供担保|，由被告{GUARANTOR}担保|]。",
                "原告{LENDER}借给被告{BORROWER}[款项|现金|资金]，[被告{GUARANTOR}为该笔借款提供保证|]。",
            ],
        ),
        "comp.misc": (
            False,
            3,
            [
                "{no1}[借款期限|期限|借期|贷款期限|使用期限][为|：|是|]{TERM}[，|。|；]",
                "{no1}[还款方式|偿还方式|还本付息方式][为|：|采用|]{METHOD}[，|。|；]",
                "{no1}[还款日|每期还款日|还款时间|到期日|还款期限][为|：|定于|至]{RDATE}[，|。|；]",
                "{no1}[签订日期|签约时间|借款日期|立据日期|落款日期][为|：]{CDATE}[。|]",
                "{no1}[发生争议的，|纠纷由|争议由|]{JUR}[管辖|仲裁|受理][。|；]",
                "{no1}[送达地址|通讯地址|住址|联系地址|邮寄地址][为|：]{ADDR}[。|；|]",
            ],
        ),
    }
)


# ============================================================================================ noise

_S2T: dict[str, str] | None = None


def _s2t_map() -> dict[str, str]:
    global _S2T
    if _S2T is None:
        from opencc import OpenCC

        cc = OpenCC("s2t")
        m = {}
        for cp in range(0x4E00, 0xA000):
            ch = chr(cp)
            t = cc.convert(ch)
            if len(t) == 1 and t != ch:
                m[ch] = t
        _S2T = m
    return _S2T


OCR = {
    "0": "O",
    "1": "l",
    "日": "曰",
    "已": "己",
    "人": "入",
    "元": "兀",
    "未": "末",
    "土": "士",
    "5": "S",
    "%": "％",
    "。": "，",
}


def _is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def add_noise(chars: list[tuple[str, str | None]], rng: random.Random) -> list[tuple[str, str | None]]:
    """Character-level noise that real PDFs and OCR produce; each character keeps its entity tag."""
    if rng.random() < 0.07:  # spaces inside CJK (letter-spaced PDF text)
        p = rng.uniform(0.1, 0.9)
        out = []
        for i, (c, t) in enumerate(chars):
            out.append((c, t))
            if i + 1 < len(chars) and _is_cjk(c) and rng.random() < p:
                nt = t if t is not None and chars[i + 1][1] == t else None
                out.append((" ", nt))
        chars = out
    if rng.random() < 0.05:  # spaces around numbers / units (年利率 19 %)
        out = []
        for i, (c, t) in enumerate(chars):
            out.append((c, t))
            if i + 1 < len(chars) and (c.isdigit() != chars[i + 1][0].isdigit()) and rng.random() < 0.5:
                nt = t if t is not None and chars[i + 1][1] == t else None
                out.append((" ", nt))
        chars = out
    if rng.random() < 0.06:  # hard line breaks (a broken PDF line)
        for _ in range(rng.randint(1, 2)):
            i = rng.randrange(1, max(2, len(chars)))
            t = chars[i - 1][1] if i < len(chars) and chars[i - 1][1] == chars[i][1] else None
            chars.insert(i, ("\n", t))
    if rng.random() < 0.03:  # fake bold: a run of doubled characters
        i = rng.randrange(0, max(1, len(chars)))
        j = min(len(chars), i + rng.randint(3, 20))
        dup = []
        for c, t in chars[i:j]:
            dup += [(c, t), (c, t)]
        chars = chars[:i] + dup + chars[j:]
    if rng.random() < 0.05:  # Traditional characters
        m = _s2t_map()
        chars = [(m.get(c, c), t) for c, t in chars]
    if rng.random() < 0.08:  # full-width digits / ASCII
        chars = [(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" and rng.random() < 0.8 else c, t) for c, t in chars]
    if rng.random() < 0.03:  # OCR confusions
        chars = [((OCR[c] if c in OCR and rng.random() < 0.3 else c), t) for c, t in chars]
    if rng.random() < 0.04:  # U+3000 after an article number
        for i, (c, _t) in enumerate(chars[:12]):
            if c == " ":
                chars[i] = ("\u3000", None)
    return chars


# ============================================================================================ assembling


def to_example(
    parts: list[tuple[str, str | None]], rng: random.Random, noise: bool
) -> tuple[str, list[list]]:
    chars: list[tuple[str, str | None]] = []
    for seg, (text, label) in enumerate(parts, 1):
        tag = f"{label}#{seg}" if label else None
        chars += [(c, tag) for c in text]
    if noise:
        chars = add_noise(chars, rng)
    text = "".join(c for c, _ in chars)
    ents = []
    i = 0
    while i < len(chars):
        t = chars[i][1]
        if t is None:
            i += 1
            continue
        j = i
        while j < len(chars) and chars[j][1] == t:
            j += 1
        s, e = i, j
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            ents.append([s, e, t.split("#")[0]])
        i = j
    return text, ents


def _fold(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s).split())


class Decontaminator:
    """Drops texts that share any ``k``-character window (white space removed, NFKC) with a DEV text."""

    def __init__(self, dev_texts: list[str], k: int = 20):
        self.k = k
        self.grams: set[str] = set()
        for t in dev_texts:
            f = _fold(t)
            for i in range(len(f) - k + 1):
                self.grams.add(f[i : i + k])

    def clean(self, text: str) -> bool:
        f = _fold(text)
        k = self.k
        return not any(f[i : i + k] in self.grams for i in range(len(f) - k + 1))


# Words put right before / after an entity by --context-aug, so that entity boundaries do not hang on the exact
# template wording around them (none of them can be read as part of an entity: no 前/整/止/元/每).
AFTER_WORDS = [
    *[
        "解决",
        "执行",
        "清偿",
        "计算",
        "支付",
        "为准",
        "归还",
        "起算",
        "等",
        "及",
        "和",
        "并",
        "之日",
        "以内",
        "计",
        "收取",
        "向",
        "给付",
        "还清",
        "偿还",
        "结算",
        "履行",
    ],
    *[
        "处理",
        "确定",
        "为限",
        "以上",
        "左右",
        "方式",
        "标准",
        "的",
        "后",
        "时",
        "中",
        "外",
        "按",
        "由",
        "一并",
        "另行",
        "各",
        "均",
        "即",
        "予以",
        "办理",
        "承担",
        "。",
        "，",
        "；",
        "、",
    ],
]
BEFORE_WORDS = [
    *[
        "向",
        "按",
        "由",
        "为",
        "约定",
        "以",
        "在",
        "于",
        "共计",
        "即",
        "按照",
        "依",
        "经",
        "系",
        "是",
        "：",
        "，",
        "另",
        "再",
        "均",
        "并",
        "及",
        "和",
        "应",
        "须",
        "可",
        "已",
        "将",
        "对",
        "就",
    ],
    *["其中", "合计", "总计", "计", "确认", "载明", "写明", "同意"],
]


def perturb_context(parts: list[tuple[str, str | None]], rng: random.Random) -> list[tuple[str, str | None]]:
    """Put other words next to some entities (labels unchanged): up to two characters after an entity are
    replaced, before an entity a word is only inserted, so the cue words that decide the label stay."""
    out = list(parts)
    for i in range(len(out)):
        if out[i][1] is None or rng.random() < 0.5:
            continue
        if i + 1 < len(out) and out[i + 1][1] is None and rng.random() < 0.7:
            nxt = out[i + 1][0]
            cut = rng.randint(0, min(2, len(nxt)))
            out[i + 1] = (rng.choice(AFTER_WORDS) + nxt[cut:], None)
        if i > 0 and out[i - 1][1] is None and rng.random() < 0.5:
            out[i - 1] = (out[i - 1][0] + rng.choice(BEFORE_WORDS), None)
    return out


# Families used only with --extra-negatives (kept apart so that data generated without the flag stays as it was).
EXTRA_FAMILIES: dict[str, tuple[bool, float, list[str]]] = {
    "neg.law": (False, 4, ["{law}", "{law}{law}", "{no1}{law}"]),
}
STATE["extra"] = False


# ============================================================================================ stage 3 (--stage3)
# More of the real variety, used only with --stage3 (kept apart so that data generated without the flag stays as it
# was).  The phrasings come from the real contracts in ../shared/realdata/contracts (bank consumer-loan contract,
# P2P platform agreements, 借条/借据 practice) and from ordinary Chinese loan-contract usage: repayment methods
# (等额本息 … 按期付息任意还本, 先息后本, 利随本清), repayment days (每月X日, 每季末月X日, due dates), penalty forms
# (提前还本违约金 = 提前还贷金额×违约金率, 每日按逾期金额的万分之五, fixed sums), fee names, party headings, tabular
# contract headers (``借款金额 | 借款期限 | 年利率 | 还款方式``) and punctuation/layout noise.  None of it is taken
# from the held-out families.

METHODS3 = [
    *METHODS,
    "等额本息还款",
    "等额本金还款",
    "等额本金还款法",
    "按月等额本息还款",
    "按月等额本金还款",
    "按月等额本息还款法",
    "等额本息分期还款",
    "分期等额本息",
    "按月还本付息",
    "按月偿还本息",
    "每月等额偿还本息",
    "按月等额偿还本金",
    "按月付息到期还本",
    "按月付息,到期还本",
    "按月付息、到期一次性还本",
    "按月付息，到期一次还本",
    "每月付息，到期还本",
    "每月付息、到期一次性还本",
    "按月结息、到期还本",
    "按月结息，到期一次还本",
    "按季付息、到期一次还本",
    "按季度付息，到期还本",
    "按季结息，到期一次性还本",
    "按半年付息、到期还本",
    "按年付息，到期还本",
    "先息后本",
    "先付息后还本",
    "一次性还本付息",
    "到期一次还本付息",
    "到期还本付息",
    "到期一次性归还本息",
    "到期一次性偿还本金和利息",
    "到期一次性还清本息",
    "到期一次性支付本息",
    "本息到期一次性结清",
    "一次还本付息还款法",
    "利随本清",
    "息随本清",
    "按期付息任意还本",
    "按期付息、任意还本",
    "按期付息任意还本法",
    "按月付息、分期还本",
    "按月付息，按季还本",
    "分期还本、按月付息",
    "分期还本付息",
    "按月分期还款",
    "按季分期还本付息",
    "按日计息、按月付息、到期还本",
    "按日计息，按月结息，到期一次性还本",
    "按月等额还款",
    "等本等息",
    "随借随还",
    "一次性还款",
    "到期一次性还款",
]


def method3(rng: random.Random) -> str:
    m = rng.choice(METHODS3)
    if m in ("等额本息", "等额本金", "按月等额本息", "按月等额本金") and rng.random() < 0.2:
        m += "还款法"
    return m


def repay_date3(rng: random.Random) -> str:
    r = rng.random()
    d = rng.randint(1, 28)
    if r < 0.5:
        return rng.choice(
            [
                f"每月{d}日",
                f"每月{d}号",
                f"每月的{d}日",
                f"每月第{d}日",
                f"每月的第{d}日",
                f"每月{cn_int(d)}日",
                f"每月{cn_int(d)}号",
                f"每个月{d}日",
                f"每个月的{d}号",
                f"每月{d:02d}日",
                "每月最后一日",
                "每月月末",
                "每月末日",
                f"每期{d}日",
            ]
        )
    if r < 0.62:
        m = rng.randint(1, 12)
        return rng.choice(
            [
                f"每季度末月{d}日",
                f"每季末月的{d}日",
                f"每季度最后一个月的{d}日",
                f"每年3月、6月、9月、12月的{d}日",
                f"每半年末月{d}日",
                f"每年{m}月{d}日",
                f"每年的{m}月{d}日",
                "每季末月20日",
                "每季度末月的21日",
            ]
        )
    return fmt_date(pick_date(rng), rng) + rng.choice(["", "", "", "前", "之前", "以前"])


_PEN_BASE_P = [
    "借款本金",
    "借款总额",
    "借款金额",
    "本金",
    "剩余本金",
    "未还本金",
    "贷款本金",
    "借款本金总额",
    "合同金额",
    "合同总金额",
    "借款合同金额",
    "未偿还本金",
    "未偿还本金余额",
    "剩余未还本金",
    "提前还款金额",
    "提前还款本金",
    "提前还贷金额",
    "提前偿还的本金",
    "授信额度",
    "借款额度",
]
_PEN_BASE_O = [
    "逾期金额",
    "逾期本金",
    "逾期本息",
    "逾期款项",
    "逾期未还款项",
    "逾期应还款项",
    "逾期未还金额",
    "应还未还金额",
    "应付未付款项",
    "应付未付金额",
    "拖欠款项",
    "拖欠本息",
    "尚欠款项",
    "当期应还本息",
    "当期逾期本息",
    "未按期归还的款项",
]


def penalty3(rng: random.Random) -> str:
    r = rng.random()
    bo, bp = rng.choice(_PEN_BASE_O), rng.choice(_PEN_BASE_P)
    if r < 0.4:
        w = rng.choice(
            [
                "万分之五",
                "万分之三",
                "万分之十",
                f"万分之{cn_int(rng.randint(1, 9))}",
                f"千分之{cn_int(rng.randint(1, 5))}",
                f"千分之{rng.randint(1, 5)}",
                f"{rng.choice(['0.05', '0.1', '0.03', '0.5', '1', '0.06'])}%",
                f"{rng.choice(['1', '0.5', '2', '3'])}‰",
                "百分之一",
                "百分之零点五",
            ]
        )
        return rng.choice(
            [
                f"每日{w}",
                f"按日{w}",
                f"日{w}",
                f"每天{w}",
                f"每日按{bo}的{w}",
                f"{bo}的每日{w}",
                f"{bo}每日{w}",
                f"每逾期一日按{bo}的{w}",
                f"每逾期一天按{bo}的{w}",
                f"按每日{w}",
                f"{w}/天",
                f"每日按{bp}的{w}",
            ]
        ).removeprefix("按")
    if r < 0.72:
        v = rng.choice(
            [
                "1%",
                "2%",
                "3%",
                "5%",
                "10%",
                "20%",
                "30%",
                "1‰",
                "3‰",
                "百分之五",
                "百分之十",
                "百分之二十",
                "百分之三十",
                "5％",
                "0.5%",
            ]
        )
        return rng.choice(
            [
                f"{bp}的{v}",
                f"{bp}{v}",
                f"{bp}总额的{v}",
                f"{bo}的{v}",
                f"{bo}{v}",
            ]
        )
    if r < 0.9:
        return money_expr(
            rng, float(rng.choice([100, 200, 300, 500, 1000, 2000, 3000, 5000, 10000, 20000, 30000, 50000]))
        )
    v = rng.choice(["0.5%", "1%", "2%", "千分之五", "百分之一"])
    return rng.choice([f"每月{bp}的{v}", f"每月{v}", f"按月{v}", f"{bp}的{v}/月"]).removeprefix("按")


def fee3(rng: random.Random) -> str:
    if rng.random() < 0.75:
        return fee_expr(rng)
    base = rng.choice(["借款本金", "借款金额", "贷款金额", "合同金额", "实际借款金额", "每期应还本金"])
    v = rng.choice(["0.3%", "0.5%", "0.6%", "0.8%", "1%", "2%", "3%", "4%", "5%", "0.49%", "千分之五"])
    return rng.choice(
        [
            f"{base}的{v}",
            f"每期{base}的{v}",
            f"每月{v}",
            f"{v}/月",
        ]
    )


def int3(rng: random.Random) -> str:
    return relative_interest(rng) if rng.random() < 0.15 else rate_expr(rng, "interest")


def ovd3(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.35:
        return relative_overdue(rng)
    if r < 0.5:
        return penalty_expr(rng, "daily")
    return rate_expr(rng, "overdue")


EXTRA_SLOTS.update(
    {
        "METHOD3": method3,
        "RDATE3": repay_date3,
        "PEN3": penalty3,
        "FEE3": fee3,
        "INT3": int3,
        "OVD3": ovd3,
        "tab": lambda r: r.choice(["\t", "  ", " ", "　", " | ", "：", "\n", "    "]),
        "end": lambda r: r.choice(["。", "；", "", "，", ";", "."]),
        "colon": lambda r: r.choice(["：", ":", "：", "为", " ", "为：", "："]),
        "lender_role3": lambda r: r.choice(
            [
                "出借人",
                "贷款人",
                "甲方",
                "债权人",
                "出借方",
                "授信人",
                "甲方（出借人）",
                "甲方（贷款人）",
                "贷款方",
                "出借人（甲方）",
                "甲方(债权人)",
                "放款人",
            ]
        ),
        "borrower_role3": lambda r: r.choice(
            [
                "借款人",
                "乙方",
                "债务人",
                "借款方",
                "借入方",
                "乙方（借款人）",
                "借款人（乙方）",
                "借款申请人",
                "甲方（借款人）",
                "乙方(债务人)",
                "主借款人",
                "借款人（甲方）",
            ]
        ),
        "guarantor_role3": lambda r: r.choice(
            [
                "保证人",
                "担保人",
                "丙方",
                "丙方（保证人）",
                "连带责任保证人",
                "担保方",
                "保证方",
                "共同担保人",
                "丙方（担保人）",
                "抵押人",
            ]
        ),
        "lend_verb": lambda r: r.choice(["出借", "借给", "提供借款", "发放贷款", "放款", "提供贷款"]),
        "pay_verb": lambda r: r.choice(["支付", "偿还", "归还", "清偿", "还清", "付清", "结清"]),
        "who_b": lambda r: r.choice(["乙方", "借款人", "甲方", "债务人", "借款方"]),
        "who_l": lambda r: r.choice(["甲方", "出借人", "贷款人", "债权人", "乙方"]),
        "feename": lambda r: r.choice(
            [
                "服务费",
                "平台服务费",
                "借款服务费",
                "账户管理费",
                "借款管理费",
                "咨询费",
                "咨询服务费",
                "征信审核费",
                "审核费",
                "手续费",
                "担保费",
                "居间服务费",
                "信息服务费",
                "贷款管理费",
                "渠道服务费",
                "风险管理费",
            ]
        ),
        "penname": lambda r: r.choice(
            [
                "违约金",
                "逾期违约金",
                "提前还款违约金",
                "提前还本违约金",
                "滞纳金",
                "逾期滞纳金",
                "违约赔偿金",
                "提前还款补偿金",
                "缩短借款期限违约金",
            ]
        ),
    }
)

for _k, _v in {
    "METHOD3": "REPAY_METHOD",
    "RDATE3": "REPAY_DATE",
    "PEN3": "PENALTY",
    "FEE3": "FEE",
    "INT3": "INTEREST_RATE",
    "OVD3": "OVERDUE_RATE",
}.items():
    ENTITY_SLOTS[_k] = _v

STAGE3_FAMILIES: dict[str, tuple[bool, float, list[str]]] = {
    "s3.method": (
        False,
        10,
        [
            "{no1}[还款方式|偿还方式|还本付息方式|本息偿还方式|还款方法|贷款偿还方式]{colon}{METHOD3}{end}",
            "{no1}[本合同|本协议]项下[借款|贷款]的还款方式[为|是|采用]{METHOD3}{end}",
            "{no1}{who_b}[选择|选取|采用|同意按照|按照]{METHOD3}的[方式|还款方式|方式偿还借款|方式归还借款本息]{end}",
            "{no1}{who_b}[应|须|同意]按{METHOD3}[方式|]{pay_verb}[借款本息|借款本金和利息|本息|贷款本息]{end}",
            "{no1}本[笔|]借款[采取|采用|实行]{METHOD3}[的|]还款方式，[{who_b}|]每月还款日为{RDATE3}{end}",
            "{no1}[借款期限|贷款期限]{TERM}，[采用|按]{METHOD3}[方式|][还款|偿还]，[每期|每月]还款日为{RDATE3}{end}",
            "{no1}[双方约定|经双方协商，]借款[按|以]{METHOD3}[方式|][归还|偿还|结算]{end}",
            "{no1}{who_b}[选取|选择]下列第[壹|一|1]种还款方式归还应付本息：{METHOD3}{end}",
            "{no1}还款方式{tab}{METHOD3}",
            "{no1}[还款方式|偿还方式]：☑{METHOD3}",
            "{no1}借款[本息|本金及利息]的偿还[采用|按照|实行]{METHOD3}[方式|办法]{end}",
            "{no1}[本借款|该笔借款]为{METHOD3}[方式|]，[{who_b}|]于{RDATE3}[{pay_verb}|]当期[本息|利息|应还款项]{end}",
            "{no1}{who_b}应以{METHOD3}方式还款，[首期还款日|还款日|每期还款日]为{RDATE3}{end}",
        ],
    ),
    "s3.rdate": (
        False,
        10,
        [
            "{no1}[还款日|每期还款日|约定还款日|每月还款日|借款到期日|到期日|还款日期|最后还款日][：|:|为| |为：]{RDATE3}{end}",
            "{no1}{who_b}[应|须|承诺|保证]于{RDATE3}{pay_verb}[全部|当期|][借款本息|借款|本金及利息|应还款项|借款本金]{end}",
            "{no1}{who_b}[应|须]在{RDATE3}将[当期|每期|]应还款项[足额|]存入[还款账户|指定账户|委托扣款账户]{end}",
            "{no1}[借款|本借款|本笔借款]到期日为{RDATE3}，[到期|届时]{who_b}[应|须]一次性{pay_verb}全部本息{end}",
            "{no1}[每期|每月]还款日为{RDATE3}[，遇节假日顺延|，节假日不顺延|（遇法定节假日顺延）|]{end}",
            "{no1}[还款时间|还款期限|归还时间][：|为]{RDATE3}{end}",
            "{no1}{who_b}[承诺|保证|同意]于{RDATE3}{pay_verb}[上述|全部|]借款[及利息|本息|]{end}",
            "{no1}[利息|借款利息]按月支付，[付息日|结息日]为每月{num}日；本金于{RDATE3}一次性{pay_verb}{end}",
            "{no1}{who_l}[有权|将]于{RDATE3}从{who_b}[指定|绑定]的银行卡账户扣收当期应还款项{end}",
            "{no1}还款日{tab}自{date}起{RDATE3}",
            "{no1}[首期还款日|第一期还款日|最后一期还款日]为{RDATE3}{end}",
            "{no1}[乙方|借款人]在{RDATE3}[未|没有]{pay_verb}[当期|]款项的，即构成逾期{end}",
        ],
    ),
    "s3.penalty": (
        False,
        12,
        [
            "{no1}{who_b}逾期[还款|支付|归还借款]的，[应|须]按{PEN3}[向{who_l}|]支付{penname}{end}",
            "{no1}{who_b}逾期[还款|支付]的，[应|须]向{who_l}支付{penname}，{penname}[为|按|按照]{PEN3}[计算|计收|]{end}",
            "{no1}{penname}[为|按|计算标准为|：|:]{PEN3}{end}",
            "{no1}{penname}[的计算方法为|计算方法为：|计算公式为：]{PEN3}{end}",
            "{no1}提前还本违约金计算方法为：违约金=提前还贷金额×违约金率，违约金率为{PENV}{end}",
            "{no1}{who_b}[提前还款|提前还本|提前偿还全部借款]的，[应|须][向{who_l}|]支付{PEN3}[作为|的]{penname}{end}",
            "{no1}{who_b}[擅自改变借款用途|未按约定用途使用借款|违反本合同约定|提供虚假材料]的，[{who_l}有权|应]按{PEN3}[收取|计收|支付]{penname}{end}",
            "{no1}[任何一方|一方]违约的，[违约方|应]向守约方支付{PEN3}的{penname}[，并赔偿对方因此遭受的损失|]{end}",
            "{no1}[若|如]{who_b}未按[期|时|约定][足额|]{pay_verb}[借款|款项|本息]，[应|须]承担{PEN3}的{penname}{end}",
            "{no1}[违约责任|逾期责任]：[逾期|每逾期一日|逾期还款的，]{who_b}[应|须]按{PEN3}支付{penname}{end}",
            "{no1}{who_b}[应|须]另行支付{penname}[人民币|]{PENF}{end}",
            "{no1}{penname}{tab}{PEN3}",
            "{no1}{who_b}[逾期|到期未还]超过{days}[天|日]的，[除支付罚息外，|]还应按{PEN3}支付{penname}{end}",
        ],
    ),
    "s3.overdue": (
        False,
        10,
        [
            "{no1}[罚息利率|逾期罚息利率|逾期利率|逾期利息][：|:|为|按]{OVD3}{end}",
            "{no1}{who_b}[未按期|未按时|到期未能]{pay_verb}[借款|本息|款项]的，{who_l}[有权|]自逾期之日起按{OVD3}计收[罚息|逾期利息|罚息和复利]{end}",
            "{no1}[逾期|借款逾期|逾期还款]的，[逾期部分|逾期本金|逾期款项]按{OVD3}[计收|计算|加收][罚息|逾期利息|利息]{end}",
            "{no1}[借款到期|借款期限届满]后[未还|仍未归还]的，[自逾期之日起|]按{OVD3}[支付|计付|计收]逾期利息{end}",
            "{no1}罚息总额 = 逾期[本金|金额|本息总额]×{OVD}×逾期天数{end}",
            "{no1}[逾期利息|罚息]{tab}{OVD3}",
            "{no1}对{who_b}未按期[偿还|支付]的[本金|利息]，{who_l}按{OVD3}计收[罚息|复利]{end}",
            "{no1}挪用借款的，[对挪用部分|]按{OVD3}计收罚息{end}",
        ],
    ),
    "s3.interest": (
        False,
        10,
        [
            "{no1}[借款利率|贷款利率|借款年利率|借款利息|利率|利息][：|:|为|按|确定为|执行|约定为]{INT3}{end}",
            "{no1}[双方约定|经双方协商，][借款利息|利息|本借款利息][按|以|为]{INT3}[计算|计|计收|]{end}",
            "{no1}本[合同|协议]项下借款[执行|适用|按][固定利率|浮动利率|利率]，[即|为|]{INT3}{end}",
            "{no1}借款期内[利率|借款利率]为{INT3}[，按月结息|，按季结息|，利随本清|，按日计息|]{end}",
            "{no1}利率{tab}{INT3}",
            "{no1}[年化利率|借款利率|综合年化利率]{tab}{INT3}",
            "{no1}{who_b}[应|须|同意]按{INT3}向{who_l}支付[借款|]利息{end}",
            "{no1}[借款|该笔借款]自实际放款之日起计息，[利率|借款利率]为{INT3}{end}",
        ],
    ),
    "s3.fee": (
        False,
        8,
        [
            "{no1}{feename}[：|:|为|按|标准为]{FEE3}{end}",
            "{no1}{who_b}[应|须|同意]向[丙方|平台|{who_l}|服务方][支付|缴纳]{feename}，[{feename}|费用][为|按]{FEE3}{end}",
            "{no1}{who_b}[应|须]按{FEE3}[支付|缴纳][{feename}|费用][，随每期还款一并支付|，于放款时一次性扣除|]{end}",
            "{no1}{feename}{tab}{FEE3}",
            "{no1}[平台|丙方|服务方]按{FEE3}[收取|计收]{feename}{end}",
        ],
    ),
    "s3.parties": (
        False,
        10,
        [
            "{lender_role3}{colon}{LENDER}\n{borrower_role3}{colon}{BORROWER}",
            "{borrower_role3}{colon}{BORROWER}[\n身份证号码：{idno}|，身份证号：{idno}|]\n{lender_role3}{colon}{LENDER}",
            "{lender_role3}[（盖章）|（签字）|]：{LENDERCO}\n法定代表人：{p}\n[住所|地址]：{ADDR}\n{borrower_role3}[（签字）|]：{BORROWER}",
            "{lender_role3}{colon}{LENDERBANK}\n[负责人|法定代表人]：{p}\n{borrower_role3}{colon}{BORROWER}\n{guarantor_role3}{colon}{GUARANTOR}",
            "{borrower_role3}{tab}{BORROWER}{tab}[联系电话|手机号码]{tab}{phone}",
            '{no1}{LENDER}（以下简称[“甲方”|"甲方"|“出借人”]）与{BORROWER}（以下简称[“乙方”|"乙方"|“借款人”]）[经协商一致|本着平等自愿原则]，[签订本合同|达成如下协议]{end}',
            "{no1}{BORROWER}[因{purpose}|]向{LENDER}借款{PRINCIPAL}{end}",
            "{no1}{GUARANTOR}[自愿|同意]为{BORROWER}的[上述|本]借款提供连带责任保证{end}",
            "{guarantor_role3}{colon}{GUARANTOR}[，身份证号：{idno}|，住址：{ADDR}|]",
        ],
    ),
    "s3.principal": (
        False,
        8,
        [
            "{no1}[借款金额|借款本金|贷款金额|借款额度|本金数额|借款数额][（大写）|(大写)|]{colon}{PRINCIPAL}{end}",
            "{no1}{who_l}同意向{who_b}{lend_verb}[人民币|]{PRINCIPAL}{end}",
            "{no1}{who_b}向{who_l}借款[人民币|]{PRINCIPAL}，借款期限{TERM}{end}",
            "{no1}借款金额{tab}{PRINCIPAL}",
            "{no1}[今|兹]借到{LENDER}[现金|人民币]{PRINCIPAL}{end}",
        ],
    ),
    "s3.table": (
        False,
        12,
        [
            "借款金额{tab}{PRINCIPAL}\n借款期限{tab}{TERM}\n[年利率|借款利率|月利率]{tab}{INT3}\n还款方式{tab}{METHOD3}\n还款日{tab}{RDATE3}",
            "借款本金{tab}{PRINCIPAL}{tab}借款期限{tab}{TERM}\n还款方式{tab}{METHOD3}{tab}每月还款日{tab}{RDATE3}",
            "{no1}借款金额：{PRINCIPAL}；借款期限：{TERM}；[借款利率|年化利率|利率]：{INT3}；还款方式：{METHOD3}；还款日：{RDATE3}{end}",
            "{no1}[贷款|借款]种类：{purpose}；[贷款|借款]金额：{PRINCIPAL}；期限：{TERM}；还款方式：{METHOD3}{end}",
            "{no1}[出借人|甲方]：{LENDER}；[借款人|乙方]：{BORROWER}；借款金额：{PRINCIPAL}；{INT3}；{METHOD3}{end}",
            "罚息利率{tab}{OVD3}\n{penname}{tab}{PEN3}\n{feename}{tab}{FEE3}",
            "{no1}借款{PRINCIPAL}，期限{TERM}，{INT3}，{METHOD3}，每月还款日为{RDATE3}{end}",
            "{no1}[签订日期|签约日期|合同签订日期|立据日期|借款日期][：|:| ]{CDATE}\n[签订地点|签约地点]：{city}",
            "{no1}还款方式：{METHOD3}\n还款日：{RDATE3}\n逾期[罚息|利息]：{OVD3}\n违约金：{PEN3}",
        ],
    ),
    "s3.iou": (
        False,
        6,
        [
            "借条\n今[向|从]{LENDER}[处|]借到[人民币|现金]{PRINCIPAL}，[约定|]{INT3}，[于|定于]{RDATE3}{pay_verb}，[采用|按]{METHOD3}[方式|][还款|]{end}\n借款人：{BORROWER}\n{CDATE}",
            "借款人{BORROWER}[于{CDATE}|]向{LENDER}借款{PRINCIPAL}，[借期|期限]{TERM}，{INT3}，[逾期|逾期未还的][按|，按]{OVD3}计息{end}",
            "{no1}[本借条|本借据][于|自]{CDATE}[出具|签署|生效]，[借款人|立据人]{BORROWER}承诺于{RDATE3}归还全部借款{end}",
        ],
    ),
    "s3.term": (
        False,
        6,
        [
            "{no1}[借款期限|贷款期限|借期|借款期间|使用期限|授信期限|额度有效期][：|:|为| |为：]{TERM}{end}",
            "{no1}借款期限[为|]{TERM}，[自|从]{date}起[算|计算]{end}",
            "{no1}{who_b}使用借款的期限为{TERM}[，到期一次性{pay_verb}|]{end}",
        ],
    ),
    "s3.misc": (
        False,
        6,
        [
            "{no1}[本合同|本协议]于{CDATE}在{city}签订，[自双方签字（盖章）之日起生效|自各方签字之日起生效|一式两份]{end}",
            "{no1}因本合同[发生|产生|引起]的[一切|任何]争议，[双方|各方]协商不成的，[应|可|均]向{JUR}[提起诉讼|起诉|申请仲裁]{end}",
            "{no1}[双方|各方]同意，本合同[项下|]争议由{JUR}[管辖|仲裁|裁决]{end}",
            "{no1}{who_b}[确认|同意]以{ADDR}为[送达地址|通讯地址|有效送达地址]{end}",
            "{no1}[借款人|乙方][住所|住址|通讯地址|现住址][：|:]{ADDR}{end}",
        ],
    ),
    # negatives: clause text that names the terms without stating them (as in the real platform contracts)
    "s3.neg": (
        False,
        8,
        [
            "{no1}如{who_b}还款不足以偿还约定的本金、利息及{penname}的，{who_l}同意按照其借出款项比例收取还款{end}",
            "{no1}在{who_b}还清全部本金、利息、{feename}、罚息之前，罚息及{feename}的计算不停止{end}",
            "{no1}借款[到期日|还款日]遇法定节假日的，顺延至节假日后的第一个工作日{end}",
            "{no1}{who_b}提前还款的，应提前{days}日书面通知{who_l}，并结清当期应还本息{end}",
            "{no1}担保范围包括[借款|]本金、利息、罚息、复利、{penname}、损害赔偿金和实现债权的费用{end}",
            "{no1}还款方式{tab}{tpl}",
            "{no1}还款日{tab}{tpl}",
            "{no1}[{penname}|{feename}|罚息利率]{tab}{tpl}",
            "{no1}{who_b}的还款首先用于偿还[费用|{feename}]，其次偿还罚息、复利，再次偿还利息，最后偿还本金{end}",
            "{no1}逾期天数：自还款日之次日起算{end}",
        ],
    ),
}


def punct_variation(parts: list[tuple[str, str | None]], rng: random.Random) -> list[tuple[str, str | None]]:
    """--stage3: half-/full-width punctuation swaps and dropped sentence ends in the non-entity text."""
    table = rng.choice(
        [
            {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"},
            {"，": "、"},
            {"。": ""},
            {":": "：", ",": "，"},
            {"：": " "},
        ]
    )
    return [(p if t else "".join(table.get(c, c) for c in p), t) for p, t in parts]


STATE["stage3"] = False


def family_ids(split: str) -> list[str]:
    fams = {**FAMILIES, **EXTRA_FAMILIES} if STATE.get("extra") else FAMILIES
    if STATE.get("stage3"):
        fams = {**fams, **STAGE3_FAMILIES}
    if split == "test":
        return [f for f, (held, _w, _t) in fams.items() if held]
    return [f for f, (held, _w, _t) in fams.items() if not held]


def _family(name: str) -> tuple[bool, float, list[str]]:
    return FAMILIES.get(name) or EXTRA_FAMILIES.get(name) or STAGE3_FAMILIES[name]


def generate(
    split: str,
    n: int,
    seed: int,
    dev_texts: list[str] | None = None,
    noise: bool = True,
    long_frac: float = 0.12,
    context_aug: float = 0.0,
    extra_negatives: bool = False,
    legacy_filters: bool = False,
    stage3: bool = False,
    require_labels: frozenset[str] = frozenset(),
):
    rng = random.Random(seed)
    STATE["extra"] = extra_negatives
    STATE["stage3"] = stage3
    STATE["legacy"] = legacy_filters
    fams = family_ids(split)
    weights = [_family(f)[1] for f in fams]
    deco = Decontaminator(dev_texts) if dev_texts else None
    STATE["split"], STATE["deco"] = split, deco
    _SOURCES.clear()
    dropped = 0
    made = 0
    while made < n:
        if rng.random() < long_frac:  # a multi-clause paragraph (trains positions up to ~300 and windowing)
            k = rng.randint(3, 7)
            parts: list[tuple[str, str | None]] = []
            picked = rng.choices(fams, weights, k=k)
            for fam in picked:
                parts += render(rng.choice(_family(fam)[2]), rng)
                parts.append((rng.choice(["", "\n", " ", "\n"]), None))
            family = "multi:" + picked[0]
        else:
            fam = rng.choices(fams, weights)[0]
            parts = render(rng.choice(_family(fam)[2]), rng)
            family = fam
        if context_aug and rng.random() < context_aug:
            parts = perturb_context(parts, rng)
        if stage3 and noise and rng.random() < 0.15:
            parts = punct_variation(parts, rng)
        text, ents = to_example(parts, rng, noise)
        if len(text) > 480:
            continue
        if require_labels and not any(e[2] in require_labels for e in ents):
            continue
        if deco is not None and not deco.clean(text):
            dropped += 1
            continue
        made += 1
        yield {"text": text, "entities": ents, "family": family}
    if dropped:
        print(
            f"decontamination: dropped {dropped} generated texts sharing a 20-char window with DEV",
            file=sys.stderr,
        )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--split", choices=["train", "test", "seen"], default="train")
    ap.add_argument("--out", required=True)
    ap.add_argument(
        "--dev",
        default=str(Path(__file__).resolve().parent.parent / "data" / "eval" / "clauses_dev.jsonl"),
        help="DEV clauses to decontaminate against ('' = none)",
    )
    ap.add_argument("--no-noise", action="store_true")
    ap.add_argument(
        "--legacy-filters",
        action="store_true",
        help="the statute filter as it was for the stage-1/2 data (empty statute pool); only to reproduce them",
    )
    ap.add_argument(
        "--extra-negatives",
        action="store_true",
        help="add the neg.law family: generic statute prose without figures (off = reproduces older data)",
    )
    ap.add_argument(
        "--context-aug",
        type=float,
        default=0.0,
        help="share of examples whose entity neighbours are replaced by random words (0 = off, reproduces older data)",
    )
    ap.add_argument(
        "--stage3",
        action="store_true",
        help="add the stage-3 families (more phrasings of every clause type, tabular headers, punctuation "
        "variation) to the training families (off = reproduces older data)",
    )
    ap.add_argument(
        "--require-labels",
        default="",
        help="comma-separated labels (e.g. OVERDUE_RATE,PENALTY,FEE): keep only generated examples holding at "
        "least one of them ('' = keep all, the default; reproduces older data)",
    )
    args = ap.parse_args(argv)
    dev = []
    if args.dev and Path(args.dev).exists():
        dev = [json.loads(line)["text"] for line in Path(args.dev).read_text(encoding="utf-8").splitlines()]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    labels = Counter()
    fams = Counter()
    h = hashlib.sha256()
    with out.open("w", encoding="utf-8") as f:
        for ex in generate(
            args.split,
            args.n,
            args.seed,
            dev,
            noise=not args.no_noise,
            context_aug=args.context_aug,
            extra_negatives=args.extra_negatives,
            legacy_filters=args.legacy_filters,
            stage3=args.stage3,
            require_labels=frozenset(x for x in args.require_labels.split(",") if x),
        ):
            line = json.dumps(ex, ensure_ascii=False)
            h.update(line.encode())
            f.write(line + "\n")
            labels.update(e[2] for e in ex["entities"])
            fams[ex["family"].split(".")[0].removeprefix("multi:")] += 1
    print(
        f"wrote {args.n} examples to {out} (split={args.split}, seed={args.seed}) sha256={h.hexdigest()[:16]}"
    )
    print("families used:", len(family_ids(args.split)), "entities:", dict(sorted(labels.items())))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    raise SystemExit(main())
