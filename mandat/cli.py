"""The `mandat` command: Django's management commands plus `demo`, `serve` and
`worker`.

    mandat demo      migrate an SQLite database under ./var/, load the demo
                     organisation, start the web server and the worker
    mandat serve     the production web server (gunicorn)
    mandat worker    the background worker (Django tasks)
    mandat <command> any Django management command, e.g. `mandat migrate`
"""

import os
import secrets
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def _prepare_demo_environment() -> None:
    """Give the demo what production must be given: a secret key kept under
    ./var/, plain-HTTP cookies on 127.0.0.1, and e-mail written to files."""
    var_dir = Path(os.environ.setdefault("MANDAT_VAR_DIR", str(BASE_DIR / "var")))
    var_dir.mkdir(parents=True, exist_ok=True)
    key_file = var_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    os.environ.setdefault("SECRET_KEY", key_file.read_text().strip())
    os.environ.setdefault("SECURE_COOKIES", "false")
    os.environ.setdefault(
        "EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
    )
    os.environ.setdefault("EMAIL_FILE_PATH", str(var_dir / "mail"))
    os.environ.setdefault(
        "DEFAULT_FROM_EMAIL", "Mandat Exempelstad <mandat@exempelstad.example>"
    )


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if len(sys.argv) > 1 and sys.argv[1] == "demo":
        _prepare_demo_environment()
    var_dir = Path(os.environ.get("MANDAT_VAR_DIR", BASE_DIR / "var"))
    if os.environ.get("DATABASE_URL", "").startswith("sqlite") or not os.environ.get(
        "DATABASE_URL"
    ):
        var_dir.mkdir(parents=True, exist_ok=True)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
