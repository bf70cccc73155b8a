"""The register of elected officials read on a schedule (RegisterSync):
the file is fetched from an address or taken from the folder the register
system drops it in, and imported as the interactive import does: checked
in the background, then, without errors, applied all or nothing. A file
the same as the last one read is not imported again."""

import hashlib
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.models import Organisation
from mandat.core.outbound import outbound_refusal
from mandat.core.services import Actor, record_update

from ..models import RegisterSync
from .register import import_job_create

SUFFIXES = (".xlsx", ".csv")
FETCH_SECONDS = 60


def _is_address(source: str) -> bool:
    return source.startswith(("https://", "http://"))


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to an address Mandat may fetch from."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        if refusal := outbound_refusal(newurl):
            raise urllib.error.URLError(refusal)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_CheckedRedirects)


def drop_folder(organisation: Organisation) -> Path:
    """The organisation's own folder for its register files: under
    REGISTER_DROP_ROOT, named by its short name."""
    return Path(settings.REGISTER_DROP_ROOT) / organisation.slug


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, its links followed, is ``folder`` or in it."""
    return path.resolve().is_relative_to(folder.resolve())


def _source_refusal(source: str, organisation: Organisation) -> str:
    """Why Mandat will not read the register from ``source``, or "": an
    address outside Mandat's network, or the organisation's own folder. Any
    other folder of the server would let one organisation read another's
    files, or Mandat's."""
    if _is_address(source):
        return outbound_refusal(source)
    folder = drop_folder(organisation)
    if not Path(source).is_absolute() or not _inside(Path(source), folder):
        return _(
            "Give the organisation's own folder, %(folder)s (or a folder in it), "
            "or an address (https://…)."
        ) % {"folder": folder}
    return ""


def register_sync_save(
    *, actor: Actor, organisation: Organisation, **fields: Any
) -> RegisterSync:
    """Set where the organisation's register is read from and how."""
    source = str(fields.get("source", "")).strip()
    if fields.get("enabled") and not source:
        raise ApplicationError(_("Say where the file is."), field="source")
    if source and (refusal := _source_refusal(source, organisation)):
        raise ApplicationError(refusal, field="source")
    with transaction.atomic():
        sync, _created = RegisterSync.objects.select_for_update().get_or_create(
            organisation=organisation, defaults={"source": source}
        )
        record_update(actor=actor, instance=sync, fields={**fields, "source": source})
    return sync


def _read(source: str, organisation: Organisation) -> tuple[str, bytes]:
    """The file's name and content: fetched, or the newest in the folder.
    Where it is read from is checked again: the folder, or a file in it,
    may have become a link to elsewhere since it was set."""
    if refusal := _source_refusal(source, organisation):
        raise ApplicationError(refusal)
    limit = settings.IMPORT_MAX_BYTES
    if _is_address(source):
        try:
            with _OPENER.open(source, timeout=FETCH_SECONDS) as answer:
                content = answer.read(limit + 1)
        except (urllib.error.URLError, OSError) as error:
            raise ApplicationError(
                _("The file could not be fetched: %(reason)s")
                % {"reason": getattr(error, "reason", error)}
            ) from error
        name = source.rsplit("/", 1)[-1].split("?", 1)[0] or "register.xlsx"
    else:
        folder = Path(source)
        files = (
            sorted(
                (
                    p
                    for p in folder.glob("*")
                    if p.suffix.lower() in SUFFIXES
                    and p.is_file()
                    and _inside(p, drop_folder(organisation))
                ),
                key=lambda p: p.stat().st_mtime,
            )
            if folder.is_dir()
            else []
        )
        if not files:
            raise ApplicationError(
                _("There is no .xlsx or .csv file in %(folder)s.") % {"folder": source}
            )
        name, content = files[-1].name, files[-1].read_bytes()[: limit + 1]
    if len(content) > limit:
        raise ApplicationError(_("The file is larger than the import takes."))
    return name, content


def register_sync_run(*, sync: RegisterSync) -> str:
    """Read the register once: import it if it changed. Return (and keep on
    the sync) what happened, for the import page and the worker's log."""
    job = None
    try:
        name, content = _read(sync.source, sync.organisation)
        digest = hashlib.sha256(content).hexdigest()
        if digest == sync.last_digest:
            outcome = _("Unchanged since the last file: nothing to import.")
        else:
            job = import_job_create(
                actor=None,
                organisation=sync.organisation,
                filename=name,
                content=content,
                end_missing=sync.end_missing,
                end_date=timezone.localdate() if sync.end_missing else None,
                automatic=sync.apply_automatically,
            )
            sync.last_digest = digest
            outcome = _("%(file)s read; its import is being checked.") % {"file": name}
    except ApplicationError as error:
        outcome = str(error.message)
    sync.last_read_at = timezone.now()
    sync.last_outcome = outcome[:300]
    sync.last_job = job or sync.last_job
    sync.save(update_fields=["last_read_at", "last_outcome", "last_digest", "last_job"])
    return outcome


def register_syncs_due() -> int:
    """Read every organisation's register that is read on a schedule (the
    worker's nightly tick); return how many were read."""
    syncs = RegisterSync.objects.filter(enabled=True).select_related("organisation")
    for sync in syncs:
        register_sync_run(sync=sync)
    return len(syncs)
