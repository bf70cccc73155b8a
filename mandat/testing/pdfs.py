"""Reading back the PDFs Mandat writes, for tests: the decompressed content of
every stream, so metadata, fonts and text can be checked, and what pikepdf
reads of the tag tree, language, title and PDF/A identification."""

import io
import re
import zlib
from collections import Counter

import pikepdf


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
    """Whether the PDF declares accessible PDF/A conformance (level "a") in
    its XMP metadata, is tagged, and embeds its fonts."""
    everything = pdf_streams(content)
    # TrueType (FontFile2) is what WeasyPrint embeds for DejaVu; a fallback
    # font can come as CFF (FontFile3). Either way the program is embedded.
    embedded = re.search(rb"/FontFile[23]?\b", everything) is not None
    structure = pdf_structure(content)
    tagged = structure["has_struct_tree_root"] and structure["marked"]
    return structure["pdfa"].endswith("a") and tagged and embedded


def needs_pdf(function):
    """Skip a test when WeasyPrint cannot load Pango on this machine."""
    import pytest

    from mandat.core.pdf import pdf_available

    return pytest.mark.skipif(
        not pdf_available(),
        reason="WeasyPrint needs Pango: apt install libpango-1.0-0 libpangoft2-1.0-0",
    )(function)


def pdf_structure(content: bytes) -> dict:
    """Return what a screen reader and an archive read from the PDF: the
    catalog's tag tree (the structure types by count), MarkInfo, language,
    viewer preferences, the title in the Info dictionary and in the XMP
    metadata, and the PDF/A identification."""
    with pikepdf.open(io.BytesIO(content)) as pdf:
        root = pdf.Root
        types: Counter = Counter()
        if "/StructTreeRoot" in root:
            pending = [root.StructTreeRoot]
            while pending:
                node = pending.pop()
                if isinstance(node, pikepdf.Array):
                    pending.extend(node)
                    continue
                if not isinstance(node, pikepdf.Dictionary):
                    continue
                if "/S" in node:
                    types[str(node.S).lstrip("/")] += 1
                if "/K" in node:
                    pending.append(node.K)
        with pdf.open_metadata() as xmp:
            xmp_title = xmp.get("dc:title")
            part = xmp.get("pdfaid:part")
            conformance = xmp.get("pdfaid:conformance")
        mark_info = root.get("/MarkInfo")
        viewer = root.get("/ViewerPreferences")
        return {
            "structure": types,
            "has_struct_tree_root": "/StructTreeRoot" in root,
            "marked": bool(mark_info is not None and mark_info.get("/Marked")),
            "lang": str(root.get("/Lang", "")),
            "display_doc_title": bool(
                viewer is not None and viewer.get("/DisplayDocTitle")
            ),
            "info_title": str(pdf.docinfo.get("/Title", "")),
            "xmp_title": xmp_title or "",
            "pdfa": f"{part}{conformance}".lower() if part else "",
        }
