"""The documents of the fifth and sixth rounds of agreement-fact judgements (dev5, dev6), drawn again
from the same seeds.

    python -m eval.agreements_draw            # dev5
    python -m eval.agreements_draw --round dev6
    python -m eval.agreements_draw --round dev7
    python -m eval.agreements_draw --round dev8
    python -m eval.agreements_draw --round dev9
    python -m eval.agreements_draw --round dev10
    python -m eval.agreements_draw --round dev11
    python -m eval.agreements_draw --round direct7     # articles for the seventh round of direct questions
    python -m eval.agreements_draw --round direct8
    python -m eval.agreements_draw --round dev12
    python -m eval.agreements_draw --round direct9
    python -m eval.agreements_draw --round direct10
    python -m eval.agreements_draw --round direct11
    python -m eval.agreements_draw --round direct12

The population is the 2020-2022 files no earlier round drew: minus the first round's documents, the
dev2 and dev3 samples as drawn (their seeds and filters are in eval/data/agreements/README.md), and the
dev4 sample (its 39 judged documents and the one left without a judgement, found by running the dev4
draw with extraction version 11, commit 4503803). Of those, the files whose text has signing or approval
language (the dev3 filter), split in four strata by language and by whether the title names a cabinet
meeting (`ครม`, `คณะรัฐมนตรี`, `cabinet`); `random.Random(55)` draws a fixed number from each.

dev6 is drawn among the files neither dev5 nor an earlier round drew, weighted to articles that state
areas of cooperation: of those that name an agreement kind, 22 whose text has a cooperation cue
(`COOPERATION_CUE`) and 6 without one, `random.Random(66)`.

dev7 is drawn among the files no earlier round drew (dev6 included), weighted to articles that report a
signing: of those that name an agreement kind, 14 whose text has signing words (`REPORTS_SIGNING`) and 4
without, `random.Random(77)`.

dev8 is drawn the same way among the files no round before it drew (dev7 included): 15 with signing
words and 6 without, `random.Random(88)`; every fact type is judged, as in dev5. dev9 likewise among the files
no round before it drew (dev8 included), `random.Random(99)`: judged while extraction version 23's rules were
written on dev8, and read only after, so its first figures estimate those rules on documents nobody tuned to.
dev10 likewise after dev9 (`random.Random(1010)`), judged while version 24 was written on dev9; dev11 after dev10
(`random.Random(1111)`; nor the direct7 articles), judged while versions 26-27 and the direct answers' rules were written.
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

from eval.datasets.thaigov import find_corpus_dir

DATA = Path(__file__).parent / "data" / "agreements"
ARCHIVE = find_corpus_dir()
DEV4_UNJUDGED = {"2022/11/05/Government News_234_2ab1c516-1a5b-411a-ad0c-b592d0115b15.txt"}
SIGNING = re.compile("ลงนาม|signed|signing|อนุมัติ|เห็นชอบ|approved")
CABINET = re.compile("ครม|คณะรัฐมนตรี|cabinet", re.I)
# "ความร่วมมือด้าน", "ความร่วมมือในสาขา", "ครอบคลุม", "ได้แก่", "cooperation in/on", "areas of", "covering"
COOPERATION_CUE = re.compile(r"ความร่วมมือ(?:ใน)?(?:ด้าน|สาขา)|ครอบคลุม|ได้แก่|\bcooperation\s+(?:in|on)\b|\bareas\s+of\b"
                             r"|\bcovering\b", re.I)
DEV6 = {"cue": 22, "other": 6}
DEV7 = {"signing": 14, "other": 4}
DEV8 = {"signing": 15, "other": 6}
REPORTS_SIGNING = re.compile(r"ลงนาม|\bsigned\b|\bsigning\b", re.I)
PER_STRATUM = {("th", "single"): 15, ("th", "cabinet"): 5, ("en", "single"): 3, ("en", "cabinet"): 3}


DRAWS = DATA / "draws"   # the documents each round from dev8 on was given to judge, as drawn (one path a line)


def drawn(name: str) -> list[str]:
    """The documents of round ``name`` as they were handed out (``DRAWS``), else as its draw gives them now. dev11 and
    direct8 were drawn while ``draw_direct7`` read every direct question, its own round's included, so its sample
    then was not its first one; their saved lists are what was judged."""
    path = DRAWS / f"{name}.txt"
    if path.exists():
        return [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    return ROUNDS[name]()


def _drawn(*names: str) -> set[str]:
    return set().union(*(drawn(name) for name in names))


def _text(doc_id: str) -> str:
    return (ARCHIVE / doc_id).read_text(encoding="utf-8")


def earlier_draws(dev: list[str]) -> set[str]:
    facts = [json.loads(l) for l in (DATA / "facts.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    judged: dict = {}
    for j in facts:
        judged.setdefault(j.get("batch"), set()).add(j["doc_id"])
    first = {d for d in judged[None] if not d.startswith("2023")}
    pop = [d for d in dev if d not in first]
    dev2 = random.Random(9).sample(pop, 40)
    pop3 = [d for d in pop if d not in judged["dev2"]]
    dev3 = random.Random(2026).sample([d for d in pop3 if SIGNING.search(_text(d))], 40)
    return first | set(dev2) | set(dev3) | judged.get("dev4", set()) | DEV4_UNJUDGED


def stratum(doc_id: str) -> tuple[str, str]:
    text = _text(doc_id)
    title = text.split("\n", 1)[0]
    lang = "en" if len(re.findall("[a-zA-Z]", text)) > len(re.findall("[\u0e00-\u0e7f]", text)) else "th"
    return lang, "cabinet" if CABINET.search(title) else "single"


def draw() -> list[str]:
    dev = sorted(str(p.relative_to(ARCHIVE)) for p in ARCHIVE.glob("202[012]/*/*/*.txt"))
    before = earlier_draws(dev)
    candidates = [d for d in dev if d not in before and SIGNING.search(_text(d))]
    strata: dict = {}
    for d in candidates:
        strata.setdefault(stratum(d), []).append(d)
    rng = random.Random(55)
    out = []
    for key, n in PER_STRATUM.items():
        out += sorted(rng.sample(strata[key], n))
    return out


def _draw_round(before: set[str], cue: re.Pattern, counts: dict, seed: int) -> list[str]:
    """A later round: dev documents reporting an agreement that no earlier draw took, in two strata
    (the first of ``counts`` holds those ``cue`` finds, the second the rest), sampled with ``seed``."""
    from indexer.agreements.kinds import ANY_KIND
    dev = sorted(str(p.relative_to(ARCHIVE)) for p in ARCHIVE.glob("202[012]/*/*/*.txt"))
    before = before | earlier_draws(dev) | set(draw())
    found, other = counts
    strata: dict = {found: [], other: []}
    for d in dev:
        text = _text(d)
        if d not in before and ANY_KIND.search(text):
            strata[found if cue.search(text) else other].append(d)
    rng = random.Random(seed)
    return [d for key, n in counts.items() for d in sorted(rng.sample(strata[key], n))]


def draw_dev6() -> list[str]:
    return _draw_round(set(), COOPERATION_CUE, DEV6, 66)


def draw_dev7() -> list[str]:
    return _draw_round(_drawn("dev6"), REPORTS_SIGNING, DEV7, 77)


def draw_dev8() -> list[str]:
    return _draw_round(_drawn("dev6", "dev7"), REPORTS_SIGNING, DEV8, 88)


def draw_dev9() -> list[str]:
    return _draw_round(_drawn("dev6", "dev7", "dev8"), REPORTS_SIGNING, DEV8, 99)


def draw_dev10() -> list[str]:
    return _draw_round(_drawn("dev6", "dev7", "dev8", "dev9"), REPORTS_SIGNING, DEV8, 1010)


_DIRECT_ROUNDS = ("dev7", "dev8", "dev9", "dev10", "dev11", "dev12")   # the direct-question rounds drawn here, in order


def _asked_before(batch: str) -> set[str]:
    """The articles of the direct questions of the rounds before ``batch`` (the first rounds, ``dev2``-``dev6``, and
    those of ``_DIRECT_ROUNDS`` before it): the draw of a round stays what it was once its own questions are added."""
    later = set(_DIRECT_ROUNDS[_DIRECT_ROUNDS.index(batch):])
    questions = [json.loads(l) for l in (DATA / "direct_questions.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    return {d for q in questions if q.get("batch") not in later for d in q["doc_ids"]}


def draw_dev11() -> list[str]:
    return _draw_round(_drawn("dev6", "dev7", "dev8", "dev9", "dev10", "direct7"), REPORTS_SIGNING, DEV8, 1111)


def draw_dev12() -> list[str]:
    return _draw_round(_drawn("dev6", "dev7", "dev8", "dev9", "dev10", "dev11", "direct7", "direct8"), REPORTS_SIGNING, DEV8, 1212)


def _articles(used: set[str], seed: int, n: int = 24) -> list[str]:
    """``n`` 2020-2022 files that name an agreement kind and report a signing, none of ``used``, sampled with ``seed``."""
    from indexer.agreements.kinds import ANY_KIND
    dev = sorted(str(p.relative_to(ARCHIVE)) for p in ARCHIVE.glob("202[012]/*/*/*.txt"))
    pool = [d for d in dev if d not in used and ANY_KIND.search(_text(d)) and REPORTS_SIGNING.search(_text(d))]
    return sorted(random.Random(seed).sample(pool, n))


def draw_direct7() -> list[str]:
    """Articles for the seventh round of direct-answer questions: none that a direct question of an earlier round used
    or a facts round from dev8 to dev10 drew, ``random.Random(707)``."""
    return _articles(_asked_before("dev7") | _drawn("dev8", "dev9", "dev10"), 707)


def draw_direct8() -> list[str]:
    """Articles for the eighth round: as ``draw_direct7``, also apart from its articles and dev11, ``random.Random(808)``."""
    return _articles(_asked_before("dev8") | _drawn("direct7", "dev8", "dev9", "dev10", "dev11"), 808)


def draw_direct9() -> list[str]:
    """Articles for the ninth round: also apart from direct8's articles and dev12, ``random.Random(909)``."""
    return _articles(_asked_before("dev9") | _drawn("direct7", "direct8", "dev8", "dev9", "dev10", "dev11", "dev12"), 909)


def _judged() -> set[str]:
    """The documents with judged facts (``facts.jsonl``): rules were written on them."""
    return {json.loads(l)["doc_id"] for l in (DATA / "facts.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()}


def draw_direct10() -> list[str]:
    """Articles for the tenth round (stop 29): apart from every earlier round's, facts and questions, and from every
    article with judged facts (the rounds before dev8 included), 36 of them, ``random.Random(1010)``."""
    return _articles(_asked_before("dev10") | _drawn("direct7", "direct8", "direct9", "dev8", "dev9", "dev10", "dev11",
                                                    "dev12") | _judged(), 1010, 36)


def draw_direct11() -> list[str]:
    """Articles for the eleventh round (stop 30): as ``draw_direct10``, also apart from its articles, 30 of them,
    ``random.Random(1111)``."""
    return _articles(_asked_before("dev11") | _drawn("direct7", "direct8", "direct9", "direct10", "dev8", "dev9", "dev10",
                                                    "dev11", "dev12") | _judged(), 1111, 30)


def draw_direct12() -> list[str]:
    """Articles for the twelfth round (stop 30, drawn after dev11's rules were begun): as ``draw_direct11``, also apart
    from its articles, ``random.Random(1212)``; every article the pool has left, up to 30."""
    return _articles(_asked_before("dev12") | _drawn("direct7", "direct8", "direct9", "direct10", "direct11", "dev8", "dev9",
                                                    "dev10", "dev11", "dev12") | _judged(), 1212, 30)


ROUNDS = {"dev6": draw_dev6, "dev7": draw_dev7, "dev8": draw_dev8, "dev9": draw_dev9, "dev10": draw_dev10, "dev11": draw_dev11,
          "dev12": draw_dev12, "direct7": draw_direct7, "direct8": draw_direct8, "direct9": draw_direct9, "direct10": draw_direct10,
          "direct11": draw_direct11, "direct12": draw_direct12}


if __name__ == "__main__":
    import sys
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "--round" and args[1] in ROUNDS:
        for d in drawn(args[1]):   # as handed out, where the list is kept
            print(d)
    else:
        for d in draw():
            print(stratum(d), d)
