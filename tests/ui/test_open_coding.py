#!/usr/bin/python3
"""Open coding in the real window, driven as a person would through the
accessibility tree: open the sample study, pick Respondent 2, select a
sentence, apply a code, see its quote and count, undo, make an in-vivo code,
drag a code under another. After each step the project file itself is read
back. Screens are saved as PNG in $GROUNDED_SCREENSHOT_DIR.

Run through tests/ui/run-ui-test.sh (Xvfb, session bus, AT-SPI)."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback

from dogtail import config

config.config.searchShowingOnly = False
config.config.defaultDelay = 0.2
config.config.logDebugToFile = False
config.config.logDebugToStdOut = False

from dogtail import rawinput  # noqa: E402
from dogtail.tree import root  # noqa: E402
from gi.repository import Atspi  # noqa: E402

# GTK 4.8 answers AddSelection with the wrong reply type, so the call
# returns only at the timeout; the selection itself is made at once.
Atspi.set_timeout(800, 5000)

BUILD = os.environ["GROUNDED_BUILD_DIR"]
SHOTS = os.environ["GROUNDED_SCREENSHOT_DIR"]
APP = os.path.join(BUILD, "src", "app", "grounded")
SAMPLE = os.path.join(BUILD, "data", "sample", "kam-study.grounded")

tests = []


def test(func):
    tests.append(func)
    return func


class Session:
    """One running window on its own copy of a project."""

    def __init__(self, project, env=None):
        self.dir = tempfile.mkdtemp(prefix="grounded-ui-")
        self.path = os.path.join(self.dir, os.path.basename(project))
        shutil.copy(project, self.path)
        full_env = dict(os.environ)
        full_env.update(env or {})
        self.process = subprocess.Popen([APP, "--standalone", self.path], env=full_env)
        self.app = wait_for(lambda: find_app(self.process.pid), "the window to appear")
        wait_for(lambda: self.find("list", "Transcripts"), "the transcripts list")
        self.shots = 0

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.dir, ignore_errors=True)

    def find_all(self, role, name=None, prefix=None):
        return self.app.findChildren(
            lambda n: n.roleName == role
            and (name is None or n.name == name)
            and (prefix is None or n.name.startswith(prefix)))

    def find(self, role, name=None, prefix=None):
        found = self.find_all(role, name, prefix)
        return found[0] if found else None

    def screenshot(self, name):
        """Asks the app to render its window (SIGUSR1) and names the PNG."""
        before = set(os.listdir(SHOTS))
        os.kill(self.process.pid, signal.SIGUSR1)
        new = wait_for(lambda: set(os.listdir(SHOTS)) - before, "the screenshot " + name)
        os.replace(os.path.join(SHOTS, new.pop()), os.path.join(SHOTS, name + ".png"))

    def select_code(self, name):
        def selected():
            item = self.code_row(name).parent
            if not item.selected:
                item.select()
            return self.code_row(name).parent.selected
        wait_for(selected, "the code " + name + " to be selected")

    def db(self, sql, *args):
        with sqlite3.connect(self.path) as connection:
            return connection.execute(sql, args).fetchall()

    def open_source(self, name):
        row = wait_for(lambda: [n for n in self.find_all("list item")
                                if any(c.name.startswith(name + ",") for c in n.children)],
                       "the row of " + name)[0]
        row.select()
        return wait_for(lambda: self.transcript_text().startswith("Sample study")
                        and name.split()[-1] in self.transcript_text()[:200],
                        "the transcript of " + name)

    def transcript(self):
        return self.find("text", "Transcript").queryText()

    def transcript_text(self):
        text = self.transcript()
        return text.getText(0, text.characterCount)

    def select_passage(self, passage):
        text = self.transcript()
        whole = text.getText(0, text.characterCount)
        start = whole.index(passage)
        # A caret first: GTK 4.8 adds a selection only where there is none.
        text.setCaretOffset(start)
        wait_for(lambda: text.getNSelections() == 0, "the old selection to go")
        try:
            text.addSelection(start, start + len(passage))
        except Exception:
            pass  # see Atspi.set_timeout above
        wait_for(lambda: text.getNSelections() == 1
                 and tuple(text.getSelection(0)) == (start, start + len(passage)),
                 "the passage to be selected")
        wait_for(lambda: self.find("push button", prefix="Apply Code").sensitive,
                 "Apply Code to become available")
        return start, start + len(passage)

    def code_row(self, name):
        rows = [n for n in self.find_all("panel") if n.name.startswith(name + ",")]
        return rows[0] if rows else None


def drag(start, end, steps=12):
    """A drag a hand makes: GTK starts it after a few pixels of motion and
    needs motion over the target before the drop."""
    rawinput.absoluteMotion(*start)
    time.sleep(0.2)
    rawinput.press(*start)
    time.sleep(0.2)
    for i in range(1, steps + 1):
        x = start[0] + (end[0] - start[0]) * i // steps
        y = start[1] + (end[1] - start[1]) * i // steps
        rawinput.absoluteMotion(x, y)
        time.sleep(0.05)
    time.sleep(0.3)
    rawinput.release(*end)


def find_app(pid):
    for app in root.applications():
        try:
            if app.name == "grounded" and app.get_process_id() == pid:
                return app
        except Exception:
            continue
    return None


def wait_for(predicate, what, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            value = predicate()
        except Exception:
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out waiting for " + what)


def code_id(session, name):
    rows = session.db("SELECT id FROM code WHERE name = ?", name)
    return rows[0][0] if rows else None


def codings_of(session, name):
    return session.db("SELECT c.start_pos, c.end_pos FROM coding c JOIN code k ON k.id = c.code_id "
                      "WHERE k.name = ? ORDER BY c.start_pos", name)


@test
def open_coding():
    session = Session(SAMPLE)
    try:
        session.screenshot("01-opened")
        session.open_source("Interview 2")
        session.screenshot("02-respondent-2")

        # A sentence Respondent 2 says, coded with an existing sub-theme
        # through the keyboard path of the code popover.
        sentence = "You could sit at the same counter for five years and nobody would ask what you want to become."
        start, end = session.select_passage(sentence)
        before = codings_of(session, "Personality")
        session.find("push button", prefix="Apply Code").doActionNamed("click")
        # The popover gives its filter the keyboard focus by itself.
        wait_for(lambda: session.find("text", "Find Code") or session.find("entry", "Find Code"),
                 "the code popover")
        rawinput.typeText("Personality")
        session.screenshot("03-code-popover")
        rawinput.pressKey("Return")
        after = wait_for(lambda: codings_of(session, "Personality") if
                         len(codings_of(session, "Personality")) == len(before) + 1 else None,
                         "the coding in the project file")
        assert (start, end) in after, (start, end, after)

        # The code tree counts it and the quotes pane lists it.
        row = wait_for(lambda: session.code_row("Personality"), "the Personality row")
        assert "2 quotes" in row.name, row.name
        session.select_code("Personality")
        quotes = session.find("list", "Quotes")
        wait_for(lambda: [n for n in quotes.findChildren(lambda n: n.roleName == "panel")
                          if n.name.startswith("Quote from Respondent 2: " + sentence[:40])],
                 "the quote in the quotes pane")
        session.screenshot("04-quote-listed")

        # Undo takes the coding back out of the file and the tree.
        session.find("push button", "Undo").doActionNamed("click")
        wait_for(lambda: len(codings_of(session, "Personality")) == len(before),
                 "undo to remove the coding")
        wait_for(lambda: "1 quote," in session.code_row("Personality").name,
                 "the count to drop back")

        # In vivo: the respondent's own words become the code.
        words = "I will be a teller forever"
        start, end = session.select_passage(words)
        session.find("push button", prefix="In-Vivo Code").doActionNamed("click")
        wait_for(lambda: code_id(session, words), "the in-vivo code in the project file")
        assert codings_of(session, words) == [(start, end)], codings_of(session, words)
        wait_for(lambda: session.code_row(words), "the in-vivo code in the tree")
        session.screenshot("05-in-vivo")

        # Drag the in-vivo code under the Working Condition sub-theme, both
        # in view (the tree scrolled to the new code).
        source = session.code_row(words)
        target = session.code_row("Working Condition")
        sx, sy = source.position
        sw, sh = source.size
        tx, ty = target.position
        tw, th = target.size
        drag((sx + sw // 3, sy + sh // 2), (tx + tw // 3, ty + th // 2))
        parent = code_id(session, "Working Condition")
        wait_for(lambda: session.db("SELECT parent_id FROM code WHERE name = ?", words)[0][0] == parent,
                 "the drag to move the code under Working Condition")
        session.screenshot("06-dragged")
    finally:
        session.close()


def main():
    print("1..%d" % len(tests))
    failed = 0
    for number, func in enumerate(tests, 1):
        try:
            func()
            print("ok %d %s" % (number, func.__name__))
        except Exception as error:  # report every failure, then go on
            failed += 1
            print("not ok %d %s" % (number, func.__name__))
            for line in traceback.format_exc().splitlines():
                print("# " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
