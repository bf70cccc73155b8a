"""Writers for accounts: roles given and taken, invitations, links by e-mail
to sign in or to choose a password, and the record of every sign-in.

One module per part:

roles  accounts, roles given and taken, settings, a new organisation
links  invitations, links by e-mail and their limits, sign-ins
sso    an organisation's single sign-on, and sign-ins through it
saml_metadata  a SAML provider's metadata read again from its address
"""

from .links import (
    ACCOUNT_LINK_KEPT,
    EVENT_OF_PURPOSE,
    LINK_REQUEST_KEPT,
    LINK_REQUEST_WINDOW,
    LinkInvalidError,
    TooManyRequestsError,
    account_links_prune,
    invitation_send,
    link_request_allowed,
    link_request_create,
    link_request_process,
    login_link_use,
    password_set_with_link,
    sign_in_record,
    user_never_used,
)
from .roles import (
    account_leave,
    membership_create,
    membership_delete,
    membership_give,
    organisation_onboard,
    user_get_or_create,
    user_update_settings,
)
from .saml_metadata import saml_metadata_refresh, saml_metadata_refresh_due
from .sso import SignOnRefusedError, single_sign_on_save, sso_sign_in

__all__ = [
    "ACCOUNT_LINK_KEPT",
    "EVENT_OF_PURPOSE",
    "LINK_REQUEST_KEPT",
    "LINK_REQUEST_WINDOW",
    "LinkInvalidError",
    "TooManyRequestsError",
    "account_leave",
    "account_links_prune",
    "invitation_send",
    "link_request_allowed",
    "link_request_create",
    "link_request_process",
    "login_link_use",
    "membership_create",
    "membership_delete",
    "membership_give",
    "user_never_used",
    "organisation_onboard",
    "password_set_with_link",
    "saml_metadata_refresh",
    "saml_metadata_refresh_due",
    "sign_in_record",
    "SignOnRefusedError",
    "single_sign_on_save",
    "sso_sign_in",
    "user_get_or_create",
    "user_update_settings",
]
