"""Writers for a SAML provider's metadata read from its address: again
every night, so that a new signing certificate the provider publishes
before it starts signing with it is known in time (Entra ID announces
its rollover in its metadata)."""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from mandat.core.services import audit_updated

from .. import saml
from ..models import SingleSignOn

logger = logging.getLogger(__name__)


@transaction.atomic
def saml_metadata_refresh(*, config: SingleSignOn) -> str:
    """Read the provider's metadata from its address again; take it when it
    changed and still describes the same provider. Return "unchanged",
    "refreshed" or why it was not taken (then the metadata stays as it was)."""
    config = SingleSignOn.objects.select_for_update().get(pk=config.pk)
    try:
        metadata = saml.metadata_fetch(config.idp_metadata_url).strip()
        entity_id = saml.idp_entity_id(metadata)
    except saml.SignOnProtocolError as error:
        logger.warning("SAML metadata of %s not read: %s", config.organisation, error)
        return f"failed: {error}"
    if entity_id != config.idp_entity_id:
        logger.warning(
            "SAML metadata of %s names another provider (%s); not taken",
            config.organisation,
            entity_id,
        )
        return "failed: another provider"
    if metadata == config.idp_metadata:
        return "unchanged"
    config.idp_metadata = metadata
    config.save(update_fields=["idp_metadata", "updated_at"])
    audit_updated(
        None,
        config,
        message=_("metadata read anew from %(url)s") % {"url": config.idp_metadata_url},
    )
    return "refreshed"


def saml_metadata_refresh_due() -> str:
    """The worker's tick, once a day: read every SAML provider's metadata
    that has an address again; return what happened."""
    outcomes: dict[str, int] = {}
    configs = SingleSignOn.objects.select_related("organisation").filter(
        enabled=True, protocol=SingleSignOn.Protocol.SAML
    )
    for config in configs.exclude(idp_metadata_url=""):
        outcome = saml_metadata_refresh(config=config).split(":")[0]
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return ", ".join(f"{count} {what}" for what, count in sorted(outcomes.items()))
