"""What goes in an archive package: finalised minutes with their
attachments, the annual report of a year, a training plan. Each becomes a
``package.Package``: its document as the PDF/A Mandat already renders (and
the minutes' attachments as they were uploaded), and Mandat's record of it
as the JSON of ``metadata/descriptive/mandat.json``."""

import datetime
from pathlib import PurePosixPath
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.models import Organisation
from mandat.meetings.minutes import (
    minutes_context,
    minutes_filename,
    minutes_pdf_render,
)
from mandat.meetings.models import Meeting
from mandat.reports.annual import annual_report
from mandat.reports.output import document_title, report_filename, report_pdf
from mandat.trainings.models import TrainingPlan
from mandat.trainings.plan_document import plan_filename, plan_pdf_render
from mandat.trainings.selectors import plan_years

from .package import Document, Package


def _metadata(
    organisation: Organisation,
    *,
    kind: str,
    identifier: str,
    title: str,
    documents: list[Document],
    registry_number: str = "",
    record: dict[str, Any],
) -> dict[str, Any]:
    return {
        "kind": kind,
        "identifier": identifier,
        "title": title,
        "organisation": {
            "name": organisation.name,
            "organisation_number": organisation.organisation_number,
        },
        "made": timezone.now(),
        "registry_number": registry_number or None,
        "documents": [_document_entry(d, title) for d in documents],
        "record": record,
    }


def _document_entry(document: Document, title: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "file": f"data/{document.name}",
        "title": document.title or title,
        "format": document.format,
    }
    if document.attachment is not None:
        entry["attachment"] = document.attachment
    return entry


def _attachments(meeting: Meeting, attachments: list[dict]) -> list[Document]:
    """The minutes' attachments (*bilagor*) as they were uploaded, in their
    order and with their numbers in the minutes. They cannot be removed
    once the minutes are finalised; one gone all the same is left out."""
    stored = meeting.documents.in_bulk([a["pk"] for a in attachments])
    documents = []
    for attachment in attachments:
        document = stored.get(attachment["pk"])
        if document is None:
            continue
        with document.file.open("rb") as file:
            content = file.read()
        suffix = PurePosixPath(document.file.name).suffix.lower()
        stem = slugify(attachment["title"])[:60] or "dokument"
        number = attachment["number"]
        documents.append(
            Document(
                f"bilaga-{number:02d}-{stem}{suffix}",
                content,
                mimetype=document.content_type,
                title=attachment["title"],
                format=document.content_type,
                attachment=number,
            )
        )
    return documents


def _package(
    organisation: Organisation,
    *,
    identifier: str,
    kind: str,
    label: str,
    documents: list[Document],
    metadata: dict[str, Any],
    events: list[tuple[str, datetime.datetime, str]],
) -> Package:
    return Package(
        identifier=identifier,
        label=label,
        kind=kind,
        submitter=organisation.name,
        submitter_code=organisation.organisation_number,
        documents=documents,
        metadata=metadata,
        events=events,
    )


def minutes_archive_package(meeting: Meeting) -> Package:
    """Finalised or approved minutes, with the meeting's record."""
    if meeting.minutes_status == Meeting.Minutes.DRAFT:
        raise ApplicationError(_("Only finalised minutes go to the archive."))
    organisation = meeting.organisation
    context = minutes_context(meeting)
    title = str(context["document_title"])
    documents = [
        Document(f"{minutes_filename(meeting)}.pdf", minutes_pdf_render(meeting)),
        *_attachments(meeting, context["attachments"]),
    ]
    identifier = f"mandat-{organisation.slug}-protokoll-{meeting.pk}"
    record = {
        "group": meeting.group.body.name,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "location": meeting.location,
        "minutes_status": meeting.minutes_status,
        "minutes_finalised_at": meeting.minutes_finalised_at,
        "minutes_approved_at": meeting.minutes_approved_at,
        "items": [
            {
                "title": item.title,
                "kind": item.kind,
                "decision": item.decision,
            }
            for item in meeting.items.order_by("position")
        ],
    }
    events = [
        ("validation", moment, what)
        for moment, what in (
            (meeting.minutes_finalised_at, "Minutes finalised"),
            (meeting.minutes_approved_at, "Minutes approved"),
        )
        if moment is not None
    ]
    return _package(
        organisation,
        identifier=identifier,
        kind="Minutes",
        label=title,
        documents=documents,
        metadata=_metadata(
            organisation,
            kind="minutes",
            identifier=identifier,
            title=title,
            documents=documents,
            registry_number=meeting.registry_number,
            record=record,
        ),
        events=events,
    )


def annual_report_archive_package(organisation: Organisation, year: int) -> Package:
    """The annual report of ``year``: the PDF/A and its figures."""
    report = annual_report(organisation=organisation, year=year)
    title = document_title(report)
    documents = [Document(report_filename(report, "pdf"), report_pdf(report))]
    identifier = f"mandat-{organisation.slug}-arsrapport-{year}"
    return _package(
        organisation,
        identifier=identifier,
        kind="Annual report",
        label=title,
        documents=documents,
        metadata=_metadata(
            organisation,
            kind="annual_report",
            identifier=identifier,
            title=title,
            documents=documents,
            record=report,
        ),
        events=[],
    )


def plan_archive_package(plan: TrainingPlan) -> Package:
    """A training plan: the PDF/A and its items year by year."""
    organisation = plan.organisation
    documents = [Document(f"{plan_filename(plan)}.pdf", plan_pdf_render(plan))]
    identifier = f"mandat-{organisation.slug}-utbildningsplan-{plan.pk}"
    _years, items = plan_years(plan=plan)
    record = {
        "period": plan.period.name,
        "title": plan.title,
        "items": [
            {
                "year": item.year,
                "title": item.title,
                "status": item.status,
                "is_basic": item.is_basic,
            }
            for item in items
        ],
    }
    return _package(
        organisation,
        identifier=identifier,
        kind="Training plan",
        label=plan.title,
        documents=documents,
        metadata=_metadata(
            organisation,
            kind="training_plan",
            identifier=identifier,
            title=plan.title,
            documents=documents,
            record=record,
        ),
        events=[],
    )


def package_documentation(package: Package) -> str:
    """documentation/mandat-paket.md: what the package is and how its
    metadata reads, in Swedish (the archive's language)."""
    with translation.override("sv"):
        return render_to_string(
            "archive/package_documentation.txt", {"package": package}
        )
