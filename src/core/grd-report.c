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

static int
compare_by_coding (gconstpointer a,
                   gconstpointer b)
{
  const GrdQuote *x = *(GrdQuote * const *) a, *y = *(GrdQuote * const *) b;

  return x->coding_id < y->coding_id ? -1 : x->coding_id > y->coding_id;
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

GrdThemeTable *
grd_report_theme_table (GrdProject    *project,
                        gint64         label_attribute_id,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GrdThemeTable) table = g_new0 (GrdThemeTable, 1);
  g_autoptr(GPtrArray) codes = NULL;
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

  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) theme_row_free);
  for (guint i = 0; i < codes->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (codes, i);
      const GrdCode *dimension = NULL, *middle = NULL, *top = code;
      g_autoptr(GPtrArray) quotes = NULL;
      GrdThemeRow *row;

      if (code->kind != GRD_CODE_KIND_SUB_THEME)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      /* The nearest dimension above, and a theme between if there is one;
       * a tree without dimensions takes its top-level code. */
      for (const GrdCode *at = parent_of (by_id, code); at != NULL; at = parent_of (by_id, at))
        {
          if (at->kind == GRD_CODE_KIND_AGGREGATE_DIMENSION && dimension == NULL)
            dimension = at;
          else if (at->kind == GRD_CODE_KIND_THEME && dimension == NULL && middle == NULL)
            middle = at;
          top = at;
        }
      if (dimension == NULL && top != code)
        dimension = top;

      quotes = grd_query_quotes (project, code->id,
                                 GRD_QUOTE_WITH_DESCENDANTS | GRD_QUOTE_REPRESENTATIVE, 0,
                                 cancellable, error);
      if (quotes == NULL)
        return NULL;
      /* In the order they were coded: the order the researcher chose them. */
      g_ptr_array_sort (quotes, compare_by_coding);

      row = g_new0 (GrdThemeRow, 1);
      row->dimension_id = dimension != NULL ? dimension->id : 0;
      row->dimension = g_strdup (dimension != NULL ? dimension->name : "");
      row->middle_id = middle != NULL ? middle->id : 0;
      row->middle = g_strdup (middle != NULL ? middle->name : "");
      row->sub_theme_id = code->id;
      row->sub_theme = g_strdup (code->name);
      row->quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) theme_quote_free);
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

static char *
escape_markdown (const char *text)
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

static char *
escape_html (const char *text)
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

/* Dimension and middle level are printed where they change, as a journal
 * table spans them. */
static void
row_heads (GrdThemeTable *table,
           guint          i,
           const char   **dimension,
           const char   **middle)
{
  GrdThemeRow *row = g_ptr_array_index (table->rows, i);
  GrdThemeRow *before = i > 0 ? g_ptr_array_index (table->rows, i - 1) : NULL;

  *dimension = before != NULL && before->dimension_id == row->dimension_id ? "" : row->dimension;
  *middle = before != NULL && before->dimension_id == row->dimension_id &&
            before->middle_id == row->middle_id ? "" : row->middle;
}

char *
grd_theme_table_to_string (GrdThemeTable  *table,
                           GrdTableFormat  format,
                           const char     *middle_heading)
{
  GString *out = g_string_new (NULL);
  gboolean middle = middle_heading != NULL || has_middle (table);
  const char *middle_name = middle_heading != NULL ? middle_heading : _("Theme");

  g_return_val_if_fail (table != NULL, NULL);

  switch (format)
    {
    case GRD_TABLE_FORMAT_CSV:
      _grd_report_append_csv_field (out, _("Dimension"), FALSE);
      if (middle)
        _grd_report_append_csv_field (out, middle_name, FALSE);
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
      break;

    case GRD_TABLE_FORMAT_MARKDOWN:
      g_string_append_printf (out, "| %s |%s%s%s %s | %s |\n|---|%s---|---|\n", _("Dimension"),
                              middle ? " " : "", middle ? middle_name : "", middle ? " |" : "",
                              _("Sub-theme"), _("Representative quotes"), middle ? "---|" : "");
      for (guint i = 0; i < table->rows->len; i++)
        {
          GrdThemeRow *row = g_ptr_array_index (table->rows, i);
          const char *dimension, *mid;
          g_autofree char *d = NULL, *m = NULL, *s = NULL, *q = NULL;

          row_heads (table, i, &dimension, &mid);
          d = escape_markdown (dimension);
          m = escape_markdown (mid);
          s = escape_markdown (row->sub_theme);
          q = quotes_cell (row, escape_markdown, "<br>");
          g_string_append_printf (out, "| %s |%s%s%s %s | %s |\n", d, middle ? " " : "",
                                  middle ? m : "", middle ? " |" : "", s, q);
        }
      break;

    case GRD_TABLE_FORMAT_HTML:
      g_string_append (out, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                            "<style>table{border-collapse:collapse}th,td{border-top:1px solid #999;"
                            "padding:4pt 8pt;vertical-align:top;text-align:left}</style>\n"
                            "</head>\n<body>\n<table>\n<thead><tr>");
      g_string_append_printf (out, "<th>%s</th>", _("Dimension"));
      if (middle)
        {
          g_autofree char *m = escape_html (middle_name);

          g_string_append_printf (out, "<th>%s</th>", m);
        }
      g_string_append_printf (out, "<th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
                              _("Sub-theme"), _("Representative quotes"));
      for (guint i = 0; i < table->rows->len; i++)
        {
          GrdThemeRow *row = g_ptr_array_index (table->rows, i);
          const char *dimension, *mid;
          g_autofree char *d = NULL, *m = NULL, *s = NULL, *q = NULL;

          row_heads (table, i, &dimension, &mid);
          d = escape_html (dimension);
          m = escape_html (mid);
          s = escape_html (row->sub_theme);
          q = quotes_cell (row, escape_html, "<br>\n");
          g_string_append_printf (out, "<tr><td>%s</td>", d);
          if (middle)
            g_string_append_printf (out, "<td>%s</td>", m);
          g_string_append_printf (out, "<td>%s</td><td>%s</td></tr>\n", s, q);
        }
      g_string_append (out, "</tbody>\n</table>\n</body>\n</html>\n");
      break;

    case GRD_TABLE_FORMAT_LATEX:
      g_string_append_printf (out, "%% \\usepackage{booktabs}\n\\begin{tabular}{l%sp{0.22\\linewidth}p{0.45\\linewidth}}\n\\toprule\n",
                              middle ? "l" : "");
      {
        g_autofree char *m = escape_latex (middle_name);

        g_string_append_printf (out, "%s%s%s & %s & %s \\\\\n\\midrule\n", _("Dimension"),
                                middle ? " & " : "", middle ? m : "", _("Sub-theme"),
                                _("Representative quotes"));
      }
      for (guint i = 0; i < table->rows->len; i++)
        {
          GrdThemeRow *row = g_ptr_array_index (table->rows, i);
          const char *dimension, *mid;
          g_autofree char *d = NULL, *m = NULL, *s = NULL, *q = NULL;

          row_heads (table, i, &dimension, &mid);
          d = escape_latex (dimension);
          m = escape_latex (mid);
          s = escape_latex (row->sub_theme);
          q = quotes_cell (row, escape_latex, " \\newline ");
          g_string_append_printf (out, "%s%s%s & %s & %s \\\\\n", d, middle ? " & " : "",
                                  middle ? m : "", s, q);
        }
      g_string_append (out, "\\bottomrule\n\\end{tabular}\n");
      break;

    default:
      g_assert_not_reached ();
    }

  return g_string_free (out, FALSE);
}

gboolean
grd_table_format_from_string (const char     *string,
                              GrdTableFormat *format)
{
  static const struct { const char *name; GrdTableFormat format; } names[] = {
    { "md", GRD_TABLE_FORMAT_MARKDOWN }, { "markdown", GRD_TABLE_FORMAT_MARKDOWN },
    { "csv", GRD_TABLE_FORMAT_CSV }, { "html", GRD_TABLE_FORMAT_HTML },
    { "latex", GRD_TABLE_FORMAT_LATEX }, { "tex", GRD_TABLE_FORMAT_LATEX },
  };

  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (string, names[i].name) == 0)
      {
        *format = names[i].format;
        return TRUE;
      }
  return FALSE;
}
