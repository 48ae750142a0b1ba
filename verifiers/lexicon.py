"""The words an answer may carry around its value, and what each one means.

A grader that drops every word after a number ("2 more", "2 million", "2 or three" all become 2) passes
wrong answers; one that keeps every word fails "18 dollars" against 18. This lexicon splits the words:

* **units** (``cm``, ``meters``, ``\\$``, ``%``, degrees, ``square feet``, ``km/h``): canonical names, compared
  between answers (a missing unit may match, a different one never);
* **count nouns** (a plural noun after a number, "18 apples"): a unit named by the noun;
* **multipliers** ("million", "dozen"): change the value;
* **neutral** words ("in total", "altogether") and **fillers** ("exactly", "a total of"): dropped;
* **approximation** markers ("approximately", ``\\approx``): allowed in front of a decimal only;
* **connectors** ("or", "and"): build alternatives and lists.

Every other word stays in the answer, so an answer with a word the gold lacks does not match it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from fractions import Fraction
from functools import lru_cache

# ---------------------------------------------------------------- units

_UNIT_GROUPS: dict[str, tuple[str, ...]] = {
    # length
    "um": ("\u00b5m", "\u03bcm", "micrometer", "micrometers", "micrometre", "micrometres", "micron", "microns"),
    "mm": ("mm", "millimeter", "millimeters", "millimetre", "millimetres"),
    "cm": ("cm", "cms", "厘米", "centimeter", "centimeters", "centimetre", "centimetres"),
    "m": ("m", "米", "meter", "meters", "metre", "metres"),
    "km": ("km", "kms", "千米", "公里", "kilometer", "kilometers", "kilometre", "kilometres"),
    "in": ("inch", "inches", "in."),
    "ft": ("ft", "foot", "feet"),
    "yd": ("yd", "yard", "yards"),
    "mi": ("mi", "mile", "miles"),
    # mass
    "mg": ("mg", "milligram", "milligrams"),
    "g": ("g", "克", "gram", "grams"),
    "kg": ("kg", "千克", "公斤", "kilogram", "kilograms", "kilo", "kilos"),
    "lb": ("lb", "lbs", "pound", "pounds"),
    "oz": ("oz", "ounce", "ounces"),
    "ton": ("ton", "tons", "tonne", "tonnes"),
    # volume
    "ml": ("ml", "mL", "milliliter", "milliliters", "millilitre", "millilitres"),
    "l": ("L", "liter", "liters", "litre", "litres"),
    "gal": ("gal", "gallon", "gallons"),
    "qt": ("qt", "quart", "quarts"),
    "pt": ("pint", "pints"),
    "cup": ("cup", "cups"),
    "tbsp": ("tbsp", "tbs", "tablespoon", "tablespoons"),
    "tsp": ("tsp", "teaspoon", "teaspoons"),
    # time
    "s": ("s", "秒", "sec", "secs", "second", "seconds"),
    "min": ("min", "分钟", "mins", "minute", "minutes"),
    "h": ("h", "小时", "時間", "시간", "hr", "hrs", "hour", "hours", *("heure", "Stunde", "hora", "ora", "час")),
    # the day, week and month of French, German, Spanish, Portuguese, Italian and Russian, as a rate says them
    # ("par jour", "pro Tag", "al día", "por dia", "al giorno", "в день")
    "day": ("day", "days", *("jour", "Tag", "día", "dia", "giorno", "день", "сутки")),
    "week": ("week", "weeks", "wk", "wks", *("semaine", "Woche", "semana", "settimana", "неделю")),
    "month": ("month", "months", *("mois", "Monat", "mes", "mês", "mese", "месяц")),
    "year": ("year", "years", "yr", "yrs", "years old", "year old", "岁", "年"),
    # speed
    "m/s": ("m/s", "meters per second", "metres per second", "meter per second"),
    "km/h": ("km/h", "kph", "kmh", "km/hr", "kilometers per hour", "kilometres per hour"),
    "mph": ("mph", "mi/h", "miles per hour", "mile per hour"),
    "ft/s": ("ft/s", "feet per second"),
    # money
    "$": (
        *("$", "\\$", "dollar", "dollars", "usd", "USD", "bucks"),
        # the dollar in other languages: Spanish, Portuguese, German, Italian, Polish, Turkish, Russian, Ukrainian,
        # Chinese, Japanese, Korean
        *("dólar", "dólares", "Dollar", "dollari", "dollaro", "dolar", "dolary", "dolarów", "dolara"),
        *("доллар", "доллара", "долларов", "доллары", "долар", "долара", "доларів", "美元", "美金", "ドル", "달러"),
    ),
    "cent": ("cent", "cents", "¢"),
    "eur": ("€", "euro", "euros", "eur", "EUR", "Euro", "евро", "欧元", "ユーロ", "유로"),
    "gbp": ("£", "gbp", "GBP"),
    "yuan": ("yuan", "rmb", "RMB", "元", "块"),
    "yen": ("yen", "¥", "円", "JPY"),
    "rub": ("₽", "RUB", "руб", "руб.", "рубль", "рубля", "рублей", "рубли", "ruble", "rubles", "rouble", "roubles"),
    "krw": ("₩", "원", "KRW"),
    "rs": ("rs", "Rs", "rupee", "rupees", "inr", "INR", "₹"),
    # angle, ratio
    "deg": (
        "degree",
        "degrees",
        "deg",
        "°",
        "Grad",
        "градус",
        "градуса",
        "градусов",
        "grados",
        "degrés",
        "graus",
        "gradi",
    ),
    "rad": ("rad", "radian", "radians"),
    "%": (
        "%",
        "percent",
        "per cent",
        "percentage",
        "percentage points",
        "pct",
        "pct.",
        "Prozent",
        "prozent",
        "pour cent",
        "por ciento",
        "por cento",
        "per cento",
        "процент",
        "процента",
        "процентов",
        "procent",
        "prosent",
    ),
    # temperature, energy, misc
    "degC": ("°C", "celsius", "degrees celsius", "degrees Celsius", "C°"),
    "degF": ("°F", "fahrenheit", "degrees fahrenheit", "degrees Fahrenheit", "F°"),
    "K": ("kelvin",),
    "J": ("J", "joule", "joules"),
    "W": ("W", "watt", "watts"),
    "N": ("N", "newton", "newtons"),
    "V": ("volt", "volts"),
    "Hz": ("Hz", "hertz"),
    "ohm": ("ohm", "ohms", "\u03a9", "\u2126"),
    "unit": ("unit", "units"),
    "cal": ("cal", "calorie", "calories"),
    "kcal": ("kcal", "kilocalorie", "kilocalories"),
    "mAh": ("mAh",),
    "byte": ("byte", "bytes", "B"),
    "kb": ("kb", "KB", "kilobyte", "kilobytes"),
    "mb": ("MB", "megabyte", "megabytes"),
    "gb": ("GB", "gigabyte", "gigabytes"),
}

#: words that stand for a unit on their own (case-sensitive aliases are listed as written)
UNIT_ALIASES: dict[str, str] = {}
for _canon, _aliases in _UNIT_GROUPS.items():
    for _a in _aliases:
        UNIT_ALIASES[_a] = _canon
        if not any(c.isupper() for c in _a) or len(_a) > 3:
            UNIT_ALIASES.setdefault(_a.lower(), _canon)

#: bare letter runs read as units after a number even in math mode (``5 cm``, ``3km``)
MATH_MODE_UNITS = frozenset(
    a for a, c in UNIT_ALIASES.items() if len(a) >= 2 and a.isalpha() and a not in ("in", "min", "day", "cup", "c")
)

_POWER_WORDS = {"square": 2, "sq": 2, "sq.": 2, "squared": 2, "cubic": 3, "cu": 3, "cubed": 3}


def unit_name(phrase: str) -> str | None:
    """The canonical unit of a phrase (``"square feet"`` → ``ft^2``, ``"cm^2"`` → ``cm^2``), or ``None``."""
    p = " ".join(phrase.replace("\\,", " ").replace("\\ ", " ").replace("~", " ").split()).strip(" .")
    if not p or len(p) > 40:
        return None
    if p in UNIT_ALIASES:
        return UNIT_ALIASES[p]
    if p.lower() in UNIT_ALIASES and len(p) > 3:
        return UNIT_ALIASES[p.lower()]
    m = re.fullmatch(r"(.+?)\s*(?:\^\s*\{?\s*([23])\s*\}?|([²³]))", p)
    if m:
        base = unit_name(m.group(1))
        power = m.group(2) or {"²": "2", "³": "3"}[m.group(3)]
        return f"{base}^{power}" if base else None
    words = p.split(" ")
    if len(words) >= 2 and words[0].lower() in _POWER_WORDS:
        base = unit_name(" ".join(words[1:]))
        return f"{base}^{_POWER_WORDS[words[0].lower()]}" if base else None
    if len(words) >= 2 and words[-1].lower() in ("squared", "cubed"):
        base = unit_name(" ".join(words[:-1]))
        return f"{base}^{_POWER_WORDS[words[-1].lower()]}" if base else None
    if "/" in p and p.count("/") == 1:
        return _rate_unit(*p.split("/"))
    if " per " in p:
        return _rate_unit(*p.split(" per ", 1))
    return _glued_rate(p)


def rate_unit(num: str, den: str) -> str | None:
    """The rate of two canonical units (``km``, ``h`` → ``km/h``), or ``None`` when either is already a rate."""
    if "/" in num or "/" in den:
        return None
    return _rate_unit(num, den)


def _rate_unit(num: str, den: str) -> str | None:
    """A unit per unit by the grammar ``unit/unit``: canonical when the pair has a name of its own (``miles/hr``
    is ``mi/h``, the unit ``mph``), so every spelling of one rate compares equal."""
    a, b = unit_name(num.strip()), unit_name(den.strip())
    if not a or not b:
        return None
    return UNIT_ALIASES.get(f"{a}/{b}", f"{a}/{b}")


def _glued_rate(p: str) -> str | None:
    """A length unit glued to "ph"/"ps", per hour or per second (``kmph``, ``kmps``): the rate it abbreviates."""
    m = re.fullmatch(r"([A-Za-z]{1,3})p([hs])", p)  # bounded: linear
    if m is None or UNIT_ALIASES.get(m.group(1)) not in _LENGTHS:
        return None
    return _rate_unit(m.group(1), m.group(2))


_LENGTHS = frozenset({"mm", "cm", "m", "km", "in", "ft", "yd", "mi"})


# ---------------------------------------------------------------- other word classes

#: words that scale the value they follow
MULTIPLIERS = {
    "hundred": 100,
    "thousand": 1000,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
    "dozen": 12,
    "grand": 1000,  # colloquial thousand, after a numeral: 5 grand
    "lakh": 10**5,  # Indian numbering: 5 lakh = 500,000, 2 crore = 20,000,000, in their Indian-English
    "lakhs": 10**5,  # spellings and plurals ("5 lacs", "2 crores")
    "lac": 10**5,
    "lacs": 10**5,
    "crore": 10**7,
    "crores": 10**7,
}

#: per language, the words and abbreviations that scale the number before them, by factor: after a value in an
#: answer sentence of that language ("5 Mio.", "5 bin", "5 тыс.", "5 लाख") they multiply it. Words whose size
#: differs between languages (English "billion" 10^9, German "Billion" 10^12; Czech "mil." a million, Spanish
#: "mil" a thousand) keep the common reading or are left out.
_FOREIGN_MULTIPLIERS: dict[str, dict[int, str]] = {
    "de": {
        10**3: "tausend tsd",
        10**6: "mio million millionen",
        10**9: "mrd milliarde milliarden",
        10**12: "billionen",
    },
    "fr": {10**3: "mille", 10**6: "millions", 10**9: "milliard milliards"},
    "es": {10**3: "mil", 10**6: "millón millon millones", 10**9: "millardo millardos", 10**12: "billón billones"},
    "pt": {10**6: "milhão milhao milhões milhoes", 10**9: "bilhão bilhao bilhões bilhoes"},
    "it": {10**3: "mila", 10**6: "milione milioni mln", 10**9: "miliardo miliardi mld"},
    "tr": {10**3: "bin", 10**6: "milyon", 10**9: "milyar", 10**12: "trilyon"},
    "ru": {
        10**3: "тысяча тысячи тысяч тыс тыщ",
        10**6: "миллион миллиона миллионов млн",
        10**9: "миллиард миллиарда миллиардов млрд",
        10**12: "трлн",
    },
    "uk": {10**3: "тисяча тисячі тисяч тис", 10**6: "мільйон мільйони мільйонів", 10**9: "мільярд мільярди"},
    "pl": {10**3: "tysiąc tysiące tysięcy tys", 10**6: "milion miliony milionów", 10**9: "miliard miliardy"},
    "cs": {10**3: "tisíc tisíce tis", 10**6: "milionů", 10**9: "miliarda miliardy miliard"},
    "nl": {10**3: "duizend", 10**6: "miljoen", 10**9: "miljard"},
    "sv": {10**3: "tusen", 10**6: "miljon miljoner", 10**9: "miljarder"},
    "da": {10**3: "tusind", 10**6: "millioner", 10**9: "milliarder mia"},
    "fi": {10**3: "tuhat tuhatta", 10**6: "miljoona miljoonaa", 10**9: "miljardi miljardia"},
    "hu": {10**3: "ezer", 10**6: "millió", 10**9: "milliárd"},
    "id": {10**3: "ribu rb", 10**6: "juta jt", 10**9: "miliar"},
    "vi": {10**3: "nghìn ngàn", 10**6: "triệu", 10**9: "tỷ tỉ"},
    "el": {10**3: "χιλιάδες", 10**6: "εκατομμύριο εκατομμύρια", 10**9: "δισεκατομμύρια"},
    "hi": {10**2: "सौ", 10**3: "हज़ार हजार", 10**5: "लाख", 10**7: "करोड़ करोड", 10**9: "अरब"},
    "bn": {10**3: "হাজার", 10**5: "লাখ লক্ষ", 10**7: "কোটি"},
    "ar": {10**3: "ألف آلاف", 10**6: "مليون ملايين", 10**9: "مليار"},
    "fa": {10**3: "هزار", 10**6: "میلیون", 10**9: "میلیارد"},
    "he": {10**3: "אלף", 10**6: "מיליון"},
    "th": {10**3: "พัน", 10**4: "หมื่น", 10**5: "แสน", 10**6: "ล้าน"},
}
FOREIGN_MULTIPLIERS = {w: f for table in _FOREIGN_MULTIPLIERS.values() for f, ws in table.items() for w in ws.split()}
#: the multipliers of Chinese, Japanese and Korean, written right after a numeral ("5万", "3億", "5만", "2천")
CJK_MULTIPLIERS = {
    "百": 100,
    "千": 10**3,
    "万": 10**4,
    "萬": 10**4,
    "亿": 10**8,
    "億": 10**8,
    "兆": 10**12,
    "백": 100,
    "천": 10**3,
    "만": 10**4,
    "억": 10**8,
    "조": 10**12,
}
#: suffixes that, right after a numeral in Chinese, Japanese or Korean, make it a bound or an estimate, not the
#: value: a little under or over ("5弱", "5強", "50余人", "50多", "50来个", "五十出头", "50여 명", "50남짓"), about
#: ("5左右", "5上下", "5前后", "5程度", "5ほど", "5くらい", "5정도", "5가량", "5쯤", "5안팎", "5내외") and the
#: bounds ("5以上", "5以下", "5未満", "5不到", "5超", "5이상", "5미만", "5초과")
CJK_BOUND_SUFFIXES = (
    "弱",
    "强",
    "強",
    "余",
    "多",
    "来",
    "几",
    "出头",
    "开外",
    "左右",
    "上下",
    "前后",
    "前後",
    "以上",
    "以下",
    "以内",
    "不到",
    "未満",
    "未满",
    "足らず",
    "近く",
    "超",
    "程",
    "ほど",
    "くらい",
    "ぐらい",
    "여",
    "남짓",
    "정도",
    "가량",
    "쯤",
    "안팎",
    "내외",
    "이상",
    "이하",
    "미만",
    "초과",
    "넘",
)

#: suffixes that, right after a numeral in Chinese, Japanese or Korean, make it another quantity: tenths as a share
#: ("5割", "5成", "5할": 50%) and a factor ("5倍", "5배": five times)
CJK_QUANTITY_SUFFIXES = ("割", "成", "倍", "할", "배")


def foreign_multiplier(word: str) -> int | None:
    """The factor of a word of :data:`FOREIGN_MULTIPLIERS` or :data:`MULTIPLIERS` ("Mio.", "тыс", "lacs"), else
    ``None``."""
    low = word.lower().rstrip(".")
    return FOREIGN_MULTIPLIERS.get(low, MULTIPLIERS.get(low))


#: "in total", "altogether" in other languages (German, French, Spanish, Portuguese, Italian, Dutch, Swedish,
#: Polish, Russian, Turkish): neutral before or after a value ("insgesamt 24 Äpfel", "24 elma toplamda")
FOREIGN_TOTALS = (
    *("insgesamt", "zusammen", "au total", "en tout", "en total", "no total", "ao todo", "in totale", "in tutto"),
    *("in totaal", "totaal", "totalt", "sammanlagt", "łącznie", "razem", "w sumie", "всего", "итого", "в сумме"),
    *("toplamda", "toplam"),
)
#: trailing words that add nothing to a value
NEUTRAL_TRAILING = (
    "in total",
    "total",
    "altogether",
    "in all",
    "overall",
    "here",
    "now",
    "exactly",
    "in number",
    "only",
    "left over",
    "left",
    "remaining",
    "apiece",
    "each",
    *FOREIGN_TOTALS,
)
#: a remark after a value, in parentheses or after a dash, that endorses or describes how it was stated without
#: changing it: ``5 (final)``, ``5 — final``, ``5 (rounded up)``, ``5 (rounded to the nearest whole number)``
CLOSING_REMARKS = (
    "final",
    "final answer",
    "exactly",
    "exact",
    "precisely",
    "verified",
    "answer verified",
    "checked",
    "double-checked",
    "confirmed",
    "rounded",
    "rounded up",
    "rounded down",
    "rounded off",
    "to the nearest whole number",
    "to the nearest integer",
)
#: ``rounded to the nearest …`` followed by at most this many words (``whole number``, ``dollar``, ``tenth``)
ROUNDED_TO_NEAREST = ("rounded", "to", "the", "nearest")
#: leading words between an answer phrase and the value that add nothing
FILLERS = (
    "exactly",
    "precisely",
    "only",
    "simply",
    "just",
    "equal to",
    "equals",
    "given by",
    "a total of",
    "the total of",
    "the number",
    "the value",
    "the",
    "then",
    "therefore",
    "thus",
    "so",
    "hence",
    *FOREIGN_TOTALS,
)
#: quantities a value may be named by before it ("has area 12", "has an area of 12", "with perimeter 20")
_MEASURES = (
    "surface area",
    "side length",
    "area",
    "perimeter",
    "circumference",
    "length",
    "width",
    "height",
    "volume",
    "radius",
    "diameter",
    "sum",
    "total",
    "product",
)
#: a measure's name before its value, with an article and "of" or not: dropped like a filler
LEADING_MEASURES = tuple(
    f"{article}{name}{of}" for article in ("a ", "an ", "the ", "") for name in _MEASURES for of in (" of", "")
)
#: markers of an approximate value: the value itself is compared ("nearly", "almost" are not among them: they
#: say "a little less than")
APPROX_WORDS = (
    "approximately",
    "approx.",
    "approx",
    "about",
    "around",
    "roughly",
    "circa",
    "ca.",
    "约",
    "大约",
    "约为",
)


#: connectors: "or" offers alternatives, "and" lists parts
def negates(word: str, negators: frozenset[str]) -> bool:
    """``word`` (lower case) negates what follows it: one of ``negators`` or a contraction in "n't"."""
    return word in negators or word.endswith("n't")


def negated(words: list[str], k: int, negators: frozenset[str]) -> bool:
    """One of the three words before ``words[k]`` negates it (:func:`negates`): "not wrong", "isn't a mistake"."""
    return any(negates(w, negators) for w in words[max(0, k - 3) : k])


OR_WORDS = frozenset({"or", "and/or", "either"})
AND_WORDS = frozenset({"and", "&"})

#: the words for "or" and "and" in other languages, each read as the English word when it stands alone between two
#: math spans ("$x = 3$ ou $x = -2$", "$x=3$ 或 $x=-2$"): French, Spanish, Portuguese, Italian, German, Dutch,
#: Polish, Czech, Russian, Turkish, Indonesian, Chinese, Japanese, Korean (no English word: "e", "y" or "i" only
#: between spans, never a variable inside one)
FOREIGN_JOINERS = {
    **dict.fromkeys(
        "ou o u oppure oder of lub albo nebo или либо veya atau 或 或者 或是 还是 または もしくは 또는 혹은".split(),
        "or",
    ),
    **dict.fromkeys("et y e ed und en oraz i a и ve dan 和 与 與 及 以及 且 および かつ 그리고 및".split(), "and"),
}

#: words that may name a choice letter before it ("option B", "la B", "die Antwort B", "la opción B"): the nouns
#: for an option, choice, answer or letter and the articles, in English, Spanish, French, German, Italian,
#: Portuguese, Dutch, Russian and Turkish
OPTION_NAMING_WORDS = frozenset(
    """option choice answer letter alternative the
    opción opcion respuesta alternativa letra la el
    réponse reponse lettre choix le l'
    antwort auswahl buchstabe möglichkeit die der das
    opzione risposta scelta lettera il lo
    opção opcao resposta a o
    optie antwoord keuze letter het de
    вариант ответ буква
    seçenek secenek şık cevap""".split()
)

#: words that restate the value before them in the answer's language ("i.e.", "es decir", "soit", "d.h.", "cioè",
#: "ou seja", "то есть", "即"): English, Spanish, French, German, Italian, Portuguese, Dutch, Polish, Russian,
#: Turkish, Chinese, Japanese
RESTATING_WORDS = (
    r"i\.[ \t]?+e\.?+|ie|that[ \t]++is|namely|equivalently|in[ \t]++other[ \t]++words"
    r"|es[ \t]++decir|o[ \t]++sea|esto[ \t]++es|soit|c'est-\u00e0-dire|c\.-\u00e0-d\.|autrement[ \t]++dit"
    r"|d\.[ \t]?+h\.|das[ \t]++hei\u00dft|beziehungsweise|cio\u00e8|ossia|ovvero|ou[ \t]++seja|isto[ \t]++\u00e9"
    r"|d\.w\.z\.|dat[ \t]++wil[ \t]++zeggen|oftewel|czyli|tzn\.|\u0442\.[ \t]?+\u0435\.|\u0442\u043e[ \t]++\u0435\u0441\u0442\u044c"
    r"|yani|\u5373|\u4e5f\u5c31\u662f(?:\u8bf4)?+|\u3059\u306a\u308f\u3061|\u3064\u307e\u308a"
)

#: plural-looking words that change a number's meaning (never read as count nouns)
_NOT_NOUNS = frozenset(
    """times hundreds thousands millions billions trillions dozens scores pairs couples halves thirds quarters
    fourths fifths sixths sevenths eighths ninths tenths elevenths twelfths twentieths hundredths thousandths
    millionths billionths percents others extras tens ones twos threes fours fives sixes sevens eights nines
    perhaps always sometimes besides towards afterwards whereas yes its has was does goes his hers ours yours
    theirs this thus plus minus less unless regardless nevertheless various obvious previous numerous
    powers degrees radians grams inches feet units oops whoops sideways anyways nowadays""".split()
)

_PLURAL = re.compile(r"[a-z]{3,}s")
_IRREGULAR_PLURALS = frozenset(
    """people children men women mice geese teeth sheep fish deer cattle oxen dice data persons lice
    moose elk reindeer bison buffalo swine salmon trout cod squid shrimp offspring aircraft spacecraft hovercraft
    watercraft""".split()
)


def count_noun(word: str, singular_ok: bool = False) -> str | None:
    """``word`` as a count noun after a number ("apples" → ``noun:apple``), else ``None``.

    A count noun is a lower-case plural (ends in s, not ss/us/is/ous) that is not a word of quantity; with
    ``singular_ok`` (the value is ±1) any lower-case word of three or more letters outside the other classes.
    """
    w = word.strip()
    if not w.isalpha() or not w.islower():
        return None
    if w in _NOT_NOUNS or w in MULTIPLIERS or w in OR_WORDS or w in AND_WORDS:
        return None
    if w in QUALIFIER_CUES or w in NEGATION_CUES or w in DISOWNING_CUES:  # "12 tops", "12 multiples", "5 fails"
        return None
    if w in FOREIGN_QUALIFIERS:  # "7 mindestens", "7 al menos", "7 au moins": a bound in another language
        return None
    if w in _IRREGULAR_PLURALS:
        return f"noun:{w}"
    if _PLURAL.fullmatch(w) and not w.endswith(("ss", "us", "is", "ous")):
        singular = w[:-2] if w.endswith(("ches", "shes", "xes", "sses")) else w[:-1]
        return f"noun:{singular}"
    if singular_ok and len(w) >= 3 and w not in _SINGULAR_STOP:
        return f"noun:{w}"
    return None


_SINGULAR_STOP = frozenset(
    """more less fewer extra additional other another than over under above below least most only not no
    and nor but then than plus minus times half third quarter percent degree squared cubed power root
    ish odd even approximately about around roughly nearly almost exactly""".split()
)

#: adjectives that change a count ("2 extra apples"): never part of a count-noun phrase
COUNT_CHANGERS = frozenset(
    """more less fewer extra additional other another further added over under least most half halves double
    triple twice not no missing lost broken damaged defective spoiled rotten stolen spare unused unsold
    uneaten excess surplus discarded""".split()
)


def adjective_ok(word: str) -> bool:
    """A word that may stand between a number and its count noun ("12 distinct arithmetic sequences")."""
    w = word.lower()
    return (
        word.isalpha()
        and word.islower()
        and w not in COUNT_CHANGERS
        and w not in MULTIPLIERS
        and w not in OR_WORDS
        and w not in AND_WORDS
        and w not in _SINGULAR_STOP
        and w not in RELATING_PREPOSITIONS  # "12 pairs of socks" counts pairs of something else
        and w
        not in _COPULAS | FOREIGN_PAST_COPULAS  # "7 war mein erstes Ergebnis": a verb opens a clause about the value
        and not w.endswith("n't")
    )


#: copulas: the verb of a clause after a value, never an adjective of its noun
_COPULAS = frozenset("is are was were be been".split())


#: whole-answer words compared as text even when short
TEXT_WORDS = frozenset(
    {"no", "yes", "none", "all", "odd", "even", "true", "false", "never", "always", "both", "neither"}
)

_SMALL = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split()
    )
}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}


_DENOMINATORS = {"half": 2, "halves": 2, "quarter": 4, "quarters": 4}
for _i, _w in enumerate("third fourth fifth sixth seventh eighth ninth tenth".split()):
    _DENOMINATORS[_w] = _DENOMINATORS[_w + "s"] = _i + 3


#: the words of a fraction ("a half", "two thirds"): part of a value's phrase ("5 and a half hours")
FRACTION_WORDS = frozenset(_DENOMINATORS)

_SCALES = frozenset({"hundred", "thousand", "million", "billion", "dozen"})


def spelled_number_word(word: str) -> bool:
    """``word`` may be part of a number written in words ("twenty-three", "hundred", "half", "and", "a")."""
    parts = word.lower().split("-")
    return all(
        p in _SMALL
        or p in _TENS
        or p in _DENOMINATORS
        or p in _SCALES
        or p in ("and", "a", "an", "minus", "negative", "point", "over")
        for p in parts
    )


def number_words(text: str) -> Fraction | None:
    """A number written in words as an exact value, else ``None``, by an English numeral grammar: cardinals
    ("twenty-one", "three hundred and five", "a hundred", "two thousand and six", "a dozen", "minus five"), a year
    read in pairs ("nineteen ninety" 1990, "twenty twenty-four" 2024), decimals ("two point five", "zero point
    two five"), fractions ("a half", "two thirds", "three quarters", "three over four"). Anything outside the
    grammar is no number, never a sum of its words: two units in a row ("one two three", "nine nine") or joined by a
    hyphen ("two-three", "ten-twelve": a range). Ordinals ("fifth") are not read: "the fifth" is a position, "a
    fifth" a fraction."""
    words = _numeral_words(text)
    if not words or len(words) > 12:
        return None
    if len(words) == 1 and (cjk := cjk_number(words[0])) is not None:
        return Fraction(cjk)
    sign = 1
    if words[0] in ("minus", "negative", "plus", "positive") and len(words) > 1:
        sign = -1 if words[0] in ("minus", "negative") else 1
        words = words[1:]
    if len(words) > 2 and words[0] == "half" and words[1] in ("a", "an"):  # half a dozen, half a million
        rest = _cardinal(["one", *words[2:]])
        return sign * Fraction(rest, 2) if rest else None
    if words[0] in ("a", "an", "one") and len(words) > 1:
        words = ["one", *words[1:]] if words[1] not in ("one",) else words
    if "over" in words:  # three over four
        k = words.index("over")
        num, den = _cardinal(words[:k]), _cardinal(words[k + 1 :])
        return None if num is None or not den else sign * Fraction(num, den)
    if "point" in words:  # two point five, zero point two five
        k = words.index("point")
        whole, digits = _cardinal(words[:k]), words[k + 1 :]
        if whole is None or not digits or any(_SMALL.get(d, 10) > 9 for d in digits):
            return None
        return sign * (whole + Fraction(int("".join(str(_SMALL[d]) for d in digits)), 10 ** len(digits)))
    if words[-1] in _DENOMINATORS:  # one half, two thirds, three quarters; "half" alone
        head = words[:-1]
        den = _DENOMINATORS[words[-1]]
        plural = words[-1].endswith("s") and words[-1] != "halves" or words[-1] == "halves"
        count = _cardinal(head) if head else 1
        if count is None or count == 0 or (count == 1) == plural or (not head and words[-1] != "half"):
            return None
        return sign * Fraction(count, den)
    value = _cardinal(words)
    return None if value is None else sign * Fraction(value)


def _numeral_words(text: str) -> list[str] | None:
    """The words of a numeral, a hyphenated tens-and-unit kept as one word ("twenty-three"); ``None`` for any
    other hyphen between two number words but one before a scale or a fraction ("two-three", "twenty-thirty": a
    range; "one-hundred", "two-thirds" are one number)."""
    out: list[str] = []
    for word in text.lower().split():
        parts = word.split("-")
        if len(parts) == 1:
            out.append(word)
            continue
        k = 0
        while k < len(parts):
            if k + 1 < len(parts) and parts[k] in _TENS and 0 < _SMALL.get(parts[k + 1], 0) < 10:
                out.append(f"{parts[k]}-{parts[k + 1]}")
                k += 2
            elif k == 0 or parts[k] in _SCALES or parts[k] in _DENOMINATORS:
                out.append(parts[k])
                k += 1
            else:
                return None
    return out


def _below_hundred(word: str) -> int | None:
    """A number below 100 written as one word ("seven", "fifteen", "forty", "forty-two")."""
    if word in _SMALL:
        return _SMALL[word]
    if word in _TENS:
        return _TENS[word]
    tens, _, unit = word.partition("-")
    return _TENS[tens] + _SMALL[unit] if tens in _TENS and 0 < _SMALL.get(unit, 0) < 10 else None


def _cardinal(words: list[str]) -> int | None:
    """A cardinal by the grammar ``[group scale [and]]* group`` with scales decreasing, where a group is
    ``[n hundred [and]] m`` or ``n hundred`` (n, m below 100; "twenty-five hundred" too) and a tens word may take one
    unit word after it ("twenty three"); or a year in two pairs ("nineteen ninety"); or a group "dozen"."""
    if not words:
        return None
    if len(words) == 2:  # a year read in pairs: nineteen ninety, twenty twenty-four (not "twenty four")
        first, second = _below_hundred(words[0]), _below_hundred(words[1])
        if first is not None and second is not None and 11 <= first and 10 <= second:
            return first * 100 + second
    total, group, state, last_scale = 0, 0, "start", math.inf
    for k, w in enumerate(words):
        small = _below_hundred(w)
        if small is not None:
            if state == "tens" and w in _SMALL and 0 < small < 10:
                group, state = group + small, "done"  # twenty three
            elif state in ("start", "hundred", "and", "scale") and (small or (state == "start" and len(words) == 1)):
                group += small
                state = "tens" if w in _TENS else "below_hundred"
            else:
                return None  # one two, nine nine, twenty thirty, zero five
        elif w == "hundred" and state in ("tens", "below_hundred", "done") and group < 100:
            group, state = group * 100, "hundred"
        elif w in ("thousand", "million", "billion") and group and state != "and" and MULTIPLIERS[w] < last_scale:
            total, group, state, last_scale = total + group * MULTIPLIERS[w], 0, "scale", MULTIPLIERS[w]
        elif w == "and" and state in ("hundred", "scale") and k + 1 < len(words):
            state = "and"  # three hundred and five, two thousand and six; "twenty and three" is no number
        elif w == "dozen" and group and k == len(words) - 1 and state != "and":
            group *= 12
        else:
            return None
    if state == "and" or (state == "scale" and not total):
        return None
    return total + group


#: number words below 100 in German, French, Spanish and Russian (the other languages whose answer phrases the
#: grader models): units and teens, then tens
_FOREIGN_SMALL = {
    w: k
    for words in (
        "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn "
        "siebzehn achtzehn neunzehn",
        "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize",
        "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis "
        "diecisiete dieciocho diecinueve",
        "ноль один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать тринадцать "
        "четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать",
    )
    for k, w in enumerate(words.split())
}
_FOREIGN_SMALL.update(
    {"ein": 1, "une": 1, "una": 1, "одна": 1, "две": 2, "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19}
)
_FOREIGN_TENS = {
    w: 10 * (k + 2)
    for words in (
        "zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig",
        "vingt trente quarante cinquante soixante",
        "veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa",
        "двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто",
    )
    for k, w in enumerate(words.split())
}
_FOREIGN_TENS.update({"quatre-vingt": 80, "quatre-vingts": 80})
#: a German tens-and-unit word ("dreiundzwanzig"), a Spanish "veinti-" word ("veintitrés")
_GERMAN_COMPOUND = re.compile(r"([a-zäöüß]+?)und([a-zäöüß]+)")
_SPANISH_TWENTY = {
    "veintiuno": 21,
    "veintiún": 21,
    "veintidós": 22,
    "veintitrés": 23,
    "veinticuatro": 24,
    "veinticinco": 25,
    "veintiséis": 26,
    "veintisiete": 27,
    "veintiocho": 28,
    "veintinueve": 29,
}


#: Italian, Hungarian and Turkish cardinals: the words below ten, the tens, and the tens' stems that join a unit
#: into one word ("ventiquattro", "ventotto", "huszonnégy", "harminchárom"); Turkish writes them apart ("yirmi dört")
_COMPOUND_UNITS = {
    **{w: k for k, w in enumerate("zero uno due tre quattro cinque sei sette otto nove".split())},
    "tré": 3,
    **{w: k for k, w in enumerate("nulla egy kettő három négy öt hat hét nyolc kilenc".split())},
    "két": 2,
    **{w: k for k, w in enumerate("sıfır bir iki üç dört beş altı yedi sekiz dokuz".split())},
}
_COMPOUND_TENS = {
    **{
        w: 10 * (k + 1)
        for k, w in enumerate("dieci venti trenta quaranta cinquanta sessanta settanta ottanta novanta".split())
    },
    **{
        w: 10 * (k + 1) for k, w in enumerate("tíz húsz harminc negyven ötven hatvan hetven nyolcvan kilencven".split())
    },
    **{w: 10 * (k + 2) for k, w in enumerate("yirmi otuz kırk elli altmış yetmiş seksen doksan".split())},
}
_COMPOUND_STEMS = {
    **{w: 10 * (k + 2) for k, w in enumerate("vent trent quarant cinquant sessant settant ottant novant".split())},
    **{w + "a": 10 * (k + 3) for k, w in enumerate("trent quarant cinquant sessant settant ottant novant".split())},
    "venti": 20,
    "tizen": 10,
    "huszon": 20,
    **{w: 10 * (k + 3) for k, w in enumerate("harminc negyven ötven hatvan hetven nyolcvan kilencven".split())},
}
_COMPOUND_NUMBER = re.compile(
    "(" + "|".join(sorted(_COMPOUND_STEMS, key=len, reverse=True)) + ")(" + "|".join(_COMPOUND_UNITS) + ")"
)


def compound_number_words(text: str) -> int | None:
    """A cardinal below 100 in Italian, Hungarian or Turkish words ("ventiquattro", "huszonnégy", "yirmi dört",
    "otto", "húsz"), else ``None``: a unit or tens word alone, a stem joined to a unit, or a Turkish tens word and
    a unit apart."""
    low = text.strip().lower()
    if low in _COMPOUND_TENS:
        return _COMPOUND_TENS[low]
    if low in _COMPOUND_UNITS and low not in ("bir", "hat", "egy", "tre", "sei"):
        return _COMPOUND_UNITS[low]  # not the words that read as others' ("bir", "hat"), nor alone as articles
    m = _COMPOUND_NUMBER.fullmatch(low)
    if m is not None and _COMPOUND_UNITS[m.group(2)] > 0:
        return _COMPOUND_STEMS[m.group(1)] + _COMPOUND_UNITS[m.group(2)]
    words = low.split()
    if len(words) == 2 and words[0] in _COMPOUND_TENS and _COMPOUND_UNITS.get(words[1], 0) > 0:
        return _COMPOUND_TENS[words[0]] + _COMPOUND_UNITS[words[1]]
    return None


def foreign_number_words(text: str) -> int | None:
    """A cardinal below 100 written in German, French, Spanish or Russian words ("fünf", "dreiundzwanzig", "vingt-
    trois", "soixante-douze", "quatre-vingt-dix-neuf", "treinta y dos", "veintitrés", "двадцать три"), else
    ``None``: a tens word and at most one smaller word after it (joined by a space, a hyphen, "et" or "y")."""
    low = text.strip().lower().replace("quatre-vingt", "quatre_vingt").replace("dix-", "dix_")
    if low in _SPANISH_TWENTY:
        return _SPANISH_TWENTY[low]
    if (german := _GERMAN_COMPOUND.fullmatch(low)) is not None:
        unit, tens = _FOREIGN_SMALL.get(german.group(1)), _FOREIGN_TENS.get(german.group(2))
        return unit + tens if unit is not None and 0 < unit < 10 and tens is not None else None
    words = [w.replace("_", "-") for w in re.split(r"[ \t-]+", low) if w and w not in ("et", "y")]
    if len(words) == 1:
        return _FOREIGN_SMALL.get(words[0], _FOREIGN_TENS.get(words[0]))
    if len(words) != 2 or words[0] not in _FOREIGN_TENS or words[1] not in _FOREIGN_SMALL:
        return None
    tens, rest = _FOREIGN_TENS[words[0]], _FOREIGN_SMALL[words[1]]
    limit = 20 if tens in (60, 80) and words[0] != "шестьдесят" and words[0] != "sesenta" else 10
    return tens + rest if 0 < rest < limit else None


_CJK_DIGITS = {c: k for k, c in enumerate("零一二三四五六七八九")}
_CJK_DIGITS.update({"〇": 0, "两": 2})
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}


def cjk_number(text: str) -> int | None:
    """A Chinese numeral ("五", "十二", "三百零五", "两万") as an integer, else ``None``."""
    if not text or len(text) > 12 or any(c not in _CJK_DIGITS and c not in _CJK_UNITS and c != "万" for c in text):
        return None
    total = section = digit = 0
    for c in text:
        if c in _CJK_DIGITS:
            digit = _CJK_DIGITS[c]
        elif c in _CJK_UNITS:
            section += (digit or 1) * _CJK_UNITS[c]
            digit = 0
        else:  # 万
            total += (section + digit) * 10_000
            section = digit = 0
    return total + section + digit


#: words that negate, retract or question the answer they are read with ("not", "is wrong", "just kidding",
#: "anything but"): an answer read with one of them differs from the plain value
NEGATION_CUES = frozenset(
    """not no never cannot cant isnt arent wasnt werent wont shouldnt couldnt wouldnt doesnt dont didnt neither nor
    wrong incorrect false untrue mistaken mistake error erroneous invalid impossible kidding joking retract
    retracted scratch ignore disregard but except excluding nonsense""".split()
)
#: predicates that reject the value they follow in its own clause ("6 exceeds the bound", "x = -1 is extraneous",
#: "$n = 6$ fails", "(D) violates the condition"): that value is ruled out, no rival of the answer
REJECTING_PREDICATES = frozenset(
    """exceeds exceed exceeded exceeding fails fail failed extraneous spurious violates violate violated
    overshoots overshoot overcounts overcount undercounts undercount infeasible inadmissible disallowed excluded
    discarded rejected eliminated""".split()
)
#: verbs that reject the value right after them ("we discard -1", "we can rule out 6", "eliminate (D)")
REJECTING_VERBS = frozenset(
    """discard discards discarding reject rejects rejecting eliminate eliminates eliminating exclude excludes
    excluding dismiss dismisses drop drops""".split()
)
#: verbs that reject the value after them with "out" ("rule out 6", "ruled out 6", "throw out 6")
REJECTING_OUT_VERBS = frozenset("rule rules ruled ruling throw throws threw".split())
#: words that weaken or condition the answer they are read with: bounds, estimates, beliefs, conditions,
#: other bases and readings ("at best", "I think", "if n is even", "in binary", "in most cases")
QUALIFIER_CUES = frozenset(
    """best worst least most minimum maximum min max tops onwards upwards upward downward above below beyond under
    over more less fewer plus minus ish approx approximately around about roughly nearly almost close
    maybe perhaps possibly probably presumably likely unlikely hopefully think believe guess suppose assume
    assuming if unless when whenever provided given sometimes usually generally often typically mostly case
    cases binary octal hexadecimal hex base power squared cubed factorial choose mod modulo estimated estimate
    rounded truncated something odd short shy ahead behind off down up sooner later too doubled halved tripled
    fold par red black gross score change bit right correct sure divisible multiple multiples factor anything
    upwards mille cent tops north south east west clockwise counterclockwise anticlockwise forward forwards
    backward backwards leftward rightward far unverified unconfirmed unchecked untested earliest latest soonest
    rounding thereabouts hereabouts""".split()
)
#: words that date the writer's own check or computation before now ("last time I checked", "when we first
#: computed it", "the previous time I ran it")
EARLIER_TIMES = frozenset("last first previous initially originally earlier".split())
#: nouns that "round" before them makes an approximation ("5 in round numbers", "in round figures")
ROUND_NOUNS = frozenset("number numbers figure figures terms".split())
#: the languages whose closed word classes the grader reads (ISO 639-1 code: name): negations, modal hedges, beliefs,
#: bounds, faults, doubts, truth questions, copulas and answer labels. Every per-language table below lists each of
#: them (tests/verifiers/test_lexicon_languages.py); Chinese, Japanese, Korean and Thai, written without spaces
#: between words, are read by the CJK tables (``CJK_*``) instead. Words in a script none of these languages (nor
#: the CJK tables) is written in are not read at all (docs/verifiers.md, "Languages").
LANGUAGES: dict[str, str] = {
    "am": "Amharic", "ar": "Arabic", "az": "Azerbaijani", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek", "es": "Spanish", "et": "Estonian",
    "fa": "Persian", "fi": "Finnish", "fr": "French", "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi",
    "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "is": "Icelandic", "it": "Italian", "kn": "Kannada",
    "lt": "Lithuanian", "lv": "Latvian", "ml": "Malayalam", "mr": "Marathi", "ms": "Malay", "ne": "Nepali",
    "nl": "Dutch", "no": "Norwegian", "pa": "Punjabi", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili",
    "ta": "Tamil", "te": "Telugu", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "vi": "Vietnamese",
}  # fmt: skip
#: per language, the common words that negate what follows them (the negating particle, "never", and the "no" of a
#: noun phrase where it negates alone: German kein, Dutch geen, Scandinavian ingen): read like "not" before an answer
#: ("Het antwoord is niet 5", "Svaret er ikke 5"). Determiners that only strengthen a negation (French aucun, Spanish
#: ningún: "sans aucun doute" is "without any doubt") are left out, and Romanian "nu", which in Dutch is "now".
FOREIGN_NEGATIONS: dict[str, str] = {
    "de": "nicht kein keine keinen keinem keiner nie niemals",
    "fr": "ne pas n'est jamais",
    "es": "no nunca jamás",
    "pt": "não nunca jamais",
    "it": "non mai",
    "ru": "не нет никогда",
    "uk": "не ні ніколи",
    "pl": "nie nigdy",
    "cs": "ne není nikdy",
    "sk": "nie nikdy",
    "nl": "niet geen nooit",
    "sv": "inte ej icke aldrig ingen",
    "da": "ikke ingen aldrig",
    "no": "ikke ingen aldri",
    "fi": "ei eikä",
    "hu": "nem soha sosem",
    "tr": "değil değildir asla yok olamaz",
    "id": "bukan tidak",
    "vi": "không chẳng",
    "el": "όχι δεν",
    "ro": "niciodată",
    "hi": "नहीं",
    "hr": "ne nije nikad nikada",
    "sl": "ne nikoli",
    "bg": "не никога",
    "ca": "no mai",
    "et": "ei mitte kunagi",
    "lv": "ne nav nekad",
    "lt": "ne nėra niekada",
    "is": "ekki aldrei",
    "tl": "hindi",
    "sw": "hapana",
}
#: per language, the common words of doubt about what follows them ("maybe", "probably", "perhaps", "it seems"):
#: like English "probably", they hedge an answer standing after them anywhere in its sentence ("Wahrscheinlich ist
#: die Antwort 5", "Đáp án có lẽ là 5") and, between the answer and its anchor, read like a lead cue ("Odpowiedź to
#: chyba 5"); words that also mean something assertive stay in FOREIGN_APPROXIMATORS (Danish "vist" is "shown")
FOREIGN_MODALS: dict[str, str] = {
    "de": "vielleicht wahrscheinlich vermutlich möglicherweise eventuell womöglich",
    "fr": "peut-être probablement vraisemblablement apparemment",
    "es": "quizás quizá probablemente posiblemente",
    "pt": "talvez provavelmente possivelmente",
    "it": "forse probabilmente",
    "ru": "может возможно вероятно наверное кажется видимо",
    "uk": "можливо мабуть напевно ймовірно здається",
    "pl": "chyba może prawdopodobnie pewnie przypuszczalnie",
    "cs": "možná pravděpodobně snad nejspíš",
    "sk": "možno pravdepodobne snáď",
    "nl": "misschien waarschijnlijk wellicht vermoedelijk",
    "sv": "kanske troligen troligtvis förmodligen antagligen",
    "da": "måske sandsynligvis formentlig",
    "no": "kanskje sannsynligvis trolig antakelig",
    "fi": "ehkä luultavasti todennäköisesti",
    "hu": "talán valószínűleg",
    "tr": "belki galiba sanırım herhalde muhtemelen",
    "id": "mungkin barangkali kayaknya sepertinya tampaknya",
    "el": "ίσως πιθανώς μάλλον",
    "ro": "poate probabil",
    "he": "אולי כנראה",
    "ar": "ربما",
    "fa": "شاید",
    "hi": "शायद",
    "hr": "možda vjerojatno valjda",
    "sl": "morda verjetno",
    "bg": "може вероятно",
    "ca": "potser probablement",
    "et": "võib-olla ilmselt",
    "lv": "varbūt laikam",
    "lt": "galbūt tikriausiai",
    "is": "kannski líklega",
    "tl": "siguro baka marahil",
    "sw": "labda pengine",
    "ms": "mungkin barangkali agaknya nampaknya",
    "ta": "ஒருவேளை அநேகமாக",
    "bn": "সম্ভবত হয়তো",
}
#: per language, words that approximate or hedge only right before the value ("about", "almost"; and modal words
#: that have an assertive sense elsewhere in a sentence: Czech "asi", Vietnamese "chắc", Danish "vist"): read like a
#: lead cue between the answer and its anchor ("Die Antwort ist etwa 5", "Odpověď je asi 5")
FOREIGN_APPROXIMATORS: dict[str, str] = {
    "de": "wohl etwa ungefähr circa schätzungsweise",
    "fr": "environ presque",
    "es": "casi aproximadamente alrededor",
    "pt": "quase aproximadamente cerca",
    "it": "quasi circa",
    "ru": "почти около примерно приблизительно",
    "uk": "приблизно близько майже",
    "pl": "raczej około prawie",
    "cs": "asi přibližně zhruba skoro téměř",
    "sk": "asi približne takmer",
    "nl": "mogelijk ongeveer bijna zowat",
    "sv": "ungefär nästan cirka",
    "da": "vist omkring cirka næsten",
    "no": "omtrent nesten cirka",
    "fi": "kai noin melkein lähes",
    "hu": "körülbelül majdnem nagyjából",
    "tr": "yaklaşık",
    "id": "sekitar kira-kira hampir",
    "vi": "lẽ chắc khoảng gần",
    "el": "περίπου σχεδόν",
    "ro": "aproximativ aproape",
    "he": "בערך",
    "ar": "تقريبا حوالي",
    "fa": "تقریبا",
    "hi": "लगभग करीब",
    "hr": "otprilike skoro gotovo",
    "sl": "približno skoraj",
    "bg": "около почти приблизително",
    "ca": "gairebé aproximadament",
    "et": "umbes peaaegu",
    "lv": "aptuveni gandrīz",
    "lt": "apie beveik",
    "is": "næstum",
    "tl": "halos",
    "sw": "takriban",
    "ms": "lebih kurang hampir",
    "ta": "சுமார் கிட்டத்தட்ட ஏறக்குறைய",
    "bn": "প্রায় আনুমানিক",
}
#: per language, the common words that hedge or approximate what follows them: read like "probably" before an
#: answer ("Odpowiedź to chyba 5", "Odpověď je asi 5")
FOREIGN_HEDGES: dict[str, str] = {
    lang: " ".join(filter(None, (FOREIGN_MODALS.get(lang), FOREIGN_APPROXIMATORS.get(lang))))
    for lang in FOREIGN_MODALS.keys() | FOREIGN_APPROXIMATORS.keys()
}
#: per language, the first-person frames of belief, opinion and seeming ("I think", "I believe", "in my opinion",
#: "it seems to me"), which like English "I think" make the answer after them in their sentence a belief, not a
#: commitment ("Creo que la respuesta es 5", "Ich glaube, die Antwort ist 5", "Tôi nghĩ đáp án là 5"); the modal
#: phrases of languages whose modal is a phrase ("có lẽ", "chắc là") are here too. Chinese, Japanese, Korean and
#: Thai frames, written without spaces, are in :data:`CJK_CUES`.
FOREIGN_BELIEFS: dict[str, tuple[str, ...]] = {
    "de": (
        "ich glaube",
        "glaube ich",
        "ich denke",
        "denke ich",
        "ich vermute",
        "vermute ich",
        "ich schätze",
        "schätze ich",
        "ich nehme an",
        "meiner meinung nach",
        "mir scheint",
        "scheint mir",
        "es scheint",
    ),
    "fr": (
        "je crois",
        "je pense",
        "je suppose",
        "j'imagine",
        "il me semble",
        "il semble",
        "à mon avis",
        "selon moi",
        "je dirais",
        "semble être",
    ),
    "es": (
        "creo",
        "pienso",
        "supongo",
        "me parece",
        "parece que",
        "diría",
        "en mi opinión",
        "a mi parecer",
        "opino",
        "sospecho",
        "imagino",
    ),
    "it": (
        "credo",
        "penso",
        "suppongo",
        "mi sembra",
        "sembra che",
        "mi pare",
        "direi",
        "secondo me",
        "a mio parere",
        "a mio avviso",
        "immagino",
    ),
    "pt": (
        "acho",
        "creio",
        "penso",
        "suponho",
        "me parece",
        "parece-me",
        "parece que",
        "diria",
        "na minha opinião",
        "a meu ver",
        "imagino",
    ),
    "ru": (
        "думаю",
        "полагаю",
        "считаю",
        "предполагаю",
        "по-моему",
        "по моему мнению",
        "мне кажется",
        "похоже",
        "я бы сказал",
        "я бы сказала",
    ),
    "uk": ("думаю", "вважаю", "гадаю", "на мою думку", "по-моєму", "мені здається", "схоже"),
    "pl": ("myślę", "sądzę", "wydaje mi się", "wydaje się", "moim zdaniem", "przypuszczam", "zdaje się"),
    "cs": ("myslím", "domnívám se", "zdá se", "podle mě", "podle mého názoru", "řekl bych"),
    "sk": ("myslím", "domnievam sa", "zdá sa", "podľa mňa"),
    "nl": (
        "ik denk",
        "denk ik",
        "ik geloof",
        "geloof ik",
        "ik vermoed",
        "volgens mij",
        "lijkt mij",
        "mij lijkt",
        "het lijkt erop",
        "ik schat",
    ),
    "sv": ("jag tror", "tror jag", "jag antar", "jag gissar", "enligt mig", "jag tycker"),
    "da": ("jeg tror", "tror jeg", "jeg gætter", "jeg antager", "efter min mening", "jeg synes"),
    "no": ("jeg tror", "tror jeg", "jeg antar", "jeg gjetter", "etter min mening", "jeg synes"),
    "fi": ("luulen", "uskon", "arvelen", "mielestäni", "veikkaan"),
    "hu": ("szerintem", "azt hiszem", "úgy gondolom", "gondolom", "úgy tűnik"),
    "tr": ("bence", "düşünüyorum", "tahminimce", "bana göre"),
    "id": (
        "saya pikir",
        "saya rasa",
        "saya kira",
        "rasanya",
        "kurasa",
        "kupikir",
        "menurut saya",
        "aku pikir",
        "aku rasa",
    ),
    "ms": ("saya rasa", "saya fikir", "rasanya", "pada pendapat saya"),
    "vi": (
        "có lẽ",
        "chắc là",
        "có thể là",
        "hình như",
        "dường như",
        "tôi nghĩ",
        "tôi đoán",
        "tôi cho rằng",
        "em nghĩ",
        "mình nghĩ",
    ),
    "el": ("νομίζω", "πιστεύω", "μου φαίνεται", "υποθέτω", "κατά τη γνώμη μου"),
    "ro": ("cred", "mi se pare", "după părerea mea", "presupun", "bănuiesc"),
    "he": ("אני חושב", "אני חושבת", "נראה לי", "לדעתי", "אני מניח", "אני מניחה", "נדמה לי"),
    "ar": ("أعتقد", "أظن", "في رأيي", "يبدو"),
    "fa": ("فکر می‌کنم", "فکر میکنم", "به نظرم", "به نظر من", "گمان می‌کنم", "گمان میکنم"),
    "hi": ("मुझे लगता", "मेरे ख्याल से", "मेरे विचार से", "मेरा मानना", "मेरी राय में"),
    "bn": ("আমার মনে হয়", "মনে হয়", "আমার ধারণা"),
    "ta": ("நினைக்கிறேன்", "என் கருத்தில்", "தோன்றுகிறது"),
    "tl": ("sa tingin ko", "sa palagay ko", "tingin ko", "palagay ko"),
    "sw": ("nadhani", "nafikiri", "naamini", "inaonekana"),
    "ca": ("crec", "suposo", "em sembla", "sembla que"),
    "hr": ("mislim", "čini mi se", "čini se", "po meni", "pretpostavljam"),
    "sl": ("mislim", "zdi se mi", "zdi se", "po mojem"),
    "bg": ("мисля", "струва ми се", "според мен", "предполагам"),
    "et": ("arvan", "mulle tundub", "tundub", "minu arvates"),
    "lv": ("domāju", "man šķiet", "šķiet", "manuprāt"),
    "lt": ("manau", "man atrodo", "atrodo", "mano nuomone"),
    "is": ("ég held", "held ég", "mér sýnist", "að mínu mati"),
}
#: per language, frames before an answer that disown the commitment like English "If I had to guess", "Without
#: checking", "By eye", "Off the top of my head": a forced guess, an unchecked or uncomputed claim, a judgement by
#: eye, gut or memory, a first glance
FOREIGN_FRAMES: dict[str, str] = {
    "de": """wenn ich raten müsste, wenn ich raten muss, wenn ich schätzen müsste, ohne nachzurechnen, ohne
    nachrechnen, ohne zu rechnen, ohne zu prüfen, ohne prüfung, ohne gewähr, über den daumen, pi mal daumen, aus dem
    bauch, aus dem gedächtnis, auf den ersten blick, grob geschätzt""",
    "fr": """si je devais deviner, si je dois deviner, à vue de nez, à vue d'œil, au pif, au jugé, à la louche, sans
    vérifier, sans vérification, sans calculer, sans recompter, de mémoire, à première vue, au premier abord""",
    "es": """si tuviera que adivinar, si tengo que adivinar, a ojo, a ojo de buen cubero, a simple vista, sin
    verificar, sin comprobar, sin calcular, sin revisar, de memoria, a primera vista""",
    "it": """se dovessi indovinare, a occhio, a occhio e croce, senza verificare, senza controllare, senza calcolare,
    a memoria, a prima vista""",
    "pt": """se eu tivesse que adivinhar, se tivesse de adivinhar, a olho, a olho nu, sem verificar, sem conferir,
    sem calcular, de memória, à primeira vista""",
    "ru": """если угадывать, если бы пришлось угадывать, если гадать, навскидку, на глаз, на глазок, без проверки,
    не проверяя, не считая, не пересчитывая, по памяти, на первый взгляд""",
    "pl": "gdybym miał zgadywać, gdybym musiał zgadywać, na oko, bez sprawdzania, nie sprawdzając, z pamięci",
    "nl": "als ik moest raden, op het oog, zonder te controleren, zonder na te rekenen, uit het hoofd",
    "tr": "tahminimce, göz kararı, kontrol etmeden, hesaplamadan, ilk bakışta",
    "id": "kalau harus menebak, tanpa memeriksa, tanpa menghitung, sekilas",
    "vi": "nếu phải đoán, chưa kiểm tra, không kiểm tra, nhìn sơ qua",
}
#: per language, the adverbs of an earlier time and the first-person verbs of getting or thinking (comma-separated)
#: that, at most two words apart, report a first or earlier result ("Al principio obtuve", "Сначала я получил",
#: "Zuerst hatte ich"), like English "At first I got"
FOREIGN_EARLIER_RESULTS: dict[str, tuple[str, str]] = {
    "de": ("zuerst, anfangs, zunächst, ursprünglich, früher", "hatte, bekam, erhielt, dachte, habe, kam, errechnete"),
    "fr": ("d'abord, initialement, au début, au départ", "j'ai, j'avais, obtenu, trouvé, pensé"),
    "es": (
        "al principio, inicialmente, primero, en un principio",
        "obtuve, obtuvimos, saqué, calculé, pensé, creí, tuve",
    ),
    "it": ("all'inizio, inizialmente, prima", "ho, avevo, ottenuto, pensavo, trovato"),
    "pt": ("no início, inicialmente, primeiro, a princípio", "obtive, obtivemos, achei, pensei, calculei"),
    "ru": (
        "сначала, вначале, изначально, первоначально",
        "получил, получила, получили, получилось, думал, думала, вышло",
    ),
    "pl": ("najpierw, początkowo", "otrzymałem, otrzymałam, dostałem, dostałam, wyszło, myślałem, myślałam"),
    "nl": ("eerst, aanvankelijk", "kreeg, had, dacht, vond"),
}


def _phrases(listing: str) -> str:
    """The comma-separated phrases of ``listing`` as a regex alternation, longest first; a space matches any run
    of spaces or tabs."""
    phrases = {" ".join(p.split()) for p in listing.split(",") if p.strip()}
    return "|".join(sorted((re.escape(p).replace(r"\ ", r"[ \t]++") for p in phrases), key=len, reverse=True))


#: a foreign modal, belief frame or disowning frame (:data:`FOREIGN_MODALS`, :data:`FOREIGN_BELIEFS`,
#: :data:`FOREIGN_FRAMES`) or a report of an earlier result (:data:`FOREIGN_EARLIER_RESULTS`) as a whole phrase
FOREIGN_BELIEF = re.compile(
    r"(?i)(?<![\w'-])(?:"
    + "|".join(
        sorted(
            {re.escape(w) for words in FOREIGN_MODALS.values() for w in words.split()}
            | {re.escape(p).replace(r"\ ", r"[ \t]++") for ps in FOREIGN_BELIEFS.values() for p in ps},
            key=len,
            reverse=True,
        )
        + [_phrases(frames) for frames in FOREIGN_FRAMES.values()]
        + [
            rf"(?:{_phrases(times)})[ \t,]++(?:[^\W\d_]++[ \t]++){{0,2}}?(?:{_phrases(verbs)})"
            for times, verbs in FOREIGN_EARLIER_RESULTS.values()
        ]
    )
    + r")(?![\w'-])"
)
#: the words for "minus" or "negative" before a value in other languages ("La réponse est moins 4", "Ответ: минус
#: 4", "Cevap eksi 4", "jawabannya negatif 4", "उत्तर ऋण 4 है", "الإجابة هي سالب 4", "پاسخ منفی 4 است"): the value
#: is negative
FOREIGN_SIGN_WORDS = frozenset(
    "moins menos meno минус мінус eksi negatif âm ऋण माइनस negativo negativa negativ سالب ناقص منفی מינוס".split()
)
#: the same in scripts written without spaces, right before the value (答案是负4, 答えはマイナス4, 정답은 마이너스 4)
CJK_SIGN_WORDS = ("负", "負", "マイナス", "마이너스", "ลบ")
#: per language, a writer's negated knowledge, certainty or ability ("I don't know", "I'm not sure", "I can't
#: solve it", "no idea"): a short comment holding one right before an answer doubts it ("Не знаю.", "No sé
#: resolver esto bien.", "Ich bin mir nicht sicher.")
FOREIGN_DOUBTS: dict[str, str] = {
    "de": """ich weiß nicht, weiß ich nicht, weiß nicht, keine ahnung, nicht sicher, ich bin unsicher, ich kann
    das nicht, kann ich nicht lösen, ich komme nicht weiter""",
    "fr": """je ne sais pas, je sais pas, sais pas, aucune idée, pas sûr, pas sûre, pas certain, pas certaine, je ne
    suis pas sûr, je n'arrive pas""",
    "es": """no sé, no lo sé, ni idea, no estoy seguro, no estoy segura, no estoy convencido, no puedo resolver, no
    consigo""",
    "it": """non lo so, non so, nessuna idea, non sono sicuro, non sono sicura, non riesco""",
    "pt": """não sei, não tenho certeza, não estou certo, não estou seguro, não estou segura, nenhuma ideia, não
    consigo""",
    "ru": """не знаю, не уверен, не уверена, не уверены, понятия не имею, не могу решить, не получается""",
    "uk": "не знаю, не впевнений, не впевнена, гадки не маю",
    "pl": "nie wiem, nie jestem pewien, nie jestem pewna, nie mam pojęcia, nie umiem",
    "nl": "ik weet het niet, weet ik niet, weet niet, geen idee, niet zeker",
    "tr": "bilmiyorum, emin değilim, hiçbir fikrim yok, çözemedim",
    "id": "tidak tahu, tidak yakin, entahlah, kurang yakin",
    "vi": "không biết, không chắc, chưa chắc",
}
#: a negated knowledge, certainty or ability of :data:`FOREIGN_DOUBTS` as a whole phrase
FOREIGN_DOUBT = re.compile(
    r"(?i)(?<![\w'-])(?:" + "|".join(_phrases(doubts) for doubts in FOREIGN_DOUBTS.values()) + r")(?![\w'-])"
)
#: idioms that affirm an answer though they hold a word of negation or doubt: "no doubt (about it)", "without a
#: doubt", "beyond doubt", "without question"; Chinese, Japanese and Korean set phrases built on a negation
#: (毫无疑问 "without the slightest doubt", 没错 "not wrong", 无误 "free of error", 間違いなく "without mistake",
#: 틀림없이 "without fail") and marks of a completed check (確認済み, 検証済み, 已验证, 확인됨), matched inside a run;
#: the affirmations of one word (对, 正确, 正しい, 맞습니다) only as a whole run. Blanked before reading what stands
#: around an answer, they neither doubt nor change it.
AFFIRMING_IDIOMS = re.compile(
    r"(?i)\b(?:(?:there(?:'s|[ \t]++is)[ \t]++)?no[ \t]++(?:doubt|question)(?:[ \t]++about[ \t]++it)?+|"
    r"without[ \t]++(?:a[ \t]++|any[ \t]++)?(?:doubt|question)|beyond[ \t]++(?:a[ \t]++|any[ \t]++)?(?:reasonable[ \t]++)?"
    r"doubt)\b|(?<![\w'-])(?:ohne[ \t]++(?:jeden[ \t]++)?+zweifel|zweifellos|sans[ \t]++aucun[ \t]++doute|"
    r"sin[ \t]++(?:ninguna[ \t]++)?+duda|sin[ \t]++lugar[ \t]++a[ \t]++dudas|senza[ \t]++(?:alcun[ \t]++)?+dubbio|"
    r"sem[ \t]++(?:nenhuma[ \t]++)?+dúvida|без[ \t]++(?:всякого[ \t]++)?+сомнения|несомненно|bez[ \t]++wątpienia|"
    r"zonder[ \t]++twijfel|şüphesiz|tanpa[ \t]++ragu)(?![\w'-])|毫无疑问|毫無疑問|毋庸置疑|无可置疑|無可置疑|确定无疑|确凿无疑|无疑|無疑|没错|沒錯|准确无误|確認無誤|确认无误|"
    r"无误|無誤|已验证|已驗證|已确认|已確認|已检查|已檢查|間違いなく|間違いない|間違いありません|疑いなく|疑いの余地はない|"
    r"確認済み|確認済|検証済み|検算済み|틀림없이|틀림없|의심의[ \t]?여지[ \t]?없이|확인됨|검증됨|확인[ \t]?완료|"
    r"(?<![\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af])(?:对|對|对的|正确|正確|是的|正しい|맞습니다|맞다|맞아요|정확합니다)"
    r"(?![\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af])"
)
_FOREIGN_NEGATION_WORDS = frozenset(w for words in FOREIGN_NEGATIONS.values() for w in words.split())
_FOREIGN_HEDGE_WORDS = frozenset(w for words in FOREIGN_HEDGES.values() for w in words.split())
#: per language, the common words that bound or grade a value from after it, alone or as the head of their phrase
#: ("at least", "at most", "at best", "at worst", "maximum", "minimum", "or so"): "7 mindestens", "7 al menos", "7 au
#: moins", "7 bestenfalls", "7 máximo", "7 en az" are bounds, no count nouns
FOREIGN_BOUNDS: dict[str, str] = {
    "de": "mindestens wenigstens zumindest höchstens maximal minimal maximum minimum bestenfalls schlimmstenfalls "
    "allenfalls günstigstenfalls ungünstigstenfalls größer kleiner höher niedriger über etwas",
    "fr": "moins plus mieux pire maximum minimum max min environ près",
    "es": "menos más mas máximo mínimo mucho poco mejor peor así apenas",
    "pt": "menos mais máximo mínimo muito pouco melhor pior assim",
    "it": "almeno meno massimo minimo più meglio peggio",
    "ru": "минимум максимум менее более меньшей крайней больше меньше лучшем худшем",
    "uk": "щонайменше щонайбільше мінімум максимум менше більше",
    "pl": "najmniej najwyżej przynajmniej conajmniej maksymalnie minimalnie maksimum minimum",
    "cs": "nejméně nejvýše alespoň aspoň maximálně minimálně",
    "nl": "minstens tenminste hoogstens maximaal minimaal",
    "sv": "minst högst åtminstone",
    "da": "mindst højst",
    "no": "minst høyst",
    "fi": "vähintään enintään korkeintaan",
    "hu": "legalább legfeljebb",
    "tr": "az çok fazla azından azami asgari civarında kadar",
    "id": "minimal maksimal setidaknya sedikitnya paling",
    "vi": "ít nhất tối đa tối thiểu",
    "el": "τουλάχιστον",
    "ro": "puțin mult",
}
#: per language, the common words that call a value wrong ("wrong", "false", "incorrect", "error"): "9 falsch", "9
#: ошибка", "9 yanlış" reject it, no count noun
FOREIGN_FAULTS: dict[str, str] = {
    "de": "falsch fehler fehlerhaft unrichtig inkorrekt",
    "fr": "faux fausse erreur erroné erronée incorrect incorrecte",
    "es": "falso falsa incorrecto incorrecta error erróneo errónea equivocado",
    "pt": "errado errada falso falsa incorreto incorreta erro",
    "it": "sbagliato sbagliata falso falsa errore errato errata",
    "ru": "неверно неправильно ошибка неверный неправильный ложь",
    "uk": "неправильно помилка хибно",
    "pl": "błędnie błąd źle fałsz",
    "cs": "špatně chyba chybně",
    "nl": "fout onjuist",
    "sv": "fel felaktigt",
    "tr": "yanlış hatalı hata",
    "id": "salah keliru",
    "vi": "sai",
}
#: per language, the modal predicates of a verb-final language that hedge the value right before them ("Cevap 7
#: olabilir": the answer may be 7)
FOREIGN_MODAL_PREDICATES: dict[str, str] = {
    "tr": "olabilir olabilirdi olmayabilir olabilirmiş olsa gerek",
    "hi": "सकता सकती सकते",
}
#: the past forms of "to be" in other languages: a clause after a value that opens on one places the value in the
#: past ("\\boxed{7} war mein erstes Ergebnis", "\\boxed{7} était ma première réponse"), like English "was"
FOREIGN_PAST_COPULAS = frozenset(
    """war waren wäre wären était étaient fut furent era eran fue fueron erano fu foi foram eram waren был была
    было были був була було були był była było były var bylo byla byl oli olivat volt ήταν""".split()
)
#: the verbs that close a Turkish statement of a value, which puts its verb last: the existential and the copula
#: suffix written apart ("Toplamda 24 elma vardır": there are 24 apples in total), "makes", "remains", "is found"
TURKISH_FINAL_VERBS = frozenset(
    "var vardır vardir vardı idi oldu dır dir dur dür tır tir tur tür eder yapar olur bulunur kalır".split()
)
#: the words of French, German, Spanish, Portuguese, Italian and Russian that make a rate of the unit after them
#: ("18 dollars par jour", "18 Dollar pro Tag", "18 dólares al día", "18 долларов в день"), like English "per"
FOREIGN_RATE_WORDS = frozenset("par pro je por al ao в за".split())
#: the words of other languages that weigh, bound, negate or reject a value next to them (:data:`FOREIGN_NEGATIONS`,
#: :data:`FOREIGN_HEDGES`, :data:`FOREIGN_BOUNDS`, :data:`FOREIGN_FAULTS`, :data:`FOREIGN_MODAL_PREDICATES`): never a
#: count noun or currency
FOREIGN_QUALIFIERS = frozenset(
    w
    for table in (FOREIGN_NEGATIONS, FOREIGN_HEDGES, FOREIGN_BOUNDS, FOREIGN_FAULTS, FOREIGN_MODAL_PREDICATES)
    for words in table.values()
    for w in words.split()
)

#: the stems of words of quantity in the languages of the answer phrases: after a value they change it
#: ("42 Millionen", "42 тысячи", "42 pour cent", "42 Promille", "42 veces", "42 Grad") and are never a count noun
FOREIGN_QUANTITY = re.compile(
    r"(?i)mill|milliard|tausend|hundert|prozent|procent|promil|mal$|dutzend|h\u00e4lfte|drittel|viertel|grad|cent|fois|"
    r"douzaine|\u043f\u0440\u043e\u043c\u0438\u043b\u043b|"
    r"degr|mil$|veces|vez|docena|d\u00fazia|volt|percent|\u0442\u044b\u0441\u044f\u0447|\u043c\u0438\u043b\u043b"
    r"|\u043f\u0440\u043e\u0446\u0435\u043d\u0442|\u0440\u0430\u0437|\u0434\u0435\u0441\u044f\u0442"
    r"|\u0441\u043e\u0442|\u0434\u044e\u0436\u0438\u043d|\u0433\u0440\u0430\u0434\u0443\u0441"
    r"|\u043f\u043e\u043b\u043e\u0432\u0438\u043d|\u0442\u0440\u0435\u0442|\u0447\u0435\u0442\u0432\u0435\u0440\u0442"
)


#: the scripts of alphabets whose words after a value :func:`foreign_count_noun` reads
_ALPHABETS = ("LATIN", "CYRILLIC", "GREEK")


def foreign_count_noun(word: str) -> str | None:
    """``word`` after a number as a count noun or currency of another language ("24 Stück", "24 Äpfel", "18
    dólares", "24 яблока" → ``noun:…``), else ``None``: a lower-case or capitalised word of three or more letters of
    an alphabet, with a letter outside ASCII (an ASCII word may be English, whose count nouns :func:`count_noun` reads) that is no word
    of quantity, multiplier, copula, joining word or word that weighs, bounds or negates the value."""
    w = word.strip()
    if len(w) < 3 or not w.isalpha() or w.isascii() or not (w.islower() or w.istitle()):
        return None  # (a letter alone, "\\boxed{5} é", is no noun)
    if not all(unicodedata.name(c, "").startswith(_ALPHABETS) for c in w):
        return None
    low = w.lower()
    if low in FOREIGN_QUALIFIERS or low in LEAD_CUES or low in FOREIGN_PAST_COPULAS or low in FOREIGN_TOTALS:
        return None
    if low in FOREIGN_JOINERS:  # "\\boxed{9} или": a joining word waits for another value
        return None
    if FOREIGN_QUANTITY.match(low) or foreign_multiplier(low) is not None:
        return None
    return f"noun:{low}"


#: words that change an answer when they stand between it and its anchor (the last copula, ``=``, ``:`` or the
#: start of its sentence): negations and retractions ("Nope, 5", "not quite 5", "excluding 5"), hedges ("Likely
#: 5", "Tentatively, 5"), bounds and relations ("Hardly 5", "exceeds 5", "a multiple of 5", "as low as 5") and
#: operations ("twice 5", "the square of 5", "the reciprocal of 5"); the negating prefix written apart ("un 5")
LEAD_CUES = (
    frozenset(
        """not no never cannot nope nicht isnt arent wasnt wont dont doesnt didnt neither nor wrong incorrect false
    untrue mistaken mistake error erroneous invalid impossible excluding excludes exclude except different differs
    differ unequal unlike rejected discarded struck scratch ignore disregard retract previously initially earlier
    formerly originally draft old doubt doubtful unlikely likely presumably seemingly apparently supposedly
    maybe perhaps possibly probably guess hypothesis hypothetically conjecture tentatively tentative unless estimate
    estimated
    rough roughly approximately approx about around nearly almost close hardly barely scarcely nowhere far near
    exceeds exceed exceeding surpasses above below beyond under over within between least most upper lower bound
    bounds low high down up multiple factor divisor power twice thrice double triple half quarter third reciprocal
    inverse opposite negative negation square squared cube cubed root times plus minus more less fewer greater
    smaller partial test sanity intermediate candidate attempt trial either anything un
    nicht kein keine keinen nie niemals vielleicht wahrscheinlich fast etwa ungefähr mindestens höchstens mehr
    weniger falsch möglicherweise pas ne n'est n'était jamais peut-être probablement presque environ moins faux fausse nunca
    quizás quizá tal probablemente casi aproximadamente más menos falso alrededor non mai forse probabilmente
    quasi circa não talvez provavelmente quase cerca не нет никогда может возможно вероятно почти около
    примерно неверно không khoảng नहीं लगभग शायद सकता सकती सकते गलत belki değil yaklaşık galiba sanırım herhalde
    olabilir yanlış bukan tidak mungkin sekitar kira-kira salah sai eventuell vermutlich womöglich knapp kaum
    larger bigger past short shy north south excess upward pushing nigh somewhere neighborhood neighbourhood
    perchance mayhaps guesstimated capped limited prima facie factorial complement coprime sub
    schätzungsweise quasiment mucho massimo massima supongo кажется наверное może lẽ ربما kanske inte ίσως
    arguably debatably provisionally offhand ostensibly nominally можливо мабуть напевно ймовірно здається
    приблизно близько אולי כנראה בערך misschien waarschijnlijk ongeveer prawdopodobnie około možná pravděpodobně
    přibližně talán valószínűleg körülbelül ehkä luultavasti kanskje måske sandsynligvis omkring شاید تقریبا
    تقريبا""".split()
    )
    | _FOREIGN_NEGATION_WORDS
    | _FOREIGN_HEDGE_WORDS
    | FOREIGN_SIGN_WORDS
)
#: phrases of several words that change an answer they stand before, each a family by its form: an equative bound
#: ("as many as 5", "as few as", "as much as", "as little as"), an example ("for instance, 5", "e.g. 5"), an order
#: of magnitude or a region ("on the order of 5", "somewhere around", "something like", "in the vicinity of", "give
#: or take"), a vague kind ("kind of 5", "sort of"), a first impression ("at first sight", "on first inspection",
#: "on the surface", "at a glance", "on the face of it", "on paper"), a part or estimate of the value ("a fraction
#: of 5", "an approximation of"), a bound as a noun ("a minimum of 5", "the maximum of"), an exclusion ("all but
#: 5", "everything but") and a function of the value ("the log of 5", "the natural logarithm of 5": "the <word> of"
#: other than a word that names the value itself, "the value of", "the total of"); and their kin in other languages
#: ("sans doute", "au plus", "al menos", "не более")
LEAD_CUE_PHRASES = re.compile(
    r"(?i)\b(?:as[ \t]++(?:many|few|much|little|high|low|large|small|big|great|long|short|far|early|late|"
    r"often|recently|old|young|heavy|light)[ \t]++as|(?:on|of)[ \t]++the[ \t]++order[ \t]++of|"
    r"(?:somewhere|anywhere|something|nothing|anything)[ \t]++(?:around|near|between|close|about|in|like)|"
    r"(?:kind|sort)[ \t]++of|give[ \t]++or[ \t]++take|on[ \t]++paper|"
    r"(?:a|an)[ \t]++(?:[a-z]++[ \t]++)?(?:fraction|approximation|estimate|multiple|divisor|factor|power|part|portion|"
    r"guess|bound)[ \t]++of|(?:on|at|upon)[ \t]++(?:a[ \t]++)?(?:first|initial|quick|cursory)[ \t]++(?:sight|glance|look|"
    r"inspection|view|read|reading|pass|impression)|"
    r"in[ \t]++the[ \t]++(?:vicinity|region|range|ballpark|neighbou?rhood|realm)[ \t]++of|"
    r"at[ \t]++a[ \t]++(?:sight|glance|look|blush)|on[ \t]++the[ \t]++(?:surface|face[ \t]++of[ \t]++it)|"
    r"at[ \t]++face[ \t]++value|(?:a|the)[ \t]++(?:minimum|maximum|min|max|floor|ceiling|cap|limit|bound)[ \t]++of|"
    r"(?:all|everything|anything|everyone|anyone)[ \t]++but|"
    r"the[ \t]++(?!(?:value|values|total|sum[ \t]++total|number|amount|answer|result|equivalent|same)[ \t])"
    r"(?:[a-z]++[ \t]++)?[a-z]++[ \t]++of|for[ \t]++(?:instance|example)|e\.[ \t]*+g\.|such[ \t]++as"
    r"|(?<!aucun[ \t])sans[ \t]++doute|(?:tout[ \t]++)?au[ \t]++(?:plus|moins|maximum|minimum|mieux|pire)|"
    r"(?:al|como|por[ \t]++lo)[ \t]++(?:m[aá]ximo|m[ií]nimo|menos|mucho)|al[ \t]++(?:massimo|minimo|più|meno)|"
    r"(?:no[ \t]++)?(?:m[aá]ximo|m[ií]nimo)[ \t]++de|(?:не[ \t]++)?(?:более|менее)|как[ \t]++минимум|как[ \t]++максимум)"
    r"[ \t$*_({\[,:]*+$"
)
#: negations, hedges and bounds in Chinese, Japanese and Korean (matched inside a run of that script)
CJK_CUES = (
    "不",
    "没",
    "非",
    "无",
    "否",
    "错",
    "约",
    "概",
    "左右",
    "以上",
    "以下",
    "至少",
    "至多",
    "最多",
    "最少",
    "也许",
    "或许",
    "估",
    "猜",
    "多分",
    "たぶん",
    "おそらく",
    "아마",
    "或许",
    "可能",
    "猜",
    "估计",
    "近似",
    "差不多",
    "几乎",
    "幾乎",
    "超过",
    "多于",
    "少于",
    "未必",
    "ない",
    "多分",
    "おそらく",
    "아마",
    "たぶん",
    "아니",
    "아닙",
    "아닌",
    "아닐",
    "수도",
    "아님",
    "않",
    "모르",
    "모릅",
    "약",
    "대략",
    "ません",
    "ではな",
    "じゃな",
    "かも",
    "だろう",
    "でしょう",
    "違",
    "吗",
    "吧",
    "好像",
    "近",
    "かな",
    "未満",
    "같",
    "미만",
    "이상",
    # hedges of belief, expectation and approximation: "should be" (应该, はず), "it seems" (似乎, 貌似, らしい,
    # みたい, 듯), "I'm afraid" (恐怕), "most likely" (多半, 八成), "roughly" (大致, だいたい, およそ, ほぼ, 대충, 거의)
    "应该",
    "应当",
    "应是",
    "应为",
    "似乎",
    "恐怕",
    "想必",
    "兴许",
    "说不定",
    "多半",
    "はず",
    "らしい",
    "みたい",
    "と思",
    "ようです",
    "ようだ",
    "듯",
    "글쎄",
    "恐らく",
    "少なくとも",
    "推定",
    "予想",
    "貌似",
    "大致",
    "八成",
    "莫非",
    "大体",
    "だいたい",
    "およそ",
    "ほぼ",
    "대충",
    "거의",
    "추측",
    # a per mille or per ten thousand before the value ("千分之5" is 5‰)
    "千分之",
    "万分之",
    # first-person belief before the answer ("I think", "I believe", "in my view"): 我觉得, 我认为, 제 생각에
    "我觉得",
    "我覺得",
    "我认为",
    "我認為",
    "我想",
    "我相信",
    "看来",
    "看來",
    "제 생각",
    "내 생각",
    "생각에",
    # Thai, also written without spaces between words: maybe, probably, I think, it seems, about, almost, not
    "อาจจะ",
    "อาจเป็น",
    "น่าจะ",
    "คงจะ",
    "คงเป็น",
    "คิดว่า",
    "เชื่อว่า",
    "เดาว่า",
    "ดูเหมือน",
    "เหมือนจะ",
    "ประมาณ",
    "เกือบ",
    "ราวๆ",
    "ไม่",
)
#: cues of a script written without spaces that count only at the end of a run, right before the answer (Thai คง,
#: "probably", is also the start of คงที่, "constant"; Japanese 約, "about", of 約数, "divisor")
CJK_FINAL_CUES = ("คง", "約")
#: hedges that doubt a whole sentence when fronted and split off by a comma ("Probably, the answer is 5",
#: "Кажется, ответ 5", "Vielleicht, 5", "Arguably, the answer is 5", "Offhand, 5")
HEDGE_CUES = frozenset(
    """maybe perhaps possibly probably presumably likely unlikely seemingly apparently supposedly tentatively
    hopefully conceivably plausibly guess guessing roughly approximately vielleicht wahrscheinlich vermutlich
    möglicherweise eventuell peut-être probablement apparemment quizás quizá probablemente posiblemente forse
    probabilmente talvez provavelmente possivelmente может возможно вероятно наверное кажется видимо belki galiba
    sanırım herhalde mungkin kayaknya barangkali kanske ίσως może chyba arguably debatably provisionally
    preliminarily offhand offhandedly ostensibly nominally theoretically superficially purportedly reportedly
    allegedly intuitively можливо мабуть напевно ймовірно здається אולי כנראה misschien waarschijnlijk
    prawdopodobnie možná pravděpodobně talán valószínűleg ehkä luultavasti kanskje måske sandsynligvis
    شاید""".split()
)
#: words that deny what they are said of in the other languages the answer phrases model (German, French, Spanish,
#: Portuguese, Italian, Russian): a short sentence after an answer holding one takes it back ("Stimmt nicht.",
#: "C'est faux.", "Es incorrecto.", "Это неверно.")
FOREIGN_DENIALS = frozenset(
    """nicht falsch unrichtig fehlerhaft faux fausse incorrect incorrecte erroné erronée incorrecto incorrecta falso
    falsa erróneo errónea errado errada errato errata sbagliato sbagliata неверно неправильно неверный ошибка
    ошибочно""".split()
)
#: words that affirm what they are said of in those languages ("Das stimmt.", "C'est exact.", "Es correcto."): a
#: short sentence after an answer holding one and no denial endorses it
FOREIGN_AFFIRMATIONS = frozenset(
    """stimmt richtig korrekt genau exakt vrai exact exacte correcte correcto correcta exacto exacta cierto cierta
    certo certa corretto corretta esatto esatta giusto giusta верно правильно точно""".split()
)
#: a noun of certainty that "without" before it in those languages makes a doubt ("sans certitude", "ohne Gewähr")
CERTAINTY_NOUNS = frozenset("certitude gewähr sicherheit certeza certezza уверенности гарантии".split())
#: per language, the common words that make a label something other than the final answer: wrong or
#: provisional, a guess or estimate, a bound, an intermediate or partial result, a draft ("Falsche Antwort:",
#: "Obergrenze:", "Zwischenergebnis:", "Réponse provisoire :", "Tahmin:"); German compounds are listed whole
FOREIGN_LABEL_CUES: dict[str, str] = {
    "de": """falsch falsche falscher falsches fehlerhaft fehlerhafte fehlerhaftes vorläufig vorläufige vorläufiges
    vorläufiger obergrenze untergrenze obere untere schranke zwischenergebnis zwischenergebnisse zwischenresultat
    zwischenwert zwischenstand teilergebnis teilresultat teillösung schätzwert geschätzt geschätzte näherung
    näherungswert annahme geraten geratene ungeprüft ungeprüfte unbestätigt unsicher skizze""",
    "fr": """fausse faux mauvaise mauvais erronée erroné provisoire provisoires intermédiaire intermédiaires partielle
    partiel approximation approchée approché hypothèse majorant minorant borne bornes ébauche supposée supposé
    douteuse douteux incertaine invérifiée""",
    "es": """incorrecta incorrecto errónea erróneo equivocada equivocado provisional provisoria provisorio intermedio
    intermedia parcial aproximación aproximada aproximado cota hipótesis tentativa tentativo estimada estimado
    dudosa dudoso supuesta""",
    "it": """sbagliata sbagliato errata errato provvisoria provvisorio intermedio intermedia parziale
    approssimazione approssimata approssimato maggiorante minorante tentativo stimata stimato dubbia dubbio""",
    "pt": """errada errado incorreta incorreto provisória provisório intermediário intermediária parcial
    aproximação aproximada aproximado hipótese rascunho estimativa estimada estimado tentativa duvidosa""",
    "ru": """неверный неверная неверное неправильный неправильная неправильное ошибочный ошибочная ошибочное
    предварительный предварительная предварительное промежуточный промежуточная промежуточное черновой черновик
    приближённый приближенный приближённое приближенное приближение верхняя нижняя гипотеза примерный примерная
    примерное""",
    "pl": """błędna błędny błędne zła zły wstępna wstępny wstępne przybliżona przybliżony przybliżenie szacunek
    szacunkowa szacunkowy szkic hipoteza tymczasowa tymczasowy częściowa częściowy pośredni pośrednia""",
    "nl": """foute fout verkeerde verkeerd voorlopige voorlopig schatting geschat tussenresultaat tussenwaarde
    bovengrens ondergrens gok""",
    "tr": """tahmin tahmini yanlış hatalı taslak geçici yaklaşık varsayım hipotez sınır""",
    "id": """tebakan perkiraan sementara salah draf dugaan""",
    "cs": """odhad odhadovaná odhadovaný špatná špatný chybná chybný předběžná předběžný mezivýsledek hypotéza""",
    "ro": """estimare estimat estimată greșit greșită provizoriu provizorie ipoteză aproximare""",
    "uk": """здогадка оцінка припущення чернетка неправильна неправильний проміжний наближення""",
    "el": """εικασία εκτίμηση υπόθεση πρόχειρο λάθος λανθασμένη""",
    "vi": """đoán ước sai nháp""",
    "ar": """تخمين حدس تقدير تقريبي خاطئ خطأ مسودة""",
    "fa": """حدس تخمین تقریبی اشتباه پیش‌نویس""",
    "he": """ניחוש הערכה השערה טיוטה שגוי שגויה""",
    "hi": """अनुमान अंदाज़ा अंदाजा गलत मसौदा""",
    "ur": """اندازہ تخمینہ غلط""",
}
#: words that make a label (before ``:`` or ``=``, or a heading or label line above the answer) something other
#: than the answer ("Wrong answer:", "Upper bound = 5", "Guess:", "Draft:", "## Vermutung"), also in the other
#: languages (:data:`FOREIGN_LABEL_CUES`)
LABEL_CUES = frozenset(w for words in FOREIGN_LABEL_CUES.values() for w in words.split()) | frozenset(
    """bound bounds upper lower test draft intermediate partial rough estimate estimated hypothesis conjecture
    doubtful discarded rejected struck old earlier previous previously sanity scratch tentative tentatively
    candidate attempt trial example hypothetical hypothetically guess unlikely likely maybe perhaps possibly probably approx approximately about
    around roughly nearly almost seemingly apparently preliminary provisional interim initial bad assumption assumed
    placeholder distractor distractors decoy unverified unconfirmed unchecked untested unproven unsure uncertain
    alleged speculative questionable dubious disputed guessed guessing limb scratchpad lemma sub-answer subanswer
    template format sub input inputs given givens goal goals target targets known knowns unknown candidates options
    gold truth label labels reference expected wip tbd tbc todo unfinished incomplete pending ballpark
    random dummy filler fallback spitball spitballing envelope
    extrapolation extrapolated interpolation interpolated projection projected forecast forecasted prediction
    predicted approximation approximated heuristic eyeballed guesstimate simulated simulation sampled
    vermutung schätzung entwurf supposition estimation brouillon conjetura estimación borrador suposición
    ipotesi stima bozza догадка предположение оценка черновик""".split()
)
#: per language, the adjectives that may stand right before the answer noun in a label and leave it the writer's
#: final answer, like English "Final answer:", "Correct answer:", "Short answer:" ("Окончательный ответ:", "Nihai
#: cevap:", "Endgültige Antwort:", "Ostateczna odpowiedź:")
FOREIGN_PLAIN_LABEL_WORDS: dict[str, str] = {
    "de": "endgültige endgültiger richtige korrekte finale kurze vollständige gesuchte",
    "fr": "bonne vraie courte",
    "es": "correcta verdadera corta",
    "it": "corretta giusta breve",
    "pt": "correta certa curta",
    "ru": """окончательный итоговый правильный верный финальный конечный краткий полный окончательная итоговая
    правильная верная финальная конечная""",
    "uk": "остаточна остаточний правильна правильний кінцева кінцевий підсумкова",
    "pl": "ostateczna końcowa poprawna prawidłowa pełna krótka",
    "nl": "definitieve juiste uiteindelijke correcte",
    "tr": "nihai son doğru kesin tam kısa",
    "cs": "konečná správná výsledná",
}
#: per language, the words that open a sentence correcting the answer before it, like English "Wait", "No",
#: "Oops", "Correction": a call to wait, a "no", an apology, a correction noun ("Moment, nein: es sind 24.", "Espera,
#: son 24.", "Стоп, это 24.", "不对，是24。")
FOREIGN_CORRECTION_OPENERS: dict[str, str] = {
    "de": "moment, warte, warten sie, halt, stopp, augenblick, hoppla, ups, korrektur, berichtigung",
    "fr": "attends, attendez, oups, pardon, en fait, rectification, erratum, correction",
    "es": "espera, esperen, ups, perdón, corrección, en realidad",
    "it": "aspetta, aspettate, ops, scusa, scusate, correzione, anzi, in realtà",
    "pt": "espera, espere, ops, desculpa, desculpe, correção, na verdade, não",
    "ru": "стоп, подожди, подождите, погоди, постой, ой, извините, исправление, поправка",
    "uk": "стоп, зачекай, зачекайте, ой, вибачте, виправлення, ні",
    "pl": "chwila, czekaj, zaraz, ups, przepraszam, poprawka, nie",
    "nl": "wacht, oeps, sorry, correctie, nee",
    "tr": "dur, bekle, hayır, pardon, düzeltme, aslında",
    "zh": "不对, 不對, 等等, 等一下, 更正, 纠正, 糾正, 错了, 錯了",
    "ja": "待って, いや, 違う, 違います, 訂正, 間違えた",
    "ko": "잠깐, 아니, 아니요, 정정, 틀렸다",
    "hi": "नहीं, रुको, रुकिए, माफ़ कीजिए, सुधार",
    "sw": "hapana, subiri, samahani, marekebisho",
    "hu": "nem, várj, bocsánat, javítás, helyesbítés",
    "am": "አይ, አይደለም, ቆይ, ይቅርታ",
}
#: the label cues of Chinese, Japanese and Korean, matched inside a run of that script before ``:``/``：``: wrong,
#: a guess or estimate, provisional, a draft, a bound, intermediate, approximate, a candidate ("错误答案：",
#: "推測：", "草稿：", "上限：", "임시 답:")
CJK_LABEL_CUES = (
    "错误",
    "錯誤",
    "誤り",
    "間違",
    "오답",
    "틀린",
    "推测",
    "推測",
    "猜测",
    "猜測",
    "估计",
    "估計",
    "估算",
    "概算",
    "予想",
    "予測",
    "추정",
    "추측",
    "예상",
    "暂定",
    "暫定",
    "临时",
    "臨時",
    "仮",
    "임시",
    "草稿",
    "草案",
    "下書き",
    "초안",
    "上界",
    "下界",
    "上限",
    "下限",
    "상한",
    "하한",
    "中间",
    "中間",
    "중간",
    "近似",
    "근사",
    "假设",
    "假設",
    "가정",
    "候选",
    "候選",
    "候補",
    "후보",
    "初步",
)
#: abbreviations of label cues, read only where a label's word can be no other word: as the label's first word
#: or in a subscript ("UB: 5", "Est: 5", "$n_{\\text{alt}} = 5$"; the French copula "est" in "La réponse est : 5"
#: is neither): upper and lower bound, estimate, alternative, candidate, approximate, preliminary, tentative,
#: hypothesis, conjecture, original, initial, previous, temporary
LABEL_ABBREVIATIONS = frozenset("ub lb est alt cand approx prelim tent hyp conj orig init prev tmp".split())
#: words that disown an answer only in a label's position, before ``:`` or ``=`` ("Possible answer: 5"; "the
#: only possible answer is 5" is an answer)
LABEL_FORM_CUES = frozenset("possible potential suggested proposed supposed alternative alternate sample".split())
#: words before an answer's copula that retract or doubt it ("I doubt the answer is", "A wrong approach gives")
RETRACTION_CUES = frozenset(
    """not never cannot nope doubt doubts doubtful false untrue wrong wrongly incorrect incorrectly mistake mistaken
    mistakenly unlikely previously initially earlier formerly originally rejected discarded guess guessed hypothesis
    conjecture whether first no non não nicht kein keine pas n'est не нет không bukan tidak değil नहीं""".split()
)
#: words that make the clause before an answer a belief, a report of someone else's answer or a disowning frame
#: rather than a commitment ("I suspect the answer is", "Chances are the answer is", "I deny that the answer is",
#: "It's a myth that the answer is", "Some might say", "ChatGPT says"); read like the retraction cues
ATTRIBUTION_CUES = frozenset(
    """suspect suspects suspected reckon reckons hunch gut bet betting wager chances myth deny denies denied disagree
    disagrees refuse refuses unclear unknown nobody naive naively supposedly allegedly reportedly rumored rumoured
    might says chatgpt glance supongo кажется lẽ answered replied responded suggested proposed naiv naiver naiven
    naives naïf naïve naïvement ingenuo ingenua ingenuos ingenuas ingenuamente ingênuo ingênua наивный наивная
    наивное наивно наивном наивного наивным naiwny naiwna naiwne naiwnie naïef naïeve""".split()
)
#: words that call the answer before them a guess, a stand-in or doubtful, in a short value-free sentence after it
#: ("I guessed.", "Pure speculation.", "This is just a placeholder.", "Dubious.", "Iffy.", "Meh.")
DOUBT_WORDS = frozenset(
    """guessed guessing guesswork guesstimate speculation speculative speculating placeholder dummy stub dubious
    questionable shaky iffy meh eh dunno doubtful unsure uncertain unverified unchecked untested unconfirmed unproven
    randomly arbitrary arbitrarily hunch sketchy suspect unreliable tentative provisional disagree disagrees""".split()
)
#: words that disown the answer they describe, as its subject's predicate or as an adjective on its source: a trap
#: or a misprint ("\\boxed{5} is the trap answer", "The misprinted answer is 5"), a flawed source ("The flawed
#: approach yields 5", "Blindly adding gives 5", "Forgetting the constraint gives 5"), a failed check or a
#: rejection ("5 fails the check", "5 overcounts", "5 was rejected by the checker", "5 violates the condition"),
#: another's answer ("5 is what ChatGPT said", "5 was copied from the prompt")
DISOWNING_CUES = frozenset(
    """trap traps trick tricky distractor distractors decoy misprint misprints misprinted typo typos typo'd typoed
    flawed flaw faulty erroneous erroneously bogus spurious naive naively careless carelessly blindly sloppy
    sloppily botched buggy hasty hastily fails failed failing overcounts undercounts overcounted undercounted
    overcount undercount overcounting undercounting overshoots undershoots violates violated violating breaks broke contradicts
    contradicted rejected refuted disproven disproved unjustified unfounded unsupported copied forgetting forgot
    forgotten ignoring neglecting overlooking misreading misread misapplying misapplied pitfall
    chatgpt gpt llm often commonly""".split()
)
#: an earlier answer after the answer it names ("5 was my initial answer", "5 is the original guess"): a word of
#: :data:`EARLIER_WORDS` before a noun of :data:`ANSWER_NOUNS`; and a bound ("only an upper bound")
EARLIER_WORDS = frozenset("initial original earlier old previous prior preliminary upper lower".split())
#: a later fix of the answer named after it ("5 was the answer before the correction"); before an answer it
#: introduces the fixed one ("Correction: 6")
LATER_FIXES = frozenset("correction corrections erratum errata".split())
ANSWER_NOUNS = frozenset("answer answers guess guesses attempt attempts try bound bounds".split())
#: attributes of an answer tag that say nothing about the answer's standing (``<answer id="1">``): any value
NEUTRAL_TAG_ATTRIBUTES = frozenset(
    "id class name key index idx n no num number part question problem q item style dir lang xml:lang".split()
)
#: attributes of an answer tag that name the answer's form (``<answer format="latex">``), with the values that do
FORM_TAG_ATTRIBUTES = frozenset("format type kind form mode".split())
FORM_TAG_VALUES = frozenset(
    """number numeric integer int float decimal fraction rational real complex expression expr math latex tex
    text string str plain exact final boxed choice letter option mcq interval set tuple list vector matrix
    equation json""".split()
)
#: attributes of an answer tag that state its standing (``<answer status="final">``), with the values that affirm
#: it; a confidence or a probability affirms only at certainty (1, 1.0, 100%)
STANDING_TAG_ATTRIBUTES = frozenset(
    "status state verified correct final checked confirmed valid certain sure confidence certainty probability p".split()
)
AFFIRMING_TAG_VALUES = frozenset(
    "true yes final verified correct checked confirmed valid certain sure done complete ok pass passed".split()
)
#: attributes written bare that affirm (``<answer final>``); any other bare attribute (``draft``) disowns
AFFIRMING_BARE_ATTRIBUTES = frozenset("final verified checked confirmed correct certain".split())
_LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def tag_attribute_disowns(name: str, value: str | None) -> bool:
    """An answer tag's attribute ``name`` (lower case, ``data-`` prefix removed) with ``value`` (``None`` when bare)
    states doubt, a wrong, draft or unverified standing, a confidence below certainty or another value
    (``status="wrong"``, ``confidence="0.1"``, ``alt="6"``, ``note="maybe 6"``, ``draft``); neutral attributes
    (``id``, ``format="latex"``, ``lang="en"``) and affirming ones (``status="final"``, ``verified="true"``) do not."""
    if value is None:
        return name not in AFFIRMING_BARE_ATTRIBUTES
    v = value.strip().lower()
    if name in ("lang", "xml:lang"):
        return _LANGUAGE_CODE.fullmatch(v) is None
    if name in NEUTRAL_TAG_ATTRIBUTES:
        return False
    if name in FORM_TAG_ATTRIBUTES:
        return v not in FORM_TAG_VALUES
    if name in STANDING_TAG_ATTRIBUTES:
        if v in AFFIRMING_TAG_VALUES:
            return False
        try:
            level = float(v.rstrip("% "))
        except ValueError:
            return True
        return level < (100 if v.endswith("%") or level > 1 else 1)  # "0.9", "90%", "90" (of 100) are below
    return True


#: words and marks that endorse an answer ("verified", "for sure", ✓, ``\\checkmark``): struck out or cancelled, they
#: withdraw the endorsement (``\\boxed{5} (~~verified~~)``, ``\\cancel{\\checkmark}``, ``<del>certain</del>``)
ENDORSEMENTS = frozenset(
    """verified checked confirmed certain sure definitely certainly surely correct right proven proved final
    guaranteed tested validated exact exactly qed for 100% \u2713 \u2714 \u2705 \u2611 \\checkmark""".split()
)
_ENDORSEMENT_TOKEN = re.compile(r"\\checkmark|[a-z]++|\d++%|[\u2713\u2714\u2705\u2611]")


def endorsement(text: str) -> bool:
    """``text`` (struck-out content) is only an endorsement of an answer: "verified", "(for sure)", "✓"."""
    words = _ENDORSEMENT_TOKEN.findall(text.lower().replace("\\text", " "))
    return bool(words) and all(w in ENDORSEMENTS for w in words) and words != ["for"]


#: a status line's labels: a check, a test or a review of the answer ("Verification: FAILED", "Unit test: FAIL",
#: "Answer status: rejected", "Sanity check: does not hold", "Reviewer: wrong", "Substituting back: …")
STATUS_LABELS = frozenset(
    """verification verified verify check checked checks checking sanity status test tests tested testing unit
    review reviewer reviewed grade graded grader grading validation validated validity substituting substitution
    plugging plugged proof assertion assert result outcome evaluation judge verdict type kind state stage quality
    nature""".split()
)
#: the value of a status line that calls the answer provisional ("Status: draft", "answer_type: estimate")
PROVISIONAL_STATUS = frozenset(
    """draft estimate estimated guess guessed tentative provisional preliminary placeholder hypothesis conjecture
    approximate approximation unverified unconfirmed unchecked untested partial incomplete wip tbd pending interim
    speculative""".split()
)
#: the first word of a status line's value that denies it ("FAILED", "wrong", "rejected", "no")
DENYING_STATUS = frozenset(
    """fail failed fails failing failure wrong incorrect rejected reject invalid false no not none error erroneous
    mismatch refuted unsatisfied unverified bad""".split()
)


#: prepositions that relate the value to another quantity ("5 out of 6", "3 to 1", "5 in 6", "5 by 6")
RELATING_PREPOSITIONS = frozenset("of in to by through thru from per out into times over than vs versus".split())


def _source_before(words: list[str]) -> bool:
    """``words`` (the two before a word of :data:`EARLIER_WORDS`) give the value another problem or an earlier run
    as its target or source: "for the", "for a", "from a", "from an" ("5 (for the previous question)", "5 (from a
    previous run)"; "5 (from the previous step)" carries a step's value)."""
    low = [w.lower() for w in words]
    return low[-1:] == ["for"] or low in (["for", "the"], ["for", "a"], ["for", "an"], ["from", "a"], ["from", "an"])


def cue_words(words: list[str]) -> bool:
    """Some of ``words`` negate, retract, weaken, condition or disown an answer (see the cue lexicons)."""
    prev = ""
    for k, w in enumerate(words):
        low = w.lower().replace("\u2019", "'").strip(".,;:!")
        after = words[k + 1].lower() if k + 1 < len(words) else ""
        if (
            low == "time"
            and prev in EARLIER_TIMES
            and after in ("i", "we")
            or low in EARLIER_TIMES
            and prev in ("i", "we")
        ):
            return True  # "5 last time I checked", "5 when I first computed it": an earlier, superseded attempt
        if low in ("i'd", "we'd") or low == "would" and prev in ("i", "we"):
            return True  # "5, I'd wager", "5, I would think": the writer's answer in the conditional mood
        if low in EARLIER_WORDS and _source_before(words[max(0, k - 2) : k]):
            return True  # "5 (for the previous question)", "5 (from a previous run)": another problem's or run's value
        if low == "change" and prev == "in":
            continue  # "$5 back in change" is the money given back; "$5 and change" is a little more than 5
        if low.endswith("n't") or low.replace("'", "") in NEGATION_CUES or low in QUALIFIER_CUES or low in HEDGE_CUES:
            return True
        if low in CERTAINTY_NOUNS and prev in ("sans", "ohne", "sin", "senza", "sem", "без"):
            return True  # "5 (sans certitude)", "5 (ohne Gewähr)": without certainty
        if low in ROUND_NOUNS and prev == "round":
            return True  # "in round numbers": an approximation; "a nice round 5" is exact
        if low in DISOWNING_CUES or low in ANSWER_NOUNS and prev in EARLIER_WORDS or low in LATER_FIXES:
            return True  # "is the trap answer", "fails the check", "was my initial answer"
        prev = low
    return False


#: a relating preposition followed by a number, in digits or words ("out of 6", "in ten", "to one")
RELATING_NUMBER = re.compile(
    r"(?i)\b(?:of|in|to|by|through|thru|from|per|into|over|than|vs|versus)[ \t]++(?:a[ \t]++|an[ \t]++)?+"
    r"(?:\d|\$|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|fifty|hundred|"
    r"thousand|million|dozen|half|third|quarter)\b)"
)
#: a direction that makes the value a displacement ("5 units to the left", "3 steps on the right")
DIRECTION = re.compile(r"(?i)\b(?:to|on|towards?)[ \t]++(?:the[ \t]++)?+(?:left|right)\b")
#: "in base 10", "in decimal": the reading every plain number has
DECIMAL_READING = re.compile(r"(?i)^[ \t,]*+in[ \t]++(?:base[ \t]++(?:10|ten)|decimal)\b[ \t.]*+$")


#: a frame after a value that makes it hold only in a limit, on average, in a model or in theory ("5 in the limit",
#: "5 on average", "5 in expectation", "5 in the simplified model", "5 in theory", "5 to first order"), only
#: until it was corrected ("5 before the correction") or only for now ("5 for now", "5, last I checked", "5 so far")
QUALIFYING_FRAME = re.compile(
    r"(?i)^[ \t,]*+(?:(?:in|on|under|within)[ \t]++(?:the[ \t]++|an?[ \t]++|this[ \t]++|our[ \t]++)?+"
    r"(?:[a-z-]++[ \t]++){0,2}?(?:limit|limiting[ \t]++case|average|expectation|mean|median|model|theory|"
    r"principle|approximation|idealization|idealisation|simplification|regime|scenario|hypothesis|aggregate|"
    r"asymptotics?)\b|to[ \t]++(?:first|second|leading|lowest)[ \t]++order\b|asymptotically\b|on[ \t]++paper\b|"
    r"(?:before|until|prior[ \t]++to|pending)[ \t]++(?:the[ \t]++|my[ \t]++|a[ \t]++|our[ \t]++|any[ \t]++)?+"
    r"(?:correction|fix|revision|update|edit|erratum|recheck|re-check|review|verification|check)s?\b"
    # a provisional standing: "for now", "for the time being", "as of now", "so far", "last I checked"
    r"|(?:for|at)[ \t]++(?:now|the[ \t]++(?:moment|time[ \t]++being))\b|as[ \t]++of[ \t]++(?:now|yet|today)\b"
    r"|so[ \t]++far\b|as[ \t]++(?:it|things)[ \t]++stands?+\b|until[ \t]++(?:proven|shown)[ \t]++otherwise\b"
    r"|(?:last|the[ \t]++last[ \t]++time)[ \t]++(?:i|we)[ \t]++(?:checked|looked|heard|counted)\b)"
)


#: a qualifier right after a value that makes it no plain answer, by its form: an error bar ("+/- 1", "± 0.5",
#: "plus or minus 2"), a rounding to a precision ("to one sig fig", "to 2 decimal places"), a condition with a
#: relation ("for n > 2", "when x \\geq 1"), a pointer to a caveat ("see caveat", "with caveats") or an
#: approximation ("to a first approximation", "to a good approximation", "as a rough estimate")
QUALIFIER_AFTER_VALUE = re.compile(
    r"(?i)^[ \t,;:(\u2014-]*+(?:\+[ \t]*+/?+[ \t]*+-|\u00b1|\\pm\b|plus[ \t]++or[ \t]++minus\b"
    r"|(?:rounded[ \t]++|correct[ \t]++)?+to[ \t]++(?:\d{1,3}+|one|two|three|four|five|six|a[ \t]++few)[ \t]++"
    r"(?:sig(?:nificant)?+\.?+[ \t]*+(?:figs?+|figures?+|digits?+)|s\.?+f\.?+|d\.?+p\.?+|decimal[ \t]++(?:places?+|digits?+))\b"
    r"|(?:for|when|whenever|if|provided(?:[ \t]++that)?+|assuming|unless|where)[ \t]++[^()\n<>]{0,40}?"
    r"(?:[<>\u2264\u2265\u2260]|\\(?:leq?+|geq?+|neq?+|lt|gt)\b)"
    r"|[^()\n]{0,40}?\b(?:caveats?+|disclaimers?+)\b"
    r"|(?:to|as)[ \t]++(?:an?[ \t]++|the[ \t]++)?+(?:(?:first|second|zeroth|good|rough|crude|reasonable|fair|close|"
    r"decent|leading|lowest)[ \t-]++)?+(?:approximation|estimate)\b)"
)


#: a prepositional phrase that ends the statement after a value, its preposition and the words of its noun phrase
_FINAL_PREPOSITIONAL = re.compile(
    r"(?i)^[ \t,;(\u2014-]*+(in|on|at|for|by|with|to|from|under)[ \t]++((?:[a-z'\u2019-]++[ \t]++){0,5}?[a-z'\u2019-]++)"
    r"[ \t]*+[.!)]?+[ \t]*+$"
)
#: nouns after "any" that say the value holds whatever the case ("in any case", "in any event")
_INVARIANT_NOUNS = frozenset("case cases event events reading order way".split())
#: nouns after "our"/"my" that name the problem's own frame, not the writer's view ("in our notation", "in our case")
_OWN_FRAMES = frozenset("case cases problem example notation units unit setup setting convention".split())
#: adjectives that grade the circumstances, after "a"/"an" ("on a good day", "in a perfect world"); a noun phrase
#: with any other adjective, or none, describes what the value counts or where ("for a full set", "on a shelf")
_GRADING_ADJECTIVES = frozenset("good bad perfect ideal lucky better worse best worst".split())
#: suffixes of abstract nouns ("in all likelihood", "in all honesty", "in all probability")
_ABSTRACT_SUFFIXES = ("hood", "ity", "ness", "ty", "ence", "ance")


def hedging_phrase(rest: str) -> bool:
    """``rest`` (what follows a value to the end of its statement) is a prepositional phrase that weighs the value
    rather than saying what it counts, by the form of its noun phrase: an indefinite article with an adjective that
    grades the circumstances ("on a good day", "in a perfect world"; not "for a full set", "on a shelf", "in a
    day"), the writer's possessive ("in my opinion", "by my reckoning"), "all" with an abstract noun ("in all
    likelihood"; not "in all cases"), "any"/"some" with a noun ("with any luck"; not "in any case") or a clause of
    the writer ("for what it's worth", "for all I know"). A unit ("in dollars"), a definite or quantified phrase
    ("in the box", "for each child") or a name ("by Friday") describes the value."""
    m = _FINAL_PREPOSITIONAL.match(rest[:120])
    if m is None:
        return False
    words = m.group(2).lower().replace("\u2019", "'").split()
    det, nouns = words[0], words[1:]
    if det in ("a", "an"):
        return len(nouns) > 1 and nouns[0] in _GRADING_ADJECTIVES
    if det in ("my", "our") and nouns:
        return nouns[-1] not in _OWN_FRAMES
    if det == "all" and nouns:
        return nouns[0] in ("i", "we") or nouns[-1].endswith(_ABSTRACT_SUFFIXES)
    if det in ("any", "some") and nouns:
        return nouns[-1] not in _INVARIANT_NOUNS
    return det == "what"


def qualifies_value(rest: str) -> bool:
    """What follows a value makes it no plain answer: a qualifier (:data:`QUALIFIER_AFTER_VALUE`), a qualifying
    frame (:data:`QUALIFYING_FRAME`) or a hedging prepositional phrase (:func:`hedging_phrase`), maybe in
    parentheses."""
    return (
        QUALIFIER_AFTER_VALUE.match(rest) is not None
        or QUALIFYING_FRAME.match(rest.lstrip(" \t(")) is not None
        or hedging_phrase(rest)
    )


def changes_value(rest: str) -> bool:
    """The words after a value change it: a cue word, a qualifying frame ("in the limit", "on average") or a
    number it is related to ("out of 6")."""
    if DECIMAL_READING.match(rest):
        return False
    words = re.findall(r"[A-Za-z']+", rest)
    return (
        cue_words(words)
        or any(w.lower() in FOREIGN_QUALIFIERS for w in re.findall(r"[^\W\d_]++", rest[:200]))  # "9 Äpfel höchstens"
        or QUALIFYING_FRAME.match(rest) is not None
        or hedging_phrase(rest)
        or RELATING_NUMBER.search(rest) is not None
        or DIRECTION.search(rest) is not None
    )


#: a tail after an answer saying it holds whatever the reading or case ("5 either way", "5 in both cases", "5
#: regardless", "5 no matter what") or pointing to where it was derived (", as shown above"): it affirms the
#: answer, where the bare words "case", "no", "above" would qualify it
INVARIANCE_TAIL = re.compile(
    r"(?i)^[ \t,;\u2014-]*+(?:either[ \t]++way|in[ \t]++(?:either|both|all|each|any|every)[ \t]++cases?+|regardless|"
    r"no[ \t]++matter[ \t]++(?:what|which|how)|whichever[ \t]++way|in[ \t]++any[ \t]++event|in[ \t]++every[ \t]++reading|"
    r"as[ \t]++(?:shown|computed|derived|proved|proven|found|calculated|stated|established|claimed)"
    r"(?:[ \t]++(?:above|below|earlier|before))?+)"
    r"[ \t.!]*+$"
)


@lru_cache(maxsize=4096)
def closing_emoji(char: str) -> bool:
    """``char`` is a celebratory or encouraging pictograph (🎉 🚀 ✨ 💯 👏 🍀 📚 💬): a closing remark after an
    answer, by its Unicode name; thinking, shrugging, crossing, winking or sweating faces are not."""
    name = unicodedata.name(char, "")
    return any(w in name for w in _CLOSING_EMOJI_WORDS) and not any(w in name for w in _NOT_CLOSING_EMOJI_WORDS)


_CLOSING_EMOJI_WORDS = (
    "PARTY",
    "CONFETTI",
    "SPARKLE",
    "ROCKET",
    "HUNDRED POINTS",
    "CLAPPING",
    "CELEBRATION",
    "THUMBS UP",
    "TROPHY",
    "MEDAL",
    "STAR",
    "FIRE",
    "LIGHT BULB",
    "DIRECT HIT",
    "CLOVER",
    "BOOK",
    "SPEECH BALLOON",
    "HEART",
    "GRINNING",
    "SMILING FACE",
    "FLEXED BICEPS",
    "OK HAND",
    "BALLOON",
    "WRAPPED PRESENT",
    "CROWN",
    "GEM STONE",
    "WAVING HAND",
    "HANDSHAKE",
    "PENCIL",
    "MEMO",
    "GRADUATION",
    "MUSICAL NOTE",
    "RAINBOW",
    "SUN WITH FACE",
    "HIGH VOLTAGE",
)
_NOT_CLOSING_EMOJI_WORDS = ("SWEAT", "TEAR", "WINK", "BROKEN", "UPSIDE", "SMIRK", "CROSS", "HALO", "HORNS")

#: words after an answer that place it in an earlier attempt ("\\boxed{5} on the first attempt", "I got \\boxed{5}
#: earlier", "… before rechecking", "… in my draft"): it is not the committed answer
ATTEMPT_TIME_WORDS = frozenset(
    """earlier before previously initially originally formerly yesterday first draft drafts scratch rechecking
    redoing recomputing correcting attempt try""".split()
)

#: words that name a stated confidence in the answer being right, per language, in a label ("Confidence: 30%",
#: "conf=0.3", "Self-assessed accuracy: 30%", "Konfidenz: niedrig", "Confianza: 30%", "置信度：低", a JSON key or a
#: tag): the share after it is the chance the answer is right
CONFIDENCE_LABEL_WORDS: dict[str, str] = {
    "en": "confidence conf certainty sureness accuracy reliability credence belief",
    "de": "konfidenz sicherheit zuversicht gewissheit vertrauen zuverlässigkeit genauigkeit",
    "es": "confianza certeza seguridad fiabilidad precisión",
    "fr": "confiance certitude fiabilité assurance",
    "it": "fiducia certezza sicurezza affidabilità",
    "pt": "confiança certeza segurança",
    "ru": "уверенность достоверность надёжность надежность",
    "pl": "pewność pewnosc zaufanie",
    "nl": "zekerheid vertrouwen betrouwbaarheid",
    "tr": "güven eminlik kesinlik",
    "vi": "tin cậy chắc chắn",
    "cjk": "置信度 信心 把握 确信度 確信度 可信度 自信度 信頼度 確信 自信 신뢰도 확신도 확신 자신감",
}
#: words that name the chance the answer is wrong in such a label ("Error probability: 0.6", "Likelihood of
#: error: high", "P(wrong) = 0.7"): the share after it is read the other way round
ERROR_LABEL_WORDS = frozenset(
    """error errors wrong incorrect mistake mistakes fehler falsch erreur errore ошибки ошибка błędu fout hata lỗi
    错误 誤り 오류""".split()
)
#: words that make an error word a chance in such a label ("Error probability", "chance of error", "Risk of error")
CHANCE_WORDS = frozenset(
    """probability chance chances likelihood risk odds prob p pr wahrscheinlichkeit risiko probabilidad
    probabilité probabilità вероятность prawdopodobieństwo kans olasılık xác suất""".split()
)
#: words that say a stated level is low, per language ("low", "niedrig", "bajo", "faible", "низкая", "低", "낮음")
LOW_LEVEL_WORDS = frozenset(
    """low lowish weak little minimal poor niedrig gering schwach bajo baja poca poco débil faible basse bas basso
    bassa scarsa baixo baixa низкая низкий слабая малая niska niski słaba laag zwak düşük zayıf thấp 低 低い 낮음
    낮다 낮아요""".split()
)
#: words that say a stated level is middling ("medium", "mittel", "media", "moyenne", "средняя", "中", "중간")
MIDDLE_LEVEL_WORDS = frozenset(
    """medium moderate middling fair mittel mittlere mäßig media medio moyenne moyen modérée средняя средний
    średnia średni gemiddeld matig orta trung 中 中等 普通 중간 보통""".split()
)
#: words that say a stated level is high ("high", "hoch", "alta", "élevée", "высокая", "高", "높음")
HIGH_LEVEL_WORDS = frozenset(
    """high full strong certain complete total absolute solid firm very hoch sehr hohe alta alto elevada élevée
    haute élevé alta alto высокая высокий полная wysoka wysoki pełna hoog volledig yüksek tam cao 高 高い 很高
    높음 높다 높아요""".split()
)

#: per language, the words of a short question after an answer that asks only whether it holds ("Stimmt das?",
#: "Est-ce juste ?", "¿Es correcto?", "Правильно ли это?", "Czy to dobrze?", "Klopt dat?", "Doğru mu?", "Đúng
#: không?"); a question with any other word asks about something else ("Brauchst du mehr?")
FOREIGN_TRUTH_QUESTION: dict[str, str] = {
    "de": "stimmt das es ist richtig korrekt wirklich oder so wahr sicher passt",
    "fr": "est-ce c'est ce est correct correcte juste vrai vraie exact exacte bon bonne n'est-ce pas",
    "es": "es esto eso está correcto correcta bien cierto verdad así seguro",
    "pt": "é isso está certo certa correto correta verdade mesmo",
    "it": "è questo giusto giusta corretto corretta vero vera così",
    "ru": "это правильно верно так ли точно да",
    "pl": "czy to jest dobrze poprawnie prawda dobra dobry poprawna poprawny",
    "nl": "klopt dat dit het is juist goed correct toch echt",
    "tr": "doğru mu mı mi mü bu değil cevap sonuç",
    "vi": "đúng không phải vậy chứ chưa có này",
}
#: per language, words that doubt or disown an answer in a short sentence after it, unless a negation stands next
#: to them: unsure, guessed, joking, wrong ("Unsicher.", "Nur ein Scherz.", "Dat is fout.", "Strzelam."); nouns a
#: preposition negates ("senza dubbio", "zonder twijfel") and words spelt alike in English are left out
FOREIGN_DOUBT_WORDS: dict[str, str] = {
    "de": "unsicher geraten geschätzt scherz witz spaß falsch fehlerhaft ungeprüft zweifelhaft fraglich",
    "fr": "incertain incertaine deviné devinée blague plaisante rigole faux fausse erroné erronée douteux douteuse",
    "es": "inseguro insegura adiviné adivinado broma bromeo falso falsa incorrecto incorrecta dudoso dudosa",
    "pt": "inseguro insegura chutei chute palpite brincadeira brincando falso falsa errado errada duvidoso",
    "it": "incerto incerta indovinato tirato scherzo scherzavo falso falsa sbagliato sbagliata dubbioso",
    "ru": "неуверен неуверена наугад догадка шутка шучу неверно неправильно ошибка ошибочно сомневаюсь",
    "pl": "niepewny niepewna zgadłem zgadłam strzelam strzał żart żartowałem źle błędnie błąd błędna wątpię",
    "nl": "onzeker gegokt gok grapje grap fout onjuist twijfelachtig",
    "tr": "tahmin şaka yanlış hatalı şüpheli belirsiz",
    "vi": "đoán đùa sai",
}
#: per language, words of certainty, checking or rightness that a negation next to them turns into doubt ("Nie
#: jestem pewien.", "Ich bin mir nicht sicher.", "No estoy seguro.", "Emin değilim.", "Không chắc.")
FOREIGN_CERTAINTY_WORDS: dict[str, str] = {
    "de": "sicher gewiss überzeugt überprüft geprüft kontrolliert richtig korrekt",
    "fr": "sûr sûre certaine vérifié vérifiée correcte juste",
    "es": "seguro segura cierto verificado comprobado correcto correcta",
    "pt": "certo certa seguro segura verificado correto correta",
    "it": "sicuro sicura certo certa verificato controllato corretto giusto",
    "ru": "уверен уверена уверенный проверено проверил проверял правильно верно точно",
    "pl": "pewien pewna pewny sprawdzone sprawdziłem sprawdziłam zweryfikowane poprawnie dobrze",
    "nl": "zeker gecontroleerd geverifieerd gecheckt juist goed",
    "tr": "emin kontrol doğru kesin",
    "vi": "chắc kiểm đúng",
}
#: words of a language beside :data:`FOREIGN_NEGATIONS` that negate a state ("chưa": not yet)
FOREIGN_NOT_YET = frozenset("chưa noch".split())
#: Chinese, Japanese and Korean phrases that doubt the answer before them (written without spaces): guessing, not
#: being sure, not having checked ("这是我猜的。", "あまり自信がありません。", "확실하지 않아요.")
CJK_DOUBT_AFTER = (
    "猜的",
    "我猜",
    "瞎猜",
    "蒙的",
    "不确定",
    "不確定",
    "没把握",
    "沒把握",
    "没有把握",
    "沒有把握",
    "不太确定",
    "未验证",
    "未驗證",
    "没验证",
    "没有验证",
    "没检查",
    "没有检查",
    "可能不对",
    "可能错",
    "自信がな",
    "自信がありません",
    "自信はありません",
    "自信ない",
    "自信なし",
    "確信がな",
    "確信はな",
    "わかりません",
    "分かりません",
    "わからない",
    "分からない",
    "推測",
    "当てずっぽう",
    "未確認",
    "確認していません",
    "確認してない",
    "検証していません",
    "확실하지않",
    "확실치않",
    "확실하지는않",
    "자신없",
    "자신이없",
    "모르겠",
    "추측",
    "찍었",
    "확인하지않",
    "검증하지않",
)

_FOREIGN_NEGATION_SET = frozenset(w for words in FOREIGN_NEGATIONS.values() for w in words.split()) | FOREIGN_NOT_YET
_FOREIGN_DOUBT_SET = frozenset(w for words in FOREIGN_DOUBT_WORDS.values() for w in words.split())
_FOREIGN_CERTAINTY_SET = frozenset(w for words in FOREIGN_CERTAINTY_WORDS.values() for w in words.split())
_FOREIGN_TRUTH_SET = frozenset(w for words in FOREIGN_TRUTH_QUESTION.values() for w in words.split())
#: a sentence after an answer of at most this many words is read for a doubt in another language
_SHORT_DOUBT = 8
#: how many words apart a negation and the word it negates may stand ("Ich bin mir nicht sicher", "Emin değilim")
_NEGATION_REACH = 3


def foreign_truth_word(word: str) -> bool:
    """``word`` (lower case) may stand in a question of another language on whether the answer holds."""
    return word in _FOREIGN_TRUTH_SET


def _near_negation(words: list[str], k: int) -> bool:
    """A negation of :data:`FOREIGN_NEGATIONS` stands within :data:`_NEGATION_REACH` words of ``words[k]``."""
    lo, hi = max(0, k - _NEGATION_REACH), k + _NEGATION_REACH + 1
    return any(w in _FOREIGN_NEGATION_SET for w in words[lo:k] + words[k + 1 : hi])


def foreign_doubt(words: list[str]) -> bool:
    """``words`` (a short value-free sentence after an answer, lower case) doubt it in another language: a doubt
    word of :data:`FOREIGN_DOUBT_WORDS` with no negation beside it ("Nur ein Scherz.", "Dat is fout.") or a word of
    :data:`FOREIGN_CERTAINTY_WORDS` with one ("Nie jestem pewien.", "Emin değilim.", "Không chắc.")."""
    if not words or len(words) > _SHORT_DOUBT:
        return False
    for k, w in enumerate(words):
        if w in _FOREIGN_DOUBT_SET and not _near_negation(words, k):
            return True
        if w in _FOREIGN_CERTAINTY_SET and _near_negation(words, k):
            return True
    return False


def cjk_doubt(core: str) -> bool:
    """``core`` (a Chinese, Japanese or Korean sentence's letters, spaces dropped) holds a phrase of
    :data:`CJK_DOUBT_AFTER` ("这是我猜的", "あまり自信がありません", "확실하지않아요")."""
    return any(p in core for p in CJK_DOUBT_AFTER)


#: per language, conjunctions that open a sentence contrasting it with the one before ("But …", "Pero …", "Aber …")
CONTRAST_OPENERS = frozenset(
    """but however yet though pero sin embargo aber jedoch doch allerdings mais cependant pourtant ma però tuttavia
    mas porém contudo но однако ale jednak lecz maar echter ama fakat ancak nhưng tuy""".split()
)
#: per language, words that name the question or its asking ("the question asks for …", "la pregunta pide …")
ASKING_WORDS = frozenset(
    """question asks asked wants wanted pregunta pide piden preguntaba frage fragt gefragt gesucht verlangt question
    demande demandait domanda chiede chiedeva pergunta pede pedia вопрос спрашивается спрашивают требуется pytanie
    pyta pytają vraag vraagt gevraagd soru soruyor sorulan istiyor hỏi""".split()
)
#: the labels of a check's status line in other languages ("Проверка: не пройдена", "Prüfung: fehlgeschlagen")
FOREIGN_STATUS_LABELS = frozenset(
    """prüfung überprüfung kontrolle probe verifikation vérification contrôle verificación comprobación prueba
    verificação prova verifica controllo проверка верификация sprawdzenie weryfikacja kontrola controle verificatie
    kontrol doğrulama sağlama kiểm 验证 驗證 检验 檢驗 检查 檢查 検証 確認 検算 검증 확인 검산""".split()
)
#: words of a failed check in other languages, as the status line's value ("fehlgeschlagen", "échoué", "провалена")
FOREIGN_FAILED = frozenset(
    """fehlgeschlagen gescheitert misslungen échec échoué échouée fallida fallido falló falhou falha fallita fallito
    провалена провален провал неудачно неудачна nieudana nieudane niepowodzenie mislukt gefaald başarısız thất
    失败 失敗 未通过 不通过 不合格 실패""".split()
)
