"""Who may open the addresses of evaluations (questionnaires, their
questions, answers and results, the needs list): rows of the permission table
(permission_table.py)."""

# Each row: (GET, POST), answers in the order of IDENTITIES:
#        anon adm coord sec sec2 steer elect lead off inst
ROWS: dict[str, tuple[str, str]] = {
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
}
