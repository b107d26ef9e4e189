#!/usr/bin/python3
"""Axial and selective coding in the window: an open code left at the top
is placed under a sub-theme from the suggestions, two codes coded together
are related, the core category is marked, and the project file says so
after each step; the integration checks and the saturation table follow."""

import sys
import time

from uitest import SAMPLE, Session, cli, rawinput, run_tests, test, wait_for


def prepare(path):
    # An open code at the top level, on two passages also coded
    # "extroverted personality": a place to find and a pair to relate.
    cli("codes", path, "add", "likes meeting people", "--kind", "open-code")
    for quote in ("(This job) suits my extroverted personality",
                  "so I'm comfortable to build relationships with many people."):
        cli("code", path, "Interview 3", "likes meeting people", "--quote", quote)


def row_with_title(session, list_name, title):
    rows = session.find("list", list_name)
    if rows is None:
        return None
    found = rows.findChildren(lambda n: n.roleName == "list item"
                              and any(c.name == title for c in n.findChildren(lambda c: c.roleName == "label")))
    return found[0] if found else None


@test
def place_and_relate():
    session = Session(SAMPLE, prepare=prepare)
    try:
        tab = wait_for(lambda: session.find("page tab", "Axial Coding"), "the Axial Coding tab")
        tab.queryAction().doAction(0)
        row = wait_for(lambda: row_with_title(session, "Open codes not yet placed", "likes meeting people"),
                       "the unplaced code")
        session.screenshot("axial-view")
        # Themes by case: each case with its count, and a plural only for more than one.
        themes = wait_for(lambda: session.find("list", "Themes by case"), "the themes by case")
        subtitles = [n.name for n in themes.findChildren(lambda n: n.roleName == "label")
                     if " · " in n.name]
        assert any("Respondent 1: " in name for name in subtitles), subtitles
        assert not [name for name in subtitles if "from 1 cases" in name or "1 quotes" in name], subtitles

        # Place it under Personality through the chooser: type, Enter.
        place = row.findChildren(lambda n: n.roleName == "push button"
                                 and "Place “likes meeting people” under a theme" in n.name)[0]
        place.doActionNamed("click")
        time.sleep(0.5)
        rawinput.typeText("Personality")
        time.sleep(0.5)
        rawinput.pressKey("Return")
        wait_for(lambda: session.db(
            "SELECT p.name FROM code c JOIN code p ON p.id = c.parent_id WHERE c.name = ?",
            "likes meeting people") == [("Personality",)], "the code under Personality")
        wait_for(lambda: row_with_title(session, "Open codes not yet placed", "likes meeting people") is None,
                 "the suggestion to go")

        # Relate the pair coded together: the first kind offered.
        relate = wait_for(lambda: [n for n in session.find_all("push button")
                                   if "Relate “" in n.name and "likes meeting people" in n.name],
                          "the co-occurrence suggestion")[0]
        relate.doActionNamed("click")
        kind = wait_for(lambda: [n for n in session.find_all("push button")
                                 if n.name.startswith("is a causal condition of")], "the kinds")[0]
        kind.doActionNamed("click")
        wait_for(lambda: session.db(
            "SELECT r.kind FROM relation r JOIN code c ON c.id IN (r.from_code_id, r.to_code_id) "
            "WHERE c.name = ?", "likes meeting people") == [("causal-condition",)],
            "the relation in the project")
        wait_for(lambda: session.find_all("list item") and session.find("list", "Relations")
                 .findChildren(lambda n: n.roleName == "label" and "is a causal condition of" in n.name),
                 "the relation listed")
        session.screenshot("axial-related")
    finally:
        session.close()


@test
def core_category_and_checks():
    session = Session(SAMPLE)
    try:
        tab = wait_for(lambda: session.find("page tab", "Selective Coding"), "the Selective Coding tab")
        tab.queryAction().doAction(0)
        checks = wait_for(lambda: session.find("list", "Integration checks"), "the checks")
        wait_for(lambda: checks.findChildren(lambda n: n.roleName == "label"
                                             and n.name == "No core category is chosen yet"),
                 "the missing core category")
        saturation = session.find("list", "New codes and themes per transcript")
        wait_for(lambda: len(saturation.findChildren(lambda n: n.roleName == "list item")) == 3,
                 "a row per interview")

        # The storyline waits for a core category, and says so.
        wait_for(lambda: session.find("label", "Choose the core category above (Choose…) to write its "
                                               "storyline."), "the storyline's hint")
        choose = [n for n in session.find_all("push button") if "Choose the core category" in n.name][0]
        choose.doActionNamed("click")
        time.sleep(0.5)
        rawinput.typeText("Personal Development")
        time.sleep(0.5)
        rawinput.pressKey("Return")
        wait_for(lambda: session.db("SELECT name FROM code WHERE kind = 'core-category'")
                 == [("Personal Development",)], "the core category in the project")
        wait_for(lambda: not checks.findChildren(lambda n: n.roleName == "label"
                                                 and n.name == "No core category is chosen yet"),
                 "the check to go")
        session.screenshot("selective-view")
    finally:
        session.close()


if __name__ == "__main__":
    sys.exit(run_tests())
