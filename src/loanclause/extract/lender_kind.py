"""Which kind of lender a contract names: the caps differ by kind, so guessing "private" for a bank is a wrong verdict.

Private lending (民间借贷) is lending between natural persons, companies and other organisations that are not
financial institutions licensed by the financial regulators (SPC private-lending provisions Art. 1).  Licensed
institutions (banks, consumer-finance, trust, auto-finance and financial-leasing companies) fall outside those
provisions; so do, since 2021-01-01, the seven kinds of local financial organisations, microloan companies first
(法释〔2020〕27号).  The lender's own name says which, nearly always: a registered name carries its business
(``…小额贷款有限公司``, ``…银行股份有限公司…支行``, ``…消费金融有限公司``).  A name that says none of these, a
person's name or an ordinary company, is private lending.  No name found: unknown, and the caller's default
applies (``private``), said as an assumption.
"""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["LenderKind", "infer_lender_kind"]

LenderKind = Literal["private", "licensed_fi", "local_fin_org"]

# the order matters: 小额贷款 before 贷款, 金融租赁 (licensed) before 融资租赁 (local)
_PATTERNS: tuple[tuple[re.Pattern[str], LenderKind, str, str], ...] = (
    (
        re.compile(r"小额贷款|小贷(?:股份)?有限|小贷公司"),
        "local_fin_org",
        "小额贷款公司",
        "a microloan company",
    ),
    (re.compile(r"融资担保"), "local_fin_org", "融资担保公司", "a financing-guarantee company"),
    (re.compile(r"典当"), "local_fin_org", "典当行", "a pawnshop"),
    (re.compile(r"金融租赁"), "licensed_fi", "金融租赁公司", "a financial-leasing company"),
    (re.compile(r"融资租赁"), "local_fin_org", "融资租赁公司", "a financing-lease company"),
    (re.compile(r"商业保理|保理(?:有限|股份)"), "local_fin_org", "商业保理公司", "a factoring company"),
    (
        re.compile(r"资产管理(?:股份)?有限"),
        "local_fin_org",
        "地方资产管理公司",
        "a local asset-management company",
    ),
    (re.compile(r"消费金融"), "licensed_fi", "消费金融公司", "a consumer-finance company"),
    (re.compile(r"汽车金融"), "licensed_fi", "汽车金融公司", "an auto-finance company"),
    (re.compile(r"信托(?:有限|股份)"), "licensed_fi", "信托公司", "a trust company"),
    (
        re.compile(r"银行|信用合作社|信用社|农村合作银行|村镇银行"),
        "licensed_fi",
        "银行业金融机构",
        "a bank or credit co-operative",
    ),
)
_PERSON_RE = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
_ORG_RE = re.compile(r"公司|企业|合伙|中心|厂|店|集团|事务所|合作社")


def infer_lender_kind(lender: str | None) -> tuple[LenderKind | None, str, str]:
    """(kind, why in Chinese, why in English) from the lender's name; kind None when no name was found."""
    if not lender:
        return None, "", ""
    name = lender.strip()
    for pattern, kind, what_zh, what_en in _PATTERNS:
        if pattern.search(name):
            return kind, f"出借人“{name}”为{what_zh}", f"the lender “{name}” is {what_en}"
    if _ORG_RE.search(name):
        return (
            "private",
            f"出借人“{name}”名称中无持牌金融机构字样，按民间借贷",
            f"the lender “{name}” names no licensed lending business: private lending",
        )
    if _PERSON_RE.match(name):
        return (
            "private",
            f"出借人“{name}”为自然人，按民间借贷",
            f"the lender “{name}” is a natural person: private lending",
        )
    return (
        "private",
        f"出借人“{name}”未见持牌金融机构字样，按民间借贷",
        f"the lender “{name}”: private lending",
    )
