#!/usr/bin/env python3
"""Unit tests of report_pages.py: plotly.js once per page, navigation, the combined report.

Run by environment/workbook test: `python3 -m unittest discover -s environment -p 'test_*.py'`.
"""
import os
import re
import tempfile
import unittest
from pathlib import Path

import nbformat

import report_pages

TEMPLATES = Path(__file__).resolve().parent / "nbconvert"
FAKE_LIBRARY = "/* fake plotly.js for tests */ window.Plotly = {newPlot: function () {}};"
LIBRARY_IN_CELL = '<script type="text/javascript" data-cutouts="plotly.js">\n' + FAKE_LIBRARY + "\n</script>"
CHART = ('<div class="cutouts-chart" id="c1" data-chart="demo"></div>\n'
         "<script>if (typeof window.Plotly !== 'undefined') Plotly.newPlot(target_c1, [], {});</script>")


def notebook(name, question, with_chart, library_in_output=False):
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell(f"# {name} title\n\n**The question.** {question}\n\nMore text."))
    code = nbformat.v4.new_code_cell("wb.chart(...).show();")
    if with_chart:
        html = (LIBRARY_IN_CELL + "\n" if library_in_output else "") + CHART
        code.outputs = [nbformat.v4.new_output("display_data", data={"text/html": html})]
    nb.cells.append(code)
    return nb


class ReportPagesTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        lib = Path(self.tmp.name) / "plotly.min.js"
        lib.write_text(FAKE_LIBRARY, encoding="utf-8")
        self.saved = os.environ.get("CUTOUTS_PLOTLY_JS")
        os.environ["CUTOUTS_PLOTLY_JS"] = str(lib)

    def tearDown(self):
        if self.saved is None:
            os.environ.pop("CUTOUTS_PLOTLY_JS", None)
        else:
            os.environ["CUTOUTS_PLOTLY_JS"] = self.saved
        self.tmp.cleanup()

    def test_a_copy_of_the_library_in_an_output_is_removed_and_the_chart_kept(self):
        nb = notebook("01-a", "Why?", with_chart=True, library_in_output=True)
        self.assertTrue(report_pages.strip_library(nb))
        html = nb.cells[1].outputs[0]["data"]["text/html"]
        self.assertNotIn("data-cutouts", html)
        self.assertIn('data-chart="demo"', html)
        self.assertFalse(report_pages.strip_library(notebook("02-b", "How?", with_chart=False)))

    def test_the_combined_report_inlines_plotly_once_and_links_every_notebook(self):
        nbs = [("01-a", notebook("01-a", "Why one file per cutout?", True, library_in_output=True)),
               ("02-b", notebook("02-b", "What does the sky look like?", False)),
               ("03-c", notebook("03-c", "Which store?", True, library_in_output=True))]
        page = report_pages.export_report(report_pages.combined(nbs), TEMPLATES)
        self.assertEqual(1, page.count(FAKE_LIBRARY), "plotly.js exactly once in the combined report")
        self.assertEqual(2, page.count('data-chart="demo"'))
        for name, _ in nbs:
            self.assertIn(f'href="{name}.html"', page)
            self.assertIn(f'href="#{name}"', page)
            self.assertIn(f'id="{name}"', page)
        self.assertIn("What does the sky look like?", page)
        self.assertNotIn("wb.chart(...)", page, "the combined report hides the code")
        self.assertNotIn('<script src="http', page)

    def test_a_page_without_a_chart_carries_no_library_and_links_its_neighbours(self):
        nav = report_pages.nav_bar("02-b", ["01-a", "02-b", "03-c"])
        self.assertIn('href="report.html#index"', nav)
        self.assertIn('rel="prev" href="01-a.html"', nav)
        self.assertIn('rel="next" href="03-c.html"', nav)
        first = report_pages.nav_bar("01-a", ["01-a", "02-b"])
        self.assertNotIn('rel="prev"', first)
        nb, resources = report_pages.PageResources(enabled=True).preprocess(
            notebook("02-b", "How?", False), {"metadata": {"name": "02-b"}})
        self.assertEqual("", resources["cutouts_plotly"])
        self.assertIn("Workbook index", resources["cutouts_nav"])

    def test_the_question_is_read_from_the_first_markdown_cell(self):
        title, question = report_pages.title_and_question(notebook("05-x", "How *fast*\nis **one** `.npy`?", False), "05-x")
        self.assertEqual("05-x title", title)
        self.assertEqual("How fast is one .npy?", question)

    def test_a_missing_plotly_file_is_named(self):
        os.environ["CUTOUTS_PLOTLY_JS"] = str(Path(self.tmp.name) / "absent.js")
        with self.assertRaisesRegex(FileNotFoundError, re.escape("absent.js")):
            report_pages.plotly_file()


if __name__ == "__main__":
    unittest.main()
