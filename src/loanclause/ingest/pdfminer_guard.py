"""Make pdfminer give up on reference cycles instead of looping forever.

pdfminer resolves an indirect reference with ``while isinstance(x, PDFObjRef): x = x.resolve()``, so an object
that is a reference to itself (``8 0 obj 8 0 R endobj``) or a ring of them (10 → 11 → 10) never ends: a
15-line hostile PDF hangs any reader built on it.  ``install`` wraps ``PDFObjRef.resolve`` so that one call
follows the whole chain itself, with the objects it has seen, and returns the caller's default when the chain
comes back on itself.  For every PDF without such a cycle the result is the object the original would reach;
only a loop that could never end behaves differently, so patching the class for the whole process is safe.
"""

from __future__ import annotations

from typing import Any

__all__ = ["install"]

_installed = False


def install() -> None:
    """Wrap ``pdfminer.pdftypes.PDFObjRef.resolve`` once per process."""
    global _installed
    if _installed:
        return
    from pdfminer.pdftypes import PDFObjRef

    original = PDFObjRef.resolve

    def resolve(self: PDFObjRef, default: object = None) -> Any:
        seen = {self.objid}
        x = original(self, default)
        while isinstance(x, PDFObjRef):
            if x.objid in seen:
                return default  # a reference cycle: what it stands for does not exist
            seen.add(x.objid)
            x = original(x, default)
        return x

    resolve.__doc__ = original.__doc__
    PDFObjRef.resolve = resolve  # type: ignore[method-assign]
    _installed = True
