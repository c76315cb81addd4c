"""Thailand's ministries under one key in Thai and in English, for telling apart two reports
that name different signing ministries in different languages.

"กระทรวงแรงงาน" in a Thai report and "Ministry of Industry" in an English one are two different
ministries: two mentions of MoUs with the same partner country signed by them are not one
agreement (``indexer.agreements.link``). A party value maps to a key only when it is the
ministry itself or one of its offices named with it ("สำนักงานปลัดกระทรวงศึกษาธิการ"), written
as Thailand writes it: a foreign ministry ("กระทรวงพาณิชย์ของกัมพูชา", "Ministry of Economy,
Trade and Industry") maps to nothing. General vocabulary: the nineteen ministries of 2020-2023
from the government's own list (the Office of the Prime Minister, of ministry rank, is not in
it), not from any judged text.
"""
from __future__ import annotations

import re

# key -> (Thai name without "กระทรวง", English names without "Ministry of")
MINISTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "defence": ("กลาโหม", ("defence", "defense")),
    "finance": ("การคลัง", ("finance",)),
    "foreign affairs": ("การต่างประเทศ", ("foreign affairs",)),
    "tourism": ("การท่องเที่ยวและกีฬา", ("tourism and sports", "tourism and sport")),
    "social development": ("การพัฒนาสังคมและความมั่นคงของมนุษย์",
                           ("social development and human security",)),
    "higher education": ("การอุดมศึกษา วิทยาศาสตร์ วิจัยและนวัตกรรม",
                         ("higher education, science, research and innovation",)),
    "agriculture": ("เกษตรและสหกรณ์", ("agriculture and cooperatives",)),
    "transport": ("คมนาคม", ("transport",)),
    "digital economy": ("ดิจิทัลเพื่อเศรษฐกิจและสังคม", ("digital economy and society",)),
    "natural resources": ("ทรัพยากรธรรมชาติและสิ่งแวดล้อม", ("natural resources and environment",)),
    "energy": ("พลังงาน", ("energy",)),
    "commerce": ("พาณิชย์", ("commerce",)),
    "interior": ("มหาดไทย", ("interior", "the interior")),
    "justice": ("ยุติธรรม", ("justice",)),
    "labour": ("แรงงาน", ("labour", "labor")),
    "culture": ("วัฒนธรรม", ("culture",)),
    "education": ("ศึกษาธิการ", ("education",)),
    "public health": ("สาธารณสุข", ("public health",)),
    "industry": ("อุตสาหกรรม", ("industry",)),
}

_SPACES = re.compile(r"\s+")
MIN_STEM = 4   # letters of a ministry's name cut short that may name it ("เกษตร"; not "การ", which begins five)
_ABBREVIATED = re.compile(r"(?:\s?\((?![^()]*(?:ไทย|Thailand))[^()]{1,20}\))+$")
# what may follow a Thai ministry's name in a party value: nothing, or Thailand
_THAI_TAIL = re.compile(r"^(?:\s*(?:ของ|แห่ง)?(?:ประเทศ)?(?:ไทย|ราชอาณาจักรไทย))?\s*\)?$")
_THAI_NAMES = sorted(((_SPACES.sub("", th), key) for key, (th, _) in MINISTRIES.items()),
                     key=lambda x: -len(x[0]))
_EN = re.compile(
    r"^(?:the\s+)?(?:royal\s+)?(?:thai\s+)?(?:ministry\s+of\s+(?P<a>[a-z ,]+?)|(?P<b>[a-z ]+?)\s+ministry)"
    r"(?:\s*(?:of|,)\s*(?:the\s+)?(?:kingdom\s+of\s+)?thailand)?\s*$")
_EN_NAMES = {_SPACES.sub(" ", en): key for key, (_, names) in MINISTRIES.items() for en in names}


def ministry_of(party: str) -> str | None:
    """The key of the Thai ministry ``party`` names (itself or one of its offices), or None."""
    # "กระทรวงอุตสาหกรรม (MOI)": the abbreviation the article writes after the name is the same ministry
    text = _ABBREVIATED.sub("", party.strip())
    if not text:
        return None
    m = _EN.match(_SPACES.sub(" ", text.lower()))
    if m:
        return _EN_NAMES.get((m.group("a") or m.group("b")).strip())
    flat = _SPACES.sub("", text)
    at = flat.find("กระทรวง")
    if at < 0:
        return None
    rest = flat[at + len("กระทรวง"):]
    found = _thai_ministry(rest)
    if found:
        return found[1] if _THAI_TAIL.match(rest[len(found[0]):]) else None
    # a name cut short ("กระทรวงการอุดมศึกษา", "กระทรวงดิจิทัลฯ", "กระทรวงเกษตรฯ"): the one ministry it begins
    stem = rest.rstrip("ฯ")
    begun = {key for name, key in _THAI_NAMES if name.startswith(stem)} if len(stem) >= MIN_STEM else set()
    return begun.pop() if len(begun) == 1 else None


def _thai_ministry(rest: str) -> tuple[str, str] | None:
    """(name, key) of the ministry whose Thai name ``rest`` (what follows "กระทรวง", spaces
    removed) starts with; no name is the start of another, so at most one does."""
    return next(((name, key) for name, key in _THAI_NAMES if rest.startswith(name)), None)


def ministries(parties) -> set[str]:
    """The keys of the Thai ministries among ``parties``."""
    return {k for k in (ministry_of(p) for p in parties if isinstance(p, str)) if k}


# shorter English names a question may use ("the health ministry", "Industry and Energy
# ministries"); party values are read with the full names only
_QUESTION_ALIASES = {"digital economy": "digital economy", "des": "digital economy", "health": "public health",
                     "social development": "social development", "tourism": "tourism",
                     "agriculture": "agriculture", "higher education": "higher education",
                     "natural resources": "natural resources", "foreign": "foreign affairs"}
_QUESTION_EN = sorted({**_EN_NAMES, **_QUESTION_ALIASES}.items(), key=lambda x: -len(x[0]))


def question_ministries(query: str) -> set[str]:
    """The keys of the Thai ministries a question names: "กระทรวงพลังงาน", "the Ministry of
    Energy", "the energy ministry", "the Industry and Energy ministries"."""
    found = set()
    flat = _SPACES.sub("", query)
    at = flat.find("กระทรวง")
    while at >= 0:
        named = _thai_ministry(flat[at + len("กระทรวง"):])
        if named:
            found.add(named[1])
        at = flat.find("กระทรวง", at + 1)
    return found | {key for _name, key in english_ministries(query)}


def english_ministries(query: str) -> list[tuple[str, str]]:
    """(name as the question words it, key) of each Thai ministry an English question names: "the
    Ministry of Energy", "the energy ministry", "the Industry and Energy ministries"."""
    found = []
    q = _SPACES.sub(" ", query.lower())
    for name, key in _QUESTION_EN:   # longest first; a name found is blanked ("higher education" holds "education")
        n = re.escape(name)
        m = re.search(rf"\bministry of (?:the )?{n}\b", q) or re.search(
            rf"\b{n}(?:(?:,| and| &) [a-z]+(?: [a-z]+)?)* ministr(?:y|ies)\b", q)
        if m:
            found.append((name, key))
            at = m.start() + m[0].find(name)
            q = q[:at] + "#" * len(name) + q[at + len(name):]
    return found

