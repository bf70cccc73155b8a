"""Forms of steering groups and networks: settings, members, participants,
hosts, network members, and commissions from the executive board."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from mandat.core.forms import Form, ModelForm
from mandat.directory.models import AssignmentRole, BodyKind, Party
from mandat.directory.widgets import PersonChoiceField
from mandat.trainings.models import Training

from ..models import (
    Commission,
    MeetingGroup,
    NetworkMember,
)
from .common import DATE


class GroupSettingsForm(ModelForm):
    default_meeting_url = forms.URLField(
        label=_("Usual meeting link"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = MeetingGroup
        fields = [
            "notice_days",
            "quorum_rule",
            "default_location",
            "default_meeting_url",
            "remote_label",
            "minutes_kind",
            "reports_to",
        ]
        widgets = {"notice_days": forms.NumberInput(attrs={"min": 1, "max": 60})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out of a post, the minutes stay what they were.
        self.fields["minutes_kind"].required = False

    def clean_minutes_kind(self):
        return (
            self.cleaned_data.get("minutes_kind")
            or self.instance.minutes_kind
            or MeetingGroup.MinutesKind.NOTES
        )

    def clean_notice_days(self):
        days = self.cleaned_data["notice_days"]
        if not 1 <= days <= 60:
            raise forms.ValidationError(
                _("Between 1 and 60 days; send the notice by hand to send it at once.")
            )
        return days


class GroupCreateForm(GroupSettingsForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (BodyKind.STEERING_GROUP, _("Steering group")),
            (BodyKind.NETWORK, _("Network")),
            (BodyKind.OTHER, _("Working group or other group")),
        ],
    )
    field_order = ["name", "kind"]


class MemberForm(Form):
    prefix = "member"
    person = PersonChoiceField(label=_("Person"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (role, label)
            for role, label in AssignmentRole.choices
            if role != AssignmentRole.CO_OPTED
        ],
        initial=AssignmentRole.MEMBER,
    )
    party = forms.ModelChoiceField(
        label=_("Party"),
        queryset=Party.objects.none(),
        required=False,
        help_text=_("The party the person represents; leave empty in a network."),
    )
    home = forms.ModelChoiceField(
        label=_("Home organisation"),
        queryset=NetworkMember.objects.none(),
        required=False,
        help_text=_("The member organisation the person comes from."),
    )
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(label=_("To"), widget=DATE, required=False)

    def __init__(self, *args, organisation, user, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].configure(organisation=organisation, user=user)
        self.fields["party"].queryset = Party.objects.filter(
            organisation=organisation, is_active=True
        )
        if group is not None and group.is_network:
            self.fields["home"].queryset = group.member_organisations.all()
        else:
            del self.fields["home"]

    def clean(self):
        data = super().clean()
        if (
            data.get("ends_on")
            and data.get("starts_on")
            and (data["ends_on"] < data["starts_on"])
        ):
            self.add_error("ends_on", _("The end cannot be before the start."))
        return data


class ParticipantForm(Form):
    prefix = "participant"
    person = PersonChoiceField(label=_("Person"))
    affiliation = forms.CharField(
        label=_("From"),
        max_length=120,
        required=False,
        help_text=_("e.g. stadsledningskontoret"),
    )
    is_secretary = forms.BooleanField(label=_("Keeps the minutes"), required=False)

    def __init__(self, *args, organisation, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].configure(organisation=organisation, user=user)


class HostTurnForm(Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    host = forms.CharField(
        label=_("Host"),
        max_length=120,
        required=False,
        help_text=_("Leave empty to remove the year's host."),
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, group=None, **kwargs):
        super().__init__(*args, **kwargs)
        names = (
            list(group.member_organisations.values_list("name", flat=True))
            if group is not None
            else []
        )
        if names:
            # Chosen among the member organisations, once there are any.
            self.fields["host"] = forms.ChoiceField(
                label=_("Host"),
                required=False,
                choices=[("", _("No host (remove the year's)"))]
                + [(name, name) for name in names],
            )


class NetworkMemberForm(Form):
    prefix = "network"
    name = forms.CharField(
        label=_("Member organisation"),
        max_length=120,
        help_text=_("E.g. Kungsbacka kommun."),
    )
    joined_on = forms.DateField(label=_("Member from"), widget=DATE, required=False)


class CommissionForm(ModelForm):
    class Meta:
        model = Commission
        fields = [
            "reference",
            "decided_on",
            "title",
            "text",
            "proposing_parties",
            "trainings",
        ]
        widgets = {
            "decided_on": DATE,
            "text": forms.Textarea(attrs={"rows": 4}),
            "proposing_parties": forms.CheckboxSelectMultiple,
            "trainings": forms.SelectMultiple(attrs={"size": 5}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposing_parties"].queryset = Party.objects.filter(
            organisation=organisation
        )
        self.fields["trainings"].queryset = Training.objects.filter(
            organisation=organisation
        ).order_by("-created_at")
        self.fields["trainings"].required = False
        self.fields["proposing_parties"].required = False


class CommissionUpdateForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=Commission.Status.choices)
    on = forms.DateField(label=_("Date"), widget=DATE, initial=datetime.date.today)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    trainings = forms.ModelMultipleChoiceField(
        label=_("Trainings that carry it out"),
        queryset=Training.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainings"].queryset = Training.objects.filter(
            organisation=organisation
        ).order_by("-created_at")
