"""Writers for the people who lead an occasion (course leaders, speakers,
moderators) and for the documents of a training."""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from mandat.core.exceptions import ApplicationError
from mandat.core.services import Actor, actor_user, audit_created, audit_deleted
from mandat.directory.models import Person

from ..models import (
    Contributor,
    Occasion,
    Training,
    TrainingDocument,
)

# Contributors and documents -----------------------------------------------------


@transaction.atomic
def contributor_add(
    *, actor: Actor, occasion: Occasion, person: Person, role: str
) -> Contributor:
    """Make someone course leader, speaker or moderator of an occasion."""
    if person.organisation_id != occasion.organisation_id:
        raise ApplicationError(
            _("The person belongs to another organisation."), field="person"
        )
    contributor, created = Contributor.objects.get_or_create(
        occasion=occasion, person=person, role=role
    )
    if created:
        audit_created(actor, contributor, organisation=occasion.organisation)
    return contributor


@transaction.atomic
def document_add(
    *,
    actor: Actor,
    training: Training,
    title: str,
    upload: UploadedFile,
    content_type: str,
) -> TrainingDocument:
    """Attach a checked document (see core.documents.check_upload) to a training."""
    document = TrainingDocument.objects.create(
        training=training,
        title=title,
        file=upload,
        content_type=content_type,
        size=upload.size or 0,  # an upload always has its size (check_upload)
        uploaded_by=actor_user(actor),
    )
    audit_created(actor, document, organisation=training.organisation)
    return document


@transaction.atomic
def contributor_remove(*, actor: Actor, contributor: Contributor) -> None:
    audit_deleted(actor, contributor, organisation=contributor.occasion.organisation)
    contributor.delete()
