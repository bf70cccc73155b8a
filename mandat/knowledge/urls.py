from django.urls import path

from . import views

app_name = "knowledge"

org = "o/<slug:org_slug>/"
film = org + "films/<int:film_id>/"
page = org + "handbook/<int:page_id>/"

urlpatterns = [
    path("p/<slug:slug>/films/<int:film_id>/", views.public_film, name="public-film"),
    path(
        "p/<slug:slug>/films/<int:film_id>/captions.vtt",
        views.public_captions,
        name="public-captions",
    ),
    path(org + "search/", views.search_page, name="search"),
    path(org + "films/", views.film_list, name="film-list"),
    path(org + "films/new/", views.film_edit, name="film-create"),
    path(film, views.film_detail, name="film-detail"),
    path(film + "edit/", views.film_edit, name="film-edit"),
    path(film + "publish/", views.film_publish, name="film-publish"),
    path(film + "watched/", views.film_watched, name="film-watched"),
    path(film + "captions.vtt", views.film_captions, name="film-captions"),
    path(org + "my/catch-up/", views.my_catch_up, name="my-catch-up"),
    path(org + "newcomers/", views.newcomers, name="newcomers"),
    path(
        org + "newcomers/<int:person_id>/invite/",
        views.newcomer_invite,
        name="newcomer-invite",
    ),
    path(org + "handbook/", views.handbook, name="handbook"),
    path(org + "handbook/sections/", views.section_create, name="section-create"),
    path(org + "handbook/new/", views.page_edit, name="page-create"),
    path(page, views.page_detail, name="page-detail"),
    path(page + "edit/", views.page_edit, name="page-edit"),
    path(page + "history/", views.page_history, name="page-history"),
    path(page + "reviewed/", views.page_reviewed, name="page-reviewed"),
]
