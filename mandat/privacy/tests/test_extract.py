"""A person's register extract: everything about them, nothing about anyone
else, as a page, a PDF/A and JSON; a file of it is audited."""

import json
import re

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from mandat.accounts.models import Membership, SignOnIdentity
from mandat.core.access import Role
from mandat.core.models import AuditEntry
from mandat.privacy.extract import FORMAT, person_extract
from mandat.testing.documents import pdf_text
from mandat.testing.pdfs import needs_pdf, pdf_structure

pytestmark = pytest.mark.django_db


def test_the_extract_holds_the_person_in_every_app_and_no_one_else(world):
    lena = world["lena"]
    Membership.objects.create(
        user=lena.account, organisation=lena.organisation, role=Role.ELECTED
    )
    SignOnIdentity.objects.create(
        user=lena.account, organisation=lena.organisation, subject="entra-oid-lena"
    )

    extract = person_extract(lena)

    assert extract["format"] == FORMAT
    assert extract["person"]["email"] == "lena@example.se"
    assert extract["person"]["register_id"] == "R-1001"
    assert extract["account"]["email"] == "lena.konto@example.se"
    assert [r["role"] for r in extract["account"]["roles"]] == ["Förtroendevald"]
    [identity] = extract["account"]["single_sign_on"]
    assert identity["subject"] == "entra-oid-lena"
    [assignment] = extract["assignments"]
    assert assignment["party"] and assignment["ends_on"].endswith("-12-31")
    [registration] = extract["registrations"]
    assert registration["dietary_needs"] == "Glutenfri kost"
    assert registration["accessibility_needs"] == "Hörslinga"
    assert [a["status"] for a in registration["attendance"]] == ["Närvarande"]
    assert len(extract["invitations"]) == 1
    [asked] = extract["evaluations"]
    assert asked["has_answered"] is True
    [message] = extract["messages"]
    assert message["subject"].startswith("Inbjudan till Grundutbildning")
    assert len(extract["calendar_feeds"]) == 1
    assert any(e["record_type"] == "person" for e in extract["audit_trail"])
    text = json.dumps(extract, ensure_ascii=False)
    assert world["feed"].token not in text
    assert world["invitation"].token not in text
    # Olle's surname and address: his first name is common enough for the
    # factories' made-up people (a contact, a teacher) to carry it too.
    for other in ("Kvarsittare", "olle@example.se", "särskilda"):
        assert other not in text


def test_the_extract_says_what_the_persons_page_shows(client, administrator, world):
    lena = world["lena"]
    client.force_login(administrator)
    organisation = lena.organisation

    person_page = client.get(
        reverse("directory:person-detail", args=[organisation.slug, lena.pk])
    ).content.decode()
    extract_url = reverse("privacy:person-extract", args=[organisation.slug, lena.pk])
    page = client.get(extract_url).content.decode()

    assert extract_url in person_page
    for shown in ("Lena Lämnadsson", "lena@example.se", "070-111 22 33", "R-1001"):
        assert shown in person_page and shown in page
    assert "Grundutbildning i kommunallagen" in page
    assert "Kvarsittare" not in page
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXTRACT).exists()


def test_the_json_file_is_the_extract_and_is_audited(client, coordinator, world):
    lena = world["lena"]
    client.force_login(coordinator)
    url = reverse("privacy:person-extract", args=[lena.organisation.slug, lena.pk])

    response = client.post(url, {"file_format": "json"})

    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["person"]["last_name"] == "Lämnadsson"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXTRACT)
    assert entry.object_id == str(lena.pk)
    assert entry.actor == coordinator
    assert "JSON" in entry.message


@needs_pdf
def test_the_pdf_is_a_tagged_pdf_a_of_the_page(client, coordinator, world):
    lena = world["lena"]
    client.force_login(coordinator)
    url = reverse("privacy:person-extract", args=[lena.organisation.slug, lena.pk])

    response = client.post(url, {"file_format": "pdf"})

    structure = pdf_structure(response.content)
    assert structure["pdfa"] == "2a" and structure["marked"]
    assert structure["info_title"] == _("Register extract: %(name)s") % {
        "name": "Lena Lämnadsson"
    }
    assert structure["lang"] == "sv-SE"
    text = pdf_text(response.content)
    assert "lena@example.se" in text and "Glutenfri kost" in text
    assert "Kvarsittare" not in text
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.EXTRACT, object_id=str(lena.pk)
    ).exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ADMINISTRATOR, 200),
        (Role.COORDINATOR, 200),
        (Role.COMMITTEE_SECRETARY, 403),
        (Role.ELECTED, 403),
    ],
)
def test_only_the_coordinator_and_administrator_make_extracts(
    client, make_user, organisation, world, role, status
):
    lena = world["lena"]
    body = lena.assignments.get().body if role == Role.COMMITTEE_SECRETARY else None
    client.force_login(make_user(role, organisation, body=body))
    url = reverse("privacy:person-extract", args=[organisation.slug, lena.pk])

    assert client.get(url).status_code == status
    assert client.post(url, {"file_format": "json"}).status_code == status


def test_the_page_shows_times_as_a_reader_reads_them_and_the_json_as_iso(
    client, coordinator, world
):
    lena = world["lena"]
    client.force_login(coordinator)
    url = reverse("privacy:person-extract", args=[lena.organisation.slug, lena.pk])

    page = client.get(url).content.decode()
    data = json.loads(client.post(url, {"file_format": "json"}).content)

    made = data["made_at"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[+-]\d{2}:\d{2}", made)
    assert f"{made[:10]} {made[11:16]}" in page
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", page)
