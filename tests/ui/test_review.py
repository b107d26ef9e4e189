#!/usr/bin/python3
"""Review mode: a supervisor starts a review of the sample study, accepts a
sub-theme, says one of its quotes needs work, comments on the sub-theme,
replies, resolves the thread (and undoes and redoes that), and marks the
review done. The window, the project file and grounded-cli review agree
after each step."""

import json
import subprocess
import sys
import time

from uitest import CLI, SAMPLE, Session, rawinput, run_tests, test, wait_for

CODE = "Belief of Value of Job"
QUOTE = "I have to learn the local language to blend in and get close to customers."
COMMENT = "Is 𝒜 “trust” the respondents' word or ours? 🙂 Define it."
REPLY = "Theirs: kepercayaan, in all three interviews 𝒜."


def cli_review(path):
    out = subprocess.run([CLI, "--json", "review", path], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def within(node, role, name=None, prefix=None):
    """The first node under node of role, named name or starting with prefix:
    a search of the Review page alone, not of every page of the window."""
    found = node.findChildren(lambda n: n.roleName == role
                              and (name is None or n.name == name)
                              and (prefix is None or n.name.startswith(prefix)))
    return found[0] if found else None


def labels(node):
    return [n.name for n in node.findChildren(lambda n: n.roleName == "label")]


def comments_shown(page):
    return [n.name for n in page.findChildren(lambda n: n.roleName == "panel"
                                               and n.name.startswith("Comment by "))]


def code_item(page):
    hierarchy = within(page, "list", "Theme hierarchy")
    found = hierarchy.findChildren(lambda n: n.roleName == "list item" and n.name == CODE)
    return found[0] if found else None


# A toast's label, under the application: window, its content, the toast
# overlay, the toast, the toast's bin, the label.
TOAST_DEPTH = 6


def state_toasts(session):
    """The undo and redo toasts shown, as "Undone" or "Redone" each. Only the
    top levels of the window are searched: a walk of all of it takes seconds,
    and on a loaded machine longer than a toast lasts."""
    names, level = [], [session.app]
    for _ in range(TOAST_DEPTH):
        level = [child for node in level for child in node.children]
        names += [n.name.split(":")[0] for n in level
                  if n.roleName == "label" and n.name.startswith(("Undone: ", "Redone: "))]
    return names


def press(node, prefix):
    button = wait_for(lambda: within(node, "push button", prefix=prefix), "the button " + prefix)
    button.doActionNamed("click")
    return button


def write(page, entry_name, text):
    entry = wait_for(lambda: within(page, "text", entry_name), "the entry " + entry_name)
    entry.queryEditableText().setTextContents(text)


@test
def review_a_sub_theme():
    session = Session(SAMPLE)
    try:
        tab = wait_for(lambda: session.find("page tab", "Review"), "the Review tab")
        tab.queryAction().doAction(0)
        page = wait_for(lambda: session.find("panel", "Review mode"), "the Review page")
        wait_for(lambda: within(page, "label", "No review yet"), "no review yet")
        wait_for(lambda: within(page, "label", prefix="No review has been marked done yet"),
                 "the changes saying there was no review")

        press(page, "Start a review")
        wait_for(lambda: session.db("SELECT count(*) FROM review WHERE done_at IS NULL") == [(1,)],
                 "the review in the project")
        wait_for(lambda: within(page, "label", prefix="Review by ")
                 and within(page, "label", prefix="Review by ").name.endswith(" in progress"),
                 "the review in progress")

        # The sub-theme accepted, from its row.
        item = wait_for(lambda: code_item(page), "the row of " + CODE)
        press(page, "Accepted: “%s”" % CODE)
        wait_for(lambda: session.db("SELECT s.state FROM review_state s JOIN code c ON c.id = s.code_id "
                                    "WHERE c.name = ?", CODE) == [("accepted",)],
                 "the code accepted in the project")
        wait_for(lambda: any("· accepted by " in name for name in labels(item)), "the row saying accepted")
        wait_for(lambda: within(page, "label", prefix="1 accepted · 0 needs work"), "the codes counted")
        session.screenshot("review-mode")

        # Expanded: its quotes, one of which needs work.
        x, y = item.position
        rawinput.click(x + 100, y + item.size[1] // 2)
        press(page, "Needs work: the quote “%s" % QUOTE[:40])
        wait_for(lambda: session.db("SELECT s.state FROM review_state s JOIN coding g ON g.id = s.coding_id "
                                    "JOIN code c ON c.id = g.code_id WHERE c.name = ?", CODE)
                 == [("needs-work",)], "the quote needing work in the project")
        wait_for(lambda: any(name == "Its quotes: 1 needs work" for name in labels(item)),
                 "the row counting the quote")
        # A quote's caption names its case, transcript and speaker, each once.
        captions = [name.split(" · ") for name in labels(page) if " · Interview " in name]
        assert captions and all(len(set(c)) == len(c) for c in captions), captions

        # A comment on the sub-theme, and a reply to it.
        press(page, "Comment on “%s”" % CODE)
        write(page, "New comment on “%s”" % CODE, COMMENT)
        press(page, "Add the comment on “%s”" % CODE)
        wait_for(lambda: [c["text"] for c in cli_review(session.path)["open_comments"]] == [COMMENT],
                 "the comment in grounded-cli review")
        excerpt = COMMENT[:48] + "…"
        press(page, "Reply to “%s”" % excerpt)
        write(page, "Your reply to “%s”" % excerpt, REPLY)
        press(page, "Send the reply to “%s”" % excerpt)
        thread = wait_for(lambda: [c for c in cli_review(session.path)["open_comments"]
                                   if c["text"] == REPLY], "the reply in grounded-cli review")
        first = cli_review(session.path)["open_comments"][0]
        assert first["code_path"] == "Intrinsic/" + CODE, first
        assert thread[0]["reply_to"] == first["id"] and thread[0]["depth"] == 1, thread
        assert thread[0]["author"] == first["author"] and first["author"], thread
        wait_for(lambda: [name.startswith("Comment by %s, " % first["author"])
                          for name in comments_shown(page)] == [True, True]
                 and comments_shown(page)[1].endswith(REPLY), "both comments in the window")
        wait_for(lambda: within(page, "label", "1 open · 0 resolved"), "the thread counted")
        session.screenshot("review-thread")

        # Resolved: folded to one line; undone and redone through the window's undo.
        press(page, "Resolve the thread “%s”" % excerpt)
        wait_for(lambda: cli_review(session.path)["open_comments"] == [], "no open comments left")
        wait_for(lambda: within(page, "label", prefix="Resolved by ")
                 and within(page, "push button", prefix="Show the resolved thread"), "the folded thread")
        assert comments_shown(page) == [], comments_shown(page)
        press(session.app, "Undo")
        wait_for(lambda: len(cli_review(session.path)["open_comments"]) == 2, "the thread open again")
        press(session.app, "Redo")
        wait_for(lambda: cli_review(session.path)["open_comments"] == [], "the thread resolved again")
        # Undo, redo, undo: the toast tells the last step, none queued behind.
        # It is looked for first: a toast lasts five seconds.
        press(session.app, "Undo")
        wait_for(lambda: state_toasts(session) == ["Undone"], "the toast of the last undo")
        wait_for(lambda: len(cli_review(session.path)["open_comments"]) == 2, "the thread open once more")
        press(session.app, "Redo")
        wait_for(lambda: cli_review(session.path)["open_comments"] == [], "the thread resolved again")
        wait_for(lambda: within(page, "label", "0 open · 1 resolved"), "the resolved thread counted")
        session.screenshot("review-resolved")

        press(page, "Mark the review done")
        wait_for(lambda: session.db("SELECT count(*) FROM review WHERE done_at IS NOT NULL") == [(1,)],
                 "the review done in the project")
        wait_for(lambda: within(page, "label", prefix="Since the review by ")
                 and within(page, "label", "Nothing has changed since."), "the changes since it")
        wait_for(lambda: within(page, "label", "No review in progress"), "the status")
        time.sleep(0.5)
        session.screenshot("review-done")

        # The project as the window left it, read by the command line.
        session.process.terminate()
        session.process.wait(10)
        text = subprocess.run([CLI, "review", session.path], check=True, capture_output=True,
                              text=True).stdout
        assert text.startswith("No open comments."), text
        assert "Changes since the review by " in text and "None." in text, text
        review = cli_review(session.path)
        assert review["open_comments"] == [] and review["changes"]["codes"] == [], review
        assert session.db("SELECT count(*) FROM comment WHERE resolved_at IS NOT NULL") == [(1,)]
        assert sorted(session.db("SELECT state FROM review_state")) == [("accepted",), ("needs-work",)]
    finally:
        session.close()


if __name__ == "__main__":
    sys.exit(run_tests())
