"""The Content-Security-Policy as Chromium applies it: an injected inline
script is blocked and reported, which is what every browser test listens for
(mandat/testing/plugin.py fails a test on any report)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INJECT = """() => new Promise((resolve) => {
    document.addEventListener("securitypolicyviolation",
        (event) => resolve(event.violatedDirective));
    const script = document.createElement("script");
    script.textContent = "window.injected = true";
    document.body.append(script);
    const marked = document.createElement("p");
    marked.setAttribute("style", "color: red");
    document.body.append(marked);
})"""


def test_an_injected_inline_script_is_blocked_and_reported(
    chromium_browser, live_server
):
    context = chromium_browser.new_context(base_url=live_server.url)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    try:
        page.goto("/accounts/login/")
        violated = page.evaluate(INJECT)
        page.wait_for_timeout(100)
        injected = page.evaluate("() => window.injected === true")
    finally:
        context.close()

    assert violated.startswith("script-src")
    assert injected is False
    assert any("Content Security Policy" in line for line in console)


def test_a_film_from_a_video_platform_is_framed_without_a_report(page, make_user):
    from mandat.core.access import Role
    from mandat.core.tests.factories import OrganisationFactory
    from mandat.knowledge.models import Film

    organisation = OrganisationFactory(name="Filmby kommun", slug="filmby")
    make_user(
        Role.ELECTED, organisation, email="film@filmby.example", password="Film-2026-x"
    )
    film = Film.objects.create(
        organisation=organisation,
        title="Att leda digitala sammanträden",
        video_url="https://www.youtube.com/watch?v=abcdefghijk",
        captions_url="https://video.example/1.vtt",
        status="published",
    )

    page.goto("/accounts/login/")
    page.axe.check("log-in")
    page.get_by_label("E-postadress").fill("film@filmby.example")
    page.get_by_label("Lösenord").fill("Film-2026-x")
    with page.expect_navigation():
        page.get_by_role("button", name="Logga in").click()
    page.axe.check("overview")
    page.goto(f"/o/filmby/films/{film.pk}/")
    page.axe.check("film")

    frame = page.locator("iframe")
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/")
