/* test-import-hostile.c: inputs made to cost time or memory, and the
 * regressions easier to state as bytes built here than as a fixture
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <time.h>

#include "grd-import.h"
#include "grd-zip.h"
#include "test-util.h"

/* Every adversarial input must import (or be refused) in under a second
 * of CPU time (not wall time: the machine may be busy with other work);
 * the quadratic cases took tens of seconds. Under the sanitizers (which
 * unwind the stack at every allocation) times say nothing about the
 * importers, and are only shown. */
#define FAST_ENOUGH_US G_USEC_PER_SEC
#ifdef __SANITIZE_ADDRESS__
# define CHECK_TIME FALSE
#else
# define CHECK_TIME TRUE
#endif

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

#define ODT_NS                                                                 \
  "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "         \
  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "             \
  "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "           \
  "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""

/* A zip of (name, contents) pairs, NULL-terminated, as bytes. */
static GBytes *
make_zip (const char *first_name,
          ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("grounded-hostile-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "made.zip", NULL);
  g_autoptr(GrdZipWriter) writer = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;
  va_list args;

  g_assert_no_error (error);
  writer = grd_zip_writer_new (path, &error);
  g_assert_no_error (error);

  va_start (args, first_name);
  for (const char *name = first_name; name != NULL; name = va_arg (args, const char *))
    {
      const char *text = va_arg (args, const char *);
      g_autoptr(GBytes) part = g_bytes_new (text, strlen (text));

      grd_zip_writer_add_bytes (writer, name, part, &error);
      g_assert_no_error (error);
    }
  va_end (args);

  grd_zip_writer_commit (writer, &error);
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);

  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

static gint64
cpu_time_us (void)
{
  struct timespec now;

  g_assert_cmpint (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now), ==, 0);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static GrdImportedText *
import_timed (GBytes      *bytes,
              const char  *file_name,
              GError     **error)
{
  gint64 start = cpu_time_us ();
  GrdImportedText *imported = grd_import_bytes (bytes, file_name, error);
  gint64 elapsed = cpu_time_us () - start;

  g_test_message ("%s: %" G_GSIZE_FORMAT " bytes in %" G_GINT64_FORMAT " µs", file_name,
                  g_bytes_get_size (bytes), elapsed);
  if (CHECK_TIME)
    g_assert_cmpint (elapsed, <, FAST_ENOUGH_US);
  return imported;
}

/* 100 KB of "- - - … x": a list in a list fifty thousand deep. */
static void
test_markdown_nested_lists (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GrdImportedText) imported = NULL;
  g_autoptr(GError) error = NULL;

  while (text->len < 100 * 1000)
    g_string_append (text, "- ");
  g_string_append (text, "x\n");
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));

  imported = import_timed (bytes, "nested.md", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (imported->text, ==, "x\n");
}

static GBytes *
make_docx (const char *body,
           const char *footnotes)
{
  g_autofree char *document = g_strdup_printf ("<w:document " W_NS "><w:body>%s</w:body>"
                                               "</w:document>", body);
  g_autofree char *notes = footnotes != NULL
                           ? g_strdup_printf ("<w:footnotes " W_NS ">%s</w:footnotes>", footnotes)
                           : NULL;

  if (notes != NULL)
    return make_zip ("word/document.xml", document, "word/footnotes.xml", notes, NULL);
  return make_zip ("word/document.xml", document, NULL);
}

#define W_NOTE_REF(id) "<w:r><w:footnoteReference w:id=\"" id "\"/></w:r>"
#define W_TEXT(t)      "<w:r><w:t xml:space=\"preserve\">" t "</w:t></w:r>"

/* A note cited again keeps its number and is printed once; a citation of
 * a note the file lacks leaves no marker. */
static void
test_docx_notes_repeated_and_missing (void)
{
  g_autoptr(GBytes) bytes =
    make_docx ("<w:p>" W_TEXT ("a") W_NOTE_REF ("1") W_TEXT (" b") W_NOTE_REF ("9")
               W_TEXT (" c") W_NOTE_REF ("2") W_TEXT (" d") W_NOTE_REF ("1") "</w:p>",
               "<w:footnote w:id=\"1\"><w:p>" W_TEXT ("one") "</w:p></w:footnote>"
               "<w:footnote w:id=\"2\"><w:p>" W_TEXT ("two") W_NOTE_REF ("2")
               "</w:p></w:footnote>");
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = import_timed (bytes, "notes.docx", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (imported->text, ==, "a[1] b c[2] d[1]\n[1] one\n[2] two[2]\n");
}

/* One big note cited thousands of times: the text holds it once. */
static void
test_docx_notes_cited_often (void)
{
  g_autoptr(GString) body = g_string_new ("<w:p>");
  g_autoptr(GString) note = g_string_new ("<w:footnote w:id=\"1\"><w:p><w:r><w:t>");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = NULL;

  for (guint i = 0; i < 2000; i++)
    g_string_append (body, W_NOTE_REF ("1"));
  g_string_append (body, "</w:p>");
  for (guint i = 0; i < 20000; i++)
    g_string_append (note, "word ");
  g_string_append (note, "</w:t></w:r></w:p></w:footnote>");

  bytes = make_docx (body->str, note->str);
  imported = import_timed (bytes, "cited.docx", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imported->text_len, <, 2000 * 3 + 20000 * 5 + 16);
}

/* A text box is text, not an image; the tab that starts a cell is not
 * bold because the cell before ended in bold. */
static void
test_docx_text_box_and_cells (void)
{
  g_autoptr(GBytes) bytes =
    make_docx ("<w:p>" W_TEXT ("Before")
               "<w:r><w:drawing><wp:anchor xmlns:wp=\"urn:wp\"><wps:txbx xmlns:wps=\"urn:wps\">"
               "<w:txbxContent><w:p>" W_TEXT ("Boxed words") "</w:p></w:txbxContent>"
               "</wps:txbx></wp:anchor></w:drawing></w:r></w:p>"
               "<w:p><w:r><w:drawing><pic/></w:drawing></w:r></w:p>"
               "<w:tbl><w:tr><w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Ana</w:t></w:r></w:p></w:tc>"
               "<w:tc><w:p><w:r><w:t>34</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
               NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = import_timed (bytes, "box.docx", &error);
  const GrdImportDropped *dropped;

  g_assert_no_error (error);
  g_assert_cmpstr (imported->text, ==, "Before\nBoxed words\nAna\t34\n");
  g_assert_cmpuint (imported->dropped->len, ==, 1);
  dropped = g_ptr_array_index (imported->dropped, 0);
  g_assert_cmpstr (dropped->what, ==, "image");
  g_assert_cmpuint (dropped->count, ==, 1);
  for (guint i = 0; i < imported->formats->len; i++)
    {
      const GrdFormatRange *range = &g_array_index (imported->formats, GrdFormatRange, i);

      if (range->kind == GRD_FORMAT_BOLD)
        {
          g_assert_cmpint (range->start, ==, 19);
          g_assert_cmpint (range->end, ==, 22);
        }
    }
}

/* 23 bytes of <text:s text:c="…"/> are a short run of spaces, and a file
 * of them is refused once its text outgrows the limit. */
static void
test_odt_spaces (void)
{
  g_autoptr(GBytes) bytes = make_zip ("content.xml",
                                      "<office:document-content " ODT_NS "><office:body>"
                                      "<office:text><text:p>a<text:s text:c=\"100000\"/>b"
                                      "</text:p></office:text></office:body>"
                                      "</office:document-content>",
                                      NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = import_timed (bytes, "spaces.odt", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (imported->text_len, ==, strlen ("a") + 80 + strlen ("b\n"));
}

static void
test_odt_expands_too_much (void)
{
  g_autoptr(GString) content = g_string_new ("<office:document-content " ODT_NS "><office:body>"
                                             "<office:text><text:p>a");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = NULL;

  /* Deflate makes the repeats almost free: a small file, over 16 MiB of
   * spaces. A bookmark with a random name now and then keeps the part
   * under the zip reader's ratio limit, so the text limit is what acts. */
  for (guint i = 0; i < 12000; i++)
    {
      g_string_append_printf (content, "<text:bookmark text:name=\"%08x%08x\"/>",
                              g_test_rand_int (), g_test_rand_int ());
      for (guint j = 0; j < 20; j++)
        g_string_append (content, "<text:s text:c=\"80\"/>");
    }
  g_string_append (content, "</text:p></office:text></office:body></office:document-content>");
  bytes = make_zip ("content.xml", content->str, NULL);
  g_assert_cmpuint (g_bytes_get_size (bytes), <, 1024 * 1024);

  imported = grd_import_bytes (bytes, "bomb.odt", &error);
  g_assert_null (imported);
  g_assert_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "bomb.odt: expands to more text than 16 MiB"));
}

static void
check_import (const char *file_name,
              const char *input,
              gsize       input_len,
              const char *text,
              const char *dropped)
{
  g_autoptr(GBytes) bytes = g_bytes_new (input, input_len);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = import_timed (bytes, file_name, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (imported->text, ==, text);
  if (dropped != NULL)
    {
      const GrdImportDropped *item;

      g_assert_cmpuint (imported->dropped->len, ==, 1);
      item = g_ptr_array_index (imported->dropped, 0);
      g_assert_cmpstr (item->what, ==, dropped);
    }
  else
    {
      g_assert_cmpuint (imported->dropped->len, ==, 0);
    }
}

#define CHECK_IMPORT(name, input, text, dropped) \
  check_import ((name), (input), sizeof (input) - 1, (text), (dropped))

/* The font table says which code page each font's bytes are in. */
static void
test_rtf_fcharset (void)
{
  CHECK_IMPORT ("cyrillic.rtf",
                "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\froman Times;}"
                "{\\f1\\fnil\\fcharset204 Arial;}}"
                "\\f1 \\'cf\\'f0\\'e8 {\\f0 caf\\'e9} \\'e4\\'e0\\par}",
                "При café да\n", NULL);
  /* A default font in another code page applies where no \f is given. */
  CHECK_IMPORT ("greek.rtf",
                "{\\rtf1\\ansi\\deff1{\\fonttbl{\\f1\\fcharset161 Arial;}}\\'e1\\'e2\\par}",
                "αβ\n", NULL);
}

/* What stands in for a \uN is one unit per byte, escape or control word. */
static void
test_rtf_unicode_fallback (void)
{
  CHECK_IMPORT ("quote.rtf", "{\\rtf1\\ansi x\\u8220\\lquote y\\par}", "x“y\n", NULL);
  CHECK_IMPORT ("quote2.rtf", "{\\rtf1\\ansi\\uc2 x\\u8220\\'93\\~y z\\par}", "x“y z\n", NULL);
  CHECK_IMPORT ("quote3.rtf", "{\\rtf1\\ansi x\\u8221?y\\par}", "x”y\n", NULL);
}

/* \binN data is skipped whatever bytes it holds, braces and NULs too. */
static void
test_rtf_bin (void)
{
  CHECK_IMPORT ("bin.rtf", "{\\rtf1\\ansi a{\\*\\blob\\bin4 \0}{\xff} b\\bin3 {{{c\\par}",
                "a bc\n", NULL);
}

/* A list override table's \ls is no list in the body; a tracked deletion
 * is not text. */
static void
test_rtf_skipped_settings (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = NULL;
  static const char input[] =
    "{\\rtf1\\ansi{\\*\\listoverridetable{\\listoverride\\ls1\\outlinelevel0}}"
    "Hello {\\deleted gone }there\\par}";

  bytes = g_bytes_new_static (input, sizeof (input) - 1);
  imported = import_timed (bytes, "list.rtf", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (imported->text, ==, "Hello there\n");
  g_assert_cmpuint (imported->formats->len, ==, 0);
  g_assert_cmpuint (imported->dropped->len, ==, 1);
  g_assert_cmpstr (((GrdImportDropped *) g_ptr_array_index (imported->dropped, 0))->what, ==,
                   "tracked deletion");
}

/* Megabytes of text in one run, and in escapes: linear time. */
static void
test_rtf_long_runs (void)
{
  g_autoptr(GString) input = g_string_new ("{\\rtf1\\ansi\\ansicpg1251 ");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append (input, "ab\\'e4");
  g_string_append (input, "\\par}");
  bytes = g_string_free_to_bytes (g_steal_pointer (&input));
  imported = import_timed (bytes, "long.rtf", &error);
  g_assert_no_error (error);
  g_assert_cmpint (imported->n_chars, ==, 200000 * 3 + 1);
}

/* A UTF-16 label on bytes whose <meta> was read in ASCII is UTF-8, as the
 * HTML standard says; UTF-7 is refused. */
static void
test_html_charset_labels (void)
{
  static const char utf16[] = "<meta charset=\"utf-16le\"><p>caf\xC3\xA9</p>";
  static const char utf7[] = "<meta charset=\"utf-7\"><p>+ADw-script+AD4-</p>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (utf16, sizeof (utf16) - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = import_timed (bytes, "label.html", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (imported->text, ==, "café\n");
  g_assert_cmpstr (imported->encoding, ==, "UTF-8");

  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&imported, grd_imported_text_free);
  bytes = g_bytes_new_static (utf7, sizeof (utf7) - 1);
  imported = grd_import_bytes (bytes, "seven.html", &error);
  g_assert_null (imported);
  g_assert_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_ENCODING);
}

/* Nesting past libxml2's limit stops its parser; the import says so
 * rather than keep the text before that point. */
static void
test_html_too_deep (void)
{
  g_autoptr(GString) input = g_string_new ("<html><body>");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append (input, "<div>");
  g_string_append (input, "deep</div><p>after</p>");
  bytes = g_string_free_to_bytes (g_steal_pointer (&input));
  imported = grd_import_bytes (bytes, "deep.html", &error);
  g_assert_null (imported);
  g_assert_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "deep.html: the HTML parser stopped at line 1"));
}

/* A quarter megabyte of small paragraphs in nested inline markup. */
static void
test_html_many_elements (void)
{
  g_autoptr(GString) input = g_string_new ("<html><body>");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = NULL;

  while (input->len < 256 * 1024)
    g_string_append (input, "<p><b><i><u>x</u></i></b> y</p><ul><li>z</li></ul>");
  bytes = g_string_free_to_bytes (g_steal_pointer (&input));
  imported = import_timed (bytes, "many.html", &error);
  g_assert_no_error (error);
}

/* A PDF of lines in Helvetica, each page's ending in NULL and an empty
 * page ending the document. Bytes 1, 2 and 3 in a line are a soft hyphen
 * (U+00AD), a hyphen (U+2010) and a lone surrogate (no character: what a
 * hostile font's table can say) through the font's ToUnicode map. */
static GBytes *
make_pdf (const char * const *lines)
{
  static const char cmap[] =
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
    "/CMapName /Test def 1 begincodespacerange <00> <FF> endcodespacerange\n"
    "3 beginbfchar <01> <00AD> <02> <2010> <03> <D800> endbfchar\n"
    "95 beginbfrange <20> <7E> <0020> endbfrange\n"
    "endcmap CMapName currentdict /CMap defineresource pop end end\n";
  g_autoptr(GString) pdf = g_string_new ("%PDF-1.4\n");
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) kids = g_string_new (NULL);
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  guint n_pages = 0;
  gsize xref;

  /* 1 catalog, 2 pages, 3 font, 4 its ToUnicode map, then page and
   * contents pairs. */
  /* Each page's lines end in NULL; an empty page ends the document. */
  for (const char * const *line = lines; *line != NULL; line++)
    {
      g_autoptr(GString) content = g_string_new (NULL);
      int y = 760;

      for (; *line != NULL; line++, y -= 14)
        g_string_append_printf (content, "BT /F1 12 Tf 72 %d Td (%s) Tj ET\n", y, *line);
      g_string_append_printf (kids, "%u 0 R ", 5 + 2 * n_pages);
      g_ptr_array_add (objects,
                       g_strdup_printf ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                                        "/Resources << /Font << /F1 3 0 R >> >> "
                                        "/Contents %u 0 R >>", 6 + 2 * n_pages));
      g_ptr_array_add (objects, g_strdup_printf ("<< /Length %u >>\nstream\n%s\nendstream",
                                                 (guint) content->len, content->str));
      n_pages++;
    }
  g_ptr_array_insert (objects, 0, g_strdup ("<< /Type /Catalog /Pages 2 0 R >>"));
  g_ptr_array_insert (objects, 1, g_strdup_printf ("<< /Type /Pages /Kids [%s] /Count %u >>",
                                                   kids->str, n_pages));
  g_ptr_array_insert (objects, 2, g_strdup ("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                                            "/Encoding /WinAnsiEncoding /ToUnicode 4 0 R >>"));
  g_ptr_array_insert (objects, 3, g_strdup_printf ("<< /Length %u >>\nstream\n%s\nendstream",
                                                   (guint) strlen (cmap), cmap));

  for (guint i = 0; i < objects->len; i++)
    {
      gsize offset = pdf->len;

      g_array_append_val (offsets, offset);
      g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1,
                              (const char *) g_ptr_array_index (objects, i));
    }
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n", objects->len + 1);
  for (guint i = 0; i < offsets->len; i++)
    g_string_append_printf (pdf, "%010lu 00000 n \n", (gulong) g_array_index (offsets, gsize, i));
  g_string_append_printf (pdf, "trailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%lu\n%%%%EOF\n",
                          objects->len + 1, (gulong) xref);

  return g_string_free_to_bytes (g_steal_pointer (&pdf));
}

static GrdImportedText *
import_pdf (const char * const *lines)
{
  g_autoptr(GBytes) bytes = make_pdf (lines);
  g_autoptr(GError) error = NULL;
  GrdImportedText *imported = import_timed (bytes, "made.pdf", &error);

  g_assert_no_error (error);
  return imported;
}

/* A line-end '-' goes only where the document spells the word whole; a
 * soft hyphen always goes, a hyphen (U+2010) always stays; the next
 * line's indent is not kept inside the word. */
static void
test_pdf_hyphens (void)
{
  static const char * const lines[] = {
    "The transcript is well-", "known. A trans-", "   cript, and a well-",
    "  made one.", "Soft\001", "ly, and hard\002", "wired.", NULL,
    "Not a break: 1990-", "2000 and end -", "here.", NULL, NULL
  };
  g_autoptr(GrdImportedText) imported = import_pdf (lines);

  g_assert_cmpstr (imported->text, ==,
                   "The transcript is well-known. A transcript, and a well-made one.\n"
                   "Softly, and hard\u2010wired.\n"
                   "Not a break: 1990-\n"
                   "2000 and end -\n"
                   "here.\n");
}

/* A font that maps a glyph to no character (a lone surrogate) costs that
 * glyph, not the page. Poppler 22.12 already writes U+FFFD for it; the
 * importer's own repair (for whatever invalid UTF-8 poppler might let
 * through) is the same g_utf8_make_valid(). */
static void
test_pdf_invalid_text (void)
{
  static const char * const lines[] = { "One page.", NULL, "Bad \003 glyph.", NULL, NULL };
  g_autoptr(GrdImportedText) imported = import_pdf (lines);

  g_assert_cmpstr (imported->text, ==, "One page.\nBad \uFFFD glyph.\n");
}

/* Hundreds of pages of lines that end in hyphens: every word of the
 * document is looked up once, not once per line end. */
static void
test_pdf_many_hyphens (void)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GrdImportedText) imported = NULL;

  for (guint page = 0; page < 200; page++)
    {
      for (guint line = 0; line < 40; line++)
        g_ptr_array_add (lines, g_strdup_printf ("word%u line%u ends in a bro-", page, line));
      g_ptr_array_add (lines, NULL);
    }
  g_ptr_array_add (lines, NULL);

  imported = import_pdf ((const char * const *) lines->pdata);
  g_assert_cmpint (imported->n_chars, >, 200 * 40 * 20);
}

/* Megabytes of 8-bit text that is not UTF-8: detected and converted in
 * one pass each. */
static void
test_txt_legacy_megabytes (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = NULL;

  while (text->len < 2 * 1024 * 1024)
    g_string_append (text, "Entrevistador: \xBF" "C\xF3mo est\xE1 usted? \xBFQu\xE9 opina de "
                           "la educaci\xF3n en Espa\xF1" "a?\r\n");
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  imported = import_timed (bytes, "legacy.txt", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (imported->encoding, ==, "WINDOWS-1252");
}

/* Skipping errors when every file has one leaves the project as it was:
 * no case made for the files, nothing to undo. */
static void
test_batch_all_skipped (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "broken.rtf", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  const GrdImportReport *report;

  g_file_set_contents (path, "not rtf", -1, &error);
  g_assert_no_error (error);
  g_ptr_array_add (files, g_file_new_for_path (path));

  reports = grd_project_import_files (fixture->project, files, GRD_IMPORT_FLAGS_SKIP_ERRORS,
                                      "Ana", NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 1);
  report = g_ptr_array_index (reports, 0);
  g_assert_nonnull (report->error);
  g_assert_cmpint (report->source_id, ==, 0);

  cases = grd_project_list_cases (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 0);
  sources = grd_project_list_sources (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 0);
  g_assert_false (grd_project_can_undo (fixture->project));
}

int
main (int    argc,
      char **argv)
{
  GRD_TEST_INIT (&argc, &argv);

  g_test_add_func ("/grounded/import/hostile/markdown-nested-lists", test_markdown_nested_lists);
  g_test_add_func ("/grounded/import/hostile/docx-notes-repeated-missing",
                   test_docx_notes_repeated_and_missing);
  g_test_add_func ("/grounded/import/hostile/docx-notes-cited-often", test_docx_notes_cited_often);
  g_test_add_func ("/grounded/import/hostile/docx-text-box-and-cells",
                   test_docx_text_box_and_cells);
  g_test_add_func ("/grounded/import/hostile/odt-spaces", test_odt_spaces);
  g_test_add_func ("/grounded/import/hostile/odt-expands-too-much", test_odt_expands_too_much);

  g_test_add_func ("/grounded/import/hostile/rtf-fcharset", test_rtf_fcharset);
  g_test_add_func ("/grounded/import/hostile/rtf-unicode-fallback", test_rtf_unicode_fallback);
  g_test_add_func ("/grounded/import/hostile/rtf-bin", test_rtf_bin);
  g_test_add_func ("/grounded/import/hostile/rtf-skipped-settings", test_rtf_skipped_settings);
  g_test_add_func ("/grounded/import/hostile/rtf-long-runs", test_rtf_long_runs);
  g_test_add_func ("/grounded/import/hostile/html-charset-labels", test_html_charset_labels);
  g_test_add_func ("/grounded/import/hostile/html-too-deep", test_html_too_deep);
  g_test_add_func ("/grounded/import/hostile/html-many-elements", test_html_many_elements);
  g_test_add_func ("/grounded/import/hostile/pdf-hyphens", test_pdf_hyphens);
  g_test_add_func ("/grounded/import/hostile/pdf-invalid-text", test_pdf_invalid_text);
  g_test_add_func ("/grounded/import/hostile/pdf-many-hyphens", test_pdf_many_hyphens);
  g_test_add_func ("/grounded/import/hostile/txt-legacy-megabytes", test_txt_legacy_megabytes);
  GRD_TEST_ADD ("/grounded/import/batch/all-skipped", test_batch_all_skipped);

  return g_test_run ();
}
