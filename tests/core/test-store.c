/* test-store.c: opening project files, good and bad
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-util.h"

static void
exec_raw (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, len);
}

/* Opening must fail with this error, name the file, and change nothing. */
static void
assert_open_fails (const char *path,
                   int         code,
                   const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdProject) project = NULL;
  g_autofree char *before = file_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *base = g_path_get_basename (path);

  project = grd_project_open (path, &error);
  g_assert_null (project);
  g_assert_error (error, GRD_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, base));
  if (fragment != NULL)
    g_assert_nonnull (strstr (error->message, fragment));

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_create_refuses_existing (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdProject) second = grd_project_create (fixture->path, &error);

  g_assert_null (second);
  g_assert_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_EXISTS);
}

static void
test_reopen_keeps_everything (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *guid = g_strdup (grd_project_get_guid (fixture->project));
  g_autofree char *name = NULL;
  g_autoptr(GPtrArray) sources = NULL;

  add_text_source (fixture->project, "Respondent 1", INTERVIEW_TEXT);
  fixture_reopen (fixture);

  g_assert_cmpstr (grd_project_get_guid (fixture->project), ==, guid);
  name = grd_project_dup_name (fixture->project);
  g_assert_cmpstr (name, ==, "study");
  sources = grd_project_list_sources (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 1);

  g_clear_object (&fixture->project);
  g_assert_cmpint (count_rows (fixture->path, "PRAGMA application_id"), ==, GRD_STORE_APPLICATION_ID);
  g_assert_cmpint (count_rows (fixture->path, "PRAGMA user_version"), ==, GRD_STORE_SCHEMA_VERSION);
  fixture_reopen (fixture);
}

static void
test_missing_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "nowhere.grounded", NULL);
  g_autoptr(GrdProject) project = grd_project_open (path, &error);

  g_assert_null (project);
  g_assert_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_IO);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_not_a_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "notes.grounded", NULL);

  g_assert_true (g_file_set_contents (path, "Interviewer: this is a transcript, not a project\n", -1,
                                      NULL));
  assert_open_fails (path, GRD_STORE_ERROR_NOT_PROJECT, "not a Grounded project");

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  assert_open_fails (path, GRD_STORE_ERROR_NOT_PROJECT, NULL);
}

static void
test_other_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "places.sqlite", NULL);

  exec_raw (path, "CREATE TABLE bookmark (url TEXT); INSERT INTO bookmark VALUES ('x');");
  assert_open_fails (path, GRD_STORE_ERROR_NOT_PROJECT, "another program");
}

static void
test_newer_version (Fixture       *fixture,
                    gconstpointer  data)
{
  g_clear_object (&fixture->project);
  exec_raw (fixture->path, "PRAGMA user_version = 99");
  assert_open_fails (fixture->path, GRD_STORE_ERROR_TOO_NEW, "newer version");
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize len;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("Respondent %u", i);
      add_text_source (fixture->project, name, INTERVIEW_TEXT INTERVIEW_TEXT INTERVIEW_TEXT);
    }
  g_clear_object (&fixture->project);

  g_assert_true (g_file_get_contents (fixture->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  g_assert_true (g_file_set_contents (fixture->path, contents, len / 2, NULL));

  assert_open_fails (fixture->path, GRD_STORE_ERROR_CORRUPT, "cut short");
}

/* A file someone else altered: a trigger of theirs must never run here. */
static void
test_altered_schema (Fixture       *fixture,
                     gconstpointer  data)
{
  g_clear_object (&fixture->project);
  exec_raw (fixture->path,
            "CREATE TRIGGER evil AFTER INSERT ON coding BEGIN DELETE FROM code; END;");
  assert_open_fails (fixture->path, GRD_STORE_ERROR_CORRUPT, "evil");
}

/* Damage inside the file is found by quick_check, which runs for any file
 * this user's Grounded did not close cleanly itself. */
static void
test_damaged_pages (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "grounded",
                                             "checked-projects", NULL);
  gsize len;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("Respondent %u", i);
      add_text_source (fixture->project, name, INTERVIEW_TEXT INTERVIEW_TEXT INTERVIEW_TEXT);
    }
  g_clear_object (&fixture->project);

  g_assert_true (g_file_get_contents (fixture->path, &contents, &len, NULL));
  /* Scribble over the b-tree page headers of a few pages in the middle. */
  for (gsize page = len / 4096 / 3; page < len / 4096 * 2 / 3; page++)
    memset (contents + page * 4096, 0x0d, 16);
  g_assert_true (g_file_set_contents (fixture->path, contents, len, NULL));
  g_unlink (cache);

  assert_open_fails (fixture->path, GRD_STORE_ERROR_CORRUPT, "damaged");
}

int
main (int   argc,
      char *argv[])
{
  GRD_TEST_INIT (&argc, &argv);

  GRD_TEST_ADD ("/grounded/store/create/refuses-existing", test_create_refuses_existing);
  GRD_TEST_ADD ("/grounded/store/open/reopen-keeps-everything", test_reopen_keeps_everything);
  GRD_TEST_ADD ("/grounded/store/open/missing-file", test_missing_file);
  GRD_TEST_ADD ("/grounded/store/open/not-a-database", test_not_a_database);
  GRD_TEST_ADD ("/grounded/store/open/other-database", test_other_database);
  GRD_TEST_ADD ("/grounded/store/open/newer-version", test_newer_version);
  GRD_TEST_ADD ("/grounded/store/open/truncated", test_truncated);
  GRD_TEST_ADD ("/grounded/store/open/altered-schema", test_altered_schema);
  GRD_TEST_ADD ("/grounded/store/open/damaged-pages", test_damaged_pages);

  return g_test_run ();
}
