/* grd-figure-view.c: the report figures, previewed and exported
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chosen figure, of the whole code tree or of one top-level code (a
 * dimension on a figure of its own), laid out on a worker while the page
 * is shown, and again after each change, then drawn on a white page at 1.5 times its
 * printed size by grd_figure_draw(), the function the files are drawn
 * with. Export lays the figure out again on a worker and writes it there,
 * so that the preview's figure is only ever used on the main thread.
 */

#define G_LOG_DOMAIN "grd-figure-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "grd-dialogs.h"
#include "grd-figure-view.h"
#include "grd-job.h"
#include "grd-page-reader.h"
#include "grd-widget-util.h"

#define ZOOM        1.5   /* 8.5 pt text at about 13 pixels */
#define PAGE_MARGIN 24
#define PNG_DPI     300.0

struct _GrdFigureView
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkDropDown    *kind_dropdown;
  GtkDropDown    *scope_dropdown;
  GtkStringList  *scopes;        /* "Whole code tree", then the top-level codes */
  GArray         *scope_ids;     /* gint64 per scope: 0, then the codes' ids */
  gboolean        filling_scopes;
  GtkLabel       *size_label;
  GtkDropDown    *format_dropdown;
  GtkWidget      *export_button;
  GtkDrawingArea *canvas;

  GrdPageReader  *reader;
  GrdFigure      *figure;       /* the last one laid out, drawn in the preview */
};

G_DEFINE_FINAL_TYPE (GrdFigureView, grd_figure_view, GTK_TYPE_WIDGET)

typedef struct {
  GrdFigureKind   kind;
  gint64          root_code_id;   /* 0: the whole tree */
  GrdImageFormat  format;         /* export only */
  char           *path;
} FigureInput;

/* A laid out figure, with the codes: their top-level ones are what it
 * could be drawn for. */
typedef struct {
  GrdFigure *figure;
  GPtrArray *codes;
} FigureResult;

static void
figure_result_free (FigureResult *result)
{
  g_clear_pointer (&result->figure, grd_figure_free);
  g_clear_pointer (&result->codes, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FigureResult, figure_result_free)

static void
figure_input_free (FigureInput *input)
{
  g_free (input->path);
  g_free (input);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FigureInput, figure_input_free)

static FigureInput *
chosen_figure (GrdFigureView *self)
{
  FigureInput *input = g_new0 (FigureInput, 1);
  guint scope = gtk_drop_down_get_selected (self->scope_dropdown);

  input->kind = (GrdFigureKind) MIN (gtk_drop_down_get_selected (self->kind_dropdown),
                                     GRD_FIGURE_HEATMAP);
  input->root_code_id = scope < self->scope_ids->len ? g_array_index (self->scope_ids, gint64, scope)
                                                     : 0;
  return input;
}

/* ---- the preview ------------------------------------------------------ */

static void
draw_canvas (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GrdFigureView *self = user_data;
  double figure_width, figure_height, x;

  if (self->figure == NULL)
    return;

  grd_figure_get_size (self->figure, &figure_width, &figure_height);
  /* centred, on white paper whatever the style */
  x = MAX (PAGE_MARGIN, (width - figure_width * ZOOM) / 2);
  cairo_translate (cr, x, PAGE_MARGIN);
  cairo_rectangle (cr, -12, -12, figure_width * ZOOM + 24, figure_height * ZOOM + 24);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
  cairo_scale (cr, ZOOM, ZOOM);
  grd_figure_draw (self->figure, cr);
}

static void
show_figure (GrdFigureView *self)
{
  g_autofree char *size = NULL;
  double width, height;

  grd_figure_get_size (self->figure, &width, &height);
  gtk_drawing_area_set_content_width (self->canvas, (int) (width * ZOOM) + 2 * PAGE_MARGIN);
  gtk_drawing_area_set_content_height (self->canvas, (int) (height * ZOOM) + 2 * PAGE_MARGIN);
  /* Translators: the printed size of the figure */
  size = g_strdup_printf (_("%.1f × %.1f cm"), width / 72 * 2.54, height / 72 * 2.54);
  gtk_label_set_text (self->size_label, size);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

/* ---- reading the project ---------------------------------------------- */

static gpointer
lay_out_figure (GrdProject      *worker,
                gpointer         input,
                GrdJobProgress  *progress,
                GCancellable    *cancellable,
                GError         **error)
{
  FigureInput *chosen = input;
  g_autoptr(FigureResult) result = g_new0 (FigureResult, 1);
  gboolean root_is_top = FALSE;

  if ((result->codes = grd_project_list_codes (worker, error)) == NULL)
    return NULL;

  /* A top-level code deleted (or moved) since it was chosen: the whole tree then. */
  for (guint i = 0; i < result->codes->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (result->codes, i);

      root_is_top |= code->depth == 0 && code->id == chosen->root_code_id;
    }
  if (!root_is_top)
    chosen->root_code_id = 0;
  result->figure = grd_report_figure (worker, chosen->kind, chosen->root_code_id, cancellable,
                                      error);
  return result->figure != NULL ? g_steal_pointer (&result) : NULL;
}

/* The scopes to choose from follow the tree's top-level codes; the chosen
 * one stays chosen while it is there. */
static void
fill_scopes (GrdFigureView *self,
             GPtrArray     *codes)
{
  g_autoptr(GPtrArray) tops = g_ptr_array_new ();
  guint selected = gtk_drop_down_get_selected (self->scope_dropdown);
  gint64 chosen = selected < self->scope_ids->len ? g_array_index (self->scope_ids, gint64, selected)
                                                  : 0;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  gboolean same;
  guint keep = 0;

  for (guint i = 0; i < codes->len; i++)
    if (((GrdCode *) g_ptr_array_index (codes, i))->depth == 0)
      g_ptr_array_add (tops, g_ptr_array_index (codes, i));

  same = tops->len + 1 == self->scope_ids->len;
  for (guint i = 0; i < tops->len && same; i++)
    {
      const GrdCode *code = g_ptr_array_index (tops, i);

      same = code->id == g_array_index (self->scope_ids, gint64, i + 1) &&
             g_strcmp0 (code->name, gtk_string_list_get_string (self->scopes, i + 1)) == 0;
    }
  if (same)
    return;

  g_array_set_size (self->scope_ids, 1);
  for (guint i = 0; i < tops->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (tops, i);

      g_array_append_val (self->scope_ids, code->id);
      g_ptr_array_add (names, code->name);
      if (code->id == chosen)
        keep = i + 1;
    }
  g_ptr_array_add (names, NULL);

  self->filling_scopes = TRUE;
  gtk_string_list_splice (self->scopes, 1, g_list_model_get_n_items (G_LIST_MODEL (self->scopes)) - 1,
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->scope_dropdown, keep);
  self->filling_scopes = FALSE;
}

static void
on_figure_laid_out (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GrdFigureView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FigureResult) laid_out = grd_job_finish (GRD_PROJECT (object), result, &error);

  if (!grd_page_reader_end (self->reader, error))
    return;
  if (laid_out == NULL)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not draw the figure"), error);
      return;
    }

  fill_scopes (self, laid_out->codes);
  g_clear_pointer (&self->figure, grd_figure_free);
  self->figure = g_steal_pointer (&laid_out->figure);
  gtk_widget_set_sensitive (self->export_button, TRUE);
  show_figure (self);
}

static void
refresh (GrdFigureView *self)
{
  GCancellable *reading;

  if (self->filling_scopes)
    return;
  reading = grd_page_reader_begin (self->reader);
  if (reading == NULL)
    return;

  grd_job_run_async (grd_page_reader_get_project (self->reader), lay_out_figure,
                     chosen_figure (self), (GDestroyNotify) figure_input_free,
                     (GDestroyNotify) figure_result_free, 0, reading, NULL, NULL,
                     on_figure_laid_out, g_object_ref (self));
}

/* ---- export ----------------------------------------------------------- */

static gpointer
write_figure (GrdProject      *worker,
              gpointer         data,
              GrdJobProgress  *progress,
              GCancellable    *cancellable,
              GError         **error)
{
  FigureInput *input = data;
  g_autoptr(GrdFigure) figure = grd_report_figure (worker, input->kind, input->root_code_id,
                                                   cancellable, error);

  if (figure == NULL ||
      !grd_figure_write (figure, input->path, input->format, PNG_DPI / 72, error))
    return NULL;
  return g_strdup (input->path);
}

static void
on_figure_written (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GrdFigureView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = grd_job_finish (GRD_PROJECT (object), result, &error);
  g_autofree char *base = NULL;
  g_autofree char *title = NULL;

  gtk_widget_set_sensitive (self->export_button, TRUE);
  if (path == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        grd_show_error (GTK_WIDGET (self), _("Could not save the figure"), error);
      return;
    }
  base = g_filename_display_basename (path);
  title = g_strdup_printf (_("Saved the figure as %s"), base);
  grd_show_toast (GTK_WIDGET (self), adw_toast_new (title));
}

static void
on_export_file_chosen (GtkWindow  *parent,
                       GListModel *files,
                       gpointer    user_data)
{
  g_autoptr(GrdFigureView) self = user_data;
  g_autoptr(GFile) file = g_list_model_get_item (files, 0);
  GrdProject *project = grd_page_reader_get_project (self->reader);
  FigureInput *input;

  if (file == NULL || project == NULL)
    return;

  input = chosen_figure (self);
  input->format = (GrdImageFormat) MIN (gtk_drop_down_get_selected (self->format_dropdown),
                                        GRD_IMAGE_FORMAT_PDF);
  input->path = g_file_get_path (file);
  if (input->path == NULL)
    {
      figure_input_free (input);
      return;
    }

  gtk_widget_set_sensitive (self->export_button, FALSE);
  grd_job_run_async (project, write_figure, input, (GDestroyNotify) figure_input_free, g_free, 0,
                     NULL, NULL, NULL, on_figure_written, g_object_ref (self));
}

static void
on_export_clicked (GrdFigureView *self)
{
  static const char * const names[] = {
    N_("Data structure"), N_("Code frequencies"), N_("Heat map"),
  };
  GrdImageFormat format = (GrdImageFormat) MIN (gtk_drop_down_get_selected (self->format_dropdown),
                                                GRD_IMAGE_FORMAT_PDF);
  g_autoptr(FigureInput) chosen = chosen_figure (self);
  guint scope = gtk_drop_down_get_selected (self->scope_dropdown);
  g_autofree char *name = NULL;

  if (chosen->root_code_id != 0)
    /* Translators: the suggested file name: the figure, the code it is of; the extension follows */
    name = g_strdup_printf (_("%s – %s.%s"), _(names[chosen->kind]),
                            gtk_string_list_get_string (self->scopes, scope),
                            grd_image_format_to_string (format));
  else
    /* Translators: the suggested file name; the extension follows */
    name = g_strdup_printf ("%s.%s", _(names[chosen->kind]), grd_image_format_to_string (format));

  grd_choose_file_to_save (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                           _("Export the Figure"), name, on_export_file_chosen,
                           g_object_ref (self));
}

/* ---- GObject ---------------------------------------------------------- */

static void
grd_figure_view_map (GtkWidget *widget)
{
  GrdFigureView *self = GRD_FIGURE_VIEW (widget);

  GTK_WIDGET_CLASS (grd_figure_view_parent_class)->map (widget);
  grd_page_reader_shown (self->reader);
}

static void
grd_figure_view_dispose (GObject *object)
{
  GrdFigureView *self = GRD_FIGURE_VIEW (object);

  grd_page_reader_stop (self->reader);
  g_clear_pointer (&self->figure, grd_figure_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRD_TYPE_FIGURE_VIEW);

  G_OBJECT_CLASS (grd_figure_view_parent_class)->dispose (object);
}

static void
grd_figure_view_finalize (GObject *object)
{
  GrdFigureView *self = GRD_FIGURE_VIEW (object);

  g_clear_pointer (&self->reader, grd_page_reader_free);
  g_clear_pointer (&self->scope_ids, g_array_unref);

  G_OBJECT_CLASS (grd_figure_view_parent_class)->finalize (object);
}

static void
grd_figure_view_class_init (GrdFigureViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grd_figure_view_dispose;
  object_class->finalize = grd_figure_view_finalize;
  widget_class->map = grd_figure_view_map;
  widget_class->measure = grd_widget_measure_content;
  widget_class->size_allocate = grd_widget_allocate_content;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/grounded/Grounded/ui/grd-figure-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GrdFigureView, box);
  gtk_widget_class_bind_template_child (widget_class, GrdFigureView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrdFigureView, scope_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrdFigureView, scopes);
  gtk_widget_class_bind_template_child (widget_class, GrdFigureView, size_label);
  gtk_widget_class_bind_template_child (widget_class, GrdFigureView, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrdFigureView, export_button);
  gtk_widget_class_bind_template_child (widget_class, GrdFigureView, canvas);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
grd_figure_view_init (GrdFigureView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->reader = grd_page_reader_new (GTK_WIDGET (self),
                                      GRD_CHANGE_CODES | GRD_CHANGE_CODINGS | GRD_CHANGE_CASES |
                                      GRD_CHANGE_SOURCES,
                                      (void (*) (GtkWidget *)) refresh);

  gtk_drawing_area_set_draw_func (self->canvas, draw_canvas, self, NULL);
  gtk_widget_set_sensitive (self->export_button, FALSE);
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (on_export_clicked), self);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (refresh), self);
  self->scope_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_array_set_size (self->scope_ids, 1);
  g_signal_connect_swapped (self->scope_dropdown, "notify::selected", G_CALLBACK (refresh), self);
}

gboolean
grd_figure_view_get_loading (GrdFigureView *self)
{
  g_return_val_if_fail (GRD_IS_FIGURE_VIEW (self), FALSE);

  return grd_page_reader_get_loading (self->reader);
}

void
grd_figure_view_set_project (GrdFigureView *self,
                             GrdProject    *project)
{
  g_return_if_fail (GRD_IS_FIGURE_VIEW (self));

  g_clear_pointer (&self->figure, grd_figure_free);
  gtk_widget_set_sensitive (self->export_button, FALSE);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));

  grd_page_reader_set_project (self->reader, project);
}
