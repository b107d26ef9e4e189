/* grd-reports-view.c: the results tables, previewed and exported
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The theme table as a journal prints it, previewed live: dimensions,
 * themes and sub-themes as headings, each representative quote under its
 * sub-theme with who said it; the code book, code by code; or one
 * transcript with its codings highlighted, numbered and named. Export
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
#include "grd-window.h"

struct _GrdReportsView
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkDropDown    *report_dropdown;
  GtkWidget      *theme_options;
  GtkDropDown    *label_dropdown;
  GtkEntry       *middle_entry;
  GtkWidget      *transcript_options;
  GtkDropDown    *source_dropdown;
  GtkDropDown    *format_dropdown;
  GtkWidget      *export_button;
  GtkTextView    *preview;
  GrdFigureView  *figure_view;
  GrdMatrixView  *matrix_view;
  GListModel     *theme_formats;
  GListModel     *codebook_formats;
  GListModel     *transcript_formats;

  GrdPageReader  *reader;
  GArray         *attributes;   /* gint64, after "Case" in the label dropdown */
  GArray         *sources;      /* gint64, as in the source dropdown */
};

G_DEFINE_FINAL_TYPE (GrdReportsView, grd_reports_view, GTK_TYPE_WIDGET)

static GrdProject *
project_of (GrdReportsView *self)
{
  return grd_page_reader_get_project (self->reader);
}

/* In the order of the report dropdown. */
typedef enum {
  REPORT_THEME_TABLE,
  REPORT_CODEBOOK,
  REPORT_TRANSCRIPT,
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

static const Format transcript_formats[] = {
  { GRD_TABLE_FORMAT_HTML, "html" },
  { GRD_TABLE_FORMAT_ODT, "odt" },
  { GRD_TABLE_FORMAT_DOCX, "docx" },
};

/* What a worker reads or writes: the report, its options and, to export,
 * the format and the file. */
typedef struct {
  ReportKind      kind;
  gint64          source_id;      /* the coded transcript's; 0 when there is none */
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

/* One of the three as read; none for a project without transcripts */
typedef struct {
  GrdThemeTable      *table;
  GrdCodebook        *codebook;
  GrdCodedTranscript *transcript;
} Report;

static void
report_free (Report *report)
{
  g_clear_pointer (&report->table, grd_theme_table_free);
  g_clear_pointer (&report->codebook, grd_codebook_free);
  g_clear_pointer (&report->transcript, grd_coded_transcript_free);
  g_free (report);
}

static ReportKind
chosen_report (GrdReportsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->report_dropdown);

  return selected <= REPORT_TRANSCRIPT ? (ReportKind) selected : REPORT_THEME_TABLE;
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

/* A tag per colour, made when first needed: highlights and the marks. */
static const char *
color_tag (GtkTextBuffer *buffer,
           const char    *color,
           gboolean       mark)
{
  g_autofree char *shade = mark ? grd_coded_transcript_ink (color)
                                : grd_coded_transcript_tint (color);
  g_autofree char *name = g_strconcat (mark ? "mark" : "highlight", shade, NULL);
  GtkTextTagTable *tags = gtk_text_buffer_get_tag_table (buffer);

  if (gtk_text_tag_table_lookup (tags, name) == NULL)
    {
      if (mark)
        gtk_text_buffer_create_tag (buffer, name, "foreground", shade, "weight",
                                    PANGO_WEIGHT_BOLD, "scale", PANGO_SCALE_X_SMALL,
                                    "rise", 4 * PANGO_SCALE, NULL);
      else
        gtk_text_buffer_create_tag (buffer, name, "background", shade, NULL);
    }
  /* names live as long as the table */
  return g_intern_string (name);
}

static void
append_marks (GtkTextBuffer      *buffer,
              GrdCodedTranscript *transcript,
              GArray             *indexes,
              gboolean            start)
{
  for (guint i = 0; i < indexes->len; i++)
    {
      GrdTranscriptCoding *coding = g_ptr_array_index (transcript->codings,
                                                       g_array_index (indexes, guint, i));
      g_autofree char *mark = grd_coded_transcript_mark (coding, start);

      append (buffer, mark, color_tag (buffer, coding->color, TRUE));
    }
}

/* Paragraph by paragraph: the codes that start in it above, in small
 * type, then its text on the innermost coding's colour, with the marks. */
static void
show_transcript (GrdReportsView     *self,
                 GrdCodedTranscript *transcript)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->preview);

  gtk_text_buffer_set_text (buffer, "", 0);
  for (guint p = 0; p < transcript->paragraphs->len; p++)
    {
      GrdTranscriptParagraph *paragraph = g_ptr_array_index (transcript->paragraphs, p);

      for (guint i = 0; i < paragraph->margin->len; i++)
        {
          GrdTranscriptCoding *coding = g_ptr_array_index (transcript->codings,
                                                           g_array_index (paragraph->margin,
                                                                          guint, i));
          g_autofree char *number = g_strdup_printf ("%s%u ", i > 0 ? "   " : "",
                                                     coding->number);

          append (buffer, number, color_tag (buffer, coding->color, TRUE));
          append (buffer, coding->code_name, "margin");
        }
      if (paragraph->margin->len > 0)
        append (buffer, "\n", "margin");
      for (guint s = 0; s < paragraph->spans->len; s++)
        {
          GrdTranscriptSpan *span = g_ptr_array_index (paragraph->spans, s);
          GtkTextIter end;

          append_marks (buffer, transcript, span->starts, TRUE);
          gtk_text_buffer_get_end_iter (buffer, &end);
          gtk_text_buffer_insert_with_tags_by_name (
            buffer, &end, span->text, -1, "paragraph", span->speaker ? "speaker" : NULL,
            NULL);
          if (span->codings->len > 0)
            {
              GtkTextIter start = end;
              GrdTranscriptCoding *inner = g_ptr_array_index (
                transcript->codings,
                g_array_index (span->codings, guint, span->codings->len - 1));

              gtk_text_iter_backward_chars (&start, g_utf8_strlen (span->text, -1));
              gtk_text_buffer_apply_tag_by_name (buffer, color_tag (buffer, inner->color, FALSE),
                                                 &start, &end);
            }
          append_marks (buffer, transcript, span->ends, FALSE);
        }
      append (buffer, "\n", "paragraph");
    }
  if (transcript->paragraphs->len == 0)
    append (buffer, _("This transcript has no text."), "note");
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

  if (request->kind == REPORT_TRANSCRIPT && request->source_id == 0)
    return report;
  if (request->kind == REPORT_TRANSCRIPT)
    report->transcript = grd_report_coded_transcript (worker, request->source_id, cancellable,
                                                      error);
  else if (request->kind == REPORT_CODEBOOK)
    report->codebook = grd_report_codebook (worker, cancellable, error);
  else
    report->table = grd_report_theme_table (worker, request->label_attribute, cancellable, error);
  if (report->codebook == NULL && report->table == NULL && report->transcript == NULL)
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

  gtk_widget_set_sensitive (self->export_button, report->table != NULL ||
                                                 report->codebook != NULL ||
                                                 report->transcript != NULL);
  if (report->table != NULL)
    show_table (self, report->table);
  else if (report->codebook != NULL)
    show_codebook (self, report->codebook);
  else if (report->transcript != NULL)
    show_transcript (self, report->transcript);
  else
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->preview), "", 0);
      append (gtk_text_view_get_buffer (self->preview), _("No transcripts yet."), "note");
    }
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

/* The source dropdown: every transcript, by name, the choice kept. */
static void
fill_sources (GrdReportsView *self)
{
  g_autoptr(GPtrArray) sources = grd_project_list_sources (project_of (self), NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = gtk_drop_down_get_selected (self->source_dropdown);
  gint64 chosen = selected < self->sources->len ? g_array_index (self->sources, gint64, selected)
                                                : 0;

  g_array_set_size (self->sources, 0);
  selected = 0;
  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      const GrdSource *source = g_ptr_array_index (sources, i);

      gtk_string_list_append (names, source->name);
      g_array_append_val (self->sources, source->id);
      if (source->id == chosen)
        selected = i;
    }
  gtk_drop_down_set_model (self->source_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->source_dropdown, selected);
}

static Request *
request_new (GrdReportsView *self)
{
  Request *request = g_new0 (Request, 1);
  guint selected = gtk_drop_down_get_selected (self->label_dropdown);
  guint source = gtk_drop_down_get_selected (self->source_dropdown);
  const char *middle = gtk_editable_get_text (GTK_EDITABLE (self->middle_entry));

  request->kind = chosen_report (self);
  request->label_attribute = selected > 0 && selected <= self->attributes->len
                             ? g_array_index (self->attributes, gint64, selected - 1) : 0;
  request->middle_heading = *middle != '\0' ? g_strdup (middle) : NULL;
  request->source_id = source < self->sources->len ? g_array_index (self->sources, gint64, source)
                                                   : 0;
  return request;
}

static void
read_chosen (GrdReportsView *self,
             GCancellable   *reading)
{
  grd_job_run_async (project_of (self), read_report, request_new (self),
                     (GDestroyNotify) request_free, (GDestroyNotify) report_free, 0, reading,
                     NULL, NULL, on_report_read, g_object_ref (self));
}

/* After a change: the lists to choose from again, then the report. */
static void
refresh (GrdReportsView *self)
{
  GCancellable *reading = grd_page_reader_begin (self->reader);

  if (reading == NULL)
    return;

  g_signal_handlers_block_matched (self->label_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  fill_labels (self);
  g_signal_handlers_unblock_matched (self->label_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  g_signal_handlers_block_matched (self->source_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                   self);
  fill_sources (self);
  g_signal_handlers_unblock_matched (self->source_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                     self);
  read_chosen (self, reading);
}

/* A label or transcript chosen: the lists stay, as a new model under a
 * dropdown still handling its choice frees what it is working with. */
static void
on_choice_changed (GrdReportsView *self)
{
  GCancellable *reading = grd_page_reader_begin (self->reader);

  if (reading != NULL)
    read_chosen (self, reading);
}

static void
on_report_chosen (GrdReportsView *self)
{
  ReportKind kind = chosen_report (self);

  gtk_widget_set_visible (self->theme_options, kind == REPORT_THEME_TABLE);
  gtk_widget_set_visible (self->transcript_options, kind == REPORT_TRANSCRIPT);
  gtk_drop_down_set_model (self->format_dropdown,
                           kind == REPORT_THEME_TABLE ? self->theme_formats
                           : kind == REPORT_CODEBOOK ? self->codebook_formats
                                                     : self->transcript_formats);
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
  if (chosen_report (self) == REPORT_TRANSCRIPT)
    return &transcript_formats[MIN (selected, G_N_ELEMENTS (transcript_formats) - 1)];
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
  g_autoptr(GrdCodedTranscript) transcript = NULL;
  gboolean written;

  g_autofree char *base = g_path_get_basename (request->path);
  g_autofree char *writing = g_strdup_printf (_("Writing %s…"), base);

  if (request->kind == REPORT_TRANSCRIPT)
    transcript = grd_report_coded_transcript (worker, request->source_id, cancellable, error);
  else if (request->kind == REPORT_CODEBOOK)
    codebook = grd_report_codebook (worker, cancellable, error);
  else
    table = grd_report_theme_table (worker, request->label_attribute, cancellable, error);
  /* Cancel reaches the file only before it is begun: a half-written one
   * would never be renamed into place anyway. */
  if ((transcript == NULL && codebook == NULL && table == NULL) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  grd_job_progress_report (progress, 0.5, writing);
  if (transcript != NULL)
    written = grd_coded_transcript_write (transcript, request->format, request->path, error);
  else if (codebook != NULL)
    written = grd_codebook_write (codebook, request->format, request->path, error);
  else
    written = grd_theme_table_write (table, request->format, request->middle_heading,
                                     request->path, error);
  return written ? g_steal_pointer (&base) : NULL;
}

/* The window has said why when there is no file. */
static void
on_exported (gpointer result,
             gpointer user_data)
{
  GrdReportsView *self = user_data;
  g_autofree char *base = result;
  g_autofree char *title = NULL;

  gtk_widget_set_sensitive (self->export_button, TRUE);
  if (base == NULL)
    return;
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
  /* the window's progress bar and Cancel, as for its own exports */
  if (!grd_window_run_job (GRD_WINDOW (parent), _("Building the report…"),
                           _("Could not save the report"), export_report, request,
                           (GDestroyNotify) request_free, g_free, on_exported,
                           g_object_ref (self), g_object_unref))
    gtk_widget_set_sensitive (self->export_button, TRUE);
}

static void
on_export_clicked (GrdReportsView *self)
{
  ReportKind kind = chosen_report (self);
  GtkStringObject *source = gtk_drop_down_get_selected_item (self->source_dropdown);
  g_autofree char *base = NULL, *name = NULL;

  if (kind == REPORT_TRANSCRIPT)
    /* Translators: the suggested file name of a coded transcript, e.g. “Interview 1 coded” */
    base = g_strdup_printf (_("%s coded"), source != NULL ? gtk_string_object_get_string (source)
                                                          : "");
  else
    base = g_strdup (kind == REPORT_THEME_TABLE ? _("Theme table") : _("Code book"));
  /* Translators: the suggested file name; the extension follows */
  name = g_strdup_printf ("%s.%s", base, chosen_format (self)->extension);
  grd_choose_file_to_save (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                           kind == REPORT_THEME_TABLE ? _("Export the Theme Table")
                           : kind == REPORT_CODEBOOK ? _("Export the Code Book")
                                                     : _("Export the Coded Transcript"),
                           name, on_export_file_chosen, g_object_ref (self));
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
  g_clear_pointer (&self->sources, g_array_unref);
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
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, transcript_options);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, export_button);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, preview);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, figure_view);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, matrix_view);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, theme_formats);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, codebook_formats);
  gtk_widget_class_bind_template_child (widget_class, GrdReportsView, transcript_formats);
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
  self->sources = g_array_new (FALSE, FALSE, sizeof (gint64));

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
  gtk_text_buffer_create_tag (buffer, "margin", "foreground", "#77767b", "scale",
                              PANGO_SCALE_SMALL, "pixels-above-lines", 10, NULL);
  gtk_text_buffer_create_tag (buffer, "paragraph", "pixels-below-lines", 8, NULL);
  gtk_text_buffer_create_tag (buffer, "speaker", "weight", PANGO_WEIGHT_BOLD, NULL);

  gtk_widget_set_sensitive (self->export_button, FALSE);
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (on_export_clicked), self);
  g_signal_connect_swapped (self->label_dropdown, "notify::selected",
                            G_CALLBACK (on_choice_changed), self);
  g_signal_connect_swapped (self->source_dropdown, "notify::selected",
                            G_CALLBACK (on_choice_changed), self);
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
