"""The extracted terms as a table a lawyer reads at a glance: the term, the value normalised (rates per year),
and the words of the contract it was read from.  A term the contract does not state is shown as "—", never
guessed."""

from __future__ import annotations

from loanclause.models import ContractReport, Rate

__all__ = ["render_terms", "terms_rows"]


def _rate(rate: Rate | None) -> tuple[str, str]:
    from loanclause.law._fmt import pct

    if rate is None:
        return "—", ""
    if rate.annual is not None:
        basis = f"，按{rate.basis_days}天/年" if rate.period == "day" and rate.basis_days != 365 else ""
        value = f"年化 {pct(rate.annual)}{basis}"
    elif rate.note:
        value = f"未能年化：{rate.note.split(' / ')[0]}"
    elif rate.multiplier is not None:
        value = f"基准的 {rate.multiplier} 倍（基准未载明）"
    else:
        value = "未能年化（期间不明）"
    return value, rate.text


def terms_rows(report: ContractReport) -> list[tuple[str, str, str]]:
    """(term, value, as written) for every term, in the order a loan is read."""
    from loanclause.law._fmt import money, pct
    from loanclause.schedule import METHOD_NAMES_ZH

    t = report.terms
    rows: list[tuple[str, str, str]] = []
    rows.append(("出借人 lender", t.lender or "—", ""))
    rows.append(("借款人 borrower", t.borrower or "—", ""))
    if t.guarantors:
        rows.append(("保证人 guarantors", "、".join(t.guarantors), ""))
    if t.principal is not None:
        cur = "" if t.principal.currency == "CNY" else f" {t.principal.currency}"
        rows.append(("本金 principal", f"{money(t.principal.amount)}{cur}", t.principal.text))
    else:
        rows.append(("本金 principal", "—", ""))
    if t.disbursed is not None:
        rows.append(("实际出借 received", money(t.disbursed.amount), t.disbursed.text))
    term = "—"
    if t.term is not None:
        term = (
            " ".join(
                x
                for x in (
                    f"{t.term.months}个月" if t.term.months else "",
                    f"{t.term.days}天" if t.term.days else "",
                )
                if x
            )
            or "—"
        )
    dates = f"{t.start_date or '?'} 至 {t.end_date or '?'}" if (t.start_date or t.end_date) else ""
    rows.append(
        (
            "期限 term",
            " ".join(x for x in (term if term != "—" else "", dates) if x) or "—",
            t.term.text if t.term else "",
        )
    )
    rows.append(("签订日 contract date", str(t.contract_date) if t.contract_date else "—", ""))
    rows.append(("借期利率 interest", *_rate(t.interest_rate)))
    rows.append(("逾期利率 overdue", *_rate(t.overdue_rate)))
    if t.penalty is not None:
        p = t.penalty
        value = {
            "daily_rate": f"每日 {pct(p.value, 4) if p.value is not None else '?'}",
            "rate_of_principal": f"本金的 {pct(p.value) if p.value is not None else '?'}",
            "rate_of_overdue_amount": f"逾期金额的 {pct(p.value) if p.value is not None else '?'}",
            "fixed_amount": f"{money(p.value)}元" if p.value is not None else "?",
            "other": "其他（见原文）",
        }[p.form]
        if p.annual is not None:
            value += f"（年化 {pct(p.annual)}）"
        rows.append(("违约金 penalty", value, p.text))
    else:
        rows.append(("违约金 penalty", "—", ""))
    for fee in t.fees:
        if fee.annual is not None:
            value = f"年化 {pct(fee.annual)}"
        elif fee.form == "fixed_amount" and fee.value is not None:
            value = f"{money(fee.value)}元" + (
                f"/{ {'day': '日', 'month': '月', 'year': '年'}.get(fee.period or '', '次') }"
            )
        else:
            value = "见原文"
        rows.append((f"费用 fee: {fee.name}", value, fee.text))
    rows.append(
        (
            "还款方式 repayment",
            METHOD_NAMES_ZH.get(t.repayment_method, t.repayment_method) if t.repayment_method else "—",
            f"每月{t.repayment_day}日" if t.repayment_day else "",
        )
    )
    rows.append(("管辖 jurisdiction", t.jurisdiction or "—", ""))
    rows.append(("送达地址 delivery address", t.delivery_address or "—", ""))
    return rows


def render_terms(report: ContractReport) -> str:
    """A rich table of ``terms_rows`` as plain text (no colour), for terminals and logs."""
    from io import StringIO

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(
        title=f"{report.source or '<text>'} — 合同条款 terms", header_style="bold", title_justify="left"
    )
    table.add_column("条款 term", no_wrap=True)
    table.add_column("值 value")
    table.add_column("原文 as written", overflow="fold", max_width=60)
    for name, value, written in terms_rows(report):
        table.add_row(escape(name), escape(value), escape(" ".join(written.split())))
    buf = StringIO()
    Console(file=buf, width=120, color_system=None, legacy_windows=False).print(table)
    return buf.getvalue().rstrip("\n")
