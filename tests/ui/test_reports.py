#!/usr/bin/python3
"""The Reports page: the sample's theme table previewed as the paper prints
it, then exported through the file chooser; the code book chosen instead,
previewed, and exported as ODT; a transcript with its codings previewed
and exported as ODT; a figure drawn and exported; the codes x cases matrix
shown and exported the same way."""

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile

from uitest import CLI, SAMPLE, Session, cli, rawinput, run_tests, test, wait_for


def export_to(session, title, path, button=lambda name: name.split(" ")[-1] == "Export…"):
    """Clicks the export button (the one whose name button() accepts) and
    saves as path through the file chooser titled title."""
    export = wait_for(lambda: [n for n in session.find_all("push button")
                               if button(n.name) and n.sensitive], "the report to be ready")
    export[0].doActionNamed("click")
    wait_for(lambda: [w for w in session.app.children if w.name == title], "the chooser")
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(path)
    time.sleep(0.5)
    rawinput.pressKey("Return")
    wait_for(lambda: os.path.exists(path), "the exported file")


def open_reports(session, switch=None):
    """The Reports page, on its Documents tab (the theme table previewed,
    whose text is returned) or on the tab switch names."""
    wait_for(lambda: session.find("page tab", "Reports"), "the Reports tab") \
        .queryAction().doAction(0)
    if switch is not None:
        wait_for(lambda: session.find("page tab", switch), "the " + switch + " switch") \
            .queryAction().doAction(0)
        return None
    text = wait_for(lambda: session.find("text", "Report preview"), "the preview").queryText()
    wait_for(lambda: "Belief of Value of Job" in text.getText(0, text.characterCount),
             "the theme table in the preview")
    return text


def choose(session, dropdown, steps):
    """Opens a dropdown with a click and moves down its list by steps."""
    x, y = dropdown.position
    w, h = dropdown.size
    rawinput.click(x + w // 2, y + h // 2)
    time.sleep(0.8)
    for _ in range(steps):
        rawinput.pressKey("Down")
    rawinput.pressKey("Return")


@test
def theme_table_previewed_and_exported():
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "kam-table.md")
        session = Session(SAMPLE)
        try:
            text = open_reports(session)
            shown = text.getText(0, text.characterCount)
            assert "“Trust, because with the right solution provided to customers, trust will emerge.” (Respondent 1)" in shown, shown[:400]
            assert shown.index("Intrinsic") < shown.index("Extrinsic") < shown.index("External Regulation")
            session.screenshot("reports-theme-table")

            export_to(session, "Export the Theme Table", out)
            with open(out, encoding="utf-8") as f:
                table = f.read()
            assert table.startswith("| Dimension |"), table[:200]
            assert "(Respondent 3)" in table
        finally:
            session.close()


@test
def theme_table_keeps_core_category_and_dimensionless_rows():
    def prepare(path):
        cli("codes", path, "set-kind", "Personal Development", "core-category")
        cli("codes", path, "add", "Working Alone 𝒜", "--kind", "sub-theme")

    session = Session(SAMPLE, prepare=prepare)
    try:
        tab = wait_for(lambda: session.find("page tab", "Reports"), "the Reports tab")
        tab.queryAction().doAction(0)
        preview = wait_for(lambda: session.find("text", "Report preview"), "the preview")
        text = preview.queryText()
        wait_for(lambda: "Working Alone" in text.getText(0, text.characterCount),
                 "the table in the preview")
        shown = text.getText(0, text.characterCount)
        assert "Personal Development (core category)\n“" in shown, shown[:800]
        # after the last dimension's rows, under a heading of its own
        assert (shown.index("Target and Incentives") < shown.index("(no dimension)\n")
                < shown.index("Working Alone 𝒜")), shown[-600:]
        session.screenshot("reports-theme-table-core-category")
        x, y = preview.position
        w, h = preview.size
        rawinput.click(x + w // 2, y + h // 2)
        rawinput.keyCombo("<Control>End")
        time.sleep(0.5)
        session.screenshot("reports-theme-table-no-dimension")
    finally:
        session.close()


@test
def codebook_previewed_and_exported_as_odt():
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "kam-codebook.odt")
        session = Session(SAMPLE)
        try:
            text = open_reports(session)
            choose(session, session.find("combo box", "Report"), 1)
            wait_for(lambda: "Intrinsic › Belief of Value of Job" in
                     text.getText(0, text.characterCount), "the code book in the preview")
            shown = text.getText(0, text.characterCount)
            assert "Sub-theme · 3 codings, 6 with its sub-codes" in shown, shown[:600]
            assert "By case: Respondent 1: 2 · Respondent 2: 1" in shown, shown[:600]
            # the theme table's options go with it
            assert not [n for n in session.find_all("text") if n.name == "Heading of the middle column"
                        and n.showing]
            session.screenshot("reports-codebook")

            # ODT is third in the code book's formats: Markdown, HTML, ODT, DOCX
            choose(session, session.find("combo box", "Format to export"), 2)
            export_to(session, "Export the Code Book", out)
            with zipfile.ZipFile(out) as odt:
                assert odt.namelist()[0] == "mimetype"
                content = odt.read("content.xml").decode("utf-8")
            assert "Intrinsic › Belief of Value of Job" in content
            assert "(Respondent 1)" in content
        finally:
            session.close()


@test
def coded_transcript_previewed_and_exported_as_odt():
    codings = [c for c in json.loads(subprocess.run(
        [CLI, "--json", "codings", SAMPLE], capture_output=True, text=True,
        check=True).stdout) if c["source"] == "Interview 2"]
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "interview-2.odt")
        session = Session(SAMPLE)
        try:
            text = open_reports(session)
            choose(session, session.find("combo box", "Report"), 2)
            # named by its mnemonic label; the first transcript first
            source = wait_for(lambda: session.find("combo box", "Transcript"),
                              "the transcript chooser")
            first_line = lambda: text.getText(0, text.characterCount).split("\n")[0]
            wait_for(lambda: first_line().endswith("Respondent 1"), "the first transcript")
            choose(session, source, 1)
            wait_for(lambda: first_line().endswith("Respondent 2"), "the second transcript")
            wait_for(lambda: "%d]" % len(codings) in text.getText(0, text.characterCount),
                     "its codings in the preview")
            shown = text.getText(0, text.characterCount)
            for coding in codings:
                assert coding["code"].split("/")[-1] in shown, coding["code"]
            session.screenshot("reports-coded-transcript")

            # ODT is second in the coded transcript's formats: HTML, ODT, DOCX
            choose(session, session.find("combo box", "Format to export"), 1)
            export_to(session, "Export the Coded Transcript", out)
            with zipfile.ZipFile(out) as odt:
                assert odt.namelist()[0] == "mimetype"
                content = odt.read("content.xml").decode("utf-8")
            assert ">Interview 2</text:h>" in content, content[:2000]
            for number in range(1, len(codings) + 1):
                assert ">[%d<" % number in content and ">%d]<" % number in content, number
        finally:
            session.close()


@test
def figure_previewed_and_exported():
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "data-structure.svg")
        session = Session(SAMPLE)
        try:
            open_reports(session, "Figures")
            # the size of the laid-out figure says it is drawn: 16 cm wide
            wait_for(lambda: [n for n in session.find_all("label") if n.name.startswith("16.0 ×")],
                     "the figure's size")
            time.sleep(0.5)
            session.screenshot("reports-data-structure")

            export_to(session, "Export the Figure", out, lambda name: name.endswith("Figure…"))
            with open(out, encoding="utf-8") as f:
                assert f.read(200).startswith("<?xml")

            # One dimension on a figure of its own: the first top-level code.
            def height():
                sizes = [n.name for n in session.find_all("label") if n.name.startswith("16.0 × ")]
                return float(sizes[0].split(" ")[2]) if sizes else None
            whole = height()
            choose(session, wait_for(lambda: session.find("combo box", "Codes to draw"),
                                     "the codes to draw"), 1)
            wait_for(lambda: height() is not None and height() < whole, "a shorter figure")
            session.screenshot("reports-data-structure-one-dimension")
        finally:
            session.close()


@test
def codes_by_cases_matrix_shown_and_exported():
    # What the CLI writes is what the page must show and export. The page
    # counts sub-codes in, so the dimension first in the tree is not all 0.
    expected = list(csv.reader(subprocess.run(
        [CLI, "report", SAMPLE, "codes-by-cases", "--with-sub-codes"], capture_output=True,
        text=True, check=True).stdout.splitlines()))
    assert expected[0][0] == "Code (with its sub-codes)", expected[0]
    assert "/" not in expected[1][0] and any(int(n) > 0 for n in expected[1][1:]), expected[1]
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "kam-matrix.csv")
        session = Session(SAMPLE)
        try:
            open_reports(session, "Matrices")
            matrix = wait_for(lambda: session.find("tree table", "Matrix"), "the matrix")
            for heading in expected[0][1:]:
                wait_for(lambda: session.find_all("label", heading), "the column " + heading)

            # Each code's row (named as in the tree) holds its counts, case by case.
            def shown_row(path):
                name = path.split("/")[-1]
                rows = [r for r in matrix.findChildren(lambda n: n.roleName == "table row")
                        if r.children and r.children[0].children
                        and r.children[0].children[0].name == name]
                return [c.children[0].name for c in rows[0].children] if rows else None
            for row in expected[1:8]:
                wait_for(lambda: shown_row(row[0]) == [row[0].split("/")[-1]] + row[1:],
                         "the counts of " + row[0])
            session.screenshot("reports-matrix")

            export_matrix = lambda name: "Export Matrix" in name  # noqa: E731
            export_to(session, "Export the Matrix", out, export_matrix)
            with open(out, encoding="utf-8", newline="") as f:
                assert list(csv.reader(f)) == expected

            # Then as XLSX, chosen in the format dropdown with the keyboard
            # (its list is a popover of its own).
            xlsx = os.path.join(scratch, "kam-matrix.xlsx")
            choose(session, session.find("combo box", "Format to export the matrix in"), 1)
            time.sleep(0.5)
            export_to(session, "Export the Matrix", xlsx, export_matrix)
            with zipfile.ZipFile(xlsx) as z:
                sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
            assert sheet.count("<row ") == len(expected), sheet[:300]
            assert 'state="frozen"' in sheet
        finally:
            session.close()


if __name__ == "__main__":
    sys.exit(run_tests())
