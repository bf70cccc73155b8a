"""Questionnaires: evaluations after a training and general surveys.

Anonymity with a known response rate: who has answered (``Recipient``) is
kept apart from what was answered (``Response``). A response holds no
reference to a person, a recipient, an invitation or a registration, no IP
address and no time finer than the day; its key is random, so not even the
order of the rows tells who answered when."""

import secrets
import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Questionnaire(models.Model):
    class Kind(models.TextChoices):
        EVALUATION = "evaluation", _("Evaluation of a training")
        SURVEY = "survey", _("Survey")

    class Audience(models.TextChoices):
        ATTENDED = "attended", _("Everyone who attended")
        ELECTED = "elected", _("The elected officials who attended")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="questionnaires",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.EVALUATION
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    training = models.OneToOneField(
        "trainings.Training",
        verbose_name=_("training"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questionnaire",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    send_automatically = models.BooleanField(
        _("send when an occasion is held"),
        default=True,
        help_text=_(
            "Those who attended get their link by e-mail the day after the "
            "occasion, once the attendance is taken."
        ),
    )
    audience = models.CharField(
        _("sent to"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.ATTENDED,
        help_text=_(
            "An evaluation of the political assignment can leave out the "
            "officials who attended; the response rate is then over the "
            "elected officials asked."
        ),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("remind after days"),
        default=5,
        help_text=_("One reminder to those who have not answered; 0 for none."),
    )
    open_days = models.PositiveSmallIntegerField(
        _("open for days"),
        default=21,
        help_text=_("Each person's link works this many days after it is sent."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self):
        return self.title

    @property
    def is_survey(self) -> bool:
        """A survey (of needs, say), not the evaluation of a training."""
        return self.kind == self.Kind.SURVEY

    @property
    def is_open(self) -> bool:
        """Open for answers: its links work and it can be sent."""
        return self.status == self.Status.OPEN


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Scale")
        SINGLE = "single", _("One choice")
        MULTIPLE = "multiple", _("Several choices")
        TEXT = "text", _("Free text")

    class Background(models.TextChoices):
        NONE = "", _("No")
        GENDER = "gender", _("Gender")
        CATEGORY = "category", _("Body category")

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    choices = models.JSONField(
        _("choices"),
        default=list,
        blank=True,
        help_text=_("For a scale, from the lowest to the highest."),
    )
    required = models.BooleanField(_("must be answered"), default=False)
    background = models.CharField(
        _("background question"),
        max_length=20,
        choices=Background.choices,
        blank=True,
        help_text=_("Results can be broken down by the answers to it."),
    )
    is_grade = models.BooleanField(
        _("overall grade"),
        default=False,
        help_text=_("Reports show the share of the two highest steps of this scale."),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["position", "id"]

    def __str__(self):
        return self.text

    @property
    def is_scale(self) -> bool:
        """Answered on steps from low to high, so results have a mean."""
        return self.kind == self.Kind.SCALE


class Recipient(models.Model):
    """That a person was asked and whether they have answered: never what."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="recipients",
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="questionnaire_recipients",
    )
    occasion = models.ForeignKey(
        "trainings.Occasion",
        verbose_name=_("occasion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questionnaire_recipients",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    closes_at = models.DateTimeField(_("link works until"))
    reminded = models.BooleanField(_("reminded"), default=False)
    has_answered = models.BooleanField(_("has answered"), default=False)

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "person"], name="recipient_once_each"
            )
        ]
        indexes = [models.Index(fields=["questionnaire", "has_answered"])]

    def __str__(self):
        return str(self.person)


class Response(models.Model):
    """One anonymous set of answers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    submitted_on = models.DateField(_("answered on"))

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self):
        return f"{self.questionnaire} {self.submitted_on}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response,
        verbose_name=_("response"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    # The step (0 = lowest) of a scale, or the index of a single choice.
    value = models.SmallIntegerField(_("value"), null=True, blank=True)
    values = models.JSONField(_("values"), default=list, blank=True)
    text = models.TextField(_("text"), blank=True)
    is_need = models.BooleanField(
        _("marked as a need"),
        default=False,
        help_text=_("A suggestion the coordinator took to the needs list."),
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="answer_once_per_question"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0),
                name="answer_value_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.question}: {self.value if self.value is not None else self.text}"


class Need(models.Model):
    """A wish for future trainings, kept per mandate period for the next plan."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="training_needs",
    )
    period = models.ForeignKey(
        "directory.MandatePeriod",
        verbose_name=_("mandate period"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_needs",
    )
    text = models.TextField(_("need"))
    source = models.ForeignKey(
        Questionnaire,
        verbose_name=_("from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="needs",
    )
    created_at = models.DateTimeField(_("noted"), auto_now_add=True)

    class Meta:
        verbose_name = _("training need")
        verbose_name_plural = _("training needs")
        ordering = ["-created_at"]

    def __str__(self):
        return self.text[:80]
