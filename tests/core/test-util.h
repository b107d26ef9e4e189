/* test-util.h: fixtures shared by the core tests
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "grd-core.h"
#include "code-tree.h"

/* Every core test binary starts the same way: isolated home directories
 * (so the project trust cache is the test's own) and core set up. */
#define GRD_TEST_INIT(argc, argv)                                  \
  G_STMT_START {                                                   \
    g_test_init ((argc), (argv), G_TEST_OPTION_ISOLATE_DIRS, NULL); \
    grd_core_init ();                                              \
  } G_STMT_END

/* A test that runs in a fresh project (see Fixture). */
#define GRD_TEST_ADD(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

typedef struct {
  char       *dir;
  char       *path;
  GrdProject *project;
} Fixture;

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("grounded-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "study.grounded", NULL);
  fixture->project = grd_project_create (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->project);
  grd_project_set_current_coder (fixture->project, "Ayu", &error);
  g_assert_no_error (error);
}

static inline void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->project);
  remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Closes and opens the project again, as a person quitting and coming back. */
static inline void
fixture_reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->project);
  fixture->project = grd_project_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->project);
}

static inline gint64
add_text_source (GrdProject *project,
                 const char *name,
                 const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autofree char *file_name = g_strconcat (name, ".txt", NULL);
  g_autoptr(GrdImportedText) imported = grd_import_bytes (bytes, file_name, &error);
  gint64 id;

  g_assert_no_error (error);
  id = grd_project_add_source (project, imported, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static inline gint64
add_code_of_kind (GrdProject  *project,
                  gint64       parent_id,
                  const char  *name,
                  GrdCodeKind  kind,
                  const char  *description)
{
  g_autoptr(GError) error = NULL;
  gint64 id = grd_project_add_code (project, parent_id, name, kind, NULL, description, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static inline gint64
add_code (GrdProject *project,
          gint64      parent_id,
          const char *name)
{
  return add_code_of_kind (project, parent_id, name, GRD_CODE_KIND_OPEN_CODE, NULL);
}

static inline gint64
add_coding (GrdProject *project,
            gint64      source,
            gint64      code,
            gint64      start,
            gint64      end)
{
  g_autoptr(GError) error = NULL;
  gint64 coding = grd_project_add_coding (project, source, code, start, end, &error);

  g_assert_no_error (error);
  g_assert_cmpint (coding, >, 0);
  return coding;
}

/* Codes the first place the passage stands in the source. */
static inline gint64
code_passage (GrdProject *project,
              gint64      source,
              gint64      code,
              const char *passage)
{
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  g_assert_true (grd_query_locate_passage (project, source, passage, &start, &end, &error));
  g_assert_no_error (error);
  return add_coding (project, source, code, start, end);
}

static inline gint64
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* An interview with Indonesian names, accents and characters outside the
 * Basic Multilingual Plane before the coded passages, so byte offsets and
 * code point offsets differ. */
#define INTERVIEW_TEXT \
  "Wawancara 𝒜 — 2024\n" \
  "Interviewer: Apa yang memotivasi Anda? 🙂\n" \
  "Budi Santoso: Trust, because with the right solution provided to customers, trust will emerge. " \
  "Saya suka café di Medan.\n" \
  "Interviewer: Dan rekan kerja?\n" \
  "Budi Santoso: The team is quite supportive. Naïve señor Zoë said 𝒜𝒝 is fine.\n"

/* Every row of the listed tables (NULL-terminated), read from the file
 * itself, so a test can check that undo gives back exactly what was. */
static inline char *
dump_tables (const char         *path,
             const char * const *tables)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint t = 0; tables[t] != NULL; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY rowid", tables[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (out, "[%s]\n", tables[t]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", sqlite3_column_type (stmt, c) == SQLITE_BLOB
                                                  ? "<blob>" : (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* Undoes the last edit and redoes it, checking the tables are as before
 * the edit after undo and as after it after redo. */
static inline void
check_undo_redo (GrdProject         *project,
                 const char         *path,
                 const char * const *tables,
                 const char         *before)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after = dump_tables (path, tables);
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *label = NULL;

  g_assert_cmpstr (before, !=, after);
  label = grd_project_undo (project, &error);
  g_assert_no_error (error);
  undone = dump_tables (path, tables);
  g_assert_cmpstr (undone, ==, before);
  g_clear_pointer (&label, g_free);
  label = grd_project_redo (project, &error);
  g_assert_no_error (error);
  redone = dump_tables (path, tables);
  g_assert_cmpstr (redone, ==, after);
}

