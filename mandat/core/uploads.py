"""Where uploaded files are stored and the name they are downloaded under.

A stored file is ``<folder>/<8 hex digits>-<original name>``: the random
part keeps two uploads of "program.pdf" apart, and hex digits contain no
"-", so the original name is everything after the first "-".

The original name is shortened to what every file system and the database
column hold (a name of 300 characters, or of 100 emoji, is cut in the
middle of its stem and keeps its extension)."""

import secrets

from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404

from .richtext import text_strip_controls

# File systems allow 255 bytes per name; the random prefix takes 9, and a
# storage may add 8 more when the name is taken.
MAX_NAME_BYTES = 200
MAX_NAME_CHARACTERS = 120
MAX_EXTENSION = 10


def _cut(text: str, *, characters: int, size: int) -> str:
    text = text[:characters]
    while len(text.encode("utf-8")) > size:
        text = text[:-1]
    return text


def safe_name(filename: str) -> str:
    """Return ``filename`` without folders or control characters, short
    enough to store, with its extension kept."""
    name = text_strip_controls(str(filename or "")).replace("\\", "/")
    name = name.rsplit("/", 1)[-1].strip().lstrip(".") or "fil"
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension) > MAX_EXTENSION or " " in extension:
        stem, extension = name, ""
    suffix = f".{extension}" if extension else ""
    stem = _cut(
        stem,
        characters=MAX_NAME_CHARACTERS - len(suffix),
        size=MAX_NAME_BYTES - len(suffix.encode("utf-8")),
    ).strip()
    return f"{stem or 'fil'}{suffix}"


def stored_path(folder: str, filename: str) -> str:
    return f"{folder}/{secrets.token_hex(4)}-{safe_name(filename)}"


def original_name(path: str) -> str:
    """The name the file was uploaded with."""
    return path.rsplit("/", 1)[-1].split("-", 1)[-1]


class KeepUploadNameMixin:
    """Keep the name ``stored_path`` made for an upload.

    Django's own ``get_valid_name`` would turn "Årsrapport 2026 – utkast.pdf"
    into "Årsrapport_2026__utkast.pdf", the name the file is then downloaded
    under; ``safe_name`` has already made it safe for every storage. Every
    FileField's ``upload_to`` goes through ``stored_path``."""

    def get_valid_name(self, name: str) -> str:
        return text_strip_controls(str(name)).strip() or "fil"


class UploadFileSystemStorage(KeepUploadNameMixin, FileSystemStorage):
    """Uploads under MEDIA_ROOT, for one machine (the default)."""


def stored_file_response(field: FieldFile, *, content_type: str) -> FileResponse:
    """Return the stored file of ``field`` as a download under its original
    name, or 404 when the file is gone (removed, or storage lost)."""
    if not field.name:
        raise Http404("The file is gone.")
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError) as error:  # ValueError: no file
        raise Http404("The file is gone.") from error
    return FileResponse(
        handle,
        as_attachment=True,
        filename=original_name(field.name),
        content_type=content_type,
    )


def stored_file_delete_on_commit(field: FieldFile) -> None:
    """Delete the stored file of ``field`` once the transaction commits, so
    that a rollback keeps the row and its file together."""
    name, storage = field.name, field.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
