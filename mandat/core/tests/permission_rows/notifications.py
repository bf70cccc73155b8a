"""Who may open the addresses of notifications (the outbox and its messages,
the coordinator's message texts, the calendar feed): rows of the permission
table (permission_table.py)."""

# Each row: (GET, POST), answers in the order of IDENTITIES:
#        anon adm coord sec sec2 steer elect lead off inst
ROWS: dict[str, tuple[str, str]] = {
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
}
