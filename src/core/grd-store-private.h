/* grd-store-private.h: SQLite access for the core modules only
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "grd-store.h"

G_BEGIN_DECLS

typedef struct _GrdStore GrdStore;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

GrdStore     *grd_store_open         (const char        *path,
                                      GError           **error);
GrdStore     *grd_store_open_sibling (GrdStore          *store,
                                      GError           **error);
/* settings: key, value, ..., NULL; written in the creating transaction */
GrdStore     *grd_store_create       (const char        *path,
                                      const char * const *settings,
                                      GError           **error);
void          grd_store_free         (GrdStore          *store);
sqlite3      *grd_store_get_db       (GrdStore          *store);
const char   *grd_store_get_path     (GrdStore          *store);
const char   *grd_store_get_display_name (GrdStore      *store);

char         *_grd_store_dump_schema (GrdStore          *store,
                                      GError           **error);
gboolean      _grd_store_trust_is_current (GrdStore     *store);

/* A prepared statement from the cache, reset and unbound. Give it back with
 * grd_store_release (or g_autoptr(GrdStmt)); a statement still in use is
 * never handed out twice, a fresh one is prepared instead. */
typedef struct _GrdStmt GrdStmt;
GrdStmt      *grd_store_prepare      (GrdStore          *store,
                                      const char        *sql,
                                      GError           **error);
sqlite3_stmt *grd_stmt_get           (GrdStmt           *stmt);
void          grd_store_release      (GrdStmt           *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdStmt, grd_store_release)

/* Steps a statement to the end (for writes); SQLITE_ROW is an error. */
gboolean      grd_store_step_done    (GrdStore          *store,
                                      sqlite3_stmt      *stmt,
                                      GError           **error);
/* Steps once: TRUE with *has_row for a row, FALSE on error. */
gboolean      grd_store_step_row     (GrdStore          *store,
                                      sqlite3_stmt      *stmt,
                                      gboolean          *has_row,
                                      GError           **error);
gboolean      grd_store_exec         (GrdStore          *store,
                                      const char        *sql,
                                      GError           **error);

gboolean      grd_store_begin        (GrdStore          *store,
                                      GError           **error);
gboolean      grd_store_commit       (GrdStore          *store,
                                      GError           **error);
void          grd_store_rollback     (GrdStore          *store);
gboolean      grd_store_in_transaction (GrdStore        *store);

/* Sets error from the connection's last failure, naming the file. */
void          grd_store_set_error    (GrdStore          *store,
                                      GError           **error,
                                      const char        *what);

/* Stops long statements when cancellable is cancelled (NULL to clear). */
void          grd_store_set_cancellable (GrdStore       *store,
                                         GCancellable   *cancellable);

/* Prepares sql and binds the arguments described by types, one letter
 * each: 'i' gint64, 'n' gint64 id where 0 binds NULL, 'd' int, 's' string
 * (NULL binds NULL). */
GrdStmt      *grd_store_query        (GrdStore          *store,
                                      GError           **error,
                                      const char        *sql,
                                      const char        *types,
                                      ...);
/* The same, stepped to the end: for writes. */
gboolean      grd_store_run          (GrdStore          *store,
                                      GError           **error,
                                      const char        *sql,
                                      const char        *types,
                                      ...);
/* Reads the first column of the first row; FALSE on error, *value 0
 * (and *found FALSE) when there is no row. */
gboolean      grd_store_get_int      (GrdStore          *store,
                                      gint64            *value,
                                      gboolean          *found,
                                      GError           **error,
                                      const char        *sql,
                                      const char        *types,
                                      ...);
gint64        grd_store_last_insert_id (GrdStore        *store);
gint64        grd_store_changes      (GrdStore          *store);

/* Steps stmt to the end, turning each row into an element with read;
 * NULL (and error set) if a step fails. */
typedef gpointer (*GrdRowReader) (sqlite3_stmt *row);
GPtrArray    *grd_store_collect      (GrdStore          *store,
                                      GrdStmt           *stmt,
                                      GrdRowReader       read,
                                      GDestroyNotify     free_func,
                                      GError           **error);

/* Helpers for reading columns */
char         *grd_stmt_dup_text      (sqlite3_stmt      *stmt,
                                      int                column);

G_END_DECLS
