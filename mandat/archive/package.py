"""An E-ARK submission information package (SIP, CSIP 2.1.0): the
documents as PDF/A in one representation, Mandat's metadata about them as
JSON (``metadata/descriptive/mandat.json``, described in docs/archive.md),
PREMIS preservation metadata, and a METS file for the package and one for
the representation, every file with its size and SHA-256. Written as a ZIP
whose one folder is the package, named by its identifier."""

import datetime
import hashlib
import io
import json
import mimetypes
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import uuid4

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from lxml import etree
from lxml.builder import ElementMaker

METS_NS = "http://www.loc.gov/METS/"
XLINK_NS = "http://www.w3.org/1999/xlink"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
CSIP_NS = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
SIP_NS = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
PREMIS_NS = "http://www.loc.gov/premis/v3"
NSMAP = {
    "mets": METS_NS,
    "xlink": XLINK_NS,
    "xsi": XSI_NS,
    "csip": CSIP_NS,
    "sip": SIP_NS,
}
SCHEMA_LOCATION = (
    f"{METS_NS} http://www.loc.gov/standards/mets/mets.xsd "
    f"{XLINK_NS} http://www.loc.gov/standards/xlink/xlink.xsd "
    f"{CSIP_NS} https://earkcsip.dilcis.eu/schema/DILCISExtensionMETS.xsd "
    f"{SIP_NS} https://earksip.dilcis.eu/schema/DILCISExtensionSIPMETS.xsd"
)
SIP_PROFILE = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
CSIP_PROFILE = "https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml"
REPRESENTATION = "rep1"

M = ElementMaker(namespace=METS_NS, nsmap=NSMAP)
P = ElementMaker(namespace=PREMIS_NS, nsmap={"premis": PREMIS_NS})


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


@dataclass
class Document:
    """One file of the package: its name in ``data/`` and its bytes; an
    attachment of the main document has its own title, format and number."""

    name: str
    content: bytes
    mimetype: str = ""
    title: str = ""
    format: str = "PDF/A-2a"
    attachment: int | None = None

    def __post_init__(self) -> None:
        self.mimetype = self.mimetype or (
            mimetypes.guess_type(self.name)[0] or "application/octet-stream"
        )


@dataclass
class Package:
    """What goes in: who submits it, what it is, the documents and the
    metadata about them."""

    identifier: (
        str  # the package's folder and OBJID, e.g. "mandat-exempelstad-protokoll-12"
    )
    label: str  # "Styrgruppen 2026-03-05: protokoll"
    kind: str  # what the content is, e.g. "Minutes" (csip:OTHERTYPE)
    submitter: str  # the organisation
    submitter_code: str  # its organisation number, or ""
    documents: list[Document]
    metadata: dict[str, Any]
    events: list[tuple[str, datetime.datetime, str]] = field(default_factory=list)
    created: datetime.datetime = field(default_factory=timezone.now)


def _stamp(moment: datetime.datetime) -> str:
    return (
        moment.astimezone(datetime.UTC)
        .isoformat(timespec="seconds")
        .replace("+00:00", "Z")
    )


def _xml(element) -> bytes:
    return etree.tostring(
        element, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def _file_attributes(content: bytes, mimetype: str, created: str) -> dict[str, str]:
    return {
        "MIMETYPE": mimetype,
        "SIZE": str(len(content)),
        "CREATED": created,
        "CHECKSUM": hashlib.sha256(content).hexdigest(),
        "CHECKSUMTYPE": "SHA-256",
    }


def _link(href: str, **extra: str) -> dict[str, str]:
    return {
        "LOCTYPE": "URL",
        _q(XLINK_NS, "type"): "simple",
        _q(XLINK_NS, "href"): href,
        **extra,
    }


def _id(prefix: str) -> str:
    return f"{prefix}-{uuid4()}"


def _mets_root(package: Package, *, objid: str, profile: str, created: str, sip: bool):
    attributes = {
        "OBJID": objid,
        "LABEL": package.label,
        "TYPE": "Other",
        _q(CSIP_NS, "OTHERTYPE"): package.kind,
        _q(CSIP_NS, "CONTENTINFORMATIONTYPE"): "MIXED",
        "PROFILE": profile,
        _q(XSI_NS, "schemaLocation"): SCHEMA_LOCATION,
    }
    header = M.metsHdr(
        M.agent(
            M.name("Mandat"),
            M.note("0.1", **{_q(CSIP_NS, "NOTETYPE"): "SOFTWARE VERSION"}),
            ROLE="CREATOR",
            TYPE="OTHER",
            OTHERTYPE="SOFTWARE",
        ),
        CREATEDATE=created,
        LASTMODDATE=created,
        RECORDSTATUS="NEW",
        **{_q(CSIP_NS, "OAISPACKAGETYPE"): "SIP"},
    )
    if sip:
        # The organisation whose records these are, by its organisation
        # number (organisationsnummer) where it has one.
        owner = M.agent(M.name(package.submitter), ROLE="IPOWNER", TYPE="ORGANIZATION")
        if package.submitter_code:
            owner.append(
                M.note(
                    package.submitter_code,
                    **{_q(CSIP_NS, "NOTETYPE"): "IDENTIFICATIONCODE"},
                )
            )
        header.append(owner)
    return M.mets(header, **attributes)


# The package's own files besides the documents: what it is and how its
# metadata reads (documentation/), and the schemas of its XML and JSON.
SCHEMA_FILES = (
    "mets.xsd",
    "xlink.xsd",
    "DILCISExtensionMETS.xsd",
    "DILCISExtensionSIPMETS.xsd",
)
SCHEMAS = Path(__file__).parent / "schemas"
DESCRIPTIVE = "metadata/descriptive/mandat.json"
PRESERVATION = "metadata/preservation/premis.xml"
DOCUMENTATION = "documentation/mandat-paket.md"
# What each file group holds: Mandat's records, of no content information
# type of the DILCIS board's (the rules of CSIP63 ask every group to say so).
CONTENT_TYPE = {
    _q(CSIP_NS, "CONTENTINFORMATIONTYPE"): "OTHER",
    _q(CSIP_NS, "OTHERCONTENTINFORMATIONTYPE"): "Mandat",
}


def _file(path: str, content: bytes, created: str, href: str | None = None):
    """A METS file element for ``path`` (``href``: how this METS file reaches it)."""
    file_id = _id("file")
    element = M.file(
        M.FLocat(**_link(href or path)),
        ID=file_id,
        **_file_attributes(content, _mimetype(path), created),
    )
    return file_id, element


def _mimetype(path: str) -> str:
    if path.endswith(".md"):
        return "text/markdown"
    if path.endswith(".json"):
        return "application/json"
    if path.endswith((".xml", ".xsd")):
        return "application/xml"
    return mimetypes.guess_type(path)[0] or "application/octet-stream"


def _level(
    package: Package,
    files: dict[str, bytes],
    *,
    objid: str,
    sip: bool,
    up: str,
    content: list[str],
    mptr: str | None,
    created: str,
) -> bytes:
    """One METS file: the package's (``sip``) or the representation's. ``up``
    is the way from its folder to the package's root; ``content`` the files
    of its Representations group, by their path from its folder."""
    mets = _mets_root(
        package,
        objid=objid,
        profile=SIP_PROFILE if sip else CSIP_PROFILE,
        created=created,
        sip=sip,
    )
    dmd_id, digiprov_id = _id("dmd"), _id("digiprov")
    descriptive, preservation = files[DESCRIPTIVE], files[PRESERVATION]
    mets.append(
        M.dmdSec(
            M.mdRef(
                **_link(up + DESCRIPTIVE),
                MDTYPE="OTHER",
                OTHERMDTYPE="Mandat JSON",
                **_file_attributes(descriptive, "application/json", created),
            ),
            ID=dmd_id,
            CREATED=created,
            STATUS="CURRENT",
        )
    )
    mets.append(
        M.amdSec(
            M.digiprovMD(
                M.mdRef(
                    **_link(up + PRESERVATION),
                    MDTYPE="PREMIS",
                    **_file_attributes(preservation, "application/xml", created),
                ),
                ID=digiprov_id,
                STATUS="CURRENT",
            )
        )
    )
    groups, divs = [], []
    for use, paths in (
        ("Documentation", [DOCUMENTATION]),
        (
            "Schemas",
            [f"schemas/{name}" for name in (*SCHEMA_FILES, "mandat.schema.json")],
        ),
    ):
        group = M.fileGrp(ID=_id("fileGrp"), USE=use, **CONTENT_TYPE)
        div = M.div(ID=_id("div"), LABEL=use)
        for path in paths:
            file_id, element = _file(path, files[path], created, up + path)
            group.append(element)
            div.append(M.fptr(FILEID=file_id))
        groups.append(group)
        divs.append(div)
    group = M.fileGrp(
        ID=_id("fileGrp"), USE=f"Representations/{REPRESENTATION}", **CONTENT_TYPE
    )
    div = M.div(ID=_id("div"), LABEL="Representations")
    base = "" if sip else f"representations/{REPRESENTATION}/"
    for path in content:
        file_id, element = _file(path, files[base + path], created)
        group.append(element)
        div.append(M.fptr(FILEID=file_id))
    groups.append(group)
    divs.append(div)
    if mptr is not None:
        # The representation, within the package's content.
        div.append(
            M.div(
                M.mptr(**_link(mptr), **{_q(XLINK_NS, "title"): REPRESENTATION}),
                ID=_id("div"),
                LABEL=f"Representations/{REPRESENTATION}",
            )
        )
    mets.append(M.fileSec(*groups, ID=_id("fileSec")))
    mets.append(
        M.structMap(
            M.div(
                M.div(ID=_id("div"), LABEL="Metadata", DMDID=dmd_id, ADMID=digiprov_id),
                *divs,
                ID=_id("div"),
                LABEL=objid,
            ),
            ID=_id("structMap"),
            TYPE="PHYSICAL",
            LABEL="CSIP",
        )
    )
    return _xml(mets)


def _premis(package: Package, created: str) -> bytes:
    """PREMIS 3: each document as an object with its fixity, what happened
    to it (events) and Mandat as the agent."""
    objects = [
        P.object(
            P.objectIdentifier(
                P.objectIdentifierType("local"),
                P.objectIdentifierValue(f"{REPRESENTATION}/data/{document.name}"),
            ),
            P.objectCharacteristics(
                P.compositionLevel("0"),
                P.fixity(
                    P.messageDigestAlgorithm("SHA-256"),
                    P.messageDigest(hashlib.sha256(document.content).hexdigest()),
                ),
                P.size(str(len(document.content))),
                P.format(P.formatDesignation(P.formatName(document.mimetype))),
            ),
            **{_q(XSI_NS, "type"): "premis:file"},
        )
        for document in package.documents
    ]
    events = [
        P.event(
            P.eventIdentifier(
                P.eventIdentifierType("local"), P.eventIdentifierValue(_id("event"))
            ),
            P.eventType(kind),
            P.eventDateTime(_stamp(moment)),
            P.eventDetailInformation(P.eventDetail(detail)),
        )
        for kind, moment, detail in [
            *package.events,
            ("creation", package.created, "Package made by Mandat"),
        ]
    ]
    agent = P.agent(
        P.agentIdentifier(
            P.agentIdentifierType("local"), P.agentIdentifierValue("mandat")
        ),
        P.agentName("Mandat"),
        P.agentType("software"),
    )
    return _xml(P.premis(*objects, *events, agent, version="3.0"))


def package_files(package: Package, documentation: str) -> dict[str, bytes]:
    """The package's files by their path inside its folder; ``documentation``
    is the text of documentation/mandat-paket.md."""
    created = _stamp(package.created)
    rep = f"representations/{REPRESENTATION}"
    files = {f"{rep}/data/{d.name}": d.content for d in package.documents}
    # Dates and times as ISO 8601 (2026-10-02T13:30:00+02:00), as the JSON
    # Schema's date-time says; Django's encoder also writes decimals.
    files[DESCRIPTIVE] = json.dumps(
        package.metadata, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder
    ).encode()
    files[PRESERVATION] = _premis(package, created)
    files[DOCUMENTATION] = documentation.encode()
    for name in SCHEMA_FILES:
        files[f"schemas/{name}"] = (SCHEMAS / name).read_bytes()
    files["schemas/mandat.schema.json"] = (SCHEMAS / "mandat.schema.json").read_bytes()
    files[f"{rep}/METS.xml"] = _level(
        package,
        files,
        objid=REPRESENTATION,
        sip=False,
        up="../../",
        content=[f"data/{d.name}" for d in package.documents],
        mptr=None,
        created=created,
    )
    files["METS.xml"] = _level(
        package,
        files,
        objid=package.identifier,
        sip=True,
        up="",
        content=[f"{rep}/METS.xml"],
        mptr=f"{rep}/METS.xml",
        created=created,
    )
    return files


def package_zip(package: Package, documentation: str) -> bytes:
    """The package as a ZIP file: one folder, named by its identifier."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in sorted(package_files(package, documentation).items()):
            archive.writestr(f"{package.identifier}/{path}", content)
    return buffer.getvalue()
