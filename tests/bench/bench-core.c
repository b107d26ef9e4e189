/* bench-core.c: how fast the core is on the benchmark corpus
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-core [S|M|L] [--batch=whole|source] [--keep]
 *
 * Prints figures and compares them with the targets; never fails on timing,
 * only when a core call fails.
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "grd-corpus.h"
/* the same code system the code map's tests draw */
#include "../core/code-tree.h"

#define N_OPENS        5
#define N_SWITCHES     1000
#define QUOTE_CONTEXT  100
#define SEARCH_LIMIT   200
#define SEARCH_CONTEXT 40

typedef struct {
  const char *figure;
  double      value;
  double      target;
  const char *unit;
} Row;

static GPtrArray *rows;

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static double
peak_rss_mib (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0;

  return usage.ru_maxrss / 1024.0;  /* KiB on Linux */
}

static void
add_row (const char *figure,
         double      value,
         double      target,
         const char *unit)
{
  Row *row = g_new (Row, 1);

  row->figure = figure;
  row->value = value;
  row->target = target;
  row->unit = unit;
  g_ptr_array_add (rows, row);
}

static G_GNUC_NORETURN void
fail (const char  *what,
      GError      *error,
      const char  *dir)
{
  fprintf (stderr, "bench-core: %s failed: %s\n", what,
           error != NULL ? error->message : "no error set");
  if (dir != NULL)
    fprintf (stderr, "bench-core: the project is left in %s\n", dir);
  exit (EXIT_FAILURE);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }

  if (g_remove (path) != 0)
    g_printerr ("bench-core: cannot remove %s\n", path);
}

static void
close_project (GrdProject *project)
{
  grd_project_close (project);
  g_object_unref (project);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *code_name = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *trust_file = NULL;
  GrdCorpusSize size = GRD_CORPUS_SIZE_L;
  GrdCorpusBatch batch = GRD_CORPUS_BATCH_DEFAULT;
  const char *size_name, *batch_name = "default";
  GrdCorpusInfo info;
  GrdCorpusTimes times;
  GrdProject *project;
  gboolean keep = FALSE;
  gint64 start, code_id = 0;
  guint most_used = 0, total_codings = 0;
  double t, best;

  setlocale (LC_ALL, "");

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--batch=whole"))
        batch = GRD_CORPUS_BATCH_WHOLE, batch_name = "whole";
      else if (g_str_equal (argv[i], "--batch=source"))
        batch = GRD_CORPUS_BATCH_PER_SOURCE, batch_name = "per source";
      else if (g_str_equal (argv[i], "--keep"))
        keep = TRUE;
      else if (!grd_corpus_size_from_string (argv[i], &size))
        {
          fprintf (stderr, "Usage: %s [S|M|L] [--batch=whole|source] [--keep]\n", argv[0]);
          return 2;
        }
    }

  rows = g_ptr_array_new_with_free_func (g_free);
  size_name = grd_corpus_size_to_string (size);
  grd_corpus_get_info (size, &info);

  dir = g_dir_make_tmp ("grounded-bench-XXXXXX", &error);
  if (dir == NULL)
    fail ("making a temporary directory", error, NULL);
  path = g_strdup_printf ("%s/corpus-%s.grounded", dir, size_name);

  /* Core remembers checked projects in the user's cache; keep ours out of
   * it. Set before anything asks GLib for the cache directory. */
  cache = g_build_filename (dir, "cache", NULL);
  trust_file = g_build_filename (cache, "grounded", "checked-projects", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  grd_core_init ();

  /* Build */
  start = g_get_monotonic_time ();
  project = grd_project_create (path, &error);
  if (project == NULL)
    fail ("grd_project_create", error, dir);
  if (!grd_corpus_build_full (project, size, batch, &times, &error))
    fail ("building the corpus", error, dir);
  close_project (project);
  t = seconds_since (start);
  printf ("build %s: %.2f s (%u sources, %u codings; batch: %s)\n",
          size_name, t, info.n_sources, info.n_codings, batch_name);
  printf ("  of which: generating %.2f s, grd_import_detect_turns %.2f s, "
          "grd_project_add_source %.2f s, grd_project_add_coding %.2f s, "
          "grd_project_end_batch %.2f s, cases and values %.2f s\n",
          times.generate_us / 1e6, times.detect_turns_us / 1e6, times.add_sources_us / 1e6,
          times.add_codings_us / 1e6, times.end_batch_us / 1e6, times.other_us / 1e6);
  printf ("peak RSS after build %s: %.1f MiB\n", size_name, peak_rss_mib ());
  add_row ("build", t, 15, "s");

  {
    GStatBuf buf;

    if (g_stat (path, &buf) == 0)
      printf ("file size %s: %.1f MiB\n", size_name, buf.st_size / (1024.0 * 1024.0));
  }

  /* Open: the best of several, as the page cache is warm anyway. */
  best = G_MAXDOUBLE;
  for (guint i = 0; i < N_OPENS; i++)
    {
      start = g_get_monotonic_time ();
      project = grd_project_open (path, &error);
      t = seconds_since (start);
      if (project == NULL)
        fail ("grd_project_open", error, dir);
      close_project (project);
      best = MIN (best, t);
    }
  printf ("open %s: %.4f s (min of %u)\n", size_name, best, N_OPENS);
  add_row ("open", best, 0.1, "s");

  /* A file this machine has not checked yet (copied in, say): with the
   * integrity check. */
  g_unlink (trust_file);
  start = g_get_monotonic_time ();
  project = grd_project_open (path, &error);
  t = seconds_since (start);
  if (project == NULL)
    fail ("grd_project_open", error, dir);
  printf ("first open (with check) %s: %.4f s\n", size_name, t);

  /* The most used code */
  start = g_get_monotonic_time ();
  codes = grd_project_list_codes (project, &error);
  t = seconds_since (start);
  if (codes == NULL)
    fail ("grd_project_list_codes", error, dir);
  for (guint i = 0; i < codes->len; i++)
    {
      GrdCode *code = g_ptr_array_index (codes, i);

      total_codings += code->n_codings;
      if (code->n_codings > most_used)
        {
          most_used = code->n_codings;
          code_id = code->id;
          g_free (code_name);
          code_name = g_strdup (code->name);
        }
    }
  printf ("list codes %s: %.4f s (%u codes, %u codings)\n", size_name, t, codes->len, total_codings);
  if (codes->len != info.n_codes || total_codings != info.n_codings)
    printf ("  warning: expected %u codes and %u codings\n", info.n_codes, info.n_codings);
  if (total_codings > 0)
    printf ("most used code %s: \"%s\" with %u codings (%.1f %%)\n", size_name,
            code_name, most_used, 100.0 * most_used / total_codings);

  /* Retrieval */
  {
    g_autoptr(GPtrArray) quotes = NULL;

    start = g_get_monotonic_time ();
    quotes = grd_query_quotes (project, code_id, GRD_QUOTE_DEFAULT, QUOTE_CONTEXT, NULL, &error);
    t = seconds_since (start);
    if (quotes == NULL)
      fail ("grd_query_quotes", error, dir);
    printf ("retrieval %s: %.4f s (%u quotes with %u chars of context)\n",
            size_name, t, quotes->len, QUOTE_CONTEXT);
    if (quotes->len != most_used)
      printf ("  warning: %u quotes for a code with %u codings\n", quotes->len, most_used);
    add_row ("retrieval", t, 0.2, "s");
  }

  /* Frequencies */
  {
    g_autoptr(GPtrArray) frequencies = NULL;

    start = g_get_monotonic_time ();
    frequencies = grd_query_frequencies (project, GRD_GROUP_BY_CASE, 0, FALSE, NULL, &error);
    t = seconds_since (start);
    if (frequencies == NULL)
      fail ("grd_query_frequencies", error, dir);
    printf ("frequencies %s: %.4f s (%u code x case rows)\n", size_name, t, frequencies->len);
    add_row ("frequencies", t, 0.5, "s");
  }

  /* The codes x cases matrix of the Reports page, and its XLSX */
  {
    g_autoptr(GrdSheet) sheet = NULL;
    g_autofree char *xlsx = g_build_filename (dir, "codes-by-cases.xlsx", NULL);

    start = g_get_monotonic_time ();
    sheet = grd_report_matrix (project, GRD_MATRIX_CODES_BY_CASES, 0, GRD_MATRIX_WITH_SUB_CODES, NULL,
                               &error);
    t = seconds_since (start);
    if (sheet == NULL)
      fail ("grd_report_matrix", error, dir);
    printf ("codes x cases matrix %s: %.4f s (%u codes x %u cases)\n", size_name, t,
            sheet->rows->len, sheet->headings->len - 1);
    add_row ("codes x cases matrix", t, 1.0, "s");

    start = g_get_monotonic_time ();
    if (!grd_sheet_write (sheet, GRD_SHEET_FORMAT_XLSX, xlsx, &error))
      fail ("grd_sheet_write", error, dir);
    t = seconds_since (start);
    printf ("codes x cases matrix as XLSX %s: %.4f s\n", size_name, t);
  }

  /* Search */
  {
    static const struct {
      const char *label;
      const char *query;
    } searches[] = {
      { "search word", GRD_CORPUS_COMMON_WORD },
      { "search phrase", GRD_CORPUS_PHRASE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      {
        g_autoptr(GPtrArray) hits = NULL;

        start = g_get_monotonic_time ();
        hits = grd_query_search (project, searches[i].query, SEARCH_LIMIT, SEARCH_CONTEXT,
                                 NULL, &error);
        t = seconds_since (start);
        if (hits == NULL)
          fail ("grd_query_search", error, dir);
        printf ("%s %s: %.4f s (%u hits for %s, limit %u)\n", searches[i].label, size_name,
                t, hits->len, searches[i].query, SEARCH_LIMIT);
        if (hits->len == 0)
          printf ("  warning: no hits\n");
        add_row (searches[i].label, t, 0.1, "s");
      }
  }

  /* Co-occurrence */
  {
    static const struct {
      const char          *label;
      GrdCooccurrenceMode  mode;
    } modes[] = {
      { "overlap", GRD_COOCCUR_OVERLAP },
      { "same turn", GRD_COOCCUR_SAME_TURN },
    };

    for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
      {
        g_autoptr(GPtrArray) pairs = NULL;
        guint n_pairs = 0;

        start = g_get_monotonic_time ();
        pairs = grd_query_cooccurrence (project, modes[i].mode, NULL, &error);
        t = seconds_since (start);
        if (pairs == NULL)
          fail ("grd_query_cooccurrence", error, dir);
        for (guint j = 0; j < pairs->len; j++)
          n_pairs += ((GrdCooccurrence *) g_ptr_array_index (pairs, j))->count;
        printf ("co-occurrence (%s) %s: %.4f s (%u code pairs, %u coding pairs)\n",
                modes[i].label, size_name, t, pairs->len, n_pairs);
      }
  }

  /* What the axial and selective views read when they open */
  {
    g_autoptr(GPtrArray) hints = NULL;
    g_autoptr(GPtrArray) checks = NULL;
    g_autoptr(GPtrArray) saturation = NULL;
    double t_hints, t_checks;

    start = g_get_monotonic_time ();
    hints = grd_axial_hints (project, 5, 50, NULL, &error);
    t_hints = seconds_since (start);
    if (hints == NULL)
      fail ("grd_axial_hints", error, dir);
    start = g_get_monotonic_time ();
    checks = grd_selective_checks (project, NULL, &error);
    t_checks = seconds_since (start);
    if (checks == NULL)
      fail ("grd_selective_checks", error, dir);
    start = g_get_monotonic_time ();
    saturation = grd_selective_saturation (project, 0, NULL, &error);
    t = seconds_since (start);
    if (saturation == NULL)
      fail ("grd_selective_saturation", error, dir);
    printf ("axial hints %s: %.4f s (%u hints); integration checks %.4f s (%u); "
            "saturation %.4f s (%u transcripts)\n",
            size_name, t_hints, hints->len, t_checks, checks->len, t, saturation->len);
    add_row ("axial hints", t_hints, 0.5, "s");
  }

  /* The data-structure figure of the corpus's own tree (60 codes at L):
   * reading, laying out and drawing it. */
  {
    g_autoptr(GrdFigure) figure = NULL;
    cairo_surface_t *surface;
    cairo_t *cr;
    double fw, fh;

    start = g_get_monotonic_time ();
    figure = grd_report_figure (project, GRD_FIGURE_DATA_STRUCTURE, 0, NULL, &error);
    if (figure == NULL)
      fail ("grd_report_figure", error, dir);
    grd_figure_get_size (figure, &fw, &fh);
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (fw), (int) ceil (fh));
    cr = cairo_create (surface);
    grd_figure_draw (figure, cr);
    cairo_destroy (cr);
    cairo_surface_flush (surface);
    t = seconds_since (start);
    cairo_surface_destroy (surface);
    printf ("data structure %s, %u items: %.4f s (%.0f × %.0f pt)\n", size_name,
            grd_figure_get_n_items (figure), t, fw, fh);
    add_row ("data structure", t, 0.5, "s");
  }

  /* The reports a journal takes. The corpus's themes become sub-themes and
   * the first three codings of each source's first code representative,
   * so the theme table has rows and quotes; the code book is written as
   * ODT too, the slower of its documents. */
  {
    g_autoptr(GPtrArray) all_codes = grd_project_list_codes (project, &error);
    g_autoptr(GPtrArray) sources = grd_project_list_sources (project, &error);
    g_autoptr(GrdThemeTable) table = NULL;
    g_autoptr(GrdCodebook) codebook = NULL;
    g_autofree char *odt = g_build_filename (dir, "codebook.odt", NULL);
    double t_table, t_write;
    guint n_quotes = 0;

    if (all_codes == NULL || sources == NULL ||
        !grd_project_begin_batch (project, "Themes for the reports", &error))
      fail ("preparing the reports", error, dir);
    for (guint i = 0; i < all_codes->len; i++)
      if (((GrdCode *) all_codes->pdata[i])->kind == GRD_CODE_KIND_THEME &&
          !grd_project_set_code_kind (project, ((GrdCode *) all_codes->pdata[i])->id,
                                      GRD_CODE_KIND_SUB_THEME, &error))
        fail ("grd_project_set_code_kind", error, dir);
    for (guint i = 0; i < sources->len && i < 100; i++)
      {
        GrdSource *source = sources->pdata[i];
        g_autoptr(GPtrArray) codings = grd_project_list_codings (project, source->id, &error);

        if (codings == NULL)
          fail ("grd_project_list_codings", error, dir);
        for (guint j = 0; j < codings->len && j < 3; j++)
          if (!grd_project_set_representative (project, ((GrdCoding *) codings->pdata[j])->id,
                                               TRUE, &error))
            fail ("grd_project_set_representative", error, dir);
      }
    if (!grd_project_end_batch (project, &error))
      fail ("grd_project_end_batch", error, dir);

    start = g_get_monotonic_time ();
    table = grd_report_theme_table (project, 0, NULL, &error);
    t_table = seconds_since (start);
    if (table == NULL)
      fail ("grd_report_theme_table", error, dir);
    for (guint i = 0; i < table->rows->len; i++)
      n_quotes += ((GrdThemeRow *) table->rows->pdata[i])->quotes->len;

    start = g_get_monotonic_time ();
    codebook = grd_report_codebook (project, NULL, &error);
    t = seconds_since (start);
    if (codebook == NULL)
      fail ("grd_report_codebook", error, dir);
    start = g_get_monotonic_time ();
    if (!grd_codebook_write (codebook, GRD_TABLE_FORMAT_ODT, odt, &error))
      fail ("grd_codebook_write", error, dir);
    t_write = seconds_since (start);
    printf ("theme table %s: %.4f s (%u sub-themes, %u quotes); code book %.4f s "
            "(%u codes), as ODT %.4f s more\n",
            size_name, t_table, table->rows->len, n_quotes, t, codebook->entries->len, t_write);
    add_row ("theme table", t_table, 1, "s");
    add_row ("code book", t + t_write, 1, "s");
  }

  /* Axial coding and review at 200 codes: the corpus's tree grown by a
   * second one, with relations. */
  {
    g_autoptr(GPtrArray) codings = NULL;
    g_autoptr(GArray) grown = NULL;
    g_autoptr(GPtrArray) all_codes = NULL;
    g_autoptr(GPtrArray) hints = NULL;
    g_autoptr(GrdReviewChanges) changes = NULL;
    g_autoptr(GrdCodeMap) map = NULL;
    cairo_surface_t *surface;
    cairo_t *cr;
    double t_done, t_layout, bx, by, bw, bh;
    gint64 first_code, second_code;

    if ((all_codes = grd_project_list_codes (project, &error)) == NULL)
      fail ("grd_project_list_codes", error, dir);
    grown = add_code_tree (project, all_codes->len < 200 ? 200 - all_codes->len : 0);
    g_clear_pointer (&all_codes, g_ptr_array_unref);
    if ((all_codes = grd_project_list_codes (project, &error)) == NULL)
      fail ("grd_project_list_codes", error, dir);

    start = g_get_monotonic_time ();
    hints = grd_axial_hints (project, 5, 50, NULL, &error);
    t = seconds_since (start);
    if (hints == NULL)
      fail ("grd_axial_hints", error, dir);
    printf ("axial hints %s, %u codes: %.4f s (%u hints)\n", size_name, all_codes->len, t, hints->len);
    add_row ("hints 200", t, 0.5, "s");

    if (grd_project_start_review (project, &error) == 0)
      fail ("grd_project_start_review", error, dir);
    start = g_get_monotonic_time ();
    if (!grd_project_finish_review (project, &error))
      fail ("grd_project_finish_review", error, dir);
    t_done = seconds_since (start);

    /* A week of work: 100 quotes removed, 100 added, a code renamed and
     * two merged. */
    {
      g_autoptr(GPtrArray) sources = grd_project_list_sources (project, &error);

      if (sources == NULL || sources->len == 0 ||
          (codings = grd_project_list_codings (project, ((GrdSource *) sources->pdata[0])->id,
                                               &error)) == NULL)
        fail ("grd_project_list_codings", error, dir);
    }
    first_code = ((GrdCode *) all_codes->pdata[1])->id;
    second_code = ((GrdCode *) all_codes->pdata[2])->id;
    if (!grd_project_begin_batch (project, "A week of work", &error))
      fail ("grd_project_begin_batch", error, dir);
    for (guint i = 0; i < 100 && i < codings->len; i++)
      if (!grd_project_remove_coding (project, ((GrdCoding *) codings->pdata[i])->id, &error))
        fail ("grd_project_remove_coding", error, dir);
    if (!grd_project_rename_code (project, first_code, "Renamed for the review", &error) ||
        !grd_project_merge_codes (project, second_code, first_code, &error) ||
        !grd_project_end_batch (project, &error))
      fail ("editing before the review", error, dir);

    start = g_get_monotonic_time ();
    changes = grd_project_changes_since_review (project, &error);
    t = seconds_since (start);
    if (changes == NULL)
      fail ("grd_project_changes_since_review", error, dir);
    printf ("review %s: marking done %.4f s; changes since it %.4f s (%u code changes, "
            "%u quotes added, %u removed)\n",
            size_name, t_done, t, changes->codes->len, changes->codings_added->len,
            changes->codings_removed->len);
    add_row ("review done", t_done, 0.5, "s");
    add_row ("review changes", t, 0.5, "s");

    start = g_get_monotonic_time ();
    map = grd_code_map_new (project, &error);
    if (map == NULL)
      fail ("grd_code_map_new", error, dir);
    t_layout = seconds_since (start);
    grd_code_map_get_bounds (map, &bx, &by, &bw, &bh);
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) bw, (int) bh);
    cr = cairo_create (surface);
    cairo_translate (cr, -bx, -by);
    grd_code_map_draw (map, cr);
    cairo_destroy (cr);
    cairo_surface_flush (surface);
    t = seconds_since (start);
    cairo_surface_destroy (surface);
    printf ("code map %s, %u codes: layout %.4f s, with drawing %.4f s (%.0f × %.0f pt)\n",
            size_name, all_codes->len, t_layout, t, bw, bh);
    add_row ("code map", t, 0.5, "s");
  }

  /* Switching coders inside a batch, as the build does */
  {
    if (!grd_project_begin_batch (project, "Switch coders", &error))
      fail ("grd_project_begin_batch", error, dir);
    start = g_get_monotonic_time ();
    for (guint i = 0; i < N_SWITCHES; i++)
      if (!grd_project_set_current_coder (project, i % 2 ? "Coder B" : "Coder A", &error))
        fail ("grd_project_set_current_coder", error, dir);
    t = seconds_since (start);
    grd_project_abort_batch (project);
    printf ("coder switch %s: %.1f µs each (%u in a batch)\n", size_name,
            t * G_USEC_PER_SEC / N_SWITCHES, N_SWITCHES);
  }

  close_project (project);

  t = peak_rss_mib ();
  printf ("peak RSS %s: %.1f MiB\n", size_name, t);
  add_row ("peak RSS", t, 300, "MiB");

  printf ("\n%-14s %12s %12s  %s\n", "figure", "measured", "target", size_name);
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = g_ptr_array_index (rows, i);
      g_autofree char *measured = g_strdup_printf ("%.3f %s", row->value, row->unit);
      g_autofree char *target = g_strdup_printf ("< %g %s", row->target, row->unit);

      printf ("%-14s %12s %12s  %s\n", row->figure, measured, target,
              row->value < row->target ? "ok" : "over");
    }

  if (keep)
    printf ("\nproject kept: %s\n", path);
  else
    remove_tree (dir);

  g_ptr_array_unref (rows);
  return EXIT_SUCCESS;
}
