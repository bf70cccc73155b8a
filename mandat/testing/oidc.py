"""Start the test OpenID Connect provider (``mandat/testing/oidc_provider``)
as a process of its own on 127.0.0.1, with its own SQLite file in a
temporary folder and an RS256 key made at start."""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from .received import free_port

PASSWORD = "idp-lösenord-123"
SETTINGS = "mandat.testing.oidc_provider.settings"
# The checkout this module is in, whichever one the virtualenv installed.
SOURCE = Path(__file__).resolve().parent.parent.parent


@dataclass
class ProviderUser:
    username: str
    email: str
    first_name: str
    last_name: str
    verified: bool = True

    @property
    def spec(self) -> str:
        flags = "" if self.verified else ":unverified"
        parts = (self.username, PASSWORD, self.email, self.first_name, self.last_name)
        return ":".join(parts) + flags


@dataclass
class OidcProvider:
    issuer: str
    client_id: str
    client_secret: str
    subjects: dict[str, str] = field(default_factory=dict)
    password: str = PASSWORD


def _rsa_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def process_stop(process: subprocess.Popen) -> None:
    """Stop a provider's process: asked, then made to."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    """Wait until the provider's process answers on ``port``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The provider stopped: {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("The provider did not start in time.")


@contextmanager
def oidc_provider_running(
    *, redirect_uris: list[str], users: list[ProviderUser]
) -> Iterator[OidcProvider]:
    """Run the provider until the block ends; yield its issuer and Mandat's
    client id and secret there."""
    folder = Path(tempfile.mkdtemp(prefix="mandat-oidc-provider-"))
    port = free_port()
    issuer = f"http://127.0.0.1:{port}/o"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "OIDC_PROVIDER_SECRET_KEY": secrets.token_urlsafe(40),
        "OIDC_PROVIDER_DATABASE": str(folder / "provider.sqlite3"),
        "OIDC_PROVIDER_RSA_KEY": _rsa_key(),
        "OIDC_PROVIDER_ISSUER": issuer,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(SOURCE), os.environ.get("PYTHONPATH", "")])
        ),
        "PYTHONWARNINGS": "ignore",
    }
    django = [sys.executable, "-m", "django"]
    process = None
    try:
        subprocess.run([*django, "migrate", "-v", "0"], env=env, check=True, cwd=folder)
        setup = [*django, "provider_setup"]
        for uri in redirect_uris:
            setup += ["--redirect-uri", uri]
        for user in users:
            setup += ["--user", user.spec]
        out = subprocess.run(
            setup, env=env, check=True, cwd=folder, capture_output=True, text=True
        ).stdout
        client = json.loads(out)
        process = subprocess.Popen(
            [*django, "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
            env=env,
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(port, process)
        yield OidcProvider(
            issuer=issuer,
            client_id=client["client_id"],
            client_secret=client["client_secret"],
            subjects=client["subjects"],
        )
    finally:
        if process is not None:
            process_stop(process)
        shutil.rmtree(folder, ignore_errors=True)
