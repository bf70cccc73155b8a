"""An integration with Mandat's REST API, written from its documentation
(/api/v1/docs/) with nothing but Python's standard library: create a
training with an occasion, register people from the directory, record who
came, and fetch the year's annual report.

    MANDAT_URL=https://mandat.example.se MANDAT_TOKEN=mandat_… \\
        python docs/examples/api_integration.py

It prints what it did, one line a step, and exits with 1 on a refusal."""

import datetime
import json
import os
import sys
import urllib.error
import urllib.request

BASE = os.environ.get("MANDAT_URL", "http://127.0.0.1:8000").rstrip("/")
TOKEN = os.environ["MANDAT_TOKEN"]


def call(method: str, path: str, data: dict | None = None) -> dict:
    request = urllib.request.Request(
        f"{BASE}/api/v1/{path}",
        method=method,
        data=json.dumps(data).encode() if data is not None else None,
        headers={
            "Authorization": f"Bearer {TOKEN}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        print(f"{method} {path}: {error.code} {error.read().decode()}")
        sys.exit(1)


def every(path: str) -> list[dict]:
    """All results of a list, page after page."""
    results, page = [], 1
    while True:
        answer = call("GET", f"{path}{'&' if '?' in path else '?'}page={page}")
        results += answer["results"]
        if not answer["next"]:
            return results
        page += 1


def main() -> None:
    organisation = call("GET", "organisation/")
    print(f"Organisation: {organisation['name']}")

    training = call(
        "POST",
        "trainings/",
        {"title": "Introduktion för nya förtroendevalda", "description": "Grunderna."},
    )
    print(f"Training {training['id']}: {training['title']} ({training['status']})")

    # Held last week: registrations on someone's behalf and attendance can
    # be recorded afterwards, as the coordinator does after the day.
    day = datetime.datetime.now().astimezone() - datetime.timedelta(days=7)
    start = day.replace(hour=9, minute=0, second=0, microsecond=0)
    occasion = call(
        "POST",
        "occasions/",
        {
            "training": training["id"],
            "format": "on_site",
            "location": "Sessionssalen",
            "capacity": 30,
            "sessions": [
                {
                    "label": "",
                    "starts_at": start.isoformat(),
                    "ends_at": (start + datetime.timedelta(hours=3)).isoformat(),
                }
            ],
        },
    )
    session = occasion["sessions"][0]
    print(f"Occasion {occasion['id']} on {session['starts_at']}")

    people = [
        person
        for person in every("people/?kind=elected")
        if not person["protected_identity"]
    ][:3]
    for person in people:
        registration = call(
            "POST",
            "registrations/",
            {"occasion": occasion["id"], "person": person["id"]},
        )
        call(
            "POST",
            "attendance/",
            {
                "registration": registration["id"],
                "session": session["id"],
                "status": "attended",
            },
        )
        print(f"{person['first_name']} {person['last_name']}: registered, attended")

    report = call("GET", f"reports/annual/{start.year}/")
    print(f"Annual report {start.year}: {len(json.dumps(report))} characters")


if __name__ == "__main__":
    main()
