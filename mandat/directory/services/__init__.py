"""Writers for the directory, one module per part:

setup     mandate periods, parties and bodies
people    people and their assignments
register  the import of the register of elected officials
sync      the register read on a schedule, from a folder or an address
targets   target groups and their rules

Every change to a person or an assignment goes through here and leaves an
entry in the audit trail."""

from .people import (
    ASSIGNMENT_FIELDS,
    PERSON_FIELDS,
    assignment_create,
    assignment_end,
    assignment_update,
    person_create,
    person_update,
)
from .register import (
    import_job_apply,
    import_job_check,
    import_job_confirm,
    import_job_create,
    import_job_fail,
    register_import_rows,
)
from .setup import (
    bodies_create_from_text,
    body_create,
    body_kind_from_name,
    body_term_end,
    body_term_start,
    body_update,
    mandate_period_create,
    mandate_period_update,
    party_create,
    party_update,
    validated,
)
from .sync import (
    drop_folder,
    register_sync_run,
    register_sync_save,
    register_syncs_due,
)
from .targets import target_group_create, target_rule_create, target_rule_delete

__all__ = [
    "ASSIGNMENT_FIELDS",
    "PERSON_FIELDS",
    "assignment_create",
    "assignment_end",
    "assignment_update",
    "bodies_create_from_text",
    "body_create",
    "body_kind_from_name",
    "body_update",
    "mandate_period_update",
    "party_update",
    "body_term_end",
    "body_term_start",
    "import_job_apply",
    "import_job_check",
    "import_job_confirm",
    "import_job_create",
    "import_job_fail",
    "register_sync_run",
    "register_sync_save",
    "drop_folder",
    "register_syncs_due",
    "mandate_period_create",
    "party_create",
    "person_create",
    "person_update",
    "register_import_rows",
    "target_group_create",
    "target_rule_create",
    "target_rule_delete",
    "validated",
]
