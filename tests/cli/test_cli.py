#!/usr/bin/python3
# test_cli.py: grounded-cli end to end, on real transcript files
#
# Copyright 2026 The Grounded authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the built binary (path in GROUNDED_CLI) the way a script would and
# checks its output, its exit status and what ends up in the project. Each
# test has its own temporary directory and its own HOME and XDG
# directories, so nothing leaks between tests or into the developer's home.
#
# The fixtures live in tests/data/ and are written by
# tests/data/make-cli-fixtures.py. Python strings index code points, as
# Grounded offsets do, so text[start:end] checks an offset directly.

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get("GROUNDED_TEST_DATA") or os.path.join(HERE, "..", "data")
CLI = os.environ.get("GROUNDED_CLI", "")

UTF8 = os.path.join(DATA, "cli-interview-utf8.txt")
UTF16 = os.path.join(DATA, "cli-interview-utf16le.txt")
CP1252 = os.path.join(DATA, "cli-interview-cp1252.txt")
MARKDOWN = os.path.join(DATA, "cli-interview.md")
CRLF = os.path.join(DATA, "cli-interview-crlf.txt")
INVALID = os.path.join(DATA, "cli-invalid-utf8.txt")
RESPONDENTS = os.path.join(DATA, "respondents.csv")


def stored_text(path, encoding):
    """The text as Grounded stores it: decoded, line ends made LF."""
    with open(path, "rb") as f:
        data = f.read()
    if encoding == "utf-16":
        text = data.decode("utf-16")  # uses and drops the BOM
    else:
        text = data.decode(encoding)
    return text.replace("\r\n", "\n").replace("\r", "\n")


UTF8_TEXT = stored_text(UTF8, "utf-8")


class CliTestCase(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="grounded-cli-test-")
        self.dir = self._tmp.name
        self.env = dict(os.environ)
        self.env.update({
            "HOME": os.path.join(self.dir, "home"),
            "XDG_CACHE_HOME": os.path.join(self.dir, "cache"),
            "XDG_DATA_HOME": os.path.join(self.dir, "data"),
            "XDG_CONFIG_HOME": os.path.join(self.dir, "config"),
            "LC_ALL": "C.UTF-8",
        })
        for name in ("home", "cache", "data", "config"):
            os.mkdir(os.path.join(self.dir, name))
        self.project = os.path.join(self.dir, "study.grounded")

    def tearDown(self):
        self._tmp.cleanup()

    def cli(self, *args, status=0):
        """Runs grounded-cli and checks its exit status."""
        result = subprocess.run([CLI] + [str(a) for a in args], env=self.env,
                                cwd=self.dir, capture_output=True,
                                encoding="utf-8", timeout=60)
        self.assertEqual(result.returncode, status,
                         "grounded-cli %s exited %d, expected %d\nstdout:\n%s\nstderr:\n%s"
                         % (" ".join(str(a) for a in args), result.returncode, status,
                            result.stdout, result.stderr))
        if status == 1:
            self.assertTrue(result.stderr.startswith("grounded-cli: "), result.stderr)
        return result

    def json(self, *args, status=0):
        result = self.cli("--json", *args, status=status)
        return json.loads(result.stdout)

    def fail_with(self, *args, status=1):
        """Runs a command that must fail; returns its stderr."""
        result = self.cli(*args, status=status)
        self.assertEqual(result.stdout, "")
        return result.stderr

    def new_project(self, coder="Ayu"):
        self.cli("new", self.project)
        self.cli("coder", self.project, coder)

    def import_files(self, *paths, case=None):
        args = ["import", self.project] + list(paths)
        if case is not None:
            args += ["--case", case]
        return self.json(*args)

    def source_text(self, source):
        return self.json("sources", self.project, "show", source)["text"]


class TestProjectFiles(CliTestCase):
    def test_new_and_info(self):
        result = self.cli("new", self.project, "--name", "KAM study")
        self.assertIn("KAM study", result.stdout)
        self.assertTrue(os.path.exists(self.project))

        info = self.json("--coder", "Ayu", "info", self.project)
        self.assertEqual(info["name"], "KAM study")
        self.assertRegex(info["guid"], r"^[0-9A-F-]{36}$")
        self.assertEqual(info["format"], 4)
        self.assertEqual(info["coder"], "Ayu")
        self.assertEqual(set(info["counts"].values()), {0})
        self.assertFalse(info["can_undo"])
        self.assertFalse(info["can_redo"])

        text = self.cli("info", self.project).stdout
        for word in ("KAM study", info["guid"], "Sources:", "Codings:", "Ayu", "Can undo"):
            self.assertIn(word, text)

    def test_new_refuses_existing_file(self):
        self.cli("new", self.project)
        stderr = self.fail_with("new", self.project)
        self.assertIn("already exists", stderr)

    def test_not_a_project(self):
        stderr = self.fail_with("info", UTF8)
        self.assertIn("cli-interview-utf8.txt", stderr)
        self.assertIn("not a Grounded project", stderr)

    def test_missing_project(self):
        stderr = self.fail_with("info", os.path.join(self.dir, "nowhere.grounded"))
        self.assertIn("nowhere.grounded", stderr)

    def test_truncated_project(self):
        self.new_project()
        self.import_files(UTF8)
        truncated = os.path.join(self.dir, "truncated.grounded")
        with open(self.project, "rb") as f:
            data = f.read()
        with open(truncated, "wb") as f:
            f.write(data[:len(data) // 2])
        stderr = self.fail_with("sources", truncated)
        self.assertIn("truncated.grounded", stderr)
        self.assertIn("damaged", stderr)

    def test_newer_project(self):
        self.new_project()
        db = sqlite3.connect(self.project)
        db.execute("PRAGMA user_version = 99")
        db.commit()
        db.close()
        stderr = self.fail_with("info", self.project)
        self.assertIn("newer", stderr)
        self.assertIn("study.grounded", stderr)


class TestImport(CliTestCase):
    def setUp(self):
        super().setUp()
        self.new_project()

    def check_import(self, path, encoding_name, text):
        [source] = self.import_files(path)
        self.assertEqual(source["chars"], len(text))
        self.assertEqual(source["encoding"], encoding_name)
        self.assertEqual(self.source_text(source["name"]), text)
        return source

    def test_utf8(self):
        source = self.check_import(UTF8, "UTF-8", UTF8_TEXT)
        self.assertEqual(source["name"], "cli-interview-utf8")
        self.assertEqual(source["format"], "txt")
        self.assertEqual(source["turns"], 6)
        self.assertGreater(source["words"], 50)

        turns = self.json("sources", self.project, "turns", "cli-interview-utf8")
        self.assertEqual([t["speaker"] for t in turns], ["Interviewer", "Respondent"] * 3)
        self.assertEqual([t["interviewer"] for t in turns], [True, False] * 3)
        # Turn offsets are code points: the second turn starts after the
        # first line, and the last ends where the text's last line ends.
        self.assertEqual(turns[1]["start"], UTF8_TEXT.index("Respondent: Nama"))
        self.assertEqual(turns[-1]["end"], len(UTF8_TEXT.rstrip("\n")))

        text = self.cli("sources", self.project, "turns", "cli-interview-utf8").stdout
        self.assertIn("Respondent", text)

    def test_utf16le_with_bom(self):
        source = self.check_import(UTF16, "UTF-16LE", UTF8_TEXT)
        self.assertEqual(source["turns"], 6)

    def test_windows_1252(self):
        text = stored_text(CP1252, "cp1252")
        [source] = self.import_files(CP1252)
        self.assertIn("1252", source["encoding"])
        self.assertEqual(source["chars"], len(text))
        shown = self.source_text(source["name"])
        self.assertEqual(shown, text)
        for passage in ("café", "“pelayanan adalah segalanya”", "€20", "Zürich", "–"):
            self.assertIn(passage, shown)
        self.assertEqual(source["turns"], 4)

    def test_markdown(self):
        # Markdown is stored as read, its markup kept as formatting.
        text = ("Interview 3: Jakarta\n"
                "Transcribed by the research team.\n"
                "Interviewer: What does solution mean to you?\n"
                "Respondent: Memberikan solusi — not just selling a product. "
                "Saya mendengarkan dulu.\n"
                "Interviewer: And personal attributes?\n"
                "Respondent: Jujur, disiplin, dan sabar.\n")
        source = self.check_import(MARKDOWN, "UTF-8", text)
        self.assertEqual(source["format"], "md")
        self.assertEqual(source["turns"], 4)

    def test_crlf(self):
        text = stored_text(CRLF, "ascii")
        source = self.check_import(CRLF, "UTF-8", text)
        self.assertNotIn("\r", self.source_text(source["name"]))
        self.assertEqual(source["turns"], 4)

    def test_invalid_utf8(self):
        stderr = self.fail_with("import", self.project, INVALID)
        self.assertIn("cli-invalid-utf8.txt", stderr)
        self.assertIn("UTF-8", stderr)
        self.assertEqual(self.json("sources", self.project), [])

    def test_text_output(self):
        text = self.cli("import", self.project, UTF8, CRLF).stdout
        self.assertIn("cli-interview-utf8", text)
        self.assertIn(str(len(UTF8_TEXT)), text)
        self.assertIn("UTF-8", text)
        listing = self.cli("sources", self.project).stdout
        self.assertIn("cli-interview-crlf", listing)

    def test_batch_is_all_or_nothing(self):
        stderr = self.fail_with("import", self.project, UTF8, INVALID, CRLF)
        self.assertIn("cli-invalid-utf8.txt", stderr)
        self.assertEqual(self.json("sources", self.project), [])
        self.assertFalse(self.json("info", self.project)["can_undo"])

    def test_batch_rolls_back_the_case_too(self):
        # The case is made inside the batch; a source that then fails (a
        # blank name) must take the case with it.
        self.fail_with("import", self.project, UTF8, "--case", "Respondent 9", "--name", "   ")
        self.assertEqual(self.json("sources", self.project), [])
        self.assertEqual(self.json("cases", self.project), [])

    def test_several_files_one_step(self):
        sources = self.import_files(UTF8, UTF16, CRLF, case="Respondent 1")
        self.assertEqual(len(sources), 3)
        self.assertEqual({s["case"] for s in sources}, {"Respondent 1"})

        history = self.json("history", self.project)
        self.assertEqual(len(history), 1)
        self.assertEqual(history[0]["label"], "Import 3 files")

        listing = self.json("sources", self.project)
        self.assertEqual(len(listing), 3)
        self.assertEqual([c["name"] for c in self.json("cases", self.project)], ["Respondent 1"])

        self.assertEqual(self.cli("undo", self.project).stdout.strip(), "Undid: Import 3 files")
        self.assertEqual(self.json("sources", self.project), [])
        self.assertEqual(self.json("cases", self.project), [])

    def test_case_is_reused(self):
        self.cli("cases", self.project, "add", "Respondent 1")
        self.import_files(UTF8, case="Respondent 1")
        self.import_files(CRLF, case="Respondent 1")
        [kase] = self.json("cases", self.project)
        self.assertEqual(kase["sources"], 2)

    def test_same_file_twice_gets_a_new_name(self):
        self.import_files(UTF8)
        [second] = self.import_files(UTF8)
        self.assertNotEqual(second["name"], "cli-interview-utf8")

    def test_missing_file(self):
        stderr = self.fail_with("import", self.project, os.path.join(self.dir, "absent.txt"))
        self.assertIn("absent.txt", stderr)


class TestSources(CliTestCase):
    def setUp(self):
        super().setUp()
        self.new_project()
        self.import_files(UTF8, CRLF)

    def test_show_range(self):
        start = UTF8_TEXT.index("café")
        shown = self.json("sources", self.project, "show", "cli-interview-utf8",
                          "--from", start, "--to", start + 8)
        self.assertEqual(shown["text"], UTF8_TEXT[start:start + 8])
        self.assertEqual(shown["text"], "café ☕ 𝒜")
        text = self.cli("sources", self.project, "show", "cli-interview-utf8",
                        "--from", start, "--to", start + 8).stdout
        self.assertEqual(text, "café ☕ 𝒜\n")

    def test_show_out_of_range(self):
        stderr = self.fail_with("sources", self.project, "show", "cli-interview-utf8",
                                "--from", 10, "--to", len(UTF8_TEXT) + 1)
        self.assertIn("cli-interview-utf8", stderr)
        self.fail_with("sources", self.project, "show", "cli-interview-utf8",
                       "--from", 20, "--to", 10)
        self.fail_with("sources", self.project, "show", "cli-interview-utf8",
                       "--from", "ten", status=2)

    def test_show_by_guid(self):
        [source] = [s for s in self.json("sources", self.project) if s["name"] == "cli-interview-crlf"]
        shown = self.json("sources", self.project, "show", source["guid"].lower())
        self.assertEqual(shown["source"], "cli-interview-crlf")

    def test_unknown_source(self):
        stderr = self.fail_with("sources", self.project, "show", "nobody")
        self.assertIn("nobody", stderr)
        self.fail_with("sources", self.project, "turns", "nobody")

    def test_rename_set_case_delete(self):
        self.cli("sources", self.project, "rename", "cli-interview-utf8", "Budi")
        self.cli("cases", self.project, "add", "Respondent 1")
        self.cli("sources", self.project, "set-case", "Budi", "Respondent 1")
        by_name = {s["name"]: s for s in self.json("sources", self.project)}
        self.assertEqual(by_name["Budi"]["case"], "Respondent 1")

        self.cli("sources", self.project, "set-case", "Budi", "--none")
        by_name = {s["name"]: s for s in self.json("sources", self.project)}
        self.assertIsNone(by_name["Budi"]["case"])

        self.fail_with("sources", self.project, "set-case", "Budi", status=2)
        self.fail_with("sources", self.project, "set-case", "Budi", "Nobody")
        self.fail_with("sources", self.project, "rename", "Budi", "cli-interview-crlf")

        self.cli("sources", self.project, "delete", "Budi")
        self.assertEqual([s["name"] for s in self.json("sources", self.project)],
                         ["cli-interview-crlf"])
        self.cli("undo", self.project)
        self.assertEqual(len(self.json("sources", self.project)), 2)

    def test_listing_grouped_by_case(self):
        self.cli("cases", self.project, "add", "Respondent 1")
        self.cli("sources", self.project, "set-case", "cli-interview-crlf", "Respondent 1")
        text = self.cli("sources", self.project).stdout
        self.assertLess(text.index("Respondent 1"), text.index("Without a case"))
        self.assertLess(text.index("cli-interview-crlf"), text.index("cli-interview-utf8"))


class TestCodes(CliTestCase):
    def setUp(self):
        super().setUp()
        self.new_project()
        self.import_files(UTF8)

    def codes(self):
        return {c["path"]: c for c in self.json("codes", self.project)}

    def code(self, code, passage, *extra):
        return self.json("code", self.project, "cli-interview-utf8", code, "--quote", passage, *extra)

    def test_tree(self):
        self.cli("codes", self.project, "add", "Extrinsic", "--kind", "aggregate-dimension",
                 "--color", "#FF7800", "--description", "Ryan & Deci")
        self.cli("codes", self.project, "add", "External Regulation", "--parent", "Extrinsic",
                 "--kind", "theme")
        self.cli("codes", self.project, "add", "Facility", "--parent", "Extrinsic/External Regulation")
        self.cli("codes", self.project, "add", "Intrinsic", "--kind", "aggregate-dimension")
        self.cli("codes", self.project, "add", "Facility", "--parent", "Intrinsic")

        codes = self.codes()
        self.assertEqual(list(codes), ["Extrinsic", "Extrinsic/External Regulation",
                                       "Extrinsic/External Regulation/Facility",
                                       "Intrinsic", "Intrinsic/Facility"])
        self.assertEqual(codes["Extrinsic"]["kind"], "aggregate-dimension")
        self.assertEqual(codes["Extrinsic"]["color"], "#ff7800")
        self.assertEqual(codes["Extrinsic"]["description"], "Ryan & Deci")
        self.assertEqual(codes["Extrinsic/External Regulation/Facility"]["depth"], 2)
        self.assertEqual(codes["Extrinsic/External Regulation/Facility"]["kind"], "open-code")

        # A bare name that appears twice is ambiguous; the path is not.
        stderr = self.fail_with("codes", self.project, "rename", "Facility", "Place")
        self.assertIn("Facility", stderr)
        self.cli("codes", self.project, "rename", "Intrinsic/Facility", "Place")
        self.assertIn("Intrinsic/Place", self.codes())

        self.cli("codes", self.project, "move", "Intrinsic/Place", "--top")
        self.cli("codes", self.project, "move", "Place", "--parent", "Extrinsic", "--position", 0)
        codes = self.codes()
        self.assertIn("Extrinsic/Place", codes)
        self.assertEqual(codes["Extrinsic/Place"]["position"], 0)
        self.fail_with("codes", self.project, "move", "Extrinsic", "--parent",
                       "Extrinsic/External Regulation")
        self.fail_with("codes", self.project, "move", "Place", status=2)
        self.fail_with("codes", self.project, "move", "Place", "--top", "--parent", "Extrinsic",
                       status=2)

        self.cli("codes", self.project, "set-kind", "Extrinsic/Place", "sub-theme")
        self.cli("codes", self.project, "set-color", "Extrinsic/Place", "#00aa00")
        self.cli("codes", self.project, "describe", "Extrinsic/Place", "Where people meet")
        place = self.codes()["Extrinsic/Place"]
        self.assertEqual((place["kind"], place["color"], place["description"]),
                         ("sub-theme", "#00aa00", "Where people meet"))
        self.fail_with("codes", self.project, "set-color", "Extrinsic/Place", "green")
        self.fail_with("codes", self.project, "set-kind", "Extrinsic/Place", "category", status=2)
        self.fail_with("codes", self.project, "add", "X", "--kind", "category", status=2)
        self.fail_with("codes", self.project, "add", "X", "--parent", "Nowhere")

        text = self.cli("codes", self.project).stdout
        self.assertIn("aggregate-dimension", text)
        self.assertIn("\n  External Regulation", text)
        self.assertIn("\n    Facility", text)

    def test_duplicate_sibling_refused(self):
        self.cli("codes", self.project, "add", "Trust")
        stderr = self.fail_with("codes", self.project, "add", "Trust")
        self.assertIn("Trust", stderr)

    def test_code_sets(self):
        self.cli("codes", self.project, "add", "Trust")
        self.cli("codes", self.project, "add", "Solution")
        self.cli("codes", self.project, "add-set", "Primary factors", "--description", "The paper's")
        self.cli("codes", self.project, "add-to-set", "Primary factors", "Trust")
        self.cli("codes", self.project, "add-to-set", "Primary factors", "Solution")
        [code_set] = self.json("codes", self.project, "sets")
        self.assertEqual(code_set["name"], "Primary factors")
        self.assertEqual(sorted(code_set["codes"]), ["Solution", "Trust"])
        self.cli("codes", self.project, "remove-from-set", "Primary factors", "Solution")
        self.assertEqual(self.json("codes", self.project, "sets")[0]["codes"], ["Trust"])
        self.fail_with("codes", self.project, "add-to-set", "No such set", "Trust")
        self.assertIn("Primary factors", self.cli("codes", self.project, "sets").stdout)

    def test_code_by_quote_non_bmp(self):
        self.cli("codes", self.project, "add", "Place")
        passage = "café ☕ 𝒜"
        coding = self.code("Place", passage)
        start = UTF8_TEXT.index(passage)
        self.assertEqual((coding["start"], coding["end"]), (start, start + len(passage)))
        self.assertEqual(coding["text"], passage)

        [quote] = self.json("quotes", self.project, "Place", "--context", 10)
        self.assertEqual(quote["text"], passage)
        self.assertEqual((quote["start"], quote["end"]), (start, start + len(passage)))
        self.assertEqual(UTF8_TEXT[quote["start"]:quote["end"]], passage)
        self.assertEqual(quote["context_before"], UTF8_TEXT[start - 10:start])
        self.assertEqual(quote["context_after"], UTF8_TEXT[start + len(passage):start + len(passage) + 10])
        self.assertEqual(quote["speaker"], "Respondent")
        self.assertEqual(quote["source"], "cli-interview-utf8")

        # After two characters outside the BMP, offsets must still be code
        # points (UTF-16 would count four more, bytes many more).
        self.cli("codes", self.project, "add", "Trust")
        passage = "tidak ada solusi. 😊"
        coding = self.code("Trust", passage)
        self.assertEqual(UTF8_TEXT[coding["start"]:coding["end"]], passage)
        [quote] = self.json("quotes", self.project, "Trust")
        self.assertEqual(quote["text"], passage)

        text = self.cli("quotes", self.project, "Trust").stdout
        self.assertIn("“tidak ada solusi. 😊”", text)

    def test_code_by_offsets(self):
        self.cli("codes", self.project, "add", "Trust")
        start = UTF8_TEXT.index("Trust is everything")
        coding = self.json("code", self.project, "cli-interview-utf8", "Trust",
                           "--start", start, "--end", start + 19)
        self.assertEqual(coding["text"], "Trust is everything")
        text = self.cli("codings", self.project).stdout
        self.assertIn("Trust is everything", text)

    def test_code_errors(self):
        self.cli("codes", self.project, "add", "Trust")
        stderr = self.fail_with("code", self.project, "cli-interview-utf8", "Nope", "--start", 0, "--end", 5)
        self.assertIn("Nope", stderr)
        stderr = self.fail_with("code", self.project, "nobody", "Trust", "--start", 0, "--end", 5)
        self.assertIn("nobody", stderr)
        stderr = self.fail_with("code", self.project, "cli-interview-utf8", "Trust",
                                "--start", 0, "--end", len(UTF8_TEXT) + 1)
        self.assertIn(str(len(UTF8_TEXT)), stderr)
        self.fail_with("code", self.project, "cli-interview-utf8", "Trust", "--start", 5, "--end", 5)
        # "café" occurs twice, "kopi" never.
        stderr = self.fail_with("code", self.project, "cli-interview-utf8", "Trust", "--quote", "café")
        self.assertIn("2 times", stderr)
        self.fail_with("code", self.project, "cli-interview-utf8", "Trust", "--quote", "kopi")
        # usage errors
        self.fail_with("code", self.project, "cli-interview-utf8", "Trust", status=2)
        self.fail_with("code", self.project, "cli-interview-utf8", "Trust", "--start", 1, status=2)
        self.fail_with("code", self.project, "cli-interview-utf8", "Trust", "--start", "a",
                       "--end", 4, status=2)
        self.fail_with("code", self.project, "cli-interview-utf8", "Trust", "--start", 1,
                       "--end", 4, "--quote", "café", status=2)
        self.assertEqual(self.json("codings", self.project), [])
        self.assertEqual(len(self.json("history", self.project)), 2)

    def test_duplicate_coding_refused(self):
        self.cli("codes", self.project, "add", "Trust")
        self.code("Trust", "Trust is everything")
        stderr = self.fail_with("code", self.project, "cli-interview-utf8", "Trust",
                                "--quote", "Trust is everything")
        self.assertIn("already coded", stderr)
        self.assertEqual(len(self.json("codings", self.project)), 1)
        # Another coder may code the same passage.
        self.cli("--coder", "Rina", "code", self.project, "cli-interview-utf8", "Trust",
                 "--quote", "Trust is everything")
        self.assertEqual(sorted(c["coder"] for c in self.json("codings", self.project)),
                         ["Ayu", "Rina"])

    def test_representative_and_memo_are_one_step(self):
        self.cli("codes", self.project, "add", "Trust")
        coding = self.code("Trust", "Trust is everything", "--representative", "--memo", "Key quote")
        self.assertTrue(coding["representative"])
        [memo] = self.json("memo", self.project)
        self.assertEqual((memo["scope"], memo["target_id"], memo["text"]),
                         ("coding", coding["id"], "Key quote"))
        self.assertEqual(len(self.json("quotes", self.project, "Trust", "--representative")), 1)

        # import, add code, code: the flag and the memo add no steps
        history = self.json("history", self.project)
        self.assertEqual(len(history), 3)
        self.assertEqual(history[0]["label"], "Apply code “Trust”")

        self.cli("undo", self.project)
        self.assertEqual(self.json("codings", self.project), [])
        self.assertEqual(self.json("memo", self.project), [])

    def test_uncode_represent_recode(self):
        self.cli("codes", self.project, "add", "Trust")
        self.cli("codes", self.project, "add", "Solution")
        coding = self.code("Trust", "tidak ada solusi")
        cid = coding["id"]

        self.cli("represent", self.project, cid)
        self.assertTrue(self.json("codings", self.project)[0]["representative"])
        self.cli("represent", self.project, cid, "--off")
        self.assertFalse(self.json("codings", self.project)[0]["representative"])

        self.cli("recode", self.project, cid, "Solution")
        [listed] = self.json("codings", self.project, "cli-interview-utf8")
        self.assertEqual((listed["code"], listed["text"]), ("Solution", "tidak ada solusi"))

        self.cli("uncode", self.project, cid)
        self.assertEqual(self.json("codings", self.project), [])
        self.fail_with("uncode", self.project, cid)
        self.fail_with("uncode", self.project, "x", status=2)
        self.fail_with("represent", self.project, 999)
        self.fail_with("recode", self.project, cid, "Solution")

    def test_merge_codings_follow(self):
        self.cli("codes", self.project, "add", "Trust")
        self.cli("codes", self.project, "add", "Kepercayaan")
        self.cli("codes", self.project, "add", "Nasabah", "--parent", "Kepercayaan")
        self.code("Trust", "Trust is everything")
        self.code("Kepercayaan", "Kepercayaan nasabah")
        self.code("Nasabah", "nasabah. Trust")

        self.cli("codes", self.project, "merge", "Kepercayaan", "Trust")
        codes = self.codes()
        self.assertNotIn("Kepercayaan", codes)
        self.assertIn("Trust/Nasabah", codes)
        self.assertEqual(codes["Trust"]["codings"], 2)
        self.assertEqual(codes["Trust"]["codings_total"], 3)
        texts = sorted(q["text"] for q in self.json("quotes", self.project, "Trust"))
        self.assertEqual(texts, ["Kepercayaan nasabah", "Trust is everything"])
        self.assertEqual(len(self.json("quotes", self.project, "Trust", "--descendants")), 3)

        self.assertIn("Merge", self.cli("undo", self.project).stdout)
        codes = self.codes()
        self.assertEqual(codes["Kepercayaan"]["codings_total"], 2)
        self.assertEqual(codes["Trust"]["codings"], 1)

    def test_delete_and_undo_restore_codings(self):
        self.cli("codes", self.project, "add", "Trust", "--kind", "theme")
        self.cli("codes", self.project, "add", "Nasabah", "--parent", "Trust")
        first = self.code("Trust", "Trust is everything", "--memo", "why")
        second = self.code("Nasabah", "Kepercayaan nasabah")
        before = self.json("codings", self.project)

        text = self.cli("codes", self.project, "delete", "Trust").stdout
        self.assertIn("2 codings", text)
        self.assertEqual(self.json("codes", self.project), [])
        self.assertEqual(self.json("codings", self.project), [])
        self.assertEqual(self.json("memo", self.project), [])

        self.assertEqual(self.cli("undo", self.project).stdout.strip(), "Undid: Delete code “Trust”")
        self.assertEqual(self.json("codings", self.project), before)
        self.assertEqual({c["id"] for c in before}, {first["id"], second["id"]})
        self.assertEqual(len(self.json("memo", self.project)), 1)
        self.assertEqual(self.codes()["Trust"]["kind"], "theme")

        self.assertIn("Redid:", self.cli("redo", self.project).stdout)
        self.assertEqual(self.json("codings", self.project), [])


class TestHistory(CliTestCase):
    def test_forget_keeps_the_data(self):
        self.new_project()
        self.cli("codes", self.project, "add", "A")
        self.cli("codes", self.project, "add", "B")
        self.cli("undo", self.project)

        self.cli("history", self.project, "--forget")
        self.assertEqual(self.json("history", self.project), [])
        self.assertEqual([c["name"] for c in self.json("codes", self.project)], ["A"])
        undo = self.cli("undo", self.project, status=1)
        self.assertIn("nothing to undo", undo.stderr.lower())

    def test_undo_redo_across_invocations(self):
        self.new_project()
        self.cli("codes", self.project, "add", "A")
        self.cli("codes", self.project, "add", "B")
        self.cli("codes", self.project, "add", "C")

        history = self.json("history", self.project)
        self.assertEqual([h["label"] for h in history],
                         ["Add code “C”", "Add code “B”", "Add code “A”"])
        self.assertEqual({h["coder"] for h in history}, {"Ayu"})
        self.assertFalse(any(h["undone"] for h in history))

        self.assertEqual(self.cli("undo", self.project).stdout, "Undid: Add code “C”\n")
        self.assertEqual(self.cli("undo", self.project).stdout, "Undid: Add code “B”\n")
        self.assertEqual([c["name"] for c in self.json("codes", self.project)], ["A"])

        history = self.json("history", self.project)
        self.assertEqual([h["undone"] for h in history], [True, True, False])
        text = self.cli("history", self.project).stdout
        self.assertEqual(text.count("undone"), 2)
        self.assertEqual(len(self.json("history", self.project, "--limit", 2)), 2)

        info = self.json("info", self.project)
        self.assertTrue(info["can_undo"] and info["can_redo"])

        self.assertEqual(self.cli("redo", self.project).stdout, "Redid: Add code “B”\n")
        self.assertEqual([c["name"] for c in self.json("codes", self.project)], ["A", "B"])

        self.cli("undo", self.project)
        self.cli("undo", self.project)
        stderr = self.fail_with("undo", self.project)
        self.assertTrue(stderr.strip())
        self.assertEqual(self.json("codes", self.project), [])

        self.cli("redo", self.project)
        self.cli("redo", self.project)
        self.cli("redo", self.project)
        self.fail_with("redo", self.project)
        self.assertEqual(len(self.json("codes", self.project)), 3)
        self.fail_with("history", self.project, "--limit", "many", status=2)


class TestCases(CliTestCase):
    def setUp(self):
        super().setUp()
        self.new_project()

    def cases(self):
        return {c["name"]: c for c in self.json("cases", self.project)}

    def attributes(self):
        return {a["name"]: a for a in self.json("attributes", self.project)}

    def test_import_respondents(self):
        result = self.json("cases", self.project, "import", RESPONDENTS)
        self.assertEqual((result["cases"], result["new_cases"]), (3, 3))
        types = {a["name"]: a["type"] for a in result["attributes"]}
        self.assertEqual(types, {
            "gender": "text", "age": "number", "working_area": "text",
            "current_position": "text", "first_career": "text",
            "experience_years": "number", "kam_experience_years": "number",
            "clients": "number",
        })

        cases = self.cases()
        self.assertEqual(sorted(cases), ["Respondent 1", "Respondent 2", "Respondent 3"])
        self.assertEqual(cases["Respondent 1"]["attributes"]["working_area"], "Medan - North Sumatera")
        self.assertEqual(cases["Respondent 3"]["attributes"]["first_career"],
                         "MDP (Management Development Program)")
        self.assertEqual(cases["Respondent 1"]["attributes"]["clients"], "80")
        # n/a is recorded as "not applicable": present, and null.
        self.assertIn("clients", cases["Respondent 2"]["attributes"])
        self.assertIsNone(cases["Respondent 2"]["attributes"]["clients"])

        text = self.cli("cases", self.project).stdout
        self.assertIn("n/a", text)
        self.assertIn("Bogor - West Java", text)

        self.assertEqual(len(self.json("history", self.project)), 1)

        # Importing again reuses cases and attributes.
        again = self.json("cases", self.project, "import", RESPONDENTS)
        self.assertEqual(again["new_cases"], 0)
        self.assertFalse(any(a["new"] for a in again["attributes"]))
        self.assertEqual(len(self.attributes()), 8)
        # ... and, changing nothing, leaves no step to undo.
        self.assertEqual(len(self.json("history", self.project)), 1)

        self.cli("undo", self.project)
        self.assertEqual(self.cases(), {})
        self.assertEqual(self.attributes(), {})

    def test_rfc4180_csv(self):
        csv_path = os.path.join(self.dir, "people.csv")
        with open(csv_path, "wb") as f:
            f.write(b"\xef\xbb\xbf"
                    b"name,\"role, long\",joined,score,notes\r\n"
                    b"Ani,\"Manager, \"\"senior\"\"\",2020-01-31,4.5,\"two\r\nlines\"\r\n"
                    b"\"Budi, Jr.\",Teller,n/a,n/a,caf\xc3\xa9\r\n"
                    b"Citra,Officer,2021-12-01,-3,\r\n")
        result = self.json("cases", self.project, "import", csv_path)
        self.assertEqual(result["cases"], 3)
        types = {a["name"]: a["type"] for a in result["attributes"]}
        self.assertEqual(types, {"role, long": "text", "joined": "date", "score": "number",
                                 "notes": "text"})
        cases = self.cases()
        self.assertEqual(cases["Ani"]["attributes"]["role, long"], "Manager, \"senior\"")
        self.assertEqual(cases["Ani"]["attributes"]["notes"], "two\nlines")
        self.assertIsNone(cases["Budi, Jr."]["attributes"]["joined"])
        self.assertEqual(cases["Budi, Jr."]["attributes"]["notes"], "café")
        self.assertEqual(cases["Citra"]["attributes"]["score"], "-3")
        # A blank cell records nothing.
        self.assertNotIn("notes", cases["Citra"]["attributes"])

    def test_malformed_csv(self):
        bad = os.path.join(self.dir, "bad.csv")
        with open(bad, "w", encoding="utf-8") as f:
            f.write("name,age\nAni,30\nBudi,\"41\nCitra,22\n")
        stderr = self.fail_with("cases", self.project, "import", bad)
        self.assertIn("bad.csv", stderr)
        self.assertIn("line 3", stderr)

        with open(bad, "w", encoding="utf-8") as f:
            f.write("name,age\nAni,30\nBudi,41,extra\n")
        stderr = self.fail_with("cases", self.project, "import", bad)
        self.assertIn("bad.csv line 3", stderr)

        with open(bad, "w", encoding="utf-8") as f:
            f.write("name,age\nAni,3\"0\n")
        stderr = self.fail_with("cases", self.project, "import", bad)
        self.assertIn("bad.csv line 2", stderr)

        self.assertEqual(self.cases(), {})
        self.assertEqual(self.attributes(), {})

    def test_csv_value_that_does_not_fit_rolls_back(self):
        self.cli("attributes", self.project, "add", "age", "--type", "number")
        bad = os.path.join(self.dir, "ages.csv")
        with open(bad, "w", encoding="utf-8") as f:
            f.write("name,age\nAni,30\nBudi,forty\n")
        stderr = self.fail_with("cases", self.project, "import", bad)
        self.assertIn("ages.csv line 3", stderr)
        self.assertIn("forty", stderr)
        self.assertEqual(self.cases(), {})

    def test_cases_commands(self):
        self.cli("cases", self.project, "add", "Respondent 1", "--description", "Medan")
        self.fail_with("cases", self.project, "add", "Respondent 1")
        self.cli("cases", self.project, "rename", "Respondent 1", "R1")
        self.assertEqual(self.cases()["R1"]["description"], "Medan")
        self.fail_with("cases", self.project, "rename", "Nobody", "R2")
        self.cli("cases", self.project, "delete", "R1")
        self.assertEqual(self.cases(), {})
        self.cli("undo", self.project)
        self.assertIn("R1", self.cases())

    def test_attributes(self):
        self.cli("cases", self.project, "add", "R1")
        self.import_files(UTF8)
        self.cli("attributes", self.project, "add", "bank", "--type", "choice",
                 "--choices", "BCA, Mandiri,BRI")
        self.cli("attributes", self.project, "add", "interviewed", "--type", "date")
        self.cli("attributes", self.project, "add", "note", "--type", "text")
        attributes = self.attributes()
        self.assertEqual(attributes["bank"]["choices"], ["BCA", "Mandiri", "BRI"])
        self.assertEqual(attributes["interviewed"]["type"], "date")

        self.cli("attributes", self.project, "set", "R1", "bank", "mandiri")
        self.assertEqual(self.cases()["R1"]["attributes"]["bank"], "Mandiri")
        stderr = self.fail_with("attributes", self.project, "set", "R1", "bank", "BNI")
        self.assertIn("BNI", stderr)
        self.fail_with("attributes", self.project, "set", "R1", "interviewed", "31/01/2024")
        self.cli("attributes", self.project, "set", "R1", "interviewed", "n/a")
        self.assertIsNone(self.cases()["R1"]["attributes"]["interviewed"])
        self.cli("attributes", self.project, "set-source", "cli-interview-utf8", "note", "audio lost")
        self.fail_with("attributes", self.project, "set", "R1", "nothing", "x")
        self.fail_with("attributes", self.project, "set", "Nobody", "bank", "BCA")

        self.cli("attributes", self.project, "unset", "R1", "bank")
        self.assertNotIn("bank", self.cases()["R1"]["attributes"])

        self.cli("attributes", self.project, "delete", "interviewed")
        self.assertNotIn("interviewed", self.attributes())
        self.assertIn("choice", self.cli("attributes", self.project).stdout)

        self.fail_with("attributes", self.project, "add", "x", status=2)
        self.fail_with("attributes", self.project, "add", "x", "--type", "colour", status=2)
        self.fail_with("attributes", self.project, "add", "x", "--type", "choice", status=2)
        self.fail_with("attributes", self.project, "add", "x", "--type", "text",
                       "--choices", "a,b", status=2)


class TestAnalysis(CliTestCase):
    """Frequencies, co-occurrence and search on a small coded project."""

    def setUp(self):
        super().setUp()
        self.new_project()
        self.cli("cases", self.project, "import", RESPONDENTS)
        self.import_files(UTF8, case="Respondent 1")
        self.import_files(CP1252, case="Respondent 2")
        self.import_files(CRLF)
        self.cli("codes", self.project, "add", "Trust")
        self.cli("codes", self.project, "add", "Solution")
        for source, code, passage in [
                ("cli-interview-utf8", "Trust", "Trust is everything"),
                ("cli-interview-utf8", "Solution", "tidak ada solusi"),
                ("cli-interview-utf8", "Solution", "Kepercayaan nasabah. Trust"),
                ("cli-interview-cp1252", "Trust", "pelayanan adalah segalanya"),
                ("cli-interview-cp1252", "Solution", "Bagaimana pengalaman Anda"),  # interviewer
                ("cli-interview-crlf", "Trust", "Seven years, all in Medan")]:
            self.cli("code", self.project, source, code, "--quote", passage)

    def table(self, result):
        return {row["code"]: dict(zip(result["groups"], row["counts"])) for row in result["rows"]}

    def test_frequencies_by_case(self):
        result = self.json("frequencies", self.project)
        self.assertEqual(result["by"], "case")
        self.assertEqual(self.table(result), {
            "Trust": {"Respondent 1": 1, "Respondent 2": 1, None: 1},
            "Solution": {"Respondent 1": 2, "Respondent 2": 0, None: 0},
        })
        result = self.json("frequencies", self.project, "--include-interviewer")
        self.assertEqual(self.table(result)["Solution"]["Respondent 2"], 1)

        text = self.cli("frequencies", self.project).stdout
        self.assertIn("Respondent 1", text)
        self.assertIn("(no case)", text)
        self.assertIn("Total", text)

    def test_frequencies_by_source_and_attribute(self):
        result = self.json("frequencies", self.project, "--by", "source")
        self.assertEqual(self.table(result)["Trust"]["cli-interview-crlf"], 1)

        result = self.json("frequencies", self.project, "--by", "attribute", "--attribute", "clients",
                           "--include-interviewer")
        self.assertEqual(result["attribute"], "clients")
        table = self.table(result)
        self.assertEqual(table["Trust"], {"80": 1, "n/a": 1, None: 1})
        self.assertEqual(table["Solution"], {"80": 2, "n/a": 1, None: 0})

        result = self.json("frequencies", self.project, "--attribute", "gender")
        self.assertEqual(self.table(result)["Solution"]["Male"], 2)

        self.fail_with("frequencies", self.project, "--by", "coder", status=2)
        self.fail_with("frequencies", self.project, "--by", "attribute", status=2)
        self.fail_with("frequencies", self.project, "--attribute", "shoe size")

    def test_cooccurrence(self):
        [pair] = self.json("cooccurrence", self.project)
        self.assertEqual(({pair["code_a"], pair["code_b"]}, pair["count"]), ({"Trust", "Solution"}, 1))
        pairs = self.json("cooccurrence", self.project, "--same-turn")
        self.assertEqual(len(pairs), 1)
        # Both Solution codings start in the turn of "Trust is everything";
        # the interviewer's Solution coding in the other source does not.
        self.assertEqual(pairs[0]["count"], 2)
        self.assertIn("Trust", self.cli("cooccurrence", self.project).stdout)

    def test_search_folds_diacritics(self):
        hits = self.json("search", self.project, "cafe")
        self.assertEqual(len(hits), 3)
        texts = {"cli-interview-utf8": UTF8_TEXT,
                 "cli-interview-cp1252": stored_text(CP1252, "cp1252")}
        for hit in hits:
            self.assertEqual(hit["match"], "café")
            # Offsets are code points into the stored text, past 𝒜 and 😊.
            self.assertEqual(texts[hit["source"]][hit["start"]:hit["end"]], "café")
        starts = sorted(h["start"] for h in hits if h["source"] == "cli-interview-utf8")
        self.assertEqual(starts, [UTF8_TEXT.index("café"), UTF8_TEXT.rindex("café")])

        self.assertEqual(len(self.json("search", self.project, "cafe", "--limit", 1)), 1)
        hits = self.json("search", self.project, "\"tidak ada solusi\"", "--context", 5)
        self.assertEqual(len(hits), 1)
        self.assertEqual(len(hits[0]["context_before"]), 5)
        self.assertEqual(len(self.json("search", self.project, "ZURICH")), 1)
        self.assertEqual(self.json("search", self.project, "bank", "nowhere"), [])

        text = self.cli("search", self.project, "cafe").stdout
        self.assertEqual(len(text.splitlines()), 3)
        self.assertIn("cli-interview-utf8:%d-%d:" % (UTF8_TEXT.index("café"), UTF8_TEXT.index("café") + 4),
                      text)
        self.assertIn("[café]", text)
        self.fail_with("search", self.project, status=2)
        self.fail_with("search", self.project, "cafe", "--limit", "-1", status=2)

    def test_quotes_listing(self):
        text = self.cli("quotes", self.project, "Trust", "--context", 8).stdout
        self.assertIn("Respondent 1 · cli-interview-utf8 · Respondent", text)
        self.assertIn("(no case)", text)
        quotes = self.json("quotes", self.project, "Trust")
        self.assertEqual([q["case"] for q in quotes], ["Respondent 1", "Respondent 2", None])
        self.fail_with("quotes", self.project, "Nope")


class TestMemosAndRelations(CliTestCase):
    def setUp(self):
        super().setUp()
        self.new_project()
        self.import_files(UTF8)
        self.cli("codes", self.project, "add", "Trust")
        self.cli("codes", self.project, "add", "Solution")

    def test_memos(self):
        coding = self.json("code", self.project, "cli-interview-utf8", "Trust",
                           "--quote", "Trust is everything")
        relation = self.json("relate", self.project, "Trust", "Solution")
        self.cli("memo", self.project, "add", "--project", "--title", "Aim", "Why KAMs stay")
        self.cli("memo", self.project, "add", "--free", "Idea: trust → solution")
        self.cli("memo", self.project, "add", "--source", "cli-interview-utf8", "Good interview")
        self.cli("memo", self.project, "add", "--code", "Trust", "Core factor")
        self.cli("memo", self.project, "add", "--coding", coding["id"], "Key quote")
        self.cli("memo", self.project, "add", "--relation", relation["id"], "Trust enables solutions")

        memos = self.json("memo", self.project)
        self.assertEqual([m["scope"] for m in memos],
                         ["project", "free", "source", "code", "coding", "relation"])
        self.assertEqual(memos[0]["title"], "Aim")
        self.assertEqual(memos[2]["target"], "cli-interview-utf8")
        self.assertEqual(memos[3]["target"], "Trust")
        self.assertEqual(memos[1]["text"], "Idea: trust → solution")
        self.assertEqual(memos[1]["author"], "Ayu")

        self.cli("memo", self.project, "edit", memos[0]["id"], "--title", "Aim 2")
        self.cli("memo", self.project, "edit", memos[1]["id"], "Changed")
        memos = self.json("memo", self.project)
        self.assertEqual((memos[0]["title"], memos[0]["text"]), ("Aim 2", "Why KAMs stay"))
        self.assertEqual(memos[1]["text"], "Changed")

        self.cli("memo", self.project, "delete", memos[1]["id"])
        self.assertEqual(len(self.json("memo", self.project)), 5)
        self.assertIn("Core factor", self.cli("memo", self.project).stdout)

        self.fail_with("memo", self.project, "add", "No scope", status=2)
        self.fail_with("memo", self.project, "add", "--free", "--project", "Two", status=2)
        self.fail_with("memo", self.project, "add", "--code", "Nope", "Missing code")
        self.fail_with("memo", self.project, "add", "--coding", 999, "Missing coding")
        self.fail_with("memo", self.project, "edit", memos[0]["id"], status=2)
        self.fail_with("memo", self.project, "delete", 999)

    def test_relations(self):
        relation = self.json("relate", self.project, "Trust", "Solution", "--kind", "causal-condition",
                             "--label", "enables", "--memo", "See R1")
        [listed] = self.json("relations", self.project)
        self.assertEqual(listed["id"], relation["id"])
        self.assertEqual((listed["from"], listed["to"], listed["kind"], listed["label"], listed["memo"]),
                         ("Trust", "Solution", "causal-condition", "enables", "See R1"))
        self.assertIn("causal-condition", self.cli("relations", self.project).stdout)

        self.fail_with("relate", self.project, "Trust", "Trust")
        self.fail_with("relate", self.project, "Trust", "Nope")
        self.fail_with("relate", self.project, "Trust", "Solution", "--kind", "friend", status=2)

        self.cli("relations", self.project, "delete", relation["id"])
        self.assertEqual(self.json("relations", self.project), [])
        self.fail_with("relations", self.project, "delete", relation["id"])
        self.cli("undo", self.project)
        self.assertEqual(len(self.json("relations", self.project)), 1)

    def test_relation_types(self):
        # A type of the project's own, made here as in the window, then used.
        self.assertEqual(self.json("relation-types", self.project), [])
        self.cli("relation-types", self.project, "add", "hinders", "--description", "makes it harder")
        self.cli("relation-types", self.project, "add", "goes with", "--undirected")
        types = {t["name"]: t for t in self.json("relation-types", self.project)}
        self.assertEqual((types["hinders"]["directed"], types["goes with"]["directed"]), (True, False))
        self.fail_with("relation-types", self.project, "add", "hinders")

        relation = self.json("relate", self.project, "Trust", "Solution", "--type", "hinders")
        self.assertEqual(relation["kind"], "hinders")
        [listed] = self.json("relations", self.project)
        self.assertEqual((listed["id"], listed["type"]), (relation["id"], "hinders"))
        self.assertIn("hinders", self.cli("relations", self.project).stdout)
        self.assertIn("1 relation", self.cli("relation-types", self.project).stdout)

        self.fail_with("relate", self.project, "Trust", "Solution", "--type", "helps")
        self.fail_with("relate", self.project, "Trust", "Solution", "--type", "hinders",
                       "--kind", "context", status=2)


class TestCoders(CliTestCase):
    def test_coders(self):
        self.new_project(coder="Ayu")
        self.cli("coder", self.project, "Rina")
        coders = self.json("coders", self.project)
        self.assertEqual({c["name"]: c["current"] for c in coders}, {"Ayu": False, "Rina": True})
        self.assertIn("* Rina", self.cli("coders", self.project).stdout)

        self.cli("--coder", "Dewi", "codes", self.project, "add", "Trust")
        self.assertEqual(self.json("history", self.project)[0]["coder"], "Dewi")
        self.assertEqual(self.json("info", self.project)["coder"], "Dewi")
        self.fail_with("coder", self.project, "  ")


class TestJsonAndUsage(CliTestCase):
    def test_every_listing_is_json(self):
        self.new_project()
        self.cli("cases", self.project, "import", RESPONDENTS)
        self.import_files(UTF8, case="Respondent 1")
        # Quotes, a backslash and control characters must survive.
        tricky = "Say \"trust\" \\ back\tslash\x01"
        self.cli("codes", self.project, "add", "Trust", "--description", tricky)
        self.cli("codes", self.project, "add-set", "Main")
        self.cli("code", self.project, "cli-interview-utf8", "Trust", "--quote", "café ☕ 𝒜",
                 "--memo", "line one\nline two")
        listings = [
            ["info"], ["sources"], ["sources", "show", "cli-interview-utf8"],
            ["sources", "turns", "cli-interview-utf8"], ["cases"], ["attributes"],
            ["codes"], ["codes", "sets"], ["codings"], ["codings", "cli-interview-utf8"],
            ["quotes", "Trust"], ["search", "trust"], ["frequencies"],
            ["frequencies", "--by", "source"], ["cooccurrence"], ["memo"], ["relations"],
            ["history"], ["coders"],
        ]
        for listing in listings:
            with self.subTest(listing=listing):
                result = self.cli("--json", listing[0], self.project, *listing[1:])
                json.loads(result.stdout)
        [code] = self.json("codes", self.project)
        self.assertEqual(code["description"], tricky)
        raw = self.cli("--json", "codes", self.project).stdout
        self.assertIn("\\u0009", raw)
        self.assertIn("\\u0001", raw)
        self.assertIn("\\\"trust\\\"", raw)
        self.assertEqual(self.json("memo", self.project)[0]["text"], "line one\nline two")
        # UTF-8 passes through unescaped.
        self.assertIn("café ☕ 𝒜", self.cli("--json", "codings", self.project).stdout)

    def test_json_option_after_the_command(self):
        self.new_project()
        self.assertEqual(json.loads(self.cli("codes", self.project, "--json").stdout), [])

    def test_usage_errors(self):
        self.new_project()
        cases = [
            [],
            ["frobnicate", self.project],
            ["--frobnicate", "info", self.project],
            ["info"],
            ["info", self.project, "extra"],
            ["codes", self.project, "add"],
            ["codes", self.project, "add", "X", "--colour", "#ffffff"],
            ["codes", self.project, "add", "X", "--parent"],
            ["codes", self.project, "rename", "X"],
            ["import", self.project],
            ["import", self.project, UTF8, CRLF, "--name", "both"],
            ["uncode", self.project, "-3"],
            ["represent", self.project, "1", "--off=yes"],
            ["help", "frobnicate"],
        ]
        for args in cases:
            with self.subTest(args=args):
                stderr = self.fail_with(*args, status=2)
                self.assertIn("Usage:", stderr)
        # A usage error changes nothing.
        self.assertEqual(self.json("history", self.project), [])
        stderr = self.fail_with("codes", self.project, "add", status=2)
        self.assertIn("codes PROJECT add NAME", stderr)

    def test_help(self):
        text = self.cli("--help").stdout
        for command in ("new", "info", "import", "sources", "cases", "attributes", "codes",
                        "code", "uncode", "codings", "represent", "recode", "quotes", "search",
                        "frequencies", "cooccurrence", "memo", "relate", "relations", "undo",
                        "redo", "history", "coders", "coder"):
            self.assertIn("\n  %s PROJECT" % command, text)
        self.assertEqual(self.cli("help").stdout, text)
        codes = self.cli("help", "codes").stdout
        for verb in ("add", "rename", "move", "merge", "delete", "set-kind", "set-color",
                     "describe", "sets", "add-set", "add-to-set", "remove-from-set"):
            self.assertIn("codes PROJECT %s" % verb, codes)
        self.assertIn("--quote", self.cli("code", "--help").stdout)


def main():
    if not CLI or not os.access(CLI, os.X_OK):
        print("GROUNDED_CLI must name the grounded-cli binary", file=sys.stderr)
        print("0 passed, 1 failed")
        return 1

    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=2)
    result = runner.run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


IMPORT_DATA = os.path.join(DATA, "import")


class TestImportFormats(CliTestCase):
    """Office, PDF, HTML and RTF files, folders, and the import report."""

    GOOD = ["interview", "interview (2)", "interview (3)", "interview (4)", "interview (5)",
            "interview-shift-jis", "two-column"]
    BAD = ["bomb.docx", "broken.odt", "doctype.docx", "encrypted.pdf", "no-document.docx",
           "scanned.pdf"]

    def setUp(self):
        super().setUp()
        self.new_project()

    def test_folder_is_all_or_nothing(self):
        stderr = self.fail_with("import", self.project, IMPORT_DATA)
        # Files go in name order; the first bad one stops the batch.
        self.assertIn("bomb.docx", stderr)
        self.assertIn("zip bomb", stderr)
        self.assertEqual(self.json("sources", self.project), [])
        self.assertFalse(self.json("info", self.project)["can_undo"])

    def test_folder_skipping_errors(self):
        result = self.cli("import", self.project, IMPORT_DATA, "--skip-errors")
        self.assertIn("Imported 7 files:", result.stdout)
        self.assertIn("Skipped 6 files:", result.stderr)
        for name in self.BAD:
            self.assertIn(name, result.stderr)
        self.assertIn("encrypted with a password", result.stderr)
        self.assertIn("no text, only images", result.stderr)
        listing = self.json("sources", self.project)
        self.assertEqual(sorted(s["name"] for s in listing), self.GOOD)
        self.assertEqual(sorted(s["format"] for s in listing),
                         ["docx", "html", "odt", "pdf", "pdf", "rtf", "txt"])
        # One step, undone as one.
        self.cli("undo", self.project)
        self.assertEqual(self.json("sources", self.project), [])

    def test_everything_skipped_fails(self):
        stderr = self.fail_with("import", self.project, os.path.join(IMPORT_DATA, "scanned.pdf"),
                                "--skip-errors", "--case", "Ana")
        self.assertIn("nothing was imported", stderr)
        self.assertIn("scanned.pdf", stderr)
        # Nothing changed: no case made for the files, no step to undo.
        self.assertEqual(self.json("cases", self.project), [])
        self.assertFalse(self.json("info", self.project)["can_undo"])

    def test_report(self):
        text = self.cli("import", self.project, os.path.join(IMPORT_DATA, "interview.docx")).stdout
        self.assertIn("docx", text)
        self.assertIn("Interviewer, Budi", text)
        self.assertIn("left out 1 × comment", text)
        self.assertIn("left out 1 × tracked deletion", text)

        [source] = self.json("import", self.project, os.path.join(IMPORT_DATA, "interview.odt"))
        self.assertEqual(source["format"], "odt")
        self.assertEqual(source["speakers"], ["Interviewer", "Budi"])
        self.assertEqual(source["turns"], 4)
        self.assertEqual(source["chars"], 258)
        self.assertEqual([(d["what"], d["count"]) for d in source["dropped"]],
                         [("tracked deletion", 1), ("comment", 1), ("image", 1)])
        shown = self.source_text(source["name"])
        self.assertIn("Budi Baik 😊, sangat senang.[1]\n", shown)
        self.assertNotIn("tidak", shown)
        self.assertTrue(shown.endswith("[1] Catatan kaki: café ☕.\n"))

    def test_case_per_speaker_and_file(self):
        [by_speaker] = self.json("import", self.project, os.path.join(IMPORT_DATA, "interview.rtf"),
                                 "--case-per", "speaker")
        self.assertEqual(by_speaker["case"], "Wati")
        [by_file] = self.json("import", self.project, os.path.join(IMPORT_DATA, "two-column.pdf"),
                              "--case-per", "file")
        self.assertEqual(by_file["case"], "two-column")
        self.fail_with("import", self.project, os.path.join(IMPORT_DATA, "interview.rtf"),
                       "--case-per", "word", status=2)

    def test_original_is_kept(self):
        self.import_files(os.path.join(IMPORT_DATA, "interview.pdf"))
        with open(os.path.join(IMPORT_DATA, "interview.pdf"), "rb") as f:
            original = f.read()
        db = sqlite3.connect(self.project)
        try:
            rows = db.execute("SELECT file_name, media_type, data FROM source_original").fetchall()
            pages = db.execute("SELECT value, start_pos, end_pos FROM source_format "
                               "WHERE kind = 'page' ORDER BY start_pos").fetchall()
        finally:
            db.close()
        self.assertEqual(rows, [("interview.pdf", "application/pdf", original)])
        # "trans-cript" keeps its hyphen: the document never spells the word whole.
        self.assertEqual(pages, [(1, 0, 151), (2, 152, 236)])


if __name__ == "__main__":
    sys.exit(main())
