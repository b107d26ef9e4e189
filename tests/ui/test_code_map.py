#!/usr/bin/python3
"""The Code Map page on the sample: a code selected and moved with the
keyboard (the way a screen reader user moves it), the move saved in the
project file as one undoable step and undone with Ctrl+Z, a box dragged
with the mouse, the map exported as SVG and PNG, and the code shown in the
code tree; then a map of 200 codes, in the dark style."""

import os
import sys
import tempfile
import time

import gi
import pyatspi

gi.require_version("GdkPixbuf", "2.0")
from gi.repository import GdkPixbuf  # noqa: E402

from uitest import SAMPLE, SHOTS, Session, cli, drag, rawinput, run_tests, test, wait_for


def positions(session):
    return dict((row[0], (row[1], row[2]))
                for row in session.db("SELECT code_id, x, y FROM code_position"))


KINDS = ("open code", "sub-theme", "theme", "aggregate dimension", "core category")


def selection_label(session):
    """What the page says of the selected code: name · kind · quotes."""
    labels = [n for n in session.find_all("label")
              if n.name.count(" · ") == 2 and n.name.split(" · ")[1] in KINDS]
    return labels[0].name if labels else None


def button(session, label):
    # GTK 4.8 names a button with a mnemonic "Export _SVG… Export SVG…"
    found = [n for n in session.find_all("push button") if n.name.endswith(" " + label)]
    return found[0] if found else None


def chooser(session):
    return [w for w in session.app.children if w.name == "Export the Code Map"]


def export(session, label, path):
    # the tree changes while the last chooser goes: look again until found
    found = wait_for(lambda: button(session, label).sensitive and button(session, label),
                     "the export buttons")
    found.doActionNamed("click")
    wait_for(lambda: chooser(session), "the chooser")
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(path)
    time.sleep(0.5)
    rawinput.pressKey("Return")
    wait_for(lambda: os.path.exists(path) and os.path.getsize(path) > 0, "the exported " + path)
    wait_for(lambda: not chooser(session), "the chooser to close")
    with open(path, "rb") as f:
        return f.read()


@test
def move_undo_and_export():
    with tempfile.TemporaryDirectory() as scratch:
        session = Session(SAMPLE)
        try:
            assert positions(session) == {}, "the sample has no saved map positions"
            n_codes = session.db("SELECT count(*) FROM code")[0][0]

            tab = wait_for(lambda: session.find("page tab", "Code Map"), "the Code Map tab")
            tab.queryAction().doAction(0)
            canvas = wait_for(lambda: session.app.findChild(lambda n: n.name == "Code map",
                                                            retry=False), "the map")
            wait_for(lambda: button(session, "Export SVG…").sensitive, "the map drawn")
            time.sleep(0.5)
            session.screenshot("code-map")

            # Focus the map on its empty top left corner, then select the
            # first code and move it two steps right.
            x, y, width, height = canvas.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            rawinput.click(x + 12, y + 12)
            time.sleep(0.3)
            rawinput.pressKey("Page_Down")
            shown = wait_for(lambda: selection_label(session), "a code selected")
            name = shown.split(" · ")[0]
            rows = session.db("SELECT id FROM code WHERE name = ?", name)
            assert len(rows) == 1, shown
            code_id = rows[0][0]

            rawinput.pressKey("Right")
            first = wait_for(lambda: positions(session), "the positions saved")
            # every code keeps its place, so the others do not move away
            assert len(first) == n_codes, (len(first), n_codes)
            rawinput.pressKey("Right")
            wait_for(lambda: positions(session)[code_id] != first[code_id], "the second step")
            second = positions(session)
            assert second[code_id] == (first[code_id][0] + 8, first[code_id][1]), second[code_id]
            assert {k: v for k, v in second.items() if k != code_id} == \
                {k: v for k, v in first.items() if k != code_id}
            time.sleep(0.5)  # the map read again and drawn
            session.screenshot("code-map-moved")

            # Each move is one step: undo the second, then the first, which
            # leaves the map to its automatic layout again.
            rawinput.keyCombo("<Control>z")
            wait_for(lambda: positions(session) == first, "the second move undone")
            rawinput.keyCombo("<Control>z")
            wait_for(lambda: positions(session) == {}, "the first move undone")

            # A box dragged with the mouse: the selected code is scrolled
            # into view with a ring around it; drag from its middle.
            rawinput.pressKey("Page_Down")
            rawinput.pressKey("Page_Up")
            wait_for(lambda: selection_label(session) == shown, "the code selected again")
            time.sleep(0.5)
            x, y, width, height = canvas.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
            start = find_selected_box(session, (x, y, width, height))
            drag(start, (start[0] + 60, start[1] + 40))
            moved = wait_for(lambda: positions(session), "the dragged position saved")
            assert moved[code_id][0] > first[code_id][0] + 20, (moved[code_id], first[code_id])
            assert moved[code_id][1] > first[code_id][1] + 10, (moved[code_id], first[code_id])
            time.sleep(0.5)
            session.screenshot("code-map-dragged")

            svg = export(session, "Export SVG…", os.path.join(scratch, "map.svg"))
            assert b"<svg" in svg[:400], svg[:200]
            png = export(session, "Export PNG…", os.path.join(scratch, "map.png"))
            assert png.startswith(b"\x89PNG\r\n\x1a\n"), png[:16]

            # Show in Coding: the code tree's row of the selected code
            show = wait_for(lambda: button(session, "Show in Coding"), "Show in Coding")
            show.doActionNamed("click")
            wait_for(lambda: session.code_row(name).parent.selected, "the code in the tree")
        finally:
            session.close()


def grow_to_200_codes(path):
    # The sample's 34 codes and 168 more: 4 dimensions, each with 4 themes
    # of 3 sub-themes of 2 open codes (the first 3), and relations.
    for d in range(1, 5):
        cli("codes", path, "add", "Dimension %d" % d, "--kind", "aggregate-dimension")
        for t in range(1, 5):
            theme = "Theme %d.%d" % (d, t)
            cli("codes", path, "add", theme, "--kind", "theme", "--parent", "Dimension %d" % d)
            for s in range(1, 4):
                sub = "Sub-theme %d.%d.%d" % (d, t, s)
                cli("codes", path, "add", sub, "--kind", "sub-theme", "--parent", theme)
                for o in range(1, 4 if t == 1 and s == 1 else 3):
                    name = "open code %d.%d.%d.%d with a longer name" % (d, t, s, o)
                    cli("codes", path, "add", name, "--kind", "open-code", "--parent", sub)
    for d in range(1, 5):
        cli("relate", path, "Theme %d.1" % d, "Theme %d.3" % d, "--kind", "causal-condition")
        cli("relate", path, "Sub-theme %d.2.1" % d, "Sub-theme %d.4.2" % d, "--kind", "consequence")


def zoom_shown(session):
    shown = [n.name for n in session.find_all("push button") if n.name.endswith(" %")]
    return int(shown[0][:-2]) if shown else None


@test
def two_hundred_codes_drawn():
    # in the dark style, to see the map on a dark page
    session = Session(SAMPLE, prepare=grow_to_200_codes,
                      env={"ADW_DEBUG_COLOR_SCHEME": "prefer-dark"})
    try:
        assert session.db("SELECT count(*) FROM code")[0][0] >= 200
        tab = wait_for(lambda: session.find("page tab", "Code Map"), "the Code Map tab")
        tab.queryAction().doAction(0)
        wait_for(lambda: button(session, "Export SVG…").sensitive, "the map drawn")
        time.sleep(0.5)
        session.screenshot("code-map-200")
        # too big for the page: shown at a size where names can be read
        first = zoom_shown(session)
        assert first >= 75, first
        session.find("push button", "Zoom to fit").doActionNamed("click")
        fit = wait_for(lambda: zoom_shown(session) < first and zoom_shown(session), "the whole map")
        time.sleep(0.5)
        session.screenshot("code-map-200-fit")
        session.find("push button", "Zoom in").doActionNamed("click")
        wait_for(lambda: zoom_shown(session) > fit, "zoomed in")
    finally:
        session.close()


def canvas_pixels(session, name, extents):
    session.screenshot(name)
    shot = GdkPixbuf.Pixbuf.new_from_file(os.path.join(SHOTS, name + ".png"))
    pixels, stride, channels = shot.get_pixels(), shot.get_rowstride(), shot.get_n_channels()
    x0, y0, width, height = extents
    return dict(((px, py), pixels[py * stride + px * channels:py * stride + px * channels + 3])
                for py in range(max(y0, 0), min(y0 + height, shot.get_height()))
                for px in range(max(x0, 0), min(x0 + width, shot.get_width())))


def find_selected_box(session, extents):
    """The middle of the selected code's box: where the map changes when
    Escape clears the selection (its ring goes). The window knows where it
    drew the box, the accessibility tree does not."""
    selected = canvas_pixels(session, "code-map-selected", extents)
    rawinput.pressKey("Escape")
    wait_for(lambda: selection_label(session) is None, "the selection cleared")
    time.sleep(0.5)
    cleared = canvas_pixels(session, "code-map-cleared", extents)
    # what changed in the ring's colour (#3584e4): a toast may come or go
    ring = [at for at in selected if selected[at] != cleared.get(at)
            and all(abs(a - b) < 8 for a, b in zip(selected[at], (0x35, 0x84, 0xe4)))]
    assert ring, "no selection ring on the map"
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return ((min(xs) + max(xs)) // 2, (min(ys) + max(ys)) // 2)


if __name__ == "__main__":
    sys.exit(run_tests())
