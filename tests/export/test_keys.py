"""Citation keys: ASCII from any script, unique, stable, patterned."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caucbib.errors import UsageError
from caucbib.export.keys import base_key, citation_keys
from caucbib.model import Date, Name, Record


def rec(
    family: str, year: int | None, title: str, lang: str | None = None, rid: str = ""
) -> Record:
    return Record(
        type="book",
        id=rid or None,
        author=[Name(family=family, given="A.")],
        issued=Date(year) if year else None,
        title=title,
        language=lang,
    )


@pytest.mark.parametrize(
    ("record", "key"),
    [
        (rec("Məmmədov", 2020, "Milli təhlükəsizlik", "az"), "mammadov2020milli"),
        (rec("Иванов", 2015, "О русском языке", "ru"), "ivanov2015russkom"),
        (rec("Qasımov", 2015, "The politics of İstanbul"), "qasimov2015politics"),
        (rec("Щукин", None, "Жизнь"), "shchukinndzhizn"),
        (rec("Öztürk", 2022, "Çağdaş Türkiye"), "ozturk2022cagdas"),
    ],
    ids=["azerbaijani-schwa-to-a", "russian", "dotless-i", "no-year", "turkish"],
)
def test_default_pattern(record: Record, key: str) -> None:
    assert base_key(record) == key


def test_organisation_and_missing_author() -> None:
    osce = Record(
        type="report",
        author=[Name(literal="The OSCE Minsk Group")],
        issued=Date(2019),
        title="Report",
    )
    assert base_key(osce) == "osce2019report"
    assert base_key(Record(type="book", title="Anonymous work")) == "anonndanonymous"


def test_clashes_get_suffixes_in_id_order_whatever_the_input_order() -> None:
    a = rec("Aliyev", 2020, "Neft", rid="r000000000002")
    b = rec("Aliyev", 2020, "Neft tarixi", rid="r000000000001")
    assert citation_keys([a, b]) == ["aliyev2020nefta", "aliyev2020neft"]
    assert citation_keys([b, a]) == ["aliyev2020neft", "aliyev2020nefta"]


def test_patterns() -> None:
    record = Record(
        type="book",
        author=[Name(family="Həsənova"), Name(family="Hughes")],
        issued=Date(2017),
        title="Enerji və siyasət Qafqazda",
        language="az",
    )
    assert base_key(record, "{Author}_{year}") == "Hasanova_2017"
    assert (
        base_key(record, "{authors}{year}{shorttitle}") == "hasanovahughes2017enerjisiyasatqafqazda"
    )
    with pytest.raises(UsageError):
        base_key(record, "{nonsense}")


def test_imported_key_is_kept_unless_a_pattern_is_given() -> None:
    record = rec("Aliyev", 2020, "Neft")
    record.extra["citation-key"] = "Aliyev:Neft"
    assert citation_keys([record]) == ["Aliyev:Neft"]
    assert citation_keys([record], "{author}{year}") == ["aliyev2020"]


def test_georgian_letters_are_never_dropped() -> None:
    assert base_key(rec("ჯავახიშვილი", 1908, "ისტორია")).startswith("javakhishvili1908")


_family = st.text(
    alphabet=st.sampled_from(list("abcəƏıİğşçöüÇŞЖжёщЩ ჯ-'")), min_size=0, max_size=12
)


@settings(max_examples=60, deadline=None)
@given(families=st.lists(_family, min_size=1, max_size=8), year=st.integers(1900, 2030))
def test_keys_are_ascii_unique_and_deterministic(families: list[str], year: int) -> None:
    records = [
        Record(
            type="book",
            id=f"r{i:012x}",
            author=[Name(family=f)] if f.strip() else [],
            issued=Date(year),
            title=f,
        )
        for i, f in enumerate(families)
    ]
    keys = citation_keys(records)
    assert len(set(keys)) == len(keys)
    assert all(k.isascii() and k for k in keys)
    assert citation_keys(list(reversed(records))) == list(reversed(keys))
