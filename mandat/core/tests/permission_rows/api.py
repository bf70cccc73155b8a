"""Who may open the addresses of the REST API and its token page: rows of
the permission table (permission_table.py). The API answers only a token
(``mandat/api/tests/test_token_matrix.py`` tries every address with every
kind of token); a signed-in session is not one, so every identity here gets
401. The documentation and the schema are public."""

# Each row: (GET, POST), answers in the order of IDENTITIES:
#        anon adm coord sec sec2 steer elect lead off inst
NO_TOKEN = (
    "401 401 401 401 401 401 401 401 401 401",
    "401 401 401 401 401 401 401 401 401 401",
)
PUBLIC = (
    "200 200 200 200 200 200 200 200 200 200",
    "405 405 405 405 405 405 405 405 405 405",
)

ROWS: dict[str, tuple[str, str]] = {
    "api:schema": PUBLIC,
    "api:docs": PUBLIC,
    # Any other address under /api/: a JSON 404, whoever asks.
    "api:not-found": (
        "404 404 404 404 404 404 404 404 404 404",
        "404 404 404 404 404 404 404 404 404 404",
    ),
    "api:organisation": NO_TOKEN,
    "api:body-*": NO_TOKEN,
    "api:person-*": NO_TOKEN,
    "api:assignment-*": NO_TOKEN,
    "api:training-*": NO_TOKEN,
    "api:occasion-*": NO_TOKEN,
    "api:registration-*": NO_TOKEN,
    "api:attendance-*": NO_TOKEN,
    "api:annual-report-*": NO_TOKEN,
    "api:plan-*": NO_TOKEN,
    "api:meeting-*": NO_TOKEN,
    "api:agenda-item-*": NO_TOKEN,
    "api:action-item-*": NO_TOKEN,
    "api:questionnaire-*": NO_TOKEN,
    "api:token-list": (
        "302 200 403 403 403 403 403 403 403 404",
        "302 200 403 403 403 403 403 403 403 404",
    ),
    "api:token-revoke": (
        "302 405 405 405 405 405 405 405 405 404",
        "302 302 403 403 403 403 403 403 403 404",
    ),
}
