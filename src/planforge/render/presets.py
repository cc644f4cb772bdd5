"""The spec's `style:` overrides applied on top of a layout preset (model/layouts.py)."""

from __future__ import annotations

from dataclasses import replace

from planforge.model.layouts import PRESET_BY_NAME, Layout
from planforge.model.plan import Style


def resolve_layout(style: Style) -> Layout:
    """The preset named by `style.preset`, with every field the spec sets overriding it."""
    layout = PRESET_BY_NAME[style.preset]
    overrides: dict = {}
    if style.title_font:
        overrides["title_font"] = style.title_font
    if style.body_font:
        overrides["body_font"] = style.body_font
    if style.level_fonts:
        fonts = list(layout.level_fonts)
        fonts[: len(style.level_fonts)] = style.level_fonts
        overrides["level_fonts"] = tuple(fonts)
    if style.title_size:
        overrides["title_size"] = style.title_size
    if style.body_size:
        overrides["body_size"] = style.body_size
    if style.line_pitch:
        overrides["line_pitch"] = style.line_pitch
    if style.bold_levels is not None:
        overrides["bold_levels"] = tuple(style.bold_levels)
    if style.margins:
        m = style.margins
        overrides["margins_mm"] = (m.top, m.bottom, m.left, m.right)
    if style.numbering:
        overrides["numbering"] = style.numbering
    return replace(layout, **overrides)
