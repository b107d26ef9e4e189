#!/usr/bin/python3
"""Open coding in the real window, driven as a person would through the
accessibility tree: open the sample study, pick Respondent 2, select a
sentence, apply a code, see its quote and count, undo, make an in-vivo code,
drag a code under another. After each step the project file itself is read
back. Screens are saved as PNG in $GROUNDED_SCREENSHOT_DIR."""

import sys

from uitest import SAMPLE, Session, drag, rawinput, run_tests, test, wait_for


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
        # Keyboard only: Ctrl+E, a few letters, Enter.
        rawinput.keyCombo("<Control>e")
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


if __name__ == "__main__":
    sys.exit(run_tests())
