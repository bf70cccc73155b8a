"""PDF documents: an HTML template and its CSS, rendered by WeasyPrint as an
archival PDF/A with its fonts embedded. One small wrapper for every PDF."""

from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone


def pdf_render(*, template: str, context: dict, title: str, lang: str = "sv") -> bytes:
    """Return the PDF/A-3b rendering of ``template``."""
    from weasyprint import HTML

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
    """Return the PDF as a download."""
    content = pdf_render(template=template, context=context, title=str(title))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response
