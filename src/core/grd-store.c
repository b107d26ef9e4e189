/* grd-store.c: the project file
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-store"
#define _GNU_SOURCE 1   /* renameat2 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "grd-query-private.h"
#include "grd-store-private.h"

struct _GrdStore
{
  sqlite3      *db;
  char         *path;
  char         *display_name;
  GHashTable   *statements;    /* SQL text -> GrdStmt, owned */
  guint         depth;         /* open transaction levels */
  GCancellable *cancellable;
  gboolean      trusted_on_close;  /* opened and checked, or made here */
};

struct _GrdStmt
{
  GrdStore     *store;
  sqlite3_stmt *stmt;
  gboolean      cached;
  gboolean      borrowed;
};

G_DEFINE_QUARK (grd-store-error-quark, grd_store_error)

#define SQLITE_HEADER_MAGIC "SQLite format 3"
#define SCHEMA_RESOURCE_DIR "/io/github/grounded/Grounded/core/sql"

static void
stmt_free (GrdStmt *stmt)
{
  sqlite3_finalize (stmt->stmt);
  g_free (stmt);
}

static GrdStoreError
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return GRD_STORE_ERROR_BUSY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return GRD_STORE_ERROR_CORRUPT;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_FULL:
    case SQLITE_PERM:
      return GRD_STORE_ERROR_IO;
    default:
      return GRD_STORE_ERROR_FAILED;
    }
}

void
grd_store_set_error (GrdStore    *store,
                     GError     **error,
                     const char  *what)
{
  int rc = sqlite3_extended_errcode (store->db);

  if ((rc & 0xff) == SQLITE_INTERRUPT)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                 _("%s: %s was cancelled"), store->display_name, what);
  else if (error_code_for (rc) == GRD_STORE_ERROR_CORRUPT)
    g_set_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_CORRUPT,
                 _("%s is damaged (%s); restore it from a backup"),
                 store->display_name, sqlite3_errmsg (store->db));
  else
    g_set_error (error, GRD_STORE_ERROR, error_code_for (rc),
                 "%s: %s: %s", store->display_name, what, sqlite3_errmsg (store->db));
}

static gboolean
has_wal (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

/* The SQLite header tells us, before SQLite touches the file, whether it is
 * a database at all, whether it is ours, and whether it was cut short. */
static gboolean
check_header (const char  *path,
              const char  *display_name,
              GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  guchar header[100];
  gsize n_read = 0;
  guint32 app_id, page_size, n_pages, change_counter, valid_for;
  goffset size;

  stream = g_file_read (file, NULL, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_IO,
                   _("%s: cannot open: %s"), display_name, local_error->message);
      return FALSE;
    }

  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  size = info != NULL ? g_file_info_get_size (info) : 0;

  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &n_read,
                                NULL, &local_error))
    {
      g_set_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_IO,
                   _("%s: cannot read: %s"), display_name, local_error->message);
      return FALSE;
    }

  if (n_read < sizeof header || memcmp (header, SQLITE_HEADER_MAGIC, 16) != 0)
    {
      g_set_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_NOT_PROJECT,
                   _("%s is not a Grounded project (it is not a database file)"),
                   display_name);
      return FALSE;
    }

  app_id = GUINT32_FROM_BE (*(guint32 *) (header + 68));
  if (app_id != GRD_STORE_APPLICATION_ID)
    {
      g_set_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_NOT_PROJECT,
                   _("%s is not a Grounded project (it is a database of another program)"),
                   display_name);
      return FALSE;
    }

  page_size = (header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  n_pages = GUINT32_FROM_BE (*(guint32 *) (header + 28));
  change_counter = GUINT32_FROM_BE (*(guint32 *) (header + 24));
  valid_for = GUINT32_FROM_BE (*(guint32 *) (header + 92));

  /* With a WAL beside it, a checkpoint cut short by a crash may have
   * written the header before the pages; the WAL still holds them. */
  if (n_pages != 0 && change_counter == valid_for && !has_wal (path) &&
      (goffset) n_pages * page_size > size)
    {
      g_set_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_CORRUPT,
                   _("%s is damaged: it was cut short (%lld bytes of %lld)"),
                   display_name, (long long) size, (long long) n_pages * page_size);
      return FALSE;
    }

  return TRUE;
}


/* A quick_check reads the whole file; on a large project that is most of
 * the time it takes to open. Files this user's Grounded closed cleanly are
 * remembered (path, size, time, inode) and skip it; anything else, a file
 * from someone else or one left after a crash, is checked. */
static char *
trust_stamp (const char *path)
{
  GStatBuf st;

  if (has_wal (path) || g_stat (path, &st) != 0)
    return NULL;

  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GUINT64_FORMAT,
                          (gint64) st.st_size, (gint64) st.st_mtime, (guint64) st.st_ino);
}

static char *
trust_file_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "grounded", "checked-projects", NULL);
}

static char *
canonical_path (const char *path)
{
  return g_canonicalize_filename (path, NULL);
}

gboolean
_grd_store_trust_is_current (GrdStore *store)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autofree char *file = trust_file_path ();
  g_autofree char *key = canonical_path (store->path);
  g_autofree char *stamp = trust_stamp (store->path);
  g_autofree char *known = NULL;

  if (stamp == NULL || !g_key_file_load_from_file (keys, file, G_KEY_FILE_NONE, NULL))
    return FALSE;

  known = g_key_file_get_string (keys, "checked", key, NULL);
  return g_strcmp0 (known, stamp) == 0;
}

static void
trust_record (const char *path)
{
  g_autoptr(GKeyFile) keys = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *file = trust_file_path ();
  g_autofree char *dir = g_path_get_dirname (file);
  g_autofree char *key = canonical_path (path);
  g_autofree char *stamp = trust_stamp (path);

  if (stamp == NULL)
    return;

  g_key_file_load_from_file (keys, file, G_KEY_FILE_NONE, NULL);
  g_key_file_set_string (keys, "checked", key, stamp);

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_key_file_save_to_file (keys, file, &error))
    g_debug ("Cannot remember that %s was checked: %s", path,
             error != NULL ? error->message : g_strerror (errno));
}

static int
progress_cb (void *user_data)
{
  GrdStore *store = user_data;

  return store->cancellable != NULL && g_cancellable_is_cancelled (store->cancellable);
}

void
grd_store_set_cancellable (GrdStore     *store,
                           GCancellable *cancellable)
{
  g_set_object (&store->cancellable, cancellable);
  sqlite3_progress_handler (store->db, cancellable != NULL ? 10000 : 0,
                            cancellable != NULL ? progress_cb : NULL, store);
}

static GBytes *
lookup_migration (guint version)
{
  g_autofree char *path = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *prefix = g_strdup_printf ("%04u-", version);

  names = g_resources_enumerate_children (SCHEMA_RESOURCE_DIR, 0, NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], prefix) && g_str_has_suffix (names[i], ".sql"))
        {
          path = g_build_path ("/", SCHEMA_RESOURCE_DIR, names[i], NULL);
          return g_resources_lookup_data (path, 0, NULL);
        }
    }

  return NULL;
}

/* One transaction per step, with user_version set inside it, so a crash
 * leaves the file at a whole version. */
static gboolean
write_settings (GrdStore            *store,
                const char * const  *settings,
                GError             **error)
{
  for (guint i = 0; settings != NULL && settings[i] != NULL && settings[i + 1] != NULL; i += 2)
    if (!grd_store_run (store, error, "INSERT INTO setting (key, value) VALUES (?1, ?2)", "ss",
                        settings[i], settings[i + 1]))
      return FALSE;

  return TRUE;
}

/* settings (key, value, ..., NULL) are written with the first version. */
static gboolean
migrate (GrdStore            *store,
         guint                from_version,
         guint                to_version,
         const char * const  *settings,
         GError             **error)
{
  for (guint version = from_version + 1; version <= to_version; version++)
    {
      g_autoptr(GBytes) sql = lookup_migration (version);
      g_autofree char *set_version = NULL;

      if (sql == NULL)
        g_error ("The schema migration to version %u is missing from the resources", version);

      if (!grd_store_begin (store, error))
        return FALSE;

      set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u;",
                                     GRD_STORE_APPLICATION_ID, version);

      if (!grd_store_exec (store, g_bytes_get_data (sql, NULL), error) ||
          !grd_store_exec (store, set_version, error) ||
          (version == 1 && !write_settings (store, settings, error)) ||
          !grd_store_commit (store, error))
        {
          grd_store_rollback (store);
          return FALSE;
        }
    }

  return TRUE;
}

static GrdStore *store_connect (const char  *path,
                                const char  *display_name,
                                int          flags,
                                GError     **error);

/* The schema a file of this version must have, read from a database made
 * in memory by the same migrations. An older file is checked against its
 * own version's schema before it is migrated. */
static const char *
expected_schema (guint version)
{
  static char *schemas[GRD_STORE_SCHEMA_VERSION + 1];

  g_assert (version >= 1 && version <= GRD_STORE_SCHEMA_VERSION);

  if (g_once_init_enter (&schemas[version]))
    {
      g_autoptr(GError) error = NULL;
      GrdStore *memory = store_connect (":memory:", ":memory:", SQLITE_OPEN_READWRITE |
                                        SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY, &error);
      char *text;

      if (memory == NULL || !migrate (memory, 0, version, NULL, &error))
        g_error ("Cannot build the reference schema: %s", error->message);
      text = _grd_store_dump_schema (memory, &error);
      if (text == NULL)
        g_error ("Cannot read the reference schema: %s", error->message);
      grd_store_free (memory);
      g_once_init_leave (&schemas[version], text);
    }

  return schemas[version];
}

char *
_grd_store_dump_schema (GrdStore  *store,
                        GError   **error)
{
  g_autoptr(GrdStmt) stmt = NULL;
  g_autoptr(GString) dump = g_string_new (NULL);
  gboolean has_row, ok;

  stmt = grd_store_prepare (store,
                            "SELECT type, name, tbl_name, coalesce (sql, '') FROM main.sqlite_schema "
                            "ORDER BY type, name",
                            error);
  if (stmt == NULL)
    return NULL;

  while ((ok = grd_store_step_row (store, stmt->stmt, &has_row, error)) && has_row)
    {
      for (int i = 0; i < 4; i++)
        g_string_append_printf (dump, "%s\x1f", sqlite3_column_text (stmt->stmt, i));
      g_string_append_c (dump, '\n');
    }

  if (!ok)
    return NULL;

  return g_string_free (g_steal_pointer (&dump), FALSE);
}

static gboolean
check_schema (GrdStore  *store,
              guint      version,
              GError   **error)
{
  g_autofree char *dump = _grd_store_dump_schema (store, error);
  const char *expected = expected_schema (version);
  g_auto(GStrv) have = NULL;

  if (dump == NULL)
    return FALSE;

  if (g_str_equal (dump, expected))
    return TRUE;

  /* Name the first object that differs, so the message says what is wrong. */
  have = g_strsplit (dump, "\n", -1);
  for (guint i = 0; have[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (have[i], "\x1f", 3);
      g_autofree char *line = g_strconcat (have[i], "\n", NULL);

      if (have[i][0] == '\0' || g_str_has_prefix (expected, line) || strstr (expected, line) != NULL)
        continue;

      g_set_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_CORRUPT,
                   _("%s is damaged or was altered: unexpected %s “%s” in its schema"),
                   store->display_name, fields[0], fields[1] != NULL ? fields[1] : "");
      return FALSE;
    }

  g_set_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_CORRUPT,
               _("%s is damaged or was altered: parts of its schema are missing"),
               store->display_name);
  return FALSE;
}

static gboolean
quick_check (GrdStore  *store,
             GError   **error)
{
  g_autoptr(GrdStmt) stmt = grd_store_prepare (store, "PRAGMA quick_check", error);
  gboolean has_row;
  const char *result;

  if (stmt == NULL)
    return FALSE;

  if (!grd_store_step_row (store, stmt->stmt, &has_row, error))
    return FALSE;

  result = has_row ? (const char *) sqlite3_column_text (stmt->stmt, 0) : "no result";
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_CORRUPT,
                   _("%s is damaged: %s"), store->display_name, result);
      return FALSE;
    }

  return TRUE;
}

static gboolean
configure_connection (GrdStore  *store,
                      GError   **error)
{
  int enabled;

  /* A project file may come from anyone: treat its schema as hostile. */
  sqlite3_extended_result_codes (store->db, 1);
  sqlite3_db_config (store->db, SQLITE_DBCONFIG_DEFENSIVE, 1, &enabled);
  sqlite3_db_config (store->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &enabled);
  sqlite3_db_config (store->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, &enabled);
  sqlite3_db_config (store->db, SQLITE_DBCONFIG_DQS_DML, 0, &enabled);
  sqlite3_db_config (store->db, SQLITE_DBCONFIG_DQS_DDL, 0, &enabled);
  sqlite3_busy_timeout (store->db, 5000);

  return grd_store_exec (store,
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA trusted_schema = OFF;"
                         /* Reading every quote of a code reads most
                          * transcripts: map the file rather than copy
                          * it page by page, and keep more pages. */
                         "PRAGMA mmap_size = 268435456;"
                         "PRAGMA cache_size = -32768;"
                         /* Statement journals (one for each insert in a
                          * transaction) and savepoints' journals stay in
                          * memory rather than spill to a temporary file
                          * written page by page: an import made 3 million
                          * writes there. */
                         "PRAGMA temp_store = MEMORY;",
                         error);
}

/* WAL with synchronous=NORMAL survives a killed process with every
 * committed edit; only a power cut may lose the last few. */
static gboolean
configure_journal (GrdStore  *store,
                   GError   **error)
{
  if (g_str_equal (store->path, ":memory:"))
    return TRUE;

  return grd_store_exec (store,
                         "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = NORMAL;",
                         error);
}

/* Opens the SQLite connection and makes it safe; no reading yet. */
static GrdStore *
store_connect (const char  *path,
               const char  *display_name,
               int          flags,
               GError     **error)
{
  GrdStore *store = g_new0 (GrdStore, 1);
  int rc;

  store->path = g_strdup (path);
  store->display_name = g_strdup (display_name);
  store->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify) stmt_free);

  rc = sqlite3_open_v2 (path, &store->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, GRD_STORE_ERROR, error_code_for (rc),
                   _("%s: cannot open: %s"), store->display_name,
                   store->db != NULL ? sqlite3_errmsg (store->db) : sqlite3_errstr (rc));
      grd_store_free (store);
      return NULL;
    }

  if (!configure_connection (store, error))
    {
      grd_store_free (store);
      return NULL;
    }

  if (!_grd_query_register_functions (store->db))
    {
      g_set_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_FAILED,
                   _("%s: this SQLite has no full-text search (FTS5)"), store->display_name);
      grd_store_free (store);
      return NULL;
    }

  return store;
}

/* A second connection to a file this process has open and checked, for a
 * worker thread: the header, integrity and schema were checked by the first
 * connection, and the write-ahead log it keeps would make every check run
 * again. */
GrdStore *
grd_store_open_sibling (GrdStore  *store,
                        GError   **error)
{
  GrdStore *sibling;

  g_return_val_if_fail (store != NULL, NULL);

  sibling = store_connect (store->path, store->display_name, SQLITE_OPEN_READWRITE, error);
  if (sibling == NULL)
    return NULL;

  if (!configure_journal (sibling, error))
    {
      grd_store_free (sibling);
      return NULL;
    }

  return sibling;
}

/* A migration rewrites a user's file in place; if it went wrong in a way
 * no test foresaw, the copy taken just before is what they go back to.
 * "study.grounded" is copied to "study.grounded.format-1.bak" (or
 * "….format-1 (2).bak" if that exists: an earlier copy is never touched). */
static gboolean
back_up_before_migrating (GrdStore  *store,
                          gint64     version,
                          GError   **error)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *backup = n == 1
        ? g_strdup_printf ("%s.format-%lld.bak", store->path, (long long) version)
        : g_strdup_printf ("%s.format-%lld (%u).bak", store->path, (long long) version, n);

      if (g_file_test (backup, G_FILE_TEST_EXISTS))
        continue;

      if (!grd_store_run (store, error, "VACUUM INTO ?1", "s", backup))
        {
          g_prefix_error (error, _("Not updating %s to file format %d, because the backup "
                                   "copy could not be made: "),
                          store->display_name, GRD_STORE_SCHEMA_VERSION);
          return FALSE;
        }

      return TRUE;
    }
}

GrdStore *
grd_store_open (const char  *path,
                GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *display_name = NULL;
  GrdStore *store;
  gint64 version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  display_name = g_file_get_basename (file);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_IO, _("%s: no such file"), path);
      return NULL;
    }
  if (!check_header (path, display_name, error))
    return NULL;

  store = store_connect (path, display_name, SQLITE_OPEN_READWRITE, error);
  if (store == NULL)
    return NULL;

  if (!grd_store_get_int (store, &version, NULL, error, "PRAGMA user_version", NULL))
    goto fail;

  if (version > GRD_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_TOO_NEW,
                   _("%s was saved by a newer version of Grounded (file format %lld, "
                     "this version reads up to %d); please update Grounded"),
                   store->display_name, (long long) version, GRD_STORE_SCHEMA_VERSION);
      goto fail;
    }
  if (version < 1)
    {
      g_set_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_NOT_PROJECT,
                   _("%s is not a Grounded project (it has no project schema)"),
                   store->display_name);
      goto fail;
    }

  if ((!_grd_store_trust_is_current (store) && !quick_check (store, error)) ||
      !check_schema (store, (guint) version, error) ||
      !configure_journal (store, error) ||
      (version < GRD_STORE_SCHEMA_VERSION && !back_up_before_migrating (store, version, error)) ||
      !migrate (store, (guint) version, GRD_STORE_SCHEMA_VERSION, NULL, error))
    goto fail;

  store->trusted_on_close = TRUE;
  return store;

fail:
  grd_store_free (store);
  return NULL;
}

/* Moves from to to unless to exists, atomically where the file system
 * allows: link() where hard links work, renameat2 (RENAME_NOREPLACE) where
 * they do not (FAT and exFAT sticks, many network shares), and as a last
 * resort a check just before a plain rename. */
static gboolean
place_without_overwriting (const char *from,
                           const char *to)
{
  if (link (from, to) == 0)
    {
      g_unlink (from);
      return TRUE;
    }
  if (errno == EEXIST)
    return FALSE;

  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return TRUE;
  if (errno == EEXIST)
    return FALSE;

  if (g_file_test (to, G_FILE_TEST_EXISTS))
    {
      errno = EEXIST;
      return FALSE;
    }
  return g_rename (from, to) == 0;
}

/* A project appears whole or not at all: it is built in a temporary file
 * beside the target (rollback journal, no WAL yet), closed, and linked into
 * place, which fails rather than overwrite a file made meanwhile. */
GrdStore *
grd_store_create (const char          *path,
                  const char * const  *settings,
                  GError             **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *partial = NULL;
  GrdStore *store;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_str_equal (path, ":memory:"))
    {
      store = store_connect (path, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                             SQLITE_OPEN_MEMORY, error);
      if (store != NULL && !migrate (store, 0, GRD_STORE_SCHEMA_VERSION, settings, error))
        g_clear_pointer (&store, grd_store_free);
      return store;
    }

  display_name = g_path_get_basename (path);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_EXISTS,
                   _("%s already exists; Grounded does not overwrite files"), display_name);
      return NULL;
    }

  partial = g_strconcat (path, ".partial-XXXXXX", NULL);
  fd = g_mkstemp (partial);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, GRD_STORE_ERROR, GRD_STORE_ERROR_IO,
                   _("%s: cannot create: %s"), display_name, g_strerror (saved_errno));
      return NULL;
    }
  close (fd);

  store = store_connect (partial, display_name, SQLITE_OPEN_READWRITE, error);
  if (store == NULL || !migrate (store, 0, GRD_STORE_SCHEMA_VERSION, settings, error))
    {
      grd_store_free (store);
      g_unlink (partial);
      return NULL;
    }
  grd_store_free (store);

  if (!place_without_overwriting (partial, path))
    {
      int saved_errno = errno;

      g_unlink (partial);
      g_set_error (error, GRD_STORE_ERROR,
                   saved_errno == EEXIST ? GRD_STORE_ERROR_EXISTS : GRD_STORE_ERROR_IO,
                   _("%s: cannot create: %s"), display_name, g_strerror (saved_errno));
      return NULL;
    }
  return grd_store_open (path, error);
}

void
grd_store_free (GrdStore *store)
{
  if (store == NULL)
    return;

  g_clear_pointer (&store->statements, g_hash_table_unref);
  g_clear_object (&store->cancellable);
  /* The statements are finalized by now, so a plain close succeeds unless
   * a caller leaked one; then the connection closes when that one goes. */
  if (store->db != NULL)
    {
      if (sqlite3_close (store->db) != SQLITE_OK)
        sqlite3_close_v2 (store->db);
      else if (store->trusted_on_close)
        trust_record (store->path);
    }
  g_free (store->path);
  g_free (store->display_name);
  g_free (store);
}

sqlite3 *
grd_store_get_db (GrdStore *store)
{
  return store->db;
}

const char *
grd_store_get_path (GrdStore *store)
{
  return store->path;
}

const char *
grd_store_get_display_name (GrdStore *store)
{
  return store->display_name;
}

GrdStmt *
grd_store_prepare (GrdStore    *store,
                   const char  *sql,
                   GError     **error)
{
  GrdStmt *stmt = g_hash_table_lookup (store->statements, sql);
  sqlite3_stmt *raw = NULL;
  int rc;

  if (stmt != NULL && !stmt->borrowed)
    {
      stmt->borrowed = TRUE;
      return stmt;
    }

  rc = sqlite3_prepare_v3 (store->db, sql, -1,
                           stmt == NULL ? SQLITE_PREPARE_PERSISTENT : 0, &raw, NULL);
  if (rc != SQLITE_OK)
    {
      grd_store_set_error (store, error, "preparing a query");
      return NULL;
    }

  /* Already borrowed: a re-entrant caller gets a private statement. */
  if (stmt != NULL)
    {
      stmt = g_new0 (GrdStmt, 1);
      stmt->store = store;
      stmt->stmt = raw;
      stmt->borrowed = TRUE;
      return stmt;
    }

  stmt = g_new0 (GrdStmt, 1);
  stmt->store = store;
  stmt->stmt = raw;
  stmt->cached = TRUE;
  stmt->borrowed = TRUE;
  g_hash_table_insert (store->statements, (gpointer) sqlite3_sql (raw), stmt);
  return stmt;
}

sqlite3_stmt *
grd_stmt_get (GrdStmt *stmt)
{
  return stmt->stmt;
}

void
grd_store_release (GrdStmt *stmt)
{
  if (stmt == NULL)
    return;

  if (!stmt->cached)
    {
      stmt_free (stmt);
      return;
    }

  sqlite3_reset (stmt->stmt);
  sqlite3_clear_bindings (stmt->stmt);
  stmt->borrowed = FALSE;
}

gboolean
grd_store_step_done (GrdStore      *store,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    return TRUE;

  grd_store_set_error (store, error, "writing");
  sqlite3_reset (stmt);
  return FALSE;
}

gboolean
grd_store_step_row (GrdStore      *store,
                    sqlite3_stmt  *stmt,
                    gboolean      *has_row,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = rc == SQLITE_ROW;
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return TRUE;

  grd_store_set_error (store, error, "reading");
  sqlite3_reset (stmt);
  return FALSE;
}

gboolean
grd_store_exec (GrdStore    *store,
                const char  *sql,
                GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (store->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      grd_store_set_error (store, error, "running a statement");
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

/* The outermost level is a write transaction taken at once (no deadlock
 * between two writers upgrading from read); inner levels are savepoints so
 * one failed edit inside a batch does not undo the batch. */
/* Transaction control runs once per edit, so its statements come from the
 * cache like any other rather than being parsed each time. */
static gboolean
run_control (GrdStore    *store,
             const char  *sql,
             GError     **error)
{
  g_autoptr(GrdStmt) stmt = grd_store_prepare (store, sql, error);

  return stmt != NULL && grd_store_step_done (store, stmt->stmt, error);
}

gboolean
grd_store_begin (GrdStore  *store,
                 GError   **error)
{
  g_autofree char *sql = NULL;

  if (store->depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT level_%u", store->depth);

  if (!run_control (store, sql, error))
    return FALSE;

  store->depth++;
  return TRUE;
}

gboolean
grd_store_commit (GrdStore  *store,
                  GError   **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (store->depth > 0, FALSE);

  if (store->depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE level_%u", store->depth - 1);

  if (!run_control (store, sql, error))
    return FALSE;

  store->depth--;
  return TRUE;
}

void
grd_store_rollback (GrdStore *store)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (store->depth > 0);

  if (store->depth == 1)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO level_%u; RELEASE level_%u",
                           store->depth - 1, store->depth - 1);

  /* A failed ROLLBACK means SQLite already rolled back on its own. */
  sqlite3_exec (store->db, sql, NULL, NULL, NULL);
  store->depth--;
}

gboolean
grd_store_in_transaction (GrdStore *store)
{
  return store->depth > 0;
}

char *
grd_stmt_dup_text (sqlite3_stmt *stmt,
                   int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text);
}

static void
bind_valist (sqlite3_stmt *stmt,
             const char   *types,
             va_list       args)
{
  for (int i = 0; types != NULL && types[i] != '\0'; i++)
    {
      switch (types[i])
        {
        case 'i':
          sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
          break;

        case 'n':
          {
            gint64 id = va_arg (args, gint64);

            if (id != 0)
              sqlite3_bind_int64 (stmt, i + 1, id);
            else
              sqlite3_bind_null (stmt, i + 1);
          }
          break;

        case 'd':
          sqlite3_bind_int (stmt, i + 1, va_arg (args, int));
          break;

        case 's':
          sqlite3_bind_text (stmt, i + 1, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

static GrdStmt *
query_valist (GrdStore    *store,
              GError     **error,
              const char  *sql,
              const char  *types,
              va_list      args)
{
  GrdStmt *stmt = grd_store_prepare (store, sql, error);

  if (stmt != NULL)
    bind_valist (stmt->stmt, types, args);

  return stmt;
}

GrdStmt *
grd_store_query (GrdStore    *store,
                 GError     **error,
                 const char  *sql,
                 const char  *types,
                 ...)
{
  GrdStmt *stmt;
  va_list args;

  va_start (args, types);
  stmt = query_valist (store, error, sql, types, args);
  va_end (args);

  return stmt;
}

gboolean
grd_store_run (GrdStore    *store,
               GError     **error,
               const char  *sql,
               const char  *types,
               ...)
{
  g_autoptr(GrdStmt) stmt = NULL;
  va_list args;

  va_start (args, types);
  stmt = query_valist (store, error, sql, types, args);
  va_end (args);

  return stmt != NULL && grd_store_step_done (store, stmt->stmt, error);
}

gboolean
grd_store_get_int (GrdStore    *store,
                   gint64      *value,
                   gboolean    *found,
                   GError     **error,
                   const char  *sql,
                   const char  *types,
                   ...)
{
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row;
  va_list args;

  va_start (args, types);
  stmt = query_valist (store, error, sql, types, args);
  va_end (args);

  if (stmt == NULL || !grd_store_step_row (store, stmt->stmt, &has_row, error))
    return FALSE;

  *value = has_row ? sqlite3_column_int64 (stmt->stmt, 0) : 0;
  if (found != NULL)
    *found = has_row;
  return TRUE;
}

gint64
grd_store_last_insert_id (GrdStore *store)
{
  return sqlite3_last_insert_rowid (store->db);
}

gint64
grd_store_changes (GrdStore *store)
{
  return sqlite3_changes64 (store->db);
}

GPtrArray *
grd_store_collect (GrdStore        *store,
                   GrdStmt         *stmt,
                   GrdRowReader     read,
                   GDestroyNotify   free_func,
                   GError         **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (free_func);
  gboolean has_row, ok;

  while ((ok = grd_store_step_row (store, stmt->stmt, &has_row, error)) && has_row)
    g_ptr_array_add (items, read (stmt->stmt));

  return ok ? g_steal_pointer (&items) : NULL;
}
