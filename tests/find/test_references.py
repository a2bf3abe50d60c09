"""Finding reference sections and splitting them into one string per reference."""

from __future__ import annotations

from caucbib.find import extract_references, split_section
from tests.conftest import REFS

NUMBERED_AFTER_PROSE = """A short abstract about regional security written for this test. It
mentions 1994 and 2020 in passing, as prose does.
Keywords: security, Caucasus
2. Əliyev, R. (2019). Regional təhlükəsizlik. Bakı: Elm.
3. Smith, J. (2005). Borders and Wars. London: Routledge.
4. Petrov, I. (2011). Caucasian Security Revisited. Moscow:
Nauka.
"""


def test_numbered_run_after_prose_skips_the_prose_and_joins_wrapped_lines() -> None:
    found = extract_references(NUMBERED_AFTER_PROSE)
    assert found.method == "numbered-run"
    assert found.references == [
        "Əliyev, R. (2019). Regional təhlükəsizlik. Bakı: Elm.",
        "Smith, J. (2005). Borders and Wars. London: Routledge.",
        "Petrov, I. (2011). Caucasian Security Revisited. Moscow: Nauka.",
    ]


def test_headings_in_four_languages_open_a_section() -> None:
    for heading in ("References", "KAYNAKÇA", "İstifadə olunmuş ədəbiyyat", "Список литературы",
                    "7. Bibliography:", "## Ədəbiyyat"):
        text = f"Some prose here.\n\n{heading}\n1. Quliyev A. Tarix. Bakı, 2001.\n2. Ivanov I. Istoriya. M., 1999.\n"
        found = extract_references(text)
        assert found.method == "heading", heading
        assert found.references == ["Quliyev A. Tarix. Bakı, 2001.", "Ivanov I. Istoriya. M., 1999."]


def test_section_ends_at_an_appendix_heading() -> None:
    text = "References\nAdams, B. (2001). Title one. Oxford: OUP.\nAppendix\nTable 1. Not a reference, 2001."
    assert extract_references(text).references == ["Adams, B. (2001). Title one. Oxford: OUP."]


def test_footnote_markers_run_together_on_one_line_are_split() -> None:
    text = ("Prose with a note.[i] More prose.[ii]\n\n"
            "[i] Ivanov I.I. Title one // Journal. - 2018. - № 2. - С. 83 - 89. [ii] Petrov P. "
            "Title two, 25 September 2023 URL: [iii] Sidorov S. Title three. 2021;11(1):58-70.\n\n"
            "12 views")
    found = extract_references(text)
    assert found.method == "footnotes"
    assert found.references == [
        "Ivanov I.I. Title one // Journal. - 2018. - № 2. - С. 83 - 89.",
        "Petrov P. Title two, 25 September 2023 URL:",
        "Sidorov S. Title three. 2021;11(1):58-70.",
    ]


def test_bracketed_and_parenthesised_numbers_and_line_breaks() -> None:
    lines = ["[1] Məmmədov Ə. Azərbaycan tarixinin məsələlə-", "ri. Bakı, 2005.",
             "[2] Kaya, A. (2010). Kafkasya. Ankara: TTK."]
    assert split_section(lines) == ["Məmmədov Ə. Azərbaycan tarixinin məsələləri. Bakı, 2005.",
                                     "Kaya, A. (2010). Kafkasya. Ankara: TTK."]
    assert split_section(["(1) A, B. 2001. One.", "(2) C, D. 2002. Two."]) == [
        "A, B. 2001. One.", "C, D. 2002. Two."]
    assert split_section(["1) A, B. 2001. One.", "2) C, D. 2002. Two."]) == [
        "A, B. 2001. One.", "C, D. 2002. Two."]


def test_unnumbered_list_is_one_reference_per_line() -> None:
    text = "Kaynakça\nKaya, A. (2010). Kafkasya. Ankara: TTK.\nYılmaz, B. (2012). Türk dünyası,\ns. 45-67.\n"
    assert extract_references(text).references == [
        "Kaya, A. (2010). Kafkasya. Ankara: TTK.", "Yılmaz, B. (2012). Türk dünyası, s. 45-67."]


def test_document_without_a_list_gives_nothing() -> None:
    text = "An opinion piece.\n\nIt discusses 2020 and 2023 but cites nothing at all.\n"
    found = extract_references(text)
    assert found.references == [] and found.method == "none"


def test_sample_corpus_documents() -> None:
    org = extract_references((REFS / "south-caucasus-organisations.txt").read_text("utf-8"))
    assert len(org.references) == 19
    assert org.references[0].startswith("Barutcu, A. (2012).")
    assert org.references[-1].endswith("80(3), 1021–1065.")
    notes = extract_references((REFS / "csto-karabakh-footnotes.txt").read_text("utf-8"))
    assert len(notes.references) == 10
    assert notes.references[0].startswith("Galoyan N.G. - The Nagorno-Karabakh conflict")
    assert notes.references[9].startswith("Aliyev N., War in Nagorno-Karabakh")
    cited = extract_references((REFS / "karabakh-victory-cited.txt").read_text("utf-8"))
    assert cited.references[:2] == ["Volker (2005)", "Macfarlane (no date)"]
