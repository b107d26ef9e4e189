/* bench-window.c: how fast the coding window answers, on the real widgets
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-window BIG.grounded LONG.grounded (made by grounded-corpus L
 * and LONG); run under a display (meson runs it through xvfb-run).
 *
 * Every figure is wall time from the call to the end of the next frame the
 * window paints, so layout and drawing are in it, not only our code.
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <stdio.h>

#include "grd-app-resources.h"
#include "grd-axial-view.h"
#include "grd-code-map-view.h"
#include "grd-code-tree-view.h"
#include "grd-core.h"
#include "grd-quote-list.h"
#include "grd-renderer.h"
#include "grd-review-row.h"
#include "grd-review-view.h"
#include "grd-selective-view.h"
#include "grd-source-list.h"
#include "grd-transcript-view.h"
#include "grd-window.h"

#include "../core/code-tree.h"

typedef struct {
  GMainLoop *loop;
  gboolean   painted;
} FrameWait;

static void
on_after_paint (GdkFrameClock *clock,
                FrameWait     *wait)
{
  wait->painted = TRUE;
  g_main_loop_quit (wait->loop);
}

/* Spins the main loop until the window has painted a frame after now. */
static void
wait_for_frame (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  FrameWait wait = { g_main_loop_new (NULL, FALSE), FALSE };
  gulong id;

  while (clock == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      clock = gtk_widget_get_frame_clock (window);
    }

  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &wait);
  gtk_widget_queue_draw (window);
  g_main_loop_run (wait.loop);
  g_signal_handler_disconnect (clock, id);
  g_main_loop_unref (wait.loop);
}

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static GrdProject *
open_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  GrdProject *project = grd_project_open (path, &error);

  if (project == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }
  return project;
}

static gpointer
child (GtkWidget  *window,
       const char *name)
{
  return gtk_widget_get_template_child (window, GRD_TYPE_WINDOW, name);
}

/* The review page's row of code_id, found among widget's descendants. */
static GtkWidget *
review_row_of (GtkWidget *widget,
               gint64     code_id)
{
  if (GRD_IS_REVIEW_CODE_ROW (widget) &&
      grd_review_code_row_get_code_id (GRD_REVIEW_CODE_ROW (widget)) == code_id)
    return widget;

  for (GtkWidget *below = gtk_widget_get_first_child (widget); below != NULL;
       below = gtk_widget_get_next_sibling (below))
    {
      GtkWidget *found = review_row_of (below, code_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The code with the most codings of its own, other than except. */
static gint64
most_used_code (GrdProject *project,
                guint      *n_codings,
                gint64      except)
{
  g_autoptr(GPtrArray) codes = grd_project_list_codes (project, NULL);
  gint64 best = 0;

  *n_codings = 0;
  for (guint i = 0; codes != NULL && i < codes->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (codes, i);

      if (code->id != except && code->n_codings > *n_codings)
        {
          *n_codings = code->n_codings;
          best = code->id;
        }
    }
  return best;
}

#define TRIALS 7

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Median and slowest of the trials: one figure of a busy machine is noise. */
static void
print_trials (const char *what,
              double     *seconds,
              guint       n,
              const char *goal)
{
  qsort (seconds, n, sizeof (double), compare_times);
  printf ("%s  median %.3f s, slowest %.3f s of %u (goal %s)\n",
          what, seconds[n / 2], seconds[n - 1], n, goal);
}

static void
bench_big (const char *path)
{
  g_autoptr(GrdProject) project = open_project (path);
  GtkWidget *window;
  GrdQuoteList *quotes;
  GrdCodeTreeView *tree;
  GrdTranscriptView *transcript;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  double selected[TRIALS], applied[TRIALS], removed[TRIALS], edited[TRIALS];
  gint64 start, code, other_code, source_id;
  guint n_codings, n_other;

  start = g_get_monotonic_time ();
  window = GTK_WIDGET (grd_window_new (NULL));
  grd_window_set_project (GRD_WINDOW (window), project);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (window);
  printf ("L: window open to first paint      %.3f s (goal < 1 s)\n", seconds_since (start));
  printf ("   drawn by %s\n",
          G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  settle ();

  /* Each trial comes from another code, so the list is built anew. */
  code = most_used_code (project, &n_codings, 0);
  other_code = most_used_code (project, &n_other, code);
  quotes = child (window, "quote_list");
  tree = child (window, "code_tree");
  for (guint i = 0; i < TRIALS; i++)
    {
      grd_code_tree_view_select_code (tree, other_code);
      wait_for_frame (window);
      settle ();
      start = g_get_monotonic_time ();
      grd_code_tree_view_select_code (tree, code);
      wait_for_frame (window);
      selected[i] = seconds_since (start);
      settle ();
    }
  printf ("L: select the most used code (%u quotes):", grd_quote_list_get_n_quotes (quotes));
  print_trials ("", selected, TRIALS, "< 0.3 s");

  /* Applying a code to a passage of a shown transcript: the view, the
   * tree's counts and the quotes list all follow. Removing it again keeps
   * the corpus as it was, and is timed too. */
  sources = grd_project_list_sources (project, NULL);
  source_id = ((GrdSource *) g_ptr_array_index (sources, 0))->id;
  grd_source_list_select_source (child (window, "source_list"), source_id);
  settle ();
  transcript = child (window, "transcript_view");
  for (guint i = 0; i < TRIALS; i++)
    {
      gint64 coding;

      start = g_get_monotonic_time ();
      coding = grd_project_add_coding (project, source_id, code, 11 + 100 * i, 57 + 100 * i, &error);
      if (coding <= 0)
        {
          fprintf (stderr, "%s\n", error->message);
          exit (1);
        }
      /* The edit and every view's refresh run inside the call; the rest
       * is layout and drawing. */
      edited[i] = seconds_since (start);
      wait_for_frame (window);
      applied[i] = seconds_since (start);
      g_assert (grd_transcript_view_get_source (transcript) == source_id);
      g_assert (grd_quote_list_get_n_quotes (quotes) == n_codings + 1);
      settle ();

      start = g_get_monotonic_time ();
      if (!grd_project_remove_coding (project, coding, &error))
        {
          fprintf (stderr, "%s\n", error->message);
          exit (1);
        }
      wait_for_frame (window);
      removed[i] = seconds_since (start);
      settle ();
    }
  print_trials ("L: apply a code, all views follow ", applied, TRIALS, "< 0.05 s");
  print_trials ("L:   of which the edit and refresh", edited, TRIALS, "-");
  print_trials ("L: remove the coding again        ", removed, TRIALS, "< 0.05 s");

  /* The axial, selective and map pages read everything when shown:
   * relations, the hints, counts by case; the checks and saturation; the
   * map's layout. The figures are for 200 codes: the corpus's
   * tree is grown by a second one with relations, taken back after. */
  {
    AdwViewStack *pages = child (window, "view_stack");
    g_autoptr(GPtrArray) codes = grd_project_list_codes (project, &error);
    g_autoptr(GArray) grown = NULL;
    g_autofree char *undone = NULL;
    double shown;

    g_assert (codes != NULL);
    grown = add_code_tree (project, codes->len < 200 ? 200 - codes->len : 0);
    g_clear_pointer (&codes, g_ptr_array_unref);
    codes = grd_project_list_codes (project, &error);
    printf ("L: the tree grown to %u codes\n", codes->len);
    settle ();

    start = g_get_monotonic_time ();
    adw_view_stack_set_visible_child_name (pages, "axial");
    wait_for_frame (window);
    shown = seconds_since (start);
    while (grd_axial_view_get_loading (child (window, "axial_view")))
      g_main_context_iteration (NULL, TRUE);
    wait_for_frame (window);
    printf ("L: show the axial page              %.3f s, filled %.3f s (goal < 0.5 s)\n", shown,
            seconds_since (start));
    settle ();
    start = g_get_monotonic_time ();
    adw_view_stack_set_visible_child_name (pages, "selective");
    wait_for_frame (window);
    shown = seconds_since (start);
    while (grd_selective_view_get_loading (child (window, "selective_view")))
      g_main_context_iteration (NULL, TRUE);
    wait_for_frame (window);
    printf ("L: show the selective page          %.3f s, filled %.3f s\n", shown,
            seconds_since (start));
    settle ();

    /* Review mode reads states, comments and the changes since the last
     * review; a code's quotes only when its row is expanded. */
    start = g_get_monotonic_time ();
    adw_view_stack_set_visible_child_name (pages, "review");
    wait_for_frame (window);
    shown = seconds_since (start);
    while (grd_review_view_get_loading (child (window, "review_view")))
      g_main_context_iteration (NULL, TRUE);
    wait_for_frame (window);
    printf ("L: show the review page             %.3f s, filled %.3f s (goal < 0.5 s)\n", shown,
            seconds_since (start));
    settle ();
    {
      guint n_top = 0;
      GtkWidget *row = review_row_of (child (window, "review_view"),
                                      most_used_code (project, &n_top, 0));

      g_assert_nonnull (row);
      start = g_get_monotonic_time ();
      grd_review_code_row_set_expanded (GRD_REVIEW_CODE_ROW (row), TRUE);
      while (grd_review_view_get_loading (child (window, "review_view")))
        g_main_context_iteration (NULL, TRUE);
      wait_for_frame (window);
      printf ("L: expand the most used code (%u quotes) %.3f s (goal < 0.5 s)\n", n_top,
              seconds_since (start));
      grd_review_code_row_set_expanded (GRD_REVIEW_CODE_ROW (row), FALSE);
    }
    settle ();

    start = g_get_monotonic_time ();
    adw_view_stack_set_visible_child_name (pages, "map");
    wait_for_frame (window);
    shown = seconds_since (start);
    while (grd_code_map_view_get_loading (child (window, "code_map_view")))
      g_main_context_iteration (NULL, TRUE);
    wait_for_frame (window);
    printf ("L: show the code map page           %.3f s, drawn %.3f s (goal < 0.5 s)\n", shown,
            seconds_since (start));
    settle ();
    adw_view_stack_set_visible_child_name (pages, "coding");
    settle ();
    undone = grd_project_undo (project, &error);
    g_assert (undone != NULL);
    settle ();
  }

  /* The history stays as it was for the next run. */
  g_assert_true (grd_project_forget_history (project, &error));

  gtk_window_destroy (GTK_WINDOW (window));
}

static int
compare_frame_times (gconstpointer a,
                     gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
bench_long (const char *path)
{
  g_autoptr(GrdProject) project = open_project (path);
  g_autoptr(GPtrArray) sources = grd_project_list_sources (project, NULL);
  GtkWidget *window;
  GtkAdjustment *adjustment;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 start, source_id;
  guint frames = 0;

  window = GTK_WIDGET (grd_window_new (NULL));
  grd_window_set_project (GRD_WINDOW (window), project);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (window);
  settle ();

  /* The window opened on this transcript; show none, then time it. */
  grd_source_list_select_source (child (window, "source_list"), 0);
  settle ();
  source_id = ((GrdSource *) g_ptr_array_index (sources, 0))->id;
  start = g_get_monotonic_time ();
  grd_source_list_select_source (child (window, "source_list"), source_id);
  wait_for_frame (window);
  printf ("LONG: open a %lld-character transcript with %u codings  %.3f s (goal < 0.5 s)\n",
          (long long) ((GrdSource *) g_ptr_array_index (sources, 0))->length,
          ((GrdSource *) g_ptr_array_index (sources, 0))->n_codings, seconds_since (start));
  settle ();

  /* Scrolling a page at a time from top to bottom: the slowest frame is
   * what a reader would feel as a stutter. */
  adjustment = gtk_scrollable_get_vadjustment (
    GTK_SCROLLABLE (grd_transcript_view_get_text_view (child (window, "transcript_view"))));
  while (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) <
         gtk_adjustment_get_upper (adjustment) - 1 && frames < 5000)
    {
      gint64 frame_start = g_get_monotonic_time ();

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                            gtk_adjustment_get_page_size (adjustment) * 0.9);
      wait_for_frame (window);
      frame_start = g_get_monotonic_time () - frame_start;
      g_array_append_val (times, frame_start);
      frames++;
    }
  g_array_sort (times, compare_frame_times);
  printf ("LONG: scroll top to bottom, %u pages: frames median %.1f ms, 95th percentile %.1f ms, "
          "slowest %.1f ms (goal < 16.7 ms)\n", frames,
          g_array_index (times, gint64, times->len / 2) / 1000.0,
          g_array_index (times, gint64, times->len * 95 / 100) / 1000.0,
          g_array_index (times, gint64, times->len - 1) / 1000.0);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  if (argc != 3)
    {
      fprintf (stderr, "Usage: %s BIG.grounded LONG.grounded\n", argv[0]);
      return 2;
    }

  grd_core_init ();
  gtk_init ();
  adw_init ();
  grd_app_register_resource ();
  g_free (grd_renderer_prefer_cairo_on_software_gl ());

  bench_big (argv[1]);
  bench_long (argv[2]);
  return 0;
}
