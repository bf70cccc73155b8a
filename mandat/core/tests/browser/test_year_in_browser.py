"""Issue 13's paths in a real browser, in the demo, axe-core on every page:
the coordinator sets up bodies and a person and records a past year from
Excel, and the year's report gives its figures (also on a phone, menu
folded); a network's secretary changes the hosts, plans a term in several
rooms, holds a meeting with an attachment, and the minutes carry it all;
an elected official declines an invitation from the e-mail on a phone."""

import datetime
import io
import re

import pytest
from django.utils import timezone
from openpyxl import Workbook
from playwright.sync_api import expect

from mandat.directory.models import Person
from mandat.meetings.models import Meeting, MeetingGroup
from mandat.notifications.models import Message
from mandat.reports.annual import annual_report
from mandat.testing.browser import log_in
from mandat.trainings import services as training_services
from mandat.trainings.models import Invitation, Training
from mandat.trainings.tests.factories import OccasionFactory, TrainingFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def click(page, name, *, role="link", context=""):
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=True).first.click()
    page.axe.check(context or name)


def menu(page, group, name):
    """Open a group of the main menu and follow one of its pages."""
    page.locator(".main-nav summary", has_text=group).click()
    click(page, name, context=f"{group} → {name}")


def fits_the_screen(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth + 1"
    )


def past_year_file(year: int, people: list[Person]) -> bytes:
    """The coordinator's own list of a year: a course for presidia and
    their chiefs, at two occasions."""
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "Utbildning",
            "Datum",
            "Start",
            "Slut",
            "Tillfälle",
            "Plats",
            "Namn",
            "E-post",
            "Svar",
        ]
    )
    first, second = datetime.date(year, 3, 12), datetime.date(year, 4, 2)
    answers = ["deltog", "deltog", "delvis", "tackade nej", "frånvarande", "deltog"]
    for number, (person, answer) in enumerate(zip(people, answers, strict=True)):
        day = first if number < 3 else second
        sheet.append(
            [
                "Presidieutbildning",
                day,
                "09:00",
                "16:00",
                "Tillfälle 1" if day == first else "Tillfälle 2",
                "Stadshuset",
                person.full_name,
                person.email,
                answer,
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_coordinator_sets_up_and_records_a_past_year(
    demo, page, new_page, live_server, settings, tmp_path
):
    settings.SITE_URL = live_server.url
    log_in(page, "samordnare@exempelstad.example")

    # Bodies from a pasted list, a person and their seat.
    menu(page, "Register", "Organ")
    click(page, "Lägg till flera organ", context="bodies from a list")
    page.get_by_label("Organ, ett per rad").fill(
        "Krisledningsnämnden\nStiftelsen Konsthallen\nHamnbolaget AB"
    )
    click(page, "Lägg till alla", role="button", context="bodies added")
    expect(page.locator(".messages")).to_contain_text("Tillagda organ: 3")
    menu(page, "Register", "Personer")
    click(page, "Ny person", context="new person")
    page.get_by_label("Förnamn").fill("Timothy")
    page.get_by_label("Efternamn").fill("Tréville")
    page.get_by_label("E-postadress").fill("timothy.treville@exempelstad.example")
    click(page, "Spara", role="button", context="person added")
    click(page, "Nytt uppdrag", context="new assignment")
    page.get_by_label("Organ", exact=True).select_option(label="Krisledningsnämnden")
    page.get_by_label("Roll", exact=True).select_option(label="Ledamot")
    page.get_by_label("Från", exact=True).fill("2023-01-01")
    click(page, "Spara", role="button", context="assignment added")
    expect(page.get_by_role("table")).to_contain_text("Krisledningsnämnden")

    # A past year from Excel, and its report.
    year = timezone.localdate().year - 2
    elected = list(
        Person.objects.filter(
            organisation__slug="exempelstad",
            kind=Person.Kind.ELECTED,
            assignments__isnull=False,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")[:5]
    )
    official = (
        Person.objects.filter(
            organisation__slug="exempelstad", kind=Person.Kind.OFFICIAL
        )
        .exclude(email="")
        .first()
    )
    upload = tmp_path / f"utbildningar-{year}.xlsx"
    upload.write_bytes(past_year_file(year, elected + [official]))
    click(page, "Uppföljning", context="follow-up")
    click(page, "Registrera tidigare år", context="history")
    page.get_by_label("Fil (.xlsx eller .csv)").set_input_files(str(upload))
    click(page, "Registrera", role="button", context="history recorded")
    expect(page.locator(".messages")).to_contain_text(f"Registrerat för {year}")
    page.goto(f"/o/exempelstad/reports/annual/?year={year}")
    page.axe.check("annual report of the past year")
    row = next(
        t
        for t in annual_report(
            organisation=Training.objects.get(title="Presidieutbildning").organisation,
            year=year,
        )["trainings_outside_plan"]
        if t["title"] == "Presidieutbildning"
    )
    assert (row["invited"], row["registered"], row["declined"]) == (6, 5, 1)
    assert (row["attended"], row["attended_elected"], row["attended_officials"]) == (
        4,
        3,
        1,
    )
    assert [o["attended"] for o in row["occasion_rows"]] == [3, 1]
    table = page.get_by_role("row").filter(has_text="Presidieutbildning").first
    expect(table).to_contain_text("Per tillfälle")

    # The same report on a phone: the menu folds, the tables scroll inside.
    phone = new_page(**PHONE)
    log_in(phone, "samordnare@exempelstad.example")
    phone.goto(f"/o/exempelstad/reports/annual/?year={year}")
    phone.axe.check("annual report on a phone")
    assert fits_the_screen(phone)
    expect(phone.locator("#main-menu")).to_be_hidden()
    phone.get_by_role("button", name="Meny").click()
    expect(phone.locator("#main-menu")).to_be_visible()
    phone.axe.check("menu open on a phone")


def test_a_network_changes_its_hosts_plans_a_term_and_minutes_a_meeting(
    demo, page, new_page, live_server, settings, tmp_path
):
    settings.SITE_URL = live_server.url
    log_in(page, "samordnare@exempelstad.example")
    group = MeetingGroup.objects.get(organisation__slug="lansnatverket")
    page.goto(f"/o/lansnatverket/groups/{group.pk}/")
    page.axe.check("network")

    # A member organisation, and next year's host among the members.
    page.get_by_text("Lägg till en medlemsorganisation").click()
    page.get_by_label("Medlemsorganisation").fill("Laholm")
    click(page, "Lägg till", role="button", context="member added")
    next_year = timezone.localdate().year + 1
    page.get_by_text("Planera eller ändra värd för ett år").click()
    page.get_by_label("År").fill(str(next_year))
    page.get_by_label("Värd").select_option("Laholm")
    click(page, "Spara", role="button", context="host changed")
    expect(page.locator("#hosts")).to_be_visible()
    expect(page.get_by_text("Tidigare planer")).to_be_visible()

    # A term in several rooms: the first meeting was last week.
    held_day = timezone.localdate() - datetime.timedelta(days=7)
    spring = datetime.date(next_year, 2, 12)
    click(page, "Planera terminens möten", context="term")
    page.get_by_label("Datum").fill(
        f"{held_day} 09:00–12:00 Laholms stadshus\n{spring} Varbergs rådhus"
    )
    page.get_by_label("Börjar").fill("13:30")
    page.get_by_label("Slutar").fill("15:00")
    click(page, "Planera mötena", role="button", context="term planned")
    held = Meeting.objects.get(group=group, starts_at__date=held_day)
    assert Meeting.objects.get(group=group, starts_at__date=spring).host == "Laholm"

    # The meeting held: attendance, an item, an attachment; the minutes.
    page.goto(f"/o/lansnatverket/meetings/{held.pk}/attendance/")
    page.axe.check("attendance")
    for fieldset in page.locator("main fieldset").all():
        fieldset.get_by_label("Närvarande på plats", exact=True).check()
    click(page, "Spara närvaron", role="button", context="attendance saved")
    click(page, "Lägg till en punkt", context="new item")
    page.get_by_label("Rubrik").fill("Gemensam grundutbildning")
    click(page, "Spara", role="button", context="item saved")
    page.get_by_text("Bifoga ett dokument").click()
    page.get_by_label("Titel").fill("Programförslag")
    program = tmp_path / "program.pdf"
    program.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.get_by_label("Fil", exact=True).set_input_files(str(program))
    page.get_by_label("Hör till punkt").select_option(label="Gemensam grundutbildning")
    click(page, "Ladda upp", role="button", context="document added")
    click(page, "Minnesanteckningar", context="minutes")
    minutes = page.locator("main")
    expect(minutes).to_contain_text("Se bilaga 1: Programförslag")
    expect(minutes).to_contain_text("Bilagor")
    expect(minutes).to_contain_text("Varbergs rådhus")
    expect(minutes).to_contain_text("Ordförande:")
    expect(minutes).to_contain_text("Laholms stadshus")
    expect(minutes).to_contain_text("värd: Laholm")
    with page.expect_download() as package:
        page.get_by_role("link", name="PDF med bilagor (ZIP)").click()
    assert package.value.suggested_filename.endswith(".zip")

    # The minutes on a phone.
    phone = new_page(**PHONE)
    log_in(phone, "samordnare@exempelstad.example")
    phone.goto(f"/o/lansnatverket/meetings/{held.pk}/minutes/")
    phone.axe.check("minutes on a phone")
    assert fits_the_screen(phone)


def test_an_official_declines_from_the_e_mail_on_a_phone(
    demo, new_page, live_server, settings, run_on_commit
):
    settings.SITE_URL = live_server.url
    person = (
        Person.objects.filter(organisation__slug="exempelstad", kind="elected")
        .exclude(email="")
        .first()
    )
    training = TrainingFactory(
        organisation=person.organisation, title="Medborgardialog i praktiken"
    )
    OccasionFactory(training=training)
    run_on_commit(
        training_services.invitation_send,
        actor=None,
        training=training,
        people=[person],
    )
    message = (
        Message.objects.filter(person=person, event="trainings.invitation")
        .order_by("-id")
        .first()
    )
    assert training.title in message.body_text
    assert "Kan du inte delta? Tacka nej med samma länk:" in message.body_text
    link = re.search(r"https?://\S+#tacka-nej", message.body_text).group(0)

    phone = new_page(**PHONE)
    phone.goto(link)
    phone.axe.check("invitation on a phone")
    assert fits_the_screen(phone)
    phone.get_by_label("Anledning (om du vill ange en)").fill("Sammanträde samma dag")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Tacka nej till inbjudan").click()
    phone.axe.check("declined")
    expect(phone.locator(".messages")).to_contain_text("du har tackat nej")
    invitation = Invitation.objects.get(person=person, training=training)
    assert invitation.declined_at is not None
    assert invitation.decline_reason == "Sammanträde samma dag"
