"""English names found in Thai script by the consonants they sound with.

A dictionary cannot hold every person, place and band a question names, and Thai writes
foreign and Thai names in its own script: "Rabil Bunnag" is ราบิล บุนนาค, "Edmund Beaufort"
เอ็ดมันด์ โบฟอร์ต. Both spellings are reduced to a *skeleton* of consonant classes (vowels,
h and silent letters dropped; p/b/f/v one class, l/r one class, and so on: Thai renders an
English sound with any of several letters, and an English spelling says a Thai letter in
several ways), and a name is found in a Thai text where its skeleton appears with at most
one letter added, dropped or changed (exactly, for a short one).

``find_names(words, text)`` gives, for each English word, the Thai spellings of it in
``text``; ``best_spellings`` the likeliest one over several texts. The searcher runs it over an
English question's nearest Thai passages and adds what it finds to the question's Thai forms
(``indexer.query_translation.thai_form`` for BM25, ``reading_form`` for the answer models).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

# Thai consonants by the class of their sound as the first letter of a syllable
_THAI_CLASSES = {
    "K": "กขฃคฅฆ", "P": "บปผฝพฟภ", "T": "ฎฏฐฑฒดตถทธ", "S": "ศษสซ", "C": "จฉชฌ",
    "M": "ม", "N": "ณนง", "L": "รลฬฤฦ", "W": "ว", "Y": "ยญ",
}
_THAI_TABLE = {ord(c): k for k, chars in _THAI_CLASSES.items() for c in chars}
# อ ห ฮ (a vowel's seat, h), vowels, tone marks, the repetition and abbreviation marks: nothing
_THAI_TABLE.update({ord(c): None for c in "อหฮ"})
_THAI_TABLE.update({cp: None for cp in range(0x0E30, 0x0E4F) if chr(cp) not in "ฯ"})
_THAI_TABLE[ord("ำ")] = "M"     # sara am: a + m ("คำ" kham)
_THAI_TABLE[ord("ฯ")] = None
_SILENT = re.compile("[ก-ฮ][ิุ]?์")     # a letter the karan silences ("ด์", "ร์", "ตร์" half)
# vowels written with a consonant letter: ย of เ-ีย and เ-ือ, ว of -ัว, ย closing a syllable
# after a vowel ("เชียปัส" Chiapas, "กัวลา" Kuala, "ชัยวุฒิ" Chaiwut, "นาย"), and the ว of a
# closed -ว- between two consonants (RTGS ua: "สวนหลวง" Suan Luang, "ส่วน", "ควร") and the ว
# closing -าว (RTGS ao: "ไข่ดาว" khai dao)
# (each alternative opens with its letter, the context looked at behind it: the search skips
# to the next ย or ว)
_CLOSED_UA = re.compile("ว(?<=[ก-ฮ]ว)(?=[ก-ฮ])|ว(?<=[ก-ฮ][่-๋]ว)(?=[ก-ฮ])")
_VOWEL_LETTER = re.compile("ย(?:(?<=[ีื]ย)|(?<=[าัีืูอ]ย)(?![ะ-ฺ็-๋]))"
                           f"|ว(?:(?<=ัว)|(?<=าว)(?![ะ-ู]))|{_CLOSED_UA.pattern}")
# a vowel letter while the silent letters are found: an unassigned code point of the Thai block
# (nothing in _THAI_TABLE, inside a run of Thai letters)
_MUTED = "\u0e3b"
# ห before a low sonorant only raises its tone: "หลวง" luang, "หนอง" nong
_TONE_H = re.compile("ห(?=[งญนมยรลว])")
_NOT_THAI = re.compile("[^\u0e01-\u0e4e]")
_RUN_OF_CLASS = re.compile(r"([^|])\1+")

# English spellings, longest first, to the same classes
_ENGLISH_UNITS = (
    ("tch", "C"), ("sch", "S"), ("ch", "C"), ("sh", "C"), ("th", "T"), ("ph", "P"), ("kh", "K"),
    ("gh", "K"), ("ck", "K"), ("c", "K"), ("ng", "N"), ("ts", "S"), ("x", "KS"), ("qu", "KW"),
    ("k", "K"), ("g", "K"), ("q", "K"), ("p", "P"), ("b", "P"), ("f", "P"), ("v", "V"),
    ("t", "T"), ("d", "T"), ("s", "S"), ("z", "S"), ("j", "J"), ("m", "M"), ("n", "N"),
    ("l", "L"), ("r", "L"), ("w", "W"), ("y", "Y"),
)
_SOFT_C = re.compile("c(?=[eiy])")
_SILENT_R = re.compile("(?<=[aeiouy])r(?![aeiouy])")   # "Beaufort" โบฟอร์ต, "Kashmir" แคชเมียร์
_VOWEL_Y = re.compile("(?<=[aeiou])y(?![aeiou])")         # "Thaksin", "Chiang Mai", "Nay": a vowel
MIN_SKELETON = 3     # a shorter name ("Zuma": SM) is found everywhere
MAX_NAMES = 6        # name words looked for per question: a question names a few, a flood costs time


def _collapse(skeleton: str) -> str:
    """One of each run of a class: "Bunnag" and บุนนาค both PNK, "Aosta" and อาออสตา (and of
    skeletons joined by "|", each part's)."""
    return _RUN_OF_CLASS.sub(_first, skeleton)


def _first(match: re.Match) -> str:   # (a function replaces faster than the template r"\1")
    return match.group(1)


@lru_cache(maxsize=4096)
def english_skeleton(word: str) -> str:
    """The consonant classes of an English (Latin-script) word."""
    w = _VOWEL_Y.sub("", _SILENT_R.sub("", _SOFT_C.sub("s", word.lower())))
    out, i = [], 0
    while i < len(w):
        for spelling, cls in _ENGLISH_UNITS:
            if w.startswith(spelling, i):
                out.append(cls)
                i += len(spelling)
                break
        else:
            i += 1      # a vowel, h, a digit or a sign
    return _collapse("".join(out))


def thai_skeleton(text: str) -> str:
    """The consonant classes of a run of Thai letters."""
    return _collapse(_mute(text).translate(_THAI_TABLE))


def _mute(text: str) -> str:
    """``text`` without its silent letters and with its vowel letters as ``_MUTED`` (both found
    in the text as written, as ``_letters_of`` finds them)."""
    return _SILENT.sub("", _VOWEL_LETTER.sub(_MUTED, text))


def _letters_of(run: str) -> list[int]:
    """For each letter of ``thai_skeleton(run)`` before collapsing, the offset in ``run`` of
    the consonant it came from."""
    silent = {m.start() for m in _VOWEL_LETTER.finditer(run)}
    for m in _SILENT.finditer(run):
        silent.update(range(m.start(), m.end()))
    return [i for i, c in enumerate(run) if i not in silent and _THAI_TABLE.get(ord(c)) is not None]


# a name's last consonant is often a Thai syllable's final, read t, n, k or p whatever its
# letter: "Thanet" ธเนศ, "Manuel" มานูเอน
_FINAL = {"T": "[TSC]", "S": "[STC]", "C": "[CTS]", "L": "[LN]", "N": "[NL]"}


@lru_cache(maxsize=1024)
def _patterns(skeleton: str) -> tuple[re.Pattern, ...]:
    """A skeleton as itself, its last class read as a final; from 4 classes also with one class
    dropped, changed or added inside: the tighter ways first (``_places`` takes the first that
    matches a run). English j is จ or ย ("Jafarov" ยาฟารอฟ), v ฟ or ว ("Vongdara" วงดาลา)."""
    def form(s: str) -> str:
        return ((re.escape(s[:-1]) + _FINAL.get(s[-1], re.escape(s[-1])))
                .replace("@", "[A-Z]").replace("J", "[CY]").replace("V", "[PW]"))
    ways = [[form(skeleton)]]
    if len(skeleton) >= 4:
        n = len(skeleton)
        ways.append([form(skeleton[:i] + skeleton[i + 1:]) for i in range(n)])
        ways.append([form(skeleton[:i] + "@" + skeleton[i + 1:]) for i in range(n)])
        ways.append([form(skeleton[:i] + "@" + skeleton[i:]) for i in range(1, n)])
    return tuple(re.compile("|".join(dict.fromkeys(way))) for way in ways)


_LEADING = "เแโใไ"
_MARKS = "".join(chr(c) for c in range(0x0E30, 0x0E4F) if chr(c) not in _LEADING)
_SYLLABLE_HEAD = re.compile(f"[{_LEADING}]?[อห][{_MARKS}]*$|[{_LEADING}]$")


def _expand(run: str, start: int, end: int) -> tuple[int, int]:
    """``run[start:end]`` (first and last matched consonant) widened to whole syllables: back
    over a leading vowel and the อ or ห that opens the syllable ("เอ็|ดมันด์"), on over the
    vowel signs, tone marks and silenced letters after the last consonant (not over the next
    syllable's leading vowel or consonant)."""
    head = _SYLLABLE_HEAD.search(run, 0, start)
    if head is not None:
        start = head.start()
    while end < len(run):
        if run[end] in _MARKS:
            end += 1
        elif end + 1 < len(run) and run[end + 1] == "์":
            end += 2
        elif _VOWEL_LETTER.match(run, end):
            end += 1
        else:
            break
    return start, end


@lru_cache(maxsize=1024)
def _text_skeleton(text: str) -> tuple[str, tuple[str, ...], tuple[int, ...]]:
    """(the skeletons of ``text``'s runs of Thai letters joined by "|", the runs, where each
    run's skeleton starts in the joined string): one search per pattern and text, and a
    passage many questions reach is reduced once. The whole text is reduced at once: each run's
    part is ``thai_skeleton(run)`` (silent letters are found in a run as in the text, since
    what stands next to a run is no Thai letter)."""
    pieces = _NOT_THAI.split(text)
    reduced = _NOT_THAI.sub("|", _mute(text)).translate(_THAI_TABLE).split("|")
    runs = tuple(piece for piece in pieces if piece)
    if not runs:
        return "", (), ()
    parts = _collapse("|".join(r for r, piece in zip(reduced, pieces) if piece)).split("|")
    starts, at = [], 0
    for part in parts:
        starts.append(at)
        at += len(part) + 1
    return "|".join(parts), runs, tuple(starts)


def _places(words: tuple[str, ...], texts: list[str]):
    """(word, tier, run, start, end) for each English word of ``words`` whose skeleton has at
    least ``MIN_SKELETON`` classes and each run of Thai letters in ``texts`` whose skeleton
    holds the word's: ``run[start:end]`` spells it, by the ``tier``-th of ``_patterns`` (0:
    exactly; a run is given for its tightest tier only), in the order of the texts. The texts'
    skeletons are searched as one string: one search per pattern."""
    wanted = {w: english_skeleton(w) for w in words}
    wanted = {w: s for w, s in wanted.items() if len(s) >= MIN_SKELETON}
    if not wanted:
        return
    parts, runs, starts, at = [], [], [], 0
    for text in texts:
        joined, text_runs, text_starts = _text_skeleton(text)
        if text_runs:
            parts.append(joined)
            runs += text_runs
            starts += [at + s for s in text_starts]
            at += len(joined) + 1
    joined = "|".join(parts)
    for word, target in wanted.items():
        done: set[int] = set()
        for tier, pattern in enumerate(_patterns(target)):
            for hit in pattern.finditer(joined):
                k = bisect_right(starts, hit.start()) - 1
                if k not in done:
                    done.add(k)
                    at = starts[k]
                    yield (word, tier, runs[k], *_letters_span(runs[k], hit.start() - at, hit.end() - at))


def find_names(words: tuple[str, ...], text: str) -> dict[str, list[str]]:
    """For each English word of ``words``, the Thai spellings of it in ``text`` that its
    consonants allow (``_places``), in order of appearance; words with none left out."""
    found: dict[str, list[str]] = {}
    for word, _, run, start, end in _places(words, [text]):
        if run[start:end] not in found.setdefault(word, []):
            found[word].append(run[start:end])
    return {w: s for w, s in found.items() if s}


def _letters_span(run: str, first: int, last: int) -> tuple[int, int]:
    """Where in ``run`` its collapsed skeleton letters ``first`` .. ``last`` - 1 are written,
    widened to whole syllables (``_expand``)."""
    offsets = _letters_of(run)
    classes = [_THAI_TABLE[ord(run[i])] for i in offsets]
    starts = [k for k in range(len(classes)) if k == 0 or classes[k] != classes[k - 1]]
    # collapsed letter j is uncollapsed letters starts[j] .. starts[j + 1] - 1: the name ends
    # at the first of its last ("กาลิบ|เป็น": บ and ป are one P)
    return _expand(run, offsets[starts[first]], offsets[starts[last - 1]] + 1)


@lru_cache(maxsize=4096)
def _word_edges(run: str) -> frozenset[int]:
    """The offsets in ``run`` where ``newmm`` starts or ends a word."""
    from pythainlp.tokenize import word_tokenize

    edges, at = {0}, 0
    for token in word_tokenize(run, engine="newmm"):
        at += len(token)
        edges.add(at)
    return frozenset(edges)


MIN_SIMILARITY = 0.7   # of a spelling's romanisation to the English word (difflib ratio; valid: 0.5-0.7 alike)


# Thai letters in rough Latin letters, as RTGS writes a syllable's first consonant and its vowel
_LATIN = {ord(k): v for k, v in {
    "ก": "k", "ข": "kh", "ฃ": "kh", "ค": "kh", "ฅ": "kh", "ฆ": "kh", "ง": "ng", "จ": "ch", "ฉ": "ch",
    "ช": "ch", "ซ": "s", "ฌ": "ch", "ญ": "y", "ฎ": "d", "ฏ": "t", "ฐ": "th", "ฑ": "th", "ฒ": "th",
    "ณ": "n", "ด": "d", "ต": "t", "ถ": "th", "ท": "th", "ธ": "th", "น": "n", "บ": "b", "ป": "p",
    "ผ": "ph", "ฝ": "f", "พ": "ph", "ฟ": "f", "ภ": "ph", "ม": "m", "ย": "y", "ร": "r", "ฤ": "rue",
    "ล": "l", "ฦ": "lue", "ว": "w", "ศ": "s", "ษ": "s", "ส": "s", "ห": "h", "ฬ": "l", "อ": "o",
    "ฮ": "h", "ะ": "a", "ั": "a", "า": "a", "ำ": "am", "ิ": "i", "ี": "i", "ึ": "ue", "ื": "ue",
    "ุ": "u", "ู": "u", "เ": "e", "แ": "ae", "โ": "o", "ใ": "ai", "ไ": "ai"}.items()}
_LATIN.update({cp: None for cp in range(0x0E30, 0x0E4F) if cp not in _LATIN})
_LATIN[ord("ฯ")] = None
# a leading vowel is said after the consonant (and its r, l or w) it is written before
_LEADING_VOWEL = re.compile(f"([{_LEADING}])([ก-ฮ](?:[รลว](?=[ะ-ู็-๋]))?)")


def rough_latin(spelling: str) -> str:
    """The Thai ``spelling`` in rough Latin letters: silenced letters dropped, leading vowels
    moved after their consonant, each letter as RTGS writes it at a syllable's start ("ชัยวุฒิ"
    chaywuthi). As good as PyThaiNLP's RTGS romaniser at telling a name's spelling from other
    words (iApp train English questions: the spelling found in the gold context 0.366 vs 0.358,
    in 10 other contexts 0.073 vs 0.089 at 0.7), and some hundred times faster."""
    spelling = _TONE_H.sub("", _CLOSED_UA.sub("ุา", _SILENT.sub("", spelling)))   # ุา: "ua"
    return _LEADING_VOWEL.sub(r"\2\1", spelling).translate(_LATIN)


def similarity(word: str, spelling: str) -> float:
    """How alike ``word`` and the Thai ``spelling`` in rough Latin letters are (0..1): the
    skeleton finds where a name may be, this weighs the vowels too ("Trump" ทรัมป์ 0.6,
    "Surak" สุรักษ์ 1.0, "Cleopatra" กระบวน 0.27)."""
    from difflib import SequenceMatcher

    def heard(latin: str) -> str:   # as the skeleton does: w and v, r and l one sound
        return latin.lower().replace("v", "w").replace("r", "l")
    return SequenceMatcher(None, heard(rough_latin(spelling)), heard(word)).ratio()


def best_spellings(words: tuple[str, ...], texts: list[str],
                   min_similarity: float = MIN_SIMILARITY) -> dict[str, str]:
    """For each English word, its likeliest Thai spelling in ``texts``: of the places
    ``_places`` finds, in the tightest tier that has one, the most similar spelling
    (``similarity``) that reaches ``min_similarity`` and starts and ends where the word
    segmenter starts and ends words (a name is cut into syllables, but not across its edges:
    "ใจว่าด้|วย" is no "Chaiwut") and is not made of function words only ("แห่งของ" is no
    "Hin Kong"); words with none are left out."""
    places: dict[str, dict[int, dict[str, tuple[str, int, int]]]] = {}
    for word, tier, run, start, end in _places(words, texts):
        places.setdefault(word, {}).setdefault(tier, {}).setdefault(run[start:end], (run, start, end))
    best: dict[str, str] = {}
    for word, tiers in places.items():
        for tier in sorted(tiers):
            scored = sorted(((similarity(word, s), s) for s in tiers[tier]), reverse=True)
            for score, spelling in scored:
                if score < min_similarity:
                    break
                run, start, end = tiers[tier][spelling]
                edges = _word_edges(run)
                if start in edges and end in edges and not _function_words(run, start, end, edges):
                    best[word] = spelling
                    break
            if word in best:
                break
    return best


def _function_words(run: str, start: int, end: int, edges: frozenset[int]) -> bool:
    """Whether the words of ``run[start:end]`` (cut at ``edges``) are all Thai stopwords."""
    from indexer.analysis import _stopwords

    cuts = sorted(e for e in edges if start <= e <= end)
    return all(run[a:b] in _stopwords() for a, b in zip(cuts, cuts[1:]))


# a word the Royal Thai General System could have written: syllables of an initial consonant or
# cluster, a vowel and a final ("pla kraben pak laem", "saiyasat"; not "stingray", "climbing")
_RTGS_INITIALS = ("khr", "khl", "khw", "phr", "phl", "thr", "kr", "kl", "kw", "pr", "pl", "tr", "br", "bl",
                  "fr", "fl", "dr", "kh", "ph", "th", "ch", "ng", *"bdfhklmnprstwy", "")
_RTGS_VOWELS = ("ueai", "uea", "iao", "aeo", "uai", "oei", "ae", "oe", "ue", "ia", "ua", "ai", "ao", "ui",
                "oi", "eo", "iu", "am", *"aeiou")
_RTGS_FINALS = ("ng", *"kptnm", "")
MAX_RTGS_CHARS = 40   # a longer word is no one's RTGS


@lru_cache(maxsize=4096)
def reads_as_thai(word: str) -> bool:
    """Whether ``word`` is spelled as RTGS spells Thai words (hyphens ignored: "Sa-nga"): it
    splits into syllables of an initial or cluster, a vowel and a final. Found position by
    position (which places a syllable can end at), in time linear in the word: a regular
    expression of the same syllables backtracks through every way to split "aeaeae..." (2^n)."""
    w = word.lower().replace("-", "")
    if not w or len(w) > MAX_RTGS_CHARS:
        return False
    reach = [True] + [False] * len(w)
    for i in range(len(w)):
        if not reach[i]:
            continue
        for initial in _RTGS_INITIALS:
            if not w.startswith(initial, i):
                continue
            j = i + len(initial)
            for vowel in _RTGS_VOWELS:
                if w.startswith(vowel, j):
                    k = j + len(vowel)
                    for final in _RTGS_FINALS:
                        if w.startswith(final, k):
                            reach[k + len(final)] = True
    return reach[-1]


def name_runs(query: str) -> tuple[tuple[tuple[str, bool], ...], ...]:
    """The words of an English question to look for in Thai script, in runs of adjacent words,
    each with whether it is looked for alone: the names of ``name_words`` and the lower-case
    words no dictionary knows that read as Thai in RTGS (``reads_as_thai``: "What is the pla
    kraben pak laem stingray?"), at most ``MAX_NAMES`` words in all. A Thai name or word written
    in Latin letters is often cut into its syllables ("Suan Luang" สวนหลวง, "kot kak kra"
    โกฐกักกรา): ``spell_runs`` tries each run joined before its parts. A word the dictionary
    knows as the Thai word it spells (``_transliterated``) joins the run it stands next to, but
    is not looked for alone ("pla bua" ปลาบัว, "Luang Pho Phra Phuttha Phrom")."""
    from indexer.analysis import ENGLISH_STOPWORDS, s_stem
    from indexer.query_translation import WORD_ANY_CASE, untranslated

    names = set(name_words(query, limit=None))
    kept = set(untranslated(query, common=True))   # not even the common words ("like", "set") know it
    runs: list[list[tuple[str, bool]]] = [[]]
    count = 0
    for n, token in enumerate(WORD_ANY_CASE.findall(query)):
        if count == MAX_NAMES:
            break
        token = token.removesuffix("'s")
        low = token.lower()
        thai = n > 0 and low not in ENGLISH_STOPWORDS and reads_as_thai(low)
        alone = token in names or (thai and token.islower() and s_stem(low) in kept)
        if alone or (thai and _transliterated(low)):
            if (token, alone) not in runs[-1]:
                runs[-1].append((token, alone))
                count += 1
        elif runs[-1]:
            runs.append([])
    return tuple(tuple(run) for run in runs if any(alone for _, alone in run))


JOINER_SIMILARITY = 0.6   # "wat" วัด 0.67: a final is written as its initial ("wad")


def _transliterated(word: str) -> bool:
    """Whether the dictionary's Thai for ``word`` is the Thai word RTGS spells ("pla" ปลา,
    "phra" พระ, "wat" วัด; not "song" เพลง, "man" ผู้ชาย)."""
    from indexer.query_translation import reading_form

    return any(similarity(word, thai) >= JOINER_SIMILARITY for thai in (reading_form(word) or "").split())


def spell_runs(runs: tuple[tuple[tuple[str, bool], ...], ...], texts: list[str]) -> list[str]:
    """The Thai spellings ``texts`` hold of the words of ``runs`` (``name_runs``), in question
    order: each run's spans of adjacent words joined ("SuanLuang"), the longest spelled span
    first (``best_spellings``), then the words it leaves (a word alone only if it is looked for
    alone)."""
    spans = {}
    for r, run in enumerate(runs):
        for size in range(len(run), 0, -1):
            for start in range(len(run) - size + 1):
                if size > 1 or run[start][1]:
                    spans.setdefault("".join(w for w, _ in run[start:start + size]), (r, start, size))
    spelled = best_spellings(tuple(spans), texts)
    used: set[tuple[int, int]] = set()
    chosen = []
    for joined, (r, start, size) in sorted(spans.items(), key=lambda kv: (-kv[1][2], kv[1][:2])):
        words = {(r, i) for i in range(start, start + size)}
        if joined in spelled and not words & used:
            used |= words
            chosen.append(((r, start), spelled[joined]))
    return [spelling for _, spelling in sorted(chosen)]


def name_words(query: str, limit: int | None = MAX_NAMES) -> tuple[str, ...]:
    """The words of an English question that may be names to look for in Thai script: those
    capitalised after the first word that the English -> Thai dictionary kept as they are
    (``query_translation.untranslated``) and the glossary has no concept for (countries, MoU),
    not numbers, possessive 's dropped; the first ``MAX_NAMES`` of them. Not acronyms: releases
    in Thai keep most in Latin letters, and where one spells an acronym in Thai ("BIMSTEC"
    บิมสเทค) the Thai release came before the English one an English question asked about
    (thaigov dev)."""
    from indexer.analysis import CONCEPT_PREFIX, query_analysis, s_stem
    from indexer.query_translation import WORD_ANY_CASE, untranslated

    kept = set(untranslated(query))
    words = []
    for n, token in enumerate(WORD_ANY_CASE.findall(query)):
        token = token.removesuffix("'s")
        parts = [s_stem(p) for p in token.lower().split("-")]   # "Phu-ari": its parts were kept
        if n > 0 and token[:1].isupper() and not token.isupper() and not token.isdigit() and (
                s_stem(token.lower()) in kept or all(p in kept for p in parts)) and not any(
                u.startswith(CONCEPT_PREFIX) for u in query_analysis(token)[1]):
            words.append(token)
    return tuple(dict.fromkeys(words))[:limit]
