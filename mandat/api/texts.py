"""Make ``mandat/api/schema_texts.py``: the English texts the OpenAPI schema
copies from the code (the docstrings of views and serializers, DRF's own
texts) and that no catalogue translates, each marked for translation, so
that ``make messages`` puts them in the catalogue and the schema says them
in Swedish. Run after changing a docstring of the API:

    mandat api_texts

``test_schema_in_swedish.py`` fails while the file is out of date."""

import json
from pathlib import Path

from django.utils import translation
from drf_spectacular.generators import SchemaGenerator

from .schema import as_written, texts
from .schema_texts import SCHEMA_TEXTS

TARGET = Path(__file__).with_name("schema_texts.py")
# Texts that are the same word in Swedish and in English.
SAME_IN_BOTH = {"Mandat", "Organisation", "Status", "Format", "Text", "E-post"}
HEADER = '''"""The English texts of the OpenAPI schema that come from the code
(docstrings) or from DRF, marked for translation. Made by
``mandat api_texts``; do not edit."""

from django.utils.translation import gettext_noop

SCHEMA_TEXTS = [
'''


def untranslated() -> list[str]:
    """The texts of the schema as written that Swedish leaves as they are,
    and those of the file that are still in the schema: a library's own
    text (DRF's), once in the catalogue, is Swedish as written."""

    def schema(language: str) -> dict[str, str]:
        with translation.override(language), as_written():
            spec = SchemaGenerator().get_schema(request=None, public=True)
        return dict(texts(spec))

    english, swedish = schema("en"), schema("sv")
    marked = set(SCHEMA_TEXTS)
    same = {
        text
        for path, text in english.items()
        if (swedish.get(path) == text or text in marked)
        and any(c.isalpha() for c in text)
    }
    return sorted(same - SAME_IN_BOTH)


def source(found: list[str]) -> str:
    lines = [HEADER]
    lines += [
        f"    gettext_noop({json.dumps(text, ensure_ascii=False)}),\n" for text in found
    ]
    lines.append("]\n")
    return "".join(lines)
