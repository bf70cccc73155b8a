"""PDF documents: an HTML template and its CSS, rendered by WeasyPrint as an
archival PDF/A with its fonts embedded. One small wrapper for every PDF."""

from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext


class PdfUnavailable(Exception):
    """WeasyPrint cannot load the Pango library on this machine."""


def pdf_available() -> bool:
    try:
        import weasyprint  # noqa: F401
    except OSError:
        return False
    return True


def pdf_render(*, template: str, context: dict, title: str, lang: str = "sv") -> bytes:
    """Return the PDF/A-3b rendering of ``template``."""
    try:
        from weasyprint import HTML
    except OSError as error:
        raise PdfUnavailable(str(error)) from error

    fonts = Path(settings.BASE_DIR) / "static" / "vendor" / "fonts"
    html = render_to_string(
        template,
        {
            **context,
            "pdf_title": title,
            "pdf_lang": lang,
            "font_dir": fonts.as_uri(),
            "generated_at": timezone.localtime(),
        },
    )
    document = HTML(string=html, base_url=str(settings.BASE_DIR))
    return document.write_pdf(pdf_variant="pdf/a-3b", uncompressed_pdf=False)


def pdf_response(
    *, template: str, context: dict, filename: str, title: str
) -> HttpResponse:
    """Return the PDF as a download, or a page saying why it cannot be made."""
    try:
        content = pdf_render(template=template, context=context, title=str(title))
    except PdfUnavailable:
        return HttpResponse(
            gettext(
                "PDF files cannot be made on this server: the Pango library is "
                "missing. Ask the administrator to install it (on Debian: apt "
                "install libpango-1.0-0 libpangoft2-1.0-0). Excel exports work."
            ),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response
