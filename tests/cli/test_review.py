#!/usr/bin/python3
# test_review.py: grounded-cli review, comment and map, end to end
#
# Copyright 2026 The Grounded authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The same harness as test_cli.py (a private home per test, the built
# binary in GROUNDED_CLI); the project is read back with sqlite3 where the
# output alone would not show that nothing changed.

import os
import sqlite3
import unittest

from test_cli import CliTestCase, UTF8


class TestReview(CliTestCase):
    def setUp(self):
        super().setUp()
        self.new_project(coder="Prof. Siti Ñúñez")
        self.cli("import", self.project, UTF8, "--case", "Respondent 1")
        self.cli("codes", self.project, "add", "Intrinsik 𝒜", "--kind", "aggregate-dimension")
        self.cli("codes", self.project, "add", "Trust 🙂", "--parent", "Intrinsik 𝒜")
        self.cli("codes", self.project, "add", "Bonus")
        self.cli("codes", self.project, "add", "Salary")
        coding = self.json("code", self.project, "cli-interview-utf8", "Trust 🙂",
                           "--start", 0, "--end", 12)
        self.coding = coding["id"]

    def rows(self, sql):
        db = sqlite3.connect(self.project)
        try:
            return db.execute(sql).fetchall()
        finally:
            db.close()

    def test_comments_thread_and_resolve(self):
        out = self.cli("comment", self.project, "--code", "Intrinsik 𝒜/Trust 🙂",
                       "Definisi kurang jelas 𝒜").stdout
        self.assertIn("on code “Intrinsik 𝒜/Trust 🙂”", out)
        first = self.json("comment", self.project, "--coding", self.coding, "Kutipan bagus")["id"]
        reply = self.json("comment", self.project, "--reply-to", first, "Setuju 🙂")["id"]

        listing = self.json("review", self.project)
        comments = listing["open_comments"]
        self.assertEqual([c["text"] for c in comments],
                         ["Definisi kurang jelas 𝒜", "Kutipan bagus", "Setuju 🙂"])
        self.assertEqual(comments[0]["code_path"], "Intrinsik 𝒜/Trust 🙂")
        self.assertEqual(comments[1]["on"], "coding")
        self.assertEqual(comments[2]["reply_to"], first)
        self.assertEqual(comments[2]["depth"], 1)
        self.assertEqual(comments[2]["author"], "Prof. Siti Ñúñez")
        self.assertIsNone(listing["changes"])

        text = self.cli("review", self.project).stdout
        self.assertIn("3 open comments:", text)
        self.assertIn("    #%d Prof. Siti Ñúñez" % reply, text)
        self.assertIn("No review has been marked done yet.", text)

        # Resolving a reply resolves its thread; twice is refused.
        self.cli("comment", self.project, "--resolve", reply)
        left = self.json("review", self.project)["open_comments"]
        self.assertEqual([c["text"] for c in left], ["Definisi kurang jelas 𝒜"])
        stderr = self.fail_with("comment", self.project, "--resolve", first)
        self.assertIn("already resolved", stderr)
        self.cli("comment", self.project, "--reopen", first)
        self.assertEqual(len(self.json("review", self.project)["open_comments"]), 3)

        # One undo step per comment.
        self.cli("undo", self.project)
        self.assertEqual(len(self.json("review", self.project)["open_comments"]), 1)

    def test_comment_errors_change_nothing(self):
        before = self.rows("SELECT count(*) FROM comment")
        stderr = self.fail_with("comment", self.project, "--code", "Nope", "teks")
        self.assertIn("Nope", stderr)
        self.fail_with("comment", self.project, "--coding", 999, "teks")
        self.fail_with("comment", self.project, "--reply-to", 999, "teks")
        self.fail_with("comment", self.project, "--code", "Bonus", "   ")
        self.fail_with("comment", self.project, "--code", "Bonus", status=2)
        self.fail_with("comment", self.project, "teks", status=2)
        self.fail_with("comment", self.project, "--code", "Bonus", "--coding", 1, "x", status=2)
        self.fail_with("comment", self.project, "--resolve", 1, "x", status=2)
        self.assertEqual(self.rows("SELECT count(*) FROM comment"), before)

    def test_changes_since_review(self):
        stderr = self.fail_with("review", self.project, "--done")
        self.assertIn("No review is open", stderr)
        started = self.json("review", self.project, "--start")
        self.assertEqual(started["name"], "Prof. Siti Ñúñez")
        stderr = self.fail_with("review", self.project, "--start")
        self.assertIn("still open", stderr)
        self.cli("review", self.project, "--done")

        text = self.cli("review", self.project).stdout
        self.assertIn("Changes since the review by Prof. Siti Ñúñez", text)
        self.assertIn("  None.", text)

        self.cli("codes", self.project, "rename", "Bonus", "Bonus tahunan")
        self.cli("codes", self.project, "merge", "Bonus tahunan", "Salary")
        self.cli("codes", self.project, "add", "Gaji 💰", "--parent", "Salary")
        self.cli("codes", self.project, "move", "Salary", "--parent", "Intrinsik 𝒜")
        self.cli("code", self.project, "cli-interview-utf8", "Salary", "--start", 20, "--end", 30)
        self.cli("uncode", self.project, self.coding)

        changes = self.json("review", self.project)["changes"]
        kinds = sorted((c["change"], c["name"]) for c in changes["codes"])
        # a code gone since is named as the reviewer saw it
        self.assertEqual(kinds, [("added", "Gaji 💰"), ("merged", "Bonus"), ("moved", "Salary")])
        self.assertEqual([q["code_path"] for q in changes["quotes_added"]],
                         ["Intrinsik 𝒜/Salary"])
        self.assertEqual([q["coding"] for q in changes["quotes_removed"]], [self.coding])

        text = self.cli("review", self.project).stdout
        self.assertIn("Merged “Bonus” into “Salary”", text)
        self.assertIn("Moved “Salary” from the top level under “Intrinsik 𝒜”", text)
        self.assertIn("Quotes added 1: “Intrinsik 𝒜/Salary” 1", text)
        self.assertIn("Quotes removed 1: “Intrinsik 𝒜/Trust 🙂” 1", text)

        self.fail_with("review", self.project, "--start", "--done", status=2)


class TestCodeHistory(CliTestCase):
    def test_codes_became_theme(self):
        self.new_project()
        self.cli("codes", self.project, "add", "Personal development")
        for name in ("belajar 𝒜", "tumbuh", "karier 🙂"):
            self.cli("codes", self.project, "add", name)
        self.cli("codes", self.project, "move", "belajar 𝒜", "--parent", "Personal development")
        self.cli("codes", self.project, "merge", "tumbuh", "Personal development")
        self.cli("codes", self.project, "rename", "karier 🙂", "karir")
        self.cli("codes", self.project, "move", "karir", "--parent", "Personal development")

        text = self.cli("codes", self.project, "history", "Personal development").stdout
        lines = [line.split("  ", 2)[2] for line in text.splitlines()]
        self.assertEqual(lines, ["created as “Personal development”",
                                 "“belajar 𝒜” moved under it from the top level",
                                 "“tumbuh” merged into it",
                                 "“karir” moved under it from the top level"])
        events = self.json("codes", self.project, "history", "karir")
        self.assertEqual([e["event"] for e in events], ["create", "rename", "move"])
        self.assertEqual(events[1]["old"], "karier 🙂")
        self.assertEqual(events[0]["coder"], "Ayu")
        self.fail_with("codes", self.project, "history", "tidak ada")


class TestMap(CliTestCase):
    def test_map_export(self):
        self.new_project()
        self.cli("codes", self.project, "add", "Intrinsik 𝒜", "--kind", "aggregate-dimension")
        self.cli("codes", self.project, "add", "Trust 🙂", "--parent", "Intrinsik 𝒜")
        svg = os.path.join(self.dir, "peta.svg")
        png = os.path.join(self.dir, "peta.png")
        self.cli("map", self.project, "--svg", svg, "--png", png, "--scale", 2)
        with open(svg, encoding="utf-8") as f:
            self.assertIn("<svg", f.read())
        with open(png, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")
        stderr = self.fail_with("map", self.project, "--png",
                                os.path.join(self.dir, "missing", "peta.png"))
        self.assertIn("peta.png", stderr)
        self.fail_with("map", self.project, status=2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
