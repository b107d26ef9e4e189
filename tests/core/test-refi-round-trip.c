/* test-refi-round-trip.c: a study exported to REFI-QDA and imported again
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-refi-util.h"

/* Round trip */

static char *
strip_times (const char *xml)
{
  g_autoptr(GRegex) times = g_regex_new (" (creation|modified)DateTime=\"[^\"]*\"", 0, 0, NULL);

  return g_regex_replace_literal (times, xml, -1, 0, "", 0, NULL);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export_path (fixture, "study.qdpx");
  g_autofree char *again = export_path (fixture, "again.qdpx");
  g_autofree char *copy_path = export_path (fixture, "copy.grounded");
  g_autoptr(GrdProject) copy = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) copy_codes = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GPtrArray) copy_codings = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  g_autoptr(GPtrArray) copy_memos = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) copy_relations = NULL;
  g_autoptr(GrdCase) kase = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GBytes) first_qde = NULL;
  g_autoptr(GBytes) second_qde = NULL;
  g_autofree char *first_xml = NULL;
  g_autofree char *second_xml = NULL;
  Study study;

  build_study (fixture->project, &study);
  report = grd_refi_export_project (fixture->project, path, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&report, grd_refi_report_free);

  copy = grd_project_create (copy_path, &error);
  g_assert_no_error (error);
  grd_project_set_current_coder (copy, "Importer", &error);
  report = grd_refi_import_project (copy, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "Coding"), ==, 3);
  /* one step to undo */
  g_assert_true (grd_project_can_undo (copy));

  /* the same code tree, with the same GUIDs */
  codes = grd_project_list_codes (fixture->project, &error);
  copy_codes = grd_project_list_codes (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, copy_codes->len);
  for (guint i = 0; i < codes->len; i++)
    {
      GrdCode *a = g_ptr_array_index (codes, i);
      g_autoptr(GrdCode) b = grd_project_find_code (copy, a->guid, &error);
      g_autofree char *path_a = grd_project_get_code_path (fixture->project, a->id, NULL);
      g_autofree char *path_b = NULL;

      g_assert_no_error (error);
      path_b = grd_project_get_code_path (copy, b->id, NULL);
      g_assert_cmpstr (path_a, ==, path_b);
      g_assert_cmpstr (a->color, ==, b->color);
      g_assert_cmpstr (a->description, ==, b->description);
    }

  /* every coding on exactly the same text, by the same coder */
  codings = grd_project_list_codings (fixture->project, 0, &error);
  copy_codings = grd_project_list_codings (copy, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, copy_codings->len);
  for (guint i = 0; i < codings->len; i++)
    {
      GrdCoding *a = g_ptr_array_index (codings, i);
      GrdCoding *b = find_coding (copy_codings, a->guid);
      g_autofree char *quote_a = quote_of (fixture->project, a);
      g_autofree char *quote_b = NULL;

      g_assert_nonnull (b);
      quote_b = quote_of (copy, b);
      g_assert_cmpstr (quote_a, ==, quote_b);
      g_assert_cmpstr (a->coder_name, ==, b->coder_name);
      g_assert_cmpint (a->created_at, ==, b->created_at);
    }

  /* memos with their GUIDs and targets' GUIDs */
  memos = grd_project_list_memos (fixture->project, -1, 0, &error);
  copy_memos = grd_project_list_memos (copy, -1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (memos->len, ==, copy_memos->len);
  for (guint i = 0; i < memos->len; i++)
    {
      GrdMemo *a = g_ptr_array_index (memos, i);
      GrdMemo *b = NULL;

      for (guint j = 0; j < copy_memos->len; j++)
        if (strcmp (((GrdMemo *) g_ptr_array_index (copy_memos, j))->guid, a->guid) == 0)
          b = g_ptr_array_index (copy_memos, j);
      g_assert_nonnull (b);
      g_assert_cmpint (a->scope, ==, b->scope);
      g_assert_cmpstr (a->title, ==, b->title);
      g_assert_cmpstr (a->text, ==, b->text);
    }

  relations = grd_project_list_relations (fixture->project, &error);
  copy_relations = grd_project_list_relations (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (copy_relations->len, ==, 1);
  g_assert_cmpstr (((GrdRelation *) g_ptr_array_index (relations, 0))->guid, ==,
                   ((GrdRelation *) g_ptr_array_index (copy_relations, 0))->guid);
  g_assert_cmpint (((GrdRelation *) g_ptr_array_index (copy_relations, 0))->kind, ==,
                   GRD_RELATION_KIND_PROPERTY_OF);
  g_assert_cmpstr (((GrdRelation *) g_ptr_array_index (copy_relations, 0))->memo, ==,
                   "trust is a property of intrinsic motivation");

  /* the case, its attributes (n/a included) and its source */
  kase = grd_project_find_case (copy, "Respondent 1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kase->description, ==, "Key account manager, Medan");
  g_assert_cmpuint (kase->n_sources, ==, 1);
  values = grd_project_list_values (copy, kase->id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 3);
  for (guint i = 0; i < values->len; i++)
    {
      GrdAttributeValue *value = g_ptr_array_index (values, i);

      if (strcmp (value->attribute_name, "age") == 0)
        {
          g_assert_cmpint (value->type, ==, GRD_ATTRIBUTE_TYPE_NUMBER);
          g_assert_cmpstr (value->value, ==, "34");
        }
      else if (strcmp (value->attribute_name, "interviewed") == 0)
        g_assert_null (value->value);
      else
        g_assert_cmpstr (value->value, ==, "Laki-laki");
    }

  /* exported again, the XML is the same apart from timestamps */
  g_clear_pointer (&report, grd_refi_report_free);
  report = grd_refi_export_project (copy, again, NULL, &error);
  g_assert_no_error (error);
  first_qde = read_zip_entry (path, "project.qde");
  second_qde = read_zip_entry (again, "project.qde");
  first_xml = strip_times (g_bytes_get_data (first_qde, NULL));
  second_xml = strip_times (g_bytes_get_data (second_qde, NULL));
  {
    /* the project's name is the file's, and the importer is a new user */
    g_autoptr(GRegex) noise = g_regex_new ("<Project [^>]*>|<Users>.*</Users>", G_REGEX_DOTALL,
                                           0, NULL);
    g_autofree char *a = g_regex_replace_literal (noise, first_xml, -1, 0, "", 0, NULL);
    g_autofree char *b = g_regex_replace_literal (noise, second_xml, -1, 0, "", 0, NULL);

    g_assert_cmpstr (a, ==, b);
  }
}

/* Word and PDF originals travel too: a PDF as a PDFSource whose
 * Representation holds the text and the passages, a Word file as the
 * TextSource's richTextPath. */
static void
test_round_trip_originals (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *names[] = { "interview.pdf", "interview.docx" };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export_path (fixture, "originals.qdpx");
  g_autofree char *copy_path = export_path (fixture, "copy.grounded");
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GrdRefiReport) check = grd_refi_report_new ();
  g_autoptr(GrdProject) copy = NULL;
  g_autoptr(GBytes) qde = NULL;
  gint64 code = add_code (fixture->project, 0, "Kepercayaan 𝒜");
  gint64 ids[G_N_ELEMENTS (names)];

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file_path = g_build_filename (g_getenv ("GROUNDED_TEST_DATA"), "import",
                                                     names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (file_path);

      ids[i] = grd_project_import_file (fixture->project, file, NULL, &error);
      g_assert_no_error (error);
      grd_project_add_coding (fixture->project, ids[i], code, 3, 17, &error);
      g_assert_no_error (error);
    }

  report = grd_refi_export_project (fixture->project, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "original document"), ==, 2);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "PDFSource"), ==, 1);
  qde = read_zip_entry (path, "project.qde");
  g_assert_true (grd_refi_validate (GRD_REFI_SCHEMA_PROJECT, qde, "project.qde", check));
  g_assert_true (bytes_contain (qde, "<Representation "));
  g_assert_true (bytes_contain (qde, ".docx\" plainTextPath="));
  g_clear_pointer (&report, grd_refi_report_free);

  copy = grd_project_create (copy_path, &error);
  g_assert_no_error (error);
  report = grd_refi_import_project (copy, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "original document"), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GrdSource) source = grd_project_get_source (fixture->project, ids[i], &error);
      g_autoptr(GrdSource) copied = NULL;
      g_autoptr(GBytes) original = NULL;
      g_autoptr(GBytes) copied_original = NULL;
      g_autoptr(GPtrArray) codings = NULL;
      g_autoptr(GPtrArray) copied_codings = NULL;
      g_autofree char *media_type = NULL;
      g_autofree char *quote = NULL;
      g_autofree char *copied_quote = NULL;

      g_assert_no_error (error);
      copied = grd_project_find_source (copy, source->guid, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (copied->format, ==, source->format);
      original = grd_project_get_source_original (fixture->project, ids[i], NULL, NULL, &error);
      copied_original = grd_project_get_source_original (copy, copied->id, NULL, &media_type,
                                                         &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (original, copied_original));
      g_assert_cmpstr (media_type, ==, i == 0 ? "application/pdf"
                                              : "application/vnd.openxmlformats-officedocument."
                                                "wordprocessingml.document");
      codings = grd_project_list_codings (fixture->project, ids[i], &error);
      copied_codings = grd_project_list_codings (copy, copied->id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (copied_codings->len, ==, 1);
      quote = quote_of (fixture->project, g_ptr_array_index (codings, 0));
      copied_quote = quote_of (copy, g_ptr_array_index (copied_codings, 0));
      g_assert_cmpstr (quote, ==, copied_quote);
    }
}

/* Reports say only what happened: a relation's own memo is no dropped
 * NoteRef, sources without speakers lose no turns, and the project's
 * Description is one memo whatever the file is called. */
static void
test_report_details (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = export_path (fixture, "plain.qdpx");
  g_autofree char *copy = export_path (fixture, "renamed copy.qdpx");
  g_autofree char *contents = NULL;
  g_autofree char *first_guid = NULL;
  g_autofree char *other_path = export_path (fixture, "other.grounded");
  g_autoptr(GrdProject) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  const char *qde = QDE_START "<Description>What the study is</Description>\n</Project>\n";
  g_autofree char *described = write_qdpx (fixture, "described.qdpx", qde, NULL);
  gint64 a, b;
  gsize len;

  add_text_source (fixture->project, "plain", "no speakers here, only text");
  a = add_code (fixture->project, 0, "A");
  b = add_code (fixture->project, 0, "B");
  grd_project_add_relation (fixture->project, a, b, GRD_RELATION_KIND_CONSEQUENCE, NULL, "why",
                            &error);
  g_assert_no_error (error);
  report = grd_refi_export_project (fixture->project, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "speaker turns"), ==, 0);
  g_clear_pointer (&report, grd_refi_report_free);

  other = grd_project_create (other_path, &error);
  g_assert_no_error (error);
  report = grd_refi_import_project (other, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "Link"), ==, 1);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "NoteRef"), ==, 0);
  g_clear_pointer (&report, grd_refi_report_free);

  for (guint round = 0; round < 2; round++)
    {
      const char *file = round == 0 ? described : copy;

      if (round == 1)
        {
          g_assert_true (g_file_get_contents (described, &contents, &len, NULL));
          g_assert_true (g_file_set_contents (copy, contents, (gssize) len, NULL));
        }
      report = grd_refi_import_project (fixture->project, file, NULL, &error);
      g_assert_no_error (error);
      g_clear_pointer (&report, grd_refi_report_free);
      memos = grd_project_list_memos (fixture->project, GRD_MEMO_SCOPE_PROJECT, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (memos->len, ==, 1);
      if (round == 0)
        first_guid = g_strdup (((GrdMemo *) g_ptr_array_index (memos, 0))->guid);
      else
        g_assert_cmpstr (((GrdMemo *) g_ptr_array_index (memos, 0))->guid, ==, first_guid);
      g_clear_pointer (&memos, g_ptr_array_unref);
      g_free (grd_project_undo (fixture->project, &error));
      g_assert_no_error (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  GRD_TEST_ADD ("/refi/round-trip", test_round_trip);
  GRD_TEST_ADD ("/refi/round-trip/originals", test_round_trip_originals);
  GRD_TEST_ADD ("/refi/report-details", test_report_details);

  return g_test_run ();
}
