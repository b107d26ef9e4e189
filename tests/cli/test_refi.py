#!/usr/bin/python3
# test_refi.py: grounded-cli's REFI-QDA commands on the real files of other tools
#
# Copyright 2026 The Grounded authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The samples in GROUNDED_REFI_SAMPLES are exports of NVivo, ATLAS.ti, qc and
# Taguette (../shared/refi-qda/samples/); tests that need one skip when it
# is absent. Python strings index code points, as REFI-QDA offsets and
# Grounded's do, so text[start:end] checks a passage directly.

import json
import os
import sqlite3
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET
import zipfile

CLI = os.environ.get("GROUNDED_CLI", "")
DATA = os.environ.get("GROUNDED_TEST_DATA", "")
SAMPLES = os.environ.get("GROUNDED_REFI_SAMPLES", "")
NS = "{urn:QDA-XML:project:1.0}"


def sample(name):
    path = os.path.join(SAMPLES, name)
    if not os.path.isfile(path):
        raise unittest.SkipTest("no REFI-QDA sample " + name)
    return path


class RefiCliTest(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="grounded-refi-test-")
        self.dir = self._tmp.name
        self.env = dict(os.environ)
        for name in ("HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
            path = os.path.join(self.dir, name.lower())
            os.mkdir(path)
            self.env[name] = path
        self.env["LC_ALL"] = "C.UTF-8"
        self.project = os.path.join(self.dir, "study.grounded")
        self.cli("--coder", "Ayu", "new", self.project)

    def tearDown(self):
        self._tmp.cleanup()

    def cli(self, *args, status=0):
        result = subprocess.run([CLI] + [str(a) for a in args], env=self.env, cwd=self.dir,
                                capture_output=True, encoding="utf-8", timeout=120)
        self.assertEqual(result.returncode, status,
                         "grounded-cli %s exited %d\nstdout:\n%s\nstderr:\n%s"
                         % (" ".join(str(a) for a in args), result.returncode,
                            result.stdout, result.stderr))
        return result

    def json(self, *args):
        return json.loads(self.cli("--json", *args).stdout)

    def query(self, sql, *params):
        with sqlite3.connect(self.project) as db:
            return db.execute(sql, params).fetchall()

    def quotes(self, path=None):
        """Every coding as (coding guid, quoted text)."""
        path = path or self.project
        with sqlite3.connect(path) as db:
            rows = db.execute("SELECT g.guid, t.text, g.start_pos, g.end_pos FROM coding g "
                              "JOIN source_text t ON t.id = g.source_id").fetchall()
        return {guid: text[start:end] for guid, text, start, end in rows}

    def tally(self, report, outcome, element):
        return sum(t["count"] for t in report["tallies"]
                   if t["outcome"] == outcome and t["element"] == element)

    def test_import_every_sample(self):
        for name, codes in (("nvivo-win-12.6_oltas0517.qdpx", None),
                            ("nvivo-mac-15.0.0_qc-project.qdpx", 262),
                            ("atlasti-mac-8.4.0_standard-project_repackaged.qdpx", 14),
                            ("atlasti-win-23.2.3_blank-atlas-project.qdpx", 0),
                            ("atlasti-win-23.2.3_target-atlas-project.qdpx", 3),
                            ("qc-1.3.2_demo.qdpx", 262)):
            with self.subTest(sample=name):
                project = os.path.join(self.dir, name + ".grounded")
                self.cli("new", project)
                out = self.json("import-project", project, sample(name))
                self.assertEqual(out["action"], "import-project")
                if codes is not None:
                    self.assertEqual(self.tally(out["report"], "taken", "Code"), codes)
                # one step to undo, and undo takes it all away; coders stay
                # (they are not part of the history), so an import of users
                # only leaves nothing to undo
                with sqlite3.connect(project) as db:
                    users_only = db.execute("SELECT count(*) FROM code").fetchone()[0] == 0
                self.cli("undo", project, status=1 if users_only else 0)
                with sqlite3.connect(project) as db:
                    self.assertEqual(db.execute("SELECT count(*) FROM code").fetchone()[0], 0)
                    self.assertEqual(db.execute("SELECT count(*) FROM source").fetchone()[0], 0)

    def test_nvivo_passages_are_words(self):
        """NVivo counts UTF-16 units in a BOM'd CRLF text full of emoji."""
        self.cli("import-project", self.project, sample("nvivo-win-12.6_oltas0517.qdpx"))
        quotes = self.quotes()
        self.assertGreaterEqual(len(quotes), 300)
        # a passage that starts inside a word means the offsets are off
        with sqlite3.connect(self.project) as db:
            rows = db.execute("SELECT t.text, g.start_pos FROM coding g "
                              "JOIN source_text t ON t.id = g.source_id").fetchall()
        at_word_start = sum(1 for text, start in rows
                            if start == 0 or not (text[start - 1].isalnum() and text[start].isalnum()))
        self.assertGreaterEqual(at_word_start, len(rows) - 3)
        self.assertFalse(any("\r" in text for text, _ in rows))

    def test_taguette_codebook_with_warning(self):
        path = sample("taguette-1.4.1_codebook.qdc")
        preview = self.json("import-codebook", self.project, path, "--dry-run")
        self.assertEqual([c["action"] for c in preview["changes"]], ["add", "add", "add"])
        self.assertEqual(self.query("SELECT count(*) FROM code"), [(0,)])

        out = self.json("import-codebook", self.project, path)
        warnings = out["report"]["warnings"]
        self.assertEqual(len(warnings), 1)
        self.assertEqual(warnings[0]["element"], "Sets")
        self.assertEqual(warnings[0]["line"], 2)
        self.assertEqual(sorted(n for (n,) in self.query("SELECT name FROM code")),
                         ["CodeBook", "Variables", "xsd:element name"])

        # the same code book again changes nothing
        again = self.json("import-codebook", self.project, path, "--dry-run")
        self.assertEqual([c["action"] for c in again["changes"]], ["keep", "keep", "keep"])

    def test_round_trip_through_the_cli(self):
        self.cli("import-project", self.project, sample("qc-1.3.2_demo.qdpx"))
        exported = os.path.join(self.dir, "out.qdpx")
        out = self.json("export", self.project, exported)
        self.assertEqual(self.tally(out["report"], "taken", "TextSource"), 2)

        with zipfile.ZipFile(exported) as z:
            names = sorted(z.namelist())
            self.assertEqual(names[0], "project.qde")
            self.assertTrue(all(n.startswith("sources/") and n.endswith(".txt") for n in names[1:]))
            root = ET.fromstring(z.read("project.qde"))
            self.assertEqual(root.tag, NS + "Project")
            # offsets count code points in the exact bytes written
            for source in root.iter(NS + "TextSource"):
                entry = "sources/" + source.get("plainTextPath")[len("internal://"):]
                text = z.read(entry).decode("utf-8")
                self.assertFalse(text.startswith("\ufeff"))
                for sel in source.iter(NS + "PlainTextSelection"):
                    start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
                    self.assertLessEqual(end, len(text))
                    self.assertLess(start, end)

        copy = os.path.join(self.dir, "copy.grounded")
        self.cli("new", copy)
        self.cli("import-project", copy, exported)
        self.assertEqual(self.quotes(copy), self.quotes())
        with sqlite3.connect(copy) as db:
            copied = db.execute("SELECT guid, name FROM code ORDER BY guid").fetchall()
        self.assertEqual(copied, self.query("SELECT guid, name FROM code ORDER BY guid"))

        # a second export of the copy is the same XML apart from times and users
        again = os.path.join(self.dir, "again.qdpx")
        self.cli("export", copy, again)
        def body(path):
            with zipfile.ZipFile(path) as z:
                root = ET.fromstring(z.read("project.qde"))
            for el in root.iter():
                el.attrib.pop("creationDateTime", None)
                el.attrib.pop("modifiedDateTime", None)
            root.attrib.pop("name")   # each project's own
            root.remove(root.find(NS + "Users"))
            return ET.tostring(root)
        self.assertEqual(body(exported), body(again))

    def test_export_codebook(self):
        self.cli("codes", self.project, "add", "Intrinsik 🙂", "--color", "#3584e4")
        self.cli("codes", self.project, "add", "kepercayaan", "--parent", "Intrinsik 🙂")
        path = os.path.join(self.dir, "codes.qdc")
        out = self.cli("export-codebook", self.project, path).stdout
        self.assertIn("Exported the code book", out)
        root = ET.parse(path).getroot()
        self.assertEqual(root.tag, "{urn:QDA-XML:codebook:1.0}CodeBook")
        (top,) = root.find("{urn:QDA-XML:codebook:1.0}Codes")
        self.assertEqual(top.get("name"), "Intrinsik 🙂")
        self.assertEqual(top.get("isCodable"), "false")
        self.assertEqual(top.get("guid"), self.query(
            "SELECT guid FROM code WHERE parent_id IS NULL")[0][0])

    def test_import_verb_takes_refi_files(self):
        book = os.path.join(self.dir, "mood.qdc")
        with open(book, "w") as f:
            f.write('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n'
                    '<Code guid="c001" name="Joy" isCodable="true"/></Codes></CodeBook>\n')
        # --dry-run shows the warnings the import would give
        preview = self.json("import-codebook", self.project, book, "--dry-run")
        self.assertTrue(any("'c001'" in w["message"] for w in preview["report"]["warnings"]))
        self.assertIn("mood.qdc:2: Code:", self.cli("import-codebook", self.project, book,
                                                    "--dry-run").stdout)

        out = self.json("import", self.project, book)
        self.assertEqual(out["action"], "import-codebook")
        self.assertEqual(self.query("SELECT name FROM code"), [("Joy",)])

        exported = os.path.join(self.dir, "out.QDPX")
        self.cli("export", self.project, exported)
        copy = os.path.join(self.dir, "copy.grounded")
        self.cli("new", copy)
        out = self.json("import", copy, exported)
        self.assertEqual(out["action"], "import-project")
        with sqlite3.connect(copy) as db:
            self.assertEqual(db.execute("SELECT name FROM code").fetchall(), [("Joy",)])

        err = self.cli("import", self.project, exported, book, status=2).stderr
        self.assertIn("on its own", err)

    def test_bad_files(self):
        bad = os.path.join(self.dir, "bad.qdc")
        with open(bad, "w") as f:
            f.write('<?xml version="1.0"?>\n<!DOCTYPE CodeBook [<!ENTITY x "y">]>\n'
                    '<CodeBook><Codes/></CodeBook>\n')
        err = self.cli("import-codebook", self.project, bad, status=1).stderr
        self.assertIn("bad.qdc", err)
        self.assertIn("document type", err)

        err = self.cli("import-project", self.project, bad, status=1).stderr
        self.assertIn("not a zip archive", err)

        err = self.cli("export", self.project, os.path.join(self.dir, "no", "x.qdpx"),
                       status=1).stderr
        self.assertIn("x.qdpx", err)
        self.cli("export", self.project, status=2)
        self.assertEqual(self.query("SELECT count(*) FROM code"), [(0,)])


if __name__ == "__main__":
    unittest.main(verbosity=2)
