"""Uploaded file names are shortened safely: any name the browser sends is
stored, with its extension, and downloads under a readable name."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from mandat.core.uploads import original_name, safe_name, stored_path
from mandat.trainings.tests.factories import TrainingFactory


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("program.pdf", "program.pdf"),
        ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
        ("😀" * 100 + ".docx", "😀" * 48 + ".docx"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\anna\\rapport.pdf", "rapport.pdf"),
        ("rapp\x00ort\u202egpj.exe", "rapportgpj.exe"),
        (".bashrc", "bashrc"),
        ("", "fil"),
        ("namn." + "x" * 40, "namn." + "x" * 40),
    ],
)
def test_a_file_name_is_shortened_keeping_its_extension(name, expected):
    assert safe_name(name) == expected


@given(st.text(max_size=400))
def test_any_file_name_fits_every_file_system_and_the_column(name):
    path = stored_path("meetings/12345", name)

    assert len(path) <= 300 - 8  # room for a storage's own suffix
    assert len(path.rsplit("/", 1)[-1].encode("utf-8")) <= 255 - 8
    assert path.startswith("meetings/12345/")
    assert "\x00" not in path
    assert original_name(path) == safe_name(name)


@pytest.mark.django_db
def test_a_document_with_a_300_character_name_is_stored(
    coordinator_client, organisation
):
    training = TrainingFactory(organisation=organisation)
    name = "Program för utbildningsdagen " + "x" * 280 + ".pdf"

    response = coordinator_client.post(
        reverse("trainings:document-upload", args=[organisation.slug, training.pk]),
        {"title": "Program", "file": SimpleUploadedFile(name, b"%PDF-1.7 ok")},
    )

    assert response.status_code == 302
    document = training.documents.get()
    assert original_name(document.file.name).startswith("Program")
    assert original_name(document.file.name).endswith(".pdf")
