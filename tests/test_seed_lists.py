"""The sample corpus in refs/: what issues #2 and #3 require the parser to get right."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest

from caucbib.api import parse_strings
from caucbib.find import extract_references
from tests.conftest import REFS


def _norm(value: Any) -> str:
    text = unicodedata.normalize("NFKC", str(value)).replace("–", "-").replace("İ", "I")
    return re.sub(r"\s+", " ", text.casefold()).strip(" .,;:")


def _families(names: list[Any]) -> list[str]:
    return [_norm(n.literal or n.family) for n in names]


ORG = [  # (authors, year, title start, container, place, publisher)
    (["barutcu"], 2012, "uluslararası anlaşmazlıkların çözümünde", None, "isparta",
     "süleyman demirel üniversitesi"),
    (["bayramlı"], 2022, "atət-in mövqeyi, yoxsa mövqesizliyi?", None, None, None),
    (["buzan"], 1997, "security: a new framework for analysis", None, "boulder",
     "lynne rienner publishers"),
    (["coppieters"], 2014, "united nations observer mission in georgia (unomig)",
     "the oxford handbook of united nations peacekeeping operations", "oxford", "oxford academic"),
    (["cornell"], 2004, "regional security in the south caucasus: the role of nato", None,
     "washington", "central asia-caucasus institute"),
    (["demir"], 2018, "agit minsk grubu, dağlık karabağ", None, "istanbul", "marmara üniversitesi"),
    (["gurbanova"], 2022, "new geopolitical changes in the caucasus", None, "istanbul",
     "bilgi üniversitesi"),
    (["gürbüz"], 2019, "the role of united nations security council", None, "gaziantep",
     "gaziantep üniversitesi"),
    (["həsənova"], 2017, "azərbaycan respublikasının nato-nun",
     "azərbaycan mea-nın xəbərləri: ictimai elmlər seriyası", None, None),
    (["hughes", "lai"], 2010, "the security studies reader", None, "new york", "routledge"),
    (["qasımov", "nağıyev"], 2015, "milli təhlükəsizliyin əsasları", None, "bakı",
     "mtn-nin h. əliyev ad. akad"),
    (["kaleji"], 2024, "armenia reaches", "the jamestown foundation", None, None),
    (["lipschutz"], 2011, "securitization and desecuritization", None, "abingdon, oxon",
     "routledge"),
    (["nunner"], 2016, "international law, recognition", "bilge strateji", None, None),
    (["ordahallı"], 2023, "bəs deyirdin azərbaycan", "bakixeber", None, None),
    (["paşkin"], 2023, "ai azərbaycanla ermənistanı", "apa", None, None),
    (["priego"], 2008, "nato cooperation towards south caucasus",
     "caucasian review of international affairs", None, None),
    (["tass"], 2020, "un working on deploying mine clearance mission", None, None, None),
    (["yüksel", "yüce"], 2022, "uluslararası hukuk açısından dağlık karabağ sorunu",
     "istanbul hukuk mecmuası", None, None),
]


@pytest.fixture(scope="module")
def organisations() -> list[Any]:
    text = (REFS / "south-caucasus-organisations.txt").read_text("utf-8")
    return parse_strings(extract_references(text).references)


@pytest.mark.parametrize("index", range(len(ORG)), ids=[e[0][0] for e in ORG])
def test_seed_000_entry(organisations: list[Any], index: int) -> None:
    authors, year, title, container, place, publisher = ORG[index]
    record = organisations[index]
    assert _families(record.author) == authors
    assert record.year == year
    assert _norm(record.title).startswith(title)
    assert (_norm(record.container_title) if record.container_title else None) == container
    assert (_norm(record.publisher_place) if record.publisher_place else None) == place
    assert (_norm(record.publisher) if record.publisher else None) == publisher


def test_seed_000_details(organisations: list[Any]) -> None:
    assert len(organisations) == 19
    bayramli, kaleji = organisations[1], organisations[11]
    assert (bayramli.issued.year, bayramli.issued.month, bayramli.issued.day) == (2022, 1, 13)
    assert (kaleji.issued.month, kaleji.issued.day) == (8, 5)
    cornell = organisations[4]
    assert cornell.et_al == ["author"]
    hasanova, nunner, priego, yuksel = (organisations[i] for i in (8, 13, 16, 18))
    assert (hasanova.issue, hasanova.page) == ("2", "119-124")
    assert (nunner.volume, nunner.issue, nunner.page) == ("8", "14", "19-46")
    assert (priego.volume, priego.issue, priego.page) == ("2", "1", "1-8")
    assert (yuksel.volume, yuksel.issue, yuksel.page) == ("80", "3", "1021-1065")
    assert organisations[17].author[0].literal == "TASS"


@pytest.fixture(scope="module")
def footnotes() -> list[Any]:
    text = (REFS / "csto-karabakh-footnotes.txt").read_text("utf-8")
    return parse_strings(extract_references(text).references)


def test_seed_002_all_ten_split_and_parsed(footnotes: list[Any]) -> None:
    assert len(footnotes) == 10
    russian = [i for i, r in enumerate(footnotes) if r.language == "ru"]
    assert russian == [0, 6, 7, 8]  # the four "(In Russ.)" references
    galoyan = footnotes[0]
    assert _families(galoyan.author) == ["galoyan"]
    assert galoyan.DOI == "10.7256/2454-0641.2018.2.26560"
    assert (galoyan.issue, galoyan.page, galoyan.year) == ("2", "83-89", 2018)
    assert _norm(galoyan.container_title) == "international relations"
    danyuk = footnotes[6]
    assert _families(danyuk.author) == ["danyuk", "semibratov"]
    assert (danyuk.volume, danyuk.issue, danyuk.page, danyuk.year) == ("11", "1", "58-70", 2021)
    kazantseva = footnotes[7]
    assert (kazantseva.issue, kazantseva.page, kazantseva.year) == ("2", "20-24", 2011)
    atabay = footnotes[8]
    assert (atabay.volume, atabay.issue, atabay.page, atabay.year) == ("3", "5", "257-262", 2022)
