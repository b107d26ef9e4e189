#!/usr/bin/python3
"""The Reports page: the sample's theme table previewed as the paper prints
it, then exported through the file chooser."""

import os
import sys
import tempfile
import time

from uitest import SAMPLE, Session, rawinput, run_tests, test, wait_for


@test
def theme_table_previewed_and_exported():
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "kam-table.md")
        session = Session(SAMPLE)
        try:
            tab = wait_for(lambda: session.find("page tab", "Reports"), "the Reports tab")
            tab.queryAction().doAction(0)
            preview = wait_for(lambda: session.find("text", "Theme table preview"), "the preview")
            text = preview.queryText()
            wait_for(lambda: "Belief of Value of Job" in text.getText(0, text.characterCount),
                     "the table in the preview")
            shown = text.getText(0, text.characterCount)
            assert "“Trust, because with the right solution provided to customers, trust will emerge.” (Respondent 1)" in shown, shown[:400]
            assert shown.index("Intrinsic") < shown.index("Extrinsic") < shown.index("External Regulation")
            session.screenshot("reports-theme-table")

            export = [n for n in session.find_all("push button") if n.name.split(" ")[-1] == "Export…"]
            export[0].doActionNamed("click")
            wait_for(lambda: [w for w in session.app.children if w.name == "Export the Theme Table"],
                     "the chooser")
            rawinput.keyCombo("<Control>a")
            rawinput.typeText(out)
            time.sleep(0.5)
            rawinput.pressKey("Return")
            wait_for(lambda: os.path.exists(out), "the exported file")
            with open(out, encoding="utf-8") as f:
                table = f.read()
            assert table.startswith("| Dimension |"), table[:200]
            assert "(Respondent 3)" in table
        finally:
            session.close()


@test
def figure_previewed_and_exported():
    with tempfile.TemporaryDirectory() as scratch:
        out = os.path.join(scratch, "data-structure.svg")
        session = Session(SAMPLE)
        try:
            tab = wait_for(lambda: session.find("page tab", "Reports"), "the Reports tab")
            tab.queryAction().doAction(0)
            figures = wait_for(lambda: session.find("page tab", "Figures"), "the Figures switch")
            figures.queryAction().doAction(0)
            # the size of the laid-out figure says it is drawn: 16 cm wide
            wait_for(lambda: [n for n in session.find_all("label") if n.name.startswith("16.0 ×")],
                     "the figure's size")
            time.sleep(0.5)
            session.screenshot("reports-data-structure")

            export = [n for n in session.find_all("push button") if n.name.endswith("Figure…")]
            export[0].doActionNamed("click")
            wait_for(lambda: [w for w in session.app.children if w.name == "Export the Figure"],
                     "the chooser")
            rawinput.keyCombo("<Control>a")
            rawinput.typeText(out)
            time.sleep(0.5)
            rawinput.pressKey("Return")
            wait_for(lambda: os.path.exists(out), "the exported figure")
            with open(out, encoding="utf-8") as f:
                assert f.read(200).startswith("<?xml")
        finally:
            session.close()


if __name__ == "__main__":
    sys.exit(run_tests())
