"""What the UI tests share: a running window on its own copy of a project,
found in the accessibility tree, and the gestures a person makes.

Run the tests through tests/ui/run-ui-test.sh (Xvfb, session bus, AT-SPI)."""

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
CLI = os.path.join(BUILD, "src", "cli", "grounded-cli")
CORPUS = os.path.join(BUILD, "tests", "bench", "grounded-corpus")


def cli(*args):
    subprocess.run([CLI] + [str(a) for a in args], check=True, stdout=subprocess.DEVNULL)


class Session:
    """One running window on its own copy of a project (or on none: the
    welcome page). prepare(path) may edit the copy before the window opens."""

    def __init__(self, project=None, env=None, prepare=None):
        self.dir = tempfile.mkdtemp(prefix="grounded-ui-")
        self.path = None
        args = [APP, "--standalone"]
        if project is not None:
            self.path = os.path.join(self.dir, os.path.basename(project))
            shutil.copy(project, self.path)
            if prepare is not None:
                prepare(self.path)
            args.append(self.path)
        full_env = dict(os.environ)
        full_env.update(env or {})
        self.process = subprocess.Popen(args, env=full_env)
        self.app = wait_for(lambda: find_app(self.process.pid), "the window to appear")
        if project is not None:
            wait_for(lambda: self.find("list", "Transcripts"), "the transcripts list")

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
        # Not the temporary file GTK writes first and renames into place.
        new = wait_for(lambda: {n for n in os.listdir(SHOTS) if n.endswith(".png")} - before,
                       "the screenshot " + name)
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
        row_text = [c.name for c in row.children][0]
        return wait_for(lambda: self.find("label", name) and self.transcript_text(),
                        "the transcript of " + row_text)

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



tests = []


def test(func):
    tests.append(func)
    return func


def run_tests():
    print("1..%d" % len(tests))
    failed = 0
    for number, func in enumerate(tests, 1):
        try:
            func()
            print("ok %d %s" % (number, func.__name__))
        except Exception as error:  # report every failure, then go on
            failed += 1
            print("not ok %d %s" % (number, func.__name__))
            # meson shows only stderr of a failed test: the reason goes there too.
            print("%s failed:\n%s" % (func.__name__, traceback.format_exc()), file=sys.stderr)
            for line in traceback.format_exc().splitlines():
                print("# " + line)
    return 1 if failed else 0


