"""Folding, romanisation, OCR repair, script hints and match keys."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from caucbib.errors import UsageError
from caucbib.text import (
    base_key,
    fold,
    language_hint,
    name_skeleton,
    repair_ocr,
    romanize,
    script_of,
    title_key,
)


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        pytest.param("İSTANBUL", "istanbul", id="dotted-capital-I"),
        pytest.param("Qasımov", "qasimov", id="dotless-i"),
        pytest.param("Məmmədov", "memmedov", id="schwa"),
        pytest.param("Ağaoğlu Şüşə Çörək", "agaoglu susе corek".replace("е", "e"), id="az-letters"),
        pytest.param("Émile Łódź", "emile lodz", id="other-diacritics"),
        pytest.param("Ёлкин Йошкар", "елкин йошкар", id="cyrillic-keeps-short-i"),
        pytest.param("Straße", "strasse", id="sharp-s"),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@given(st.text())
def test_fold_is_idempotent(s: str) -> None:
    assert fold(fold(s)) == fold(s)


@given(st.text())
def test_base_key_is_idempotent_and_ascii(s: str) -> None:
    key = base_key(s)
    assert base_key(key) == key


@pytest.mark.parametrize(
    ("raw", "scheme", "expected"),
    [
        pytest.param("Гасанов", "key", "Gasanov", id="ru-key"),
        pytest.param("Дьяконов", "key", "Dyakonov", id="ru-soft-sign-dropped-in-key"),
        pytest.param("Дьяконов", "bgn-pcgn", "D'yakonov", id="ru-bgn"),
        pytest.param("Щукин Цветков", "gost-7.79-b", "Shhukin Czvetkov", id="ru-gost-b"),
        pytest.param("ЩУКИН", "key", "SHCHUKIN", id="ru-all-caps"),
        pytest.param("Məmmədov", "az-official", "Mammadov", id="az-official-schwa-a"),
        pytest.param("Məmmədov", "key", "Memmedov", id="key-schwa-e"),
        pytest.param("Азәрбајҹан Һүсејнов", "key", "Azerbaycan Huseynov", id="az-cyrillic"),
        pytest.param(
            "Чобанзадә Ғафаров Ҝәнҹә", "key", "Cobanzade Gafarov Gence", id="az-cyrillic-2"
        ),
        pytest.param("ქართული", "key", "kartuli", id="georgian"),
        pytest.param("Հայերեն", "key", "Hayeren", id="armenian"),
    ],
)
def test_romanize(raw: str, scheme: str, expected: str) -> None:
    assert romanize(raw, scheme=scheme) == expected


def test_romanize_azerbaijani_lang_forces_az_tables() -> None:
    assert romanize("Баки", lang="az") == "Baki"
    assert romanize("Хан", lang="az") == "Xan"
    assert romanize("Хан", lang="ru") == "Khan"


def test_romanize_unknown_scheme_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        romanize("x", scheme="iso-9000")


@given(st.text(alphabet=st.characters(categories=("Lu", "Ll"))))
def test_romanize_never_drops_a_letter(s: str) -> None:
    out = romanize(s, scheme="bgn-pcgn")
    assert (out == "") == (s == "")


@pytest.mark.parametrize(
    ("raw", "script"),
    [
        pytest.param("Azərbaycan tarixi", "latin", id="latin"),
        pytest.param("История Азербайджана", "cyrillic", id="cyrillic"),
        pytest.param("Азербайджан Azerbaijan", "mixed", id="mixed"),
        pytest.param("საქართველო", "georgian", id="georgian"),
        pytest.param("Հայաստան", "armenian", id="armenian"),
        pytest.param("2015, 12-19", "other", id="no-letters"),
        pytest.param("Кавказ and a Latin tail of many more letters here", "mixed", id="mixed-2"),
    ],
)
def test_script_of(raw: str, script: str) -> None:
    assert script_of(raw) == script


def test_language_hint() -> None:
    assert language_hint("Azərbaycan tarixi") == "az"
    assert language_hint("Türkiye'de eğitim") == "tr"
    assert language_hint("История Кавказа") == "ru"
    assert language_hint("Азәрбајҹан тарихи") == "az"
    assert language_hint("The Caucasus") is None


@pytest.mark.parametrize(
    ("damaged", "key"),
    [
        pytest.param("Tiirkiye Tarihi", "turkiye tarihi", id="ii-for-u"),
        pytest.param("Say1 12", "sayi 12", id="one-for-dotless-i"),
        pytest.param("0zbek 6zel", "ozbek ozel", id="digits-at-word-start"),
        pytest.param("Ġslam mətnĢünaslığı", "islam metnsunasligi", id="az-font-mapping"),
        pytest.param("Kitаb", "kitab", id="cyrillic-a-in-latin-word"),
        pytest.param("Истоpия", "istoriya", id="latin-p-in-cyrillic-word"),
        pytest.param("Cilt II", "cilt ii", id="roman-numeral-kept"),
    ],
)
def test_ocr_repair_in_keys(damaged: str, key: str) -> None:
    assert base_key(damaged) == key


def test_repair_ocr_keeps_clean_text() -> None:
    assert repair_ocr("Hawaii 2015, vol. 12") == "Hawaii 2015, vol. 12"


@pytest.mark.parametrize(
    "variants",
    [
        pytest.param(["Dyakonov", "Diakonov", "D'iakonov", "Дьяконов", "Diakonoff"], id="dyakonov"),
        pytest.param(["Gasanov", "Hasanov", "Həsənov", "Гасанов", "Hesenov"], id="hasanov"),
        pytest.param(["Kasımov", "Qasımov", "Qasimov", "Касимов"], id="qasimov"),
        pytest.param(["Məmmədov", "Mammadov", "Мамедов", "Memmedov"], id="mammadov"),
        pytest.param(["Cəfərov", "Jafarov", "Джафаров", "Dzhafarov"], id="jafarov"),
        pytest.param(["Xələfov", "Khalafov", "Халафов", "Xelefov"], id="xelefov"),
        pytest.param(["Əliyev", "Aliyev", "Aliev", "Алиев"], id="aliyev"),
    ],
)
def test_name_skeleton_collapses_transliterations(variants: list[str]) -> None:
    assert len({name_skeleton(v) for v in variants}) == 1


def test_name_skeleton_keeps_different_names_apart() -> None:
    assert name_skeleton("Aliyev") != name_skeleton("Quliyev")
    assert name_skeleton("Rüstəmov") != name_skeleton("Rəhimov")


def test_title_key_strips_punctuation_and_stop_words() -> None:
    assert title_key("«Azərbaycan tarixi» və mədəniyyəti.") == "azerbaycan tarixi medeniyyeti"
    assert title_key("The History of the Caucasus") == "history caucasus"
    assert title_key("История и культура Кавказа") == title_key("Istoriya i kul'tura Kavkaza")
    assert title_key(None) == ""


def test_several_damaged_letters_in_one_word_are_repaired() -> None:
    assert base_key("Araşt1rmalar1 Yay1nlar1") == "arastirmalari yayinlari"
    assert base_key("10th 1990s A4") == "10th 1990s a4"
