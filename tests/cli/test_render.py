"""Rendering helpers of the CLI."""

from rich.console import Console

from dragoman.cli.render import score_tables


def test_score_tables_fit_eighty_columns():
    console = Console(width=80, record=True)
    by_set = {
        name: {"strict_f1": 0.8712, "value_f1": 0.8123, "type_accuracy": float("nan"), "n_gold": 1243}
        for name in ("timebank", "aquaint", "gum_news", "timebank+aquaint")
    }
    score_tables(console, {"timex": by_set})
    out = console.export_text()
    assert "timebank+aquaint" in out and "0.812" in out and "1243" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_score_tables_split_many_gold_sets_to_fit_the_terminal() -> None:
    from io import StringIO

    from rich.console import Console

    from dragoman.cli import render

    out = StringIO()
    scores = {"framing": {f"technique_{i:02d}": {"p": 0.1, "f1": 0.15, "n_gold": 12} for i in range(15)}}
    render.score_tables(Console(file=out, width=80), scores)
    text = out.getvalue()
    assert all(len(line) <= 80 for line in text.splitlines())
    assert all(f"technique_{i:02d}" in text for i in range(15))
    assert text.count("0.150") == 15
