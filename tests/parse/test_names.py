"""Name-list normaliser: every printed form → family/given/particle/literal, roles, et al."""

from __future__ import annotations

import pytest

from caucbib.model import Name
from caucbib.parse.names import parse_names, recase

CASES = [
    ("apa-ampersand", "Qasımov, C., & Nağıyev, N.", {"turkic": True},
     [Name("Qasımov", "C."), Name("Nağıyev", "N.")]),
    ("gost-family-initials", "Galoyan N.G.", {}, [Name("Galoyan", "N.G.")]),
    ("initials-first", "N. G. Galoyan", {}, [Name("Galoyan", "N. G.")]),
    ("initials-glued", "A.S.Sumbatzade", {}, [Name("Sumbatzade", "A.S.")]),
    ("gost-two-authors", "Danyuk N.S., Semibratov E.V.", {},
     [Name("Danyuk", "N.S."), Name("Semibratov", "E.V.")]),
    ("vancouver", "Sekijima Y, Smith AB", {"english": True},
     [Name("Sekijima", "Y"), Name("Smith", "AB")]),
    ("turkish-caps-recased", "KANTARCI, Şenol", {"turkic": True}, [Name("Kantarcı", "Şenol")]),
    ("patronymic", "Cəfərli Elman Yusif oğlu", {}, [Name("Cəfərli", "Elman Yusif oğlu")]),
    ("particle", "De Waal, T.", {}, [Name("Waal", "T.", particle="De")]),
    ("particle-given-first", "Thomas de Waal", {"english": True},
     [Name("Waal", "Thomas", particle="de")]),
    ("acronym-org", "OSCE", {}, [Name(literal="OSCE")]),
    ("cyrillic-acronym-org", "СССР", {}, [Name(literal="СССР")]),
    ("the-org", "The Jamestown Foundation", {"english": True},
     [Name(literal="The Jamestown Foundation")]),
    ("org-word", "World Bank", {"english": True}, [Name(literal="World Bank")]),
    ("ru-editor-role", "под ред. И. И. Иванова", {}, [Name("Иванова", "И. И.")]),
    ("en-editor-role", "ed. by J. Smith", {"english": True}, [Name("Smith", "J.")]),
    ("ed-in-parens", "J. A. Koops (Ed.)", {}, [Name("Koops", "J. A.")]),
    ("tr-translator", "çev. A. Yılmaz", {"turkic": True}, [Name("Yılmaz", "A.")]),
    ("az-compiler", "Tərtib edən: R. Əliyev", {"turkic": True}, [Name("Əliyev", "R.")]),
    ("chicago-and", "Smith, John, and Mary Jones", {"english": True},
     [Name("Smith", "John"), Name("Jones", "Mary")]),
    ("run-together", "Hacıbəyov T.İ. Sultanov K.N.", {"turkic": True},
     [Name("Hacıbəyov", "T.İ."), Name("Sultanov", "K.N.")]),
    ("two-word-family", "Kara Özdemir, Leyla", {"turkic": True}, [Name("Kara Özdemir", "Leyla")]),
    ("given-first-known-given", "Murat Aydemir", {"turkic": True}, [Name("Aydemir", "Murat")]),
    ("stray-comma-given-family", "Orxan, Həsənli", {"turkic": True}, [Name("Həsənli", "Orxan")]),
    ("stray-comma-cyrillic", "Ольга, Смирнова", {}, [Name("Смирнова", "Ольга")]),
    ("family-given-kept", "Həsənli, Orxan", {"turkic": True}, [Name("Həsənli", "Orxan")]),
    ("given-first-az", "Kamran Nəbiyev", {"turkic": True}, [Name("Nəbiyev", "Kamran")]),
    ("given-first-ru", "Ирина Кузнецова", {}, [Name("Кузнецова", "Ирина")]),
    ("both-given-kept", "Tekin, Yusuf", {"turkic": True}, [Name("Tekin", "Yusuf")]),
    ("caps-family-last", "Selim KORKMAZ", {"turkic": True}, [Name("Korkmaz", "Selim")]),
    ("academic-title", "Prof. Dr. Kaya, Orhan", {"turkic": True}, [Name("Kaya", "Orhan")]),
    ("ru-caps-family", "ПЕТРОВ А. В.", {}, [Name("Петров", "А. В.")]),
]


@pytest.mark.parametrize(("text", "options", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_parse_names(text: str, options: dict[str, bool], expected: list[Name]) -> None:
    names, _ = parse_names(text, **options)
    assert names == expected


@pytest.mark.parametrize(
    "text",
    ["Cornell, S. et al.", "Иванов И. И. и др.", "Öztürk, S. vd.", "Yılmaz, A. ve ark.",
     "Məmmədov A. və b.", "Петров П. и соавт.", "Brown, T. & others"],
)
def test_et_al_forms_are_flagged_never_names(text: str) -> None:
    names, et_al = parse_names(text, turkic=True)
    assert et_al
    assert len(names) == 1
    assert names[0].family and names[0].family[0].isupper()


def test_ditto_dashes_give_no_names() -> None:
    assert parse_names("———") == ([], False)


@pytest.mark.parametrize(
    ("word", "turkic", "expected"),
    [("KANTARCI", True, "Kantarcı"), ("ALİYEV", True, "Aliyev"), ("SMITH", False, "Smith"),
     ("ABDULLA-ZADE", False, "Abdulla-Zade")],
)
def test_recase(word: str, turkic: bool, expected: str) -> None:
    assert recase(word, turkic) == expected
