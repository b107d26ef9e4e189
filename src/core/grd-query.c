/* grd-query.c: quotes, frequencies, co-occurrence, passages
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
grd_quote_free (GrdQuote *quote)
{
  if (quote == NULL)
    return;
  g_free (quote->code_name);
  g_free (quote->source_name);
  g_free (quote->case_name);
  g_free (quote->coder_name);
  g_free (quote->speaker);
  g_free (quote->text);
  g_free (quote->context_before);
  g_free (quote->context_after);
  g_free (quote);
}

void
grd_frequency_free (GrdFrequency *frequency)
{
  if (frequency == NULL)
    return;
  g_free (frequency->code_name);
  g_free (frequency->group);
  g_free (frequency);
}

void
grd_cooccurrence_free (GrdCooccurrence *cooccurrence)
{
  if (cooccurrence == NULL)
    return;
  g_free (cooccurrence->name_a);
  g_free (cooccurrence->name_b);
  g_free (cooccurrence);
}

char *
_grd_text_before (const char *text,
                  gsize       byte,
                  guint       n_chars)
{
  const char *end = text + byte;
  const char *start = end;

  /* g_utf8_find_prev_char never steps before text, even in a damaged one */
  for (guint i = 0; i < n_chars && start > text; i++)
    {
      const char *prev = g_utf8_find_prev_char (text, start);

      start = prev != NULL ? prev : text;
    }

  return g_strndup (start, end - start);
}

char *
_grd_text_after (const char *text,
                 gsize       len,
                 gsize       byte,
                 guint       n_chars)
{
  const char *start = text + byte;
  const char *end = start;

  for (guint i = 0; i < n_chars && end < text + len; i++)
    end = g_utf8_next_char (end);

  return g_strndup (start, end - start);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* Byte offsets of many code point offsets in one text, found in a single
 * forward pass: a source's quotes and their context in one walk. */
typedef struct {
  GArray *chars;  /* gint64, sorted, unique */
  GArray *bytes;  /* gssize, parallel */
} OffsetMap;

static void
offset_map_build (OffsetMap  *map,
                  GArray     *wanted,
                  const char *text,
                  gsize       len)
{
  GrdUtf8Cursor cursor;

  g_array_sort (wanted, compare_gint64);
  map->chars = g_array_new (FALSE, FALSE, sizeof (gint64));
  map->bytes = g_array_new (FALSE, FALSE, sizeof (gssize));

  grd_utf8_cursor_init (&cursor, text, len);
  for (guint i = 0; i < wanted->len; i++)
    {
      gint64 chr = g_array_index (wanted, gint64, i);
      gssize byte;

      if (map->chars->len > 0 && g_array_index (map->chars, gint64, map->chars->len - 1) == chr)
        continue;

      byte = grd_utf8_cursor_seek (&cursor, chr);
      g_array_append_val (map->chars, chr);
      g_array_append_val (map->bytes, byte);
    }
}

static gssize
offset_map_lookup (OffsetMap *map,
                   gint64     chr)
{
  guint index;

  if (!g_array_binary_search (map->chars, &chr, compare_gint64, &index))
    return -1;

  return g_array_index (map->bytes, gssize, index);
}

static void
offset_map_clear (OffsetMap *map)
{
  g_clear_pointer (&map->chars, g_array_unref);
  g_clear_pointer (&map->bytes, g_array_unref);
}

/* Fills text and context for quotes[first, last), all of one source. */
static gboolean
fill_source_quotes (GrdProject  *project,
                    GPtrArray   *quotes,
                    guint        first,
                    guint        last,
                    guint        context_chars,
                    GError     **error)
{
  GrdStore *store = _grd_project_get_store (project);
  GrdQuote *head = g_ptr_array_index (quotes, first);
  g_autoptr(GrdStmt) stmt = NULL;
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (gint64));
  OffsetMap map = { NULL, NULL };
  const char *text;
  gsize len;
  gboolean has_row;

  stmt = grd_store_query (store, error, "SELECT text FROM source_text WHERE id = ?1", "i",
                          head->source_id);
  if (stmt == NULL || !grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error))
    return FALSE;
  if (!has_row)
    {
      _grd_set_not_found (error, _("source"), head->source_id);
      return FALSE;
    }

  text = (const char *) sqlite3_column_text (grd_stmt_get (stmt), 0);
  len = (gsize) sqlite3_column_bytes (grd_stmt_get (stmt), 0);

  for (guint i = first; i < last; i++)
    {
      GrdQuote *quote = g_ptr_array_index (quotes, i);

      g_array_append_val (wanted, quote->start);
      g_array_append_val (wanted, quote->end);
    }
  offset_map_build (&map, wanted, text, len);

  for (guint i = first; i < last; i++)
    {
      GrdQuote *quote = g_ptr_array_index (quotes, i);
      gssize start = offset_map_lookup (&map, quote->start);
      gssize end = offset_map_lookup (&map, quote->end);

      if (start < 0 || end < 0)
        {
          offset_map_clear (&map);
          g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                       _("Coding %lld lies outside the text of “%s”"),
                       (long long) quote->coding_id, quote->source_name);
          return FALSE;
        }

      quote->text = g_strndup (text + start, end - start);
      quote->context_before = _grd_text_before (text, start, context_chars);
      quote->context_after = _grd_text_after (text, len, end, context_chars);
    }

  offset_map_clear (&map);
  return TRUE;
}

/* The speaker of the turn a coding starts in; g is the coding. Looked up
 * per quote, it is half the time of listing 14,000 quotes, so a list that
 * reads text on demand reads the speaker then too. */
#define SPEAKER_AT_START \
  "SELECT t.speaker FROM turn t WHERE t.source_id = g.source_id " \
  "AND t.start_pos <= g.start_pos AND t.end_pos > g.start_pos " \
  "ORDER BY t.start_pos DESC LIMIT 1"

/* ?1 code, ?2 with descendants, ?3 representative only, ?4 without text;
 * where narrows it further. */
/* The page a coding starts on, for sources imported with pages (PDF). */
#define PAGE_AT_START \
  "SELECT f.value FROM source_format f WHERE f.source_id = g.source_id " \
  "AND f.kind = 'page' AND f.start_pos <= g.start_pos AND f.end_pos > g.start_pos " \
  "ORDER BY f.start_pos DESC LIMIT 1"

#define QUOTES_SQL(where) \
  "WITH RECURSIVE sub (id) AS (SELECT ?1 UNION " \
  "SELECT c.id FROM code c JOIN sub ON c.parent_id = sub.id WHERE ?2) " \
  "SELECT g.id, g.code_id, c.name, g.source_id, s.name, s.case_id, k.name, " \
  "r.name, g.start_pos, g.end_pos, g.representative, " \
  "CASE WHEN ?4 THEN NULL ELSE (" SPEAKER_AT_START ") END, " \
  "CASE WHEN ?4 THEN NULL ELSE (" PAGE_AT_START ") END " \
  "FROM sub JOIN coding g ON g.code_id = sub.id " \
  "JOIN code c ON c.id = g.code_id JOIN source s ON s.id = g.source_id " \
  "LEFT JOIN study_case k ON k.id = s.case_id " \
  "LEFT JOIN coder r ON r.id = g.coder_id " \
  "WHERE (NOT ?3 OR g.representative) " where " " \
  "ORDER BY k.name IS NULL, k.name, s.name, g.source_id, g.start_pos, g.end_pos, g.id"

/* coding_id 0: every quote of the code; otherwise only that coding's. */
static GPtrArray *
list_quotes (GrdProject     *project,
             gint64          code_id,
             GrdQuoteFlags   flags,
             gint64          coding_id,
             guint           context_chars,
             GCancellable   *cancellable,
             GError        **error)
{
  GrdStore *store = _grd_project_get_store (project);
  g_autoptr(GPtrArray) quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_quote_free);
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row, ok;
  guint first = 0;

  /* Two statements rather than "?5 = 0 OR g.id = ?5", which would leave
   * the planner guessing for the list of 14,000. */
  stmt = grd_store_query (store, error,
                          coding_id == 0 ? QUOTES_SQL ("") : QUOTES_SQL ("AND g.id = ?5"),
                          coding_id == 0 ? "iddd" : "idddi", code_id,
                          (flags & GRD_QUOTE_WITH_DESCENDANTS) ? 1 : 0,
                          (flags & GRD_QUOTE_REPRESENTATIVE) ? 1 : 0,
                          (flags & GRD_QUOTE_WITHOUT_TEXT) ? 1 : 0,
                          coding_id);
  if (stmt == NULL)
    return NULL;

  while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
    {
      sqlite3_stmt *row = grd_stmt_get (stmt);
      GrdQuote *quote = g_new0 (GrdQuote, 1);

      quote->coding_id = sqlite3_column_int64 (row, 0);
      quote->code_id = sqlite3_column_int64 (row, 1);
      quote->code_name = grd_stmt_dup_text (row, 2);
      quote->source_id = sqlite3_column_int64 (row, 3);
      quote->source_name = grd_stmt_dup_text (row, 4);
      quote->case_id = sqlite3_column_int64 (row, 5);
      quote->case_name = grd_stmt_dup_text (row, 6);
      quote->coder_name = grd_stmt_dup_text (row, 7);
      quote->start = sqlite3_column_int64 (row, 8);
      quote->end = sqlite3_column_int64 (row, 9);
      quote->representative = sqlite3_column_int (row, 10) != 0;
      quote->speaker = grd_stmt_dup_text (row, 11);
      quote->page = (guint) sqlite3_column_int64 (row, 12);
      g_ptr_array_add (quotes, quote);
      if (flags & GRD_QUOTE_FIRST_ONLY)
        break;
    }
  if (!ok)
    return NULL;
  g_clear_pointer (&stmt, grd_store_release);

  if (quotes->len == 0)
    return _grd_project_require (store, "code", code_id, error) ? g_steal_pointer (&quotes) : NULL;

  if (flags & GRD_QUOTE_WITHOUT_TEXT)
    return g_steal_pointer (&quotes);

  /* Quotes come grouped by source: read each text once. */
  for (guint i = 1; i <= quotes->len; i++)
    {
      GrdQuote *head = g_ptr_array_index (quotes, first);

      if (i < quotes->len && ((GrdQuote *) g_ptr_array_index (quotes, i))->source_id == head->source_id)
        continue;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !fill_source_quotes (project, quotes, first, i, context_chars, error))
        return NULL;
      first = i;
    }

  return g_steal_pointer (&quotes);
}

GPtrArray *
grd_query_quotes (GrdProject     *project,
                  gint64          code_id,
                  GrdQuoteFlags   flags,
                  guint           context_chars,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);

  return list_quotes (project, code_id, flags, 0, context_chars, cancellable, error);
}

GrdQuote *
grd_query_quote (GrdProject     *project,
                 gint64          code_id,
                 GrdQuoteFlags   flags,
                 gint64          coding_id,
                 guint           context_chars,
                 GError        **error)
{
  g_autoptr(GPtrArray) quotes = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);
  g_return_val_if_fail (coding_id > 0, NULL);

  quotes = list_quotes (project, code_id, flags, coding_id, context_chars, NULL, error);
  if (quotes == NULL || quotes->len == 0)
    return NULL;

  return g_ptr_array_steal_index (quotes, 0);
}

gboolean
grd_query_quote_fill_text (GrdProject  *project,
                           GrdQuote    *quote,
                           guint        context_chars,
                           GError     **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_return_val_if_fail (GRD_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (quote != NULL, FALSE);

  if (quote->text != NULL)
    return TRUE;

  if (quote->speaker == NULL)
    {
      GrdStore *store = _grd_project_get_store (project);
      g_autoptr(GrdStmt) stmt = grd_store_query (store, error,
                                                 "SELECT (" SPEAKER_AT_START "), "
                                                 "(" PAGE_AT_START ") "
                                                 "FROM coding g WHERE g.id = ?1",
                                                 "i", quote->coding_id);
      gboolean has_row;

      if (stmt == NULL || !grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error))
        return FALSE;
      if (has_row)
        {
          quote->speaker = grd_stmt_dup_text (grd_stmt_get (stmt), 0);
          quote->page = (guint) sqlite3_column_int64 (grd_stmt_get (stmt), 1);
        }
    }

  g_ptr_array_add (one, quote);
  return fill_source_quotes (project, one, 0, 1, context_chars, error);
}

typedef struct {
  char       *label;   /* NULL: no case, or no value recorded */
  gint64      id;
  guint      *n_codings;   /* per code index, allocated on the group's first coding */
  guint      *n_chars;
} Group;

/* Sorting 50,000 rows with g_utf8_collate would collate the same few
 * names a million times: each distinct name gets its collation key once. */
typedef struct {
  GrdFrequency *row;
  const char   *code_key;
  const char   *group_key;
  gboolean      is_number;   /* groups of a number attribute sort as numbers */
  double        number;
} SortEntry;

static const char *
collation_key (GHashTable *keys,
               const char *text)
{
  char *key;

  if (text == NULL)
    return NULL;

  key = g_hash_table_lookup (keys, text);
  if (key == NULL)
    {
      key = g_utf8_collate_key (text, -1);
      g_hash_table_insert (keys, (gpointer) text, key);
    }

  return key;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const SortEntry *x = a;
  const SortEntry *y = b;
  int by_name = strcmp (x->code_key, y->code_key);

  if (by_name != 0)
    return by_name;
  if (x->row->code_id != y->row->code_id)
    return x->row->code_id < y->row->code_id ? -1 : 1;
  if (x->is_number != y->is_number)
    return x->is_number ? -1 : 1;   /* n/a and not recorded after the numbers */
  if (x->is_number && x->number != y->number)
    return x->number < y->number ? -1 : 1;
  if (x->group_key == NULL || y->group_key == NULL)
    return (x->group_key == NULL) - (y->group_key == NULL);
  return strcmp (x->group_key, y->group_key);
}

static void
sort_frequencies (GPtrArray *rows,
                  gboolean   numeric_groups)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GArray) entries = g_array_sized_new (FALSE, FALSE, sizeof (SortEntry), rows->len);

  for (guint i = 0; i < rows->len; i++)
    {
      GrdFrequency *row = g_ptr_array_index (rows, i);
      SortEntry entry = { row, collation_key (keys, row->code_name), collation_key (keys, row->group),
                          FALSE, 0 };
      char *end = NULL;

      if (numeric_groups && row->group != NULL)
        {
          entry.number = g_ascii_strtod (row->group, &end);
          entry.is_number = end != NULL && end != row->group && *end == '\0';
        }
      g_array_append_val (entries, entry);
    }

  g_array_sort (entries, compare_entries);

  for (guint i = 0; i < entries->len; i++)
    rows->pdata[i] = g_array_index (entries, SortEntry, i).row;
}

static void
group_free (Group *group)
{
  g_free (group->label);
  g_free (group->n_codings);
  g_free (group->n_chars);
  g_free (group);
}

/* Which group each source counts in: sources of one case (or with one
 * attribute value) share one Group. The groups themselves go to owned. */
static GHashTable *
read_groups (GrdStore    *store,
             GrdGroupBy   group_by,
             gint64       attribute_id,
             GPtrArray   *owned,
             GError     **error)
{
  g_autoptr(GHashTable) by_source = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row, ok;
  const char *sql;

  switch (group_by)
    {
    case GRD_GROUP_BY_SOURCE:
      sql = "SELECT s.id, s.name, s.id FROM source s";
      break;

    case GRD_GROUP_BY_CASE:
      sql = "SELECT s.id, k.name, k.id FROM source s LEFT JOIN study_case k ON k.id = s.case_id";
      break;

    case GRD_GROUP_BY_ATTRIBUTE:
      /* A value on the source wins over its case's; a NULL value is n/a,
       * no row at all is not recorded. */
      sql = "SELECT s.id, CASE WHEN coalesce (vs.id, vc.id) IS NULL THEN NULL "
            "ELSE coalesce (CASE WHEN vs.id IS NOT NULL THEN vs.value ELSE vc.value END, 'n/a') END, 0 "
            "FROM source s "
            "LEFT JOIN attribute_value vs ON vs.source_id = s.id AND vs.attribute_id = ?1 "
            "LEFT JOIN attribute_value vc ON vc.case_id = s.case_id AND vc.attribute_id = ?1";
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  stmt = grd_store_query (store, error, sql, "i", attribute_id);
  if (stmt == NULL)
    return NULL;

  while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
    {
      sqlite3_stmt *row = grd_stmt_get (stmt);
      const char *label = (const char *) sqlite3_column_text (row, 1);
      gint64 group_id = sqlite3_column_int64 (row, 2);
      gint64 *source_id = g_new (gint64, 1);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", group_id,
                                              label != NULL ? label : "\x1e");
      Group *group = g_hash_table_lookup (by_key, key);

      if (group == NULL)
        {
          group = g_new0 (Group, 1);
          group->label = g_strdup (label);
          group->id = group_id;
          g_ptr_array_add (owned, group);
          g_hash_table_insert (by_key, g_steal_pointer (&key), group);
        }

      *source_id = sqlite3_column_int64 (row, 0);
      g_hash_table_insert (by_source, source_id, group);
    }

  return ok ? g_steal_pointer (&by_source) : NULL;
}

/* code id -> name, for every code */
static gboolean
read_code_names (GrdStore    *store,
                 GHashTable  *names,
                 GError     **error)
{
  g_autoptr(GrdStmt) stmt = grd_store_query (store, error, "SELECT id, name FROM code", NULL);
  gboolean has_row, ok;

  if (stmt == NULL)
    return FALSE;

  while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
    {
      gint64 id = sqlite3_column_int64 (grd_stmt_get (stmt), 0);

      g_hash_table_insert (names, g_memdup2 (&id, sizeof id),
                           grd_stmt_dup_text (grd_stmt_get (stmt), 1));
    }

  return ok;
}

/* Counts each group's codings per code (by index into the codes), leaving
 * out those that start in an interviewer's turn unless include_interviewer.
 * Codings and turns are both read in source and position order from their
 * indexes and walked side by side: no join, no temporary b-tree, and one
 * group lookup per source rather than per coding. */
static gboolean
count_codings (GrdStore    *store,
               GHashTable  *groups,
               GHashTable  *code_index,
               guint        n_codes,
               gboolean     include_interviewer,
               GError     **error)
{
  g_autoptr(GrdStmt) codings = NULL;
  g_autoptr(GrdStmt) turns = NULL;
  gboolean has_coding, has_turn = FALSE, more_turns = !include_interviewer, ok;
  gint64 source_id = -1, turn_source = 0, turn_start = 0, turn_end = 0;
  Group *group = NULL;

  codings = grd_store_query (store, error,
                             "SELECT source_id, code_id, start_pos, end_pos FROM coding "
                             "ORDER BY source_id, start_pos", NULL);
  if (codings == NULL)
    return FALSE;
  if (!include_interviewer)
    {
      turns = grd_store_query (store, error,
                               "SELECT source_id, start_pos, end_pos FROM turn WHERE is_interviewer "
                               "ORDER BY source_id, start_pos", NULL);
      if (turns == NULL)
        return FALSE;
    }

  while ((ok = grd_store_step_row (store, grd_stmt_get (codings), &has_coding, error)) && has_coding)
    {
      sqlite3_stmt *row = grd_stmt_get (codings);
      gint64 start = sqlite3_column_int64 (row, 2);
      gpointer index;

      if (sqlite3_column_int64 (row, 0) != source_id)
        {
          source_id = sqlite3_column_int64 (row, 0);
          group = g_hash_table_lookup (groups, &source_id);
          if (group != NULL && group->n_codings == NULL)
            {
              group->n_codings = g_new0 (guint, n_codes);
              group->n_chars = g_new0 (guint, n_codes);
            }
        }

      /* The first turn of this source that has not ended before the coding. */
      while (more_turns && (!has_turn || turn_source < source_id ||
                            (turn_source == source_id && turn_end <= start)))
        {
          sqlite3_stmt *turn = grd_stmt_get (turns);

          if (!grd_store_step_row (store, turn, &has_turn, error))
            return FALSE;
          more_turns = has_turn;
          turn_source = has_turn ? sqlite3_column_int64 (turn, 0) : 0;
          turn_start = has_turn ? sqlite3_column_int64 (turn, 1) : 0;
          turn_end = has_turn ? sqlite3_column_int64 (turn, 2) : 0;
        }
      if (has_turn && turn_source == source_id && turn_start <= start)
        continue;

      if (group == NULL ||
          !g_hash_table_lookup_extended (code_index, &(gint64) { sqlite3_column_int64 (row, 1) },
                                         NULL, &index))
        continue;
      group->n_codings[GPOINTER_TO_UINT (index)]++;
      group->n_chars[GPOINTER_TO_UINT (index)] += (guint) (sqlite3_column_int64 (row, 3) - start);
    }

  return ok;
}

GPtrArray *
grd_query_frequencies (GrdProject    *project,
                       GrdGroupBy     group_by,
                       gint64         attribute_id,
                       gboolean       include_interviewer,
                       GCancellable  *cancellable,
                       GError       **error)
{
  GrdStore *store;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_frequency_free);
  g_autoptr(GPtrArray) owned_groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) code_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 **code_ids = NULL;
  guint n_codes = 0;
  gboolean ok;

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);
  g_return_val_if_fail ((guint) group_by <= GRD_GROUP_BY_ATTRIBUTE, NULL);

  store = _grd_project_get_store (project);

  if (group_by == GRD_GROUP_BY_ATTRIBUTE &&
      !_grd_project_require (store, "attribute", attribute_id, error))
    return NULL;

  groups = read_groups (store, group_by, attribute_id, owned_groups, error);
  if (groups == NULL)
    return NULL;

  if (!read_code_names (store, names, error))
    return NULL;

  code_ids = (gint64 **) g_hash_table_get_keys_as_array (names, &n_codes);
  for (guint i = 0; i < n_codes; i++)
    g_hash_table_insert (code_index, code_ids[i], GUINT_TO_POINTER (i));

  grd_store_set_cancellable (store, cancellable);
  ok = count_codings (store, groups, code_index, n_codes, include_interviewer, error);
  grd_store_set_cancellable (store, NULL);
  if (!ok)
    return NULL;

  for (guint g = 0; g < owned_groups->len; g++)
    {
      const Group *group = g_ptr_array_index (owned_groups, g);

      for (guint i = 0; group->n_codings != NULL && i < n_codes; i++)
        {
          GrdFrequency *cell;

          if (group->n_codings[i] == 0)
            continue;
          cell = g_new0 (GrdFrequency, 1);
          cell->code_id = *code_ids[i];
          cell->code_name = g_strdup (g_hash_table_lookup (names, code_ids[i]));
          cell->group = g_strdup (group->label);
          cell->group_id = group->id;
          cell->n_codings = group->n_codings[i];
          cell->n_chars = group->n_chars[i];
          g_ptr_array_add (rows, cell);
        }
    }

  {
    gint64 is_number = 0;

    if (group_by == GRD_GROUP_BY_ATTRIBUTE &&
        !grd_store_get_int (store, &is_number, NULL, error,
                            "SELECT type = 'number' FROM attribute WHERE id = ?1", "i", attribute_id))
      return NULL;
    sort_frequencies (rows, is_number != 0);
  }
  return g_steal_pointer (&rows);
}

typedef struct {
  gint64 code_id;
  gint64 start;
  gint64 end;
} Span;

/* Pairs are counted in a hash keyed by the two code ids. */
static void
count_pair (GHashTable *pairs,
            gint64      a,
            gint64      b)
{
  gint64 key[2] = { MIN (a, b), MAX (a, b) };
  guint *count;

  if (a == b)
    return;

  count = g_hash_table_lookup (pairs, key);
  if (count == NULL)
    {
      count = g_new0 (guint, 1);
      g_hash_table_insert (pairs, g_memdup2 (key, sizeof key), count);
    }
  (*count)++;
}

static guint
pair_hash (gconstpointer key)
{
  const gint64 *k = key;

  return g_int64_hash (&k[0]) * 31 + g_int64_hash (&k[1]);
}

static gboolean
pair_equal (gconstpointer a,
            gconstpointer b)
{
  return memcmp (a, b, 2 * sizeof (gint64)) == 0;
}

/* One source's codings, sorted by start: overlapping pairs by a sweep that
 * keeps the codings still open at each start. */
static void
count_overlaps (GArray     *spans,
                GHashTable *pairs)
{
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (Span));

  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);

      for (guint j = open->len; j > 0; j--)
        if (g_array_index (open, Span, j - 1).end <= span->start)
          g_array_remove_index_fast (open, j - 1);

      for (guint j = 0; j < open->len; j++)
        count_pair (pairs, g_array_index (open, Span, j).code_id, span->code_id);

      g_array_append_val (open, *span);
    }
}

/* One source's codings and turns, both sorted by start: pairs of codings
 * that start in the same turn. */
static void
count_same_turn (GArray     *spans,
                 GArray     *turns,
                 GHashTable *pairs)
{
  guint first = 0, t = 0;

  while (first < spans->len)
    {
      Span *head = &g_array_index (spans, Span, first);
      guint last = first + 1;
      Span *turn;

      while (t < turns->len && g_array_index (turns, Span, t).end <= head->start)
        t++;
      turn = t < turns->len ? &g_array_index (turns, Span, t) : NULL;
      if (turn == NULL || turn->start > head->start)
        {
          first++;   /* starts outside any turn */
          continue;
        }

      while (last < spans->len && g_array_index (spans, Span, last).start < turn->end)
        last++;

      for (guint i = first; i < last; i++)
        for (guint j = i + 1; j < last; j++)
          count_pair (pairs, g_array_index (spans, Span, i).code_id,
                      g_array_index (spans, Span, j).code_id);
      first = last;
    }
}

GHashTable *
_grd_query_new_pair_table (void)
{
  return g_hash_table_new_full (pair_hash, pair_equal, g_free, g_free);
}

/* One pass over the codings in text order, source by source (and over the
 * turns, when same_turn is wanted), counting into either table or both. */
gboolean
_grd_query_count_cooccurrences (GrdProject    *project,
                                GHashTable    *overlapping,
                                GHashTable    *same_turn,
                                GCancellable  *cancellable,
                                GError       **error)
{
  GrdStore *store = _grd_project_get_store (project);
  g_autoptr(GrdStmt) codings = NULL;
  g_autoptr(GrdStmt) turns = NULL;
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) source_turns = g_array_new (FALSE, FALSE, sizeof (Span));
  gboolean has_coding, has_turn = FALSE, ok;
  gint64 source = -1;

  codings = grd_store_query (store, error,
                             "SELECT source_id, code_id, start_pos, end_pos FROM coding "
                             "ORDER BY source_id, start_pos, end_pos",
                             NULL);
  if (codings == NULL)
    return FALSE;
  if (same_turn != NULL)
    {
      turns = grd_store_query (store, error,
                               "SELECT source_id, 0, start_pos, end_pos FROM turn "
                               "ORDER BY source_id, start_pos",
                               NULL);
      if (turns == NULL || !grd_store_step_row (store, grd_stmt_get (turns), &has_turn, error))
        return FALSE;
    }

  do
    {
      sqlite3_stmt *row = grd_stmt_get (codings);

      ok = grd_store_step_row (store, row, &has_coding, error);
      if (!ok)
        return FALSE;

      if (spans->len > 0 && (!has_coding || sqlite3_column_int64 (row, 0) != source))
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;

          if (overlapping != NULL)
            count_overlaps (spans, overlapping);
          if (same_turn != NULL)
            {
              sqlite3_stmt *turn_row = grd_stmt_get (turns);

              g_array_set_size (source_turns, 0);
              while (has_turn && sqlite3_column_int64 (turn_row, 0) < source)
                if (!grd_store_step_row (store, turn_row, &has_turn, error))
                  return FALSE;
              while (has_turn && sqlite3_column_int64 (turn_row, 0) == source)
                {
                  Span turn = { 0, sqlite3_column_int64 (turn_row, 2), sqlite3_column_int64 (turn_row, 3) };

                  g_array_append_val (source_turns, turn);
                  if (!grd_store_step_row (store, turn_row, &has_turn, error))
                    return FALSE;
                }
              count_same_turn (spans, source_turns, same_turn);
            }
          g_array_set_size (spans, 0);
        }

      if (has_coding)
        {
          Span span = { sqlite3_column_int64 (row, 1), sqlite3_column_int64 (row, 2),
                        sqlite3_column_int64 (row, 3) };

          source = sqlite3_column_int64 (row, 0);
          g_array_append_val (spans, span);
        }
    }
  while (has_coding);

  return TRUE;
}

static int
compare_cooccurrences (gconstpointer a,
                       gconstpointer b)
{
  const GrdCooccurrence *x = *(GrdCooccurrence * const *) a;
  const GrdCooccurrence *y = *(GrdCooccurrence * const *) b;
  int by_name;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  if ((by_name = g_utf8_collate (x->name_a, y->name_a)) != 0)
    return by_name;
  return g_utf8_collate (x->name_b, y->name_b);
}

/* Pairs of codes whose codings overlap, or start in one speaker turn,
 * found by one sweep over each source's codings in text order: time in
 * proportion to codings plus pairs, not to codings squared. */
GPtrArray *
grd_query_cooccurrence (GrdProject           *project,
                        GrdCooccurrenceMode   mode,
                        GCancellable         *cancellable,
                        GError              **error)
{
  GrdStore *store;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_cooccurrence_free);
  g_autoptr(GHashTable) pairs = _grd_query_new_pair_table ();
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);
  g_return_val_if_fail (mode == GRD_COOCCUR_OVERLAP || mode == GRD_COOCCUR_SAME_TURN, NULL);

  store = _grd_project_get_store (project);

  if (!read_code_names (store, names, error) ||
      !_grd_query_count_cooccurrences (project, mode == GRD_COOCCUR_OVERLAP ? pairs : NULL,
                                       mode == GRD_COOCCUR_SAME_TURN ? pairs : NULL,
                                       cancellable, error))
    return NULL;

  g_hash_table_iter_init (&iter, pairs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const gint64 *codes = key;
      GrdCooccurrence *pair = g_new0 (GrdCooccurrence, 1);

      pair->code_a = codes[0];
      pair->name_a = g_strdup (g_hash_table_lookup (names, &codes[0]));
      pair->code_b = codes[1];
      pair->name_b = g_strdup (g_hash_table_lookup (names, &codes[1]));
      pair->count = *(guint *) value;
      g_ptr_array_add (rows, pair);
    }

  g_ptr_array_sort (rows, compare_cooccurrences);
  return g_steal_pointer (&rows);
}

gboolean
grd_query_locate_passage (GrdProject  *project,
                          gint64       source_id,
                          const char  *passage,
                          gint64      *start,
                          gint64      *end,
                          GError     **error)
{
  g_autoptr(GrdSource) source = NULL;
  g_autofree char *text = NULL;
  const char *found = NULL;
  guint n_found = 0;
  gsize len, passage_len;

  g_return_val_if_fail (GRD_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (passage != NULL, FALSE);

  passage_len = strlen (passage);
  if (passage_len == 0 || !g_utf8_validate (passage, passage_len, NULL))
    {
      g_set_error_literal (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                           _("The passage is empty or not valid UTF-8"));
      return FALSE;
    }

  source = grd_project_get_source (project, source_id, error);
  if (source == NULL)
    return FALSE;
  text = grd_project_get_source_text (project, source_id, &len, error);
  if (text == NULL)
    return FALSE;

  for (const char *at = strstr (text, passage); at != NULL; at = strstr (at + 1, passage))
    {
      if (n_found++ == 0)
        found = at;
    }

  if (n_found == 0)
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND,
                   _("The passage does not occur in “%s” (it must match the text exactly)"),
                   source->name);
      return FALSE;
    }
  if (n_found > 1)
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_AMBIGUOUS,
                   _("The passage occurs %u times in “%s”; quote more of it, or give offsets"),
                   n_found, source->name);
      return FALSE;
    }

  *start = grd_utf8_count_chars (text, found - text);
  *end = *start + grd_utf8_count_chars (found, passage_len);
  return TRUE;
}
