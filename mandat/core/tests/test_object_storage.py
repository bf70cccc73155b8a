"""Uploaded documents in an S3-compatible object store, as several machines
share them: a real S3 server (moto's) on loopback, the storage that
config/settings.py builds from the STORAGE_* variables, and every way a
document goes in and out through Mandat's pages: uploaded, downloaded under
its own name, attached to a notice as the SMTP server received it, removed
when the removal commits. Objects are private, and neither a page nor an
e-mail carries the store's address."""

import datetime
import email
import email.policy
import logging
import runpy
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import boto3
import pytest
from botocore.exceptions import ClientError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mandat.core.uploads import original_name
from mandat.knowledge import services as knowledge_services
from mandat.meetings import services as meeting_services
from mandat.meetings.models import MeetingDocument
from mandat.meetings.tests.factories import at, steering_group
from mandat.testing.received import free_port
from mandat.trainings.tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db

SETTINGS_FILE = Path(__file__).resolve().parents[3] / "config" / "settings.py"
REGION = "eu-north-1"
ACCESS_KEY, SECRET_KEY = "mandat-test", "mandat-test-secret"
PDF = b"%PDF-1.7\n" + b"Styrgruppens handling. " * 200
NAME = "Årsrapport 2026 – utkast.pdf"
VTT = b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nV\xc3\xa4lkomna.\n"


@pytest.fixture(scope="module")
def s3_endpoint():
    """moto's S3 server in a thread of this process, on loopback."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per request
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@dataclass
class Store:
    endpoint: str
    bucket: str
    client: object

    def body(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()

    def has(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=key)
        except ClientError as error:
            assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 404
            return False
        return True

    def keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.bucket)
        return [entry["Key"] for entry in listing.get("Contents", [])]

    def anonymous_get(self, key: str) -> int:
        return anonymous_status(f"{self.endpoint}/{self.bucket}/{quote(key)}")


def anonymous_status(url: str) -> int:
    """The status of a GET without credentials, as a browser would send."""
    try:
        with urllib.request.urlopen(url) as response:
            return response.status
    except urllib.error.HTTPError as error:
        with error:
            return error.code


def storages_from_environment(monkeypatch, **variables) -> dict:
    """STORAGES as config/settings.py makes it from these variables."""
    for name in ("STORAGE_BUCKET", "STORAGE_ENCRYPTION", "STORAGE_PRIVATE_ACL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))["STORAGES"]


@pytest.fixture
def object_store(s3_endpoint, settings, monkeypatch) -> Store:
    """A new bucket on the server, and Mandat's default storage pointed at it
    by the STORAGE_* variables."""
    bucket = f"mandat-{secrets.token_hex(6)}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )
    client.create_bucket(
        Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION}
    )
    storages = storages_from_environment(
        monkeypatch,
        STORAGE_BUCKET=bucket,
        STORAGE_ENDPOINT_URL=s3_endpoint,
        STORAGE_REGION=REGION,
        STORAGE_ACCESS_KEY=ACCESS_KEY,
        STORAGE_SECRET_KEY=SECRET_KEY,
        STORAGE_ADDRESSING_STYLE="path",
    )
    # Django's setting_changed handler forgets the storages it built, so
    # default_storage and every FileField use the bucket from here on.
    settings.STORAGES = {**settings.STORAGES, "default": storages["default"]}
    assert default_storage.bucket_name == bucket
    return Store(endpoint=s3_endpoint, bucket=bucket, client=client)


def download_name(response) -> str:
    """The file name a mail program's strict RFC 2231 parser reads from the
    download's Content-Disposition."""
    header = email.message_from_string(
        f"Content-Disposition: {response['Content-Disposition']}\n\n",
        policy=email.policy.default,
    )
    assert header.get_content_disposition() == "attachment"
    return header.get_filename()


def downloaded(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def assert_no_store_address(store: Store, *texts) -> None:
    host = store.endpoint.removeprefix("http://")
    for text in texts:
        text = text if isinstance(text, str) else text.decode("utf-8", "replace")
        assert host not in text
        assert store.bucket not in text
        assert "X-Amz-" not in text and "AWSAccessKeyId" not in text


# The settings ----------------------------------------------------------------


def test_without_a_bucket_documents_stay_on_the_file_system(monkeypatch):
    storages = storages_from_environment(monkeypatch, STORAGE_BUCKET="")

    assert storages["default"] == {
        "BACKEND": "mandat.core.uploads.UploadFileSystemStorage"
    }


def test_a_bucket_gives_private_objects_and_no_links(monkeypatch):
    storages = storages_from_environment(
        monkeypatch, STORAGE_BUCKET="mandat-dokument", STORAGE_ENDPOINT_URL=""
    )

    default = storages["default"]
    assert default["BACKEND"] == "mandat.core.object_storage.UploadS3Storage"
    options = default["OPTIONS"]
    assert options["bucket_name"] == "mandat-dokument"
    assert options["endpoint_url"] is None  # empty means AWS itself
    assert options["default_acl"] == "private"
    assert options["querystring_auth"] is False
    assert options["file_overwrite"] is False
    assert options["object_parameters"] == {}
    assert storages["staticfiles"]["BACKEND"].endswith("StaticFilesStorage")


def test_encryption_at_rest_is_asked_of_the_store(object_store, settings, monkeypatch):
    storages = storages_from_environment(
        monkeypatch,
        STORAGE_BUCKET=object_store.bucket,
        STORAGE_ENDPOINT_URL=object_store.endpoint,
        STORAGE_REGION=REGION,
        STORAGE_ACCESS_KEY=ACCESS_KEY,
        STORAGE_SECRET_KEY=SECRET_KEY,
        STORAGE_ADDRESSING_STYLE="path",
        STORAGE_ENCRYPTION="AES256",
    )
    settings.STORAGES = {**settings.STORAGES, "default": storages["default"]}

    name = default_storage.save("trainings/1/abcd1234-program.pdf", ContentFile(PDF))

    head = object_store.client.head_object(Bucket=object_store.bucket, Key=name)
    assert head["ServerSideEncryption"] == "AES256"


# Training documents ----------------------------------------------------------------


def test_a_training_document_is_stored_in_the_bucket_and_downloaded_through_mandat(
    object_store, coordinator_client, organisation, settings
):
    training = TrainingFactory(organisation=organisation)

    response = coordinator_client.post(
        reverse("trainings:document-upload", args=[organisation.slug, training.pk]),
        {"title": "Program", "file": SimpleUploadedFile(NAME, PDF)},
    )

    assert response.status_code == 302
    document = training.documents.get()
    key = document.file.name
    assert key.startswith(f"trainings/{training.pk}/")
    assert original_name(key) == NAME
    assert object_store.keys() == [key]
    assert object_store.body(key) == PDF
    assert not any(Path(settings.MEDIA_ROOT).rglob("*utkast*"))  # nothing local
    assert object_store.anonymous_get(key) == 403
    page = coordinator_client.get(
        reverse("trainings:training-detail", args=[organisation.slug, training.pk])
    )
    assert page.status_code == 200
    assert_no_store_address(object_store, page.content)

    download = coordinator_client.get(
        reverse("trainings:document-download", args=[organisation.slug, document.pk])
    )

    assert downloaded(download) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert int(download["Content-Length"]) == len(PDF)
    assert download_name(download) == NAME
    # An object the store lost is a 404, not a 500.
    object_store.client.delete_object(Bucket=object_store.bucket, Key=key)
    lost = coordinator_client.get(
        reverse("trainings:document-download", args=[organisation.slug, document.pk])
    )
    assert lost.status_code == 404


def test_the_file_system_keeps_the_uploaded_name_too(
    coordinator_client, organisation, settings
):
    training = TrainingFactory(organisation=organisation)

    coordinator_client.post(
        reverse("trainings:document-upload", args=[organisation.slug, training.pk]),
        {"title": "Program", "file": SimpleUploadedFile(NAME, PDF)},
    )

    document = training.documents.get()
    assert (Path(settings.MEDIA_ROOT) / document.file.name).read_bytes() == PDF
    download = coordinator_client.get(
        reverse("trainings:document-download", args=[organisation.slug, document.pk])
    )
    assert downloaded(download) == PDF
    assert download_name(download) == NAME


# Meeting documents -----------------------------------------------------------------


@pytest.fixture
def meeting(organisation, coordinator):
    return meeting_services.meeting_create(
        actor=coordinator,
        group=steering_group(organisation),
        starts_at=at(f"{timezone.localdate().year + 1}-05-14", "08:30"),
        ends_at=at(f"{timezone.localdate().year + 1}-05-14", "12:00"),
        location="Lokal Vargö",
    )


def _upload_to_meeting(client, meeting, name=NAME, content=PDF) -> MeetingDocument:
    response = client.post(
        reverse("meetings:document-add", args=[meeting.organisation.slug, meeting.pk]),
        {
            "document-title": "Årsrapport",
            "document-file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 302
    return meeting.documents.get(file__endswith=name)


def test_a_meeting_document_goes_with_the_notice_from_the_bucket(
    object_store,
    coordinator_client,
    meeting,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    slug = meeting.organisation.slug
    document = _upload_to_meeting(coordinator_client, meeting)
    assert object_store.body(document.file.name) == PDF
    download = coordinator_client.get(
        reverse("meetings:document-download", args=[slug, meeting.pk, document.pk])
    )
    assert downloaded(download) == PDF
    assert download_name(download) == NAME
    preview = coordinator_client.get(
        reverse("meetings:notice", args=[slug, meeting.pk])
    )
    detail = coordinator_client.get(
        reverse("meetings:meeting-detail", args=[slug, meeting.pk])
    )
    assert preview.status_code == detail.status_code == 200
    assert_no_store_address(object_store, preview.content, detail.content)

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("meetings:notice", args=[slug, meeting.pk])
        )

    assert response.status_code == 302
    member = meeting.group.body.assignments.filter(role="ordforande").get().person
    [mail] = [mail for to, mail in smtp_server.messages if member.email in to]
    attachments = {
        part.get_filename(): part.get_content()
        for part in mail.iter_attachments()
        if part.get_content_type() == "application/pdf"
    }
    assert attachments == {NAME: PDF}
    assert_no_store_address(object_store, mail.as_string())


def test_a_removed_meeting_document_leaves_the_bucket_when_the_removal_commits(
    object_store,
    coordinator,
    coordinator_client,
    meeting,
    django_capture_on_commit_callbacks,
):
    slug = meeting.organisation.slug
    kept = _upload_to_meeting(coordinator_client, meeting, name="kvar.pdf")
    document = _upload_to_meeting(coordinator_client, meeting)
    key = document.file.name
    # A removal that is rolled back keeps the object with its row.
    with pytest.raises(RuntimeError), transaction.atomic():
        meeting_services.document_remove(
            actor=coordinator, document=MeetingDocument.objects.get(pk=document.pk)
        )
        raise RuntimeError("something later in the same change fails")
    assert object_store.has(key)

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("meetings:document-remove", args=[slug, meeting.pk, document.pk])
        )

    assert response.status_code == 302
    assert not MeetingDocument.objects.filter(pk=document.pk).exists()
    assert not object_store.has(key)
    assert object_store.keys() == [kept.file.name]
    gone = coordinator_client.get(
        reverse("meetings:document-download", args=[slug, meeting.pk, document.pk])
    )
    assert gone.status_code == 404


# Other uploads: an approval's file and a film's captions -----------------------


def test_an_approval_file_and_film_captions_come_from_the_bucket(
    object_store, coordinator, coordinator_client, organisation
):
    group = steering_group(organisation, members=3)
    approval = meeting_services.approval_request_create(
        actor=coordinator,
        group=group,
        title="Årsrapport 2026",
        deadline=timezone.now() + datetime.timedelta(days=7),
        upload=SimpleUploadedFile(NAME, PDF),
    )
    film = knowledge_services.film_save(
        actor=coordinator,
        organisation=organisation,
        title="Kommunallagen",
        video_url="https://www.youtube.com/watch?v=abcdefghijk",
        captions=SimpleUploadedFile("kommunallagen.vtt", VTT),
    )
    assert sorted(object_store.keys()) == sorted(
        [approval.file.name, film.captions.name]
    )
    assert object_store.anonymous_get(approval.file.name) == 403
    answer = approval.answers.first()

    by_coordinator = coordinator_client.get(
        reverse("meetings:approval-document", args=[organisation.slug, approval.pk])
    )
    by_link = Client().get(
        reverse("meetings:approval-answer-document", args=[answer.token])
    )
    captions = coordinator_client.get(
        reverse("knowledge:film-captions", args=[organisation.slug, film.pk])
    )

    assert downloaded(by_coordinator) == downloaded(by_link) == PDF
    assert download_name(by_link) == NAME
    assert captions.status_code == 200
    assert captions.content == VTT
    pages = [
        coordinator_client.get(
            reverse("meetings:approval-detail", args=[organisation.slug, approval.pk])
        ),
        Client().get(reverse("meetings:approval-answer", args=[answer.token])),
        coordinator_client.get(
            reverse("knowledge:film-detail", args=[organisation.slug, film.pk])
        ),
    ]
    assert [page.status_code for page in pages] == [200, 200, 200]
    assert_no_store_address(object_store, *(page.content for page in pages))


# Privacy of the bucket -------------------------------------------------------------


def test_objects_are_private_even_at_the_address_the_storage_would_give(
    object_store,
):
    name = default_storage.save(
        "meetings/1/abcd1234-protokoll.pdf", ContentFile(PDF, name="protokoll.pdf")
    )
    url = default_storage.url(name)
    grants = object_store.client.get_object_acl(Bucket=object_store.bucket, Key=name)
    # The same server does serve an object someone made public: the 403s
    # below are the ACL Mandat gives, not a server that refuses everyone.
    object_store.client.put_object(
        Bucket=object_store.bucket, Key="public.txt", Body=b"x", ACL="public-read"
    )

    assert "Signature" not in url and "X-Amz-" not in url  # no signed link
    assert object_store.anonymous_get(name) == 403
    assert anonymous_status(url) == 403
    assert [
        grant["Permission"]
        for grant in grants["Grants"]
        if grant["Grantee"].get("URI", "").endswith("/AllUsers")
    ] == []
    assert object_store.anonymous_get("public.txt") == 200
