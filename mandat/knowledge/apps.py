from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "mandat.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self):
        from mandat.core.scheduler import register_tick
        from mandat.core.search import (
            SearchSource,
            search_record_changed,
            search_source_register,
        )

        from . import search
        from .models import Film, HandbookPage

        search_source_register(
            Film,
            SearchSource(
                kind="film",
                documents=search.film_documents,
                records=lambda organisation: Film.objects.filter(
                    organisation=organisation
                ),
            ),
        )
        search_source_register(
            HandbookPage,
            SearchSource(
                kind="page",
                documents=search.page_documents,
                records=lambda organisation: HandbookPage.objects.filter(
                    section__organisation=organisation
                ),
            ),
        )
        search_record_changed.connect(search.record_changed, dispatch_uid="search")
        from mandat.notifications.registry import EventSpec, register

        register(
            EventSpec(
                key="knowledge.review_due",
                label=_("To the page owner: handbook page due for review"),
                variables=("person", "page", "link"),
            )
        )
        # Newcomers are few and need not be invited within the minute.
        register_tick("mandat.knowledge.catch_up.catch_up_due", every_minutes=60)
        register_tick("mandat.knowledge.services.reviews_due", every_minutes=60)
