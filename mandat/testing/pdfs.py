"""Reading back the PDFs Mandat writes, for tests: the decompressed content of
every stream, so metadata, fonts and text can be checked."""

import re
import zlib


def pdf_streams(content: bytes) -> bytes:
    """Return the PDF with every Flate stream decompressed and concatenated."""
    parts = [content]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def is_pdf_a(content: bytes) -> bool:
    """Whether the PDF declares PDF/A conformance in its XMP metadata and
    embeds its fonts."""
    everything = pdf_streams(content)
    return b"pdfaid:part" in everything and b"/FontFile2" in everything


def needs_pdf(function):
    """Skip a test when WeasyPrint cannot load Pango on this machine."""
    import pytest

    from mandat.core.pdf import pdf_available

    return pytest.mark.skipif(
        not pdf_available(),
        reason="WeasyPrint needs Pango: apt install libpango-1.0-0 libpangoft2-1.0-0",
    )(function)
