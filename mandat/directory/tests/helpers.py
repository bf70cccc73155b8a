"""Building register files for import tests."""

import csv
import io

from openpyxl import Workbook

HEADERS = [
    "Register-id",
    "Förnamn",
    "Efternamn",
    "E-post",
    "Kön",
    "Typ",
    "Skyddad identitet",
    "Organ",
    "Roll",
    "Parti",
    "Från",
    "Till",
    "Ersättarordning",
]


def register_row(**values) -> dict:
    row = {
        "Register-id": "",
        "Förnamn": "Anna",
        "Efternamn": "Exempel",
        "E-post": "",
        "Kön": "kvinna",
        "Typ": "förtroendevald",
        "Skyddad identitet": "nej",
        "Organ": "Socialnämnden",
        "Roll": "ledamot",
        "Parti": "S",
        "Från": "2023-01-01",
        "Till": "",
        "Ersättarordning": "",
    }
    row.update(values)
    return row


def xlsx_bytes(rows: list[dict], headers=HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header, "") for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[dict], headers=HEADERS, encoding="utf-8", delimiter=";"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(header, "") for header in headers])
    return buffer.getvalue().encode(encoding)
