"""Forms of the approval of minutes: asking for it and answering."""

import datetime
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mandat.core.documents import check_upload
from mandat.core.forms import Form
from mandat.trainings.models import TrainingPlan

from ..models import (
    Meeting,
    MeetingGroup,
)
from .common import DATE, local_datetime


class ApprovalForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    minutes_of = forms.ModelChoiceField(
        label=_("Minutes"),
        queryset=Meeting.objects.none(),
        required=False,
        help_text=_("Finalised minutes that are not yet approved."),
    )
    plan = forms.ModelChoiceField(
        label=_("Training plan"), queryset=TrainingPlan.objects.none(), required=False
    )
    file = forms.FileField(
        label=_("Or a file"),
        required=False,
        help_text=_("e.g. the annual report as PDF or Word."),
    )
    deadline = forms.DateField(
        label=_("Answer by"),
        widget=DATE,
        help_text=_("Links work until this day ends."),
    )
    message = forms.CharField(
        label=_("Message to the members"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args, group: MeetingGroup, **kwargs):
        super().__init__(*args, **kwargs)
        minutes_of = cast(forms.ModelChoiceField, self.fields["minutes_of"])
        minutes_of.queryset = group.meetings.filter(
            minutes_status=Meeting.Minutes.FINALISED
        ).select_related("group__body")
        plan = cast(forms.ModelChoiceField, self.fields["plan"])
        plan.queryset = TrainingPlan.objects.filter(organisation=group.organisation)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            check_upload(upload)
        return upload

    def clean_deadline(self):
        day = self.cleaned_data["deadline"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("The deadline must be in the future."))
        return day

    def deadline_at(self) -> datetime.datetime:
        return local_datetime(self.cleaned_data["deadline"], datetime.time(23, 59))


class ApprovalAnswerForm(Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            ("approved", _("I approve")),
            ("objected", _("I object")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Required if you object: say what should change."),
    )
