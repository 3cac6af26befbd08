"""Render real contract texts to PDF the way the fixtures are made, for the real-layout segmentation set.

Usage::

    python scripts/make_real_layouts.py            # writes fixtures/real_layouts/*.pdf (deterministic)

The ten texts (the seven of ``shared/realdata/contracts`` and three platforms of ``contracts_more``) are laid out
by ``make_fixtures.lay_contract``: title centred, article headings flush left with space above, body lines
indented, page footers "第 n 页 共 m 页", CJK in reportlab's built-in STSong-Light (no font file).  The expected
headings, read by hand from the texts (never from loanclause), are in ``fixtures/real_layouts/expected/``;
``scripts/eval_segment.py --real`` scores the segmenter on these PDFs apart from the generated fixtures.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
SHARED = ROOT.parent / "shared" / "realdata"
OUT = ROOT / "fixtures" / "real_layouts"

SOURCES = [
    "contracts/AssassinZero_Android_borrow1_兔宝宝分期购个人贷款协议.txt",
    "contracts/fengziyoumeng_cashloan_protocol_borrow_用钱呗借款协议.txt",
    "contracts/huitouwang_hui_loan_contract_商友贷借款合同.txt",
    "contracts/jlfex_hermes_agree_loan_出借与借款协议.txt",
    "contracts/koalakity_online_showBorrowContract_证大e贷借款协议.txt",
    "contracts/koalakity_online_showRiskFundContract_证大e贷风险基金协议.txt",
    "contracts/zhouzf007_creditlife_loan_contract_个人消费额度借款合同.txt",
    "contracts_more/tuotiansudai_tuotiansudai_contract.txt",
    "contracts_more/zhighest_webservice_loanAgreement_km.txt",
    "contracts_more/yanzj_hhsite_01.txt",
]


def pdf_name(n: int, source: str) -> str:
    return f"{n:02d}_{Path(source).stem}.pdf"


def render(source: str) -> bytes:
    from make_fixtures import Layout, lay_contract, page_footer

    lines = [x.strip() for x in (SHARED / source).read_text(encoding="utf-8").splitlines() if x.strip()]
    layout = Layout(footer=page_footer("cn"))
    lay_contract(layout, lines)
    return layout.render(title=lines[0][:40])


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for n, source in enumerate(SOURCES, 1):
        data = render(source)
        (OUT / pdf_name(n, source)).write_bytes(data)
        print(f"{pdf_name(n, source)}: {len(data):,} bytes")


if __name__ == "__main__":
    main()
