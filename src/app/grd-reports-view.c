/* grd-reports-view.c: the results tables, previewed and exported
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The theme table as a journal prints it, previewed live: dimensions,
 * themes and sub-themes as headings, each representative quote under its
 * sub-theme with who said it; or the code book, code by code. Export
 * writes the chosen one as Markdown, CSV, HTML, LaTeX, ODT or DOCX. The
 * report is built on a worker while the page is shown, and again after
 * each change; export builds it again on a worker and writes it there.
 * The figures and the matrices are pages of their own beside it
 * (grd-figure-view.c, grd-matrix-view.c).
 */

#define G_LOG_DOMAIN "grd-reports-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "grd-dialogs.h"
#include "grd-figure-view.h"
#include "grd-job.h"
#include "grd-matrix-view.h"
#include "grd-page-reader.h"
#include "grd-reports-view.h"
#include "grd-widget-util.h"

struct _GrdReportsView
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkDropDown    *report_dropdown;
  GtkWidget      *theme_options;
  GtkDropDown    *label_dropdown;
  GtkEntry       *middle_entry;
  GtkDropDown    *format_dropdown;
  GtkWidget      *export_button;
  GtkTextView    *preview;
  GrdFigureView  *figure_view;
  GrdMatrixView  *matrix_view;
  GListModel     *theme_formats;
  GListModel     *codebook_formats;

  GrdPageReader  *reader;
  GArray         *attributes;   /* gint64, after "Case" in the label dropdown */
};

G_DEFINE_FINAL_TYPE (GrdReportsView, grd_reports_view, GTK_TYPE_WIDGET)

static GrdProject *
project_of (GrdReportsView *self)
{
  return grd_page_reader_get_project (self->reader);
}

typedef enum {
  REPORT_THEME_TABLE,
  REPORT_CODEBOOK,
} ReportKind;

typedef struct {
  GrdTableFormat  format;
  const char     *extension;
} Format;

/* In the order of the format lists in the template. */
static const Format theme_formats[] = {
  { GRD_TABLE_FORMAT_MARKDOWN, "md" },
  { GRD_TABLE_FORMAT_CSV, "csv" },
  { GRD_TABLE_FORMAT_HTML, "html" },
  { GRD_TABLE_FORMAT_LATEX, "tex" },
  { GRD_TABLE_FORMAT_ODT, "odt" },
  { GRD_TABLE_FORMAT_DOCX, "docx" },
};

static const Format codebook_formats[] = {
  { GRD_TABLE_FORMAT_MARKDOWN, "md" },
  { GRD_TABLE_FORMAT_HTML, "html" },
  { GRD_TABLE_FORMAT_ODT, "odt" },
  { GRD_TABLE_FORMAT_DOCX, "docx" },
};

/* What a worker reads or writes: the report, its options and, to export,
 * the format and the file. */
typedef struct {
  ReportKind      kind;
  gint64          label_attribute;
  char           *middle_heading;
  GrdTableFormat  format;
  char           *path;
} Request;

static void
request_free (Request *request)
{
  g_free (request->middle_heading);
  g_free (request->path);
  g_free (request);
}

/* One of the two, as read */
typedef struct {
  GrdThemeTable *table;
  GrdCodebook   *codebook;
} Report;

static void
report_free (Report *report)
{
  g_clear_pointer (&report->table, grd_theme_table_free);
  g_clear_pointer (&report->codebook, grd_codebook_free);
  g_free (report);
}

static ReportKind
chosen_report (GrdReportsView *self)
{
  return gtk_drop_down_get_selected (self->report_dropdown) == 1 ? REPORT_CODEBOOK
                                                                 : REPORT_THEME_TABLE;
}

/* ---- the preview ------------------------------------------------------ */

static void
append (GtkTextBuffer *buffer,
        const char    *text,
        const char    *tag)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert_with_tags_by_name (buffer, &end, text, -1, tag, NULL);
}

static void
show_table (GrdReportsView *self,
            GrdThemeTable  *table)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->preview);
  gint64 dimension = -1, middle = -1;

  gtk_text_buffer_set_text (buffer, "", 0);
  if (table->rows->len == 0)
    {
      append (buffer, _("No sub-themes yet. Right-click a code in the code tree and choose Kind ▸ Sub-theme, "
                        "and flag the quotes that represent them with the star."), "note");
      return;
    }

  for (guint i = 0; i < table->rows->len; i++)
    {
      GrdThemeRow *row = g_ptr_array_index (table->rows, i);
      g_autofree char *sub_theme = g_strdup_printf ("%s\n", row->sub_theme);

      /* Dimension and theme where they change, as the printed table spans them. */
      if (row->dimension_id != dimension)
        {
          g_autofree char *heading = g_strdup_printf ("%s\n", row->dimension);

          append (buffer, heading, "dimension");
          dimension = row->dimension_id;
          middle = -1;
        }
      if (row->middle_id != middle && row->middle_id != 0)
        {
          g_autofree char *heading = g_strdup_printf ("%s\n", row->middle);

          append (buffer, heading, "middle");
        }
      middle = row->middle_id;
      append (buffer, sub_theme, "sub-theme");

      if (row->quotes->len == 0)
        append (buffer, _("No representative quote flagged yet\n"), "note");
      for (guint j = 0; j < row->quotes->len; j++)
        {
          GrdThemeQuote *quote = g_ptr_array_index (row->quotes, j);
          g_autofree char *text = g_strdup_printf ("“%s”", quote->text);
          g_autofree char *label = *quote->label != '\0' ? g_strdup_printf (" (%s)\n", quote->label)
                                                         : g_strdup ("\n");

          append (buffer, text, "quote");
          append (buffer, label, "label");
        }
    }
}

/* Code by code: path, kind and counts, definition, example, cases. */
static void
show_codebook (GrdReportsView *self,
               GrdCodebook    *codebook)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->preview);

  gtk_text_buffer_set_text (buffer, "", 0);
  if (codebook->entries->len == 0)
    {
      append (buffer, _("No codes yet."), "note");
      return;
    }

  for (guint i = 0; i < codebook->entries->len; i++)
    {
      GrdCodebookEntry *entry = g_ptr_array_index (codebook->entries, i);
      g_autofree char *path = g_strdup_printf ("%s\n", entry->path);
      g_autofree char *facts = grd_codebook_entry_describe (entry);
      g_autofree char *counts = grd_codebook_entry_cases (codebook, entry);

      append (buffer, path, "code");
      append (buffer, facts, "label");
      append (buffer, "\n", "label");
      if (*entry->description != '\0')
        {
          g_autofree char *description = g_strdup_printf ("%s\n", entry->description);

          append (buffer, description, "definition");
        }
      if (entry->example != NULL)
        {
          g_autofree char *text = g_strdup_printf ("“%s”", entry->example);
          g_autofree char *label = g_strdup_printf (" (%s)\n", entry->example_label);

          append (buffer, text, "quote");
          append (buffer, label, "label");
        }
      append (buffer, counts, "note");
      append (buffer, "\n", "note");
    }
}

/* ---- reading the project ---------------------------------------------- */

static gpointer
read_report (GrdProject      *worker,
             gpointer         input,
             GrdJobProgress  *progress,
             GCancellable    *cancellable,
             GError         **error)
{
  Request *request = input;
  Report *report = g_new0 (Report, 1);

  if (request->kind == REPORT_CODEBOOK)
    report->codebook = grd_report_codebook (worker, cancellable, error);
  else
    report->table = grd_report_theme_table (worker, request->label_attribute, cancellable, error);
  if (report->codebook == NULL && report->table == NULL)
    g_clear_pointer (&report, report_free);
  return report;
}

static void
on_report_read (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GrdReportsView) self = user_data;
  g_autoptr(GError) error = NULL;
  Report *report = grd_job_finish (GRD_PROJECT (object), result, &error);

  if (!grd_page_reader_end (self->reader, error))
    {
      g_clear_pointer (&report, report_free);
      return;
    }
  if (report == NULL)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not build the report"), error);
      return;
    }

  gtk_widget_set_sensitive (self->export_button, TRUE);
  if (report->table != NULL)
    show_table (self, report->table);
  else
    show_codebook (self, report->codebook);
  report_free (report);
}

/* The label dropdown: the case, then each attribute. */
static void
fill_labels (GrdReportsView *self)
{
  g_autoptr(GPtrArray) attributes = grd_project_list_attributes (project_of (self), NULL);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (self->label_dropdown);

  g_array_set_size (self->attributes, 0);
  gtk_string_list_append (labels, _("Case"));
  for (guint i = 0; attributes != NULL && i < attributes->len; i++)
    {
      const GrdAttribute *attribute = g_ptr_array_index (attributes, i);

      gtk_string_list_append (labels, attribute->name);
      g_array_append_val (self->attributes, attribute->id);
    }
  gtk_drop_down_set_model (self->label_dropdown, G_LIST_MODEL (labels));
  if (selected != GTK_INVALID_LIST_POSITION && selected <= self->attributes->len)
    gtk_drop_down_set_selected (self->label_dropdown, selected);
}

static Request *
request_new (GrdReportsView *self)
{
  Request *request = g_new0 (Request, 1);
  guint selected = gtk_drop_down_get_selected (self->label_dropdown);
  const char *middle = gtk_editable_get_text (GTK_EDITABLE (self->middle_entry));

  request->kind = chosen_report (self);
  request->label_attribute = selected > 0 && selected <= self->attributes->len
                             ? g_array_index (self->attributes, gint64, selected - 1) : 0;
  request->middle_heading = *middle != '\0' ? g_strdup (middle) : NULL;
  return request;
}

static void
refresh (GrdReportsView *self)
{
  GCancellable *reading = grd_page_reader_begin (self->reader);

  if (reading == NULL)
    return;

  g_signal_handlers_block_matched (self->label_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  fill_labels (self);
  g_signal_handlers_unblock_matched (self->label_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  grd_job_run_async (project_of (self), read_report, request_new (self),
                     (GDestroyNotify) request_free, (GDestroyNotify) report_free, 0, reading,
                     NULL, NULL, on_report_read, g_object_ref (self));
}

static void
on_report_chosen (GrdReportsView *self)
{
  gboolean theme = chosen_report (self) == REPORT_THEME_TABLE;

  gtk_widget_set_visible (self->theme_options, theme);
  gtk_drop_down_set_model (self->format_dropdown,
                           theme ? self->theme_formats : self->codebook_formats);
  gtk_widget_set_sensitive (self->export_button, FALSE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->preview), "", 0);
  refresh (self);
}

/* ---- export ----------------------------------------------------------- */

static const Format *
chosen_format (GrdReportsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->format_dropdown);

  if (chosen_report (self) == REPORT_CODEBOOK)
    return &codebook_formats[MIN (selected, G_N_ELEMENTS (codebook_formats) - 1)];
  return &theme_formats[MIN (selected, G_N_ELEMENTS (theme_formats) - 1)];
}

/* Built again on the worker, from what the project holds now, and
 * written there: a big code book takes a while as ODT. */
static gpointer
export_report (GrdProject      *worker,
               gpointer         input,
               GrdJobProgress  *progress,
               GCancellable    *cancellable,
               GError         **error)
{
  Request *request = input;
  g_autoptr(GrdThemeTable) table = NULL;
  g_autoptr(GrdCodebook) codebook = NULL;
  gboolean written;

  if (request->kind == REPORT_CODEBOOK)
    written = (codebook = grd_report_codebook (worker, cancellable, error)) != NULL &&
              grd_codebook_write (codebook, request->format, request->path, error);
  else
    written = (table = grd_report_theme_table (worker, request->label_attribute,
                                               cancellable, error)) != NULL &&
              grd_theme_table_write (table, request->format, request->middle_heading,
                                     request->path, error);
  return written ? g_path_get_basename (request->path) : NULL;
}

static void
on_exported (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GrdReportsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = grd_job_finish (GRD_PROJECT (object), result, &error);
  g_autofree char *title = NULL;

  gtk_widget_set_sensitive (self->export_button, TRUE);
  if (base == NULL)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not save the report"), error);
      return;
    }
  title = g_strdup_printf (_("Saved the report as %s"), base);
  grd_show_toast (GTK_WIDGET (self), adw_toast_new (title));
}

static void
on_export_file_chosen (GtkWindow  *parent,
                       GListModel *files,
                       gpointer    user_data)
{
  g_autoptr(GrdReportsView) self = user_data;
  g_autoptr(GFile) file = g_list_model_get_item (files, 0);
  Request *request;

  if (file == NULL || project_of (self) == NULL)
    return;

  request = request_new (self);
  request->format = chosen_format (self)->format;
  request->path = g_file_get_path (file);
  gtk_widget_set_sensitive (self->export_button, FALSE);
  grd_job_run_async (project_of (self), export_report, request, (GDestroyNotify) request_free,
                     g_free, 0, NULL, NULL, NULL, on_exported, g_object_ref (self));
}

static void
on_export_clicked (GrdReportsView *self)
{
  gboolean theme = chosen_report (self) == REPORT_THEME_TABLE;
  g_autofree char *name = NULL;

  /* Translators: the suggested file name; the extension follows */
  name = g_strdup_printf ("%s.%s", theme ? _("Theme table") : _("Code book"),
                          chosen_format (self)->extension);
  grd_choose_file_to_save (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                           theme ? _("Export the Theme Table") : _("Export the Code Book"), name,
                           on_export_file_chosen, g_object_ref (self));
}

/* ---- GObject ---------------------------------------------------------- */

static void
grd_reports_view_map (GtkWidget *widget)
{
  GrdReportsView *self = GRD_REPORTS_VIEW (widget);

  GTK_WIDGET_CLASS (grd_reports_view_parent_class)->map (widget);
  grd_page_reader_shown (self->reader);
}

static void
grd_reports_view_dispose (GObject *object)
{
  GrdReportsView *self = GRD_REPORTS_VIEW (object);

  grd_page_reader_stop (self->reader);
  g_clear_pointer (&self->attributes, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRD_TYPE_REPORTS_VIEW);

  G_OBJECT_CLASS (grd_reports_view_parent_class)->dispose (object);
}

static void
grd_reports_view_finalize (GObject *object)
{
  GrdReportsView *self = GRD_REPORTS_VIEW (object);

  g_clear_pointer (&self->reader, grd_page_reader_free);

  G_OBJECT_CLASS (grd_reports_view_parent_class)->finalize (object);
}

static void
grd_reports_view_class_init (GrdReportsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grd_reports_view_dispose;
  object_class->finalize = grd_reports_view_finalize;
  widget_class->map = grd_reports_view_map;
  widget_class->measure = grd_widget_measure_content;
  widget_class->size_allocate = grd_widget_allocate_content;

  g_type_ensure (GRD_TYPE_MATRIX_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/grounded/Grounded/ui/grd-reports-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, box);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, report_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, theme_options);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, middle_entry);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, export_button);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, preview);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, figure_view);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, matrix_view);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, theme_formats);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, codebook_formats);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
grd_reports_view_init (GrdReportsView *self)
{
  GtkTextBuffer *buffer;

  g_type_ensure (GRD_TYPE_FIGURE_VIEW);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->reader = grd_page_reader_new (GTK_WIDGET (self), GRD_CHANGE_CODES | GRD_CHANGE_CODINGS | GRD_CHANGE_CASES | GRD_CHANGE_SOURCES,
                                      (void (*) (GtkWidget *)) refresh);
  self->attributes = g_array_new (FALSE, FALSE, sizeof (gint64));

  buffer = gtk_text_view_get_buffer (self->preview);
  gtk_text_buffer_create_tag (buffer, "dimension", "weight", PANGO_WEIGHT_BOLD, "scale", 1.4,
                              "pixels-above-lines", 18, "pixels-below-lines", 6, NULL);
  gtk_text_buffer_create_tag (buffer, "middle", "weight", PANGO_WEIGHT_BOLD, "scale", 1.15,
                              "style", PANGO_STYLE_ITALIC, "pixels-above-lines", 12,
                              "left-margin", 36, NULL);
  gtk_text_buffer_create_tag (buffer, "sub-theme", "weight", PANGO_WEIGHT_BOLD,
                              "pixels-above-lines", 10, "left-margin", 48, NULL);
  gtk_text_buffer_create_tag (buffer, "quote", "left-margin", 72, "pixels-above-lines", 4, NULL);
  gtk_text_buffer_create_tag (buffer, "label", "foreground", "#77767b", NULL);
  gtk_text_buffer_create_tag (buffer, "note", "style", PANGO_STYLE_ITALIC, "left-margin", 72,
                              "foreground", "#77767b", NULL);
  gtk_text_buffer_create_tag (buffer, "code", "weight", PANGO_WEIGHT_BOLD,
                              "pixels-above-lines", 14, NULL);
  gtk_text_buffer_create_tag (buffer, "definition", "left-margin", 72, "pixels-above-lines", 4,
                              NULL);

  gtk_widget_set_sensitive (self->export_button, FALSE);
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (on_export_clicked), self);
  g_signal_connect_swapped (self->label_dropdown, "notify::selected", G_CALLBACK (refresh), self);
  g_signal_connect_swapped (self->report_dropdown, "notify::selected",
                            G_CALLBACK (on_report_chosen), self);
}

GtkWidget *
grd_reports_view_new (void)
{
  return g_object_new (GRD_TYPE_REPORTS_VIEW, NULL);
}

gboolean
grd_reports_view_get_loading (const GrdReportsView *self)
{
  g_return_val_if_fail (GRD_IS_REPORTS_VIEW ((gpointer) self), FALSE);

  return grd_page_reader_get_loading (self->reader) ||
         grd_figure_view_get_loading (self->figure_view);
}

void
grd_reports_view_set_project (GrdReportsView *self,
                              GrdProject     *project)
{
  g_return_if_fail (GRD_IS_REPORTS_VIEW (self));

  gtk_widget_set_sensitive (self->export_button, FALSE);

  grd_page_reader_set_project (self->reader, project);
  grd_figure_view_set_project (self->figure_view, project);
  grd_matrix_view_set_project (self->matrix_view, project);
}
