"""Demo log-ins of Exempelstad: one user for every role."""

from mandat.core.access import Role
from mandat.core.demo import DEMO_DOMAIN, DEMO_PASSWORD, INSTALLATION_ADMIN_EMAIL
from mandat.directory.demo import demo_person
from mandat.directory.models import Body, Person

from .models import Membership, User


def seed(*, organisation) -> None:
    """Create a user for every role, and the installation's administrator,
    unless they exist."""
    installation_admin_seed()
    if Membership.objects.filter(organisation=organisation).exists():
        return
    social = Body.objects.get(organisation=organisation, name="Socialnämnden")
    steering = "Kommunstyrelsens styrgrupp för politikerutbildning"
    logins = [
        ("admin", "Administratör Exempelstad", Role.ADMINISTRATOR, None, None),
        (
            "samordnare",
            None,
            Role.COORDINATOR,
            None,
            demo_person(organisation, title="Utbildningssamordnare"),
        ),
        (
            "sekreterare.sn",
            None,
            Role.COMMITTEE_SECRETARY,
            social,
            demo_person(organisation, body="Socialnämnden", role="sekreterare"),
        ),
        (
            "styrgrupp",
            None,
            Role.STEERING_MEMBER,
            None,
            demo_person(organisation, body=steering, role="ledamot"),
        ),
        (
            "fortroendevald",
            None,
            Role.ELECTED,
            None,
            demo_person(organisation, body="Kommunfullmäktige", role="ledamot"),
        ),
        ("kursledare", "Kursledare Exempelstad", Role.COURSE_LEADER, None, None),
        (
            "tjansteperson",
            None,
            Role.OFFICIAL,
            None,
            demo_person(organisation, title="Förvaltningschef"),
        ),
    ]
    for local, name, role, body, person in logins:
        user = User.objects.create_user(
            email=f"{local}@{DEMO_DOMAIN}",
            password=DEMO_PASSWORD,
            full_name=name or (person.full_name if person else local),
        )
        Membership.objects.create(
            user=user, organisation=organisation, role=role, body=body
        )
        if person is not None:
            Person.objects.filter(pk=person.pk).update(account=user)
    # Everyone with a seat gets the elected-official view too.
    for user in User.objects.filter(
        people__organisation=organisation, people__kind="elected"
    ):
        Membership.objects.get_or_create(
            user=user, organisation=organisation, role=Role.ELECTED
        )


def installation_admin_seed() -> None:
    """Create the installation's administrator (Django's admin site), an
    account apart from every organisation's: an organisation's administrator
    must not be able to read or change other organisations there. Demo
    databases made before kept the organisation's administrator as superuser."""
    User.objects.filter(email=f"admin@{DEMO_DOMAIN}").update(
        is_staff=False, is_superuser=False
    )
    if not User.objects.filter(email=INSTALLATION_ADMIN_EMAIL).exists():
        User.objects.create_superuser(
            email=INSTALLATION_ADMIN_EMAIL,
            password=DEMO_PASSWORD,
            full_name="Installationens administratör",
        )
