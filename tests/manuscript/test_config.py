"""Configuration: user file, project file found upward, validation errors with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from caucbib.config import Config, find_project_file, load_config
from caucbib.errors import CaucbibError


def test_defaults_when_no_files(tmp_path: Path) -> None:
    config = load_config(tmp_path, user_file=tmp_path / "missing.toml")
    assert config == Config()


def test_project_file_overrides_user_file_key_by_key(tmp_path: Path) -> None:
    user = tmp_path / "user.toml"
    user.write_text('style = "chicago-author-date"\nlocale = "tr-TR"\n'
                    'export-format = "biblatex"\n', encoding="utf-8")
    project = tmp_path / "thesis"
    deep = project / "chapters" / "one"
    deep.mkdir(parents=True)
    (project / "caucbib.toml").write_text('style = "gost-r-7-0-5-2008"\nlibrary = "refs.sqlite"\n'
                                          'key_pattern = "{author}{year}"\n', encoding="utf-8")
    config = load_config(deep, user_file=user)
    assert config.style == "gost-r-7-0-5-2008"
    assert config.locale == "tr-TR"
    assert config.export_format == "biblatex"
    assert config.key_pattern == "{author}{year}"
    assert config.library == (project / "refs.sqlite").resolve()
    assert config.sources == (user, (project / "caucbib.toml").resolve())
    assert find_project_file(deep) == (project / "caucbib.toml").resolve()


def test_library_path_expands_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "caucbib.toml").write_text('library = "~/lib.sqlite"\n', encoding="utf-8")
    assert load_config(tmp_path, user_file=tmp_path / "none").library == tmp_path / "lib.sqlite"


@pytest.mark.parametrize(
    "content, message",
    [
        ('style = "apa"\ncolour = "red"\n', "unknown config key 'colour'"),
        ('style = "apa"\nlocale = = "x"\n', "malformed TOML: Invalid value (at line 2, column 10)"),
        ('export_format = "docx"\n', "export_format 'docx' is not one of"),
        ("style = 3\n", "style must be a non-empty string"),
        ('key_pattern = "fixed"\n', "key_pattern 'fixed' has no placeholder"),
    ],
    ids=["unknown-key", "malformed", "bad-format", "not-a-string", "pattern-without-placeholder"],
)
def test_bad_files_name_the_file(tmp_path: Path, content: str, message: str) -> None:
    file = tmp_path / "caucbib.toml"
    file.write_text(content, encoding="utf-8")
    with pytest.raises(CaucbibError) as info:
        load_config(tmp_path, user_file=tmp_path / "none")
    assert info.value.message.startswith(f"{file.resolve()}: ")
    assert message in info.value.message
