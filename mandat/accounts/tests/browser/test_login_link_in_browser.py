"""Log-in with a one-time link from the e-mail, on a phone, in a real
browser: asked for on the log-in page, read from the mail the SMTP server
received, opened on the phone; used once, the link shows a Swedish page."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from mandat.accounts.models import Membership
from mandat.accounts.tests.factories import UserFactory
from mandat.accounts.tests.mail import link_in, received_for
from mandat.core.access import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def swedish(text: str) -> str:
    with translation.override("sv"):
        return gettext(text)


def test_an_official_logs_in_on_a_phone_with_the_link_from_the_e_mail(
    new_page, live_server, settings, smtp_server, organisation
):
    settings.SITE_URL = live_server.url
    user = UserFactory(email="elin@example.se", full_name="Elin Exempel")
    Membership.objects.create(user=user, organisation=organisation, role=Role.ELECTED)
    phone = new_page(width=390, height=844)
    phone.goto("/accounts/login/")
    phone.axe.check("log-in")

    phone.get_by_label("E-postadress").fill("Elin@Example.se")
    with phone.expect_navigation():
        phone.get_by_role("button", name=swedish("Send a log-in link")).click()
    phone.axe.check("link sent")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Kontrollera din e-post")

    [mail] = received_for(smtp_server, "elin@example.se")
    link = link_in(mail)
    phone.goto(link)
    phone.axe.check("log-in link")
    expect(phone.get_by_text("elin@example.se")).to_be_visible()
    with phone.expect_navigation():
        phone.get_by_role("button", name="Logga in").click()
    phone.axe.check("overview")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Välkommen, Elin Exempel"
    )

    # The link is used up: on another device it shows why, in Swedish.
    other = new_page(width=390, height=844)
    other.goto(link)
    other.axe.check("link used")
    expect(other.get_by_role("heading", level=1)).to_have_text("Ogiltig länk")
    expect(other.get_by_role("main")).to_contain_text("Länken gäller inte längre")


def test_a_new_official_chooses_a_password_from_the_invitation_on_a_phone(
    new_page, live_server, settings, smtp_server, organisation, administrator
):
    from mandat.accounts import services

    settings.SITE_URL = live_server.url
    services.membership_give(
        actor=administrator,
        organisation=organisation,
        email="nina@example.se",
        full_name="Nina Ny",
        role=Role.ELECTED,
    )
    [mail] = received_for(smtp_server, "nina@example.se")
    phone = new_page(width=390, height=844)

    phone.goto(link_in(mail))
    phone.axe.check("invitation")
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        swedish("Welcome to Mandat")
    )
    phone.get_by_label("Nytt lösenord", exact=True).fill("kort")
    phone.get_by_label("Bekräfta nytt lösenord").fill("kort")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Spara lösenordet").click()
    phone.axe.check("password too short")
    phone.get_by_label("Nytt lösenord", exact=True).fill("ett-eget-losenord-2026")
    phone.get_by_label("Bekräfta nytt lösenord").fill("ett-eget-losenord-2026")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Spara lösenordet").click()
    phone.axe.check("overview")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Välkommen, Nina Ny")
