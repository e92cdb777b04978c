"""Build the certificate fonts in static/certificates/fonts/ from the upstream OFL fonts.

The certificate is rendered with two SIL Open Font License families that cover Vietnamese:
Noto Serif (Google) and Be Vietnam Pro (Lâm Bảo, Tony Le, ViệtAnh Nguyễn). The full TTFs come
from the npm packages ``@expo-google-fonts/noto-serif`` and ``@expo-google-fonts/be-vietnam-pro``
(Google Fonts' own files); this script keeps the Latin and Vietnamese characters and writes WOFF2.

    mkdir -p /tmp/fonts && cd /tmp/fonts
    npm pack @expo-google-fonts/noto-serif @expo-google-fonts/be-vietnam-pro
    for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
    .venv/bin/python scripts/build_certificate_fonts.py /tmp/fonts

Nothing loads at run time from anywhere but the project's static files (docs/certificates.md).
"""

import sys
from pathlib import Path

from fontTools import subset

OUT = Path(__file__).resolve().parent.parent / "static" / "certificates" / "fonts"

FONTS = {
    "NotoSerif-Regular.woff2": "noto-serif*/package/400Regular/NotoSerif_400Regular.ttf",
    "NotoSerif-Italic.woff2": "noto-serif*/package/400Regular_Italic/NotoSerif_400Regular_Italic.ttf",
    "NotoSerif-Bold.woff2": "noto-serif*/package/700Bold/NotoSerif_700Bold.ttf",
    "NotoSerif-BoldItalic.woff2": "noto-serif*/package/700Bold_Italic/NotoSerif_700Bold_Italic.ttf",
    "BeVietnamPro-Regular.woff2": "be-vietnam-pro*/package/400Regular/BeVietnamPro_400Regular.ttf",
    "BeVietnamPro-SemiBold.woff2": "be-vietnam-pro*/package/600SemiBold/BeVietnamPro_600SemiBold.ttf",
}

# Basic Latin, Latin-1, the Latin Extended letters Vietnamese uses, combining marks, the Vietnamese
# block, general punctuation (dashes, curly quotes, ellipsis, bullet), the đồng sign and №.
UNICODES = (
    "U+0020-007E,U+00A0-00FF,U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,"
    "U+01AF-01B0,U+0300-0301,U+0303,U+0309,U+0323,U+1EA0-1EF9,U+2010-2027,U+2030,U+2039-203A,"
    "U+20AB,U+2116,U+2212"
)


def main(source: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, pattern in FONTS.items():
        matches = sorted(source.glob(f"*{pattern}"))
        if not matches:
            raise SystemExit(f"{pattern} not found under {source}")
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        font = subset.load_font(str(matches[0]), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
        subsetter.subset(font)
        subset.save_font(font, str(OUT / name), options)
        print(f"{name}: {(OUT / name).stat().st_size} bytes")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: build_certificate_fonts.py FOLDER_WITH_THE_UNPACKED_NPM_PACKAGES")
    main(Path(sys.argv[1]))
