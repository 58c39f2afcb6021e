#!/usr/bin/env python3
"""Open each exported workbook page in headless Chromium, offline, and check that it works.

For every HTML file given (or every *.html in a folder given), a copy is made with two small scripts
injected: one first thing in <head> that records JavaScript errors (error events, unhandled promise
rejections, console.error), and one at the end of <body> that, once the page has loaded and the charts
have had time to draw, writes a JSON report into <pre id="cutouts-browser-test">. Chromium loads the
copy with --dump-dom (network off: every host name resolves to nothing) and the report is read back.

A page fails when
  * a script raised an error or logged one with console.error;
  * a chart (div.cutouts-chart, written by org.cutouts.report) did not render: no js-plotly-plot
    class or no svg.main-svg inside;
  * an <img> did not decode (naturalWidth 0);
  * the page tried to load anything that is not inlined (performance resource entries);
  * it has no report at all (the page never finished loading, or scripts were blocked);
  * a table is wider than the room the page gives it at a 1280 px wide window;
  * its visible text shows an absolute path of the build machine (the repository, $HOME, --forbid-prefix);
  * a chart that declares the strategy palette (layout.meta, org.cutouts.report.chart.PlotlyFigure) draws a
    series in another colour than the palette's, gives two series one colour, or disagrees with another
    chart (of any page tested) on the palette or on a series' colour.
Failure messages name the file, the chart (its name as given to Workbook.chart) and the error.

--self-test first checks the checker on pages that must pass and pages that must fail.
Standard library only; runs under any Python 3.8+.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPORT_ID = "cutouts-browser-test"

HEAD_PROBE = """<script>(function(){
  var errs = window.__cutoutsErrors = [];
  window.addEventListener('error', function (e) {
    if (e && e.target && e.target !== window && (e.target.src || e.target.href)) {
      errs.push('failed to load ' + (e.target.src || e.target.href)); return; }
    errs.push((e.message || 'error') + (e.filename ? ' at ' + e.filename.split('/').pop() + ':' + e.lineno : ''));
  }, true);
  window.addEventListener('unhandledrejection', function (e) {
    errs.push('unhandled promise rejection: ' + (e.reason && (e.reason.stack || e.reason.message) || e.reason));
  });
  var ce = console.error;
  console.error = function () {
    errs.push('console.error: ' + Array.prototype.map.call(arguments, String).join(' '));
    return ce.apply(console, arguments);
  };
})();</script>"""

BODY_PROBE = """<pre id="%(id)s" style="display:none"></pre>
<script>(function(){
  // the palette a chart declares (layout.meta, written by org.cutouts.report.chart) and the colours plotly drew
  function paletteOf(d) {
    var meta = d.layout && d.layout.meta;
    if (!meta || !meta.palette) return null;
    var drawn = (d._fullData || []).map(function (t) {
      var c = t.marker && typeof t.marker.color === 'string' ? t.marker.color : (t.line && t.line.color);
      return {name: t.name, key: (d.data[t.index] || {}).meta || null, color: c ? String(c).toLowerCase() : null};
    });
    return {palette: meta.palette, series: meta.series || {}, drawn: drawn};
  }
  function report() {
    var charts = [];
    document.querySelectorAll('div.cutouts-chart').forEach(function (d, i) {
      charts.push({index: i + 1, id: d.id, name: d.getAttribute('data-chart') || '',
                   plotly: d.classList.contains('js-plotly-plot'),
                   svg: !!d.querySelector('svg.main-svg'),
                   traces: (d.data && d.data.length) || 0, palette: paletteOf(d)});
    });
    var images = [];
    document.querySelectorAll('img').forEach(function (im, i) {
      images.push({index: i + 1, alt: im.getAttribute('alt') || '', ok: im.complete && im.naturalWidth > 0});
    });
    var external = [];
    (performance.getEntriesByType('resource') || []).forEach(function (r) {
      if (!/^(data|blob|about):/.test(r.name)) external.push(r.name);
    });
    var out = {errors: window.__cutoutsErrors || [], charts: charts, images: images, external: external,
               plotlyLoaded: typeof window.Plotly !== 'undefined',
               plotlyVersion: (window.Plotly && window.Plotly.version) || null};
    document.getElementById('%(id)s').textContent = JSON.stringify(out);
  }
  function pending() {
    var n = 0;
    document.querySelectorAll('div.cutouts-chart').forEach(function (d) {
      if (!d.querySelector('svg.main-svg')) n++;
    });
    return n;
  }
  var waited = 0;
  function poll() {
    // charts draw asynchronously; give them up to 20 s (virtual time) before reporting
    if (pending() === 0 || waited >= 20000) { report(); return; }
    waited += 100; setTimeout(poll, 100);
  }
  window.addEventListener('load', function () { setTimeout(poll, 50); });
})();</script>"""

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
    # offline: no host name resolves
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def inject(page):
    """The page with the probes added; raises ValueError if it has no <head> or </body>."""
    m = re.search(r"<head[^>]*>", page, re.I)
    if not m:
        raise ValueError("no <head> element")
    page = page[:m.end()] + "\n" + HEAD_PROBE + "\n" + page[m.end():]
    i = page.lower().rfind("</body>")
    if i < 0:
        raise ValueError("no </body> element")
    return page[:i] + BODY_PROBE % {"id": REPORT_ID} + "\n" + page[i:]


def load(chromium, page_path, budget_ms, timeout_s):
    """Returns (report dict or None, message)."""
    with tempfile.TemporaryDirectory(prefix="cutouts-browser-") as tmp:
        copy = Path(tmp) / page_path.name
        try:
            copy.write_text(inject_layout_probe(inject(page_path.read_text(encoding="utf-8"))), encoding="utf-8")
        except (ValueError, UnicodeDecodeError) as e:
            return None, f"cannot instrument the page: {e}"
        cmd = [chromium] + CHROMIUM_FLAGS + [
            f"--user-data-dir={Path(tmp) / 'profile'}", f"--virtual-time-budget={budget_ms}",
            f"--window-size={VIEWPORT[0]},{VIEWPORT[1]}",
            "--dump-dom", copy.resolve().as_uri()]
        try:
            p = subprocess.run(cmd, capture_output=True, timeout=timeout_s)
        except subprocess.TimeoutExpired:
            return None, f"chromium did not finish within {timeout_s} s"
        dom = p.stdout.decode("utf-8", "replace")
        if p.returncode != 0 or not dom.strip():
            err = p.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
            return None, f"chromium failed (exit {p.returncode}): " + " | ".join(err)
        m = re.search(r'<pre id="%s"[^>]*>(.*?)</pre>' % REPORT_ID, dom, re.S)
        if not m or not m.group(1).strip():
            return None, "the page produced no report (it did not finish loading, or its scripts did not run)"
        text = (m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
                .replace("&#39;", "'").replace("&amp;", "&"))
        try:
            report = json.loads(text)
            report["layout"] = read_layout(dom)
            return report, ""
        except json.JSONDecodeError as e:
            return None, f"unreadable report: {e}"


def problems_of(name, report):
    out = []
    for e in report["errors"]:
        out.append(f"{name}: JavaScript error: {e}")
    for c in report["charts"]:
        label = f"chart #{c['index']} '{c['name']}' (div {c['id']})"
        if not report["plotlyLoaded"]:
            out.append(f"{name}: {label} did not render: plotly.js is not loaded on the page")
        elif not c["plotly"] or not c["svg"]:
            out.append(f"{name}: {label} did not render (plotly class: {c['plotly']}, svg.main-svg: {c['svg']})")
    for im in report["images"]:
        if not im["ok"]:
            out.append(f"{name}: image #{im['index']} '{im['alt'][:60]}' did not decode")
    out += palette_problems(name, report["charts"])
    for url in report["external"]:
        out.append(f"{name}: tried to load an external resource: {url}")
    if "layout" in report:
        out += layout_problems(name, report["layout"], FORBIDDEN)
    return out


def palette_problems(name, charts, across=False):
    """Strategy colours: every keyed trace is drawn in its declared colour, a strategy's own series in the
    shared palette's hue, no two series of a chart share a colour, and charts agree on the palette and on
    each series' colour. With `across`, `charts` span several pages and only their agreement is checked
    (each page had the rest checked already)."""
    out, palettes, colours = [], {}, {}
    for c in charts:
        p = c.get("palette")
        if not p:
            continue
        label = f"{name}: chart '{c.get('page', '') + c['name']}'"
        shared = {k: v.lower() for k, v in p["palette"].items()}
        palettes.setdefault(json.dumps(shared, sort_keys=True), label)
        used = {}
        for t in p["drawn"]:
            key, colour = t["key"], t["color"]
            if key is None:
                continue
            want = (shared.get(key) or p["series"].get(key) or "").lower()
            if colour != want and not across:
                out.append(f"{label}: series '{t['name']}' ({key}) drawn in {colour}, the palette says {want or 'nothing'}")
            if colour in used and used[colour] != key and not across:
                out.append(f"{label}: series '{t['name']}' and '{used[colour]}' share the colour {colour}")
            used[colour] = key
            first = colours.setdefault(key, (colour, label))
            if first[0] != colour:
                out.append(f"{label}: series {key} is {colour} here but {first[0]} in {first[1]}")
    if len(palettes) > 1:
        out.append(f"{name}: charts declare different strategy palettes: {', '.join(palettes.values())}")
    return out


def check_file(chromium, path, budget_ms, timeout_s):
    report, msg = load(chromium, path, budget_ms, timeout_s)
    if report is None:
        return [f"{path.name}: {msg}"], None
    return problems_of(path.name, report), report


LAYOUT_ID = "cutouts-layout-test"
# set by main() from forbidden_prefixes()
FORBIDDEN = []
VIEWPORT = (1280, 1024)

# Written into its own <pre> at load, apart from the chart report: each table's width against the width
# the page gives it, and the text a reader sees (for build-machine paths).
LAYOUT_PROBE = """<pre id="%(id)s" style="display:none"></pre>
<script>(function(){
  window.addEventListener('load', function () {
    var page = document.documentElement.clientWidth, tables = [];
    document.querySelectorAll('table').forEach(function (t, i) {
      var box = t.parentElement, room = page;
      for (var a = t.parentElement; a && a !== document.body; a = a.parentElement) {
        if (a.classList && a.classList.contains('jp-OutputArea-output')) { box = a; break; }
      }
      if (box) { var cs = getComputedStyle(box), left = box.getBoundingClientRect().left + parseFloat(cs.paddingLeft || 0);
        // the output area may grow with its content: the room is what the window leaves right of its left edge
        room = Math.min(box.clientWidth - parseFloat(cs.paddingLeft || 0) - parseFloat(cs.paddingRight || 0), page - left); }
      var cap = t.querySelector('caption'), head = t.querySelector('th');
      tables.push({index: i + 1, name: (cap && cap.textContent || head && head.textContent || '').trim().slice(0, 80),
                   width: Math.ceil(Math.max(t.scrollWidth, t.getBoundingClientRect().width)),
                   room: Math.floor(room), right: Math.ceil(t.getBoundingClientRect().right)});
    });
    var alts = [];
    document.querySelectorAll('[alt],[title]').forEach(function (e) {
      alts.push((e.getAttribute('alt') || '') + ' ' + (e.getAttribute('title') || ''));
    });
    var out = {page: page, tables: tables, text: document.body.innerText + '\\n' + alts.join('\\n')};
    document.getElementById('%(id)s').textContent = JSON.stringify(out);
  });
})();</script>"""


def inject_layout_probe(page):
    """The page with the layout probe added before </body> (the caller has checked there is one)."""
    i = page.lower().rfind("</body>")
    return page[:i] + LAYOUT_PROBE % {"id": LAYOUT_ID} + "\n" + page[i:]


def read_layout(dom):
    """The layout probe's report from a dumped DOM, or None."""
    m = re.search(r'<pre id="%s"[^>]*>(.*?)</pre>' % LAYOUT_ID, dom, re.S)
    if not m or not m.group(1).strip():
        return None
    text = (m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&#39;", "'").replace("&amp;", "&"))
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None


def forbidden_prefixes(extra=()):
    """Absolute paths of the build machine no page may show: the repository, $HOME, and any given."""
    out = [str(Path(__file__).resolve().parent.parent)]
    home = os.environ.get("HOME")
    if home and home != "/":
        out.append(home.rstrip("/"))
    out += [e.rstrip("/") for e in extra if e and e.rstrip("/")]
    return sorted(set(out), key=len, reverse=True)


def layout_problems(name, layout, prefixes):
    """A table wider than the room the page gives it, or a build-machine path in the visible text."""
    if layout is None:
        return [f"{name}: the layout probe produced no report"]
    out = []
    for t in layout["tables"]:
        if t["width"] > t["room"] + 1:
            out.append(f"{name}: table #{t['index']} '{t['name']}' is {t['width']} px wide, wider than the "
                       f"{t['room']} px the page gives it (viewport {VIEWPORT[0]} px)")
    for prefix in prefixes:
        for m in re.finditer(r"(?<![\w.-])" + re.escape(prefix) + r"(?=/|\b)\S*", layout["text"]):
            out.append(f"{name}: shows an absolute path of the build machine: {m.group(0)[:120]}")
            break
    return out


def layout_self_test_cases():
    """Pages the layout checks must pass or fail: (name, should pass, body, expected message)."""
    wide = "<table><caption>too wide</caption><tr>" + "".join(
        f"<td>unbreakable_cell_number_{i}_xxxxxxxxxxxxxxxx</td>" for i in range(20)) + "</tr></table>"
    narrow = "<table><caption>narrow</caption><tr><td>a</td><td>1</td></tr></table>"
    path = forbidden_prefixes()[-1]
    return [("narrow-table", True, narrow, None),
            ("wide-table", False, wide, "'too wide' is"),
            ("build-path", False, f"<p>results in {path}/build/x.json</p>", "absolute path of the build machine")]


PALETTE_META = "{palette: {HDF5: '#2ca02c', STACKED: '#ff7f0e'}, series: {HDF5: '#2ca02c', 'python/HDF5/h5py': '#95d095'}}"
PALETTE_CHART = """<div class="cutouts-chart" id="%(id)s" data-chart="%(id)s"></div>
<script>Plotly.newPlot(document.getElementById('%(id)s'), [
  {type: 'bar', name: 'java HDF5', meta: 'HDF5', x: ['a'], y: [1], marker: {color: '%(hdf5)s'}},
  {type: 'bar', name: 'python HDF5', meta: 'python/HDF5/h5py', x: ['a'], y: [2], marker: {color: '%(peer)s'}}],
  {title: 't', meta: %(meta)s});</script>"""


def palette_chart(chart_id, hdf5="#2ca02c", peer="#95d095", meta=PALETTE_META):
    return PALETTE_CHART % {"id": chart_id, "hdf5": hdf5, "peer": peer, "meta": meta}


GOOD_CHART = """<div class="cutouts-chart" id="c1" data-chart="ok-chart"></div>
<script>Plotly.newPlot(document.getElementById('c1'), [{x:[1,2,3], y:[2,1,3], type:'scatter'}], {title:'t'});</script>"""


def self_test(chromium, plotly_js, budget_ms, timeout_s):
    """The checker must pass a good page and catch each kind of failure."""
    plotly = ""
    if plotly_js and Path(plotly_js).is_file():
        plotly = "<script>" + Path(plotly_js).read_text(encoding="utf-8").replace("</script", "<\\/script") + "</script>"
    cases = [("good", True, "<p>fine</p>" + (plotly + GOOD_CHART if plotly else ""), None),
             ("script-error", False, "<script>undefinedFunction();</script>", "JavaScript error"),
             ("chart-not-rendered", False,
              '<div class="cutouts-chart" id="c2" data-chart="broken-chart"></div>', "'broken-chart'"),
             ("broken-image", False, '<img alt="bad" src="data:image/png;base64,AAAA">', "did not decode"),
             ("external-script", False, '<script src="https://example.invalid/x.js"></script>', "load")]
    cases += layout_self_test_cases()
    if plotly:
        cases += [("palette-good", True, plotly + palette_chart("p1") + palette_chart("p2"), None),
                  ("palette-wrong-colour", False, plotly + palette_chart("p3", hdf5="#1f77b4"), "the palette says #2ca02c"),
                  ("palette-shared-colour", False, plotly + palette_chart("p4", peer="#2ca02c"), "share the colour"),
                  ("palette-disagrees", False, plotly + palette_chart("p5") + palette_chart(
                      "p6", meta=PALETTE_META.replace("STACKED: '#ff7f0e'", "STACKED: '#000000'")), "different strategy palettes")]
    failures = []
    with tempfile.TemporaryDirectory(prefix="cutouts-selftest-") as tmp:
        for name, should_pass, body, expect in cases:
            p = Path(tmp) / f"{name}.html"
            p.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{body}</body></html>",
                         encoding="utf-8")
            probs, _ = check_file(chromium, p, budget_ms, timeout_s)
            if should_pass and probs:
                failures.append(f"self-test: page '{name}' should pass but: {'; '.join(probs)}")
            if not should_pass and not any(expect in x for x in probs):
                failures.append(f"self-test: page '{name}' should fail with '{expect}' but got: {probs or 'no problem'}")
    return failures + self_test_links()


# ---- the combined report and the links between pages ------------------------------------------------
COMBINED_REPORT = "report.html"
NOTEBOOK_PAGE = re.compile(r"^\d\d-.+\.html$")
PLOTLY_COPY = 'data-cutouts="plotly.js"'


def hrefs_and_ids(page):
    return (set(re.findall(r'<a\b[^>]*\bhref="([^"]+)"', page, re.I)),
            set(re.findall(r'\bid="([^"]+)"', page)))


def link_problems(path):
    """The combined report links to every notebook page beside it and to its section of each, and holds
    plotly.js at most once; a notebook page beside a combined report links to it."""
    page = path.read_text(encoding="utf-8")
    hrefs, ids = hrefs_and_ids(page)
    out = []
    if path.name == COMBINED_REPORT:
        copies = page.count(PLOTLY_COPY)
        if copies > 1:
            out.append(f"{path.name}: plotly.js is inlined {copies} times (once is enough)")
        for nb in sorted(p.stem for p in path.parent.glob("*.html") if NOTEBOOK_PAGE.match(p.name)):
            if f"{nb}.html" not in hrefs:
                out.append(f"{path.name}: does not link to the page {nb}.html")
            if f"#{nb}" not in hrefs or nb not in ids:
                out.append(f"{path.name}: does not link to a section for {nb}")
    elif NOTEBOOK_PAGE.match(path.name) and (path.parent / COMBINED_REPORT).exists():
        if not any(h.split("#")[0] == COMBINED_REPORT for h in hrefs):
            out.append(f"{path.name}: does not link to the combined report {COMBINED_REPORT}")
    return out


def self_test_links():
    """The link check passes a report that links every page and catches one that misses a page."""
    good = ('<a href="01-a.html">a</a><a href="#01-a">a</a><a id="01-a"></a>'
            '<a href="02-b.html">b</a><a href="#02-b">b</a><a id="02-b"></a>')
    cases = [("good", good, None), ("missing-link", good.replace('<a href="02-b.html">b</a>', ""), "does not link to the page 02-b.html")]
    failures = []
    for name, body, expect in cases:
        with tempfile.TemporaryDirectory(prefix="cutouts-selftest-links-") as tmp:
            for nb in ("01-a", "02-b"):
                (Path(tmp) / f"{nb}.html").write_text(f'<a href="{COMBINED_REPORT}#index">index</a>', encoding="utf-8")
            report = Path(tmp) / COMBINED_REPORT
            report.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
            probs = link_problems(report) + link_problems(Path(tmp) / "01-a.html")
            if expect is None and probs:
                failures.append(f"self-test: combined report '{name}' should pass but: {'; '.join(probs)}")
            if expect is not None and not any(expect in x for x in probs):
                failures.append(f"self-test: combined report '{name}' should fail with '{expect}' but got: {probs or 'no problem'}")
    return failures


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", type=Path, help="HTML files, or folders of *.html")
    ap.add_argument("--chromium", default=os.environ.get("CUTOUTS_CHROMIUM") or shutil.which("chromium")
                    or shutil.which("chromium-browser"))
    ap.add_argument("--budget-ms", type=int, default=60000, help="virtual time for scripts after load")
    ap.add_argument("--timeout", type=int, default=300, help="seconds per page")
    ap.add_argument("--self-test", action="store_true", help="first check the checker itself")
    ap.add_argument("--plotly-js", default=os.environ.get("CUTOUTS_PLOTLY_JS"),
                    help="plotly.min.js for the self-test's good chart")
    ap.add_argument("--forbid-prefix", action="append", default=[],
                    help="another absolute path no page may show (the repository and $HOME always are)")
    ap.add_argument("--expect-charts", action="store_true", help="fail a page that has no chart at all")
    args = ap.parse_args()
    FORBIDDEN[:] = forbidden_prefixes(args.forbid_prefix)
    if not args.chromium:
        print("browser test: Chromium not found; install Debian's chromium or pass --chromium", file=sys.stderr)
        return 2

    files = []
    for p in args.paths:
        if p.is_dir():
            files += sorted(p.glob("*.html"))
        elif p.is_file():
            files.append(p)
        else:
            print(f"browser test: {p} does not exist", file=sys.stderr)
            return 2
    if not files:
        print(f"browser test: no HTML files in {', '.join(map(str, args.paths))}", file=sys.stderr)
        return 2

    failures = []
    if args.self_test:
        st = self_test(args.chromium, args.plotly_js, args.budget_ms, args.timeout)
        for f in st:
            print("FAIL " + f, file=sys.stderr)
        if st:
            print("browser test: the checker itself is broken; not testing the workbook", file=sys.stderr)
            return 1
        print("    self-test: the checker passes a good page and catches errors, unrendered charts, "
              "broken images, external loads, tables wider than the page, build-machine paths and strategy colours off the palette")
    passed = 0
    every_chart = []
    for f in files:
        probs, report = check_file(args.chromium, f, args.budget_ms, args.timeout)
        probs += link_problems(f)
        every_chart += [dict(c, page=f.name + " ") for c in (report or {}).get("charts", [])]
        if report is not None and args.expect_charts and not report["charts"]:
            probs.append(f"{f.name}: no chart on the page")
        if probs:
            failures += probs
            print(f"    FAIL {f.name}")
            for p in probs:
                print(f"         {p}")
        else:
            passed += 1
            print(f"    ok   {f.name}: {len(report['charts'])} chart(s) rendered, {len(report['images'])} image(s), "
                  f"no errors" + (f", plotly.js {report['plotlyVersion']}" if report["plotlyVersion"] else ""))
    across = palette_problems("all pages", every_chart, across=True)
    for p in across:
        print(f"    FAIL {p}")
    print(f"browser: {passed} passed, {len(files) - passed} failed" + (f", {len(across)} palette disagreements across pages" if across else ""))
    return 0 if passed == len(files) and not across else 1


if __name__ == "__main__":
    sys.exit(main())
