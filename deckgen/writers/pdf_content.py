"""A page's content stream, marked for PDF/UA: content drawn outside any marked-content
sequence becomes an artifact, and so do the tagged sequences that lie in the page's furniture
(slide number, footer, decoration). Used by pdf_tags.py; pikepdf is loaded by the caller."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pikepdf

from deckgen.writers.pdf_furniture import Zone

TOLERANCE = 2.0
"""How far (in points) a drawing's origin may lie outside a furniture rectangle."""

PAINTING = frozenset(
    ["Tj", "TJ", "'", '"', "Do", "BI", "INLINE IMAGE", "sh", "f", "F", "f*", "S", "s"]
    + ["B", "B*", "b", "b*"]
)
"""Operators that put marks on the page (the rest only set state or build paths)."""

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m × n, as PDF multiplies matrices (m applied first)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _point(m: Matrix, x: float = 0.0, y: float = 0.0) -> tuple[float, float]:
    """(x, y) through matrix m."""
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _name(op: Any) -> str:
    """An instruction's operator as text."""
    if isinstance(op, pikepdf.ContentStreamInlineImage):
        return "INLINE IMAGE"
    return str(op.operator)


def _numbers(operands: Iterable[Any]) -> list[float]:
    """The numeric operands."""
    return [
        float(x) for x in operands if isinstance(x, int | float) or hasattr(x, "as_integer_ratio")
    ]


def origins(instructions: list[Any]) -> dict[int, list[tuple[float, float]]]:
    """Where each marked-content sequence (by MCID) puts its marks on the page: the origin of
    every text, image and shape it draws."""
    found: dict[int, list[tuple[float, float]]] = {}
    ctm, saved, line = IDENTITY, [], IDENTITY
    mcids: list[int | None] = []
    for instruction in instructions:
        op = _name(instruction)
        operands = [] if op == "INLINE IMAGE" else list(instruction.operands)
        if op in ("BDC", "BMC"):
            mcids.append(_mcid(operands) if op == "BDC" else None)
        elif op == "EMC" and mcids:
            mcids.pop()
        elif op == "q":
            saved.append(ctm)
        elif op == "Q" and saved:
            ctm = saved.pop()
        elif op == "cm":
            ctm = _times(tuple(_numbers(operands)), ctm)  # type: ignore[arg-type]
        elif op == "BT":
            line = IDENTITY
        elif op in ("Td", "TD"):
            x, y = _numbers(operands)
            line = _times((1.0, 0.0, 0.0, 1.0, x, y), line)
        elif op == "Tm":
            line = tuple(_numbers(operands))  # type: ignore[assignment]
        current = next((m for m in reversed(mcids) if m is not None), None)
        if current is None:
            continue
        if op in ("Tj", "TJ", "'", '"'):
            found.setdefault(current, []).append(_point(_times(line, ctm)))
        elif op in ("Do", "INLINE IMAGE"):
            found.setdefault(current, []).append(_point(ctm))
        elif op in ("m", "re"):
            x, y = _numbers(operands)[:2]
            found.setdefault(current, []).append(_point(ctm, x, y))
    return found


def _mcid(operands: list[Any]) -> int | None:
    """The MCID of a BDC's property list, if it has one."""
    if len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary):
        mcid = operands[1].get("/MCID")
        return int(mcid) if mcid is not None else None
    return None


def in_zones(points: list[tuple[float, float]], zones: list[Zone]) -> bool:
    """Whether every point lies in one of the rectangles."""
    t = TOLERANCE
    return bool(points) and all(
        any(x0 - t <= x <= x1 + t and y0 - t <= y <= y1 + t for x0, y0, x1, y1 in zones)
        for x, y in points
    )


def tagged_forms(page: pikepdf.Page) -> dict[str, int]:
    """The page's form XObjects that hold tagged content of their own (drawing them is
    content, not an artifact), by name, with how many marked-content sequences each leaves
    open for the page to close (LibreOffice writes some that way)."""
    found = {}
    for name, xobject in page.resources.get("/XObject", {}).items():
        if xobject.get("/Subtype") != "/Form":
            continue
        data = xobject.read_bytes()
        if b"/MCID" in data:
            ops = [_name(i) for i in pikepdf.parse_content_stream(xobject)]
            found[str(name)] = ops.count("BDC") + ops.count("BMC") - ops.count("EMC")
    return found


def mark(
    instructions: list[Any],
    artifacts: set[int],
    forms: dict[str, int],
) -> tuple[list[Any], bool]:
    """The instructions with the given MCIDs' sequences turned into artifacts, unmarked drawing
    wrapped as artifacts and stray EMC operators left out; and whether anything changed."""
    out: list[Any] = []
    loose: list[Any] = []
    depth, changed = 0, False

    def flush() -> None:
        nonlocal changed
        for part in _split_at(loose, forms):
            if _paints(part) and _balanced(part) and not _draws(part, forms):
                out.append(
                    pikepdf.ContentStreamInstruction(
                        [pikepdf.Name.Artifact], pikepdf.Operator("BMC")
                    )
                )
                out.extend(part)
                out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("EMC")))
                changed = True
            else:
                out.extend(part)
        loose.clear()

    for instruction in instructions:
        op = _name(instruction)
        if op in ("BDC", "BMC"):
            if depth == 0:
                flush()
            depth += 1
            mcid = _mcid(list(instruction.operands)) if op == "BDC" else None
            if mcid is not None and mcid in artifacts:
                instruction = pikepdf.ContentStreamInstruction(
                    [pikepdf.Name.Artifact], pikepdf.Operator("BMC")
                )
                changed = True
            out.append(instruction)
        elif depth == 0 and _draws([instruction], forms) and forms[_form(instruction)] > 0:
            flush()
            out.append(instruction)
            depth += forms[_form(instruction)]
        elif op == "EMC" and depth == 0:
            changed = True  # ends nothing (LibreOffice writes one after some shapes): dropped
        elif op == "EMC":
            depth -= 1
            out.append(instruction)
        elif depth == 0:
            loose.append(instruction)
        else:
            out.append(instruction)
    flush()
    return out, changed


def _paints(instructions: list[Any]) -> bool:
    """Whether any of the instructions puts marks on the page."""
    return any(_name(i) in PAINTING for i in instructions)


def _form(instruction: Any) -> str:
    """The XObject a Do draws."""
    return str(instruction.operands[0])


def _split_at(instructions: list[Any], forms: dict[str, int]) -> list[list[Any]]:
    """The instructions in parts: each drawing of a tagged form alone, the rest between."""
    parts: list[list[Any]] = [[]]
    for instruction in instructions:
        if _draws([instruction], forms):
            parts += [[instruction], []]
        else:
            parts[-1].append(instruction)
    return [part for part in parts if part]


def _draws(instructions: list[Any], forms: dict[str, int]) -> bool:
    """Whether the instructions draw one of the forms."""
    return any(_name(i) == "Do" and _form(i) in forms for i in instructions)


def _balanced(instructions: list[Any]) -> bool:
    """Whether text objects open and close within the instructions (a marked-content sequence
    may not start in one text object and end outside it)."""
    depth = 0
    for instruction in instructions:
        op = _name(instruction)
        depth += 1 if op == "BT" else -1 if op == "ET" else 0
        if depth < 0:
            return False
    return depth == 0


def unmarked(page: pikepdf.Page) -> bool:
    """Whether the page draws anything outside every marked-content sequence (neither tagged
    content nor an artifact); a form that holds tagged content of its own counts as marked."""
    forms = tagged_forms(page)
    depth = 0
    for instruction in pikepdf.parse_content_stream(page):
        op = _name(instruction)
        if op in ("BDC", "BMC"):
            depth += 1
        elif op == "EMC":
            depth = max(0, depth - 1)
        elif depth == 0 and _draws([instruction], forms):
            depth += max(0, forms[_form(instruction)])
        elif depth == 0 and op in PAINTING:
            return True
    return False
