"""The annual report as a Word file, from the same data as the PDF."""

import io

from django.utils.translation import gettext as _

from mandat.core.richtext import CONTROL_CHARACTERS
from mandat.core.templatetags.mandat import kronor


def _text(value) -> str:
    return CONTROL_CHARACTERS.sub("", str(value))


def annual_report_docx(report: dict) -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt

    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    title = _("Annual report %(year)s") % {"year": report["year"]}
    properties = document.core_properties
    properties.title = f"{title} – {report['steering_group'] or report['organisation']}"
    properties.language = "sv-SE"
    properties.author = report["organisation"]
    document.add_heading(title, level=1)
    document.add_paragraph(
        _text(report["steering_group"] or "") + " · " + _text(report["organisation"])
    )
    narrative = report["narrative"]

    def prose(key):
        for block in (narrative.get(key) or "").split("\n\n"):
            if block.strip():
                document.add_paragraph(_text(block.strip()))

    def table(headers, rows):
        grid = document.add_table(rows=1, cols=len(headers))
        grid.style = "Table Grid"
        grid.autofit = False
        # The first column holds names and titles; the rest hold figures.
        first = Cm(7 if len(headers) > 2 else 9)
        rest = (Cm(16) - first) // max(len(headers) - 1, 1)
        widths = [first] + [rest] * (len(headers) - 1)
        for cell, header in zip(grid.rows[0].cells, headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(_text(header)).bold = True
        for row in rows:
            cells = grid.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = _text("" if value is None else value)
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width
        for grid_row in grid.rows:
            for cell, width in zip(grid_row.cells, widths, strict=True):
                cell.width = width
        document.add_paragraph()

    prose("introduction")
    document.add_heading(_("The steering group"), level=2)
    table(
        [_("Name"), _("Party"), _("Role")],
        [(m["name"], m["party"], m["role"]) for m in report["members"]],
    )
    document.add_paragraph(
        _("The steering group held %(count)s meetings.")
        % {"count": report["meetings_held"]}
    )
    document.add_heading(_("Trainings"), level=2)
    prose("trainings")
    headers = [
        _("Training"),
        _("Occasions"),
        _("Invited"),
        _("Registered"),
        _("Attended"),
        _("Women / men"),
    ]
    for key, heading in (
        ("trainings_in_plan", _("Carried out according to the plan")),
        ("trainings_outside_plan", _("Carried out outside the plan")),
    ):
        document.add_heading(heading, level=3)
        table(
            headers,
            [
                (
                    t["title"],
                    t["occasions"],
                    t["invited"],
                    t["registered"],
                    t["attended"],
                    f"{t['attended_women']} / {t['attended_men']}",
                )
                for t in report[key]
            ],
        )
    if report["cancelled_or_moved"]:
        document.add_heading(_("Cancelled and moved"), level=3)
        for row in report["cancelled_or_moved"]:
            document.add_paragraph(
                _text(
                    f"{row['title']} ({row['what_label'].lower()}"
                    + (f", {row['date']}" if row["date"] else "")
                    + f"): {row['reason']}"
                ),
                style="List Bullet",
            )
    document.add_heading(_("Participants"), level=3)
    table(
        [_("Category"), _("Elected officials")],
        [
            (row["category"], row["people"])
            for row in report["participants_by_category"]
        ],
    )
    if report["officials_by_title"]:
        table(
            [_("Title"), _("Officials")],
            [(row["title"], row["people"]) for row in report["officials_by_title"]],
        )
    document.add_heading(_("Evaluations"), level=2)
    prose("evaluations")
    table(
        [_("Training"), _("Answers"), _("Response rate"), _("Two top grades")],
        [
            (
                t["title"],
                f"{t['evaluation']['answered']} / {t['evaluation']['asked']}",
                f"{t['evaluation']['response_rate']} %",
                f"{t['evaluation']['top_two_share']} %"
                if t["evaluation"]["top_two_share"] is not None
                else "–",
            )
            for t in report["trainings_in_plan"] + report["trainings_outside_plan"]
            if t["evaluation"]
        ],
    )
    if report["commissions"]:
        document.add_heading(_("Assignments from the executive board"), level=2)
        table(
            [_("Decision"), _("Assignment"), _("Status")],
            [(c["reference"], c["title"], c["status"]) for c in report["commissions"]],
        )
    document.add_heading(_("Economy"), level=2)
    prose("economy")
    costs = report["costs"]
    table(
        [_("Category"), _("Amount")],
        [(row["category"], kronor(row["amount"])) for row in costs["by_category"]]
        + [(_("In all"), kronor(costs["total"]))]
        + (
            [(_("Budget"), kronor(costs["budget"]))]
            if costs["budget"] is not None
            else []
        ),
    )
    if narrative.get("outlook"):
        document.add_heading(_("The year ahead"), level=2)
        prose("outlook")
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
