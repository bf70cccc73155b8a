"""The path of the issue in a real browser, in the demo: the coordinator
creates a training for all presidia with 2 places and a minimum of 2, three
invited register from their e-mailed links (two get places, one waits), one
cancels and the third is promoted and told, the calendar files in the outbox
read cleanly and cancel cleanly, and attendance is taken on the check-in list.
axe-core checks every page on the way."""

import datetime
import re

import icalendar
import pytest
import vobject
from playwright.sync_api import expect

from mandat.notifications.models import Message
from mandat.testing.browser import log_in
from mandat.trainings.models import Registration, Training

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Presidieutbildning i mötesteknik"


def click(page, name, *, role="link", context=""):
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=True).first.click()
    page.axe.check(context or name)


def personal_link(person) -> str:
    message = (
        Message.objects.filter(person=person, event="trainings.invitation")
        .order_by("-id")
        .first()
    )
    return re.search(r"https?://\S+/t/\S+/", message.body_text).group(0)


def test_a_training_for_all_presidia_from_creation_to_check_in(
    demo, page, new_page, live_server, settings
):
    settings.SITE_URL = live_server.url  # links in the e-mails lead to this server
    log_in(page, "samordnare@exempelstad.example")

    # Create the training and its occasion.
    page.locator(".main-nav summary", has_text="Utbildningar").click()
    click(page, "Utbildningar", context="trainings")
    click(page, "Ny utbildning", context="new training")
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Beskrivning").fill(
        "Att leda sammanträden på plats och digitalt."
    )
    click(page, "Spara", role="button", context="new occasion")
    day = datetime.date.today() + datetime.timedelta(days=30)
    page.get_by_label("Platser").fill("2")
    page.get_by_label("Lägsta antal deltagare").fill("2")
    page.get_by_label("Sista anmälningsdag").fill(str(day - datetime.timedelta(days=7)))
    page.get_by_label("Lokal och adress").fill("Vargö, Stadshuset")
    page.get_by_label("Pass 1: datum").fill(str(day))
    page.get_by_label("Pass 1: börjar").fill("13:30")
    page.get_by_label("Pass 1: slutar").fill("16:30")
    click(page, "Spara", role="button", context="training")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    click(page, "Öppna anmälan", role="button", context="opened")

    # Invite all presidia of the committees.
    click(page, "Bjud in", context="invite")
    page.get_by_label("Regel").select_option("category")
    page.get_by_label("Redovisningskategori").select_option("facknamnd")
    page.get_by_label("Roller").select_option("presidium")
    click(page, "Lägg till regeln", role="button", context="rule added")
    send = page.get_by_role(
        "button", name=re.compile(r"Skicka inbjudan till \d+ personer")
    )
    invited_count = int(re.search(r"\d+", send.inner_text()).group(0))
    assert invited_count >= 3
    with page.expect_navigation():
        send.click()
    page.axe.check("invitations sent")
    expect(page.get_by_text(f"{invited_count} inbjudna")).to_be_visible()

    training = Training.objects.get(title=TITLE)
    first, second, third = [i.person for i in training.invitations.order_by("id")[:3]]

    # Three register from the link in their e-mail, each on their own device.
    for person, expected in (
        (first, "Du är anmäld."),
        (second, "Du är anmäld."),
        (third, "Du står på reservlistan."),
    ):
        tab = new_page(width=390, height=844)
        tab.goto(personal_link(person))
        tab.axe.check("personal link")
        expect(tab.get_by_role("heading", level=1)).to_have_text(TITLE)
        tab.get_by_label("Tillgänglighetsbehov").fill("Hörslinga")
        with tab.expect_navigation():
            tab.get_by_role("button", name="Anmäl", exact=True).click()
        tab.axe.check("registered")
        expect(tab.get_by_role("status").last).to_contain_text(expected)

    # The first cancels; the third moves up and is told.
    tab = new_page(width=390, height=844)
    tab.goto(personal_link(first))
    tab.axe.check("personal link again")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Avanmäl mig").click()
    tab.axe.check("cancelled")
    assert (
        Registration.objects.get(person=third, training=training).status == "registered"
    )
    about = {"object_id": training.pk, "content_type__model": "training"}
    promoted = Message.objects.get(
        person=third, event="trainings.registration_promoted", **about
    )
    assert TITLE in promoted.subject

    # The calendar files in the outbox read cleanly and cancel cleanly.
    click(page, "Utkorg", context="outbox")
    page.get_by_label("Sök", exact=True).fill(first.email)
    click(page, "Visa", role="button", context="outbox filtered")
    confirmation = Message.objects.get(
        person=first, event="trainings.registration_confirmed", **about
    )
    cancellation = Message.objects.get(
        person=first, event="trainings.registration_cancelled", **about
    )
    click(page, confirmation.subject, context="message")
    request = page.request.get(f"{page.url}calendar.ics").text()
    page.goto(f"/o/exempelstad/outbox/{cancellation.pk}/")
    page.axe.check("cancellation message")
    cancel = page.request.get(f"{page.url}calendar.ics").text()
    event = icalendar.Calendar.from_ical(request).walk("VEVENT")[0]
    gone = icalendar.Calendar.from_ical(cancel).walk("VEVENT")[0]
    assert icalendar.Calendar.from_ical(cancel)["METHOD"] == "CANCEL"
    assert gone["UID"] == event["UID"] and int(gone["SEQUENCE"]) > int(
        event["SEQUENCE"]
    )
    assert vobject.readOne(request).vevent.summary.value == TITLE
    assert vobject.readOne(cancel).vevent.status.value == "CANCELLED"

    # Attendance on the check-in list, as on a tablet.
    page.goto(f"/o/exempelstad/trainings/{training.pk}/")
    page.axe.check("training with registrations")
    expect(page.get_by_role("table", name="Tillfällen")).to_contain_text("2")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("^Incheckning")).click()
    page.axe.check("check-in")
    row = page.get_by_role("listitem").filter(has_text=second.last_name)
    row.get_by_role("button", name=re.compile("^Närvarande")).click()
    expect(row.get_by_role("button", name=re.compile("^Närvarande"))).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.get_by_role("status")).to_contain_text("1 närvarande")
    page.axe.check("after check-in")
    registration = Registration.objects.get(person=second, training=training)
    assert registration.attendance.get().status == "attended"
