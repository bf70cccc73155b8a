from typing import Any

from django.core.management.base import BaseCommand

from mandat.api.texts import TARGET, source, untranslated


class Command(BaseCommand):
    help = (
        "Write mandat/api/schema_texts.py: the English texts of the OpenAPI "
        "schema that come from docstrings, marked for translation. Then run "
        "`make messages` and translate them."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        found = untranslated()
        TARGET.write_text(source(found), encoding="utf-8")
        self.stdout.write(f"wrote {TARGET}: {len(found)} texts")
