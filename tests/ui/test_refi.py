#!/usr/bin/python3
"""Code books to and from other tools through the window: the sample's
code book exported to a .qdc, then imported into an empty project after a
preview of what it would add, as one step to undo."""

import os
import sys
import tempfile
import time

from uitest import SAMPLE, Session, cli, rawinput, run_tests, test, wait_for


def menu(session, label):
    session.find("push button", "Main Menu").click()
    item = wait_for(lambda: session.find("menu item", label), "the menu item " + label)
    item.doActionNamed("click")


def type_location(path):
    rawinput.typeText(path)
    time.sleep(0.5)
    rawinput.pressKey("Return")


@test
def codebook_out_and_in():
    with tempfile.TemporaryDirectory() as scratch:
        codebook = os.path.join(scratch, "kam-codes.qdc")

        session = Session(SAMPLE)
        try:
            menu(session, "Export the Code Book…")
            wait_for(lambda: [w for w in session.app.children
                              if w.name == "Export the Code Book (REFI-QDA)"], "the chooser")
            # The name field has the focus; a whole path goes there too.
            rawinput.keyCombo("<Control>a")
            type_location(codebook)
            wait_for(lambda: session.find("label", "Exported the code book to kam-codes.qdc"),
                     "the export's toast")
            # Its report, in words, in a window of its own.
            wait_for(lambda: [n for n in session.find_all("push button") if n.name.endswith("Details")],
                     "the report's button")[0].doActionNamed("click")
            report = wait_for(lambda: [w for w in session.app.children
                                       if w.name == "Exported the code book to kam-codes.qdc"],
                              "the report")[0]
            lines = wait_for(lambda: [n.name for n in report.findChildren(lambda n: n.roleName == "label")
                                      if n.name.startswith("Codes (Code): ")], "the report's lines")
            assert " taken" in lines[0], lines
            session.screenshot("refi-report")
            rawinput.pressKey("Escape")
            wait_for(lambda: not [w for w in session.app.children
                                  if w.name == "Exported the code book to kam-codes.qdc"],
                     "the report to close")
            # Read again from the main menu, the toast or not.
            menu(session, "Last Import or Export Report")
            again = wait_for(lambda: [w for w in session.app.children
                                      if w.name == "Exported the code book to kam-codes.qdc"],
                             "the report again")[0]
            assert [n.name for n in again.findChildren(lambda n: n.roleName == "label")
                    if n.name.startswith("Codes (Code): ")] == lines
            rawinput.pressKey("Escape")
            with open(codebook, encoding="utf-8") as f:
                xml = f.read()
            assert "<CodeBook" in xml and 'name="Intrinsic"' in xml, xml[:300]
        finally:
            session.close()

        empty = os.path.join(scratch, "empty.grounded")
        cli("new", empty)
        session = Session(empty)
        try:
            menu(session, "Import a Code Book…")
            wait_for(lambda: [w for w in session.app.children
                              if w.name == "Import a Code Book (REFI-QDA)"], "the chooser")
            type_location(codebook)
            heading = wait_for(lambda: session.find("label", "Import kam-codes.qdc?"), "the preview")
            body = [n.name for n in heading.parent.findChildren(lambda n: n.roleName == "label")]
            assert any(" would be added, 0 renamed" in b for b in body), body
            assert session.db("SELECT count(*) FROM code")[0][0] == 0, "the preview changed nothing"
            accept = [n for n in session.find_all("push button") if n.name.split(" ")[-1] == "Import"]
            accept[0].doActionNamed("click")
            wait_for(lambda: session.code_row("Intrinsic"), "the imported code in the tree")
            n_codes = session.db("SELECT count(*) FROM code")[0][0]
            assert n_codes > 20, n_codes
            session.screenshot("codebook-imported")

            # One step to undo.
            rawinput.keyCombo("<Control>z")
            wait_for(lambda: session.db("SELECT count(*) FROM code")[0][0] == 0, "the undo")
        finally:
            session.close()


if __name__ == "__main__":
    sys.exit(run_tests())
