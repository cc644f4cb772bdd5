"""Layout presets by name: the one registry of presets. The spec's `style.preset` accepts these
names and the JSON Schema lists them (both derive from `PRESET_BY_NAME`); the DOCX renderer lays
the page out from the chosen one. Adding a preset is adding a line here.

`gbt9704` follows GB/T 9704-2012 strictly: A4, margins 37/35/28/26 mm, a 22-line × 28-character
grid, title 22 pt 小标宋, body 16 pt 仿宋, level faces 黑体/楷体/仿宋/仿宋 with no bold.
`common` is the usual house variation: 28 pt fixed line spacing, levels 2 and 3 in bold.
Font names are the Windows names users' machines have; no font file is ever shipped.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Layout:
    """How the DOCX is laid out: fonts, sizes, line pitch, margins and numbering (GB/T 9704-2012 by
    default). Frozen and compared by value: its repr names the kept DOCX package it makes
    (render/docx_skeleton.py)."""

    title_font: str = "方正小标宋简体"
    body_font: str = "仿宋_GB2312"
    level_fonts: tuple[str, str, str, str] = ("黑体", "楷体_GB2312", "仿宋_GB2312", "仿宋_GB2312")
    latin_font: str = "Times New Roman"
    page_number_font: str = "宋体"
    table_header_font: str = "黑体"
    title_size: float = 22.0  # 2号
    body_size: float = 16.0  # 3号
    table_size: float = 14.0  # 4号
    grid_size: float = 9.0  # 小五号, so “12月” fits a twelfth of the month grid
    page_number_size: float = 14.0  # 4号
    line_pitch: float = 28.95  # 225 mm / 22 lines, in points
    chars_per_line: int = 28
    use_grid: bool = True
    bold_levels: tuple[int, ...] = ()
    margins_mm: tuple[float, float, float, float] = (37.0, 35.0, 28.0, 26.0)  # top, bottom, left, right
    numbering: str = "gbt9704"


PRESET_BY_NAME: dict[str, Layout] = {
    "gbt9704": Layout(),
    "common": Layout(line_pitch=28.0, use_grid=False, bold_levels=(2, 3)),
}
