"""What ``derive crosscheck`` prints: the comparisons turned into plain strings and lists."""

from __future__ import annotations

from typing import Any

from derivations.integrations.torch.compare import (
    ATOL,
    DIGITS,
    RTOL,
    Comparison,
    CrossCheck,
    Errors,
    RegionReport,
)


def _e(x: float) -> str:
    return f"{x:.1e}" if x else "0"


def _errors(e: Errors) -> str:
    return f"abs {_e(e.max_abs)} rel {_e(e.max_rel)}"


def why_agree(label: str, e: Errors) -> list[str]:
    """Why errors that look large still agree: a value agrees when its error is at most
    ``RTOL``·|reference| + the absolute bound (scaled by the inputs' magnitude), so a large
    relative error is allowed only where the reference is near 0 and a large absolute error
    only where it (or the inputs) are huge; each is shown with what was allowed there."""
    reasons = []
    if e.max_rel > RTOL:
        reasons.append(
            f"{label} rel {_e(e.max_rel)} where |reference| = {_e(e.rel_at)}: "
            f"the error there is within the absolute bound {_e(e.rel_allowed)}"
        )
    if e.max_abs > ATOL:
        reasons.append(
            f"{label} abs {_e(e.max_abs)} where |reference| = {_e(e.abs_at)}: "
            f"within {_e(e.abs_allowed)} allowed there ({RTOL:g}·|reference| + the absolute "
            "bound, scaled by the inputs)"
        )
    return reasons


def _name(c: Comparison) -> str:
    name = c.claim or c.formula
    return name if c.constant is None else f"{name} ({c.constant_name} = {c.constant:g})"


def comparison_view(c: Comparison) -> dict[str, Any]:
    failures = c.forward.failures + c.gradient.failures
    return {
        "name": _name(c),
        "torch": c.torch,
        "points": c.points,
        "forward": _errors(c.forward),
        "gradient": _errors(c.gradient),
        "ok": c.ok,
        "status": "agree" if c.ok else f"DISAGREE at {failures} values",
        "why": why_agree("forward", c.forward) + why_agree("gradient", c.gradient) if c.ok else [],
        "worst": [
            w
            for w in (
                c.forward.worst if c.forward.failures else "",
                c.gradient.worst if c.gradient.failures else "",
            )
            if w
        ],
        "kinks": [
            {
                "derivative": k.derivative,
                "torch": k.torch,
                "left": k.left,
                "right": k.right,
                "where": c.kink_text,
                "count": k.count,
                "example": k.example,
            }
            for k in c.kinks
        ],
        "regions": [_region(r) for r in c.regions if r.kind == "convention"],
        "float32": [_region(r) for r in c.regions if r.kind == "float32" and r.points],
        "conventions": list(c.conventions),
        "note": c.note,
    }


def _region(r: RegionReport) -> dict[str, Any]:
    return {
        "text": r.text,
        "points": r.points,
        "forward": _errors(r.forward),
        "gradient": _errors(r.gradient),
    }


def crosscheck_view(result: CrossCheck) -> dict[str, Any]:
    comparisons = [comparison_view(c) for c in result.comparisons]
    return {
        "torch": result.torch_version,
        "digits": DIGITS,
        "rtol": f"{RTOL:g}",
        "atol": f"{ATOL:g}",
        "comparisons": comparisons,
        "with_kinks": [c for c in comparisons if c["kinks"]],
        "with_regions": [c for c in comparisons if c["regions"]],
        "with_float32": [c for c in comparisons if c["float32"]],
        "unmapped": [{"formula": n, "reason": r} for n, r in result.unmapped],
        "agree": sum(c.ok for c in result.comparisons),
        "total": len(result.comparisons),
        "ok": result.ok,
    }
