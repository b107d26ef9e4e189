/* test-refi-export.c: REFI-QDA export, code book and project, checked against the schemas
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "grd-zip.h"
#include "test-refi-util.h"

/* Schemas */

static void
test_schemas (void)
{
  g_autoptr(GrdRefiReport) report = grd_refi_report_new ();
  g_autofree char *taguette = sample_path ("taguette-1.4.1_codebook.qdc");
  g_autofree char *data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  GrdRefiWarning *warning;

  if (taguette == NULL)
    {
      g_test_skip ("no Taguette sample");
      return;
    }
  g_assert_true (g_file_get_contents (taguette, &data, &len, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);
  g_assert_false (grd_refi_validate (GRD_REFI_SCHEMA_CODEBOOK, bytes, "taguette.qdc", report));
  g_assert_cmpuint (report->warnings->len, ==, 1);
  warning = g_ptr_array_index (report->warnings, 0);
  g_assert_cmpstr (warning->file, ==, "taguette.qdc");
  g_assert_cmpuint (warning->line, ==, 2);
  g_assert_cmpstr (warning->element, ==, "Sets");
  g_assert_nonnull (strstr (warning->message, "Missing child element"));
}

/* Export */

static void
test_export_codebook (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export_path (fixture, "codes.qdc");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GrdRefiReport) check = grd_refi_report_new ();
  g_autoptr(GrdCode) trust = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *expect = NULL;
  Study study;
  gsize len;

  build_study (fixture->project, &study);
  report = grd_refi_export_codebook (fixture->project, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "Code"), ==, 4);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "code kind"), ==, 1);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "Set"), ==, 1);

  g_assert_true (g_file_get_contents (path, &first, &len, NULL));
  bytes = g_bytes_new (first, len);
  g_assert_true (grd_refi_validate (GRD_REFI_SCHEMA_CODEBOOK, bytes, "codes.qdc", check));
  g_assert_cmpuint (check->warnings->len, ==, 0);

  /* stored GUIDs, escaped names, grouping codes not codable, sets by guid */
  trust = grd_project_get_code (fixture->project, study.trust, &error);
  g_assert_no_error (error);
  expect = g_strdup_printf ("<Code guid=\"%s\" name=\"kepercayaan\" isCodable=\"true\" "
                            "color=\"#e01b24\"", trust->guid);
  g_assert_nonnull (strstr (first, expect));
  g_assert_nonnull (strstr (first, "name=\"Intrinsik — motivasi 🙂\" isCodable=\"false\""));
  g_assert_nonnull (strstr (first, "name=\"Café &amp; facility &lt;ok&gt;\" isCodable=\"true\""));
  g_clear_pointer (&expect, g_free);
  expect = g_strdup_printf ("<MemberCode guid=\"%s\"/>", trust->guid);
  g_assert_nonnull (strstr (first, expect));
  g_assert_null (strstr (first, "<!DOCTYPE"));
  g_assert_true (g_str_has_prefix (first, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                          "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\""));

  /* a second export is the same file, byte for byte */
  g_clear_pointer (&report, grd_refi_report_free);
  report = grd_refi_export_codebook (fixture->project, path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &second, NULL, NULL));
  g_assert_cmpstr (first, ==, second);
}

static void
test_export_project (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export_path (fixture, "study.qdpx");
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GrdRefiReport) check = grd_refi_report_new ();
  g_autoptr(GrdSource) source = NULL;
  g_autoptr(GrdCoding) coding = NULL;
  g_autoptr(GBytes) qde = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *expect = NULL;
  g_autofree char *selection = NULL;
  g_autoptr(GrdZipReader) zip = NULL;
  g_autoptr(GPtrArray) names = NULL;
  Study study;

  build_study (fixture->project, &study);
  report = grd_refi_export_project (fixture->project, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "TextSource"), ==, 1);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "PlainTextSelection"), ==, 3);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "Note"), ==, 7);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "representative flag"), ==, 1);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "history"), ==, 1);

  zip = grd_zip_reader_open (path, &error);
  g_assert_no_error (error);
  names = grd_zip_reader_list_entries (zip);
  g_assert_cmpuint (names->len, ==, 2);

  qde = read_zip_entry (path, "project.qde");
  g_assert_true (grd_refi_validate (GRD_REFI_SCHEMA_PROJECT, qde, "project.qde", check));
  g_assert_cmpuint (check->warnings->len, ==, 0);

  /* the text is stored as written: UTF-8, no BOM, LF */
  source = grd_project_get_source (fixture->project, study.source, &error);
  g_assert_no_error (error);
  entry = g_strdup_printf ("sources/%s.txt", source->guid);
  text = read_zip_entry (path, entry);
  g_assert_cmpmem (g_bytes_get_data (text, NULL), g_bytes_get_size (text),
                   INTERVIEW_TEXT, strlen (INTERVIEW_TEXT));
  expect = g_strdup_printf ("plainTextPath=\"internal://%s.txt\"", source->guid);
  g_assert_true (bytes_contain (qde, expect));

  /* code point offsets, after the non-BMP characters */
  coding = grd_project_get_coding (fixture->project, study.coding_trust, &error);
  g_assert_no_error (error);
  g_clear_pointer (&expect, g_free);
  expect = g_strdup ("startPosition=\"74\" endPosition=\"95\"");
  g_assert_true (bytes_contain (qde, expect));
  g_clear_pointer (&expect, g_free);
  expect = g_strdup_printf ("<Coding guid=\"%s\"", coding->guid);
  g_assert_true (bytes_contain (qde, expect));
  {
    g_autofree char *quote = quote_of (fixture->project, coding);

    g_assert_cmpstr (quote, ==, "Trust, because with t");
  }

  /* no empty containers (Graphs) and the root in the 1.0 namespace */
  g_assert_false (bytes_contain (qde, "<Graphs"));
  g_assert_true (bytes_contain (qde, "<Project xmlns=\"urn:QDA-XML:project:1.0\""));
  g_assert_true (bytes_contain (qde, "<Link "));
  g_assert_true (bytes_contain (qde, "name=\"property-of\" direction=\"OneWay\""));
}

/* A failed export leaves what was at the path, and no temporary file. */
static void
test_export_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "study.qdpx", NULL);
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *kept = export_path (fixture, "kept.qdpx");
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = NULL;
  guint n_files = 0;
  Study study;

  build_study (fixture->project, &study);
  report = grd_refi_export_project (fixture->project, path, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "study.qdpx"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (kept, "old", -1, NULL));
  g_cancellable_cancel (cancellable);
  report = grd_refi_export_project (fixture->project, kept, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  /* the project, its WAL files and kept.qdpx */
  g_assert_cmpuint (n_files, <=, 4);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Paths are file names, not URIs: "%41" stays "%41". */
static void
test_export_odd_paths (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char *const names[] = { "a%41b.qdc", "50% done #1?.qdpx", "space %20 x.qdc" };
  Study study;

  build_study (fixture->project, &study);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = export_path (fixture, names[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GrdRefiReport) report = NULL;
      g_autoptr(GDir) dir = NULL;
      guint n_files = 0;

      if (g_str_has_suffix (path, ".qdc"))
        report = grd_refi_export_codebook (fixture->project, path, &error);
      else
        report = grd_refi_export_project (fixture->project, path, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_assert_false (g_file_test ("aAb.qdc", G_FILE_TEST_EXISTS));

      /* the project, its WAL files and the exports: no stray file */
      dir = g_dir_open (fixture->dir, 0, NULL);
      while (g_dir_read_name (dir) != NULL)
        n_files++;
      g_assert_cmpuint (n_files, <=, 3 + i + 1);
    }
}

/* Characters XML 1.0 cannot hold become U+FFFD, counted. */
static void
test_export_control_characters (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *path = export_path (fixture, "control.qdpx");
  g_autofree char *book = export_path (fixture, "control.qdc");
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GrdRefiReport) check = grd_refi_report_new ();
  g_autoptr(GBytes) xml = NULL;
  gint64 code;

  code = grd_project_add_code (fixture->project, 0, "bell\x07" "code", GRD_CODE_KIND_OPEN_CODE,
                               NULL, "form\x0c" "feed", &error);
  g_assert_no_error (error);
  grd_project_add_memo (fixture->project, GRD_MEMO_SCOPE_CODE, code, "t\x01", "x\x1b[0m\ty",
                        &error);
  g_assert_no_error (error);

  report = grd_refi_export_project (fixture->project, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_CONVERTED, "character"), ==, 4);
  xml = read_zip_entry (path, "project.qde");
  g_assert_true (grd_refi_validate (GRD_REFI_SCHEMA_PROJECT, xml, "project.qde", check));
  g_assert_true (bytes_contain (xml, "name=\"bell\xef\xbf\xbd" "code\""));
  g_assert_true (bytes_contain (xml, "x\xef\xbf\xbd[0m\ty"));
  g_clear_pointer (&report, grd_refi_report_free);

  report = grd_refi_export_codebook (fixture->project, book, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_CONVERTED, "character"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  g_test_add_func ("/refi/schemas", test_schemas);
  GRD_TEST_ADD ("/refi/export/codebook", test_export_codebook);
  GRD_TEST_ADD ("/refi/export/project", test_export_project);
  GRD_TEST_ADD ("/refi/export/failure", test_export_failure);
  GRD_TEST_ADD ("/refi/export/odd-paths", test_export_odd_paths);
  GRD_TEST_ADD ("/refi/export/control-characters", test_export_control_characters);

  return g_test_run ();
}
