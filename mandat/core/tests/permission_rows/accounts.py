"""Who may open the addresses of accounts (log-in, log-in links, passwords,
settings, the roles page, invitations, new organisations, single sign-on):
rows of the permission table (permission_table.py)."""

# Each row: (GET, POST), answers in the order of IDENTITIES:
#        anon adm coord sec sec2 steer elect lead off inst
ROWS: dict[str, tuple[str, str]] = {
    "accounts:organisation-create": (
        "302 403 403 403 403 403 403 403 403 200",
        "302 403 403 403 403 403 403 403 403 200",
    ),
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
    # No organisation of the matrix has single sign-on: an address finds
    # none: the log-in page again, with the message at the field.
    "accounts:sso-find": (
        "405 405 405 405 405 405 405 405 405 405",
        "200 200 200 200 200 200 200 200 200 200",
    ),
    # ... and no log-in address.
    "accounts:sso-start": (
        "404 404 404 404 404 404 404 404 404 404",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    "accounts:sso-callback": (
        "404 404 404 404 404 404 404 404 404 404",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    # ... nor SAML: no metadata, and the consumer takes POSTs only.
    "accounts:saml-metadata": (
        "404 404 404 404 404 404 404 404 404 404",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    "accounts:saml-acs": (
        "405 405 405 405 405 405 405 405 405 405",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    "accounts:single-sign-on": (
        "302 200 403 403 403 403 403 403 403 404",
        "302 200 403 403 403 403 403 403 403 404",
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
}
