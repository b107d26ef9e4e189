/* grd-query-search.c: full-text search with positions in code points
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-query"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grd-project-private.h"
#include "grd-query-private.h"
#include "grd-utf8.h"

void
grd_search_hit_free (GrdSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->source_name);
  g_free (hit->match);
  g_free (hit->context_before);
  g_free (hit->context_after);
  g_free (hit);
}

/* FTS5 knows matches by token number; the text needs bytes. This auxiliary
 * function tokenizes the matched row once and reports "start end" byte
 * pairs for every phrase instance, in text order. */
typedef struct {
  GArray *want_start;   /* token index -> slot */
  GArray *want_end;
  GArray *bytes;        /* pairs: start byte, end byte */
  int     token;
} Offsets;

typedef struct {
  int first_token;
  int last_token;
} Instance;

static int
token_cb (void       *user_data,
          int         flags,
          const char *token,
          int         n_token,
          int         start,
          int         end)
{
  Offsets *offsets = user_data;

  if (flags & FTS5_TOKEN_COLOCATED)
    return SQLITE_OK;

  for (guint i = 0; i < offsets->want_start->len; i++)
    {
      Instance *instance = &g_array_index (offsets->want_start, Instance, i);

      if (instance->first_token == offsets->token)
        g_array_index (offsets->bytes, int, i * 2) = start;
      if (instance->last_token == offsets->token)
        g_array_index (offsets->bytes, int, i * 2 + 1) = end;
    }

  offsets->token++;
  return SQLITE_OK;
}

static int
compare_instances (gconstpointer a,
                   gconstpointer b)
{
  return ((const Instance *) a)->first_token - ((const Instance *) b)->first_token;
}

static void
match_offsets (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *context,
               int                      n_values,
               sqlite3_value          **values)
{
  g_autoptr(GArray) instances = g_array_new (FALSE, FALSE, sizeof (Instance));
  g_autoptr(GArray) bytes = g_array_new (FALSE, TRUE, sizeof (int));
  g_autoptr(GString) out = g_string_new (NULL);
  Offsets offsets = { instances, NULL, bytes, 0 };
  const char *text;
  int n_text, n_instances, rc;

  rc = api->xInstCount (fts, &n_instances);
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  for (int i = 0; i < n_instances; i++)
    {
      int phrase, column, offset;
      Instance instance;

      if ((rc = api->xInst (fts, i, &phrase, &column, &offset)) != SQLITE_OK)
        {
          sqlite3_result_error_code (context, rc);
          return;
        }
      instance.first_token = offset;
      instance.last_token = offset + api->xPhraseSize (fts, phrase) - 1;
      g_array_append_val (instances, instance);
    }
  g_array_sort (instances, compare_instances);
  g_array_set_size (bytes, instances->len * 2);

  rc = api->xColumnText (fts, 0, &text, &n_text);
  if (rc == SQLITE_OK && instances->len > 0)
    rc = api->xTokenize (fts, text, n_text, &offsets, token_cb);
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  for (guint i = 0; i < instances->len; i++)
    g_string_append_printf (out, "%s%d %d", i > 0 ? " " : "",
                            g_array_index (bytes, int, i * 2),
                            g_array_index (bytes, int, i * 2 + 1));

  sqlite3_result_text (context, out->str, (int) out->len, SQLITE_TRANSIENT);
}

gboolean
_grd_query_register_functions (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  if (api == NULL || api->iVersion < 2)
    return FALSE;

  return api->xCreateFunction (api, "grd_match_offsets", NULL, match_offsets, NULL) == SQLITE_OK;
}

gboolean
_grd_search_index_source (GrdStore  *store,
                          gint64     source_id,
                          gboolean   add,
                          GError   **error)
{
  return grd_store_run (store, error,
                        add ? "INSERT INTO source_fts (rowid, text) SELECT id, text FROM source_text WHERE id = ?1"
                            : "INSERT INTO source_fts (source_fts, rowid, text) "
                              "SELECT 'delete', id, text FROM source_text WHERE id = ?1",
                        "i", source_id);
}

/* People type words and "quoted phrases", not FTS5 syntax: each becomes a
 * quoted FTS5 string, so no input can be a syntax error, and all must
 * occur. A trailing * keeps its meaning as a prefix search. */
static char *
to_fts_query (const char *query)
{
  g_autoptr(GString) fts = g_string_new (NULL);
  const char *p = query;

  while (*p != '\0')
    {
      g_autoptr(GString) term = g_string_new (NULL);
      gboolean prefix = FALSE;

      while (*p != '\0' && g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        break;

      if (*p == '"')
        {
          for (p++; *p != '\0' && *p != '"'; p++)
            g_string_append_c (term, *p);
          if (*p == '"')
            p++;
        }
      else
        {
          for (; *p != '\0' && !g_ascii_isspace (*p) && *p != '"'; p++)
            g_string_append_c (term, *p);
          if (term->len > 1 && term->str[term->len - 1] == '*')
            {
              g_string_truncate (term, term->len - 1);
              prefix = TRUE;
            }
        }

      if (term->len == 0)
        continue;

      g_string_replace (term, "\"", "\"\"", 0);
      g_string_append_printf (fts, "%s\"%s\"%s", fts->len > 0 ? " AND " : "", term->str,
                              prefix ? " *" : "");
    }

  return fts->len > 0 ? g_string_free (g_steal_pointer (&fts), FALSE) : NULL;
}

/* Adds the hits of one matching source, in text order, up to limit. */
static gboolean
add_source_hits (GrdStore    *store,
                 GPtrArray   *hits,
                 const char  *fts_query,
                 gint64       source_id,
                 guint        limit,
                 guint        context_chars,
                 GError     **error)
{
  g_autoptr(GrdStmt) stmt = NULL;
  g_auto(GStrv) pairs = NULL;
  sqlite3_stmt *row;
  const char *text;
  gboolean has_row;
  gint64 chars_before = 0;
  gsize counted_to = 0;
  gsize len;

  stmt = grd_store_query (store, error,
                          "SELECT s.name, t.text, grd_match_offsets (source_fts) FROM source_fts "
                          "JOIN source_text t ON t.id = source_fts.rowid JOIN source s ON s.id = t.id "
                          "WHERE source_fts MATCH ?1 AND source_fts.rowid = ?2",
                          "si", fts_query, source_id);
  if (stmt == NULL || !grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error))
    return FALSE;
  if (!has_row)
    return TRUE;

  row = grd_stmt_get (stmt);
  text = (const char *) sqlite3_column_text (row, 1);
  len = (gsize) sqlite3_column_bytes (row, 1);
  pairs = g_strsplit ((const char *) sqlite3_column_text (row, 2), " ", -1);

  for (guint i = 0; pairs[i] != NULL && pairs[i + 1] != NULL; i += 2)
    {
      gsize start = (gsize) g_ascii_strtoull (pairs[i], NULL, 10);
      gsize end = (gsize) g_ascii_strtoull (pairs[i + 1], NULL, 10);
      GrdSearchHit *hit;

      if (limit != 0 && hits->len >= limit)
        break;
      if (start < counted_to || end < start || end > len)
        continue;

      chars_before += grd_utf8_count_chars (text + counted_to, start - counted_to);
      counted_to = start;

      hit = g_new0 (GrdSearchHit, 1);
      hit->source_id = source_id;
      hit->source_name = grd_stmt_dup_text (row, 0);
      hit->start = chars_before;
      hit->end = chars_before + grd_utf8_count_chars (text + start, end - start);
      hit->match = g_strndup (text + start, end - start);
      hit->context_before = _grd_text_before (text, start, context_chars);
      hit->context_after = _grd_text_after (text, len, end, context_chars);
      g_ptr_array_add (hits, hit);
    }

  return TRUE;
}

GPtrArray *
grd_query_search (GrdProject    *project,
                  const char    *query,
                  guint          limit,
                  guint          context_chars,
                  GCancellable  *cancellable,
                  GError       **error)
{
  GrdStore *store;
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_search_hit_free);
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *fts_query = NULL;
  gboolean has_row, ok = TRUE;

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  store = _grd_project_get_store (project);

  if (!g_utf8_validate (query, -1, NULL) || (fts_query = to_fts_query (query)) == NULL)
    {
      g_set_error_literal (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                           _("Type a word or a \"phrase\" to search for"));
      return NULL;
    }

  /* Ranking needs only the index; the texts are read and tokenized for
   * the best sources alone, until the limit is reached. */
  grd_store_set_cancellable (store, cancellable);
  {
    g_autoptr(GrdStmt) stmt = grd_store_query (store, error,
                                               "SELECT rowid FROM source_fts WHERE source_fts MATCH ?1 "
                                               "ORDER BY rank, rowid",
                                               "s", fts_query);
    if (stmt == NULL)
      ok = FALSE;

    while (ok && (ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
      {
        gint64 id = sqlite3_column_int64 (grd_stmt_get (stmt), 0);
        g_array_append_val (ranked, id);
      }
  }

  for (guint i = 0; ok && i < ranked->len && (limit == 0 || hits->len < limit); i++)
    ok = add_source_hits (store, hits, fts_query, g_array_index (ranked, gint64, i), limit,
                          context_chars, error);
  grd_store_set_cancellable (store, NULL);

  return ok ? g_steal_pointer (&hits) : NULL;
}
