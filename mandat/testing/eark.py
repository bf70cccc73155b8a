"""Validate an E-ARK information package (CSIP/SIP 2.1.0) as an archive's
intake would: the folder structure, every METS file against the METS schema
and the specification's Schematron rules (the E-ARK project's own, with its
vocabularies, read offline from ``vendor/eark/``), and every file a METS
file refers to against the size and SHA-256 it records.

``package_problems(folder)`` returns what is wrong, ``[]`` for a valid
package. Warnings of the rules (role WARN) are returned by
``package_warnings``."""

import hashlib
from functools import cache
from pathlib import Path
from urllib.parse import unquote

from lxml import etree
from lxml.isoschematron import Schematron

EARK = Path(__file__).parent / "vendor" / "eark"
# The METS schema and those it imports, which packages carry too.
SCHEMAS = Path(__file__).parent.parent / "archive" / "schemas"
METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
SVRL = "http://purl.oclc.org/dsdl/svrl"
VOCABULARIES = {
    "@TYPE_vocabulary_test": ("@TYPE", "CSIPVocabularyContentCategory.xml"),
    "@csip:CONTENTINFORMATIONTYPE_vocabulary_test": (
        "@csip:CONTENTINFORMATIONTYPE",
        "CSIPVocabularyContentInformationType.xml",
    ),
    "@csip:OAISPACKAGETYPE_vocabulary_test": (
        "@csip:OAISPACKAGETYPE",
        "CSIPVocabularyOAISPackageType.xml",
    ),
    "@STATUS_vocabulary_test": ("@STATUS", "CSIPVocabularyStatus.xml"),
}


def _terms(name: str) -> list[str]:
    tree = etree.parse(str(EARK / "vocabs" / name))
    return [term.text or "" for term in tree.iter("{*}Term")]


def _one_of(attribute: str, values: list[str]) -> str:
    return " or ".join(f"({attribute} = '{value}')" for value in values)


@cache
def _tests() -> dict[str, str]:
    tests = {
        placeholder: _one_of(attribute, _terms(vocabulary))
        for placeholder, (attribute, vocabulary) in VOCABULARIES.items()
    }
    iana = (EARK / "vocabs" / "IANA.txt").read_text().split()
    tests["@MIMETYPE_IANA_test"] = _one_of("@MIMETYPE", iana)
    return tests


# The rules file of the SIP says SIP14 of every creator's note, without the
# csip: namespace; the specification (E-ARK SIP 2.1.0, SIP14) says it of the
# submitting organisation's note, mets/metsHdr/agent[@ROLE='CREATOR']
# [@TYPE='ORGANIZATION']/note/@csip:NOTETYPE. As written, no METS file could
# satisfy it and the METS schema at once (note takes no attribute without a
# namespace), so it is read as the specification states it.
CORRECTIONS = {
    "mets:agent[@ROLE = 'CREATOR']/mets:note\">": (
        "mets:agent[@ROLE = 'CREATOR'][@TYPE = 'ORGANIZATION']/mets:note\">"
    ),
    "test=\"@NOTETYPE = 'IDENTIFICATIONCODE'\"": (
        "test=\"@csip:NOTETYPE = 'IDENTIFICATIONCODE'\""
    ),
}


@cache
def _rules(level: str) -> list[Schematron]:
    rules = []
    for path in sorted((EARK / "schematron" / level).glob("*.xml")):
        text = path.read_text()
        for wrong, right in CORRECTIONS.items():
            text = text.replace(wrong, right)
        for placeholder, test in _tests().items():
            text = text.replace(placeholder, test)
        rules.append(Schematron(etree.XML(text.encode()), store_report=True))
    return rules


@cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "mets.sip.local.v2-0.xsd")))


def _failures(report) -> list[tuple[str, str, str]]:
    found = []
    for failed in report.iter(f"{{{SVRL}}}failed-assert"):
        text = " ".join(failed.findtext(f"{{{SVRL}}}text", "").split())
        found.append((failed.get("role", "ERROR"), failed.get("id", "?"), text[:160]))
    return found


def _mets_findings(mets_path: Path, levels: tuple[str, ...]) -> list[tuple[str, str]]:
    """(role, message) of one METS file: schema, rules, referenced files."""
    name = mets_path.as_posix()
    tree = etree.parse(str(mets_path))
    findings = [
        ("ERROR", f"{name}: schema: {error.message} (line {error.line})")
        for error in (_schema().error_log if not _schema().validate(tree) else [])
    ]
    for level in levels:
        for rules in _rules(level):
            rules.validate(tree)
            findings += [
                (role, f"{name}: {rule}: {text}")
                for role, rule, text in _failures(rules.validation_report)
            ]
    folder = mets_path.parent
    for ref in tree.iter(f"{{{METS}}}FLocat", f"{{{METS}}}mdRef"):
        owner = ref if ref.tag.endswith("mdRef") else ref.getparent()
        href = unquote(ref.get(f"{{{XLINK}}}href", ""))
        target = folder / href
        if not target.is_file():
            findings.append(("ERROR", f"{name}: refers to {href}, which is not there"))
            continue
        content = target.read_bytes()
        if owner.get("SIZE") != str(len(content)):
            findings.append(
                (
                    "ERROR",
                    f"{name}: {href} has {len(content)} bytes, not {owner.get('SIZE')}",
                )
            )
        if owner.get("CHECKSUMTYPE") != "SHA-256" or owner.get("CHECKSUM") != (
            hashlib.sha256(content).hexdigest()
        ):
            findings.append(("ERROR", f"{name}: {href}: checksum differs"))
    return findings


def _findings(folder: Path) -> list[tuple[str, str]]:
    findings: list[tuple[str, str]] = []
    if not (folder / "METS.xml").is_file():
        return [("ERROR", "CSIPSTR4: no METS.xml in the package's root folder")]
    findings += _mets_findings(folder / "METS.xml", ("CSIP", "SIP"))
    representations = folder / "representations"
    if not representations.is_dir():
        findings.append(("WARN", "CSIPSTR9: no representations folder"))
        return findings
    for representation in sorted(representations.iterdir()):
        if not (representation / "data").is_dir():
            findings.append(("ERROR", f"CSIPSTR11: {representation.name} has no data"))
        if (representation / "METS.xml").is_file():
            findings += _mets_findings(representation / "METS.xml", ("CSIP",))
        else:
            findings.append(
                ("WARN", f"CSIPSTR12: {representation.name} has no METS.xml")
            )
    return findings


def package_problems(folder: Path) -> list[str]:
    """What makes the package at ``folder`` invalid; [] when it is valid."""
    return [message for role, message in _findings(folder) if role == "ERROR"]


def package_warnings(folder: Path) -> list[str]:
    return [message for role, message in _findings(folder) if role == "WARN"]
