"""What each role sees of the messages and calendar feeds (who may open each
address is in ``core/tests/permission_rows/notifications.py``): the outbox
lists the organisation's own messages to its administrators and coordinators
and no one else's; the other roles find neither the outbox nor a message in
their menu or pages; a person's page offers their own calendar address, and
the feed holds their own trainings and meetings only."""

import datetime

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse

from mandat.accounts import services as account_services
from mandat.accounts.models import AccountLink
from mandat.core.access import Role
from mandat.directory.models import BodyKind
from mandat.directory.tests.factories import (
    AssignmentFactory,
    BodyFactory,
    PersonFactory,
)
from mandat.meetings import services as meeting_services
from mandat.meetings.models import MeetingGroup
from mandat.notifications.models import Message, MessageTemplate
from mandat.notifications.services import calendar_feed_create
from mandat.testing.received import parse_calendar
from mandat.trainings.tests.factories import (
    InvitationFactory,
    OccasionFactory,
    RegistrationFactory,
    later,
)

pytestmark = pytest.mark.django_db

OURS = "Påminnelse: Presidieutbildning"
THEIRS = "Kallelse: Grannbys styrgrupp"


@pytest.fixture
def messages(organisation, other_organisation):
    """One message in each organisation's outbox."""
    ours = Message.objects.create(
        organisation=organisation,
        event="trainings.reminder",
        dedupe_key="roles:ours",
        to_email="asa.oberg@exempelby.se",
        to_name="Åsa Öberg",
        subject=OURS,
        body_text="Hej Åsa!",
    )
    theirs = Message.objects.create(
        organisation=other_organisation,
        event="meetings.notice",
        dedupe_key="roles:theirs",
        to_email="greta.granne@grannby.se",
        to_name="Greta Granne",
        subject=THEIRS,
        body_text="Hej Greta!",
    )
    return ours, theirs


def logged_in(user) -> Client:
    # A fixed name: the header shows it, and a random one may hold a name
    # the test looks for.
    user.full_name = "Testa Testsson"
    user.save(update_fields=["full_name"])
    client = Client()
    client.force_login(user)
    return client


def subjects_in_outbox(client, organisation) -> list[str]:
    page = client.get(reverse("notifications:outbox", args=[organisation.slug]))
    assert page.status_code == 200
    return lxml.html.fromstring(page.content).xpath("//tbody/tr/td[3]/a/text()")


@pytest.mark.parametrize("role", [Role.ADMINISTRATOR, Role.COORDINATOR])
def test_the_outbox_lists_the_organisations_own_messages_only(
    make_user, organisation, other_organisation, messages, role
):
    ours, theirs = messages
    here = logged_in(make_user(role, organisation))
    there = logged_in(make_user(role, other_organisation))

    assert subjects_in_outbox(here, organisation) == [OURS]
    assert subjects_in_outbox(there, other_organisation) == [THEIRS]
    # Their message's number in our addresses is not found, and not shown.
    detail = here.get(
        reverse("notifications:message-detail", args=[organisation.slug, theirs.pk])
    )
    assert detail.status_code == 404 and "Greta" not in detail.text


@pytest.mark.parametrize(
    "role",
    [
        Role.COMMITTEE_SECRETARY,
        Role.STEERING_MEMBER,
        Role.ELECTED,
        Role.COURSE_LEADER,
        Role.OFFICIAL,
    ],
)
def test_other_roles_find_no_outbox_and_no_message(
    make_user, organisation, messages, role
):
    secretary = role == Role.COMMITTEE_SECRETARY
    body = BodyFactory(organisation=organisation) if secretary else None
    client = logged_in(make_user(role, organisation, body=body))
    ours, _theirs = messages
    slug = organisation.slug

    overview = client.get(reverse("portal:dashboard", args=[slug]))
    outbox = client.get(reverse("notifications:outbox", args=[slug]))
    detail = client.get(reverse("notifications:message-detail", args=[slug, ours.pk]))
    wording = client.get(reverse("notifications:template-list", args=[slug]))

    assert reverse("notifications:outbox", args=[slug]) not in overview.text
    assert reverse("notifications:template-list", args=[slug]) not in overview.text
    for page in (outbox, detail, wording):
        assert page.status_code == 403
        assert OURS not in page.text and "asa.oberg@exempelby.se" not in page.text


def test_the_coordinator_reads_but_cannot_reword_the_account_messages(
    coordinator_client, organisation
):
    slug = organisation.slug
    url = reverse("notifications:template-edit", args=[slug, "accounts.invitation"])

    listing = coordinator_client.get(
        reverse("notifications:template-list", args=[slug])
    )
    response = coordinator_client.post(
        url, {"language": "sv", "subject": "Hej", "body": "Gå till {{ link }}"}
    )

    assert "Inbjudan till ett nytt konto" in listing.text
    assert "fast text" in listing.text
    assert response.status_code == 200
    assert "Texten i det här meddelandet kan inte ändras." in response.text
    assert not MessageTemplate.objects.exists()
    # The page shows the last invitation as it was sent, its link masked.
    assert "Inget sådant meddelande har skickats ännu." in response.text
    coordinator = organisation.memberships.first().user
    account_services.membership_give(
        actor=coordinator,
        organisation=organisation,
        email="ny@exempelby.se",
        full_name="Ny Person",
        role=Role.ELECTED,
    )
    link = AccountLink.objects.get(user__email="ny@exempelby.se")
    page = coordinator_client.get(url)
    assert "Det senast skickade" in page.text
    assert "Ny Person" in page.text
    assert link.token_hash not in page.text
    assert "/accounts/reset/" not in page.text
    assert "[personlig länk]" in page.text


@pytest.fixture
def two_people(organisation, make_user):
    """Åsa and Bo, each logged in with an account of their own, registered
    for a training of their own; Åsa also sits on the steering group, which
    meets in a week."""
    people = {}
    for first, title in [("Åsa", "Presidieutbildning"), ("Bo", "Jävsregler")]:
        user = make_user(Role.ELECTED, organisation, full_name=f"{first} Test")
        person = PersonFactory(
            organisation=organisation,
            first_name=first,
            account=user,
            email=user.email,
        )
        occasion = OccasionFactory(
            training__organisation=organisation,
            training__title=title,
            starts_at=later(20),
        )
        invitation = InvitationFactory(training=occasion.training, person=person)
        RegistrationFactory(occasion=occasion, person=person, invitation=invitation)
        people[first] = (user, person)
    steering = BodyFactory(
        organisation=organisation,
        name="Styrgruppen för politikerutbildning",
        kind=BodyKind.STEERING_GROUP,
        is_statutory=False,
    )
    AssignmentFactory(
        person=people["Åsa"][1], body=steering, starts_on=datetime.date(2023, 1, 1)
    )
    meeting_services.meeting_create(
        actor=None,
        group=MeetingGroup.objects.create(organisation=organisation, body=steering),
        starts_at=later(7, 13),
        ends_at=later(7, 15),
    )
    return people


def test_my_trainings_offers_my_own_calendar_address(organisation, two_people):
    (asa, asa_person), (_bo, bo_person) = two_people["Åsa"], two_people["Bo"]
    mine, bos = (
        calendar_feed_create(actor=None, person=asa_person),
        calendar_feed_create(actor=None, person=bo_person),
    )

    page = logged_in(asa).get(
        reverse("trainings:my-trainings", args=[organisation.slug])
    )

    assert mine.token in page.text
    assert bos.token not in page.text


def test_a_feed_holds_its_persons_own_trainings_and_meetings(two_people):
    asa_feed = calendar_feed_create(actor=None, person=two_people["Åsa"][1])
    bo_feed = calendar_feed_create(actor=None, person=two_people["Bo"][1])

    def summaries(feed) -> list[str]:
        response = Client().get(reverse("notifications:feed", args=[feed.token]))
        return sorted(
            event.summary for event in parse_calendar(response.content).events
        )

    asa_sees, bo_sees = summaries(asa_feed), summaries(bo_feed)

    assert [s for s in asa_sees if "Presidieutbildning" in s] != []
    assert [s for s in asa_sees if "Styrgruppen" in s] != []
    assert not [s for s in asa_sees if "Jävsregler" in s]
    assert [s for s in bo_sees if "Jävsregler" in s] != []
    assert not [s for s in bo_sees if "Presidieutbildning" in s or "Styrgruppen" in s]
