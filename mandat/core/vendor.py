"""Vendored front-end files: fetched from the npm registry at pinned versions,
committed, and checked by hash. Run `make vendor` to fetch them again."""

import base64
import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from pathlib import Path
from typing import TypedDict

BASE_DIR = Path(__file__).resolve().parent.parent.parent
MANIFEST = BASE_DIR / "static" / "vendor" / "vendor.json"
REGISTRY = "https://registry.npmjs.org"


class VendoredFile(TypedDict):
    """One file of static/vendor/vendor.json."""

    package: str
    version: str
    source: str
    dest: str
    sha256: str


class Manifest(TypedDict):
    comment: str
    files: list[VendoredFile]


def manifest() -> Manifest:
    data: Manifest = json.loads(MANIFEST.read_text())
    return data


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch_all() -> None:
    """Download every listed file, verify it against the registry's integrity
    hash, write it and record its sha256 in the manifest."""
    data = manifest()
    for entry in data["files"]:
        url = f"{REGISTRY}/{entry['package']}/{entry['version']}"
        with urllib.request.urlopen(url, timeout=60) as response:
            meta = json.load(response)
        with urllib.request.urlopen(meta["dist"]["tarball"], timeout=120) as response:
            tarball = response.read()
        algorithm, _, expected = meta["dist"]["integrity"].partition("-")
        digest = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
        if digest != expected:
            raise SystemExit(f"{entry['package']}: integrity check failed")
        with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
            member = archive.extractfile(entry["source"])
            if member is None:  # a folder or a link, not a file
                raise SystemExit(f"{entry['package']}: {entry['source']} is no file")
            content = member.read()
        dest = BASE_DIR / entry["dest"]
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(content)
        entry["sha256"] = sha256_of(dest)
        print(f"{entry['package']}@{entry['version']} -> {entry['dest']}")
    MANIFEST.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if "--fetch" in sys.argv:
        fetch_all()
