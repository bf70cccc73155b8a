"""Checking uploaded documents: a short list of office formats, recognised by
their content and not only their name, and a size limit."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

ZIP_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
    ".odt": "application/vnd.oasis.opendocument.text",
}
PLAIN_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
}
TEXT_TYPES = {".txt": "text/plain", ".csv": "text/csv"}


def check_upload(upload: UploadedFile) -> str:
    """Return the content type of an acceptable upload, or raise ValidationError
    with a message that says what is wrong."""
    limit = getattr(settings, "DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)
    size = upload.size or 0
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "size": round(size / 1024 / 1024, 1),
                "limit": limit // 1024 // 1024,
            }
        )
    name = (upload.name or "").lower()
    extension = name[name.rfind(".") :] if "." in name else ""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith((b"MZ", b"\x7fELF", b"#!")) or extension in (
        ".exe",
        ".bat",
        ".sh",
        ".js",
        ".msi",
    ):
        raise ValidationError(_("Programs cannot be uploaded."))
    if extension in PLAIN_TYPES:
        content_type, signatures = PLAIN_TYPES[extension]
        if head.startswith(signatures):
            return content_type
    elif extension in ZIP_TYPES:
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names or "mimetype" in names:
            return ZIP_TYPES[extension]
    elif extension in TEXT_TYPES:
        try:
            upload.read().decode("utf-8")
            return TEXT_TYPES[extension]
        except UnicodeDecodeError:
            pass
        finally:
            upload.seek(0)
    else:
        raise ValidationError(
            _(
                "Files of this kind cannot be uploaded. Use PDF, Word (.docx), "
                "Excel (.xlsx), PowerPoint (.pptx), OpenDocument text (.odt), text, "
                "PNG or JPEG."
            )
        )
    raise ValidationError(
        _("The file's content does not match its name (%(name)s).")
        % {"name": upload.name}
    )
