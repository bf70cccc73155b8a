"""The register of elected officials as a file: reading it, checking every
row, and working out what an import would create, change and end.

The file has one row per assignment; a person with three assignments has three
rows. People are recognised by their register id, or by their e-mail address
when the file has no register id. Problems are kept as a code and parameters,
not as text, so that the same result reads in Swedish or English.

One module per part:

files     the file's columns, reading it, its problems and their messages
rows      the words a row may use and the check of one row
matching  the directory compared against, the checks across rows, and the
          person and assignment a row stands for
plan      what the import would create, change and end

Applying a plan is a service: ``directory/services/register.py``."""

from .files import (
    COLUMN_BY_KEY,
    COLUMNS,
    MESSAGES,
    PERSON_KEYS,
    Column,
    FileProblem,
    Problem,
    cell_date,
    cell_text,
    header_keys,
    message_text,
    read_rows,
    read_table,
)
from .matching import Directory
from .plan import Plan, plan_import, preview_rows, summary_has_changes
from .rows import Row

__all__ = [
    "COLUMNS",
    "COLUMN_BY_KEY",
    "Column",
    "Directory",
    "FileProblem",
    "MESSAGES",
    "PERSON_KEYS",
    "Plan",
    "Problem",
    "Row",
    "cell_date",
    "cell_text",
    "header_keys",
    "message_text",
    "plan_import",
    "preview_rows",
    "read_rows",
    "read_table",
    "summary_has_changes",
]
