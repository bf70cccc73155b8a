"""PDF documents: an HTML template and its CSS, rendered by WeasyPrint as a
tagged, archival PDF/A-2a with its fonts embedded. One small wrapper for
every PDF.

PDF/A-2a is the accessible ("a") level of PDF/A-2: the file carries a tag
tree (headings, paragraphs, lists, tables) that screen readers follow, its
language, and its title, which readers show instead of the file name
(``/ViewerPreferences << /DisplayDocTitle true >>``, written by WeasyPrint
with the tags)."""

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from .downloads import download_response
from .richtext import text_strip_controls

PDF_VARIANT = "pdf/a-2a"
# Languages as documents declare them (BCP 47 with the region), so readers,
# screen readers and Word pick the right voice and dictionary.
LANGUAGE_TAGS = {"sv": "sv-SE", "en": "en-GB"}


class PdfUnavailable(Exception):
    """WeasyPrint cannot load the Pango library on this machine."""


def pdf_available() -> bool:
    """Return whether WeasyPrint can load Pango here."""
    try:
        import weasyprint  # noqa: F401
    except OSError:
        return False
    return True


def document_language() -> str:
    """Return the language of documents rendered now, as "sv-SE"."""
    code = translation.get_language() or settings.LANGUAGE_CODE
    language, _dash, region = code.partition("-")
    if region:
        return f"{language}-{region.upper()}"
    return LANGUAGE_TAGS.get(language, language)


def _fonts() -> Path:
    return Path(settings.BASE_DIR) / "static" / "vendor" / "fonts"


def pdf_url_fetcher() -> Any:
    """WeasyPrint's fetcher for Mandat's PDFs: its own fonts and data: URIs,
    nothing from the network and no other file. A PDF holds what people
    typed; should a template ever put a typed address where WeasyPrint
    fetches (an image, a style sheet), the server must not request it."""
    from weasyprint.urls import URLFetcher

    fonts = _fonts().resolve()

    class OwnFilesOnly(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
            if url.startswith("file:"):
                path = Path(url2pathname(urlsplit(url).path)).resolve()
                if not path.is_relative_to(fonts):
                    raise ValueError(f"Not one of Mandat's fonts: {url}")
            return super().fetch(url, headers)

    return OwnFilesOnly(allowed_protocols={"file", "data"}, allow_redirects=False)


def pdf_render(
    *, template: str, context: dict[str, Any], title: str, lang: str | None = None
) -> bytes:
    """Return the tagged PDF/A-2a rendering of ``template``, titled ``title``."""
    try:
        from weasyprint import HTML
    except OSError as error:
        raise PdfUnavailable(str(error)) from error

    fonts = _fonts()
    # Bidirectional overrides stored before input was cleaned would still
    # show text in another order than it was written.
    html = text_strip_controls(
        render_to_string(
            template,
            {
                **context,
                "pdf_title": str(title),
                "pdf_lang": lang or document_language(),
                "font_dir": fonts.as_uri(),
                "generated_at": timezone.localtime(),
            },
        )
    )
    document = HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=pdf_url_fetcher()
    )
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
    return pdf


def pdf_response(
    *, template: str, context: dict[str, Any], filename: str, title: str
) -> HttpResponse:
    """Return the PDF as a download named ``filename``.pdf, or a page saying
    why it cannot be made."""
    try:
        content = pdf_render(template=template, context=context, title=str(title))
    except PdfUnavailable:
        return pdf_unavailable_response()
    return download_response(
        content, filename=f"{filename}.pdf", content_type="application/pdf"
    )


def pdf_unavailable_response() -> HttpResponse:
    """Return the 503 that says PDFs cannot be made on this server."""
    return HttpResponse(
        gettext(
            "PDF files cannot be made on this server: the Pango library is "
            "missing. Ask the administrator to install it (on Debian: apt "
            "install libpango-1.0-0 libpangoft2-1.0-0). Excel exports work."
        ),
        status=503,
        content_type="text/plain; charset=utf-8",
    )
