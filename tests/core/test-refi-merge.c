/* test-refi-merge.c: a project imported into the project it came from
 *
 * A researcher re-imports a colleague's export of the same study: what
 * the project holds under the file's GUIDs is merged, only what is new is
 * added.
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-refi-util.h"

static const char * const counted_tables[] = {
  "source", "coding", "memo", "relation", "study_case", "code", "comment",
};

/* A copy of the sample study in the fixture's folder: opening a project
 * may write to it. */
static GrdProject *
open_sample_copy (Fixture    *fixture,
                  const char *name,
                  char      **path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  GrdProject *project;
  gsize len;

  *path = export_path (fixture, name);
  g_assert_true (g_file_get_contents (g_getenv ("GROUNDED_SAMPLE"), &contents, &len, &error));
  g_assert_true (g_file_set_contents (*path, contents, (gssize) len, &error));
  project = grd_project_open (*path, &error);
  g_assert_no_error (error);
  return project;
}

/* The sample (at *path) and a colleague's copy of it, as the merge tests
 * start: the copy is changed, exported and imported into the sample. */
static GrdProject *
open_sample_and_copy (Fixture     *fixture,
                      char       **path,
                      GrdProject **copy)
{
  g_autofree char *copy_path = NULL;

  *copy = open_sample_copy (fixture, "colleague.grounded", &copy_path);
  return open_sample_copy (fixture, "kam.grounded", path);
}

static void
export_qdpx (GrdProject *project,
             const char *qdpx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = grd_refi_export_project (project, qdpx, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
}

/* The rows of each counted table, one line each. */
static char *
describe_counts (const char *path)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (counted_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", counted_tables[i]);

      g_string_append_printf (out, "%s %" G_GINT64_FORMAT "\n", counted_tables[i],
                              count_rows (path, sql));
    }
  return g_string_free (out, FALSE);
}

/* The sample's own export, imported into the sample, adds nothing, and
 * the report says what it found already there. */
static void
test_merge_own_export (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *qdpx = export_path (fixture, "kam.qdpx");
  g_autoptr(GrdProject) project = open_sample_copy (fixture, "kam.grounded", &path);
  g_autoptr(GrdRefiReport) report = NULL;
  g_autofree char *before = describe_counts (path);
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  gint64 n_codings = count_rows (path, "SELECT count(*) FROM coding");

  g_assert_cmpint (n_codings, >, 0);
  export_qdpx (project, qdpx);

  report = grd_refi_import_project (project, qdpx, NULL, &error);
  g_assert_no_error (error);
  after = describe_counts (path);
  g_assert_cmpstr (after, ==, before);
  /* no warning per coding: one tally says it */
  g_assert_cmpuint (report->warnings->len, ==, 0);
  g_assert_cmpuint (count_tallies (report, "TextSource", "already in the project"), ==,
                    count_rows (path, "SELECT count(*) FROM source"));
  g_assert_cmpuint (count_tallies (report, "Coding", "already in the project"), ==, n_codings);
  g_assert_cmpuint (count_tallies (report, "Note", "already in the project"), ==,
                    count_rows (path, "SELECT count(*) FROM memo"));
  g_assert_cmpuint (count_tallies (report, "Link", "already in the project"), ==,
                    count_rows (path, "SELECT count(*) FROM relation"));
  g_assert_cmpuint (count_tallies (report, "Case", "already in the project"), ==,
                    count_rows (path, "SELECT count(*) FROM study_case"));
  g_assert_cmpuint (count_tallies (report, "Code", "already in the project"), ==,
                    count_rows (path, "SELECT count(*) FROM code"));
  g_assert_cmpuint (count_tallies (report, "Coding", NULL), ==, 0);
  g_assert_cmpuint (count_tallies (report, "TextSource", NULL), ==, 0);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_CONVERTED, "Coding"), ==, 0);
  text = grd_refi_report_to_string (report);
  line = g_strdup_printf ("Codings (Coding): %" G_GINT64_FORMAT " taken — already in the project",
                          n_codings);
  g_assert_nonnull (strstr (text, line));
}

/* A colleague's copy with one more coding and a memo on it: imported into
 * the original, exactly those are added, in one step to undo. */
static void
test_merge_new_coding (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *qdpx = export_path (fixture, "colleague.qdpx");
  g_autoptr(GrdProject) copy = NULL;
  g_autoptr(GrdProject) project = open_sample_and_copy (fixture, &path, &copy);
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GPtrArray) sources = grd_project_list_sources (copy, &error);
  g_autoptr(GPtrArray) codes = grd_project_list_codes (copy, &error);
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GrdCoding) added = NULL;
  g_autoptr(GrdCoding) merged = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  g_autofree char *before = describe_counts (path);
  g_autofree char *after_undo = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *copy_quote = NULL;
  gint64 n_codings = count_rows (path, "SELECT count(*) FROM coding");
  gint64 n_memos = count_rows (path, "SELECT count(*) FROM memo");
  GrdSource *source;
  GrdCode *code;
  gint64 coding_id;

  g_assert_no_error (error);
  source = g_ptr_array_index (sources, 0);
  code = g_ptr_array_index (codes, codes->len - 1);
  coding_id = grd_project_add_coding (copy, source->id, code->id, 3, 17, &error);
  g_assert_no_error (error);
  grd_project_add_memo (copy, GRD_MEMO_SCOPE_CODING, coding_id, "", "why here 𝒜", &error);
  g_assert_no_error (error);
  added = grd_project_get_coding (copy, coding_id, &error);
  g_assert_no_error (error);
  export_qdpx (copy, qdpx);

  report = grd_refi_import_project (project, qdpx, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  g_assert_cmpuint (count_tallies (report, "Coding", NULL), ==, 1);
  g_assert_cmpuint (count_tallies (report, "Coding", "already in the project"), ==, n_codings);
  g_assert_cmpuint (count_tallies (report, "Note", NULL), ==, 1);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM coding"), ==, n_codings + 1);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM memo"), ==, n_memos + 1);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM source"), ==, sources->len);

  /* the same coding, GUID and passage, on the source already there */
  codings = grd_project_list_codings (project, source->id, &error);
  g_assert_no_error (error);
  merged = grd_project_get_coding (project, find_coding (codings, added->guid)->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (merged->source_id, ==, source->id);
  g_assert_cmpint (merged->start, ==, 3);
  g_assert_cmpint (merged->end, ==, 17);
  quote = quote_of (project, merged);
  copy_quote = quote_of (copy, added);
  g_assert_cmpstr (quote, ==, copy_quote);
  memos = grd_project_list_memos (project, GRD_MEMO_SCOPE_CODING, merged->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (memos->len, ==, 1);
  g_assert_cmpstr (((GrdMemo *) g_ptr_array_index (memos, 0))->text, ==, "why here 𝒜");

  /* one step to undo */
  g_free (grd_project_undo (project, &error));
  g_assert_no_error (error);
  after_undo = describe_counts (path);
  g_assert_cmpstr (after_undo, ==, before);
}

/* A source under a GUID the project holds with another text is another
 * transcript: added as a new source, with a warning that says why. */
static void
test_merge_changed_text (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GrdProject *project = fixture->project;
  gint64 source_id = add_text_source (project, "Wawancara 𝒜", INTERVIEW_TEXT);
  gint64 code_id = add_code (project, 0, "Trust 𝒜");
  gint64 coding_id = grd_project_add_coding (project, source_id, code_id, 0, 9, &error);
  g_autoptr(GrdSource) source = grd_project_get_source (project, source_id, &error);
  g_autoptr(GrdCode) code = grd_project_get_code (project, code_id, &error);
  g_autoptr(GrdCoding) coding = grd_project_get_coding (project, coding_id, &error);
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *qde = NULL;
  g_autofree char *path = NULL;
  GrdSource *added;

  g_assert_no_error (error);
  qde = g_strdup_printf (QDE_START
                         "<CodeBook><Codes><Code guid=\"%s\" name=\"Trust 𝒜\" isCodable=\"true\"/>"
                         "</Codes></CodeBook>\n"
                         "<Sources>\n"
                         "<TextSource guid=\"%s\" name=\"Wawancara 𝒜\">\n"
                         "<PlainTextContent>Teks 𝒜 yang lain 🙂</PlainTextContent>\n"
                         "<PlainTextSelection guid=\"5e1ec700-0000-0000-0000-000000000001\" "
                         "startPosition=\"5\" endPosition=\"6\">"
                         "<Coding guid=\"%s\"><CodeRef targetGUID=\"%s\"/></Coding>"
                         "</PlainTextSelection>\n"
                         "</TextSource>\n</Sources>\n</Project>\n",
                         code->guid, source->guid, coding->guid, code->guid);
  path = write_qdpx (fixture, "changed.qdpx", qde, NULL);

  report = grd_refi_import_project (project, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (has_warning (report, "TextSource", 5, "text differs from the transcript"));
  g_assert_cmpuint (count_tallies (report, "TextSource", "already in the project"), ==, 0);
  g_assert_cmpuint (count_tallies (report, "Code", "already in the project"), ==, 1);
  /* its coding is on another passage than the coding of that GUID */
  g_assert_true (has_warning (report, "Coding", 7, "used twice"));

  sources = grd_project_list_sources (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 2);
  added = g_ptr_array_index (sources, 0);
  if (added->id == source_id)
    added = g_ptr_array_index (sources, 1);
  g_assert_cmpstr (added->guid, !=, source->guid);
  codings = grd_project_list_codings (project, added->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 1);
  g_assert_cmpstr (((GrdCoding *) g_ptr_array_index (codings, 0))->guid, !=, coding->guid);
  quote = quote_of (project, g_ptr_array_index (codings, 0));
  g_assert_cmpstr (quote, ==, "𝒜");
}

/* The words of the memo memo_id. */
static char *
memo_text (GrdProject *project,
           gint64      memo_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) memos = grd_project_list_memos (project, -1, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < memos->len; i++)
    {
      GrdMemo *memo = g_ptr_array_index (memos, i);

      if (memo->id == memo_id)
        return g_strdup (memo->text);
    }
  g_assert_not_reached ();
}

/* A colleague edited a memo of the study: imported back, the newer words
 * replace the project's, in the step that undoes the import. Edited here
 * since, the project's memo keeps its words and the report says so. */
static void
test_merge_edited_memo (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *qdpx = export_path (fixture, "colleague.qdpx");
  g_autoptr(GrdProject) copy = NULL;
  g_autoptr(GrdProject) project = open_sample_and_copy (fixture, &path, &copy);
  g_autoptr(GPtrArray) memos = grd_project_list_memos (copy, -1, 0, &error);
  g_autoptr(GrdRefiReport) report = NULL;
  g_autofree char *original = NULL;
  g_autofree char *text = NULL;
  g_autofree char *report_text = NULL;
  gint64 memo_id;

  g_assert_no_error (error);
  g_assert_cmpuint (memos->len, >, 0);
  memo_id = ((GrdMemo *) g_ptr_array_index (memos, 0))->id;
  original = memo_text (project, memo_id);
  g_assert_true (grd_project_update_memo (copy, memo_id, NULL, "Edited by a colleague 𝒜", &error));
  g_assert_no_error (error);
  export_qdpx (copy, qdpx);

  report = grd_refi_import_project (project, qdpx, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  g_assert_cmpuint (count_tallies (report, "Note",
                                   "newer than the project's memo, whose words it replaced"), ==, 1);
  text = memo_text (project, memo_id);
  g_assert_cmpstr (text, ==, "Edited by a colleague 𝒜");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&report, grd_refi_report_free);

  g_free (grd_project_undo (project, &error));
  g_assert_no_error (error);
  text = memo_text (project, memo_id);
  g_assert_cmpstr (text, ==, original);
  g_clear_pointer (&text, g_free);

  /* edited here after the colleague's export: a tie or newer keeps ours */
  g_assert_true (grd_project_update_memo (project, memo_id, NULL, "Ours, later", &error));
  g_assert_no_error (error);
  report = grd_refi_import_project (project, qdpx, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->warnings->len, ==, 1);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "Note"), ==, 1);
  text = memo_text (project, memo_id);
  g_assert_cmpstr (text, ==, "Ours, later");
  report_text = grd_refi_report_to_string (report);
  g_assert_nonnull (strstr (report_text, "its words differ from the project's memo"));
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  GRD_TEST_ADD ("/refi/merge/own-export", test_merge_own_export);
  GRD_TEST_ADD ("/refi/merge/new-coding", test_merge_new_coding);
  GRD_TEST_ADD ("/refi/merge/changed-text", test_merge_changed_text);
  GRD_TEST_ADD ("/refi/merge/edited-memo", test_merge_edited_memo);

  return g_test_run ();
}
