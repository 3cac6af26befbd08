"""LC4xx: what the contract lets the lender or the platform do to the borrower.

These rules read the text paragraph by paragraph and sentence by sentence.  Each one is a small grammar: *who*
(an authorisation: 有权, 同意, 授权 …), *does what* (disclose, change, debit, waive …) and *to what or whom*
(contacts, employer, media, any account …), with the exclusions that keep ordinary clauses quiet: credit
reporting to the credit-reference system is lawful, a floating rate reset by an agreed mechanism is not a
unilateral change, a guarantor's waiver of the 先诉抗辩权 only makes the guarantee joint, a non-waiver clause
("未行使权利不视为放弃") waives nothing.  The labelling guideline in ``docs/conduct_rules.md`` is the definition;
``scripts/eval_conduct.py`` measures each rule on real contract text.

A paragraph yields at most one finding per rule, on the first sentence that matches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from loanclause.rules.context import RuleContext
from loanclause.rules.registry import Hit, rule

__all__ = ["party_roles", "standard_form_markers"]

_SENTENCE_RE = re.compile(r"[^。；;！!？?\n]+[。；;！!？?]?")
_PARAGRAPH_RE = re.compile(r"[^\n]+")

# an authorisation or agreement by which one side may act
_MAY = r"(?:有权|可以|(?<![不无许认])可(?![能抗])|同意|授权|允许|保留|委托|认可|无条件|不可撤销)"
_NEGATED_MAY_RE = re.compile(
    r"(?:不得|无权|不会|不可以|禁止|严禁|不能|不应|未经[^，,。；]{0,12}(?:同意|允许|许可|授权))"
)
_BORROWER_SUBJECT_RE = re.compile(r"(?:借款人|借款方|债务人|您)(?:有权|可以|可)")


def _sentences(text: str) -> Iterator[tuple[int, int, int]]:
    """(paragraph start, sentence start, sentence end) for every sentence of every paragraph."""
    for para in _PARAGRAPH_RE.finditer(text):
        for s in _SENTENCE_RE.finditer(para.group(0)):
            if s.group(0).strip():
                yield para.start(), para.start() + s.start(), para.start() + s.end()


def _first_per_paragraph(ctx: RuleContext, test: Callable[[str], object]) -> Iterator[tuple[int, int]]:
    """(start, end) of the first sentence of each paragraph for which ``test`` is truthy."""
    seen: set[int] = set()
    text = ctx.report.text
    for para_start, lo, hi in _sentences(text):
        if para_start in seen:
            continue
        sentence = text[lo:hi]
        if test(sentence):
            seen.add(para_start)
            yield lo, hi


def _clause_hits(ctx: RuleContext, test: Callable[[str], object], zh: str, en: str) -> Iterator[Hit]:
    """One hit per paragraph whose sentence passes ``test``; ``{quote}`` in the messages is that sentence."""
    for lo, hi in _first_per_paragraph(ctx, test):
        quote = _quote(ctx, lo, hi)
        yield Hit(zh.format(quote=quote), en.format(quote=quote), lo, hi)


def _quote(ctx: RuleContext, lo: int, hi: int, limit: int = 60) -> str:
    s = ctx.report.text[lo:hi].strip()
    return s if len(s) <= limit else s[: limit - 1] + "…"


# ------------------------------------------------------------------------------------ who is who


_PARTY_DEF_RE = re.compile(
    r"(甲方|乙方|丙方|丁方)\s*[（(]([^）)]{1,20})[）)]|(甲方|乙方|丙方|丁方)\s*[:：]\s*([^\n，,。；]{0,40})"
)
_ROLE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("borrower", re.compile(r"借款人|借款方|借入|融资方|债务人|承租人|用户")),
    ("lender", re.compile(r"出借人|出借方|贷款人|债权人|投资人|资金方|借出")),
    ("guarantor", re.compile(r"担保|保证")),
    (
        "platform",
        re.compile(r"居间|见证|中介|撮合|平台|服务|咨询|科技|网络|信息|管理|运营|电子商务|金融信息"),
    ),
)


def party_roles(text: str) -> dict[str, str]:
    """甲方/乙方/丙方/丁方 → borrower, lender, guarantor or platform, from the first place each is defined
    (``丙方（居间服务人）``, ``丙方：××网络科技有限公司``).  A letter never defined is left out."""
    roles: dict[str, str] = {}
    for m in _PARTY_DEF_RE.finditer(text):
        letter = m.group(1) or m.group(3)
        desc = m.group(2) or m.group(4) or ""
        if letter in roles:
            continue
        for role, pattern in _ROLE_WORDS:
            if pattern.search(desc):
                roles[letter] = role
                break
    return roles


# ------------------------------------------------------------------------------------ LC401

_THIRD_PERSON = (
    r"(?:紧急联系人|联系人|亲属|亲友|家属|家人|配偶|父母|朋友|同事|领导|用人单位|工作单位|所在单位|任职单位|单位"
    r"|雇主|通讯录|通讯录联系人|社会关系|第三方|第三人|合作方|合作机构|其他机构|关联方|关联公司"
    r"|(?:相关|有关|其他|外部)[^，,。；;]{0,8}(?:机构|单位))"
)
_TELL = (
    r"(?:披露|告知|通知|联系|联络|催收|催告|透露|通报|提供|共享|分享|发送|转告|传输|转移|公开|曝光|报送"
    r"|计入|纳入|录入)"
)
_ABOUT = r"(?:信息|资料|逾期|违约|违反|拒不|欠款|债务|失信|记录|情况|联系方式|借款事实|还款|行为)"
_TP_NEAR_RE = re.compile(rf"{_TELL}[^。；;]{{0,40}}?{_THIRD_PERSON}|{_THIRD_PERSON}[^。；;]{{0,20}}?{_TELL}")
_ABOUT_RE = re.compile(_ABOUT)
_MAY_RE = re.compile(_MAY)
# the borrower handing over contact details, or a payment/escrow service, is not disclosure
_TP_HARMLESS_RE = re.compile(
    r"(?:提供|填写|留存|登记|预留|变更|更换)[^。；，,]{0,6}(?:紧急联系人|联系人)"
    r"|第三方(?:支付|存管|托管|资金托管|电子签|认证|数字证书|CA)"
)
_COLLECTION_AGENT_RE = re.compile(
    r"委托[^。；]{0,20}(?:第三方|第三人|其他方|其他第三方|合作机构)[^。；]{0,30}(?:催收|提醒|追偿|诉讼)"
)
_DATA_SHARE_RE = re.compile(
    r"(?:共享|分享|提供|披露|透露|传输)[^。；]{0,20}(?:信息|资料|数据)|(?:信息|资料|数据)[^。；]{0,12}(?:共享|分享|提供给|披露给)"
)
_PERSON_RE = re.compile(
    r"紧急联系人|联系人|亲属|亲友|家属|家人|配偶|父母|朋友|同事|领导|用人单位|工作单位|所在单位|任职单位|雇主|通讯录|社会关系"
)


# checking what the borrower declared with others is collecting data, not telling them of the debt
_ENQUIRY_RE = re.compile(r"查询|核实|核查|调取|调查|了解|获取|收集|采集")
_TELLING_RE = re.compile(r"披露|告知|通知|共享|分享|公开|透露|通报|催收|转告|提供给|提供予")
# "on default, X may disclose": an open-ended licence to disclose once the borrower defaults
_DISCLOSE_ON_DEFAULT_RE = re.compile(r"(?:违约|逾期)[^。；;]{0,40}?有权(?:予以|进行|对外)?(?:披露|公开|透露)")


# not disclosure: a guarantee given by a third party, a debt assigned (the assignee becomes the creditor), the
# borrower's duty to supply information to the lender
_NOT_DISCLOSURE_RE = re.compile(
    r"第三方提供(?:保证|担保|抵押|质押)|(?:转让|让渡)[^。；;]{0,12}(?:给|予)?[^。；;]{0,6}(?:第三方|第三人)"
    r"|(?:应|须|需|必须|如实)[^。；;]{0,12}向[^。；;]{0,16}提供"
)
_OTHER_TELLING_RE = re.compile(r"披露|告知|共享|分享|公开|透露|通报|转告|联系")


def _third_party_disclosure(sentence: str) -> bool:
    if not _MAY_RE.search(sentence) or _NEGATED_MAY_RE.search(sentence):
        return False
    if _NOT_DISCLOSURE_RE.search(sentence) and not _OTHER_TELLING_RE.search(
        _NOT_DISCLOSURE_RE.sub("", sentence)
    ):
        return False
    if _DISCLOSE_ON_DEFAULT_RE.search(sentence):
        return True
    if _ENQUIRY_RE.search(sentence) and not _TELLING_RE.search(sentence):
        return False
    if not _ABOUT_RE.search(sentence):
        return False
    cleaned = _TP_HARMLESS_RE.sub("", sentence)
    m = _TP_NEAR_RE.search(cleaned)
    if not m:
        return False
    # entrusting collection to an agent is not, by itself, telling third persons about the debt
    agent_only = _COLLECTION_AGENT_RE.search(cleaned) and not (
        _PERSON_RE.search(cleaned) or _DATA_SHARE_RE.search(cleaned)
    )
    return not agent_only


@rule(
    code="LC401",
    title="Consent to contact or tell third parties about the debt",
    severity="warning",
    citation_key="pipl:23",
)
def third_party_disclosure(ctx: RuleContext) -> Iterator[Hit]:
    """The borrower 'agrees' that contacts, relatives, the employer or other third parties may be told of the debt or given the borrower's data."""
    yield from _clause_hits(
        ctx,
        _third_party_disclosure,
        "条款“{quote}”允许向借款人以外的人（联系人、亲友、单位或第三方）披露债务或提供个人信息："
        "向他人提供个人信息需告知接收方并取得个人的单独同意，格式合同中的概括同意不是单独同意；"
        "未经同意以电话、短信等方式侵扰他人生活安宁、向他人提供个人信息均被禁止（民法典第一千零三十三条、"
        "第一千零三十八条）；催收只能向债务人本人进行",
        "The clause “{quote}” lets the lender tell people other than the borrower (contacts, "
        "relatives, employer, third parties) about the debt or give them the borrower's data: that needs the "
        "person's separate consent naming the recipient (PIPL Art. 23), which a blanket clause in a standard "
        "contract is not; harassing calls and giving others personal data without consent are barred (Civil "
        "Code Arts. 1033, 1038); collection may address the debtor only.",
    )


# ------------------------------------------------------------------------------------ LC405

_PUBLIC_RE = re.compile(
    r"(?:媒体|媒介|报纸|报刊|电视|广播|网络|互联网|网站|网页|微博|微信|朋友圈|新闻|公众|社会公告|社会)"
    r"[^。；;]{0,24}?(?:公告|公布|公开|披露|曝光|发布|通报|公示|刊登|传播)"
    r"|(?:公告|公布|公开|曝光|公示|刊登)[^。；;]{0,16}?(?:信息|资料|名单|违约|失信|逾期|姓名|身份|照片|欠款|债务)"
    r"|黑名单[^。；;]{0,24}?(?:公布|公开|曝光|发布|公示|网站|媒体|社会)"
    r"|(?:公布|公开|曝光|发布|公示)[^。；;]{0,10}?黑名单"
    r"|公告催收"
)
_NOT_PUBLICATION_RE = re.compile(
    r"公告送达|(?:公告|公布)[^。；;]{0,20}(?:修改|变更|调整|修订|生效|为准|更新)|(?:修改|变更|调整)[^。；;]{0,20}(?:公告|公布)"
    r"|信息披露(?:义务|平台|规则)|依法(?:公开|披露)|按照[^。；;]{0,10}(?:监管|法律)[^。；;]{0,10}(?:披露|公开)"
)


# what is published must be the default or the person: "发布转让产品信息" on a platform is not
_PERSONAL_RE = re.compile(
    r"违约|违反|逾期|失信|欠款|拖欠|催收|黑名单|个人信息|姓名|身份证|照片|不良|该行为|拒不"
)


def _publication(sentence: str) -> bool:
    if not _MAY_RE.search(sentence) or not _PERSONAL_RE.search(sentence):
        return False
    if _NEGATED_MAY_RE.search(sentence):
        return False
    m = _PUBLIC_RE.search(sentence)
    if not m:
        return False
    return not _NOT_PUBLICATION_RE.search(m.group(0)) and not _NOT_PUBLICATION_RE.search(
        sentence[max(0, m.start() - 10) : m.end() + 10]
    )


@rule(
    code="LC405",
    title="Publication of the borrower's personal information",
    severity="warning",
    citation_key="pipl:25",
)
def publication(ctx: RuleContext) -> Iterator[Hit]:
    """The lender or platform may publish the default or the borrower's data (media, public notices, a published blacklist)."""
    yield from _clause_hits(
        ctx,
        _publication,
        "条款“{quote}”允许公开借款人的违约或个人信息（媒体、公告、公布黑名单）："
        "个人信息处理者不得公开其处理的个人信息，取得个人单独同意的除外；格式合同中的概括约定不是单独同意。"
        "向征信系统报送信用信息不在此列",
        "The clause “{quote}” lets the lender make the default or the borrower's data public "
        "(media, public notices, a published blacklist): personal information may not be made public without "
        "the person's separate consent (PIPL Art. 25), which a blanket clause in a standard contract is not. "
        "Reporting to the credit-reference system is a different matter.",
    )


# ------------------------------------------------------------------------------------ LC402

_CHANGE_RE = re.compile(
    r"(?:有权|可以|可(?=单方|自行|随时|调整|变更|修改|修订|更改)|保留|同意)[^。；;]{0,30}?"
    r"(?:调整|变更|修改|修订|更改|更新|改变|上调|上浮|提高)[^。；;]{0,24}?"
    r"(?:利率|费率|费用|收费|服务费|手续费|管理费|标准|期限|条款|协议|合同|规则|内容|价格)"
    r"|(?:有权|可以|可)[^。；;]{0,20}?(?:选择|确定|决定)[^。；;]{0,12}?(?:利率|费率|收费)(?:标准)?"
    r"|(?:对|将)[^。；;]{0,10}(?:本|该)?(?:借款)?(?:协议|合同|条款|规则)(?:进行)?(?:更新|修改|修订|变更)"
    r"|有权[^。；;]{0,30}?(?:比例|费率|利率|费用|标准|收费)[^。；;]{0,8}?(?:进行)?(?:适当的?)?(?:调整|变更|修改|免除)"
    r"|(?:比例|费率|利率|费用|收费标准)[^。；;]{0,20}?有权[^。；;]{0,10}?(?:调整|变更|修改)"
    r"|(?:调整|变更|修改|修订|更改)[^。；;]{0,24}?(?:利率|费率|费用|收费|服务费|手续费|条款|协议|合同|规则)"
    r"[^。；;]{0,30}?(?:无需|无须|不需|不必)[^。；;]{0,10}(?:通知|同意|征得|经)"
    r"|(?:公告|公布|发布)[^。；;]{0,30}?(?:修改|变更|调整|修订)[^。；;]{0,30}?(?:生效|为准|约束|视为同意|接受)"
    r"|(?:修改|变更|调整|修订)[^。；;]{0,30}?(?:公告|公布|发布)[^。；;]{0,20}?(?:生效|为准|约束|视为同意|接受)"
)
_AGREED_CHANGE_RE = re.compile(
    r"(?<!无需)(?<!无须)(?<!不需)(?:协商一致|双方同意|各方同意|书面同意|经[^。；;]{0,10}同意|征得[^。；;]{0,10}同意|书面变更|签订补充|另行签订)"
)
_NO_CONSENT_RE = re.compile(
    r"(?:无需|无须|不需|不必|毋须)[^。；;]{0,12}(?:同意|通知|征得|确认)|单方|自行|随时"
)
_FLOATING_RE = re.compile(
    r"国家|人民银行|央行|基准利率|LPR|市场报价利率|监管|法律法规|政策(?:调整|变化)|利率调整[^。；;]{0,6}(?:规定|政策)"
)


# the lender's own pick within a band the state sets is still the lender's pick
_DISCRETION_RE = re.compile(
    r"(?:按|由|依)(?:甲方|乙方|丙方|出借人|贷款人|平台)[^。；;]{0,4}(?:确定|决定|选择)|有权[^。；;]{0,12}选择|自行(?:决定|确定)"
)


# a change the contract's parties agree between them (主合同双方协议变更) is not one side's
_MUTUAL_ACTOR_RE = re.compile(
    r"(?:双方|各方|当事人)(?:协议|协商|书面|共同)?(?:一致)?(?:同意)?(?:变更|修改|调整)"
)


def _unilateral_change(sentence: str) -> bool:
    if _MUTUAL_ACTOR_RE.search(sentence):
        return False
    m = _CHANGE_RE.search(sentence)
    if not m or _NEGATED_MAY_RE.search(sentence[: m.start() + 4]):
        return False
    if _BORROWER_SUBJECT_RE.search(sentence[max(0, m.start() - 12) : m.start() + 4]):
        return False
    if _FLOATING_RE.search(sentence) and not _DISCRETION_RE.search(sentence):
        return False
    return not (_AGREED_CHANGE_RE.search(sentence) and not _NO_CONSENT_RE.search(sentence))


@rule(
    code="LC402",
    title="Unilateral change of rates, fees or terms",
    severity="warning",
    citation_key="civil_code:497",
)
def unilateral_change(ctx: RuleContext) -> Iterator[Hit]:
    """One side may change the rate, fees or the agreement on its own (by notice, without the borrower's consent)."""
    yield from _clause_hits(
        ctx,
        _unilateral_change,
        "条款“{quote}”允许一方单方变更利率、费用或合同内容：合同变更须双方协商一致；"
        "提供格式条款一方不合理地加重对方责任、限制对方主要权利的，该条款无效，"
        "单方调整的价格对借款人不当然有约束力",
        "The clause “{quote}” lets one side change the rate, fees or the terms on its own: "
        "changes need both sides' agreement, and a standard term that unreasonably increases the other side's "
        "liability or limits its main rights is void (Civil Code Art. 497); a price changed unilaterally does "
        "not bind the borrower as such.",
    )


# ------------------------------------------------------------------------------------ LC403

_FORUM_RE = re.compile(r"(?:管辖|起诉|诉讼|提起诉讼|法院)")
_ARBITRATION_RE = re.compile(r"仲裁")
# words that name the platform or intermediary itself (its seat is foreign to a lender–borrower dispute)
_PLATFORM_WORDS = (
    "居间服务人",
    "居间服务方",
    "服务提供方",
    "信息服务方",
    "技术服务方",
    "居间平台",
    "居间人",
    "居间方",
    "平台方",
    "服务方",
    "服务商",
    "咨询方",
    "运营方",
    "管理方",
    "本公司",
    "平台",
    "网站",
    "我司",
    "贵司",
)
_PLACE_OF_RE = re.compile(
    rf"(甲方|乙方|丙方|丁方|{'|'.join(_PLATFORM_WORDS)})(?:的)?(?:住所地|所在地|注册地|营业地|经营地|实际营业地)"
)
_CHOSEN_LATER_RE = re.compile(
    r"(?:甲方|乙方|丙方|出借人|贷款人|债权人|平台|居间人)(?:[^。；;]{0,4})(?:指定|选择|认可)的[^。；;]{0,8}法院"
)


def _unconnected_forum(sentence: str, roles: dict[str, str]) -> re.Match[str] | None:
    if not _FORUM_RE.search(sentence):
        return None
    # an arbitration clause is not a choice of court (CPL Art. 35 speaks of courts)
    if _ARBITRATION_RE.search(sentence) and "法院" not in sentence:
        return None
    for m in _PLACE_OF_RE.finditer(sentence):
        who = m.group(1)
        after = sentence[m.end() : m.end() + 20]
        # a platform named by letter is a party of its own agreement (a two-party service contract);
        # only in a three-party agreement is its seat foreign to the dispute between the other two
        lettered = roles.get(who) == "platform" and len(roles) >= 3
        platform = who in _PLATFORM_WORDS or lettered
        if platform and ("法院" in after or "管辖" in after):
            return m
    m2 = _CHOSEN_LATER_RE.search(sentence)
    return m2


@rule(
    code="LC403",
    title="Jurisdiction agreed at a place with no connection to the dispute",
    severity="warning",
    citation_key="cpl_2023:35",
)
def unconnected_forum(ctx: RuleContext) -> Iterator[Hit]:
    """The agreed court is at the platform's or intermediary's seat, or one side picks it later: not a place with an actual connection to the loan dispute."""
    roles = party_roles(ctx.report.text)
    yield from _clause_hits(
        ctx,
        lambda s: _unconnected_forum(s, roles),
        "管辖条款“{quote}”约定的法院不在与借贷争议有实际联系的地点（被告住所地、合同履行地、"
        "合同签订地、原告住所地、标的物所在地等）：平台或居间方所在地、由一方事后指定的法院，"
        "可能被认定为管辖协议无效，起诉时应按法定管辖确定法院",
        "The jurisdiction clause “{quote}” names a court at a place with no actual connection "
        "to the loan dispute (CPL Art. 35 lists the defendant's or plaintiff's domicile, the place of signing or "
        "performance, the location of the subject matter): the platform's seat or a court one side picks later "
        "may make the agreement void, and the statutory forum then applies.",
    )


# ------------------------------------------------------------------------------------ LC404

_JURISDICTION_CLAUSE_RE = re.compile(
    r"(?:提交|提请|向|由|交由|递交)[^。；;]{0,40}?(?:法院|仲裁委员会|仲裁)[^。；;]{0,12}?"
    r"(?:管\s?辖|起诉|诉讼|仲裁|解决|裁决|审理)"
    r"|(?:法院|仲裁委员会)[^。；;]{0,6}?管\s?辖"
)
# "向有管辖权的人民法院起诉" chooses no court: it is no jurisdiction agreement
_NO_FORUM_RE = re.compile(r"(?:向|由)(?:依法)?有管辖权的(?:人民)?法院")
_DISPUTE_WORDS_RE = re.compile(r"争议|纠纷|争执")


def _forum_agreement(paragraph: str) -> bool:
    m = _JURISDICTION_CLAUSE_RE.search(paragraph)
    return bool(m) and not _NO_FORUM_RE.search(m.group(0))


# a mark on the clause itself, or a statement that marked / explained clauses were pointed out; a general
# "请认真阅读全部条款" at the head of the form is not (it singles out nothing)
_CLAUSE_MARK_RE = re.compile(r"特别提示|重要提示|特别提醒|特别注意|【重要】|★|加粗|粗体|黑体|下划线")
_DOCUMENT_MARK_RE = re.compile(
    r"(?:加粗|粗体|黑体|下划线|着重|显著)[^。；;]{0,30}(?:条款|内容|标识|方式|字体)"
    r"|已[^。；;]{0,30}(?:提示|提请|说明|解释)[^。；;]{0,30}(?:条款|内容)"
    r"|已[^。；;]{0,30}(?:条款|内容)[^。；;]{0,20}(?:提示|说明|解释)"
    r"|已[^。；;]{0,6}特别注意[^。；;]{0,60}(?:条|内容)"
    r"|提请[^。；;]{0,20}注意[^。；;]{0,30}(?:条款|内容)"
)

_STANDARD_FORM_RE = re.compile(
    r"平台|网站|网络借贷|网贷|居间|点击|勾选|电子签名|电子签章|电子合同|在线|线上|APP|App|app|注册用户|用户名|账户名"
    r"|\$\{|\{\{|_{3,}|格式条款"
)


def standard_form_markers(text: str) -> list[str]:
    """Why a contract looks like a standard form (platform words, click-to-sign, template placeholders)."""
    return sorted({m.group(0) for m in _STANDARD_FORM_RE.finditer(text)})[:5]


@rule(
    code="LC404",
    title="Standard-form jurisdiction clause not made prominent",
    severity="info",
    citation_key="cpl_interp_2022:31",
    whole_document_only=True,
)
def jurisdiction_not_prominent(ctx: RuleContext) -> Iterator[Hit]:
    """A jurisdiction or arbitration clause in a standard-form contract, with nothing in the text that brought it to the borrower's attention."""
    text = ctx.report.text
    markers = standard_form_markers(text)
    # a machine template (${x}, {{x}}) is drafted for repeated use by definition (Civil Code Art. 496)
    template = any(m in ("${", "{{") for m in markers)
    if len(markers) < 2 and not template and ctx.private:
        return
    if _DOCUMENT_MARK_RE.search(text):
        return
    # the dispute clause, not a remedy clause that mentions suing (出借人有权向法院起诉)
    found = next(
        _first_per_paragraph(ctx, lambda s: _forum_agreement(s) and _DISPUTE_WORDS_RE.search(s)), None
    ) or next(_first_per_paragraph(ctx, _forum_agreement), None)
    if found is None:
        return
    lo, hi = found
    clause = ctx.clause_at(lo)
    if _CLAUSE_MARK_RE.search(text[clause.start if clause else lo : hi]):
        return
    why = "、".join(markers) if markers else "出借人为金融机构"
    yield Hit(
        f"格式合同（{why}）中的管辖条款“{_quote(ctx, lo, hi)}”在文本中没有加粗、下划线、特别提示或说明的标记："
        "经营者使用格式条款与消费者订立管辖协议，未采取合理方式提请消费者注意的，消费者可主张管辖协议无效。"
        "文本中看不出字体效果，请在原件中核对是否以显著方式提示",
        f"The jurisdiction clause “{_quote(ctx, lo, hi)}” of a standard-form contract ({why}) carries no mark in "
        "the text that it was brought to the borrower's attention (bold, underline, a special notice, an "
        "explanation): a consumer may have such a clause declared void (CPL interpretation Art. 31). Typography "
        "is not visible in the text; check the original.",
        lo,
        hi,
    )


# ------------------------------------------------------------------------------------ LC406

_ANY_ACCOUNT = r"(?:任何|任一|任意|所有|全部|一切|各类|各个|其他|其它)"
_ACCOUNT = r"(?:账户|帐户|账号|帐号|银行卡|存款账户|资金账户)"
_DEBIT = r"(?:划扣|扣划|扣收|划收|扣款|扣除|划转|代扣|扣缴|直接扣|主动扣|划付|扣取|扣还|扣减)"
# "其他" must qualify the account itself (其他账户, 其他银行账户), not other charges a few words before
_GAP = r"(?:(?!指定|约定|费用|款项)[^。；;，,]){0,6}?"  # 任何银行开立的账户, not 其他约定费用从指定的账户
_ANY_ACCOUNT_RE = re.compile(
    rf"{_DEBIT}[^。；;]{{0,40}}?(?<!指定){_ANY_ACCOUNT}{_GAP}{_ACCOUNT}"
    rf"|(?<!指定){_ANY_ACCOUNT}{_GAP}{_ACCOUNT}[^。；;]{{0,40}}?{_DEBIT}"
    rf"|从[^。；;]{{0,12}}?{_ANY_ACCOUNT}[^。；;，,]{{0,6}}?{_ACCOUNT}[^。；;]{{0,4}}?收取"
)


def _any_account_debit(sentence: str) -> bool:
    # no authorisation word needed: in a list of remedies (乙方有权采取下列措施：…) the item itself is the act
    if _NEGATED_MAY_RE.search(sentence):
        return False
    m = _ANY_ACCOUNT_RE.search(sentence)
    if not m:
        return False
    # "其他费用从指定账户扣收": 其他 qualifies the charges, not the account
    span = m.group(0)
    return (
        not re.search(r"其他(?:费用|款项|应付|应还)", span)
        or re.search(r"(?:任何|任一|所有|名下)[^。；;]{0,10}(?:账户|帐户|银行卡)", span) is not None
    )


@rule(
    code="LC406",
    title="Debit from any account of the borrower",
    severity="warning",
    citation_key="pipl:29",
)
def any_account_debit(ctx: RuleContext) -> Iterator[Hit]:
    """The lender or platform may take money from any account of the borrower, not only the agreed repayment account."""
    yield from _clause_hits(
        ctx,
        _any_account_debit,
        "条款“{quote}”允许从借款人的任何账户（而非约定的还款账户）扣划款项：金融账户信息属于敏感个人"
        "信息，处理须取得单独同意；未指明账户和金额的概括授权，可能因不合理地加重借款人责任而无效",
        "The clause “{quote}” lets the lender debit any account of the borrower, not just the "
        "agreed repayment account: financial-account data is sensitive and needs separate consent (PIPL Arts. 28, "
        "29); a blanket authorisation naming no account or amount may be void as unreasonably increasing the "
        "borrower's liability (Civil Code Art. 497).",
    )


# ------------------------------------------------------------------------------------ LC407

_WAIVER_RE = re.compile(
    r"放弃[^。；;]{0,20}?(?:抗辩|异议|抵销|抵消|追索|诉讼时效|时效|管辖|上诉|申诉|起诉|救济|撤销权|解除权|一切权利|任何权利)"
    r"|不得以任何理由[^。；;]{0,12}?(?:拒绝|抗辩|拖延|推诿|对抗|拒付)"
    r"|(?:不得|并不|不)以[^。；;]{0,40}?为由[^。；;]{0,6}?(?:拒绝|拖延|推诿|对抗|拒付|抗辩|停止)"
    r"|不得以[^。；;]{0,40}?为(?:抗辩|理由)|不予抗辩|不得抗辩|放弃抗辩"
    r"|不得以任何(?:理由|方式)[^。；;]{0,12}?(?:解除|撤销|否认|变更)"
    r"|(?:不得|不能|不再)[^。；;]{0,8}(?:提出|主张)[^。；;]{0,8}(?:任何)?(?:异议|抗辩)"
)
_NON_WAIVER_RE = re.compile(
    r"(?:不|并不|不得)(?:视为|构成|意味着|代表|影响|被视为|作为)[^。；;]{0,6}放弃|放弃[^。；;]{0,12}须以书面|先诉抗辩"
)
_LENDER_WAIVES_RE = re.compile(r"(?:出借人|贷款人|债权人|甲方|丙方|平台)[^。；;，,]{0,6}放弃")


def _waiver(sentence: str, roles: dict[str, str]) -> bool:
    m = _WAIVER_RE.search(sentence)
    if not m or _NON_WAIVER_RE.search(sentence):
        return False
    before = sentence[max(0, m.start() - 14) : m.start() + 2]
    lw = _LENDER_WAIVES_RE.search(before)
    if lw:
        who = re.match(r"甲方|乙方|丙方|丁方", lw.group(0))
        role = roles.get(who.group(0)) if who else "lender"
        if role in (None, "lender", "platform"):
            return False
    return True


@rule(
    code="LC407",
    title="Waiver of the borrower's defences or rights",
    severity="warning",
    citation_key="civil_code:497",
)
def waiver_of_rights(ctx: RuleContext) -> Iterator[Hit]:
    """The borrower gives up defences or rights (放弃抗辩, 放弃诉讼时效抗辩, 不得以任何理由拒绝 …)."""
    roles = party_roles(ctx.report.text)
    yield from _clause_hits(
        ctx,
        lambda s: _waiver(s, roles),
        "条款“{quote}”要求借款人放弃抗辩或其他权利：提供格式条款一方排除对方主要权利的，"
        "该条款无效，借款人依法享有的抗辩不因此丧失",
        "The clause “{quote}” makes the borrower give up defences or other rights: a standard "
        "term excluding the other side's main rights is void (Civil Code Art. 497); the borrower keeps the "
        "defences the law gives.",
    )
