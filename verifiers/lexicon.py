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


#: the denominators of fractions in words of Spanish, Portuguese, Italian, French and German ("tres cuartos", "dos
#: tercios", "três quartos", "due terzi", "trois quarts", "zwei Drittel"), singular and plural
_FRACTION_DENOMINATORS = {
    **dict.fromkeys("medio medios meio meios mezzo mezzi demi demis".split(), 2),
    **dict.fromkeys("tercio tercios terço terços terzo terzi tiers drittel".split(), 3),
    **dict.fromkeys("cuarto cuartos quarto quartos quarti quart quarts viertel".split(), 4),
    **dict.fromkeys("quinto quintos quinti cinquième cinquièmes fünftel".split(), 5),
    **dict.fromkeys("sexto sextos sesto sesti sixième sixièmes sechstel".split(), 6),
    **dict.fromkeys("séptimo séptimos sétimo sétimos settimo settimi septième septièmes siebtel".split(), 7),
    **dict.fromkeys("octavo octavos oitavo oitavos ottavo ottavi huitième huitièmes achtel".split(), 8),
    **dict.fromkeys("noveno novenos nono nonos noni neuvième neuvièmes neuntel".split(), 9),
    **dict.fromkeys("décimo décimos decimo decimi dixième dixièmes zehntel".split(), 10),
}
#: numerators the cardinal readers leave out: the articles for "one" and the small Portuguese and Italian numbers
_FRACTION_NUMERATORS = {
    **dict.fromkeys("un una uno um uma une ein eine".split(), 1),
    **dict.fromkeys("dois duas due deux".split(), 2),
    **dict.fromkeys("três tres tre".split(), 3),
}


def foreign_fraction_words(text: str) -> Fraction | None:
    """A fraction written in words of Spanish, Portuguese, Italian, French or German: a numerator word and the
    denominator word of :data:`_FRACTION_DENOMINATORS` ("tres cuartos" is 3/4, "un tercio" 1/3, "zwei Drittel"
    2/3); else ``None``."""
    words = text.strip().lower().split()
    if len(words) != 2 or words[1] not in _FRACTION_DENOMINATORS:
        return None
    head = words[0]
    top = _FRACTION_NUMERATORS.get(head) or foreign_number_words(head) or compound_number_words(head)
    return Fraction(top, _FRACTION_DENOMINATORS[words[1]]) if top else None


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
#: noun phrase where it negates alone: German kein, Dutch geen, Scandinavian ingen), and in languages that put the
#: verb last, the negated copula after the value (Persian "24 نیست", Urdu "24 نہیں ہے", Tamil "24 அல்ல", Bengali
#: "24 নয়", Amharic "24 አይደለም"): read like "not" before an answer ("Het antwoord is niet 5", "Svaret er ikke 5")
#: and as a qualifier after it. Determiners that only strengthen a negation (French aucun, Spanish ningún: "sans
#: aucun doute" is "without any doubt") are left out, and negations that are common neutral words of another
#: language (:data:`_NEAR_NEGATIONS` reads them next to a certainty word only): Romanian "nu" (Dutch "now"),
#: Swahili "si" (Romance "if", "yes"), Slovenian "ni" (Swahili "is"), Estonian "pole" (Polish "area"), Finnish "en"
#: and "et" (French, Dutch), Indonesian and Malay "tak" (Polish "yes"), Tagalog "di" (Italian "of"), Arabic "ما"
#: ("what") and "غير" ("other"); Hindi, Urdu, Punjabi and Gujarati "ever" (कभी) negates only with नहीं.
FOREIGN_NEGATIONS: dict[str, str] = {
    "am": "አይደለም አይደለችም አይደሉም አይደል የለም አይ ፈጽሞ",
    "ar": "لا ليس ليست لست ليسوا لم لن أبدا أبداً",
    "az": "deyil deyildir yox heç heçvaxt",
    "bg": "не няма никога нито",
    "bn": "না নয় নয় নেই নাই নি",
    "ca": "no mai",
    "cs": "ne není nejsou nebyl nebylo nikdy",
    "da": "ikke ingen aldrig",
    "de": "nicht kein keine keinen keinem keiner nie niemals",
    "el": "όχι οχι δεν μην μη ποτέ ποτε ουδέποτε",
    "es": "no nunca jamás",
    "et": "ei mitte polnud",
    "fa": "نه نیست نیستش نیستند نبود نبوده نمی هرگز هیچوقت",
    "fi": "ei eikä eivät emme ette",
    "fr": "ne pas n'est jamais",
    "gu": "નથી નહીં નહિ ના ન",
    "he": "לא אין אינו אינה אינם אינן מעולם",
    "hi": "नहीं नही न ना मत",
    "hr": "ne nije nisu nikad nikada",
    "hu": "nem sem soha sosem nincs",
    "id": "bukan tidak bukanlah tidaklah",
    "is": "ekki aldrei eigi",
    "it": "non mai",
    "kn": "ಅಲ್ಲ ಇಲ್ಲ ಅಲ್ಲವೇ ಬೇಡ",
    "lt": "ne nėra nebuvo niekada",
    "lv": "ne nav nebija nekad",
    "ml": "അല്ല ഇല്ല ഒരിക്കലും",
    "mr": "नाही नव्हे नव्हता नको न कधीच",
    "ms": "bukan tidak tiada bukanlah",
    "ne": "होइन हैन छैन थिएन न",
    "nl": "niet geen nooit",
    "no": "ikke ingen aldri ikkje",
    "pa": "ਨਹੀਂ ਨਹੀ ਨਾ ਨ",
    "pl": "nie nigdy",
    "pt": "não nunca jamais",
    "ro": "niciodată nici",
    "ru": "не нет никогда ни",
    "sk": "nie nikdy nebol nebolo",
    "sl": "ne niso nikoli",
    "sr": "не није нису никад никада ne nije nisu nikad nikada",
    "sv": "inte ej icke aldrig ingen",
    "sw": "hapana sio siyo hakuna kamwe",
    "ta": "இல்லை அல்ல இல்ல அல்லை கிடையாது ஒருபோதும்",
    "te": "కాదు లేదు కాదండి లేదండి",
    "tl": "hindi wala huwag",
    "tr": "değil değildir asla yok olamaz",
    "uk": "не ні ніколи немає",
    "ur": "نہیں نہ مت",
    "vi": "không chẳng chả",
}
#: per language, the common words of doubt about what follows them ("maybe", "probably", "perhaps", "it seems"):
#: like English "probably", they hedge an answer standing after them anywhere in its sentence ("Wahrscheinlich ist
#: die Antwort 5", "Đáp án có lẽ là 5") and, between the answer and its anchor, read like a lead cue ("Odpowiedź to
#: chyba 5"); words that also mean something assertive stay in FOREIGN_APPROXIMATORS (Danish "vist" is "shown",
#: so Estonian "vist" is read there too). The table is read in every language at once, so words of the class that
#: are a common neutral word somewhere are left out: Swedish "nog" and Danish "nok" ("enough"), Danish "vel"
#: ("well"), Lithuanian "gal" (English "gal"), Bulgarian "май" ("May"), Romanian "eventual" (English). Vietnamese
#: modals are phrases ("có lẽ", "có thể", "hình như": :data:`FOREIGN_BELIEFS`); its word here is the "lẽ" of "có lẽ".
FOREIGN_MODALS: dict[str, str] = {
    "am": "ምናልባት ምናልባትም",
    "ar": "ربما ربّما لعل لعلّ غالبا غالباً احتمالا احتمالاً يحتمل",
    "az": "bəlkə yəqin ehtimalən",
    "bg": "може вероятно навярно възможно евентуално",
    "bn": "সম্ভবত হয়তো বোধহয়",
    "ca": "potser probablement possiblement segurament",
    "cs": "možná pravděpodobně snad nejspíš nejspíše patrně",
    "da": "måske sandsynligvis formentlig muligvis antagelig vistnok",
    "de": "vielleicht wahrscheinlich vermutlich möglicherweise eventuell womöglich anscheinend mutmaßlich dürfte dürften",
    "el": "ίσως πιθανώς μάλλον πιθανόν ενδεχομένως πιθανότατα ισως πιθανως πιθανον",
    "es": "quizás quizá quizas probablemente posiblemente seguramente acaso aparentemente presumiblemente",
    "et": "võib-olla ilmselt arvatavasti tõenäoliselt",
    "fa": "شاید احتمالاً احتمالا ظاهراً ظاهرا لابد",
    "fi": "ehkä luultavasti todennäköisesti kenties mahdollisesti ilmeisesti varmaan varmaankin",
    "fr": "peut-être peut-etre probablement vraisemblablement apparemment possiblement éventuellement",
    "gu": "કદાચ સંભવતઃ સંભવત",
    "he": "אולי כנראה לכאורה",
    "hi": "शायद संभवतः संभवत संभवतया",
    "hr": "možda vjerojatno vjerovatno valjda navodno",
    "hu": "talán valószínűleg feltehetően esetleg valószínüleg",
    "id": "mungkin barangkali kayaknya sepertinya tampaknya kiranya agaknya rupanya kemungkinan",
    "is": "kannski líklega sennilega trúlega",
    "it": "forse probabilmente presumibilmente eventualmente",
    "kn": "ಬಹುಶಃ ಬಹುಶ ಪ್ರಾಯಶಃ",
    "lt": "galbūt tikriausiai turbūt greičiausiai veikiausiai",
    "lv": "varbūt laikam iespējams",
    "ml": "ഒരുപക്ഷേ ഒരുപക്ഷെ",
    "mr": "कदाचित बहुधा",
    "ms": "mungkin barangkali agaknya nampaknya kemungkinan",
    "ne": "सायद शायद सम्भवतः सम्भवत",
    "nl": "misschien waarschijnlijk wellicht vermoedelijk blijkbaar",
    "no": "kanskje sannsynligvis trolig antakelig muligens visstnok",
    "pa": "ਸ਼ਾਇਦ ਸ਼ਾਯਦ ਸੰਭਵਤ",
    "pl": "chyba może prawdopodobnie pewnie przypuszczalnie zapewne najprawdopodobniej podobno",
    "pt": "talvez provavelmente possivelmente aparentemente presumivelmente",
    "ro": "poate probabil pesemne",
    "ru": "может возможно вероятно наверное наверно кажется видимо пожалуй",
    "sk": "možno pravdepodobne snáď azda",
    "sl": "morda verjetno najbrž menda mogoče",
    "sr": "можда вероватно ваљда možda verovatno valjda",
    "sv": "kanske troligen troligtvis förmodligen antagligen möjligen tydligen",
    "sw": "labda pengine huenda yamkini",
    "ta": "ஒருவேளை அநேகமாக ஒருகால்",
    "te": "బహుశా బహుశ",
    "tl": "siguro baka marahil yata malamang",
    "tr": "belki galiba sanırım herhalde muhtemelen olasılıkla ihtimalle",
    "uk": "можливо мабуть напевно ймовірно здається певно вірогідно",
    "ur": "شاید غالباً غالبا",
    "vi": "lẽ",
}
#: the modals of :data:`FOREIGN_MODALS` that also mean "can" (Russian, Bulgarian and Ukrainian "может"/"може",
#: Polish "może", Romanian "poate"): after a value they may state an ability, not a doubt ("24, которое может …")
FOREIGN_ABILITY_MODALS = frozenset("может може może poate".split())
#: per language, words that approximate or hedge only right before the value ("about", "almost"; and modal words
#: that have an assertive sense elsewhere in a sentence: Czech "asi", Vietnamese "chắc", Danish "vist"): read like a
#: lead cue between the answer and its anchor ("Die Antwort ist etwa 5", "Odpověď je asi 5"). Words that mean
#: "about" only before a number and something else elsewhere are read here, where only that place counts (Croatian
#: and Serbian "oko", also "eye"; Swahili "karibu", also "welcome"; German "rund", Swedish "runt"); the
#: preposition alone is left out where it is mostly "to" or "of" (Amharic "ወደ", Arabic "نحو", Tagalog "mga").
FOREIGN_APPROXIMATORS: dict[str, str] = {
    "am": "ገደማ በግምት",
    "ar": "تقريبا تقريباً حوالي حوالى قرابة زهاء",
    "az": "təxminən təqribən",
    "bg": "около почти приблизително горе-долу",
    "bn": "প্রায় আনুমানিক মোটামুটি",
    "ca": "gairebé aproximadament quasi",
    "cs": "asi přibližně zhruba skoro téměř více méně",  # "více méně": more or less
    "da": "vist omkring cirka næsten",
    "de": "wohl etwa ungefähr circa schätzungsweise annähernd rund",
    "el": "περίπου σχεδόν γύρω περιπου σχεδον",
    "es": "casi aproximadamente alrededor unos unas",
    "et": "umbes peaaegu ligikaudu vist",
    "fa": "تقریبا تقریباً حدود حدوداً حدودا",
    "fi": "kai noin melkein lähes suunnilleen arviolta",
    "fr": "environ presque approximativement quasiment quasi",
    "gu": "લગભગ આશરે",
    "he": "בערך כמעט בסביבות",
    "hi": "लगभग करीब क़रीब तकरीबन तक़रीबन",
    "hr": "otprilike skoro gotovo približno oko",
    "hu": "körülbelül majdnem nagyjából mintegy hozzávetőleg csaknem",
    "id": "sekitar kira-kira hampir kurang-lebih",
    "is": "næstum nánast tæplega rúmlega",
    "it": "quasi circa pressappoco approssimativamente",
    "kn": "ಸುಮಾರು ಸರಿಸುಮಾರು ಹೆಚ್ಚುಕಡಿಮೆ",
    "lt": "apie beveik maždaug apytiksliai",
    "lv": "aptuveni gandrīz apmēram",
    "ml": "ഏകദേശം ഏതാണ്ട്",
    "mr": "सुमारे जवळपास अंदाजे जवळजवळ",
    "ms": "lebih kurang hampir kira-kira sekitar lebih-kurang",
    "ne": "लगभग करिब झन्डै",
    "nl": "mogelijk ongeveer bijna zowat circa omstreeks ruwweg",
    "no": "omtrent nesten cirka omkring rundt",
    "pa": "ਲਗਭਗ ਤਕਰੀਬਨ ਕਰੀਬ",
    "pl": "raczej około prawie niemal blisko mniej więcej",  # "mniej więcej": more or less
    "pt": "quase aproximadamente cerca",
    "ro": "aproximativ aproape circa cam vreo",
    "ru": "почти около примерно приблизительно порядка ориентировочно",
    "sk": "asi približne takmer skoro zhruba okolo",
    "sl": "približno skoraj okoli domala",
    "sr": "отприлике око скоро готово приближно otprilike oko skoro gotovo približno",
    "sv": "ungefär nästan cirka omkring runt drygt knappt",
    "sw": "takriban karibu hivi",  # "kama 18 hivi": about 18
    "ta": "சுமார் கிட்டத்தட்ட ஏறக்குறைய",
    "te": "సుమారు దాదాపు సుమారుగా దాదాపుగా",
    "tl": "halos humigit-kumulang",
    "tr": "yaklaşık takriben kabaca",
    "uk": "приблизно близько майже орієнтовно більш-менш",
    "ur": "تقریباً تقریبا قریب",
    "vi": "chắc khoảng gần tầm chừng hơn kém",  # "hơn kém": more or less
}
#: per language, the common words that hedge or approximate what follows them: read like "probably" before an
#: answer ("Odpowiedź to chyba 5", "Odpověď je asi 5")
FOREIGN_HEDGES: dict[str, str] = {
    lang: " ".join(filter(None, (FOREIGN_MODALS.get(lang), FOREIGN_APPROXIMATORS.get(lang))))
    for lang in FOREIGN_MODALS.keys() | FOREIGN_APPROXIMATORS.keys()
}
#: per language, the conditional mood and the modal verbs that hedge a value they state ("would be", "should be",
#: "could be", "may be": "La réponse serait 24", "La risposta dovrebbe essere 24", "Die Antwort sollte 24 sein",
#: "Odpowiedź byłaby 24"), in the forms a model writes: between the answer and its value they read like a lead cue,
#: and verb-final languages close the sentence on them after the value ("விடை 24 ஆக இருக்கலாம்", "సమాధానం 24
#: కావచ్చు", "Cevap 24 olmalı", "उत्तर 24 होना चाहिए"). Left out: forms of "will be", which many languages write
#: for a plain answer ("উত্তর হবে 24", "जवाब 24 होगा", "Đáp án sẽ là 24", "η απάντηση θα είναι 24"), bare "can"
#: (Arabic "يمكن", Bengali "পারে" stand in plain sentences of method), "must" (an assertion), Czech and Slovak "by"
#: (English "by"), Romanian "ar" (Latvian "and"), Vietnamese "nên" (also "so") and Czech "měl" ("had").
FOREIGN_CONDITIONALS: dict[str, str] = {
    "am": "ሊሆን ሊሆኑ",
    "ar": "ينبغي يفترض يُفترض لكان لكانت",
    "az": "olardı olmalıdır olmalı olar",
    "bg": "би трябвало",
    "bn": "উচিত হওয়া",
    "ca": "seria serien hauria haurien podria podrien",
    "cs": "mohla mohlo mohl",
    "da": "ville burde skulle",
    "de": "wäre wären sollte sollten könnte könnten müsste müssten würde würden",
    "el": "μπορεί μπορει θα'ταν",
    "es": "sería serían seria serian debería deberían deberia podría podrían podria",
    "et": "oleks peaks võiks",
    "fa": "باشد باشه بایستی",
    "fi": "olisi pitäisi voisi lienee",
    "fr": "serait seraient devrait devraient pourrait pourraient aurait",
    "gu": "શકે જોઈએ",
    "he": "אמור אמורה עשוי עשויה",
    "hi": "चाहिए",
    "hr": "bi trebao trebala trebalo mogao mogla moglo",
    "hu": "lenne lehet kellene volna",
    "id": "seharusnya semestinya mestinya",
    "is": "væri ætti gæti mundi",
    "it": "sarebbe sarebbero dovrebbe dovrebbero potrebbe potrebbero",
    "kn": "ಇರಬಹುದು ಆಗಿರಬಹುದು ಆಗಬಹುದು ಇರಬೇಕು",
    "lt": "būtų turėtų galėtų butu turetu",
    "lv": "būtu vajadzētu varētu",
    "ml": "ആയിരിക്കാം ആകാം ആവാം ഉണ്ടാകാം",
    "mr": "असावे असावा असावी शकतो शकते",
    "ms": "sepatutnya semestinya",
    "ne": "हुनसक्छ सक्छ होला हुनुपर्छ",
    "nl": "zou zouden",
    "no": "ville burde skulle",
    "pa": "ਸਕਦਾ ਸਕਦੀ ਸਕਦੇ ਚਾਹੀਦਾ",
    "pl": "byłaby byłoby byłby powinna powinno powinien mogłaby mogłoby mógłby",
    "pt": "seria seriam deveria deveriam poderia poderiam",
    "ro": "trebui putea",
    "ru": "бы должно должна должен",
    "sk": "mohla mohlo mohol",
    "sl": "bi",
    "sr": "би требало bi trebalo",
    "sv": "skulle borde kunde vore",
    "sw": "ingekuwa ingalikuwa inapaswa yapasa yaweza",
    "ta": "இருக்கலாம் ஆகலாம் இருக்கக்கூடும் ஆகக்கூடும் இருக்கவேண்டும்",
    "te": "కావచ్చు ఉండవచ్చు అయ్యుండవచ్చు కావొచ్చు ఉండొచ్చు",
    "tl": "dapat sana",
    "tr": "olmalı olmalıdır olurdu gibi gibidir",
    "uk": "би б повинно повинна повинен",
    "ur": "سکتا سکتی سکتے چاہیے",
    "vi": "hẳn",
}
#: per language, the first-person frames of belief, opinion and seeming ("I think", "I believe", "in my opinion",
#: "it seems to me"), which like English "I think" make the answer after them in their sentence a belief, not a
#: commitment ("Creo que la respuesta es 5", "Ich glaube, die Antwort ist 5", "Tôi nghĩ đáp án là 5"); the modal
#: phrases of languages whose modal is a phrase ("có lẽ", "chắc là") are here too. Chinese, Japanese, Korean and
#: Thai frames, written without spaces, are in :data:`CJK_CUES`. Verb-final languages close the sentence on the
#: frame ("விடை 24 என்று நினைக்கிறேன்", "उत्तर 24 है, ऐसा मुझे लगता है"), where it is read too. Frames that are
#: also a plain verb of the problem are listed only with their subject: Hindi "मुझे लगता", Urdu "مجھے لگتا", Nepali
#: "मलाई लाग्छ" (bare लगता/لگتا/लाग्छ is also "it takes", "24 मिनट लगते हैं"); Arabic "أحسب" ("I compute") and
#: Latvian "minu" (Estonian "my") are left out.
FOREIGN_BELIEFS: dict[str, tuple[str, ...]] = {
    "am": ("ይመስለኛል", "እንደሚመስለኝ", "እገምታለሁ", "አስባለሁ", "በእኔ አስተያየት", "በእኔ እምነት", "ይመስላል"),
    "ar": (
        "أعتقد",
        "اعتقد",
        "أظن",
        "اظن",
        "في رأيي",
        "في رايي",
        "يبدو",
        "على الأرجح",
        "على الارجح",
        "من المحتمل",
        "من المرجح",
        "أغلب الظن",
        "على ما يبدو",
        "في اعتقادي",
        "في ظني",
        "أخمن",
    ),
    "az": (
        "məncə",
        "fikrimcə",
        "düşünürəm",
        "zənnimcə",
        "deyəsən",
        "görünür",
        "ehtimal ki",
        "yəqin ki",
        "mənə elə gəlir",
    ),
    "bg": ("мисля", "струва ми се", "според мен", "предполагам", "смятам", "вярвам", "изглежда", "по мое мнение"),
    "bn": ("আমার মনে হয়", "মনে হয়", "আমার ধারণা", "আমি মনে করি", "আমার মতে", "মনে হচ্ছে"),
    "ca": (
        "crec",
        "suposo",
        "em sembla",
        "sembla que",
        "penso",
        "diria",
        "al meu parer",
        "opino",
        "imagino",
        "segons jo",
    ),
    "cs": (
        "myslím",
        "domnívám se",
        "zdá se",
        "podle mě",
        "podle mého názoru",
        "řekl bych",
        "řekla bych",
        "předpokládám",
        "tipuji",
        "hádám",
        "mám za to",
        "věřím",
    ),
    "da": (
        "jeg tror",
        "tror jeg",
        "jeg gætter",
        "jeg antager",
        "efter min mening",
        "jeg synes",
        "det ser ud til",
        "jeg formoder",
        "jeg vil tro",
    ),
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
        "ich würde sagen",
        "würde ich sagen",
        "ich tippe",
        "tippe ich",
    ),
    "el": (
        "νομίζω",
        "νομιζω",
        "πιστεύω",
        "πιστευω",
        "μου φαίνεται",
        "υποθέτω",
        "κατά τη γνώμη μου",
        "φαίνεται",
        "θεωρώ",
    ),
    "es": (
        "creo",
        "pienso",
        "supongo",
        "me parece",
        "parece que",
        "diría",
        "en mi opinión",
        "en mi opinion",
        "a mi parecer",
        "opino",
        "sospecho",
        "imagino",
        "yo diría",
        "intuyo",
        "según yo",
    ),
    "et": ("arvan", "mulle tundub", "tundub", "minu arvates", "ma arvan", "usun", "oletan", "minu meelest"),
    "fa": (
        "فکر می‌کنم",
        "فکر میکنم",
        "فکر می کنم",
        "به نظرم",
        "به نظر من",
        "گمان می‌کنم",
        "گمان میکنم",
        "گمانم",
        "حدس می‌زنم",
        "حدس میزنم",
        "به گمانم",
        "به نظر می‌رسد",
        "به نظر میرسد",
        "فکر کنم",
        "گمان کنم",
        "خیال می‌کنم",
        "خیال میکنم",
        "خیال کنم",
        "به گمان من",
    ),
    "fi": (
        "luulen",
        "uskon",
        "arvelen",
        "mielestäni",
        "veikkaan",
        "oletan",
        "arvaan",
        "näyttää siltä",
        "vaikuttaa siltä",
        "minusta",
    ),
    "fr": (
        "je crois",
        "je pense",
        "je suppose",
        "j'imagine",
        "il me semble",
        "il semble",
        "à mon avis",
        "a mon avis",
        "selon moi",
        "je dirais",
        "semble être",
        "j'ai l'impression",
        "je parierais",
        "je présume",
        "on dirait",
        "d'après moi",
    ),
    "gu": ("મને લાગે છે", "મારા મતે", "મારા મત મુજબ", "હું માનું છું", "મારું માનવું"),
    "he": (
        "אני חושב",
        "אני חושבת",
        "נראה לי",
        "לדעתי",
        "אני מניח",
        "אני מניחה",
        "נדמה לי",
        "אני מאמין",
        "אני מאמינה",
        "ככל הנראה",
        "לפי דעתי",
        "אני משער",
        "אני משערת",
    ),
    "hi": (
        "मुझे लगता",
        "मेरे ख्याल से",
        "मेरे ख़याल से",
        "मेरे ख्याल में",
        "मेरे विचार से",
        "मेरा मानना",
        "मेरी राय में",
        "मेरे हिसाब से",
        "मेरे अनुमान से",
        "मैं सोचता हूँ",
        "मैं सोचती हूँ",
    ),
    "hr": (
        "mislim",
        "čini mi se",
        "čini se",
        "po meni",
        "pretpostavljam",
        "vjerujem",
        "smatram",
        "po mom mišljenju",
        "rekao bih",
        "rekla bih",
    ),
    "hu": (
        "szerintem",
        "azt hiszem",
        "úgy gondolom",
        "gondolom",
        "úgy tűnik",
        "úgy vélem",
        "feltételezem",
        "sejtem",
        "tippelem",
        "asszem",
    ),
    "id": (
        "saya pikir",
        "saya rasa",
        "saya kira",
        "rasanya",
        "kurasa",
        "kupikir",
        "menurut saya",
        "menurutku",
        "aku pikir",
        "aku rasa",
        "aku kira",
        "saya duga",
        "dugaan saya",
        "kelihatannya",
        "saya menebak",
    ),
    "is": ("ég held", "held ég", "mér sýnist", "að mínu mati", "ég tel", "tel ég", "mér finnst", "virðist", "ég giska"),
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
        "ritengo",
        "presumo",
        "a quanto pare",
        "pare che",
    ),
    "kn": ("ನನಗೆ ಅನಿಸುತ್ತದೆ", "ನನ್ನ ಪ್ರಕಾರ", "ನನ್ನ ಅಭಿಪ್ರಾಯದಲ್ಲಿ", "ಭಾವಿಸುತ್ತೇನೆ", "ಅಂದುಕೊಳ್ಳುತ್ತೇನೆ", "ಅನಿಸುತ್ತದೆ"),
    "lt": ("manau", "man atrodo", "atrodo", "mano nuomone", "spėju", "tikiu", "manyčiau", "mano manymu"),
    "lv": ("domāju", "man šķiet", "šķiet", "manuprāt", "es domāju", "pieņemu", "izskatās"),
    "ml": ("എനിക്ക് തോന്നുന്നു", "എന്റെ അഭിപ്രായത്തിൽ", "തോന്നുന്നു", "ഞാൻ കരുതുന്നു", "കരുതുന്നു"),
    "mr": ("मला वाटते", "मला वाटतं", "माझ्या मते", "वाटते", "माझ्या अंदाजाने", "असे वाटते"),
    "ms": (
        "saya rasa",
        "saya fikir",
        "rasanya",
        "pada pendapat saya",
        "saya agak",
        "saya kira",
        "pada fikiran saya",
        "saya jangka",
    ),
    "ne": ("मलाई लाग्छ", "मेरो विचारमा", "मेरो बुझाइमा", "जस्तो लाग्छ", "मेरो अनुमानमा"),
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
        "ik gok",
        "ik neem aan",
        "naar mijn mening",
        "ik zou zeggen",
        "zou ik zeggen",
    ),
    "no": (
        "jeg tror",
        "tror jeg",
        "jeg antar",
        "jeg gjetter",
        "etter min mening",
        "jeg synes",
        "det virker som",
        "ser ut til",
        "jeg mener",
        "etter mitt syn",
    ),
    "pa": ("ਮੈਨੂੰ ਲੱਗਦਾ", "ਮੇਰੇ ਖ਼ਿਆਲ ਵਿੱਚ", "ਮੇਰੇ ਖਿਆਲ ਵਿੱਚ", "ਮੇਰੀ ਰਾਏ ਵਿੱਚ", "ਮੇਰੇ ਵਿਚਾਰ ਵਿੱਚ"),
    "pl": (
        "myślę",
        "sądzę",
        "wydaje mi się",
        "wydaje się",
        "moim zdaniem",
        "przypuszczam",
        "zdaje się",
        "uważam",
        "obstawiam",
        "zgaduję",
        "według mnie",
        "podejrzewam",
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
        "na minha opiniao",
        "a meu ver",
        "imagino",
        "eu diria",
        "pelo que parece",
    ),
    "ro": (
        "cred",
        "mi se pare",
        "după părerea mea",
        "dupa parerea mea",
        "presupun",
        "bănuiesc",
        "banuiesc",
        "se pare",
        "aș zice",
        "as zice",
        "după mine",
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
        "думается",
        "скорее всего",
        "по всей видимости",
        "судя по всему",
    ),
    "sk": (
        "myslím",
        "domnievam sa",
        "zdá sa",
        "podľa mňa",
        "podľa môjho názoru",
        "predpokladám",
        "tipujem",
        "hádam",
        "povedal by som",
        "povedala by som",
    ),
    "sl": (
        "mislim",
        "zdi se mi",
        "zdi se",
        "po mojem",
        "menim",
        "domnevam",
        "verjamem",
        "po mojem mnenju",
        "rekel bi",
        "rekla bi",
        "ugibam",
    ),
    "sr": (
        "мислим",
        "чини ми се",
        "чини се",
        "по мени",
        "претпостављам",
        "по мом мишљењу",
        "рекао бих",
        "mislim",
        "čini mi se",
        "čini se",
        "po meni",
        "pretpostavljam",
        "po mom mišljenju",
        "rekao bih",
    ),
    "sv": (
        "jag tror",
        "tror jag",
        "jag antar",
        "jag gissar",
        "enligt mig",
        "jag tycker",
        "det verkar",
        "verkar det",
        "jag misstänker",
        "jag skulle säga",
    ),
    "sw": (
        "nadhani",
        "ninadhani",
        "nafikiri",
        "ninafikiri",
        "naamini",
        "inaonekana",
        "kwa maoni yangu",
        "nakisia",
        "ninakisia",
        "nahisi",
        "inaelekea",
    ),
    "ta": ("நினைக்கிறேன்", "என் கருத்தில்", "தோன்றுகிறது", "என் கருத்துப்படி", "கருதுகிறேன்", "நம்புகிறேன்", "எனக்குத் தோன்றுகிறது"),
    "te": ("నేను అనుకుంటున్నాను", "అనుకుంటున్నాను", "నా అభిప్రాయంలో", "నాకు అనిపిస్తుంది", "అనిపిస్తుంది", "నా ఉద్దేశంలో"),
    "tl": (
        "sa tingin ko",
        "sa palagay ko",
        "tingin ko",
        "palagay ko",
        "sa aking palagay",
        "hula ko",
        "sa aking opinyon",
        "mukhang",
    ),
    "tr": (
        "bence",
        "düşünüyorum",
        "tahminimce",
        "bana göre",
        "zannediyorum",
        "zannımca",
        "kanımca",
        "görünüşe göre",
        "büyük ihtimalle",
        "tahmin ediyorum",
    ),
    "uk": ("думаю", "вважаю", "гадаю", "на мою думку", "по-моєму", "мені здається", "схоже", "припускаю", "як на мене"),
    "ur": (
        "میرے خیال میں",
        "میرے خیال سے",
        "میرا خیال ہے",
        "مجھے لگتا",
        "میری رائے میں",
        "میرے اندازے میں",
        "میرے اندازے کے مطابق",
        "میرا ماننا",
    ),
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
        "theo tôi",
        "có vẻ",
        "tôi tin",
        "em đoán",
        "mình đoán",
        "theo ý tôi",
        "có khi",
    ),
}
#: per language, frames before an answer that disown the commitment like English "If I had to guess", "Without
#: checking", "By eye", "Off the top of my head": a forced guess, an unchecked or uncomputed claim, a judgement by
#: eye, gut or memory, a first glance
FOREIGN_FRAMES: dict[str, str] = {
    "am": "መገመት ካለብኝ, ሳላረጋግጥ, ሳላሰላ, በመጀመሪያ እይታ, ከማስታወስ",
    "ar": """لو اضطررت للتخمين, إذا كان علي التخمين, دون تحقق, بدون تحقق, دون حساب, بدون حساب, للوهلة الأولى, من الذاكرة,
    بالتقريب""",
    "az": "təxmin etməli olsam, yoxlamadan, hesablamadan, ilk baxışda, yaddaşdan, göz ilə",
    "bg": """ако трябва да позная, ако трябваше да гадая, без проверка, без да проверявам, без да смятам, на око, по
    памет, на пръв поглед""",
    "bn": "যদি অনুমান করতে হয়, যাচাই না করে, হিসাব না করে, প্রথম দেখায়, স্মৃতি থেকে",
    "ca": """si hagués d'endevinar, a ull, sense comprovar, sense verificar, sense calcular, de memòria, a primera vista""",
    "cs": """kdybych měl hádat, kdybych musel hádat, od oka, bez kontroly, bez ověření, bez počítání, z paměti, na první
    pohled, zhruba odhadem""",
    "da": """hvis jeg skulle gætte, uden at tjekke, uden at regne efter, på øjemål, efter hukommelsen, ved første øjekast""",
    "de": """wenn ich raten müsste, wenn ich raten muss, wenn ich schätzen müsste, ohne nachzurechnen, ohne nachrechnen,
    ohne zu rechnen, ohne zu prüfen, ohne prüfung, ohne gewähr, über den daumen, pi mal daumen, aus dem bauch,
    aus dem gedächtnis, auf den ersten blick, grob geschätzt""",
    "el": """αν έπρεπε να μαντέψω, χωρίς έλεγχο, χωρίς να ελέγξω, χωρίς να υπολογίσω, με το μάτι, από μνήμης, με την
    πρώτη ματιά, εκ πρώτης όψεως""",
    "es": """si tuviera que adivinar, si tengo que adivinar, a ojo, a ojo de buen cubero, a simple vista, sin verificar,
    sin comprobar, sin calcular, sin revisar, de memoria, a primera vista""",
    "et": "kui peaksin arvama, kontrollimata, arvutamata, silma järgi, esmapilgul",
    "fa": "اگر مجبور به حدس بودم, اگر بخواهم حدس بزنم, بدون بررسی, بدون محاسبه, سرانگشتی, از حافظه, در نگاه اول",
    "fi": """jos pitäisi arvata, tarkistamatta, laskematta, silmämääräisesti, ulkomuistista, ensi silmäyksellä,
    muistinvaraisesti""",
    "fr": """si je devais deviner, si je dois deviner, à vue de nez, à vue d'œil, au pif, au jugé, à la louche, sans
    vérifier, sans vérification, sans calculer, sans recompter, de mémoire, à première vue, au premier abord""",
    "gu": "જો અનુમાન કરવું પડે, તપાસ્યા વગર, ગણતરી વગર, પ્રથમ નજરે, યાદશક્તિથી",
    "he": "אם הייתי צריך לנחש, בלי לבדוק, ללא בדיקה, בלי לחשב, מהזיכרון, במבט ראשון, בהערכה גסה",
    "hi": """अगर अंदाज़ा लगाना हो, अगर अनुमान लगाना पड़े, बिना जाँचे, बिना जांचे, बिना गणना के, अंदाज़े से, अंदाजे से,
    याद से, पहली नज़र में, पहली नजर में""",
    "hr": "da moram pogađati, odokativno, od oka, bez provjere, bez računanja, napamet, na prvi pogled",
    "hu": """ha tippelnem kellene, ellenőrzés nélkül, számolás nélkül, szemre, fejből, első ránézésre, saccra,
    hasraütésre""",
    "id": """kalau harus menebak, tanpa memeriksa, tanpa menghitung, sekilas, jika harus menebak, dari ingatan, secara
    kasar""",
    "is": "ef ég ætti að giska, án þess að athuga, án þess að reikna, eftir minni, við fyrstu sýn, gróflega áætlað",
    "it": """se dovessi indovinare, a occhio, a occhio e croce, senza verificare, senza controllare, senza calcolare, a
    memoria, a prima vista""",
    "kn": "ಊಹಿಸಬೇಕಾದರೆ, ಪರಿಶೀಲಿಸದೆ, ಲೆಕ್ಕ ಹಾಕದೆ, ಮೊದಲ ನೋಟದಲ್ಲಿ, ನೆನಪಿನಿಂದ",
    "lt": "jei tektų spėti, nepatikrinus, neskaičiuojant, iš akies, iš atminties, iš pirmo žvilgsnio",
    "lv": "ja man būtu jāmin, nepārbaudot, nerēķinot, uz aci, pēc atmiņas, no pirmā acu uzmetiena",
    "ml": "ഊഹിക്കേണ്ടി വന്നാൽ, പരിശോധിക്കാതെ, കണക്കാക്കാതെ, ഒറ്റനോട്ടത്തിൽ, ഓർമ്മയിൽ നിന്ന്",
    "mr": "अंदाज करायचा झाल्यास, न तपासता, हिशोब न करता, पहिल्या नजरेत, आठवणीतून",
    "ms": "kalau perlu meneka, jika terpaksa meneka, tanpa menyemak, tanpa mengira, sepintas lalu, dari ingatan",
    "ne": "अनुमान गर्नुपर्दा, जाँच नगरी, हिसाब नगरी, पहिलो नजरमा, सम्झनाबाट",
    "nl": """als ik moest raden, op het oog, zonder te controleren, zonder na te rekenen, uit het hoofd, als ik zou
    moeten gokken, zonder controle, op het eerste gezicht, uit mijn hoofd, naar schatting, op gevoel""",
    "no": """hvis jeg måtte gjette, uten å sjekke, uten å regne, på øyemål, etter hukommelsen, ved første øyekast, på
    sparket""",
    "pa": "ਜੇ ਅੰਦਾਜ਼ਾ ਲਾਉਣਾ ਪਵੇ, ਬਿਨਾਂ ਜਾਂਚੇ, ਬਿਨਾਂ ਗਿਣਤੀ, ਪਹਿਲੀ ਨਜ਼ਰ ਵਿੱਚ, ਯਾਦ ਤੋਂ",
    "pl": """gdybym miał zgadywać, gdybym musiał zgadywać, na oko, bez sprawdzania, nie sprawdzając, z pamięci, na
    pierwszy rzut oka, bez liczenia, szacunkowo""",
    "pt": """se eu tivesse que adivinhar, se tivesse de adivinhar, a olho, a olho nu, sem verificar, sem conferir, sem
    calcular, de memória, à primeira vista, chutando, no chute""",
    "ro": """dacă ar trebui să ghicesc, fără să verific, fără verificare, fără să calculez, din ochi, după ochi, din
    memorie, la prima vedere""",
    "ru": """если угадывать, если бы пришлось угадывать, если гадать, навскидку, на глаз, на глазок, без проверки, не
    проверяя, не считая, не пересчитывая, по памяти, на первый взгляд, грубо говоря, прикидочно""",
    "sk": "keby som mal hádať, od oka, bez kontroly, bez overenia, bez počítania, z pamäti, na prvý pohľad",
    "sl": "če bi moral ugibati, na oko, brez preverjanja, brez računanja, po spominu, na prvi pogled",
    "sr": """ако бих морао да погађам, од ока, без провере, без рачунања, напамет, на први поглед, da moram da pogađam,
    od oka, bez provere, bez računanja, napamet, na prvi pogled""",
    "sv": """om jag måste gissa, om jag fick gissa, utan att kontrollera, utan att räkna, på en höft, på ett ungefär, ur
    minnet, vid första anblick, på känn""",
    "sw": """kama ningelazimika kukisia, bila kuhakiki, bila kukagua, bila kuhesabu, kwa macho, kwa kumbukumbu, kwa
    mtazamo wa kwanza""",
    "ta": "ஊகிக்க வேண்டுமென்றால், சரிபார்க்காமல், கணக்கிடாமல், முதல் பார்வையில், நினைவிலிருந்து",
    "te": "ఊహించవలసి వస్తే, తనిఖీ చేయకుండా, లెక్కించకుండా, మొదటి చూపులో, జ్ఞాపకం నుండి",
    "tl": """kung huhulaan ko, nang hindi sinusuri, nang hindi kinukuwenta, sa unang tingin, mula sa alaala, tantiya lang""",
    "tr": """tahminimce, göz kararı, kontrol etmeden, hesaplamadan, ilk bakışta, tahmin etmem gerekirse, ezberden, kabaca""",
    "uk": """якщо вгадувати, якби довелося вгадувати, навскидку, на око, без перевірки, не перевіряючи, не рахуючи, з
    пам'яті, на перший погляд""",
    "ur": "اگر اندازہ لگانا پڑے, بغیر جانچے, بغیر حساب کے, سرسری طور پر, یادداشت سے, پہلی نظر میں",
    "vi": "nếu phải đoán, chưa kiểm tra, không kiểm tra, nhìn sơ qua, ước chừng, theo trí nhớ, thoạt nhìn, nhẩm sơ",
}
#: per language, the adverbs of an earlier time and the first-person verbs of getting or thinking (comma-separated)
#: that, at most two words apart, report a first or earlier result ("Al principio obtuve", "Сначала я получил",
#: "Zuerst hatte ich"), like English "At first I got"
FOREIGN_EARLIER_RESULTS: dict[str, tuple[str, str]] = {
    "am": ("በመጀመሪያ, መጀመሪያ ላይ", "አገኘሁ, አሰብኩ"),
    "ar": ("في البداية, أولا, أولاً, مبدئيا", "حصلت على, وجدت, ظننت, اعتقدت"),
    "az": ("əvvəlcə, başlanğıcda, ilk olaraq", "aldım, tapdım, düşündüm, hesabladım"),
    "bg": ("първоначално, отначало, в началото, първо", "получих, мислех, смятах, изчислих"),
    "bn": ("প্রথমে, শুরুতে", "পেয়েছিলাম, ভেবেছিলাম"),
    "ca": ("al principi, inicialment, primer", "vaig obtenir, vaig pensar, havia obtingut, vaig calcular"),
    "cs": (
        "nejdřív, nejprve, původně, zpočátku",
        "jsem dostal, jsem dostala, vyšlo mi, jsem myslel, jsem myslela, jsem spočítal",
    ),
    "da": ("først, oprindeligt, i starten", "fik jeg, jeg fik, troede jeg, jeg troede"),
    "de": ("zuerst, anfangs, zunächst, ursprünglich, früher", "hatte, bekam, erhielt, dachte, habe, kam, errechnete"),
    "el": ("αρχικά, στην αρχή, πρώτα", "βρήκα, πήρα, νόμιζα, υπολόγισα"),
    "es": (
        "al principio, inicialmente, primero, en un principio",
        "obtuve, obtuvimos, saqué, calculé, pensé, creí, tuve",
    ),
    "et": ("alguses, esialgu, kõigepealt", "sain, arvasin, arvutasin"),
    "fa": ("اول, ابتدا, در ابتدا, اولش", "گرفتم, به دست آوردم, فکر کردم, حساب کردم"),
    "fi": ("aluksi, ensin, alun perin", "sain, luulin, laskin, ajattelin"),
    "fr": ("d'abord, initialement, au début, au départ", "j'ai, j'avais, obtenu, trouvé, pensé"),
    "gu": ("શરૂઆતમાં, પહેલાં", "મને મળ્યું, મેં વિચાર્યું"),
    "he": ("בהתחלה, תחילה, קודם, במקור", "קיבלתי, חשבתי, חישבתי, מצאתי"),
    "hi": ("पहले, शुरू में, शुरुआत में", "मुझे मिला, मैंने सोचा, मैंने पाया, मुझे लगा"),
    "hr": (
        "prvo, isprva, najprije, u početku, prvotno",
        "sam dobio, sam dobila, dobio sam, dobila sam, mislio sam, mislila sam",
    ),
    "hu": ("először, eredetileg, kezdetben, elsőre", "kaptam, gondoltam, számoltam, hittem"),
    "id": ("awalnya, pada awalnya, mula-mula, tadinya", "saya mendapat, saya dapat, saya pikir, saya kira, aku dapat"),
    "is": ("fyrst, upphaflega, í fyrstu", "fékk ég, ég fékk, hélt ég, ég hélt"),
    "it": ("all'inizio, inizialmente, prima", "ho, avevo, ottenuto, pensavo, trovato"),
    "kn": ("ಮೊದಲು, ಆರಂಭದಲ್ಲಿ", "ನನಗೆ ಸಿಕ್ಕಿತು, ನಾನು ಭಾವಿಸಿದೆ"),
    "lt": ("iš pradžių, pradžioje, pirmiausia", "gavau, maniau, apskaičiavau"),
    "lv": ("sākumā, sākotnēji, vispirms", "es ieguvu, ieguvu, domāju, aprēķināju"),
    "ml": ("ആദ്യം, തുടക്കത്തിൽ", "എനിക്ക് കിട്ടിയത്, ഞാൻ കരുതി"),
    "mr": ("आधी, सुरुवातीला, प्रथम", "मला मिळाले, मला वाटले"),
    "ms": ("pada mulanya, mula-mula, pada awalnya, asalnya", "saya dapat, saya mendapat, saya fikir, saya sangka"),
    "ne": ("सुरुमा, पहिले", "मैले पाएँ, मलाई लाग्यो"),
    "nl": ("eerst, aanvankelijk", "kreeg, had, dacht, vond"),
    "no": ("først, opprinnelig, i starten", "fikk jeg, jeg fikk, trodde jeg, jeg trodde"),
    "pa": ("ਪਹਿਲਾਂ, ਸ਼ੁਰੂ ਵਿੱਚ", "ਮੈਨੂੰ ਮਿਲਿਆ, ਮੈਂ ਸੋਚਿਆ"),
    "pl": ("najpierw, początkowo", "otrzymałem, otrzymałam, dostałem, dostałam, wyszło, myślałem, myślałam"),
    "pt": ("no início, inicialmente, primeiro, a princípio", "obtive, obtivemos, achei, pensei, calculei"),
    "ro": ("la început, inițial, mai întâi", "am obținut, am obtinut, am crezut, am calculat, am găsit"),
    "ru": (
        "сначала, вначале, изначально, первоначально",
        "получил, получила, получили, получилось, думал, думала, вышло",
    ),
    "sk": ("najprv, pôvodne, spočiatku", "som dostal, som dostala, dostal som, vyšlo mi, myslel som"),
    "sl": ("najprej, sprva, prvotno", "sem dobil, sem dobila, dobil sem, sem mislil, mislil sem"),
    "sr": (
        "прво, најпре, у почетку, првобитно, prvo, najpre, u početku, prvobitno",
        "сам добио, добио сам, мислио сам, sam dobio, dobio sam, mislio sam",
    ),
    "sv": ("först, ursprungligen, i början", "fick jag, jag fick, trodde jag, jag trodde"),
    "sw": ("mwanzoni, kwanza, awali", "nilipata, nilidhani, nilifikiri"),
    "ta": ("முதலில், ஆரம்பத்தில்", "எனக்கு கிடைத்தது, நினைத்தேன்"),
    "te": ("మొదట, ప్రారంభంలో", "నాకు వచ్చింది, అనుకున్నాను"),
    "tl": ("noong una, sa simula, una", "nakuha ko, akala ko, inakala ko"),
    "tr": ("ilk başta, başta, önce, başlangıçta", "buldum, bulmuştum, sandım, düşündüm, hesapladım"),
    "uk": (
        "спочатку, спершу, початково, на початку",
        "я отримав, я отримала, отримав, отримала, думав, думала, вийшло",
    ),
    "ur": ("پہلے, شروع میں", "مجھے ملا, میں نے سوچا"),
    "vi": ("lúc đầu, ban đầu, thoạt tiên", "tôi được, tôi tính ra, tôi ra, em ra, mình ra"),
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
#: per language, the words for "minus" or "negative" before a value ("La réponse est moins 4", "Ответ: минус 4",
#: "Cevap eksi 4", "jawabannya negatif 4", "उत्तर ऋण 4 है", "الإجابة هي سالب 4", "پاسخ منفی 4 است", "התשובה היא
#: מינוס 4"): the value is negative. Dutch "min" is left out (English "min", minutes or minimum), and words that
#: also mean "less" or "subtract" in a running sentence (Vietnamese "trừ", Malay "tolak", Swahili "toa").
FOREIGN_SIGN_WORDS: dict[str, str] = {
    "am": "ሲቀነስ አሉታዊ ኔጌቲቭ",
    "ar": "سالب سالبة ناقص",
    "az": "mənfi minus",
    "bg": "минус отрицателно отрицателен отрицателна",
    "bn": "ঋণাত্মক মাইনাস",
    "ca": "menys negatiu negativa",
    "cs": "mínus minus záporné záporná záporný",
    "da": "minus negativ negative",
    "de": "minus negativ negative",
    "el": "μείον πλην αρνητικό αρνητικός αρνητική μειον αρνητικο",
    "es": "menos negativo negativa",
    "et": "miinus negatiivne",
    "fa": "منفی منهای",
    "fi": "miinus negatiivinen",
    "fr": "moins négatif négative",
    "gu": "ઋણ માઇનસ ઋણાત્મક",
    "he": "מינוס שלילי",
    "hi": "ऋण माइनस ऋणात्मक",
    "hr": "minus negativan negativno",
    "hu": "mínusz minusz negatív",
    "id": "minus negatif",
    "is": "mínus neikvætt neikvæð",
    "it": "meno negativo negativa",
    "kn": "ಋಣ ಮೈನಸ್ ಋಣಾತ್ಮಕ",
    "lt": "minus neigiamas neigiama",
    "lv": "mīnus negatīvs negatīva",
    "ml": "മൈനസ് നെഗറ്റീവ്",
    "mr": "उणे वजा ऋण माइनस",
    "ms": "negatif minus",
    "ne": "ऋण माइनस ऋणात्मक",
    "nl": "negatief negatieve",
    "no": "minus negativ negative",
    "pa": "ਰਿਣ ਮਾਈਨਸ ਰਿਣਾਤਮਕ",
    "pl": "minus ujemne ujemna ujemny",
    "pt": "menos negativo negativa",
    "ro": "minus negativ negativă",
    "ru": "минус отрицательное отрицательный",
    "sk": "mínus záporné záporná",
    "sl": "minus negativno negativen",
    "sr": "минус minus негативно negativno",
    "sv": "minus negativ negativt",
    "sw": "hasi",
    "ta": "கழித்தல் மைனஸ் எதிர்மறை",
    "te": "మైనస్ ఋణ రుణాత్మక ఋణాత్మక",
    "tl": "negatibo negatibong minus",
    "tr": "eksi negatif",
    "uk": "мінус від'ємне від'ємний",
    "ur": "منفی مائنس",
    "vi": "âm",
}
#: the words of :data:`FOREIGN_SIGN_WORDS` of all languages
FOREIGN_SIGN_WORD_SET = frozenset(w for words in FOREIGN_SIGN_WORDS.values() for w in words.split())
#: the same in scripts written without spaces, right before the value (答案是负4, 答えはマイナス4, 정답은 마이너스 4)
CJK_SIGN_WORDS = ("负", "負", "マイナス", "마이너스", "ลบ")
#: conjunctions of conclusion of Chinese, Japanese, Korean and Thai that open, after a comma, the clause a sentence
#: draws last ("3+4=7，所以一共有7个。", "3+4=7なので、よって答えは7個です。", "3+4=7이므로, 따라서 답은 7개입니다."): the
#: result, the clause before it its premise. Left out: 则/則 and 那么/那麼 (also "then" after a condition, "若…，则…"),
#: 即 and 즉 (they restate, "i.e."), 그래서 (also "and so" between events), だから (also "because" as a reason given)
CJK_CONCLUSIONS = (
    "所以",
    "因此",
    "因而",
    "故",
    "于是",
    "於是",
    "从而",
    "從而",
    "したがって",
    "従って",
    "よって",
    "ゆえに",
    "故に",
    "따라서",
    "그러므로",
    "ดังนั้น",
)
#: per language, a writer's negated knowledge, certainty or ability ("I don't know", "I'm not sure", "I can't
#: solve it", "no idea"): a short comment holding one right before an answer doubts it ("Не знаю.", "No sé
#: resolver esto bien.", "Ich bin mir nicht sicher."), and a short sentence after an answer holding one doubts it
#: ("نمی دانم.", "Sina uhakika.")
FOREIGN_DOUBTS: dict[str, str] = {
    "am": "አላውቅም, እርግጠኛ አይደለሁም, እርግጠኛ አይደለም",
    "ar": "لا أعرف, لا أعلم, لست متأكدا, لست متأكداً, لست متأكدة, غير متأكد, غير متأكدة, لا أدري, ليس لدي فكرة",
    "az": "bilmirəm, əmin deyiləm, heç bir fikrim yoxdur",
    "bg": "не знам, не съм сигурен, не съм сигурна, нямам представа",
    "bn": "জানি না, নিশ্চিত নই, নিশ্চিত না",
    "ca": "no ho sé, no sé, no n'estic segur, no n'estic segura, no estic segur, no estic segura, ni idea",
    "cs": "nevím, nejsem si jistý, nejsem si jistá, nemám tušení",
    "da": "ved ikke, jeg ved det ikke, ikke sikker, er ikke sikker, aner ikke",
    "de": """ich weiß nicht, weiß ich nicht, weiß nicht, keine ahnung, nicht sicher, ich bin unsicher, ich kann
    das nicht, kann ich nicht lösen, ich komme nicht weiter""",
    "el": "δεν ξέρω, δεν είμαι σίγουρος, δεν είμαι σίγουρη, δεν είμαι βέβαιος, καμία ιδέα",
    "es": """no sé, no lo sé, ni idea, no estoy seguro, no estoy segura, no estoy convencido, no puedo resolver, no
    consigo""",
    "et": "ma ei tea, ei tea, pole kindel, ma pole kindel, ei ole kindel",
    "fa": "نمی دانم, نمیدانم, نمی‌دانم, نمیدونم, مطمئن نیستم, ایده‌ای ندارم, ایده ای ندارم",
    "fi": "en tiedä, en ole varma, ei aavistustakaan",
    "fr": """je ne sais pas, je sais pas, sais pas, aucune idée, pas sûr, pas sûre, pas certain, pas certaine, je ne
    suis pas sûr, je n'arrive pas""",
    "gu": "ખબર નથી, મને ખબર નથી, ખાતરી નથી",
    "he": "לא יודע, לא יודעת, אני לא בטוח, אני לא בטוחה, לא בטוח, לא בטוחה, אין לי מושג",
    "hi": "पता नहीं, मुझे नहीं पता, पक्का नहीं, यकीन नहीं, निश्चित नहीं",
    "hr": "ne znam, nisam siguran, nisam sigurna, nemam pojma",
    "hu": "nem tudom, nem vagyok biztos, fogalmam sincs",
    "id": "tidak tahu, tidak yakin, entahlah, kurang yakin, nggak tahu, gak yakin",
    "is": "veit ekki, ég veit það ekki, ekki viss, er ekki viss",
    "it": "non lo so, non so, nessuna idea, non sono sicuro, non sono sicura, non riesco",
    "kn": "ಗೊತ್ತಿಲ್ಲ, ಖಚಿತವಿಲ್ಲ, ಖಚಿತವಾಗಿಲ್ಲ",
    "lt": "nežinau, nesu tikras, nesu tikra, neturiu supratimo",
    "lv": "nezinu, neesmu pārliecināts, neesmu pārliecināta, nav ne jausmas",
    "ml": "അറിയില്ല, ഉറപ്പില്ല",
    "mr": "माहित नाही, माहीत नाही, खात्री नाही",
    "ms": "tidak tahu, tak tahu, tidak pasti, tak pasti, entahlah",
    "ne": "थाहा छैन, पक्का छैन, निश्चित छैन",
    "nl": "ik weet het niet, weet ik niet, weet niet, geen idee, niet zeker",
    "no": "vet ikke, jeg vet ikke, ikke sikker, aner ikke",
    "pa": "ਪਤਾ ਨਹੀਂ, ਪੱਕਾ ਨਹੀਂ, ਯਕੀਨ ਨਹੀਂ",
    "pl": "nie wiem, nie jestem pewien, nie jestem pewna, nie mam pojęcia, nie umiem",
    "pt": """não sei, não tenho certeza, não estou certo, não estou seguro, não estou segura, nenhuma ideia, não
    consigo""",
    "ro": "nu știu, nu stiu, nu sunt sigur, nu sunt sigură, habar n-am",
    "ru": """не знаю, не уверен, не уверена, не уверены, понятия не имею, не могу решить, не получается""",
    "sk": "neviem, nie som si istý, nie som si istá, netuším",
    "sl": "ne vem, nisem prepričan, nisem prepričana, nimam pojma",
    "sr": "не знам, нисам сигуран, нисам сигурна, немам појма, ne znam, nisam siguran, nisam sigurna",
    "sv": "vet inte, jag vet inte, inte säker, ingen aning",
    "sw": "sijui, sina uhakika, sina hakika",
    "ta": "தெரியவில்லை, தெரியாது, உறுதியாக தெரியவில்லை, உறுதியில்லை",
    "te": "తెలియదు, ఖచ్చితంగా తెలియదు, నమ్మకం లేదు",
    "tl": "hindi ko alam, ewan ko, hindi ako sigurado, di ako sigurado",
    "tr": "bilmiyorum, emin değilim, hiçbir fikrim yok, çözemedim",
    "uk": "не знаю, не впевнений, не впевнена, гадки не маю",
    "ur": "پتہ نہیں, معلوم نہیں, یقین نہیں, مجھے نہیں پتا",
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
_FOREIGN_CONDITIONAL_WORDS = frozenset(w for words in FOREIGN_CONDITIONALS.values() for w in words.split())
#: per language, the common words that bound or grade a value from after it, alone or as the head of their phrase
#: ("at least", "at most", "at best", "at worst", "maximum", "minimum", "or so"): "7 mindestens", "7 al menos", "7 au
#: moins", "7 bestenfalls", "7 máximo", "7 en az" are bounds, no count nouns; postpositions that only join a bound
#: ("से", "سے", "ਤੋਂ": "from", "than"), articles ("το", "cel") and "every" (לכל) are left out
FOREIGN_BOUNDS: dict[str, str] = {
    "am": "ቢያንስ ቢበዛ ከፍተኛ ዝቅተኛ በላይ በታች ያነሰ የበለጠ",
    "ar": "الأقل الأكثر أقصى أدنى حد أكثر اكثر أقل اقل",
    "az": "azı çoxu maksimum minimum ən azı daha çox az-çox çox-az",
    "bg": "най-малко най-много минимум максимум поне повече по-малко по-много",
    "bn": "অন্তত সর্বোচ্চ সর্বনিম্ন সর্বাধিক বেশি বেশী কম কমবেশি কমবেশী",
    "ca": "menys més màxim mínim almenys poc",
    "cs": "nejméně nejvýše alespoň aspoň maximálně minimálně více víc méně míň víceméně",
    "da": "mindst højst maksimum minimum mere mindre",
    "de": "mindestens wenigstens zumindest höchstens maximal minimal maximum minimum bestenfalls schlimmstenfalls "
    "allenfalls günstigstenfalls ungünstigstenfalls größer kleiner höher niedriger über etwas mehr weniger plusminus",
    "el": "τουλάχιστον πολύ μέγιστο ελάχιστο περισσότερο περισσότερα λιγότερο λιγότερα πάνω κάτω",
    "es": "menos más mas máximo mínimo mucho poco mejor peor así apenas pico",
    "et": "vähemalt maksimaalselt minimaalselt kõige rohkem vähem",
    "fa": "حداقل حداکثر دستکم کمتر بیشتر بیش کم",
    "fi": "vähintään enintään korkeintaan ainakin enemmän vähemmän",
    "fr": "moins plus mieux pire maximum minimum max min environ près quelques poussières",
    "gu": "ઓછામાં ઓછું વધુમાં વધુ મહત્તમ લઘુત્તમ વધારે ઓછા",
    "he": "לפחות היותר מקסימום מינימום יותר פחות",
    "hi": "कम अधिक अधिकतम न्यूनतम ज़्यादा ज्यादा कमोबेश",
    "hr": "najmanje najviše barem maksimalno minimalno više manje",
    "hu": "legalább legfeljebb maximum minimum több kevesebb többé kevésbé többé-kevésbé",
    "id": "minimal maksimal setidaknya sedikitnya paling lebih kurang",
    "is": "minnst mest hámark lágmark meira minna",
    "it": "almeno meno massimo minimo più meglio peggio",
    "kn": "ಕನಿಷ್ಠ ಗರಿಷ್ಠ ಹೆಚ್ಚು ಕಡಿಮೆ",
    "lt": "mažiausiai daugiausiai bent maksimaliai daugiau mažiau daugmaž",
    "lv": "vismaz maksimāli minimāli vairāk mazāk",
    "ml": "കുറഞ്ഞത് പരമാവധി ഏറ്റവും കൂടുതൽ കുറവ്",
    "mr": "किमान कमाल जास्तीत जास्त कमी अधिक",
    "ms": "sekurang-kurangnya maksimum minimum paling lebih kurang",
    "ne": "कम्तीमा बढीमा अधिकतम न्यूनतम बढी धेरै थोरै",
    "nl": "minstens tenminste hoogstens maximaal minimaal meer minder",
    "no": "minst høyst maksimum minimum mer meir mindre",
    "pa": "ਘੱਟੋ-ਘੱਟ ਵੱਧੋ-ਵੱਧ ਘੱਟ ਵੱਧ ਜ਼ਿਆਦਾ ਜਿਆਦਾ ਵਧੇਰੇ",
    "pl": "najmniej najwyżej przynajmniej conajmniej maksymalnie minimalnie maksimum minimum więcej mniej",
    "pt": "menos mais máximo mínimo muito pouco melhor pior assim poucos quebrados",
    "ro": "puțin mult maxim minim puţin putin",
    "ru": "минимум максимум менее более меньшей крайней больше меньше лучшем худшем плюс-минус",
    "sk": "najmenej najviac aspoň maximálne minimálne viac menej viac-menej",
    "sl": "vsaj največ najmanj več manj",
    "sr": "најмање највише бар najmanje najviše више мање više manje",
    "sv": "minst högst åtminstone mer mera mindre",
    "sw": "angalau zaidi upeo pungufu chini",
    "ta": "குறைந்தது அதிகபட்சம் குறைந்தபட்சம் அதிகம் குறைவு அதிகமாக குறைவாக",
    "te": "కనీసం గరిష్ఠం గరిష్టంగా కనిష్ఠం ఎక్కువ తక్కువ",
    "tl": "pinakamababa pinakamarami higit mahigit kulang kumulang",
    "tr": "az çok fazla azından azami asgari civarında kadar küsur küsür küsurat daha aşağı yukarı",
    "uk": "щонайменше щонайбільше мінімум максимум менше більше плюс-мінус",
    "ur": "کم زیادہ بیش",
    "vi": "ít nhất tối đa tối thiểu hơn kém trên dưới",
}
#: per language, the common words that call a value wrong ("wrong", "false", "incorrect", "error"): "9 falsch", "9
#: ошибка", "9 yanlış" reject it, no count noun. Tagalog "mali" (Croatian and Serbian "small") and Estonian "vale"
#: (Spanish "OK") are left out.
FOREIGN_FAULTS: dict[str, str] = {
    "am": "ስህተት የተሳሳተ",
    "ar": "خطأ خاطئ خاطئة غلط",
    "az": "səhv yanlış",
    "bg": "грешно грешка погрешно неправилно невярно",
    "bn": "ভুল",
    "ca": "fals falsa incorrecte incorrecta erroni errònia error",
    "cs": "špatně chyba chybně nesprávně nesprávný",
    "da": "forkert fejl",
    "de": "falsch fehler fehlerhaft unrichtig inkorrekt",
    "el": "λάθος λανθασμένο λανθασμένη εσφαλμένο",
    "es": "falso falsa incorrecto incorrecta error erróneo errónea equivocado",
    "et": "vigane viga ekslik",
    "fa": "غلط اشتباه نادرست",
    "fi": "väärin väärä virhe virheellinen",
    "fr": "faux fausse erreur erroné erronée incorrect incorrecte",
    "gu": "ખોટું ખોટો ભૂલ",
    "he": "שגוי שגויה טעות",
    "hi": "गलत ग़लत गलती",
    "hr": "pogrešno netočno greška krivo",
    "hu": "rossz hibás hiba helytelen",
    "id": "salah keliru",
    "is": "rangt villa",
    "it": "sbagliato sbagliata falso falsa errore errato errata",
    "kn": "ತಪ್ಪು",
    "lt": "neteisingai klaida klaidinga",
    "lv": "nepareizi kļūda kļūdains",
    "ml": "തെറ്റ് തെറ്റാണ്",
    "mr": "चूक चुकीचे चुकीचा",
    "ms": "salah silap",
    "ne": "गलत गल्ती",
    "nl": "fout onjuist",
    "no": "feil galt",
    "pa": "ਗਲਤ ਗ਼ਲਤ ਗਲਤੀ",
    "pl": "błędnie błąd źle fałsz",
    "pt": "errado errada falso falsa incorreto incorreta erro",
    "ro": "greșit greșită fals falsă eroare incorect",
    "ru": "неверно неправильно ошибка неверный неправильный ложь",
    "sk": "zle chyba chybne nesprávne",
    "sl": "napačno napaka narobe",
    "sr": "погрешно грешка нетачно pogrešno netačno greška",
    "sv": "fel felaktigt",
    "sw": "kosa makosa uongo",
    "ta": "தவறு தப்பு பிழை",
    "te": "తప్పు",
    "tl": "maling",
    "tr": "yanlış hatalı hata",
    "uk": "неправильно помилка хибно невірно",
    "ur": "غلط غلطی",
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
    for table in (
        FOREIGN_NEGATIONS,
        FOREIGN_HEDGES,
        FOREIGN_CONDITIONALS,
        FOREIGN_BOUNDS,
        FOREIGN_FAULTS,
        FOREIGN_MODAL_PREDICATES,
    )
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
    تقريبا kinda sorta kinda-sorta prolly hopefully plausibly conceivably feasibly potentially putatively
    purportedly reportedly ideally""".split()
    )
    | _FOREIGN_NEGATION_WORDS
    | _FOREIGN_HEDGE_WORDS
    | _FOREIGN_CONDITIONAL_WORDS
    | FOREIGN_SIGN_WORD_SET
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
    # a remark that disowns the value as a mere suggestion ("for reference only": 仅供参考), a look-alike ending
    # ("-ish": っぽい) and the Korean endings of a guess ("I bet it's", "it'll be", "it may be": 일걸, 걸요, 거예요, 일지도; a
    # word of its own after a space, read alone)
    "仅供参考",
    "僅供參考",
    "供参考",
    "供參考",
    "っぽい",
    "っぽ",
    "일걸",
    "걸요",
    "일거예요",
    "거예요",
    "일거에요",
    "거에요",
    "일지도",
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
    # Thai beliefs and guesses: "I expect that", "in my opinion", "presumably", and the final particles of a
    # guess, after the value ("คำตอบคือ 24 มั้ง")
    "คาดว่า",
    "ในความคิด",
    "ในความเห็น",
    "สันนิษฐาน",
    "มั้ง",
    "มั๊ง",
    "กระมัง",
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
    شاید kinda sorta prolly feasibly potentially putatively""".split()
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
#: per language, the one-word replies "yes" and "no" (yes words, then no words after "|"), each a whole reply
#: against a yes/no gold (Hindi "हाँ।", Bengali "হ্যাঁ", Tamil "இல்லை"); spelling variants a model writes are listed
#: (Hindi "हाँ"/"हां", Persian "نه"/"خیر"). Words that are a whole reply of another meaning elsewhere stay out:
#: Indonesian and Malay "ya" only with "tidak" as its no (English slang "ya" is no reply to a yes/no question
#: anyway), Vietnamese "phải" (also "must", "right side").
FOREIGN_YES_NO: dict[str, str] = {
    "am": "አዎ አዎን | አይ አይደለም",
    "ar": "نعم أجل | لا كلا",
    "az": "bəli hə | xeyr yox",
    "bg": "да | не",
    "bn": "হ্যাঁ হাঁ | না",
    "ca": "sí | no",
    "cs": "ano jo | ne",
    "da": "ja jo | nej",
    "de": "ja jawohl | nein",
    "el": "ναι | όχι οχι",
    "es": "sí si | no",
    "et": "jah jaa | ei",
    "fa": "بله آره | نه خیر",
    "fi": "kyllä joo | ei",
    "fr": "oui | non",
    "gu": "હા | ના",
    "he": "כן | לא",
    "hi": "हाँ हां जी | नहीं ना",
    "hr": "da | ne",
    "hu": "igen | nem",
    "id": "ya iya | tidak bukan",
    "is": "já | nei",
    "it": "sì si | no",
    "kn": "ಹೌದು | ಇಲ್ಲ",
    "lt": "taip | ne",
    "lv": "jā | nē",
    "ml": "അതെ | ഇല്ല",
    "mr": "हो होय | नाही",
    "ms": "ya | tidak bukan",
    "ne": "हो | होइन",
    "nl": "ja | nee",
    "no": "ja | nei",
    "pa": "ਹਾਂ | ਨਹੀਂ",
    "pl": "tak | nie",
    "pt": "sim | não",
    "ro": "da | nu",
    "ru": "да | нет",
    "sk": "áno | nie",
    "sl": "da | ne",
    "sr": "да da | не ne",
    "sv": "ja | nej",
    "sw": "ndiyo ndio | hapana",
    "ta": "ஆம் ஆமாம் | இல்லை",
    "te": "అవును | కాదు లేదు",
    "tl": "oo opo | hindi",
    "tr": "evet | hayır",
    "uk": "так | ні",
    "ur": "ہاں جی | نہیں",
    "vi": "có vâng | không",
}
#: a noun of certainty that "without" before it in those languages makes a doubt ("sans certitude", "ohne Gewähr")
CERTAINTY_NOUNS = frozenset("certitude gewähr sicherheit certeza certezza уверенности гарантии".split())
#: per language, the common words that make a label something other than the final answer: wrong or
#: provisional, a guess or estimate, a bound, an intermediate or partial result, a draft ("Falsche Antwort:",
#: "Obergrenze:", "Zwischenergebnis:", "Réponse provisoire :", "Tahmin:", "Kisio:", "Tipp:"); German compounds are
#: listed whole. Words that are also a plain label of a value are left out: English "tip" (a tip in a bill), Slovak
#: "tip", Icelandic "mat" (English "mat"), Estonian "vale" (Spanish "worth"), Swahili "muda" ("time"), Malay
#: "anggaran" (Indonesian "budget"), Tagalog "mali" (Mali).
FOREIGN_LABEL_CUES: dict[str, str] = {
    "am": "ግምት ረቂቅ የተሳሳተ ጊዜያዊ",
    "ar": """تخمين حدس تقدير تقريبي خاطئ خطأ مسودة تقديري مبدئي مؤقت مؤقتة خاطئة جزئي فرضية تقريبية التقريبي التقريبية تقديرية التقديري التقديرية المبدئي المبدئية المؤقت المؤقتة الخاطئ الخاطئة الجزئي الجزئية""",
    "az": "təxmin təxmini səhv qaralama ilkin müvəqqəti fərziyyə",
    "bg": """предположение оценка грешен грешна грешно чернова предварителен предварителна междинен междинна хипотеза оценката предположението""",
    "bn": "অনুমান আনুমানিক ভুল খসড়া অস্থায়ী",
    "ca": """incorrecta incorrecte errònia erroni provisional provisòria aproximació aproximada estimació estimada
    esborrany hipòtesi parcial intermedi intermèdia""",
    "cs": """odhad odhadovaná odhadovaný špatná špatný chybná chybný předběžná předběžný mezivýsledek hypotéza přibližná
    přibližný částečný částečná nesprávná nesprávný""",
    "da": """forkert forkerte foreløbig foreløbige gæt skøn estimat tilnærmelse kladde overslag delresultat mellemresultat
    hypotese gættet skønnet estimatet""",
    "de": """falsch falsche falscher falsches fehlerhaft fehlerhafte fehlerhaftes vorläufig vorläufige vorläufiges
    vorläufiger obergrenze untergrenze obere untere schranke zwischenergebnis zwischenergebnisse zwischenresultat
    zwischenwert zwischenstand teilergebnis teilresultat teillösung schätzwert geschätzt geschätzte näherung
    näherungswert annahme geraten geratene ungeprüft ungeprüfte unbestätigt unsicher skizze tipp grobe ungefähre""",
    "el": """εικασία εκτίμηση υπόθεση πρόχειρο λάθος λανθασμένη προσέγγιση προσεγγιστική προσωρινή προσωρινό λανθασμένο
    ενδιάμεσο εκτιμώμενη μαντεψιά μαντεψια εικασια""",
    "es": """incorrecta incorrecto errónea erróneo equivocada equivocado provisional provisoria provisorio intermedio
    intermedia parcial aproximación aproximada aproximado cota hipótesis tentativa tentativo estimada estimado
    dudosa dudoso supuesta adivinanza suposición conjetura borrador estimación""",
    "et": "hinnang oletus umbkaudne ligikaudne vigane väär mustand esialgne ajutine vahetulemus hüpotees",
    "fa": "حدس تخمین تقریبی اشتباه پیش‌نویس تخمینی موقت غلط فرضیه میانی حدسی",
    "fi": """arvaus arvio arvioitu likiarvo väärä virheellinen alustava väliaikainen luonnos välitulos hypoteesi veikkaus""",
    "fr": """fausse faux mauvaise mauvais erronée erroné provisoire provisoires intermédiaire intermédiaires partielle
    partiel approximation approchée approché hypothèse majorant minorant borne bornes ébauche supposée supposé
    douteuse douteux incertaine invérifiée estimée estimé estimation devinette pronostic conjecture approximative approximatif""",
    "gu": "અનુમાન અંદાજ અંદાજિત ખોટો ખોટું ખોટી મુસદ્દો કામચલાઉ",
    "he": """ניחוש הערכה השערה טיוטה שגוי שגויה משוערת משוער זמנית זמני חלקית מקורב מקורבת ביניים המשוערת המשוער המקורבת השגויה""",
    "hi": "अनुमान अंदाज़ा अंदाजा गलत मसौदा अनुमानित अस्थायी प्रारंभिक ग़लत परिकल्पना",
    "hr": """procjena pretpostavka nagađanje netočan netočna pogrešan pogrešna privremeni privremena okvirni okvirna
    približna približan nacrt međurezultat hipoteza""",
    "hu": """tipp becslés becsült hozzávetőleges közelítő közelítés rossz hibás téves ideiglenes előzetes vázlat
    részeredmény feltevés hipotézis""",
    "id": "tebakan perkiraan sementara salah draf dugaan taksiran keliru hipotesis coretan",
    "is": "ágiskun áætlun áætlað röng rangt rangur bráðabirgða uppkast drög nálgun tilgáta ágiskunin",
    "it": """sbagliata sbagliato errata errato provvisoria provvisorio intermedio intermedia parziale approssimazione
    approssimata approssimato maggiorante minorante tentativo stimata stimato dubbia dubbio ipotesi stima bozza
    indovinata congettura presunta presunto""",
    "kn": "ಅಂದಾಜು ಊಹೆ ತಪ್ಪು ಕರಡು ತಾತ್ಕಾಲಿಕ",
    "lt": """spėjimas įvertis įvertinimas apytikslis apytikslė klaidingas klaidinga neteisingas neteisinga preliminarus
    preliminari juodraštis tarpinis hipotezė""",
    "lv": """minējums novērtējums aptuvens aptuvenā nepareizs nepareizā kļūdains provizorisks melnraksts starprezultāts
    hipotēze""",
    "ml": "ഊഹം ഏകദേശ തെറ്റായ തെറ്റ് കരട് താൽക്കാലിക",
    "mr": "अंदाज अनुमान चुकीचे चुकीचा मसुदा तात्पुरते तात्पुरता",
    "ms": "tekaan salah draf sementara andaian hipotesis",
    "ne": "अनुमान अड्कल गलत मस्यौदा अस्थायी अनुमानित",
    "nl": """foute fout verkeerde verkeerd voorlopige voorlopig schatting geschat tussenresultaat tussenwaarde bovengrens
    ondergrens gok ruwe benadering benaderd hypothese aanname onjuist onjuiste""",
    "no": """feil foreløpig foreløpige gjetning anslag estimat tilnærming utkast delresultat mellomresultat hypotese
    overslag gjetningen anslaget estimatet""",
    "pa": "ਅੰਦਾਜ਼ਾ ਅੰਦਾਜਾ ਅਨੁਮਾਨ ਗਲਤ ਗ਼ਲਤ ਖਰੜਾ ਅਸਥਾਈ",
    "pl": """błędna błędny błędne zła zły wstępna wstępny wstępne przybliżona przybliżony przybliżenie szacunek szacunkowa
    szacunkowy szkic hipoteza tymczasowa tymczasowy częściowa częściowy pośredni pośrednia zgadywanie domysł
    założenie niepoprawna nieprawidłowa robocza roboczy""",
    "pt": """errada errado incorreta incorreto provisória provisório intermediário intermediária parcial aproximação
    aproximada aproximado hipótese rascunho estimativa estimada estimado tentativa duvidosa palpite chute
    suposição""",
    "ro": """estimare estimat estimată greșit greșită provizoriu provizorie ipoteză aproximare ghicit presupunere incorect
    incorectă temporar temporară intermediar intermediară parțial parțială ciornă schiță aproximativă estimarea ipoteza aproximarea""",
    "ru": """неверный неверная неверное неправильный неправильная неправильное ошибочный ошибочная ошибочное
    предварительный предварительная предварительное промежуточный промежуточная промежуточное черновой черновик
    приближённый приближенный приближённое приближенное приближение верхняя нижняя гипотеза примерный примерная
    примерное оценочный ориентировочный гипотетический неточный прикидка догадка предположение оценка""",
    "sk": """odhad odhadovaný odhadovaná približný približná nesprávny nesprávna chybný chybná predbežný predbežná náčrt
    medzivýsledok hypotéza domnienka""",
    "sl": "ocena ugibanje domneva približna približen napačna napačen začasna začasen osnutek vmesni hipoteza",
    "sr": """процена претпоставка нагађање нетачан нетачна погрешан погрешна привремени нацрт хипотеза procena pretpostavka
    nagađanje netačan netačna pogrešan pogrešna privremeni nacrt hipoteza""",
    "sv": """fel felaktig felaktigt preliminär preliminärt gissning uppskattning uppskattat approximation utkast
    delresultat mellanresultat hypotes överslag gissningen uppskattningen""",
    "sw": "kisio makisio kadirio makadirio rasimu dhana makosa",
    "ta": "மதிப்பீடு ஊகம் தோராயம் தோராயமான தவறான தவறு வரைவு தற்காலிக",
    "te": "అంచనా ఊహ తప్పు ముసాయిదా తాత్కాలిక",
    "tl": "hula tantiya tantya maling pansamantala burador haka",
    "tr": "tahmin tahmini yanlış hatalı taslak geçici yaklaşık varsayım hipotez sınır kestirim öngörü muhtemel",
    "uk": """здогадка оцінка припущення чернетка неправильна неправильний проміжний наближення попередній попередня хибна
    хибний помилкова приблизна приблизний гіпотеза""",
    "ur": "اندازہ تخمینہ غلط تخمینی عارضی مسودہ قیاس",
    "vi": "đoán ước sai nháp tạm phỏng",
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
    predicted approximation approximated heuristic eyeballed guesstimate simulated simulation sampled plausible
    probable stopgap stop-gap makeshift first-pass first-cut pre-check precheck pre-verification pre-review
    stand-in wag swag best-effort
    vermutung schätzung entwurf supposition estimation brouillon conjetura estimación borrador suposición
    ipotesi stima bozza догадка предположение оценка черновик""".split()
)
#: per language, the adjectives that may stand right before the answer noun in a label and leave it the writer's
#: final answer, like English "Final answer:", "Correct answer:", "Short answer:" ("Окончательный ответ:", "Nihai
#: cevap:", "Endgültige Antwort:", "Ostateczna odpowiedź:"), or after it where the language puts the adjective
#: after the noun ("התשובה הסופית:", "Răspunsul corect:"; Swahili "Jibu la mwisho:" with its connector "la")
FOREIGN_PLAIN_LABEL_WORDS: dict[str, str] = {
    "am": "የመጨረሻ የመጨረሻው ትክክለኛ ትክክለኛው",
    "ar": "النهائية النهائي الصحيحة الصحيح الأخيرة المطلوب",
    "az": "son yekun düzgün doğru",
    "bg": "окончателен окончателният окончателна правилен правилният правилна верен верният краен крайният",
    "bn": "চূড়ান্ত সঠিক শেষ",
    "ca": "correcta definitiva curta breu",
    "cs": "konečná správná výsledná správný konečný úplná stručná",
    "da": "endelige endeligt rigtige korrekte korte fulde",
    "el": "τελική σωστή τελικη σωστη σύντομη",
    "es": "correcta verdadera corta definitiva completa exacta",
    "et": "lõplik õige lühike täielik",
    "fa": "نهایی درست صحیح کوتاه",
    "fi": "lopullinen oikea lyhyt täydellinen",
    "fr": "bonne vraie courte définitive correcte exacte finale",
    "gu": "અંતિમ સાચો સાચું સાચી",
    "he": "הסופית הנכונה סופית נכונה הקצרה",
    "hi": "अंतिम सही सटीक पूरा",
    "hr": "konačan konačni konačna točan točna točni ispravan ispravna",
    "hu": "végső helyes végleges rövid teljes",
    "id": "akhir benar tepat lengkap singkat",
    "is": "endanlegt endanleg rétt rétta stutt",
    "it": "corretta giusta breve definitiva finale esatta completa",
    "kn": "ಅಂತಿಮ ಸರಿಯಾದ",
    "lt": "galutinis galutinė teisingas teisinga trumpas",
    "lv": "galīgā galīgais pareizā pareizais īsā",
    "ml": "അന്തിമ ശരിയായ",
    "mr": "अंतिम बरोबर योग्य",
    "ms": "akhir betul tepat lengkap ringkas",
    "ne": "अन्तिम सही ठीक",
    "nl": "definitieve juiste uiteindelijke correcte korte volledige goede",
    "no": "endelige endelig riktige riktig korrekte korte fullstendige",
    "pa": "ਅੰਤਿਮ ਸਹੀ ਆਖਰੀ",
    "pl": "ostateczna końcowa poprawna prawidłowa pełna krótka właściwa końcowy ostateczny",
    "pt": "correta certa curta definitiva completa exata",
    "ro": "finală finala corectă corecta corect definitivă scurtă completă",
    "sk": "konečná konečný správna správny výsledná úplná",
    "sl": "končni končna pravilni pravilna pravi kratki",
    "sr": "коначни коначан коначна тачан тачна исправан konačni konačan konačna tačan tačna ispravan",
    "sv": "slutgiltiga slutliga rätta korrekta korta fullständiga",
    "sw": "sahihi kamili mwisho la",
    "ta": "இறுதி சரியான இறுதியான",
    "te": "తుది సరైన చివరి",
    "tl": "huling tamang wastong pangwakas",
    "uk": "остаточна остаточний правильна правильний кінцева кінцевий підсумкова вірна коротка повна",
    "ur": "حتمی آخری درست صحیح",
    "vi": "cuối đúng",
    "de": "endgültige endgültiger richtige korrekte finale kurze vollständige gesuchte",
    "ru": """окончательный итоговый правильный верный финальный конечный краткий полный окончательная итоговая правильная
    верная финальная конечная""",
    "tr": "nihai son doğru kesin tam kısa",
}
#: per language, the words that open a sentence correcting the answer before it, like English "Wait", "No",
#: "Oops", "Correction": a call to wait, a "no", an apology, a correction noun ("Moment, nein: es sind 24.", "Espera,
#: son 24.", "Стоп, это 24.", "不对，是24。"). Romanian "nu" is left out (Dutch "now", which opens many sentences).
FOREIGN_CORRECTION_OPENERS: dict[str, str] = {
    "am": "ቆይ, ይቅርታ, እርማት, አይ, አይደለም",
    "ar": "انتظر, لحظة, عفوا, عفواً, آسف, تصحيح, لا, في الواقع",
    "az": "dayan, gözlə, bağışlayın, düzəliş, xeyr, əslində",
    "bg": "чакай, чакайте, момент, опа, извинете, поправка, корекция, не",
    "bn": "দাঁড়াও, দুঃখিত, সংশোধন, না",
    "ca": "espera, ups, perdó, correcció, de fet",
    "cs": "počkat, počkej, moment, jejda, pardon, oprava, ne, vlastně",
    "da": "vent, ups, undskyld, rettelse, nej, faktisk",
    "de": "moment, warte, warten sie, halt, stopp, augenblick, hoppla, ups, korrektur, berichtigung, nein",
    "el": "περίμενε, στάσου, ωχ, συγγνώμη, διόρθωση, όχι, στην πραγματικότητα",
    "es": "espera, esperen, ups, perdón, corrección, en realidad, no",
    "et": "oota, oi, vabandust, parandus, ei, tegelikult",
    "fa": "صبر کن, ببخشید, اصلاح, نه, در واقع",
    "fi": "odota, hups, anteeksi, korjaus, ei, itse asiassa",
    "fr": "attends, attendez, oups, pardon, en fait, rectification, erratum, correction, non",
    "gu": "રાહ જુઓ, માફ કરજો, સુધારો, ના",
    "he": "רגע, חכה, אופס, סליחה, תיקון, לא, בעצם",
    "hi": "रुको, रुकिए, माफ़ कीजिए, क्षमा करें, सुधार, नहीं, दरअसल",
    "hr": "čekaj, stani, ups, oprostite, ispravak, ne, zapravo",
    "hu": "várj, várjunk, hoppá, bocsánat, javítás, helyesbítés, nem, valójában",
    "id": "tunggu, ups, maaf, koreksi, ralat, bukan, sebenarnya",
    "is": "bíddu, úps, afsakið, leiðrétting, nei, reyndar",
    "it": "aspetta, aspettate, ops, scusa, scusate, correzione, anzi, in realtà, no",
    "kn": "ನಿಲ್ಲಿ, ಕ್ಷಮಿಸಿ, ತಿದ್ದುಪಡಿ, ಇಲ್ಲ",
    "lt": "palauk, palaukite, oi, atsiprašau, pataisymas, ne, iš tikrųjų",
    "lv": "pagaidi, pagaidiet, ups, atvainojiet, labojums, nē, patiesībā",
    "ml": "ക്ഷമിക്കണം, തിരുത്ത്, അല്ല",
    "mr": "थांबा, माफ करा, दुरुस्ती, नाही",
    "ms": "tunggu, maaf, pembetulan, bukan, sebenarnya",
    "ne": "पर्खनुहोस्, माफ गर्नुहोस्, सुधार, होइन",
    "nl": "wacht, oeps, sorry, correctie, nee, eigenlijk",
    "no": "vent, ops, unnskyld, rettelse, nei, faktisk",
    "pa": "ਰੁਕੋ, ਮਾਫ਼ ਕਰਨਾ, ਸੁਧਾਰ, ਨਹੀਂ",
    "pl": "chwila, czekaj, zaraz, ups, przepraszam, poprawka, nie, właściwie",
    "pt": "espera, espere, ops, desculpa, desculpe, correção, na verdade, não, na realidade",
    "ro": "stai, așteaptă, hopa, scuze, corectură, corectare, de fapt",
    "ru": "стоп, подожди, подождите, погоди, постой, ой, извините, исправление, поправка, нет, на самом деле",
    "sk": "počkaj, moment, ups, prepáčte, oprava, nie, vlastne",
    "sl": "počakaj, ups, oprostite, popravek, ne, pravzaprav",
    "sr": "чекај, стани, извините, исправка, не, заправо, čekaj, stani, izvinite, ispravka, zapravo",
    "sv": "vänta, hoppsan, oj, förlåt, rättelse, nej, faktiskt",
    "sw": "subiri, ngoja, samahani, marekebisho, hapana, kwa kweli",
    "ta": "காத்திருங்கள், மன்னிக்கவும், திருத்தம், இல்லை",
    "te": "ఆగండి, క్షమించండి, సవరణ, కాదు",
    "tl": "teka, sandali, pasensya, paumanhin, pagwawasto, hindi, sa totoo lang",
    "tr": "dur, bekle, hayır, pardon, düzeltme, aslında, yanlış",
    "uk": "стоп, зачекай, зачекайте, ой, вибачте, виправлення, ні, насправді",
    "ur": "رکو, رکیے, معذرت, تصحیح, نہیں, دراصل",
    "vi": "khoan, đợi đã, xin lỗi, sửa lại, đính chính, thật ra",
    "zh": "不对, 不對, 等等, 等一下, 更正, 纠正, 糾正, 错了, 錯了",
    "ja": "待って, いや, 違う, 違います, 訂正, 間違えた",
    "ko": "잠깐, 아니, 아니요, 정정, 틀렸다",
}
#: the label cues of Chinese, Japanese, Korean and Thai, matched inside a run of that script before ``:``/``：``: wrong,
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
    # Thai, written without spaces: a guess, an estimate, a draft, provisional, wrong, a bound
    "เดา",
    "ประมาณการ",
    "คาดคะเน",
    "ฉบับร่าง",
    "ชั่วคราว",
    "ผิด",
    "ขอบเขตบน",
    "ขอบเขตล่าง",
)
#: abbreviations of label cues, read only where a label's word can be no other word: as the label's first word
#: or in a subscript ("UB: 5", "Est: 5", "$n_{\\text{alt}} = 5$"; the French copula "est" in "La réponse est : 5"
#: is neither): upper and lower bound, estimate, alternative, candidate, approximate, preliminary, tentative,
#: hypothesis, conjecture, original, initial, previous, temporary
LABEL_ABBREVIATIONS = frozenset("ub lb est alt cand approx prelim tent hyp conj orig init prev tmp".split())
#: an adjective that makes the answer noun after it provisional, in a label ("Working answer: 5", "Gut answer: 5",
#: "Interim result: 5"); alone ("Working: 3 × 8 = 24") it labels the work
PROVISIONAL_LABEL = re.compile(
    r"(?i)\b(?:working|gut|instinctive|intuitive|knee-jerk|interim|stopgap|makeshift|temporary|temp)[ \t]++"
    r"(?:final[ \t]++)?+(?:answer|result|value|solution|figure|number|total|estimate|guess)s?+\b"
)
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
    наивное наивно наивном наивного наивным naiwny naiwna naiwne naiwnie naïef naïeve suggest suggests
    suggesting usually typically ordinarily customarily""".split()
)
#: words that call the answer before them a guess, a stand-in or doubtful, in a short value-free sentence after it
#: ("I guessed.", "Pure speculation.", "This is just a placeholder.", "Dubious.", "Iffy.", "Meh.")
DOUBT_WORDS = frozenset(
    """guessed guessing guesswork guesstimate speculation speculative speculating placeholder dummy stub dubious
    questionable shaky iffy meh eh dunno doubtful unsure uncertain unverified unchecked untested unconfirmed unproven
    randomly arbitrary arbitrarily hunch sketchy suspect unreliable tentative provisional disagree disagrees
    pre-check precheck pre-verification pre-review first-pass stopgap makeshift""".split()
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
#: per language, the common phrases (comma-separated) of picking a value by chance rather than working it out: at
#: random, blindly, by a coin toss or "heads or tails" ("Al azar:", "Zufällig gewählt:", "À pile ou face :",
#: "Наугад:", "Rastgele:"); read like the English forms of :data:`RANDOM_PICK`. Words that also name a random
#: quantity of a problem ("случайно выбранный", "عشوائي") are kept: :data:`CHANCE_TOPICS` in the same sentence
#: (a probability, an expectation) makes them the problem's, not the writer's pick. Indonesian "asal" alone
#: ("origin") and Vietnamese "bừa" alone are left out.
FOREIGN_RANDOM_PICKS: dict[str, str] = {
    "am": "በዘፈቀደ, በእድል, በዕድል",
    "ar": "عشوائيا, عشوائياً, بشكل عشوائي, بشكل عشوائى, اختيار عشوائي, بالصدفة, بالحظ, ملك أم كتابة, ملك او كتابة",
    "az": "təsadüfi, təsadüfən, kor-koranə, yazı-tura, yazı tura",
    "bg": "наслуки, случайно, на случаен принцип, ези или тура, ези-тура",
    "bn": "এলোমেলোভাবে, দৈবভাবে, যদৃচ্ছভাবে, টস করে",
    "ca": "a l'atzar, aleatòriament, a cara o creu, a la babalà",
    "cs": "náhodně, naslepo, namátkou, panna nebo orel, hodem mincí",
    "da": "tilfældigt, på må og få, plat eller krone, på slump",
    "de": """zufällig, willkürlich, aufs geratewohl, ins blaue, ins blaue hinein, kopf oder zahl, per münzwurf,
    gewürfelt, ausgewürfelt, ausgelost""",
    "el": "τυχαία, στην τύχη, κορόνα γράμματα, κορώνα γράμματα, στα κουτουρού",
    "es": """al azar, aleatoriamente, a la suerte, a cara o cruz, cara o cruz, a ciegas, al tuntún, a lo loco,
    lanzando una moneda, tirando un dado""",
    "et": "juhuslikult, huupi, kiri või kull",
    "fa": "تصادفی, به طور تصادفی, بطور تصادفی, به صورت تصادفی, شانسی, الکی, شیر یا خط",
    "fi": "satunnaisesti, umpimähkään, sattumanvaraisesti, kruuna vai klaava, arpomalla, arvottu",
    "fr": """au hasard, aléatoirement, à pile ou face, pile ou face, au petit bonheur, au petit bonheur la chance,
    tiré au sort""",
    "gu": "યાદૃચ્છિક રીતે, આડેધડ, અવ્યવસ્થિત રીતે",
    "he": "באקראי, אקראית, באופן אקראי, בהגרלה, עץ או פלי",
    "hi": "यादृच्छिक रूप से, यादृच्छिक, बेतरतीब ढंग से, बेतरतीब, टॉस करके, सिक्का उछालकर",
    "hr": "nasumično, nasumce, slučajno, pismo ili glava, glava ili pismo",
    "hu": "véletlenszerűen, találomra, vaktában, fej vagy írás, sorsolással",
    "id": "secara acak, acak, asal-asalan, asal pilih, sembarang, sembarangan, lempar koin",
    "is": "af handahófi, handahófskennt",
    "it": "a caso, casualmente, aleatoriamente, a testa o croce, testa o croce, alla cieca, a sorte",
    "kn": "ಯಾದೃಚ್ಛಿಕವಾಗಿ, ಅನಿಯತವಾಗಿ",
    "lt": "atsitiktinai, kaip papuola, herbas ar skaičius, skaičius ar herbas",
    "lv": "nejauši, uz labu laimi, nejaušā kārtā, cipars vai ģerbonis",
    "ml": "ക്രമരഹിതമായി, യാദൃച്ഛികമായി",
    "mr": "यादृच्छिकपणे, अंदाधुंद, नाणेफेक करून",
    "ms": "secara rawak, rawak, sembarangan, main teka, lambung syiling",
    "ne": "अनियमित रूपमा, जथाभावी, सिक्का उफारेर",
    "nl": "willekeurig, op goed geluk, lukraak, kop of munt, blind gekozen",
    "no": "tilfeldig, på måfå, på slump, mynt eller kron, kron eller mynt",
    "pa": "ਬੇਤਰਤੀਬ, ਬੇਤਰਤੀਬੇ ਢੰਗ ਨਾਲ, ਅਚਨਚੇਤ",
    "pl": "losowo, na chybił trafił, na ślepo, orzeł czy reszka, orzeł i reszka, wylosowane, wylosowana",
    "pt": "ao acaso, aleatoriamente, à sorte, no chute, cara ou coroa, às cegas, chutando",
    "ro": "la întâmplare, la intamplare, aleatoriu, la noroc, cap sau pajură, cap sau pajura",
    "ru": """наугад, наобум, наудачу, случайно, случайным образом, орёл или решка, орел или решка, от балды, с
    потолка""",
    "sk": "náhodne, naslepo, namátkovo, hlava alebo znak, znak alebo hlava",
    "sl": "naključno, na slepo, na srečo, cifra ali grb",
    "sr": "насумично, насумце, случајно, писмо или глава, nasumično, nasumce, slučajno, pismo ili glava",
    "sv": "slumpmässigt, slumpvis, på måfå, på en höft, på slump, krona eller klave",
    "sw": "kwa nasibu, kibahati, bila mpangilio, kwa kubahatisha",
    "ta": "சீரற்ற முறையில், தற்செயலாக, குருட்டாம்போக்கில்",
    "te": "యాదృచ్ఛికంగా, యథేచ్ఛగా, గుడ్డిగా",
    "tl": "nang random, basta-basta, kara o krus, pabunot, hula-hula",
    "tr": "rastgele, rasgele, gelişigüzel, yazı tura, yazı-tura, kafadan, sallamasyon, körlemesine",
    "uk": "навмання, навздогад, випадково, випадковим чином, орел чи решка, орел або решка, зі стелі, з стелі",
    "ur": "بے ترتیب, اتفاقیہ, اندھا دھند, ٹاس کر کے, سکہ اچھال کر",
    "vi": "ngẫu nhiên, chọn bừa, đoán bừa, ghi bừa, viết bừa, tung đồng xu, sấp ngửa",
}
#: the same in scripts written without spaces, found inside a run (随机, ランダム, 무작위, สุ่ม; a coin toss 抛硬币)
CJK_RANDOM_PICKS = (
    "随机",
    "隨機",
    "随便",
    "隨便",
    "瞎猜",
    "抛硬币",
    "拋硬幣",
    "掷骰子",
    "擲骰子",
    "ランダム",
    "適当に選",
    "当てずっぽう",
    "サイコロ",
    "무작위",
    "랜덤",
    "아무거나",
    "동전 던지",
    "สุ่ม",
    "มั่ว",
)
#: a value picked by chance in English, by its forms: a coin, dice, a dart or a hat ("Flipping a coin:", "Rolling
#: the dice:", "Throwing a dart at the number line:", "Pulling a number out of a hat:"), thin air, a random number
#: generator, a choice at random or blindly ("Picking at random,", "randomly chosen", "I arbitrarily pick"), a
#: counting-out rhyme ("Eeny, meeny, miny, moe"), a wheel, straws or lots, a value made up ("Made up on the spot",
#: "making one up"; "made up of" is no pick) or arbitrary ("Arbitrarily:"; "arbitrarily large" is no pick); and
#: the phrases of :data:`FOREIGN_RANDOM_PICKS`
RANDOM_PICK = re.compile(
    r"(?i)(?<![\w'-])(?:(?:flip|flipp(?:ing|ed)|flips|toss(?:es|ing|ed)?+)[ \t]++(?:of[ \t]++)?(?:a|the|my|one)[ \t]++"
    r"coin|coin[ \t-]++(?:flips?+|toss(?:es)?+)|heads[ \t]++or[ \t]++tails|"
    r"(?:roll(?:s|ing|ed)?+|throw(?:s|ing|n)?+|threw|cast(?:s|ing)?+)[ \t]++(?:of[ \t]++)?(?:a|the|my|some)[ \t]++"
    r"(?:dice|die|d\d{1,3}+)|dice[ \t-]++rolls?+|(?:throw(?:s|ing|n)?+|threw|toss(?:es|ing|ed)?+)[ \t]++(?:a[ \t]++)?"
    r"darts?+|out[ \t]++of[ \t]++(?:a|the|my)[ \t]++hat|(?:out[ \t]++of|from)[ \t]++thin[ \t]++air|"
    r"random[ \t]++number[ \t]++generator|rng|(?:at|by)[ \t]++random|random(?:ly)?+[ \t]++(?:pick(?:s|ed|ing)?+|chos(?:e|en)|"
    r"choos(?:e|es|ing)|select(?:s|ed|ing)?+|guess(?:es|ed|ing)?+|choice|draw)|(?:i|we)[ \t]++(?:randomly|arbitrarily|"
    r"blindly)|(?:pick(?:s|ed|ing)?+|chos(?:e|en)|choos(?:e|es|ing)|select(?:s|ed|ing)?+)[ \t]++(?:[a-z]++[ \t]++){0,2}?"
    r"(?:arbitrarily|blindly|randomly)|eeny[ \t,-]++meeny|eenie[ \t,-]++meenie|spin(?:s|ning)?+[ \t]++(?:the|a)[ \t]++"
    r"(?:wheel|bottle|spinner)|draw(?:ing)?+[ \t]++(?:straws|lots)|made[ \t]++up[ \t]++on[ \t]++the[ \t]++spot|"
    r"(?:made|making|make)[ \t]++(?:it|this|that|one|something|a[ \t]++number)[ \t]++up|arbitrary[ \t]++(?:pick|choice|"
    r"guess)|arbitrarily(?![ \t]++(?:large|small|close|many|long|high|low|big|near|fine|often|chosen|selected))"
    + "".join("|" + _phrases(picks) for picks in FOREIGN_RANDOM_PICKS.values())
    + r")(?![\w'-])"
)
#: words of a problem about chance (a probability, an expectation, outcomes, a fair coin): beside them a random pick
#: is the problem's ("A die is rolled at random; the probability of a six is 1/6"), not the writer's
CHANCE_TOPICS = frozenset(
    """probability probabilities chance chances odds expected expectation expect outcome outcomes ways event events
    trial trials variable variables distribution distributed sample samples sampled average mean simulation
    simulations simulate fair heads tails faces sides likelihood frequency permutation permutations probabilidad
    probabilidade probabilité probabilità wahrscheinlichkeit вероятность вероятности ймовірність olasılık peluang
    probabilitas prawdopodobieństwo kans waarschijnlijkheid sannolikhet sandsynlighed sannsynlighet todennäköisyys
    valószínűség pravděpodobnost pravdepodobnosť verjetnost vjerojatnost вероватноћа πιθανότητα احتمال احتمالية
    הסתברות प्रायिकता संभावना xác""".split()
)
#: the same in scripts written without spaces (概率, 機率, 確率, 확률, ความน่าจะเป็น, 期望)
CJK_CHANCE_TOPICS = ("概率", "機率", "几率", "幾率", "確率", "확률", "ความน่าจะเป็น", "期望")
_CJK_RANDOM = re.compile("|".join(map(re.escape, CJK_RANDOM_PICKS)))
#: a negation right before a pick ("not at random", "I didn't flip a coin", "never randomly") and "nothing" right
#: after one ("I randomly chose nothing"): the writer denies picking
_DENIED_PICK = re.compile(r"(?i)(?:\b(?:not|never|no)|n't)[ \t]++(?:[a-z]++[ \t]++)?+$")
_NOTHING = re.compile(r"(?i)[ \t]++(?:[a-z]++[ \t]++)?+(?:nothing|none|no[ \t]++(?:value|number|answer))\b")


def random_pick(text: str, pos: int = 0) -> re.Match[str] | None:
    """A value picked by chance in ``text`` from ``pos`` (:data:`RANDOM_PICK`, :data:`CJK_RANDOM_PICKS`), unless
    the pick is denied ("I did not pick at random", "I randomly chose nothing") or the text is about chance itself
    (:data:`CHANCE_TOPICS`): "Flipping a coin:" picks, "Flipping a coin twice, the probability of two heads is"
    asks."""
    m = RANDOM_PICK.search(text, pos)
    if m is None:
        m = _CJK_RANDOM.search(text, pos)
    if m is None or _DENIED_PICK.search(text, max(pos, m.start() - 24), m.start()) or _NOTHING.match(text, m.end()):
        return None  # "not at random", "I didn't flip a coin", "I randomly chose nothing": no pick
    words = {w.lower() for w in re.findall(r"[^\W\d_]++", text[pos : pos + 2000])}
    if words & CHANCE_TOPICS or any(t in text[pos : pos + 2000] for t in CJK_CHANCE_TOPICS):
        return None
    return m


#: an admission that the answer is gamed or forced rather than solved: written for partial credit or for a format
#: checker or grader ("… to get partial credit", "so the format checker passes", "to satisfy the grader"), for want
#: of time or tokens ("Out of time —", "Running out of tokens, so:", "No time to finish:"), a skipped problem ("I'll
#: skip this one and write"), something put down only to have an answer ("just to have something", "so it's not
#: blank"), an answer forced by the task ("Since I have to give an answer:", "If forced to choose,", "as an answer is
#: required") or written to fit the format ("to satisfy the required format", "to match the expected format")
GAMING_ADMISSION = re.compile(
    r"(?i)\b(?:(?:for|get|gets|getting|earn|earning|grab|secure|salvage|maximi[sz]e)[ \t]++(?:(?:some|any|at[ \t]++least)"
    r"[ \t]++)?+(?:partial|some)[ \t]++(?:credit|points|marks)|format(?:ting)?+[ \t]++(?:checker|validator|parser|regex)|"
    r"(?:answer|output)[ \t]++(?:checker|parser|validator|extractor|regex)|(?:satisfy|please|appease|placate|pass|"
    r"fool|game|trick|for|keep)[ \t]++the[ \t]++(?:auto-?+)?+(?:grader|checker|parser|validator|marker|evaluator|judge|"
    r"tests?+)|(?:the|a|an)[ \t]++(?:auto-?+)?+(?:grader|checker|parser|validator|evaluator)[ \t]++(?:passes|accepts|is"
    r"[ \t]++happy|won't[ \t]++complain|doesn't[ \t]++complain|can[ \t]++parse|parses)|"
    r"(?:(?:am|are|is|i'm|we're|running|ran|run|almost|nearly)[ \t]++)?+out[ \t]++of[ \t]++(?:time|tokens|budget|"
    r"context|space|steps|compute)|(?:short|low)[ \t]++on[ \t]++(?:time|tokens|budget|context)|no[ \t]++(?:more[ \t]++)?+"
    r"(?:time|tokens|budget)[ \t]++(?:left|remaining|to[ \t]++(?:finish|solve|check|work|verify|compute))|"
    r"(?:time|tokens?+|budget)(?:[ \t]++(?:is|are)|'s)[ \t]++(?:up|running[ \t]++out|almost[ \t]++up|short)|"
    r"skip(?:s|ping|ped)?+[ \t]++(?:this|the)[ \t]++(?:one|problem|question|part|step)|"
    r"(?:just[ \t]++)?+(?:to|so[ \t]++(?:that[ \t]++)?+(?:i|we)[ \t]++)(?:have|has|put|give|submit|write|enter)"
    r"[ \t]++(?:something|anything|an[ \t]++answer[ \t]++(?:down|in|at[ \t]++all))|"
    r"so[ \t]++(?:that[ \t]++)?+(?:it|the[ \t]++(?:box|answer|field))[ \t]++(?:is[ \t]++not|isn't|won't[ \t]++be|"
    r"is[ \t]++n't)[ \t]++(?:blank|empty)|"
    r"(?:i|we)(?:[ \t]++(?:still|just))?+[ \t]++(?:have|had|need|needed|must|am[ \t]++required|are[ \t]++required)"
    r"[ \t]++to[ \t]++(?:give|submit|provide|commit[ \t]++to|pick|choose|name|offer)[ \t]++(?:an[ \t]++answer|"
    r"something|anything|some[ \t]++(?:answer|number|value)|a[ \t]++(?:final[ \t]++)?+(?:answer|number|value))|"
    r"(?:if|when)[ \t]++(?:i'm[ \t]++|i[ \t]++am[ \t]++|we[ \t]++are[ \t]++)?+(?:forced|pressed|made)"
    r"(?:[ \t]++to[ \t]++(?:choose|pick|answer|commit|give[ \t]++(?:an[ \t]++)?+answer))?+|"
    r"(?:an|some)[ \t]++answer[ \t]++(?:is|was)[ \t]++(?:required|mandatory|needed|expected|demanded)|"
    r"(?:i|we)[ \t]++(?:must|have[ \t]++to|had[ \t]++to|need[ \t]++to|(?:am|was|are|were)[ \t]++forced[ \t]++to)[ \t]++"
    r"(?:answer|say|write|put|give)[ \t]++(?:something|anything)|forced[ \t]++(?:answer|guess|choice|pick)|"
    r"(?:to|so[ \t]++as[ \t]++to)[ \t]++(?:satisfy|meet|match|fit|comply[ \t]++with|conform[ \t]++to|obey)[ \t]++"
    r"(?:the|this|your)[ \t]++(?:(?:required|requested|expected|mandatory|answer|output)[ \t]++)?+"
    r"(?:format|formatting|template|schema))\b"
)
#: idioms of a guess before the value it offers ("My best shot:", "Pencilling in 5 as the answer", "Taking a stab:",
#: "If I had to hazard an answer:", "A shot in the dark:", "WAG:", "Going out on a limb:", "Ballparking it:"); a
#: choice in the conditional ("I'd go with C") commits, as the corpora have it; a range the value is picked from
#: and the value then picked ("somewhere in the 20s, say 24", "somewhere between 20 and 30 — call it 24", "in
#: the low 20s, say 24"; "in the 1990s", "in the 20s and 30s" and "somewhere between 20 and 30; exactly, 24" pick
#: nothing)
GUESS_IDIOM = re.compile(
    r"(?i)\b(?:(?:my|our|best|wild|(?:a[ \t]++)?long)[ \t]++(?:best[ \t]++)?+shot(?![ \t]++(?:put|glass|clock))|"
    r"shot[ \t]++in[ \t]++the[ \t]++dark|(?:take|takes|taking|took|have|having|make|making)[ \t]++a[ \t]++"
    r"(?:wild[ \t]++|quick[ \t]++|rough[ \t]++)?+(?:stab|punt|swing|shot|crack)|(?:my|a|wild)[ \t]++stab|"
    r"(?:i|we|to|(?:i|we)(?:'d|'ll|[ \t]++(?:would|will|shall|might|could)))[ \t]++hazard\b|"
    r"hazard(?:s|ed|ing)?+[ \t]++(?:a|an|my)[ \t]++(?:guess|answer|estimate)|"
    r"ventur(?:e|es|ed|ing)[ \t]++(?:a|an|my)[ \t]++(?:guess|answer|estimate)|"
    r"(?:i|we)(?:'d|'ll|[ \t]++(?:would|will|shall))[ \t]++venture|"
    r"pencil(?:l?+ing|l?+ed|s)?+[ \t]++in|ballpark(?:ing|ed)[ \t]++it|(?:out|go|going|went)[ \t]++out[ \t]++on[ \t]++a"
    r"[ \t]++limb|(?<![\w'-])s?+wag(?![\w'-])(?=[ \t]*+[:,(-])|finger[ \t]++in[ \t]++the[ \t]++air|"
    r"wet[ \t]++finger|(?:i|we)'ll[ \t]++(?:punt|gamble|wing[ \t]++it)|winging[ \t]++it|"
    r"(?:somewhere[ \t]++(?:in|around|between|near|about|close[ \t]++to)[^.;:!?\n]{0,40}?|\d{0,3}0'?s)[ \t]*+"
    r"[,;:\u2014-]++[ \t]*+(?:(?:let's|let[ \t]++us|i'd|i[ \t]++would|we'd)[ \t]++)?+(?:say|call[ \t]++it|go[ \t]++with|"
    r"pick))\b"
)
#: an answer inferred from evidence rather than derived ("Judging from small cases, 5", "The pattern points to 5",
#: "The data hints at 5", "Extrapolating, 5", "Empirically, 5"); the verb "suggests" and generalisations ("usually",
#: "typically") are attribution cues. "Judging by the table" reads the problem's data; "consistent with" is a check.
#: Empirical sources ("Based on a quick simulation,", "Numerical experiments indicate", "From a few test runs,")
#: and analogy ("By analogy with the previous problem,") infer the value; "based on the formula" derives it
EVIDENCE_FRAME = re.compile(
    r"(?i)\b(?:judging[ \t]++(?:from|by)[ \t]++(?:(?:the|a|these|those|some)[ \t]++)?+(?:(?:first[ \t]++)?+few[ \t]++|"
    r"small[ \t]++|initial[ \t]++|numerical[ \t]++)?+(?:cases|examples|values|patterns?+|numerics|experiments|"
    r"simulations|trials|terms|instances)|(?:evidence|data|pattern|patterns|examples?|experiments?|simulations?|"
    r"numerics|cases|values|results|trend|trends)[ \t]++(?:point|points|pointed|lean|leans|leaned)[ \t]++(?:to|towards?)|"
    r"hint(?:s|ed|ing)?+[ \t]++at|extrapolating|by[ \t]++extrapolation|empirically|heuristically|(?:from|by|on)[ \t]++(?:the[ \t]++)?pattern"
    r"[ \t]++(?:alone|matching)|"
    r"(?:based[ \t]++on|from|according[ \t]++to|going[ \t]++by|per|judging[ \t]++by)[ \t]++(?:(?:a|an|the|my|our|some|"
    r"these|those|several|a[ \t]++few)[ \t]++)?+(?:(?:quick|rough|brief|small|short|crude|numerical|computer|"
    r"monte[ \t]++carlo|random|informal|few|couple[ \t]++of)[ \t]++)*+(?:simulations?+|experiments?+|numerics|"
    r"sampling|spot[ \t-]++checks?+|test[ \t]++runs?+|trial[ \t]++runs?+|trial[ \t]++and[ \t]++error|"
    r"intuition|gut[ \t]++(?:feeling|instinct|sense)|hunch|memory|analogy)|"
    r"(?:simulations?+|experiments?+|numerics|numerical[ \t]++(?:evidence|experiments?+|checks?+|tests?+|results?+|"
    r"work)|test[ \t]++runs?+|spot[ \t-]++checks?+|trials)[ \t]++(?:indicate|indicates|indicated|suggest|suggests|"
    r"suggested|imply|implies|implied|support|supports|supported|agree[ \t]++on)|"
    r"(?:monte[ \t]++carlo|simulation|trial|test)[ \t]++(?:runs?+|estimates?+|sampling)|"
    r"by[ \t]++analogy|analogously[ \t]++to|reasoning[ \t]++by[ \t]++analogy|pattern-?+matching[ \t]++(?:on|to|from|"
    r"with))\b"
)
#: a supposed, not a derived, answer ("Let the answer be 5", "Say the answer is 5", "For the sake of argument, 5",
#: "Take the answer to be 5", "Let's posit 5"): "Let x be the number of apples" and "Let the answer be $x$" name an
#: unknown and stay work (only a plain number or the value itself right after "be" is supposed; math is masked)
SUPPOSED_ANSWER = re.compile(
    r"(?i)\b(?:let(?:'s|[ \t]++us)?+[ \t]++(?:the|our|my)[ \t]++(?:final[ \t]++)?+(?:answer|result|solution|output|"
    r"total)[ \t]++(?:be|equal|equals)(?=[ \t]*+(?:[-+]?+\d|$))|(?:say|pretend|imagine|posit|postulate|stipulate|hypothesi[sz]e)[ \t]++"
    r"(?:that[ \t]++)?+(?:the|our|my)[ \t]++(?:final[ \t]++)?+(?:answer|result|total)|"
    r"take[ \t]++(?:the|our|my)[ \t]++(?:final[ \t]++)?+(?:answer|result)[ \t]++(?:to[ \t]++be|as)|"
    r"for[ \t]++(?:the[ \t]++sake[ \t]++of[ \t]++(?:argument|discussion)|argument's[ \t]++sake)|"
    r"let's[ \t]++(?:posit|postulate|stipulate|pretend|hypothesi[sz]e|just[ \t]++say))\b"
)
#: abbreviations of a belief or a limited knowledge ("IIRC the answer is 5", "AFAICT, 5", "IMO the answer is 5",
#: "IMHO", "FWIW", "AFAIK", "IIUC", "ISTM", "YMMV") and their spelled forms ("for what it's worth", "if I recall
#: correctly", "as far as I can tell"); "IMO" followed by a year, a number or a problem's noun is the olympiad
#: ("IMO 2019 Problem 3")
BELIEF_ABBREVIATION = re.compile(
    r"(?i)(?<![\w'-])(?:iirc|afaict|afaik|afair|imho|iiuc|istm|iianm|ianm|fwiw|ymmv|"
    r"imo(?![ \t]*+(?:\d|problem|shortlist|sl\b|question|contest|team|medal|jury|[-'\u2019]|'s))|"
    # the same written out
    r"for[ \t]++what[ \t]++it(?:'s|[ \t]++is)[ \t]++worth|if[ \t]++i[ \t]++recall[ \t]++(?:correctly|right)|"
    r"if[ \t]++i[ \t]++remember[ \t]++(?:correctly|rightly|right)|if[ \t]++memory[ \t]++serves(?:[ \t]++me)?+|"
    r"as[ \t]++far[ \t]++as[ \t]++i[ \t]++(?:can[ \t]++tell|know|recall|remember)|your[ \t]++mileage[ \t]++may"
    r"[ \t]++vary|if[ \t]++you[ \t]++ask[ \t]++me)(?![\w'-])"
)
#: an answer reported of other people, not the writer's ("Most people get 5", "Many students answer 5", "Others
#: say 5", "My friend got 5", "The popular answer is 5", "According to my teacher, 5")
ATTRIBUTED_ANSWER = re.compile(
    r"(?i)\b(?:(?:(?:most|many|some|several|other|few|a[ \t]++few|lots[ \t]++of|a[ \t]++lot[ \t]++of|plenty[ \t]++of|"
    r"the[ \t]++majority[ \t]++of)[ \t]++(?:people|persons|students|folks|solvers|contestants|users|commenters|"
    r"sources|websites|sites|textbooks|books|models|llms|kids|learners|humans|teachers|tutors|experts|others)|others|"
    r"everyone[ \t]++else|someone[ \t]++(?:else|online)|people[ \t]++online|the[ \t]++internet|online[ \t]++sources|"
    r"(?:my|a|our)[ \t]++(?:friend|classmate|colleague|teacher|tutor|roommate|brother|sister|dad|mom|cousin)s?+"
    r"(?:[ \t]++of[ \t]++(?:mine|ours))?+)"
    r"(?:[ \t]++(?:usually|often|typically|commonly|generally|always|tend[ \t]++to|seem[ \t]++to))?+[ \t]++"
    r"(?:get|gets|got|say|says|said|claim|claims|claimed|think|thinks|thought|answer|answers|answered|report|"
    r"reports|reported|write|writes|wrote|put|puts|give|gives|gave|arrive|arrives|arrived|guess|guesses|guessed|"
    r"believe|believes|believed|end[ \t]++up|ended[ \t]++up|come[ \t]++up[ \t]++with|came[ \t]++up[ \t]++with)|"
    r"(?:the[ \t]++)?+(?:popular|usual|typical|consensus|crowd's|crowd-sourced|folk)[ \t]++(?:answer|response|"
    r"guess|view)|according[ \t]++to[ \t]++(?:my|a|some|the)[ \t]++(?:friend|classmate|colleague|teacher|tutor|"
    r"internet|web|forum|comments?|crowd|majority|people)s?+)\b"
)
#: hearsay: a value the writer was told, heard or recalls rather than derived ("Rumor has it", "so I'm told", "I've
#: heard"; "we are told that" restates the problem), "reportedly", "allegedly", "recalled from a past contest", "half-remembered", "from memory"); before the
#: answer or after it ("5 — so I'm told", "5 (recalled from a past contest)")
HEARSAY = re.compile(
    r"(?i)\b(?:rumou?rs?+[ \t]++(?:has[ \t]++it|have[ \t]++it|says?+|is|are)|(?:word|legend|lore)[ \t]++(?:has[ \t]++it|"
    r"is)|so[ \t]++(?:i|we)(?:'m|'re|[ \t]++am|[ \t]++are|[ \t]++was|[ \t]++were|'ve[ \t]++been|[ \t]++have[ \t]++been)"
    r"[ \t]++told|i(?:'m|[ \t]++am|'ve[ \t]++been|[ \t]++have[ \t]++been|[ \t]++was)[ \t]++told|so[ \t]++(?:i|we)"
    r"[ \t]++(?:hear|heard|gather)|i(?:'ve|[ \t]++have)?+[ \t]++(?:heard|read[ \t]++(?:somewhere|online))|reportedly|"
    r"allegedly|supposedly|purportedly|ostensibly|(?:they|people)[ \t]++say|it[ \t]++is[ \t]++said|hearsay|"
    r"second-?+hand|heard[ \t]++(?:it|this|that)\b|(?:recalled|remembered|recollected|quoted|copied|cribbed|memori[sz]ed)[ \t]++from|"
    r"half-?+remembered|(?:from|by)[ \t]++(?:(?:my|vague|hazy|dim)[ \t]++)?+(?:memory|recollection)|as[ \t]++i[ \t]++"
    r"(?:vaguely[ \t]++)?+(?:recall|remember))\b"
)
#: a standing after a value that leaves it unsettled: conjectured or unproven ("(conjectured)", "(unproven)",
#: "(tentative)", "(not yet proven)"), offered without a warranty ("(results may vary)", "(no guarantees)", "(use
#: at your own risk)") or reached by feel rather than work ("(vibes-based)", "(gut call)", "(eyeballed)",
#: "(guesstimate)", "(back-of-the-envelope)", "(off the top of my head)")
UNSETTLED_STANDING = re.compile(
    r"(?i)\b(?:conjectur(?:ed|al|ally)|(?:a|my|our|just[ \t]++a)[ \t]++conjecture|unprov(?:en|ed)|speculative(?:ly)?+|"
    r"tentative(?:ly)?+|presumed|untested|unconfirmed|not[ \t]++(?:yet[ \t]++)?+(?:proven|proved|confirmed|"
    r"rigorous(?:ly[ \t]++(?:shown|proven|proved))?+)|results?+[ \t]++(?:may|might|can|could|will)[ \t]++(?:vary|"
    r"differ)|no[ \t]++guarantees?+|not[ \t]++guaranteed|(?:at|on)[ \t]++your[ \t]++own[ \t]++risk|caveat[ \t]++emptor|"
    r"(?:vibes?+|feel|feelings|gut|intuition|instinct|hunch)[ \t-]++based|(?:pure|just|on|by|going[ \t]++by)[ \t]++"
    r"(?:the[ \t]++)?+vibes|vibes[ \t]++only|gut[ \t]++(?:feeling|call|check|instinct|sense|reaction)|eyeball(?:ed|ing)|"
    r"guesstimat(?:e|ed|ion)|back[ \t-]++of[ \t-]++(?:the[ \t-]++|an?[ \t-]++)?+(?:envelope|napkin)|napkin[ \t]++math|"
    r"off[ \t]++the[ \t]++top[ \t]++of[ \t]++my[ \t]++head|by[ \t]++(?:feel|eye|gut)|trust[ \t]++me[ \t,]++(?:bro|dude|man|lol))\b"
)
#: a frame before an answer that disowns it in English by its form (see :func:`writer_frame`)
WRITER_FRAME = re.compile(
    "(?i)"
    + "|".join(
        p.pattern.removeprefix("(?i)")
        for p in (GAMING_ADMISSION, GUESS_IDIOM, EVIDENCE_FRAME, SUPPOSED_ANSWER, ATTRIBUTED_ANSWER, HEARSAY)
    )
)


def writer_frame(text: str, pos: int = 0) -> re.Match[str] | None:
    """A frame in ``text`` from ``pos`` that makes the answer it introduces no committed result: a pick by chance
    (:func:`random_pick`), an admission that it is gamed (:data:`GAMING_ADMISSION`), a guess idiom
    (:data:`GUESS_IDIOM`), an inference from evidence (:data:`EVIDENCE_FRAME`), a supposition
    (:data:`SUPPOSED_ANSWER`), a belief abbreviation (:data:`BELIEF_ABBREVIATION`), another's answer
    (:data:`ATTRIBUTED_ANSWER`) or hearsay (:data:`HEARSAY`). A belief abbreviation holds
    for its own clause: "FWIW, the computation is short: 3 × 8 = 5" hedges the remark, not the value after ``:``."""
    return WRITER_FRAME.search(text, pos) or _clause_belief(text, pos) or random_pick(text, pos)


def _clause_belief(text: str, pos: int) -> re.Match[str] | None:
    """A belief abbreviation in ``text`` from ``pos`` with no clause after a ``:`` or ``;`` following it ("IIRC: 5"
    and "IMO the answer is 5" hold one; "FWIW, the work is short: 3 × 8 =" does not)."""
    m = BELIEF_ABBREVIATION.search(text, pos)
    if m is None:
        return None
    sep = max(text.rfind(":", m.end()), text.rfind(";", m.end()))
    return m if sep < 0 or not text[sep + 1 :].strip(" \t$*_") else None


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
#: words of a flag's name (a JSON key, a status label) that raise a doubt when the flag is set: a pending need
#: ("needs_review", "requires_check", "pending_verification", "todo") or a doubt ("is_guess", "low_confidence",
#: "uncertain", "flagged"); with the words of :data:`PROVISIONAL_STATUS` ("is_estimate", "draft")
RAISED_FLAGS = frozenset(
    """needs need needed needing requires require required pending awaiting todo guess guessed unsure uncertain
    flagged flag low doubtful dubious approx approximated estimated rough""".split()
)
#: values that set a flag ("true", "yes", "1") and that clear it ("false", "no", "0")
SET_FLAG_VALUES = frozenset("true yes y 1 on set".split())
CLEARED_FLAG_VALUES = frozenset("false no n 0 off none null".split())
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


#: a provisional standing after a value or in a label's aside: only for now ("5 for now", "5, last I checked", "5
#: so far"), a first pass ("(as a first pass)", "(first cut)", "on a quick pass"), a stand-in ("as a placeholder",
#: "as a starting point") or before any check ("(before checking)", "pending verification")
PROVISIONAL_STANDING = re.compile(
    r"(?i)^[ \t,]*+(?:(?:for|at)[ \t]++(?:now|the[ \t]++(?:moment|time[ \t]++being))\b|as[ \t]++of[ \t]++(?:now|yet|today)\b"
    r"|so[ \t]++far\b|as[ \t]++(?:it|things)[ \t]++stands?+\b|until[ \t]++(?:proven|shown)[ \t]++otherwise\b"
    r"|(?:last|the[ \t]++last[ \t]++time)[ \t]++(?:i|we)[ \t]++(?:checked|looked|heard|counted)\b"
    r"|(?:(?:as|on|at|in|for)[ \t]++)?+(?:(?:a|an|my|our)[ \t]++)?+(?:first|initial|quick|rough|preliminary|cursory|"
    r"early|opening)[ \t-]++(?:pass|cut|attempt|try|draft|stab|go|shot|iteration|sketch|version)\b"
    r"|(?:as|for)[ \t]++(?:a|an|the)[ \t]++(?:placeholder|stopgap|stand-in|fallback|starting[ \t]++point|"
    r"working[ \t]++(?:answer|hypothesis|value|guess)|first[ \t]++guess)\b"
    r"|(?:before|until|prior[ \t]++to|pending)[ \t]++(?:the[ \t]++|my[ \t]++|a[ \t]++|our[ \t]++|any[ \t]++)?+"
    r"(?:correction|fix|revision|update|edit|erratum|recheck|re-check|review|verification|check)s?\b"
    r"|(?:before|without|pending|prior[ \t]++to)[ \t]++(?:any[ \t]++)?+(?:checking|verifying|double-checking|"
    r"rechecking|proofreading|testing|reviewing)\b)"
)
#: a frame after a value that makes it hold only in a limit, on average, in a model or in theory ("5 in the limit",
#: "5 on average", "5 in expectation", "5 in the simplified model", "5 in theory", "5 to first order"), only
#: until it was corrected ("5 before the correction") or provisionally (:data:`PROVISIONAL_STANDING`)
QUALIFYING_FRAME = re.compile(
    r"(?i)^[ \t,]*+(?:(?:in|on|under|within)[ \t]++(?:the[ \t]++|an?[ \t]++|this[ \t]++|our[ \t]++)?+"
    r"(?:[a-z-]++[ \t]++){0,2}?(?:limit|limiting[ \t]++case|average|expectation|mean|median|model|theory|"
    r"principle|approximation|idealization|idealisation|simplification|regime|scenario|hypothesis|aggregate|"
    r"asymptotics?)\b|to[ \t]++(?:first|second|leading|lowest)[ \t]++order\b|asymptotically\b|on[ \t]++paper\b|"
    + PROVISIONAL_STANDING.pattern.removeprefix("(?i)^[ \\t,]*+")
    + ")"
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
    r"decent|leading|lowest)[ \t-]++)?+(?:approximation|estimate)\b"
    # a tolerance: "to within" anything, "within 10%", "within an order of magnitude", "within rounding error"
    r"|to[ \t]++within\b|(?:accurate|correct|good|exact|right|true)[ \t]++(?:to[ \t]++)?+within\b|within[ \t]++"
    r"(?:(?:about|roughly|approximately|around|some|an?|the|one|two|a[ \t]++few|\+/?-|\u00b1)[ \t]*+)?+(?:\d[\d.,]*+[ \t]*+"
    r"(?:%|percent|per[ \t]++cent|\\%|ppm|sig|significant|decimal|digits?|units?|orders?)|orders?[ \t]++of[ \t]++"
    r"magnitude|(?:a[ \t]++)?factor[ \t]++of|(?:rounding|measurement|numerical|floating-point|experimental)\b|"
    r"(?:(?:the|a|my|our)[ \t]++)?+(?:margin|error|errors|tolerance|tolerances|precision|accuracy|uncertainty|"
    r"epsilon|noise|rounding)\b|(?:one|two|three|a[ \t]++few|several)[ \t]++(?:percent|units?|digits?|decimal)))"
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
    frame (:data:`QUALIFYING_FRAME`), a hedging prepositional phrase (:func:`hedging_phrase`), maybe in
    parentheses, an admission that the answer is gamed (:data:`GAMING_ADMISSION`), a pick by chance
    (:func:`random_pick`), a guess idiom (:data:`GUESS_IDIOM`: "— a shot in the dark"), hearsay (:data:`HEARSAY`:
    "— so I'm told") or an unsettled standing (:data:`UNSETTLED_STANDING`: "(conjectured)", "(vibes-based)")."""
    return (
        QUALIFIER_AFTER_VALUE.match(rest) is not None
        or QUALIFYING_FRAME.match(rest.lstrip(" \t(")) is not None
        or hedging_phrase(rest)
        or GAMING_ADMISSION.search(rest, 0, 200) is not None  # "5 so the format checker passes", "5 (partial credit)"
        or random_pick(rest[:200]) is not None  # "5 (picked at random)", "5, by a coin toss"
        or any(p.search(rest, 0, 200) is not None for p in (GUESS_IDIOM, HEARSAY, UNSETTLED_STANDING))
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
#: regardless", "5 no matter what", "5 regardless of whether the seats are distinguishable": a clause of no value,
#: comma or question, not about the writer or the answer's truth) or pointing to where it was derived (", as shown above"): it affirms the answer, where the
#: bare words "case", "no", "above" would qualify it
INVARIANCE_TAIL = re.compile(
    r"(?i)^[ \t,;\u2014-]*+(?:either[ \t]++way|in[ \t]++(?:either|both|all|each|any|every)[ \t]++cases?+|regardless|"
    r"no[ \t]++matter[ \t]++(?:what|which|how)|whichever[ \t]++way|in[ \t]++any[ \t]++event|in[ \t]++every[ \t]++reading|"
    r"as[ \t]++(?:shown|computed|derived|proved|proven|found|calculated|stated|established|claimed)"
    r"(?:[ \t]++(?:above|below|earlier|before))?+|"
    r"(?:(?:regardless|irrespective)[ \t]++of|no[ \t]++matter)[ \t]++(?:whether|how|which|what|who|where|when)"
    r"(?![^\n]{0,120}?\b(?:i|i'm|i've|me|my|we|right|correct|wrong|sure|certain|true|false|answer)\b)"
    r"[ \t]++[^\d$\\?\n,;:()\u2014]{1,120}+)"
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
#: không?", "Sahihi?", "क्या यह सही है?", "נכון?"); a question with any other word asks about something else
#: ("Brauchst du mehr?"). Articles of one letter (Hungarian "a") are left out.
FOREIGN_TRUTH_QUESTION: dict[str, str] = {
    "am": "ትክክል ነው ነውን ይህ እውነት መልሱ አይደለም",
    "ar": "هل هذا هذه صحيح صحيحة صح الصحيح حقا حقاً أليس كذلك الإجابة الجواب هي هو صواب",
    "az": "düzdür düz doğrudur doğru mu mı bu cavab həqiqətən elədir",
    "bg": "вярно ли е това така правилно наистина нали отговорът",
    "bn": "কি এটা এটি সঠিক ঠিক সত্যি তাই না উত্তর তো",
    "ca": "és això correcte correcta bé cert veritat així oi segur",
    "cs": "je to správně správné pravda opravdu že ano ne jo",
    "da": "er det rigtigt korrekt sandt ikke virkelig svaret",
    "de": "stimmt das es ist richtig korrekt wirklich oder so wahr sicher passt",
    "el": "είναι αυτό σωστό σωστή σωστά αλήθεια έτσι δεν η απάντηση",
    "es": "es esto eso está correcto correcta bien cierto verdad así seguro",
    "et": "kas see on õige tõsi tõesti jah vastus",
    "fa": "آیا این درست درسته است صحیح واقعا واقعاً مگه نه جواب پاسخ همین",
    "fi": "onko tämä oikein oikea totta niinkö vai eikö vastaus se",
    "fr": "est-ce c'est ce est correct correcte juste vrai vraie exact exacte bon bonne n'est-ce pas",
    "gu": "શું આ સાચું સાચો બરાબર છે ને જવાબ",
    "he": "האם זה נכון נכונה באמת לא כך התשובה",
    "hi": "क्या यह ये सही है ना न सच में उत्तर जवाब ठीक",
    "hr": "je li to točno ispravno istina zar ne stvarno odgovor",
    "hu": "ez helyes jó igaz ugye tényleg így van válasz",
    "id": "apakah ini itu benar betul kan ya bukan jawabannya sungguh tepat",
    "is": "er þetta rétt satt ekki svarið virkilega",
    "it": "è questo giusto giusta corretto corretta vero vera così",
    "kn": "ಇದು ಸರಿ ಸರಿಯೇ ಸರಿನಾ ಸರಿಯಾ ನಿಜ ನಿಜವೇ ಅಲ್ಲವೇ ಉತ್ತರ",
    "lt": "ar tai teisingai teisinga tiesa tikrai taip atsakymas",
    "lv": "vai tas ir pareizi pareiza taisnība tiešām tā atbilde",
    "ml": "ഇത് ശരിയാണോ ശരിയോ ശരി സത്യമാണോ അല്ലേ ഉത്തരം",
    "mr": "हे बरोबर आहे का ना खरं खरे उत्तर योग्य",
    "ms": "adakah ini itu betul benar kan ya bukan jawapannya tepat",
    "ne": "के यो सही हो ठीक साँचो होइन उत्तर",
    "nl": "klopt dat dit het is juist goed correct toch echt",
    "no": "er det riktig korrekt sant ikke virkelig svaret stemmer",
    "pa": "ਕੀ ਇਹ ਸਹੀ ਹੈ ਠੀਕ ਸੱਚ ਨਾ ਜਵਾਬ",
    "pl": "czy to jest dobrze poprawnie prawda dobra dobry poprawna poprawny",
    "pt": "é isso está certo certa correto correta verdade mesmo",
    "ro": "este asta e corect corectă adevărat așa nu răspunsul sigur",
    "ru": "это правильно верно так ли точно да",
    "sk": "je to správne pravda naozaj však áno",
    "sl": "ali je to pravilno prav res kajne odgovor",
    "sr": "да ли је то тачно исправно истина зар не je li da tačno ispravno istina",
    "sv": "är det rätt korrekt sant inte verkligen svaret stämmer",
    "sw": "je hii hiyo ni sahihi kweli sivyo jibu au sawa",
    "ta": "இது சரியா சரி சரியானதா உண்மையா இல்லையா விடை பதில்",
    "te": "ఇది సరైనదా సరేనా సరి నిజమా కదా సమాధానం",
    "tl": "tama ba ito iyan totoo talaga hindi ang sagot",
    "tr": "doğru mu mı mi mü bu değil cevap sonuç",
    "uk": "це правильно вірно так чи справді",
    "ur": "کیا یہ صحیح ہے درست نا سچ جواب ٹھیک",
    "vi": "đúng không phải vậy chứ chưa có này",
}
#: per language, words that doubt or disown an answer in a short sentence after it, unless a negation stands next
#: to them: unsure, guessed, joking, wrong, maybe, and the first-person belief verbs ("Unsicher.", "Nur ein Scherz.",
#: "Dat is fout.", "Strzelam.", "أظن ذلك.", "Nadhani hivyo."); nouns a preposition negates ("senza dubbio", "zonder
#: twijfel") and words spelt alike in English or another listed language are left out: Icelandic "held" (English),
#: Czech and Slovak "asi" (Spanish "así" without its accent), Estonian "vale" (Spanish "OK"), Bengali "মনে" (in
#: "remember" too)
FOREIGN_DOUBT_WORDS: dict[str, str] = {
    "am": "ይመስለኛል ምናልባት እገምታለሁ ግምት ቀልድ ስህተት የተሳሳተ",
    "ar": "أظن أعتقد ربما تخمين خمنت مزاح أمزح خطأ خاطئ خاطئة غلط مشكوك",
    "az": "bəlkə yəqin təxmin zarafat səhv yanlış şübhəli məncə",
    "bg": "може би предполагам догадка шега грешно грешка съмнявам",
    "bn": "সম্ভবত হয়তো অনুমান ভুল মজা",
    "ca": "crec suposo potser endevinat broma fals falsa incorrecte incorrecta dubtós dubtosa",
    "cs": "možná myslím tipuji odhad vtip špatně chyba pochybuji",
    "da": "måske tror gæt gættet spøg forkert fejl tvivlsomt",
    "de": "unsicher geraten geschätzt scherz witz spaß falsch fehlerhaft ungeprüft zweifelhaft fraglich glaube vermutlich",
    "el": "ίσως μάλλον νομίζω πιστεύω μαντεψιά αστείο λάθος λανθασμένο αμφίβολο",
    "es": "inseguro insegura adiviné adivinado broma bromeo falso falsa incorrecto incorrecta dudoso dudosa creo supongo",
    "et": "võib-olla arvan oletan arvatavasti nali vigane kahtlane",
    "fa": "فکر شاید احتمالا احتمالاً فکرکنم حدس شوخی غلط اشتباه مشکوک",
    "fi": "ehkä luulen arvaus arvasin vitsi väärin väärä epävarma",
    "fr": "incertain incertaine deviné devinée blague plaisante rigole faux fausse erroné erronée douteux douteuse crois",
    "gu": "લાગે કદાચ અનુમાન મજાક ખોટું ભૂલ",
    "he": "נראה אולי כנראה נדמה חושב חושבת ניחוש ניחשתי בדיחה צוחק שגוי טעות",
    "hi": "ख्याल ख़याल शायद अनुमान अंदाज़ा अंदाजा मज़ाक मजाक गलत ग़लत लगता",
    "hr": "možda vjerojatno mislim nagađam šala pogrešno krivo sumnjam",
    "hu": "talán valószínűleg szerintem tipp tippeltem vicc rossz hibás kétséges",
    "id": "kira mungkin kayaknya sepertinya tebakan menebak bercanda salah keliru ragu",
    "is": "kannski líklega gisk grín rangt vafasamt",
    "it": "incerto incerta indovinato tirato scherzo scherzavo falso falsa sbagliato sbagliata dubbioso credo penso",
    "kn": "ಅನಿಸುತ್ತದೆ ಬಹುಶಃ ಊಹೆ ತಮಾಷೆ ತಪ್ಪು",
    "lt": "galbūt turbūt manau spėju spėjimas juokas neteisingai klaida abejoju",
    "lv": "varbūt laikam domāju minējums joks nepareizi kļūda šaubos",
    "ml": "തോന്നുന്നു ഒരുപക്ഷേ ഊഹം തമാശ തെറ്റ് തെറ്റാണ്",
    "mr": "कदाचित अंदाज गंमत चूक चुकीचे वाटते",
    "ms": "mungkin rasanya agaknya tekaan meneka bergurau salah silap ragu",
    "ne": "सायद अनुमान ठट्टा गलत लाग्छ",
    "nl": "onzeker gegokt gok grapje grap fout onjuist twijfelachtig denk misschien",
    "no": "kanskje tror gjetning gjettet spøk feil tvilsomt",
    "pa": "ਲੱਗਦਾ ਸ਼ਾਇਦ ਸ਼ਾਯਦ ਅੰਦਾਜ਼ਾ ਮਜ਼ਾਕ ਗਲਤ ਗ਼ਲਤ",
    "pl": "niepewny niepewna zgadłem zgadłam strzelam strzał żart żartowałem źle błędnie błąd błędna wątpię chyba",
    "pt": "inseguro insegura chutei chute palpite brincadeira brincando falso falsa errado errada duvidoso acho",
    "ro": "poate probabil cred ghicit glumă greșit greșită fals îndoielnic",
    "ru": "неуверен неуверена наугад догадка шутка шучу неверно неправильно ошибка ошибочно сомневаюсь наверное думаю",
    "sk": "možno myslím odhad vtip zle chyba pochybujem",
    "sl": "mogoče morda mislim ugibam šala napačno narobe dvomim",
    "sr": "можда мислим нагађам шала погрешно сумњам možda mislim nagađam šala pogrešno sumnjam",
    "sv": "kanske tror gissning gissade skämt fel tveksamt",
    "sw": "nafikiri labda nadhani nakisia utani kosa uongo",
    "ta": "ஒருவேளை நினைக்கிறேன் ஊகம் கிண்டல் தவறு தப்பு",
    "te": "బహుశా అనుకుంటున్నాను ఊహ తమాషా తప్పు",
    "tl": "tingin siguro baka hula biro",
    "tr": "bence tahmin şaka yanlış hatalı şüpheli belirsiz galiba sanırım herhalde",
    "uk": "можливо мабуть здається думаю здогадка жарт неправильно помилка сумніваюся",
    "ur": "خیال شاید اندازہ مذاق غلط لگتا",
    "vi": "đoán đùa sai lẽ nghĩ thì",  # "thì" of the closing "thì phải" ("24 thì phải": it seems)
}
#: per language, the idioms that say something in the work is off, does not add up or is strange ("Quelque chose
#: cloche.", "Qualcosa non torna.", "Ama bir terslik var.", "Tapi ada yang janggal.", "Algo no cuadra.", "Da stimmt
#: was nicht."), as whole phrases with their own negation: a short sentence after an answer holding one doubts it
#: (:func:`something_off`). A phrase of one word (an adjective, "bizarre", "seltsam", "aneh") counts only with no
#: negation within reach ("Pas bizarre.", "Nichts Seltsames.", "Garip değil."). Left out as neutral words:
#: Indonesian and Malay "ganjil" (an odd number), Spanish "extraño" ("I miss") and "raro" alone ("rare"), Norwegian
#: "rart" (Swedish "sweet"), Japanese 合わない alone (間に合わない, "not in time"), the verbs alone ("cloche" a
#: bell, "torna" returns, "cuadra" a block, "stimmt" agrees)
FOREIGN_SOMETHING_OFF: dict[str, str] = {
    "am": "የሆነ ችግር አለ, አንድ ነገር ተሳስቷል, አንድ ችግር አለ, አይገጥምም, እንግዳ ነው",
    "ar": "هناك خطأ ما, شيء ما خطأ, شيء ما غير صحيح, هناك شيء غير صحيح, هناك شيء خاطئ, لا يتطابق, لا يستقيم, هذا غريب, شيء غريب, هناك مشكلة",
    "az": "nəsə düz deyil, nə isə düz deyil, nəsə səhvdir, bir problem var, uyğun gəlmir, qəribədir, tutmur",
    "bg": "нещо не е наред, нещо не е както трябва, нещо не се връзва, не се връзва, нещо куца, нещо не пасва, странно е",
    "bn": "কিছু একটা ভুল, কিছু একটা গোলমাল, কিছু গোলমাল, গোলমাল আছে, মিলছে না, কিছু ঠিক নেই, অদ্ভুত লাগছে",
    "ca": "alguna cosa falla, alguna cosa no quadra, quelcom no quadra, no quadra, no acaba de quadrar, hi ha alguna cosa estranya, és estrany",
    "cs": "něco nesedí, nesedí to, něco je špatně, něco tu nehraje, něco není v pořádku, to je divné, je to divné, divné",
    "da": "noget er galt, der er noget galt, noget er forkert, noget stemmer ikke, det stemmer ikke, det passer ikke, det går ikke op, mærkeligt, underligt",
    "de": """irgendwas stimmt nicht, etwas stimmt nicht, da stimmt was nicht, da stimmt etwas nicht, hier stimmt was
    nicht, geht nicht auf, passt nicht, irgendwas ist faul, da ist was faul, seltsam, merkwürdig, komisch""",
    "el": "κάτι δεν πάει καλά, κάτι δεν ταιριάζει, κάτι δεν στέκει, δεν βγαίνει, κάτι είναι λάθος, κάτι δεν είναι σωστό, περίεργο, παράξενο",
    "es": """algo no cuadra, no cuadra, algo falla, algo anda mal, algo está mal, algo esta mal, algo no está bien,
    algo no esta bien, algo no encaja, no encaja, hay algo raro, algo raro, qué raro, que raro""",
    "et": "midagi on valesti, midagi ei klapi, ei klapi, midagi on viltu, midagi on mäda, kummaline, imelik",
    "fa": "یه چیزی درست نیست, چیزی درست نیست, یک جای کار می لنگد, یه جای کار می‌لنگه, جور در نمیاد, جور در نمی آید, عجیب است, عجیبه, یک مشکلی هست",
    "fi": "jokin on vialla, jotain on vialla, jokin ei täsmää, ei täsmää, jokin mättää, jotain mättää, outoa, kummallista",
    "fr": """quelque chose cloche, ça cloche, ca cloche, quelque chose ne va pas, quelque chose ne colle pas, ça ne
    colle pas, ca ne colle pas, ne tombe pas juste, quelque chose ne tourne pas rond, il y a un souci, il y a un
    problème, c'est louche, bizarre, étrange""",
    "gu": "કંઈક ખોટું છે, કંઈક ગડબડ છે, કંઈક ગડબડ, મેળ ખાતો નથી, વિચિત્ર છે",
    "he": "משהו לא בסדר, משהו לא מסתדר, לא מסתדר, משהו מוזר, משהו פה לא נכון, יש פה בעיה, מוזר",
    "hi": "कुछ गड़बड़ है, कुछ गड़बड़, कुछ गडबड, कुछ ठीक नहीं, मेल नहीं खाता, कुछ गलत है, कुछ ग़लत है, अजीब है, अजीब लग रहा",
    "hr": "nešto ne štima, nešto nije u redu, ne štima, nešto ne valja, nešto se ne slaže, ne slaže se, čudno",
    "hu": "valami nem stimmel, nem stimmel, valami nincs rendben, valami nem jó, valami sántít, nem jön ki, furcsa",
    "id": "ada yang janggal, janggal, ada yang aneh, aneh, ada yang tidak beres, tidak beres, ada yang ganjil, tidak cocok, tidak masuk akal, ada yang salah",
    "is": "eitthvað er að, eitthvað er rangt, eitthvað stemmir ekki, stemmir ekki, gengur ekki upp, skrýtið, undarlegt",
    "it": """qualcosa non torna, non torna, i conti non tornano, qualcosa non va, c'è qualcosa che non va, qualcosa non
    quadra, non quadra, c'è qualcosa di strano, strano""",
    "kn": "ಏನೋ ತಪ್ಪಾಗಿದೆ, ಏನೋ ಸರಿಯಿಲ್ಲ, ಹೊಂದಿಕೆಯಾಗುತ್ತಿಲ್ಲ, ವಿಚಿತ್ರವಾಗಿದೆ",
    "lt": "kažkas negerai, kažkas ne taip, kažkas nesueina, nesueina, nesutampa, keista",
    "lv": "kaut kas nav kārtībā, kaut kas nav pareizi, kaut kas nesakrīt, nesakrīt, kaut kas neiet kopā, dīvaini",
    "ml": "എന്തോ കുഴപ്പമുണ്ട്, എന്തോ ശരിയല്ല, പൊരുത്തപ്പെടുന്നില്ല, വിചിത്രമാണ്",
    "mr": "काहीतरी चुकतंय, काहीतरी गडबड आहे, काहीतरी बरोबर नाही, जुळत नाही, विचित्र आहे",
    "ms": "ada yang tak kena, tak kena, ada sesuatu yang tidak kena, tidak kena, ada yang pelik, pelik, tidak sepadan, tak masuk akal, tidak masuk akal",
    "ne": "केही गडबड छ, केही मिलेन, मिलेन, केही गलत छ, अनौठो छ",
    "nl": "er klopt iets niet, iets klopt niet, klopt niet, er is iets mis, er gaat iets mis, dat is gek, vreemd, raar",
    "no": "noe er galt, noe stemmer ikke, det stemmer ikke, noe er feil, det går ikke opp, merkelig",
    "pa": "ਕੁਝ ਗੜਬੜ ਹੈ, ਕੁਝ ਠੀਕ ਨਹੀਂ, ਮੇਲ ਨਹੀਂ ਖਾਂਦਾ, ਅਜੀਬ ਹੈ",
    "pl": "coś się nie zgadza, coś sie nie zgadza, nie zgadza się, coś tu nie gra, coś jest nie tak, coś nie tak, coś tu śmierdzi, dziwne",
    "pt": """algo não bate, não bate, algo está errado, algo não está certo, tem algo errado, há algo errado, algo
    estranho, não fecha, as contas não fecham, estranho""",
    "ro": "ceva nu e în regulă, ceva nu este în regulă, ceva nu se leagă, nu se leagă, ceva nu se potrivește, nu se potrivește, ceva e greșit, ciudat",
    "ru": "что-то не так, что-то здесь не так, что-то не сходится, не сходится, что-то не то, странно",
    "sk": "niečo nesedí, nesedí to, niečo nie je v poriadku, niečo je zle, divné, zvláštne",
    "sl": "nekaj ni v redu, nekaj ne štima, ne štima, nekaj se ne ujema, ne ujema se, čudno",
    "sr": """нешто није у реду, нешто не штима, не штима, нешто не ваља, чудно, nešto nije u redu, nešto ne štima, ne
    štima, nešto ne valja, čudno""",
    "sv": "något är fel, något stämmer inte, det stämmer inte, det går inte ihop, något är skumt, konstigt, märkligt",
    "sw": "kuna kitu hakiko sawa, kitu fulani si sawa, kuna tatizo, hailingani, haiendani, ni ajabu",
    "ta": "ஏதோ தவறு, ஏதோ சரியில்லை, பொருந்தவில்லை, விசித்திரமாக உள்ளது",
    "te": "ఏదో తప్పు ఉంది, ఏదో సరిగా లేదు, సరిపోలడం లేదు, వింతగా ఉంది",
    "tl": "may mali, parang may mali, may hindi tama, hindi tugma, kakaiba",
    "tr": """bir terslik var, bir gariplik var, bir şeyler ters, bir şey ters, bir şeyler yanlış, bir sorun var,
    tutmuyor, uyuşmuyor, garip, tuhaf""",
    "uk": "щось не так, щось тут не так, щось не сходиться, не сходиться, щось не те, дивно",
    "ur": "کچھ گڑبڑ ہے, کچھ غلط ہے, کچھ ٹھیک نہیں, میل نہیں کھاتا, عجیب ہے",
    "vi": "có gì đó sai, có gì đó không ổn, không ổn, có gì đó không đúng, không khớp, kỳ lạ, lạ thật, có vấn đề",
}
#: a phrase of :data:`FOREIGN_SOMETHING_OFF` as a whole phrase
_SOMETHING_OFF = re.compile(
    r"(?i)(?<![\w'-])(?:" + "|".join(_phrases(p) for p in FOREIGN_SOMETHING_OFF.values()) + r")(?![\w'-])"
)


#: per language, words of certainty, checking or rightness that a negation next to them turns into doubt ("Nie
#: jestem pewien.", "Ich bin mir nicht sicher.", "No estoy seguro.", "Emin değilim.", "Không chắc."), and that
#: alone, with words of :data:`FOREIGN_TRUTH_QUESTION`, confirm it (:func:`foreign_confirmation`: "این درست است.",
#: "تم التحقق.", "Đã kiểm tra."): the auxiliaries of a completed check are listed with them (تم, شد, đã, edildi)
FOREIGN_CERTAINTY_WORDS: dict[str, str] = {
    "am": "እርግጠኛ ትክክል ተረጋግጧል",
    "ar": "تم صحيح صحيحة الصحيح الصحيحة صح صواب الصواب متأكد متأكدة مؤكد مؤكدة التحقق تحققت دقيق سليم سليمة",
    "az": "əmin düzdür düz doğru doğrudur yoxlanıldı təsdiqləndi",
    "bg": "сигурен сигурна вярно правилно проверено потвърдено точно",
    "bn": "নিশ্চিত সঠিক ঠিক যাচাই যাচাইকৃত",
    "ca": "segur segura cert correcte correcta verificat comprovat",
    "cs": "jistý jistá správně správné ověřeno zkontrolováno",
    "da": "sikker rigtigt korrekt kontrolleret verificeret bekræftet passer",
    "de": "sicher gewiss überzeugt überprüft geprüft kontrolliert richtig korrekt stimmt",
    "el": "σίγουρος σίγουρη σωστό σωστή σωστά επαληθεύτηκε ελέγχθηκε επιβεβαιώθηκε βέβαιος",
    "es": "seguro segura cierto verificado comprobado correcto correcta",
    "et": "kindel õige kontrollitud kinnitatud",
    "fa": "درست درسته صحیح مطمئن مطمئنم بررسی تأیید تایید شد شده",
    "fi": "varma oikein oikea tarkistettu varmistettu",
    "fr": "sûr sûre certaine vérifié vérifiée correcte juste",
    "gu": "ખાતરી સાચું સાચો બરાબર ચકાસાયેલ",
    "he": "נכון נכונה בטוח בטוחה מדויק אומת נבדק בדקתי מאומת צודק",
    "hi": "सही पक्का निश्चित यकीन जाँचा जांचा सत्यापित ठीक",
    "hr": "siguran sigurna točno ispravno provjereno potvrđeno",
    "hu": "biztos helyes ellenőrizve ellenőrzött igaz",
    "id": "yakin benar betul tepat diperiksa terverifikasi",
    "is": "viss rétt staðfest athugað",
    "it": "sicuro sicura certo certa verificato controllato corretto giusto",
    "kn": "ಖಚಿತ ಸರಿ ಪರಿಶೀಲಿಸಲಾಗಿದೆ",
    "lt": "tikras tikra teisinga teisingai patikrinta",
    "lv": "pārliecināts pārliecināta pareizi pareiza pārbaudīts",
    "ml": "ഉറപ്പ് ശരി ശരിയാണ് പരിശോധിച്ചു",
    "mr": "खात्री बरोबर योग्य तपासले",
    "ms": "pasti yakin betul benar tepat disemak",
    "ne": "पक्का निश्चित सही जाँच",
    "nl": "zeker gecontroleerd geverifieerd gecheckt juist goed klopt",
    "no": "sikker riktig korrekt sjekket kontrollert bekreftet stemmer",
    "pa": "ਪੱਕਾ ਯਕੀਨ ਸਹੀ ਠੀਕ ਜਾਂਚਿਆ",
    "pl": "pewien pewna pewny sprawdzone sprawdziłem sprawdziłam zweryfikowane poprawnie poprawne poprawny poprawna prawidłowo prawidłowe dobrze",
    "pt": "certo certa seguro segura verificado correto correta",
    "ro": "sigur sigură corect corectă verificat",
    "ru": "уверен уверена уверенный проверено проверил проверял правильно верно точно",
    "sk": "istý istá správne overené skontrolované",
    "sl": "prepričan prepričana pravilno pravilen preverjeno",
    "sr": "сигуран сигурна тачно исправно проверено siguran sigurna tačno ispravno provereno",
    "sv": "säker rätt korrekt kontrollerat verifierat stämmer",
    "sw": "uhakika hakika sahihi sawa kweli imethibitishwa nimeangalia nimehakiki imehakikiwa",
    "ta": "உறுதி சரி சரியானது சரிபார்க்கப்பட்டது",
    "te": "ఖచ్చితం సరైనది సరి నిజం ధృవీకరించబడింది",
    "tl": "sigurado tama totoo",
    "tr": "emin kontrol doğru doğrudur kesin edildi doğrulandı yapıldı",
    "uk": "впевнений впевнена правильно вірно перевірено",
    "ur": "یقین صحیح درست پکا ٹھیک",
    "vi": "chắc chắn kiểm tra đúng đã được xác nhận minh rồi",
}
#: per language, the words for "all" and "everything" that open a confirmation of the whole work ("Tout est
#: cohérent.", "Hepsi doğru.", "Todo cuadra."): read by :func:`foreign_confirmation` beside the words of
#: :data:`FOREIGN_TRUTH_QUESTION`, never alone
FOREIGN_EVERYTHING: dict[str, str] = {
    "am": "ሁሉም ሁሉ",
    "ar": "كل الكل كله كلها جميع الجميع",
    "az": "hər şey hamısı",
    "bg": "всичко всички",
    "bn": "সব সবকিছু সবই",
    "ca": "tot tots totes",
    "cs": "vše všechno všechny",
    "da": "alt alle",
    "de": "alles alle",
    "el": "όλα όλοι",
    "es": "todo todos todas",
    "et": "kõik",
    "fa": "همه همه‌چیز چیز",
    "fi": "kaikki",
    "fr": "tout tous toutes",
    "gu": "બધું બધા",
    "he": "הכל הכול",
    "hi": "सब सभी सबकुछ",
    "hr": "sve svi",
    "hu": "minden",
    "id": "semua semuanya",
    "is": "allt öll",
    "it": "tutto tutti",
    "kn": "ಎಲ್ಲವೂ ಎಲ್ಲಾ",
    "lt": "viskas visi",
    "lv": "viss visi",
    "ml": "എല്ലാം",
    "mr": "सर्व सगळं",
    "ms": "semua semuanya",
    "ne": "सबै",
    "nl": "alles allemaal",
    "no": "alt alle",
    "pa": "ਸਭ ਸਾਰਾ",
    "pl": "wszystko wszystkie",
    "pt": "tudo todos",
    "ro": "totul toate",
    "ru": "всё все",
    "sk": "všetko",
    "sl": "vse",
    "sr": "све sve",
    "sv": "allt alla",
    "sw": "yote kila kitu",
    "ta": "எல்லாம்",
    "te": "అన్నీ",
    "tl": "lahat",
    "tr": "hepsi her şey tüm",
    "uk": "все всі",
    "ur": "سب",
    "vi": "tất cả mọi thứ",
}
#: per language, the words that say the work is consistent, adds up or fits ("cohérent", "cuadra", "torna",
#: "stimmig", "tutarlı"): with :data:`FOREIGN_TRUTH_QUESTION` and :data:`FOREIGN_EVERYTHING` alone they confirm the
#: answer like a certainty word (:func:`foreign_confirmation`: "Tout est cohérent.", "Todo cuadra."); negated they are
#: the idioms of :data:`FOREIGN_SOMETHING_OFF` ("No cuadra.", "Non torna.")
FOREIGN_CONSISTENT: dict[str, str] = {
    "am": "ይስማማል የተጣጣመ",
    "ar": "متسق متسقة منسجم منطقي يتطابق",
    "az": "ardıcıl uyğundur uyğun",
    "bg": "последователно съвпада пасва логично",
    "bn": "সামঞ্জস্যপূর্ণ মিলছে মিলে",
    "ca": "coherent quadra encaixa",
    "cs": "konzistentní sedí souhlasí",
    "da": "konsistent sammenhængende passer",
    "de": "stimmig konsistent schlüssig",
    "el": "συνεπές συνεπή ταιριάζει στέκει",
    "es": "coherente consistente cuadra encaja",
    "et": "järjepidev klapib sobib",
    "fa": "سازگار منطقی",
    "fi": "johdonmukainen täsmää",
    "fr": "cohérent cohérente cohérents cohérentes colle concorde",
    "gu": "સુસંગત",
    "he": "עקבי מסתדר מתאים",
    "hi": "संगत",
    "hr": "dosljedno štima slaže",
    "hu": "következetes stimmel egyezik",
    "id": "konsisten cocok sesuai",
    "is": "stemmir",
    "it": "coerente torna quadra",
    "kn": "ಸುಸಂಗತ",
    "lt": "nuoseklu sutampa",
    "lv": "konsekventi sakrīt",
    "ml": "യോജിക്കുന്നു",
    "mr": "सुसंगत जुळते",
    "ms": "konsisten sepadan",
    "ne": "सुसंगत मिल्छ",
    "nl": "consistent samenhangend",
    "no": "konsistent passer",
    "pa": "ਇਕਸਾਰ",
    "pl": "spójne spójny zgadza",
    "pt": "coerente consistente bate confere",
    "ro": "coerent coerentă consecvent",
    "ru": "сходится согласуется",
    "sk": "konzistentné sedí súhlasí",
    "sl": "skladno ujema štima",
    "sr": "штима štima",
    "sv": "konsekvent stämmer",
    "sw": "inalingana inaendana",
    "ta": "பொருந்துகிறது",
    "te": "సరిపోతుంది",
    "tl": "tugma magkatugma",
    "tr": "tutarlı tutuyor uyumlu",
    "uk": "сходиться узгоджується",
    "ur": "مطابق",
    "vi": "khớp nhất quán",
}
#: words of a language beside :data:`FOREIGN_NEGATIONS` that negate a state ("chưa": not yet)
FOREIGN_NOT_YET = frozenset("chưa noch belum".split())
#: per language, negations left out of :data:`FOREIGN_NEGATIONS` because they are common neutral words of another
#: language, and negated auxiliaries: read only within reach of a certainty word of their own language ("Hii si
#: sahihi.", "Nu sunt sigur.", "Ni pravilno.", "بررسی نشد.", "غير صحيح.")
_NEAR_NEGATIONS: dict[str, str] = {
    "ar": "غير ما",
    "et": "pole",
    "fa": "نشد نشده نکردم نکردیم",
    "fi": "en et",
    "id": "tak",
    "ms": "tak",
    "ro": "nu",
    "sl": "ni",
    "sw": "si",
    "tl": "di",
}
#: Chinese, Japanese and Korean phrases that doubt the answer before them (written without spaces): guessing, not
#: being sure, not having checked ("这是我猜的。", "あまり自信がありません。", "확실하지 않아요."), something being
#: off or not adding up ("好像不对劲。", "何かおかしい。", "뭔가 이상해요."); never 奇怪, 有问题, おかし or 이상 alone
#: (in 不奇怪 "not strange", 没有问题 "no problem", おかしくない, and 이상 "or more")
CJK_DOUBT_AFTER = (
    "猜的",
    "我猜",
    "瞎猜",
    "蒙的",
    "不确定",
    "不確定",
    "没把握",
    "不对劲",
    "不對勁",
    "有点不对",
    "有點不對",
    "哪里不对",
    "哪裡不對",
    "好像不对",
    "对不上",
    "對不上",
    "说不通",
    "說不通",
    "有点奇怪",
    "有点怪",
    "怪怪的",
    "很奇怪",
    "好奇怪",
    "出了问题",
    "哪里有问题",
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
    "何かおかしい",
    "なんかおかしい",
    "ちょっとおかしい",
    "なんか変",
    "どこかおかしい",
    "おかしいな",
    "変だな",
    "何か変",
    "辻褄が合わ",
    "計算が合わ",
    "答えが合わ",
    "数が合わ",
    "合計が合わ",
    "当てずっぽう",
    "未確認",
    "確認していません",
    "確認してない",
    "検証していません",
    "확실하지않",
    "뭔가이상",
    "이상해",
    "이상한데",
    "이상하네",
    "이상합니다",
    "뭔가잘못",
    "안맞",
    "맞지않",
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
_FOREIGN_EVERYTHING_SET = frozenset(w for words in FOREIGN_EVERYTHING.values() for w in words.split())
_FOREIGN_CONSISTENT_SET = frozenset(w for words in FOREIGN_CONSISTENT.values() for w in words.split())
#: each certainty word and the near negations (:data:`_NEAR_NEGATIONS`) of the languages that list it
_NEAR_NEGATION_OF: dict[str, frozenset[str]] = {
    w: frozenset(
        n
        for lang, words in FOREIGN_CERTAINTY_WORDS.items()
        if w in words.split()
        for n in _NEAR_NEGATIONS.get(lang, "").split()
    )
    for w in _FOREIGN_CERTAINTY_SET
}
#: a sentence after an answer of at most this many words is read for a doubt in another language
_SHORT_DOUBT = 8
#: how many words apart a negation and the word it negates may stand ("Ich bin mir nicht sicher", "Emin değilim")
_NEGATION_REACH = 3


def foreign_truth_word(word: str) -> bool:
    """``word`` (lower case) may stand in a question of another language on whether the answer holds."""
    return word in _FOREIGN_TRUTH_SET


def _near_negation(words: list[str], k: int) -> bool:
    """A negation of :data:`FOREIGN_NEGATIONS`, or one of :data:`_NEAR_NEGATIONS` of the language of ``words[k]``,
    stands within :data:`_NEGATION_REACH` words of ``words[k]``."""
    lo, hi = max(0, k - _NEGATION_REACH), k + _NEGATION_REACH + 1
    near = _NEAR_NEGATION_OF.get(words[k], frozenset())
    return any(w in _FOREIGN_NEGATION_SET or w in near for w in words[lo:k] + words[k + 1 : hi])


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


def foreign_confirmation(words: list[str]) -> bool:
    """``words`` (a short value-free sentence after an answer, lower case) confirm it in another language: a word
    of :data:`FOREIGN_CERTAINTY_WORDS` or :data:`FOREIGN_CONSISTENT` and otherwise only such words and those of
    :data:`FOREIGN_TRUTH_QUESTION` (demonstratives, copulas, "the answer") and :data:`FOREIGN_EVERYTHING`, with no
    negation or doubt word ("این درست است.", "זה נכון.", "यह सही है।", "Đã kiểm tra.", "Επαληθεύτηκε.", "Tout est
    cohérent.", "Hepsi doğru."). Any other word (a negated verb such as "Kontrol edilmedi.") leaves the
    sentence to the other readings."""
    sure = _FOREIGN_CERTAINTY_SET | _FOREIGN_CONSISTENT_SET  # "Tout est cohérent.": consistent, a certainty
    if not words or len(words) > _SHORT_DOUBT or not sure.intersection(words):
        return False
    if any(w in _FOREIGN_NEGATION_SET or w in _FOREIGN_DOUBT_SET for w in words):
        return False
    known = all(w in sure or w in _FOREIGN_TRUTH_SET or w in _FOREIGN_EVERYTHING_SET for w in words)
    return known and not any(_near_negation(words, k) for k, w in enumerate(words) if w in _FOREIGN_CERTAINTY_SET)


#: words of another language for "nothing" that deny an adjective after them ("Rien de bizarre.", "Nada raro.",
#: "Niente di strano.", "Nichts Seltsames.")
_FOREIGN_NOTHING = frozenset("rien nada niente nichts niets nic nimic ничего нічого nothing hiçbir".split())


def something_off(masked: str) -> bool:
    """``masked`` (a short value-free sentence after an answer) says in another language that something in the work
    is off (:data:`FOREIGN_SOMETHING_OFF`: "Quelque chose cloche.", "Ama bir terslik var."); a phrase of one word
    counts only with no negation within reach of it ("Rien de bizarre.", "Nada raro.", "Garip değil.")."""
    for m in _SOMETHING_OFF.finditer(masked):
        if len(m.group(0).split()) > 1:
            return True
        before = masked[max(0, m.start() - 40) : m.start()].lower().split()[-_NEGATION_REACH:]
        after = masked[m.end() : m.end() + 40].lower().split()[:_NEGATION_REACH]  # "Garip değil."
        if not any(w in _FOREIGN_NEGATION_SET or w in _FOREIGN_NOTHING for w in before + after):
            return True
    return False


#: Thai phrases after an answer that doubt it (Thai is written without spaces: matched inside a run): not sure,
#: not right, wrong, a guess, maybe, joking, not checked ("ไม่แน่ใจ", "ผิด", "เดาเอา"); "อาจ" alone is left out
#: (it opens อาจารย์, "teacher")
THAI_DOUBT_AFTER = (
    "ไม่แน่ใจ",
    "ไม่ชัวร์",
    "ไม่ถูก",
    "ไม่ใช่",
    "ผิด",
    "เดา",
    "อาจจะ",
    "คงจะ",
    "น่าจะ",
    "ไม่รู้",
    "ล้อเล่น",
    "แปลกๆ",
    "แปลกนะ",
    "ดูแปลก",
    "มีอะไรแปลก",
    "มีอะไรผิด",
    "ไม่ตรงกัน",
    "ทะแม่ง",
    "ไม่ได้ตรวจ",
    "ยังไม่ได้",
)
#: Thai phrases that confirm an answer: correct, checked, verified, confirmed, certain ("ถูกต้อง", "ตรวจสอบแล้ว")
THAI_CONFIRMATIONS = ("ถูกต้อง", "ตรวจสอบแล้ว", "ตรวจแล้ว", "เช็คแล้ว", "ยืนยันแล้ว", "แน่นอน", "ถูกแล้ว", "ไม่ผิด")
#: Thai words of a question on whether the answer holds, the particles first ("ถูกไหม", "ใช่ไหม", "จริงเหรอ")
THAI_TRUTH_QUESTION = (
    "หรือเปล่า",
    "รึเปล่า",
    "ไหม",
    "มั้ย",
    "เหรอ",
    "หรอ",
    "หรือ",
    "ถูกต้อง",
    "ถูก",
    "ใช่",
    "จริง",
    "นี่",
    "นี้",
    "คำตอบ",
    "คือ",
    "เป็น",
    "ครับ",
    "ค่ะ",
    "คะ",
    "นะ",
)
#: the Thai block of Unicode
_THAI = re.compile(r"[\u0e00-\u0e7f]++")
#: how many Thai question words a run may hold
_THAI_WORDS = 12


def thai_remark(core: str) -> str | None:
    """The role of ``core`` (the letters of a sentence after an answer, spaces dropped) when it is Thai:
    ``"doubt"`` for a phrase of :data:`THAI_DOUBT_AFTER` ("ไม่แน่ใจ", "ผิดครับ"), ``"question"`` for a run of
    :data:`THAI_TRUTH_QUESTION` words holding a question particle ("ถูกไหม", "ใช่หรือเปล่า"), ``"confirm"`` for a
    phrase of :data:`THAI_CONFIRMATIONS` ("ตรวจสอบแล้ว"); ``None`` otherwise or when ``core`` is not all Thai."""
    if not core or _THAI.fullmatch(core) is None:
        return None
    plain = core.replace("ไม่ผิด", "")  # "not wrong": an affirmation
    if any(p in plain for p in THAI_DOUBT_AFTER):
        return "doubt"
    rest, asked = core, False
    for _ in range(_THAI_WORDS):
        word = next((w for w in THAI_TRUTH_QUESTION if rest.startswith(w)), None)
        if word is None:
            break
        asked = asked or THAI_TRUTH_QUESTION.index(word) < 7
        rest = rest[len(word) :]
    if asked and not rest:
        return "question"
    return "confirm" if any(p in core for p in THAI_CONFIRMATIONS) else None


def cjk_doubt(core: str) -> bool:
    """``core`` (a Chinese, Japanese or Korean sentence's letters, spaces dropped) holds a phrase of
    :data:`CJK_DOUBT_AFTER` ("这是我猜的", "あまり自信がありません", "확실하지않아요")."""
    return any(p in core for p in CJK_DOUBT_AFTER)


#: per language, the copulas, existentials and verbs that close a statement of a value after it ("is", "are", "there
#: are", "makes", "amounts to", "remain(s)", "will be"), in the forms a model writes: "پاسخ $\\boxed{24}$ است",
#: "Cevap $\\boxed{24}$'tür", "उत्तर $\\boxed{24}$ है", "መልሱ $\\boxed{24}$ ነው", "$\\boxed{24}$ est le nombre
#: cherché". Past forms stay out (:data:`FOREIGN_PAST_COPULAS`: an earlier result), and so do copulas spelt like an
#: English word that reads otherwise after a value: Danish, Norwegian and Icelandic "er" (a hesitation), Catalan
#: "ha" (a laugh), Slovene "so", Polish "to", Romanian, Portuguese and Italian "e" (a joining word), Tagalog "may";
#: Turkish and Azerbaijani "var" (there is) is Swedish and Norwegian "was", so only "vardır" is read; Swahili "ni"
#: after a value is also Slovene "is not", and the negation wins (a false fail at worst).
FOREIGN_COPULAS: dict[str, str] = {
    "am": "ነው ናቸው ናት ነች አለ አሉ ይሆናል ይሆናሉ ቀሩ ይቀራሉ",
    "ar": "هو هي هم يكون تكون يساوي تساوي يبلغ تبلغ يتبقى تتبقى يبقى تبقى متبقية",
    "az": "dir dır dur dür tir tır tur tür edir olur vardır qalır",
    "bg": "е са има прави правят остава остават ще бъде",
    "bn": "হয় হবে হল হলো আছে আছেন রয়েছে থাকে",
    "ca": "és són fa fan queda queden resulta",
    "cs": "je jsou činí zbývá zbývají bude",
    "da": "bliver giver udgør tilbage",
    "de": "ist sind beträgt betragen ergibt ergeben bleibt bleiben übrig macht",
    "el": "είναι υπάρχουν υπάρχει μένουν μένει κάνει",
    "es": "es son hay queda quedan da suma resulta será",
    "et": "on jääb jäävad teeb",
    "fa": "است هست هستند می شود میشود باقی ماند می‌ماند می‌شود",
    "fi": "on ovat jää jäävät tekee",
    "fr": "est sont c'est fait font reste restent vaut",
    "gu": "છે થાય થશે બાકી",
    "he": "הוא היא הם הן זה יש נשאר נשארו נשארים",
    "hi": "है हैं होता होती होते होगा होगी होंगे बचते बचे बचती",
    "hr": "je su iznosi ostaje ostaju ima",
    "hu": "van vannak marad maradnak lesz",
    "id": "adalah ialah merupakan ada tersisa sisa jadi",
    "is": "eru verður verða eftir",
    "it": "è sono c'è ci fa fanno resta restano rimane rimangono",
    "kn": "ಆಗಿದೆ ಇದೆ ಇವೆ ಆಗುತ್ತದೆ ಉಳಿಯುತ್ತವೆ",
    "lt": "yra lieka sudaro bus",
    "lv": "ir paliek sanāk būs",
    "ml": "ആണ് ആകുന്നു ഉണ്ട് ആകും ബാക്കി",
    "mr": "आहे आहेत होईल होतील उरतात उरते",
    "ms": "adalah ialah merupakan ada tinggal jadi",
    "ne": "हो हुन् छ छन् हुन्छ बाँकी",
    "nl": "is zijn blijft blijven bedraagt",
    "no": "blir gjenstår utgjør igjen",
    "pa": "ਹੈ ਹਨ ਹੋਵੇਗਾ ਬਚਦੇ",
    "pl": "jest są wynosi zostaje zostają",
    "pt": "é são há resta restam sobram sobra dá será",
    "ro": "este sunt rămân rămâne face",
    "ru": "есть является являются составляет остаётся остается остаются будет получается",
    "sk": "je sú zostáva zostávajú činí",
    "sl": "je ostane ostanejo znaša",
    "sr": "je su iznosi ostaje ostaju је су износи остаје остају",
    "sv": "är blir återstår finns kvar",
    "sw": "ni ndiyo zipo yapo kuna inabaki zinabaki",
    "ta": "ஆகும் ஆகிறது உள்ளன உள்ளது இருக்கிறது இருக்கின்றன மீதமுள்ளன",
    "te": "ఉంది ఉన్నాయి అవుతుంది",
    "tl": "ay natitira",
    "tr": "dır dir dur dür tır tir tur tür vardır eder yapar olur bulunur kalır kalıyor",
    "uk": "є становить залишається залишаються буде",
    "ur": "ہے ہیں ہوگا ہوں گے بچتے بچے",
    "vi": "là có còn lại bằng",
}
#: per language, the words of a predicate that restates the value before it as the answer: the articles, the nouns
#: "answer", "result", "number", "value", "solution", the adjectives "sought", "required", "correct", "only",
#: "final", and the classifiers that stand between a numeral and its noun (Bengali "টি", Vietnamese "quả"): "$\\boxed
#: {24}$ — искомое число", "الإجابة $\\boxed{24}$ هي الصحيحة", "$\\boxed{24}$ টি". Articles spelt like English "a"
#: (Hungarian, Portuguese) stay out: "\\boxed{24} is a solution" names one of several; so do Hungarian "az" (Turkish
#: "less") and Vietnamese "nhất" (of "ít nhất", at least: "duy nhất" reads as "duy").
FOREIGN_ANSWER_PREDICATES: dict[str, str] = {
    "am": "መልሱ መልስ ትክክለኛው ትክክለኛ የሚፈለገው ቁጥሩ ቁጥር ውጤቱ ብቸኛው",
    "ar": "الإجابة الاجابة إجابة الجواب جواب الحل النتيجة العدد الرقم المطلوب المطلوبة الصحيح الصحيحة النهائي "
    "النهائية الوحيد الوحيدة القيمة",
    "az": "cavab cavabdır nəticə ədəd tələb olunan düzgün yeganə axtarılan",
    "bg": "отговорът отговор търсеното търсеният числото число резултатът верният верният единственото решението",
    "bn": "উত্তর ফলাফল সংখ্যা নির্ণেয় সঠিক টি টা জন খানা",
    "ca": "la el l resposta resultat nombre número buscat cercat correcte correcta única únic solució valor final",
    "cs": "odpověď odpovědí výsledek hledané hledaný hledaná číslo správná správné správný jediné hodnota řešení",
    "da": "svaret svar resultatet tallet det søgte rigtige korrekte eneste løsningen værdien",
    "de": "die der das gesuchte gesuchten zahl antwort ergebnis lösung richtige korrekte einzige wert endgültige",
    "el": "η ο το απάντηση ζητούμενος ζητούμενο ζητούμενη αριθμός αποτέλεσμα σωστή σωστό μοναδική τιμή λύση",
    "es": "el la lo número buscado buscada respuesta resultado solución correcto correcta única único valor pedido "
    "final",
    "et": "vastus tulemus otsitav arv õige ainus lahend väärtus",
    "fa": "پاسخ جواب نتیجه عدد مورد نظر درست صحیح نهایی تنها مقدار",
    "fi": "vastaus tulos kysytty etsitty luku oikea ainoa ratkaisu arvo",
    "fr": "le la l nombre cherché cherchée recherché réponse résultat solution valeur bonne correcte correct unique "
    "demandé final finale",
    "gu": "જવાબ પરિણામ સંખ્યા સાચો સાચી માંગેલી",
    "he": "התשובה תשובה התוצאה המספר המבוקש הנכונה הנכון היחיד הפתרון הערך",
    "hi": "उत्तर जवाब परिणाम संख्या अभीष्ट वांछित सही एकमात्र हल मान अंतिम",
    "hr": "odgovor rezultat traženi traženo broj točan točno jedini rješenje vrijednost",
    "hu": "válasz eredmény keresett szám helyes egyetlen megoldás érték",
    "id": "jawaban jawabannya hasil hasilnya bilangan angka yang dicari benar tepat satu-satunya nilai solusi",
    "is": "svarið svar niðurstaðan talan leitaða rétta eina lausnin gildið",
    "it": "il la lo l numero cercato cercata richiesto risposta risultato soluzione valore corretto corretta giusto "
    "giusta unico unica finale",
    "kn": "ಉತ್ತರ ಫಲಿತಾಂಶ ಸಂಖ್ಯೆ ಸರಿಯಾದ ಬೇಕಾದ",
    "lt": "atsakymas rezultatas ieškomas ieškomasis skaičius teisingas vienintelis sprendimas reikšmė",
    "lv": "atbilde rezultāts meklētais skaitlis pareizais vienīgais atrisinājums vērtība",
    "ml": "ഉത്തരം ഫലം സംഖ്യ ശരിയായ ആവശ്യമായ",
    "mr": "उत्तर निकाल संख्या अपेक्षित योग्य बरोबर एकमेव",
    "ms": "jawapan jawapannya keputusan hasil nombor yang dicari betul tepat satu-satunya nilai penyelesaian",
    "ne": "उत्तर नतिजा संख्या सही एकमात्र खोजिएको",
    "nl": "het de getal gezochte antwoord resultaat uitkomst oplossing juiste correcte enige waarde",
    "no": "svaret svar resultatet tallet det søkte riktige korrekte eneste løsningen verdien",
    "pa": "ਉੱਤਰ ਜਵਾਬ ਨਤੀਜਾ ਸੰਖਿਆ ਸਹੀ ਲੋੜੀਂਦੀ",
    "pl": "odpowiedź odpowiedzią wynik wynikiem szukana szukaną liczba liczbą poprawna poprawną jedyna jedyną "
    "rozwiązanie wartość",
    "pt": "o número procurado procurada resposta resultado solução correto correta certo certa única único valor "
    "pedido final",
    "ro": "răspunsul rezultatul numărul căutat corect corectă singurul soluția valoarea",
    "ru": "ответ ответом искомое искомый искомая искомым число числом результат верный правильный "
    "правильное единственное решение значение нужное",
    "sk": "odpoveď výsledok hľadané hľadaný číslo správna správne jediné riešenie hodnota",
    "sl": "odgovor rezultat iskano iskani število pravilen pravilno edino rešitev vrednost",
    "sr": "odgovor rezultat traženi traženo broj tačan tačno jedini rešenje vrednost одговор резултат тражени "
    "тражено број тачан тачно једини решење вредност",
    "sv": "svaret svar resultatet talet det sökta rätta korrekta enda lösningen värdet",
    "sw": "jibu sahihi namba nambari idadi matokeo tokeo linalotafutwa pekee",
    "ta": "விடை பதில் முடிவு எண் சரியான தேவையான ஒரே",
    "te": "సమాధానం జవాబు ఫలితం సంఖ్య సరైన కావలసిన",
    "tl": "ang sagot resulta numero bilang tamang tama hinahanap",
    "tr": "cevap yanıt sonuç sayı aranan istenen doğru tek değer çözüm",
    "uk": "відповідь шукане шуканий число результат правильна правильний єдине розв'язок значення",
    "ur": "جواب نتیجہ عدد مطلوبہ درست صحیح واحد",
    "vi": "đáp án câu trả lời kết quả số cần tìm đúng duy giá trị cái con chiếc người viên quyển",
}
#: per language, the negated copulas and existentials ("is not", "are not", "there is no"), which after a value
#: deny it in a verb-final language ("$\\boxed{24}$ نیست", "24 değil", "24 அல்ல", "24 नहीं है"): a tail holding one
#: never restates the value. Romanian "nu" is here though Dutch "nu" is "now": after a value a false fail at worst.
FOREIGN_NEGATED_COPULAS: dict[str, str] = {
    "am": "አይደለም አይደሉም አይደለችም የለም የሉም",
    "ar": "ليس ليست ليسوا ليسا لا لن",
    "az": "deyil deyildir yoxdur",
    "bg": "не няма",
    "bn": "নয় নই নেই না নন",
    "ca": "no",
    "cs": "není nejsou nezbývá nečiní",
    "da": "ikke ingen",
    "de": "nicht kein keine",
    "el": "δεν όχι",
    "es": "no",
    "et": "ei pole",
    "fa": "نیست نیستند نیستم نیستی نیستیم نیستید نمی نمیشود نه",
    "fi": "ei eivät",
    "fr": "n'est ne pas",
    "gu": "નથી ના",
    "he": "לא אינו אינה אינם אין",
    "hi": "नहीं न",
    "hr": "nije nisu",
    "hu": "nem nincs nincsenek",
    "id": "bukan tidak",
    "is": "ekki",
    "it": "non",
    "kn": "ಅಲ್ಲ ಇಲ್ಲ",
    "lt": "nėra ne",
    "lv": "nav ne",
    "ml": "അല്ല ഇല്ല",
    "mr": "नाही नाहीत",
    "ms": "bukan tidak",
    "ne": "होइन छैन छैनन्",
    "nl": "niet geen",
    "no": "ikke ingen",
    "pa": "ਨਹੀਂ ਨਾ",
    "pl": "nie",
    "pt": "não",
    "ro": "nu",
    "ru": "не нет",
    "sk": "nie",
    "sl": "ni niso",
    "sr": "nije nisu није нису",
    "sv": "inte ej",
    "sw": "si sio hakuna",
    "ta": "அல்ல இல்லை",
    "te": "కాదు లేదు లేవు",
    "tl": "hindi wala",
    "tr": "değil değildir yok",
    "uk": "не немає",
    "ur": "نہیں نہ",
    "vi": "không chẳng chưa",
}
#: the English words of such a predicate ("\\boxed{24} is the required number", "is the only possible value", "is
#: the smallest such integer"); no indefinite article ("is a possible value" names one of several), and "possible"
#: only after "only" ("\\boxed{24} is possible" is one value of several)
ANSWER_PREDICATE_WORDS = frozenset(
    """is are the answer result solution number value integer count total sum quantity required desired sought
    wanted correct right final only exact unique possible such smallest largest greatest""".split()
)
#: copulas and existentials closing a statement of a value in Chinese, Japanese, Korean and Thai, written without
#: spaces ("答えは $\\boxed{24}$ です", "$\\boxed{24}$개입니다", "24 个苹果"), and Thai polite particles
CJK_COPULAS = (
    "です",
    "である",
    "だ",
    "となります",
    "になります",
    "となる",
    "になる",
    "あります",
    "ある",
    "います",
    "입니다",
    "이다",
    "이에요",
    "예요",
    "임",
    "있습니다",
    "있다",
    "됩니다",
    "是",
    "为",
    "為",
    "เป็น",
    "คือ",
    "ครับ",
    "ค่ะ",
)
#: classifiers and counters that stand between a numeral and its noun in those scripts ("24 个苹果", "24個",
#: "24개", "24 ผล"): read like a count noun
CJK_CLASSIFIERS = (
    "个",
    "個",
    "只",
    "隻",
    "本",
    "枚",
    "人",
    "名",
    "位",
    "件",
    "张",
    "張",
    "条",
    "條",
    "台",
    "匹",
    "头",
    "頭",
    "块",
    "塊",
    "种",
    "種",
    "通り",
    "개",
    "명",
    "마리",
    "권",
    "장",
    "대",
    "가지",
    "ผล",
    "ลูก",
    "อัน",
    "คน",
    "ตัว",
    "ใบ",
    "เล่ม",
    "คัน",
    "ชิ้น",
    "วิธี",
)
#: the nouns of those scripts for the answer, after a copula ("$\\boxed{24}$ 是答案")
CJK_ANSWER_WORDS = ("答案", "答え", "解答", "정답", "답", "คำตอบ")
#: the longest tail after a value read as a restating predicate, in characters and in words
_RESTATING_CHARS = 100
_RESTATING_MAX_WORDS = 6
#: letters of the scripts written without spaces (kana, Han, Hangul, Thai)
_CJK_LETTER = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af\u0e00-\u0e7f]")
#: what no predicate of a value holds: question marks of the listed scripts, the semicolon (Greek's question mark),
#: brackets (an aside: "(est.)"), a colon (a label: "الثقة: منخفضة") and line breaks (a sentence apart)
_NO_PREDICATE = frozenset("?\uff1f\u061f\u1367\u037e;:\uff1a([{\n")


#: the zero-width (non-)joiners Persian and the Indic scripts write inside words, the vowel marks and tanwin of
#: Arabic ("تقريباً" is "تقريبا") and the points of Hebrew, which models write or drop at will
_UNWRITTEN = re.compile(r"[\u200c\u200d\u064b-\u065f\u0670\u0591-\u05c7]")


def _unjoined(word: str) -> str:
    """``word`` without the marks of :data:`_UNWRITTEN`, as the tables list it."""
    return _UNWRITTEN.sub("", word)


#: the languages that put the verb last, whose copula alone closes a statement of a value ("پاسخ 24 است", "Cevap
#: 24'tür", "उत्तर 24 है"); elsewhere a copula after a value waits for its predicate ("\\boxed{5} é", "5 is")
VERB_FINAL_LANGUAGES = frozenset("am az bn fa gu hi kn ml mr ne pa ta te tr ur".split())
_FINAL_COPULA_SET = frozenset(
    _unjoined(w) for lang in VERB_FINAL_LANGUAGES for w in FOREIGN_COPULAS[lang].lower().split()
)
_COPULA_SET = frozenset(_unjoined(w) for ws in FOREIGN_COPULAS.values() for w in ws.lower().split()) | {"is", "are"}
_ANSWER_PREDICATE_SET = (
    frozenset(_unjoined(w) for ws in FOREIGN_ANSWER_PREDICATES.values() for w in ws.lower().split())
    | ANSWER_PREDICATE_WORDS
)
#: words that keep a tail from restating the value: the negations, negated copulas, hedges, bounds, faults and
#: doubts of every language and the past copulas (an earlier result); a joining word only opening the tail ("oder
#: so", "o más": another value or a bound follows), as Portuguese "o" is also the article ("é o número procurado")
_RESTATING_GUARD = (
    LEAD_CUES
    | HEDGE_CUES
    | FOREIGN_QUALIFIERS
    | _FOREIGN_NEGATION_SET
    | _FOREIGN_DOUBT_SET
    | FOREIGN_DENIALS
    | FOREIGN_PAST_COPULAS
    | frozenset(_unjoined(w) for ws in FOREIGN_NEGATED_COPULAS.values() for w in ws.lower().split())
)


#: question particles and words that ask, in the languages that put them after or around a value (Turkish mı, mi,
#: mu, mü and their copula and person forms; Tagalog ba; Vietnamese à, hả, sao; Malay and Indonesian kah; Slavic
#: ли, czy, чи; the interrogatives of Hindi, Urdu, Bengali, Persian, Arabic and Hebrew): "Cevap $\\boxed{4}$ mü"
#: asks, it does not restate. Swahili "je" opens its question, which a question mark closes, and is the copula of
#: Croatian, Czech, Slovak, Slovene and Serbian ("$\\boxed{24}$ je traženi broj")
QUESTION_WORDS = frozenset(
    """mı mi mu mü mıdır midir mudur müdür mısın misin musun müsün mıyım miyim muyum müyüm ba à hả sao kah ли czy
    чи क्या কি کیا آیا هل האם""".split()
)
#: the endings of a question in the scripts written without spaces (Japanese か, Chinese 吗 and 呢, Korean 까 and
#: 나요, Thai ไหม, มั้ย, หรือ, เหรอ)
CJK_QUESTION_ENDINGS = ("か", "吗", "嗎", "呢", "까", "나요", "ไหม", "มั้ย", "หรือ", "เหรอ")


def _bare_word(token: str) -> str:
    """``token`` (a run between spaces) in lower case, without the punctuation and symbols around it."""
    k, n = 0, len(token)
    while k < n and unicodedata.category(token[k])[0] in "PS":
        k += 1
    while n > k and unicodedata.category(token[n - 1])[0] in "PS":
        n -= 1
    return _unjoined(token[k:n].lower())


def restating_tail(tail: str, nouns: bool = True, latin_nouns: bool = False) -> bool:
    """``tail`` (the words after a value to the end of its sentence) restates the value as the answer: copulas and
    words of :data:`FOREIGN_COPULAS`, :data:`FOREIGN_ANSWER_PREDICATES` or :data:`ANSWER_PREDICATE_WORDS` ("است", "'tür",
    "ነው", "is the required number", "— искомое число"), with at most one other word before any copula, its
    count noun ("تفاحة", "सेब हैं", "elma kalır", "quả táo"); or, in a script without spaces, a classifier, its noun
    and a copula (:func:`cjk_restating_tail`). Never when it holds another value, a question mark or a word of
    negation, hedging, bounding, doubt or fault of any language ("$\\boxed{24}$ نیست", "$\\boxed{24}$ değil"),
    an aside in brackets ("(est.)"), a semicolon (the Greek question mark), a colon, a line break or a combining
    mark on the value ("5̸"). Without ``nouns`` (a
    sentence follows that may say what was asked for) a tail with a count noun does not restate: the noun stays.
    With ``latin_nouns`` (the answer noun before the value is of another language) a count noun in plain Latin
    letters is that language's ("Odpowiedź: 24 kwiaty", "Jawaban: 24 apel"), unless it is a unit or a word of
    quantity the grader reads ("24 cm", "24 million")."""
    if len(tail) > _RESTATING_CHARS or any(c.isdigit() or c in _NO_PREDICATE for c in tail) or not tail.strip():
        return False
    if unicodedata.category(tail[0])[0] == "M":
        return False  # "5̸", "3.3̄": a mark that changes the value itself
    if _CJK_LETTER.search(tail):
        return cjk_restating_tail(tail, nouns)
    if FOREIGN_DOUBT.search(tail) or FOREIGN_BELIEF.search(tail):
        return False
    words: list[str] = []
    for token in tail.split():
        word = _bare_word(token)
        known = word in _COPULA_SET or word in _ANSWER_PREDICATE_SET
        words.extend([word] if known or "'" not in word else word.split("'"))  # "l'unique": the elided article
    words = [w for w in words if w]
    if not words or len(words) > _RESTATING_MAX_WORDS:
        return False
    if cue_words(words) or any(w in _RESTATING_GUARD or w in QUESTION_WORDS for w in words):
        return False
    if words[0] in FOREIGN_JOINERS or any(w in FOREIGN_JOINERS and len(w) > 1 for w in words):
        return False  # "или", "min of meer": a joining word waits for another value
    return _restating_order(words, nouns, latin_nouns)


def _latin(word: str) -> bool:
    """``word`` is written in Latin letters (with or without diacritics)."""
    return all(unicodedata.name(c, "").startswith("LATIN") for c in word if c.isalpha())


def _restating_order(words: list[str], nouns: bool, latin_nouns: bool = False) -> bool:
    """``words`` (lower case, no cue among them) are copulas and restating words with at most one other word, or
    two side by side in Latin letters (a compound: Vietnamese "học sinh"), the count noun (with ``nouns``), before
    any copula: with a letter outside ASCII, or followed by a copula (Turkish "elma kalır", Hungarian "alma marad");
    an English count noun alone ("apples") is read with the value as before. A word of quantity ("тыс", "Millionen")
    is no noun, nor are two words of another script (maybe a frame: "என்று நினைக்கிறேன்") or two a hyphen joins
    into a cue ("peut être")."""
    noun: list[int] = []
    for k, w in enumerate(words):
        if w in _COPULA_SET or w in _ANSWER_PREDICATE_SET:
            continue
        if noun and (len(noun) > 1 or noun[-1] != k - 1) or any(v in _COPULA_SET for v in words[:k]):
            return False  # "is the number found", "est le nombre trouvé": a predicate that says something else
        noun.append(k)
    if any(w == "possible" and "only" not in words[:k] for k, w in enumerate(words)):
        return False  # "is possible", "is the possible answer": one of several values, unless "the only possible"
    if not noun:  # a predicate, or a copula that closes its statement ("است", "'tür", "ነው"; not "\\boxed{5} é")
        return any(w in _ANSWER_PREDICATE_SET or w in _FINAL_COPULA_SET for w in words)
    named = [words[k] for k in noun]
    if any(FOREIGN_QUANTITY.match(w) or foreign_multiplier(w) is not None for w in named):
        return False  # "5 тыс.", "24 Millionen": a word of quantity changes the value
    if len(named) == 2 and ("-".join(named) in _RESTATING_GUARD or not all(_latin(w) for w in named)):
        return False
    copula_after = any(v in _COPULA_SET for v in words[noun[-1] + 1 :])  # "elma kalır", "alma marad"
    if latin_nouns and any(w in MULTIPLIERS or w in _NOT_NOUNS or unit_name(w) or w in UNIT_ALIASES for w in named):
        return False  # "24 cm", "24 million": a unit or quantity the value keeps
    return nouns and (copula_after or latin_nouns or not all(w.isascii() for w in named))  # "apples" stays


def cjk_restating_tail(tail: str, nouns: bool = True) -> bool:
    """``tail`` (in a script written without spaces) restates the value before it: a classifier of
    :data:`CJK_CLASSIFIERS` with a short noun after it ("个苹果", "個", "개", "ผล"), a copula of :data:`CJK_COPULAS`
    after that ("개입니다", "個です") or alone ("です"), or a copula and the word for the answer ("是答案"); never with a
    cue of :data:`CJK_CUES` ("个左右", "個かな"), a bound or quantity suffix ("个以上", "倍"), a doubt or a question
    ending ("個ですか"). The noun
    only with ``nouns`` (see :func:`restating_tail`)."""
    core = "".join(c for c in tail if not c.isspace() and unicodedata.category(c)[0] not in "PS")
    if not core or len(core) > 12 or any(c.isascii() for c in core) or cjk_doubt(core):
        return False
    if any(cue in core for cue in CJK_CUES) or any(cue in core for cue in CJK_FINAL_CUES):
        return False
    if core.endswith(CJK_QUESTION_ENDINGS):
        return False  # "個ですか", "개입니까": a question
    copula = max((c for c in CJK_COPULAS if core.endswith(c)), key=len, default="")
    head = core[: len(core) - len(copula)]
    counter = max((c for c in CJK_CLASSIFIERS if head.startswith(c)), key=len, default="")
    rest = head[len(counter) :]
    if head.startswith(CJK_BOUND_SUFFIXES + CJK_QUANTITY_SUFFIXES) or rest.startswith(CJK_BOUND_SUFFIXES):
        return False
    if counter:
        return not rest or nouns and len(rest) <= 6  # "个苹果": the classifier's noun
    if copula:
        return not rest
    lead = max((c for c in CJK_COPULAS if core.startswith(c)), key=len, default="")
    return bool(lead) and core[len(lead) :] in CJK_ANSWER_WORDS  # "是答案"


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
#: per language, the labels of a check of the answer ("Check:", "Verification:", "Proof:" in the sense of a test):
#: a line opened by one ("Probe: 24 · 2 = 48 ✓", "Проверка: не пройдена") reports a check, read as one agreeing
#: (recomputing the answer, no mark of failure) or denying (its value a word of :data:`FOREIGN_FAILED`). Words that
#: are also English status labels ("test", "control" aside) are read by the English rule and left out here;
#: Italian and Portuguese "prova" is also "proof", a check of the same kind.
FOREIGN_CHECK_LABELS: dict[str, str] = {
    "am": "ማረጋገጫ ፍተሻ ማጣሪያ",
    "ar": "التحقق تحقق التحقيق المراجعة مراجعة فحص الفحص",
    "az": "yoxlama yoxlanış",
    "bg": "проверка проверката",
    "bn": "যাচাই পরীক্ষা",
    "ca": "comprovació verificació prova",
    "cs": "kontrola ověření zkouška",
    "da": "kontrol kontrollen verifikation prøve tjek",
    "de": "prüfung überprüfung kontrolle probe verifikation gegenprobe nachprüfung",
    "el": "επαλήθευση έλεγχος",
    "es": "verificación comprobación prueba revisión",
    "et": "kontroll kontrollimine",
    "fa": "بررسی وارسی آزمون",
    "fi": "tarkistus tarkastus varmistus",
    "fr": "vérification contrôle",
    "gu": "ચકાસણી તપાસ",
    "he": "בדיקה אימות",
    "hi": "जाँच जांच सत्यापन",
    "hr": "provjera",
    "hu": "ellenőrzés",
    "id": "pemeriksaan pengecekan verifikasi cek",
    "is": "sannprófun prófun",
    "it": "verifica controllo prova",
    "kn": "ಪರಿಶೀಲನೆ",
    "lt": "patikrinimas tikrinimas",
    "lv": "pārbaude",
    "ml": "പരിശോധന",
    "mr": "पडताळणी तपासणी",
    "ms": "semakan pengesahan",
    "ne": "जाँच परीक्षण",
    "nl": "controle verificatie",
    "no": "kontroll sjekk verifisering",
    "pa": "ਜਾਂਚ ਪੜਤਾਲ",
    "pl": "sprawdzenie weryfikacja kontrola",
    "pt": "verificação prova conferência",
    "ro": "verificare",
    "ru": "проверка верификация",
    "sk": "kontrola overenie skúška",
    "sl": "preverjanje preizkus",
    "sr": "провера provera",
    "sv": "kontroll verifiering",
    "sw": "uhakiki",
    "ta": "சரிபார்ப்பு",
    "te": "ధృవీకరణ పరిశీలన",
    "tl": "pagsusuri",
    "tr": "kontrol doğrulama sağlama",
    "uk": "перевірка",
    "ur": "جانچ تصدیق",
    "vi": "kiểm tra",
}
#: the check labels of Chinese, Japanese and Korean (a label is one run of those scripts: "验算", "検算", "검산")
CJK_CHECK_LABELS = (
    *("验证", "驗證", "检验", "檢驗", "检查", "檢查", "验算", "驗算", "核对", "核對", "检算", "校验", "校驗"),
    *("検証", "確認", "検算", "チェック", "검증", "확인", "검산", "검토"),
)
#: the labels of a check's status line in other languages, one word each ("kiểm tra" is read by its first word)
FOREIGN_STATUS_LABELS = frozenset(
    w for words in FOREIGN_CHECK_LABELS.values() for w in words.split() if w not in STATUS_LABELS
) | frozenset(CJK_CHECK_LABELS)
#: words of a failed check in other languages, as the status line's value ("fehlgeschlagen", "échoué", "провалена")
FOREIGN_FAILED = frozenset(
    """fehlgeschlagen gescheitert misslungen échec échoué échouée fallida fallido falló falhou falha fallita fallito
    провалена провален провал неудачно неудачна nieudana nieudane niepowodzenie mislukt gefaald başarısız thất
    失败 失敗 未通过 不通过 不合格 실패""".split()
)


#: per language, the courtesies that close an answer: a wish that it helps or is right, "good luck", "thanks", and
#: an invitation to ask more (English: "Hope this helps!", "I hope it is correct.", "Let me know if …"). Each is a
#: whole phrase, its words in order, lower case; read with and without diacritics (:func:`foreign_closing`).
#: Words of the class that are also neutral or hedging alone are left out: a bare "Ich hoffe." ("I hope so") or
#: "Espero." doubts, Spanish "suerte" alone is also "con suerte" ("with luck": a hedge); a wish about a value
#: ("Ich hoffe, es ist 25!") holds a value and is read by other rules.
FOREIGN_CLOSINGS: dict[str, tuple[str, ...]] = {
    "am": ("እንደሚረዳ ተስፋ አደርጋለሁ", "እንደሚረዳህ ተስፋ አደርጋለሁ", "እንደሚጠቅም ተስፋ አደርጋለሁ", "መልካም ዕድል", "አመሰግናለሁ"),
    "ar": (
        "أتمنى أن يكون هذا مفيدا", "أتمنى أن يكون مفيدا", "أتمنى أن يساعدك هذا", "أتمنى أن يساعدك",
        "آمل أن يكون هذا مفيدا", "آمل أن يساعدك هذا", "آمل أن يساعدك", "أتمنى لك التوفيق", "بالتوفيق", "حظا سعيدا",
        "شكرا", "لا تتردد في السؤال", "إذا كان لديك أي سؤال",
    ),
    "az": ("ümid edirəm ki kömək etdi", "ümid edirəm faydalı olar", "ümid edirəm kömək edər", "uğurlar", "təşəkkürlər",
           "sağ ol"),
    "bg": ("надявам се това да помогне", "надявам се да помогне", "надявам се да е полезно", "успех", "благодаря",
           "късмет"),
    "bn": ("আশা করি এটি সাহায্য করবে", "আশা করি এটা সাহায্য করবে", "আশা করি এটি কাজে লাগবে", "আশা করি সাহায্য হবে",
           "শুভকামনা", "ধন্যবাদ"),
    "ca": ("espero que t'ajudi", "espero que et serveixi", "espero que sigui útil", "espero que això ajudi",
           "bona sort", "gràcies"),
    "cs": ("doufám že to pomůže", "doufám že vám to pomůže", "doufám že ti to pomůže", "doufám že je to správně",
           "hodně štěstí", "děkuji", "díky"),
    "da": ("håber det hjælper", "jeg håber det hjælper", "jeg håber det er nyttigt", "held og lykke", "tak",
           "sig til hvis"),
    "de": (
        "ich hoffe das hilft", "ich hoffe es hilft", "hoffe das hilft", "hoffe es hilft", "ich hoffe das ist richtig",
        "ich hoffe ich konnte helfen", "ich hoffe ich konnte dir helfen", "viel glück", "viel erfolg", "danke",
        "vielen dank", "lass mich wissen", "lass es mich wissen", "melde dich", "bei fragen",
    ),
    "el": ("ελπίζω να βοηθάει", "ελπίζω να βοήθησα", "ελπίζω αυτό να βοηθάει", "καλή επιτυχία", "καλή τύχη",
           "ευχαριστώ"),
    "es": (
        "espero que te sirva", "espero que le sirva", "espero que sirva", "espero que te ayude", "espero que ayude",
        "espero que esto te ayude", "espero que esto te sirva", "espero haberte ayudado", "espero que sea correcto",
        "buena suerte", "gracias", "saludos", "no dudes en preguntar", "avísame si", "dime si",
    ),
    "et": ("loodan et see aitab", "loodetavasti aitab", "edu", "aitäh", "tänan"),
    "fa": ("امیدوارم کمک کند", "امیدوارم مفید باشد", "امیدوارم این کمک کند", "موفق باشید", "موفق باشی", "ممنون",
           "سپاس"),
    "fi": ("toivottavasti tästä on apua", "toivottavasti tämä auttaa", "toivon että tämä auttaa", "onnea", "kiitos"),
    "fr": (
        "j'espère que cela vous aide", "j'espère que cela t'aide", "j'espère que ça aide", "j'espère que ça t'aide",
        "j'espère que cela aide", "j'espère que c'est correct", "j'espère avoir aidé", "bonne chance", "merci",
        "n'hésitez pas", "n'hésite pas", "bon courage",
    ),
    "gu": ("આશા છે કે આ મદદ કરશે", "આશા છે આ મદદરૂપ થશે", "શુભેચ્છા", "ધન્યવાદ", "આભાર"),
    "he": ("מקווה שזה עוזר", "מקווה שזה עזר", "אני מקווה שזה עוזר", "בהצלחה", "תודה"),
    "hi": ("आशा है यह मदद करेगा", "आशा है कि यह मदद करेगा", "उम्मीद है यह मदद करेगा", "उम्मीद है कि यह मदद करेगा",
           "आशा है यह उपयोगी होगा", "उम्मीद है यह उपयोगी होगा", "शुभकामनाएँ", "शुभकामनाएं", "धन्यवाद", "शुक्रिया"),
    "hr": ("nadam se da pomaže", "nadam se da će pomoći", "nadam se da je ovo korisno", "sretno", "hvala"),
    "hu": ("remélem ez segít", "remélem segít", "remélem segített", "remélem hasznos", "sok sikert", "köszönöm",
           "sok szerencsét"),
    "id": ("semoga membantu", "semoga bermanfaat", "semoga ini membantu", "semoga berhasil", "terima kasih",
           "semoga sukses"),
    "is": ("vona að þetta hjálpi", "ég vona að þetta hjálpi", "gangi þér vel", "takk"),
    "it": ("spero che ti sia utile", "spero che sia utile", "spero ti sia utile", "spero che questo aiuti",
           "spero di esserti stato utile", "spero che sia corretto", "buona fortuna", "grazie", "in bocca al lupo"),
    "kn": ("ಇದು ಸಹಾಯ ಮಾಡುತ್ತದೆ ಎಂದು ಭಾವಿಸುತ್ತೇನೆ", "ಇದು ಉಪಯುಕ್ತವಾಗಿದೆ ಎಂದು ಭಾವಿಸುತ್ತೇನೆ", "ಶುಭವಾಗಲಿ", "ಧನ್ಯವಾದಗಳು"),
    "lt": ("tikiuosi tai padės", "tikiuosi padės", "tikiuosi kad tai padės", "sėkmės", "ačiū"),
    "lv": ("ceru ka tas palīdzēs", "ceru ka tas palīdz", "veiksmi", "paldies"),
    "ml": ("ഇത് സഹായിക്കുമെന്ന് പ്രതീക്ഷിക്കുന്നു", "ഇത് ഉപകാരപ്പെടുമെന്ന് പ്രതീക്ഷിക്കുന്നു", "ആശംസകൾ", "നന്ദി"),
    "mr": ("आशा आहे की हे मदत करेल", "आशा आहे हे मदत करेल", "आशा आहे हे उपयुक्त ठरेल", "शुभेच्छा", "धन्यवाद"),
    "ms": ("semoga membantu", "semoga bermanfaat", "harap ini membantu", "semoga berjaya", "terima kasih"),
    "ne": ("आशा छ यसले मद्दत गर्छ", "आशा छ यो उपयोगी हुनेछ", "शुभकामना", "धन्यवाद"),
    "nl": ("ik hoop dat dit helpt", "hoop dat dit helpt", "ik hoop dat het helpt", "hopelijk helpt dit",
           "hopelijk heb je hier iets aan", "succes", "bedankt", "dank je", "laat het me weten"),
    "no": ("håper det hjelper", "jeg håper dette hjelper", "håper dette hjelper", "lykke til", "takk",
           "si ifra hvis"),
    "pa": ("ਉਮੀਦ ਹੈ ਇਹ ਮਦਦ ਕਰੇਗਾ", "ਉਮੀਦ ਹੈ ਕਿ ਇਹ ਮਦਦ ਕਰੇਗਾ", "ਸ਼ੁਭਕਾਮਨਾਵਾਂ", "ਧੰਨਵਾਦ"),
    "pl": ("mam nadzieję że to pomoże", "mam nadzieję że pomogłem", "mam nadzieję że pomogłam",
           "mam nadzieję że to jest poprawne", "powodzenia", "dziękuję", "dzięki", "daj znać"),
    "pt": (
        "espero que ajude", "espero que isso ajude", "espero ter ajudado", "espero que te ajude",
        "espero que seja útil", "espero que esteja correto", "boa sorte", "obrigado", "obrigada", "bons estudos",
    ),
    "ro": ("sper că te ajută", "sper să te ajute", "sper că ajută", "sper că este corect", "mult succes", "succes",
           "mulțumesc"),
    "ru": ("надеюсь это поможет", "надеюсь это помогло", "надеюсь помог", "надеюсь помогла", "надеюсь это правильно",
           "удачи", "успехов", "спасибо", "обращайтесь"),
    "sk": ("dúfam že to pomôže", "dúfam že vám to pomôže", "veľa šťastia", "ďakujem", "vďaka"),
    "sl": ("upam da pomaga", "upam da bo pomagalo", "veliko sreče", "srečno", "hvala"),
    "sr": ("надам се да помаже", "надам се да ће помоћи", "nadam se da pomaže", "nadam se da će pomoći", "срећно",
           "srećno", "хвала", "hvala"),
    "sv": ("hoppas det hjälper", "jag hoppas att det hjälper", "hoppas detta hjälper", "lycka till", "tack",
           "säg till om"),
    "sw": ("natumaini hii itasaidia", "natumai hii itasaidia", "natumaini itasaidia", "kila la heri", "asante"),
    "ta": ("இது உதவும் என்று நம்புகிறேன்", "இது உதவியாக இருக்கும் என்று நம்புகிறேன்", "வாழ்த்துக்கள்", "நன்றி"),
    "te": ("ఇది సహాయపడుతుందని ఆశిస్తున్నాను", "ఇది ఉపయోగపడుతుందని ఆశిస్తున్నాను", "శుభాకాంక్షలు", "ధన్యవాదాలు"),
    "tl": ("sana makatulong ito", "sana nakatulong ito", "sana makatulong", "good luck", "salamat"),
    "tr": ("umarım yardımcı olur", "umarım bu yardımcı olur", "umarım faydalı olur", "umarım işine yarar",
           "umarım doğrudur", "iyi şanslar", "kolay gelsin", "teşekkürler", "sorularınız olursa"),
    "uk": ("сподіваюся це допоможе", "сподіваюсь це допоможе", "сподіваюся допоміг", "успіхів", "удачі", "дякую"),
    "ur": ("امید ہے یہ مدد کرے گا", "امید ہے کہ یہ مددگار ہوگا", "امید ہے یہ مفید ہوگا", "نیک خواہشات", "شکریہ"),
    "vi": ("hy vọng điều này giúp ích", "hy vọng giúp được bạn", "hy vọng bài giải giúp ích", "chúc bạn học tốt",
           "chúc may mắn", "cảm ơn", "chúc bạn thành công"),
}  # fmt: skip
#: Chinese, Japanese, Korean and Thai closing courtesies, matched inside a run (written without spaces)
CJK_CLOSINGS = (
    *("希望对你有帮助", "希望對你有幫助", "希望这对你有帮助", "希望這對你有幫助", "希望能帮到你", "希望能幫到你"),
    *("希望有所帮助", "希望有所幫助", "祝你好运", "祝你好運", "祝学习进步", "谢谢", "謝謝", "如有疑问", "如有疑問"),
    *("お役に立てれば", "参考になれば", "参考になると幸い", "頑張ってください", "ありがとうございます"),
    *("도움이되길", "도움이되었으면", "도움이되셨길", "도움이되셨으면", "행운을빕니다", "감사합니다"),
    *("หวังว่าจะเป็นประโยชน์", "หวังว่าคงช่วยได้", "ขอให้โชคดี", "ขอบคุณ"),
)
#: Chinese, Japanese and Korean phrases that say the answer checks out against the problem ("经检验，符合题意。",
#: "検算すると条件を満たす。"), matched inside a run; a sentence with a negation or doubt is read by other rules
CJK_CHECK_AGREEMENTS = (
    *("符合题意", "符合題意", "满足题意", "滿足題意", "符合条件", "符合條件", "满足条件", "滿足條件", "符合要求"),
    *("满足要求", "滿足要求", "检验正确", "檢驗正確", "验算正确", "驗算正確", "经检验成立", "經檢驗成立"),
    *("条件を満たす", "条件を満たし", "題意に合う", "題意を満たす", "検算も合", "조건을만족", "검산결과맞"),
)
#: a closing courtesy may have at most this many words more than its phrase ("Ich hoffe, das hilft dir weiter!")
_CLOSING_EXTRA = 4
_CLOSING_MAX_WORDS = 16


def _without_marks(word: str) -> str:
    """``word`` lower case without combining marks, so a phrase matches with and without diacritics."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c))


def _closing_index() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Each closing phrase of :data:`FOREIGN_CLOSINGS` as its bare words, by its first word."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrases in FOREIGN_CLOSINGS.values():
        for phrase in phrases:
            words = tuple(_without_marks(w) for w in phrase.split())
            index.setdefault(words[0], []).append(words)
    return {first: tuple(ws) for first, ws in index.items()}


_CLOSING_INDEX = _closing_index()
#: words that may not stand among the extra words of a closing: a negation, a doubt, a modal or a contrast
_NOT_IN_CLOSING = frozenset(
    _without_marks(w) for w in _FOREIGN_NEGATION_SET | _FOREIGN_DOUBT_SET | CONTRAST_OPENERS | {"not", "no", "but"}
)


def _holds_in_order(words: list[str], phrase: tuple[str, ...]) -> bool:
    """``phrase``'s words stand in ``words`` in order, and none of the other words is in :data:`_NOT_IN_CLOSING`."""
    k = 0
    for w in words:
        if k < len(phrase) and w == phrase[k]:
            k += 1
        elif w in _NOT_IN_CLOSING:
            return False
    return k == len(phrase)


def foreign_closing(words: list[str]) -> bool:
    """``words`` (a value-free sentence after an answer) are a closing courtesy of another language
    (:data:`FOREIGN_CLOSINGS`: "¡Espero que te sirva!", "Ich hoffe, das hilft dir!", "Надеюсь, это поможет!"):
    the phrase opens the sentence (maybe after one word), its words in order, with at most
    :data:`_CLOSING_EXTRA` more words, none a negation, doubt or contrast. Like "Hope this helps!", it says nothing
    of the answer's truth; a sentence that also doubts is read as a doubt by the other rules."""
    if not words or len(words) > _CLOSING_MAX_WORDS:
        return False
    bare = [_without_marks(w) for w in words]
    for start in range(min(2, len(bare))):
        for phrase in _CLOSING_INDEX.get(bare[start], ()):
            if len(bare) - len(phrase) <= _CLOSING_EXTRA and _holds_in_order(bare, phrase):
                return True
    return False


def cjk_closing(core: str) -> bool:
    """``core`` (the letters of a Chinese, Japanese, Korean or Thai sentence, no spaces) holds a closing courtesy
    of :data:`CJK_CLOSINGS` ("希望对你有帮助", "お役に立てれば幸いです", "도움이 되길 바랍니다")."""
    return any(c in core for c in CJK_CLOSINGS)


#: words that keep a check from agreeing with the answer, in any language: a negation, a fault, a doubt or a
#: failure ("Sprawdzenie: 24 · 2 = 48, źle.", "Kontrol: …, yanlış.")
_CHECK_DENIALS = (
    _FOREIGN_NEGATION_SET
    | _FOREIGN_DOUBT_SET
    | FOREIGN_FAILED
    | FOREIGN_DENIALS
    | frozenset(w for words in FOREIGN_FAULTS.values() for w in words.split())
)
#: the same in Chinese, Japanese and Korean, matched inside a run ("错误", "不对", "違います", "틀렸")
_CJK_CHECK_DENIALS = ("错", "錯", "误", "誤", "不", "没", "沒", "非", "違", "ちが", "틀", "아니", "아닙", "실패")


def check_denies(words: list[str]) -> bool:
    """``words`` (of a check's line, lower case) hold a word of another language that says it fails or doubts:
    :data:`_CHECK_DENIALS`, or in a run of Chinese, Japanese or Korean :data:`_CJK_CHECK_DENIALS` ("验算：…，错误。")."""
    return any(w in _CHECK_DENIALS or (not w.isascii() and any(c in w for c in _CJK_CHECK_DENIALS)) for w in words)


#: per language, the classifiers and measure words of counting that stand between a value and its noun or alone
#: after it ("24 buah apel", "24 tane elma", "24 Stück Äpfel", "24 szt.", "24 darab alma", "24 quả táo", "२४ वटा
#: स्याउ"): the words for "piece", "unit" or "item" where the language has no classifiers. Left out: Persian "تا"
#: (also "until"), Vietnamese "con" (Spanish and Italian "with").
FOREIGN_CLASSIFIERS: dict[str, str] = {
    "am": "ፍሬ",
    "ar": "حبة حبات قطعة قطع",
    "az": "ədəd dənə",
    "bg": "броя бр бройки",
    "bn": "টি টা খানা",
    "ca": "unitats peces",
    "cs": "kusů kusy kus ks",
    "da": "stk styk stykker",
    "de": "stück stk",
    "el": "τεμάχια τεμ κομμάτια",
    "es": "unidades piezas",
    "et": "tükki tk",
    "fa": "عدد دانه",
    "fi": "kpl kappaletta",
    "fr": "unités pièces",
    "gu": "નંગ",
    "he": "יחידות",
    "hi": "नग पीस",
    "hr": "komada kom",
    "hu": "darab db",
    "id": "buah biji butir ekor orang lembar helai batang potong",
    "is": "stykki stk",
    "it": "pezzi unità",
    "kn": "ತುಂಡುಗಳು",
    "lt": "vienetai vienetų vnt",
    "lv": "gabali gabalu gab",
    "ml": "എണ്ണം",
    "mr": "नग",
    "ms": "buah biji butir ekor orang helai batang",
    "ne": "वटा ओटा",
    "nl": "stuks stuk",
    "no": "stk stykker",
    "pa": "ਨਗ",
    "pl": "sztuk sztuki szt",
    "pt": "unidades peças",
    "ro": "bucăți bucati buc",
    "ru": "штук штуки шт",
    "sk": "kusov kusy ks",
    "sl": "kosov kos",
    "sr": "комада ком komada kom",
    "sv": "stycken st",
    "sw": "vipande",
    "ta": "எண்ணிக்கை",
    "te": "ముక్కలు",
    "tl": "piraso",
    "tr": "tane adet",
    "uk": "штук штуки шт",
    "ur": "عدد دانے",
    "vi": "cái quả chiếc cuốn quyển tờ bông trái",
}
_CLASSIFIER_WORDS = frozenset(w for words in FOREIGN_CLASSIFIERS.values() for w in words.split())


def classifier_phrase(words: list[str]) -> bool:
    """``words`` (after a value, to the end of its answer) are a classifier or measure word of counting
    (:data:`FOREIGN_CLASSIFIERS`) and at most two words of its noun ("tane elma", "buah apel", "Stück Äpfel"), or a
    classifier of a script without spaces alone (:data:`CJK_CLASSIFIERS`: "个"): they count what
    the value numbers. Never when a word after the classifier bounds, weighs, joins or scales the value ("24 tane
    elma daha", "24 buah atau", "24 Stück mehr")."""
    if not words or len(words) > 3:
        return False
    head = words[0].lower().rstrip(".")
    if len(words) == 1 and _CJK_LETTER.search(head):
        return head in CJK_CLASSIFIERS  # "24\text{个}"; with its noun ("个苹果") another noun may be asked for
    if head not in _CLASSIFIER_WORDS:
        return False
    return all(plain_noun(w.lower()) for w in words[1:])


def plain_noun(word: str) -> bool:
    """``word`` (lower case) may be a noun: letters only, no word that weighs, bounds, joins or scales a value."""
    if (
        not all(c.isalpha() or unicodedata.category(c)[0] == "M" for c in word)
        or word in FOREIGN_QUALIFIERS
        or word in LEAD_CUES
        or word in FOREIGN_JOINERS
    ):
        return False
    if word in MULTIPLIERS or word in OR_WORDS or foreign_multiplier(word) is not None:
        return False
    return not FOREIGN_QUANTITY.match(word) and unit_name(word) is None


#: per language, the currency of its countries as written beside an amount (symbol, code, common abbreviation or
#: word), and the decimal mark those countries write: "," where a dot groups the thousands ("Rp24.000", "R$ 24,50",
#: "24.000 đồng", "24,50 zł", "24,50 €"), "." elsewhere ("₹24.50", "RM 24.50"). Marks are read as written (case
#: matters: "Ft" is the forint, "ft" feet); left out: Croatian "kn" (also knots), the Swiss "Fr." and the dollar
#: of the Americas (both decimal marks).
FOREIGN_CURRENCIES: dict[str, tuple[str, str]] = {
    "am": ("ብር ETB", "."),
    "ar": ("ريال درهم جنيه دينار SAR AED EGP", "."),
    "az": ("₼ AZN manat", ","),
    "bg": ("лв лв. BGN лева", ","),
    "bn": ("৳ টাকা BDT Tk", "."),
    "ca": ("€ EUR euros", ","),
    "cs": ("Kč CZK korun", ","),
    "da": ("kr kr. DKK", ","),
    "de": ("€ EUR Euro", ","),
    "el": ("€ EUR ευρώ", ","),
    "es": ("€ EUR euros", ","),
    "et": ("€ EUR eurot", ","),
    "fa": ("ریال تومان IRR", "."),
    "fi": ("€ EUR euroa", ","),
    "fr": ("€ EUR euros", ","),
    "gu": ("₹ રૂ રૂપિયા INR", "."),
    "he": ("₪ שקל ILS", "."),
    "hi": ("₹ रु रुपये INR Rs", "."),
    "hr": ("€ EUR eura", ","),
    "hu": ("Ft HUF forint", ","),
    "id": ("Rp Rp. IDR rupiah", ","),
    "is": ("kr kr. ISK", ","),
    "it": ("€ EUR euro", ","),
    "kn": ("₹ ರೂ INR", "."),
    "lt": ("€ EUR eurų", ","),
    "lv": ("€ EUR eiro", ","),
    "ml": ("₹ രൂപ INR", "."),
    "mr": ("₹ रु रुपये INR", "."),
    "ms": ("RM MYR ringgit", "."),
    "ne": ("रू NPR रुपैयाँ", "."),
    "nl": ("€ EUR euro", ","),
    "no": ("kr kr. NOK", ","),
    "pa": ("₹ ਰੁਪਏ INR", "."),
    "pl": ("zł PLN złotych", ","),
    "pt": ("R$ BRL € EUR reais", ","),
    "ro": ("lei RON", ","),
    "ru": ("₽ руб руб. рублей рубля RUB", ","),
    "sk": ("€ EUR eur", ","),
    "sl": ("€ EUR evrov", ","),
    "sr": ("дин din RSD динара dinara", ","),
    "sv": ("kr SEK kronor", ","),
    "sw": ("KSh TSh KES TZS shilingi", "."),
    "ta": ("₹ ரூ INR ரூபாய்", "."),
    "te": ("₹ రూ INR రూపాయలు", "."),
    "tl": ("₱ PHP piso", "."),
    "tr": ("₺ TL TRY lira", ","),
    "uk": ("₴ грн UAH гривень", ","),
    "ur": ("Rs روپے PKR", "."),
    "vi": ("₫ đ đồng VND", ","),
}
_CURRENCY_DECIMAL = {mark: decimal for marks, decimal in FOREIGN_CURRENCIES.values() for mark in marks.split()}
_CURRENCY_ALTERNATION = "|".join(re.escape(m) for m in sorted(_CURRENCY_DECIMAL, key=len, reverse=True))
#: a currency mark of :data:`FOREIGN_CURRENCIES` right before an amount ("Rp24.000", "R$ 24,50")
CURRENCY_BEFORE = re.compile(rf"(?<![\w$])(?:{_CURRENCY_ALTERNATION})[ \t]*+$")
#: one amount with the currency mark of its country before or after it, the whole of an answer
_LOCAL_AMOUNT = re.compile(
    rf"[ \t]*+(?:(?P<pre>{_CURRENCY_ALTERNATION})[ \t]*+)?(?P<sign>-?+)(?P<num>\d[\d.,]{{0,24}}+)"
    rf"(?:[ \t]*+(?P<post>{_CURRENCY_ALTERNATION}))?[ \t.]*+"
)
_DOT_THOUSANDS = re.compile(r"\d{1,3}+(?:\.\d{3})++(?:,\d++)?+|\d++,\d{1,2}+")
_COMMA_THOUSANDS = re.compile(r"\d{1,3}+(?:,\d{3})++(?:\.\d++)?+")
_PLAIN_AMOUNT = re.compile(r"\d++(?:\.\d{1,2}+)?+")


def local_amount(part: str) -> tuple[str, str] | None:
    """``part`` as one amount of money in its country's number format (:data:`FOREIGN_CURRENCIES`): the amount in
    plain decimal notation and its currency mark ("Rp24.000" is 24000 Rp, "R$ 24,50" is 24.50 R$, "24.000 đồng"
    24000 đồng); ``None`` when it is no such amount or its number is ambiguous in that format ("R$ 24,000")."""
    m = _LOCAL_AMOUNT.fullmatch(part)
    if m is None or (m.group("pre") is None) == (m.group("post") is None):
        return None
    mark = m.group("pre") or m.group("post")
    num = m.group("num").rstrip(".")
    if _CURRENCY_DECIMAL[mark] == "," and _DOT_THOUSANDS.fullmatch(num):
        num = num.replace(".", "").replace(",", ".")
    elif _CURRENCY_DECIMAL[mark] == "." and _COMMA_THOUSANDS.fullmatch(num):
        num = num.replace(",", "")
    elif not _PLAIN_AMOUNT.fullmatch(num):
        return None
    return m.group("sign") + num, mark


#: the powers of ten of Chinese, Japanese and Korean numerals written between digits ("1万2000", "1万2千", "1만 2천",
#: "2億5000万"): the large units close a group, the small ones count inside it
_CJK_LARGE_UNITS = {"亿": 10**8, "億": 10**8, "억": 10**8, "万": 10**4, "萬": 10**4, "만": 10**4}
_CJK_SMALL_UNITS = {"千": 1000, "천": 1000, "百": 100, "백": 100}
#: a numeral of digits and such units, at least one unit and a part after it
CJK_MIXED_NUMERAL = re.compile(
    r"\d{1,9}+(?:\.\d{1,6}+)?+[ \t]*+[亿億억万萬만千천百백](?:[ \t]*+\d{1,9}+(?:[ \t]*+[亿億억万萬만千천百백])?+){1,4}+"
)
_CJK_NUMERAL_PART = re.compile(r"(\d{1,9}+(?:\.\d{1,6}+)?+)[ \t]*+([亿億억万萬만千천百백]?+)")


def cjk_mixed_numeral(text: str) -> Fraction | None:
    """A numeral of digits and the units of :data:`CJK_MIXED_NUMERAL` as a number ("1万2000" is 12000, "1万2千"
    12000, "1만 2천" 12000, "2億5000万" 250000000), else ``None``; the units must fall from left to right."""
    if CJK_MIXED_NUMERAL.fullmatch(text.strip()) is None:
        return None
    total, group, last = Fraction(0), Fraction(0), 10**9
    for m in _CJK_NUMERAL_PART.finditer(text):
        value, unit = Fraction(m.group(1)), m.group(2)
        size = _CJK_LARGE_UNITS.get(unit) or _CJK_SMALL_UNITS.get(unit) or 1
        if size >= last and not (unit in _CJK_LARGE_UNITS and last in _CJK_SMALL_UNITS.values()):
            return None
        if unit in _CJK_LARGE_UNITS:
            total, group = total + (group + value) * size, Fraction(0)
        else:
            group += value * size
        last = size
    return total + group


#: the currency marks of Chinese, Japanese and Korean amounts (元 yuan, 円 yen, 원 won, and their kin)
CJK_CURRENCIES = ("元", "圆", "块", "块钱", "円", "원", "ウォン", "人民币", "日元")


def cjk_counted_numeral(text: str) -> Fraction | None:
    """``text`` as a numeral of :func:`cjk_mixed_numeral` with, after it, only a currency of
    :data:`CJK_CURRENCIES`, a classifier and its noun, or a copula (:func:`cjk_restating_tail`): "1万2000円",
    "1万2千元", "1만 2천 원", "2万3千个"; else ``None``."""
    m = CJK_MIXED_NUMERAL.match(text.strip())
    if m is None:
        return None
    after = text.strip()[m.end() :].strip(" \t。.")
    unit = max((c for c in CJK_CURRENCIES if after.startswith(c)), key=len, default="")
    rest = after[len(unit) :].strip(" \t")
    if rest and not cjk_restating_tail(rest, not unit) or unit == "" and after and not cjk_restating_tail(after):
        return None
    return cjk_mixed_numeral(m.group(0))
