#!/usr/bin/python3
"""The screens a researcher meets, saved as PNG in $GROUNDED_SCREENSHOT_DIR
to be looked at: the welcome page, dark mode with a very long code name,
a 300,000-character transcript with 2,000 codings, the preferences, and
transcripts imported from Word and PDF with their formatting and pages.
Each also checks what the screen must show."""

import os
import subprocess
import sys
import tempfile

from uitest import CORPUS, SAMPLE, Session, cli, rawinput, run_tests, test, wait_for

IMPORT_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "import")

LONG_NAME = ("Feeling that the bank trusts me with its most important customers, "
             "even though I joined only a year ago and am still learning the local language")


@test
def welcome_page():
    session = Session()
    try:
        wait_for(lambda: session.find("label", "Welcome to Grounded"), "the welcome page")
        assert session.find("push button", prefix="Open the _Sample Study"), "no sample button"
        session.screenshot("welcome")
    finally:
        session.close()


def add_long_code(path):
    cli("codes", path, "add", LONG_NAME, "--parent", "Intrinsic/Belief of Value of Job",
        "--kind", "open-code", "--color", "#e66100")
    cli("code", path, "Interview 1", LONG_NAME, "--quote",
        "Trust, because with the right solution provided to customers, trust will emerge.")


@test
def dark_long_code_name():
    session = Session(SAMPLE, env={"ADW_DEBUG_COLOR_SCHEME": "prefer-dark"}, prepare=add_long_code)
    try:
        session.open_source("Interview 1")
        session.select_code(LONG_NAME)
        quotes = session.find("list", "Quotes")
        wait_for(lambda: quotes.findChildren(lambda n: n.roleName == "panel"
                                             and n.name.startswith("Quote from Respondent 1: Trust")),
                 "the long code's quote")
        session.screenshot("dark-long-code-name")
    finally:
        session.close()


@test
def long_transcript():
    with tempfile.TemporaryDirectory() as scratch:
        project = os.path.join(scratch, "long.grounded")
        subprocess.run([CORPUS, "LONG", project], check=True, stdout=subprocess.DEVNULL)
        session = Session(project)
        try:
            session.open_source("Interview 0001")
            assert len(session.transcript_text()) > 290000
            session.screenshot("long-transcript")
        finally:
            session.close()


@test
def formatted_word_transcript():
    def prepare(path):
        cli("import", path, os.path.join(IMPORT_DATA, "interview.docx"), "--name", "Word interview")

    session = Session(SAMPLE, prepare=prepare)
    try:
        session.open_source("Word interview")
        text = session.transcript_text()
        # Formatting is drawn, never typed: no asterisks, no markup.
        assert text.startswith("Wawancara di Jakarta"), text[:80]
        assert "*" not in text and "<" not in text
        session.screenshot("formatted-word")
    finally:
        session.close()


@test
def pdf_quote_names_its_page():
    def prepare(path):
        cli("import", path, os.path.join(IMPORT_DATA, "interview.pdf"), "--name", "PDF interview")
        cli("code", path, "PDF interview", "Personality", "--quote", "Known in Medan")

    session = Session(SAMPLE, prepare=prepare)
    try:
        session.open_source("PDF interview")
        session.select_code("Personality")
        quotes = session.find("list", "Quotes")
        wait_for(lambda: quotes.findChildren(lambda n: n.roleName == "label" and "p. 2" in n.name),
                 "the quote's page in its caption")
        session.screenshot("pdf-quote-page")
    finally:
        session.close()


@test
def preferences():
    session = Session(SAMPLE)
    try:
        rawinput.keyCombo("<Control>comma")
        wait_for(lambda: session.find("frame", "Preferences"), "the preferences window")
        session.screenshot("preferences")
    finally:
        session.close()


if __name__ == "__main__":
    sys.exit(run_tests())
