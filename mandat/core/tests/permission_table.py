"""The table of who may do what: every address of Mandat × identity × method
with the answer it must give. test_permission_matrix.py fetches every
address and compares; docs/permissions.md is generated from this table:

    python -m mandat.core.tests.permission_table

A row holds the answers to GET and to POST (an empty form) in the order of
``IDENTITIES``; a key with ``*`` covers the addresses of Django's admin site
that every model has. Each role of another organisation gets 404 on every
address under /o/<org>/ and the answer of the same role here elsewhere."""

import fnmatch
import os
import re
import sys
from pathlib import Path

METHODS = ("GET", "POST")

IDENTITIES = {
    "anonymous": "Not logged in",
    "administrator": "Administrator",
    "coordinator": "Training coordinator",
    "secretary": "Committee secretary of the training's committee",
    "secretary_other": "Committee secretary of another committee",
    "steering_member": "Steering-group member (member of the group)",
    "elected": "Elected official (invited to the training, registered)",
    "course_leader": "Course leader of the occasion",
    "official": "Official (regular participant of the group)",
    "installation_admin": "The installation's administrator (superuser, no role)",
}
# The roles that also log in as accounts of another organisation.
OTHER_ROLES = (
    "administrator",
    "coordinator",
    "secretary",
    "steering_member",
    "elected",
    "course_leader",
    "official",
)
# The roles of another organisation that also try to change our objects
# through their own organisation's addresses (every role tries to read them).
MIXED_POST_ROLES = ("administrator", "coordinator")
ABBREVIATIONS = {
    "anonymous": "anon",
    "administrator": "adm",
    "coordinator": "coord",
    "secretary": "sec",
    "secretary_other": "sec2",
    "steering_member": "steer",
    "elected": "elect",
    "course_leader": "lead",
    "official": "off",
    "installation_admin": "inst",
}

# Each row: (GET, POST), answers in the order of IDENTITIES:
#        anon adm coord sec sec2 steer elect lead off inst
# "-" leaves the answer open (anything but 500): the installation's
# administrator in Django's admin, where each model's admin decides.
EXPECTED: dict[str, tuple[str, str]] = {
    # core
    "portal:home": (
        "302 302 302 302 302 302 302 302 302 200",
        "302 302 302 302 302 302 302 302 302 200",
    ),
    "portal:dashboard": (
        "302 200 200 200 200 200 200 200 200 404",
        "302 200 200 200 200 200 200 200 200 404",
    ),
    "accounts:organisation-create": (
        "302 403 403 403 403 403 403 403 403 200",
        "302 403 403 403 403 403 403 403 403 200",
    ),
    "core:audit-list": (
        "302 200 403 403 403 403 403 403 403 404",
        "302 200 403 403 403 403 403 403 403 404",
    ),
    "core:accessibility": (
        "200 200 200 200 200 200 200 200 200 200",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    "core:healthz": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "core:favicon.ico": (
        "301 301 301 301 301 301 301 301 301 301",
        "301 301 301 301 301 301 301 301 301 301",
    ),
    # accounts
    "accounts:login": (
        "200 302 302 302 302 302 302 302 302 302",
        "200 302 302 302 302 302 302 302 302 302",
    ),
    "accounts:logout": (
        "302 405 405 405 405 405 405 405 405 405",
        "302 302 302 302 302 302 302 302 302 302",
    ),
    "accounts:login-link-request": (
        "200 200 200 200 200 200 200 200 200 200",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    "accounts:login-link-sent": (
        "200 200 200 200 200 200 200 200 200 200",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    "accounts:login-link": (
        "404 404 404 404 404 404 404 404 404 404",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    "accounts:password-reset": (
        "200 200 200 200 200 200 200 200 200 200",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    "accounts:password-reset-done": (
        "200 200 200 200 200 200 200 200 200 200",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    "accounts:password-set": (
        "404 404 404 404 404 404 404 404 404 404",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    "accounts:password-change": (
        "302 200 200 200 200 200 200 200 200 200",
        "302 200 200 200 200 200 200 200 200 200",
    ),
    "accounts:password-change-done": (
        "302 200 200 200 200 200 200 200 200 200",
        "302 405 405 405 405 405 405 405 405 405",
    ),
    "accounts:settings": (
        "302 200 200 200 200 200 200 200 200 200",
        "302 200 200 200 200 200 200 200 200 200",
    ),
    "accounts:my-page": (
        "302 200 200 200 200 200 200 200 200 404",
        "302 200 200 200 200 200 200 200 200 404",
    ),
    "accounts:membership-list": (
        "302 200 403 403 403 403 403 403 403 404",
        "302 200 403 403 403 403 403 403 403 404",
    ),
    "accounts:invitation-send": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 403 403 403 403 403 403 403 404",
    ),
    "accounts:membership-delete": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 403 403 403 403 403 403 403 404",
    ),
    # directory
    "directory:person-list": (
        "302 200 200 200 200 403 403 403 403 404",
        "302 405 405 405 405 405 405 405 405 404",
    ),
    "directory:person-search": (
        "302 200 200 200 200 403 403 403 403 404",
        "302 405 405 405 405 405 405 405 405 404",
    ),
    "directory:person-detail": (
        "302 200 200 200 404 403 403 403 403 404",
        "302 200 200 200 404 403 403 403 403 404",
    ),
    "directory:body-list": (
        "302 200 200 200 200 403 403 403 403 404",
        "302 405 405 405 405 405 405 405 405 404",
    ),
    "directory:person-create": (
        "302 200 200 200 200 403 403 403 403 404",
        "302 200 200 200 200 403 403 403 403 404",
    ),
    "directory:person-edit": (
        "302 200 200 200 404 403 403 403 403 404",
        "302 200 200 200 404 403 403 403 403 404",
    ),
    "directory:person-assignment-create": (
        "302 200 200 200 404 403 403 403 403 404",
        "302 200 200 200 404 403 403 403 403 404",
    ),
    "directory:assignment-edit": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "directory:assignment-end": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "directory:body-create": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "directory:bodies-create": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "directory:body-edit": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "directory:body-assignment-create": (
        "302 200 200 200 404 403 403 403 403 404",
        "302 200 200 200 404 403 403 403 403 404",
    ),
    "directory:party-list": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "directory:party-edit": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "directory:period-list": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "directory:period-edit": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "directory:target-group-list": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "directory:target-group-detail": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "directory:target-rule-delete": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 403 403 403 403 403 403 404",
    ),
    "directory:body-detail": (
        "302 200 200 200 404 403 403 403 403 404",
        "302 200 200 200 404 403 403 403 403 404",
    ),
    "directory:assignment-list": (
        "302 200 200 200 200 403 403 403 403 404",
        "302 405 405 405 405 405 405 405 405 404",
    ),
    "directory:import-list": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "directory:import-template": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "directory:import-detail": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "directory:import-confirm": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 403 403 403 403 403 403 404",
    ),
    # trainings
    "trainings:personal": (
        "200 200 200 200 200 200 200 200 200 200",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    "trainings:personal-calendar": (
        "200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405",
    ),
    "reports:history": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "reports:history-template": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 405 405 405 405 405 405 405 405 404",
    ),
    "trainings:my-trainings": (
        "302 200 200 200 200 200 200 200 200 404",
        "302 200 200 200 200 200 200 200 200 404",
    ),
    "trainings:my-training": (
        "302 404 404 404 404 404 200 404 404 404",
        "302 404 404 404 404 404 200 404 404 404",
    ),
    "trainings:my-feed": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 404 404 404 404 302 302 302 302 404",
    ),
    "trainings:plan-list": (
        "302 302 302 302 302 403 403 403 403 404",
        "302 302 302 302 302 403 403 403 403 404",
    ),
    "trainings:plan-detail": (
        "302 200 200 200 200 403 403 403 403 404",
        "302 200 200 200 200 403 403 403 403 404",
    ),
    "trainings:plan-item-create": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "trainings:plan-item-edit": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "trainings:training-list": (
        "302 200 200 200 200 403 403 403 403 404",
        "302 405 405 405 405 405 405 405 405 404",
    ),
    "trainings:training-create": (
        "302 200 200 200 200 403 403 403 403 404",
        "302 200 200 200 200 403 403 403 403 404",
    ),
    "trainings:training-detail": (
        "302 200 200 200 404 403 403 403 403 404",
        "302 200 200 200 404 403 403 403 403 404",
    ),
    "trainings:training-edit": (
        "302 200 200 200 404 403 403 403 403 404",
        "302 200 200 200 404 403 403 403 403 404",
    ),
    "trainings:training-status": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 302 404 403 403 403 403 404",
    ),
    "trainings:occasion-create": (
        "302 200 200 200 404 403 403 403 403 404",
        "302 200 200 200 404 403 403 403 403 404",
    ),
    "trainings:invite": (
        "302 200 200 200 404 403 403 403 403 404",
        "302 200 200 200 404 403 403 403 403 404",
    ),
    "trainings:invite-send": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 302 404 403 403 403 403 404",
    ),
    "trainings:invite-rule-delete": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 302 404 403 403 403 403 404",
    ),
    "trainings:document-upload": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 400 400 400 404 403 403 403 403 404",
    ),
    "trainings:document-download": (
        "302 200 200 200 404 403 200 403 403 404",
        "302 200 200 200 404 403 200 403 403 404",
    ),
    "trainings:occasion-edit": (
        "302 200 200 200 404 403 403 403 403 404",
        "302 200 200 200 404 403 403 403 403 404",
    ),
    "trainings:occasion-cancel": (
        "302 200 200 200 404 403 403 403 403 404",
        "302 200 200 200 404 403 403 403 403 404",
    ),
    "trainings:occasion-decide": (
        "302 200 200 200 404 403 403 403 403 404",
        "302 200 200 200 404 403 403 403 403 404",
    ),
    "trainings:participants": (
        "302 200 200 200 403 403 403 200 403 404",
        "302 200 200 200 403 403 403 200 403 404",
    ),
    "trainings:register-on-behalf": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 200 200 200 404 403 403 403 403 404",
    ),
    "trainings:register-many": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 200 200 200 404 403 403 403 403 404",
    ),
    "trainings:contributor-add": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 200 200 200 404 403 403 403 403 404",
    ),
    "trainings:contributor-remove": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 302 403 403 403 403 403 404",
    ),
    "trainings:registration-change": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 302 403 403 403 403 403 404",
    ),
    "trainings:checkin": (
        "302 200 200 200 403 403 403 200 403 404",
        "302 200 200 200 403 403 403 200 403 404",
    ),
    "trainings:checkin-mark": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 404 404 404 403 403 403 404 403 404",
    ),
    # meetings
    "meetings:approval-answer": (
        "200 200 200 200 200 200 200 200 200 200",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    "meetings:approval-answer-document": (
        "200 200 200 200 200 200 200 200 200 200",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    "meetings:group-list": (
        "302 200 200 403 403 200 403 403 200 404",
        "302 200 200 403 403 200 403 403 200 404",
    ),
    "meetings:group-create": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "meetings:group-detail": (
        "302 200 200 404 404 200 404 404 200 404",
        "302 200 200 404 404 200 404 404 200 404",
    ),
    "meetings:group-edit": (
        "302 200 200 404 404 403 404 404 403 404",
        "302 200 200 404 404 403 404 404 403 404",
    ),
    "meetings:member-add": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 200 200 404 404 403 404 404 403 404",
    ),
    "meetings:member-end": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 404 404 403 404 404 403 404",
    ),
    "meetings:participant-add": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 200 200 404 404 403 404 404 403 404",
    ),
    "meetings:participant-end": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 404 404 403 404 404 403 404",
    ),
    "meetings:host-turn-set": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 404 404 403 404 404 403 404",
    ),
    "meetings:network-member-add": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 200 200 404 404 403 404 404 403 404",
    ),
    "meetings:meeting-create": (
        "302 200 200 404 404 403 404 404 403 404",
        "302 200 200 404 404 403 404 404 403 404",
    ),
    "meetings:meeting-term": (
        "302 200 200 404 404 403 404 404 403 404",
        "302 200 200 404 404 403 404 404 403 404",
    ),
    "meetings:commission-create": (
        "302 200 200 404 404 403 404 404 403 404",
        "302 200 200 404 404 403 404 404 403 404",
    ),
    "meetings:approval-create": (
        "302 200 200 404 404 403 404 404 403 404",
        "302 200 200 404 404 403 404 404 403 404",
    ),
    "meetings:commission-detail": (
        "302 200 200 404 404 200 404 404 200 404",
        "302 200 200 404 404 403 404 404 403 404",
    ),
    "meetings:approval-detail": (
        "302 200 200 404 404 200 404 404 200 404",
        "302 200 200 404 404 200 404 404 200 404",
    ),
    "meetings:approval-document": (
        "302 200 200 404 404 200 404 404 200 404",
        "302 200 200 404 404 200 404 404 200 404",
    ),
    "meetings:meeting-detail": (
        "302 200 200 404 404 200 404 404 200 404",
        "302 200 200 404 404 200 404 404 200 404",
    ),
    "meetings:meeting-edit": (
        "302 200 200 404 404 403 404 404 403 404",
        "302 200 200 404 404 403 404 404 403 404",
    ),
    "meetings:meeting-cancel": (
        "302 200 200 404 404 403 404 404 403 404",
        "302 200 200 404 404 403 404 404 403 404",
    ),
    "meetings:notice": (
        "302 200 200 404 404 403 404 404 403 404",
        "302 302 302 404 404 403 404 404 403 404",
    ),
    "meetings:meeting-calendar": (
        "302 200 200 404 404 200 404 404 200 404",
        "302 200 200 404 404 200 404 404 200 404",
    ),
    "meetings:attendance": (
        "302 200 200 404 404 403 404 404 403 404",
        "302 200 200 404 404 403 404 404 403 404",
    ),
    "meetings:item-create": (
        "302 200 200 404 404 403 404 404 403 404",
        "302 200 200 404 404 403 404 404 403 404",
    ),
    "meetings:item-edit": (
        "302 200 200 404 404 403 404 404 403 404",
        "302 200 200 404 404 403 404 404 403 404",
    ),
    "meetings:item-move": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 404 404 403 404 404 403 404",
    ),
    "meetings:item-delete": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 404 404 403 404 404 403 404",
    ),
    "meetings:minutes-approve": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 404 404 403 404 404 403 404",
    ),
    "meetings:minutes-correct": (
        "302 200 200 404 404 403 404 404 403 404",
        "302 200 200 404 404 403 404 404 403 404",
    ),
    "meetings:document-add": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 404 404 403 404 404 403 404",
    ),
    "meetings:document-download": (
        "302 200 200 404 404 200 404 404 200 404",
        "302 200 200 404 404 200 404 404 200 404",
    ),
    "meetings:document-remove": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 404 404 403 404 404 403 404",
    ),
    "meetings:action-create": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 200 200 404 404 403 404 404 403 404",
    ),
    "meetings:action-status": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 403 403 302 403 403 403 404",
    ),
    "meetings:minutes": (
        "302 200 200 404 404 200 404 404 200 404",
        "302 200 200 404 404 200 404 404 200 404",
    ),
    "meetings:minutes-pdf": (
        "302 200 200 404 404 200 404 404 200 404",
        "302 200 200 404 404 200 404 404 200 404",
    ),
    "meetings:minutes-word": (
        "302 200 200 404 404 200 404 404 200 404",
        "302 200 200 404 404 200 404 404 200 404",
    ),
    "meetings:minutes-package": (
        "302 200 200 404 404 200 404 404 200 404",
        "302 200 200 404 404 200 404 404 200 404",
    ),
    "meetings:minutes-finalise": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 404 404 403 404 404 403 404",
    ),
    "meetings:minutes-register": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 404 404 403 404 404 403 404",
    ),
    "meetings:my-actions": (
        "302 200 200 200 200 200 200 200 200 404",
        "302 200 200 200 200 200 200 200 200 404",
    ),
    # evaluations
    "evaluations:answer": (
        "200 200 200 200 200 200 200 200 200 200",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    "evaluations:questionnaire-list": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "evaluations:need-list": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "evaluations:evaluation-for-training": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 302 404 404 404 404 404 404",
    ),
    "evaluations:questionnaire-detail": (
        "302 200 200 200 403 403 403 403 403 404",
        "302 200 200 200 403 403 403 403 403 404",
    ),
    "evaluations:paper-answers": (
        "302 200 200 200 403 403 403 403 403 404",
        "302 200 200 200 403 403 403 403 403 404",
    ),
    "evaluations:questionnaire-status": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 302 403 403 403 403 403 404",
    ),
    "evaluations:questionnaire-send": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 404 404 404 403 403 403 403 403 404",
    ),
    "evaluations:question-create": (
        "302 200 200 200 403 403 403 403 403 404",
        "302 200 200 200 403 403 403 403 403 404",
    ),
    "evaluations:question-edit": (
        "302 200 200 200 403 403 403 403 403 404",
        "302 200 200 200 403 403 403 403 403 404",
    ),
    "evaluations:question-remove": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 302 403 403 403 403 403 404",
    ),
    "evaluations:results": (
        "302 200 200 200 403 403 403 403 403 404",
        "302 200 200 200 403 403 403 403 403 404",
    ),
    "evaluations:need-add": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 404 404 404 403 403 403 403 403 404",
    ),
    # reports
    "reports:cost-list": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "reports:budget-set": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 403 403 403 403 403 403 404",
    ),
    "reports:cost-remove": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 403 403 403 403 403 403 404",
    ),
    "reports:training-costs": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "reports:fee-basis": (
        "302 200 200 200 200 403 403 403 403 404",
        "302 200 200 200 200 403 403 403 403 404",
    ),
    "reports:annual-report": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "reports:period-follow-up": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "reports:annual-report-approval": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 403 403 403 403 403 403 404",
    ),
    # knowledge
    "knowledge:public-film": (
        "200 200 200 200 200 200 200 200 200 200",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    "knowledge:public-captions": (
        "302 302 302 302 302 302 302 302 302 302",
        "302 302 302 302 302 302 302 302 302 302",
    ),
    "knowledge:search": (
        "302 200 200 200 200 200 200 200 200 404",
        "302 200 200 200 200 200 200 200 200 404",
    ),
    "knowledge:film-list": (
        "302 200 200 200 200 200 200 200 200 404",
        "302 200 200 200 200 200 200 200 200 404",
    ),
    "knowledge:film-create": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "knowledge:film-detail": (
        "302 200 200 200 200 200 200 200 200 404",
        "302 200 200 200 200 200 200 200 200 404",
    ),
    "knowledge:film-edit": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "knowledge:film-publish": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 403 403 403 403 403 403 404",
    ),
    "knowledge:film-watched": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 403 403 403 403 302 302 302 302 404",
    ),
    "knowledge:film-captions": (
        "302 302 302 302 302 302 302 302 302 404",
        "302 302 302 302 302 302 302 302 302 404",
    ),
    "knowledge:my-catch-up": (
        "302 200 200 200 200 200 200 200 200 404",
        "302 200 200 200 200 200 200 200 200 404",
    ),
    "knowledge:newcomers": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "knowledge:newcomer-invite": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 403 403 403 403 403 403 404",
    ),
    "knowledge:handbook": (
        "302 200 200 200 200 200 200 200 200 404",
        "302 200 200 200 200 200 200 200 200 404",
    ),
    "knowledge:section-create": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 403 403 403 403 403 403 404",
    ),
    "knowledge:page-create": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "knowledge:page-detail": (
        "302 200 200 200 200 200 200 200 200 404",
        "302 200 200 200 200 200 200 200 200 404",
    ),
    "knowledge:page-edit": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "knowledge:page-history": (
        "302 200 200 200 200 200 200 200 200 404",
        "302 200 200 200 200 200 200 200 200 404",
    ),
    "knowledge:page-reviewed": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 403 403 403 403 403 403 404",
    ),
    # notifications
    "notifications:feed": (
        "200 200 200 200 200 200 200 200 200 200",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    "notifications:outbox": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "notifications:message-detail": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "notifications:message-calendar": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "notifications:message-resend": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 302 403 403 403 403 403 403 404",
    ),
    "notifications:template-list": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "notifications:template-edit": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    # other
    "set_language": (
        "302 302 302 302 302 302 302 302 302 302",
        "302 302 302 302 302 302 302 302 302 302",
    ),
    # admin
    "admin:index": (
        "302 302 302 302 302 302 302 302 302 200",
        "302 302 302 302 302 302 302 302 302 200",
    ),
    "admin:login": (
        "200 200 200 200 200 200 200 200 200 302",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    "admin:logout": (
        "302 302 302 302 302 302 302 302 302 405",
        "302 302 302 302 302 302 302 302 302 302",
    ),
    "admin:password_change": (
        "302 302 302 302 302 302 302 302 302 200",
        "302 302 302 302 302 302 302 302 302 200",
    ),
    "admin:password_change_done": (
        "302 302 302 302 302 302 302 302 302 200",
        "302 302 302 302 302 302 302 302 302 405",
    ),
    "admin:autocomplete": (
        "302 302 302 302 302 302 302 302 302 403",
        "302 302 302 302 302 302 302 302 302 405",
    ),
    "admin:jsi18n": (
        "302 302 302 302 302 302 302 302 302 200",
        "302 302 302 302 302 302 302 302 302 405",
    ),
    "admin:view_on_site": (
        "302 302 302 302 302 302 302 302 302 404",
        "302 302 302 302 302 302 302 302 302 404",
    ),
    "admin:*_changelist": (
        "302 302 302 302 302 302 302 302 302   -",
        "302 302 302 302 302 302 302 302 302   -",
    ),
    "admin:*_add": (
        "302 302 302 302 302 302 302 302 302   -",
        "302 302 302 302 302 302 302 302 302   -",
    ),
    "admin:*_history": (
        "302 302 302 302 302 302 302 302 302   -",
        "302 302 302 302 302 302 302 302 302   -",
    ),
    "admin:*_delete": (
        "302 302 302 302 302 302 302 302 302   -",
        "302 302 302 302 302 302 302 302 302   -",
    ),
    "admin:*_change": (
        "302 302 302 302 302 302 302 302 302   -",
        "302 302 302 302 302 302 302 302 302   -",
    ),
    "admin:admin/*/<path:object_id>/": (
        "302 302 302 302 302 302 302 302 302   -",
        "302 302 302 302 302 302 302 302 302   -",
    ),
    "admin:app_list": (
        "302 302 302 302 302 302 302 302 302 200",
        "302 302 302 302 302 302 302 302 302 200",
    ),
    "admin:admin/(?P<url>.*)$": (
        "302 302 302 302 302 302 302 302 302 404",
        "302 302 302 302 302 302 302 302 302 404",
    ),
}


def rule_for(key: str) -> dict[str, dict[str, int | None]] | None:
    """Return the expected answers of the address named ``key``, by method
    and identity, or None when the table has no row for it."""
    row = EXPECTED.get(key)
    if row is None:
        for pattern, candidate in EXPECTED.items():
            if "*" in pattern and fnmatch.fnmatchcase(key, pattern):
                row = candidate
                break
    if row is None:
        return None
    return {
        method: dict(
            zip(
                IDENTITIES,
                [None if a == "-" else int(a) for a in answers.split()],
                strict=True,
            )
        )
        for method, answers in zip(METHODS, row, strict=True)
    }


def routes() -> list[tuple[str, str, object]]:
    """Return (key, route, pattern) of every URL pattern of the resolver; the
    key is the URL name, or for an unnamed pattern its namespace and route."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns, prefix, namespace):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = (
                    f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                )
                yield from walk(entry.url_patterns, route, inner)
            elif isinstance(entry, URLPattern):
                yield f"{namespace}{entry.name or route}", route, entry

    return list(walk(get_resolver().url_patterns, "", ""))


MEANINGS = {
    200: "shown (or, for POST, the form shown again with its errors)",
    301: "moved for good (the favicon's old address)",
    302: "redirected: to the log-in page when not logged in, else onwards "
    "after the action",
    400: "refused as a bad request (an upload without a file)",
    403: "refused: the role does not allow it",
    404: "not found: the object or the organisation is not visible to them",
    405: "the method is not allowed on this address",
    "–": "not fixed here (anything but 500): the installation's administrator "
    "in Django's admin, where each model's admin decides",
}


def _address(route: str) -> str:
    """Return ``route`` as a reader writes an address: ``/o/{org_slug}/``."""
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", route)
    route = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
    return "/" + route.replace("^", "").replace("$", "")


def _answers(rule, method) -> str:
    return " | ".join(
        "–" if rule[method][code] is None else str(rule[method][code])
        for code in IDENTITIES
    )


def markdown(all_routes) -> str:
    """Return docs/permissions.md for ``all_routes`` (from ``routes()``)."""
    header = " | ".join(ABBREVIATIONS[code] for code in IDENTITIES)
    divider = "| --- | --- | --- |" + " --- |" * len(IDENTITIES)
    mixed_roles = " and ".join(IDENTITIES[role].lower() for role in MIXED_POST_ROLES)
    lines = [
        "# Who may do what",
        "",
        "Generated from `mandat/core/tests/permission_table.py` by "
        "`python -m mandat.core.tests.permission_table`; do not edit by hand.",
        "The test `mandat/core/tests/test_permission_matrix.py` fetches every "
        "address below with GET and POST (an empty form) as every identity and "
        "checks each answer against this table, so the table says what Mandat "
        "does. A new address fails that test until it has a row here.",
        "",
        "## Identities",
        "",
        "| column | who |",
        "| --- | --- |",
        *(f"| {ABBREVIATIONS[code]} | {label} |" for code, label in IDENTITIES.items()),
        "",
        "Every role but the second committee secretary also logs in as an "
        "account of **another organisation**. It gets 404 on every address "
        "under `/o/{org_slug}/` of this one, and elsewhere the answer of the "
        "same role here. It also opens its own organisation's addresses with "
        "this one's object ids in them (GET as every role, POST as "
        f"{mixed_roles}) and gets 403 or 404. Personal links (`/t/`, `/a/`, "
        "`/e/`, `/cal/`) act for the person they were sent to, whoever opens "
        "them; links whose token the test cannot make are tried forged.",
        "",
        "## Answers",
        "",
        "| answer | meaning |",
        "| --- | --- |",
        *(f"| {code} | {meaning} |" for code, meaning in MEANINGS.items()),
        "",
    ]
    sections: dict[str, list[str]] = {}
    admin_rows: dict[str, list[str]] = {}
    missing = []
    for key, route, _pattern in all_routes:
        rule = rule_for(key)
        if rule is None:
            missing.append(key)
            continue
        namespace = key.split(":")[0] if ":" in key else "other"
        if namespace == "admin":
            row = (
                key
                if key in EXPECTED
                else next(
                    p for p in EXPECTED if "*" in p and fnmatch.fnmatchcase(key, p)
                )
            )
            admin_rows.setdefault(row, []).append(route)
            continue
        for method in METHODS:
            sections.setdefault(namespace, []).append(
                f"| `{key}` | `{_address(route)}` | {method} | "
                f"{_answers(rule, method)} |"
            )
    for namespace, rows in sections.items():
        lines += [
            f"## {namespace}",
            "",
            f"| name | address | method | {header} |",
            divider,
            *rows,
            "",
        ]
    if admin_rows:
        lines += [
            "## admin (Django's admin site)",
            "",
            "A row with `*` stands for that address of every model. The admin "
            "site is the same for every account but the installation's, so "
            "accounts of another organisation do not try it again.",
            "",
            f"| name | address | method | {header} |",
            divider,
        ]
        for row, routes_of_row in admin_rows.items():
            rule = rule_for(row)
            if len(routes_of_row) > 1:
                where = f"{len(routes_of_row)} addresses"
            else:
                where = f"`{_address(routes_of_row[0])}`"
            for method in METHODS:
                lines.append(
                    f"| `{row}` | {where} | {method} | {_answers(rule, method)} |"
                )
        lines.append("")
    if missing:
        lines += ["## Without a row (the test fails)", ""]
        lines += [f"- `{key}`" for key in missing]
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    base_dir = Path(__file__).resolve().parents[3]
    sys.path.insert(0, str(base_dir))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "permission-table-only-" + "x" * 40)
    import django

    django.setup()
    target = base_dir / "docs" / "permissions.md"
    target.write_text(markdown(routes()), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
