"""Named colours beyond xcolor's base names: the CSS named colours (the same as xcolor's ``svgnames``) and
xcolor's ``dvipsnames``, as sRGB channels in [0, 1]; names are read case-insensitively."""

from __future__ import annotations

_CSS_HEX = (
    "aliceblue f0f8ff antiquewhite faebd7 aqua 00ffff aquamarine 7fffd4 azure f0ffff beige f5f5dc bisque ffe4c4 "
    "blanchedalmond ffebcd blueviolet 8a2be2 burlywood deb887 cadetblue 5f9ea0 chartreuse 7fff00 "
    "chocolate d2691e coral ff7f50 cornflowerblue 6495ed cornsilk fff8dc crimson dc143c darkblue 00008b "
    "darkcyan 008b8b darkgoldenrod b8860b darkgreen 006400 darkgrey a9a9a9 darkkhaki bdb76b darkmagenta 8b008b "
    "darkolivegreen 556b2f darkorange ff8c00 darkorchid 9932cc darkred 8b0000 darksalmon e9967a "
    "darkseagreen 8fbc8f darkslateblue 483d8b darkslategray 2f4f4f darkslategrey 2f4f4f darkturquoise 00ced1 "
    "darkviolet 9400d3 deeppink ff1493 deepskyblue 00bfff dimgray 696969 dimgrey 696969 dodgerblue 1e90ff "
    "firebrick b22222 floralwhite fffaf0 forestgreen 228b22 fuchsia ff00ff gainsboro dcdcdc ghostwhite f8f8ff "
    "gold ffd700 goldenrod daa520 greenyellow adff2f honeydew f0fff0 hotpink ff69b4 indianred cd5c5c "
    "indigo 4b0082 ivory fffff0 khaki f0e68c lavender e6e6fa lavenderblush fff0f5 lawngreen 7cfc00 "
    "lemonchiffon fffacd lightblue add8e6 lightcoral f08080 lightcyan e0ffff lightgoldenrodyellow fafad2 "
    "lightgreen 90ee90 lightgrey d3d3d3 lightpink ffb6c1 lightsalmon ffa07a lightseagreen 20b2aa "
    "lightskyblue 87cefa lightslategray 778899 lightslategrey 778899 lightsteelblue b0c4de lightyellow ffffe0 "
    "limegreen 32cd32 linen faf0e6 maroon 800000 mediumaquamarine 66cdaa mediumblue 0000cd "
    "mediumorchid ba55d3 mediumpurple 9370db mediumseagreen 3cb371 mediumslateblue 7b68ee "
    "mediumspringgreen 00fa9a mediumturquoise 48d1cc mediumvioletred c71585 midnightblue 191970 "
    "mintcream f5fffa mistyrose ffe4e1 moccasin ffe4b5 navajowhite ffdead navy 000080 oldlace fdf5e6 "
    "olivedrab 6b8e23 orangered ff4500 orchid da70d6 palegoldenrod eee8aa palegreen 98fb98 "
    "paleturquoise afeeee palevioletred db7093 papayawhip ffefd5 peachpuff ffdab9 peru cd853f plum dda0dd "
    "powderblue b0e0e6 rebeccapurple 663399 rosybrown bc8f8f royalblue 4169e1 saddlebrown 8b4513 salmon fa8072 "
    "sandybrown f4a460 seagreen 2e8b57 seashell fff5ee sienna a0522d silver c0c0c0 skyblue 87ceeb "
    "slateblue 6a5acd slategray 708090 slategrey 708090 snow fffafa springgreen 00ff7f steelblue 4682b4 "
    "tan d2b48c thistle d8bfd8 tomato ff6347 turquoise 40e0d0 wheat f5deb3 whitesmoke f5f5f5 yellowgreen 9acd32"
)

#: xcolor ``dvipsnames`` (CMYK, as xcolor converts them: r = (1 - c)(1 - k), ...)
_DVIPS_CMYK = (
    "GreenYellow .15 0 .69 0 Yellow 0 0 1 0 Goldenrod 0 .10 .84 0 Dandelion 0 .29 .84 0 Apricot 0 .32 .52 0 "
    "Peach 0 .50 .70 0 Melon 0 .46 .50 0 YellowOrange 0 .42 1 0 Orange 0 .61 .87 0 BurntOrange 0 .51 1 0 "
    "Bittersweet 0 .75 1 .24 RedOrange 0 .77 .87 0 Mahogany 0 .85 .87 .35 Maroon 0 .87 .68 .32 "
    "BrickRed 0 .89 .94 .28 Red 0 1 1 0 OrangeRed 0 1 .50 0 RubineRed 0 1 .13 0 WildStrawberry 0 .96 .39 0 "
    "Salmon 0 .53 .38 0 CarnationPink 0 .63 0 0 Magenta 0 1 0 0 VioletRed 0 .81 0 0 Rhodamine 0 .82 0 0 "
    "Mulberry .34 .90 0 .02 RedViolet .07 .90 0 .34 Fuchsia .47 .91 0 .08 Lavender 0 .48 0 0 "
    "Thistle .12 .59 0 0 Orchid .32 .64 0 0 DarkOrchid .40 .80 .20 0 Purple .45 .86 0 0 Plum .50 1 0 0 "
    "Violet .79 .88 0 0 RoyalPurple .75 .90 0 0 BlueViolet .86 .91 0 .04 Periwinkle .57 .55 0 0 "
    "CadetBlue .62 .57 .23 0 CornflowerBlue .65 .13 0 0 MidnightBlue .98 .13 0 .43 NavyBlue .94 .54 0 0 "
    "RoyalBlue 1 .50 0 0 Blue 1 1 0 0 Cerulean .94 .11 0 0 Cyan 1 0 0 0 ProcessBlue .96 0 0 0 "
    "SkyBlue .62 0 .12 0 Turquoise .85 0 .20 0 TealBlue .86 0 .34 .02 Aquamarine .82 0 .30 0 "
    "BlueGreen .85 0 .33 0 Emerald 1 0 .50 0 JungleGreen .99 0 .52 0 SeaGreen .69 0 .50 0 Green 1 0 1 0 "
    "ForestGreen .91 0 .88 .12 PineGreen .92 0 .59 .25 LimeGreen .50 0 1 0 YellowGreen .44 0 .74 0 "
    "SpringGreen .26 0 .76 0 OliveGreen .64 0 .95 .40 RawSienna 0 .72 1 .45 Sepia 0 .83 1 .70 "
    "Brown 0 .81 1 .60 Tan .14 .42 .56 0 Gray 0 0 0 .50 Black 0 0 0 1 White 0 0 0 0"
)


def _from_hex(h: str) -> tuple[float, float, float]:
    return (int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255)


def _from_cmyk(c: float, m: float, y: float, k: float) -> tuple[float, float, float]:
    return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))


#: CSS named colours (lower case)
CSS_NAMES: dict[str, tuple[float, float, float]] = {
    n: _from_hex(h) for n, h in zip(_CSS_HEX.split()[::2], _CSS_HEX.split()[1::2])
}
_DVIPS = _DVIPS_CMYK.split()
#: xcolor ``dvipsnames`` (lower case)
DVIPS_NAMES: dict[str, tuple[float, float, float]] = {
    _DVIPS[i].lower(): _from_cmyk(*(float(x) for x in _DVIPS[i + 1 : i + 5])) for i in range(0, len(_DVIPS), 5)
}
