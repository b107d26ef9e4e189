#!/usr/bin/python3
"""Importing through the real file chooser: a broken file is refused with
its name and the reason, nothing changes; a folder imports with the files
that cannot be read skipped when the researcher asks, and the report says
which and why."""

import os
import sys
import time

from uitest import SAMPLE, Session, rawinput, run_tests, test, wait_for

IMPORT_DATA = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                            "..", "data", "import"))


def chooser(session, title):
    return wait_for(lambda: [w for w in session.app.children if w.name == title], title)[0]


def type_location(path):
    # Typing a path into GTK's file chooser opens its location entry.
    rawinput.typeText(path)
    time.sleep(0.5)
    rawinput.pressKey("Return")


def source_count(session):
    return session.db("SELECT count(*) FROM source")[0][0]


@test
def broken_file_is_refused():
    session = Session(SAMPLE)
    try:
        before = source_count(session)
        rawinput.keyCombo("<Control><Shift>o")
        chooser(session, "Import Transcripts")
        type_location(os.path.join(IMPORT_DATA, "no-document.docx"))
        heading = wait_for(lambda: session.find("label", "Nothing was imported"), "the error")
        message = [n.name for n in heading.parent.findChildren(lambda n: n.roleName == "label")]
        assert any("no-document.docx" in m for m in message), message
        assert source_count(session) == before
        session.screenshot("import-refused")
    finally:
        session.close()


@test
def folder_with_broken_files_skipped():
    session = Session(SAMPLE)
    try:
        before = source_count(session)
        session.find("push button", "Main Menu").click()
        item = wait_for(lambda: session.find("menu item", "Import a Folder of Transcripts…"),
                        "the menu item")
        item.doActionNamed("click")
        dialog = chooser(session, "Import Folders of Transcripts")
        skip = dialog.findChildren(lambda n: n.roleName == "check box"
                                   and n.name == "Skip files that cannot be read")[0]
        skip.click()
        wait_for(lambda: skip.checked, "the box to be checked")
        # Enter on a folder's path chooses that folder.
        type_location(IMPORT_DATA)
        heading = wait_for(lambda: session.find_all("label", prefix="Imported "), "the import report")[0]
        report = session.find("scroll pane", "Report")
        text = " ".join(n.name for n in report.findChildren(lambda n: n.roleName == "label"))
        assert "encrypted.pdf: not imported" in text, text
        assert "interview.docx: docx" in text, text
        imported = source_count(session) - before
        assert imported > 0 and heading.name.startswith("Imported %d of " % imported), heading.name
        session.screenshot("import-report")
    finally:
        session.close()


if __name__ == "__main__":
    sys.exit(run_tests())
