"""The path of the issue in a real browser, in the demo: the secretary plans
a meeting, sends the notice (e-mail and calendar file in the outbox), records
attendance with the chair away (decisions are refused), records an item and
an action item, gets the minutes as PDF and Word, finalises them, and the
next meeting approves and locks them. axe-core checks every page."""

import datetime
import io
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from docx import Document
from playwright.sync_api import expect

from mandat.meetings import selectors
from mandat.meetings.models import Meeting
from mandat.notifications.models import Message
from mandat.testing.browser import log_in
from mandat.testing.pdfs import is_pdf_a

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def click(page, name, *, role="link", context=""):
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=True).first.click()
    page.axe.check(context or name)


def attendance(page, absent=(), remote=()):
    """Mark everyone present on site, except the names given."""
    for fieldset in page.locator("main fieldset").all():
        legend = fieldset.locator("legend").inner_text()
        if any(name in legend for name in absent):
            choice = "Förhinder"
        elif any(name in legend for name in remote):
            choice = "Närvarande på distans"
        else:
            choice = "Närvarande på plats"
        fieldset.get_by_label(choice, exact=True).check()


def the_day_after(request, page, day: datetime.date):
    """Move the clock (the server's, in this process) to the evening after
    ``day``: the meeting is held. The session of weeks ago has expired, so
    the secretary signs in again."""
    evening = datetime.datetime.combine(day, datetime.time(17), tzinfo=STOCKHOLM)
    traveller = time_machine.travel(evening, tick=True)
    traveller.start()
    request.addfinalizer(traveller.stop)
    log_in(page, "samordnare@exempelstad.example")


def test_a_meeting_from_notice_to_approved_minutes(
    demo, request, page, live_server, settings
):
    settings.SITE_URL = live_server.url
    log_in(page, "samordnare@exempelstad.example")
    click(page, "Möten", context="groups")
    click(page, "Kommunstyrelsens styrgrupp för politikerutbildning", context="group")

    # Plan the meeting.
    day = datetime.date.today() + datetime.timedelta(days=40)
    click(page, "Planera ett möte", context="new meeting")
    page.get_by_label("Datum").fill(str(day))
    page.get_by_label("Börjar").fill("13:30")
    page.get_by_label("Slutar").fill("12:00")
    click(page, "Spara", role="button", context="meeting ending before it starts")
    expect(page.locator(".errorlist")).to_contain_text("Mötet måste sluta")
    page.get_by_label("Slutar").fill("15:00")
    click(page, "Spara", role="button", context="meeting")
    meeting = Meeting.objects.order_by("-id").first()
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(day.day))

    # Send the notice now; the e-mail and its calendar file are in the outbox.
    click(page, "Kallelse", context="notice preview")
    click(page, "Skicka kallelsen nu", role="button", context="notice sent")
    expect(page.locator(".messages")).to_contain_text("kallelsen")
    notice = Message.objects.filter(event="meetings.notice", object_id=meeting.pk)
    assert notice.count() >= 9
    message = notice.first()
    assert "Kallelse" in message.subject
    assert "Mötets öppnande" in message.body_text
    event = icalendar.Calendar.from_ical(message.calendar).walk("VEVENT")[0]
    assert str(event["UID"]).startswith(f"mandat-meeting-{meeting.pk}@")
    click(page, "Utkorg", context="outbox")
    expect(page.get_by_role("table")).to_contain_text(message.subject)
    the_day_after(request, page, day)

    # Attendance with the chair and the vice chair away.
    page.goto(f"/o/exempelstad/meetings/{meeting.pk}/attendance/")
    page.axe.check("attendance")
    chair = meeting.group.body.assignments.filter(role="ordforande").first()
    # The page shows the day's members before any row is saved.
    assert not meeting.attendances.exists()
    members = {
        r.person.full_name: r.role
        for r in selectors.meeting_attendance_rows(meeting=meeting)
    }
    away = [
        name
        for name, role in members.items()
        if role in ("ordforande", "vice_ordforande")
    ]
    assert chair is not None and len(away) == 2
    attendance(page, absent=away)
    click(page, "Spara närvaron", role="button", context="not quorate")
    expect(page.locator(".messages")).to_contain_text("inte beslutfört")

    # Decisions are refused: the choice is not offered.
    click(page, "Lägg till en punkt", context="new item")
    expect(page.get_by_label("Beslut", exact=True)).to_have_count(0)
    page.get_by_label("Rubrik").fill("Presidieutbildningen")
    page.locator(".richtext__editor").click()
    page.keyboard.type("Behovet av presidieutbildning behöver undersökas.")
    click(page, "Spara", role="button", context="item saved")

    # An action item from the item.
    if page.get_by_label("Vad").is_hidden():  # open once the meeting is held
        page.get_by_text("Lägg till en åtgärdspunkt").click()
    page.get_by_label("Vad").fill("Undersöka hur utbildningen kan ges digitalt")
    page.get_by_label("Eller vem, i ord").fill("Stadsledningskontoret")
    page.get_by_label("Från punkt").select_option(label="Presidieutbildningen")
    click(page, "Lägg till", role="button", context="action item added")
    expect(page.locator("#action-items + ul")).to_contain_text("Stadsledningskontoret")

    # The next meeting, from the minutes.
    next_item = meeting.items.get(standard="next_meeting")
    page.goto(f"/o/exempelstad/meetings/{meeting.pk}/items/{next_item.pk}/")
    page.axe.check("next meeting item")
    later = day + datetime.timedelta(days=28)
    page.get_by_label("Datum för nästa möte").fill(str(later))
    page.locator("#id_next-starts").fill("13:30")
    page.locator("#id_next-ends").fill("14:30")
    click(page, "Spara", role="button", context="next meeting set")
    following = Meeting.objects.get(group=meeting.group, starts_at__date=later)

    # The minutes: page, PDF and Word, then finalised.
    click(page, "Minnesanteckningar", context="minutes")
    body = page.locator("main")
    expect(body).to_contain_text("Förhinder:")
    expect(body).to_contain_text("hanterades som information")
    expect(body).to_contain_text("Vid anteckningarna")
    with page.expect_download() as pdf:
        page.get_by_role("link", name="PDF", exact=True).click()
    content = Path(pdf.value.path()).read_bytes()
    assert is_pdf_a(content)
    with page.expect_download() as word:
        page.get_by_role("link", name="Word", exact=True).click()
    text = "\n".join(
        p.text
        for p in Document(io.BytesIO(Path(word.value.path()).read_bytes())).paragraphs
    )
    assert "Presidieutbildningen" in text and "Vid anteckningarna" in text
    click(page, "Fastställ anteckningarna", role="button", context="finalised")

    # At the next meeting, with everyone there, the minutes are approved.
    the_day_after(request, page, later)
    page.goto(f"/o/exempelstad/meetings/{following.pk}/attendance/")
    page.axe.check("next attendance")
    attendance(page)
    click(page, "Spara närvaron", role="button", context="quorate")
    click(page, "Godkänn anteckningarna", role="button", context="approved")
    meeting.refresh_from_db()
    assert meeting.minutes_status == Meeting.Minutes.APPROVED
    assert meeting.approved_at_meeting == following

    # Locked: an edit is refused with a message and changes nothing.
    item = meeting.items.get(title="Presidieutbildningen")
    page.goto(f"/o/exempelstad/meetings/{meeting.pk}/items/{item.pk}/")
    page.axe.check("locked item form")
    page.get_by_label("Rubrik").fill("Något annat")
    click(page, "Spara", role="button", context="locked refused")
    expect(page.locator(".errorlist, .error-summary").first).to_contain_text("låsta")
    item.refresh_from_db()
    assert item.title == "Presidieutbildningen"
    assert re.search(r"godkän", page.content())


def test_the_plan_approved_by_a_member_from_the_e_mailed_link(
    demo, page, new_page, live_server, settings
):
    settings.SITE_URL = live_server.url
    log_in(page, "samordnare@exempelstad.example")
    page.goto("/o/exempelstad/groups/")
    page.axe.check("groups")
    click(page, "Kommunstyrelsens styrgrupp för politikerutbildning", context="group")
    click(page, "Skicka för godkännande via e-post", context="approval form")
    page.get_by_label("Titel").fill("Utbildningsplan 2026–2030")
    page.get_by_label("Utbildningsplan", exact=True).select_option(index=1)
    page.get_by_label("Svara senast").fill(
        str(datetime.date.today() + datetime.timedelta(days=10))
    )
    click(page, "Skicka", role="button", context="approval sent")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Utbildningsplan")

    # A member answers from the link in their e-mail, without logging in.
    message = Message.objects.filter(event="meetings.approval_request").first()
    link = re.search(r"https?://\S+/a/\S+/", message.body_text).group(0)
    tab = new_page(width=390, height=844)  # on a phone
    tab.goto(link)
    tab.axe.check("approval answer")
    tab.get_by_label("Jag godkänner").check()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Skicka mitt svar").click()
    tab.axe.check("answered")
    expect(tab.locator(".message--success")).to_contain_text("godkänt")
    tab.goto(link.replace("/a/", "/a/x"))
    tab.axe.check("forged link")
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Ogiltig länk")

    page.reload()
    page.axe.check("approval with an answer")
    row = page.get_by_role("row").filter(has_text=message.to_name)
    expect(row).to_contain_text("Godkänt")
