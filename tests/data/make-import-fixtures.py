#!/usr/bin/python3
# make-import-fixtures.py: writes the transcripts tests/core/test-import-formats.c
# imports, one per format, into tests/data/import/
#
# Copyright 2026 The Grounded authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every file is written byte for byte from here (office suites and editors
# would re-encode them or add their own parts), so what a test expects can
# be read next to what made it. Needs python3-cairo for the PDFs. Run it
# from anywhere; the output is committed with this script.

import os
import zipfile

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "import")


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# --- plain text in legacy encodings ---------------------------------------

# Shift-JIS: long enough for uchardet to be sure.
SJIS = (
    "インタビュアー：今日はお時間をいただきありがとうございます。"
    "まず、お仕事について教えてください。\r\n"
    "回答者：はい。私は東京の銀行で法人営業を担当しています。"
    "お客様との信頼関係がいちばん大切だと思っています。\r\n"
    "インタビュアー：仕事のやりがいは何ですか。\r\n"
    "回答者：お客様の問題を一緒に解決できたときです。"
    "毎日が勉強で、とても楽しいです。\r\n"
)
write("interview-shift-jis.txt", SJIS.encode("shift_jis"))

# --- HTML -----------------------------------------------------------------

# Declared Windows-1252 (so "–" and "é" are single bytes), with an emoji
# as a character reference, since Windows-1252 has none.
HTML = """<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Wawancara</title>
<style>p { color: red }</style>
<script>document.write("not text")</script>
</head>
<body>
<h1>Wawancara di Medan</h1>
<!-- catatan peneliti: jangan diimpor -->
<p><b>Interviewer:</b> Apa arti <i>kepercayaan</i> bagi Anda?</p>
<p><strong>Wati</strong> Kepercayaan itu   segalanya – café
setiap hari &#x1F60A;.</p>
<ul><li>Jujur</li><li>Disiplin<ul><li>Sabar</li></ul></li></ul>
<table><tr><th>Nama</th><th>Umur</th></tr>
<tr><td>Wati</td><td>34</td></tr></table>
<p><b>Interviewer:</b> Dan <u>pelanggan</u>?<br>Baris kedua.</p>
<p><b>Wati</b> Mereka bilang “pelayanan” <img src="foto.png" alt="foto"> itu penting.</p>
</body></html>
"""
write("interview.html", HTML.encode("cp1252", errors="strict"))

# --- RTF ------------------------------------------------------------------

# As Word writes it: tables and destinations to skip, \'hh bytes in code
# page 1252, \uN with one fallback byte (\uc1), and 😊 (U+1F60A) as a
# surrogate pair of \u escapes.
RTF = r"""{\rtf1\ansi\ansicpg1252\deff0\uc1
{\fonttbl{\f0\froman\fcharset0 Times New Roman;}{\f1\fswiss Arial;}}
{\colortbl;\red0\green0\blue0;\red255\green0\blue0;}
{\stylesheet{\s0 Normal;}{\s1\outlinelevel0 heading 1;}}
{\info{\title Wawancara}{\author Ayu}}
{\*\generator Hand 1.0;}
\pard\s1\outlinelevel0\b Wawancara di Medan\b0\par
\pard\plain\b Interviewer:\b0  Apa arti \i kepercayaan\i0  bagi Anda?\par
\pard\b Wati\b0  Kepercayaan itu segalanya \endash  caf\'e9 \u9749? setiap hari \u-10179?\u-8694?.\par
{\pict\pngblip\picw10\pich10 89504e470d0a1a0a}
\pard\b Interviewer:\b0  Dan \ul pelanggan\ulnone ?\par
\pard\b Wati\b0  Mereka bilang {\*\annotation{\*\atnref 0} cek lagi}\ldblquote pelayanan\rdblquote .\par
\trowd\cellx2000\cellx4000\pard\intbl Nama\cell Umur\cell\row
\trowd\cellx2000\cellx4000\pard\intbl Wati\cell 34\cell\row
\pard {\pntext\f1 \'b7\tab}\ls1\ilvl0 Jujur\par
}
"""
write("interview.rtf", RTF.encode("ascii"))

# --- PDF ------------------------------------------------------------------

import cairo  # noqa: E402  (python3-cairo; only the PDFs need it)

A4 = (595, 842)


def pdf(name, pages, size=A4):
    """pages: one list per page of (x, y, text) lines in DejaVu Sans 11pt."""
    surface = cairo.PDFSurface(os.path.join(HERE, name), *size)
    # A fixed date and no creator keep the file the same from run to run.
    surface.set_metadata(cairo.PDFMetadata.CREATE_DATE, "2026-01-01T00:00:00Z")
    surface.set_metadata(cairo.PDFMetadata.CREATOR, "make-import-fixtures.py")
    ctx = cairo.Context(surface)
    ctx.select_font_face("DejaVu Sans")
    ctx.set_font_size(11)
    for lines in pages:
        for x, y, text in lines:
            ctx.move_to(x, y)
            ctx.show_text(text)
        ctx.show_page()
    surface.finish()


# Two pages; a word broken at a line end ("trans-" / "cript", joined with
# its hyphen: the document never spells "transcript" whole), a hyphen that
# stays ("well-" / "Known"), the ligatures ﬁ and ﬂ as single characters,
# and 𝒜 outside the Basic Multilingual Plane.
pdf("interview.pdf", [
    [(72, 72, "Interviewer: Selamat pagi. Apa kabar 𝒜?"),
     (72, 90, "Respondent: Baik. I read the trans-"),
     (72, 108, "cript at the café; it was a ﬁne, ﬂuent text."),
     (72, 126, "Interviewer: And the clients?")],
    [(72, 72, "Respondent: They are well-"),
     (72, 90, "Known in Medan, naïve perhaps."),
     (72, 108, "Interviewer: Terima kasih.")],
])

# Two columns on one page, as a journal prints an interview: reading order
# is the left column to its end, then the right one.
LEFT = [
    "Interviewer: How did you start as a",
    "key account manager at the bank?",
    "Respondent: I began in retail, then",
    "my manager asked me to look after",
    "three corporate clients in Medan.",
    "Interviewer: What kept you there?",
    "Respondent: Trust. Tanpa kepercayaan,",
    "tidak ada solusi, as we say here.",
]
RIGHT = [
    "Interviewer: And the hardest part of",
    "the work, looking back on it now?",
    "Respondent: The targets. Every month",
    "they grow, and the clients do not.",
    "Interviewer: Would you choose it",
    "again, knowing all of this today?",
    "Respondent: Yes, without a doubt;",
    "the people make it worth it.",
]
pdf("two-column.pdf", [
    [(50, 72 + 16 * i, line) for i, line in enumerate(LEFT)]
    + [(315, 72 + 16 * i, line) for i, line in enumerate(RIGHT)]
])


def scanned_pdf(name):
    """A page that is only an image: what a scanner without OCR makes."""
    surface = cairo.PDFSurface(os.path.join(HERE, name), *A4)
    surface.set_metadata(cairo.PDFMetadata.CREATE_DATE, "2026-01-01T00:00:00Z")
    surface.set_metadata(cairo.PDFMetadata.CREATOR, "make-import-fixtures.py")
    image = cairo.ImageSurface(cairo.FORMAT_RGB24, 40, 20)
    img = cairo.Context(image)
    img.set_source_rgb(1, 1, 1)
    img.paint()
    img.set_source_rgb(0, 0, 0)
    img.rectangle(5, 5, 30, 2)
    img.fill()
    ctx = cairo.Context(surface)
    ctx.set_source_surface(image, 72, 72)
    ctx.paint()
    surface.finish()


scanned_pdf("scanned.pdf")


def encrypted_pdf(name):
    """A PDF that needs a user password (RC4, revision 2). Its /U entry
    matches no password at all, so no reader opens it without one; that is
    all an importer needs to see."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /P -44"
        b" /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R"
            b" /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>\n"
            % (len(objects) + 1))
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    write(name, bytes(out))


encrypted_pdf("encrypted.pdf")

# --- docx and odt ----------------------------------------------------------

def zip_write(name, parts):
    """Writes parts (name, text) in order with a fixed date, so the archive
    is the same from run to run."""
    with zipfile.ZipFile(os.path.join(HERE, name), "w", zipfile.ZIP_DEFLATED) as archive:
        for part, text in parts:
            info = zipfile.ZipInfo(part, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if part == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def w_run(text, props=""):
    rpr = "<w:rPr>%s</w:rPr>" % props if props else ""
    return '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (rpr, text)


DOCX_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

DOCX_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

# "Kop" is a heading in a Word whose language calls it that: its name is
# still "heading 1". "Pembicara" is a character style that is bold.
DOCX_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles %s>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Kop"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>
<w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Pembicara"><w:name w:val="Pembicara"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="Loop 1"/><w:basedOn w:val="Loop2"/></w:style>
<w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="Loop 2"/><w:basedOn w:val="Loop1"/></w:style>
</w:styles>""" % W

DOCX_BODY = "".join([
    '<w:p><w:pPr><w:pStyle w:val="Kop"/></w:pPr>%s</w:p>' % w_run("Wawancara di Jakarta 𝒜"),
    "<w:p>%s%s%s</w:p>" % (w_run("Interviewer:", "<w:b/>"), w_run(" Apa kabar? "),
                          w_run("Selamat pagi.", "<w:i/>")),
    # A bold name without a colon; a tracked insertion kept, a tracked
    # deletion dropped, a footnote cited.
    "<w:p>%s%s<w:ins w:id=\"1\" w:author=\"Ayu\">%s</w:ins>"
    "<w:del w:id=\"2\" w:author=\"Ayu\"><w:r><w:delText>tidak </w:delText></w:r></w:del>%s"
    "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr>"
    "<w:footnoteReference w:id=\"1\"/></w:r></w:p>"
    % (w_run("Budi", "<w:b/>"), w_run(" Baik 😊, "), w_run("sangat "), w_run("senang.")),
    # A comment on a word, an underlined word, a tab and a line break.
    "<w:p>%s<w:commentRangeStart w:id=\"0\"/>%s<w:commentRangeEnd w:id=\"0\"/>"
    "<w:r><w:commentReference w:id=\"0\"/></w:r>%s<w:r><w:tab/><w:t>(a)</w:t><w:br/>"
    "<w:t>baris dua?</w:t></w:r></w:p>"
    % (w_run("Interviewer:", "<w:b/>"), w_run(" Bagaimana dengan "),
       w_run("klien", "<w:u w:val=\"single\"/>")),
    # The name bold through a character style; a picture as Word writes it
    # (a drawing, with a fallback for old readers).
    "<w:p>%s%s<mc:AlternateContent><mc:Choice Requires=\"wps\"><w:r><w:drawing/></w:r></mc:Choice>"
    "<mc:Fallback><w:r><w:pict/></w:r></mc:Fallback></mc:AlternateContent></w:p>"
    % (w_run("Budi", '<w:rStyle w:val="Pembicara"/>'), w_run(" Mereka percaya pada café kami.")),
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>%s</w:p>'
    % w_run("Jujur"),
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>%s</w:p>'
    % w_run("Sabar"),
    "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
    "<w:tr><w:tc><w:p>%s</w:p></w:tc><w:tc><w:p>%s</w:p></w:tc></w:tr>"
    "<w:tr><w:tc><w:p>%s</w:p><w:p>%s</w:p></w:tc><w:tc><w:p>%s</w:p></w:tc></w:tr></w:tbl>"
    % (w_run("Nama"), w_run("Kota"), w_run("Budi"), w_run("Santoso"), w_run("Jakarta")),
    # Styles based on each other in a loop: a damaged file, read anyway.
    '<w:p><w:pPr><w:pStyle w:val="Loop1"/></w:pPr>%s</w:p>' % w_run("Selesai."),
    "<w:sectPr/>",
])

DOCX_DOCUMENT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document %s %s><w:body>%s</w:body></w:document>""" % (W, MC, DOCX_BODY)

DOCX_FOOTNOTES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes %s>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>%s</w:p></w:footnote>
</w:footnotes>""" % (W, w_run(" Catatan kaki: café ☕."))

zip_write("interview.docx", [
    ("[Content_Types].xml", DOCX_CONTENT_TYPES),
    ("_rels/.rels", DOCX_RELS),
    ("word/document.xml", DOCX_DOCUMENT),
    ("word/styles.xml", DOCX_STYLES),
    ("word/footnotes.xml", DOCX_FOOTNOTES),
])

# A zip that is no Word document, and one whose document declares a
# document type (and with it, entities).
zip_write("no-document.docx", [("[Content_Types].xml", DOCX_CONTENT_TYPES)])
zip_write("doctype.docx", [
    ("[Content_Types].xml", DOCX_CONTENT_TYPES),
    ("word/document.xml",
     '<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
     '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
     '<w:document %s><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>' % W),
])

ODT_NS = " ".join([
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
    'xmlns:dc="http://purl.org/dc/elements/1.1/"',
])

# "Strong_20_Emphasis" is LibreOffice's named bold style (in styles.xml);
# T1 and T2 are automatic styles (in content.xml), T2 built on the named one.
ODT_STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles %s office:version="1.3"><office:styles>
<style:style style:name="Strong_20_Emphasis" style:family="text">
<style:text-properties fo:font-weight="bold"/></style:style>
</office:styles></office:document-styles>""" % ODT_NS

ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content %s office:version="1.3">
<office:automatic-styles>
<style:style style:name="T1" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="T2" style:family="text" style:parent-style-name="Strong_20_Emphasis"/>
<style:style style:name="T3" style:family="text"><style:text-properties style:text-underline-style="solid"/></style:style>
<style:style style:name="T4" style:family="text"><style:text-properties fo:font-weight="700"/></style:style>
</office:automatic-styles>
<office:body><office:text>
<text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Table"/></text:sequence-decls>
<text:tracked-changes>
<text:changed-region text:id="ct1"><text:deletion><office:change-info><dc:creator>Ayu</dc:creator></office:change-info>
<text:p>tidak </text:p></text:deletion></text:changed-region>
<text:changed-region text:id="ct2"><text:insertion><office:change-info><dc:creator>Ayu</dc:creator></office:change-info></text:insertion></text:changed-region>
</text:tracked-changes>
<text:h text:outline-level="1">Wawancara di Jakarta 𝒜</text:h>
<text:p><text:span text:style-name="T4">Interviewer:</text:span> Apa kabar? <text:span text:style-name="T1">Selamat   pagi.</text:span></text:p>
<text:p><text:span text:style-name="T2">Budi</text:span> Baik 😊, <text:change-start text:change-id="ct2"/>sangat <text:change-end text:change-id="ct2"/><text:change text:change-id="ct1"/>senang.<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Catatan kaki: café ☕.</text:p></text:note-body></text:note></text:p>
<text:p><text:span text:style-name="T4">Interviewer:</text:span> Bagaimana dengan <office:annotation><dc:creator>Ayu</dc:creator><text:p>cek lagi</text:p></office:annotation><text:span text:style-name="T3">klien</text:span><text:tab/>(a)<text:line-break/>baris<text:s text:c="2"/>dua?</text:p>
<text:p><text:span text:style-name="T2">Budi</text:span> Mereka percaya pada café kami.<draw:frame draw:name="foto"><draw:image/></draw:frame></text:p>
<text:list><text:list-item><text:p>Jujur</text:p><text:list><text:list-item><text:p>Sabar</text:p></text:list-item></text:list></text:list-item></text:list>
<table:table table:name="T"><table:table-column table:number-columns-repeated="2"/>
<table:table-row><table:table-cell><text:p>Nama</text:p></table:table-cell><table:table-cell><text:p>Kota</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>Budi</text:p><text:p>Santoso</text:p></table:table-cell><table:table-cell><text:p>Jakarta</text:p></table:table-cell></table:table-row>
</table:table>
<text:p>Selesai.</text:p>
</office:text></office:body></office:document-content>""" % ODT_NS

ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""

zip_write("interview.odt", [
    ("mimetype", "application/vnd.oasis.opendocument.text"),
    ("content.xml", ODT_CONTENT),
    ("styles.xml", ODT_STYLES),
    ("META-INF/manifest.xml", ODT_MANIFEST),
])

# A zip bomb: 16 MiB of document that compresses a thousandfold.
zip_write("bomb.docx", [
    ("[Content_Types].xml", DOCX_CONTENT_TYPES),
    ("word/document.xml", '<w:document %s><w:body><w:p><w:r><w:t>%s</w:t></w:r></w:p>'
                          '</w:body></w:document>' % (W, " " * (16 * 1024 * 1024))),
])

# An OpenDocument whose content.xml was cut off.
zip_write("broken.odt", [
    ("mimetype", "application/vnd.oasis.opendocument.text"),
    ("content.xml", '<?xml version="1.0"?>\n<office:document-content %s><office:body>'
                    '<office:text><text:p>cut off' % ODT_NS),
])

# --- seeds for the fuzzers in tests/fuzz/ -----------------------------------

import shutil  # noqa: E402

SEEDS = {
    "txt": ["../cli-interview-utf8.txt", "../cli-interview-utf16le.txt",
            "../cli-interview-cp1252.txt", "interview-shift-jis.txt"],
    "md": ["../cli-interview.md"],
    "html": ["interview.html"],
    "rtf": ["interview.rtf"],
    "pdf": ["interview.pdf", "two-column.pdf", "encrypted.pdf"],
    "docx": ["interview.docx", "doctype.docx"],
    "odt": ["interview.odt"],
}
CORPUS = os.path.join(os.path.dirname(HERE), "..", "fuzz", "corpus")
for fmt, names in SEEDS.items():
    os.makedirs(os.path.join(CORPUS, fmt), exist_ok=True)
    for name in names:
        shutil.copyfile(os.path.join(HERE, name),
                        os.path.join(CORPUS, fmt, os.path.basename(name)))
