import json

from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandat.core.downloads import download_response
from mandat.core.forms import service_call
from mandat.core.pages import form_page, found
from mandat.core.pdf import pdf_response
from mandat.core.permissions import allowed
from mandat.directory import selectors as directory

from . import permissions, selectors, services
from .extract import person_extract
from .extract_document import extract_html
from .forms import ExtractForm
from .processing import PROCESSING
from .retention import CLASSES, DISPOSED, RETENTION_CLASSES


def _person(request, person_id):
    return found(
        directory.person_get(
            organisation=request.organisation, user=request.user, person_id=person_id
        )
    )


def _file(extract, person, file_format):
    """The extract as the file asked for: a PDF/A of the page's HTML, or
    the JSON of the documented structure."""
    name = f"registerutdrag-{person.pk}"
    if file_format == "json":
        return download_response(
            json.dumps(extract, ensure_ascii=False, indent=2),
            filename=f"{name}.json",
            content_type="application/json; charset=utf-8",
        )
    return pdf_response(
        template="privacy/pdf/extract.html",
        context={"body": extract_html(extract)},
        filename=name,
        title=_("Register extract: %(name)s") % {"name": person.full_name},
    )


@allowed(permissions.can_make_extracts)
def person_extract_page(request, person_id):
    """The extract on a page; a file of it leaves Mandat only by POST, which
    the audit trail records."""
    person = _person(request, person_id)
    extract = person_extract(person)
    may_anonymise = permissions.can_anonymise_people(request.user, request.organisation)
    return form_page(
        request,
        ExtractForm(request.POST or None),
        "privacy/person_extract.html",
        lambda: {
            "person": person,
            "body": extract_html(extract),
            "may_anonymise": may_anonymise,
            "anonymised": selectors.person_is_anonymised(person),
            "refusal": may_anonymise
            and services.person_anonymise_refusal(person, now=timezone.now()),
            "person_left": CLASSES["person_left"],
        },
        save=lambda data: (
            services.person_extract_record(
                actor=request.user,
                person=person,
                file_format=data["file_format"].upper(),
            )
            or data["file_format"]
        ),
        done=lambda file_format: _file(extract, person, file_format),
    )


@require_POST
@allowed(permissions.can_anonymise_people)
def person_anonymise(request, person_id):
    person = _person(request, person_id)
    service_call(
        request,
        lambda: services.person_anonymise(actor=request.user, person=person),
        success=_("The person is anonymised."),
    )
    return redirect("directory:person-detail", request.organisation.slug, person.pk)


@allowed(permissions.can_view_processing)
def processing(request):
    return render(
        request,
        "privacy/processing.html",
        {
            "processing": PROCESSING,
            "retention_classes": RETENTION_CLASSES,
            "anonymised": selectors.anonymised_count(organisation=request.organisation),
        },
    )


@allowed(permissions.can_view_processing)
def retention_list(request):
    runs = selectors.retention_run_list(organisation=request.organisation)
    return render(
        request,
        "privacy/retention_list.html",
        {
            "classes": [
                CLASSES[key] for key in DISPOSED if not CLASSES[key].installation
            ],
            "rows": [
                (
                    run,
                    [
                        run.counts.get(key, 0)
                        for key in DISPOSED
                        if not CLASSES[key].installation
                    ],
                )
                for run in runs
            ],
        },
    )
