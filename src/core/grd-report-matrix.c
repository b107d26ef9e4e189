/* grd-report-matrix.c: codes by cases, by attribute values, co-occurrence
 * and the quotes of a code, as sheets
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The counts come from the query layer (one grouped query for the
 * frequencies, one sweep for co-occurrence); this file only lays them out
 * as rows of codes and columns of cases, values or codes.
 */

#define G_LOG_DOMAIN "grd-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grd-report-matrix.h"
#include "grd-report-private.h"

static const char *const kind_names[] = {
  [GRD_MATRIX_CODES_BY_CASES] = "codes-by-cases",
  [GRD_MATRIX_CODES_BY_ATTRIBUTE] = "codes-by-attribute",
  [GRD_MATRIX_COOCCURRENCE] = "cooccurrence",
  [GRD_MATRIX_QUOTES] = "quotes",
};

const char *
grd_matrix_kind_to_string (GrdMatrixKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

gboolean
grd_matrix_kind_from_string (const char    *string,
                             GrdMatrixKind *kind)
{
  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_ascii_strcasecmp (string, kind_names[i]) == 0)
      {
        *kind = (GrdMatrixKind) i;
        return TRUE;
      }
  return FALSE;
}

/* ---- the sheet -------------------------------------------------------- */

static GrdSheet *
sheet_new (const char *title,
           guint       n_frozen)
{
  GrdSheet *sheet = g_atomic_rc_box_new0 (GrdSheet);

  sheet->title = g_strdup (title);
  sheet->headings = g_ptr_array_new_with_free_func (g_free);
  sheet->is_number = g_array_new (FALSE, FALSE, sizeof (gboolean));
  sheet->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sheet->n_frozen = n_frozen;
  sheet->text_column = -1;
  sheet->code_names = g_ptr_array_new_with_free_func (g_free);
  sheet->code_depths = g_array_new (FALSE, FALSE, sizeof (guint));
  return sheet;
}

static void
sheet_add_column (GrdSheet   *sheet,
                  const char *heading,
                  gboolean    is_number)
{
  g_ptr_array_add (sheet->headings, g_strdup (heading));
  g_array_append_val (sheet->is_number, is_number);
}

/* A row of as many empty cells as there are columns, to fill in place. */
static char **
sheet_add_row (GrdSheet *sheet)
{
  char **row = g_new0 (char *, sheet->headings->len + 1);

  for (guint i = 0; i < sheet->headings->len; i++)
    row[i] = g_strdup ("");
  g_ptr_array_add (sheet->rows, row);
  return row;
}

static void
set_cell (char       **row,
          guint        column,
          const char  *text)
{
  g_free (row[column]);
  row[column] = g_strdup (text != NULL ? text : "");
}

/* ---- codes as rows ---------------------------------------------------- */

typedef struct {
  GPtrArray  *codes;     /* GrdCode, in the tree's order */
  GPtrArray  *paths;     /* char *, parallel */
  GHashTable *row_of;    /* code id -> row index */
} CodeRows;

static void
code_rows_clear (CodeRows *rows)
{
  g_clear_pointer (&rows->codes, g_ptr_array_unref);
  g_clear_pointer (&rows->paths, g_ptr_array_unref);
  g_clear_pointer (&rows->row_of, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CodeRows, code_rows_clear)

/* Paths are built in one pass: the tree's order lists a parent first. */
static gboolean
code_rows_read (CodeRows    *rows,
                GrdProject  *project,
                GError     **error)
{
  rows->codes = grd_project_list_codes (project, error);
  if (rows->codes == NULL)
    return FALSE;
  rows->paths = g_ptr_array_new_with_free_func (g_free);
  rows->row_of = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < rows->codes->len; i++)
    {
      GrdCode *code = g_ptr_array_index (rows->codes, i);
      gpointer parent_row;
      char *path;

      if (code->parent_id != 0 &&
          g_hash_table_lookup_extended (rows->row_of, &code->parent_id, NULL, &parent_row))
        path = g_strconcat (g_ptr_array_index (rows->paths, GPOINTER_TO_UINT (parent_row)), "/",
                            code->name, NULL);
      else
        path = g_strdup (code->name);
      g_ptr_array_add (rows->paths, path);
      g_hash_table_insert (rows->row_of, &code->id, GUINT_TO_POINTER (i));
    }
  return TRUE;
}

static gboolean
code_rows_lookup (CodeRows *rows,
                  gint64    code_id,
                  guint    *row)
{
  gpointer found;

  if (!g_hash_table_lookup_extended (rows->row_of, &code_id, NULL, &found))
    return FALSE;
  *row = GPOINTER_TO_UINT (found);
  return TRUE;
}

/* One sheet row per code, its path first, then the counts; a code with
 * itself (the diagonal of codes by codes) is left empty, not 0. */
static GrdSheet *
counts_to_sheet (GrdSheet     *sheet,
                 CodeRows     *rows,
                 const guint  *counts,
                 gboolean      empty_diagonal,
                 gboolean      presence)
{
  guint n_columns = sheet->headings->len - 1;

  for (guint r = 0; r < rows->codes->len; r++)
    {
      const GrdCode *code = g_ptr_array_index (rows->codes, r);
      char **row = sheet_add_row (sheet);

      g_ptr_array_add (sheet->code_names, g_strdup (code->name));
      g_array_append_val (sheet->code_depths, code->depth);

      set_cell (row, 0, g_ptr_array_index (rows->paths, r));
      for (guint c = 0; c < n_columns; c++)
        {
          guint count = counts[r * n_columns + c];

          g_free (row[c + 1]);
          if (empty_diagonal && r == c)
            row[c + 1] = g_strdup ("");
          else
            row[c + 1] = g_strdup_printf ("%u", presence ? count > 0 : count);
        }
    }
  return sheet;
}

/* ---- codes by cases and by attribute values --------------------------- */

/* Columns of a frequency table: a case's id, or an attribute's value
 * (NOT_RECORDED for none), to its column + 1. Looked up once per cell of
 * the frequencies, so without allocating. */
typedef struct {
  GHashTable *by_case;     /* gint64 * -> column + 1 */
  GHashTable *by_value;    /* char * -> column + 1 */
  GPtrArray  *headings;
} Columns;

#define NOT_RECORDED "\x1e"

static void
columns_clear (Columns *columns)
{
  g_clear_pointer (&columns->by_case, g_hash_table_unref);
  g_clear_pointer (&columns->by_value, g_hash_table_unref);
  g_clear_pointer (&columns->headings, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Columns, columns_clear)

static void
columns_add_case (Columns    *columns,
                  gint64      case_id,
                  const char *heading)
{
  g_ptr_array_add (columns->headings, g_strdup (heading));
  g_hash_table_insert (columns->by_case, g_memdup2 (&case_id, sizeof case_id),
                       GUINT_TO_POINTER (columns->headings->len));
}

static void
columns_add_value (Columns    *columns,
                   const char *value,
                   const char *heading)
{
  if (g_hash_table_contains (columns->by_value, value))
    return;
  g_ptr_array_add (columns->headings, g_strdup (heading));
  g_hash_table_insert (columns->by_value, g_strdup (value),
                       GUINT_TO_POINTER (columns->headings->len));
}

/* The column of a frequency's group, or -1 for none. */
static gint
columns_lookup (Columns            *columns,
                const GrdFrequency *cell)
{
  gpointer found;

  if (columns->by_case != NULL)
    {
      gint64 case_id = cell->group != NULL ? cell->group_id : 0;

      found = g_hash_table_lookup (columns->by_case, &case_id);
    }
  else
    found = g_hash_table_lookup (columns->by_value,
                                 cell->group != NULL ? cell->group : NOT_RECORDED);
  return (gint) GPOINTER_TO_UINT (found) - 1;
}

/* Numbers in numeric order before the rest in collation order. */
static int
compare_values (gconstpointer a,
                gconstpointer b)
{
  const char *x = *(const char * const *) a, *y = *(const char * const *) b;
  char *x_end = NULL, *y_end = NULL;
  double x_number = g_ascii_strtod (x, &x_end), y_number = g_ascii_strtod (y, &y_end);
  gboolean x_is_number = x_end != x && *x_end == '\0', y_is_number = y_end != y && *y_end == '\0';

  if (x_is_number != y_is_number)
    return x_is_number ? -1 : 1;
  if (x_is_number && x_number != y_number)
    return x_number < y_number ? -1 : 1;
  return g_utf8_collate (x, y);
}

/* Every case, then "No case" if coded transcripts have none. */
static gboolean
case_columns (GrdProject  *project,
              GPtrArray   *frequencies,
              Columns     *columns,
              GError     **error)
{
  g_autoptr(GPtrArray) cases = grd_project_list_cases (project, error);

  if (cases == NULL)
    return FALSE;
  for (guint i = 0; i < cases->len; i++)
    {
      GrdCase *kase = g_ptr_array_index (cases, i);

      columns_add_case (columns, kase->id, kase->name);
    }
  for (guint i = 0; i < frequencies->len; i++)
    if (((GrdFrequency *) g_ptr_array_index (frequencies, i))->group == NULL)
      {
        columns_add_case (columns, 0, _("No case"));
        break;
      }
  return TRUE;
}

/* A choice attribute's choices in their order, then every other value
 * met (numbers in order), then "Not recorded". */
static gboolean
value_columns (GrdProject  *project,
               gint64       attribute_id,
               GPtrArray   *frequencies,
               Columns     *columns,
               char       **attribute_name,
               GError     **error)
{
  g_autoptr(GPtrArray) attributes = grd_project_list_attributes (project, error);
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  gboolean not_recorded = FALSE;

  if (attributes == NULL)
    return FALSE;
  for (guint i = 0; i < attributes->len; i++)
    {
      GrdAttribute *attribute = g_ptr_array_index (attributes, i);

      if (attribute->id != attribute_id)
        continue;
      *attribute_name = g_strdup (attribute->name);
      for (guint j = 0; attribute->choices != NULL && attribute->choices[j] != NULL; j++)
        columns_add_value (columns, attribute->choices[j], attribute->choices[j]);
    }

  for (guint i = 0; i < frequencies->len; i++)
    {
      GrdFrequency *cell = g_ptr_array_index (frequencies, i);

      if (cell->group == NULL)
        not_recorded = TRUE;
      else if (!g_hash_table_contains (columns->by_value, cell->group) &&
               !g_ptr_array_find_with_equal_func (others, cell->group, g_str_equal, NULL))
        g_ptr_array_add (others, cell->group);
    }
  g_ptr_array_sort (others, compare_values);
  for (guint i = 0; i < others->len; i++)
    columns_add_value (columns, g_ptr_array_index (others, i), g_ptr_array_index (others, i));
  if (not_recorded)
    columns_add_value (columns, NOT_RECORDED, _("Not recorded"));
  return TRUE;
}

static GrdSheet *
codes_by_groups (GrdProject     *project,
                 GrdGroupBy      group_by,
                 gint64          attribute_id,
                 GrdMatrixFlags  flags,
                 GCancellable   *cancellable,
                 GError       **error)
{
  g_auto(CodeRows) rows = { 0 };
  g_auto(Columns) columns = { NULL, NULL, g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GPtrArray) frequencies = NULL;
  g_autofree guint *counts = NULL;
  g_autofree char *attribute_name = NULL;
  g_autoptr(GrdSheet) sheet = NULL;

  if (group_by == GRD_GROUP_BY_CASE)
    columns.by_case = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  else
    columns.by_value = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  frequencies = grd_query_frequencies (project, group_by, attribute_id, FALSE, cancellable, error);
  if (frequencies == NULL || !code_rows_read (&rows, project, error))
    return NULL;
  if (group_by == GRD_GROUP_BY_CASE ? !case_columns (project, frequencies, &columns, error)
                                    : !value_columns (project, attribute_id, frequencies, &columns,
                                                      &attribute_name, error))
    return NULL;

  counts = g_new0 (guint, (gsize) rows.codes->len * columns.headings->len);
  for (guint i = 0; i < frequencies->len; i++)
    {
      GrdFrequency *cell = g_ptr_array_index (frequencies, i);
      gint column = columns_lookup (&columns, cell);
      guint row;

      if (column >= 0 && code_rows_lookup (&rows, cell->code_id, &row))
        counts[row * columns.headings->len + (guint) column] += cell->n_codings;
    }
  if (flags & GRD_MATRIX_WITH_SUB_CODES)
    _grd_report_add_sub_code_counts (rows.codes, counts, columns.headings->len);

  sheet = sheet_new (group_by == GRD_GROUP_BY_CASE ? _("Codes by cases") : attribute_name, 1);
  /* The heading says how a code's row was counted: a reader of the
   * exported sheet has no checkbox to look at. */
  sheet_add_column (sheet, (flags & GRD_MATRIX_WITH_SUB_CODES) ? _("Code (with its sub-codes)")
                                                                : _("Code"), FALSE);
  for (guint i = 0; i < columns.headings->len; i++)
    sheet_add_column (sheet, g_ptr_array_index (columns.headings, i), TRUE);
  return counts_to_sheet (g_steal_pointer (&sheet), &rows, counts, FALSE,
                          (flags & GRD_MATRIX_PRESENCE) != 0);
}

/* ---- co-occurrence ---------------------------------------------------- */

static GrdSheet *
cooccurrence (GrdProject    *project,
              GCancellable  *cancellable,
              GError       **error)
{
  g_auto(CodeRows) rows = { 0 };
  g_autoptr(GPtrArray) pairs = NULL;
  g_autofree guint *counts = NULL;
  g_autoptr(GrdSheet) sheet = NULL;
  guint n;

  pairs = grd_query_cooccurrence (project, GRD_COOCCUR_OVERLAP, cancellable, error);
  if (pairs == NULL || !code_rows_read (&rows, project, error))
    return NULL;

  n = rows.codes->len;
  counts = g_new0 (guint, (gsize) n * n);
  for (guint i = 0; i < pairs->len; i++)
    {
      GrdCooccurrence *pair = g_ptr_array_index (pairs, i);
      guint a, b;

      if (code_rows_lookup (&rows, pair->code_a, &a) && code_rows_lookup (&rows, pair->code_b, &b))
        counts[a * n + b] = counts[b * n + a] = pair->count;
    }

  sheet = sheet_new (_("Co-occurrence"), 1);
  sheet_add_column (sheet, _("Code"), FALSE);
  for (guint i = 0; i < n; i++)
    sheet_add_column (sheet, g_ptr_array_index (rows.paths, i), TRUE);
  return counts_to_sheet (g_steal_pointer (&sheet), &rows, counts, TRUE, FALSE);
}

/* ---- the quotes of a code --------------------------------------------- */

/* The text beside where it was found, then the case's attributes. */
enum {
  QUOTE_CODE,
  QUOTE_SOURCE,
  QUOTE_CASE,
  QUOTE_START,
  QUOTE_END,
  QUOTE_TEXT,
  QUOTE_N_COLUMNS,
};

static GrdSheet *
quotes (GrdProject    *project,
        gint64         code_id,
        GCancellable  *cancellable,
        GError       **error)
{
  g_auto(CodeRows) rows = { 0 };
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GrdSheet) sheet = NULL;
  guint code_row = 0;

  if (!code_rows_read (&rows, project, error))
    return NULL;
  if (!code_rows_lookup (&rows, code_id, &code_row))
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND,
                   _("There is no code %lld to list the quotes of"), (long long) code_id);
      return NULL;
    }
  attributes = grd_project_list_attributes (project, error);
  if (attributes == NULL)
    return NULL;
  found = grd_query_quotes (project, code_id, GRD_QUOTE_WITH_DESCENDANTS, 0, cancellable, error);
  if (found == NULL)
    return NULL;

  sheet = sheet_new (((GrdCode *) g_ptr_array_index (rows.codes, code_row))->name, 0);
  sheet_add_column (sheet, _("Code"), FALSE);
  sheet_add_column (sheet, _("Transcript"), FALSE);
  sheet_add_column (sheet, _("Case"), FALSE);
  sheet_add_column (sheet, _("Start"), TRUE);
  sheet_add_column (sheet, _("End"), TRUE);
  sheet_add_column (sheet, _("Text"), FALSE);
  sheet->text_column = QUOTE_TEXT;
  for (guint i = 0; i < attributes->len; i++)
    sheet_add_column (sheet, ((GrdAttribute *) g_ptr_array_index (attributes, i))->name, FALSE);

  for (guint i = 0; i < found->len; i++)
    {
      const GrdQuote *quote = g_ptr_array_index (found, i);
      char **row = sheet_add_row (sheet);
      guint quote_row = code_row;

      if (i % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      code_rows_lookup (&rows, quote->code_id, &quote_row);
      set_cell (row, QUOTE_CODE, g_ptr_array_index (rows.paths, quote_row));
      set_cell (row, QUOTE_SOURCE, quote->source_name);
      set_cell (row, QUOTE_CASE, quote->case_name);
      g_free (row[QUOTE_START]);
      row[QUOTE_START] = g_strdup_printf ("%" G_GINT64_FORMAT, quote->start);
      g_free (row[QUOTE_END]);
      row[QUOTE_END] = g_strdup_printf ("%" G_GINT64_FORMAT, quote->end);
      set_cell (row, QUOTE_TEXT, quote->text);
      for (guint j = 0; j < attributes->len; j++)
        {
          GrdAttribute *attribute = g_ptr_array_index (attributes, j);

          g_free (row[QUOTE_N_COLUMNS + j]);
          row[QUOTE_N_COLUMNS + j] = _grd_report_attribute_label (project, attribute->id, quote,
                                                                  values, error);
          if (row[QUOTE_N_COLUMNS + j] == NULL)
            return NULL;
        }
    }
  return g_steal_pointer (&sheet);
}

GrdSheet *
grd_report_matrix (GrdProject     *project,
                   GrdMatrixKind   kind,
                   gint64          id,
                   GrdMatrixFlags  flags,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);

  switch (kind)
    {
    case GRD_MATRIX_CODES_BY_CASES:
      return codes_by_groups (project, GRD_GROUP_BY_CASE, 0, flags, cancellable, error);
    case GRD_MATRIX_CODES_BY_ATTRIBUTE:
      return codes_by_groups (project, GRD_GROUP_BY_ATTRIBUTE, id, flags, cancellable, error);
    case GRD_MATRIX_COOCCURRENCE:
      return cooccurrence (project, cancellable, error);
    case GRD_MATRIX_QUOTES:
      return quotes (project, id, cancellable, error);
    default:
      g_return_val_if_reached (NULL);
    }
}
