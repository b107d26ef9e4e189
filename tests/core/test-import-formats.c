/* test-import-formats.c: Markdown, HTML and RTF; formatting ranges; bold
 * speaker names; what the project keeps of an import
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "grd-import.h"
#include "test-util.h"

#define BYTES(s) s, sizeof (s) - 1

/* "heading:1@0-18 bold@19-31 …": every range of an import in one string,
 * so a test states the whole formatting, not a few picked ranges. */
static char *
summarize_formats (GArray *formats)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint i = 0; i < formats->len; i++)
    {
      const GrdFormatRange *range = &g_array_index (formats, GrdFormatRange, i);

      if (summary->len > 0)
        g_string_append_c (summary, ' ');
      g_string_append (summary, grd_format_kind_to_string (range->kind));
      if (range->value != 0)
        g_string_append_printf (summary, ":%d", range->value);
      g_string_append_printf (summary, "@%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                              range->start, range->end);
    }

  return g_string_free (g_steal_pointer (&summary), FALSE);
}

/* "Interviewer*@19-63 Wati@64-118": the turns, interviewers starred. */
static char *
summarize_turns (GArray *turns)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint i = 0; i < turns->len; i++)
    {
      const GrdTurn *turn = &g_array_index (turns, GrdTurn, i);

      g_string_append_printf (summary, "%s%s%s@%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                              summary->len > 0 ? " " : "", turn->speaker,
                              turn->is_interviewer ? "*" : "", turn->start, turn->end);
    }

  return g_string_free (g_steal_pointer (&summary), FALSE);
}

static char *
summarize_dropped (GPtrArray *dropped)
{
  g_autoptr(GString) summary = g_string_new (NULL);

  for (guint i = 0; i < dropped->len; i++)
    {
      const GrdImportDropped *item = g_ptr_array_index (dropped, i);

      g_string_append_printf (summary, "%s%u %s", summary->len > 0 ? ", " : "", item->count,
                              item->what);
    }

  return g_string_free (g_steal_pointer (&summary), FALSE);
}

typedef struct {
  const char *path;
  const char *file_name;    /* in tests/data/import/, or the name of input */
  const char *input;        /* NULL: read file_name */
  gsize       input_len;
  const char *text;
  const char *encoding;
  const char *formats;
  const char *turns;
  const char *dropped;
} FormatCase;

static const FormatCase format_cases[] = {
  { "/grounded/import/formats/markdown",
    "catatan.md",
    BYTES ("# Wawancara 𝒜\r\n"
           "\r\n"
           "*Catatan*: 🙂 ditranskrip oleh tim.\r\n"
           "Pewawancara: **Apa** kabar?\r\n"
           "Responden: [Baik](https://example.org), _sangat_ baik.\r\n"
           "\r\n"
           "- satu\r\n"
           "- dua\r\n"
           "  - tiga\r\n"
           "\r\n"
           "![foto](foto.png) <span>x</span>\r\n"),
    "Wawancara 𝒜\n"
    "Catatan: 🙂 ditranskrip oleh tim.\n"
    "Pewawancara: Apa kabar?\n"
    "Responden: Baik, sangat baik.\n"
    "satu\n"
    "dua\n"
    "tiga\n"
    "foto x\n",
    "UTF-8",
    "heading:1@0-11 italic@12-19 bold@58-61 italic@86-92 list-item:1@99-103 "
    "list-item:1@104-112 list-item:2@108-112",
    "Pewawancara*@45-68 Responden@69-119",
    "1 link address, 1 image, 2 HTML markup" },
  { "/grounded/import/formats/html-declared-windows-1252",
    "interview.html", NULL, 0,
    "Wawancara di Medan\n"
    "Interviewer: Apa arti kepercayaan bagi Anda?\n"
    "Wati Kepercayaan itu segalanya – café setiap hari 😊.\n"
    "Jujur\n"
    "Disiplin\n"
    "Sabar\n"
    "Nama\tUmur\n"
    "Wati\t34\n"
    "Interviewer: Dan pelanggan?\n"
    "Baris kedua.\n"
    "Wati Mereka bilang “pelayanan” itu penting.\n",
    "WINDOWS-1252",
    "heading:1@0-18 bold@19-31 italic@41-52 bold@64-68 list-item:1@117-122 "
    "list-item:1@123-137 list-item:2@132-137 table-cell@138-142 table-cell@143-147 "
    "table-cell@148-152 table-cell@153-155 bold@156-168 underline@173-182 bold@197-201",
    "Interviewer*@19-63 Wati@64-155 Interviewer*@156-196 Wati@197-240",
    "1 image" },
  { "/grounded/import/formats/html-undeclared-utf8",
    "page.htm",
    BYTES ("<p>Interviewer: café 𝒜?</p><script>alert(1)</script><style>p{}</style>"
           "<!-- not text --><p><em>Ana</em>: 😊 <b>ya</b></p><pre>a  b\n c</pre>"),
    "Interviewer: café 𝒜?\n"
    "Ana: 😊 ya\n"
    "a  b\n"
    " c\n",
    "UTF-8",
    "italic@21-24 bold@28-30",
    "Interviewer*@0-20 Ana@21-38",
    "" },
  { "/grounded/import/formats/rtf-windows-1252",
    "interview.rtf", NULL, 0,
    "Wawancara di Medan\n"
    "Interviewer: Apa arti kepercayaan bagi Anda?\n"
    "Wati Kepercayaan itu segalanya – café ☕ setiap hari 😊.\n"
    "Interviewer: Dan pelanggan?\n"
    "Wati Mereka bilang “pelayanan”.\n"
    "Nama\tUmur\n"
    "Wati\t34\n"
    "Jujur\n",
    "WINDOWS-1252",
    "heading:1@0-18 bold@0-18 bold@19-31 italic@41-52 bold@64-68 bold@119-131 "
    "underline@136-145 bold@147-151 table-cell@179-183 table-cell@184-188 "
    "table-cell@189-193 table-cell@194-196 list-item:1@197-202",
    "Interviewer*@19-63 Wati@64-118 Interviewer*@119-146 Wati@147-202",
    "1 comment" },
  { "/grounded/import/formats/rtf-shift-jis",
    "memo.rtf",
    /* 回答者 in Shift-JIS is 89 f1 93 9a 8e d2; \'hh pairs make one
     * character, and \uN stands beside them. */
    BYTES ("{\\rtf1\\ansi\\ansicpg932\\uc2{\\fonttbl{\\f0\\fcharset128 MS Mincho;}}"
           "\\pard{\\b \\'89\\'f1\\'93\\'9a\\'8e\\'d2}\\'81\\'46 \\u26481\\'93\\'8c\\u20140\\'8b\\'9e"
           "\\par}"),
    "回答者： 東京\n",
    "CP932",
    "bold@0-3",
    "",
    "" },
  { "/grounded/import/formats/pdf",
    "interview.pdf", NULL, 0,
    /* "trans-" + "cript" joins, but keeps its hyphen: "transcript" is
     * nowhere else in the document, so the hyphen may be the author's
     * (test-import-hostile has the word spelled whole). "well-" before a
     * capital is a real hyphen; ﬁ and ﬂ are letters again. */
    "Interviewer: Selamat pagi. Apa kabar 𝒜?\n"
    "Respondent: Baik. I read the trans-cript at the café; it was a fine, fluent text.\n"
    "Interviewer: And the clients?\n"
    "Respondent: They are well-\n"
    "Known in Medan, naïve perhaps.\n"
    "Interviewer: Terima kasih.\n",
    "UTF-8",
    "page:1@0-151 page:2@152-236",
    "Interviewer*@0-39 Respondent@40-121 Interviewer*@122-151 Respondent@152-209 "
    "Interviewer*@210-236",
    "" },
  { "/grounded/import/formats/pdf-two-columns",
    "two-column.pdf", NULL, 0,
    "Interviewer: How did you start as a\n"
    "key account manager at the bank?\n"
    "Respondent: I began in retail, then\n"
    "my manager asked me to look after\n"
    "three corporate clients in Medan.\n"
    "Interviewer: What kept you there?\n"
    "Respondent: Trust. Tanpa kepercayaan,\n"
    "tidak ada solusi, as we say here.\n"
    "Interviewer: And the hardest part of\n"
    "the work, looking back on it now?\n"
    "Respondent: The targets. Every month\n"
    "they grow, and the clients do not.\n"
    "Interviewer: Would you choose it\n"
    "again, knowing all of this today?\n"
    "Respondent: Yes, without a doubt;\n"
    "the people make it worth it.\n",
    "UTF-8",
    "page:1@0-551",
    "Interviewer*@0-68 Respondent@69-172 Interviewer*@173-206 Respondent@207-278 "
    "Interviewer*@279-349 Respondent@350-421 Interviewer*@422-488 Respondent@489-551",
    "" },
  { "/grounded/import/formats/docx",
    /* A heading by a style named in another language; a bold name with and
     * without a colon (once bold through a character style); a tracked
     * insertion kept and a deletion ("tidak ") dropped; a footnote at the
     * end; a comment and a picture left out; a list and a table. */
    "interview.docx", NULL, 0,
    "Wawancara di Jakarta 𝒜\n"
    "Interviewer: Apa kabar? Selamat pagi.\n"
    "Budi Baik 😊, sangat senang.[1]\n"
    "Interviewer: Bagaimana dengan klien\t(a)\n"
    "baris dua?\n"
    "Budi Mereka percaya pada café kami.\n"
    "Jujur\n"
    "Sabar\n"
    "Nama\tKota\n"
    "Budi Santoso\tJakarta\n"
    "Selesai.\n"
    "[1] Catatan kaki: café ☕.\n",
    "UTF-8",
    "heading:1@0-22 bold@0-22 bold@23-35 italic@47-60 bold@61-65 bold@92-104 underline@122-127 "
    "bold@143-147 list-item:1@179-184 list-item:2@185-190 table-cell@191-195 table-cell@196-200 "
    "table-cell@201-213 table-cell@214-221",
    /* The footnote is nobody's turn. */
    "Interviewer*@23-60 Budi@61-91 Interviewer*@92-142 Budi@143-230",
    "1 tracked deletion, 1 comment, 1 image" },
  { "/grounded/import/formats/odt",
    /* The same interview as LibreOffice writes it; ODF keeps the spaces
     * of <text:s text:c="2"/>, and a list item holds its sub-list. */
    "interview.odt", NULL, 0,
    "Wawancara di Jakarta 𝒜\n"
    "Interviewer: Apa kabar? Selamat pagi.\n"
    "Budi Baik 😊, sangat senang.[1]\n"
    "Interviewer: Bagaimana dengan klien\t(a)\n"
    "baris  dua?\n"
    "Budi Mereka percaya pada café kami.\n"
    "Jujur\n"
    "Sabar\n"
    "Nama\tKota\n"
    "Budi Santoso\tJakarta\n"
    "Selesai.\n"
    "[1] Catatan kaki: café ☕.\n",
    "UTF-8",
    "heading:1@0-22 bold@23-35 italic@47-60 bold@61-65 bold@92-104 underline@122-127 "
    "bold@144-148 list-item:1@180-191 list-item:2@186-191 table-cell@192-196 table-cell@197-201 "
    "table-cell@202-214 table-cell@215-222",
    "Interviewer*@23-60 Budi@61-91 Interviewer*@92-143 Budi@144-231",
    "1 tracked deletion, 1 comment, 1 image" },
  { "/grounded/import/formats/rtf-nul-bytes",
    /* found by fuzz-import-rtf: a NUL escaped or as \u0 is not text */
    "nul.rtf", BYTES ("{\\rtf1 a\\'00b \\u0?c \\u-10187?\\u-9060?}"),
    "ab c 𝒜\n",
    "WINDOWS-1252",
    "",
    "",
    "" },
  { "/grounded/import/formats/shift-jis-txt",
    "interview-shift-jis.txt", NULL, 0,
    "インタビュアー：今日はお時間をいただきありがとうございます。まず、お仕事について教えてください。\n"
    "回答者：はい。私は東京の銀行で法人営業を担当しています。お客様との信頼関係がいちばん大切だと思っています。\n"
    "インタビュアー：仕事のやりがいは何ですか。\n"
    "回答者：お客様の問題を一緒に解決できたときです。毎日が勉強で、とても楽しいです。\n",
    "CP932",
    "",
    /* Labels end in a full-width colon, with no space after it. */
    "インタビュアー*@0-48 回答者@49-102 インタビュアー*@103-124 回答者@125-165",
    "" },
};

static GrdImportedText *
import_case (const FormatCase  *tc,
             GError           **error)
{
  if (tc->input != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (tc->input, tc->input_len);

      return grd_import_bytes (bytes, tc->file_name, error);
    }
  else
    {
      g_autofree char *path = g_build_filename (g_getenv ("GROUNDED_TEST_DATA"), "import",
                                                tc->file_name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      return grd_import_file (file, NULL, error);
    }
}

static void
test_format (gconstpointer data)
{
  const FormatCase *tc = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = import_case (tc, &error);
  g_autofree char *formats = NULL;
  g_autofree char *turns = NULL;
  g_autofree char *dropped = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (imported);

  g_assert_cmpstr (imported->text, ==, tc->text);
  g_assert_cmpuint (imported->text_len, ==, strlen (tc->text));
  g_assert_cmpint (imported->n_chars, ==, g_utf8_strlen (tc->text, -1));
  g_assert_cmpstr (imported->encoding, ==, tc->encoding);

  formats = summarize_formats (imported->formats);
  g_assert_cmpstr (formats, ==, tc->formats);
  turns = summarize_turns (imported->turns);
  g_assert_cmpstr (turns, ==, tc->turns);
  dropped = summarize_dropped (imported->dropped);
  g_assert_cmpstr (dropped, ==, tc->dropped);

  /* The original is kept byte for byte. */
  g_assert_nonnull (imported->original);
  if (tc->input != NULL)
    g_assert_cmpmem (g_bytes_get_data (imported->original, NULL),
                     g_bytes_get_size (imported->original), tc->input, tc->input_len);
  g_assert_nonnull (imported->media_type);
}

typedef struct {
  const char     *path;
  const char     *file_name;  /* in tests/data/import/, or the name of input */
  const char     *input;      /* NULL: read file_name */
  gsize           input_len;
  GrdImportError  code;
  const char     *message;
} ErrorCase;

static const ErrorCase error_cases[] = {
  { "/grounded/import/formats/error/rtf-not-rtf",
    "notes.rtf", BYTES ("Interviewer: hello"),
    GRD_IMPORT_ERROR_MALFORMED,
    "notes.rtf: not an RTF file (it does not begin with “{\\rtf”)" },
  { "/grounded/import/formats/error/rtf-broken-escape",
    "notes.rtf", BYTES ("{\\rtf1 caf\\'e"),
    GRD_IMPORT_ERROR_MALFORMED,
    "notes.rtf: broken \\' escape at byte 10" },
  { "/grounded/import/formats/error/rtf-invalid-byte",
    /* 0x81 is no character in Windows-1252; its escape starts at byte 14 */
    "notes.rtf", BYTES ("{\\rtf1\\ansi ab\\'81cd\\par}"),
    GRD_IMPORT_ERROR_ENCODING,
    "notes.rtf: invalid WINDOWS-1252 at byte 14" },
  { "/grounded/import/formats/error/rtf-unknown-code-page",
    "notes.rtf", BYTES ("{\\rtf1\\ansi\\ansicpg4242 abc}"),
    GRD_IMPORT_ERROR_ENCODING,
    "notes.rtf: the document is in code page 4242, which Grounded cannot read" },
  { "/grounded/import/formats/error/rtf-too-deep",
    "deep.rtf", BYTES ("{\\rtf1"
                       "{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{"
                       "{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{"
                       "{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{"
                       "{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{"
                       "{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{"
                       "{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{"
                       "{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{"
                       "{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{"
                       "{{{{"),
    GRD_IMPORT_ERROR_MALFORMED,
    "deep.rtf: groups nested too deep at byte 517" },
  { "/grounded/import/formats/error/rtf-empty",
    "empty.rtf", BYTES ("{\\rtf1{\\fonttbl{\\f0 Arial;}}\\par\\par}"),
    GRD_IMPORT_ERROR_EMPTY,
    "empty.rtf: the file contains no text" },
  { "/grounded/import/formats/error/html-invalid-byte",
    "page.html", BYTES ("<meta charset=\"utf-8\"><p>caf\xC3\xA9 ok \xC3( more</p>"),
    GRD_IMPORT_ERROR_ENCODING,
    "page.html: invalid UTF-8 at byte 34" },
  { "/grounded/import/formats/error/html-unknown-charset",
    "page.html", BYTES ("<meta charset=\"x-klingon\"><p>qapla\xB4</p>"),
    GRD_IMPORT_ERROR_ENCODING,
    "page.html: the document declares the unknown encoding “X-KLINGON”" },
  { "/grounded/import/formats/error/pdf-not-pdf",
    "report.pdf", BYTES ("PK\x03\x04 this is a zip"),
    GRD_IMPORT_ERROR_MALFORMED,
    "report.pdf: not a readable PDF (PDF document is damaged)" },
  { "/grounded/import/formats/error/pdf-encrypted",
    "encrypted.pdf", NULL, 0,
    GRD_IMPORT_ERROR_ENCRYPTED,
    "encrypted.pdf: the PDF is encrypted with a password; save an unprotected copy and import "
    "that" },
  { "/grounded/import/formats/error/pdf-image-only",
    "scanned.pdf", NULL, 0,
    GRD_IMPORT_ERROR_NO_TEXT,
    "scanned.pdf: the PDF has no text, only images of pages (a scan?); run text recognition "
    "(OCR) on it first" },
  { "/grounded/import/formats/error/docx-not-zip",
    "notes.docx", BYTES ("Interviewer: hello"),
    GRD_IMPORT_ERROR_MALFORMED,
    "notes.docx: not a zip archive, or a damaged one: Not a zip archive" },
  { "/grounded/import/formats/error/docx-no-document",
    "no-document.docx", NULL, 0,
    GRD_IMPORT_ERROR_MALFORMED,
    "no-document.docx: not a Word document: it has no “word/document.xml”" },
  { "/grounded/import/formats/error/docx-zip-bomb",
    "bomb.docx", NULL, 0,
    GRD_IMPORT_ERROR_TOO_LARGE,
    "bomb.docx: the entry “word/document.xml” expands 1020 times (16437 to 16777362 bytes); "
    "refused as a likely zip bomb" },
  { "/grounded/import/formats/error/docx-doctype",
    "doctype.docx", NULL, 0,
    GRD_IMPORT_ERROR_MALFORMED,
    "doctype.docx: “word/document.xml” declares a document type, which office documents never "
    "do; refused" },
  { "/grounded/import/formats/error/odt-broken-xml",
    "broken.odt", NULL, 0,
    GRD_IMPORT_ERROR_MALFORMED,
    "broken.odt: “content.xml” is not well-formed XML (line 2: Premature end of data in tag "
    "p line 2)" },
  { "/grounded/import/formats/error/html-no-text",
    "page.html", BYTES ("<html><head><script>x()</script></head><body> <img src=a> </body></html>"),
    GRD_IMPORT_ERROR_EMPTY,
    "page.html: the file contains no text" },
};

static void
test_format_error (gconstpointer data)
{
  const ErrorCase *tc = data;
  FormatCase input = { tc->path, tc->file_name, tc->input, tc->input_len, };
  g_autoptr(GrdImportedText) imported = NULL;
  g_autoptr(GError) error = NULL;

  imported = import_case (&input, &error);
  g_assert_null (imported);
  g_assert_error (error, GRD_IMPORT_ERROR, (gint) tc->code);
  g_assert_cmpstr (error->message, ==, tc->message);
}

/* A Word document named .odt is refused for what it is not. */
static void
test_docx_named_odt (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("GROUNDED_TEST_DATA"), "import",
                                            "interview.docx", NULL);
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GrdImportedText) imported = NULL;
  g_autoptr(GError) error = NULL;

  file = g_mapped_file_new (path, FALSE, &error);
  g_assert_no_error (error);
  bytes = g_mapped_file_get_bytes (file);

  imported = grd_import_bytes (bytes, "renamed.odt", &error);
  g_assert_null (imported);
  g_assert_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_MALFORMED);
  g_assert_cmpstr (error->message, ==,
                   "renamed.odt: not an OpenDocument text: it has no “content.xml”");
}

/* A file over the limit is refused by its size, before it is read: the
 * test file is sparse and costs no disk. */
static void
test_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("grounded-import-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "huge.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GrdImportedText) imported = NULL;
  g_autofree char *expected = NULL;
  int fd;

  g_assert_no_error (error);
  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) GRD_IMPORT_MAX_FILE_SIZE + 1), ==, 0);
  close (fd);

  imported = grd_import_file (file, NULL, &error);
  g_assert_null (imported);
  g_assert_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_TOO_LARGE);
  expected = g_strdup_printf ("%s: the file is too large (256 MiB; Grounded imports files up "
                              "to 256 MiB)", path);
  g_assert_cmpstr (error->message, ==, expected);

  g_unlink (path);
  g_rmdir (dir);
}

/* Bold at a line start names a speaker, colon or not; bold elsewhere, or
 * bold prose, does not. */
static void
test_bold_labels (void)
{
  static const char text[] =
    "𝒜 Wawancara\n"            /* 0-11 */
    "Pewawancara Apa kabar?\n"  /* 12-34: bold name, no colon */
    "Wati: Baik 😊.\n"          /* 35-48: bold "Wati:" */
    "Interviewer and so on\n"   /* 49-70: bold is not at the start */
    "Wati Sama-sama.\n"         /* 71-86: bold "Wati" */
    "This whole sentence is in bold and long.\n";
  static const GrdFormatRange ranges[] = {
    { GRD_FORMAT_BOLD, 12, 23, 0 },
    { GRD_FORMAT_BOLD, 35, 40, 0 },
    { GRD_FORMAT_BOLD, 62, 64, 0 },
    { GRD_FORMAT_BOLD, 71, 75, 0 },
    { GRD_FORMAT_BOLD, 87, 126, 0 },
  };
  g_autoptr(GArray) formats = g_array_new (FALSE, FALSE, sizeof (GrdFormatRange));
  g_autoptr(GArray) turns = NULL;
  g_autoptr(GArray) plain = NULL;
  g_autofree char *summary = NULL;

  g_array_append_vals (formats, ranges, G_N_ELEMENTS (ranges));
  turns = grd_import_detect_turns (text, formats);
  summary = summarize_turns (turns);
  g_assert_cmpstr (summary, ==, "Pewawancara*@12-34 Wati@35-70 Wati@71-127");

  /* Without the formatting only the colon label is seen, and once it is
   * not enough. */
  plain = grd_import_detect_turns (text, NULL);
  g_assert_cmpuint (plain->len, ==, 0);
}

/* Headings name parts of a transcript, never speakers, whatever their
 * shape; without the formatting, the same lines are labels. */
static void
test_headings_are_not_labels (void)
{
  static const char text[] =
    "Sesi 1: Medan\n"                 /* 0-13, a heading */
    "Ana: Selamat pagi 😊.\n"         /* 14-34 */
    "Budi: Pagi.\n"                   /* 35-46 */
    "Sesi 1: Medan\n"                 /* 47-60, the same heading again */
    "Ana: Lanjut.\n"                  /* 61-73 */
    "Budi: Baik.\n";                  /* 74-85 */
  static const GrdFormatRange ranges[] = {
    { GRD_FORMAT_HEADING, 0, 13, 1 },
    { GRD_FORMAT_HEADING, 47, 60, 1 },
  };
  g_autoptr(GArray) formats = g_array_new (FALSE, FALSE, sizeof (GrdFormatRange));
  g_autoptr(GArray) turns = NULL;
  g_autoptr(GArray) plain = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *plain_summary = NULL;

  g_array_append_vals (formats, ranges, G_N_ELEMENTS (ranges));
  turns = grd_import_detect_turns (text, formats);
  summary = summarize_turns (turns);
  g_assert_cmpstr (summary, ==, "Ana@14-34 Budi@35-46 Ana@61-73 Budi@74-85");

  plain = grd_import_detect_turns (text, NULL);
  plain_summary = summarize_turns (plain);
  g_assert_cmpstr (plain_summary, ==,
                   "Sesi 1@0-13 Ana@14-34 Budi@35-46 Sesi 1@47-60 Ana@61-73 Budi@74-85");
}

/* A hand-made import with a range past the text's end is refused whole. */
static void
test_project_refuses_bad_range (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (BYTES ("**Ana**: 𝒜 ya\n"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = grd_import_bytes (bytes, "bad.md", &error);
  g_autoptr(GPtrArray) sources = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (imported->formats->len, ==, 1);
  g_array_index (imported->formats, GrdFormatRange, 0).end = imported->n_chars + 1;

  g_assert_cmpint (grd_project_add_source (fixture->project, imported, NULL, &error), ==, 0);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "bad.md: formatting range 1 lies outside the text");

  sources = grd_project_list_sources (fixture->project, NULL);
  g_assert_cmpuint (sources->len, ==, 0);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM source_original"), ==, 0);
}

/* --- what the project keeps ---------------------------------------------- */

static gint64
import_fixture (GrdProject *project,
                const char *file_name)
{
  g_autofree char *path = g_build_filename (g_getenv ("GROUNDED_TEST_DATA"), "import",
                                            file_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gint64 id = grd_project_import_file (project, file, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static GBytes *
read_fixture (const char *file_name)
{
  g_autofree char *path = g_build_filename (g_getenv ("GROUNDED_TEST_DATA"), "import",
                                            file_name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
assert_source_kept (GrdProject *project,
                    gint64      source_id,
                    const char *file_name,
                    const char *media_type,
                    const char *formats)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) stored = grd_project_list_formats (project, source_id, &error);
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) expected = read_fixture (file_name);
  g_autofree char *summary = NULL;
  g_autofree char *stored_name = NULL;
  g_autofree char *stored_type = NULL;

  g_assert_no_error (error);
  summary = summarize_formats (stored);
  g_assert_cmpstr (summary, ==, formats);

  original = grd_project_get_source_original (project, source_id, &stored_name, &stored_type,
                                              &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (original, expected));
  g_assert_cmpstr (stored_name, ==, file_name);
  g_assert_cmpstr (stored_type, ==, media_type);
}

static void
assert_source_gone (Fixture *fixture,
                    gint64   source_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) stored = grd_project_list_formats (fixture->project, source_id, &error);
  g_autoptr(GBytes) original = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 0);
  original = grd_project_get_source_original (fixture->project, source_id, NULL, NULL, &error);
  g_assert_null (original);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM source_format"), ==, 0);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM source_original"), ==, 0);
}

#define RTF_FORMATS \
  "heading:1@0-18 bold@0-18 bold@19-31 italic@41-52 bold@64-68 bold@119-131 " \
  "underline@136-145 bold@147-151 table-cell@179-183 table-cell@184-188 " \
  "table-cell@189-193 table-cell@194-196 list-item:1@197-202"

/* Formatting and the original come and go with their source, through
 * delete, undo and redo, and survive closing the project. */
static void
test_project_keeps_formats (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gint64 id = import_fixture (fixture->project, "interview.rtf");

  assert_source_kept (fixture->project, id, "interview.rtf", "application/rtf", RTF_FORMATS);
  fixture_reopen (fixture);
  assert_source_kept (fixture->project, id, "interview.rtf", "application/rtf", RTF_FORMATS);

  g_assert_true (grd_project_delete_source (fixture->project, id, &error));
  g_assert_no_error (error);
  assert_source_gone (fixture, id);

  label = grd_project_undo (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (label, ==, "Delete source “interview”");
  assert_source_kept (fixture->project, id, "interview.rtf", "application/rtf", RTF_FORMATS);

  g_clear_pointer (&label, g_free);
  label = grd_project_redo (fixture->project, &error);
  g_assert_no_error (error);
  assert_source_gone (fixture, id);

  /* Undoing the delete and then the import leaves nothing; redoing the
   * import brings it all back, the original's bytes included. */
  g_clear_pointer (&label, g_free);
  label = grd_project_undo (fixture->project, &error);
  g_assert_no_error (error);
  g_clear_pointer (&label, g_free);
  label = grd_project_undo (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (label, ==, "Import “interview”");
  assert_source_gone (fixture, id);

  fixture_reopen (fixture);
  g_clear_pointer (&label, g_free);
  label = grd_project_redo (fixture->project, &error);
  g_assert_no_error (error);
  assert_source_kept (fixture->project, id, "interview.rtf", "application/rtf", RTF_FORMATS);
}

/* A file of format 1 (before formatting was kept) opens, is copied aside
 * first, and is migrated; its sources keep their text and get no
 * formatting. */
static void
test_migrate_from_format_1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("grounded-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "old.grounded", NULL);
  g_autofree char *backup = g_strconcat (path, ".format-1.bak", NULL);
  g_autofree char *backup2 = g_strconcat (path, ".format-1 (2).bak", NULL);
  g_autoptr(GBytes) schema = NULL;
  g_autoptr(GrdProject) project = NULL;
  g_autoptr(GArray) formats = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  sqlite3 *db = NULL;

  g_assert_no_error (error);

  /* Made the way version 1 made files, from its own migration. */
  schema = g_resources_lookup_data ("/io/github/grounded/Grounded/core/sql/0001-initial.sql", 0,
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, g_bytes_get_data (schema, NULL), NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA application_id = 1196573776; PRAGMA user_version = 1;"
                                 "INSERT INTO setting VALUES ('project.guid',"
                                 " '01A20A56-0545-77ED-9DBC-FAD23FC00CE9');"
                                 "INSERT INTO setting VALUES ('project.name', 'old');"
                                 "INSERT INTO source (id, guid, name, original_name, format, length,"
                                 " content_hash, imported_at) VALUES (1, 'G', 'lama', 'lama.txt',"
                                 " 'txt', 3, 'h', 0);"
                                 "INSERT INTO source_text (id, text) VALUES (1, '𝒜bc');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* An older copy is never overwritten. */
  g_assert_true (g_file_set_contents (backup, "earlier", -1, &error));

  project = grd_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);

  g_assert_cmpint (count_rows (path, "PRAGMA user_version"), ==, GRD_STORE_SCHEMA_VERSION);
  g_assert_cmpint (count_rows (backup2, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (count_rows (backup2, "SELECT count(*) FROM source"), ==, 1);
  g_assert_cmpint (count_rows (backup2,
                               "SELECT count(*) FROM sqlite_schema WHERE name = 'source_format'"),
                   ==, 0);

  sources = grd_project_list_sources (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 1);
  formats = grd_project_list_formats (project, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (formats->len, ==, 0);

  g_clear_object (&project);
  g_unlink (backup);
  g_unlink (backup2);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  GRD_TEST_INIT (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    g_test_add_data_func (format_cases[i].path, &format_cases[i], test_format);
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    g_test_add_data_func (error_cases[i].path, &error_cases[i], test_format_error);
  g_test_add_func ("/grounded/import/formats/too-large", test_too_large);
  g_test_add_func ("/grounded/import/formats/error/docx-named-odt", test_docx_named_odt);
  g_test_add_func ("/grounded/import/formats/bold-labels", test_bold_labels);
  g_test_add_func ("/grounded/import/formats/headings-are-not-labels",
                   test_headings_are_not_labels);
  GRD_TEST_ADD ("/grounded/import/formats/project-keeps-formats", test_project_keeps_formats);
  GRD_TEST_ADD ("/grounded/import/formats/project-refuses-bad-range",
                test_project_refuses_bad_range);
  g_test_add_func ("/grounded/import/formats/migrate-from-format-1", test_migrate_from_format_1);

  return g_test_run ();
}
