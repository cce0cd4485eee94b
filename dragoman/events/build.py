"""Rebuild the event lexicon's data files from the CAMEO verb dictionary and the CAMEO→PLOVER table.

Run ``python -m dragoman.events.build /path/to/kb-sources /path/to/cameo2plover.txt``. It converts

- ``petrarch/CAMEO.2.0.txt`` (PETRARCH's verb dictionary, MIT) into ``data/verbs.tsv`` (verb → its
  block and default CAMEO code), ``data/patterns.tsv`` (block → words around the verb → code) and
  ``data/synsets.tsv`` (``&NAME`` → member words);
- the CAMEO→PLOVER conversion table (PLOVER manual 0.8, CC-BY-SA-4.0) into ``data/cameo2plover.tsv``.

The hand-curated files (``data/nouns.tsv``, ``data/plover_scores.tsv``, ``data/extra_*.tsv``) are
never touched. Output is deterministic; a test checks the committed files are current.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"

_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_CODE = re.compile(r"\[([^\]]*)\]")
_FORMS = re.compile(r"\{[^}]*\}")


def _code(raw: str | None) -> str:
    """``"042:043"`` → ``"042"``; ``"---"`` (explicitly no event) → ``"-"``; none → ``""``."""
    if raw is None:
        return ""
    first = raw.strip().split(":")[0].strip()
    return "-" if first.startswith("-") or not first else first


def _words(token: str) -> str:
    return token.strip("+").replace("_", " ").lower()


def parse_synsets(lines: list[str]) -> dict[str, list[str]]:
    """``&NAME`` headers followed by ``+WORD`` lines → name → words (lower case, ``_`` as space)."""
    synsets: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if text.startswith("&"):
            current = text[1:].rstrip("_").lower()
            synsets[current] = []
        elif text.startswith("+") and current is not None:
            word = _words(_FORMS.sub("", text).split()[0])
            if word and word not in synsets[current]:
                synsets[current].append(word)
        elif text.startswith("---"):
            current = None
    return synsets


def parse_verbs(lines: list[str]) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str, str, str]]]:
    """The verb-pattern section → (verb, block, code) rows and (block, left, right, code, for) rows.

    A verb's code is its own (``ASK [020]``), else its block's (``--- ATTACK [190] ---``); ``---``
    blocks give their verbs none, so that only the block's patterns code them.
    A pattern's left and right sides keep the dictionary's notation, lower-cased: words, ``{a b}``
    phrases, ``(prep x)`` prepositional phrases, ``&synset`` references; PETRARCH's actor markers
    (``$ + % ^``) are dropped.
    """
    verbs: list[tuple[str, str, str]] = []
    patterns: list[tuple[str, str, str, str, str]] = []
    block, block_code = "", ""
    for line in lines:
        text, _, comment = line.partition("#")
        text = text.rstrip()
        if not text.strip():
            continue
        header = _BLOCK.match(text)
        if header:
            block = header.group(1).replace("_", " ").lower()
            block_code = _code(header.group(2))
            continue
        if not block:
            continue
        if text.startswith("-"):
            code_match = _CODE.search(text)
            body = _CODE.sub("", text)[1:].strip()
            if "*" not in body:
                continue
            left, right = (side.strip() for side in body.split("*", 1))
            clean = [
                re.sub(r"[$%^]|(?<![\w}])\+|\+(?=\s|$)", "", side).strip().lower() for side in (left, right)
            ]
            clean = [re.sub(r"\s+", " ", side) for side in clean]
            patterns.append(
                (
                    block,
                    clean[0],
                    clean[1],
                    _code(code_match.group(1) if code_match else None),
                    _for_verbs(comment),
                )
            )
            continue
        code_match = _CODE.search(text)
        head = _FORMS.sub("", _CODE.sub("", text)).split()
        if not head:
            continue
        own = _code(code_match.group(1)) if code_match else ""
        verbs.append((_words(head[0]), block, own or (block_code if block_code != "-" else "")))
    return verbs, patterns


def _for_verbs(comment: str) -> str:
    """The verbs a pattern was written for, from its comment ("# FORGE , SET_UP" → "forge|set up")."""
    words = [w.strip().replace("_", " ").lower() for w in comment.split(",")]
    return "|".join(w for w in words if re.fullmatch(r"[a-z][a-z ]*", w))


def parse_cameo2plover(lines: list[str]) -> list[tuple[str, str, str, str]]:
    """``0311: AGREE, , economic # text`` → (cameo, type, mode, context) rows (contexts ``;``-joined)."""
    rows = []
    for line in lines:
        text, _, _ = line.partition("#")
        if ":" not in text or line.startswith("#"):
            continue
        code, _, rest = text.partition(":")
        parts = [p.strip() for p in rest.split(",")]
        if not code.strip().isdigit() or len(parts) < 1 or not parts[0]:
            continue
        mode = parts[1] if len(parts) > 1 else ""
        context = ";".join(c.strip() for c in (parts[2] if len(parts) > 2 else "").split(";") if c.strip())
        rows.append((code.strip(), parts[0].upper(), mode.lower(), context))
    return rows


def _write(name: str, header: str, rows: Sequence[tuple[str, ...]]) -> None:
    lines = [header] + ["\t".join(row) for row in rows]
    (DATA_DIR / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def build(kb_sources: Path, cameo2plover: Path) -> None:
    """Write verbs.tsv, patterns.tsv, synsets.tsv and cameo2plover.tsv under ``data/``."""
    lines = (
        (kb_sources / "petrarch" / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace").splitlines()
    )
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    end = next((i for i, line in enumerate(lines) if "TRANSFORMATIONS" in line), len(lines))
    synsets = parse_synsets(lines[:start])
    verbs, patterns = parse_verbs(lines[start:end])
    _write(
        "synsets.tsv",
        "# synset\twords (|-separated)\t(from PETRARCH CAMEO.2.0.txt, MIT)",
        [(name, "|".join(words)) for name, words in sorted(synsets.items())],
    )
    _write(
        "verbs.tsv",
        "# verb\tblock\tcameo ('' = patterns only, '-' = no event)\t(from PETRARCH CAMEO.2.0.txt, MIT)",
        sorted(set(verbs)),
    )
    _write(
        "patterns.tsv",
        "# block\tleft of verb\tright of verb\tcameo\twritten for\t(from PETRARCH CAMEO.2.0.txt, MIT)",
        patterns,
    )
    _write(
        "cameo2plover.tsv",
        "# cameo\tplover type\tmode\tcontext\t(PLOVER manual 0.8 table, CC-BY-SA-4.0)",
        parse_cameo2plover(cameo2plover.read_text(encoding="utf-8").splitlines()),
    )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: ``python -m dragoman.events.build KB_SOURCES CAMEO2PLOVER``."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__)
        return 2
    build(Path(args[0]), Path(args[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
