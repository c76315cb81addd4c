"""Mine English -> Thai word pairs from the 2020-2022 thaigov archive (issue 10).

The hand vocabulary of ``indexer.query_translation`` covers what its authors thought of. This
finds more of the same kind, systematically: the English words of the archive's English
releases and the frequent Thai words of its Thai releases are embedded with the bundled
multilingual E5, and an English word is paired with its nearest Thai word when it is also
among that word's two nearest English words (cosine) and the pair stands out from both
words' next-best neighbours (a margin, as in CSLS-style bilingual lexicon induction); and
English glosses written in brackets after a Thai term are paired with the end of that term.
Only documents dated 2020-2022 are read (the folders 2020-2022, and a date line before 2023):
2023 is held out. The thresholds are chosen against the hand vocabulary itself (its single-word entries found in both vocabularies
are the gold pairs; ``--check`` prints precision and recall by threshold), never against
questions. Output: ``indexer/data/en_th_lexicon.tsv`` (English word or gloss, Thai word,
cosine, margin; empty for a gloss), read by ``query_translation`` after its hand entries::

    flock /tmp/mou-bench.lock python -m indexer.mine_lexicon
"""
from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

import numpy as np

from indexer.query_translation import MINED_LEXICON as LEXICON   # where query_translation reads it

YEARS = ("2020", "2021", "2022")
MIN_ENGLISH_DOCS = 1      # an English word in at least this many English releases (2 gave 199 pairs)
MIN_THAI_DOCS = 5         # a Thai word in at least this many Thai releases
MIN_COSINE = 0.89
MIN_MARGIN = 0.015        # over the mean of each side's next 4 neighbours
BACK_RANK = 2             # the English word among its Thai word's 2 nearest (1 gave 269 pairs, 312 now)
MIN_THAI_CHARS = 3        # shorter Thai terms are mostly pieces of names (วิ, ทร)
# English words that carry no content of their own, and web debris, never paired
FUNCTION_WORDS = frozenset("""
other another one once out due via non per also just only even well very like upon onto within without
through throughout during after before over under between among against toward towards since
until while whether however therefore thus hence both either neither nor because although
though still already again yet here further including include along across around
http https www html com aka etc socio sub par
""".split())
_ENGLISH = re.compile(r"[a-z]+")
_THAI = re.compile(r"[\u0e01-\u0e4e]+(?:\.[\u0e01-\u0e4e]+)*\.?")


def read_releases(corpus: Path) -> tuple[list[str], list[str]]:
    """(English texts, Thai texts) of the releases dated 2020-2022; 2023 folders are not read."""
    from indexer.corpus import list_corpus, read_document

    english, thai = [], []
    for year in YEARS:
        if not (corpus / year).is_dir():
            continue
        for doc_id, path in list_corpus(corpus / year):
            doc = read_document(path, doc_id, path.read_bytes())
            if doc.date is None or not doc.date[:4] in YEARS:
                continue
            (english if doc.lang == "en" else thai).append(f"{doc.title}\n{doc.text}")
    return english, thai


def english_vocabulary(texts: list[str]) -> list[str]:
    """S-stemmed lower-case words written in lower case somewhere (general words, not names) in
    at least ``MIN_ENGLISH_DOCS`` releases, without stopwords, function words and words of
    under 4 letters."""
    from indexer.analysis import ENGLISH_STOPWORDS, s_stem

    docs: Counter = Counter()
    for text in texts:
        words = {s_stem(w) for w in re.findall(r"\b[a-z][a-z]+\b", text)}   # as written: lower case
        docs.update(w for w in words if len(w) >= 4 and w not in ENGLISH_STOPWORDS
                    and w not in FUNCTION_WORDS)
    return sorted(w for w, n in docs.items() if n >= MIN_ENGLISH_DOCS)


def thai_vocabulary(texts: list[str]) -> list[str]:
    """The analyzer's Thai terms of ``MIN_THAI_CHARS`` or more found in at least ``MIN_THAI_DOCS`` releases."""
    from indexer.analysis import analyze

    docs: Counter = Counter()
    for text in texts:
        docs.update({t for t in analyze(text) if _THAI.fullmatch(t) and len(t) >= MIN_THAI_CHARS})
    return sorted(t for t, n in docs.items() if n >= MIN_THAI_DOCS)


# A Thai run directly followed by an English gloss in brackets: "ขับเคลื่อนซอฟต์พาวเวอร์ (Soft Power)"
_GLOSS = re.compile(r"([\u0e01-\u0e4e][\u0e01-\u0e4e.]*)\s?\((?!(?:Mr|Mrs|Ms|Dr|H\.E)\b)"
                    r"([A-Za-z][A-Za-z-]*(?: [A-Za-z][A-Za-z-]*){0,4})\)")
MIN_GLOSS_COSINE = 0.89
MAX_GLOSS_WORDS = 8       # Thai words of the run's end tried as the gloss's Thai side


def glosses(texts: list[str]) -> dict[str, list[str]]:
    """English gloss (lower case, not an acronym) -> the Thai runs it followed in Thai releases."""
    out: dict[str, list[str]] = {}
    for text in texts:
        for m in _GLOSS.finditer(text):
            english = m.group(2)
            if english.isupper() or not any(c.islower() for c in english):
                continue   # an acronym: the question's acronym is kept beside the Thai form anyway
            out.setdefault(english.lower(), []).append(m.group(1))
    return out


def align_glosses(found: dict[str, list[str]], encoder) -> list[tuple[str, str, float]]:
    """For each gloss, the end of a Thai run before it (whole analyzer words) nearest to it by
    cosine, when that is at least ``MIN_GLOSS_COSINE``: the run holds the words before the term
    too ("ขับเคลื่อน" before "ซอฟต์พาวเวอร์"). An end never starts with a stopword ("และ", "ใน")."""
    from indexer.analysis import _stopwords, _words
    from indexer.textnorm import normalize_for_match

    english, candidates = list(found), []
    for runs in found.values():
        ends = set()
        for run in runs:
            words = _words(normalize_for_match(run))
            ends.update("".join(words[i:]) for i in range(max(0, len(words) - MAX_GLOSS_WORDS), len(words))
                        if words[i] not in _stopwords())
        candidates.append(sorted(e for e in ends if len(e) >= MIN_THAI_CHARS))
    flat = [c for cs in candidates for c in cs]
    if not flat:
        return []
    e, t = embed(english, encoder), embed(flat, encoder)
    out, at = [], 0
    for i, cs in enumerate(candidates):
        if cs:
            sims = t[at:at + len(cs)] @ e[i]
            j = int(sims.argmax())
            if sims[j] >= MIN_GLOSS_COSINE:
                out.append((english[i], cs[j], float(sims[j])))
        at += len(cs)
    return out


def embed(words: list[str], encoder) -> np.ndarray:
    return np.asarray(encoder.encode(words, kind="query"), dtype=np.float32)


def align(english: list[str], thai: list[str], e: np.ndarray, t: np.ndarray,
          k: int = 4, back: int = BACK_RANK) -> list[tuple[str, str, float, float]]:
    """Pairs of an English word and its nearest Thai word, when the English word is also among
    that Thai word's ``back`` nearest English words (1: mutual nearest neighbours; 2 lets two
    English synonyms share a Thai word: course, curriculum -> หลักสูตร), with their cosine and
    margin (the cosine minus the larger of the two words' mean cosines to their next ``k``
    neighbours on the other side)."""
    sim = e @ t.T
    best_t = sim.argmax(axis=1)
    nearest_e = np.argsort(-sim, axis=0)[:back, :]
    top_e = -np.sort(-sim, axis=1)[:, 1:k + 1].mean(axis=1)
    top_t = -np.sort(-sim, axis=0)[1:k + 1, :].mean(axis=0)
    out = []
    for i, j in enumerate(best_t):
        if i not in nearest_e[:, j]:
            continue
        cos = float(sim[i, j])
        out.append((english[i], thai[j], cos, cos - max(float(top_e[i]), float(top_t[j]))))
    return out


def hand_pairs() -> dict[str, set[str]]:
    """Single English words of the hand vocabulary -> their Thai forms (the gold pairs)."""
    from indexer.analysis import s_stem
    from indexer.query_translation import hand_vocabulary

    out: dict[str, set[str]] = {}
    for word, forms in hand_vocabulary().items():
        if _ENGLISH.fullmatch(word):
            out.setdefault(s_stem(word), set()).update(forms)
    return out


def check(pairs: list[tuple[str, str, float, float]], gold: dict[str, set[str]], thai: set[str]) -> None:
    """Precision and recall of the mined pairs against the hand entries whose English word was
    aligned and one of whose Thai forms is in the Thai vocabulary."""
    judged = [p for p in pairs if p[0] in gold and gold[p[0]] & thai]
    reachable = sum(1 for w, forms in gold.items() if forms & thai)
    print(f"hand entries with a Thai form in the vocabulary: {reachable}; aligned among them: {len(judged)}")
    for cos_min in (0.88, 0.89, 0.90, 0.91, 0.92):
        for margin_min in (0.0, 0.01, 0.015, 0.02, 0.03):
            kept = [p for p in judged if p[2] >= cos_min and p[3] >= margin_min]
            right = sum(1 for p in kept if p[1] in gold[p[0]])
            print(f"cos >= {cos_min:.2f} margin >= {margin_min:.3f}: kept {len(kept):3d}, right {right:3d}, "
                  f"precision {right / max(1, len(kept)):.2f}, recall {right / max(1, reachable):.2f}")


def main(argv: list[str] | None = None) -> None:
    from indexer.encoders import get_encoder

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=None,
                        help="the thaigov-mou archive (default: found as the thaigov dataset finds it)")
    parser.add_argument("--output", type=Path, default=LEXICON)
    parser.add_argument("--check", action="store_true", help="precision / recall against the hand entries")
    args = parser.parse_args(argv)
    if args.corpus is None:
        from eval.datasets.thaigov import find_corpus_dir

        args.corpus = find_corpus_dir()
    english_texts, thai_texts = read_releases(args.corpus)
    english, thai = english_vocabulary(english_texts), thai_vocabulary(thai_texts)
    print(f"{len(english_texts)} English and {len(thai_texts)} Thai releases (2020-2022); "
          f"{len(english)} English words, {len(thai)} Thai words")
    encoder = get_encoder()
    pairs = align(english, thai, embed(english, encoder), embed(thai, encoder))
    gold = hand_pairs()
    if args.check:
        check(pairs, gold, set(thai))
    kept = sorted(p for p in pairs if p[2] >= MIN_COSINE and p[3] >= MIN_MARGIN)
    words = {p[0] for p in kept}
    glossed = [g for g in align_glosses(glosses(thai_texts), encoder) if g[0] not in words]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(f"# python -m indexer.mine_lexicon: words, nearest neighbours (back rank {BACK_RANK}, cosine >= {MIN_COSINE}, "
                f"margin >= {MIN_MARGIN});\n# glosses, English in brackets after Thai (cosine >= "
                f"{MIN_GLOSS_COSINE}, margin empty)\n# english\tthai\tcosine\tmargin\n")
        for en, th, cos, margin in kept:
            f.write(f"{en}\t{th}\t{cos:.4f}\t{margin:.4f}\n")
        for en, th, cos in sorted(glossed):
            f.write(f"{en}\t{th}\t{cos:.4f}\t\n")
    print(f"wrote {len(kept)} word pairs and {len(glossed)} glosses to {args.output}")


if __name__ == "__main__":
    main()
