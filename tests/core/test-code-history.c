/* test-code-history.c: code events, splitting, snapshots, format 3
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-util.h"

static const char * const history_tables[] = {
  "code", "coding", "code_event", "codebook_snapshot", NULL,
};

/* The events of a code as "event old→new other" lines. */
static char *
describe_events (GPtrArray *events)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < events->len; i++)
    {
      GrdCodeEvent *event = events->pdata[i];

      g_string_append_printf (out, "%s %s→%s %s\n", grd_code_event_kind_to_string (event->kind),
                              event->old_value != NULL ? event->old_value : "-",
                              event->new_value != NULL ? event->new_value : "-",
                              event->other_guid != NULL ? "other" : "-");
      g_assert_cmpstr (event->coder_name, ==, "Ayu");
      g_assert_cmpint (event->created_at, >, 0);
    }
  return g_string_free (out, FALSE);
}

static char *
events_of (GrdProject *project,
           gint64      code_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = grd_project_list_code_events (project, code_id, &error);

  g_assert_no_error (error);
  return describe_events (events);
}

/* Each edit of the code system records its event in the same step, and
 * undo takes the event away with the change. */
static void
test_events_per_edit (Fixture       *fixture,
                      gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;
  gint64 dimension, theme, open, other, doomed;

  dimension = add_code (project, 0, "Intrinsik 𝒜");
  theme = add_code (project, 0, "Personal development");
  open = add_code (project, 0, "belajar 🙂");
  other = add_code (project, 0, "tumbuh");
  doomed = add_code (project, 0, "sementara");

  before = dump_tables (fixture->path, history_tables);
  g_assert_true (grd_project_rename_code (project, open, "belajar terus 🙂", &error));
  g_assert_no_error (error);
  check_undo_redo (project, fixture->path, history_tables, before);

  /* renaming to the same name records nothing */
  g_assert_true (grd_project_rename_code (project, open, "belajar terus 🙂", &error));

  g_free (before);
  before = dump_tables (fixture->path, history_tables);
  g_assert_true (grd_project_move_code (project, open, theme, -1, &error));
  g_assert_no_error (error);
  check_undo_redo (project, fixture->path, history_tables, before);

  g_free (before);
  before = dump_tables (fixture->path, history_tables);
  g_assert_true (grd_project_set_code_kind (project, theme, GRD_CODE_KIND_THEME, &error));
  g_assert_no_error (error);
  check_undo_redo (project, fixture->path, history_tables, before);

  g_assert_true (grd_project_set_core_category (project, dimension, &error));
  g_assert_true (grd_project_set_core_category (project, theme, &error));
  g_assert_no_error (error);

  g_free (before);
  before = dump_tables (fixture->path, history_tables);
  g_assert_true (grd_project_merge_codes (project, other, theme, &error));
  g_assert_no_error (error);
  check_undo_redo (project, fixture->path, history_tables, before);

  g_free (before);
  before = dump_tables (fixture->path, history_tables);
  g_assert_true (grd_project_delete_code (project, doomed, &error));
  g_assert_no_error (error);
  check_undo_redo (project, fixture->path, history_tables, before);

  text = events_of (project, open);
  g_assert_cmpstr (text, ==,
                   "create -→belajar 🙂 -\n"
                   "rename belajar 🙂→belajar terus 🙂 -\n"
                   "move →Personal development other\n");
  g_free (text);

  /* The theme's history tells what became of it and what went into it. */
  text = events_of (project, theme);
  g_assert_cmpstr (text, ==,
                   "create -→Personal development -\n"
                   "move →Personal development other\n"
                   "kind open-code→theme -\n"
                   "kind theme→core-category -\n"
                   "merge tumbuh→Personal development other\n");
  g_free (text);
  text = events_of (project, dimension);
  g_assert_cmpstr (text, ==,
                   "create -→Intrinsik 𝒜 -\n"
                   "kind open-code→core-category -\n"
                   "kind core-category→theme -\n");

  /* The deleted code's history outlives it, by GUID. */
  {
    g_autoptr(GPtrArray) all = grd_project_list_code_events_since (project, 0, &error);
    GrdCodeEvent *last;

    g_assert_no_error (error);
    last = all->pdata[all->len - 1];
    g_assert_cmpint (last->kind, ==, GRD_CODE_EVENT_DELETE);
    g_assert_cmpstr (last->old_value, ==, "sementara");
    g_assert_cmpint (last->code_id, ==, 0);

    g_clear_pointer (&all, g_ptr_array_unref);
    all = grd_project_list_code_events_since (project, G_MAXINT64, &error);
    g_assert_cmpuint (all->len, ==, 0);
  }
}

/* "These 9 open codes became Personal development." */
static void
test_codes_became_theme (Fixture       *fixture,
                         gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 theme = add_code (project, 0, "Personal development");
  guint n_moved = 0, n_merged = 0;

  for (guint i = 0; i < 9; i++)
    {
      g_autofree char *name = g_strdup_printf ("open %u 𝒜", i);
      gint64 code = add_code (project, 0, name);

      if (i % 3 == 0)
        g_assert_true (grd_project_merge_codes (project, code, theme, &error));
      else
        g_assert_true (grd_project_move_code (project, code, theme, -1, &error));
      g_assert_no_error (error);
    }

  events = grd_project_list_code_events (project, theme, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      GrdCodeEvent *event = events->pdata[i];

      if (event->kind == GRD_CODE_EVENT_MOVE)
        n_moved++;
      else if (event->kind == GRD_CODE_EVENT_MERGE)
        {
          n_merged++;
          g_assert_cmpint (event->other_id, ==, theme);
          g_assert_cmpint (event->code_id, ==, 0);
        }
    }
  g_assert_cmpuint (n_moved, ==, 6);
  g_assert_cmpuint (n_merged, ==, 3);
}

static void
test_split (Fixture       *fixture,
            gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *unchanged = NULL;
  gint64 source = add_text_source (project, "wawancara", INTERVIEW_TEXT);
  gint64 parent = add_code (project, 0, "Motivasi");
  gint64 trust = add_code (project, parent, "Trust 𝒜");
  gint64 codings[4];
  gint64 chosen[3], sibling, child;

  for (guint i = 0; i < 4; i++)
    {
      codings[i] = grd_project_add_coding (project, source, trust, 70 + 20 * i, 80 + 20 * i, &error);
      g_assert_no_error (error);
    }
  chosen[0] = codings[1];
  chosen[1] = codings[3];
  chosen[2] = codings[1];   /* listed twice: moves once */

  before = dump_tables (fixture->path, history_tables);
  sibling = grd_project_split_code (project, trust, chosen, 3, "Kepercayaan 🙂", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sibling, >, 0);
  {
    g_autoptr(GrdCode) made = grd_project_get_code (project, sibling, &error);
    g_autoptr(GrdCoding) moved = grd_project_get_coding (project, codings[3], &error);
    g_autoptr(GrdCoding) kept = grd_project_get_coding (project, codings[0], &error);

    g_assert_cmpint (made->parent_id, ==, parent);
    g_assert_cmpuint (made->n_codings, ==, 2);
    g_assert_cmpint (moved->code_id, ==, sibling);
    g_assert_cmpint (kept->code_id, ==, trust);
  }
  check_undo_redo (project, fixture->path, history_tables, before);
  {
    g_autofree char *text = events_of (project, trust);

    g_assert_cmpstr (text, ==,
                     "create -→Trust 𝒜 other\n"   /* created under Motivasi */
                     "split Trust 𝒜→Kepercayaan 🙂 other\n");
    g_free (text);
    text = events_of (project, sibling);
    g_assert_cmpstr (text, ==,
                     "create -→Kepercayaan 🙂 other\n"
                     "split Trust 𝒜→Kepercayaan 🙂 other\n");
  }
  /* As the window and the CLI tell it, from either side. */
  {
    g_autoptr(GrdCode) from = grd_project_get_code (project, trust, &error);
    g_autoptr(GrdCode) made = grd_project_get_code (project, sibling, &error);
    g_autoptr(GPtrArray) events = grd_project_list_code_events (project, trust, &error);
    g_autofree char *told_from = NULL;
    g_autofree char *told_made = NULL;

    g_assert_no_error (error);
    told_from = grd_code_event_describe (events->pdata[1], from->guid);
    told_made = grd_code_event_describe (events->pdata[1], made->guid);
    g_assert_cmpstr (told_from, ==, "“Kepercayaan 🙂” split off it");
    g_assert_cmpstr (told_made, ==, "split off “Trust 𝒜”");
  }

  child = grd_project_split_code (project, trust, &codings[0], 1, "Anak", TRUE, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GrdCode) made = grd_project_get_code (project, child, &error);

    g_assert_cmpint (made->parent_id, ==, trust);
  }

  /* Refused, with nothing changed: a coding of another code, no codings,
   * a name taken. */
  g_free (before);
  before = dump_tables (fixture->path, history_tables);
  g_assert_cmpint (grd_project_split_code (project, trust, &codings[3], 1, "X", FALSE, &error), ==, 0);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (grd_project_split_code (project, trust, NULL, 0, "X", FALSE, &error), ==, 0);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (grd_project_split_code (project, trust, &codings[2], 1, "Kepercayaan 🙂", FALSE,
                                           &error), ==, 0);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE);
  g_clear_error (&error);
  unchanged = dump_tables (fixture->path, history_tables);
  g_assert_cmpstr (unchanged, ==, before);
}

static char *
describe_diff (GPtrArray *diffs)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < diffs->len; i++)
    {
      GrdCodeDiff *diff = diffs->pdata[i];

      g_string_append_printf (out, "%s %s %s→%s\n", grd_code_diff_kind_to_string (diff->kind),
                              diff->name, diff->old_value != NULL ? diff->old_value : "-",
                              diff->new_value != NULL ? diff->new_value : "-");
    }
  return g_string_free (out, FALSE);
}

static void
test_snapshot_compare (Fixture       *fixture,
                       gconstpointer  data)
{
  GrdProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) snapshots = NULL;
  g_autoptr(GPtrArray) diffs = NULL;
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;
  gint64 a = add_code (project, 0, "Ekstrinsik");
  gint64 b = add_code (project, 0, "Gaji 💰");
  gint64 c = add_code (project, 0, "Bonus");
  gint64 d = add_code (project, 0, "Hapus");
  gint64 e = add_code (project, 0, "Lama");
  gint64 snapshot_id;

  before = dump_tables (fixture->path, history_tables);
  snapshot_id = grd_project_take_snapshot (project, "Sebelum rapat 𝒜", &error);
  g_assert_no_error (error);
  g_assert_cmpint (snapshot_id, >, 0);
  check_undo_redo (project, fixture->path, history_tables, before);

  /* Unchanged: nothing to report. */
  diffs = grd_project_compare_snapshot (project, snapshot_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (diffs->len, ==, 0);
  g_clear_pointer (&diffs, g_ptr_array_unref);

  add_code (project, a, "Baru ✨");
  g_assert_true (grd_project_rename_code (project, b, "Gaji pokok 💰", &error));
  g_assert_true (grd_project_move_code (project, b, a, -1, &error));
  g_assert_true (grd_project_merge_codes (project, c, a, &error));
  g_assert_true (grd_project_delete_code (project, d, &error));
  g_assert_true (grd_project_set_code_kind (project, e, GRD_CODE_KIND_SUB_THEME, &error));
  g_assert_no_error (error);

  diffs = grd_project_compare_snapshot (project, snapshot_id, &error);
  g_assert_no_error (error);
  text = describe_diff (diffs);
  g_assert_cmpstr (text, ==,
                   "added Baru ✨ -→-\n"
                   "removed Hapus -→-\n"
                   "merged Bonus -→Ekstrinsik\n"
                   "renamed Gaji pokok 💰 Gaji 💰→Gaji pokok 💰\n"
                   "moved Gaji pokok 💰 →Ekstrinsik\n"
                   "kind Lama open-code→sub-theme\n");
  {
    g_autoptr(GString) told = g_string_new (NULL);

    for (guint i = 0; i < diffs->len; i++)
      {
        g_autofree char *line = grd_code_diff_describe (diffs->pdata[i]);

        g_string_append_printf (told, "%s\n", line);
      }
    g_assert_cmpstr (told->str, ==,
                     "Added code “Baru ✨”\n"
                     "Deleted code “Hapus”\n"
                     "Merged “Bonus” into “Ekstrinsik”\n"
                     "Renamed “Gaji 💰” to “Gaji pokok 💰”\n"
                     "Moved “Gaji pokok 💰” from the top level under “Ekstrinsik”\n"
                     "Made “Lama” a sub-theme (was open-code)\n");
  }

  snapshots = grd_project_list_snapshots (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (snapshots->len, ==, 1);
  g_assert_cmpstr (((GrdSnapshot *) snapshots->pdata[0])->label, ==, "Sebelum rapat 𝒜");
  g_assert_cmpuint (((GrdSnapshot *) snapshots->pdata[0])->n_codes, ==, 5);

  g_clear_pointer (&diffs, g_ptr_array_unref);
  diffs = grd_project_compare_snapshot (project, 99, &error);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND);
  g_assert_null (diffs);
  g_clear_error (&error);
  g_assert_cmpint (grd_project_take_snapshot (project, " ", &error), ==, 0);
  g_assert_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID);
}

/* A code made by a REFI-QDA import keeps the code book's GUID, and its
 * history follows it there. */
static void
test_imported_code_history (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) exported = NULL;
  g_autoptr(GrdRefiReport) imported = NULL;
  g_autoptr(GrdProject) other = NULL;
  g_autoptr(GrdCode) original = NULL;
  g_autoptr(GrdCode) copy = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *book = g_build_filename (fixture->dir, "buku kode 𝒜.qdc", NULL);
  g_autofree char *other_path = g_build_filename (fixture->dir, "lain.grounded", NULL);
  gint64 parent = add_code (fixture->project, 0, "Induk");
  gint64 child = add_code (fixture->project, parent, "Anak 🙂");

  exported = grd_refi_export_codebook (fixture->project, book, &error);
  g_assert_no_error (error);
  other = grd_project_create (other_path, &error);
  g_assert_no_error (error);
  imported = grd_refi_import_codebook (other, book, &error);
  g_assert_no_error (error);

  original = grd_project_get_code (fixture->project, child, &error);
  copy = grd_project_find_code (other, original->guid, &error);
  g_assert_no_error (error);
  events = grd_project_list_code_events (other, copy->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpint (((GrdCodeEvent *) events->pdata[0])->kind, ==, GRD_CODE_EVENT_CREATE);
  g_assert_cmpstr (((GrdCodeEvent *) events->pdata[0])->code_guid, ==, original->guid);
  /* created under the parent, which also kept its GUID */
  g_assert_cmpint (((GrdCodeEvent *) events->pdata[0])->other_id, ==, copy->parent_id);
}

/* A format 2 file (before relation types, events and reviews) opens, is
 * copied aside, and migrated; its relations keep their kinds. */
static void
test_migrate_from_format_2 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("grounded-migrate-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "old.grounded", NULL);
  g_autofree char *backup = g_strconcat (path, ".format-2.bak", NULL);
  g_autoptr(GrdProject) project = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  sqlite3 *db = NULL;
  gint64 type_id;

  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint version = 1; version <= 2; version++)
    {
      g_autofree char *name = g_strdup_printf ("/io/github/grounded/Grounded/core/sql/%04u-%s.sql",
                                               version, version == 1 ? "initial"
                                                                     : "formatting-originals");
      g_autoptr(GBytes) schema = g_resources_lookup_data (name, 0, &error);

      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_exec (db, g_bytes_get_data (schema, NULL), NULL, NULL, NULL), ==,
                       SQLITE_OK);
    }
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA application_id = 1196573776; PRAGMA user_version = 2;"
                                 "INSERT INTO setting VALUES ('project.guid',"
                                 " '01A20A56-0545-77ED-9DBC-FAD23FC00CE9');"
                                 "INSERT INTO setting VALUES ('project.name', 'lama');"
                                 "INSERT INTO code (id, guid, name, created_at) VALUES"
                                 " (1, 'A', 'Kepercayaan 𝒜', 0), (2, 'B', 'Loyalitas', 0);"
                                 "INSERT INTO relation (guid, from_code_id, to_code_id, kind,"
                                 " created_at) VALUES ('R', 1, 2, 'consequence', 0);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  project = grd_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (path, "PRAGMA user_version"), ==, GRD_STORE_SCHEMA_VERSION);
  g_assert_cmpint (count_rows (backup, "PRAGMA user_version"), ==, 2);

  relations = grd_project_list_relations (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 1);
  g_assert_cmpint (((GrdRelation *) relations->pdata[0])->kind, ==, GRD_RELATION_KIND_CONSEQUENCE);
  g_assert_cmpint (((GrdRelation *) relations->pdata[0])->type_id, ==, 0);

  /* The new tables work, undo included. */
  type_id = grd_project_add_relation_type (project, "memicu", NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (type_id, >, 0);
  g_assert_true (grd_project_rename_code (project, 1, "Trust", &error));
  g_assert_no_error (error);
  g_free (grd_project_undo (project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM code_event"), ==, 0);

  g_clear_object (&project);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  GRD_TEST_ADD ("/grounded/code-history/events-per-edit", test_events_per_edit);
  GRD_TEST_ADD ("/grounded/code-history/codes-became-theme", test_codes_became_theme);
  GRD_TEST_ADD ("/grounded/code-history/split", test_split);
  GRD_TEST_ADD ("/grounded/code-history/snapshot-compare", test_snapshot_compare);
  GRD_TEST_ADD ("/grounded/code-history/imported", test_imported_code_history);
  g_test_add_func ("/grounded/code-history/migrate-from-format-2", test_migrate_from_format_2);

  return g_test_run ();
}
