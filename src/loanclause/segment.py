"""Split a contract's text into its clause tree.

Chinese contracts mix numbering styles freely (第X章 > 第X条 > 一、 > （一） > 1. > 1.1 > (1) > ①) and the order of
nesting is not fixed from one drafter to the next, so the tree is built from what the document itself does: a
marker style seen for the first time under a clause opens a deeper level; a style already open on the current path
closes everything below it and starts a sibling.  Headings are recognised only at the start of a paragraph, and a
marker followed by words that make it a cross-reference (按第五条约定, 第3.2条所述) is not a heading.

Matching runs on a Simplified view of the text (same length, same offsets), so 第一條 and 第一条 are one pattern,
while numbers and titles are reported as printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from loanclause.models import Clause, Document

__all__ = ["KIND_KEYWORDS", "clause_kinds", "segment_document", "segment_text"]

_CN_DIGITS = "零〇一二三四五六七八九十百两"
_UNIT_AFTER_NUMBER = "%％‰万元亿千百倍个年月日天分厘角美"

# Each style: (name, compiled pattern).  Group "num" is the number as printed; the match ends after the marker's
# own separator, where the title or body begins.
_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"(?P<num>第[{_CN_DIGITS}\d]+章)[\s:：、.．]*")),
    ("article", re.compile(rf"(?P<num>第[{_CN_DIGITS}\d]+条)[\s:：、.．]*")),
    ("appendix", re.compile(rf"(?P<num>附件[{_CN_DIGITS}\d]*)(?=[\s:：、.．《（(]|$)[\s:：、.．]*")),
    ("item_paren_cn", re.compile(rf"(?P<num>[（(][{_CN_DIGITS}]+[）)])[\s、.．]*")),
    ("item_paren_number", re.compile(r"(?P<num>[（(]\d{1,2}[）)])[\s、.．]*")),
    ("item_circled", re.compile(r"(?P<num>[\u2460-\u2473\u3251-\u325f])\s*")),
    ("item_cn", re.compile(rf"(?P<num>[{_CN_DIGITS}]{{1,3}})[、．]\s*")),
    (
        "item_decimal",
        re.compile(
            rf"(?P<num>\d{{1,2}}(?:\.\d{{1,2}}){{1,3}})(?:[\s、．]+|(?=[^\d.\s{_UNIT_AFTER_NUMBER}]))"
        ),
    ),
    ("item_number", re.compile(rf"(?P<num>\d{{1,2}})(?:\s?、|[.．](?![\d{_UNIT_AFTER_NUMBER}]))\s*")),
]

# Words right after 第X条 that make it a citation of another article rather than a heading.
_CROSS_REFERENCE = re.compile(r"(?:约定|规定|所述|所列|所指|的|之|项下|中|款|至第|或第|和第|及第|、第)")

_SIGNATURE_LINE = re.compile(
    r"^\s*(?:[（(]?以下无正文[）)]?|[（(]?本页无正文|"
    r"(?:甲方|乙方|丙方|出借人|借款人|贷款人|保证人|担保人|抵押人|立据人)\s*[（(]?(?:签字|签章|签名|盖章|签字或盖章|签字/盖章)"
    r"|签署日期|签订日期|签约日期)"
)
_PARTY_LINE = re.compile(
    r"^\s*(?:甲方|乙方|丙方|丁方|出借人|借款人|贷款人|保证人|担保人|抵押人|出质人|居间人|平台方|服务方|投资人|融资方|融资人|"
    r"姓名|名称|企业名称|公司名称|"
    r"身份证|证件|住所|地址|住址|联系|电话|手机|法定代表人|负责人|统一社会信用代码|邮箱|电子邮箱|开户|账号|户名|用户名)"
)
_TITLE_WORDS = re.compile(r"(?:合同|协议|借据|借条|契约|合約|協議)")

KIND_KEYWORDS: dict[str, str] = {
    "principal": r"借款金额|借款本金|借款数额|贷款金额|借款额度|借款币种|本金数额|出借金额",
    "purpose": r"用途",
    "term": r"借款期限|贷款期限|期限|到期日|借款期间",
    "interest": r"利率|利息|年化|月息|计息|结息",
    "repayment": r"还款|偿还|归还|还本付息",
    "overdue_interest": r"逾期|罚息",
    "penalty": r"违约金|滞纳金|违约责任",
    "fees": r"服务费|管理费|手续费|咨询费|担保费|费用|风险金",
    "guarantee": r"担保|保证|抵押|质押",
    "acceleration": r"提前到期|宣布.{0,8}到期|加速到期",
    "early_repayment": r"提前还款|提前清偿|提前归还",
    "collection": r"催收|征信|黑名单|信用记录",
    "dispute_resolution": r"争议|纠纷|管辖|仲裁|诉讼",
    "delivery_address": r"送达",
    "governing_law": r"适用法律|法律适用|准据法",
}
_KIND_PATTERNS = {kind: re.compile(words) for kind, words in KIND_KEYWORDS.items()}


def clause_kinds(title: str | None, body: str) -> list[str]:
    """Kinds of a clause from keywords: the title decides when it names something; otherwise the opening of the
    body.  Deliberately simple; the NER stage refines it."""
    if title:
        found = [kind for kind, pattern in _KIND_PATTERNS.items() if pattern.search(title)]
        if found:
            return found
    head = body[:120]
    return [kind for kind, pattern in _KIND_PATTERNS.items() if pattern.search(head)]


@dataclass
class _Heading:
    style: str
    depth_key: tuple[str, int]
    number: str
    start: int
    after_marker: int
    line_end: int


@dataclass
class _Node:
    heading: _Heading
    depth: int
    parent: _Node | None
    end: int = -1
    children: list[_Node] = field(default_factory=list)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every non-blank line, leading/trailing blanks excluded."""
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            yield pos + lead, pos + lead + len(stripped)
        pos += len(raw) + 1


def _match_heading(view: str, start: int, end: int) -> _Heading | None:
    line = view[start:end]
    for style, pattern in _STYLES:
        match = pattern.match(line)
        if not match:
            continue
        rest = line[match.end() :]
        if style in ("chapter", "article"):
            if _CROSS_REFERENCE.match(rest):
                return None
        elif not rest.strip() and style not in ("item_cn", "item_paren_cn", "appendix"):
            # A bare marker with nothing after it only counts for the structural styles; a lone "1." on its
            # own line is table or form residue.
            return None
        number = match.group("num")
        depth = number.count(".") if style == "item_decimal" else 0
        return _Heading(style, (style, depth), number, start, start + match.end(), end)
    return None


def _title_of(text: str, heading: _Heading, has_more_lines: bool) -> str | None:
    rest = text[heading.after_marker : heading.line_end].strip()
    if not rest:
        return None
    bracket = re.match(r"^[【\[]([^】\]]{1,30})[】\]]", rest)
    if bracket:
        return bracket.group(1).strip()
    if has_more_lines and len(rest) <= 30 and not re.search(r"[，,。；;：:]", rest):
        return rest
    colon = re.search(r"[：:]", rest)
    if colon and 0 < colon.start() <= 15 and not re.search(r"[，,。；;]", rest[: colon.start()]):
        return rest[: colon.start()].strip()
    return None


def _body_start(text: str, heading: _Heading, title: str | None, end: int) -> int:
    """Where the clause's own words begin: after the number, the title and the punctuation that closes it."""
    pos = heading.after_marker
    if title:
        found = text.find(title, pos, heading.line_end)
        if found != -1:
            pos = found + len(title)
    while pos < end and (text[pos].isspace() or text[pos] in "】]：:"):
        pos += 1
    return min(pos, end)


def _simplified(text: str) -> str:
    from loanclause.ingest import to_simplified

    return to_simplified(text)


def segment_document(document: Document) -> list[Clause]:
    """The clause tree of a document, flattened in reading order (parents before children)."""
    text = document.text
    view = _simplified(text)
    paragraphs = list(_paragraphs(view))
    if not paragraphs:
        return []

    headings: list[_Heading] = []
    signature_start: int | None = None
    signature_end: int | None = None  # set when appendices follow the signature block
    for start, end in paragraphs:
        heading = _match_heading(view, start, end)
        if heading is not None:
            if signature_start is not None and signature_end is None:
                if heading.style == "appendix":
                    signature_end = start
                else:
                    signature_start = None  # the "signature" line was inside the body after all
            headings.append(heading)
        elif signature_start is None and _is_signature_line(view[start:end]):
            signature_start = start
    text_end = len(text.rstrip())
    if signature_start is not None and signature_end is None:
        signature_end = text_end
    body_end = signature_start if signature_start is not None else text_end

    roots = _build_tree(headings, text_end)
    if signature_start is not None:
        _clamp_before(roots, signature_start)
    clauses: list[Clause] = []
    first_heading = headings[0].start if headings else body_end
    clauses.extend(_front_matter(document, view, paragraphs, first_heading))

    counter = len(clauses)

    def emit(node: _Node, parent_id: str | None) -> None:
        nonlocal counter
        counter += 1
        clause_id = f"c{counter}"
        h = node.heading
        next_line = text.find("\n", h.line_end)
        has_more = next_line != -1 and next_line < node.end and bool(text[next_line : node.end].strip())
        title = _title_of(text, h, has_more)
        kinds = clause_kinds(_simplified(title) if title else None, view[h.after_marker : node.end])
        if h.style == "appendix" and "other" not in kinds and not kinds:
            kinds = ["other"]
        clauses.append(
            Clause(
                id=clause_id,
                number=text[h.start : h.start + len(h.number)],
                title=title,
                level=node.depth,
                style=h.style,  # type: ignore[arg-type]
                kinds=kinds,
                start=h.start,
                end=node.end,
                body_start=_body_start(text, h, title, node.end),
                first_page=document.page_at(h.start),
                last_page=document.page_at(max(h.start, node.end - 1)),
                parent_id=parent_id,
            )
        )
        for child in node.children:
            emit(child, clause_id)

    def emit_signature() -> None:
        nonlocal counter
        counter += 1
        assert signature_start is not None and signature_end is not None
        clauses.append(
            Clause(
                id=f"c{counter}",
                number=None,
                title=None,
                level=0,
                style="signature",
                kinds=["signature"],
                start=signature_start,
                end=signature_end,
                body_start=signature_start,
                first_page=document.page_at(signature_start),
                last_page=document.page_at(max(signature_start, signature_end - 1)),
            )
        )

    signed = signature_start is None
    for root in roots:
        if not signed and root.heading.start >= body_end:
            emit_signature()
            signed = True
        emit(root, None)
    if not signed:
        emit_signature()
    return clauses


def _is_signature_line(line: str) -> bool:
    """A signature-block line is a short label (甲方（签字）：, 签订日期：), not a sentence that mentions signing
    (借款人签字确认后本合同生效。)."""
    return bool(_SIGNATURE_LINE.match(line)) and len(line) <= 40 and not re.search(r"[。；;]", line)


def _clamp_before(nodes: list[_Node], limit: int) -> None:
    """Clauses that start before the signature block end where it begins."""
    for node in nodes:
        if node.heading.start < limit:
            node.end = min(node.end, limit)
        _clamp_before(node.children, limit)


def _build_tree(headings: list[_Heading], body_end: int) -> list[_Node]:
    roots: list[_Node] = []
    path: list[_Node] = []
    for heading in headings:
        parent_index = _parent_index(path, heading)
        for node in path[parent_index + 1 :]:
            node.end = heading.start
        del path[parent_index + 1 :]
        parent = path[-1] if path else None
        node = _Node(heading, depth=len(path) + 1, parent=parent)
        (parent.children if parent else roots).append(node)
        path.append(node)
    for node in path:
        node.end = body_end
    _trim_ends(roots, None)
    return roots


def _parent_index(path: list[_Node], heading: _Heading) -> int:
    """Index in ``path`` of the node the new heading hangs under (-1 for a root)."""
    style = heading.style
    if style == "chapter" or style == "appendix":
        return -1
    if style == "article":
        for i in range(len(path) - 1, -1, -1):
            if path[i].heading.style == "chapter":
                return i
        return -1
    for i, node in enumerate(path):
        if node.heading.depth_key == heading.depth_key:
            return i - 1
    if style == "item_decimal":
        # 1.1 hangs under the nearest "1." or shallower 1 ; 1.1.1 under 1.1.
        for i in range(len(path) - 1, -1, -1):
            key = path[i].heading.depth_key
            if key[0] == "item_decimal" and key[1] < heading.depth_key[1]:
                return i
    return len(path) - 1


def _trim_ends(nodes: list[_Node], parent: _Node | None) -> None:
    for i, node in enumerate(nodes):
        if i + 1 < len(nodes):
            node.end = min(node.end, nodes[i + 1].heading.start)
        if parent is not None:
            node.end = min(node.end, parent.end)
        _trim_ends(node.children, node)


def _front_matter(
    document: Document, view: str, paragraphs: list[tuple[int, int]], first_heading: int
) -> list[Clause]:
    """Title, parties block and preamble: the unnumbered text before the first numbered heading."""
    text = document.text
    blocks: list[tuple[str, int, int]] = []
    for start, end in paragraphs:
        if start >= first_heading:
            break
        line = view[start:end]
        if not blocks and len(line) <= 40 and _TITLE_WORDS.search(line) and not _PARTY_LINE.match(line):
            style = "title"
        elif _PARTY_LINE.match(line):
            style = "parties"
        else:
            style = "preamble"
        if blocks and blocks[-1][0] == style and style != "title":
            blocks[-1] = (style, blocks[-1][1], end)
        else:
            blocks.append((style, start, end))
    clauses = []
    for i, (style, start, end) in enumerate(blocks, start=1):
        clauses.append(
            Clause(
                id=f"c{i}",
                number=None,
                title=text[start:end].strip() if style == "title" else None,
                level=0,
                style=style,  # type: ignore[arg-type]
                kinds=["parties"] if style == "parties" else [],
                start=start,
                end=end,
                body_start=start,
                first_page=document.page_at(start),
                last_page=document.page_at(max(start, end - 1)),
            )
        )
    return clauses


def segment_text(text: str) -> list[Clause]:
    """The clause tree of plain text (normalised the way ingest normalises files)."""
    from loanclause.ingest import document_from_text

    if not text.strip():
        return []
    return segment_document(document_from_text(text))
