#!/usr/bin/env python3
"""Builds the two embedded fonts of longzhi-reports from Debian's fonts-noto-cjk.

    apt-get install -y fonts-noto-cjk            # 1:20220127+repack1-1 (Noto Sans CJK 2.004)
    python3 -m venv /tmp/ftvenv && /tmp/ftvenv/bin/pip install fonttools==4.69.1
    /tmp/ftvenv/bin/python crates/reports/fonts/make_fonts.py

Each output is face 2 (Noto Sans CJK SC) of the Debian collection, cut down to the characters of
`coverage()`: ASCII and Latin-1, every character of GB 2312 (6,763 hanzi plus its symbols, pinyin,
Greek, Cyrillic, kana and full-width forms), the punctuation and symbol blocks reports use, and
whatever `extra-chars.txt` beside this script lists (characters outside GB 2312 that Longzhi's data
needs). The names, copyright and licence records of the font are kept.
"""

import pathlib

from fontTools import subset
from fontTools.ttLib import TTCollection

HERE = pathlib.Path(__file__).resolve().parent
SOURCE = pathlib.Path("/usr/share/fonts/opentype/noto")
SC_FACE = 2  # 0 JP, 1 KR, 2 SC, 3 TC, 4 HK, 5.. the Mono faces
OUTPUTS = {
    "NotoSansCJKsc-Regular.ttc": "NotoSansSC-Longzhi-Regular.otf",
    "NotoSansCJKsc-Bold.ttc": "NotoSansSC-Longzhi-Bold.otf",
}

BLOCKS = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 supplement
    (0x2000, 0x206F),  # general punctuation: — – ‘ ’ “ ” … ‰ ※
    (0x2070, 0x209F),  # super- and subscripts
    (0x20A0, 0x20CF),  # currency: €
    (0x2100, 0x214F),  # letterlike: ℃ № ™
    (0x2150, 0x218F),  # number forms: ½ Ⅰ Ⅱ ⅰ
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators: ≤ ≥ ≈ ≠ ∑ √
    (0x2460, 0x24FF),  # enclosed alphanumerics: ① ⑴ ⒈
    (0x2500, 0x257F),  # box drawing
    (0x25A0, 0x25FF),  # geometric shapes: ■ □ ▲ △ ● ○ ◆
    (0x2600, 0x26FF),  # miscellaneous symbols: ★ ☆ ✓
    (0x2700, 0x27BF),  # dingbats
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、 。 《 》 【 】 〇
    (0x3200, 0x32FF),  # enclosed CJK: ㈠ ㊀
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half- and full-width forms
]

# fontTools' default set (kern, liga, ccmp, mark, …) less `locl`: in the SC face `locl` maps to the
# Japanese, Korean and traditional glyph variants, which would almost double the font.
DROPPED_FEATURES = {"locl"}
FEATURES = [
    # plus:
    "tnum", "pnum", "lnum",  # tabular / proportional digits for tables and axes
    "palt", "halt",  # proportional and half-width CJK punctuation
    "fwid", "hwid", "pwid",  # full-, half-, proportional-width forms
    "vert", "vrt2",  # vertical writing
]


def coverage() -> set[int]:
    chars = set()
    for lo, hi in BLOCKS:
        chars.update(range(lo, hi + 1))
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([row, cell]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    extra = (HERE / "extra-chars.txt").read_text(encoding="utf-8")
    chars.update(ord(c) for line in extra.splitlines() if not line.startswith("#") for c in line if not c.isspace())
    return chars


def main() -> None:
    unicodes = sorted(coverage())
    for source, target in OUTPUTS.items():
        collection = TTCollection(str(SOURCE / source.replace("CJKsc", "CJK")))
        font = collection.fonts[SC_FACE]
        options = subset.Options()
        options.layout_features = [
            f for f in [*options.layout_features, *FEATURES] if f not in DROPPED_FEATURES
        ]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.name_legacy = True
        options.notdef_outline = True
        options.hinting = False
        options.glyph_names = False
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        font.recalcTimestamp = False  # keep the source's head.modified: the output is reproducible
        font.save(str(HERE / target))
        print(f"{target}: {len(font.getGlyphOrder())} glyphs, {(HERE / target).stat().st_size} bytes")


if __name__ == "__main__":
    main()
