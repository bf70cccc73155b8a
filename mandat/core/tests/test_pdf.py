"""The one PDF wrapper: every PDF is a tagged PDF/A-2a in the language it is
written in, titled so readers show the title, sent under its own name, and
a server without Pango says so in Swedish instead of failing."""

import io

import pikepdf
import pytest
from django.utils import translation

from mandat.core import pdf
from mandat.core.downloads import download_response
from mandat.testing.pdfs import is_pdf_a, needs_pdf, pdf_structure


@needs_pdf
def test_a_pdf_is_tagged_pdf_a_with_its_language_and_a_title_readers_show():
    with translation.override("sv"):
        content = pdf.pdf_render(
            template="knowledge/pdf/page.html",
            context={
                "page": {"title": "Mötesteknik", "section": {"title": "Möten"}},
                "html": "<h2>Ordförandens roll</h2><p>Text.</p><ul><li>Ett</li></ul>",
            },
            title="Politikerhandbok – Mötesteknik",
        )
    structure = pdf_structure(content)
    assert is_pdf_a(content)
    assert structure["pdfa"] == "2a"
    assert structure["has_struct_tree_root"] and structure["marked"]
    assert {"Document", "H1", "H2", "P", "L", "LI"} <= set(structure["structure"])
    assert structure["lang"] == "sv-SE"
    assert structure["info_title"] == "Politikerhandbok – Mötesteknik"
    assert structure["xmp_title"] == "Politikerhandbok – Mötesteknik"
    assert structure["display_doc_title"]


@needs_pdf
def test_a_pdf_that_only_claims_pdf_a_is_not_taken_for_one():
    """The check reads what an archive's validator reads first, not only the
    claim in the metadata: without its output intent the file is refused."""
    with translation.override("sv"):
        content = pdf.pdf_render(
            template="knowledge/pdf/page.html",
            context={
                "page": {"title": "T", "section": {"title": "S"}},
                "html": "<p>x</p>",
            },
            title="T",
        )
    with pikepdf.open(io.BytesIO(content)) as document:
        del document.Root["/OutputIntents"]
        stripped = io.BytesIO()
        document.save(stripped)

    assert is_pdf_a(content)
    assert pdf_structure(stripped.getvalue())["pdfa"] == "2a"
    assert not is_pdf_a(stripped.getvalue())


@needs_pdf
def test_a_pdf_in_english_says_it_is_english():
    with translation.override("en"):
        content = pdf.pdf_render(
            template="pdf/base.html", context={}, title="Sign-in sheet"
        )
    assert pdf_structure(content)["lang"] == "en-GB"


@pytest.mark.parametrize(
    ("language", "tag"), [("sv", "sv-SE"), ("en", "en-GB"), ("sv-fi", "sv-FI")]
)
def test_documents_declare_their_language_with_its_region(language, tag):
    with translation.override(language):
        assert pdf.document_language() == tag


def test_without_pango_the_download_answers_503_with_a_swedish_message(
    monkeypatch,
):
    def unavailable(**kwargs):
        raise pdf.PdfUnavailable("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(pdf, "pdf_render", unavailable)
    with translation.override("sv"):
        response = pdf.pdf_response(
            template="pdf/base.html", context={}, filename="x", title="X"
        )
    assert response.status_code == 503
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Pango" in response.content.decode()
    assert "PDF-filer kan inte skapas" in response.content.decode()


@needs_pdf
def test_a_pdf_download_carries_its_file_name():
    response = pdf.pdf_response(
        template="pdf/base.html",
        context={},
        filename="utbildningsplan-2026–2030",
        title="Utbildningsplan",
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''utbildningsplan-2026%E2%80%932030.pdf"
    )


def test_a_plain_ascii_name_is_sent_as_it_is():
    response = download_response(
        b"x", filename="arsrapport-2025.docx", content_type="application/x"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="arsrapport-2025.docx"'
    )


@needs_pdf
def test_a_pdf_fetches_nothing_from_the_network_and_reads_only_its_fonts(tmp_path):
    """A PDF holds what people typed: an address WeasyPrint would fetch
    (an image, a style sheet) must not make the server request it."""
    import http.server
    import threading

    from weasyprint import HTML

    asked = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            asked.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    try:
        html = (
            f'<link rel="stylesheet" href="{secret.as_uri()}">'
            f'<img src="http://127.0.0.1:{server.server_port}/intern.png">'
            "<p>Protokoll</p>"
        )
        HTML(string=html, url_fetcher=pdf.pdf_url_fetcher()).write_pdf()
    finally:
        server.shutdown()
        server.server_close()

    assert asked == []
    fetcher = pdf.pdf_url_fetcher()
    with pytest.raises(ValueError):
        fetcher.fetch(secret.as_uri())
    font = next(pdf._fonts().glob("*.ttf"))
    assert fetcher.fetch(font.as_uri()) is not None  # its own fonts it reads
