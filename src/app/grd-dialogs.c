/* grd-dialogs.c: every file chooser, message dialog and toast of the app
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.10 replaces GtkFileChooserNative with GtkFileDialog; keeping every
 * chooser here means that port touches one file.
 */

#define G_LOG_DOMAIN "grd-dialogs"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-dialogs.h"
#include "grd-window.h"

G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static GtkWindow *
window_of (GtkWidget *widget)
{
  GtkRoot *root;

  if (widget == NULL)
    return NULL;

  root = gtk_widget_get_root (widget);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
grd_show_error (GtkWidget    *widget,
                const char   *heading,
                const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (heading != NULL);

  dialog = adw_message_dialog_new (window_of (widget), heading,
                                   error != NULL ? error->message : NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
grd_show_toast (GtkWidget *widget,
                AdwToast  *toast)
{
  GtkWindow *window = window_of (widget);

  g_return_if_fail (ADW_IS_TOAST (toast));

  if (GRD_IS_WINDOW (window))
    grd_window_show_toast (GRD_WINDOW (window), toast);
  else
    g_object_unref (toast);
}

void
grd_show_undo_toast (GtkWidget  *widget,
                     const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  grd_show_toast (widget, toast);
}

typedef struct {
  GrdFilesChosen  callback;
  gpointer        user_data;
  GtkWindow      *parent;
} Chooser;

static void
on_response (GtkNativeDialog *native,
             int              response,
             gpointer         user_data)
{
  Chooser *chooser = user_data;
  g_autoptr(GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
  else
    files = G_LIST_MODEL (g_list_store_new (G_TYPE_FILE));

  chooser->callback (chooser->parent, files, chooser->user_data);

  g_clear_object (&chooser->parent);
  g_free (chooser);
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

/* Filters match the pattern as well as the MIME type: run from the build
 * tree, the MIME database does not know our type yet. */
static void
add_filter (GtkFileChooser     *chooser,
            const char         *name,
            const char * const *mime_types,
            const char * const *patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types != NULL && mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  for (guint i = 0; patterns != NULL && patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
add_project_filters (GtkFileChooser *chooser)
{
  const char * const mime_types[] = { "application/x-grounded-project", NULL };
  const char * const patterns[] = { "*.grounded", NULL };

  add_filter (chooser, _("Grounded projects"), mime_types, patterns);
}

static void
add_transcript_filters (GtkFileChooser *chooser)
{
  const char * const mime_types[] = { "text/plain", "text/markdown", NULL };
  const char * const patterns[] = { "*.txt", "*.text", "*.md", "*.markdown", NULL };
  const char * const all[] = { "*", NULL };

  add_filter (chooser, _("Transcripts (text, Markdown)"), mime_types, patterns);
  add_filter (chooser, _("All files"), NULL, all);
}

static void
run_chooser (GtkWindow            *parent,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept_label,
             GrdFilesChosen        callback,
             gpointer              user_data,
             void                (*add_filters) (GtkFileChooser *chooser))
{
  GtkFileChooserNative *native;
  Chooser *chooser = g_new0 (Chooser, 1);

  chooser->callback = callback;
  chooser->user_data = user_data;
  chooser->parent = parent != NULL ? g_object_ref (parent) : NULL;

  native = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  /* Importing takes many transcripts at once; projects open one by one. */
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native),
                                        add_filters == add_transcript_filters);
  add_filters (GTK_FILE_CHOOSER (native));
  g_signal_connect (native, "response", G_CALLBACK (on_response), chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
grd_choose_project_to_open (GtkWindow      *parent,
                            GrdFilesChosen  callback,
                            gpointer        user_data)
{
  run_chooser (parent, _("Open Project"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
               callback, user_data, add_project_filters);
}

void
grd_choose_project_to_create (GtkWindow      *parent,
                              GrdFilesChosen  callback,
                              gpointer        user_data)
{
  run_chooser (parent, _("New Project"), GTK_FILE_CHOOSER_ACTION_SAVE, _("C_reate"),
               callback, user_data, add_project_filters);
}

void
grd_choose_files_to_import (GtkWindow      *parent,
                            GrdFilesChosen  callback,
                            gpointer        user_data)
{
  run_chooser (parent, _("Import Transcripts"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
               callback, user_data, add_transcript_filters);
}

G_GNUC_END_IGNORE_DEPRECATIONS
