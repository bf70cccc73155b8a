"""File downloads: one way to send a file, so that every name reaches the
browser as written, "utbildningsplan-2026–2030.pdf" included."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def download_response(
    content: bytes | str, *, filename: str, content_type: str, inline: bool = False
) -> HttpResponse:
    """Return ``content`` as a file called ``filename`` (RFC 6266, with the
    UTF-8 form of the name when it is not plain ASCII)."""
    response = HttpResponse(content, content_type=content_type)
    disposition = content_disposition_header(not inline, filename)
    if disposition is not None:  # None only for an inline file without a name
        response["Content-Disposition"] = disposition
    return response
