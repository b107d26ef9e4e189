#!/usr/bin/env python3
"""The bundled KAM sample study reproduces the paper's Tables 3 and 4."""

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile

from xml.dom import minidom

CLI = os.environ["GROUNDED_CLI"]
SAMPLE = os.environ["SAMPLE_PROJECT"]
CODEBOOK = os.environ["SAMPLE_CODEBOOK"]


class SampleStudy(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # A copy: the test must not touch the file the build made.
        cls.dir = tempfile.mkdtemp(prefix="grounded-sample-")
        cls.project = os.path.join(cls.dir, "kam-study.grounded")
        shutil.copyfile(SAMPLE, cls.project)
        os.environ["XDG_CACHE_HOME"] = os.path.join(cls.dir, "cache")
        with open(CODEBOOK, encoding="utf-8", newline="") as f:
            cls.codebook = list(csv.DictReader(f))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def cli_json(self, *args):
        result = subprocess.run([CLI, "--json", *args], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def test_every_published_quote_coded_once_under_its_sub_theme(self):
        codings = self.cli_json("codings", self.project)
        for row in self.codebook:
            parent = row["dimension"] + ("/" + row["regulation"] if row["regulation"] else "")
            path = parent + "/" + row["sub_theme"]
            number = row["respondent"].split()[-1]
            whole = [c for c in codings if c["text"] == row["quote"]]
            self.assertEqual(len(whole), 1, "quote coded %d times: %s" % (len(whole), row["quote"]))
            self.assertEqual(whole[0]["code"], path, row["quote"])
            self.assertEqual(whole[0]["source"], "Interview " + number, row["quote"])
            self.assertTrue(whole[0]["representative"], row["quote"])

            quotes = self.cli_json("quotes", self.project, path, "--representative")
            mine = [q for q in quotes if q["text"] == row["quote"]]
            self.assertEqual(len(mine), 1, row["quote"])
            self.assertEqual(mine[0]["case"], row["respondent"])
            self.assertEqual(mine[0]["speaker"], row["respondent"])

    def test_theme_table_is_the_papers(self):
        # Written as CSV, the theme table reads back as the published rows.
        out = os.path.join(self.dir, "table.csv")
        result = subprocess.run([CLI, "report", self.project, "theme-table", "--format", "csv",
                                 "--middle-heading", "regulation", "--output", out],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(out, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        self.assertEqual(rows[0], ["Dimension", "regulation", "Sub-theme", "Quote", "Case"])
        self.assertEqual([r[:5] for r in rows[1:]],
                         [[p["dimension"], p["regulation"], p["sub_theme"], p["quote"],
                           p["respondent"]] for p in self.codebook])

    def test_figures(self):
        # Each figure in each format, the format taken from --format or the
        # file's name; the sizes are those of a 16 cm wide figure.
        magic = {"svg": b"<?xml", "png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}
        for kind in ("data-structure", "frequencies", "heatmap"):
            for fmt in ("svg", "png", "pdf"):
                out = os.path.join(self.dir, "%s.%s" % (kind, fmt))
                result = subprocess.run([CLI, "report", self.project, kind, "--output", out,
                                         "--dpi", "144"], capture_output=True, text=True)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn("16.0 ×", result.stdout)
                with open(out, "rb") as f:
                    data = f.read()
                self.assertTrue(data.startswith(magic[fmt]), (kind, fmt))
                if fmt == "png":
                    # 16 cm at 144 dpi, read from the PNG header
                    self.assertEqual(int.from_bytes(data[16:20], "big"), 907)
        out = os.path.join(self.dir, "figure")
        result = subprocess.run([CLI, "report", self.project, "data-structure", "--format", "pdf",
                                 "--output", out], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(out, "rb") as f:
            self.assertTrue(f.read().startswith(b"%PDF-"))
        # One dimension on its own: its sub-themes only, so a shorter figure.
        whole, part = (os.path.join(self.dir, name + ".svg") for name in ("whole", "part"))
        subprocess.run([CLI, "report", self.project, "data-structure", "-o", whole], check=True,
                       capture_output=True)
        subprocess.run([CLI, "report", self.project, "data-structure", "-o", part,
                        "--code", "Intrinsic"], check=True, capture_output=True)
        with open(whole, encoding="utf-8") as f:
            whole_svg = f.read()
        with open(part, encoding="utf-8") as f:
            part_svg = f.read()
        self.assertLess(len(part_svg), len(whole_svg))
        for bad in (["--format", "gif", "--output", out], [], ["--output", out, "--code", "Nope"]):
            result = subprocess.run([CLI, "report", self.project, "heatmap", *bad],
                                    capture_output=True, text=True)
            self.assertNotEqual(result.returncode, 0)
            self.assertTrue(result.stderr.strip())

    def report(self, *args):
        result = subprocess.run([CLI, "report", self.project, *args], capture_output=True,
                                text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result.stdout

    def report_csv(self, *args):
        out = os.path.join(self.dir, "matrix.csv")
        self.report(*args, "--format", "csv", "--output", out)
        with open(out, encoding="utf-8", newline="") as f:
            return list(csv.reader(f))

    def test_matrices_count_the_codings(self):
        # Counted again here from the codings themselves, case by case.
        codings = self.cli_json("codings", self.project)
        codes = [c["path"] for c in self.cli_json("codes", self.project)]
        per_case = {}
        for c in codings:
            case = "Respondent " + c["source"].split()[-1]
            per_case[(c["code"], case)] = per_case.get((c["code"], case), 0) + 1
        cases = ["Respondent 1", "Respondent 2", "Respondent 3"]

        rows = self.report_csv("codes-by-cases")
        self.assertEqual(rows[0], ["Code"] + cases)
        self.assertEqual([r[0] for r in rows[1:]], codes)
        for row in rows[1:]:
            self.assertEqual(row[1:], [str(per_case.get((row[0], k), 0)) for k in cases], row[0])

        # With sub-codes, a code's row is its whole subtree's.
        rows = self.report_csv("codes-by-cases", "--with-sub-codes")
        self.assertEqual(rows[0], ["Code (with its sub-codes)"] + cases)
        for row in rows[1:]:
            below = [c for c in codes if c == row[0] or c.startswith(row[0] + "/")]
            self.assertEqual(row[1:], [str(sum(per_case.get((c, k), 0) for c in below))
                                       for k in cases], row[0])
        self.assertTrue(any(len(r[0].split("/")) == 1 and r[1:] != ["0", "0", "0"]
                            for r in rows[1:] if any(c.startswith(r[0] + "/") for c in codes)))

        # Presence by gender: Respondent 2 is the one woman.
        rows = self.report_csv("codes-by-attribute", "--attribute", "gender", "--presence")
        self.assertEqual(rows[0], ["Code", "Female", "Male"])
        for row in rows[1:]:
            men = per_case.get((row[0], cases[0]), 0) + per_case.get((row[0], cases[2]), 0)
            self.assertEqual(row[1:], [str(int(per_case.get((row[0], cases[1]), 0) > 0)),
                                       str(int(men > 0))], row[0])

        # Co-occurrence is symmetric, with an empty diagonal.
        rows = self.report_csv("cooccurrence")
        self.assertEqual(rows[0], ["Code"] + codes)
        for i, row in enumerate(rows[1:]):
            self.assertEqual(row[1 + i], "")
            self.assertEqual(row[1:], [rows[1 + j][1 + i] for j in range(len(codes))])

        # --json gives the same matrix, numbers as numbers.
        matrix = self.cli_json("report", self.project, "codes-by-cases")
        self.assertEqual(matrix["headings"], ["Code"] + cases)
        self.assertEqual(matrix["rows"][1][0], codes[1])
        self.assertEqual(matrix["rows"][1][1:], [per_case.get((codes[1], k), 0) for k in cases])

    def test_quotes_of_a_code_with_attributes_and_offsets(self):
        codings = [c for c in self.cli_json("codings", self.project)
                   if c["code"].startswith("Extrinsic/")]
        rows = self.report_csv("quotes", "--code", "Extrinsic")
        heading = rows[0]
        self.assertEqual(heading[:6], ["Code", "Transcript", "Case", "Start", "End", "Text"])
        self.assertIn("gender", heading)
        found = sorted((r[0], r[1], int(r[3]), int(r[4]), r[5]) for r in rows[1:])
        self.assertEqual(found, sorted((c["code"], c["source"], c["start"], c["end"], c["text"])
                                       for c in codings))
        gender = heading.index("gender")
        for row in rows[1:]:
            self.assertEqual(row[2], "Respondent " + row[1].split()[-1])
            self.assertEqual(row[gender], "Female" if row[2] == "Respondent 2" else "Male")

        # The same as XLSX: one row per quote under the bold heading row.
        out = os.path.join(self.dir, "quotes.xlsx")
        self.report("quotes", "--code", "Extrinsic", "--format", "xlsx", "--output", out)
        with zipfile.ZipFile(out) as z:
            sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
        self.assertEqual(sheet.count("<row "), len(rows))
        self.assertIn('state="frozen"', sheet)

    def test_matrix_usage_errors(self):
        for args in (["codes-by-attribute"], ["quotes"], ["cooccurrence", "--presence"],
                     ["quotes", "--code", "Extrinsic", "--with-sub-codes"],
                     ["codes-by-cases", "--format", "xlsx"], ["codes-by-cases", "--format", "ods"]):
            result = subprocess.run([CLI, "report", self.project, *args], capture_output=True,
                                    text=True)
            self.assertEqual(result.returncode, 2, args)
        result = subprocess.run([CLI, "report", self.project, "quotes", "--code", "Nothing"],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 1)

    def test_codebook_documents(self):
        # Every code, in every format; ODT and DOCX are packages of
        # well-formed XML, and need a file to go to.
        codes = self.cli_json("codes", self.project)
        for fmt, main in (("odt", "content.xml"), ("docx", "word/document.xml"),
                          ("html", None), ("md", None)):
            out = os.path.join(self.dir, "codebook." + fmt)
            result = subprocess.run([CLI, "report", self.project, "codebook", "--format", fmt,
                                     "-o", out], capture_output=True, text=True)
            self.assertEqual(result.returncode, 0, result.stderr)
            if main is None:
                with open(out, encoding="utf-8") as f:
                    text = f.read()
            else:
                with zipfile.ZipFile(out) as package:
                    for name in package.namelist():
                        if name.endswith((".xml", ".rels")):
                            minidom.parseString(package.read(name))
                    text = package.read(main).decode("utf-8")
            for code in codes:
                self.assertIn(code["name"].replace("&", "&amp;") if fmt != "md"
                              else code["name"], text, fmt)
            self.assertIn("(Respondent 1)", text)

        result = subprocess.run([CLI, "report", self.project, "codebook", "--format", "docx"],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 2)
        self.assertIn("--output", result.stderr)
        result = subprocess.run([CLI, "report", self.project, "codebook", "--format", "csv"],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 2)

    def test_coded_transcript(self):
        # Every coding of the transcript is marked where it starts and ends
        # and named in the margin, in HTML and in ODT.
        codings = [c for c in self.cli_json("codings", self.project)
                   if c["source"] == "Interview 2"]
        self.assertGreater(len(codings), 3)
        for fmt in ("html", "odt"):
            out = os.path.join(self.dir, "transcript." + fmt)
            result = subprocess.run([CLI, "report", self.project, "transcript", "--source",
                                     "Interview 2", "--format", fmt, "-o", out],
                                    capture_output=True, text=True)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("Interview 2 (%d codings)" % len(codings), result.stdout)
            if fmt == "html":
                with open(out, encoding="utf-8") as f:
                    text = f.read()
                self.assertTrue(text.startswith("<!DOCTYPE html>"))
                self.assertEqual(text.count('<span class="note"'), len(codings))
            else:
                with zipfile.ZipFile(out) as package:
                    self.assertEqual(package.namelist()[0], "mimetype")
                    for name in package.namelist():
                        if name.endswith(".xml"):
                            minidom.parseString(package.read(name))
                    text = package.read("content.xml").decode("utf-8")
                self.assertIn("Respondent 2 · %d codings" % len(codings), text)
            for number in range(1, len(codings) + 1):
                self.assertIn(">[%d<" % number, text, fmt)
                self.assertIn(">%d]<" % number, text, fmt)
            for coding in codings:
                self.assertIn(coding["code"].split("/")[-1].replace("&", "&amp;"), text, fmt)

        # HTML goes to standard output without a file
        result = subprocess.run([CLI, "report", self.project, "transcript", "--source",
                                 "Interview 1"], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("<h1>Interview 1</h1>", result.stdout)

        result = subprocess.run([CLI, "report", self.project, "transcript", "--source",
                                 "Interview 9", "--format", "odt", "-o",
                                 os.path.join(self.dir, "none.odt")],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 1)
        self.assertIn("“Interview 9”", result.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "none.odt")))
        for bad in ([], ["--source", "Interview 1", "--format", "csv"]):
            result = subprocess.run([CLI, "report", self.project, "transcript", *bad],
                                    capture_output=True, text=True)
            self.assertEqual(result.returncode, 2, bad)

    def test_code_tree_has_the_papers_shape(self):
        codes = self.cli_json("codes", self.project)
        kinds = {}
        for code in codes:
            kinds.setdefault(code["kind"], []).append(code)
        self.assertEqual(sorted(c["name"] for c in kinds["aggregate-dimension"]),
                         ["Extrinsic", "Intrinsic"])
        self.assertEqual(len(kinds["theme"]), 4)
        self.assertEqual(len(kinds["sub-theme"]), len({r["sub_theme"] for r in self.codebook}))
        self.assertEqual(len(kinds["sub-theme"]), 14)
        self.assertGreaterEqual(len(kinds["open-code"]), 10)

    def test_cases_memos_relations(self):
        cases = self.cli_json("cases", self.project)
        self.assertEqual(len(cases), 3)
        self.assertGreaterEqual(len(self.cli_json("memo", self.project)), 3)
        self.assertGreaterEqual(len(self.cli_json("relations", self.project)), 4)

    def test_transcripts_say_they_are_reconstructions(self):
        for source in self.cli_json("sources", self.project):
            text = subprocess.run([CLI, "sources", self.project, "show", source["name"]],
                                  capture_output=True, text=True, check=True).stdout
            self.assertIn("RECONSTRUCTION", text[:400])


if __name__ == "__main__":
    result = unittest.main(exit=False, verbosity=2).result
    failed = len(result.failures) + len(result.errors)
    print("%d passed, %d failed" % (result.testsRun - failed, failed))
    sys.exit(1 if failed else 0)
