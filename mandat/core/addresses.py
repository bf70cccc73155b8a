"""Addresses as people outside Mandat open them: in e-mails, calendar files,
feeds and documents, a page's path is joined to the installation's address
(``SITE_URL``) here and nowhere else."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """Return ``path`` (from ``reverse``) as a full address."""
    return f"{settings.SITE_URL}{path}"
