"""Who may open which meeting page: role × page × expected status. Members
and participants read their own group; only coordinators and the group's
secretary change it."""

import pytest
from django.urls import reverse

from mandat.core.access import Role
from mandat.directory.models import AssignmentRole
from mandat.directory.tests.factories import (
    AssignmentFactory,
    BodyFactory,
    PersonFactory,
)
from mandat.meetings import services

from .factories import at, steering_group

pytestmark = pytest.mark.django_db

MANAGERS = {"administrator", "coordinator", "secretary"}
READERS = MANAGERS | {"member"}


@pytest.mark.parametrize(
    "who",
    [None, *Role.values, "member", "secretary"],
)
def test_meeting_permission_matrix(client, make_user, organisation, who):
    group = steering_group(organisation)
    meeting = services.meeting_create(
        actor=None,
        group=group,
        starts_at=at("2027-01-21", "13:30"),
        ends_at=at("2027-01-21", "14:30"),
    )
    if who in Role.values:
        body = None
        if who == Role.COMMITTEE_SECRETARY:
            body = BodyFactory(organisation=organisation)
        client.force_login(make_user(who, organisation, body=body))
    elif who in ("member", "secretary"):
        # A member of the group, or the office's secretary of it, whose
        # organisation role is only "elected official" or "official".
        user = make_user(
            Role.ELECTED if who == "member" else Role.OFFICIAL, organisation
        )
        person = PersonFactory(organisation=organisation, account=user)
        if who == "member":
            AssignmentFactory(
                person=person, body=group.body, role=AssignmentRole.MEMBER
            )
        else:
            services.participant_add(
                actor=None, group=group, person=person, is_secretary=True
            )
        client.force_login(user)
    slug = organisation.slug

    def status(allowed, *, hidden=403):
        if who is None:
            return 302
        if who in allowed:
            return 200
        return hidden

    # People outside the group do not learn the group exists.
    matrix = {
        reverse("meetings:group-list", args=[slug]): status(READERS),
        reverse("meetings:group-create", args=[slug]): status(
            {"administrator", "coordinator"}
        ),
        reverse("meetings:group-detail", args=[slug, group.pk]): status(
            READERS, hidden=404
        ),
        reverse("meetings:meeting-detail", args=[slug, meeting.pk]): status(
            READERS, hidden=404
        ),
        reverse("meetings:minutes", args=[slug, meeting.pk]): status(
            READERS, hidden=404
        ),
        reverse("meetings:attendance", args=[slug, meeting.pk]): status(
            MANAGERS, hidden=404 if who not in READERS else 403
        ),
        reverse("meetings:notice", args=[slug, meeting.pk]): status(
            MANAGERS, hidden=404 if who not in READERS else 403
        ),
        reverse("meetings:item-create", args=[slug, meeting.pk]): status(
            MANAGERS, hidden=404 if who not in READERS else 403
        ),
        reverse("meetings:approval-create", args=[slug, group.pk]): status(
            MANAGERS, hidden=404 if who not in READERS else 403
        ),
        reverse("meetings:my-actions", args=[slug]): 302 if who is None else 200,
    }
    actual = {url: client.get(url).status_code for url in matrix}
    assert actual == matrix
