import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mandat.core.uploads import stored_path


def new_token() -> str:
    return secrets.token_urlsafe(32)


def approval_path(instance, filename: str) -> str:
    return stored_path("approvals", filename)


class ApprovalRequest(models.Model):
    """A document sent to a group's members for approval by e-mail link
    (*per capsulam*): minutes, the training plan or an uploaded file."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="approval_requests",
    )
    group = models.ForeignKey(
        "meetings.MeetingGroup",
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="approval_requests",
    )
    title = models.CharField(_("title"), max_length=200)
    message = models.TextField(_("message to the members"), blank=True)
    minutes_of = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="approval_requests",
    )
    plan = models.ForeignKey(
        "trainings.TrainingPlan",
        verbose_name=_("training plan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="approval_requests",
    )
    file = models.FileField(
        _("document"), upload_to=approval_path, max_length=300, blank=True
    )
    content_type = models.CharField(_("file type"), max_length=100, blank=True)
    deadline = models.DateTimeField(_("answer by"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("approval request")
        verbose_name_plural = _("approval requests")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return timezone.now() < self.deadline


class ApprovalAnswer(models.Model):
    """One member's answer, given from their personal link."""

    class Answer(models.TextChoices):
        PENDING = "pending", _("Not answered")
        APPROVED = "approved", pgettext_lazy("answer", "Approved")
        OBJECTED = "objected", _("Objected")

    request = models.ForeignKey(
        ApprovalRequest,
        verbose_name=_("approval request"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="approval_answers",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    answer = models.CharField(
        _("answer"), max_length=20, choices=Answer.choices, default=Answer.PENDING
    )
    comment = models.TextField(_("comment"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("approval answer")
        verbose_name_plural = _("approval answers")
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "person"], name="approval_one_answer_each"
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_answer_display()}"

    @property
    def is_answered(self) -> bool:
        return self.answer != self.Answer.PENDING
