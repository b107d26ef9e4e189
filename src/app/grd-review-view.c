/* grd-review-view.c: the supervisor's review of the theme hierarchy
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Review mode as a page: whether a review is open and how far it got,
 * what changed since the last review marked done, and the code tree as
 * a supervisor reads it, dimension to quote, with states and comments on
 * each (grd-review-row.c, grd-review-thread.c). Like the other pages it
 * reads the project on a worker while shown (grd-review-data.c), and
 * updates the rows it has rather than building them again, so a click
 * keeps its place and its focus.
 */

#define G_LOG_DOMAIN "grd-review-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "grd-dialogs.h"
#include "grd-job.h"
#include "grd-page-reader.h"
#include "grd-review-data.h"
#include "grd-review-row.h"
#include "grd-review-view.h"
#include "grd-widget-util.h"

/* Past this many rows of changes a list helps nobody; the CLI has them all. */
#define MAX_CHANGE_ROWS 100

struct _GrdReviewView
{
  GtkWidget       parent_instance;

  GtkWidget      *scroller;
  AdwActionRow   *status_row;
  GtkWidget      *start_button;
  GtkWidget      *done_button;
  AdwActionRow   *codes_row;
  AdwActionRow   *quotes_row;
  AdwActionRow   *threads_row;
  AdwPreferencesGroup *changes_group;
  GtkListBox     *changes_list;
  GtkDropDown    *filter_dropdown;
  GtkListBox     *codes_list;
  GtkLabel       *empty_label;

  GrdPageReader  *reader;
  GPtrArray      *rows;        /* GrdReviewCodeRow, in tree order */
  char           *structure;   /* the code ids and depths the rows were built for */
};

G_DEFINE_FINAL_TYPE (GrdReviewView, grd_review_view, GTK_TYPE_WIDGET)

static void refresh (GrdReviewView *self);

static GrdProject *
project_of (GrdReviewView *self)
{
  return grd_page_reader_get_project (self->reader);
}

static GrdReviewFilter
current_filter (GrdReviewView *self)
{
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);

  return selected <= GRD_REVIEW_FILTER_OPEN_COMMENTS ? (GrdReviewFilter) selected
                                                      : GRD_REVIEW_FILTER_ALL;
}

/* ---- the review itself ------------------------------------------------ */

static void
on_start_clicked (GrdReviewView *self)
{
  g_autoptr(GError) error = NULL;

  if (grd_project_start_review (project_of (self), &error) == 0)
    grd_show_error (GTK_WIDGET (self), _("Could not start the review"), error);
  else
    grd_show_undo_toast (GTK_WIDGET (self), _("Review started"));
}

static void
on_done_clicked (GrdReviewView *self)
{
  g_autoptr(GError) error = NULL;

  if (!grd_project_finish_review (project_of (self), &error))
    grd_show_error (GTK_WIDGET (self), _("Could not mark the review done"), error);
  else
    grd_show_undo_toast (GTK_WIDGET (self),
                         _("Review marked done: later changes are listed from now"));
}

static void
show_status (GrdReviewView *self,
             GPtrArray     *reviews)
{
  const GrdReview *open = NULL, *done = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < reviews->len; i++)
    {
      const GrdReview *review = g_ptr_array_index (reviews, i);

      if (review->done_at == 0 && open == NULL)
        open = review;
      else if (review->done_at != 0 && (done == NULL || review->done_at > done->done_at))
        done = review;
    }

  if (open != NULL)
    {
      g_autofree char *when = grd_format_time (open->started_at);

      title = g_strdup_printf (_("Review by %s in progress"),
                               open->reviewer_name != NULL ? open->reviewer_name : _("someone"));
      subtitle = g_strdup_printf (_("Started %s. Mark it done when you have been through the "
                                    "hierarchy: changes after that are listed below."), when);
    }
  else if (done != NULL)
    {
      g_autofree char *when = grd_format_time (done->done_at);

      title = g_strdup (_("No review in progress"));
      subtitle = g_strdup_printf (_("The last review, by %s, was marked done %s."),
                                  done->reviewer_name != NULL ? done->reviewer_name : _("someone"),
                                  when);
    }
  else
    {
      title = g_strdup (_("No review yet"));
      subtitle = g_strdup (_("Start one to record who reviewed the code system and when. States "
                             "and comments can be given at any time."));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
  adw_action_row_set_subtitle (self->status_row, subtitle);
  gtk_widget_set_visible (self->start_button, open == NULL);
  gtk_widget_set_visible (self->done_button, open != NULL);
}

/* "2 accepted · 1 needs work · 1 proposed · 24 not reviewed" */
static char *
describe_counts (const guint counts[3],
                 guint       total)
{
  guint n_marked = counts[0] + counts[1] + counts[2];

  /* Translators: review states counted; "needs work" is one state */
  return g_strdup_printf (_("%u accepted · %u needs work · %u proposed · %u not reviewed"),
                          counts[GRD_REVIEW_STATE_ACCEPTED], counts[GRD_REVIEW_STATE_NEEDS_WORK],
                          counts[GRD_REVIEW_STATE_PROPOSED],
                          total > n_marked ? total - n_marked : 0);
}

static void
show_counts (GrdReviewView       *self,
             const GrdReviewData *data)
{
  for (guint t = 0; t < G_N_ELEMENTS (data->marks); t++)
    {
      guint counts[3] = { 0 };
      GHashTableIter iter;
      gpointer mark;
      g_autofree char *text = NULL;

      g_hash_table_iter_init (&iter, data->marks[t]);
      while (g_hash_table_iter_next (&iter, NULL, &mark))
        counts[((GrdReviewMark *) mark)->state]++;
      text = describe_counts (counts,
                              t == GRD_REVIEW_TARGET_CODE ? data->codes->len : data->n_codings);
      adw_action_row_set_subtitle (t == GRD_REVIEW_TARGET_CODE ? self->codes_row : self->quotes_row,
                                   text);
    }

  {
    /* Translators: comment threads, still open and resolved */
    g_autofree char *threads = g_strdup_printf (_("%u open · %u resolved"), data->n_threads[0],
                                                data->n_threads[1]);

    adw_action_row_set_subtitle (self->threads_row, threads);
  }
}

/* ---- changes since the last review ------------------------------------ */

static const char *
code_name (const GrdReviewData *data,
           gint64               code_id)
{
  for (guint i = 0; i < data->codes->len; i++)
    if (((GrdCode *) g_ptr_array_index (data->codes, i))->id == code_id)
      return ((GrdCode *) g_ptr_array_index (data->codes, i))->name;
  return NULL;
}

/* Quotes added and removed, counted per code. */
typedef struct {
  gint64  code_id;
  guint   n[2];   /* added, removed */
} QuoteChanges;

static void
count_quote_changes (GHashTable *by_code,
                     GArray     *order,
                     GArray     *refs,
                     guint       which)
{
  for (guint i = 0; i < refs->len; i++)
    {
      const GrdCodingRef *ref = &g_array_index (refs, GrdCodingRef, i);
      QuoteChanges *changes = g_hash_table_lookup (by_code, &ref->code_id);

      if (changes == NULL)
        {
          changes = g_new0 (QuoteChanges, 1);
          changes->code_id = ref->code_id;
          g_hash_table_insert (by_code, &changes->code_id, changes);
          g_array_append_val (order, changes->code_id);
        }
      changes->n[which]++;
    }
}

static void
add_change_row (GrdReviewView *self,
                const char    *title,
                const char    *subtitle,
                guint         *n_rows)
{
  if ((*n_rows)++ < MAX_CHANGE_ROWS)
    gtk_list_box_append (self->changes_list, grd_action_row_new (title, subtitle));
}

static void
show_changes (GrdReviewView       *self,
              const GrdReviewData *data)
{
  const GrdReviewChanges *changes = data->changes;
  g_autoptr(GHashTable) by_code = NULL;
  g_autoptr(GArray) order = NULL;
  g_autofree char *description = NULL;
  g_autofree char *when = NULL;
  guint n_rows = 0;

  grd_list_box_clear (self->changes_list);
  if (changes == NULL)
    {
      adw_preferences_group_set_description (self->changes_group,
                                             _("No review has been marked done yet, so there is "
                                               "nothing to compare with. Once one is, the codes "
                                               "added, renamed, merged and moved since, and the "
                                               "quotes added and removed, are listed here."));
      gtk_widget_set_visible (GTK_WIDGET (self->changes_list), FALSE);
      return;
    }

  when = grd_format_time (changes->review->done_at);
  description = g_strdup_printf (_("Since the review by %s, marked done %s."),
                                 changes->review->reviewer_name != NULL
                                 ? changes->review->reviewer_name : _("someone"), when);
  adw_preferences_group_set_description (self->changes_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->changes_list), TRUE);

  for (guint i = 0; i < changes->codes->len; i++)
    {
      g_autofree char *title = grd_code_diff_describe (g_ptr_array_index (changes->codes, i));

      add_change_row (self, title, NULL, &n_rows);
    }

  by_code = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  order = g_array_new (FALSE, FALSE, sizeof (gint64));
  count_quote_changes (by_code, order, changes->codings_added, 0);
  count_quote_changes (by_code, order, changes->codings_removed, 1);
  for (guint i = 0; i < order->len; i++)
    {
      const QuoteChanges *counts = g_hash_table_lookup (by_code, &g_array_index (order, gint64, i));
      const char *name = code_name (data, counts->code_id);
      g_autofree char *title = name != NULL ? g_strdup_printf (_("Quotes of “%s”"), name)
                                            : g_strdup (_("Quotes of a code deleted since"));
      g_autofree char *added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u added",
                                                             "%u added", counts->n[0]),
                                                counts->n[0]);
      g_autofree char *removed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u removed",
                                                               "%u removed", counts->n[1]),
                                                  counts->n[1]);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", added, removed);

      add_change_row (self, title, subtitle, &n_rows);
    }

  if (n_rows == 0)
    add_change_row (self, _("Nothing has changed since."), NULL, &n_rows);
  else if (n_rows > MAX_CHANGE_ROWS)
    {
      g_autofree char *more = g_strdup_printf (_("And %u more changes: grounded-cli review lists "
                                                 "them all"), n_rows - MAX_CHANGE_ROWS);

      gtk_list_box_append (self->changes_list, grd_action_row_new (more, NULL));
    }
}

/* ---- the theme hierarchy ---------------------------------------------- */

static char *
structure_of (GPtrArray *codes)
{
  GString *structure = g_string_new (NULL);

  for (guint i = 0; i < codes->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (codes, i);

      g_string_append_printf (structure, "%" G_GINT64_FORMAT ":%u,", code->id, code->depth);
    }
  return g_string_free (structure, FALSE);
}

static void
on_quotes_wanted (GrdReviewView *self)
{
  refresh (self);
}

/* A click or Enter on a code's row folds or unfolds it. */
static void
on_code_row_activated (GrdReviewView *self,
                       GtkListBoxRow *row)
{
  if (GRD_IS_REVIEW_CODE_ROW (row))
    grd_review_code_row_set_expanded (GRD_REVIEW_CODE_ROW (row),
                                      !grd_review_code_row_get_expanded (GRD_REVIEW_CODE_ROW (row)));
}

/* Rows again for a tree that changed shape; the codes that were expanded
 * stay so (their quotes were read for them). */
static void
build_rows (GrdReviewView *self,
            GPtrArray     *codes)
{
  g_autoptr(GHashTable) limits = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GrdReviewCodeRow *row = g_ptr_array_index (self->rows, i);
      gint64 id = grd_review_code_row_get_code_id (row);
      guint limit = grd_review_code_row_get_quote_limit (row);

      if (limit > 0)
        g_hash_table_insert (limits, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (limit));
    }

  grd_list_box_clear (self->codes_list);
  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; i < codes->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (codes, i);
      GtkWidget *row = grd_review_code_row_new (project_of (self), code);
      guint limit = GPOINTER_TO_UINT (g_hash_table_lookup (limits, &code->id));

      if (limit > 0)
        grd_review_code_row_restore (GRD_REVIEW_CODE_ROW (row), limit);
      g_signal_connect_swapped (row, "quotes-wanted", G_CALLBACK (on_quotes_wanted), self);
      gtk_list_box_append (self->codes_list, row);
      gtk_list_box_append (self->codes_list,
                           grd_review_code_row_get_content (GRD_REVIEW_CODE_ROW (row)));
      g_ptr_array_add (self->rows, row);
    }
}

/* Under a filter, the codes it finds and the codes above them, so each
 * is seen where it sits. Walks backwards: a code is shown when it matches
 * or a child (seen before it) is shown. */
static guint
filter_rows (GrdReviewView       *self,
             const GrdReviewData *data,
             GrdReviewFilter      filter)
{
  g_autoptr(GArray) shown_below = g_array_new (FALSE, TRUE, sizeof (gboolean));
  guint n_shown = 0;

  for (guint i = data->codes->len; i-- > 0;)
    {
      const GrdCode *code = g_ptr_array_index (data->codes, i);
      gboolean shown;

      if (shown_below->len < code->depth + 2)
        g_array_set_size (shown_below, code->depth + 2);
      shown = filter == GRD_REVIEW_FILTER_ALL ||
              g_array_index (shown_below, gboolean, code->depth + 1) ||
              grd_review_data_code_matches (data, code->id, filter);
      g_array_index (shown_below, gboolean, code->depth + 1) = FALSE;
      if (shown)
        g_array_index (shown_below, gboolean, code->depth) = TRUE;
      grd_review_code_row_set_shown (g_ptr_array_index (self->rows, i), shown);
      n_shown += shown;
    }

  return n_shown;
}

static void
show_hierarchy (GrdReviewView       *self,
                const GrdReviewData *data)
{
  GrdReviewFilter filter = current_filter (self);
  g_autofree char *structure = structure_of (data->codes);
  guint n_shown;

  if (g_strcmp0 (structure, self->structure) != 0)
    {
      build_rows (self, data->codes);
      g_free (self->structure);
      self->structure = g_steal_pointer (&structure);
    }

  for (guint i = 0; i < data->codes->len; i++)
    grd_review_code_row_update (g_ptr_array_index (self->rows, i), data,
                                g_ptr_array_index (data->codes, i), filter);

  n_shown = filter_rows (self, data, filter);
  gtk_widget_set_visible (GTK_WIDGET (self->codes_list), n_shown > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), n_shown == 0);
  if (data->codes->len == 0)
    gtk_label_set_text (self->empty_label, _("No codes yet: code transcripts and group the codes "
                                             "into themes first."));
  else if (filter == GRD_REVIEW_FILTER_NEEDS_WORK)
    gtk_label_set_text (self->empty_label, _("No code or quote needs work."));
  else
    gtk_label_set_text (self->empty_label, _("No code or quote has open comments."));
}

/* ---- reading the project ---------------------------------------------- */

typedef struct {
  GrdReviewFilter  filter;
  GArray          *wants;   /* GrdReviewWant */
} ReviewRequest;

static void
review_request_free (ReviewRequest *request)
{
  g_array_unref (request->wants);
  g_free (request);
}

static gpointer
read_review (GrdProject      *worker,
             gpointer         input,
             GrdJobProgress  *progress,
             GCancellable    *cancellable,
             GError         **error)
{
  ReviewRequest *request = input;

  return grd_review_data_read (worker, request->filter, request->wants, cancellable, error);
}

static void
on_review_read (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GrdReviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdReviewData) data = grd_job_finish (GRD_PROJECT (object), result, &error);

  if (!grd_page_reader_end (self->reader, error))
    return;
  if (data == NULL)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not read the review"), error);
      return;
    }

  show_status (self, data->reviews);
  show_counts (self, data);
  show_changes (self, data);
  show_hierarchy (self, data);
}

static void
refresh (GrdReviewView *self)
{
  GCancellable *reading = grd_page_reader_begin (self->reader);
  ReviewRequest *request;

  if (reading == NULL)
    return;

  request = g_new0 (ReviewRequest, 1);
  request->filter = current_filter (self);
  request->wants = g_array_new (FALSE, FALSE, sizeof (GrdReviewWant));
  for (guint i = 0; i < self->rows->len; i++)
    {
      GrdReviewCodeRow *row = g_ptr_array_index (self->rows, i);
      GrdReviewWant want = { grd_review_code_row_get_code_id (row),
                             grd_review_code_row_get_quote_limit (row) };

      if (want.limit > 0)
        g_array_append_val (request->wants, want);
    }

  grd_job_run_async (project_of (self), read_review, request, (GDestroyNotify) review_request_free,
                     (GDestroyNotify) grd_review_data_free, 0, reading, NULL, NULL, on_review_read,
                     g_object_ref (self));
}

static void
grd_review_view_map (GtkWidget *widget)
{
  GrdReviewView *self = GRD_REVIEW_VIEW (widget);

  GTK_WIDGET_CLASS (grd_review_view_parent_class)->map (widget);
  grd_page_reader_shown (self->reader);
}

static void
grd_review_view_dispose (GObject *object)
{
  GrdReviewView *self = GRD_REVIEW_VIEW (object);

  grd_page_reader_stop (self->reader);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRD_TYPE_REVIEW_VIEW);

  G_OBJECT_CLASS (grd_review_view_parent_class)->dispose (object);
}

static void
grd_review_view_finalize (GObject *object)
{
  GrdReviewView *self = GRD_REVIEW_VIEW (object);

  g_clear_pointer (&self->reader, grd_page_reader_free);
  g_free (self->structure);

  G_OBJECT_CLASS (grd_review_view_parent_class)->finalize (object);
}

static void
grd_review_view_class_init (GrdReviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grd_review_view_dispose;
  object_class->finalize = grd_review_view_finalize;
  widget_class->map = grd_review_view_map;
  widget_class->measure = grd_widget_measure_content;
  widget_class->size_allocate = grd_widget_allocate_content;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/grounded/Grounded/ui/"
                                               "grd-review-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GrdReviewView, scroller);
  gtk_widget_class_bind_template_child (widget_class, GrdReviewView, status_row);
  gtk_widget_class_bind_template_child (widget_class, GrdReviewView, start_button);
  gtk_widget_class_bind_template_child (widget_class, GrdReviewView, done_button);
  gtk_widget_class_bind_template_child (widget_class, GrdReviewView, codes_row);
  gtk_widget_class_bind_template_child (widget_class, GrdReviewView, quotes_row);
  gtk_widget_class_bind_template_child (widget_class, GrdReviewView, threads_row);
  gtk_widget_class_bind_template_child (widget_class, GrdReviewView, changes_group);
  gtk_widget_class_bind_template_child (widget_class, GrdReviewView, changes_list);
  gtk_widget_class_bind_template_child (widget_class, GrdReviewView, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrdReviewView, codes_list);
  gtk_widget_class_bind_template_child (widget_class, GrdReviewView, empty_label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
grd_review_view_init (GrdReviewView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  grd_set_accessible_label (GTK_WIDGET (self), _("Review mode"));
  /* Coders are left out: a coder added changes nothing shown. */
  self->reader = grd_page_reader_new (GTK_WIDGET (self),
                                      GRD_CHANGE_SOURCES | GRD_CHANGE_CASES | GRD_CHANGE_CODES |
                                      GRD_CHANGE_CODINGS | GRD_CHANGE_REVIEW,
                                      (void (*) (GtkWidget *)) refresh);
  self->rows = g_ptr_array_new ();
  g_signal_connect_swapped (self->start_button, "clicked", G_CALLBACK (on_start_clicked), self);
  g_signal_connect_swapped (self->done_button, "clicked", G_CALLBACK (on_done_clicked), self);
  g_signal_connect_swapped (self->filter_dropdown, "notify::selected", G_CALLBACK (refresh), self);
  g_signal_connect_swapped (self->codes_list, "row-activated", G_CALLBACK (on_code_row_activated),
                            self);
}

GtkWidget *
grd_review_view_new (void)
{
  return g_object_new (GRD_TYPE_REVIEW_VIEW, NULL);
}

gboolean
grd_review_view_get_loading (const GrdReviewView *self)
{
  g_return_val_if_fail (GRD_IS_REVIEW_VIEW ((gpointer) self), FALSE);

  return grd_page_reader_get_loading (self->reader);
}

void
grd_review_view_set_project (GrdReviewView *self,
                             GrdProject    *project)
{
  g_return_if_fail (GRD_IS_REVIEW_VIEW (self));

  /* The rows act on the project they were made for. */
  grd_list_box_clear (self->codes_list);
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->structure, g_free);
  grd_page_reader_set_project (self->reader, project);
}
