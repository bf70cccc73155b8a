"""How Mandat writes a share: one convention for every page, export and
report, so the same figures never give two answers."""


def whole_percent(part: int | float, whole: int | float) -> int | None:
    """Return ``part`` of ``whole`` in whole per cent, rounded down, as the
    steering groups' reports write it (187 of 238 is 78 %, 57 of 87 is
    65 %); a share never rounds up to a figure not reached. None when
    ``whole`` is zero."""
    if not whole:
        return None
    return int(100 * part // whole)
