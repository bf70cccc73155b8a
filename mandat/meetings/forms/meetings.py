"""Forms of a meeting: the meeting and a term of meetings, attendance,
agenda items, the next meeting, action items and documents."""

import datetime
import re
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from mandat.core.documents import check_upload
from mandat.core.forms import Form, ModelForm
from mandat.directory.widgets import PersonChoiceField
from mandat.trainings.models import Training

from ..models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Commission,
    Meeting,
)
from ..services import TermDate
from .common import DATE, MEETING_YEARS, TIME, local_datetime


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
        return local_datetime(data["day"], data["starts"]), local_datetime(
            data["day"], data["ends"]
        )

    def meeting_fields(self) -> dict:
        """The meeting's times, room, link and host, as the services take them."""
        starts_at, ends_at = self.times()
        data = self.cleaned_data
        return {
            "starts_at": starts_at,
            "ends_at": ends_at,
            "location": data["location"],
            "meeting_url": data["meeting_url"],
            "host": data["host"],
        }


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
    """One status per person, who a substitute serves for, and who chaired;
    the fields are named by person, as rows may not be saved yet."""

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
            self.fields[f"status_{row.person_id}"] = field
            unrecorded = row.status == Attendance.Status.UNRECORDED
            self.initial[f"status_{row.person_id}"] = (
                (preset or None) if unrecorded else row.status
            )
            if row.capacity == Attendance.Capacity.SUBSTITUTE:
                self.fields[f"serving_for_{row.person_id}"] = forms.TypedChoiceField(
                    label=_("%(name)s serves for") % {"name": row.person.full_name},
                    choices=[("", _("no one"))]
                    + [(m.person_id, m.person.full_name) for m in members],
                    coerce=int,
                    empty_value=None,
                    required=False,
                )
                self.initial[f"serving_for_{row.person_id}"] = (
                    row.serving_for.person_id if row.serving_for is not None else None
                )
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
        return {
            row.person_id: self.cleaned_data[f"status_{row.person_id}"]
            for row in self.rows
        }

    def serving_for(self) -> dict[int, int | None]:
        return {
            row.person_id: self.cleaned_data.get(f"serving_for_{row.person_id}")
            for row in self.rows
            if row.capacity == Attendance.Capacity.SUBSTITUTE
        }

    def status_field(self, row):
        return self[f"status_{row.person_id}"]

    def serving_field(self, row):
        name = f"serving_for_{row.person_id}"
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
        cast(PersonChoiceField, self.fields["presenter"]).configure(
            organisation=organisation, user=user, keep=self.instance.presenter
        )
        trainings = cast(forms.ModelMultipleChoiceField, self.fields["trainings"])
        trainings.queryset = Training.objects.filter(
            organisation=organisation
        ).order_by("-created_at")
        self.fields["trainings"].required = False
        commissions = cast(forms.ModelMultipleChoiceField, self.fields["commissions"])
        commissions.queryset = Commission.objects.filter(group=meeting.group)
        self.fields["commissions"].required = False
        self.fields["title"].required = False
        if meeting.quorate is False:
            kind = cast(forms.ChoiceField, self.fields["kind"])
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
        return local_datetime(data["day"], data["starts"]), local_datetime(
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
        cast(PersonChoiceField, self.fields["owner"]).configure(
            organisation=meeting.organisation, user=user
        )
        cast(forms.ModelChoiceField, self.fields["item"]).queryset = meeting.items.all()
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
        cast(forms.ModelChoiceField, self.fields["item"]).queryset = meeting.items.all()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload)
        return upload
