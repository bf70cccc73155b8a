"""The film library and the handbook."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandat.core.exceptions import parse_id
from mandat.core.forms import parse_year, service_call
from mandat.core.pages import form_page, found
from mandat.core.pdf import pdf_response
from mandat.core.permissions import allowed, require
from mandat.core.queries import window_page
from mandat.core.richtext import markdown_html
from mandat.directory.models import Person

from . import catch_up, permissions, search, selectors, services
from .forms import FilmForm, PageForm, SectionForm
from .models import Film, SearchEntry, Topic


def _reader(request):
    require(permissions.can_read_knowledge(request.user, request.organisation))
    return permissions.can_manage_knowledge(request.user, request.organisation)


FILMS_PAGE_SIZE = 30


def film_list(request):
    can_manage = _reader(request)
    filters = {
        "topic": parse_id(request.GET.get("topic")),
        "year": parse_year(request.GET.get("year")),
        "training": parse_id(request.GET.get("training")),
    }
    # A page at a time: the library grows with every filmed training.
    page = window_page(
        selectors.film_list(
            organisation=request.organisation,
            include_drafts=can_manage,
            filters=filters,
        ),
        request.GET.get("page"),
        FILMS_PAGE_SIZE,
    )
    films = page.object_list
    person = request.user.people.filter(organisation=request.organisation).first()
    watched = set(
        person.film_views.filter(film_id__in=[film.pk for film in films]).values_list(
            "film_id", flat=True
        )
        if person
        else []
    )
    return render(
        request,
        "knowledge/film_list.html",
        {
            "films": films,
            "page": page,
            "topics": Topic.objects.filter(organisation=request.organisation),
            "filters": filters,
            "watched": watched,
            "can_manage": can_manage,
        },
    )


def _film(request, film_id, *, can_manage):
    film = get_object_or_404(
        Film.objects.select_related("training", "plan_item").prefetch_related("topics"),
        pk=film_id,
        organisation=request.organisation,
    )
    if film.status != Film.Status.PUBLISHED and not can_manage:
        raise Http404
    return film


def film_detail(request, film_id):
    can_manage = _reader(request)
    film = _film(request, film_id, can_manage=can_manage)
    person = request.user.people.filter(organisation=request.organisation).first()
    return render(
        request,
        "knowledge/film_detail.html",
        {
            "film": film,
            "embed": selectors.embed_url(film.video_url),
            "can_manage": can_manage,
            "person": person,
            "watched": bool(person and film.views.filter(person=person).exists()),
            "pages": list(film.handbook_pages.all()),
        },
    )


def film_captions(request, film_id):
    return _captions_response(_film(request, film_id, can_manage=_reader(request)))


def _captions_response(film):
    """The film's captions: the file uploaded, or the address they are at."""
    if film.captions:
        with film.captions.open("rb") as handle:
            return HttpResponse(handle.read(), content_type="text/vtt; charset=utf-8")
    if film.captions_url:
        return HttpResponseRedirect(film.captions_url)
    raise Http404


@require_POST
def film_watched(request, film_id):
    film = _film(request, film_id, can_manage=_reader(request))
    person = request.user.people.filter(organisation=request.organisation).first()
    require(person is not None)
    service_call(
        request,
        lambda: services.film_watched(person=person, film=film),
        success=_("Noted as watched. It shows in your history as catch-up."),
    )
    return redirect("knowledge:film-detail", request.organisation.slug, film.pk)


@allowed(permissions.can_manage_knowledge)
def film_edit(request, film_id=None):
    film = (
        get_object_or_404(Film, pk=film_id, organisation=request.organisation)
        if film_id
        else None
    )
    form = FilmForm(
        request.POST or None,
        request.FILES or None,
        instance=film,
        organisation=request.organisation,
    )

    def save(data):
        fields = {name: data[name] for name in FilmForm.Meta.fields}
        if film is not None:
            film.refresh_from_db()
        return services.film_save(
            actor=request.user,
            organisation=request.organisation,
            film=film,
            captions=data["captions_file"],
            topics=services.topics_from_names(
                organisation=request.organisation, names=form.topic_names_list()
            ),
            chapters=data["chapter_lines"],
            **fields,
        )

    return form_page(
        request,
        form,
        "knowledge/film_form.html",
        {"film": film},
        save=save,
        done=lambda saved: ("knowledge:film-detail", saved.organisation.slug, saved.pk),
        success=_("The film was saved."),
        names={"captions": "captions_file"},
    )


@require_POST
@allowed(permissions.can_manage_knowledge)
def film_publish(request, film_id):
    film = get_object_or_404(Film, pk=film_id, organisation=request.organisation)
    service_call(
        request,
        lambda: services.film_publish(actor=request.user, film=film),
        success=_("The film is published."),
    )
    return redirect("knowledge:film-detail", request.organisation.slug, film.pk)


# The handbook --------------------------------------------------------------------


def handbook(request):
    can_manage = _reader(request)
    return render(
        request,
        "knowledge/handbook.html",
        {
            "sections": selectors.handbook(organisation=request.organisation),
            "can_manage": can_manage,
            "section_form": SectionForm() if can_manage else None,
        },
    )


@require_POST
@allowed(permissions.can_manage_knowledge)
def section_create(request):
    form = SectionForm(request.POST)
    if form.is_valid():
        services.section_create(
            actor=request.user, organisation=request.organisation, **form.cleaned_data
        )
        messages.success(request, _("The section was added."))
    return redirect("knowledge:handbook", request.organisation.slug)


def _page(request, page_id):
    page = found(selectors.page_get(organisation=request.organisation, page_id=page_id))
    return page


def page_detail(request, page_id):
    can_manage = _reader(request)
    page = _page(request, page_id)
    context = {
        "page": page,
        "html": markdown_html(page.body),
        "can_manage": can_manage,
        "review_due": page.review_due_on <= datetime.date.today(),
    }
    if request.GET.get("format") == "pdf":
        return pdf_response(
            template="knowledge/pdf/page.html",
            context=context,
            filename=f"politikerhandbok-{page.pk}",
            title=page.title,
        )
    return render(request, "knowledge/page_detail.html", context)


@allowed(permissions.can_manage_knowledge)
def page_edit(request, page_id=None):
    page = _page(request, page_id) if page_id else None
    initial = {}
    section_id = parse_id(request.GET.get("section"))
    if page is None and section_id:
        initial["section"] = section_id
    form = PageForm(
        request.POST or None,
        instance=page,
        initial=initial,
        organisation=request.organisation,
        user=request.user,
    )
    return form_page(
        request,
        form,
        "knowledge/page_form.html",
        {"page": page},
        save=lambda data: services.page_save(actor=request.user, page=page, **data),
        done=lambda saved: ("knowledge:page-detail", saved.organisation.slug, saved.pk),
        success=_("The page was saved."),
    )


def page_history(request, page_id):
    _reader(request)
    page = _page(request, page_id)
    return render(
        request,
        "knowledge/page_history.html",
        {"page": page, "revisions": list(page.revisions.select_related("edited_by"))},
    )


@require_POST
@allowed(permissions.can_manage_knowledge)
def page_reviewed(request, page_id):
    page = _page(request, page_id)
    services.page_reviewed(actor=request.user, page=page)
    messages.success(request, _("The page is marked as reviewed today."))
    return redirect("knowledge:page-detail", request.organisation.slug, page.pk)


def my_catch_up(request):
    """The signed-in person's catch-up list."""
    _reader(request)
    person = request.user.people.filter(organisation=request.organisation).first()
    rows = catch_up.catch_up_list(person) if person else []
    return render(
        request, "knowledge/my_catch_up.html", {"rows": rows, "person": person}
    )


@allowed(permissions.can_manage_knowledge)
def newcomers(request):
    """The coordinator's list of newcomers and what each has left to take."""
    people = catch_up.newcomers(request.organisation)
    rows = [(person, catch_up.catch_up_list(person)) for person in people]
    return render(request, "knowledge/newcomers.html", {"rows": rows})


@require_POST
@allowed(permissions.can_manage_knowledge)
def newcomer_invite(request, person_id):
    person = get_object_or_404(Person, pk=person_id, organisation=request.organisation)
    service_call(
        request,
        lambda: catch_up.catch_up_invite(actor=request.user, person=person),
        success=lambda count: (
            _("%(name)s was invited to %(count)s trainings.")
            % {"name": person.full_name, "count": count}
        ),
    )
    return redirect("knowledge:newcomers", request.organisation.slug)


def search_page(request):
    """Search across trainings, films, handbook pages and finalised minutes."""
    _reader(request)
    query = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    hits, error, cut = [], "", len(query.strip()) > search.MAX_QUERY
    if query.strip():
        try:
            hits = search.search(
                organisation=request.organisation,
                user=request.user,
                query=query,
                kind=kind,
            )
        except search.SearchError as problem:
            error = str(problem)
    return render(
        request,
        "knowledge/search.html",
        {
            "query": query[: search.MAX_QUERY],
            "kind": kind,
            "kinds": SearchEntry.Kind.choices,
            "hits": hits,
            "error": error,
            "cut": cut,
        },
    )


@login_not_required
def public_film(request, slug, film_id):
    """A film its coordinator made public: watchable without logging in."""
    film = get_object_or_404(
        Film.objects.select_related("organisation").prefetch_related("topics"),
        pk=film_id,
        organisation__slug=slug,
        status=Film.Status.PUBLISHED,
        visibility=Film.Visibility.PUBLIC,
    )
    return render(
        request,
        "knowledge/public_film.html",
        {
            "film": film,
            "embed": selectors.embed_url(film.video_url),
            "page_org": film.organisation,
        },
    )


@login_not_required
def public_captions(request, slug, film_id):
    film = get_object_or_404(
        Film,
        pk=film_id,
        organisation__slug=slug,
        status=Film.Status.PUBLISHED,
        visibility=Film.Visibility.PUBLIC,
    )
    return _captions_response(film)
