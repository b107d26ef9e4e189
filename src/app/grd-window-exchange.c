/* grd-window-exchange.c: the window's imports and exports, run as jobs
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Transcripts and REFI-QDA projects and code books come in and go out
 * off the main thread (grd-exchange.c), with the progress bar and Cancel
 * at the bottom of the window; what a job did, changed and left out is
 * told in a toast whose Details show the report.
 */

#define G_LOG_DOMAIN "grd-window"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-dialogs.h"
#include "grd-exchange.h"
#include "grd-window-private.h"

static void
on_job_progress (double      fraction,
                 const char *text,
                 gpointer    user_data)
{
  GrdWindow *self = user_data;

  gtk_label_set_text (self->job_label, text);
  if (fraction < 0)
    gtk_progress_bar_pulse (self->job_progress);
  else
    gtk_progress_bar_set_fraction (self->job_progress, fraction);
}

/* Runs a job of grd-exchange.c with the progress bar and Cancel showing. */
static void
start_job (GrdWindow           *self,
           const char          *text,
           GrdJobFunc           func,
           gpointer             input,
           GDestroyNotify       input_free,
           GDestroyNotify       result_free,
           GrdChange            changes,
           GAsyncReadyCallback  done)
{
  self->job_cancellable = g_cancellable_new ();
  gtk_label_set_text (self->job_label, text);
  gtk_progress_bar_set_fraction (self->job_progress, 0);
  gtk_revealer_set_reveal_child (self->job_revealer, TRUE);
  grd_window_update_actions (self);

  grd_job_run_async (self->project, func, input, input_free, result_free, changes,
                     self->job_cancellable, on_job_progress, self, done, g_object_ref (self));
}

/* The job's result, or NULL after saying why there is none (cancelled,
 * or failed: heading then the error, which names the file). */
static gpointer
finish_job (GrdWindow    *self,
            GAsyncResult *result,
            const char   *heading)
{
  g_autoptr(GError) error = NULL;
  gpointer value = grd_job_finish (self->project, result, &error);

  g_clear_object (&self->job_cancellable);
  gtk_revealer_set_reveal_child (self->job_revealer, FALSE);
  grd_window_update_actions (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    grd_window_show_toast (self, adw_toast_new (_("Cancelled; nothing was changed")));
  else if (error != NULL)
    grd_show_error (GTK_WIDGET (self), heading, error);
  return value;
}

typedef struct _GrdViewJob {
  char             *failure_heading;
  GrdWindowJobDone  done;
  gpointer          user_data;
  GDestroyNotify    user_data_free;
} GrdViewJob;

static void
view_job_free (GrdViewJob *job)
{
  if (job->user_data_free != NULL)
    job->user_data_free (job->user_data);
  g_free (job->failure_heading);
  g_free (job);
}

static void
on_view_job_done (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GrdWindow) self = user_data;
  GrdViewJob *job = g_steal_pointer (&self->view_job);
  gpointer value = finish_job (self, result, job->failure_heading);

  job->done (value, job->user_data);
  view_job_free (job);
}

gboolean
grd_window_run_job (GrdWindow        *self,
                    const char       *text,
                    const char       *failure_heading,
                    GrdJobFunc        func,
                    gpointer          input,
                    GDestroyNotify    input_free,
                    GDestroyNotify    result_free,
                    GrdWindowJobDone  done,
                    gpointer          user_data,
                    GDestroyNotify    user_data_free)
{
  g_return_val_if_fail (GRD_IS_WINDOW (self), FALSE);

  if (self->project == NULL || grd_window_is_working (self))
    {
      if (input_free != NULL)
        input_free (input);
      if (user_data_free != NULL)
        user_data_free (user_data);
      grd_window_show_toast (self, adw_toast_new (_("Another import or export is running; "
                                                    "try again when it is done")));
      return FALSE;
    }

  self->view_job = g_new0 (GrdViewJob, 1);
  self->view_job->failure_heading = g_strdup (failure_heading);
  self->view_job->done = done;
  self->view_job->user_data = user_data;
  self->view_job->user_data_free = user_data_free;
  start_job (self, text, func, input, input_free, result_free, 0, on_view_job_done);
  return TRUE;
}

/* A report (what an import or export took, changed and left out) in a
 * window of its own. */
static void
show_report (GrdWindow  *self,
             const char *heading,
             const char *text)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/grounded/Grounded/ui/grd-report-window.ui");
  GtkWindow *window = GTK_WINDOW (gtk_builder_get_object (builder, "window"));
  GtkListBox *lines = GTK_LIST_BOX (gtk_builder_get_object (builder, "lines"));
  g_auto(GStrv) each = g_strsplit (text, "\n", -1);

  gtk_window_set_title (window, heading);
  gtk_window_set_transient_for (window, GTK_WINDOW (self));
  adw_window_title_set_title (ADW_WINDOW_TITLE (gtk_builder_get_object (builder, "title")),
                              heading);

  /* A row a line: wrapped, the lines of a long report stay apart. */
  for (guint i = 0; each[i] != NULL; i++)
    {
      GtkWidget *line;

      if (each[i][0] == '\0')
        continue;
      line = gtk_label_new (each[i]);
      gtk_label_set_selectable (GTK_LABEL (line), TRUE);
      /* Focused first, a selectable label selects all of itself. */
      gtk_widget_set_focusable (line, FALSE);
      gtk_label_set_wrap (GTK_LABEL (line), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (line), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (line), 0);
      gtk_widget_set_margin_top (line, 8);
      gtk_widget_set_margin_bottom (line, 8);
      gtk_widget_set_margin_start (line, 12);
      gtk_widget_set_margin_end (line, 12);
      gtk_list_box_append (lines, line);
    }
  gtk_window_present (window);
}

/* The menu's Last Import or Export Report reads it again after its toast
 * is gone. */
static void
keep_report (GrdWindow  *self,
             const char *title,
             char       *report)
{
  g_free (self->report_title);
  self->report_title = g_strdup (title);
  g_free (self->report_text);
  self->report_text = report;
  grd_window_update_actions (self);
}

static void
last_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GrdWindow *self = GRD_WINDOW (widget);

  if (self->report_text != NULL)
    show_report (self, self->report_title, self->report_text);
}

static void
on_report_button (AdwToast  *toast,
                  GrdWindow *self)
{
  show_report (self, adw_toast_get_title (toast),
               g_object_get_data (G_OBJECT (toast), "grd-report"));
}

/* A toast saying what was done, with Details for the report and, for what
 * changed the project, Undo in the window's header bar as ever. It stays
 * until dismissed: the report is worth reading after a coffee. */
static void
show_report_toast (GrdWindow  *self,
                   const char *title,
                   char       *report)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_timeout (toast, 0);
  g_object_set_data_full (G_OBJECT (toast), "grd-report", g_strdup (report), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_report_button), self, 0);
  grd_window_show_toast (self, toast);
  keep_report (self, title, report);
}

static void
on_transcripts_imported (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GrdWindow) self = user_data;
  g_autoptr(GPtrArray) reports = finish_job (self, result, _("Nothing was imported"));
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  guint n;

  if (reports == NULL)
    return;

  text = grd_exchange_describe_import (reports, &n);
  /* Files were skipped: say which and why straight away. */
  if (n < reports->len)
    {
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u of %u File",
                                            "Imported %u of %u Files", reports->len),
                               n, reports->len);
      show_report (self, title, text);
      keep_report (self, title, g_steal_pointer (&text));
      return;
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u transcript",
                                        "Imported %u transcripts", n), n);
  show_report_toast (self, title, g_steal_pointer (&text));
}

static void
on_files_to_import (GtkWindow      *parent,
                    GListModel     *files,
                    GrdImportFlags  flags,
                    gpointer        user_data)
{
  GrdWindow *self = GRD_WINDOW (parent);

  if (g_list_model_get_n_items (files) == 0 || self->project == NULL ||
      grd_window_is_working (self))
    return;

  start_job (self, _("Importing…"), grd_exchange_import_transcripts,
             grd_transcript_import_new (files, flags), (GDestroyNotify) grd_transcript_import_free,
             (GDestroyNotify) g_ptr_array_unref, GRD_CHANGE_SOURCES | GRD_CHANGE_CASES,
             on_transcripts_imported);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  grd_choose_files_to_import (GTK_WINDOW (widget), g_str_equal (action_name, "win.import-folder"),
                              on_files_to_import, NULL);
}

/* REFI-QDA: code books and projects to and from other tools. */

static void
on_refi_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GrdWindow) self = user_data;
  g_autofree char *done = g_steal_pointer (&self->job_done);
  g_autofree char *failed = g_steal_pointer (&self->job_failed);
  g_autoptr(GrdRefiReport) report = finish_job (self, result, failed);

  if (report != NULL)
    show_report_toast (self, done, grd_refi_report_to_string (report));
}

/* The toast and the error name the file. */
static void
start_refi_job (GrdWindow       *self,
                GrdExchangeKind  kind,
                const char      *path)
{
  g_autofree char *base = g_path_get_basename (path);
  GrdJobFunc func = NULL;
  GrdChange changes = 0;

  g_free (self->job_done);
  g_free (self->job_failed);
  switch (kind)
    {
    case GRD_EXCHANGE_EXPORT_PROJECT:
      func = grd_exchange_export_project;
      /* Translators: %s is a file name */
      self->job_done = g_strdup_printf (_("Exported the project to %s"), base);
      self->job_failed = g_strdup_printf (_("Could not export to %s"), base);
      break;
    case GRD_EXCHANGE_EXPORT_CODEBOOK:
      func = grd_exchange_export_codebook;
      self->job_done = g_strdup_printf (_("Exported the code book to %s"), base);
      self->job_failed = g_strdup_printf (_("Could not export to %s"), base);
      break;
    case GRD_EXCHANGE_IMPORT_PROJECT:
      func = grd_exchange_import_project;
      changes = GRD_CHANGE_ALL;
      self->job_done = g_strdup_printf (_("Imported %s"), base);
      self->job_failed = g_strdup_printf (_("Could not import %s"), base);
      break;
    case GRD_EXCHANGE_IMPORT_CODEBOOK:
      func = grd_exchange_import_codebook;
      changes = GRD_CHANGE_CODES;
      self->job_done = g_strdup_printf (_("Imported the code book %s"), base);
      self->job_failed = g_strdup_printf (_("Could not import %s"), base);
      break;
    default:
      g_assert_not_reached ();
    }

  start_job (self, _("Starting…"), func, g_strdup (path), g_free,
             (GDestroyNotify) grd_refi_report_free, changes, on_refi_done);
}

static void
on_codebook_preview_response (AdwMessageDialog *dialog,
                              const char       *response,
                              GrdWindow        *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "grd-path");

  if (g_str_equal (response, "import") && self->project != NULL && !grd_window_is_working (self))
    start_refi_job (self, GRD_EXCHANGE_IMPORT_CODEBOOK, path);
}

/* What importing the code book would add, rename and leave, before
 * anything changes. */
static void
preview_codebook (GrdWindow  *self,
                  const char *path)
{
  g_autoptr(GrdRefiReport) report = grd_refi_report_new ();
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *warnings = NULL;
  guint counts[3] = { 0, 0, 0 };
  GtkWidget *dialog;

  changes = grd_refi_preview_codebook (self->project, path, report, &error);
  if (changes == NULL)
    {
      grd_show_error (GTK_WIDGET (self), _("Could not read the code book"), error);
      return;
    }

  for (guint i = 0; i < changes->len; i++)
    {
      GrdRefiCodeChange *change = g_ptr_array_index (changes, i);

      counts[change->action]++;
      if (change->action == GRD_REFI_CODE_ADD)
        /* Translators: a code the import would add, by its path */
        g_string_append_printf (text, _("Add %s\n"), change->path);
      else if (change->action == GRD_REFI_CODE_RENAME)
        /* Translators: the project's code name, then the path it would get */
        g_string_append_printf (text, _("Rename “%s” to %s\n"), change->old_name, change->path);
    }
  warnings = grd_refi_report_to_string (report);
  if (warnings != NULL && *warnings != '\0')
    g_string_append_printf (text, "\n%s", warnings);

  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("Import %s?"), base);
  /* Translators: counts of codes a code book import would add, rename and leave */
  body = g_strdup_printf (_("%u codes would be added, %u renamed; %u are here already and stay as they are."),
                          counts[GRD_REFI_CODE_ADD], counts[GRD_REFI_CODE_RENAME],
                          counts[GRD_REFI_CODE_KEEP]);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  if (text->len > 0)
    grd_message_dialog_add_text (ADW_MESSAGE_DIALOG (dialog), text->str, _("What would change"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  g_object_set_data_full (G_OBJECT (dialog), "grd-path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_codebook_preview_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_refi_file_chosen (GtkWindow   *parent,
                     GListModel  *files,
                     gpointer     user_data)
{
  GrdWindow *self = GRD_WINDOW (parent);
  GrdExchangeKind kind = GPOINTER_TO_INT (user_data);
  g_autoptr(GFile) file = g_list_model_get_item (files, 0);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path == NULL || self->project == NULL || grd_window_is_working (self))
    return;

  /* A code book shows what it would change first. */
  if (kind == GRD_EXCHANGE_IMPORT_CODEBOOK)
    preview_codebook (self, path);
  else
    start_refi_job (self, kind, path);
}

static void
refi_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  static const struct {
    const char      *action;
    GrdExchangeKind  kind;
  } kinds[] = {
    { "win.export-project", GRD_EXCHANGE_EXPORT_PROJECT },
    { "win.export-codebook", GRD_EXCHANGE_EXPORT_CODEBOOK },
    { "win.import-project", GRD_EXCHANGE_IMPORT_PROJECT },
    { "win.import-codebook", GRD_EXCHANGE_IMPORT_CODEBOOK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (action_name, kinds[i].action))
      grd_choose_exchange_file (GTK_WINDOW (widget), kinds[i].kind, on_refi_file_chosen,
                                GINT_TO_POINTER (kinds[i].kind));
}

static void
cancel_job_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GrdWindow *self = GRD_WINDOW (widget);

  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);
}

void
grd_window_class_install_exchange_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.export-project", NULL, refi_action);
  gtk_widget_class_install_action (widget_class, "win.export-codebook", NULL, refi_action);
  gtk_widget_class_install_action (widget_class, "win.import-project", NULL, refi_action);
  gtk_widget_class_install_action (widget_class, "win.import-codebook", NULL, refi_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-job", NULL, cancel_job_action);
  gtk_widget_class_install_action (widget_class, "win.last-report", NULL, last_report_action);
}
