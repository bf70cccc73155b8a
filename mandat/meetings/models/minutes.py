"""Corrections of minutes after they were finalised."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .items import AgendaItem
from .meetings import Meeting


class MinutesCorrection(models.Model):
    """A change to minutes after they were finalised: recorded, never silent."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrections",
    )
    field = models.CharField(_("what"), max_length=40)
    before = models.TextField(_("before"), blank=True)
    after = models.TextField(_("after"), blank=True)
    reason = models.CharField(_("reason"), max_length=300)
    actor_label = models.CharField(_("by"), max_length=200)
    created_at = models.DateTimeField(_("corrected"), auto_now_add=True)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.meeting}: {self.field}"
