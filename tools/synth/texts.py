"""Sentence sources for the synthetic corpus: Debian's fortune files, the KJV bible text (bible-kjv),
man-page prose, and generated sentences with numbers, dates, money, names, abbreviations and questions.

All sources are deterministic (sorted file lists, seeded generators). Each sentence has a source tag.
"""
import glob
import gzip
import hashlib
import os
import random
import re
import subprocess

import textnorm

ALLOWED = re.compile(r"^[A-Za-z0-9 ,.;:!?'\"$£%&()\-/]+$")


def _sentences(block):
    block = re.sub(r"\s+", " ", block).strip()
    for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", block):
        s = s.strip(" -\"")
        if ALLOWED.match(s):
            yield s


def _keep(s, min_words=3, max_words=24):
    n = len(s.split())
    return min_words <= n <= max_words and not re.search(r"[A-Z]{6,}|[:;]\s*[-)(]|\)\s*\(|--|__", s)


def fortune_sentences():
    out = []
    for path in sorted(glob.glob("/usr/share/games/fortunes/*")):
        if "." in os.path.basename(path) or os.path.isdir(path) or "/off/" in path:
            continue
        if os.path.basename(path) in ("art", "ascii-art", "linux", "perl", "computers", "startrek", "drugs", "ethnic",
                                      "men-women", "medicine", "politics", "zippy", "translate-me", "debian"):
            continue
        try:
            text = open(path, encoding="utf-8", errors="strict").read()
        except (UnicodeDecodeError, OSError):
            continue
        for fortune in text.split("\n%\n"):
            lines = [l for l in fortune.split("\n") if not re.match(r"^\s*(--|\t\t)", l)]
            for s in _sentences(" ".join(lines)):
                if _keep(s):
                    out.append(("fortune", s))
    return out


BIBLE_REFS = ["gen1:1-31", "gen2:1-25", "gen3:1-24", "gen6:1-22", "gen7:1-24", "gen37:1-36", "gen41:1-57",
              "exo14:1-31", "ruth1:1-22", "ruth2:1-23", "1sa17:1-58", "psa23:1-6", "psa104:1-35", "psa107:1-43",
              "pro3:1-35", "pro6:1-35", "ecc1:1-18", "ecc3:1-22", "isa40:1-31", "mat5:1-48", "mat6:1-34",
              "mat13:1-58", "luk2:1-52", "luk15:1-32", "joh1:1-51", "joh11:1-57", "act27:1-44", "1co13:1-13",
              "jon1:1-17", "jon2:1-10", "jon3:1-10", "jon4:1-11", "dan3:1-30", "dan6:1-28"]


def bible_sentences():
    out = []
    try:
        text = subprocess.run(["bible", "-f"] + BIBLE_REFS, capture_output=True, text=True, timeout=60,
                              stdin=subprocess.DEVNULL).stdout
    except (OSError, subprocess.SubprocessError):
        return out
    for line in text.splitlines():
        m = re.match(r"^\s*\w+:\d+\s+(.*)$", line)
        if not m:
            continue
        for clause in re.split(r"(?<=[;:.?!])\s+", m.group(1)):
            clause = clause.rstrip(";:")
            if ALLOWED.match(clause) and _keep(clause, 4, 22):
                out.append(("bible", clause))
    return out


def man_sentences(max_pages=400, max_sentences=5000):
    out = []
    pages = sorted(p for p in glob.glob("/usr/share/man/man1/*.1.gz") + glob.glob("/usr/share/man/man8/*.8.gz")
                   if not os.path.basename(p).startswith(("gcloud", "bq", "gsutil", "dotnet", "npm", "node")))
    for path in pages[:: max(1, len(pages) // max_pages)]:
        try:
            raw = gzip.open(path, "rt", encoding="utf-8", errors="replace").read()
        except (OSError, EOFError):
            continue
        paragraph = []
        for line in raw.splitlines() + [".PP"]:
            if line.startswith(".") or line.startswith("'"):
                if paragraph:
                    text = " ".join(paragraph)
                    text = re.sub(r"\\f[BIRP]|\\f\(..|\\\(..|\\[&e|^]|\\-|\\\*\(..|\\\*.|\\s[-+]?\d", "", text)
                    for s in _sentences(text):
                        if _keep(s, 5, 22) and not re.search(r"[=<>{}\[\]\\/]|\b-\w", s):
                            out.append(("man", s))
                    paragraph = []
                continue
            paragraph.append(line)
    return out[:: max(1, len(out) // max_sentences)]


FIRST = "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Susan Richard Jessica " \
        "Joseph Sarah Thomas Karen Charles Nancy Daniel Lisa Matthew Betty Anthony Margaret Mark Sandra Paul " \
        "Ashley Steven Emily Andrew Donna Kenneth Michelle Joshua Carol Kevin Amanda Brian Melissa George " \
        "Deborah Aisha Mohammed Priya Wei Olga Diego Fatima Kenji Ingrid Pedro".split()
LAST = "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez " \
       "Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Lewis " \
       "Robinson Walker Young Allen King Wright Scott Hill Green Adams Nelson Baker Hall Campbell Mitchell " \
       "Carter Roberts Okafor Nakamura Petrov Kowalski Fischer".split()
PLACES = "London Chicago Paris Boston Denver Sydney Toronto Dublin Glasgow Houston Madrid Berlin Phoenix Seattle " \
         "Atlanta Manchester Edinburgh Vancouver Auckland Nairobi Cardiff Oxford Portland Miami".split()
THINGS = "tickets books chairs computers apples bicycles lamps coats tables phones cameras boxes bottles cars " \
         "shirts umbrellas kettles radios batteries plates".split()
ORGS = ["the city council", "the BBC", "the FBI", "NASA", "the school board", "the hospital", "the UN",
        "the local library", "the football club", "the bank", "the airline", "Parliament", "the EU", "the NHS"]
VERBS = "announced reported said confirmed denied explained warned promised suggested claimed".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = [m.capitalize() for m in textnorm.MONTHS]
TITLES = ["Dr.", "Mr.", "Mrs.", "Ms.", "Prof.", "Capt.", "Gen.", "Sen."]


def _name(r):
    return (r.choice(TITLES) + " " if r.random() < 0.3 else (r.choice(FIRST) + " " if r.random() < 0.6 else "")) + r.choice(LAST)


def _money(r):
    c = r.random()
    if c < 0.4:
        return f"${r.randint(1, 999)}.{r.randint(0, 99):02d}"
    if c < 0.6:
        return f"£{r.randint(1, 5000):,}"
    if c < 0.8:
        return f"${r.randint(1, 99)}.{r.randint(1, 9)} million"
    return f"€{r.randint(2, 200)}"


def _date(r):
    c = r.random()
    if c < 0.4:
        return f"{r.choice(MONTHS)} {r.randint(1, 28)}, {r.randint(1890, 2035)}"
    if c < 0.7:
        return f"{r.choice(WEEKDAYS)} the {r.randint(1, 31)}{_suffix(r.randint(1, 31))}"
    return f"{r.choice(MONTHS)} {r.randint(1950, 2030)}"


def _suffix(n):
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _ord(n):
    return f"{n}{_suffix(n)}"


TEMPLATES = [
    lambda r: f"{_name(r)} {r.choice(VERBS)} that {r.choice(ORGS)} would spend {_money(r)} on new {r.choice(THINGS)}.",
    lambda r: f"On {_date(r)}, {r.randint(2, 9999):,} people gathered in {r.choice(PLACES)}.",
    lambda r: f"Did {_name(r)} really pay {_money(r)} for {r.randint(2, 40)} {r.choice(THINGS)}?",
    lambda r: f"The train to {r.choice(PLACES)} leaves at {r.randint(1, 12)}:{r.choice(['00', '05', '15', '30', '45', '50'])} {r.choice(['am', 'pm'])} from platform {r.randint(1, 19)}.",
    lambda r: f"Prices rose by {r.randint(1, 30)}.{r.randint(1, 9)}% in {r.randint(1995, 2029)}, {r.choice(VERBS)} {r.choice(ORGS)}.",
    lambda r: f"Why did {r.choice(ORGS)} wait until {_date(r)} to tell us?",
    lambda r: f"{_name(r)} finished {_ord(r.randint(1, 40))} out of {r.randint(41, 500)} runners in {r.choice(PLACES)}.",
    lambda r: f"Call {_name(r)} at {r.randint(100, 999)} {r.randint(1000, 9999)} before {r.randint(1, 11)} o'clock.",
    lambda r: f"How many {r.choice(THINGS)} can you buy with {_money(r)}?",
    lambda r: f"In the {r.choice([1950, 1960, 1970, 1980, 1990])}s, {r.choice(PLACES)} had about {r.randint(2, 900)},{r.randint(0, 999):03d} residents.",
    lambda r: f"The meeting at {r.randint(1, 300)} {r.choice(LAST)} St. was moved to {r.choice(WEEKDAYS)}.",
    lambda r: f"Is the {_ord(r.randint(1, 12))} floor open on {r.choice(WEEKDAYS)}s, or only during {r.choice(MONTHS)}?",
    lambda r: f"{r.choice(ORGS).capitalize()} {r.choice(VERBS)} {r.randint(2, 99)} new jobs and a budget of {_money(r)}.",
    lambda r: f"Temperatures will reach {r.randint(-5, 40)} degrees in {r.choice(PLACES)} by {r.choice(WEEKDAYS)} afternoon.",
    lambda r: f"Flight {r.choice(['BA', 'UA', 'AA', 'LH'])} {r.randint(10, 999)} to {r.choice(PLACES)} is delayed by {r.randint(2, 90)} minutes.",
]


def generated_sentences(n, seed):
    r = random.Random(seed)
    return [("generated", TEMPLATES[r.randrange(len(TEMPLATES))](r)) for _ in range(n)]


def is_heldout_text(sentence, share=0.06):
    """Stable split of texts: about `share` of all sentences are never used for training."""
    h = int(hashlib.sha1(sentence.encode()).hexdigest()[:8], 16)
    return (h % 10000) < share * 10000


def all_sentences(seed, n_generated=6000):
    """(source, written, tts_text, words) for every usable sentence, deduplicated, in a fixed order."""
    seen = set()
    out = []
    for source, s in fortune_sentences() + bible_sentences() + man_sentences() + generated_sentences(n_generated, seed):
        if s in seen:
            continue
        seen.add(s)
        tts, words = textnorm.normalize(s)
        if 3 <= len(words) <= 40:
            out.append((source, s, tts, words))
    return out


def short_phrases(sentences, n, seed, number_share=0.25):
    """n short texts (1-3 words): isolated words and short phrases as (source, written, tts_text, words).

    Most are slices of the given (training) sentences' spoken words, so the vocabulary is the training
    vocabulary; number_share are cardinal numbers 0-100 read on their own (IVR menus, counts, scores).
    Sentence-only training leaves a model that stays silent on a word said on its own.
    """
    r = random.Random(seed)
    out = []
    while len(out) < n:
        if r.random() < number_share:
            written = str(r.randint(0, 20) if r.random() < 0.6 else r.randint(21, 100))
            tts, words = textnorm.normalize(written)
            source = "number"
        else:
            words_all = sentences[r.randrange(len(sentences))][3]
            k = min(len(words_all), r.choices([1, 2, 3], [0.5, 0.3, 0.2])[0])
            i = r.randrange(len(words_all) - k + 1)
            words = words_all[i:i + k]
            written = tts = " ".join(words)
            source = "slice"
        if words:
            out.append((source, written, tts, list(words)))
    return out
