"""What a scale means: how many organisations, how large, how many years.

Scale 1 is one large city with about 1,000 elected officials holding a seat
in each mandate period and four years of history; scale 40 is every
municipality and region of a country the size of Sweden (290 municipalities
and 21 regions, about 40,000 elected officials in a period) with ten years,
plus one network per region. A fraction of 1 is a smaller single
municipality, for tests."""

import math
import random
from dataclasses import dataclass

from .texts import PLACE_PREFIXES, PLACE_SUFFIXES, REGION_PREFIXES, REGION_SUFFIXES

LARGE_CITY = "Storstad"
# Real municipalities the syllables would make, and well-known places: left
# out, so that every generated organisation is fictional.
REAL_NAMES = {
    "Norrköping", "Söderköping", "Västerås", "Västervik", "Söderhamn",
    "Storfors", "Ljungby", "Östersund", "Storvik", "Dalby", "Holmsund",
    "Kvarnby", "Lindås", "Åby", "Mohed", "Sjöbo", "Askersund",
}  # fmt: skip
ORGANISATIONS_AT_40 = 311
REGIONS_AT_40 = 21


@dataclass(frozen=True)
class OrgSpec:
    index: int
    name: str
    slug: str
    kind: str  # "kommun", "region" or "natverk"
    place: str
    officials: int  # elected officials holding a seat in one mandate period
    region: int  # the region it lies in; networks gather a region's coordinators


@dataclass(frozen=True)
class Shape:
    scale: float
    years: int
    organisations: list[OrgSpec]


def default_years(scale: float) -> int:
    """Return 4 years at scale 1 and below, 10 at 40, in between by the log."""
    if scale <= 1:
        return 4
    return max(4, min(10, round(4 + 6 * math.log(scale) / math.log(40))))


def ascii_slug(text: str) -> str:
    folded = text.lower()
    for a, b in (("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e"), (" ", "-")):
        folded = folded.replace(a, b)
    return "".join(c for c in folded if c.isalnum() or c == "-")


def genitive(name: str) -> str:
    return name if name[-1] in "sxz" else name + "s"


def place_names() -> list[str]:
    """Return fictional place names, in one order whatever the seed, so that
    addresses (/o/storstad/) stay the same from one run to the next."""
    names = []
    for prefix in PLACE_PREFIXES:
        for suffix in PLACE_SUFFIXES:
            low = prefix.lower()
            if low == suffix or low.endswith(suffix) or suffix.startswith(low):
                continue
            if low[-2:] == suffix[0] * 2:  # no "Rönnnäs"
                continue
            names.append(prefix + suffix)
    random.Random("mandat-places").shuffle(names)
    names = [n for n in names if n != LARGE_CITY and n not in REAL_NAMES]
    seen, unique = set(), []
    for name in names:
        if ascii_slug(name) not in seen:
            seen.add(ascii_slug(name))
            unique.append(name)
    return unique


def region_names() -> list[str]:
    names = [p + s.lower() for s in REGION_SUFFIXES for p in REGION_PREFIXES]
    random.Random("mandat-regions").shuffle(names)
    return names


def build_shape(scale: float, years: int | None = None) -> Shape:
    """Return the organisations of ``scale``, the large city first."""
    if scale <= 0:
        raise ValueError("The scale must be above 0.")
    years = years or default_years(scale)
    if scale <= 1:
        size = max(15, round(1000 * scale))
        city = OrgSpec(
            0,
            f"{genitive(LARGE_CITY)} kommun",
            "storstad",
            "kommun",
            LARGE_CITY,
            size,
            0,
        )
        networks = [_network(1, 0, region_names()[0])] if scale >= 1 else []
        return Shape(scale, years, [city, *networks])
    total = max(2, round(ORGANISATIONS_AT_40 * scale / 40))
    regions = max(1, round(total * REGIONS_AT_40 / ORGANISATIONS_AT_40))
    rng = random.Random("mandat-sizes")
    weights: list[tuple[float, str]] = []
    for index in range(1, total):
        if index <= 3:
            weights.append((7 - index, "kommun"))
        elif (
            index % max(2, total // regions) == 0
            and sum(1 for _w, k in weights if k == "region") < regions
        ):
            weights.append((rng.uniform(1.3, 1.9), "region"))
        else:
            weights.append((min(4.0, rng.lognormvariate(0, 0.55)), "kommun"))
    rest = 1000 * scale - 1000
    unit = rest / sum(w for w, _k in weights)
    places, region_list = iter(place_names()), region_names()
    organisations = [
        OrgSpec(
            0,
            f"{genitive(LARGE_CITY)} kommun",
            "storstad",
            "kommun",
            LARGE_CITY,
            1000,
            0,
        )
    ]
    region_count = 0
    for index, (weight, kind) in enumerate(weights, start=1):
        officials = max(40, round(weight * unit))
        if kind == "region":
            place = region_list[region_count % len(region_list)]
            region_count += 1
            name, slug = f"Region {place}", f"region-{ascii_slug(place)}"
        else:
            place = next(places)
            name, slug = f"{genitive(place)} kommun", ascii_slug(place)
        region = index % regions
        organisations.append(OrgSpec(index, name, slug, kind, place, officials, region))
    count = len(organisations)
    for number in range(regions):
        organisations.append(_network(count + number, number, region_list[number]))
    return Shape(scale, years, organisations)


def _network(index: int, region: int, place: str) -> OrgSpec:
    return OrgSpec(
        index,
        f"Nätverket för politikerutbildning i {place}",
        f"natverk-{ascii_slug(place)}",
        "natverk",
        place,
        0,
        region,
    )
