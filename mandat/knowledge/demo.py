"""The demo's film library and handbook: films of the basic training with
captions (one still a draft without), and a handbook of eight pages."""

import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from mandat.accounts.models import Membership, User
from mandat.core.access import Role
from mandat.core.demo import DEMO_DOMAIN, DEMO_PASSWORD
from mandat.directory.models import Body, Party, Person
from mandat.directory.services import assignment_create, person_create
from mandat.trainings.models import PlanItem, Training

from . import search, services
from .models import HandbookSection

CAPTIONS = """WEBVTT

00:00:00.000 --> 00:00:04.000
Välkomna till grundutbildningen för förtroendevalda.

00:00:04.500 --> 00:00:09.000
I dag går vi igenom hur kommunen styrs och vilket ansvar du har.
"""

FILMS = [
    ("Så styrs kommunen", "Kommundirektören", 42, "Kommunallagen, Styrning"),
    ("Ditt ansvar som förtroendevald", "Kommunjuristen", 35, "Kommunallagen, Jäv"),
    ("Budget och ekonomistyrning", "Ekonomidirektören", 48, "Ekonomi"),
    (
        "Att leda digitala sammanträden",
        "Mötesexperten",
        28,
        "Mötesteknik, Digitala möten",
    ),
]

PAGES = [
    (
        "Möten",
        "Mötesteknik",
        "## Före mötet\n\nLäs handlingarna i god tid och förbered dina frågor.\n\n"
        "## Under mötet\n\n- Begär ordet hos ordföranden\n- Håll dig till ärendet\n"
        "- Yrka tydligt, så att ordföranden kan ställa proposition",
    ),
    (
        "Möten",
        "Digitala sammanträden",
        "## Digitalt möte eller hybridmöte\n\nFullmäktige och nämnder får hålla "
        "digitala sammanträden om det står i reglementet. Den som deltar på "
        "distans ska kunna se och höra alla och delta på lika villkor.\n\n"
        "## Så förbereder du dig\n\n1. Testa ljud och bild i förväg\n2. Sitt "
        "ostört – ingen annan får höra sekretessbelagda ärenden\n3. Ha "
        "handlingarna öppna i läsplattan",
    ),
    (
        "Möten",
        "Jäv",
        "Du får inte delta i handläggningen av ett ärende där du är jävig, "
        "till exempel om ärendet rör dig själv eller en närstående. **Anmäl jäv "
        "själv** innan ärendet tas upp.",
    ),
    (
        "Uppdraget",
        "Kommunallagen i korthet",
        "Kommunallagen reglerar hur kommuner och regioner styrs: fullmäktige, "
        "styrelse och nämnder, hur beslut fattas och hur de kan överklagas.",
    ),
    (
        "Uppdraget",
        "Arvoden och ersättningar",
        "Arvoden betalas enligt fullmäktiges bestämmelser om ersättning till "
        "förtroendevalda. Deltagande i utbildningar rapporteras av "
        "nämndsekreteraren; förlorad arbetsinkomst ersätts mot intyg.",
    ),
    (
        "Uppdraget",
        "Offentlighet och sekretess",
        "Handlingar som kommit in till eller upprättats hos kommunen är allmänna "
        "handlingar. De flesta är offentliga, men en del omfattas av sekretess "
        "enligt offentlighets- och sekretesslagen.",
    ),
    (
        "Trygghet",
        "Säkerhet och hot mot förtroendevalda",
        "Polisanmäl hot och trakasserier. Kontakta kommunens säkerhetssamordnare, "
        "som kan hjälpa dig med stöd och skydd.",
    ),
    (
        "Trygghet",
        "Sociala medier som förtroendevald",
        "Det du skriver i sociala medier kan bli allmän handling om det gäller "
        "ditt uppdrag. Tänk på tonen och svara inte på hot.",
    ),
]


def seed(*, organisation) -> None:
    """Create the demo film library and handbook unless they exist."""
    if HandbookSection.objects.filter(organisation=organisation).exists():
        return
    training = (
        Training.objects.filter(
            organisation=organisation, title__icontains="grundutbildning"
        )
        .order_by("id")
        .first()
    )
    basic = (
        PlanItem.objects.filter(
            plan__organisation=organisation,
            title__startswith="Grundutbildning",
            plan__period__starts_on__lte=timezone.localdate(),
        )
        .order_by("-plan__period__starts_on")
        .first()
    )
    coordinator = Person.objects.filter(
        organisation=organisation, title="Utbildningssamordnare"
    ).first()
    today = timezone.localdate()
    with transaction.atomic():
        films = []
        for number, (title, speakers, minutes, topics) in enumerate(FILMS):
            film = services.film_save(
                actor=None,
                organisation=organisation,
                title=title,
                description=f"Inspelning från grundutbildningen: {title.lower()}.",
                speakers=speakers,
                recorded_on=today - datetime.timedelta(days=300 + number),
                duration_minutes=minutes,
                video_url=f"https://video.exempelstad.example/play/{1000 + number}",
                training=training,
                plan_item=basic,
                captions=ContentFile(CAPTIONS.encode(), name=f"film-{number}.vtt"),
                chapters=[
                    {"at": "0:00", "title": "Inledning"},
                    {"at": f"{minutes // 2}:00", "title": "Frågor och svar"},
                ],
                topics=services.topics_from_names(
                    organisation=organisation, names=topics.split(",")
                ),
            )
            services.film_publish(actor=None, film=film)
            films.append(film)
        services.film_save(
            actor=None,
            organisation=organisation,
            title="Medborgardialog i praktiken",
            description="Inspelad, väntar på undertexter.",
            recorded_on=today - datetime.timedelta(days=40),
            duration_minutes=55,
            video_url="https://video.exempelstad.example/play/2001",
        )
        sections: dict[str, HandbookSection] = {}
        for number, (section, title, body) in enumerate(PAGES):
            if section not in sections:
                sections[section] = HandbookSection.objects.create(
                    organisation=organisation, title=section, position=len(sections)
                )
            page = services.page_save(
                actor=None,
                section=sections[section],
                title=title,
                body=body,
                owner=coordinator,
                position=number,
                reviewed_on=today - datetime.timedelta(days=30 * (number + 1)),
            )
            if title == "Digitala sammanträden":
                page.films.set([films[3]])
        _newcomer(organisation)
        # The history was written as records, not through the services.
        search.reindex(organisation)


def _newcomer(organisation):
    """Someone who joined Kulturnämnden last month, with a log-in."""
    person = person_create(
        actor=None,
        organisation=organisation,
        first_name="Nora",
        last_name="Nyström",
        email=f"nyvald@{DEMO_DOMAIN}",
        kind=Person.Kind.ELECTED,
        gender=Person.Gender.WOMAN,
    )
    assignment_create(
        actor=None,
        person=person,
        body=Body.objects.get(organisation=organisation, name="Kulturnämnden"),
        role="ledamot",
        party=Party.objects.get(organisation=organisation, abbreviation="S"),
        starts_on=timezone.localdate() - datetime.timedelta(days=25),
    )
    user = User.objects.create_user(
        email=f"nyvald@{DEMO_DOMAIN}", password=DEMO_PASSWORD, full_name="Nora Nyström"
    )
    Membership.objects.create(user=user, organisation=organisation, role=Role.ELECTED)
    Person.objects.filter(pk=person.pk).update(account=user)
