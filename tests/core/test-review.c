/* test-review.c: reviews, review states, threaded comments, and the
 * changes since the last review
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-util.h"

static const char * const review_tables[] = {
  "code", "coding", "review", "review_state", "comment", "codebook_snapshot", "code_event", NULL,
};

static void
test_review_cycle (Fixture       *fixture,
                   gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reviews = NULL;
  g_autofree char *before = NULL;
  gint64 review_id;

  g_assert_null (grd_project_changes_since_review (project, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (grd_project_finish_review (project, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (grd_project_set_current_coder (project, "Prof. Siti Ñúñez 𝒜", &error));
  before = dump_tables (fixture->path, review_tables);
  review_id = grd_project_start_review (project, &error);
  g_assert_no_error (error);
  g_assert_cmpint (review_id, >, 0);
  check_undo_redo (project, fixture->path, review_tables, before);

  /* One open review at a time; the message names who opened it. */
  g_assert_cmpint (grd_project_start_review (project, &error), ==, 0);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "Prof. Siti Ñúñez 𝒜"));
  g_clear_error (&error);

  add_code (project, 0, "Trust");
  g_free (before);
  before = dump_tables (fixture->path, review_tables);
  grd_project_finish_review (project, &error);
  g_assert_no_error (error);
  check_undo_redo (project, fixture->path, review_tables, before);

  reviews = grd_project_list_reviews (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reviews->len, ==, 1);
  {
    GrdReview *review = reviews->pdata[0];

    g_assert_cmpstr (review->reviewer_name, ==, "Prof. Siti Ñúñez 𝒜");
    g_assert_cmpint (review->done_at, >=, review->started_at);
    g_assert_cmpint (review->snapshot_id, >, 0);
  }
}

static void
test_review_states (Fixture       *fixture,
                    gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) marks = NULL;
  g_autofree char *before = NULL;
  gint64 source = add_text_source (project, "wawancara", INTERVIEW_TEXT);
  gint64 trust = add_code (project, 0, "Trust 𝒜");
  gint64 coding = grd_project_add_coding (project, source, trust, 70, 80, &error);

  before = dump_tables (fixture->path, review_tables);
  g_assert_true (grd_project_set_review_state (project, GRD_REVIEW_TARGET_CODE, trust,
                                               GRD_REVIEW_STATE_PROPOSED, &error));
  g_assert_no_error (error);
  check_undo_redo (project, fixture->path, review_tables, before);

  /* A second state replaces the first: one current state per target. */
  g_free (before);
  before = dump_tables (fixture->path, review_tables);
  g_assert_true (grd_project_set_review_state (project, GRD_REVIEW_TARGET_CODE, trust,
                                               GRD_REVIEW_STATE_ACCEPTED, &error));
  check_undo_redo (project, fixture->path, review_tables, before);
  g_assert_true (grd_project_set_review_state (project, GRD_REVIEW_TARGET_CODING, coding,
                                               GRD_REVIEW_STATE_NEEDS_WORK, &error));
  g_assert_no_error (error);

  marks = grd_project_list_review_states (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (marks->len, ==, 2);
  {
    GrdReviewMark *code_mark = marks->pdata[0];
    GrdReviewMark *coding_mark = marks->pdata[1];

    g_assert_cmpint (code_mark->target, ==, GRD_REVIEW_TARGET_CODE);
    g_assert_cmpint (code_mark->target_id, ==, trust);
    g_assert_cmpint (code_mark->state, ==, GRD_REVIEW_STATE_ACCEPTED);
    g_assert_cmpstr (code_mark->coder_name, ==, "Ayu");
    g_assert_cmpint (coding_mark->target, ==, GRD_REVIEW_TARGET_CODING);
    g_assert_cmpint (coding_mark->state, ==, GRD_REVIEW_STATE_NEEDS_WORK);
  }

  g_free (before);
  before = dump_tables (fixture->path, review_tables);
  g_assert_true (grd_project_clear_review_state (project, GRD_REVIEW_TARGET_CODING, coding, &error));
  g_assert_no_error (error);
  check_undo_redo (project, fixture->path, review_tables, before);

  g_assert_false (grd_project_set_review_state (project, GRD_REVIEW_TARGET_CODING, 4242,
                                                GRD_REVIEW_STATE_ACCEPTED, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Deleting the code takes its states along, and undo brings them back. */
  g_free (before);
  before = dump_tables (fixture->path, review_tables);
  g_assert_true (grd_project_delete_code (project, trust, &error));
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM review_state"), ==, 0);
  check_undo_redo (project, fixture->path, review_tables, before);
}

typedef struct {
  guint    flags;
  gboolean followable;   /* a GrdCodingChange came with it */
} Seen;

static void
on_changed (GrdProject            *project,
            guint                  flags,
            const GrdCodingChange *coding_change,
            Seen                  *seen)
{
  seen->flags = flags;
  seen->followable = coding_change != NULL;
}

static char *
describe_comments (GPtrArray *comments)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < comments->len; i++)
    {
      GrdComment *comment = comments->pdata[i];

      g_string_append_printf (out, "%*s%s%s\n", (int) comment->depth * 2, "", comment->text,
                              comment->resolved_at != 0 ? " (resolved)" : "");
    }
  return g_string_free (out, FALSE);
}

static void
test_comments (Fixture       *fixture,
               gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;
  gint64 source = add_text_source (project, "wawancara", INTERVIEW_TEXT);
  gint64 trust = add_code (project, 0, "Trust");
  gint64 team = add_code (project, 0, "Team");
  gint64 coding = grd_project_add_coding (project, source, trust, 70, 80, &error);
  gint64 first, reply, nested, second, on_coding;

  before = dump_tables (fixture->path, review_tables);
  first = grd_project_add_comment (project, GRD_REVIEW_TARGET_CODE, trust,
                                   "  Definisi kurang jelas 𝒜  ", &error);
  g_assert_no_error (error);
  check_undo_redo (project, fixture->path, review_tables, before);

  second = grd_project_add_comment (project, GRD_REVIEW_TARGET_CODE, team, "Gabung? 🙂", &error);
  g_assert_true (grd_project_set_current_coder (project, "Budi", &error));
  g_free (before);
  before = dump_tables (fixture->path, review_tables);
  reply = grd_project_reply_to_comment (project, first, "Sudah saya perbaiki", &error);
  g_assert_no_error (error);
  check_undo_redo (project, fixture->path, review_tables, before);
  nested = grd_project_reply_to_comment (project, reply, "Terima kasih", &error);
  on_coding = grd_project_add_comment (project, GRD_REVIEW_TARGET_CODING, coding, "Kutipan bagus",
                                       &error);
  g_assert_no_error (error);
  g_assert_cmpint (nested, >, 0);
  g_assert_cmpint (on_coding, >, 0);
  /* a reply to the first comment, made after the nested one */
  grd_project_reply_to_comment (project, first, "Satu lagi", &error);
  g_assert_no_error (error);

  comments = grd_project_list_comments (project, FALSE, &error);
  g_assert_no_error (error);
  text = describe_comments (comments);
  g_assert_cmpstr (text, ==,
                   "Definisi kurang jelas 𝒜\n"
                   "  Sudah saya perbaiki\n"
                   "    Terima kasih\n"
                   "  Satu lagi\n"
                   "Gabung? 🙂\n"
                   "Kutipan bagus\n");
  {
    GrdComment *replied = comments->pdata[1];

    g_assert_cmpstr (replied->author_name, ==, "Budi");
    g_assert_cmpint (replied->parent_id, ==, first);
    g_assert_cmpint (replied->target, ==, GRD_REVIEW_TARGET_CODE);
    g_assert_cmpint (replied->target_id, ==, trust);
    g_assert_cmpint (((GrdComment *) comments->pdata[5])->target, ==, GRD_REVIEW_TARGET_CODING);
  }

  /* Resolving any comment of a thread resolves the thread. */
  g_free (before);
  before = dump_tables (fixture->path, review_tables);
  g_assert_true (grd_project_resolve_comment (project, nested, TRUE, &error));
  g_assert_no_error (error);
  check_undo_redo (project, fixture->path, review_tables, before);
  g_assert_false (grd_project_resolve_comment (project, first, TRUE, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_pointer (&comments, g_ptr_array_unref);
  g_free (text);
  comments = grd_project_list_comments (project, TRUE, &error);
  text = describe_comments (comments);
  g_assert_cmpstr (text, ==, "Gabung? 🙂\nKutipan bagus\n");

  g_clear_pointer (&comments, g_ptr_array_unref);
  comments = grd_project_list_comments (project, FALSE, &error);
  g_assert_cmpstr (((GrdComment *) comments->pdata[2])->resolved_by, ==, "Budi");

  g_free (before);
  before = dump_tables (fixture->path, review_tables);
  g_assert_true (grd_project_resolve_comment (project, first, FALSE, &error));
  g_assert_no_error (error);
  check_undo_redo (project, fixture->path, review_tables, before);

  /* Refused: empty text, unknown targets. */
  g_assert_cmpint (grd_project_add_comment (project, GRD_REVIEW_TARGET_CODE, trust, " \n", &error), ==, 0);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (grd_project_reply_to_comment (project, 999, "x", &error), ==, 0);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A merge carries the threads to the target; removing the coding and
   * deleting the code take theirs along, in one undoable step each. */
  g_assert_true (grd_project_merge_codes (project, team, trust, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM comment WHERE code_id IS NOT NULL"),
                   ==, 5);
  g_free (before);
  before = dump_tables (fixture->path, review_tables);
  {
    Seen seen = { 0, FALSE };
    gulong handler = g_signal_connect (project, "changed", G_CALLBACK (on_changed), &seen);

    /* The comment pane must hear of it: views do not just follow the row. */
    g_assert_true (grd_project_remove_coding (project, coding, &error));
    g_assert_cmpuint (seen.flags & GRD_CHANGE_REVIEW, !=, 0);
    g_assert_false (seen.followable);
    g_signal_handler_disconnect (project, handler);
  }
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM comment WHERE coding_id IS NOT NULL"),
                   ==, 0);
  check_undo_redo (project, fixture->path, review_tables, before);
  g_free (before);
  before = dump_tables (fixture->path, review_tables);
  g_assert_true (grd_project_delete_code (project, trust, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM comment"), ==, 0);
  check_undo_redo (project, fixture->path, review_tables, before);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  (void) second;
}

static guint
count_refs (GArray *refs,
            gint64  code_id)
{
  guint n = 0;

  for (guint i = 0; i < refs->len; i++)
    if (g_array_index (refs, GrdCodingRef, i).code_id == code_id)
      n++;
  return n;
}

/* n_codings codings over a few codes, reviewed, then changed: the changes
 * name every code and coding that came, went or changed. */
static void
check_changes_since_review (Fixture *fixture,
                            guint    n_codings)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdReviewChanges) changes = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 source, codes[4];

  {
    g_autoptr(GString) long_text = g_string_new ("𝒜 ");

    for (guint i = 0; i < n_codings / 4 + 10; i++)
      g_string_append (long_text, "Kami percaya pada tim. ");
    source = add_text_source (project, "panjang", long_text->str);
  }
  codes[0] = add_code (project, 0, "Trust");
  codes[1] = add_code (project, 0, "Team 🙂");
  codes[2] = add_code (project, 0, "Salary");
  codes[3] = add_code (project, 0, "Bonus");

  g_assert_true (grd_project_begin_batch (project, "Code many", &error));
  for (guint i = 0; i < n_codings; i++)
    {
      gint64 start = 2 + (i / 4) * 23 + i % 4;
      gint64 id = grd_project_add_coding (project, source, codes[i % 4], start, start + 5, &error);

      g_assert_no_error (error);
      g_array_append_val (ids, id);
    }
  g_assert_true (grd_project_end_batch (project, &error));

  grd_project_start_review (project, &error);
  g_assert_true (grd_project_finish_review (project, &error));
  g_assert_no_error (error);

  changes = grd_project_changes_since_review (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->codes->len, ==, 0);
  g_assert_cmpuint (changes->codings_added->len, ==, 0);
  g_assert_cmpuint (changes->codings_removed->len, ==, 0);
  g_clear_pointer (&changes, grd_review_changes_free);

  /* The first and the last coding go, one is recoded, two come; a code
   * is renamed, one merged, one added. */
  g_assert_true (grd_project_remove_coding (project, g_array_index (ids, gint64, 0), &error));
  g_assert_true (grd_project_remove_coding (project, g_array_index (ids, gint64, n_codings - 1), &error));
  g_assert_true (grd_project_recode_coding (project, g_array_index (ids, gint64, 5), codes[2], &error));
  g_assert_cmpint (grd_project_add_coding (project, source, codes[0], 3, 9, &error), >, 0);
  g_assert_cmpint (grd_project_add_coding (project, source, codes[1], 3, 9, &error), >, 0);
  g_assert_true (grd_project_rename_code (project, codes[0], "Kepercayaan 𝒜", &error));
  g_assert_true (grd_project_merge_codes (project, codes[3], codes[2], &error));
  add_code (project, codes[2], "Gaji");
  g_assert_no_error (error);

  changes = grd_project_changes_since_review (project, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < changes->codes->len; i++)
    {
      GrdCodeDiff *diff = changes->codes->pdata[i];

      g_string_append_printf (text, "%s %s\n", grd_code_diff_kind_to_string (diff->kind), diff->name);
    }
  g_assert_cmpstr (text->str, ==, "added Gaji\nmerged Bonus\nrenamed Kepercayaan 𝒜\n");

  /* Removed: codings 0 (Trust) and n-1 (Bonus); 5 recoded from Team to
   * Salary. Added: two new ones, 5 again under Salary, and every Bonus
   * coding, merged into Salary. */
  g_assert_cmpuint (count_refs (changes->codings_removed, codes[0]), ==, 1);
  g_assert_cmpuint (count_refs (changes->codings_removed, codes[1]), ==, 1);
  g_assert_cmpuint (count_refs (changes->codings_removed, codes[3]), ==, n_codings / 4);
  g_assert_cmpuint (changes->codings_removed->len, ==, 2 + n_codings / 4);
  g_assert_cmpuint (count_refs (changes->codings_added, codes[0]), ==, 1);
  g_assert_cmpuint (count_refs (changes->codings_added, codes[1]), ==, 1);
  g_assert_cmpuint (count_refs (changes->codings_added, codes[2]), ==, 1 + n_codings / 4 - 1);
  for (guint i = 1; i < changes->codings_added->len; i++)
    g_assert_cmpint (g_array_index (changes->codings_added, GrdCodingRef, i - 1).coding_id, <,
                     g_array_index (changes->codings_added, GrdCodingRef, i).coding_id);

  /* The next review starts from here. */
  grd_project_start_review (project, &error);
  g_assert_true (grd_project_finish_review (project, &error));
  g_clear_pointer (&changes, grd_review_changes_free);
  changes = grd_project_changes_since_review (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->codes->len + changes->codings_added->len + changes->codings_removed->len,
                    ==, 0);
}

static void
test_changes_small (Fixture       *fixture,
                    gconstpointer  data)
{
  check_changes_since_review (fixture, 12);
}

static void
test_changes_larger (Fixture       *fixture,
                     gconstpointer  data)
{
  check_changes_since_review (fixture, 20000);
}

/* A damaged coding set is reported, not read past its end. */
static void
test_changes_damaged (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdReviewChanges) changes = NULL;
  sqlite3 *db = NULL;

  grd_project_start_review (fixture->project, &error);
  g_assert_true (grd_project_finish_review (fixture->project, &error));
  g_clear_object (&fixture->project);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE review SET codings = x'ff'", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);

  fixture_reopen (fixture);
  changes = grd_project_changes_since_review (fixture->project, &error);
  g_assert_null (changes);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "damaged"));
}

/* Comments, review states and relation types leave as Notes with NoteRefs
 * on their code, quote or Link; the report says what became of them and
 * that reviews and the code history stay behind. */
static void
test_refi_notes (Fixture       *fixture,
                 gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GrdRefiReport) check = grd_refi_report_new ();
  g_autoptr(GrdZipReader) zip = NULL;
  g_autoptr(GBytes) qde = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GPtrArray) types = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "ulasan 𝒜.qdpx", NULL);
  g_autofree char *text = NULL;
  gint64 source = add_text_source (project, "wawancara", INTERVIEW_TEXT);
  gint64 trust = add_code (project, 0, "Trust 𝒜");
  gint64 team = add_code (project, 0, "Team");
  gint64 coding = grd_project_add_coding (project, source, trust, 74, 95, &error);
  gint64 first, type_id;

  first = grd_project_add_comment (project, GRD_REVIEW_TARGET_CODE, trust, "Definisi? 🙂", &error);
  grd_project_reply_to_comment (project, first, "Sudah", &error);
  g_assert_true (grd_project_resolve_comment (project, first, TRUE, &error));
  grd_project_add_comment (project, GRD_REVIEW_TARGET_CODING, coding, "Kutipan bagus", &error);
  g_assert_true (grd_project_set_review_state (project, GRD_REVIEW_TARGET_CODING, coding,
                                               GRD_REVIEW_STATE_ACCEPTED, &error));
  type_id = grd_project_add_relation_type (project, "memperkuat", "strengthens 𝒜", FALSE, &error);
  grd_project_add_typed_relation (project, trust, team, type_id, NULL, NULL, &error);
  grd_project_start_review (project, &error);
  g_assert_true (grd_project_finish_review (project, &error));
  g_assert_no_error (error);

  report = grd_refi_export_project (project, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_CONVERTED, "review comment"), ==, 3);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_CONVERTED, "review state"), ==, 1);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_CONVERTED, "relation type"), ==, 1);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "review"), ==, 1);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "code book snapshot"), ==, 1);
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_DROPPED, "code history"), >, 0);
  /* three comments, one state, one type */
  g_assert_cmpuint (grd_refi_report_count (report, GRD_REFI_TAKEN, "Note"), ==, 5);

  zip = grd_zip_reader_open (path, &error);
  g_assert_no_error (error);
  qde = grd_zip_reader_read_entry (zip, "project.qde", 64 * 1024 * 1024, &error);
  g_assert_no_error (error);
  g_assert_true (grd_refi_validate (GRD_REFI_SCHEMA_PROJECT, qde, "project.qde", check));
  g_assert_cmpuint (check->warnings->len, ==, 0);
  text = g_strndup (g_bytes_get_data (qde, NULL), g_bytes_get_size (qde));

  comments = grd_project_list_comments (project, FALSE, &error);
  for (guint i = 0; i < comments->len; i++)
    {
      g_autofree char *ref = g_strdup_printf ("<NoteRef targetGUID=\"%s\"",
                                              ((GrdComment *) comments->pdata[i])->guid);

      g_assert_nonnull (strstr (text, ref));
    }
  g_assert_nonnull (strstr (text, "Resolved by Ayu"));
  g_assert_nonnull (strstr (text, "Reply by Ayu"));
  g_assert_nonnull (strstr (text, "<PlainTextContent>accepted</PlainTextContent>"));
  g_assert_nonnull (strstr (text, "name=\"memperkuat\" direction=\"Associative\""));
  types = grd_project_list_relation_types (project, &error);
  {
    g_autofree char *ref = g_strdup_printf ("<NoteRef targetGUID=\"%s\"",
                                            ((GrdRelationType *) types->pdata[0])->guid);

    g_assert_nonnull (strstr (text, ref));
  }
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  GRD_TEST_ADD ("/grounded/review/cycle", test_review_cycle);
  GRD_TEST_ADD ("/grounded/review/states", test_review_states);
  GRD_TEST_ADD ("/grounded/review/comments", test_comments);
  GRD_TEST_ADD ("/grounded/review/changes-small", test_changes_small);
  GRD_TEST_ADD ("/grounded/review/changes-larger", test_changes_larger);
  GRD_TEST_ADD ("/grounded/review/changes-damaged", test_changes_damaged);
  GRD_TEST_ADD ("/grounded/review/refi-notes", test_refi_notes);

  return g_test_run ();
}
