"""The directory: mandate periods, parties, bodies, people and their
assignments, the import of the register, and target groups.

One module per part, as in ``directory/services/``:

setup     mandate periods, parties and bodies
people    people and their assignments
register  the import of the register of elected officials
targets   target groups and their rules
"""

from .people import (
    MEMBER_ROLES,
    PRESIDIUM_ROLES,
    ROLE_ORDER,
    Assignment,
    AssignmentRole,
    Person,
)
from .register import ImportJob, RegisterSync
from .setup import (
    KIND_DEFAULTS,
    Body,
    BodyKind,
    MandatePeriod,
    Party,
    ReportingCategory,
    TermRule,
)
from .targets import TargetGroup, TargetRule

__all__ = [
    "Assignment",
    "AssignmentRole",
    "Body",
    "BodyKind",
    "ImportJob",
    "RegisterSync",
    "KIND_DEFAULTS",
    "MEMBER_ROLES",
    "MandatePeriod",
    "PRESIDIUM_ROLES",
    "Party",
    "Person",
    "ROLE_ORDER",
    "ReportingCategory",
    "TargetGroup",
    "TargetRule",
    "TermRule",
]
