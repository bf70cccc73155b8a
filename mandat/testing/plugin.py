"""The pytest plugin of Mandat's test suite (loaded with ``-p`` from
pyproject.toml, before Django reads its settings).

It gives the settings their test values, and the browser fixtures: Playwright
driving the ``chromium`` command of Debian's package, with axe-core checking
every page a browser test visits."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from mandat.core.translations import compile_catalogues

# Settings are read from the environment when Django starts, which happens
# right after this module is imported.
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ.setdefault("SECURE_COOKIES", "false")
os.environ.setdefault(
    "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
)
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault(
    "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
)
os.environ.setdefault("WHITENOISE_USE_FINDERS", "true")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# The tests' identity providers and register files are served on 127.0.0.1.
os.environ.setdefault("OUTBOUND_LOCAL_ALLOWED", "true")
# Uploaded files of the test run go to a folder of their own, removed after.
if "MEDIA_ROOT" not in os.environ:
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="mandat-test-media-")
    atexit.register(shutil.rmtree, os.environ["MEDIA_ROOT"], ignore_errors=True)

# The Swedish interface needs the compiled catalogue (.mo), made from the .po.
compile_catalogues()

AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL; runs in the PostgreSQL part")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher():
    """Hash test passwords cheaply; production keeps Django's default."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback that Mandat sends to; it keeps the bytes
    it received, which tests read as the recipient's programs would."""
    from aiosmtpd.controller import Controller

    from .received import SmtpInbox, free_port

    inbox = SmtpInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()


@pytest.fixture(scope="session")
def _demo_copy(django_db_setup, django_db_blocker, live_server):
    from .demo_copy import seeded_demo

    with django_db_blocker.unblock():
        copy = seeded_demo(site_url=live_server.url)
    yield copy
    with django_db_blocker.unblock():
        copy.remove()


@pytest.fixture
def demo(transactional_db, _demo_copy):
    """The demo organisation Exempelstad, as ``demo_seed()`` leaves it, with
    links in its e-mails to the live server: seeded once in the session and
    copied into the test database for each test (``demo_copy.py``)."""
    _demo_copy.restore()


@pytest.fixture(scope="session")
def chromium_browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("the chromium command is missing: apt install chromium")
    # Playwright's synchronous API runs an event loop in this thread; the
    # Django ORM calls of the test itself are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


class AxeChecker:
    """Checks pages with axe-core and remembers which pages it has checked, so
    the fixture can fail a test that visited a page without checking it."""

    def __init__(self, page):
        self.page = page
        self.loaded: list[str] = []
        self.checked: set[str] = set()
        page.on("load", lambda: self.loaded.append(page.url))

    def check(self, context: str = "") -> None:
        """Run axe on the current page; fail on any WCAG 2.1 A or AA violation."""
        page = self.page
        page.wait_for_load_state("load")
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            # Through the DevTools protocol: Mandat's Content-Security-Policy
            # rightly refuses the inline script add_script_tag would write.
            session = page.context.new_cdp_session(page)
            session.send("Runtime.evaluate", {"expression": AXE_JS.read_text()})
            session.detach()
        result = page.evaluate(
            "async (tags) => await axe.run(document, "
            "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS,
        )
        self.checked.add(page.url)
        basics = page.evaluate(
            "() => ({h1: document.querySelectorAll('h1').length,"
            " title: document.title.trim(), lang: document.documentElement.lang,"
            " main: document.querySelectorAll('main').length,"
            " skip: !!document.querySelector('a.skip-link[href=\"#main\"]')})"
        )
        problems = []
        if basics["h1"] != 1:
            problems.append(f"{basics['h1']} h1 headings (one expected)")
        if not basics["title"]:
            problems.append("no page title")
        if basics["lang"] not in ("sv", "en"):
            problems.append(f"lang={basics['lang']!r}")
        if basics["main"] != 1 or not basics["skip"]:
            problems.append("no main landmark with a skip link to it")
        if problems:
            pytest.fail(f"{page.url} {context}: " + "; ".join(problems))
        violations = result["violations"]
        if violations:
            lines = [
                f"axe found {len(violations)} violation(s) on {page.url} {context}"
            ]
            for violation in violations:
                lines.append(
                    f"- {violation['id']} ({violation['impact']}): {violation['help']}"
                )
                for node in violation["nodes"][:5]:
                    lines.append(f"    {node['target']}: {node['failureSummary']}")
            pytest.fail("\n".join(lines))

    def unchecked(self) -> list[str]:
        return [url for url in dict.fromkeys(self.loaded) if url not in self.checked]


@pytest.fixture
def new_page(chromium_browser, live_server):
    """Open a browser tab in a fresh context (its own cookies), as another
    person on another device would; in Swedish and Stockholm time. Every page
    a tab loads must be checked with ``tab.axe.check()``."""
    contexts = []
    csp_violations: list[str] = []

    def open_tab(*, width=1280, height=900):
        context = chromium_browser.new_context(
            base_url=live_server.url,
            locale="sv-SE",
            timezone_id="Europe/Stockholm",
            viewport={"width": width, "height": height},
        )
        context.set_default_timeout(15_000)
        tab = context.new_page()
        tab.axe = AxeChecker(tab)
        # Chromium reports what the Content-Security-Policy blocked on the
        # console; every browser test fails on it.
        tab.on(
            "console",
            lambda message: (
                csp_violations.append(f"{tab.url}: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )
        contexts.append((context, tab))
        return tab

    yield open_tab
    unchecked = [url for _context, tab in contexts for url in tab.axe.unchecked()]
    if csp_violations:
        for context, _tab in contexts:
            context.close()
        pytest.fail(
            "The Content-Security-Policy blocked:\n" + "\n".join(csp_violations)
        )
    for context, _tab in contexts:
        context.close()
    if unchecked:
        pytest.fail(
            "These pages were visited without an accessibility check: "
            + ", ".join(unchecked)
        )


@pytest.fixture
def page(new_page):
    """A browser tab on the live test server (see ``new_page``)."""
    return new_page()
