"""Who may open the addresses of reports (costs and budgets, the fee basis,
the annual report, the mandate-period follow-up, recording a past year): rows
of the permission table (permission_table.py)."""

# Each row: (GET, POST), answers in the order of IDENTITIES:
#        anon adm coord sec sec2 steer elect lead off inst
ROWS: dict[str, tuple[str, str]] = {
    "reports:history": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 200 200 403 403 403 403 403 403 404",
    ),
    "reports:history-template": (
        "302 200 200 403 403 403 403 403 403 404",
        "302 405 405 405 405 405 405 405 405 404",
    ),
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
}
