#!/usr/bin/env python3
"""Builds the bundled sample study, kam-study.grounded, with grounded-cli.

usage: build-sample.py GROUNDED_CLI OUTPUT

The study is Pratama et al. (2024), Key Account Managers in Indonesian
banking (see README.md beside this file). The three transcripts here are a
reconstruction written around the quotes the paper publishes; this script
codes them the way the paper's tables read: two aggregate dimensions
(Self-Determination Theory's intrinsic and extrinsic motivation), the four
regulation types under Extrinsic, fourteen sub-themes, every published quote
coded once under its sub-theme and flagged representative, plus the open
codes, memos and axial relations a researcher makes on the way.
"""

import csv
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CODER = "Sample study"

DIMENSIONS = {
    "Intrinsic": ("#3584e4", "Motivation from the work itself: doing it is its own "
                  "reward (Ryan & Deci, 2000)."),
    "Extrinsic": ("#e66100", "Motivation from outcomes apart from the work: rewards, "
                  "recognition, pressure, conditions (Ryan & Deci, 2000)."),
}

REGULATIONS = {
    "Integrated Regulation": "The most autonomous extrinsic motivation: the outcome "
                             "is fully part of who the KAM is.",
    "Identified Regulation": "The KAM values the outcome personally and accepts the "
                             "work as a way to it.",
    "Introjected Regulation": "Pressure taken inside: pride, guilt, the wish to be "
                              "well regarded by others.",
    "External Regulation": "The least autonomous: rewards, rules and conditions "
                           "set from outside.",
}

# Open codes made while reading, each with a passage it was first applied
# to; "in vivo" ones take the respondent's own words as their name.
OPEN_CODES = [
    # (respondent, sub-theme, code name, passage, in vivo)
    (1, "Belief of Value of Job", "trust will emerge", "trust will emerge", True),
    (1, "Belief of Value of Job", "Learning the local language",
     "I have to learn the local language", False),
    (2, "Belief of Value of Job", "communicating attentively", "communicating attentively", True),
    (3, "Personality", "extroverted personality", "extroverted personality", True),
    (3, "Personal Development", "Larger customers, more lessons",
     "500 million and above", False),
    (1, "Comfort and Trust in Company", "small fish in a big pond",
     "small fish in a big pond", True),
    (2, "Proving Oneself to Others", "I can prove myself", "I can prove myself", True),
    (2, "Personal Goal Outside Current Career", "start a business",
     "I want to start a business", True),
    (2, "Colleagues", "competing unhealthy", "competing unhealthy", True),
    (2, "Working Condition", "Branch rotation", "moved branches once a month", False),
    (2, "Working Condition", "Always on call", "Being on the phone was really 24/7", False),
    (3, "Work Scope", "hunter", "need to be a hunter", True),
    (3, "Facility", "Entertaining customers", "treat (entertain) our customers", False),
    (1, "Leadership Style", "Unsuitable leader, resignations",
     "if you have a leader who isn't suitable", False),
]

RELATIONS = [
    # (from, to, kind, label)
    ("Belief of Value of Job", "Comfort and Trust in Company", "associated",
     "trust given to customers, trust felt in the bank"),
    ("Leadership Style", "Working Condition", "intervening-condition",
     "a leader shapes the day-to-day conditions"),
    ("Colleagues", "Proving Oneself to Others", "context", "proving oneself happens among peers"),
    ("Personal Development", "Career Development", "associated", "learning leads to advancement"),
    ("Working Condition", "Comfort and Trust in Company", "consequence",
     "rotation and 24/7 availability erode staying"),
]


def run(cli, *args):
    result = subprocess.run([cli, "--coder", CODER, *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("build-sample: grounded-cli %s failed: %s" % (" ".join(args), result.stderr.strip()))
    return result.stdout


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: build-sample.py GROUNDED_CLI OUTPUT")
    cli, output = sys.argv[1], sys.argv[2]

    # Built beside the output and moved into place, so a failed build
    # leaves no half-made study behind.
    partial = output + ".partial"
    for path in (partial, partial + "-wal", partial + "-shm"):
        if os.path.exists(path):
            os.unlink(path)

    with open(os.path.join(HERE, "codebook.csv"), encoding="utf-8", newline="") as f:
        codebook = list(csv.DictReader(f))

    p = partial
    run(cli, "new", p, "--name", "KAM study (sample)")
    run(cli, "cases", p, "import", os.path.join(HERE, "respondents.csv"))
    for n in (1, 2, 3):
        run(cli, "import", p, os.path.join(HERE, "respondent-%d.txt" % n),
            "--case", "Respondent %d" % n, "--name", "Interview %d" % n)

    for dimension, (color, description) in DIMENSIONS.items():
        run(cli, "codes", p, "add", dimension, "--kind", "aggregate-dimension",
            "--color", color, "--description", description)
    for regulation, description in REGULATIONS.items():
        run(cli, "codes", p, "add", regulation, "--parent", "Extrinsic", "--kind", "theme",
            "--description", description)

    paths = {}
    for row in codebook:
        parent = row["dimension"] + ("/" + row["regulation"] if row["regulation"] else "")
        path = parent + "/" + row["sub_theme"]
        if path not in paths.values():
            run(cli, "codes", p, "add", row["sub_theme"], "--parent", parent, "--kind", "sub-theme")
        paths[row["sub_theme"]] = path

    for row in codebook:
        source = "Interview " + row["respondent"].split()[-1]
        run(cli, "code", p, source, paths[row["sub_theme"]], "--quote", row["quote"],
            "--representative")

    for n, sub_theme, name, passage, in_vivo in OPEN_CODES:
        description = "in vivo code" if in_vivo else ""
        run(cli, "codes", p, "add", name, "--parent", paths[sub_theme], "--description", description)
        run(cli, "code", p, "Interview %d" % n, paths[sub_theme] + "/" + name, "--quote", passage)

    for source, target, kind, label in RELATIONS:
        run(cli, "relate", p, paths[source], paths[target], "--kind", kind, "--label", label)

    run(cli, "codes", p, "add-set", "Primary factors")
    for sub_theme in ("Belief of Value of Job", "Personality"):
        run(cli, "codes", p, "add-to-set", "Primary factors", paths[sub_theme])

    run(cli, "memo", p, "add", "--project", "--title", "Method",
        "Open coding line by line (Strauss & Corbin, 1990); axial coding into sub-themes "
        "and the regulation types of Self-Determination Theory; selective coding around "
        "the primary factors, Trust and Solution, and Personal attributes.")
    run(cli, "memo", p, "add", "--code", "Extrinsic/External Regulation/Working Condition",
        "--title", "Why people leave",
        "Both working-condition quotes come from Respondent 2, who resigned: branch rotation "
        "and round-the-clock availability.")
    run(cli, "memo", p, "add", "--source", "Interview 1", "--title", "Context",
        "Medan, seven years as a KAM, about 80 clients; trust and learning the local "
        "language recur.")

    # A learner's first Ctrl+Z must not take the study apart.
    run(cli, "history", p, "--forget")

    os.replace(partial, output)


if __name__ == "__main__":
    main()
