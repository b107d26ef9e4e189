/* test-history.c: undo and redo of every edit, across closing and reopening
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-util.h"

/* A fingerprint of everything a person can see in the project, so undo can
 * be checked to give back exactly the state before the edit. */
static char *
snapshot (GrdProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) sources = grd_project_list_sources (project, &error);
  g_autoptr(GPtrArray) codes = grd_project_list_codes (project, &error);
  g_autoptr(GPtrArray) codings = grd_project_list_codings (project, 0, &error);
  g_autoptr(GPtrArray) cases = grd_project_list_cases (project, &error);
  g_autoptr(GPtrArray) values = grd_project_list_values (project, 0, 0, &error);
  g_autoptr(GPtrArray) memos = grd_project_list_memos (project, -1, 0, &error);
  g_autoptr(GPtrArray) relations = grd_project_list_relations (project, &error);
  g_autoptr(GPtrArray) sets = grd_project_list_code_sets (project, &error);

  g_assert_no_error (error);

  for (guint i = 0; i < sources->len; i++)
    {
      GrdSource *s = sources->pdata[i];
      g_autoptr(GArray) turns = grd_project_list_turns (project, s->id, &error);

      g_string_append_printf (out, "source %s %s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " turns %u\n",
                              s->guid, s->name, s->content_hash, s->length, s->case_id, turns->len);
    }
  for (guint i = 0; i < codes->len; i++)
    {
      GrdCode *c = codes->pdata[i];

      g_string_append_printf (out, "code %s %s %" G_GINT64_FORMAT " %d %s %s %d %u\n", c->guid,
                              c->name, c->parent_id, c->position, c->color, c->description, c->kind,
                              c->n_codings_total);
    }
  for (guint i = 0; i < codings->len; i++)
    {
      GrdCoding *g = codings->pdata[i];

      g_string_append_printf (out, "coding %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %"
                              G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %d\n",
                              g->guid, g->source_id, g->code_id, g->start, g->end, g->representative);
    }
  for (guint i = 0; i < cases->len; i++)
    g_string_append_printf (out, "case %s %s\n", ((GrdCase *) cases->pdata[i])->guid,
                            ((GrdCase *) cases->pdata[i])->name);
  for (guint i = 0; i < values->len; i++)
    {
      GrdAttributeValue *v = values->pdata[i];

      g_string_append_printf (out, "value %s %" G_GINT64_FORMAT " %s\n", v->attribute_name,
                              v->case_id, v->value != NULL ? v->value : "(n/a)");
    }
  for (guint i = 0; i < memos->len; i++)
    {
      GrdMemo *m = memos->pdata[i];

      g_string_append_printf (out, "memo %s %d %" G_GINT64_FORMAT " %s %s\n", m->guid, m->scope,
                              m->target_id, m->title, m->text);
    }
  for (guint i = 0; i < relations->len; i++)
    {
      GrdRelation *r = relations->pdata[i];

      g_string_append_printf (out, "relation %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %d\n",
                              r->guid, r->from_code_id, r->to_code_id, r->kind);
    }
  for (guint i = 0; i < sets->len; i++)
    g_string_append_printf (out, "set %s %u\n", ((GrdCodeSet *) sets->pdata[i])->name,
                            ((GrdCodeSet *) sets->pdata[i])->code_ids->len);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct {
  gint64 source;
  gint64 intrinsic;
  gint64 extrinsic;
  gint64 trust;
  gint64 facility;
  gint64 coding;
  gint64 kase;
  gint64 attribute;
  gint64 relation;
  gint64 memo;
  gint64 set;
} World;

static void
build_world (GrdProject *project,
             World      *world)
{
  g_autoptr(GError) error = NULL;

  world->source = add_text_source (project, "Respondent 1", INTERVIEW_TEXT);
  world->intrinsic = add_code (project, 0, "Intrinsic");
  world->extrinsic = add_code (project, 0, "Extrinsic");
  world->trust = add_code (project, world->intrinsic, "Trust");
  world->facility = add_code (project, world->extrinsic, "Facility");
  world->coding = grd_project_add_coding (project, world->source, world->trust, 40, 90, &error);
  grd_project_add_coding (project, world->source, world->facility, 60, 120, &error);
  world->kase = grd_project_add_case (project, "Respondent 1", NULL, &error);
  grd_project_set_source_case (project, world->source, world->kase, &error);
  world->attribute = grd_project_add_attribute (project, "clients", GRD_ATTRIBUTE_TYPE_NUMBER,
                                                NULL, &error);
  grd_project_set_case_value (project, world->kase, world->attribute, "80", &error);
  world->relation = grd_project_add_relation (project, world->trust, world->facility,
                                              GRD_RELATION_KIND_CONTEXT, "in", NULL, &error);
  world->memo = grd_project_add_memo (project, GRD_MEMO_SCOPE_CODING, world->coding, NULL,
                                      "In vivo: “trust will emerge”", &error);
  world->set = grd_project_add_code_set (project, "Primary", NULL, &error);
  grd_project_add_to_code_set (project, world->set, world->trust, &error);
  g_assert_no_error (error);
}

typedef gboolean (*EditFunc) (GrdProject *project, World *world, GError **error);

static gboolean
edit_rename_code (GrdProject *p, World *w, GError **e)
{
  return grd_project_rename_code (p, w->trust, "Trust and Solution", e);
}

static gboolean
edit_move_code (GrdProject *p, World *w, GError **e)
{
  return grd_project_move_code (p, w->trust, w->extrinsic, 0, e);
}

static gboolean
edit_merge_codes (GrdProject *p, World *w, GError **e)
{
  return grd_project_merge_codes (p, w->facility, w->trust, e);
}

static gboolean
edit_delete_code (GrdProject *p, World *w, GError **e)
{
  return grd_project_delete_code (p, w->intrinsic, e);
}

static gboolean
edit_delete_source (GrdProject *p, World *w, GError **e)
{
  return grd_project_delete_source (p, w->source, e);
}

static gboolean
edit_remove_coding (GrdProject *p, World *w, GError **e)
{
  return grd_project_remove_coding (p, w->coding, e);
}

static gboolean
edit_add_coding (GrdProject *p, World *w, GError **e)
{
  return grd_project_add_coding (p, w->source, w->intrinsic, 3, 9, e) > 0;
}

static gboolean
edit_representative (GrdProject *p, World *w, GError **e)
{
  return grd_project_set_representative (p, w->coding, TRUE, e);
}

static gboolean
edit_delete_case (GrdProject *p, World *w, GError **e)
{
  return grd_project_delete_case (p, w->kase, e);
}

static gboolean
edit_set_value (GrdProject *p, World *w, GError **e)
{
  return grd_project_set_case_value (p, w->kase, w->attribute, "n/a", e);
}

static gboolean
edit_delete_attribute (GrdProject *p, World *w, GError **e)
{
  return grd_project_delete_attribute (p, w->attribute, e);
}

static gboolean
edit_update_memo (GrdProject *p, World *w, GError **e)
{
  return grd_project_update_memo (p, w->memo, "Title", "Rewritten", e);
}

static gboolean
edit_delete_relation (GrdProject *p, World *w, GError **e)
{
  return grd_project_delete_relation (p, w->relation, e);
}

static gboolean
edit_import (GrdProject *p, World *w, GError **e)
{
  return add_text_source (p, "Respondent 2", "Interviewer: Q1?\nSiti: 𝒜 answer.\n") > 0;
}

static gboolean
edit_set_kind (GrdProject *p, World *w, GError **e)
{
  return grd_project_set_code_kind (p, w->extrinsic, GRD_CODE_KIND_AGGREGATE_DIMENSION, e);
}

static const struct {
  const char *name;
  EditFunc    edit;
} edits[] = {
  { "rename-code", edit_rename_code },
  { "move-code", edit_move_code },
  { "merge-codes", edit_merge_codes },
  { "delete-code", edit_delete_code },
  { "delete-source", edit_delete_source },
  { "remove-coding", edit_remove_coding },
  { "add-coding", edit_add_coding },
  { "representative", edit_representative },
  { "delete-case", edit_delete_case },
  { "set-value", edit_set_value },
  { "delete-attribute", edit_delete_attribute },
  { "update-memo", edit_update_memo },
  { "delete-relation", edit_delete_relation },
  { "import", edit_import },
  { "set-kind", edit_set_kind },
};

/* For each kind of edit: undo gives back the state before it, redo the
 * state after it, also after the project was closed in between. */
static void
test_undo_redo_each_edit (Fixture       *fixture,
                          gconstpointer  data)
{
  guint which = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *label = NULL;
  World world;

  build_world (fixture->project, &world);
  before = snapshot (fixture->project);
  g_assert_true (edits[which].edit (fixture->project, &world, &error));
  g_assert_no_error (error);
  after = snapshot (fixture->project);
  g_assert_cmpstr (before, !=, after);

  fixture_reopen (fixture);
  label = grd_project_undo (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_nonnull (label);
  undone = snapshot (fixture->project);
  g_assert_cmpstr (undone, ==, before);

  fixture_reopen (fixture);
  g_clear_pointer (&label, g_free);
  label = grd_project_redo (fixture->project, &error);
  g_assert_no_error (error);
  redone = snapshot (fixture->project);
  g_assert_cmpstr (redone, ==, after);

  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
}

/* Unwinding the whole history leaves an empty project, and winding it
 * forward again rebuilds it exactly, full-text index included. */
static void
test_undo_everything (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = snapshot (fixture->project);
  g_autofree char *full = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  World world;
  guint steps = 0;

  build_world (fixture->project, &world);
  full = snapshot (fixture->project);

  while (grd_project_can_undo (fixture->project))
    {
      g_autofree char *label = grd_project_undo (fixture->project, &error);
      g_assert_no_error (error);
      steps++;
    }
  g_assert_cmpuint (steps, ==, 15);
  {
    g_autofree char *now = snapshot (fixture->project);
    g_assert_cmpstr (now, ==, empty);
  }
  hits = grd_query_search (fixture->project, "supportive", 0, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  g_assert_null (grd_project_undo (fixture->project, &error));
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOTHING_TO_UNDO);
  g_clear_error (&error);

  while (grd_project_can_redo (fixture->project))
    {
      g_autofree char *label = grd_project_redo (fixture->project, &error);
      g_assert_no_error (error);
    }
  again = snapshot (fixture->project);
  g_assert_cmpstr (again, ==, full);
  hits = grd_query_search (fixture->project, "supportive", 0, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
}

static void
test_new_edit_drops_redo (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *label = NULL;

  add_code (fixture->project, 0, "Trust");
  add_code (fixture->project, 0, "Solution");
  label = grd_project_undo (fixture->project, &error);
  g_assert_cmpstr (label, ==, "Add code “Solution”");
  g_assert_true (grd_project_can_redo (fixture->project));

  add_code (fixture->project, 0, "Personality");
  g_assert_false (grd_project_can_redo (fixture->project));

  history = grd_project_list_history (fixture->project, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (((GrdHistoryStep *) history->pdata[0])->label, ==, "Add code “Personality”");
  g_assert_cmpstr (((GrdHistoryStep *) history->pdata[0])->coder_name, ==, "Ayu");
}

/* An edit that changes nothing leaves no step and keeps what could be
 * redone. */
static void
test_noop_edit_keeps_redo (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *label = NULL;
  gint64 trust = add_code (fixture->project, 0, "Trust");
  gint64 set = grd_project_add_code_set (fixture->project, "Primary", NULL, &error);

  grd_project_add_to_code_set (fixture->project, set, trust, &error);
  add_code (fixture->project, 0, "Money");
  label = grd_project_undo (fixture->project, &error);
  g_assert_no_error (error);

  g_assert_true (grd_project_rename_code (fixture->project, trust, "Trust", &error));
  g_assert_true (grd_project_add_to_code_set (fixture->project, set, trust, &error));
  g_assert_true (grd_project_set_code_color (fixture->project, trust, "#3584e4", &error));
  g_assert_no_error (error);

  g_assert_true (grd_project_can_redo (fixture->project));
  history = grd_project_list_history (fixture->project, 0, &error);
  g_assert_cmpuint (history->len, ==, 4);
  g_assert_true (((GrdHistoryStep *) history->pdata[0])->undone);
}

/* A batch is one undo step; an edit that fails inside it leaves the rest. */
static void
test_batch (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autofree char *label = NULL;

  g_assert_true (grd_project_begin_batch (fixture->project, "Build code book", &error));
  add_code (fixture->project, 0, "Intrinsic");
  add_code (fixture->project, 0, "Extrinsic");
  g_assert_cmpint (grd_project_add_code (fixture->project, 0, "Intrinsic", 0, NULL, NULL, &error),
                   ==, 0);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE);
  g_clear_error (&error);
  add_code (fixture->project, 0, "Core");
  g_assert_true (grd_project_end_batch (fixture->project, &error));
  g_assert_no_error (error);

  codes = grd_project_list_codes (fixture->project, &error);
  g_assert_cmpuint (codes->len, ==, 3);

  label = grd_project_undo (fixture->project, &error);
  g_assert_cmpstr (label, ==, "Build code book");
  g_clear_pointer (&codes, g_ptr_array_unref);
  codes = grd_project_list_codes (fixture->project, &error);
  g_assert_cmpuint (codes->len, ==, 0);
}

static void
test_aborted_batch_leaves_nothing (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_code (fixture->project, 0, "Kept");
  g_assert_true (grd_project_begin_batch (fixture->project, "Import three files", &error));
  add_text_source (fixture->project, "one", "Interviewer: one?\n");
  add_code (fixture->project, 0, "Lost");
  grd_project_abort_batch (fixture->project);

  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM source"), ==, 0);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM code"), ==, 1);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM history_step"), ==, 1);
}

static guint
count_hits (GrdProject *project,
            const char *word)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = grd_query_search (project, word, 0, 10, NULL, &error);

  g_assert_no_error (error);
  return hits->len;
}

static void
assert_search_index_sound (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO source_fts (source_fts) VALUES ('integrity-check')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* A batch indexes its transcripts for search when it ends: one deleted
 * inside the batch is not found (its id, taken again by the next, is
 * indexed once), the others are, and undo and redo keep the index whole. */
static void
test_batch_search (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  gint64 dropped;

  g_assert_true (grd_project_begin_batch (fixture->project, "Import three files", &error));
  dropped = add_text_source (fixture->project, "draft", "Interviewer: Kepercayaan? 𝒜\nBudi: draftword\n");
  g_assert_true (grd_project_delete_source (fixture->project, dropped, &error));
  g_assert_no_error (error);
  g_assert_cmpint (add_text_source (fixture->project, "one", "Interviewer: Apa?\nBudi: kepercayaan 🙂\n"),
                   ==, dropped);
  add_text_source (fixture->project, "two", "Interviewer: Dan?\nSari: kepercayaan café\n");
  g_assert_true (grd_project_end_batch (fixture->project, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (count_hits (fixture->project, "draftword"), ==, 0);
  g_assert_cmpuint (count_hits (fixture->project, "kepercayaan"), ==, 2);
  g_assert_cmpuint (count_hits (fixture->project, "cafe"), ==, 1);
  assert_search_index_sound (fixture->path);

  undone = grd_project_undo (fixture->project, &error);
  g_assert_cmpstr (undone, ==, "Import three files");
  g_assert_cmpuint (count_hits (fixture->project, "kepercayaan"), ==, 0);
  assert_search_index_sound (fixture->path);
  redone = grd_project_redo (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_hits (fixture->project, "kepercayaan"), ==, 2);
  assert_search_index_sound (fixture->path);
}

/* A project handed on without its history: the data stays, nothing can be
 * undone or redone, and new edits start a new history. */
static void
test_forget_history (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *undone = NULL;

  add_code (fixture->project, 0, "Trust");
  add_code (fixture->project, 0, "Solution");
  undone = grd_project_undo (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_true (grd_project_can_redo (fixture->project));

  g_assert_true (grd_project_forget_history (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_false (grd_project_can_undo (fixture->project));
  g_assert_false (grd_project_can_redo (fixture->project));
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM code"), ==, 1);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM history_change"), ==, 0);

  add_code (fixture->project, 0, "Comfort");
  g_clear_pointer (&undone, g_free);
  undone = grd_project_undo (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (undone, ==, "Add code “Comfort”");
  g_assert_false (grd_project_can_undo (fixture->project));
}

/* A batch that adds many rows logs them as runs: undo and redo still give
 * back each state exactly, with a run's rows changed or removed inside the
 * batch, an older row of the run's table changed after it, and a code
 * renamed out of the way of a new code of its name between two runs. */
static void
test_runs (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *label = NULL;
  gint64 source = add_text_source (fixture->project, "Respondent 1", INTERVIEW_TEXT);
  gint64 old = add_code (fixture->project, 0, "Old 𝒜");
  gint64 kept = grd_project_add_coding (fixture->project, source, old, 60, 70, &error);
  gint64 fresh, codings[6];

  g_assert_no_error (error);
  before = snapshot (fixture->project);
  g_assert_true (grd_project_begin_batch (fixture->project, "Code everything", &error));
  for (guint i = 0; i < G_N_ELEMENTS (codings); i++)
    {
      codings[i] = grd_project_add_coding (fixture->project, source, old, 3 * i, 3 * i + 7,
                                           &error);
      g_assert_no_error (error);
    }
  g_assert_true (grd_project_set_representative (fixture->project, codings[5], TRUE, &error));
  g_assert_true (grd_project_remove_coding (fixture->project, codings[2], &error));
  g_assert_true (grd_project_set_representative (fixture->project, kept, TRUE, &error));
  g_assert_true (grd_project_rename_code (fixture->project, old, "Older", &error));
  fresh = add_code (fixture->project, 0, "Old 𝒜");
  for (guint i = 0; i < 4; i++)
    {
      grd_project_add_coding (fixture->project, source, fresh, 40 + i, 50 + i, &error);
      g_assert_no_error (error);
    }
  g_assert_true (grd_project_end_batch (fixture->project, &error));
  after = snapshot (fixture->project);
  /* runs, not a change per coding */
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM history_change "
                                              "WHERE tbl = 'coding'"), <, 6);

  fixture_reopen (fixture);
  label = grd_project_undo (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (label, ==, "Code everything");
  undone = snapshot (fixture->project);
  g_assert_cmpstr (undone, ==, before);

  fixture_reopen (fixture);
  g_clear_pointer (&label, g_free);
  label = grd_project_redo (fixture->project, &error);
  g_assert_no_error (error);
  redone = snapshot (fixture->project);
  g_assert_cmpstr (redone, ==, after);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM history_row_image"), ==, 0);
  g_assert_cmpint (count_rows (fixture->path, "SELECT count(*) FROM pragma_foreign_key_check"),
                   ==, 0);
}

/* A REFI-QDA import is one step: undo gives back the project as it was,
 * full-text index included, and redo the import with its GUIDs. */
static void
test_import_undo_redo (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GrdProject) other = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *qdpx = g_build_filename (fixture->dir, "world.qdpx", NULL);
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.grounded", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *label = NULL;
  World world;

  build_world (fixture->project, &world);
  for (guint i = 0; i < 30; i++)
    {
      grd_project_add_coding (fixture->project, world.source,
                              i % 2 == 0 ? world.intrinsic : world.facility, 2 * i, 2 * i + 9,
                              &error);
      g_assert_no_error (error);
    }
  report = grd_refi_export_project (fixture->project, qdpx, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&report, grd_refi_report_free);

  other = grd_project_create (other_path, &error);
  g_assert_no_error (error);
  add_code (other, 0, "Already here");
  add_text_source (other, "Notes", "Interviewer: kept?\nAyu: 𝒜 kept.\n");
  before = snapshot (other);
  report = grd_refi_import_project (other, qdpx, NULL, &error);
  g_assert_no_error (error);
  after = snapshot (other);
  g_assert_cmpstr (after, !=, before);
  g_assert_cmpint (count_rows (other_path, "SELECT count(*) FROM history_change "
                                           "WHERE tbl = 'coding'"), <, 5);

  g_clear_object (&other);
  other = grd_project_open (other_path, &error);
  g_assert_no_error (error);
  label = grd_project_undo (other, &error);
  g_assert_no_error (error);
  undone = snapshot (other);
  g_assert_cmpstr (undone, ==, before);
  hits = grd_query_search (other, "supportive", 0, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  g_clear_object (&other);
  other = grd_project_open (other_path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&label, g_free);
  label = grd_project_redo (other, &error);
  g_assert_no_error (error);
  redone = snapshot (other);
  g_assert_cmpstr (redone, ==, after);
  hits = grd_query_search (other, "supportive", 0, 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *path = g_strdup_printf ("/grounded/history/undo-redo/%s", edits[i].name);

      g_test_add (path, Fixture, GUINT_TO_POINTER (i), fixture_set_up, test_undo_redo_each_edit,
                  fixture_tear_down);
    }

  GRD_TEST_ADD ("/grounded/history/undo-everything", test_undo_everything);
  GRD_TEST_ADD ("/grounded/history/new-edit-drops-redo", test_new_edit_drops_redo);
  GRD_TEST_ADD ("/grounded/history/batch", test_batch);
  GRD_TEST_ADD ("/grounded/history/noop-edit-keeps-redo", test_noop_edit_keeps_redo);
  GRD_TEST_ADD ("/grounded/history/aborted-batch", test_aborted_batch_leaves_nothing);
  GRD_TEST_ADD ("/grounded/history/batch-search", test_batch_search);
  GRD_TEST_ADD ("/grounded/history/forget", test_forget_history);
  GRD_TEST_ADD ("/grounded/history/runs", test_runs);
  GRD_TEST_ADD ("/grounded/history/import", test_import_undo_redo);

  return g_test_run ();
}
