"""Checking WebVTT caption files (the W3C format browsers read for the
<track> element): the header, and cues with valid start and end times."""

import re

from django.utils.translation import gettext as _

TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
CUE = re.compile(rf"^{TIME}\s+-->\s+{TIME}(?:\s+.*)?$")
MAX_BYTES = 2 * 1024 * 1024


def _seconds(hours, minutes, seconds, millis) -> float:
    return (
        int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000
    )


def webvtt_errors(content: bytes) -> list[str]:
    """Return what is wrong with a caption file, or [] when it is valid."""
    if len(content) > MAX_BYTES:
        return [_("The caption file is larger than 2 MB.")]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [_("The caption file must be UTF-8 text.")]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        return [_('A WebVTT file begins with the line "WEBVTT".')]
    errors, cues = [], 0
    for number, line in enumerate(lines, start=1):
        if "-->" not in line:
            continue
        match = CUE.match(line.strip())
        if match is None:
            errors.append(
                _(
                    "Line %(number)s: the times must look like 00:01:02.500 --> "
                    "00:01:05.000."
                )
                % {"number": number}
            )
            continue
        start = _seconds(*match.groups()[:4])
        end = _seconds(*match.groups()[4:8])
        if end <= start:
            errors.append(
                _("Line %(number)s: a caption must end after it starts.")
                % {"number": number}
            )
        cues += 1
    if not cues and not errors:
        errors.append(_("The caption file has no captions."))
    return errors[:5]
