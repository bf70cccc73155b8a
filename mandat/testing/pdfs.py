"""Reading back the PDFs Mandat writes, for tests, through pikepdf (qpdf):
the decoded content of every stream, so metadata, fonts and text can be
checked; the tag tree, language, title and PDF/A identification; and the
parts of PDF/A an archive checks first (output intent, embedded fonts, no
encryption)."""

import io
from collections import Counter

import pikepdf


def pdf_streams(content: bytes) -> bytes:
    """Return the PDF with the decoded data of every stream (pikepdf
    undoes the filters) after it, so metadata, fonts and text can be
    searched."""
    parts = [content]
    with pikepdf.open(io.BytesIO(content)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    parts.append(obj.read_bytes())
                except pikepdf.PdfError:
                    continue
    return b"\n".join(parts)


def is_pdf_a(content: bytes) -> bool:
    """Whether the PDF is accessible PDF/A as far as its structure shows:
    PDF/A level "a" declared in its XMP metadata, an output intent with its
    colour profile, tagged (a tag tree, marked), not encrypted, and every
    font it uses embedded."""
    structure = pdf_structure(content)
    tagged = structure["has_struct_tree_root"] and structure["marked"]
    with pikepdf.open(io.BytesIO(content)) as pdf:
        intents = pdf.Root.get("/OutputIntents") or []
        has_intent = any(
            str(intent.get("/S")) == "/GTS_PDFA1" and "/DestOutputProfile" in intent
            for intent in intents
        )
        descriptors = [
            obj
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary)
            and obj.get("/Type") == pikepdf.Name.FontDescriptor
        ]
        embedded = bool(descriptors) and all(
            any(key in d for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            for d in descriptors
        )
        encrypted = pdf.is_encrypted
    return (
        structure["pdfa"].endswith("a")
        and tagged
        and has_intent
        and embedded
        and not encrypted
    )


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
