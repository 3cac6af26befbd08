"""Numbers as Chinese contracts and judgments write them.

* Arabic figures with separators: ``1,560,000.00``, ``1，560，000.00``, full-width ``１，５６０，０００．００``;
* Chinese numerals: ``一千二百三十四``, ``两万``, ``十五``, ``一百零五``, ``二点五``, digit strings ``二〇二三``;
* 大写 (financial capitals): ``壹拾万``, ``伍仟``, ``贰佰万``, ``拾``, irregular ``壹十八万``;
* mixed: ``1.5万``, ``3700万``, ``10万``;
* colloquial abbreviation: ``一万五`` = 15000, ``三千五`` = 3500 (a digit right after a unit means one unit lower).

Everything returns ``Decimal``; nothing goes through ``float``.  ``to_daxie`` writes an amount in the RMB capital
form (``壹拾万元整``) so that money parsing can be property-tested by round trip.

``normalize_width`` maps full-width ASCII (digits, ``％``, ``．``, ``，`` …) to ASCII one character for one
character, so offsets found in the normalised text are offsets into the original.
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, InvalidOperation

__all__ = [
    "CN_DIGITS",
    "CN_NUMERAL_CHARS",
    "normalize_width",
    "open_fill_ins",
    "parse_arabic",
    "parse_chinese_number",
    "parse_number",
    "plausible",
    "tidy",
    "to_daxie",
    "whole_fill_ins",
]

CN_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "壹": 1,
    "弌": 1,
    "幺": 1,
    "二": 2,
    "贰": 2,
    "貳": 2,
    "两": 2,
    "兩": 2,
    "俩": 2,
    "倆": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "叄": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_POINT = "点點"

#: every character that can be part of a Chinese numeral (not the decimal point)
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)

# full-width forms U+FF01..U+FF5E map to U+0021..U+007E; the ideographic space to a space
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20
# percent signs that are not U+0025: small (﹪, Word's "small form variants") and Arabic (٪)
_WIDTH_TABLE[0xFE6A] = 0x25
_WIDTH_TABLE[0x066A] = 0x25


def normalize_width(text: str) -> str:
    """Full-width ASCII → ASCII, one character for one character (offsets stay valid)."""
    return text.translate(_WIDTH_TABLE)


#: A figure filled into a template's blank: ``每日【0.066】%``, ``人民币【50000】元``, ``年利率[ 12 ]%``,
#: ``〔伍万〕元``.  Platforms print their templates with the blanks bracketed, so a filled contract keeps the
#: brackets around every figure that was typed in.  Only a bracket holding nothing but a figure (and its ``%``)
#: is opened: ``【借款金额】`` and an empty ``[ ]`` stay as they are.
_FILL_IN_RE = re.compile(
    r"[【\[〔〖]\s*(?:[0-9][0-9.,，]*\s*[%‰]?|[" + CN_NUMERAL_CHARS + r"点點]{1,20})\s*[】\]〕〗]"
)


#: the same on a printed line: ``年利率___12___%``
#: (a run of underlines is taken whole, once, from its first character: a hostile line of 100,000 underlines stays
#: linear instead of being retried from every position)
_UNDERLINED_RE = re.compile(
    r"(?<!_)_++(\s*+(?:[0-9][0-9.,，]*\s*[%‰]?|[" + CN_NUMERAL_CHARS + r"点點]{1,20})\s*)_+"
)


def open_fill_ins(text: str) -> str:
    """The brackets or underlines around a filled-in figure read as spaces, one for one (offsets stay valid),
    so that ``每日【0.066】%`` is read like ``每日 0.066 %``."""
    if "_" in text:
        text = _UNDERLINED_RE.sub(lambda m: m.group(0).replace("_", " "), text)
    return _FILL_IN_RE.sub(lambda m: " " + m.group(0)[1:-1] + " ", text)


_OPENERS = "【[〔〖［"
_CLOSERS = "】]〕〗］"


def whole_fill_ins(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` widened by the one bracket it cuts in half: a span read off ``每日 0.066 %`` covers
    ``0.066】%`` in the original, and the evidence should show ``【0.066】%``."""
    seg = text[start:end]
    opened = sum(seg.count(c) for c in _OPENERS)
    closed = sum(seg.count(c) for c in _CLOSERS)
    if closed > opened and start > 0 and text[start - 1] in _OPENERS:
        start -= 1
    elif opened > closed and end < len(text) and text[end] in _CLOSERS:
        end += 1
    return start, end


#: A figure with more integer digits than this is not an amount or a rate that any loan writes (a run that long
#: is an account number or a garbled table).  Refusing it here keeps every later Decimal step (interest,
#: annualising, quantizing to the fen) inside Decimal's 28-digit context, and ``int()`` far from its 4300-digit
#: limit.
MAX_INTEGER_DIGITS = 18
#: The longest Chinese numeral below 10^18 with every unit written out is under 40 characters; longer runs of
#: numeral characters (一亿一亿…, 4,000 一) are not one number, and reading them would only cost time and stack.
_MAX_CN_NUMERAL_CHARS = 48
_LIMIT = Decimal(10) ** MAX_INTEGER_DIGITS
#: quantizing needs room for the integer digits plus the decimals kept; 28 is not always enough
_WIDE = Context(prec=MAX_INTEGER_DIGITS + 40)


def plausible(value: Decimal | None) -> Decimal | None:
    """The value when it is finite and below 10^18 in size, else None (see ``MAX_INTEGER_DIGITS``)."""
    if value is None or not value.is_finite() or abs(value) >= _LIMIT:
        return None
    return value


def tidy(d: Decimal, exp: Decimal | None = None) -> Decimal:
    """``d`` rounded to ``exp`` when given, written without trailing zeros: ``15000``, not ``1.5E+4``.

    Quantizing runs in a wide context so that no finite figure the parsers admit raises InvalidOperation."""
    if exp is not None:
        d = d.quantize(exp, context=_WIDE)
    if d == d.to_integral_value():
        return d.quantize(Decimal(1), context=_WIDE)
    return d.normalize(context=_WIDE)


_ARABIC_RE = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")


def parse_arabic(text: str) -> Decimal | None:
    """``1,560,000.00`` / ``1，560，000.00`` / ``１５６００００`` → Decimal; None when it is not one figure.

    Thousands separators must group by three (``1,56,0000`` is rejected rather than guessed)."""
    s = normalize_width(text).strip().replace("，", ",").replace(" ", "")
    if not s or not _ARABIC_RE.fullmatch(s):
        return None
    try:
        return plausible(Decimal(s.replace(",", "")))
    except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
        return None


def _parse_section(s: str) -> int | None:
    """A numeral below 10^4 with small units (十百千), e.g. ``三千五百零二``, ``十五``, ``三千五`` (=3500)."""
    if not s:
        return 0
    total = 0
    pending: int | None = None
    last_unit = 0
    saw_zero = False
    for ch in s:
        if ch in CN_DIGITS:
            d = CN_DIGITS[ch]
            if d == 0:
                saw_zero = True
                if pending is not None and pending != 0:
                    return None  # 五零 inside a unit numeral: not a numeral we read
                pending = None
                continue
            if pending is not None:
                return None  # two digits in a row (五五) inside a unit numeral
            pending = d
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if last_unit and unit >= last_unit:
                return None  # 百千 out of order
            total += (1 if pending is None else pending) * unit
            pending = None
            last_unit = unit
            saw_zero = False
        else:
            return None
    if pending is not None:
        if last_unit >= 100 and not saw_zero and _ends_with_unit_then_digit(s):
            total += pending * last_unit // 10  # 三千五 = 3500, 一百五 = 150
        else:
            total += pending
    return total


def _ends_with_unit_then_digit(s: str) -> bool:
    return len(s) >= 2 and s[-2] in _SMALL_UNITS and s[-1] in CN_DIGITS


def _parse_cn_integer(s: str) -> int | None:
    if not s:
        return None
    # digit strings without units: 二〇二三, 一九九八 (years, codes)
    if all(ch in CN_DIGITS for ch in s):
        if len(s) == 1:
            return CN_DIGITS[s]
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    for big_char in ("亿", "億", "万", "萬"):
        i = s.rfind(big_char)
        if i >= 0:
            big = _BIG_UNITS[big_char]
            head = _parse_cn_integer(s[:i]) if i > 0 else 1
            if head is None or head == 0:
                return None
            tail_s = s[i + 1 :]
            if big == 10**8 and ("万" in tail_s or "萬" in tail_s):
                tail = _parse_cn_integer(tail_s)
            elif (
                tail_s
                and all(ch in CN_DIGITS for ch in tail_s)
                and len(tail_s) == 1
                and tail_s not in "零〇○"
            ):
                tail = CN_DIGITS[tail_s] * big // 10  # 一万五 = 15000, 一亿五 = 150000000
            else:
                tail = _parse_section(tail_s.lstrip("零〇○")) if tail_s else 0
            if tail is None or tail >= big:
                return None
            return head * big + tail
    return _parse_section(s)


def parse_chinese_number(text: str) -> Decimal | None:
    """Chinese or 大写 numeral → Decimal: ``一千二百三十四``, ``两万``, ``拾``, ``二点五``, ``一万五``, ``二〇二三``.

    Arabic digits may be mixed in (``1.5万``, ``3700万``, ``壹十八万``).  Returns None for anything else."""
    s = normalize_width(text).strip()
    if not s or len(s) > _MAX_CN_NUMERAL_CHARS:
        return None
    # Arabic head with Chinese big unit: 1.5万, 3700万, 10万, 1.2亿
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([万萬亿億]{1,2}|千|百)", s)
    if m:
        mult = 1
        for ch in m.group(2):
            mult *= _BIG_UNITS.get(ch) or _SMALL_UNITS[ch]
        return _tidy_plausible(Decimal(m.group(1)) * mult)
    # mixed Arabic digits standing for Chinese digits (壹十8万 is not written, but 1千2百 sometimes is)
    s = "".join("零一二三四五六七八九"[int(ch)] if "0" <= ch <= "9" else ch for ch in s)
    frac = ""
    for p in _POINT:
        if p in s:
            s, frac = s.split(p, 1)
            break
    if frac:
        if not all(ch in CN_DIGITS for ch in frac):
            return None
        frac_digits = "".join(str(CN_DIGITS[ch]) for ch in frac)
    else:
        frac_digits = ""
    if s == "" and frac:
        s = "零"
    n = _parse_cn_integer(s)
    if n is None:
        return None
    return plausible(Decimal(f"{n}.{frac_digits}") if frac_digits else Decimal(n))


def parse_number(text: str) -> Decimal | None:
    """Any single number: Arabic (with separators, full width), Chinese, 大写, or mixed (``1.5万``)."""
    s = normalize_width(text).strip()
    if not s:
        return None
    v = parse_arabic(s)
    if v is not None:
        return v
    # Arabic with separators followed by a big unit: 1,500万
    m = re.fullmatch(r"((?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?)([万萬亿億]{1,2})", s)
    if m:
        head = parse_arabic(m.group(1))
        if head is None:
            return None
        mult = 1
        for ch in m.group(2):
            mult *= _BIG_UNITS[ch]
        return _tidy_plausible(head * mult)
    return parse_chinese_number(s)


def _tidy_plausible(d: Decimal) -> Decimal | None:
    """``1.5 × 10^4`` is ``15000``, not ``15000.0``; None beyond ``MAX_INTEGER_DIGITS``."""
    return None if plausible(d) is None else tidy(d)


# ------------------------------------------------------------------------------------------------ to_daxie

_DX_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_DX_UNITS = ("", "拾", "佰", "仟")


def _daxie_section(n: int) -> str:
    """0 < n < 10^4 → 大写 without leading zero, inner zeros collapsed to one 零."""
    out = []
    zero = False
    for pos in range(3, -1, -1):
        d = (n // 10**pos) % 10
        if d == 0:
            if out:
                zero = True
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DX_DIGITS[d] + _DX_UNITS[pos])
    return "".join(out)


def _daxie_integer(n: int) -> str:
    if n == 0:
        return "零"
    if n >= 10**8:
        high, low = divmod(n, 10**8)
        head = _daxie_integer(high) + "亿"
        if low == 0:
            return head
        return head + ("零" if low < 10**7 or high % 10 == 0 else "") + _daxie_integer(low)
    if n >= 10**4:
        high, low = divmod(n, 10**4)
        head = _daxie_section(high) + "万"
        if low == 0:
            return head
        return head + ("零" if low < 1000 or high % 10 == 0 else "") + _daxie_section(low)
    return _daxie_section(n)


def to_daxie(amount: Decimal | int | str) -> str:
    """An RMB amount in capitals: ``100000`` → ``壹拾万元整``, ``5000.5`` → ``伍仟元零伍角``,
    ``209595.49`` → ``贰拾万零玖仟伍佰玖拾伍元肆角玖分``, ``0.05`` → ``伍分``.

    Follows the 支付结算 writing rules: 整 after 元 when there are no 角/分, none after 角 or 分; one 零 for a gap.
    Raises ValueError for negative amounts or more than two decimals."""
    d = Decimal(str(amount))
    if d < 0:
        raise ValueError("negative amount")
    cents = d * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"{amount} has more than two decimals")
    cents_i = int(cents)
    yuan, rest = divmod(cents_i, 100)
    jiao, fen = divmod(rest, 10)
    if yuan == 0 and rest == 0:
        return "零元整"
    out = ""
    if yuan:
        out = _daxie_integer(yuan) + "元"
    if rest == 0:
        return out + "整"
    if jiao:
        if yuan and yuan % 10 == 0:
            out += "零"
        out += _DX_DIGITS[jiao] + "角"
    elif yuan:
        out += "零"
    if fen:
        out += _DX_DIGITS[fen] + "分"
    return out
