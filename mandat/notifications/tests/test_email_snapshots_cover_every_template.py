"""Every e-mail template on disk is part of a snapshot test: each snapshot
names the templates its message was made from (recorded as they were
rendered, see ``mandat/testing/emails.py``), so a template no snapshot
names is text no test has read."""

import re
from pathlib import Path

import mandat

PACKAGE = Path(mandat.__file__).parent
TEMPLATES_LINE = re.compile(r"^\s*Templates: (.*)$", re.MULTILINE)


def email_templates_on_disk() -> set[str]:
    return {
        str(path.relative_to(path.parents[2]))
        for path in PACKAGE.glob("*/templates/*/emails/*")
        if path.is_file()
    }


def templates_in_snapshots() -> set[str]:
    named = set()
    for snapshots in PACKAGE.glob("*/tests/__snapshots__/*.ambr"):
        for line in TEMPLATES_LINE.findall(snapshots.read_text(encoding="utf-8")):
            named.update(name.strip() for name in line.split(","))
    return named


def test_every_email_template_is_read_by_a_snapshot_test():
    on_disk = email_templates_on_disk()

    assert len(on_disk) >= 47
    assert sorted(on_disk - templates_in_snapshots()) == []
