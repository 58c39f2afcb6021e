#!/usr/bin/env python3
"""Execute the workbook's notebooks headless and export them as self-contained HTML.

Called by environment/workbook (run, test); runs under a Python with nbclient, nbconvert and
nbformat (Debian's python3-nbclient, python3-nbconvert). For each notebooks/NN-*.ipynb, in order:

  * (--check-clean) fail if the committed notebook holds outputs or execution counts;
  * execute it with the given kernel, the kernel started in the notebooks/ folder (so that
    `%jars ../lib/target/...` resolves) with CUTOUTS_NOTEBOOK=<name> in its environment;
    the first cell error stops the run and names the notebook, cell and error;
  * write <out>/<name>.ipynb (executed) and <out>/<name>.html (nbconvert "lab" look, no
    require.js / MathJax / CDN, images embedded), also when a cell failed, for debugging;
  * check that the HTML loads nothing from outside (no script src, stylesheet link, image,
    iframe ... pointing anywhere but a data: URL).

The kernel's own log goes to <out>/logs/<name>.kernel.log. Exit status 0 only if every notebook ran
and exported cleanly.
"""
import argparse
import atexit
import fnmatch
import html.parser
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

import report_pages  # beside this script: the template's exporter and its page resources

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
NOTEBOOK_NAME = re.compile(r"^\d\d-.+\.ipynb$")

# attributes that make a browser fetch something; only data: URLs (and #fragments) are allowed
RESOURCE_ATTRS = {
    "script": ["src"], "img": ["src", "srcset"], "iframe": ["src"], "frame": ["src"],
    "source": ["src", "srcset"], "video": ["src", "poster"], "audio": ["src"], "track": ["src"],
    "embed": ["src"], "object": ["data"], "input": ["src"], "image": ["href", "xlink:href"],
    "use": ["href", "xlink:href"],
}
CSS_URL = re.compile(r"""(?:@import\s+|url\(\s*)['"]?\s*((?:https?:)?//[^'")\s]+)""", re.I)


def plain(text):
    return ANSI.sub("", text or "")


class ExternalRefs(html.parser.HTMLParser):
    """Collects every reference that would make a browser load something not inlined."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in RESOURCE_ATTRS.get(tag, []):
            v = (a.get(name) or "").strip()
            if v and not v.startswith(("data:", "#")):
                self.refs.append(f"<{tag} {name}=\"{v[:120]}\">")
        if tag == "link":
            rel = (a.get("rel") or "").lower()
            href = (a.get("href") or "").strip()
            if href and not href.startswith(("data:", "#")) and any(
                    r in rel for r in ("stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest")):
                self.refs.append(f"<link rel=\"{rel}\" href=\"{href[:120]}\">")
        if tag == "style":
            self._in_style = True
        style = a.get("style") or ""
        for m in CSS_URL.finditer(style):
            self.refs.append(f"style url({m.group(1)[:120]}) on <{tag}>")

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            for m in CSS_URL.finditer(data):
                self.refs.append(f"CSS url({m.group(1)[:120]})")


def external_refs(page):
    p = ExternalRefs()
    p.feed(page)
    p.close()
    return p.refs


def check_clean(path, nb):
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"cell {i + 1} has {len(cell.outputs)} output(s)")
        if cell.get("execution_count") is not None:
            problems.append(f"cell {i + 1} has execution_count {cell.execution_count}")
    return [f"{path.name}: {p} (commit notebooks without outputs: Kernel > Restart & Clear Output)" for p in problems]


def export_html(nb, name, templates):
    # a page meant for reviewers (metadata "cutouts": {"hide_code": true}) exports its outputs only
    exporter = report_pages.html_exporter(templates, hide_code=bool(nb.metadata.get("cutouts", {}).get("hide_code")))
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
    return body


def first_code_line(cell):
    for line in cell.source.splitlines():
        if line.strip():
            return line.strip()[:80]
    return ""


def drop_classpath_notes(nb):
    """Removes the Rapaio kernel's "Add <absolute path> to classpath" line from the %jars cells' outputs.

    The kernel prints it for every %jars; it names a path of the build machine, and says nothing a
    reader needs (the cell's source says which jar). Returns how many outputs were removed.
    """
    removed = 0
    for cell in nb.cells:
        if cell.cell_type != "code" or not cell.source.lstrip().startswith("%jars"):
            continue
        keep = [o for o in cell.get("outputs", [])
                if not (o.get("output_type") == "stream" and re.search(r"\bto classpath\b", plain(o.get("text", ""))))]
        removed += len(cell.get("outputs", [])) - len(keep)
        cell.outputs = keep
    return removed


STARTUP_ATTEMPTS = 5


def run_one(path, out, kernel, timeout, startup_timeout, templates):
    """Executes one notebook; returns a list of failure messages (empty when it passed)."""
    name = path.stem
    nb = nbformat.read(path, as_version=4)
    spec = nb.metadata.get("kernelspec", {}).get("name")
    if spec and spec != kernel:
        print(f"    note: {path.name} names kernel '{spec}'; running it with '{kernel}'")
    logs = out / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    os.environ["CUTOUTS_NOTEBOOK"] = name
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    state = {"index": None, "t": 0.0}

    def on_cell_start(cell, cell_index, **_):
        state["index"] = cell_index
        state["t"] = time.monotonic()

    def on_cell_executed(cell, cell_index, **_):
        n = code_cells.index(cell_index) + 1 if cell_index in code_cells else 0
        print(f"    [{n}/{len(code_cells)}] cell {cell_index + 1}: {time.monotonic() - state['t']:.1f} s  {first_code_line(cell)}",
              flush=True)

    failures = []
    t0 = time.monotonic()
    with open(logs / f"{name}.kernel.log", "w") as log:
        try:
            # The kernel now and then binds its sockets and never answers kernel_info on the shell
            # channel (three starts in eight in one run here; a healthy one answers within about 2 s of
            # launch). Nothing has run then, so starting it again is safe. Each attempt waits twice as
            # long as the one before: a hung start is caught in seconds, a slow machine still gets time.
            for attempt in range(1, STARTUP_ATTEMPTS + 1):
                wait = startup_timeout * 2 ** (attempt - 1)
                client = NotebookClient(
                    nb, kernel_name=kernel, timeout=timeout, startup_timeout=wait,
                    allow_errors=False, record_timing=True, interrupt_on_timeout=True,
                    resources={"metadata": {"path": str(path.parent)}},
                    on_cell_start=on_cell_start, on_cell_executed=on_cell_executed)
                try:
                    client.execute(stdout=log, stderr=log)
                    break
                except RuntimeError as e:
                    if state["index"] is not None or "didn't respond" not in str(e) or attempt == STARTUP_ATTEMPTS:
                        raise
                    # nbclient leaves its exit hook registered for the kernel it already shut down
                    atexit.unregister(client._cleanup_kernel)
                    print(f"    the kernel did not answer within {wait} s; starting it again "
                          f"(attempt {attempt + 1} of {STARTUP_ATTEMPTS})", flush=True)
                    nb = nbformat.read(path, as_version=4)
        except CellExecutionError as e:
            i = state["index"]
            where = f"cell {i + 1} ({first_code_line(nb.cells[i])!r})" if i is not None else "a cell"
            hint = ("\n      hint: lib/target/cutouts-lib-workbook.jar is built by `environment/workbook setup`"
                    if "cutouts-lib-workbook.jar" in plain(e.evalue) else "")
            failures.append(f"{path.name}: {where} failed: {plain(e.ename)}: {plain(e.evalue).strip()}{hint}\n"
                            + "\n".join("      " + line for line in plain(e.traceback).strip().splitlines()[-12:]))
        except CellTimeoutError as e:
            i = state["index"]
            failures.append(f"{path.name}: cell {i + 1 if i is not None else '?'} ran longer than {timeout} s "
                            f"(raise CUTOUTS_CELL_TIMEOUT): {e}")
        except DeadKernelError as e:
            failures.append(f"{path.name}: the kernel died ({e}); see {logs / (name + '.kernel.log')}")
        except RuntimeError as e:  # e.g. kernel did not start in time
            failures.append(f"{path.name}: could not run: {e}; see {logs / (name + '.kernel.log')}")
    elapsed = time.monotonic() - t0
    drop_classpath_notes(nb)
    nbformat.write(nb, out / f"{name}.ipynb")
    page = export_html(nb, name, templates)
    report_pages.write_atomically(out / f"{name}.html", page)
    for ref in external_refs(page):
        failures.append(f"{name}.html is not self-contained: it loads {ref}")
    status = "FAILED" if failures else "ok"
    print(f"    {path.name}: {status} in {elapsed:.1f} s -> {out / (name + '.html')}", flush=True)
    return failures


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notebooks", required=True, type=Path, help="folder with NN-*.ipynb")
    ap.add_argument("--out", required=True, type=Path, help="folder for executed notebooks and HTML")
    ap.add_argument("--kernel", default="java-cutouts")
    ap.add_argument("--templates", required=True, type=Path, help="folder holding the 'cutouts' nbconvert template")
    ap.add_argument("--timeout", type=int, default=7200, help="seconds one cell may run")
    # a healthy start handles its first message within a second of binding (kernel logs); a stuck one never does
    ap.add_argument("--startup-timeout", type=int, default=4,
                    help="seconds the kernel may take to answer on its first start; each new attempt doubles it")
    ap.add_argument("--only", action="append", default=[], help="notebook name or glob (repeatable)")
    ap.add_argument("--check-clean", action="store_true", help="fail on notebooks committed with outputs")
    ap.add_argument("--keep-going", action="store_true", help="run later notebooks after a failure")
    args = ap.parse_args()

    paths = sorted(p for p in args.notebooks.glob("*.ipynb") if NOTEBOOK_NAME.match(p.name))
    if args.only:
        paths = [p for p in paths if any(fnmatch.fnmatch(p.stem, o) or fnmatch.fnmatch(p.name, o) for o in args.only)]
    if not paths:
        print(f"no notebooks to run in {args.notebooks} (expected NN-name.ipynb"
              + (f" matching {args.only})" if args.only else ")"), file=sys.stderr)
        return 1 if args.only else 0
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "figures").mkdir(exist_ok=True)

    failures = []
    if args.check_clean:
        for p in paths:
            failures += check_clean(p, nbformat.read(p, as_version=4))
        if failures:
            print("\n".join("FAIL " + f for f in failures), file=sys.stderr)
            return 1
    passed = ran = 0
    for p in paths:
        print(f"==> {p.name}", flush=True)
        f = run_one(p, args.out, args.kernel, args.timeout, args.startup_timeout, args.templates)
        ran += 1
        failures += f
        passed += not f
        if f and not args.keep_going:
            break
    for f in failures:
        print("FAIL " + f, file=sys.stderr)
    if ran < len(paths):
        print(f"({len(paths) - ran} later notebook(s) not run)", file=sys.stderr)
    print(f"notebooks: {passed} passed, {len(paths) - passed} failed")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
