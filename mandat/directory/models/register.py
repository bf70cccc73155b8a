"""The import of the register of elected officials."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportJob(models.Model):
    """An upload of the register of elected officials: checked first (a dry
    run), then applied in one transaction when the coordinator confirms."""

    class Status(models.TextChoices):
        CHECKING = "checking", _("Checking the file")
        CHECKED = "checked", _("Checked, ready to import")
        REJECTED = "rejected", _("The file has errors")
        APPLYING = "applying", _("Importing")
        APPLIED = "applied", _("Imported")
        FAILED = "failed", _("Failed")

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="import_jobs",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("file content"))
    end_missing = models.BooleanField(
        _("end assignments missing from the file"),
        default=False,
        help_text=_(
            "Assignments on the bodies in the file that the file no longer "
            "lists are ended."
        ),
    )
    end_date = models.DateField(_("end them on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CHECKING
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows handled"), default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)
    # Made by the register sync: applied once checked without errors, with
    # no one to confirm.
    automatic = models.BooleanField(_("automatic"), default=False)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.APPLYING)

    @property
    def is_checked(self) -> bool:
        """Checked without errors and waiting for the coordinator to confirm."""
        return self.status == self.Status.CHECKED

    @property
    def is_applied(self) -> bool:
        return self.status == self.Status.APPLIED

    @property
    def has_failed(self) -> bool:
        """Stopped on an unexpected error, with nothing changed."""
        return self.status == self.Status.FAILED

    @property
    def progress_percent(self) -> int:
        if not self.rows_total:
            return 0
        return min(100, round(100 * self.rows_done / self.rows_total))


class RegisterSync(models.Model):
    """The register of elected officials read on a schedule: each night the
    newest file dropped in a folder on the server, or the file at an
    address, is imported as the interactive import does (checked, then
    applied all or nothing), when it differs from the last one."""

    organisation = models.OneToOneField(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="register_sync",
    )
    enabled = models.BooleanField(_("read the register every night"), default=False)
    source = models.CharField(
        _("where the file is"),
        max_length=500,
        help_text=_(
            "A folder on the server, where the register system drops its file "
            "(the newest .xlsx or .csv is read), or the https address of the file."
        ),
    )
    end_missing = models.BooleanField(
        _("end assignments missing from the file"),
        default=False,
        help_text=_(
            "Assignments on the bodies in the file that the file no longer "
            "lists are ended on the day of the import."
        ),
    )
    apply_automatically = models.BooleanField(
        _("import without confirming"),
        default=True,
        help_text=_(
            "A file that is checked without errors is imported at once; "
            "otherwise each check waits for you to confirm it on this page."
        ),
    )
    last_read_at = models.DateTimeField(_("last read"), null=True, blank=True)
    last_digest = models.CharField(
        _("fingerprint of the last file"), max_length=64, blank=True
    )
    last_outcome = models.CharField(_("last outcome"), max_length=300, blank=True)
    last_job = models.ForeignKey(
        ImportJob,
        verbose_name=_("last import"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("register sync")
        verbose_name_plural = _("register syncs")

    def __str__(self):
        return f"{self.organisation}: {self.source}"
