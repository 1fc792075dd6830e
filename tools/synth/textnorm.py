"""Written English -> spoken form (lower-case words of a-z and apostrophe) for TTS and CTC targets.

normalize(text) returns (tts_text, words): tts_text keeps sentence punctuation (commas, full stops,
question marks) so that the engines phrase naturally; words is the list of spoken words that the
engines are asked to say, one entry per word event.
"""
import re

ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen " \
       "sixteen seventeen eighteen nineteen".split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
ORD_IRREGULAR = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                 "nine": "ninth", "twelve": "twelfth"}
MONTHS = "january february march april may june july august september october november december".split()
ABBREVIATIONS = {
    "dr.": "doctor", "mr.": "mister", "mrs.": "missus", "ms.": "miz", "st.": "street", "ave.": "avenue",
    "jr.": "junior", "sr.": "senior", "prof.": "professor", "no.": "number", "vs.": "versus", "etc.": "et cetera",
    "e.g.": "for example", "i.e.": "that is", "approx.": "approximately", "dept.": "department",
    "gov.": "governor", "sen.": "senator", "rep.": "representative", "gen.": "general", "capt.": "captain",
    "mt.": "mount", "ft.": "feet", "lb.": "pounds", "oz.": "ounces", "km": "kilometres", "kg": "kilograms",
    "mph": "miles per hour", "&": "and", "%": "percent", "+": "plus", "=": "equals", "@": "at",
}
LETTER_ACRONYMS = re.compile(r"^[A-Z]{2,5}s?$")
SPELLED_AS_WORDS = {"NASA", "NATO", "UNESCO", "OPEC", "FIFA", "UNICEF", "AIDS", "LASER", "RADAR", "SCUBA"}


def number_words(n):
    """Cardinal number words for 0 <= n < 10**12."""
    n = int(n)
    if n < 0:
        return ["minus"] + number_words(-n)
    if n < 20:
        return [ONES[n]]
    if n < 100:
        return [TENS[n // 10]] + ([ONES[n % 10]] if n % 10 else [])
    if n < 1000:
        return [ONES[n // 100], "hundred"] + (number_words(n % 100) if n % 100 else [])
    for size, name in ((10 ** 9, "billion"), (10 ** 6, "million"), (1000, "thousand")):
        if n >= size:
            return number_words(n // size) + [name] + (number_words(n % size) if n % size else [])
    raise ValueError(n)


def ordinal_words(n):
    words = number_words(n)
    last = words[-1]
    if last in ORD_IRREGULAR:
        words[-1] = ORD_IRREGULAR[last]
    elif last.endswith("y"):
        words[-1] = last[:-1] + "ieth"
    else:
        words[-1] = last + "th"
    return words


def year_words(y):
    y = int(y)
    if 2000 <= y < 2010:
        return number_words(y)
    if 1100 <= y < 2100 and y % 100 != 0:
        hi, lo = divmod(y, 100)
        return number_words(hi) + (["oh"] + number_words(lo) if lo < 10 else number_words(lo))
    if 1100 <= y < 2100:
        return number_words(y // 100) + ["hundred"]
    return number_words(y)


def digits_words(s):
    return [ONES[int(c)] for c in s]


def _money(m):
    whole = int(m.group(2).replace(",", ""))
    scale = m.group(4)
    unit = {"$": ("dollar", "dollars", "cent", "cents"), "£": ("pound", "pounds", "penny", "pence"),
            "€": ("euro", "euros", "cent", "cents")}[m.group(1)]
    if scale:
        words = _decimal(m.group(2).replace(",", "") + ("." + m.group(3) if m.group(3) else ""))
        return words + [scale.lower(), unit[1]]
    cents = int((m.group(3) or "0")[:2].ljust(2, "0"))
    words = number_words(whole)
    words += [unit[0] if whole == 1 else unit[1]]
    if cents:
        words += ["and"] + number_words(cents) + [unit[2] if cents == 1 else unit[3]]
    return words


TOKEN_RULES = [
    (re.compile(r"^([$£€])(\d[\d,]*)(?:\.(\d+))?(?:\s?(million|billion|thousand))?$", re.I), _money),
    (re.compile(r"^(\d{1,2}):(\d\d)(am|pm|a\.m\.|p\.m\.)?$", re.I),
     lambda m: number_words(int(m.group(1))) + (
         [] if m.group(2) == "00" and not m.group(3) else
         (["o'clock"] if m.group(2) == "00" else (["oh"] + number_words(int(m.group(2))) if m.group(2)[0] == "0"
                                                  else number_words(int(m.group(2)))))) +
     ([c for c in m.group(3).lower() if c.isalpha()] if m.group(3) else [])),
    (re.compile(r"^(\d{1,2})(am|pm)$", re.I), lambda m: number_words(int(m.group(1))) + list(m.group(2).lower())),
    (re.compile(r"^(\d+)(st|nd|rd|th)$", re.I), lambda m: ordinal_words(int(m.group(1)))),
    (re.compile(r"^(\d+(?:\.\d+)?)%$"), lambda m: _decimal(m.group(1)) + ["percent"]),
    (re.compile(r"^(1[1-9]\d\d|20\d\d)s$"), lambda m: year_words(int(m.group(1)))[:-1] + [
        _plural_number(year_words(int(m.group(1)))[-1])]),
    (re.compile(r"^(1[1-9]\d\d|20\d\d)$"), lambda m: year_words(int(m.group(1)))),
    (re.compile(r"^\d{1,3}(,\d{3})+$"), lambda m: number_words(int(m.group(0).replace(",", "")))),
    (re.compile(r"^\d+\.\d+$"), lambda m: _decimal(m.group(0))),
    (re.compile(r"^\d{1,9}$"), lambda m: number_words(int(m.group(0)))),
    (re.compile(r"^\d{10,}$"), lambda m: digits_words(m.group(0))),
]


def _plural_number(w):
    return w[:-1] + "ies" if w.endswith("y") else w + "s"


def _decimal(s):
    whole, _, frac = s.partition(".")
    words = number_words(int(whole))
    if frac:
        words += ["point"] + digits_words(frac)
    return words


def _word_forms(token):
    """Spoken words for one whitespace token with its surrounding punctuation removed."""
    low = token.lower()
    if low in ABBREVIATIONS:
        return ABBREVIATIONS[low].split()
    for rx, fn in TOKEN_RULES:
        m = rx.match(token)
        if m:
            return fn(m)
    if LETTER_ACRONYMS.match(token) and token.rstrip("s") not in SPELLED_AS_WORDS:
        plural = token.endswith("s") and len(token) > 2
        letters = [c.lower() for c in (token[:-1] if plural else token)]
        if plural:
            letters[-1] += "'s"
        return letters
    out = []
    for part in re.split(r"[-/–—]+", token):
        part = re.sub(r"[^A-Za-z0-9']", "", part).strip("'").lower()
        if not part:
            continue
        if re.fullmatch(r"\d+", part):
            out += number_words(int(part)) if len(part) < 10 else digits_words(part)
        elif re.fullmatch(r"[a-z']+", part):
            out.append(part)
        else:
            # letters and digits mixed (e.g. "mp3"): say each run
            for run in re.findall(r"[a-z']+|\d+", part):
                out += number_words(int(run)) if run.isdigit() and len(run) < 10 else ([run] if not run.isdigit() else digits_words(run))
    return out


_DIGIT_GROUP = re.compile(r"\+?\d+")
_HYPHENATED_DIGITS = re.compile(r"\+?\d+(?:-\d+)+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _bare(raw):
    """A whitespace token without its surrounding quotes, brackets and trailing sentence punctuation."""
    return re.sub(r"[.,;:!?]+$", "", raw.strip("\"'()[]{}<>*_`")).strip("\"'()[]{}<>*_`")


def _ends_phrase(raw):
    t = raw.rstrip("\"'”’")
    return bool(t) and t[-1] in ",;:.!?"


def _pair_is_code(a, b):
    if not _DIGIT_GROUP.fullmatch(a) or not _DIGIT_GROUP.fullmatch(b):
        return False

    def marked(g):
        return g[0] == "+" or (len(g) > 1 and g[0] == "0")

    def year_like(g):
        return len(g) == 4 and g[0] in "12" and g <= "2099"
    if marked(a) or marked(b):
        return True
    return len(a) >= 3 and len(b) >= 3 and not (year_like(a) and year_like(b))


def is_digit_code(key, raw, prev=None, nxt=None):
    """The C# normaliser's rule (Text/TextNormalizer.IsDigitCode): a digit group is a code read digit by digit when it
    has a leading zero or a "+", or stands next to another group (a space apart, no punctuation between) when either
    has a leading zero or "+" or both have 3+ digits and they are not two numbers 1000-2099 ("555 1234", not
    "1995 2000"); a word of hyphenated groups ("555-1234") is judged on its own groups; an ISO date is not a code."""
    if _DIGIT_GROUP.fullmatch(key):
        if key[0] == "+" or (len(key) > 1 and key[0] == "0"):
            return True
        return bool((prev is not None and not _ends_phrase(prev) and _pair_is_code(key, _bare(prev)))
                    or (nxt is not None and not _ends_phrase(raw) and _pair_is_code(key, _bare(nxt))))
    if not _HYPHENATED_DIGITS.fullmatch(key) or _ISO_DATE.fullmatch(key):
        return False
    groups = key.split("-")
    return any(_pair_is_code(groups[i], groups[i + 1]) for i in range(len(groups) - 1))


def code_words(key):
    return (["plus"] if key[0] == "+" else []) + digits_words(key.replace("+", "").replace("-", ""))


_DATE = re.compile(r"\b(" + "|".join(m.capitalize() for m in MONTHS) + r")\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")


def normalize(text):
    """Returns (tts_text, words) for a written English sentence."""
    tts, words, _ = normalize_tokens(text)
    return tts, words


def normalize_tokens(text):
    """Returns (tts_text, words, tokens): tokens lists (written_token, [spoken words]) for every written
    whitespace token that is spoken, in order, so that a caption line of written tokens maps to its words."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = _DATE.sub(lambda m: f"{m.group(1)} {m.group(2)}th {m.group(3)}" if m.group(2) not in ("1", "2", "3", "21", "22", "23", "31")
                     else f"{m.group(1)} {m.group(2)}{ {'1': 'st', '21': 'st', '31': 'st', '2': 'nd', '22': 'nd', '3': 'rd', '23': 'rd'}[m.group(2)]} {m.group(3)}", text)
    text = re.sub(r"\b(\d{1,2}(?::\d\d)?)\s*([AaPp])\.?[Mm]\.?(?=\W|$)", lambda m: m.group(1) + m.group(2).lower() + "m", text)
    text = re.sub(r"([$£€]\d[\d,]*(?:\.\d+)?)\s+(million|billion|thousand)\b", r"\1_\2", text)
    words, pieces, tokens = [], [], []
    raws = text.split()
    for i, raw in enumerate(raws):
        raw = raw.replace("_", " ")
        trailing = ""
        m = re.search(r"[.,;:!?]+[\"')\]]*$", raw)
        core = raw
        if m and raw.lower() not in ABBREVIATIONS and not re.fullmatch(r"(?:[a-zA-Z]\.){2,}", raw):
            trailing = m.group(0)
            core = raw[:m.start()]
        core = core.strip("\"'()[]{}<>*_`")
        if is_digit_code(core, raw, raws[i - 1] if i > 0 else None, raws[i + 1] if i + 1 < len(raws) else None):
            forms = code_words(core)
        elif " " in core and not TOKEN_RULES[0][0].match(core):
            forms = []
            for sub in core.split():
                forms += _word_forms(sub)
        else:
            forms = _word_forms(core) if core else []
        forms = [w for w in forms if re.fullmatch(r"[a-z]+(?:'[a-z]+)*", w)]
        if not forms:
            if tokens:
                tokens[-1] = (tokens[-1][0] + " " + raw, tokens[-1][1])
            continue
        words += forms
        tokens.append((raw, forms))
        punct = ""
        if trailing:
            punct = "?" if "?" in trailing else "." if re.search(r"[.!]", trailing) else ","
        pieces.append(" ".join(forms) + punct)
    return " ".join(pieces), words, tokens
