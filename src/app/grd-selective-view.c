/* grd-selective-view.c: integrating around a core category
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Selective coding as a page: the core category and its storyline memo,
 * the integration checks with a way to each code they name, and the
 * saturation evidence as a chart and a table. Like the axial page it reads
 * the project only while shown.
 */

#define G_LOG_DOMAIN "grd-selective-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "grd-code-chooser.h"
#include "grd-dialogs.h"
#include "grd-job.h"
#include "grd-page-reader.h"
#include "grd-memo-editor.h"
#include "grd-selective-view.h"
#include "grd-widget-util.h"

/* A table of a thousand rows helps nobody; the chart shows them all. */
#define MAX_SATURATION_ROWS 100

struct _GrdSelectiveView
{
  GtkWidget        parent_instance;

  GtkWidget       *scroller;
  AdwActionRow    *core_row;
  GtkWidget       *choose_core_button;
  GrdMemoEditor   *storyline_editor;
  GtkListBox      *checks_list;
  GtkDropDown     *order_dropdown;
  GtkDrawingArea  *saturation_chart;
  GtkListBox      *saturation_list;

  GrdPageReader  *reader;
  gint64           core_id;
  GArray          *date_attributes;   /* gint64, after "Import order" in the dropdown */
  GPtrArray       *saturation;        /* GrdSaturationRow, for the chart */
};

G_DEFINE_FINAL_TYPE (GrdSelectiveView, grd_selective_view, GTK_TYPE_WIDGET)

static GrdProject *
project_of (GrdSelectiveView *self)
{
  return grd_page_reader_get_project (self->reader);
}

enum {
  SHOW_CODE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the core category ------------------------------------------------ */

static void
on_core_chosen (GrdCodeChooser   *chooser,
                gint64            code_id,
                GrdSelectiveView *self)
{
  g_autoptr(GError) error = NULL;

  if (!grd_project_set_core_category (project_of (self), code_id, &error))
    grd_show_error (GTK_WIDGET (self), _("Could not mark the core category"), error);
  else
    grd_show_undo_toast (GTK_WIDGET (self), _("Core category marked"));
}

static void
on_choose_core_clicked (GrdSelectiveView *self)
{
  GtkWidget *chooser = grd_code_chooser_new (project_of (self), _("Core Category"), FALSE);

  g_signal_connect_object (chooser, "code-chosen", G_CALLBACK (on_core_chosen), self, 0);
  grd_popover_popup_at (GTK_POPOVER (chooser), GTK_WIDGET (self), self->choose_core_button);
}

static void
show_core (GrdSelectiveView *self,
           GPtrArray        *codes)
{
  const GrdCode *core = NULL;
  g_autofree char *label = NULL;

  for (guint i = 0; i < codes->len && core == NULL; i++)
    if (((GrdCode *) g_ptr_array_index (codes, i))->kind == GRD_CODE_KIND_CORE_CATEGORY)
      core = g_ptr_array_index (codes, i);

  self->core_id = core != NULL ? core->id : 0;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->core_row),
                                 core != NULL ? core->name : _("Not chosen yet"));
  adw_action_row_set_subtitle (self->core_row,
                               core != NULL && core->description[0] != '\0'
                               ? core->description
                               : core != NULL ? _("No definition yet")
                                              : _("Choose the category that the others explain best"));

  if (core != NULL)
    label = g_strdup_printf (_("Storyline of “%s”"), core->name);
  grd_memo_editor_set_target (self->storyline_editor, GRD_MEMO_SCOPE_CODE, self->core_id, label);
}

/* ---- integration checks ----------------------------------------------- */

static void
on_show_clicked (GtkButton        *button,
                 GrdSelectiveView *self)
{
  g_signal_emit (self, signals[SHOW_CODE], 0,
                 (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "grd-code")));
}

static char *
describe_check (const GrdIntegrationCheck *check)
{
  switch (check->kind)
    {
    case GRD_CHECK_NO_CORE_CATEGORY:
      return g_strdup (_("No core category is chosen yet"));
    case GRD_CHECK_UNRELATED_THEME:
      return g_strdup_printf (_("“%s” is neither under the core category nor related to it"),
                              check->code_name);
    case GRD_CHECK_NO_QUOTES:
      return g_strdup_printf (_("“%s” has no quotes"), check->code_name);
    case GRD_CHECK_ONE_CASE:
      return g_strdup_printf (_("“%s” is quoted from one case only (%s)"), check->code_name,
                              check->case_name != NULL ? check->case_name : _("no case"));
    case GRD_CHECK_NO_DEFINITION:
      return g_strdup_printf (_("“%s” has no definition"), check->code_name);
    default:
      return g_strdup (check->code_name);
    }
}

static void
fill_checks (GrdSelectiveView *self,
             GPtrArray        *checks)
{
  grd_list_box_clear (self->checks_list);
  if (checks->len == 0)
    {
      GtkWidget *row = grd_action_row_new (_("Everything hangs together."), NULL);

      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->checks_list, row);
    }

  for (guint i = 0; i < checks->len; i++)
    {
      const GrdIntegrationCheck *check = g_ptr_array_index (checks, i);
      g_autofree char *title = describe_check (check);
      GtkWidget *row = grd_summary_row_new (title, NULL);

      if (check->code_id != 0)
        {
          g_autofree char *accessible = g_strdup_printf (_("Show “%s” in the code tree"),
                                                         check->code_name);
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Show"));

          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          accessible, -1);
          g_object_set_data (G_OBJECT (button), "grd-code", GSIZE_TO_POINTER (check->code_id));
          g_signal_connect (button, "clicked", G_CALLBACK (on_show_clicked), self);
          grd_summary_row_add_suffix (row, button);
        }
      gtk_list_box_append (self->checks_list, row);
    }
}

/* ---- saturation ------------------------------------------------------- */

static void
draw_saturation (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  GrdSelectiveView *self = user_data;
  GtkWidget *widget = GTK_WIDGET (area);
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA fg, codes_color, themes_color;
  double left = 44, bottom = 40, top = 8, right = 8, plot_w, plot_h;
  guint n, max;
  int text_w, text_h;

  n = self->saturation != NULL ? self->saturation->len : 0;
  if (n == 0)
    return;

  max = MAX (((GrdSaturationRow *) g_ptr_array_index (self->saturation, n - 1))->n_codes, 1);
  plot_w = MAX (width - left - right, 1);
  plot_h = MAX (height - top - bottom, 1);

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  gdk_rgba_parse (&codes_color, "#3584e4");
  gdk_rgba_parse (&themes_color, "#e66100");

  /* Axes, faint. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.3);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, left + 0.5, top);
  cairo_line_to (cr, left + 0.5, top + plot_h + 0.5);
  cairo_line_to (cr, left + plot_w, top + plot_h + 0.5);
  cairo_stroke (cr);

  /* New codes per transcript as bars; the totals so far as two lines. */
  for (guint i = 0; i < n; i++)
    {
      const GrdSaturationRow *row = g_ptr_array_index (self->saturation, i);
      double x = left + plot_w * i / n;
      double h = plot_h * row->n_new_codes / max;

      cairo_set_source_rgba (cr, codes_color.red, codes_color.green, codes_color.blue, 0.35);
      cairo_rectangle (cr, x + 1, top + plot_h - h, MAX (plot_w / n - 2, 1), h);
      cairo_fill (cr);
    }
  for (guint line = 0; line < 2; line++)
    {
      const GdkRGBA *color = line == 0 ? &codes_color : &themes_color;

      gdk_cairo_set_source_rgba (cr, color);
      cairo_set_line_width (cr, 2);
      for (guint i = 0; i < n; i++)
        {
          const GrdSaturationRow *row = g_ptr_array_index (self->saturation, i);
          double x = left + plot_w * (i + 0.5) / n;
          double y = top + plot_h - plot_h * (line == 0 ? row->n_codes : row->n_themes) / max;

          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_stroke (cr);
    }

  /* The scale and what the lines are. */
  layout = gtk_widget_create_pango_layout (widget, NULL);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
  {
    g_autofree char *top_label = g_strdup_printf ("%u", max);

    pango_layout_set_text (layout, top_label, -1);
    pango_layout_get_pixel_size (layout, &text_w, &text_h);
    cairo_move_to (cr, left - 6 - text_w, top);
    pango_cairo_show_layout (cr, layout);
    pango_layout_set_text (layout, "0", -1);
    pango_layout_get_pixel_size (layout, &text_w, &text_h);
    cairo_move_to (cr, left - 6 - text_w, top + plot_h - text_h);
    pango_cairo_show_layout (cr, layout);
  }
  {
    /* The transcripts' numbers in the coding order: first, middle, last. */
    guint ticks[3] = { 1, (n + 1) / 2, n };

    for (guint t = 0; t < G_N_ELEMENTS (ticks); t++)
      {
        g_autofree char *number = g_strdup_printf ("%u", ticks[t]);

        if (t > 0 && ticks[t] == ticks[t - 1])
          continue;
        pango_layout_set_text (layout, number, -1);
        pango_layout_get_pixel_size (layout, &text_w, &text_h);
        cairo_move_to (cr, left + plot_w * (ticks[t] - 0.5) / n - text_w / 2.0, top + plot_h + 2);
        pango_cairo_show_layout (cr, layout);
      }
  }
  {
    /* Translators: the chart's legend */
    g_autofree char *legend = g_strdup_printf (_("Transcripts, in order → · codes so far (blue) · themes so far (orange) · bars: new codes"));

    pango_layout_set_text (layout, legend, -1);
    pango_layout_set_width (layout, (int) plot_w * PANGO_SCALE);
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    cairo_move_to (cr, left, top + plot_h + 4 + text_h);
    pango_cairo_show_layout (cr, layout);
  }
}

static void
fill_saturation (GrdSelectiveView *self,
                 GPtrArray        *saturation)
{
  g_clear_pointer (&self->saturation, g_ptr_array_unref);
  self->saturation = g_ptr_array_ref (saturation);
  grd_list_box_clear (self->saturation_list);

  for (guint i = 0; i < saturation->len && i < MAX_SATURATION_ROWS; i++)
    {
      const GrdSaturationRow *row = g_ptr_array_index (saturation, i);
      g_autofree char *title = row->date != NULL
                               ? g_strdup_printf ("%s (%s)", row->source_name, row->date)
                               : g_strdup (row->source_name);
      /* Translators: new codes, new themes, then the totals so far */
      g_autofree char *subtitle = g_strdup_printf (_("New: %u codes, %u themes · so far: %u codes, %u themes"),
                                                   row->n_new_codes, row->n_new_themes,
                                                   row->n_codes, row->n_themes);

      gtk_list_box_append (self->saturation_list, grd_summary_row_new (title, subtitle));
    }
  if (saturation->len > MAX_SATURATION_ROWS)
    {
      g_autofree char *more = g_strdup_printf (_("And %u more transcripts, in the chart above"),
                                               saturation->len - MAX_SATURATION_ROWS);

      gtk_list_box_append (self->saturation_list, grd_action_row_new (more, NULL));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->saturation_chart));
}

/* The dropdown: import order, then each date attribute. */
static void
fill_orders (GrdSelectiveView *self)
{
  g_autoptr(GPtrArray) attributes = grd_project_list_attributes (project_of (self), NULL);
  g_autoptr(GtkStringList) orders = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (self->order_dropdown);

  g_array_set_size (self->date_attributes, 0);
  gtk_string_list_append (orders, _("In import order"));
  for (guint i = 0; attributes != NULL && i < attributes->len; i++)
    {
      const GrdAttribute *attribute = g_ptr_array_index (attributes, i);
      g_autofree char *label = NULL;

      if (attribute->type != GRD_ATTRIBUTE_TYPE_DATE)
        continue;
      /* Translators: %s is a date attribute, such as "Interview date" */
      label = g_strdup_printf (_("By %s"), attribute->name);
      gtk_string_list_append (orders, label);
      g_array_append_val (self->date_attributes, attribute->id);
    }
  gtk_drop_down_set_model (self->order_dropdown, G_LIST_MODEL (orders));
  if (selected != GTK_INVALID_LIST_POSITION && selected <= self->date_attributes->len)
    gtk_drop_down_set_selected (self->order_dropdown, selected);
}

/* ---- reading the project ---------------------------------------------- */

/* The checks and the saturation read every coding: on a worker. input
 * is the date attribute to order transcripts by (a gint64, 0: none). */
typedef struct {
  GPtrArray *codes;
  GPtrArray *checks;
  GPtrArray *saturation;
} SelectiveData;

static void
selective_data_free (SelectiveData *data)
{
  g_clear_pointer (&data->codes, g_ptr_array_unref);
  g_clear_pointer (&data->checks, g_ptr_array_unref);
  g_clear_pointer (&data->saturation, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SelectiveData, selective_data_free)

static gpointer
read_selective (GrdProject      *worker,
                gpointer         input,
                GrdJobProgress  *progress,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(SelectiveData) data = g_new0 (SelectiveData, 1);
  gint64 date_attribute = *(gint64 *) input;

  if ((data->codes = grd_project_list_codes (worker, error)) == NULL ||
      (data->checks = grd_selective_checks (worker, cancellable, error)) == NULL ||
      (data->saturation = grd_selective_saturation (worker, date_attribute, cancellable,
                                                    error)) == NULL)
    return NULL;

  return g_steal_pointer (&data);
}

static void
on_selective_read (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GrdSelectiveView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SelectiveData) data = grd_job_finish (GRD_PROJECT (object), result, &error);

  if (!grd_page_reader_end (self->reader, error))
    return;
  if (data == NULL)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not read the codes"), error);
      return;
    }

  show_core (self, data->codes);
  fill_checks (self, data->checks);
  fill_saturation (self, data->saturation);
}

static void
refresh (GrdSelectiveView *self)
{
  GCancellable *reading = grd_page_reader_begin (self->reader);
  guint selected;
  gint64 attribute;

  if (reading == NULL)
    return;

  g_signal_handlers_block_matched (self->order_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  fill_orders (self);
  g_signal_handlers_unblock_matched (self->order_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  selected = gtk_drop_down_get_selected (self->order_dropdown);
  attribute = selected > 0 && selected <= self->date_attributes->len
              ? g_array_index (self->date_attributes, gint64, selected - 1) : 0;

  grd_job_run_async (project_of (self), read_selective, g_memdup2 (&attribute, sizeof attribute), g_free,
                     (GDestroyNotify) selective_data_free, 0, reading, NULL, NULL,
                     on_selective_read, g_object_ref (self));
}

static void
on_order_changed (GrdSelectiveView *self)
{
  refresh (self);
}

static void
grd_selective_view_map (GtkWidget *widget)
{
  GrdSelectiveView *self = GRD_SELECTIVE_VIEW (widget);

  GTK_WIDGET_CLASS (grd_selective_view_parent_class)->map (widget);
  grd_page_reader_shown (self->reader);
}

static void
grd_selective_view_dispose (GObject *object)
{
  GrdSelectiveView *self = GRD_SELECTIVE_VIEW (object);

  grd_page_reader_stop (self->reader);
  g_clear_pointer (&self->saturation, g_ptr_array_unref);
  g_clear_pointer (&self->date_attributes, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRD_TYPE_SELECTIVE_VIEW);

  G_OBJECT_CLASS (grd_selective_view_parent_class)->dispose (object);
}

static void
grd_selective_view_finalize (GObject *object)
{
  GrdSelectiveView *self = GRD_SELECTIVE_VIEW (object);

  g_clear_pointer (&self->reader, grd_page_reader_free);

  G_OBJECT_CLASS (grd_selective_view_parent_class)->finalize (object);
}

static void
grd_selective_view_class_init (GrdSelectiveViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grd_selective_view_dispose;
  object_class->finalize = grd_selective_view_finalize;
  widget_class->map = grd_selective_view_map;
  widget_class->measure = grd_widget_measure_content;
  widget_class->size_allocate = grd_widget_allocate_content;

  signals[SHOW_CODE] = g_signal_new ("show-code", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (GRD_TYPE_MEMO_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/grounded/Grounded/ui/grd-selective-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GrdSelectiveView, scroller);
  gtk_widget_class_bind_template_child (widget_class, GrdSelectiveView, core_row);
  gtk_widget_class_bind_template_child (widget_class, GrdSelectiveView, choose_core_button);
  gtk_widget_class_bind_template_child (widget_class, GrdSelectiveView, storyline_editor);
  gtk_widget_class_bind_template_child (widget_class, GrdSelectiveView, checks_list);
  gtk_widget_class_bind_template_child (widget_class, GrdSelectiveView, order_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrdSelectiveView, saturation_chart);
  gtk_widget_class_bind_template_child (widget_class, GrdSelectiveView, saturation_list);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
grd_selective_view_init (GrdSelectiveView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->reader = grd_page_reader_new (GTK_WIDGET (self), GRD_CHANGE_ALL & ~(GRD_CHANGE_MEMOS | GRD_CHANGE_HISTORY | GRD_CHANGE_CODERS),
                                      (void (*) (GtkWidget *)) refresh);
  self->date_attributes = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_drawing_area_set_draw_func (self->saturation_chart, draw_saturation, self, NULL);
  grd_memo_editor_set_hint (self->storyline_editor,
                            _("Choose the core category above (Choose…) to write its "
                              "storyline."));
  g_signal_connect_swapped (self->choose_core_button, "clicked", G_CALLBACK (on_choose_core_clicked),
                            self);
  g_signal_connect_swapped (self->order_dropdown, "notify::selected", G_CALLBACK (on_order_changed),
                            self);
}

GtkWidget *
grd_selective_view_new (void)
{
  return g_object_new (GRD_TYPE_SELECTIVE_VIEW, NULL);
}

gboolean
grd_selective_view_get_loading (const GrdSelectiveView *self)
{
  g_return_val_if_fail (GRD_IS_SELECTIVE_VIEW ((gpointer) self), FALSE);

  return grd_page_reader_get_loading (self->reader);
}

void
grd_selective_view_set_project (GrdSelectiveView *self,
                                GrdProject       *project)
{
  g_return_if_fail (GRD_IS_SELECTIVE_VIEW (self));

  grd_memo_editor_set_project (self->storyline_editor, project);

  grd_page_reader_set_project (self->reader, project);
}
