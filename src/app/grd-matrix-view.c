/* grd-matrix-view.c: the matrices of the Reports page, shown and exported
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Codes by cases, by the values of an attribute, by codes (co-occurrence),
 * or the quotes of one code: whichever grd_report_matrix() builds, on a
 * worker while the page is shown, with a progress bar and Cancel. The
 * sheet is shown in a column view, codes as rows under a header that
 * stays in view, and exported as CSV or XLSX on a worker too.
 */

#define G_LOG_DOMAIN "grd-matrix-view"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "grd-dialogs.h"
#include "grd-job.h"
#include "grd-matrix-view.h"
#include "grd-page-reader.h"
#include "grd-widget-util.h"

/* A column view makes every column's cell for each row it shows, with no
 * virtualisation across columns: a thousand cases would make the page
 * crawl. The export always has them all. */
#define MAX_SHOWN_COLUMNS 150
#define PULSE_MS          120
#define CODE_INDENT       18
#define CODE_WIDTH        320
#define NUMBER_WIDTH      110
#define TEXT_WIDTH        160
#define QUOTE_WIDTH       520

struct _GrdMatrixView
{
  GtkWidget        parent_instance;

  GtkWidget       *box;
  GtkDropDown     *kind_dropdown;
  GtkDropDown     *attribute_dropdown;
  GtkDropDown     *code_dropdown;
  GtkCheckButton  *presence_check;
  GtkCheckButton  *sub_codes_check;
  GtkDropDown     *format_dropdown;
  GtkWidget       *export_button;
  GtkRevealer     *progress_revealer;
  GtkLabel        *progress_label;
  GtkProgressBar  *progress_bar;
  GtkWidget       *cancel_button;
  GtkLabel        *note_label;
  GtkColumnView   *column_view;

  GrdPageReader   *reader;
  GCancellable    *building;     /* the reader's, while a matrix is built */
  GArray          *attributes;   /* gint64, parallel to the attribute dropdown */
  GArray          *codes;        /* gint64, parallel to the code dropdown */
  GrdSheet        *sheet;        /* the one shown, for export */
  GrdMatrixKind    sheet_kind;
  guint            pulse_id;
};

G_DEFINE_FINAL_TYPE (GrdMatrixView, grd_matrix_view, GTK_TYPE_WIDGET)

typedef struct {
  GrdMatrixKind  kind;
  gint64         id;
  GrdMatrixFlags flags;
} MatrixRequest;

typedef struct {
  GrdSheet       *sheet;
  char           *path;
  GrdSheetFormat  format;
} ExportRequest;

static GrdProject *
project_of (GrdMatrixView *self)
{
  return grd_page_reader_get_project (self->reader);
}

static GrdMatrixKind
chosen_kind (GrdMatrixView *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  return selected <= GRD_MATRIX_QUOTES ? (GrdMatrixKind) selected : GRD_MATRIX_CODES_BY_CASES;
}

/* The id behind a dropdown's choice, 0 without one. */
static gint64
chosen_id (GtkDropDown *dropdown,
           GArray      *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

/* ---- progress ---------------------------------------------------------- */

static gboolean
pulse (gpointer user_data)
{
  GrdMatrixView *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

/* Shows the bar with text, or hides it with NULL. The work is one query
 * and cannot tell how far it got, so the bar pulses. */
static void
show_progress (GrdMatrixView *self,
               const char    *text,
               gboolean       can_cancel)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->progress_revealer, text != NULL);
  if (text == NULL)
    return;
  gtk_label_set_text (self->progress_label, text);
  gtk_widget_set_visible (self->cancel_button, can_cancel);
  self->pulse_id = g_timeout_add (PULSE_MS, pulse, self);
}

static void
show_note (GrdMatrixView *self,
           const char    *note)
{
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
  gtk_label_set_text (self->note_label, note != NULL ? note : "");
}

/* ---- the table --------------------------------------------------------- */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            GrdMatrixView            *self)
{
  gboolean is_number = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "is-number"));
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), is_number ? 1.0f : 0.0f);
  if (is_number)
    gtk_widget_add_css_class (label, "numeric");
  else
    /* a quote's code path keeps the code's own name in view */
    gtk_label_set_ellipsize (GTK_LABEL (label),
                             column == 0 && self->sheet != NULL &&
                             self->sheet->code_names->len == 0 ? PANGO_ELLIPSIZE_START
                                                               : PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           GrdMatrixView            *self)
{
  gboolean is_number = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "is-number"));
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  guint position = gtk_list_item_get_position (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text;

  if (self->sheet == NULL || position >= self->sheet->rows->len)
    return;
  text = ((char **) g_ptr_array_index (self->sheet->rows, position))[column];
  gtk_label_set_text (GTK_LABEL (label), text);
  /* Codes as the tree shows them: indented under their parents, named
   * alone, the top level in bold; the whole path in the tooltip. */
  if (column == 0 && position < self->sheet->code_names->len)
    {
      guint depth = g_array_index (self->sheet->code_depths, guint, position);

      gtk_label_set_text (GTK_LABEL (label), g_ptr_array_index (self->sheet->code_names, position));
      gtk_widget_set_margin_start (label, CODE_INDENT * (int) depth);
      if (depth == 0)
        gtk_widget_add_css_class (label, "heading");
      else
        gtk_widget_remove_css_class (label, "heading");
    }
  if (is_number)
    {
      /* the counts that are there stand out from the zeros */
      if (g_str_equal (text, "0"))
        gtk_widget_add_css_class (label, "dim-label");
      else
        gtk_widget_remove_css_class (label, "dim-label");
    }
  else
    gtk_widget_set_tooltip_text (label, text);
}

/* A co-occurrence column is a code: its own name fits where its path
 * would be cut off. */
static const char *
column_title (GrdMatrixView *self,
              guint          column)
{
  const char *heading = g_ptr_array_index (self->sheet->headings, column);
  const char *slash = strrchr (heading, '/');

  if (self->sheet_kind == GRD_MATRIX_COOCCURRENCE && column > 0 && slash != NULL)
    return slash + 1;
  return heading;
}

static void
clear_columns (GrdMatrixView *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->column_view, column);
    }
  gtk_column_view_set_model (self->column_view, NULL);
}

static void
show_sheet (GrdMatrixView *self)
{
  g_autoptr(GtkStringList) rows = gtk_string_list_new (NULL);
  g_autoptr(GtkNoSelection) selection = NULL;
  guint n_shown = MIN (self->sheet->headings->len, MAX_SHOWN_COLUMNS);

  clear_columns (self);
  for (guint c = 0; c < n_shown; c++)
    {
      gboolean is_number = g_array_index (self->sheet->is_number, gboolean, c);
      gboolean is_text = (gint) c == self->sheet->text_column;
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (c));
      g_object_set_data (G_OBJECT (factory), "is-number", GINT_TO_POINTER (is_number));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
      column = gtk_column_view_column_new (column_title (self, c), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, is_text ? QUOTE_WIDTH
                                                      : c == 0 ? CODE_WIDTH
                                                      : is_number ? NUMBER_WIDTH : TEXT_WIDTH);
      gtk_column_view_append_column (self->column_view, column);
    }

  for (guint r = 0; r < self->sheet->rows->len; r++)
    gtk_string_list_append (rows, ((char **) g_ptr_array_index (self->sheet->rows, r))[0]);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  if (self->sheet->rows->len == 0)
    show_note (self, self->sheet_kind == GRD_MATRIX_QUOTES ? _("This code has no quotes yet.")
                                                           : _("There are no codes yet."));
  else if (n_shown < self->sheet->headings->len)
    {
      g_autofree char *note = g_strdup_printf (_("Showing the first %u of %u columns; "
                                                 "the export has them all."),
                                               n_shown, self->sheet->headings->len);

      show_note (self, note);
    }
  else
    show_note (self, NULL);
}

/* ---- reading the project ----------------------------------------------- */

static gpointer
build_matrix (GrdProject      *worker,
              gpointer         input,
              GrdJobProgress  *progress,
              GCancellable    *cancellable,
              GError         **error)
{
  MatrixRequest *request = input;

  return grd_report_matrix (worker, request->kind, request->id, request->flags, cancellable,
                            error);
}

static void
on_matrix_built (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GrdMatrixView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdSheet) sheet = grd_job_finish (GRD_PROJECT (object), result, &error);

  /* cancelled: by Cancel, which has said so, or by a newer build */
  if (!grd_page_reader_end (self->reader, error))
    return;
  g_clear_object (&self->building);
  show_progress (self, NULL, FALSE);
  if (sheet == NULL)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not build the matrix"), error);
      return;
    }

  g_clear_pointer (&self->sheet, grd_sheet_unref);
  self->sheet = g_steal_pointer (&sheet);
  self->sheet_kind = chosen_kind (self);
  gtk_widget_set_sensitive (self->export_button, TRUE);
  show_sheet (self);
}

/* Fills a dropdown with names, keeping the id chosen before if it is
 * still there. */
static void
fill_dropdown (GtkDropDown  *dropdown,
               GArray       *ids,
               GPtrArray    *names,
               GArray       *new_ids)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  gint64 before = chosen_id (dropdown, ids);
  guint selected = 0;

  for (guint i = 0; i < names->len; i++)
    {
      gtk_string_list_append (model, g_ptr_array_index (names, i));
      if (g_array_index (new_ids, gint64, i) == before)
        selected = i;
    }
  g_array_set_size (ids, 0);
  g_array_append_vals (ids, new_ids->data, new_ids->len);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (dropdown, selected);
}

static void
fill_choices (GrdMatrixView *self)
{
  g_autoptr(GPtrArray) attributes = grd_project_list_attributes (project_of (self), NULL);
  g_autoptr(GPtrArray) codes = grd_project_list_codes (project_of (self), NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; attributes != NULL && i < attributes->len; i++)
    {
      const GrdAttribute *attribute = g_ptr_array_index (attributes, i);

      g_ptr_array_add (names, g_strdup (attribute->name));
      g_array_append_val (ids, attribute->id);
    }
  fill_dropdown (self->attribute_dropdown, self->attributes, names, ids);

  g_ptr_array_set_size (names, 0);
  g_array_set_size (ids, 0);
  for (guint i = 0; codes != NULL && i < codes->len; i++)
    {
      const GrdCode *code = g_ptr_array_index (codes, i);
      char *path = grd_project_get_code_path (project_of (self), code->id, NULL);

      g_ptr_array_add (names, path != NULL ? path : g_strdup (code->name));
      g_array_append_val (ids, code->id);
    }
  fill_dropdown (self->code_dropdown, self->codes, names, ids);
}

static void
refresh (GrdMatrixView *self)
{
  GCancellable *reading = grd_page_reader_begin (self->reader);
  GrdMatrixKind kind = chosen_kind (self);
  MatrixRequest request = { kind, 0, GRD_MATRIX_FLAGS_NONE };

  g_clear_object (&self->building);
  if (reading == NULL)
    return;

  g_signal_handlers_block_matched (self->attribute_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                   self);
  g_signal_handlers_block_matched (self->code_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                   self);
  fill_choices (self);
  g_signal_handlers_unblock_matched (self->attribute_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                     NULL, self);
  g_signal_handlers_unblock_matched (self->code_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                     self);

  gtk_widget_set_visible (GTK_WIDGET (self->attribute_dropdown),
                          kind == GRD_MATRIX_CODES_BY_ATTRIBUTE);
  gtk_widget_set_visible (GTK_WIDGET (self->code_dropdown), kind == GRD_MATRIX_QUOTES);
  gtk_widget_set_visible (GTK_WIDGET (self->presence_check),
                          kind == GRD_MATRIX_CODES_BY_CASES ||
                          kind == GRD_MATRIX_CODES_BY_ATTRIBUTE);
  gtk_widget_set_visible (GTK_WIDGET (self->sub_codes_check),
                          kind == GRD_MATRIX_CODES_BY_CASES ||
                          kind == GRD_MATRIX_CODES_BY_ATTRIBUTE);

  if (gtk_check_button_get_active (self->presence_check))
    request.flags |= GRD_MATRIX_PRESENCE;
  if (gtk_check_button_get_active (self->sub_codes_check))
    request.flags |= GRD_MATRIX_WITH_SUB_CODES;
  if (kind == GRD_MATRIX_CODES_BY_ATTRIBUTE)
    request.id = chosen_id (self->attribute_dropdown, self->attributes);
  else if (kind == GRD_MATRIX_QUOTES)
    request.id = chosen_id (self->code_dropdown, self->codes);

  if ((kind == GRD_MATRIX_CODES_BY_ATTRIBUTE || kind == GRD_MATRIX_QUOTES) && request.id == 0)
    {
      grd_page_reader_end (self->reader, NULL);
      show_progress (self, NULL, FALSE);
      g_clear_pointer (&self->sheet, grd_sheet_unref);
      clear_columns (self);
      gtk_widget_set_sensitive (self->export_button, FALSE);
      show_note (self, kind == GRD_MATRIX_QUOTES
                       ? _("There are no codes yet.")
                       : _("There are no attributes yet. Add them to cases, e.g. with "
                           "grounded-cli attributes PROJECT add."));
      return;
    }

  self->building = g_object_ref (reading);
  show_note (self, NULL);
  show_progress (self, _("Counting…"), TRUE);
  grd_job_run_async (project_of (self), build_matrix, g_memdup2 (&request, sizeof request), g_free,
                     (GDestroyNotify) grd_sheet_unref, 0, reading, NULL, NULL, on_matrix_built,
                     g_object_ref (self));
}

static void
on_cancel_clicked (GrdMatrixView *self)
{
  if (self->building != NULL)
    g_cancellable_cancel (self->building);
  g_clear_object (&self->building);
  show_progress (self, NULL, FALSE);
  show_note (self, _("Cancelled. Choose a matrix again to count anew."));
}

/* ---- export ------------------------------------------------------------ */

static void
export_request_free (ExportRequest *request)
{
  grd_sheet_unref (request->sheet);
  g_free (request->path);
  g_free (request);
}

static gpointer
write_sheet (GrdProject      *worker,
             gpointer         input,
             GrdJobProgress  *progress,
             GCancellable    *cancellable,
             GError         **error)
{
  ExportRequest *request = input;

  if (!grd_sheet_write (request->sheet, request->format, request->path, error))
    return NULL;
  return g_path_get_basename (request->path);
}

static void
on_sheet_written (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GrdMatrixView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = grd_job_finish (GRD_PROJECT (object), result, &error);
  g_autofree char *title = NULL;

  show_progress (self, NULL, FALSE);
  gtk_widget_set_sensitive (self->export_button, self->sheet != NULL);
  if (name == NULL)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not save the matrix"), error);
      return;
    }
  title = g_strdup_printf (_("Saved the matrix as %s"), name);
  grd_show_toast (GTK_WIDGET (self), adw_toast_new (title));
}

static GrdSheetFormat
chosen_format (GrdMatrixView *self)
{
  return gtk_drop_down_get_selected (self->format_dropdown) == 1 ? GRD_SHEET_FORMAT_XLSX
                                                                 : GRD_SHEET_FORMAT_CSV;
}

static void
on_export_file_chosen (GtkWindow  *parent,
                       GListModel *files,
                       gpointer    user_data)
{
  g_autoptr(GrdMatrixView) self = user_data;
  g_autoptr(GFile) file = g_list_model_get_item (files, 0);
  ExportRequest *request;

  if (file == NULL || self->sheet == NULL || project_of (self) == NULL)
    return;

  request = g_new0 (ExportRequest, 1);
  request->sheet = grd_sheet_ref (self->sheet);
  request->path = g_file_get_path (file);
  request->format = chosen_format (self);
  gtk_widget_set_sensitive (self->export_button, FALSE);
  show_progress (self, _("Saving…"), FALSE);
  grd_job_run_async (project_of (self), write_sheet, request, (GDestroyNotify) export_request_free,
                     g_free, 0, NULL, NULL, NULL, on_sheet_written, g_object_ref (self));
}

static void
on_export_clicked (GrdMatrixView *self)
{
  g_autofree char *name = NULL;

  if (self->sheet == NULL)
    return;
  name = g_strdup_printf ("%s.%s", self->sheet->title,
                          chosen_format (self) == GRD_SHEET_FORMAT_XLSX ? "xlsx" : "csv");
  g_strdelimit (name, "/\\", '-');
  grd_choose_file_to_save (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                           _("Export the Matrix"), name, on_export_file_chosen,
                           g_object_ref (self));
}

/* ---- GObject ----------------------------------------------------------- */

static void
grd_matrix_view_map (GtkWidget *widget)
{
  GrdMatrixView *self = GRD_MATRIX_VIEW (widget);

  GTK_WIDGET_CLASS (grd_matrix_view_parent_class)->map (widget);
  grd_page_reader_shown (self->reader);
}

static void
grd_matrix_view_dispose (GObject *object)
{
  GrdMatrixView *self = GRD_MATRIX_VIEW (object);

  grd_page_reader_stop (self->reader);
  g_clear_object (&self->building);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_pointer (&self->sheet, grd_sheet_unref);
  g_clear_pointer (&self->attributes, g_array_unref);
  g_clear_pointer (&self->codes, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRD_TYPE_MATRIX_VIEW);

  G_OBJECT_CLASS (grd_matrix_view_parent_class)->dispose (object);
}

static void
grd_matrix_view_finalize (GObject *object)
{
  GrdMatrixView *self = GRD_MATRIX_VIEW (object);

  g_clear_pointer (&self->reader, grd_page_reader_free);

  G_OBJECT_CLASS (grd_matrix_view_parent_class)->finalize (object);
}

static void
grd_matrix_view_class_init (GrdMatrixViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grd_matrix_view_dispose;
  object_class->finalize = grd_matrix_view_finalize;
  widget_class->map = grd_matrix_view_map;
  widget_class->measure = grd_widget_measure_content;
  widget_class->size_allocate = grd_widget_allocate_content;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/grounded/Grounded/ui/grd-matrix-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GrdMatrixView, box);
  gtk_widget_class_bind_template_child (widget_class, GrdMatrixView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrdMatrixView, attribute_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrdMatrixView, code_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrdMatrixView, presence_check);
  gtk_widget_class_bind_template_child (widget_class, GrdMatrixView, sub_codes_check);
  gtk_widget_class_bind_template_child (widget_class, GrdMatrixView, format_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GrdMatrixView, export_button);
  gtk_widget_class_bind_template_child (widget_class, GrdMatrixView, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, GrdMatrixView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, GrdMatrixView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GrdMatrixView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GrdMatrixView, note_label);
  gtk_widget_class_bind_template_child (widget_class, GrdMatrixView, column_view);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
grd_matrix_view_init (GrdMatrixView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->reader = grd_page_reader_new (GTK_WIDGET (self),
                                      GRD_CHANGE_CODES | GRD_CHANGE_CODINGS | GRD_CHANGE_CASES |
                                      GRD_CHANGE_SOURCES,
                                      (void (*) (GtkWidget *)) refresh);
  self->attributes = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->codes = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_set_sensitive (self->export_button, FALSE);
  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (on_export_clicked), self);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked), self);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (refresh), self);
  g_signal_connect_swapped (self->attribute_dropdown, "notify::selected", G_CALLBACK (refresh),
                            self);
  g_signal_connect_swapped (self->code_dropdown, "notify::selected", G_CALLBACK (refresh), self);
  g_signal_connect_swapped (self->presence_check, "toggled", G_CALLBACK (refresh), self);
  g_signal_connect_swapped (self->sub_codes_check, "toggled", G_CALLBACK (refresh), self);
}

GtkWidget *
grd_matrix_view_new (void)
{
  return g_object_new (GRD_TYPE_MATRIX_VIEW, NULL);
}

void
grd_matrix_view_set_project (GrdMatrixView *self,
                             GrdProject    *project)
{
  g_return_if_fail (GRD_IS_MATRIX_VIEW (self));

  clear_columns (self);
  g_clear_pointer (&self->sheet, grd_sheet_unref);
  gtk_widget_set_sensitive (self->export_button, FALSE);

  grd_page_reader_set_project (self->reader, project);
}
