"""Meetings of the demo: the steering group's year of meetings, in the shape
of the reference minutes, and a network of five municipalities.

Everything goes through the services, as a secretary would have done it, so
the minutes, approvals and outbox are what the real loop produces; only the
times things happened are moved back afterwards."""

import datetime
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from mandat.accounts.models import Membership, User
from mandat.core.access import Role
from mandat.core.demo import DEMO_DOMAIN
from mandat.core.models import Organisation
from mandat.directory.models import (
    Assignment,
    AssignmentRole,
    Body,
    BodyKind,
    Party,
    Person,
)
from mandat.directory.selectors import active_on_q
from mandat.directory.services import body_create, person_create
from mandat.trainings.models import Training

from . import services
from .models import ApprovalAnswer, ApprovalRequest, Attendance, Meeting, MeetingGroup

ZONE = ZoneInfo("Europe/Stockholm")
STEERING = "Kommunstyrelsens styrgrupp för politikerutbildning"
NETWORK_SLUG = "lansnatverket"
NETWORK_NAME = "Länsnätverket för politikerutbildning"
MUNICIPALITIES = ("Exempelstad", "Grannby", "Åby", "Sjöstad", "Bergsala")


def _friday(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=(4 - day.weekday()) % 7)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZONE)


def seed(*, organisation) -> None:
    """Create the demo steering group's meetings and the network unless they exist."""
    if MeetingGroup.objects.filter(organisation=organisation).exists():
        return
    with transaction.atomic():
        _steering_group(organisation)
        _network(organisation)


def _record(meeting, *, excused=(), remote=(), absent=()):
    services.attendance_prefill(meeting=meeting)
    statuses = {}
    for row in meeting.attendances.select_related("person"):
        name = row.person.full_name
        if name in excused:
            statuses[row.person_id] = Attendance.Status.EXCUSED
        elif name in absent:
            statuses[row.person_id] = Attendance.Status.ABSENT
        elif name in remote:
            statuses[row.person_id] = Attendance.Status.REMOTE
        else:
            statuses[row.person_id] = Attendance.Status.PRESENT
    return services.attendance_record(
        actor=None, meeting=meeting, statuses=statuses, serving_for={}
    )


def _item(meeting, title, notes, *, decision="", presenter=None, **links):
    return services.item_create(
        actor=None,
        meeting=meeting,
        title=title,
        kind="decision" if decision else "information",
        notes=notes,
        decision=decision,
        presenter=presenter,
        **links,
    )


def _action(item, what, *, due_on, owner=None, owner_label=""):
    return services.action_item_create(
        actor=None,
        meeting=item.meeting,
        item=item,
        what=what,
        owner=owner,
        owner_label=owner_label,
        due_on=due_on,
    )


def _standard(meeting, standard):
    return meeting.items.get(standard=standard)


def _steering_group(organisation):
    body = Body.objects.get(organisation=organisation, name=STEERING)
    group = services.group_create(
        actor=None,
        organisation=organisation,
        name=STEERING,
        kind=BodyKind.STEERING_GROUP,
        body=body,
        default_location="Lokal Vargö, stadshuset",
        default_meeting_url="https://teams.example/l/styrgruppen",
        reports_to="kommunstyrelsen",
    )
    today = timezone.localdate()
    # The Moderate member is the first vice chair in both terms.
    Assignment.objects.filter(body=body, party__abbreviation="M").update(
        role=AssignmentRole.FIRST_VICE_CHAIR
    )
    coordinator = Person.objects.get(
        organisation=organisation, title="Utbildningssamordnare"
    )
    officials = list(
        Person.objects.filter(organisation=organisation, kind=Person.Kind.OFFICIAL)
        .exclude(pk=coordinator.pk)
        .order_by("id")[:2]
    )
    since = datetime.date(2023, 1, 1)
    services.participant_add(
        actor=None,
        group=group,
        person=coordinator,
        affiliation="stadsledningskontoret",
        is_secretary=True,
        starts_on=since,
    )
    for person in officials:
        services.participant_add(
            actor=None,
            group=group,
            person=person,
            affiliation="stadsledningskontoret",
            starts_on=since,
        )
    parties = {
        p.abbreviation: p for p in Party.objects.filter(organisation=organisation)
    }
    basic = Training.objects.filter(organisation=organisation).order_by("id").first()
    trust = services.commission_create(
        actor=None,
        group=group,
        reference=f"KS {today.year - 1}-11-19 § 312",
        decided_on=datetime.date(today.year - 1, 11, 19),
        title="Tillitsbaserad styrning i utbildningen",
        text="Kommunstyrelsen har beslutat i enlighet med yrkandet från V och MP "
        "att ge styrgruppen för politikerutbildning i uppdrag att arbeta in "
        "tillitsbaserad styrning, bland annat med fokus på att minimera risken "
        "för tystnadskultur, i utbildningen.",
        proposing_parties=[parties["V"], parties["MP"]],
    )
    digital = services.commission_create(
        actor=None,
        group=group,
        reference=f"KS {today.year - 2}-03-12 § 126",
        decided_on=datetime.date(today.year - 2, 3, 12),
        title="Utbildning i att leda digitala sammanträden",
        text="Styrgruppen får i uppdrag att ta fram en utbildning för presidierna "
        "i att leda digitala och hybrida sammanträden.",
        proposing_parties=[parties["S"]],
        trainings=[basic] if basic else [],
    )
    services.commission_update(
        actor=None,
        commission=digital,
        status="reported",
        on=datetime.date(today.year - 1, 2, 20),
        note="Återrapporterat till KS; utbildningen ingår i presidieutbildningen.",
    )

    first = _friday(today - datetime.timedelta(days=300))
    days = [
        first,
        _friday(first + datetime.timedelta(days=56)),
        _friday(first + datetime.timedelta(days=126)),
        _friday(today - datetime.timedelta(days=74)),
        _friday(today - datetime.timedelta(days=20)),
    ]
    meetings = [
        services.meeting_create(
            actor=None, group=group, starts_at=_at(day, 13, 30), ends_at=_at(day, 15)
        )
        for day in days
    ]
    then = body.assignments.filter(active_on_q(days[3]))
    chair = then.filter(role=AssignmentRole.CHAIR).first()
    vice = then.filter(role=AssignmentRole.FIRST_VICE_CHAIR).first()
    names = [
        a.person.full_name
        for a in then.filter(role=AssignmentRole.MEMBER).order_by("id")
    ]

    # 1. The annual report and the presidium training.
    m1 = meetings[0]
    _record(m1, remote=names[:4], excused=names[4:5])
    _standard(m1, "opening").notes = ""
    report = _item(
        m1,
        "Styrgruppens rapport till kommunstyrelsen",
        "<p>Genomgång av den årliga rapporten till kommunstyrelsen med redovisning "
        "av genomförda utbildningar, ekonomiskt resultat samt utbildningsplanen. "
        "Rapporten lästes igenom och kommenterades.</p>",
        presenter=coordinator,
    )
    _action(
        report,
        "Mejla rapporten och utbildningsplanen till styrgruppen för "
        "godkännande via e-post",
        owner=coordinator,
        due_on=days[0] + datetime.timedelta(days=7),
    )
    presidium = _item(
        m1,
        "Presidieutbildningen",
        "<p>Behovet av presidieutbildning behöver undersökas. Styrgruppen tar med "
        "sig frågan till respektive partikamrater och ser gärna att utbildningen "
        "hålls i kvartal 2.</p><p>Förslag framfördes om utbildning i att hålla "
        "<strong>digitala sammanträden</strong>.</p>",
        commissions=[digital],
    )
    _action(
        presidium,
        "Undersöka hur presidieutbildningen kan genomföras digitalt",
        owner_label="Stadsledningskontoret",
        due_on=days[1],
    )
    _item(
        m1,
        "Politikerhandboken",
        "<p>Politikerhandboken kompletteras efter hand. En flik om mötesteknik "
        "läggs till; på förslag från styrgruppen undersöks om den även kan handla "
        "om att hålla möten digitalt.</p><p>En synpunkt har inkommit om att det är "
        "svårt att hitta filmerna från grundutbildningen.</p>",
    )
    services.minutes_finalise(actor=None, meeting=m1)

    # 2. Approves 1; the annual report is decided.
    m2 = meetings[1]
    _record(m2, remote=names[2:5])
    services.minutes_approve(actor=None, item=_standard(m2, "previous_minutes"))
    _item(
        m2,
        "Utbildning för individutskott",
        "<p>Juridiska avdelningen tar fram ett förslag i enlighet med den "
        "utbildning som hölls tidigare. Utbildningen riktar sig till de nya "
        "nämnderna och genomförs digitalt, utan omkostnader.</p>",
    )
    _item(
        m2,
        "Årsrapport till kommunstyrelsen",
        "<p>Rapporten har godkänts av styrgruppen via e-post.</p>",
        decision="Styrgruppen överlämnar årsrapporten till kommunstyrelsen.",
    )
    for action in m1.action_items.all():
        services.action_item_set_status(
            actor=None, action=action, status="done", note="Klart."
        )
    m1.action_items.update(closed_on=days[1])
    services.minutes_finalise(actor=None, meeting=m2)

    # 3. Approves 2; the basic training of the new term.
    m3 = meetings[2]
    _record(m3, remote=names[:3], excused=names[5:6])
    services.minutes_approve(actor=None, item=_standard(m3, "previous_minutes"))
    basic_item = _item(
        m3,
        "Grundutbildning efter valet",
        "<p>Upplägget för grundutbildningen efter valet diskuterades: två "
        "heldagar, förmiddags- och eftermiddagspass, filmas för den som "
        "inte kan delta.</p>",
        decision="Styrgruppen ställer sig bakom upplägget av grundutbildningen.",
        commissions=[trust],
        trainings=[basic] if basic else [],
    )
    _action(
        basic_item,
        "Boka föreläsare om tillitsbaserad styrning",
        owner=coordinator,
        due_on=days[4] + datetime.timedelta(days=40),
    )
    services.minutes_finalise(actor=None, meeting=m3)

    # 4. The chair and the vice chair away: items handled as information; the
    # minutes of 3 are approved by the members by e-mail instead.
    m4 = meetings[3]
    quorum = _record(
        m4,
        excused=[chair.person.full_name, vice.person.full_name],
        remote=names[:3],
    )
    assert not quorum.quorate
    opening = _standard(m4, "opening")
    services.item_update(
        actor=None,
        item=opening,
        title=opening.title,
        kind="information",
        notes="<p>Då ordföranden och vice ordföranden fick förhinder valde "
        "styrgruppen att mötet hanterar punkterna som information och att inga "
        "beslut tas.</p>",
        decision="",
    )
    _item(
        m4,
        "Workshop för utvärdering av mandatperioden",
        "<p>Förslag om en workshop under våren: heldag vid två tillfällen, ett "
        "fysiskt och ett helt digitalt, med förmiddags- och eftermiddagspass och "
        "en extern moderator.</p>",
        commissions=[trust],
    )
    approval = services.approval_request_create(
        actor=None,
        group=group,
        title=f"Minnesanteckningar {days[2]:%Y-%m-%d}",
        deadline=timezone.now() + datetime.timedelta(days=7),
        minutes_of=m3,
        message="Mötet var inte beslutfört; godkänn anteckningarna via e-post.",
    )
    for answer in approval.answers.all():
        services.approval_answer(token=answer.token, answer="approved")
    sent = _at(days[3], 16)
    ApprovalRequest.objects.filter(pk=approval.pk).update(
        deadline=sent + datetime.timedelta(days=7)
    )
    ApprovalAnswer.objects.filter(request=approval).update(
        answered_at=sent + datetime.timedelta(days=1)
    )
    services.minutes_finalise(actor=None, meeting=m4)

    # 5. Approves 4; the workshop is decided; the next meeting is set from
    # the minutes.
    m5 = meetings[4]
    _record(m5, remote=names[1:6], excused=names[6:7])
    services.minutes_approve(actor=None, item=_standard(m5, "previous_minutes"))
    workshop = _item(
        m5,
        "Workshop för utvärdering av mandatperioden",
        "<p>Heldag vid två tillfällen. För att undvika hybridmöte arrangeras ett "
        "fysiskt möte vid det ena tillfället och ett helt digitalt vid det andra. "
        "Dagen delas i förmiddags- och eftermiddagspass med tid för diskussioner "
        "och långa fikapauser.</p><ul><li>Förmiddagen: tillitsbaserad styrning, "
        "med inslag från forskningen och andra kommuner.</li><li>Eftermiddagen: "
        "gemensam utvärdering av mandatperiodens utbildningar och behov inför "
        "kommande mandatperiod.</li></ul>",
        decision="Styrgruppen beslutade att genomföra en workshop under "
        "mars/april med en extern moderator.",
        commissions=[trust],
    )
    _action(
        workshop,
        "Ta fram förslag på extern moderator",
        owner=officials[0] if officials else coordinator,
        due_on=today + datetime.timedelta(days=30),
    )
    next_day = _friday(today + datetime.timedelta(days=10))
    services.next_meeting_set(
        actor=None,
        item=_standard(m5, "next_meeting"),
        starts_at=_at(next_day, 13, 30),
        ends_at=_at(next_day, 14, 30),
        location="Lokal Vargö, stadshuset",
        meeting_url="https://teams.example/l/styrgruppen",
    )
    services.minutes_finalise(actor=None, meeting=m5)

    # The spring term of the new group, in one go.
    spring = _friday(datetime.date(next_day.year + 1, 1, 20))
    services.meeting_term_create(
        actor=None,
        group=group,
        dates=[
            spring,
            spring + datetime.timedelta(weeks=8),
            spring + datetime.timedelta(weeks=16),
        ],
        starts=datetime.time(8, 30),
        ends=datetime.time(12, 0),
    )
    Meeting.objects.filter(group=group, starts_at__lt=timezone.now()).update(
        status=Meeting.Status.HELD
    )


def _network(organisation):
    """A network of five municipalities' coordinators, its own organisation,
    with hosts rotating by year and a spring term of dates."""
    network, created = Organisation.objects.get_or_create(
        slug=NETWORK_SLUG,
        defaults={"name": NETWORK_NAME, "kind": Organisation.Kind.NETWORK},
    )
    if not created:
        return
    body = body_create(
        organisation=network, name="Nätverksträffarna", kind=BodyKind.NETWORK
    )
    group = services.group_create(
        actor=None,
        organisation=network,
        name=body.name,
        kind=BodyKind.NETWORK,
        body=body,
        quorum_rule="none",
        notice_days=14,
        remote_label="Teams",
    )
    first_names = ("Lena", "Omar", "Karin", "Jonas", "Maria", "Erik", "Sara")
    last_names = ("Ek", "Lind", "Berg", "Holm", "Sund", "Dahl", "Strand")
    people = []
    for number, municipality in enumerate(MUNICIPALITIES):
        person = person_create(
            actor=None,
            organisation=network,
            first_name=first_names[number],
            last_name=last_names[number],
            email=f"{first_names[number].lower()}.{last_names[number].lower()}"
            f"@{municipality.lower().replace('å', 'a').replace('ö', 'o')}.example",
            kind=Person.Kind.OFFICIAL,
            title="Utbildningssamordnare",
            home_municipality=municipality,
        )
        role = AssignmentRole.CHAIR if number == 0 else AssignmentRole.MEMBER
        Assignment.objects.create(
            organisation=network,
            person=person,
            body=body,
            role=role,
            starts_on=datetime.date(2023, 1, 1),
        )
        people.append(person)
    # The demo coordinator's account works in the network too.
    user = User.objects.filter(email=f"samordnare@{DEMO_DOMAIN}").first()
    if user is not None:
        Membership.objects.get_or_create(
            user=user, organisation=network, role=Role.COORDINATOR
        )
        Person.objects.filter(pk=people[0].pk).update(account=user)
    for municipality in MUNICIPALITIES:
        services.network_member_add(actor=None, group=group, name=municipality)
    today = timezone.localdate()
    for offset, host in enumerate(MUNICIPALITIES):
        services.host_turn_set(
            actor=None, group=group, year=today.year - 1 + offset, host=host
        )
    autumn = _friday(today - datetime.timedelta(days=45))
    held = services.meeting_create(
        actor=None,
        group=group,
        starts_at=_at(autumn, 9),
        ends_at=_at(autumn, 12),
        location="Stadshuset",
    )
    _record(held, remote=[p.full_name for p in people[2:4]])
    _item(
        held,
        "Erfarenheter av grundutbildningen efter valet",
        "<p>Varje kommun berättade hur grundutbildningen planeras. Flera vill "
        "dela föreläsare och filma gemensamt.</p>",
    )
    services.minutes_finalise(actor=None, meeting=held)
    spring = _friday(datetime.date(today.year + 1, 2, 1))
    services.meeting_term_create(
        actor=None,
        group=group,
        dates=[spring, spring + datetime.timedelta(weeks=10)],
        starts=datetime.time(9, 0),
        ends=datetime.time(12, 0),
        location="Kommunhuset",
    )
