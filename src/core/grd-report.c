/* grd-report.c: the results tables a journal accepts
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "grd-report-private.h"

static void
theme_quote_free (GrdThemeQuote *quote)
{
  g_free (quote->text);
  g_free (quote->label);
  g_free (quote);
}

static void
theme_row_free (GrdThemeRow *row)
{
  g_free (row->dimension);
  g_free (row->middle);
  g_free (row->sub_theme);
  g_clear_pointer (&row->quotes, g_ptr_array_unref);
  g_free (row);
}

void
grd_theme_table_free (GrdThemeTable *table)
{
  if (table == NULL)
    return;

  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_free (table->label_name);
  g_free (table);
}

static const GrdCode *
parent_of (GHashTable    *by_id,
           const GrdCode *code)
{
  return code->parent_id != 0 ? g_hash_table_lookup (by_id, &code->parent_id) : NULL;
}

void
_grd_report_add_sub_code_counts (GPtrArray *codes,
                                 guint     *counts,
                                 guint      n_columns)
{
  g_autoptr(GHashTable) row_of = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < codes->len; i++)
    g_hash_table_insert (row_of, &((GrdCode *) g_ptr_array_index (codes, i))->id,
                         GUINT_TO_POINTER (i + 1));

  for (guint i = codes->len; i-- > 0;)
    {
      const GrdCode *code = g_ptr_array_index (codes, i);
      guint parent = GPOINTER_TO_UINT (g_hash_table_lookup (row_of, &code->parent_id));

      if (parent == 0)
        continue;
      for (guint c = 0; c < n_columns; c++)
        counts[(gsize) (parent - 1) * n_columns + c] += counts[(gsize) i * n_columns + c];
    }
}

/* The core category stands one level above the highest it frames: a
 * second-order theme (a sub-theme) over concepts alone, a theme over
 * sub-themes, a dimension over themes. Choosing it must not take it out of
 * the paper's tables and figures. */
GHashTable *
_grd_report_code_kinds (GPtrArray *codes)
{
  GHashTable *kinds = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) highest_below = g_hash_table_new (g_int64_hash, g_int64_equal);

  /* from the end: a code's children are all read before it */
  for (guint i = codes->len; i > 0; i--)
    {
      const GrdCode *code = g_ptr_array_index (codes, i - 1);
      GrdCodeKind below = GPOINTER_TO_UINT (g_hash_table_lookup (highest_below, &code->id));
      GrdCodeKind kind = code->kind;

      if (kind == GRD_CODE_KIND_CORE_CATEGORY)
        kind = below == GRD_CODE_KIND_OPEN_CODE ? GRD_CODE_KIND_SUB_THEME
               : below == GRD_CODE_KIND_SUB_THEME ? GRD_CODE_KIND_THEME
               : GRD_CODE_KIND_AGGREGATE_DIMENSION;
      g_hash_table_insert (kinds, (gpointer) &code->id, GUINT_TO_POINTER (kind));
      if (code->parent_id != 0)
        {
          GrdCodeKind parents = GPOINTER_TO_UINT (g_hash_table_lookup (highest_below,
                                                                       &code->parent_id));

          g_hash_table_insert (highest_below, (gpointer) &code->parent_id,
                               GUINT_TO_POINTER (MAX (parents, MAX (below, kind))));
        }
    }
  return kinds;
}

GrdCodeKind
_grd_report_kind_of (GHashTable    *kinds,
                     const GrdCode *code)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (kinds, &code->id));
}

char *
_grd_report_code_label (const GrdCode *code,
                        const char    *separator)
{
  if (code->kind != GRD_CODE_KIND_CORE_CATEGORY)
    return g_strdup (code->name);
  return g_strdup_printf ("%s%s(%s)", code->name, separator,
                          grd_code_kind_caption (GRD_CODE_KIND_CORE_CATEGORY, FALSE));
}

static int
compare_by_coding (gconstpointer a,
                   gconstpointer b)
{
  const GrdQuote *x = *(GrdQuote * const *) a, *y = *(GrdQuote * const *) b;

  return x->coding_id < y->coding_id ? -1 : x->coding_id > y->coding_id;
}

char *
_grd_report_code_path (GHashTable    *by_id,
                       const GrdCode *code)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) path = g_string_new (NULL);

  for (const GrdCode *at = code; at != NULL; at = parent_of (by_id, at))
    g_ptr_array_add (names, at->name);
  for (guint i = names->len; i > 0; i--)
    g_string_append_printf (path, "%s%s", i < names->len ? " › " : "",
                            (const char *) g_ptr_array_index (names, i - 1));
  return g_string_free (g_steal_pointer (&path), FALSE);
}

/* Cached per case and transcript: a table quotes each many times. */
char *
_grd_report_attribute_label (GrdProject       *project,
                             gint64            attribute_id,
                             const GrdQuote   *quote,
                             GHashTable       *cache,
                             GError          **error)
{
  const gint64 owners[2][2] = { { quote->case_id, 0 }, { 0, quote->source_id } };

  for (guint i = 0; i < G_N_ELEMENTS (owners); i++)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                              owners[i][0], owners[i][1]);
      GPtrArray *values;

      if (owners[i][0] == 0 && owners[i][1] == 0)
        continue;

      values = g_hash_table_lookup (cache, key);
      if (values == NULL)
        {
          values = grd_project_list_values (project, owners[i][0], owners[i][1], error);
          if (values == NULL)
            return NULL;
          g_hash_table_insert (cache, g_steal_pointer (&key), values);
        }
      for (guint j = 0; j < values->len; j++)
        {
          const GrdAttributeValue *value = g_ptr_array_index (values, j);

          if (value->attribute_id == attribute_id)
            return g_strdup (value->value != NULL ? value->value : "n/a");
        }
    }

  return g_strdup ("");
}

/* rank: dimension id -> its place, from 1; rows with none come last */
static guint
place_of_dimension (GHashTable        *rank,
                    const GrdThemeRow *row)
{
  return row->dimension_id != 0 ? GPOINTER_TO_UINT (g_hash_table_lookup (rank, &row->dimension_id))
                                : G_MAXUINT;
}

/* A blank cell reads as the row above's: rows with no theme between go
 * first in their dimension, rows with no dimension last in the table (as
 * the data structure puts them); the rest keep the tree's order, the sort
 * being stable. */
static int
compare_by_place (gconstpointer a,
                  gconstpointer b,
                  gpointer      rank)
{
  const GrdThemeRow *x = *(GrdThemeRow * const *) a, *y = *(GrdThemeRow * const *) b;
  guint x_place = place_of_dimension (rank, x), y_place = place_of_dimension (rank, y);

  if (x_place != y_place)
    return x_place < y_place ? -1 : 1;
  return (x->middle_id != 0) - (y->middle_id != 0);
}

GrdThemeTable *
grd_report_theme_table (GrdProject    *project,
                        gint64         label_attribute_id,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GrdThemeTable) table = g_new0 (GrdThemeTable, 1);
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GHashTable) kinds = NULL;
  g_autoptr(GHashTable) dimension_rank = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);

  if (label_attribute_id != 0)
    {
      g_autoptr(GPtrArray) attributes = grd_project_list_attributes (project, error);

      if (attributes == NULL)
        return NULL;
      for (guint i = 0; i < attributes->len && table->label_name == NULL; i++)
        if (((GrdAttribute *) g_ptr_array_index (attributes, i))->id == label_attribute_id)
          table->label_name = g_strdup (((GrdAttribute *) g_ptr_array_index (attributes, i))->name);
      if (table->label_name == NULL)
        {
          g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND,
                       _("There is no attribute %lld to label the quotes with"),
                       (long long) label_attribute_id);
          return NULL;
        }
    }
  else
    table->label_name = g_strdup (_("Case"));

  codes = grd_project_list_codes (project, error);
  if (codes == NULL)
    return NULL;
  for (guint i = 0; i < codes->len; i++)
    {
      GrdCode *code = g_ptr_array_index (codes, i);

      g_hash_table_insert (by_id, &code->id, code);
    }

  kinds = _grd_report_code_kinds (codes);

  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) theme_row_free);
  for (guint i = 0; i < codes->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (codes, i);
      const GrdCode *dimension = NULL, *middle = NULL, *top = code;
      g_autoptr(GPtrArray) quotes = NULL;
      GrdThemeRow *row;

      if (_grd_report_kind_of (kinds, code) != GRD_CODE_KIND_SUB_THEME)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      /* The nearest dimension above, and a theme between if there is one;
       * a tree without dimensions takes its top-level code. */
      for (const GrdCode *at = parent_of (by_id, code); at != NULL; at = parent_of (by_id, at))
        {
          GrdCodeKind kind = _grd_report_kind_of (kinds, at);

          if (kind == GRD_CODE_KIND_AGGREGATE_DIMENSION && dimension == NULL)
            dimension = at;
          else if (kind == GRD_CODE_KIND_THEME && dimension == NULL && middle == NULL)
            middle = at;
          top = at;
        }
      if (dimension == NULL && top != code)
        dimension = top;
      /* a top-level theme standing in for the dimension is not named twice */
      if (middle == dimension)
        middle = NULL;

      quotes = grd_query_quotes (project, code->id,
                                 GRD_QUOTE_WITH_DESCENDANTS | GRD_QUOTE_REPRESENTATIVE, 0,
                                 cancellable, error);
      if (quotes == NULL)
        return NULL;
      /* In the order they were coded: the order the researcher chose them. */
      g_ptr_array_sort (quotes, compare_by_coding);

      row = g_new0 (GrdThemeRow, 1);
      row->dimension_id = dimension != NULL ? dimension->id : 0;
      /* Named, not left blank: a blank cell reads as the row above's. */
      row->dimension = dimension != NULL ? _grd_report_code_label (dimension, " ")
                                         : g_strdup (_("(no dimension)"));
      row->middle_id = middle != NULL ? middle->id : 0;
      row->middle = middle != NULL ? _grd_report_code_label (middle, " ") : g_strdup ("");
      row->sub_theme_id = code->id;
      row->sub_theme = _grd_report_code_label (code, " ");
      row->quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) theme_quote_free);
      if (row->dimension_id != 0 && !g_hash_table_contains (dimension_rank, &row->dimension_id))
        g_hash_table_insert (dimension_rank, &row->dimension_id,
                             GUINT_TO_POINTER (g_hash_table_size (dimension_rank) + 1));
      g_ptr_array_add (table->rows, row);

      for (guint j = 0; j < quotes->len; j++)
        {
          const GrdQuote *quote = g_ptr_array_index (quotes, j);
          GrdThemeQuote *cell = g_new0 (GrdThemeQuote, 1);

          cell->coding_id = quote->coding_id;
          cell->text = g_strdup (quote->text);
          if (label_attribute_id != 0)
            cell->label = _grd_report_attribute_label (project, label_attribute_id, quote, values,
                                                       error);
          else
            cell->label = g_strdup (quote->case_name != NULL ? quote->case_name : quote->source_name);
          g_ptr_array_add (row->quotes, cell);
          if (cell->label == NULL)
            return NULL;
        }
    }

  g_ptr_array_sort_with_data (table->rows, compare_by_place, dimension_rank);
  return g_steal_pointer (&table);
}

/* ---- as text ---------------------------------------------------------- */

static gboolean
has_middle (GrdThemeTable *table)
{
  for (guint i = 0; i < table->rows->len; i++)
    if (((GrdThemeRow *) g_ptr_array_index (table->rows, i))->middle_id != 0)
      return TRUE;
  return FALSE;
}

void
_grd_report_append_csv_field (GString    *out,
                              const char *field,
                              gboolean    last)
{
  if (strpbrk (field, ",\"\r\n") != NULL)
    {
      g_autoptr(GString) quoted = g_string_new (field);

      g_string_replace (quoted, "\"", "\"\"", 0);
      g_string_append_printf (out, "\"%s\"", quoted->str);
    }
  else
    g_string_append (out, field);
  g_string_append (out, last ? "\r\n" : ",");
}

char *
_grd_report_escape_markdown (const char *text)
{
  g_autoptr(GString) out = g_string_new (text);

  g_string_replace (out, "\\", "\\\\", 0);
  g_string_replace (out, "|", "\\|", 0);
  g_string_replace (out, "\n", " ", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
escape_latex (const char *text)
{
  static const struct { const char *from, *to; } specials[] = {
    { "\\", "\\textbackslash{}" }, { "&", "\\&" }, { "%", "\\%" }, { "$", "\\$" },
    { "#", "\\#" }, { "_", "\\_" }, { "{", "\\{" }, { "}", "\\}" },
    { "~", "\\textasciitilde{}" }, { "^", "\\textasciicircum{}" }, { "\n", " " },
  };
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean replaced = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (specials) && !replaced; i++)
        if (*p == specials[i].from[0])
          {
            g_string_append (out, specials[i].to);
            replaced = TRUE;
          }
      if (!replaced)
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

typedef char *(*EscapeFunc) (const char *text);

char *
_grd_report_escape_html (const char *text)
{
  return g_markup_escape_text (text, -1);
}

/* “quote” (label), escaped, joined by sep. */
static char *
quotes_cell (GrdThemeRow *row,
             EscapeFunc   escape,
             const char  *sep)
{
  g_autoptr(GString) cell = g_string_new (NULL);

  for (guint i = 0; i < row->quotes->len; i++)
    {
      GrdThemeQuote *quote = g_ptr_array_index (row->quotes, i);
      g_autofree char *text = escape (quote->text);
      g_autofree char *label = escape (quote->label);

      g_string_append_printf (cell, "%s“%s”%s%s%s", i > 0 ? sep : "", text,
                              *label != '\0' ? " (" : "", label, *label != '\0' ? ")" : "");
    }
  return g_string_free (g_steal_pointer (&cell), FALSE);
}

/* The table as a journal prints it, one row per sub-theme: first the
 * header (row NULL), then each row's dimension and middle level, blank
 * where they repeat the row above (as a printed table spans them), and
 * sub-theme; the quotes come with the row. */
typedef void (*ThemeRowFunc) (const char *const *cells,
                              guint              n_cells,
                              GrdThemeRow       *row,
                              gpointer           data);

static void
walk_theme_table (GrdThemeTable *table,
                  const char    *middle_heading,
                  ThemeRowFunc   func,
                  gpointer       data)
{
  gboolean middle = middle_heading != NULL || has_middle (table);
  const char *header[] = { _("Dimension"), middle_heading != NULL ? middle_heading : _("Theme"),
                           _("Sub-theme"), _("Representative quotes") };
  const char *cells[3];

  if (!middle)
    header[1] = header[0];
  func (middle ? header : header + 1, middle ? 4 : 3, NULL, data);

  for (guint i = 0; i < table->rows->len; i++)
    {
      GrdThemeRow *row = g_ptr_array_index (table->rows, i);
      GrdThemeRow *before = i > 0 ? g_ptr_array_index (table->rows, i - 1) : NULL;
      gboolean same_dimension = before != NULL && before->dimension_id == row->dimension_id;
      guint n = 0;

      cells[n++] = same_dimension ? "" : row->dimension;
      if (middle)
        cells[n++] = same_dimension && before->middle_id == row->middle_id ? "" : row->middle;
      cells[n++] = row->sub_theme;
      func (cells, n, row, data);
    }
}

/* Markdown, HTML and LaTeX differ only in what goes between the cells. */
typedef struct {
  EscapeFunc  escape;
  const char *preamble;
  const char *narrow_column;  /* LaTeX's column spec, for each column but the last two */
  const char *preamble_end;
  const char *head_open, *head_sep, *head_close;
  const char *head_rule;      /* once per column: Markdown's ---| */
  const char *body_open;
  const char *row_open, *cell_sep, *row_close;
  const char *quote_sep;
  const char *end;
} TextLayout;

static const TextLayout text_layouts[] = {
  [GRD_TABLE_FORMAT_MARKDOWN] = {
    _grd_report_escape_markdown, "", "", "",
    "| ", " | ", " |\n|", "---|", "\n",
    "| ", " | ", " |\n", "<br>", "",
  },
  [GRD_TABLE_FORMAT_HTML] = {
    _grd_report_escape_html,
    "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
    "<style>table{border-collapse:collapse;border-top:2px solid #000;border-bottom:2px solid #000}"
    "th{border-bottom:1px solid #000}th,td{padding:4pt 8pt;vertical-align:top;text-align:left}"
    "</style>\n</head>\n<body>\n<table>\n", "", "",
    "<thead><tr><th>", "</th><th>", "</th></tr></thead>\n<tbody>\n", "", "",
    "<tr><td>", "</td><td>", "</td></tr>\n", "<br>\n",
    "</tbody>\n</table>\n</body>\n</html>\n",
  },
  [GRD_TABLE_FORMAT_LATEX] = {
    escape_latex, "% \\usepackage{booktabs}\n\\begin{tabular}{", "l",
    "p{0.22\\linewidth}p{0.45\\linewidth}}\n\\toprule\n",
    "", " & ", " \\\\\n\\midrule\n", "", "",
    "", " & ", " \\\\\n", " \\newline ", "\\bottomrule\n\\end{tabular}\n",
  },
};

typedef struct {
  GString          *out;
  const TextLayout *layout;
} TextTable;

static void
append_text_row (const char *const *cells,
                 guint              n_cells,
                 GrdThemeRow       *row,
                 gpointer           data)
{
  TextTable *text = data;
  const TextLayout *layout = text->layout;

  if (row == NULL)
    {
      g_string_append (text->out, layout->preamble);
      for (guint i = 0; i + 2 < n_cells; i++)
        g_string_append (text->out, layout->narrow_column);
      g_string_append (text->out, layout->preamble_end);
    }
  g_string_append (text->out, row == NULL ? layout->head_open : layout->row_open);
  for (guint i = 0; i < n_cells; i++)
    {
      g_autofree char *cell = layout->escape (cells[i]);

      g_string_append_printf (text->out, "%s%s", i > 0 ? (row == NULL ? layout->head_sep
                                                                        : layout->cell_sep)
                                                       : "", cell);
    }
  if (row != NULL)
    {
      g_autofree char *quotes = quotes_cell (row, layout->escape, layout->quote_sep);

      g_string_append_printf (text->out, "%s%s%s", layout->cell_sep, quotes, layout->row_close);
      return;
    }
  g_string_append (text->out, layout->head_close);
  for (guint i = 0; i < n_cells; i++)
    g_string_append (text->out, layout->head_rule);
  g_string_append (text->out, layout->body_open);
}

static char *
theme_table_to_csv (GrdThemeTable *table,
                    const char    *middle_heading)
{
  GString *out = g_string_new (NULL);
  gboolean middle = middle_heading != NULL || has_middle (table);

  _grd_report_append_csv_field (out, _("Dimension"), FALSE);
  if (middle)
    _grd_report_append_csv_field (out, middle_heading != NULL ? middle_heading : _("Theme"), FALSE);
  _grd_report_append_csv_field (out, _("Sub-theme"), FALSE);
  _grd_report_append_csv_field (out, _("Quote"), FALSE);
  _grd_report_append_csv_field (out, table->label_name, TRUE);
  for (guint i = 0; i < table->rows->len; i++)
    {
      GrdThemeRow *row = g_ptr_array_index (table->rows, i);

      for (guint j = 0; j < MAX (row->quotes->len, 1); j++)
        {
          GrdThemeQuote *quote = j < row->quotes->len ? g_ptr_array_index (row->quotes, j) : NULL;

          _grd_report_append_csv_field (out, row->dimension, FALSE);
          if (middle)
            _grd_report_append_csv_field (out, row->middle, FALSE);
          _grd_report_append_csv_field (out, row->sub_theme, FALSE);
          _grd_report_append_csv_field (out, quote != NULL ? quote->text : "", FALSE);
          _grd_report_append_csv_field (out, quote != NULL ? quote->label : "", TRUE);
        }
    }
  return g_string_free (out, FALSE);
}

char *
grd_theme_table_to_string (GrdThemeTable  *table,
                           GrdTableFormat  format,
                           const char     *middle_heading)
{
  TextTable text;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (format <= GRD_TABLE_FORMAT_LATEX, NULL);

  if (format == GRD_TABLE_FORMAT_CSV)
    return theme_table_to_csv (table, middle_heading);

  text.out = g_string_new (NULL);
  text.layout = &text_layouts[format];
  walk_theme_table (table, middle_heading, append_text_row, &text);
  g_string_append (text.out, text.layout->end);
  return g_string_free (text.out, FALSE);
}

static void
add_document_row (const char *const *cells,
                  guint              n_cells,
                  GrdThemeRow       *row,
                  gpointer           data)
{
  GrdDocument *document = data;

  if (row == NULL)
    {
      /* the quotes take what the headings leave */
      const guint widths[] = { 2, 2, 3, 7 };

      grd_document_begin_table (document, n_cells, widths + (G_N_ELEMENTS (widths) - n_cells), 1);
      grd_document_begin_row (document);
      for (guint i = 0; i < n_cells; i++)
        grd_document_add_cell (document, cells[i]);
      return;
    }

  grd_document_begin_row (document);
  for (guint i = 0; i < n_cells; i++)
    grd_document_add_cell (document, cells[i]);
  grd_document_begin_cell (document);
  for (guint i = 0; i < row->quotes->len; i++)
    {
      GrdThemeQuote *quote = g_ptr_array_index (row->quotes, i);
      g_autofree char *text = g_strdup_printf ("“%s”", quote->text);

      grd_document_begin_paragraph (document, GRD_PARAGRAPH_QUOTE);
      grd_document_add_run (document, text, GRD_RUN_PLAIN, NULL);
      if (*quote->label != '\0')
        {
          g_autofree char *label = g_strdup_printf (" (%s)", quote->label);

          grd_document_add_run (document, label, GRD_RUN_ITALIC, NULL);
        }
    }
}

GrdDocument *
grd_theme_table_to_document (GrdThemeTable *table,
                             const char    *middle_heading)
{
  GrdDocument *document = grd_document_new (_("Theme table"));

  g_return_val_if_fail (table != NULL, NULL);

  grd_document_begin_paragraph (document, GRD_PARAGRAPH_BODY);
  grd_document_add_run (document, _("Table 1."), GRD_RUN_BOLD, NULL);
  grd_document_add_run (document, " ", GRD_RUN_PLAIN, NULL);
  grd_document_add_run (document, _("Dimensions, sub-themes and representative quotes"),
                        GRD_RUN_ITALIC, NULL);
  walk_theme_table (table, middle_heading, add_document_row, document);
  grd_document_end_table (document);
  return document;
}

gboolean
_grd_report_write (const char      *path,
                   GrdTableFormat   format,
                   char            *text,
                   GrdDocument     *document,
                   GError         **error)
{
  g_autofree char *owned_text = text;
  g_autoptr(GrdDocument) owned_document = document;

  if (document != NULL)
    return grd_document_write (document, format == GRD_TABLE_FORMAT_ODT ? GRD_DOCUMENT_ODT
                                                                        : GRD_DOCUMENT_DOCX,
                               path, error);
  /* Written beside the file and renamed into place: never half a report. */
  return g_file_set_contents (path, text, -1, error);
}

gboolean
grd_theme_table_write (GrdThemeTable   *table,
                       GrdTableFormat   format,
                       const char      *middle_heading,
                       const char      *path,
                       GError         **error)
{
  g_return_val_if_fail (table != NULL && path != NULL, FALSE);

  if (format == GRD_TABLE_FORMAT_ODT || format == GRD_TABLE_FORMAT_DOCX)
    return _grd_report_write (path, format, NULL,
                              grd_theme_table_to_document (table, middle_heading), error);
  return _grd_report_write (path, format, grd_theme_table_to_string (table, format, middle_heading),
                            NULL, error);
}

gboolean
grd_table_format_from_string (const char     *string,
                              GrdTableFormat *format)
{
  static const struct { const char *name; GrdTableFormat format; } names[] = {
    { "md", GRD_TABLE_FORMAT_MARKDOWN }, { "markdown", GRD_TABLE_FORMAT_MARKDOWN },
    { "csv", GRD_TABLE_FORMAT_CSV }, { "html", GRD_TABLE_FORMAT_HTML },
    { "latex", GRD_TABLE_FORMAT_LATEX }, { "tex", GRD_TABLE_FORMAT_LATEX },
    { "odt", GRD_TABLE_FORMAT_ODT }, { "docx", GRD_TABLE_FORMAT_DOCX },
  };

  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (string, names[i].name) == 0)
      {
        *format = names[i].format;
        return TRUE;
      }
  return FALSE;
}
