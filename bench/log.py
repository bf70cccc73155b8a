"""The log of `make bench`: a line per step, with the time of day."""

import datetime


def log(text: str) -> None:
    """Print ``text`` after the time of day, at once."""
    stamp = datetime.datetime.now().strftime("%H:%M:%S")
    print(f"[{stamp}] {text}", flush=True)
