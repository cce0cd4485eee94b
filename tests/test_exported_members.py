"""The public surface stays small and every exported name resolves."""

import dragoman


def test_exported_members_all_resolve():
    for name in dragoman.__all__:
        assert getattr(dragoman, name) is not None, name


def test_exported_members_unknown_name_raises():
    import pytest

    with pytest.raises(AttributeError):
        dragoman.no_such_thing  # noqa: B018


def test_exported_members_are_the_documented_few():
    assert len(dragoman.__all__) <= 15
    assert "Record" in dragoman.__all__ and "Store" in dragoman.__all__


def test_exported_members_match_the_lazy_table():
    assert set(dragoman.__all__) == {*dragoman._EXPORTS, "__version__"}
