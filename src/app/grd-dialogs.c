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
  GtkWindow *window = window_of (widget);
  AdwToast *toast;

  if (!GRD_IS_WINDOW (window))
    return;
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  grd_window_show_state_toast (GRD_WINDOW (window), toast);
}

/* One of callback and import_callback is set. */
void
grd_message_dialog_add_text (AdwMessageDialog *dialog,
                             const char       *text,
                             const char       *accessible_label)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scroller), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  adw_message_dialog_set_extra_child (dialog, scroller);
}

typedef struct {
  GrdFilesChosen   callback;
  GrdImportChosen  import_callback;
  gpointer         user_data;
  GtkWindow       *parent;
} Chooser;

/* The import options live in the chooser itself, as choices (the portal's
 * dialog shows them too): cases, and what to do with unreadable files. */
#define CHOICE_CASES       "cases"
#define CHOICE_SKIP_ERRORS "skip-errors"

static void
add_import_choices (GtkFileChooser *chooser)
{
  const char * const ids[] = { "none", "file", "speaker", NULL };
  const char * const labels[] = { _("No cases"), _("A case per file"), _("A case per respondent"), NULL };

  gtk_file_chooser_add_choice (chooser, CHOICE_CASES, _("Cases"), (const char **) ids,
                               (const char **) labels);
  gtk_file_chooser_set_choice (chooser, CHOICE_CASES, "none");
  gtk_file_chooser_add_choice (chooser, CHOICE_SKIP_ERRORS, _("Skip files that cannot be read"),
                               NULL, NULL);
  gtk_file_chooser_set_choice (chooser, CHOICE_SKIP_ERRORS, "false");
}

static GrdImportFlags
import_flags (GtkFileChooser *chooser)
{
  const char *cases = gtk_file_chooser_get_choice (chooser, CHOICE_CASES);
  GrdImportFlags flags = GRD_IMPORT_FLAGS_NONE;

  if (g_strcmp0 (cases, "file") == 0)
    flags |= GRD_IMPORT_FLAGS_CASE_PER_FILE;
  else if (g_strcmp0 (cases, "speaker") == 0)
    flags |= GRD_IMPORT_FLAGS_CASE_PER_SPEAKER;
  if (g_strcmp0 (gtk_file_chooser_get_choice (chooser, CHOICE_SKIP_ERRORS), "true") == 0)
    flags |= GRD_IMPORT_FLAGS_SKIP_ERRORS;
  return flags;
}

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

  if (chooser->import_callback != NULL)
    chooser->import_callback (chooser->parent, files, import_flags (GTK_FILE_CHOOSER (native)),
                              chooser->user_data);
  else
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
  const char * const mime_types[] = {
    "text/plain", "text/markdown", "text/html", "application/rtf", "text/rtf", "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text", NULL
  };
  const char * const patterns[] = {
    "*.txt", "*.text", "*.md", "*.markdown", "*.html", "*.htm", "*.rtf", "*.pdf", "*.docx",
    "*.odt", NULL
  };
  const char * const all[] = { "*", NULL };

  add_filter (chooser, _("Transcripts (Word, LibreOffice, PDF, RTF, HTML, text, Markdown)"),
              mime_types, patterns);
  add_filter (chooser, _("All files"), NULL, all);
}

static GtkFileChooserNative *
run_chooser (GtkWindow            *parent,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept_label,
             Chooser              *chooser)
{
  GtkFileChooserNative *native;

  chooser->parent = parent != NULL ? g_object_ref (parent) : NULL;

  native = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_response), chooser);
  return native;
}

static void
choose_project (GtkWindow            *parent,
                const char           *title,
                GtkFileChooserAction  action,
                const char           *accept_label,
                GrdFilesChosen        callback,
                gpointer              user_data)
{
  Chooser *chooser = g_new0 (Chooser, 1);
  GtkFileChooserNative *native;

  chooser->callback = callback;
  chooser->user_data = user_data;
  native = run_chooser (parent, title, action, accept_label, chooser);
  add_project_filters (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
grd_choose_project_to_open (GtkWindow      *parent,
                            GrdFilesChosen  callback,
                            gpointer        user_data)
{
  choose_project (parent, _("Open Project"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                  callback, user_data);
}

void
grd_choose_project_to_create (GtkWindow      *parent,
                              GrdFilesChosen  callback,
                              gpointer        user_data)
{
  choose_project (parent, _("New Project"), GTK_FILE_CHOOSER_ACTION_SAVE, _("C_reate"),
                  callback, user_data);
}

void
grd_choose_files_to_import (GtkWindow       *parent,
                            gboolean         folders,
                            GrdImportChosen  callback,
                            gpointer         user_data)
{
  Chooser *chooser = g_new0 (Chooser, 1);
  GtkFileChooserNative *native;

  chooser->import_callback = callback;
  chooser->user_data = user_data;
  native = run_chooser (parent, folders ? _("Import Folders of Transcripts") : _("Import Transcripts"),
                        folders ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN,
                        _("_Import"), chooser);
  /* Many transcripts at once: a study's worth is one import. */
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  if (!folders)
    add_transcript_filters (GTK_FILE_CHOOSER (native));
  add_import_choices (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
grd_choose_file_to_save (GtkWindow      *parent,
                         const char     *title,
                         const char     *name,
                         GrdFilesChosen  callback,
                         gpointer        user_data)
{
  Chooser *chooser = g_new0 (Chooser, 1);
  GtkFileChooserNative *native;

  chooser->callback = callback;
  chooser->user_data = user_data;
  native = run_chooser (parent, title, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), chooser);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
grd_choose_exchange_file (GtkWindow       *parent,
                          GrdExchangeKind  kind,
                          GrdFilesChosen   callback,
                          gpointer         user_data)
{
  static const struct {
    const char *title;
    const char *accept;
    gboolean    save;
    gboolean    project;
  } kinds[] = {
    [GRD_EXCHANGE_EXPORT_PROJECT] = { N_("Export the Project (REFI-QDA)"), N_("_Export"), TRUE, TRUE },
    [GRD_EXCHANGE_EXPORT_CODEBOOK] = { N_("Export the Code Book (REFI-QDA)"), N_("_Export"), TRUE, FALSE },
    [GRD_EXCHANGE_IMPORT_PROJECT] = { N_("Import a Project (REFI-QDA)"), N_("_Import"), FALSE, TRUE },
    [GRD_EXCHANGE_IMPORT_CODEBOOK] = { N_("Import a Code Book (REFI-QDA)"), N_("_Import"), FALSE, FALSE },
  };
  const char * const project_types[] = { "application/x-qdp+zip", NULL };
  const char * const project_patterns[] = { "*.qdpx", NULL };
  const char * const codebook_types[] = { "application/x-qdc+xml", NULL };
  const char * const codebook_patterns[] = { "*.qdc", NULL };
  Chooser *chooser = g_new0 (Chooser, 1);
  GtkFileChooserNative *native;

  g_return_if_fail ((guint) kind < G_N_ELEMENTS (kinds));

  chooser->callback = callback;
  chooser->user_data = user_data;
  native = run_chooser (parent, _(kinds[kind].title),
                        kinds[kind].save ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                        _(kinds[kind].accept), chooser);
  if (kinds[kind].project)
    add_filter (GTK_FILE_CHOOSER (native), _("REFI-QDA projects (NVivo, ATLAS.ti, MAXQDA, QualCoder)"),
                project_types, project_patterns);
  else
    add_filter (GTK_FILE_CHOOSER (native), _("REFI-QDA code books"), codebook_types,
                codebook_patterns);
  if (kinds[kind].save)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native),
                                       kinds[kind].project ? _("Project.qdpx") : _("Code book.qdc"));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

G_GNUC_END_IGNORE_DEPRECATIONS
