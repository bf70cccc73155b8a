"""Reading back the PDFs Mandat writes, for tests: the decompressed content of
every stream, so metadata, fonts and text can be checked."""

import re
import zlib


def pdf_streams(content: bytes) -> bytes:
    """Return the PDF with every Flate stream decompressed and concatenated.

    Each stream is inflated from its start until zlib says it ended, rather
    than up to the next "endstream": compressed bytes can contain that word."""
    parts = [content]
    for match in re.finditer(rb"(?<!end)stream\r?\n", content):
        inflater = zlib.decompressobj()
        try:
            parts.append(inflater.decompress(content[match.end() :]))
        except zlib.error:
            continue
    return b"\n".join(parts)


def is_pdf_a(content: bytes) -> bool:
    """Whether the PDF declares PDF/A conformance in its XMP metadata and
    embeds its fonts."""
    everything = pdf_streams(content)
    # TrueType (FontFile2) is what WeasyPrint embeds for DejaVu; a fallback
    # font can come as CFF (FontFile3). Either way the program is embedded.
    embedded = re.search(rb"/FontFile[23]?\b", everything) is not None
    return b"pdfaid:part" in everything and embedded


def needs_pdf(function):
    """Skip a test when WeasyPrint cannot load Pango on this machine."""
    import pytest

    from mandat.core.pdf import pdf_available

    return pytest.mark.skipif(
        not pdf_available(),
        reason="WeasyPrint needs Pango: apt install libpango-1.0-0 libpangoft2-1.0-0",
    )(function)
