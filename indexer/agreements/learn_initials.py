"""Learn which initials name which body from the 2020-2022 thaigov archive (issue 9).

Articles write a body's name once with its initials in brackets (``ธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร
(ธ.ก.ส.)``) and the initials alone afterwards. ``slots.name_for_initials`` binds initials to the name they
spell; this counts the bindings over the archive's documents dated 2020-2022 (2023 is held out and
never read) and keeps, for each initials, the name written with them in at least ``MIN_DOCS`` documents
when no other name is bound to them as often. Output ``indexer/data/agreement_initials.tsv`` (initials,
name, documents), read by ``slots.learned_initials``::

    python -m indexer.agreements.learn_initials [--corpus /work/shared/data/thaigov-mou]
"""
from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from indexer.agreements.slots import INITIALS_FILE, bindings_in

YEARS = ("2020", "2021", "2022")
MIN_DOCS = 2


def learn(texts: dict[str, str], min_docs: int = MIN_DOCS) -> list[tuple[str, str, int]]:
    """(initials, name, documents) from ``texts`` (doc id -> text)."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for text in texts.values():
        for initials, name in bindings_in(text.replace("\u0e4d\u0e32", "\u0e33")).items():
            seen[initials][name] += 1
    out = []
    for initials, names in sorted(seen.items()):
        (name, n), *rest = names.most_common()
        if n >= min_docs and (not rest or rest[0][1] < n):
            out.append((initials, name, n))
    return out


def main(argv=None) -> None:
    from indexer.corpus import Source, list_corpus, read_source
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default="/work/shared/data/thaigov-mou")
    ap.add_argument("--out", default=str(INITIALS_FILE))
    args = ap.parse_args(argv)
    root = Path(args.corpus).resolve()
    texts = {}
    for doc_id, path in list_corpus(root):
        if doc_id[:4] not in YEARS:
            continue   # 2023 is held out
        d = read_source(Source(root, path, 10 ** 8), doc_id)
        if d.date and d.date[:4] not in YEARS:
            continue
        texts[doc_id] = d.text
    rows = learn(texts)
    lines = [f"# initials\tname\tdocuments (python -m indexer.agreements.learn_initials; {len(texts)} documents of 2020-2022)"]
    lines += [f"{i}\t{n}\t{c}" for i, n, c in rows]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} initials from {len(texts)} documents -> {args.out}")


if __name__ == "__main__":
    main()
