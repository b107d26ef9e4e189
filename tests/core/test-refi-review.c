/* test-refi-review.c: a supervisor's review survives a REFI-QDA round trip
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "grd-review.h"
#include "grd-zip.h"
#include "test-refi-util.h"

static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static char *
notes_of (const char *qdpx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdZipReader) zip = grd_zip_reader_open (qdpx, &error);
  g_autoptr(GBytes) qde = NULL;
  g_autoptr(GrdRefiReport) check = grd_refi_report_new ();
  g_autofree char *xml = NULL;
  const char *start, *end;

  g_assert_no_error (error);
  qde = grd_zip_reader_read_entry (zip, "project.qde", 64 * 1024 * 1024, &error);
  g_assert_no_error (error);
  /* the marker keeps the file valid */
  g_assert_true (grd_refi_validate (GRD_REFI_SCHEMA_PROJECT, qde, "project.qde", check));
  g_assert_cmpuint (check->warnings->len, ==, 0);
  xml = g_strndup (g_bytes_get_data (qde, NULL), g_bytes_get_size (qde));
  start = strstr (xml, "<Notes>");
  end = strstr (xml, "</Notes>");
  g_assert_nonnull (start);
  g_assert_nonnull (end);
  return g_strndup (start, (gsize) (end - start));
}

/* What a comment is, in terms that do not depend on the project's ids. */
static char *
describe_comment (GrdProject *project,
                  GPtrArray  *comments,
                  GrdComment *comment)
{
  g_autoptr(GError) error = NULL;
  const char *parent = "";
  g_autofree char *target = NULL;

  for (guint i = 0; i < comments->len; i++)
    if (((GrdComment *) comments->pdata[i])->id == comment->parent_id)
      parent = ((GrdComment *) comments->pdata[i])->guid;
  if (comment->target == GRD_REVIEW_TARGET_CODE)
    {
      g_autoptr(GrdCode) code = grd_project_get_code (project, comment->target_id, &error);

      g_assert_no_error (error);
      target = g_strdup (code->guid);
    }
  else
    {
      g_autoptr(GrdCoding) coding = grd_project_get_coding (project, comment->target_id, &error);

      g_assert_no_error (error);
      target = g_strdup (coding->guid);
    }
  return g_strdup_printf ("%s on %s after %s depth %u by %s at %" G_GINT64_FORMAT ": %s; "
                          "resolved %" G_GINT64_FORMAT " by %s",
                          comment->guid, target, parent, comment->depth, comment->author_name,
                          comment->created_at, comment->text, comment->resolved_at,
                          comment->resolved_by != NULL ? comment->resolved_by : "-");
}

static char *
describe_comments (GrdProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) comments = grd_project_list_comments (project, FALSE, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < comments->len; i++)
    {
      g_autofree char *line = describe_comment (project, comments, comments->pdata[i]);

      g_string_append_printf (out, "%s\n", line);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
describe_states (GrdProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) marks = grd_project_list_review_states (project, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < marks->len; i++)
    {
      GrdReviewMark *mark = marks->pdata[i];

      g_string_append_printf (out, "%s %d by %s at %" G_GINT64_FORMAT "\n", mark->target_guid,
                              mark->state, mark->coder_name, mark->set_at);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Threads (a reply to a reply, a resolved thread and an open one, by two
 * people), states on a code and a quote, and an ordinary memo: exported
 * and imported, the copy has the same review, with the same times. */
static void
test_round_trip_review (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = export_path (fixture, "ulasan 𝒜.qdpx");
  g_autofree char *again = export_path (fixture, "again.qdpx");
  g_autofree char *copy_path = export_path (fixture, "copy.grounded");
  g_autoptr(GrdProject) copy = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  g_autofree char *comments = NULL;
  g_autofree char *copy_comments = NULL;
  g_autofree char *states = NULL;
  g_autofree char *copy_states = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *copy_notes = NULL;
  GrdProject *project = fixture->project;
  gint64 source = add_text_source (project, "wawancara", INTERVIEW_TEXT);
  gint64 trust = add_code (project, 0, "Trust 𝒜");
  gint64 coding = grd_project_add_coding (project, source, trust, 74, 95, &error);
  gint64 first, reply;

  g_assert_no_error (error);
  first = grd_project_add_comment (project, GRD_REVIEW_TARGET_CODE, trust, "Definisi? 🙂",
                                   &error);
  g_assert_true (grd_project_set_current_coder (project, "Budi", &error));
  reply = grd_project_reply_to_comment (project, first, "Sudah 𝒜\nbaris dua", &error);
  g_assert_true (grd_project_resolve_comment (project, reply, TRUE, &error));
  grd_project_add_comment (project, GRD_REVIEW_TARGET_CODING, coding, "Kutipan bagus", &error);
  g_assert_true (grd_project_set_review_state (project, GRD_REVIEW_TARGET_CODING, coding,
                                               GRD_REVIEW_STATE_ACCEPTED, &error));
  g_assert_true (grd_project_set_current_coder (project, "Ayu", &error));
  grd_project_reply_to_comment (project, reply, "Oke", &error);
  g_assert_true (grd_project_set_review_state (project, GRD_REVIEW_TARGET_CODE, trust,
                                               GRD_REVIEW_STATE_NEEDS_WORK, &error));
  grd_project_add_memo (project, GRD_MEMO_SCOPE_CODE, trust, "Trust", "a memo, not a comment",
                        &error);
  g_assert_no_error (error);

  /* times far apart, so a time taken at import could not pass for them */
  g_clear_object (&fixture->project);
  run_sql (fixture->path,
           "UPDATE comment SET created_at = 1500000000 + 3600 * id;"
           "UPDATE comment SET resolved_at = 1600000000 WHERE resolved_at IS NOT NULL;"
           "UPDATE review_state SET set_at = 1400000000 + id;");
  fixture_reopen (fixture);
  project = fixture->project;

  report = grd_refi_export_project (project, path, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&report, grd_refi_report_free);

  copy = grd_project_create (copy_path, &error);
  g_assert_no_error (error);
  g_assert_true (grd_project_set_current_coder (copy, "Importer", &error));
  report = grd_refi_import_project (copy, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "review comment"), ==, 4);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "review state"), ==, 2);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "Note"), ==, 1);

  /* one step to undo, the review with the rest */
  g_free (grd_project_undo (copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (copy_path, "SELECT count(*) FROM comment"), ==, 0);
  g_assert_cmpint (count_rows (copy_path, "SELECT count(*) FROM review_state"), ==, 0);
  g_free (grd_project_redo (copy, &error));
  g_assert_no_error (error);

  comments = describe_comments (project);
  copy_comments = describe_comments (copy);
  g_assert_cmpstr (copy_comments, ==, comments);
  g_assert_nonnull (strstr (comments, "resolved 1600000000 by Budi"));
  g_assert_nonnull (strstr (comments, "depth 2 by Ayu"));
  states = describe_states (project);
  copy_states = describe_states (copy);
  g_assert_cmpstr (copy_states, ==, states);
  g_assert_nonnull (strstr (states, "at 1400000001"));

  /* the memo stays a memo, and the review became no memo */
  memos = grd_project_list_memos (copy, -1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (memos->len, ==, 1);
  g_assert_cmpstr (((GrdMemo *) memos->pdata[0])->text, ==, "a memo, not a comment");

  /* exported again, the Notes are the same, times and all */
  g_clear_pointer (&report, grd_refi_report_free);
  report = grd_refi_export_project (copy, again, NULL, &error);
  g_assert_no_error (error);
  notes = notes_of (path);
  copy_notes = notes_of (again);
  g_assert_cmpstr (copy_notes, ==, notes);

  /* the same file again into the copy: the threads are there already,
   * and nothing is added twice */
  g_clear_pointer (&report, grd_refi_report_free);
  report = grd_refi_import_project (copy, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_tallies (report, "review comment", "already in the project"), ==, 4);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "review comment"), ==, 4);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_CONVERTED, "review comment"), ==, 0);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  g_clear_pointer (&copy_comments, g_free);
  copy_comments = describe_comments (copy);
  g_assert_cmpstr (copy_comments, ==, comments);
  g_clear_pointer (&copy_states, g_free);
  copy_states = describe_states (copy);
  g_assert_cmpstr (copy_states, ==, states);
}

/* Notes of other tools stay memos, whatever their Description; a review
 * Note that cannot be restored stays a memo with a located warning. */
static void
test_import_review_markers (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *qde =
    QDE_START "<CodeBook><Codes>\n"
    "<Code guid=\"c0de0000-0000-0000-0000-000000000001\" name=\"A\" isCodable=\"true\">"
    "<NoteRef targetGUID=\"00000000-0000-0000-0000-000000000001\"/>"
    "<NoteRef targetGUID=\"00000000-0000-0000-0000-000000000002\"/>"
    "<NoteRef targetGUID=\"00000000-0000-0000-0000-000000000003\"/>"
    "<NoteRef targetGUID=\"00000000-0000-0000-0000-000000000004\"/>"
    "<NoteRef targetGUID=\"00000000-0000-0000-0000-000000000006\"/>"
    "<NoteRef targetGUID=\"00000000-0000-0000-0000-000000000007\"/></Code>\n"
    "</Codes></CodeBook>\n<Notes>\n"
    "<Note guid=\"00000000-0000-0000-0000-000000000001\" name=\"NVivo memo\">"
    "<Description>a memo about A</Description><PlainTextContent>x</PlainTextContent></Note>\n"
    "<Note guid=\"00000000-0000-0000-0000-000000000002\" name=\"later\">"
    "<Description>grounded-review/9 comment</Description>"
    "<PlainTextContent>from the future</PlainTextContent></Note>\n"
    "<Note guid=\"00000000-0000-0000-0000-000000000003\" name=\"orphan\">"
    "<Description>grounded-review/1 reply 00000000-0000-0000-0000-0000000000ff</Description>"
    "<PlainTextContent>to nobody</PlainTextContent></Note>\n"
    "<Note guid=\"00000000-0000-0000-0000-000000000004\" name=\"state\">"
    "<Description>grounded-review/1 state wonderful</Description>"
    "<PlainTextContent>wonderful</PlainTextContent></Note>\n"
    "<Note guid=\"00000000-0000-0000-0000-000000000005\" name=\"loose\">"
    "<Description>grounded-review/1 comment</Description>"
    "<PlainTextContent>on nothing</PlainTextContent></Note>\n"
    "<Note guid=\"00000000-0000-0000-0000-000000000006\" name=\"Review comment\" "
    "creationDateTime=\"2020-01-02T03:04:05Z\">"
    "<Description>  grounded-review/1 comment  </Description>"
    "<PlainTextContent>kept</PlainTextContent></Note>\n"
    "<Note guid=\"00000000-0000-0000-0000-000000000007\" name=\"empty\">"
    "<Description>grounded-review/1 comment</Description></Note>\n"
    "</Notes>\n</Project>\n";
  g_autofree char *path = write_qdpx (fixture, "markers.qdpx", qde, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  g_autoptr(GPtrArray) comments = NULL;

  report = grd_refi_import_project (fixture->project, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (has_warning (report, "Note", 8, "does not know; kept as a memo"));
  g_assert_true (has_warning (report, "Note", 9, "not in the file; kept as a memo"));
  g_assert_true (has_warning (report, "Note", 10, "does not know; kept as a memo"));
  g_assert_true (has_warning (report, "Note", 11, "not in the file; kept as a memo"));
  g_assert_true (has_warning (report, "Note", 13, "without text; kept as a memo"));
  g_assert_cmpuint (report->warnings->len, ==, 5);

  memos = grd_project_list_memos (fixture->project, -1, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (memos->len, ==, 6);
  comments = grd_project_list_comments (fixture->project, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comments->len, ==, 1);
  g_assert_cmpstr (((GrdComment *) comments->pdata[0])->text, ==, "kept");
  g_assert_cmpstr (((GrdComment *) comments->pdata[0])->author_name, ==, "Ayu");
  g_assert_cmpint (((GrdComment *) comments->pdata[0])->created_at, ==, 1577934245);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "review comment"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  GRD_TEST_ADD ("/refi/review/round-trip", test_round_trip_review);
  GRD_TEST_ADD ("/refi/review/markers", test_import_review_markers);

  return g_test_run ();
}
