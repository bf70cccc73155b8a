"""Who may open the portal's addresses (the start page and the overview):
rows of the permission table (permission_table.py)."""

# Each row: (GET, POST), answers in the order of IDENTITIES:
#        anon adm coord sec sec2 steer elect lead off inst
ROWS: dict[str, tuple[str, str]] = {
    "portal:home": (
        "302 302 302 302 302 302 302 302 302 200",
        "302 302 302 302 302 302 302 302 302 200",
    ),
    "portal:dashboard": (
        "302 200 200 200 200 200 200 200 200 404",
        "302 200 200 200 200 200 200 200 200 404",
    ),
}
