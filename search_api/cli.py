"""The ``mou-search`` command: index, search, run (and serve, eval where installed).

Heavy imports (numpy, FAISS, the model) happen inside the commands, so ``--help`` is instant.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict

from indexer.safe_names import printable
from search_api.trec import run_lines

EXIT_USAGE = 2
EXIT_INDEX = 3


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--index", default="index", help="index folder (default: index)")
    p.add_argument("--mode", default="hybrid", choices=("hybrid", "dense", "lexical"),
                   help="ranking (default: hybrid)")


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mou-search",
        description="Search agreements (MoUs) and the news that reports them, in Thai and English.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    from indexer.cli import add_parser as add_index

    add_index(sub)

    p = sub.add_parser("search", help="answer one question",
                       description="Ranked passages that answer QUERY, with the answering sentence marked.")
    p.add_argument("query")
    p.add_argument("-k", type=_positive, default=5, help="number of passages (default: 5)")
    _add_common(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=run_search)

    p = sub.add_parser("run", help="batch retrieval to a TREC run file (for evaluation)",
                       description="Read `qid<TAB>query` lines, write `qid Q0 docno rank score tag` lines.")
    p.add_argument("--queries", required=True, help="TSV file: qid<TAB>query")
    p.add_argument("--output", required=True, help="TREC run file to write ('-' for standard output)")
    p.add_argument("-k", type=_positive, default=10, help="results per query (default: 10)")
    p.add_argument("--level", default="passage", choices=("passage", "document"),
                   help="rank chunks (passage, default) or documents (best chunk per document)")
    p.add_argument("--tag", default=None, help="run tag (default: mou-search-MODE)")
    _add_common(p)
    p.set_defaults(run=run_batch)

    p = sub.add_parser("agreements", help="list agreement records, or show one",
                       description="Agreement records of the index (see README, Agreement records), "
                                   "filtered; with --id, one record with every fact's evidence.")
    p.add_argument("--party", help="a party: country in any name form (Laos, ลาว, Lao PDR) or organisation")
    p.add_argument("--kind", choices=("mou", "moc", "agreement", "loi", "exchange_of_letters", "other"))
    p.add_argument("--in-force-on", metavar="YYYY-MM-DD", help="known to be in force on this day")
    p.add_argument("--signed-from", metavar="DATE", help="signed on or after (YYYY[-MM[-DD]])")
    p.add_argument("--signed-to", metavar="DATE", help="signed on or before")
    p.add_argument("-q", "--query", dest="q", help="words of the name, parties or areas")
    p.add_argument("-k", type=_positive, default=20, help="records to show (default: 20)")
    p.add_argument("--offset", type=int, default=0, help="records to skip")
    p.add_argument("--id", dest="agreement_id", help="show this record in full")
    p.add_argument("--index", default="index", help="index folder (default: index)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=run_agreements)

    for register in _optional_commands():
        register(sub)
    return parser


def _optional_commands():
    """Commands whose modules may add themselves: serve (API), eval (evaluation)."""
    found = []
    for module, attr in (("search_api.serve_cli", "add_parser"), ("eval.cli", "add_parser")):
        try:
            mod = __import__(module, fromlist=[attr])
        except ImportError:
            continue
        found.append(getattr(mod, attr))
    return found


def _searcher(args):
    from indexer.index_files import IndexError_
    from search_api.searcher import Searcher

    try:
        return Searcher(args.index)
    except IndexError_ as exc:
        _fail(str(exc), EXIT_INDEX)
        return None


def _fail(message: str, code: int) -> int:
    print(f"mou-search: {printable(message)}", file=sys.stderr)  # one line, whatever it quotes
    return code


def _note_if_empty(searcher, index: str) -> None:
    if not searcher.index.chunks:
        print(f"mou-search: the index at {printable(index)} holds no documents (built from an empty "
              "corpus?): add files and run `mou-search index`", file=sys.stderr)


def run_search(args) -> int:
    if not args.query.strip():
        return _fail("the query is empty", EXIT_USAGE)
    searcher = _searcher(args)
    if searcher is None:
        return EXIT_INDEX
    _note_if_empty(searcher, args.index)
    response = searcher.search(args.query, k=args.k, mode=args.mode)
    if args.json:
        print(json.dumps(_json_response(response), ensure_ascii=False, indent=2))
    else:
        print(format_response(response, color=sys.stdout.isatty() and not os.environ.get("NO_COLOR")))
    return 0


JSON_FIELDS = ("rank", "score", "doc_id", "chunk_id", "title", "date", "lang", "source", "text",
               "answer", "answer_span", "confidence", "answer_confidence", "scores", "duplicates",
               "agreements")


def _json_response(response) -> dict:
    data = response.as_dict()
    return {"query": data["query"], "mode": data["mode"], "total": data["total"],
            "answer_confidence": data["answer_confidence"], "direct_answer": data["direct_answer"],
            "results": [{**{k: row[k] for k in JSON_FIELDS},
                         "answer_span": asdict(hit.given_span) if hit.given_span is not None else None,
                         **hit.given_span_fields}
                        for row, hit in zip(data["results"], response.results)]}


# A passage at least this likely to hold the answer has its sentence marked when its answer
# span is a guess (answer confidence low); the search page does the same.
SENTENCE_MARK_CONFIDENCE = 0.5


def marked(hit):
    """What to mark in a hit: its answer span; when the span is a guess, its sentence if the
    passage probably holds the answer, else nothing; without a confidence, the sentence."""
    if hit.confidence is None:
        return hit.answer
    if hit.given_span is not None:
        return hit.given_span
    return hit.answer if hit.confidence >= SENTENCE_MARK_CONFIDENCE else None


def format_response(response, color: bool = False) -> str:
    mark_on, mark_off = ("\033[1;33m", "\033[0m") if color else ("«", "»")
    lines = []
    if not response.results:
        return f"no results for {response.query!r}"
    if response.direct_answer:
        da = response.direct_answer
        cited = ", ".join(sorted({printable(e["doc_id"]) for e in da["evidence"]}))
        lines += [f"Answer ({da['fact']}, record {da['agreement_id']}, confidence {da['confidence']:.2f}): "
                  f"{mark_on}{da['text']}{mark_off}", f"   evidence: {cited}", ""]
    if response.answer_confidence == "low" and response.direct_answer:
        lines += ["The answer above is the agreement record's; no passage states it clearly "
                  "(answer confidence: low), no answer span is marked.", ""]
    elif response.answer_confidence == "low":
        lines += ["No passage clearly answers this question (answer confidence: low); the closest "
                  "passages follow, no answer span is marked.", ""]
    elif response.answer_confidence:
        lines += [f"Answer confidence: {response.answer_confidence}", ""]
    for hit in response.results:
        meta = ", ".join(printable(x) for x in (hit.date or "undated", hit.lang, hit.doc_id) if x)
        confidence = f", confidence {hit.confidence:.0%}" if hit.confidence is not None else ""
        lines.append(f"{hit.rank}. [{hit.score:.3f}{confidence}] {printable(hit.title)} ({meta})")
        if hit.source:
            lines.append(f"   {printable(hit.source)}")
        if hit.duplicates:
            lines.append(f"   near-duplicates: {', '.join(printable(d) for d in hit.duplicates)}")
        a = marked(hit)
        if a is None:
            passage = hit.text
        else:
            passage = hit.text[:a.start] + mark_on + hit.text[a.start:a.end] + mark_off + hit.text[a.end:]
        lines.extend("   " + line for line in passage.splitlines() if line.strip())
        lines.append("")
    return "\n".join(lines).rstrip()


def run_agreements(args) -> int:
    from pydantic import ValidationError

    from search_api import agreements, schemas

    try:
        req = schemas.AgreementsRequest.model_validate(
            {"party": args.party, "kind": args.kind, "in_force_on": args.in_force_on,
             "signed_from": args.signed_from, "signed_to": args.signed_to, "q": args.q,
             "k": args.k, "offset": args.offset})
    except ValidationError as exc:
        return _fail("; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors()), EXIT_USAGE)
    from indexer.index_files import IndexError_
    from search_api.loaded_index import open_records

    try:
        records, documents = open_records(args.index)
    except IndexError_ as exc:
        return _fail(str(exc), EXIT_INDEX)
    if args.agreement_id:
        record = records.get(args.agreement_id)
        if record is None:
            return _fail(f"no agreement record with id {args.agreement_id!r}", 1)
        full = agreements.detail(record, records, documents)
        print(json.dumps(full, ensure_ascii=False, indent=2) if args.json else format_record(full))
        return 0
    found = records.filter(agreements.AgreementFilters(
        party=req.party, kind=req.kind, in_force_on=req.in_force_on, signed_from=req.signed_from,
        signed_to=req.signed_to, q=req.q))
    page = [agreements.summary(r) for r in found[req.offset:req.offset + req.k]]
    if args.json:
        print(json.dumps({"total": len(found), "offset": req.offset, "k": req.k, "agreements": page},
                         ensure_ascii=False, indent=2))
    elif not page:
        print("no agreement records match" + ("" if len(records) else " (this index has none)"))
    else:
        print("\n".join(_summary_line(s) for s in page))
        print(f"({len(found)} records)")
    return 0


def _summary_line(s: dict) -> str:
    until = s["valid_until"] and (s["valid_until"] + (" (computed)" if s["valid_until_computed"] else ""))
    until = "open-ended" if s["open_ended"] and not until else (until or "?")
    return (f"{s['id']}  {s['kind']:<9} {' - '.join(s['parties'])}  signed {s['signed_date'] or '?'}  "
            f"until {until}  {s['name'] or ''}").rstrip()


def format_record(full: dict) -> str:
    lines = [_summary_line(full)]
    if full["areas"]:
        lines.append("areas: " + ", ".join(full["areas"]))
    for fact in full["facts"]:
        value = fact["value"] if isinstance(fact["value"], str) else json.dumps(fact["value"], ensure_ascii=False)
        lines.append(f"- {fact['type']}: {value}{' (computed)' if fact['computed'] else ''} "
                     f"[{fact['confidence']:.2f}]")
        for e in fact["evidence"]:
            lines.append(f"    {e['doc_id']} [{e['start']}:{e['end']}] {' '.join(e['sentence'].split())[:160]}")
    if full["history"]:
        lines.append("history: " + " -> ".join(h["id"] for h in full["history"]))
    return "\n".join(lines)


def read_queries(path: str) -> list[tuple[str, str]]:
    queries = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n\r")
            if not line.strip():
                continue
            qid, sep, query = line.partition("\t")
            if not sep or not qid.strip() or not query.strip():
                raise ValueError(f"{path}:{number}: expected `qid<TAB>query`")
            queries.append((qid.strip(), query.strip()))
    return queries


def run_batch(args) -> int:
    try:
        queries = read_queries(args.queries)
    except (OSError, ValueError) as exc:
        return _fail(str(exc), EXIT_USAGE)
    searcher = _searcher(args)
    if searcher is None:
        return EXIT_INDEX
    _note_if_empty(searcher, args.index)
    tag = args.tag or f"mou-search-{args.mode}"
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    try:
        for qid, query in queries:
            # a run is a ranking to score: all k results, none held back by the confidence floor
            response = searcher.search(query, k=args.k, mode=args.mode,
                                       unique_documents=args.level == "document", floor=False)
            ranked = [(hit.doc_id if args.level == "document" else hit.chunk_id, hit.score)
                      for hit in response.results]
            out.writelines(run_lines(qid, ranked, tag))
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)


if __name__ == "__main__":
    sys.exit(main())
