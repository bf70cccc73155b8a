import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mandat.core.documents import check_upload
from mandat.core.forms import Form, ModelForm
from mandat.core.templatetags.mandat import when
from mandat.directory.models import Body, MandatePeriod, TargetGroup
from mandat.directory.selectors import (
    person_choosable,
    person_match_lines,
    target_group_choices,
    target_group_people,
)
from mandat.directory.widgets import PersonChoiceField

from .models import (
    Contributor,
    Occasion,
    PlanItem,
    Registration,
    Training,
    TrainingPlan,
)
from .services import SessionInput

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PlanForm(ModelForm):
    class Meta:
        model = TrainingPlan
        fields = ["period", "title", "adopted_by", "adopted_on", "introduction"]
        widgets = {"adopted_on": DATE}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = MandatePeriod.objects.filter(
            organisation=organisation
        )


class PlanItemForm(ModelForm):
    class Meta:
        model = PlanItem
        fields = [
            "year",
            "month",
            "season",
            "title",
            "responsible",
            "target_group",
            "topics",
            "description",
            "funding_note",
            "filmed",
            "is_basic",
            "catch_up",
            "status",
            "status_note",
        ]
        widgets = {
            "year": forms.Select(choices=[(n, n) for n in range(1, 5)]),
            "month": forms.Select(
                choices=[("", "–")]
                + [(n, datetime.date(2000, n, 1).strftime("%m")) for n in range(1, 13)]
            ),
            "topics": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }


class TrainingForm(ModelForm):
    recording_url = forms.URLField(
        label=_("Recording"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Training
        fields = [
            "title",
            "description",
            "plan_item",
            "responsible_body",
            "reminder_days_before",
            "recording_url",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, organisation, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_item"].queryset = PlanItem.objects.filter(
            plan__organisation=organisation
        ).select_related("plan")
        self.fields["plan_item"].empty_label = _("Outside the plan")
        self.fields["responsible_body"].queryset = (
            bodies
            if bodies is not None
            else Body.objects.filter(organisation=organisation)
        )
        if bodies is not None:
            # A committee secretary's trainings belong to their committee.
            self.fields["responsible_body"].required = True
            self.fields["responsible_body"].error_messages["required"] = _(
                "Choose your committee."
            )


class OccasionForm(Form):
    """An occasion with up to four sessions (days or passes)."""

    SESSIONS = 4

    label = forms.CharField(
        label=_("Name of the occasion"), max_length=120, required=False
    )
    format = forms.ChoiceField(label=_("Format"), choices=Occasion.Format.choices)
    location = forms.CharField(
        label=_("Room and address"), max_length=300, required=False
    )
    meeting_url = forms.URLField(
        label=_("Meeting link"),
        required=False,
        assume_scheme="https",
        help_text=_("For digital and hybrid occasions."),
    )
    capacity = forms.IntegerField(
        label=_("Places"),
        required=False,
        max_value=100_000,
        help_text=_("Empty for no limit."),
    )
    minimum_participants = forms.IntegerField(
        label=_("Minimum number of participants"), required=False, max_value=100_000
    )
    registration_deadline = forms.DateField(
        label=_("Last day to register"), required=False, widget=DATE
    )
    completion_min_sessions = forms.IntegerField(
        label=_("Sessions needed to complete"),
        required=False,
        max_value=100,
        help_text=_("Empty: every session must be attended."),
    )
    move_reason = forms.CharField(
        label=_("Why the time changes"),
        max_length=300,
        required=False,
        help_text=_(
            "Needed when registered people are moved to new times; they are told."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, self.SESSIONS + 1):
            required = number == 1
            self.fields[f"session_{number}_label"] = forms.CharField(
                label=_("Session %(number)s: name") % {"number": number},
                max_length=120,
                required=False,
                help_text=_("E.g. Day 1, Morning.") if number == 1 else "",
            )
            self.fields[f"session_{number}_date"] = forms.DateField(
                label=_("Session %(number)s: date") % {"number": number},
                required=required,
                widget=DATE,
            )
            self.fields[f"session_{number}_start"] = forms.TimeField(
                label=_("Session %(number)s: starts") % {"number": number},
                required=required,
                widget=TIME,
            )
            self.fields[f"session_{number}_end"] = forms.TimeField(
                label=_("Session %(number)s: ends") % {"number": number},
                required=required,
                widget=TIME,
            )

    @classmethod
    def initial_for(cls, occasion: Occasion) -> dict:
        zone = ZoneInfo(settings.TIME_ZONE)
        initial: dict[str, object] = {
            "label": occasion.label,
            "format": occasion.format,
            "location": occasion.location,
            "meeting_url": occasion.meeting_url,
            "capacity": occasion.capacity,
            "minimum_participants": occasion.minimum_participants,
            "registration_deadline": occasion.registration_deadline.astimezone(
                zone
            ).date()
            if occasion.registration_deadline
            else None,
            "completion_min_sessions": occasion.completion_min_sessions,
        }
        for number, session in enumerate(occasion.sessions.all(), start=1):
            start = session.starts_at.astimezone(zone)
            end = session.ends_at.astimezone(zone)
            initial[f"session_{number}_label"] = session.label
            initial[f"session_{number}_date"] = start.date()
            initial[f"session_{number}_start"] = start.time()
            initial[f"session_{number}_end"] = end.time()
        return initial

    def own_fields(self):
        """The occasion's own fields in order, for the template: neither the
        sessions' (``session_groups``) nor the reason for a move, which only
        a change of an occasion asks for."""
        return [
            self[name]
            for name in self.fields
            if not name.startswith("session_") and name != "move_reason"
        ]

    def session_groups(self):
        """The session fields in fours, for the template."""
        return [
            [
                self[f"session_{number}_{part}"]
                for part in ("label", "date", "start", "end")
            ]
            for number in range(1, self.SESSIONS + 1)
        ]

    def clean(self):
        data = super().clean()
        zone = ZoneInfo(settings.TIME_ZONE)
        sessions = []
        for number in range(1, self.SESSIONS + 1):
            day = data.get(f"session_{number}_date")
            start = data.get(f"session_{number}_start")
            end = data.get(f"session_{number}_end")
            if not (day or start or end):
                continue
            if not (day and start and end):
                self.add_error(
                    f"session_{number}_date",
                    _("Give the date, the start and the end of the session."),
                )
                continue
            starts_at = datetime.datetime.combine(day, start, tzinfo=zone)
            ends_at = datetime.datetime.combine(day, end, tzinfo=zone)
            if ends_at <= starts_at:
                self.add_error(
                    f"session_{number}_end", _("The session must end after it starts.")
                )
                continue
            sessions.append(
                SessionInput(
                    starts_at, ends_at, data.get(f"session_{number}_label", "")
                )
            )
        for name in ("capacity", "minimum_participants", "completion_min_sessions"):
            value = data.get(name)
            if value is not None and value < (
                1 if name != "minimum_participants" else 0
            ):
                self.add_error(
                    name, _("Write a positive whole number, or leave it empty.")
                )
        deadline = data.get("registration_deadline")
        if deadline is not None:
            # The deadline is the end of that day.
            data["registration_deadline_at"] = datetime.datetime.combine(
                deadline, datetime.time(23, 59), tzinfo=zone
            )
            if sessions and data["registration_deadline_at"] > min(
                s.starts_at for s in sessions
            ):
                self.add_error(
                    "registration_deadline",
                    _("The last day to register must be before the occasion starts."),
                )
        else:
            data["registration_deadline_at"] = None
        data["sessions"] = sessions
        return data

    def occasion_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "label": data["label"],
            "format": data["format"],
            "location": data["location"],
            "meeting_url": data["meeting_url"],
            "capacity": data["capacity"],
            "minimum_participants": data["minimum_participants"],
            "registration_deadline": data["registration_deadline_at"],
            "completion_min_sessions": data["completion_min_sessions"],
        }


class ReasonForm(Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Everyone registered or waiting is told the reason."),
    )


class DeclineForm(Form):
    prefix = "decline"
    reason = forms.CharField(
        label=_("Reason (if you want to give one)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The coordinator sees it; it helps plan the next occasion."),
    )


class RegistrationForm(Form):
    occasion = forms.ModelChoiceField(
        label=_("Occasion"),
        queryset=Occasion.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    dietary_needs = forms.CharField(
        label=_("Dietary needs"), max_length=300, required=False
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        max_length=300,
        required=False,
        help_text=_("E.g. hearing loop, step-free access, materials in advance."),
    )

    def __init__(self, *args, occasions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occasion"].queryset = occasions
        self.fields["occasion"].label_from_instance = self.occasion_label
        if not self.is_bound and len(occasions) == 1:
            self.fields["occasion"].initial = occasions[0].pk

    @staticmethod
    def occasion_label(occasion: Occasion) -> str:
        parts = [when(s.starts_at, s.ends_at) for s in occasion.sessions.all()]
        text = "; ".join(parts)
        if occasion.label:
            text = f"{occasion.label}: {text}"
        if occasion.capacity is not None:
            free = occasion.capacity - getattr(occasion, "registered_count", 0)
            if free <= 0:
                text += " – " + str(_("full, you will be put on the waiting list"))
            else:
                text += " – " + str(_("%(free)s places left") % {"free": free})
        return text


class OnBehalfForm(Form):
    person = PersonChoiceField(label=_("Person"))
    dietary_needs = forms.CharField(
        label=_("Dietary needs"), max_length=300, required=False
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"), max_length=300, required=False
    )

    def __init__(self, *args, organisation, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].configure(organisation=organisation, user=user)


class RegisterManyForm(Form):
    """Several people at once: a pasted list or a target group, and for an
    occasion already held, whether they attended."""

    prefix = "many"
    people = forms.CharField(
        label=_("Names or e-mail addresses"),
        required=False,
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One person per line, e.g. pasted from Excel or from the minutes: "
            "“Anna Andersson”, “Andersson, Anna” or an e-mail address."
        ),
    )
    target_group = forms.ModelChoiceField(
        label=_("Or a target group"),
        required=False,
        queryset=TargetGroup.objects.none(),
    )
    on = forms.DateField(
        label=_("Members on"),
        required=False,
        widget=DATE,
        help_text=_("The day the target group is read; empty means today."),
    )
    attended = forms.BooleanField(
        label=_("They attended every session"),
        required=False,
    )

    def __init__(self, *args, organisation, user, occasion, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation, self.user = organisation, user
        self.fields["target_group"].queryset = target_group_choices(
            organisation=organisation, include=occasion.training.target_group_id
        )
        if not occasion.is_past:
            del self.fields["attended"]

    def clean(self):
        data = super().clean()
        text, group = data.get("people", ""), data.get("target_group")
        if bool(text.strip()) == bool(group):
            raise ValidationError(
                _("Paste a list of people or choose a target group, not both.")
                if group
                else _("Paste a list of people or choose a target group.")
            )
        if group:
            on = data.get("on") or timezone.localdate()
            choosable = person_choosable(organisation=self.organisation, user=self.user)
            data["chosen"] = list(
                target_group_people(group=group, on=on).filter(
                    pk__in=choosable.values("pk")
                )
            )
            if not data["chosen"]:
                self.add_error(
                    "target_group", _("The target group has no members on that day.")
                )
            return data
        people, errors = person_match_lines(
            organisation=self.organisation, user=self.user, text=text
        )
        if errors:
            self.add_error("people", errors)
        data["chosen"] = people
        return data


class StatusChangeForm(Form):
    status = forms.ChoiceField(
        label=_("New status"), choices=Registration.Status.choices
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ContributorForm(Form):
    prefix = "contributor"
    person = PersonChoiceField(label=_("Person"))
    role = forms.ChoiceField(label=_("Role"), choices=Contributor.Role.choices)

    def __init__(self, *args, organisation, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].configure(organisation=organisation, user=user)


class DocumentForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint, text or image; at most 20 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.cleaned_data["content_type"] = check_upload(upload)
        except ValidationError:
            raise
        return upload
