"""Configuration from TOML files: the user's ``config.toml`` and a per-project ``caucbib.toml``.

The user file lives in ``platformdirs.user_config_path("caucbib")``; a ``caucbib.toml`` in the
current folder or the nearest parent overrides it key by key. Keys (``-`` and ``_`` are
interchangeable)::

    library = "~/papers/library.sqlite"   # relative paths are relative to the file
    style = "apa"
    key_pattern = "{author}{year}{title}"
    locale = "en-US"
    export_format = "bibtex"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from caucbib.errors import CaucbibError

PROJECT_FILE = "caucbib.toml"
USER_FILE = "config.toml"
EXPORT_FORMATS: tuple[str, ...] = ("bibtex", "biblatex", "csl-json", "ris")


@dataclass(frozen=True)
class Config:
    """Settings with their defaults; ``sources`` lists the files that were read, in order."""

    library: Path | None = None
    style: str = "apa"
    key_pattern: str = "{author}{year}{title}"
    locale: str = "en-US"
    export_format: str = "biblatex"
    sources: tuple[Path, ...] = ()


_KEYS = {f.name for f in fields(Config)} - {"sources"}


def user_config_file() -> Path:
    """Where the user's config file is (it need not exist)."""
    return platformdirs.user_config_path("caucbib") / USER_FILE


def find_project_file(start: Path | None = None) -> Path | None:
    """The nearest ``caucbib.toml`` in ``start`` (default: the current folder) or its parents."""
    folder = (start or Path.cwd()).resolve()
    if folder.is_file():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        path = candidate / PROJECT_FILE
        if path.is_file():
            return path
    return None


def read_config_file(path: Path) -> dict[str, Any]:
    """The validated settings of one file (keys normalised to ``snake_case``)."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise CaucbibError(f"{path}: malformed TOML: {exc}",
                           hint="see https://toml.io for the syntax") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CaucbibError(f"cannot read config file {path}: {exc}") from exc
    out: dict[str, Any] = {}
    for raw_key, value in data.items():
        key = raw_key.replace("-", "_")
        if key not in _KEYS:
            raise CaucbibError(f"{path}: unknown config key {raw_key!r}",
                               hint=f"known keys: {', '.join(sorted(_KEYS))}")
        if not isinstance(value, str) or not value.strip():
            raise CaucbibError(f"{path}: {raw_key} must be a non-empty string")
        out[key] = _value(path, key, value.strip())
    return out


def _value(path: Path, key: str, value: str) -> Any:
    if key == "library":
        library = Path(os.path.expandvars(value)).expanduser()
        return library if library.is_absolute() else (path.parent / library).resolve()
    if key == "export_format" and value not in EXPORT_FORMATS:
        raise CaucbibError(f"{path}: export_format {value!r} is not one of "
                           f"{', '.join(EXPORT_FORMATS)}")
    if key == "key_pattern" and "{" not in value:
        raise CaucbibError(f"{path}: key_pattern {value!r} has no placeholder",
                           hint="placeholders look like {author}{year}")
    return value


def load_config(start: Path | None = None, *, user_file: Path | None = None) -> Config:
    """Defaults, then the user file, then the nearest project file (``start`` or cwd upward)."""
    config = Config()
    for path in (user_file or user_config_file(), find_project_file(start)):
        if path is not None and path.is_file():
            config = replace(config, **read_config_file(path), sources=(*config.sources, path))
    return config
