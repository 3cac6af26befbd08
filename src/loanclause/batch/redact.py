"""``--redact``: mask personal data in stored reports and exports, character for character.

Every masked character becomes ``＊`` (U+FF0A), one for one, so every offset in the report (clauses, entities,
findings) still points at the same place.  What is masked:

* resident ID numbers (18 characters with a valid check digit; 15-digit first-generation numbers),
  unified social credit codes (18 characters with a valid check character);
* mobile numbers (1[3-9] and 9 digits) and landline numbers (0 + area code + 7–8 digits);
* bank card and account numbers: every run of 12–19 digits, optionally grouped by spaces or hyphens — Luhn-valid
  cards and the account numbers that have no check digit alike (privacy first: an ID number with a wrong check
  digit is masked too);
* the names of natural persons among the parties: the terms' lender, borrower and guarantors,
  LENDER/BORROWER/GUARANTOR entities, and the value after a party label in the text (出借人：张三,
  乙方（借款人）：李四, 户名：…), kept only when it reads as a person's name (a company or bank name is not
  personal data and stays readable); every occurrence of such a name anywhere in the report is masked.

Not masked: file paths (the ``source`` field and the path columns of exports), codes, ids, numbers and dates held
in structured fields (amounts, rates).
"""

from __future__ import annotations

import re
from typing import Any

MASK = "＊"

__all__ = ["MASK", "id_numbers", "redact_report", "sensitive_spans"]

_ID18 = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<![0-9A-Za-z])\d{15}(?![0-9A-Za-z])")
_USCC = re.compile(r"(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)0\d{2,3}[- ]?\d{7,8}(?!\d)")
_ACCOUNT = re.compile(r"(?<![\d.])\d{4}(?:[ -]?\d){8,15}(?![\d.])")

_PARTY_LABEL = re.compile(
    r"(?:出借人|贷款人|借款人|甲方|乙方|丙方|丁方|保证人|担保人|抵押人|出质人|债权人|债务人|姓名|"
    r"法定代表人|负责人|委托代理人|代理人|联系人|户名|开户名|账户名称|收款人|付款人)"
    r"(?:[（(][^（）()\n]{0,12}[）)])?\s*[:：]\s*"
    r"(?P<name>[^\s:：，,。；;（）()【】\[\]、\n_＿]{2,40})"
)
_NAME_LABELS = {"LENDER", "BORROWER", "GUARANTOR"}
_PLACEHOLDER = re.compile(r"^[\s_＿\-—.·…＊*X×/／]+$|^(?:签字|签章|盖章|签名|本人|身份证|电话)")

# Keys whose string values are structure, not free text: never masked.
_KEEP_KEYS = frozenset(
    {
        "source",
        "sha256",
        "format",
        "code",
        "severity",
        "id",
        "clause_id",
        "parent_id",
        "style",
        "kinds",
        "label",
        "loanclause_version",
        "lender_kind",
        "period",
        "form",
        "currency",
        "repayment_method",
        "amount",
        "value",
        "annual",
        "relative_to",
        "confidence",
        "effective_from",
        "effective_to",
        "as_of",
        "start_date",
        "end_date",
        "contract_date",
        "encoding",
        "document",
        "article",
    }
)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _valid_id18(s: str) -> bool:
    total = sum(int(c) * w for c, w in zip(s[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == s[17].upper()


def _valid_uscc(s: str) -> bool:
    try:
        total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(s[:17], _USCC_WEIGHTS, strict=True))
    except ValueError:
        return False
    return _USCC_ALPHABET[(31 - total % 31) % 31] == s[17]


def id_numbers(text: str) -> list[tuple[int, int, bool]]:
    """Every 18-character resident ID number in ``text``: its span and whether the check digit is right."""
    return [(m.start(), m.end(), _valid_id18(m.group())) for m in _ID18.finditer(text)]


def sensitive_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of ID, phone and account numbers in ``text`` (validated where a checksum exists)."""
    spans: list[tuple[int, int]] = []
    spans += [m.span() for m in _ID18.finditer(text) if _valid_id18(m.group())]
    spans += [m.span() for m in _USCC.finditer(text) if _valid_uscc(m.group())]
    spans += [m.span() for m in _ID15.finditer(text)]
    spans += [m.span() for m in _MOBILE.finditer(text)]
    spans += [m.span() for m in _LANDLINE.finditer(text)]
    spans += [m.span() for m in _ACCOUNT.finditer(text)]
    return spans


def _party_names(report: dict[str, Any]) -> set[str]:
    names: set[str] = set()
    terms = report.get("terms") or {}
    for key in ("lender", "borrower"):
        if isinstance(terms.get(key), str):
            names.add(terms[key])
    names.update(g for g in terms.get("guarantors") or () if isinstance(g, str))
    for entity in report.get("entities") or ():
        if entity.get("label") in _NAME_LABELS and isinstance(entity.get("text"), str):
            names.add(entity["text"])
    for m in _PARTY_LABEL.finditer(report.get("text") or ""):
        names.add(m.group("name"))
    from loanclause.rules.context import natural_person

    return {
        n.strip()
        for n in names
        if len(n.strip()) >= 2 and not _PLACEHOLDER.search(n.strip()) and natural_person(n.strip())
    }


def _mask(text: str, names: list[str]) -> str:
    chars = list(text)
    for start, end in sensitive_spans(text):
        for i in range(start, end):
            if not chars[i].isspace():
                chars[i] = MASK
    for name in names:
        start = text.find(name)
        while start >= 0:
            chars[start : start + len(name)] = MASK * len(name)
            start = text.find(name, start + len(name))
    return "".join(chars)


def _walk(value: Any, names: list[str], key: str | None = None) -> Any:
    if key in _KEEP_KEYS:
        return value
    if isinstance(value, str):
        return _mask(value, names)
    if isinstance(value, list):
        return [_walk(v, names) for v in value]
    if isinstance(value, dict):
        return {k: _walk(v, names, k) for k, v in value.items()}
    return value


def redact_report(report: dict[str, Any]) -> dict[str, Any]:
    """A copy of a report (``ContractReport.model_dump(mode="json")``) with personal data masked in place."""
    names = sorted(_party_names(report), key=len, reverse=True)
    return _walk(report, names)
