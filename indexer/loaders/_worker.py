"""Child process of ``sandbox.run_worker``: file bytes on stdin, JSON on stdout.

Run as a script (``python -I _worker.py pdf|docx``) so that it imports nothing from the
project; limits are set by the parent before this starts. Exit 3 on MemoryError.
"""
import io
import json
import sys


def pdf(data: bytes) -> dict:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception:  # noqa: BLE001 - unsupported algorithm, missing crypto library
                opened = 0
            if not opened:
                return {"error": "encrypted PDF (password protected): save an unprotected copy"}
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
        title = str(info.get("/Title") or "") if info else ""
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError,
            AssertionError, OSError, RecursionError) as exc:
        return {"error": f"not a readable PDF ({type(exc).__name__}: {str(exc)[:160]})"}
    return {"pages": pages, "title": title}


def docx(data: bytes) -> dict:
    import docx as python_docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = python_docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on bad packages
        return {"error": f"not a readable Word file ({type(exc).__name__}: {str(exc)[:160]})"}
    blocks = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            blocks.append(Paragraph(element, document).text)
        elif tag == "tbl":
            for row in Table(element, document).rows:
                cells = []
                for cell in row.cells:
                    text = cell.text.strip()
                    if text and (not cells or cells[-1] != text):  # merged cells repeat
                        cells.append(text)
                if cells:
                    blocks.append(" | ".join(cells))
    props = document.core_properties
    return {"blocks": blocks, "title": props.title or ""}


def main() -> int:
    kind = sys.argv[1]
    data = sys.stdin.buffer.read()
    try:
        answer = {"pdf": pdf, "docx": docx}[kind](data)
    except MemoryError:
        return 3
    except RecursionError:
        answer = {"error": f"not a readable {kind.upper()} file (nested too deeply)"}
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
