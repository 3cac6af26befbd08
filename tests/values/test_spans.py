"""SpanSet answers exactly what the pairwise check it replaced answered."""

from hypothesis import given, settings
from hypothesis import strategies as st

from loanclause.values.spans import SpanSet

span = st.tuples(st.integers(0, 60), st.integers(0, 60)).map(sorted).map(tuple)


def _pairwise(taken, s, e):
    return any(s < te and ts < e for ts, te in taken if ts < te)


@settings(max_examples=400, derandomize=True)
@given(st.lists(span, max_size=25), st.lists(span, max_size=25))
def test_overlaps_agrees_with_pairwise_check(taken, queries):
    spans = SpanSet()
    for s, e in taken:
        spans.add(s, e)
    for s, e in queries:
        assert spans.overlaps(s, e) == _pairwise(taken, s, e), (taken, s, e)


def test_touching_spans_do_not_overlap():
    spans = SpanSet([(0, 3), (3, 5)])
    assert not spans.overlaps(5, 9)
    assert spans.overlaps(4, 9)
    assert not spans.overlaps(3, 3)
    assert len(spans) == 2


def test_overlapping_spans_merge():
    spans = SpanSet([(0, 3), (5, 8), (2, 6)])
    assert len(spans) == 1
    assert spans.overlaps(7, 20)
