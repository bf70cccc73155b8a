"""Who may open the addresses of privacy (a person's register extract,
anonymising a person, the record of processing, the retention log): rows
of the permission table (permission_table.py)."""

# Each row: (GET, POST), answers in the order of IDENTITIES:
#        anon adm coord sec sec2 steer elect lead off inst
ROWS: dict[str, tuple[str, str]] = {
    "privacy:person-extract": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    # The world's person still sits: the administrator's POST is refused
    # with a message on the person's page.
    "privacy:person-anonymise": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 403 403 403 403 403 403 403 404",
    ),
    "privacy:processing": (
        "302 200 403 403 403 403 403 403 403 404",
        "302 200 403 403 403 403 403 403 403 404",
    ),
    "privacy:retention-list": (
        "302 200 403 403 403 403 403 403 403 404",
        "302 200 403 403 403 403 403 403 403 404",
    ),
}
