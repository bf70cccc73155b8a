"""Who may open core's own addresses (the audit trail, the accessibility
statement, /healthz, the favicon) and Django's language switch
(``set_language``, "other" in docs/permissions.md): rows of the permission
table (permission_table.py)."""

# Each row: (GET, POST), answers in the order of IDENTITIES:
#        anon adm coord sec sec2 steer elect lead off inst
ROWS: dict[str, tuple[str, str]] = {
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
    "set_language": (
        "302 302 302 302 302 302 302 302 302 302",
        "302 302 302 302 302 302 302 302 302 302",
    ),
}
