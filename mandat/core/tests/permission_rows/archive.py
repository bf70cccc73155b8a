"""Who may take official documents out as E-ARK archive packages: rows of
the permission table (permission_table.py)."""

# Each row: (GET, POST), answers in the order of IDENTITIES:
#        anon adm coord sec sec2 steer elect lead off inst
ROWS: dict[str, tuple[str, str]] = {
    # The world's meeting has draft minutes: no package for those who keep
    # them (404), refused to members who only read them (403).
    "archive:minutes": (
        "302 404 404 404 404 403 404 404 403 404",
        "302 404 404 404 404 403 404 404 403 404",
    ),
    "archive:annual-report": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "archive:plan": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
}
