#!/usr/bin/python3
# make-cli-fixtures.py: writes the transcripts tests/cli/test_cli.py imports
#
# Copyright 2026 The Grounded authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The encodings are the point of these files, and editors quietly convert
# them, so they are written byte for byte from here. Run it from anywhere;
# the files land next to this script. The output is committed.

import os

HERE = os.path.dirname(os.path.abspath(__file__))

# An English-Indonesian interview with accents, an em dash and characters
# outside the Basic Multilingual Plane (☕ is in the BMP, 𝒜 and 😊 are not).
INTERVIEW = (
    "Interviewer: Selamat pagi. Could you introduce yourself?\n"
    "Respondent: Nama saya Budi Santoso. Saya bekerja di Medan — café ☕ 𝒜 "
    "is where I meet my clients.\n"
    "Interviewer: Apa yang membuat Anda termotivasi? What keeps you going?\n"
    "Respondent: Kepercayaan nasabah. Trust is everything; tanpa kepercayaan, "
    "tidak ada solusi. 😊\n"
    "Interviewer: Terima kasih banyak.\n"
    "Respondent: Sama-sama. My naïve résumé said déjà vu, but the café was real.\n"
)

# Windows-1252 has no ☕ or 𝒜; its own characters are the test: é, the
# curly quotes 0x93/0x94, the euro sign 0x80 and the en dash 0x96.
CP1252 = (
    "Interviewer: Bagaimana pengalaman Anda dengan nasabah korporat?\r\n"
    "Respondent: Saya bertemu klien di café dekat kantor. Mereka bilang "
    "\u201cpelayanan adalah segalanya\u201d \u2013 dan itu benar. "
    "Biaya rapat kira-kira \u20ac20, tapi hasilnya sepadan.\r\n"
    "Interviewer: Apakah ada kesulitan?\r\n"
    "Respondent: Kadang-kadang. Nasabah dari Zürich atau Genève "
    "punya harapan yang berbeda, jadi saya belajar bahasa mereka. "
    "\u201cMerci\u201d dan \u201cdanke\u201d \u2013 itu sudah cukup untuk memulai.\r\n"
)

MARKDOWN = (
    "# Interview 3: Jakarta\n"
    "\n"
    "*Transcribed by the research team.*\n"
    "\n"
    "Interviewer: What does **solution** mean to you?\n"
    "\n"
    "Respondent: Memberikan solusi — not just selling a product. "
    "Saya mendengarkan dulu.\n"
    "\n"
    "Interviewer: And personal attributes?\n"
    "\n"
    "Respondent: Jujur, disiplin, dan _sabar_.\n"
)

CRLF = (
    "Interviewer: How long have you worked in banking?\r\n"
    "Respondent: Tujuh tahun. Seven years, all in Medan.\r\n"
    "Interviewer: And as a key account manager?\r\n"
    "Respondent: Also seven. I started as an account officer.\r\n"
)


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def main():
    write("cli-interview-utf8.txt", INTERVIEW.encode("utf-8"))
    write("cli-interview-utf16le.txt", b"\xff\xfe" + INTERVIEW.encode("utf-16-le"))
    write("cli-interview-cp1252.txt", CP1252.encode("cp1252"))
    write("cli-interview.md", MARKDOWN.encode("utf-8"))
    write("cli-interview-crlf.txt", CRLF.encode("ascii"))
    # Mostly good UTF-8 with one broken sequence (0xC3 then "(") in the
    # second line: damaged UTF-8, which must be refused, not guessed at.
    write("cli-invalid-utf8.txt",
          "Interviewer: Apa kabar? — café\n".encode("utf-8")
          + b"Respondent: Baik, terima kasih \xc3( sekali.\n")


if __name__ == "__main__":
    main()
