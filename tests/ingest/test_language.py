from __future__ import annotations

import pytest

from dragoman.ingest import detect_language

FRENCH = (
    "Les ministres des Affaires étrangères de l'Azerbaïdjan et des États-Unis se sont rencontrés lundi "
    "à Bakou pour discuter du processus de paix avec l'Arménie."
)
GERMAN = (
    "Die Außenminister Aserbaidschans und der Vereinigten Staaten trafen sich am Montag in Baku, um über "
    "den Friedensprozess mit Armenien zu sprechen."
)
RUSSIAN = (
    "Министры иностранных дел Азербайджана и США встретились в понедельник в Баку, чтобы обсудить "
    "мирный процесс с Арменией."
)


def test_language_english_is_detected(article_en: str) -> None:
    assert detect_language(article_en) == "en"


@pytest.mark.parametrize(("text", "code"), [(FRENCH, "fr"), (GERMAN, "de"), (RUSSIAN, "ru")])
def test_language_other_languages_are_detected(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Hi there",
        "2026-01-20 12:00 — 3.5%",
        "!!! ??? ...",
        # langdetect says Turkish and Afrikaans, both with p > 0.98: too short to tell.
        "They met yesterday in Baku.",
        "NATO ministers met in Brussels last week.",
    ],
)
def test_language_too_short_or_letterless_is_none(text: str) -> None:
    assert detect_language(text) is None


def test_language_is_deterministic(article_en: str) -> None:
    mixed = article_en[:80] + " " + FRENCH[:80]
    assert len({detect_language(mixed) for _ in range(20)}) == 1


def test_language_reads_only_the_start_of_long_texts(article_en: str) -> None:
    assert detect_language(article_en * 50 + RUSSIAN * 200) == "en"


def test_language_short_text_in_other_script_is_detected() -> None:
    assert detect_language("Президент прибыл в Москву вчера.") == "ru"


@pytest.mark.parametrize(
    "text",
    [
        # langdetect says Dutch (p > 0.99): English function words overrule it in short texts
        "NATO ministers met in Brussels last week to discuss Ukraine.",
        "The president said that the talks with Armenia were over.",
    ],
)
def test_language_short_english_with_english_function_words_is_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("De ministers van de NAVO kwamen vorige week in Brussel bijeen om over Oekraïne te praten.", "nl"),
        (
            "Die ministers van die NAVO het verlede week in Brussel vergader om oor die Oekraïne te praat.",
            "af",
        ),
        ("Die NATO-Minister trafen sich letzte Woche in Brüssel, um über die Ukraine zu sprechen.", "de"),
        ("Los ministros de la OTAN se reunieron la semana pasada en Bruselas para hablar de Ucrania.", "es"),
    ],
)
def test_language_short_texts_of_neighbouring_languages_stay_theirs(text: str, code: str) -> None:
    assert detect_language(text) == code
