import datetime
import re
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from mandat.core.forms import Form, ModelForm, YearValidator
from mandat.directory.models import AssignmentRole, BodyKind, Party
from mandat.directory.widgets import PersonChoiceField
from mandat.trainings.documents import check_upload
from mandat.trainings.models import Training, TrainingPlan

from .models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Commission,
    Meeting,
    MeetingGroup,
    NetworkMember,
)
from .services import CORRECTABLE, TermDate

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


# Meetings are held within this century; a mistyped year is caught here.
MEETING_YEARS = YearValidator(2000, 2100, _("Give a date between 2000 and 2100."))


def _combine(day, time):
    return datetime.datetime.combine(day, time, tzinfo=ZoneInfo(settings.TIME_ZONE))


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


class MeetingForm(Form):
    day = forms.DateField(label=_("Date"), widget=DATE, validators=[MEETING_YEARS])
    starts = forms.TimeField(label=_("Starts"), widget=TIME)
    ends = forms.TimeField(label=_("Ends"), widget=TIME)
    location = forms.CharField(label=_("Room"), max_length=200, required=False)
    meeting_url = forms.URLField(
        label=_("Meeting link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("For those who take part remotely, e.g. a Teams link."),
    )
    host = forms.CharField(
        label=_("Host"),
        max_length=120,
        required=False,
        help_text=_("For a network: the member organisation that hosts it."),
    )

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict:
        starts = timezone.localtime(meeting.starts_at)
        return {
            "day": starts.date(),
            "starts": starts.time(),
            "ends": timezone.localtime(meeting.ends_at).time(),
            "location": meeting.location,
            "meeting_url": meeting.meeting_url,
            "host": meeting.host,
        }

    def times(self) -> tuple[datetime.datetime, datetime.datetime]:
        data = self.cleaned_data
        return _combine(data["day"], data["starts"]), _combine(
            data["day"], data["ends"]
        )


_TERM_LINE = re.compile(
    r"^(?P<day>\d{4}-\d{2}-\d{2})"
    r"(?:\s+(?:kl\.?\s*)?(?P<starts>\d{1,2}[:.]\d{2})\s*[-–]\s*(?P<ends>\d{1,2}[:.]\d{2}))?"
    r"(?:\s*,?\s+(?P<room>\S.*))?$"
)


def _time(text: str | None) -> datetime.time | None:
    return (
        datetime.time.fromisoformat(text.replace(".", ":").zfill(5)) if text else None
    )


class TermForm(Form):
    dates = forms.CharField(
        label=_("Dates"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One meeting per line: the date, and if it differs from below, the "
            "times and the room, e.g. “2027-01-22 13:30–15:00 Lokal Vargö” or "
            "“2027-02-19 Kungsbacka stadshus”. Dates alone may also be "
            "separated by commas."
        ),
    )
    starts = forms.TimeField(label=_("Starts"), widget=TIME)
    ends = forms.TimeField(label=_("Ends"), widget=TIME)
    location = forms.CharField(label=_("Room"), max_length=200, required=False)
    meeting_url = forms.URLField(
        label=_("Meeting link"), max_length=500, required=False, assume_scheme="https"
    )

    def clean_dates(self):
        days, bad = [], []
        text = self.cleaned_data["dates"].strip()
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if all(re.fullmatch(r"[\d\-\s,;]+", line) for line in lines):
            lines = [p for p in re.split(r"[\s,;]+", text) if p]  # dates only
        for line in lines:
            match = _TERM_LINE.match(" ".join(line.split()))
            try:
                day = datetime.date.fromisoformat(match["day"]) if match else None
                starts, ends = _time(match["starts"]), _time(match["ends"])
            except (ValueError, TypeError):
                day = None
            if day is None or not 2000 <= day.year <= 2100:
                bad.append(line[:40])
                continue
            days.append(
                TermDate(
                    day=day,
                    starts=starts,
                    ends=ends,
                    location=(match["room"] or "")[:200] or None,
                )
            )
        if bad:
            raise forms.ValidationError(
                _("Not a date: %(values)s. Write dates as 2027-01-22.")
                % {"values": ", ".join(bad[:5])}
            )
        if not days:
            raise forms.ValidationError(_("Give at least one date."))
        if len(days) > 30:
            raise forms.ValidationError(_("At most 30 dates at a time."))
        return days


class ReasonForm(Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class AttendanceForm(Form):
    """One status per person, who a substitute serves for, and who chaired."""

    def __init__(
        self, *args, rows: list[Attendance], meeting: Meeting, preset="", **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.rows = rows
        members = [row for row in rows if row.capacity == Attendance.Capacity.MEMBER]
        statuses = [
            (value, label)
            for value, label in Attendance.Status.choices
            if value != Attendance.Status.UNRECORDED
        ]
        for row in rows:
            field = forms.ChoiceField(
                label=row.person.full_name,
                choices=statuses,
                widget=forms.RadioSelect,
                required=True,
                error_messages={
                    "required": _("Say whether %(name)s attended.")
                    % {"name": row.person.full_name}
                },
            )
            self.fields[f"status_{row.pk}"] = field
            unrecorded = row.status == Attendance.Status.UNRECORDED
            self.initial[f"status_{row.pk}"] = (
                (preset or None) if unrecorded else row.status
            )
            if row.capacity == Attendance.Capacity.SUBSTITUTE:
                self.fields[f"serving_for_{row.pk}"] = forms.TypedChoiceField(
                    label=_("%(name)s serves for") % {"name": row.person.full_name},
                    choices=[("", _("no one"))]
                    + [(m.pk, m.person.full_name) for m in members],
                    coerce=int,
                    empty_value=None,
                    required=False,
                )
                self.initial[f"serving_for_{row.pk}"] = row.serving_for_id
        self.fields["serving_chair"] = forms.TypedChoiceField(
            label=_("Chairing"),
            choices=[("", _("the chair"))]
            + [(row.person_id, row.person.full_name) for row in members],
            coerce=int,
            empty_value=None,
            required=False,
            help_text=_("Who chaired the meeting when the chair was away."),
        )
        self.initial["serving_chair"] = meeting.serving_chair_id

    def statuses(self) -> dict[int, str]:
        return {row.pk: self.cleaned_data[f"status_{row.pk}"] for row in self.rows}

    def serving_for(self) -> dict[int, int | None]:
        return {
            row.pk: self.cleaned_data.get(f"serving_for_{row.pk}")
            for row in self.rows
            if row.capacity == Attendance.Capacity.SUBSTITUTE
        }

    def status_field(self, row):
        return self[f"status_{row.pk}"]

    def serving_field(self, row):
        name = f"serving_for_{row.pk}"
        return self[name] if name in self.fields else None


class AttendeeAddForm(Form):
    prefix = "guest"
    person = PersonChoiceField(label=_("Person"))
    affiliation = forms.CharField(label=_("From"), max_length=120, required=False)

    def __init__(self, *args, organisation, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].configure(organisation=organisation, user=user)


class ItemForm(ModelForm):
    presenter = PersonChoiceField(label=capfirst(_("presented by")), required=False)

    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "kind",
            "presenter",
            "notes",
            "decision",
            "trainings",
            "commissions",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 8, "data-richtext": ""}),
            "decision": forms.Textarea(attrs={"rows": 3}),
            "kind": forms.RadioSelect,
            "trainings": forms.SelectMultiple(attrs={"size": 5}),
            "commissions": forms.SelectMultiple(attrs={"size": 3}),
        }
        labels = {"title": _("Heading")}
        help_texts = {
            "notes": _(
                "What was said. Bold, italics, lists and links are kept; "
                "a blank line starts a new paragraph."
            ),
            "decision": _("Only for decisions: the decision as it is minuted."),
        }

    def __init__(self, *args, meeting: Meeting, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = meeting.organisation
        self.fields["presenter"].configure(
            organisation=organisation, user=user, keep=self.instance.presenter
        )
        self.fields["trainings"].queryset = Training.objects.filter(
            organisation=organisation
        ).order_by("-created_at")
        self.fields["trainings"].required = False
        self.fields["commissions"].queryset = Commission.objects.filter(
            group=meeting.group
        )
        self.fields["commissions"].required = False
        self.fields["title"].required = False
        if meeting.quorate is False:
            kind = self.fields["kind"]
            kind.choices = [
                choice
                for choice in AgendaItem.Kind.choices
                if choice[0] != AgendaItem.Kind.DECISION
            ]
            kind.help_text = _(
                "The meeting is not quorate: items are handled as information."
            )
            kind.error_messages["invalid_choice"] = _(
                "The meeting is not quorate, so the items are handled as "
                "information and no decisions are taken. Record the item as "
                "information or discussion."
            )
            # An item written as a decision before the attendance showed
            # the meeting without quorum opens as information, notes kept.
            if self.instance.pk and self.instance.is_decision:
                self.initial["kind"] = AgendaItem.Kind.INFORMATION
            del self.fields["decision"]

    def clean_title(self):
        title = self.cleaned_data.get("title", "").strip()
        if not title and not (self.instance and self.instance.pk):
            raise forms.ValidationError(_("Give the item a title."))
        return title


class NextMeetingForm(Form):
    day = forms.DateField(
        label=_("Date of the next meeting"), widget=DATE, validators=[MEETING_YEARS]
    )
    starts = forms.TimeField(label=_("Starts"), widget=TIME)
    ends = forms.TimeField(label=_("Ends"), widget=TIME)
    location = forms.CharField(label=_("Room"), max_length=200, required=False)
    meeting_url = forms.URLField(
        label=_("Meeting link"), max_length=500, required=False, assume_scheme="https"
    )
    prefix = "next"

    def times(self):
        data = self.cleaned_data
        return _combine(data["day"], data["starts"]), _combine(
            data["day"], data["ends"]
        )


class ActionItemForm(ModelForm):
    prefix = "action"
    owner = PersonChoiceField(label=capfirst(_("who")), required=False)

    class Meta:
        model = ActionItem
        fields = [
            "what",
            "owner",
            "owner_label",
            "owner_organisation",
            "due_on",
            "item",
        ]
        widgets = {"due_on": DATE}

    def __init__(self, *args, meeting: Meeting, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].configure(organisation=meeting.organisation, user=user)
        self.fields["item"].queryset = meeting.items.all()
        self.fields["item"].required = False


class ActionStatusForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionItem.Status.choices)
    note = forms.CharField(label=_("How it went"), max_length=500, required=False)


class DocumentForm(Form):
    prefix = "document"
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint, text or image; at most 20 MB."),
    )
    item = forms.ModelChoiceField(
        label=_("For item"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = meeting.items.all()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload)
        return upload


class CorrectionForm(Form):
    field = forms.ChoiceField(label=_("Correct"), choices=list(CORRECTABLE.items()))
    value = forms.CharField(
        label=_("Corrected text"), widget=forms.Textarea(attrs={"rows": 5})
    )
    reason = forms.CharField(label=_("Reason for the correction"), max_length=300)


class FinaliseForm(Form):
    registry_number = forms.CharField(
        label=_("Registry number"),
        max_length=60,
        required=False,
        help_text=_("The diarienummer, if the minutes are registered now."),
    )


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
        self.fields["minutes_of"].queryset = group.meetings.filter(
            minutes_status=Meeting.Minutes.FINALISED
        ).select_related("group__body")
        self.fields["plan"].queryset = TrainingPlan.objects.filter(
            organisation=group.organisation
        )

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
        return _combine(self.cleaned_data["deadline"], datetime.time(23, 59))


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
