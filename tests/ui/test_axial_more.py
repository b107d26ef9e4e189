#!/usr/bin/python3
"""Relations, splits, a code's history and code book snapshots in the
window: two codes related by a relation type made in the form, with a memo
and evidence; a code split by checking some of its quotes; the split seen
in the code's history; a snapshot taken, then compared after a rename.
A code's kind set, and the code moved, from the code tree's menu. The project file is read
after each step."""

import sys
import time

from uitest import SAMPLE, Session, rawinput, run_tests, test, wait_for


def dialog(session, title):
    return wait_for(lambda: [f for f in session.app.children
                             if f.roleName == "frame" and f.name == title], "the dialog " + title)[0]


def button(parent, part):
    """GTK 4.8 names a button by its accessible label and its text: match a part."""
    return wait_for(lambda: [n for n in parent.findChildren(lambda n: n.roleName == "push button")
                             if part in n.name and n.sensitive], "the button " + part)[0]


def type_into(parent, role, name, text):
    node = wait_for(lambda: parent.findChild(lambda n: n.roleName == role and n.name == name,
                                             retry=False), "the field " + name)
    x, y = node.position
    width, height = node.size
    rawinput.click(x + width // 3, y + height // 2)
    time.sleep(0.3)
    rawinput.typeText(text)
    time.sleep(0.3)


def code_menu(session, code, item):
    """A right click on the code's row, then the item. On a loaded machine
    the menu has been seen to miss the click; then it is opened again."""
    for attempt in range(3):
        row = wait_for(lambda: session.code_row(code), "the row of " + code)
        x, y = row.position
        width, height = row.size
        rawinput.click(x + width // 2, y + height // 2, 3)
        try:
            found = wait_for(lambda: session.find("menu item", item), "the menu item " + item,
                             timeout=8 + 4 * attempt)
        except AssertionError:
            rawinput.pressKey("Escape")
            continue
        found.doActionNamed("click")
        return
    raise AssertionError("the code menu of " + code + " never showed " + item)


def rename(session, code, new_name):
    """A click gives the window back the keyboard a dialog had, then F2
    edits the name. The name's field is not in the accessibility tree, so
    whether the typing reached it is read from the project; a slow build
    may start editing after the keys came, and then the rename is tried again."""
    for attempt in range(3):
        row = wait_for(lambda: session.code_row(code), "the row of " + code)
        rawinput.click(row.position[0] + row.size[0] // 2, row.position[1] + row.size[1] // 2)
        time.sleep(0.5 + attempt)
        rawinput.pressKey("F2")
        time.sleep(0.5 + attempt)
        rawinput.keyCombo("<Control>a")
        rawinput.typeText(new_name)
        rawinput.pressKey("Return")
        try:
            wait_for(lambda: session.db("SELECT count(*) FROM code WHERE name = ?", new_name) == [(1,)],
                     "the rename", timeout=10)
            return
        except AssertionError:
            rawinput.pressKey("Escape")
    raise AssertionError("renaming " + code + " did not reach the project")


def labels(parent):
    return [n.name for n in parent.findChildren(lambda n: n.roleName == "label")]


@test
def relate_with_own_type():
    session = Session(SAMPLE)
    try:
        wait_for(lambda: session.find("page tab", "Axial Coding"), "the tab").queryAction().doAction(0)
        button(session.app, "New Relation…").doActionNamed("click")
        form = dialog(session, "New Relation")

        # Nothing is related until the researcher says which codes.
        wait_for(lambda: "Choose the two codes to relate." in labels(form), "the form to ask for codes")
        assert not [n for n in form.findChildren(lambda n: n.roleName == "push button")
                    if "Relate" in n.name and n.sensitive], "Relate is enabled without codes"
        session.screenshot("new-relation-empty")

        # Codes are found by any part of their name, in any case.
        button(form, "From code").doActionNamed("click")
        time.sleep(0.5)
        rawinput.typeText("intrinsic")
        time.sleep(0.5)
        rawinput.pressKey("Return")
        button(form, "To code").doActionNamed("click")
        time.sleep(0.5)
        rawinput.typeText("value OF jo")
        time.sleep(0.5)
        session.screenshot("new-relation-chooser")
        rawinput.pressKey("Return")
        wait_for(lambda: "Reads: “Intrinsic is a causal condition of Belief of Value of Job”"
                 in labels(form), "the sentence with the two codes")

        # A type of one's own, made in the form, is then the one chosen.
        type_into(form, "text", "Name, read between the codes", "hinders")
        button(form, "Add Type").doActionNamed("click")
        wait_for(lambda: session.db("SELECT name, directed FROM relation_type") == [("hinders", 1)],
                 "the type in the project")
        wait_for(lambda: "Reads: “Intrinsic hinders Belief of Value of Job”" in labels(form),
                 "the sentence to read with the new type")
        type_into(form, "text", "Memo: why the data suggests it (optional)", "Duty keeps them going")
        session.screenshot("new-relation-dialog")
        button(form, "Relate").doActionNamed("click")
        wait_for(lambda: session.db(
            "SELECT f.name, t.name, c.name, r.memo FROM relation r JOIN relation_type t ON t.id = r.type_id "
            "JOIN code f ON f.id = r.from_code_id JOIN code c ON c.id = r.to_code_id")
            == [("Intrinsic", "hinders", "Belief of Value of Job", "Duty keeps them going")],
            "the typed relation with its memo")

        # Its memo and evidence, from the quotes of its codes.
        button(session.app, "Memo and evidence of the relation: Intrinsic hinders Belief of Value of Job") \
            .doActionNamed("click")
        edit = dialog(session, "Intrinsic hinders Belief of Value of Job")
        button(edit, "Attach as evidence: ").doActionNamed("click")
        wait_for(lambda: session.db("SELECT count(*) FROM relation_evidence") == [(1,)],
                 "one quote as evidence")
        wait_for(lambda: [n for n in edit.findChildren(lambda n: n.roleName == "push button")
                          if n.name.startswith("Detach from the evidence: ")], "the evidence listed")
        type_into(edit, "text", "Memo of the relation", "")
        rawinput.keyCombo("<Control>Home")
        rawinput.typeText("Seen twice. ")
        button(edit, "Save Memo").doActionNamed("click")
        wait_for(lambda: session.db("SELECT memo FROM relation WHERE memo LIKE 'Seen twice.%'")
                 == [("Seen twice. Duty keeps them going",)], "the memo saved")
        session.screenshot("relation-dialog")
        button(edit, "Detach from the evidence: ").doActionNamed("click")
        wait_for(lambda: session.db("SELECT count(*) FROM relation_evidence") == [(0,)],
                 "the evidence detached")
    finally:
        session.close()


@test
def split_history_and_snapshot():
    session = Session(SAMPLE)
    try:
        # A snapshot of the code book before the changes.
        session.find("push button", "Main Menu").click()
        wait_for(lambda: session.find("menu item", "Code Book Snapshots…"), "the menu item") \
            .doActionNamed("click")
        snapshots = dialog(session, "Code Book Snapshots")
        type_into(snapshots, "text", "Label, e.g. “before axial coding”", "before splitting")
        button(snapshots, "Take Snapshot").doActionNamed("click")
        wait_for(lambda: session.db("SELECT label FROM codebook_snapshot") == [("before splitting",)],
                 "the snapshot in the project")
        button(snapshots, "Close").doActionNamed("click")
        wait_for(lambda: not [f for f in session.app.children if f.name == "Code Book Snapshots"],
                 "the snapshots to close")

        # Split: one of the three quotes moves to a new code.
        code_menu(session, "Belief of Value of Job", "Split…")
        split = dialog(session, "Split “Belief of Value of Job”")
        type_into(split, "text", "Name of the new code", "Job as a calling")
        checks = wait_for(lambda: split.findChildren(lambda n: n.roleName == "check box"
                                                     and n.name.startswith("Move the quote from")),
                          "the quotes to check")
        assert len(checks) == 3, [c.name for c in checks]
        x, y = checks[0].position
        width, height = checks[0].size
        rawinput.click(x + width // 2, y + height // 2)
        wait_for(lambda: any(n.startswith("Checked: 1 of 3.") for n in labels(split)), "the count")
        session.screenshot("split-dialog")
        button(split, "Split").doActionNamed("click")
        wait_for(lambda: session.db(
            "SELECT c.name, count(g.id) FROM code c JOIN coding g ON g.code_id = c.id "
            "WHERE c.name IN ('Job as a calling', 'Belief of Value of Job') GROUP BY c.id ORDER BY 1")
            == [("Belief of Value of Job", 2), ("Job as a calling", 1)], "the split in the project")
        wait_for(lambda: "1 quote" in session.code_row("Job as a calling").name, "the new code's count")

        # The split in the history of the code it came from.
        code_menu(session, "Belief of Value of Job", "History…")
        history = dialog(session, "History of “Belief of Value of Job”")
        wait_for(lambda: "“Job as a calling” split off it" in labels(history), "the split in the history")
        session.screenshot("code-history-dialog")
        button(history, "Close").doActionNamed("click")

        # A rename, then the comparison with the snapshot.
        rename(session, "Belief of Value of Job", "Belief in the Job")
        session.find("push button", "Main Menu").click()
        wait_for(lambda: session.find("menu item", "Code Book Snapshots…"), "the menu item") \
            .doActionNamed("click")
        snapshots = dialog(session, "Code Book Snapshots")
        button(snapshots, "Compare “before splitting” with the code book now").doActionNamed("click")
        wait_for(lambda: {"Added code “Job as a calling”",
                          "Renamed “Belief of Value of Job” to “Belief in the Job”"} <= set(labels(snapshots)),
                 "the changes since the snapshot")
        session.screenshot("snapshots-dialog")
    finally:
        session.close()


@test
def kind_from_the_code_menu():
    """An open code made a theme from the code tree's menu, then the core
    category; each is one step, and undo gives the kind back. Then moved
    under another code from the same menu."""
    session = Session(SAMPLE)
    try:
        def kind(name):
            return session.db("SELECT kind FROM code WHERE name = ?", name)

        code_menu(session, "trust will emerge", "Kind")
        wait_for(lambda: session.find("menu item", "Theme"), "the kinds").doActionNamed("click")
        wait_for(lambda: kind("trust will emerge") == [("theme",)], "the theme in the project")
        wait_for(lambda: ", theme," in session.code_row("trust will emerge").name, "the row's caption")

        code_menu(session, "trust will emerge", "Kind")
        wait_for(lambda: session.find("menu item", "Core category"), "the kinds").doActionNamed("click")
        wait_for(lambda: session.db("SELECT name FROM code WHERE kind = 'core-category'")
                 == [("trust will emerge",)], "the one core category")

        session.find("push button", prefix="Undo").doActionNamed("click")
        wait_for(lambda: kind("trust will emerge") == [("theme",)], "the core category undone")
        session.find("push button", prefix="Undo").doActionNamed("click")
        wait_for(lambda: kind("trust will emerge") == [("open-code",)], "the theme undone")

        # Regrouping without a drag: Move Under… and a code chosen by typing.
        code_menu(session, "trust will emerge", "Move Under…")
        time.sleep(0.5)
        rawinput.typeText("Personality")
        time.sleep(0.5)
        rawinput.pressKey("Return")
        wait_for(lambda: session.db(
            "SELECT p.name FROM code c JOIN code p ON p.id = c.parent_id WHERE c.name = ?",
            "trust will emerge") == [("Personality",)], "the code under Personality")
    finally:
        session.close()


if __name__ == "__main__":
    sys.exit(run_tests())
