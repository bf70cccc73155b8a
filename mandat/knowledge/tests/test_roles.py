"""What each role sees of the handbook and the film library (who may open each
address is in ``core/tests/permission_rows/knowledge.py``): administrators
and coordinators get the tools to write, edit and review pages and see
drafts; every other role reads the published handbook and films with no such
tool and no draft; a page's owner is named, unless they have protected
personal data, whose name only administrators and coordinators see."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from mandat.core.access import Role
from mandat.directory.tests.factories import BodyFactory, PersonFactory
from mandat.knowledge import services
from mandat.knowledge.models import Film, HandbookSection

pytestmark = pytest.mark.django_db

MANAGERS = [Role.ADMINISTRATOR, Role.COORDINATOR]
READERS = [
    Role.COMMITTEE_SECRETARY,
    Role.STEERING_MEMBER,
    Role.ELECTED,
    Role.COURSE_LEADER,
    Role.OFFICIAL,
]


@pytest.fixture
def as_role(make_user, organisation):
    """Return a client logged in with ``role`` in the organisation."""

    def log_in(role):
        body = None
        if role == Role.COMMITTEE_SECRETARY:
            body = BodyFactory(organisation=organisation)
        client = Client()
        # A fixed name: the header shows it, and a random one may hold a
        # name the test looks for.
        user = make_user(role, organisation, body=body, full_name="Testa Testsson")
        client.force_login(user)
        return client

    return log_in


@pytest.fixture
def page(organisation):
    """A handbook page owned by Olle, last reviewed over a year ago."""
    owner = PersonFactory(
        organisation=organisation, first_name="Olle", last_name="Ägare"
    )
    section = HandbookSection.objects.create(organisation=organisation, title="Arvoden")
    return services.page_save(
        actor=None,
        section=section,
        title="Arvoden och ersättningar",
        body="Så fungerar **arvodena**.",
        owner=owner,
        reviewed_on=datetime.date.today() - datetime.timedelta(days=400),
        review_months=12,
    )


@pytest.fixture
def films(organisation):
    """A published film with captions, and a draft without."""
    published = Film.objects.create(
        organisation=organisation,
        title="Jäv i praktiken",
        video_url="https://www.youtube.com/watch?v=abcdefghijk",
        captions_url="https://video.example/jav.vtt",
        status=Film.Status.PUBLISHED,
    )
    draft = Film.objects.create(
        organisation=organisation,
        title="Budgetprocessen (ej textad)",
        video_url="https://www.youtube.com/watch?v=bcdefghijkl",
    )
    return published, draft


def urls(organisation, page) -> dict[str, str]:
    slug = organisation.slug
    return {
        "handbook": reverse("knowledge:handbook", args=[slug]),
        "detail": reverse("knowledge:page-detail", args=[slug, page.pk]),
        "create": reverse("knowledge:page-create", args=[slug]),
        "edit": reverse("knowledge:page-edit", args=[slug, page.pk]),
        "reviewed": reverse("knowledge:page-reviewed", args=[slug, page.pk]),
        "section": reverse("knowledge:section-create", args=[slug]),
    }


@pytest.mark.parametrize("role", MANAGERS)
def test_managers_get_the_tools_to_write_edit_and_review_pages(
    as_role, organisation, page, role
):
    client = as_role(role)
    address = urls(organisation, page)

    handbook = client.get(address["handbook"]).text
    detail = client.get(address["detail"]).text

    assert address["create"] in handbook and address["section"] in handbook
    assert address["edit"] in detail and address["reviewed"] in detail
    assert "Sidan behöver granskas." in detail
    assert "Ansvarig: Olle Ägare" in detail


@pytest.mark.parametrize("role", READERS)
def test_other_roles_read_the_handbook_without_tools(as_role, organisation, page, role):
    client = as_role(role)
    address = urls(organisation, page)

    handbook = client.get(address["handbook"]).text
    detail = client.get(address["detail"]).text
    edit = client.get(address["edit"])

    assert "Arvoden och ersättningar" in handbook
    assert address["create"] not in handbook and address["section"] not in handbook
    assert "<strong>arvodena</strong>" in detail
    assert "Ansvarig: Olle Ägare" in detail
    assert address["edit"] not in detail and address["reviewed"] not in detail
    assert "Sidan behöver granskas." not in detail
    assert edit.status_code == 403 and "<textarea" not in edit.text


@pytest.mark.parametrize("role", [*MANAGERS, *READERS])
def test_a_protected_owner_is_named_only_to_administrators_and_coordinators(
    as_role, organisation, page, role
):
    page.owner.protected_identity = True
    page.owner.save(update_fields=["protected_identity"])

    detail = as_role(role).get(urls(organisation, page)["detail"]).text

    if role in MANAGERS:
        assert "Ansvarig: Olle Ägare" in detail
    else:
        assert "Ansvarig: Skyddad identitet" in detail
        assert "Olle" not in detail and "Ägare" not in detail


def film_titles(client, organisation) -> list[str]:
    page = client.get(reverse("knowledge:film-list", args=[organisation.slug]))
    return [film.title for film in page.context["films"]]


@pytest.mark.parametrize("role", [*MANAGERS, *READERS])
def test_drafts_are_shown_to_administrators_and_coordinators_only(
    as_role, organisation, films, role
):
    published, draft = films
    client = as_role(role)
    slug = organisation.slug

    titles = film_titles(client, organisation)
    detail = client.get(reverse("knowledge:film-detail", args=[slug, draft.pk]))

    if role in MANAGERS:
        assert sorted(titles) == sorted([published.title, draft.title])
        assert detail.status_code == 200 and "Utkast" in detail.text
        assert reverse("knowledge:film-edit", args=[slug, draft.pk]) in detail.text
    else:
        assert titles == [published.title]
        assert detail.status_code == 404 and draft.title not in detail.text
