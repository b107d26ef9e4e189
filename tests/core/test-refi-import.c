/* test-refi-import.c: REFI-QDA import of the files other tools write, odd and broken ones
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "grd-zip.h"
#include "test-refi-util.h"

/* Import of the real samples */

#define REQUIRE_SAMPLE(var, name)                                  \
  g_autofree char *var = sample_path (name);                       \
  if (var == NULL)                                                 \
    {                                                              \
      g_test_skip ("GROUNDED_REFI_SAMPLES does not hold " name);   \
      return;                                                      \
    }

static void
import_sample (GrdProject     *project,
               const char     *path,
               GrdRefiReport **report)
{
  g_autoptr(GError) error = NULL;

  *report = grd_refi_import_project (project, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*report);
}

static gboolean
is_word_start (const char *text,
               gsize       len,
               gint64      start)
{
  gssize at = grd_utf8_byte_offset (text, len, start);
  const char *prev;

  if (at <= 0)
    return TRUE;
  prev = g_utf8_find_prev_char (text, text + at);
  return !g_unichar_isalnum (g_utf8_get_char (prev)) ||
         !g_unichar_isalnum (g_utf8_get_char (text + at));
}

static void
test_import_nvivo_win (Fixture       *fixture,
                       gconstpointer  data)
{
  REQUIRE_SAMPLE (path, "nvivo-win-12.6_oltas0517.qdpx");
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  guint at_word_start = 0;

  import_sample (fixture->project, path, &report);
  /* UTF-16 units of a BOM'd CRLF text, converted: nearly every passage
   * starts on a word boundary only when the conversion is right */
  codings = grd_project_list_codings (fixture->project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, >=, 300);
  for (guint i = 0; i < codings->len; i++)
    {
      GrdCoding *coding = g_ptr_array_index (codings, i);
      gsize len;
      g_autofree char *text = grd_project_get_source_text (fixture->project, coding->source_id,
                                                           &len, &error);

      g_assert_no_error (error);
      g_assert_null (strchr (text, '\r'));
      if (is_word_start (text, len, coding->start))
        at_word_start++;
    }
  g_assert_cmpuint (at_word_start, >=, codings->len - 3);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_CONVERTED, "TextSource"), >, 0);

  sources = grd_project_list_sources (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, >, 0);
  /* NVivo's lower-case GUIDs are kept as the store keeps GUIDs */
  for (guint i = 0; i < sources->len; i++)
    {
      const char *guid = ((GrdSource *) g_ptr_array_index (sources, i))->guid;
      g_autofree char *upper = g_ascii_strup (guid, -1);

      g_assert_cmpstr (guid, ==, upper);
    }
}

static void
test_import_qc (Fixture       *fixture,
                gconstpointer  data)
{
  REQUIRE_SAMPLE (path, "qc-1.3.2_demo.qdpx");
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = NULL;

  /* plainTextPath="board_2017.txt": a bare name, no scheme */
  import_sample (fixture->project, path, &report);
  sources = grd_project_list_sources (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 2);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "Coding"), >=, 150);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM coding"), ==,
                   grd_refi_report_count (report, GRD_REFI_TAKEN, "Coding"));
}

static void
test_import_atlas (Fixture       *fixture,
                   gconstpointer  data)
{
  REQUIRE_SAMPLE (path, "atlasti-mac-8.4.0_standard-project_repackaged.qdpx");
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GrdCode) code = NULL;

  import_sample (fixture->project, path, &report);
  /* the repackaged archive lost its texts: sources are dropped, with a
   * warning each, and the rest of the project comes in */
  g_assert_cmpuint (report->warnings->len, >, 0);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "TextSource"), >, 0);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "Code"), ==, 14);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "Graphs"), ==, 1);
  code = grd_project_find_code (fixture->project, "0F8A1907-7E42-4739-8610-A676B4D1B69F", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code->name, ==, "Feelings");
  g_assert_cmpstr (code->color, ==, "#f00082");
  coders = grd_project_list_coders (fixture->project, &error);
  g_assert_no_error (error);
  /* ATLAS.ti, two people, and the test's own coder */
  g_assert_cmpuint (coders->len, ==, 4);
}

static void
test_import_small_samples (Fixture       *fixture,
                           gconstpointer  data)
{
  REQUIRE_SAMPLE (blank, "atlasti-win-23.2.3_blank-atlas-project.qdpx");
  REQUIRE_SAMPLE (target, "atlasti-win-23.2.3_target-atlas-project.qdpx");
  REQUIRE_SAMPLE (mac, "nvivo-mac-15.0.0_qc-project.qdpx");
  g_autoptr(GrdRefiReport) report = NULL;

  import_sample (fixture->project, blank, &report);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "User"), >=, 1);
  g_clear_pointer (&report, grd_refi_report_free);

  import_sample (fixture->project, target, &report);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "Code"), ==, 3);
  g_clear_pointer (&report, grd_refi_report_free);

  import_sample (fixture->project, mac, &report);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "Code"), ==, 262);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM code"), ==, 265);
}

static void
test_import_taguette (Fixture       *fixture,
                      gconstpointer  data)
{
  REQUIRE_SAMPLE (path, "taguette-1.4.1_codebook.qdc");
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GError) error = NULL;
  GrdRefiWarning *warning;

  report = grd_refi_import_codebook (fixture->project, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "Code"), ==, 3);
  g_assert_cmpuint (report->warnings->len, ==, 1);
  warning = g_ptr_array_index (report->warnings, 0);
  g_assert_cmpstr (warning->element, ==, "Sets");
  g_assert_cmpuint (warning->line, ==, 2);
  g_assert_cmpint (count_rows (fixture->path,
                               "SELECT count(*) FROM code WHERE guid = "
                               "'098AC082-A9C7-50F4-9728-48730081A95E' AND name = 'xsd:element name'"),
                   ==, 1);
}

/* Hostile and broken files */

static void
write_file (const char *path,
            const char *contents)
{
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static void
test_refuse (Fixture       *fixture,
             gconstpointer  data)
{
  static const struct {
    const char *contents;
    GrdRefiError code;
    const char *says;
  } cases[] = {
    { "<?xml version=\"1.0\"?>\n<!DOCTYPE CodeBook [<!ENTITY a \"aaaaaaaaaa\">"
      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
      "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes><Code guid=\"{11111111-2222-3333-4444-555555555555}\" "
      "name=\"&b;\" isCodable=\"true\"/></Codes></CodeBook>",
      GRD_REFI_ERROR_DOCTYPE, "document type" },
    { "<?xml version=\"1.0\"?>\n<!DOCTYPE CodeBook SYSTEM \"http://example.org/x.dtd\">\n"
      "<CodeBook/>", GRD_REFI_ERROR_DOCTYPE, "document type" },
    /* refused before libxml2 reads the declaration, broken as it is */
    { "\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- a\ncomment -->\n<!DOCTYPE CodeBook [ <!ENTITY % x SYSTEM "
      "\"file:///etc/passwd\"> %x; <!ELEMENT ]>\n<CodeBook/>", GRD_REFI_ERROR_DOCTYPE, "line 4" },
    { "not xml at all", GRD_REFI_ERROR_NOT_XML, "line 1" },
    /* no bytes at all: the fuzzer's first find (pointer arithmetic on NULL) */
    { "", GRD_REFI_ERROR_NOT_XML, "XML" },
    { "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n<Code name=\"a\">\n</Codes>",
      GRD_REFI_ERROR_NOT_XML, "line 3" },
    { "<Project xmlns=\"urn:QDA-XML:project:1.0\"/>", GRD_REFI_ERROR_NOT_REFI, "<Project>" },
  };
  g_autofree char *path = export_path (fixture, "bad.qdc");

  add_code (fixture->project, 0, "kept");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GrdRefiReport) report = NULL;
      g_autoptr(GPtrArray) preview = NULL;

      write_file (path, cases[i].contents);
      report = grd_refi_import_codebook (fixture->project, path, &error);
      g_assert_null (report);
      g_assert_error (error, GRD_REFI_ERROR, (gint) cases[i].code);
      g_assert_nonnull (strstr (error->message, "bad.qdc"));
      g_assert_nonnull (strstr (error->message, cases[i].says));
      g_clear_error (&error);
      preview = grd_refi_preview_codebook (fixture->project, path, NULL, &error);
      g_assert_null (preview);
      g_assert_error (error, GRD_REFI_ERROR, (gint) cases[i].code);
    }
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM code"), ==, 1);
}

/* A .qdpx of the variants real tools write, made here so that each one is
 * checked on its own: Sources/ in capitals, a BOM and CRLF in the text,
 * NVivo's UTF-16 offsets after emoji, the 1:0 namespace, braced and lower
 * case GUIDs, a GUID used twice, a user that is not declared, and a
 * passage with a Description and no coding. */
#define VARIANT_TEXT \
  "\xef\xbb\xbf" "Line one 😀😀\r\nSaya suka café 𝒜 — trust here.\r\nEnd"

static void
write_variant (const char *path,
               const char *qde)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdZipWriter) zip = grd_zip_writer_new (path, &error);
  g_autoptr(GBytes) xml = g_bytes_new (qde, strlen (qde));
  g_autoptr(GBytes) text = g_bytes_new_static (VARIANT_TEXT, strlen (VARIANT_TEXT));

  g_assert_no_error (error);
  g_assert_true (grd_zip_writer_add_bytes (zip, "Variant.QDE", xml, &error));
  g_assert_true (grd_zip_writer_add_bytes (zip, "Sources/AAAAAAAA-0000-0000-0000-000000000001.TXT",
                                           text, &error));
  g_assert_true (grd_zip_writer_commit (zip, &error));
  g_assert_no_error (error);
}

static void
test_import_variants (Fixture       *fixture,
                      gconstpointer  data)
{
  /* In UTF-16 units (BOM not counted, CRLF as 2): "Line one " is 9, each
   * emoji and 𝒜 2, CRLF 2, so "Saya" starts at 15 and "trust" at 35. */
  const char *qde =
    "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\r\n"
    "<Project xmlns=\"urn:QDA-XML:project:1:0\" name=\"Variant\" origin=\"NVivo for Windows 12.6\">\r\n"
    "<Users><User guid=\"{c0de0000-0000-0000-0000-00000000000a}\" name=\"Nur\"/></Users>\r\n"
    "<CodeBook><Codes>\r\n"
    "<Code guid=\"{c0de0000-0000-0000-0000-000000000001}\" name=\"Trust\" isCodable=\"true\" color=\"#F0A\"/>\r\n"
    "<Code guid=\"c0de0000-0000-0000-0000-000000000001\" name=\"Twin\" isCodable=\"true\" color=\"rgb(1,2,3)\"/>\r\n"
    "</Codes></CodeBook>\r\n"
    "<Sources><TextSource guid=\"aaaaaaaa-0000-0000-0000-000000000001\" name=\"Interview 𝒜\" "
    "plainTextPath=\"internal://aaaaaaaa-0000-0000-0000-000000000001.txt\">\r\n"
    "<PlainTextSelection guid=\"5e1e0000-0000-0000-0000-000000000001\" startPosition=\"35\" endPosition=\"40\">"
    "<Coding guid=\"c0d10000-0000-0000-0000-000000000001\" creatingUser=\"{c0de0000-0000-0000-0000-00000000000a}\">"
    "<CodeRef targetGUID=\"C0DE0000-0000-0000-0000-000000000001\"/></Coding></PlainTextSelection>\r\n"
    "<PlainTextSelection guid=\"5e1e0000-0000-0000-0000-000000000002\" startPosition=\"15\" endPosition=\"19\">"
    "<Coding guid=\"c0d10000-0000-0000-0000-000000000002\" creatingUser=\"deadbeef-0000-0000-0000-000000000000\">"
    "<CodeRef targetGUID=\"c0de0000-0000-0000-0000-000000000001\"/></Coding></PlainTextSelection>\r\n"
    "<PlainTextSelection guid=\"5e1e0000-0000-0000-0000-000000000003\" startPosition=\"25\" endPosition=\"29\">"
    "<Description>a memo on café</Description></PlainTextSelection>\r\n"
    "<PlainTextSelection guid=\"5e1e0000-0000-0000-0000-000000000004\" startPosition=\"30\" endPosition=\"999\">"
    "<Coding guid=\"c0d10000-0000-0000-0000-000000000003\"><CodeRef targetGUID=\"c0de0000-0000-0000-0000-000000000009\"/>"
    "</Coding></PlainTextSelection>\r\n"
    "</TextSource></Sources>\r\n"
    "</Project>\r\n";
  g_autofree char *path = export_path (fixture, "variant.qdpx");
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  g_autoptr(GrdCode) trust = NULL;
  g_autoptr(GrdCode) twin = NULL;
  g_autoptr(GrdSource) source = NULL;
  gsize len;
  g_autofree char *text = NULL;

  write_variant (path, qde);
  report = grd_refi_import_project (fixture->project, path, NULL, &error);
  g_assert_no_error (error);

  source = grd_project_find_source (fixture->project, "AAAAAAAA-0000-0000-0000-000000000001",
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpstr (source->name, ==, "Interview 𝒜");
  text = grd_project_get_source_text (fixture->project, source->id, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Line one 😀😀\nSaya suka café 𝒜 — trust here.\nEnd");

  codings = grd_project_list_codings (fixture->project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 2);
  {
    GrdCoding *a = find_coding (codings, "C0D10000-0000-0000-0000-000000000001");
    GrdCoding *b = find_coding (codings, "C0D10000-0000-0000-0000-000000000002");
    g_autofree char *qa = quote_of (fixture->project, a);
    g_autofree char *qb = quote_of (fixture->project, b);

    g_assert_cmpstr (qa, ==, "trust");
    g_assert_cmpstr (a->coder_name, ==, "Nur");
    g_assert_cmpstr (qb, ==, "Saya");
    /* a user nobody declared gets a placeholder coder */
    g_assert_cmpstr (b->coder_name, ==, "User DEADBEEF");
  }

  /* braces and case do not matter; the twin GUID got a fresh one */
  trust = grd_project_find_code (fixture->project, "C0DE0000-0000-0000-0000-000000000001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trust->name, ==, "Trust");
  g_assert_cmpstr (trust->color, ==, "#ff00aa");
  twin = grd_project_find_code (fixture->project, "Twin", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (twin->color, ==, "#010203");
  g_assert_cmpstr (twin->guid, !=, trust->guid);

  /* the Description without coding is a memo on the source */
  memos = grd_project_list_memos (fixture->project, GRD_MEMO_SCOPE_SOURCE, source->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (memos->len, ==, 1);
  g_assert_cmpstr (((GrdMemo *) g_ptr_array_index (memos, 0))->text, ==, "a memo on café");
  g_assert_cmpstr (((GrdMemo *) g_ptr_array_index (memos, 0))->title, ==, "café");

  /* each problem is a warning with its line */
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "Coding"), ==, 1);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_CONVERTED, "Code"), ==, 1);
  {
    gboolean saw_twin = FALSE, saw_clamp = FALSE, saw_schema = FALSE;
    g_autofree char *listing = grd_refi_report_to_string (report);

    g_test_message ("%s", listing);

    for (guint i = 0; i < report->warnings->len; i++)
      {
        GrdRefiWarning *w = g_ptr_array_index (report->warnings, i);

        if (w->line == 6 && g_strcmp0 (w->element, "Code") == 0 && strstr (w->message, "twice"))
          saw_twin = TRUE;
        if (w->line == 12 && strstr (w->message, "clamped"))
          saw_clamp = TRUE;
        if (w->line == 2 && strstr (w->message, "1:0"))
          saw_schema = TRUE;
      }
    g_assert_true (saw_twin);
    g_assert_true (saw_clamp);
    g_assert_true (saw_schema);
  }
}

/* Small tools write GUIDs like "c001": they get a GUID derived from that
 * text, so a second import finds them again and an export stays valid. */
static void
test_import_opaque_guids (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = export_path (fixture, "mood.qdc");
  g_autofree char *out = export_path (fixture, "out.qdc");
  g_autofree char *written = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GrdRefiReport) check = grd_refi_report_new ();
  g_autoptr(GError) error = NULL;
  GrdRefiWarning *warning;

  write_file (path, "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"MastodonMoodBoard\">\n"
                    "<Codes><Code guid=\"c001\" name=\"Joy 😀\" isCodable=\"true\"/>\n"
                    "<Code guid=\" c002 \" name=\"Anger\" isCodable=\"true\"/></Codes>\n"
                    "<Sets><Set guid=\"s1\" name=\"Moods\"><MemberCode guid=\"c001\"/>"
                    "<MemberCode guid=\"c002\"/></Set></Sets></CodeBook>\n");
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GrdRefiReport) report = grd_refi_import_codebook (fixture->project, path, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "Code"), ==, 2);
      /* the schema complains too; ours says where and what became of it */
      warning = NULL;
      for (guint i = 0; i < report->warnings->len && warning == NULL; i++)
        if (strstr (((GrdRefiWarning *) g_ptr_array_index (report->warnings, i))->message,
                    "“c001” is not a GUID") != NULL)
          warning = g_ptr_array_index (report->warnings, i);
      if (round == 0)
        {
          g_assert_nonnull (warning);
          g_assert_cmpuint (warning->line, ==, 2);
          g_assert_cmpstr (warning->element, ==, "Code");
        }
    }
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM code"), ==, 2);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM code_set_member"), ==, 2);

  g_clear_pointer (&check, grd_refi_report_free);
  check = grd_refi_export_codebook (fixture->project, out, &error);
  g_assert_no_error (error);
  g_clear_pointer (&check, grd_refi_report_free);
  check = grd_refi_report_new ();
  g_assert_true (g_file_get_contents (out, &written, NULL, NULL));
  bytes = g_bytes_new (written, strlen (written));
  g_assert_true (grd_refi_validate (GRD_REFI_SCHEMA_CODEBOOK, bytes, "out.qdc", check));
}

/* ATLAS.ti counts code points in the text with CRLF as one character. */
static void
test_import_atlas_offsets (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *qde =
    "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"A\" origin=\"ATLAS.ti 8.4.0 573\">"
    "<CodeBook><Codes><Code guid=\"c0de0000-0000-0000-0000-000000000001\" name=\"Trust\" "
    "isCodable=\"true\"/></Codes></CodeBook>"
    "<Sources><TextSource guid=\"aaaaaaaa-0000-0000-0000-000000000001\" name=\"Mabêl 2ième.txt\" "
    "plainTextPath=\"internal://aaaaaaaa-0000-0000-0000-000000000001.txt\">"
    "<PlainTextSelection guid=\"5e1e0000-0000-0000-0000-000000000001\" name=\"trust\" "
    "startPosition=\"31\" endPosition=\"36\"><Coding guid=\"c0d10000-0000-0000-0000-000000000001\">"
    "<CodeRef targetGUID=\"c0de0000-0000-0000-0000-000000000001\"/></Coding></PlainTextSelection>"
    "<PlainTextSelection guid=\"5e1e0000-0000-0000-0000-000000000002\" name=\"Saya\" "
    "startPosition=\"12\" endPosition=\"16\"><Coding guid=\"c0d10000-0000-0000-0000-000000000002\">"
    "<CodeRef targetGUID=\"c0de0000-0000-0000-0000-000000000001\"/></Coding></PlainTextSelection>"
    "</TextSource></Sources></Project>";
  g_autofree char *path = export_path (fixture, "atlas.qdpx");
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GPtrArray) codings = NULL;

  write_variant (path, qde);
  report = grd_refi_import_project (fixture->project, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  codings = grd_project_list_codings (fixture->project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 2);
  {
    GrdCoding *first = find_coding (codings, "C0D10000-0000-0000-0000-000000000001");
    GrdCoding *second = find_coding (codings, "C0D10000-0000-0000-0000-000000000002");
    g_autofree char *trust = quote_of (fixture->project, first);
    g_autofree char *saya = quote_of (fixture->project, second);

    g_assert_cmpstr (trust, ==, "trust");
    g_assert_cmpstr (saya, ==, "Saya");
  }
}

/* Code book merge */

#define FASILITAS "SELECT count(*) FROM code WHERE name = 'Fasilitas'"

static void
test_codebook_merge (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = export_path (fixture, "merge.qdc");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) preview = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GrdCode) renamed = NULL;
  g_autoptr(GrdCode) added = NULL;
  gint64 parent = add_code (fixture->project, 0, "Extrinsic");
  gint64 child = add_code (fixture->project, parent, "Fasilitas");
  g_autoptr(GrdCode) child_code = grd_project_get_code (fixture->project, child, &error);
  g_autofree char *xml = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<CodeBook xmlns=\"urn:QDA-XML:codebook:0:4\"><Codes>\n"
    "<Code guid=\"11111111-1111-1111-1111-111111111111\" name=\"Extrinsic\" isCodable=\"false\">\n"
    "  <Code guid=\"%s\" name=\"Facility 🏢\" isCodable=\"true\"/>\n"
    "  <Code guid=\"22222222-2222-2222-2222-222222222222\" name=\"Salary\" isCodable=\"true\"/>\n"
    "</Code></Codes></CodeBook>\n", child_code->guid);
  static const struct { GrdRefiCodeAction action; const char *path; const char *old; } expect[] = {
    { GRD_REFI_CODE_KEEP, "Extrinsic", NULL },
    { GRD_REFI_CODE_RENAME, "Extrinsic/Facility 🏢", "Fasilitas" },
    { GRD_REFI_CODE_ADD, "Extrinsic/Salary", NULL },
  };

  write_file (path, xml);
  preview = grd_refi_preview_codebook (fixture->project, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->len, ==, G_N_ELEMENTS (expect));
  for (guint i = 0; i < preview->len; i++)
    {
      GrdRefiCodeChange *change = g_ptr_array_index (preview, i);

      g_assert_cmpint (change->action, ==, expect[i].action);
      g_assert_cmpstr (change->path, ==, expect[i].path);
      g_assert_cmpstr (change->old_name, ==, expect[i].old);
    }
  /* the preview changed nothing */
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM code"), ==, 2);
  g_assert_cmpint (count_rows (fixture->path, FASILITAS), ==, 1);

  report = grd_refi_import_codebook (fixture->project, path, &error);
  g_assert_no_error (error);
  renamed = grd_project_get_code (fixture->project, child, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (renamed->name, ==, "Facility 🏢");
  added = grd_project_find_code (fixture->project, "Extrinsic/Salary", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (added->guid, ==, "22222222-2222-2222-2222-222222222222");
  g_assert_cmpint (added->parent_id, ==, parent);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM code"), ==, 3);

  /* one undo takes the whole import back */
  g_free (grd_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM code"), ==, 2);
  g_assert_cmpint (count_rows (fixture->path, FASILITAS), ==, 1);
}

/* A small archive whose sources all point at one entry would hold a copy
 * per source: each entry is read once, and all of them together expand to
 * at most a budget. */
static void
test_import_amplification (Fixture       *fixture,
                           gconstpointer  data)
{
  gsize big_len = 1024 * 1024 - 1;      /* below the per-entry ratio check */
  g_autofree char *big = g_malloc (big_len);
  g_autoptr(GString) qde = g_string_new (QDE_START "<Sources>\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autofree char *path = NULL;
  g_autofree RawEntry *entries = g_new0 (RawEntry, 81);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gint64 stored;

  memset (big, 'a', big_len);
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (qde, "<TextSource guid=\"00000000-0000-0000-0000-%012u\" name=\"s%u\" "
                                 "plainTextPath=\"internal://big.txt\"/>\n", i, i);
  g_string_append (qde, "</Sources>\n</Project>\n");
  entries[0] = (RawEntry) { "sources/big.txt", big, big_len, ZIP_CM_DEFLATE, FALSE };
  path = write_qdpx (fixture, "amplified.qdpx", qde->str, entries);

  report = grd_refi_import_project (fixture->project, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM source"), ==, 1);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "TextSource"), ==, 199);
  g_assert_true (has_warning (report, "TextSource", 5, "before this one"));
  g_clear_pointer (&report, grd_refi_report_free);

  /* 80 entries of 1 MiB in an archive of some 100 KB: the budget (the
   * archive's size times the ratio, or 64 MiB) runs out before the end */
  g_string_assign (qde, QDE_START "<Sources>\n");
  for (guint i = 0; i < 80; i++)
    {
      char *name = g_strdup_printf ("sources/%u.txt", i);

      g_ptr_array_add (names, name);
      entries[i] = (RawEntry) { name, big, big_len, ZIP_CM_DEFLATE, FALSE };
      g_string_append_printf (qde, "<TextSource guid=\"00000000-0000-0000-0001-%012u\" name=\"b%u\" "
                                   "plainTextPath=\"internal://%u.txt\"/>\n", i, i, i);
    }
  g_string_append (qde, "</Sources>\n</Project>\n");
  g_clear_pointer (&path, g_free);
  path = write_qdpx (fixture, "budget.qdpx", qde->str, entries);

  report = grd_refi_import_project (fixture->project, path, NULL, &error);
  g_assert_no_error (error);
  stored = count_rows (fixture->path, "SELECT count(*) FROM source") - 1;
  g_assert_cmpint (stored, <, 80);
  g_assert_cmpint (stored, >=, 60);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "TextSource"), ==,
                    80 - stored);
  g_assert_true (has_warning (report, "TextSource", 0, "in all"));
}

/* Entries the zip reader refuses (a bomb, an encrypted one) leave their
 * source out with a warning naming the archive, the element and its line;
 * the rest is imported. */
static void
test_import_zip_limits (Fixture       *fixture,
                        gconstpointer  data)
{
  gsize bomb_len = 2 * 1024 * 1024;
  g_autofree char *bomb = g_malloc (bomb_len);
  const char *qde =
    QDE_START "<Sources>\n"
    "<TextSource guid=\"00000000-0000-0000-0000-000000000001\" name=\"bomb\" "
    "plainTextPath=\"internal://bomb.txt\"/>\n"
    "<TextSource guid=\"00000000-0000-0000-0000-000000000002\" name=\"secret\" "
    "plainTextPath=\"internal://secret.txt\"/>\n"
    "<TextSource guid=\"00000000-0000-0000-0000-000000000003\" name=\"fine\" "
    "plainTextPath=\"internal://fine.txt\" richTextPath=\"internal://fine.docx\"/>\n"
    "</Sources>\n</Project>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autofree char *path = NULL;
  GrdRefiWarning *first;

  memset (bomb, 'a', bomb_len);
  {
    const RawEntry entries[] = {
      { "sources/bomb.txt", bomb, bomb_len, ZIP_CM_DEFLATE, FALSE },
      { "sources/secret.txt", "hidden", 6, ZIP_CM_DEFLATE, TRUE },
      { "sources/fine.txt", "fine text", 9, ZIP_CM_DEFLATE, FALSE },
      { "sources/fine.docx", bomb, bomb_len, ZIP_CM_DEFLATE, FALSE },
      { NULL },
    };
    path = write_qdpx (fixture, "limits.qdpx", qde, entries);
  }

  report = grd_refi_import_project (fixture->project, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM source"), ==, 1);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM source_original"), ==, 0);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "TextSource"), ==, 2);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "original document"), ==, 1);
  g_assert_true (has_warning (report, "TextSource", 4, "zip bomb"));
  g_assert_true (has_warning (report, "TextSource", 5, "encrypted"));
  g_assert_true (has_warning (report, "TextSource", 6, "zip bomb"));
  first = g_ptr_array_index (report->warnings, 0);
  g_assert_cmpstr (first->file, ==, "limits.qdpx:project.qde");
  g_assert_nonnull (strstr (first->message, "limits.qdpx"));
}

/* What the project refuses of one element (a code related to itself) is
 * a warning on that element; a code book that swaps two names is merged. */
static void
test_import_recoverable (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *qde =
    QDE_START "<CodeBook><Codes>\n"
    "<Code guid=\"c0de0000-0000-0000-0000-000000000001\" name=\"A\" isCodable=\"true\"/>\n"
    "<Code guid=\"c0de0000-0000-0000-0000-000000000002\" name=\"B\" isCodable=\"true\"/>\n"
    "</Codes></CodeBook>\n<Links>\n"
    "<Link guid=\"11110000-0000-0000-0000-000000000001\" name=\"causes\" direction=\"OneWay\" "
    "originGUID=\"c0de0000-0000-0000-0000-000000000001\" "
    "targetGUID=\"c0de0000-0000-0000-0000-000000000001\"/>\n"
    "<Link guid=\"11110000-0000-0000-0000-000000000002\" name=\"causes\" direction=\"OneWay\" "
    "originGUID=\"c0de0000-0000-0000-0000-000000000001\" "
    "targetGUID=\"c0de0000-0000-0000-0000-000000000002\"/>\n"
    "</Links>\n</Project>\n";
  g_autofree char *path = write_qdpx (fixture, "links.qdpx", qde, NULL);
  g_autofree char *book = export_path (fixture, "swap.qdc");
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GrdCode) a = NULL;
  g_autoptr(GrdCode) b = NULL;

  report = grd_refi_import_project (fixture->project, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM relation"), ==, 1);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "Link"), ==, 1);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "Link"), ==, 1);
  g_assert_true (has_warning (report, "Link", 8, "left out"));
  g_clear_pointer (&report, grd_refi_report_free);

  write_file (book, "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n"
                    "<Code guid=\"c0de0000-0000-0000-0000-000000000001\" name=\"B\" isCodable=\"true\"/>\n"
                    "<Code guid=\"c0de0000-0000-0000-0000-000000000002\" name=\"A\" isCodable=\"true\"/>\n"
                    "</Codes></CodeBook>\n");
  report = grd_refi_import_codebook (fixture->project, book, &error);
  g_assert_no_error (error);
  a = grd_project_find_code (fixture->project, "C0DE0000-0000-0000-0000-000000000001", &error);
  b = grd_project_find_code (fixture->project, "C0DE0000-0000-0000-0000-000000000002", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a->name, ==, "B");
  g_assert_cmpstr (b->name, ==, "A");
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_CONVERTED, "Code"), ==, 2);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM code"), ==, 2);
}

/* An import that fails after its sources were read writes nothing, and
 * the error says where it stopped. */
static void
test_import_rollback (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *qde =
    QDE_START "<CodeBook><Codes>\n"
    "<Code guid=\"c0de0000-0000-0000-0000-000000000001\" name=\"A\" isCodable=\"true\"/>\n"
    "</Codes></CodeBook>\n<Sources>\n"
    "<TextSource guid=\"00000000-0000-0000-0000-000000000001\" name=\"s\">"
    "<PlainTextContent>some text</PlainTextContent>"
    "<PlainTextSelection guid=\"5e1e0000-0000-0000-0000-000000000001\" startPosition=\"0\" "
    "endPosition=\"4\"><Coding guid=\"c0d10000-0000-0000-0000-000000000001\">"
    "<CodeRef targetGUID=\"c0de0000-0000-0000-0000-000000000001\"/></Coding>"
    "</PlainTextSelection></TextSource>\n"
    "</Sources>\n<Notes>\n<Note guid=\"00000000-0000-0000-0000-0000000000ff\">\n</Notes>\n"
    "</Project>\n";
  g_autofree char *path = write_qdpx (fixture, "broken.qdpx", qde, NULL);
  static const char *const tables[] = { "source", "source_text", "code", "coding", "memo",
                                        "history_step" };
  gint64 before[G_N_ELEMENTS (tables)];
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;

  add_text_source (fixture->project, "kept", INTERVIEW_TEXT);
  add_code (fixture->project, 0, "kept");
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      before[i] = count_rows (fixture->path, sql);
    }

  report = grd_refi_import_project (fixture->project, path, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, GRD_REFI_ERROR, GRD_REFI_ERROR_NOT_XML);
  g_assert_nonnull (strstr (error->message, "broken.qdpx:project.qde"));
  g_assert_nonnull (strstr (error->message, "line 11: Opening and ending tag mismatch"));

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      g_assert_cmpint (count_rows (fixture->path, sql), ==, before[i]);
    }
}

/* Positions in other units than the origin implies: a selection's name
 * that matches the text only in UTF-16 units decides. */
static void
test_import_offset_cross_check (Fixture       *fixture,
                                gconstpointer  data)
{
  /* "😀😀 trust": "trust" is at 3 in characters, at 5 in UTF-16 units */
  const char *qde =
    QDE_START "<CodeBook><Codes>\n"
    "<Code guid=\"c0de0000-0000-0000-0000-000000000001\" name=\"A\" isCodable=\"true\"/>\n"
    "</Codes></CodeBook>\n<Sources>\n"
    "<TextSource guid=\"00000000-0000-0000-0000-000000000001\" name=\"s\">"
    "<PlainTextContent>😀😀 trust and more</PlainTextContent>\n"
    "<PlainTextSelection guid=\"5e1e0000-0000-0000-0000-000000000001\" name=\"trust\" "
    "startPosition=\"5\" endPosition=\"10\"><Coding guid=\"c0d10000-0000-0000-0000-000000000001\">"
    "<CodeRef targetGUID=\"c0de0000-0000-0000-0000-000000000001\"/></Coding>"
    "</PlainTextSelection>\n"
    "<PlainTextSelection guid=\"5e1e0000-0000-0000-0000-000000000002\" name=\"and\" "
    "startPosition=\"9\" endPosition=\"12\"><Coding guid=\"c0d10000-0000-0000-0000-000000000002\">"
    "<CodeRef targetGUID=\"c0de0000-0000-0000-0000-000000000001\"/></Coding>"
    "</PlainTextSelection>\n"
    "</TextSource>\n</Sources>\n</Project>\n";
  g_autofree char *path = write_qdpx (fixture, "units.qdpx", qde, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  report = grd_refi_import_project (fixture->project, path, NULL, &error);
  g_assert_no_error (error);
  codings = grd_project_list_codings (fixture->project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 2);
  first = quote_of (fixture->project, find_coding (codings, "C0D10000-0000-0000-0000-000000000001"));
  second = quote_of (fixture->project, find_coding (codings, "C0D10000-0000-0000-0000-000000000002"));
  g_assert_cmpstr (first, ==, "trust");
  /* in characters, as the origin says, when the name agrees */
  g_assert_cmpstr (second, ==, "and");
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_CONVERTED, "PlainTextSelection"), ==, 1);
  g_assert_true (has_warning (report, "PlainTextSelection", 8, "UTF-16"));
}

/* Line numbers past 65535 are right. */
static void
test_import_big_lines (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = export_path (fixture, "long.qdc");
  g_autoptr(GString) xml = g_string_new ("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;

  for (guint i = 0; i < 70000; i++)
    g_string_append_c (xml, '\n');
  g_string_append (xml, "<Code guid=\"c0de0000-0000-0000-0000-000000000001\" name=\"A\" "
                        "isCodable=\"true\" color=\"mauve\"><Description>d</Description>"
                        "</Code>\n<Code guid=\"c0de0000-0000-0000-0000-000000000002\" "
                        "isCodable=\"true\"><Description>e</Description></Code>\n"
                        "</Codes></CodeBook>\n");
  write_file (path, xml->str);
  report = grd_refi_import_codebook (fixture->project, path, &error);
  g_assert_no_error (error);
  g_assert_true (has_warning (report, "Code", 70002, "mauve"));
  g_assert_true (has_warning (report, "Code", 70003, "without a name"));
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  GRD_TEST_ADD ("/refi/import/nvivo-win", test_import_nvivo_win);
  GRD_TEST_ADD ("/refi/import/qc", test_import_qc);
  GRD_TEST_ADD ("/refi/import/atlas", test_import_atlas);
  GRD_TEST_ADD ("/refi/import/small-samples", test_import_small_samples);
  GRD_TEST_ADD ("/refi/import/taguette", test_import_taguette);
  GRD_TEST_ADD ("/refi/import/refuse", test_refuse);
  GRD_TEST_ADD ("/refi/import/variants", test_import_variants);
  GRD_TEST_ADD ("/refi/import/atlas-offsets", test_import_atlas_offsets);
  GRD_TEST_ADD ("/refi/import/opaque-guids", test_import_opaque_guids);
  GRD_TEST_ADD ("/refi/codebook-merge", test_codebook_merge);
  GRD_TEST_ADD ("/refi/import/amplification", test_import_amplification);
  GRD_TEST_ADD ("/refi/import/zip-limits", test_import_zip_limits);
  GRD_TEST_ADD ("/refi/import/recoverable", test_import_recoverable);
  GRD_TEST_ADD ("/refi/import/rollback", test_import_rollback);
  GRD_TEST_ADD ("/refi/import/offset-cross-check", test_import_offset_cross_check);
  GRD_TEST_ADD ("/refi/import/big-lines", test_import_big_lines);

  return g_test_run ();
}
