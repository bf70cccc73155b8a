"""The `mandat` command: Django's management commands plus `demo`, `serve` and
`worker`.

    mandat demo      migrate an SQLite database under ./var/, load the demo
                     organisation, start the web server and the worker
    mandat serve     the production web server (gunicorn)
    mandat worker    the background worker (Django tasks)
    mandat <command> any Django management command, e.g. `mandat migrate`

In a folder where `mandat demo` has run, every command uses the demo's
settings (its key under ./var/) unless the environment or .env gives a key or
a database of its own.
"""

import os
import secrets
import sys
from pathlib import Path

import environ

from mandat.core.translations import ensure_catalogues

BASE_DIR = Path(__file__).resolve().parent.parent


def _var_dir() -> Path:
    return Path(os.environ.get("MANDAT_VAR_DIR") or BASE_DIR / "var")


def _setdefault(name: str, value: str) -> str:
    """Set an environment variable unless it has a value; an empty one (a
    copied .env.example has ``NAME=``) counts as unset, as in the settings."""
    if not os.environ.get(name):
        os.environ[name] = value
    return os.environ[name]


def _is_demo_installation() -> bool:
    """Return whether this is a folder `mandat demo` made: its key file is
    under ./var/ and neither a key nor a database is configured. An
    installation that configures either is not a demo, so without a real
    SECRET_KEY it still refuses to start."""
    return (
        not os.environ.get("SECRET_KEY")
        and not os.environ.get("DATABASE_URL")
        and (_var_dir() / "secret_key").is_file()
    )


def _prepare_demo_environment() -> None:
    """Give the demo what production must be given: a secret key kept under
    ./var/, plain-HTTP cookies on 127.0.0.1, and e-mail written to files."""
    var_dir = Path(_setdefault("MANDAT_VAR_DIR", str(BASE_DIR / "var")))
    var_dir.mkdir(parents=True, exist_ok=True)
    key_file = var_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    _setdefault("SECRET_KEY", key_file.read_text().strip())
    _setdefault("SECURE_COOKIES", "false")
    _setdefault("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    _setdefault("EMAIL_FILE_PATH", str(var_dir / "mail"))
    _setdefault("DEFAULT_FROM_EMAIL", "Mandat Exempelstad <mandat@exempelstad.example>")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # The settings read .env too; read here first, a key or database given
    # there must decide whether this is a demo installation.
    if (BASE_DIR / ".env").is_file():
        environ.Env.read_env(BASE_DIR / ".env")
    if sys.argv[1:2] == ["demo"] or _is_demo_installation():
        _prepare_demo_environment()
    if os.environ.get("DATABASE_URL", "").startswith("sqlite") or not os.environ.get(
        "DATABASE_URL"
    ):
        _var_dir().mkdir(parents=True, exist_ok=True)

    # Before Django starts: it reads each catalogue once per process.
    ensure_catalogues()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
