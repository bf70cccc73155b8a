"""A network of a region's training coordinators: an organisation of its own
whose members are people in its own directory with a home municipality,
signed in with their own municipality's accounts, meeting four times a
year at a host municipality that changes every year."""

import datetime

from mandat.core.access import Role

from .context import at
from .directory import new_person
from .meetings import Series, write_series
from .people import add_person
from .shape import ascii_slug
from .texts import NETWORK_TOPICS


def build(ctx, members: list[tuple[str, int | None]]) -> None:
    """Write the network of ``ctx``; ``members`` are (municipality, the
    coordinator's user id or None when that municipality is not generated)."""
    t = ctx.t
    ctx.email_locals = {}
    body_id = ctx.new_id(t.body)
    ctx.add(
        t.body,
        (
            body_id,
            ctx.org_id,
            "Nätverksträffarna",
            "Nätverket",
            "natverk",
            "ovrigt",
            None,
            False,
            "custom",
            len(members),
            datetime.date(2010, 1, 1),
            None,
            "",
        ),
    )
    since = ctx.start
    roster = []
    joined = at(ctx.start, 8)
    for number, (municipality, user) in enumerate(members):
        ctx.domain = f"{ascii_slug(municipality)}.example"
        person = new_person(
            ctx, kind="official", title="Utbildningssamordnare", home=municipality
        )
        role = "ordforande" if number == 0 else "ledamot"
        roster.append((person.id, role, None, municipality))
        ctx.add(
            t.assignment,
            (
                ctx.new_id(t.assignment),
                ctx.org_id,
                person.id,
                body_id,
                role,
                None,
                None,
                None,
                None,
                since,
                None,
                "",
                joined,
                joined,
            ),
        )
        if user is not None:
            person.account_id = user
            ctx.add(
                t.membership,
                (
                    ctx.new_id(t.membership),
                    user,
                    ctx.org_id,
                    str(Role.COORDINATOR if number == 0 else Role.STEERING_MEMBER),
                    None,
                    joined,
                ),
            )
            if number == 0:
                ctx.users["samordnare"] = user
    for number, person in enumerate(ctx.people.values(), start=1):
        add_person(ctx, person, register_id=f"N{number}", created=at(ctx.start, 9))
    group_id = ctx.new_id(t.group)
    ctx.group_id, ctx.group_name = group_id, "Nätverksträffarna"
    url = f"https://teams.example/{ctx.spec.slug}/natverket"
    ctx.add(
        t.group,
        (
            group_id,
            ctx.org_id,
            body_id,
            14,
            "none",
            "Kommunhuset",
            url,
            "Teams",
            "",
            "notes",
        ),
    )
    hosts = {}
    for offset, year in enumerate(range(ctx.start.year, ctx.today.year + 2)):
        hosts[year] = members[offset % len(members)][0]
        ctx.add(
            t.host_turn,
            (
                ctx.new_id(t.host_turn),
                group_id,
                year,
                hosts[year],
                "",
                datetime.datetime(year - 1, 11, 1, tzinfo=datetime.UTC),
                None,
            ),
        )
    series = Series(
        group_id,
        lambda day: roster,
        [],
        roster[0][0],
        "Kommunhuset",
        url,
        "none",
        [(title, notes, "") for title, notes in NETWORK_TOPICS],
        hosts,
        office="Värdkommunen",
    )
    ctx.coordinator = roster[0][0]
    write_series(ctx, series, (3, 5, 9, 11), (9, 0), (12, 0))
