"""Text helpers every door shares: width folding for matching, and what a placeholder looks like.

Scraped and pasted plans mix full- and half-width forms. Matching code folds them with
`fold_width`, which maps one character to one character so that positions found in the folded
text are positions in the original. NFKC is avoided: it turns ① into 1 and ㈠ into (一).
"""

from __future__ import annotations

import re

_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20})


def fold_width(text: str) -> str:
    """Full-width ASCII forms to ASCII and wide spaces to a space, one char for one char."""
    return text.translate(_FOLD)


# Unfilled template slots: 20xx, xx区, ***, 某某, ____ (a placeholder the lint rule, the schema and
# the importer all mean the same by).
PLACEHOLDER = re.compile(
    r"20[xX×]{2}|(?<![A-Za-z])[xX×]{2,}(?![A-Za-z])(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])[xX×]{2,}(?![A-Za-z])"
    r"|[xX]{3,}|×{2,}|\*{2,}|某某|_{3,}|＿{2,}"
)
