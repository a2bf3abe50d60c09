"""Which keys a manuscript cites: ``\\citation{…}`` lines of a .aux, ``\\cite…`` of a .tex."""

from __future__ import annotations

import re

# \cite, \citep, \citet, \parencite, \textcite, \autocite, \footcite, \smartcite, \nocite,
# \Cite…, starred forms, up to two optional arguments; biblatex multicite \cites(…)(…)[…]{a}{b}.
_CITE = re.compile(
    r"\\(?:[A-Za-z]*(?i:cite)[A-Za-z]*|citation|nocite)\*?"
    r"(?:\s*\([^)]*\))*(?:\s*\[[^\]]*\])*\s*((?:\{[^{}]*\}\s*(?:\[[^\]]*\]\s*)*)+)"
)
_BIBLATEX_AUX = re.compile(r"\\abx@aux@cite\{[^{}]*\}\{([^{}]*)\}")
_GROUP = re.compile(r"\{([^{}]*)\}")
_COMMENT = re.compile(r"(?<!\\)%.*")


def cited_keys(tex_or_aux_text: str) -> set[str]:
    """Every citation key in a .tex or .aux text (``*`` from ``\\nocite{*}`` is dropped)."""
    keys: set[str] = set()
    for line in tex_or_aux_text.splitlines():
        line = _COMMENT.sub("", line)
        keys.update(k.strip() for k in _BIBLATEX_AUX.findall(line) if k.strip())
        for match in _CITE.finditer(line):
            for group in _GROUP.findall(match.group(1)):
                for key in group.split(","):
                    key = key.strip()
                    if key and key != "*":
                        keys.add(key)
    return keys
