"""Where uploaded files are stored and the name they are downloaded under.

A stored file is ``<folder>/<8 hex digits>-<original name>``: the random
part keeps two uploads of "program.pdf" apart, and hex digits contain no
"-", so the original name is everything after the first "-"."""

import secrets


def stored_path(folder: str, filename: str) -> str:
    return f"{folder}/{secrets.token_hex(4)}-{filename}"


def original_name(path: str) -> str:
    """The name the file was uploaded with."""
    return path.rsplit("/", 1)[-1].split("-", 1)[-1]
