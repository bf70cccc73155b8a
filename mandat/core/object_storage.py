"""Uploads in an S3-compatible object store (``STORAGE_BUCKET``), which every
web and worker machine shares. Imported only when configured, so a
one-machine installation does not load boto3."""

from storages.backends.s3 import S3Storage

from .uploads import KeepUploadNameMixin


# django-storages has no type hints: S3Storage is Any to mypy.
class UploadS3Storage(KeepUploadNameMixin, S3Storage):  # type: ignore[misc]
    """Uploads as private objects in the bucket, read only through Mandat's
    views (config/settings.py turns off links to the store)."""
