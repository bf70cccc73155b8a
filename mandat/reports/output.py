"""The annual report in each format. The report is rendered to HTML once
(``report_html``); the web page, the PDF/A and the Word file all show that
HTML, so they cannot disagree. JSON is the data itself."""

import json

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from mandat.core.pdf import pdf_render
from mandat.core.word import WORD_CONTENT_TYPE, html_to_docx

from .annual import annual_report


def report_title(report: dict) -> str:
    """Return the report's heading: "Annual report 2025"."""
    return _("Annual report %(year)s") % {"year": report["year"]}


def document_title(report: dict) -> str:
    """Return the title the files carry: the heading and who reports."""
    return f"{report_title(report)} – " + (
        report["steering_group"] or report["organisation"]
    )


def for_display(report: dict) -> dict:
    """Return the report with the groupings its document shows."""
    trainings = report["trainings_in_plan"] + report["trainings_outside_plan"]
    return {
        **report,
        "training_sections": [
            (report["trainings_in_plan"], _("Carried out according to the plan")),
            (report["trainings_outside_plan"], _("Carried out outside the plan")),
        ],
        "evaluated": [t for t in trainings if t["evaluation"]],
    }


def report_html(report: dict) -> str:
    """Return the report as the HTML every form of it shows."""
    return render_to_string(
        "reports/_annual_body.html", {"report": for_display(report)}
    )


def report_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2)


def report_pdf(report: dict) -> bytes:
    """Return the report as a tagged PDF/A."""
    return pdf_render(
        template="reports/pdf/annual_report.html",
        context={"body": report_html(report)},
        title=document_title(report),
    )


def report_docx(report: dict) -> bytes:
    """Return the report as a Word file."""
    return html_to_docx(
        report_html(report),
        title=document_title(report),
        author=report["organisation"],
    )


FORMATS = {
    "json": (lambda report: report_json(report).encode(), "application/json"),
    "pdf": (report_pdf, "application/pdf"),
    "docx": (report_docx, WORD_CONTENT_TYPE),
}


def report_filename(report: dict, format: str) -> str:
    """Return the file name of the report in ``format``: "arsrapport-2025.pdf"."""
    return f"arsrapport-{report['year']}.{format}"


def annual_report_file(*, organisation, year: int, format: str) -> tuple[bytes, str]:
    """Return the report's bytes and content type in ``format``."""
    render, content_type = FORMATS[format]
    return render(annual_report(organisation=organisation, year=year)), content_type
