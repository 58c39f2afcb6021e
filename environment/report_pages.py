#!/usr/bin/env python3
"""The workbook's pages as a document: plotly.js once per page, links between pages, one combined report.

Two jobs, both on the notebooks environment/run_notebooks.py executed into an output folder:

  * PageResources, an nbconvert preprocessor named in nbconvert/cutouts/conf.json, prepares every
    exported page: it drops any copy of plotly.js a cell output carries (an interactive session puts
    one in its first chart), hands the template the pinned plotly.min.js once when the page has a
    chart (resources["cutouts_plotly"]), and a navigation bar (resources["cutouts_nav"]): the
    combined report, the previous and the next notebook.
  * `report_pages.py --out DIR --templates T` (environment/workbook runs it after the notebooks)
    writes DIR/report.html: every executed DIR/NN-*.ipynb in order, code hidden, behind an index of
    the notebooks with their questions, each section linking to the index and to its own page, and
    plotly.js inlined once. Self-contained: nothing is loaded from the network.

Runs under the Python that has nbconvert (Debian's python3-nbconvert).
"""
import argparse
import copy
import html
import os
import re
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor

ROOT = Path(__file__).resolve().parent.parent
REPORT = "report.html"
NOTEBOOK_NAME = re.compile(r"^\d\d-.+$")
CHART_MARK = 'class="cutouts-chart"'
# the script element org.cutouts.report.PlotlyJs.scriptTag() writes into a cell's output
LIBRARY_IN_OUTPUT = re.compile(r'<script[^>]*data-cutouts="plotly\.js"[^>]*>.*?</script>', re.S)
QUESTION = re.compile(r"\*\*The question\.\*\*\s*(.+?)(?:\n\s*\n|$)", re.S)


def plotly_file():
    """The pinned plotly.min.js: $CUTOUTS_PLOTLY_JS, else <root>/build/vendor/plotly.min.js."""
    env = os.environ.get("CUTOUTS_PLOTLY_JS")
    p = Path(env) if env else ROOT / "build" / "vendor" / "plotly.min.js"
    if not p.is_file():
        raise FileNotFoundError(f"{p}: plotly.min.js not found; run environment/workbook setup")
    return p


def plotly_script(source):
    """plotly.js as one inline script element ("</script" escaped the way PlotlyJs.scriptTag does)."""
    return ('<script type="text/javascript" data-cutouts="plotly.js">\n'
            + source.replace("</script", "<\\/script") + "\n</script>")


def html_outputs(nb):
    """Every text/html output of the notebook, as (output, key) pairs that can be rewritten."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/html" in data:
                yield data


def strip_library(nb):
    """Removes plotly.js copies from the outputs; returns True when the notebook shows a chart."""
    charts = False
    for data in html_outputs(nb):
        text = data["text/html"]
        text = "".join(text) if isinstance(text, list) else text
        if "data-cutouts=\"plotly.js\"" in text:
            text = LIBRARY_IN_OUTPUT.sub("", text)
            data["text/html"] = text
        charts = charts or CHART_MARK in text
    return charts


def notebook_names(folder=ROOT / "notebooks"):
    return sorted(p.stem for p in Path(folder).glob("*.ipynb") if NOTEBOOK_NAME.match(p.stem))


def nav_bar(name, names):
    """Links from one notebook's page to the combined report and to its neighbours in the workbook."""
    links = [f'<a href="{REPORT}#index">Workbook index</a>']
    if name in names:
        i = names.index(name)
        if i > 0:
            links.append(f'<a rel="prev" href="{names[i - 1]}.html">&larr; {html.escape(names[i - 1])}</a>')
        if i + 1 < len(names):
            links.append(f'<a rel="next" href="{names[i + 1]}.html">{html.escape(names[i + 1])} &rarr;</a>')
    return nav_html(links)


def nav_html(links):
    return ('<nav class="cutouts-nav" style="font:14px sans-serif;padding:8px 16px;border-bottom:1px solid #ddd">'
            + " &middot; ".join(links) + "</nav>")


class PageResources(Preprocessor):
    """Gives the cutouts template plotly.js once (when the page has a chart) and the page's navigation."""

    def preprocess(self, nb, resources):
        charts = strip_library(nb)
        resources["cutouts_plotly"] = plotly_script(plotly_file().read_text(encoding="utf-8")) if charts else ""
        if "cutouts_nav" not in resources:
            name = resources.get("metadata", {}).get("name", "")
            resources["cutouts_nav"] = nav_bar(name, notebook_names())
        return nb, resources


# ---- the combined report ---------------------------------------------------------------------------

def first_markdown(nb):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            return cell.source
    return ""


def title_and_question(nb, name):
    """The notebook's '# ' heading and the sentence after '**The question.**' (empty when missing)."""
    text = first_markdown(nb)
    title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), name)
    m = QUESTION.search(text)
    return title, (plain_text(m.group(1)) if m else "")


def plain_text(markdown):
    """One line of Markdown as plain text: emphasis and code marks dropped, white space collapsed."""
    return " ".join(re.sub(r"[*`]+", "", markdown).split())


def index_cell(entries):
    rows = "\n".join(
        f'<tr><td style="text-align:left"><a href="#{n}">{html.escape(t)}</a></td>'
        f'<td style="text-align:left">{html.escape(q)}</td>'
        f'<td style="text-align:left"><a href="{n}.html">{n}.html</a></td></tr>'
        for n, t, q in entries)
    return nbformat.v4.new_markdown_cell(
        '<a id="index"></a>\n\n# The Cutout Access Workbook\n\n'
        "Every notebook of this run in order, code hidden; each one's own page keeps its code.\n\n"
        '<table class="cutouts-index"><thead><tr><th style="text-align:left">notebook</th>'
        '<th style="text-align:left">the question</th><th style="text-align:left">its own page</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody></table>")


def section_cell(name, names):
    i = names.index(name)
    links = ['<a href="#index">&uarr; index</a>', f'<a href="{name}.html">this notebook with its code</a>']
    if i > 0:
        links.append(f'<a href="#{names[i - 1]}">&larr; {names[i - 1]}</a>')
    if i + 1 < len(names):
        links.append(f'<a href="#{names[i + 1]}">{names[i + 1]} &rarr;</a>')
    return nbformat.v4.new_markdown_cell(f'<hr><a id="{name}"></a>\n\n' + nav_html(links))


def combined(notebooks):
    """One notebook of all: the index, then each notebook's cells after its section header."""
    names = [n for n, _ in notebooks]
    entries = [(n, *title_and_question(nb, n)) for n, nb in notebooks]
    merged = nbformat.v4.new_notebook()
    merged.metadata = copy.deepcopy(notebooks[0][1].metadata) if notebooks else {}
    merged.cells.append(index_cell(entries))
    for name, nb in notebooks:
        merged.cells.append(section_cell(name, names))
        merged.cells.extend(copy.deepcopy(nb.cells))
    return merged


def html_exporter(templates, hide_code=False):
    """The cutouts template's exporter, images embedded and outputs kept as written; a reviewer's page hides the code."""
    exporter = HTMLExporter(template_name="cutouts", extra_template_basedirs=[str(templates)])
    exporter.embed_images = True
    exporter.sanitize_html = False
    if hide_code:
        exporter.exclude_input = True
        exporter.exclude_input_prompt = True
        exporter.exclude_output_prompt = True
    return exporter


def export_report(merged, templates):
    body, _ = html_exporter(templates, hide_code=True).from_notebook_node(
        merged, resources={"metadata": {"name": "The Cutout Access Workbook"}, "cutouts_nav": ""})
    return body


def executed(out):
    return [(p.stem, nbformat.read(p, as_version=4))
            for p in sorted(out.glob("*.ipynb")) if NOTEBOOK_NAME.match(p.stem)]


def write_atomically(path, text):
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, type=Path, help="folder with the executed NN-*.ipynb")
    ap.add_argument("--templates", required=True, type=Path, help="folder holding the 'cutouts' nbconvert template")
    args = ap.parse_args()
    notebooks = executed(args.out)
    if not notebooks:
        print(f"report: no executed notebooks (NN-*.ipynb) in {args.out}", file=sys.stderr)
        return 1
    page = export_report(combined(notebooks), args.templates)
    target = args.out / REPORT
    write_atomically(target, page)
    print(f"    {target}: {len(notebooks)} notebook(s), {len(page) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
