"""The annual report in each format: one function per format, all from the
same data."""

import json

from django.utils.translation import gettext as _

from mandat.core.pdf import pdf_render

from .annual import annual_report
from .word import annual_report_docx


def report_title(report: dict) -> str:
    return _("Annual report %(year)s") % {"year": report["year"]}


def for_display(report: dict) -> dict:
    """The report with the groupings its web page and PDF show."""
    trainings = report["trainings_in_plan"] + report["trainings_outside_plan"]
    return {
        **report,
        "training_sections": [
            (report["trainings_in_plan"], _("Carried out according to the plan")),
            (report["trainings_outside_plan"], _("Carried out outside the plan")),
        ],
        "evaluated": [t for t in trainings if t["evaluation"]],
    }


def report_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2)


def report_pdf(report: dict) -> bytes:
    return pdf_render(
        template="reports/pdf/annual_report.html",
        context={"report": for_display(report)},
        title=f"{report_title(report)} – "
        + (report["steering_group"] or report["organisation"]),
    )


FORMATS = {
    "json": (lambda report: report_json(report).encode(), "application/json"),
    "pdf": (report_pdf, "application/pdf"),
    "docx": (
        annual_report_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}


def annual_report_file(*, organisation, year: int, format: str) -> tuple[bytes, str]:
    """Return the report's bytes and content type in ``format``."""
    render, content_type = FORMATS[format]
    return render(annual_report(organisation=organisation, year=year)), content_type
