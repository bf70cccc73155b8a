"""The register read on a schedule: a file dropped in a folder, or fetched
from an address over HTTP, imported as an upload is (checked, then all or
nothing), once per new file, with what happened shown on the import page."""

import functools
import http.server
import os
import threading

import pytest
from django.urls import reverse

from mandat.core.exceptions import ApplicationError
from mandat.core.models import AuditEntry
from mandat.directory import services
from mandat.directory.models import ImportJob, Person, RegisterSync
from mandat.directory.tests.factories import BodyFactory, PartyFactory

from .helpers import register_row, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(organisation):
    PartyFactory(organisation=organisation, name="Socialdemokraterna", abbreviation="S")
    BodyFactory(organisation=organisation, name="Socialnämnden", short_name="SN")
    return organisation


@pytest.fixture
def drop(settings, tmp_path, organisation):
    """The organisation's own folder for its register files."""
    settings.REGISTER_DROP_ROOT = tmp_path / "register"
    folder = tmp_path / "register" / organisation.slug
    folder.mkdir(parents=True)
    return folder


def rows(*ids):
    return [
        register_row(**{"Register-id": str(n), "E-post": f"p{n}@example.se"})
        for n in ids
    ]


def tick(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.register_syncs_due()


def test_a_file_dropped_in_the_folder_is_imported_each_night_once(
    directory, coordinator, drop, django_capture_on_commit_callbacks
):
    services.register_sync_save(
        actor=coordinator,
        organisation=directory,
        enabled=True,
        source=str(drop),
        end_missing=False,
        apply_automatically=True,
    )
    older = drop / "register-2026-10.xlsx"
    older.write_bytes(xlsx_bytes(rows(1)))
    os.utime(older, (1_700_000_000, 1_700_000_000))
    (drop / "register-2026-11.xlsx").write_bytes(xlsx_bytes(rows(1, 2, 3)))
    (drop / "notes.txt").write_text("not a register")

    assert tick(django_capture_on_commit_callbacks) == 1

    job = ImportJob.objects.get()
    assert (job.filename, job.status, job.automatic) == (
        "register-2026-11.xlsx",
        ImportJob.Status.APPLIED,
        True,
    )
    assert Person.objects.filter(organisation=directory).count() == 3
    sync = RegisterSync.objects.get()
    assert sync.last_job == job
    # The same file the next night: nothing imported again.
    tick(django_capture_on_commit_callbacks)
    sync.refresh_from_db()
    assert ImportJob.objects.count() == 1
    assert sync.last_outcome == "Oförändrad sedan förra filen: inget att importera."


def test_a_file_with_errors_is_checked_and_not_imported(
    directory, coordinator, drop, django_capture_on_commit_callbacks
):
    services.register_sync_save(
        actor=coordinator,
        organisation=directory,
        enabled=True,
        source=str(drop),
        apply_automatically=True,
    )
    bad = rows(1)
    bad[0]["Parti"] = "Inget sådant parti"
    (drop / "register.xlsx").write_bytes(xlsx_bytes(bad))

    tick(django_capture_on_commit_callbacks)

    assert ImportJob.objects.get().status == ImportJob.Status.REJECTED
    assert not Person.objects.filter(organisation=directory).exists()


def test_the_register_is_fetched_from_an_address(
    directory, coordinator, tmp_path, django_capture_on_commit_callbacks
):
    (tmp_path / "register.xlsx").write_bytes(xlsx_bytes(rows(7, 8)))
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(tmp_path)
    )
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        services.register_sync_save(
            actor=coordinator,
            organisation=directory,
            enabled=True,
            source=f"http://127.0.0.1:{server.server_port}/register.xlsx",
            apply_automatically=True,
        )
        tick(django_capture_on_commit_callbacks)
    finally:
        server.shutdown()
        server.server_close()

    assert set(
        Person.objects.filter(organisation=directory).values_list(
            "register_id", flat=True
        )
    ) == {"7", "8"}


def test_the_coordinator_switches_it_on_from_the_import_page(
    coordinator_client, organisation, drop
):
    url = reverse("directory:register-sync", args=[organisation.slug])

    refused = coordinator_client.post(
        url, {"sync-enabled": "on", "sync-source": "relative/folder"}
    )
    assert refused.status_code == 200
    assert refused.context["sync_form"].errors["source"]

    saved = coordinator_client.post(
        url, {"sync-enabled": "on", "sync-source": str(drop)}
    )
    assert saved.status_code == 302
    sync = RegisterSync.objects.get(organisation=organisation)
    assert sync.enabled and sync.source == str(drop)
    assert AuditEntry.objects.filter(object_type="directory.registersync").exists()
    page = coordinator_client.get(
        reverse("directory:import-list", args=[organisation.slug])
    )
    assert "Läs registret varje natt" in page.content.decode()
    assert f"<code>{drop}</code>" in page.content.decode()


def test_no_folder_but_the_organisations_own_is_taken(
    directory, coordinator, drop, tmp_path
):
    """Another organisation's folder, or any other folder of the server,
    would let one organisation read another's register, or Mandat's files."""
    neighbour = drop.parent / "grannby"
    neighbour.mkdir()
    for source in (str(neighbour), str(drop / ".." / "grannby"), "/etc", str(tmp_path)):
        with pytest.raises(ApplicationError) as refusal:
            services.register_sync_save(
                actor=coordinator, organisation=directory, enabled=True, source=source
            )
        assert refusal.value.field == "source", source
    services.register_sync_save(
        actor=coordinator,
        organisation=directory,
        enabled=True,
        source=str(drop / "nightly"),
    )


def test_a_folder_or_file_that_became_a_link_elsewhere_is_not_read(
    directory, coordinator, drop, django_capture_on_commit_callbacks
):
    services.register_sync_save(
        actor=coordinator,
        organisation=directory,
        enabled=True,
        source=str(drop / "nightly"),
        apply_automatically=True,
    )
    neighbour = drop.parent / "grannby"
    neighbour.mkdir()
    (neighbour / "register.xlsx").write_bytes(xlsx_bytes(rows(1, 2)))
    (drop / "nightly").symlink_to(neighbour, target_is_directory=True)

    tick(django_capture_on_commit_callbacks)

    assert not ImportJob.objects.exists()
    assert "grannby" not in RegisterSync.objects.get().last_outcome
    (drop / "nightly").unlink()
    (drop / "nightly").mkdir()
    (drop / "nightly" / "register.xlsx").symlink_to(neighbour / "register.xlsx")

    tick(django_capture_on_commit_callbacks)

    assert not ImportJob.objects.exists()


def test_an_address_inside_mandats_network_or_in_plain_text_is_refused(
    directory, coordinator, settings
):
    settings.OUTBOUND_LOCAL_ALLOWED = False
    for source in (
        "http://127.0.0.1:8000/register.xlsx",
        "https://localhost/register.xlsx",
        "https://10.1.2.3/register.xlsx",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/register.xlsx",
        "http://register.exempelby.se/register.xlsx",
    ):
        with pytest.raises(ApplicationError) as refusal:
            services.register_sync_save(
                actor=coordinator, organisation=directory, enabled=True, source=source
            )
        assert refusal.value.field == "source", source
