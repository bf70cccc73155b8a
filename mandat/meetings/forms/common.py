"""What the forms of meetings share: date and time widgets, the years a
meeting may be held, and a day and a time as a local moment."""

import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mandat.core.forms import YearValidator

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


# Meetings are held within this century; a mistyped year is caught here.
MEETING_YEARS = YearValidator(2000, 2100, _("Give a date between 2000 and 2100."))


def local_datetime(day, time):
    return datetime.datetime.combine(day, time, tzinfo=ZoneInfo(settings.TIME_ZONE))
