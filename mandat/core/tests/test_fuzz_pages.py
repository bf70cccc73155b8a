"""No input gives a 500: property-based fuzzing (Hypothesis) of every form
Mandat shows and of the query parameters of its pages.

The forms are found where a user meets them: every page of the permission
table is opened as an identity that may see it, every form in its HTML is
filled with generated values (nasty text, far-off dates, other
organisations' ids, odd files) and sent, as the browser would, to its
action. Each request runs in a savepoint that is rolled back, so examples do
not see each other."""

from collections import Counter
from urllib.parse import parse_qsl, urlsplit

import pytest
from django import forms as django_forms
from django.urls import Resolver404, resolve
from hypothesis import given, settings
from hypothesis import strategies as st

from mandat.core.tests import permission_table as table
from mandat.core.tests.fuzzing import (
    EXAMPLES_PER_FORM,
    EXAMPLES_PER_QUERY,
    FUZZ,
    PREFERENCE,
    QUERY_KEYS,
    SKIP_ACTIONS,
    field_values,
    foreign_ids,
    fuzz_world,
    mandat_form_classes,
    page_forms,
    text_values,
)
from mandat.core.tests.world import build_url, keep_files

# Run once, on PostgreSQL (production's database): what a form or a query
# parameter does with bad input does not depend on the engine, and the
# fuzzers are among the suite's longest tests (~40 s a run).
pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def world(client, django_user_model):
    return fuzz_world(client)


@pytest.fixture(autouse=True)
def _keep_files(monkeypatch):
    keep_files(monkeypatch)


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


def test_no_form_on_any_page_answers_500_to_any_input(world, monkeypatch):
    prober = world["prober"]
    foreign = foreign_ids(world)
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
    reached = len(mandat_form_classes() & seen_classes)
    print(
        f"\nfuzzed {len(tried)} forms on pages with {total} inputs "
        f"({reached} of Mandat's form classes reached through their views)"
    )
    assert len(tried) > 50


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
