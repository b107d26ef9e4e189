/* grd-report-codebook.c: the code book as a document
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a methods appendix prints for each code: where it sits in the tree,
 * what kind it is, what it means, how it is spread over the cases, and one
 * quote that shows it.
 */

#define G_LOG_DOMAIN "grd-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grd-query.h"
#include "grd-report-codebook.h"
#include "grd-report-private.h"

static void
entry_free (GrdCodebookEntry *entry)
{
  g_free (entry->name);
  g_free (entry->path);
  g_free (entry->description);
  g_free (entry->color);
  g_array_unref (entry->case_counts);
  g_free (entry->example);
  g_free (entry->example_label);
  g_free (entry);
}

void
grd_codebook_free (GrdCodebook *codebook)
{
  if (codebook == NULL)
    return;

  g_clear_pointer (&codebook->entries, g_ptr_array_unref);
  g_clear_pointer (&codebook->cases, g_ptr_array_unref);
  g_free (codebook);
}

static int
compare_case_count (gconstpointer a,
                    gconstpointer b)
{
  const GrdCaseCount *x = a, *y = b;

  return (x->case_index > y->case_index) - (x->case_index < y->case_index);
}

/* The first representative quote, else the first; text read for it alone. */
static gboolean
find_example (GrdProject        *project,
              GrdCodebookEntry  *entry,
              GCancellable      *cancellable,
              GError           **error)
{
  g_autoptr(GPtrArray) quotes = NULL;
  GrdQuote *quote;

  quotes = grd_query_quotes (project, entry->code_id,
                             GRD_QUOTE_REPRESENTATIVE | GRD_QUOTE_WITHOUT_TEXT |
                             GRD_QUOTE_FIRST_ONLY, 0,
                             cancellable, error);
  if (quotes != NULL && quotes->len == 0)
    {
      g_clear_pointer (&quotes, g_ptr_array_unref);
      quotes = grd_query_quotes (project, entry->code_id,
                                 GRD_QUOTE_WITHOUT_TEXT | GRD_QUOTE_FIRST_ONLY, 0,
                                 cancellable, error);
    }
  if (quotes == NULL)
    return FALSE;
  if (quotes->len == 0)
    return TRUE;

  quote = g_ptr_array_index (quotes, 0);
  if (!grd_query_quote_fill_text (project, quote, 0, error))
    return FALSE;
  entry->example = g_strdup (quote->text);
  entry->example_label = g_strdup (quote->case_name != NULL ? quote->case_name
                                                            : quote->source_name);
  entry->example_representative = quote->representative;
  return TRUE;
}

GrdCodebook *
grd_report_codebook (GrdProject    *project,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GrdCodebook) codebook = g_new0 (GrdCodebook, 1);
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) frequencies = NULL;
  g_autoptr(GHashTable) codes_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) entries_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) case_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint no_case = G_MAXUINT;

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);

  if ((codes = grd_project_list_codes (project, error)) == NULL ||
      (cases = grd_project_list_cases (project, error)) == NULL ||
      (frequencies = grd_query_frequencies (project, GRD_GROUP_BY_CASE, 0, TRUE,
                                            cancellable, error)) == NULL)
    return NULL;

  codebook->cases = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < cases->len; i++)
    {
      GrdCase *kase = g_ptr_array_index (cases, i);

      g_hash_table_insert (case_index, &kase->id, GUINT_TO_POINTER (i));
      g_ptr_array_add (codebook->cases, g_strdup (kase->name));
    }

  codebook->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  for (guint i = 0; i < codes->len; i++)
    {
      GrdCode *code = g_ptr_array_index (codes, i);

      g_hash_table_insert (codes_by_id, &code->id, code);
    }
  for (guint i = 0; i < codes->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (codes, i);
      GrdCodebookEntry *entry = g_new0 (GrdCodebookEntry, 1);

      entry->code_id = code->id;
      entry->name = g_strdup (code->name);
      entry->path = _grd_report_code_path (codes_by_id, code);
      entry->depth = code->depth;
      entry->kind = code->kind;
      entry->description = g_strdup (code->description != NULL ? code->description : "");
      entry->color = g_strdup (code->color != NULL ? code->color : "#808080");
      entry->n_codings = code->n_codings;
      entry->n_codings_total = code->n_codings_total;
      entry->case_counts = g_array_new (FALSE, FALSE, sizeof (GrdCaseCount));
      g_ptr_array_add (codebook->entries, entry);
      g_hash_table_insert (entries_by_id, &entry->code_id, entry);
      codebook->n_codings += code->n_codings;
    }

  for (guint i = 0; i < frequencies->len; i++)
    {
      GrdFrequency *frequency = g_ptr_array_index (frequencies, i);
      GrdCodebookEntry *entry = g_hash_table_lookup (entries_by_id, &frequency->code_id);
      GrdCaseCount count = { 0, frequency->n_codings };
      gpointer index;

      if (entry == NULL || frequency->n_codings == 0)
        continue;
      if (frequency->group_id != 0 &&
          g_hash_table_lookup_extended (case_index, &frequency->group_id, NULL, &index))
        count.case_index = GPOINTER_TO_UINT (index);
      else
        {
          if (no_case == G_MAXUINT)
            {
              no_case = codebook->cases->len;
              g_ptr_array_add (codebook->cases, g_strdup (_("No case")));
            }
          count.case_index = no_case;
        }
      g_array_append_val (entry->case_counts, count);
    }

  for (guint i = 0; i < codebook->entries->len; i++)
    {
      GrdCodebookEntry *entry = g_ptr_array_index (codebook->entries, i);

      g_array_sort (entry->case_counts, compare_case_count);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (entry->n_codings > 0 && !find_example (project, entry, cancellable, error))
        return NULL;
    }

  return g_steal_pointer (&codebook);
}

/* ---- as text ---------------------------------------------------------- */

static char *
summary (GrdCodebook *codebook)
{
  g_autofree char *codes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u code", "%u codes",
                                                         codebook->entries->len),
                                            codebook->entries->len);
  g_autofree char *codings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coding",
                                                           "%u codings", codebook->n_codings),
                                              codebook->n_codings);
  g_autofree char *cases = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u case", "%u cases",
                                                         codebook->cases->len),
                                            codebook->cases->len);

  /* Translators: “34 codes, 35 codings in 3 cases.” */
  return g_strdup_printf (_("%s, %s in %s."), codes, codings, cases);
}

char *
grd_codebook_entry_describe (const GrdCodebookEntry *entry)
{
  g_autoptr(GString) facts = g_string_new (grd_code_kind_caption (entry->kind, TRUE));

  g_string_append (facts, " · ");
  g_string_append_printf (facts, g_dngettext (GETTEXT_PACKAGE, "%u coding", "%u codings",
                                              entry->n_codings), entry->n_codings);
  if (entry->n_codings_total != entry->n_codings)
    g_string_append_printf (facts, _(", %u with its sub-codes"), entry->n_codings_total);
  g_string_append (facts, " · ");
  g_string_append_printf (facts, _("colour %s"), entry->color);
  return g_string_free (g_steal_pointer (&facts), FALSE);
}

char *
grd_codebook_entry_cases (GrdCodebook            *codebook,
                          const GrdCodebookEntry *entry)
{
  GString *cases = g_string_new (NULL);

  for (guint j = 0; j < entry->case_counts->len; j++)
    {
      GrdCaseCount *count = &g_array_index (entry->case_counts, GrdCaseCount, j);

      g_string_append_printf (cases, "%s%s: %u", j > 0 ? " · " : _("By case: "),
                              (const char *) g_ptr_array_index (codebook->cases, count->case_index),
                              count->n_codings);
    }
  /* A dimension's or a theme's quotes are usually all in its sub-codes. */
  if (cases->len == 0 && entry->n_codings_total > 0)
    g_string_append_printf (cases, g_dngettext (GETTEXT_PACKAGE,
                                                "No codings of its own; %u in its sub-codes",
                                                "No codings of its own; %u in its sub-codes",
                                                entry->n_codings_total),
                            entry->n_codings_total);
  else if (cases->len == 0)
    g_string_append (cases, _("Not applied yet"));
  return g_string_free (cases, FALSE);
}

static void
append_markdown (GString     *out,
                 GrdCodebook *codebook)
{
  g_autofree char *counts = summary (codebook);

  g_string_append_printf (out, "# %s\n\n%s\n", _("Code book"), counts);
  for (guint i = 0; i < codebook->entries->len; i++)
    {
      GrdCodebookEntry *entry = g_ptr_array_index (codebook->entries, i);
      g_autofree char *path = _grd_report_escape_markdown (entry->path);
      g_autofree char *facts = grd_codebook_entry_describe (entry);
      g_autofree char *heading = g_strnfill (MIN (entry->depth + 2, 6), '#');
      g_autofree char *cases = NULL, *cases_text = NULL;

      g_string_append_printf (out, "\n%s %s\n\n*%s*\n\n", heading, path, facts);
      if (*entry->description != '\0')
        g_string_append_printf (out, "%s\n\n", entry->description);
      if (entry->example != NULL)
        {
          g_autoptr(GString) quote = g_string_new (entry->example);

          g_string_replace (quote, "\n", "\n> ", 0);
          g_string_append_printf (out, "> “%s” (%s)\n\n", quote->str, entry->example_label);
        }
      cases = grd_codebook_entry_cases (codebook, entry);
      cases_text = _grd_report_escape_markdown (cases);
      g_string_append_printf (out, "%s\n", cases_text);
    }
}

static void
append_html (GString     *out,
             GrdCodebook *codebook)
{
  g_autofree char *counts = summary (codebook);

  g_string_append_printf (out, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                               "<title>%s</title>\n<style>"
                               "body{max-width:48em;margin:2em auto;font-family:serif}"
                               ".facts,.count{color:#5e5c64}.swatch{display:inline-block;"
                               "width:.8em;height:.8em;border-radius:.2em;margin-right:.4em}"
                               "blockquote{margin:.5em 2em}</style>\n"
                               "</head>\n<body>\n<h1>%s</h1>\n<p class=\"count\">%s</p>\n",
                          _("Code book"), _("Code book"), counts);
  for (guint i = 0; i < codebook->entries->len; i++)
    {
      GrdCodebookEntry *entry = g_ptr_array_index (codebook->entries, i);
      g_autofree char *path = _grd_report_escape_html (entry->path);
      g_autofree char *facts = grd_codebook_entry_describe (entry);
      g_autofree char *facts_html = _grd_report_escape_html (facts);
      g_autofree char *color = _grd_report_escape_html (entry->color);
      g_autofree char *cases = NULL, *cases_html = NULL;
      guint level = MIN (entry->depth + 2, 6);

      g_string_append_printf (out, "<h%u><span class=\"swatch\" style=\"background:%s\"></span>"
                                   "%s</h%u>\n<p class=\"facts\">%s</p>\n",
                              level, color, path, level, facts_html);
      if (*entry->description != '\0')
        {
          g_autofree char *description = _grd_report_escape_html (entry->description);

          g_string_append_printf (out, "<p>%s</p>\n", description);
        }
      if (entry->example != NULL)
        {
          g_autofree char *example = _grd_report_escape_html (entry->example);
          g_autofree char *label = _grd_report_escape_html (entry->example_label);

          g_string_append_printf (out, "<blockquote>“%s” (%s)</blockquote>\n", example, label);
        }
      cases = grd_codebook_entry_cases (codebook, entry);
      cases_html = _grd_report_escape_html (cases);
      g_string_append_printf (out, "<p class=\"count\">%s</p>\n", cases_html);
    }
  g_string_append (out, "</body>\n</html>\n");
}

char *
grd_codebook_to_string (GrdCodebook    *codebook,
                        GrdTableFormat  format)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (codebook != NULL, NULL);
  g_return_val_if_fail (format == GRD_TABLE_FORMAT_MARKDOWN || format == GRD_TABLE_FORMAT_HTML,
                        NULL);

  if (format == GRD_TABLE_FORMAT_HTML)
    append_html (out, codebook);
  else
    append_markdown (out, codebook);
  return g_string_free (out, FALSE);
}

GrdDocument *
grd_codebook_to_document (GrdCodebook *codebook)
{
  GrdDocument *document = grd_document_new (_("Code book"));
  g_autofree char *counts = summary (codebook);

  g_return_val_if_fail (codebook != NULL, NULL);

  grd_document_add_heading (document, 1, _("Code book"));
  grd_document_add_paragraph (document, GRD_PARAGRAPH_NOTE, counts);
  for (guint i = 0; i < codebook->entries->len; i++)
    {
      GrdCodebookEntry *entry = g_ptr_array_index (codebook->entries, i);
      g_autofree char *facts = grd_codebook_entry_describe (entry);
      g_autofree char *cases = NULL;

      grd_document_add_heading (document, MIN (entry->depth + 2, 3), entry->path);
      grd_document_begin_paragraph (document, GRD_PARAGRAPH_NOTE);
      /* the code's own colour, as the window shows it */
      grd_document_add_run (document, "■ ", GRD_RUN_PLAIN, entry->color);
      grd_document_add_run (document, facts, GRD_RUN_PLAIN, NULL);
      if (*entry->description != '\0')
        grd_document_add_paragraph (document, GRD_PARAGRAPH_BODY, entry->description);
      if (entry->example != NULL)
        {
          g_autofree char *example = g_strdup_printf ("“%s”", entry->example);
          g_autofree char *label = g_strdup_printf (" (%s)", entry->example_label);

          grd_document_begin_paragraph (document, GRD_PARAGRAPH_QUOTE);
          grd_document_add_run (document, example, GRD_RUN_PLAIN, NULL);
          grd_document_add_run (document, label, GRD_RUN_ITALIC, NULL);
        }
      cases = grd_codebook_entry_cases (codebook, entry);
      grd_document_add_paragraph (document, GRD_PARAGRAPH_NOTE, cases);
    }
  return document;
}

gboolean
grd_codebook_write (GrdCodebook     *codebook,
                    GrdTableFormat   format,
                    const char      *path,
                    GError         **error)
{
  g_return_val_if_fail (codebook != NULL && path != NULL, FALSE);

  if (format == GRD_TABLE_FORMAT_ODT || format == GRD_TABLE_FORMAT_DOCX)
    return _grd_report_write (path, format, NULL, grd_codebook_to_document (codebook), error);
  return _grd_report_write (path, format, grd_codebook_to_string (codebook, format), NULL, error);
}
