import re

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from mandat.core.forms import ModelForm
from mandat.directory.widgets import PersonChoiceField
from mandat.trainings.models import PlanItem, Training

from .models import Film, HandbookPage, HandbookSection

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FilmForm(ModelForm):
    video_url = forms.URLField(
        label=_("Video address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("The film on the video platform, e.g. https://…"),
    )
    captions_url = forms.URLField(
        label=_("Or captions address"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    captions_file = forms.FileField(
        label=_("Captions (WebVTT file)"),
        required=False,
        help_text=_("Required before the film can be published."),
    )
    chapter_lines = forms.CharField(
        label=_("Chapters"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: 12:30 Title of the part."),
    )
    topic_names = forms.CharField(
        label=_("Topics"),
        required=False,
        help_text=_("Separated by commas, e.g. Mötesteknik, Digitala möten."),
    )

    class Meta:
        model = Film
        fields = [
            "title",
            "description",
            "speakers",
            "recorded_on",
            "duration_minutes",
            "video_url",
            "captions_url",
            "training",
            "plan_item",
            "visibility",
        ]
        widgets = {
            "recorded_on": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["training"].queryset = Training.objects.filter(
            organisation=organisation
        ).order_by("-created_at")
        self.fields["plan_item"].queryset = PlanItem.objects.filter(
            plan__organisation=organisation
        ).select_related("plan__period")
        if self.instance.pk:
            self.initial["chapter_lines"] = "\n".join(
                f"{c['at']} {c['title']}" for c in self.instance.chapters
            )
            self.initial["topic_names"] = ", ".join(
                t.name for t in self.instance.topics.all()
            )

    def clean_chapter_lines(self):
        chapters = []
        for number, line in enumerate(
            self.cleaned_data["chapter_lines"].splitlines(), start=1
        ):
            if not line.strip():
                continue
            match = re.match(r"^\s*(\d{1,3}:[0-5]\d(?::[0-5]\d)?)\s+(.+)$", line)
            if match is None:
                raise forms.ValidationError(
                    _(
                        "Line %(number)s: write the start and the title, "
                        "e.g. 12:30 Budgeten."
                    )
                    % {"number": number}
                )
            chapters.append({"at": match.group(1), "title": match.group(2)[:200]})
        return chapters

    def topic_names_list(self) -> list[str]:
        return self.cleaned_data["topic_names"].split(",")


class SectionForm(ModelForm):
    class Meta:
        model = HandbookSection
        fields = ["title", "position"]


class PageForm(ModelForm):
    note = forms.CharField(
        label=_("What changed"),
        max_length=300,
        required=False,
        help_text=_("Kept with the earlier version."),
    )
    owner = PersonChoiceField(
        label=capfirst(_("owner")),
        required=False,
        help_text=_("Keeps the page current and is reminded when it is due."),
    )

    class Meta:
        model = HandbookPage
        fields = [
            "section",
            "title",
            "body",
            "owner",
            "review_months",
            "position",
            "trainings",
            "films",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 16}),
            "trainings": forms.SelectMultiple(attrs={"size": 5}),
            "films": forms.SelectMultiple(attrs={"size": 5}),
        }
        help_texts = {
            "body": _(
                "Markdown: ## heading, **bold**, *italics*, - list, [link](https://…). "
                "Script and embedded frames are removed."
            )
        }

    def __init__(self, *args, organisation, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = HandbookSection.objects.filter(
            organisation=organisation
        )
        self.fields["owner"].configure(
            organisation=organisation, user=user, keep=self.instance.owner
        )
        self.fields["trainings"].queryset = Training.objects.filter(
            organisation=organisation
        ).order_by("-created_at")
        self.fields["films"].queryset = Film.objects.filter(organisation=organisation)
        self.fields["trainings"].required = False
        self.fields["films"].required = False
