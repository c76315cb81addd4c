"""Child process of ``sandbox.run_worker``: file bytes on stdin, JSON on stdout.

Run as a script (``python -I _worker.py pdf|docx|html``) so that it imports nothing from the
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


DROP = "script, style, noscript, template, svg, iframe, nav, header, footer, aside, form, button"
BLOCKS = "p, div, section, article, li, tr, h1, h2, h3, h4, h5, h6, br, blockquote, pre, dd, dt, table"


def html(data: bytes) -> dict:
    """Main text and raw metadata of a page given as UTF-8 (decoded by the parent)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(data.decode("utf-8"))
    title = tree.css_first("title")
    h1 = tree.css_first("h1")
    metas = []
    for node in tree.css("meta"):
        key = (node.attributes.get("property") or node.attributes.get("name")
               or node.attributes.get("itemprop") or "").lower()
        metas.append([key, (node.attributes.get("content") or "").strip()])
    canonical = tree.css_first('link[rel="canonical"]')
    time_node = tree.css_first("time[datetime]")
    answer = {"title": title.text() if title else "", "h1": h1.text() if h1 else "", "meta": metas,
              "canonical": (canonical.attributes.get("href") or "") if canonical is not None else "",
              "time": (time_node.attributes.get("datetime") or "") if time_node is not None else ""}
    root = tree.css_first("main") or tree.css_first("article") or tree.body
    if root is None:
        return {"error": "no text (an HTML page without a body)"}
    for node in root.css(DROP):
        node.decompose()
    for node in root.css(BLOCKS):
        node.insert_after("\n")
    for node in root.css("td, th"):
        node.insert_after(" ")
    answer["text"] = root.text(separator="")
    return answer


def main() -> int:
    kind = sys.argv[1]
    data = sys.stdin.buffer.read()
    try:
        answer = {"pdf": pdf, "docx": docx, "html": html}[kind](data)
    except MemoryError:
        return 3
    except RecursionError:
        answer = {"error": f"not a readable {kind.upper()} file (nested too deeply)"}
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
