/* grd-selective.c: integrating the codes around a core category
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-selective"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grd-project-private.h"
#include "grd-selective.h"

void
grd_integration_check_free (GrdIntegrationCheck *check)
{
  if (check == NULL)
    return;

  g_free (check->code_name);
  g_free (check->case_name);
  g_free (check);
}

void
grd_saturation_row_free (GrdSaturationRow *row)
{
  if (row == NULL)
    return;

  g_free (row->source_name);
  g_free (row->date);
  g_free (row);
}

/* The tree as list_codes gives it, looked up by id. */
typedef struct {
  GPtrArray  *codes;   /* GrdCode, depth first */
  GHashTable *by_id;   /* gint64 -> GrdCode */
} CodeTree;

static void
code_tree_clear (CodeTree *tree)
{
  g_clear_pointer (&tree->by_id, g_hash_table_unref);
  g_clear_pointer (&tree->codes, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CodeTree, code_tree_clear)

static gboolean
code_tree_load (CodeTree    *tree,
                GrdProject  *project,
                GError     **error)
{
  tree->codes = grd_project_list_codes (project, error);
  if (tree->codes == NULL)
    return FALSE;

  tree->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < tree->codes->len; i++)
    {
      GrdCode *code = g_ptr_array_index (tree->codes, i);

      g_hash_table_insert (tree->by_id, &code->id, code);
    }
  return TRUE;
}

static const GrdCode *
parent_of (const CodeTree *tree,
           const GrdCode  *code)
{
  return code->parent_id != 0 ? g_hash_table_lookup (tree->by_id, &code->parent_id) : NULL;
}

/* list_codes leaves out codes in a cycle, so walks up always end. */
static gboolean
is_within (const CodeTree *tree,
           const GrdCode  *code,
           gint64          ancestor_id)
{
  for (const GrdCode *at = code; at != NULL; at = parent_of (tree, at))
    if (at->id == ancestor_id)
      return TRUE;
  return FALSE;
}

static GrdIntegrationCheck *
check_new (GrdCheckKind   kind,
           const GrdCode *code)
{
  GrdIntegrationCheck *check = g_new0 (GrdIntegrationCheck, 1);

  check->kind = kind;
  if (code != NULL)
    {
      check->code_id = code->id;
      check->code_name = g_strdup (code->name);
    }
  return check;
}

static guint64
pair_key (gint64 a,
          gint64 b)
{
  return ((guint64) MIN (a, b) << 32) | (guint64) (MAX (a, b) & 0xffffffff);
}

/* A theme belongs to the story when it sits under the core category (or
 * holds it), or when it or a code above it is related to it. */
static gboolean
related_to_core (const CodeTree *tree,
                 GHashTable     *related,
                 const GrdCode  *theme,
                 const GrdCode  *core)
{
  if (is_within (tree, theme, core->id) || is_within (tree, core, theme->id))
    return TRUE;

  for (const GrdCode *at = theme; at != NULL; at = parent_of (tree, at))
    {
      guint64 key = pair_key (at->id, core->id);

      if (g_hash_table_contains (related, &key))
        return TRUE;
    }
  return FALSE;
}

/* Calls visit once for each code and transcript it was applied in: the
 * covering index by code gives the pairs in order, with no join or sort,
 * and each caller maps a transcript to what it needs in memory. */
static gboolean
visit_code_sources (GrdStore      *store,
                    void         (*visit) (gint64 code_id, gint64 source_id, gpointer data),
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GrdStmt) stmt = grd_store_query (store, error,
                                             "SELECT code_id, source_id FROM coding "
                                             "GROUP BY code_id, source_id", NULL);
  gboolean has_row, ok;

  if (stmt == NULL)
    return FALSE;
  while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
    visit (sqlite3_column_int64 (grd_stmt_get (stmt), 0),
           sqlite3_column_int64 (grd_stmt_get (stmt), 1), data);
  return ok && !g_cancellable_set_error_if_cancelled (cancellable, error);
}

typedef struct {
  gint64  id;     /* 0: no case */
  char   *name;
} SourceCase;

static void
source_case_free (SourceCase *source_case)
{
  g_free (source_case->name);
  g_free (source_case);
}

typedef struct {
  const CodeTree *tree;
  GHashTable     *source_cases;  /* &source id -> SourceCase */
  GHashTable     *cases;         /* &code id -> (case id -> case name) */
} CasesPerCode;

static void
add_case_of_source (gint64   code_id,
                    gint64   source_id,
                    gpointer data)
{
  CasesPerCode *per_code = data;
  const SourceCase *source_case = g_hash_table_lookup (per_code->source_cases, &source_id);

  if (source_case == NULL)
    return;
  for (const GrdCode *at = g_hash_table_lookup (per_code->tree->by_id, &code_id); at != NULL;
       at = parent_of (per_code->tree, at))
    {
      GHashTable *set = g_hash_table_lookup (per_code->cases, &at->id);

      if (set == NULL)
        {
          set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
          g_hash_table_insert (per_code->cases, (gpointer) &at->id, set);
        }
      if (!g_hash_table_contains (set, &source_case->id))
        g_hash_table_insert (set, g_memdup2 (&source_case->id, sizeof (gint64)),
                             g_strdup (source_case->name));
    }
}

/* code id -> (case id -> case name) of its codings and its sub-codes'. */
static GHashTable *
cases_per_code (GrdProject      *project,
                const CodeTree  *tree,
                GCancellable    *cancellable,
                GError         **error)
{
  GrdStore *store = _grd_project_get_store (project);
  g_autoptr(GHashTable) cases = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) source_cases = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                              (GDestroyNotify) source_case_free);
  CasesPerCode per_code = { tree, source_cases, cases };
  g_autoptr(GrdStmt) stmt = NULL;
  gboolean has_row, ok;

  stmt = grd_store_query (store, error,
                          "SELECT s.id, s.case_id, k.name FROM source s "
                          "LEFT JOIN study_case k ON k.id = s.case_id", NULL);
  if (stmt == NULL)
    return NULL;
  while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
    {
      sqlite3_stmt *row = grd_stmt_get (stmt);
      gint64 source_id = sqlite3_column_int64 (row, 0);
      SourceCase *source_case = g_new0 (SourceCase, 1);

      source_case->id = sqlite3_column_int64 (row, 1);
      source_case->name = grd_stmt_dup_text (row, 2);
      g_hash_table_insert (source_cases, g_memdup2 (&source_id, sizeof source_id), source_case);
    }
  if (!ok || !visit_code_sources (store, add_case_of_source, &per_code, cancellable, error))
    return NULL;

  return g_steal_pointer (&cases);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

GPtrArray *
grd_selective_checks (GrdProject    *project,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_auto(CodeTree) tree = { NULL, NULL };
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GHashTable) related = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) cases = NULL;
  g_autoptr(GPtrArray) checks = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_integration_check_free);
  const GrdCode *core = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);

  if (!code_tree_load (&tree, project, error) ||
      (relations = grd_project_list_relations (project, error)) == NULL ||
      (cases = cases_per_code (project, &tree, cancellable, error)) == NULL)
    return NULL;

  for (guint i = 0; i < relations->len; i++)
    {
      const GrdRelation *relation = g_ptr_array_index (relations, i);
      guint64 key = pair_key (relation->from_code_id, relation->to_code_id);

      g_hash_table_add (related, g_memdup2 (&key, sizeof key));
    }

  for (guint i = 0; i < tree.codes->len && core == NULL; i++)
    if (((GrdCode *) g_ptr_array_index (tree.codes, i))->kind == GRD_CODE_KIND_CORE_CATEGORY)
      core = g_ptr_array_index (tree.codes, i);

  if (core == NULL)
    g_ptr_array_add (checks, check_new (GRD_CHECK_NO_CORE_CATEGORY, NULL));
  else
    for (guint i = 0; i < tree.codes->len; i++)
      {
        const GrdCode *code = g_ptr_array_index (tree.codes, i);

        if ((code->kind == GRD_CODE_KIND_THEME || code->kind == GRD_CODE_KIND_AGGREGATE_DIMENSION) &&
            !related_to_core (&tree, related, code, core))
          g_ptr_array_add (checks, check_new (GRD_CHECK_UNRELATED_THEME, code));
      }

  for (guint i = 0; i < tree.codes->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (tree.codes, i);

      if (code->n_codings_total == 0)
        g_ptr_array_add (checks, check_new (GRD_CHECK_NO_QUOTES, code));
    }

  for (guint i = 0; i < tree.codes->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (tree.codes, i);
      GHashTable *set = g_hash_table_lookup (cases, &code->id);

      if (code->kind == GRD_CODE_KIND_SUB_THEME && set != NULL && g_hash_table_size (set) == 1)
        {
          GrdIntegrationCheck *check = check_new (GRD_CHECK_ONE_CASE, code);
          GHashTableIter iter;
          gpointer name;

          g_hash_table_iter_init (&iter, set);
          if (g_hash_table_iter_next (&iter, NULL, &name))
            check->case_name = g_strdup (name);
          g_ptr_array_add (checks, check);
        }
    }

  for (guint i = 0; i < tree.codes->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (tree.codes, i);

      if (code->kind != GRD_CODE_KIND_OPEN_CODE && is_blank (code->description))
        g_ptr_array_add (checks, check_new (GRD_CHECK_NO_DEFINITION, code));
    }

  return g_steal_pointer (&checks);
}

/* ?1 the date attribute (0: none): transcripts numbered in the order the
 * researcher coded them, by date when there is one, else as imported. */
#define ORDERED_SOURCES \
  "WITH ordered AS (SELECT s.id, s.name, coalesce (sv.value, cv.value) AS date, " \
  "row_number () OVER (ORDER BY coalesce (sv.value, cv.value) IS NULL, " \
  "coalesce (sv.value, cv.value), s.imported_at, s.id) AS n " \
  "FROM source s " \
  "LEFT JOIN attribute_value sv ON sv.attribute_id = ?1 AND sv.source_id = s.id " \
  "LEFT JOIN attribute_value cv ON cv.attribute_id = ?1 AND cv.case_id = s.case_id) "

typedef struct {
  GHashTable *position;  /* &source id -> its place in the coding order, from 1 */
  GHashTable *first;     /* &code id -> the first place it was coded at */
} FirstCoded;

static void
note_first_coded (gint64   code_id,
                  gint64   source_id,
                  gpointer data)
{
  FirstCoded *first_coded = data;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (first_coded->position, &source_id));
  guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (first_coded->first, &code_id));

  if (n != 0 && (seen == 0 || n < seen))
    g_hash_table_insert (first_coded->first, g_memdup2 (&code_id, sizeof code_id),
                         GUINT_TO_POINTER (n));
}

GPtrArray *
grd_selective_saturation (GrdProject    *project,
                          gint64         date_attribute_id,
                          GCancellable  *cancellable,
                          GError       **error)
{
  GrdStore *store;
  g_auto(CodeTree) tree = { NULL, NULL };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_saturation_row_free);
  g_autoptr(GHashTable) first = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);
  g_autoptr(GHashTable) position = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) first_coded_at = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                                g_free, NULL);
  FirstCoded first_coded = { position, first_coded_at };
  g_autoptr(GrdStmt) stmt = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gboolean has_row, ok;

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);

  store = _grd_project_get_store (project);
  if (!code_tree_load (&tree, project, error))
    return NULL;
  if (date_attribute_id != 0 && !_grd_project_require (store, "attribute", date_attribute_id, error))
    return NULL;

  stmt = grd_store_query (store, error, ORDERED_SOURCES "SELECT id, name, date FROM ordered ORDER BY n",
                          "i", date_attribute_id);
  if (stmt == NULL)
    return NULL;
  while ((ok = grd_store_step_row (store, grd_stmt_get (stmt), &has_row, error)) && has_row)
    {
      GrdSaturationRow *row = g_new0 (GrdSaturationRow, 1);

      row->source_id = sqlite3_column_int64 (grd_stmt_get (stmt), 0);
      row->source_name = grd_stmt_dup_text (grd_stmt_get (stmt), 1);
      row->date = date_attribute_id != 0 ? grd_stmt_dup_text (grd_stmt_get (stmt), 2) : NULL;
      g_ptr_array_add (rows, row);
    }
  if (!ok)
    return NULL;
  g_clear_pointer (&stmt, grd_store_release);

  /* Where each code was first coded, as a position in that order. */
  for (guint i = 0; i < rows->len; i++)
    g_hash_table_insert (first_coded.position,
                         &((GrdSaturationRow *) g_ptr_array_index (rows, i))->source_id,
                         GUINT_TO_POINTER (i + 1));
  if (!visit_code_sources (store, note_first_coded, &first_coded, cancellable, error))
    return NULL;

  g_hash_table_iter_init (&iter, first_coded.first);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 code_id = *(const gint64 *) key;
      const GrdCode *code = g_hash_table_lookup (tree.by_id, &code_id);
      guint n = GPOINTER_TO_UINT (value);

      if (code == NULL)
        continue;
      ((GrdSaturationRow *) g_ptr_array_index (rows, n - 1))->n_new_codes++;

      /* A theme is reached with the first coding anywhere beneath it. */
      for (const GrdCode *at = code; at != NULL; at = parent_of (&tree, at))
        if (at->kind == GRD_CODE_KIND_THEME || at->kind == GRD_CODE_KIND_SUB_THEME)
          {
            guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (first, &at->id));

            if (seen == 0 || n < seen)
              g_hash_table_insert (first, (gpointer) &at->id, GUINT_TO_POINTER (n));
          }
    }

  {
    guint n_codes = 0, n_themes = 0;

    g_hash_table_iter_init (&iter, first);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      ((GrdSaturationRow *) g_ptr_array_index (rows, GPOINTER_TO_UINT (value) - 1))->n_new_themes++;

    for (guint i = 0; i < rows->len; i++)
      {
        GrdSaturationRow *row = g_ptr_array_index (rows, i);

        row->n_codes = n_codes += row->n_new_codes;
        row->n_themes = n_themes += row->n_new_themes;
      }
  }

  return g_steal_pointer (&rows);
}
