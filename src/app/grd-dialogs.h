/* grd-dialogs.h: every file chooser, message dialog and toast of the app
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grd-core.h"

G_BEGIN_DECLS

/* A message dialog over widget's window: heading, then the error's message
 * (which names the file and what is wrong). */
void grd_show_error (GtkWidget    *widget,
                     const char   *heading,
                     const GError *error);

/* Shows toast in the toast overlay of widget's window (takes the toast). */
void grd_show_toast (GtkWidget    *widget,
                     AdwToast     *toast);

/* A toast saying what was done, with an Undo button (win.undo). */
void grd_show_undo_toast (GtkWidget  *widget,
                          const char *title);

/* Long text under a message dialog's body (a report, a list of changes):
 * selectable, wrapped, scrolling past a third of a screen. */
void grd_message_dialog_add_text (AdwMessageDialog *dialog,
                                  const char       *text,
                                  const char       *accessible_label);

typedef void (*GrdFilesChosen) (GtkWindow *parent,
                                GListModel *files,   /* of GFile, empty when cancelled */
                                gpointer    user_data);

void grd_choose_project_to_open   (GtkWindow      *parent,
                                   GrdFilesChosen  callback,
                                   gpointer        user_data);
void grd_choose_project_to_create (GtkWindow      *parent,
                                   GrdFilesChosen  callback,
                                   gpointer        user_data);
typedef void (*GrdImportChosen) (GtkWindow      *parent,
                                 GListModel     *files,   /* of GFile, empty when cancelled */
                                 GrdImportFlags  flags,   /* the options chosen beside them */
                                 gpointer        user_data);

/* Transcripts (or, with folders, folders of them) and how to import them. */
void grd_choose_files_to_import   (GtkWindow       *parent,
                                   gboolean         folders,
                                   GrdImportChosen  callback,
                                   gpointer         user_data);

/* Where to save a file, suggesting name. */
void grd_choose_file_to_save      (GtkWindow       *parent,
                                   const char      *title,
                                   const char      *name,
                                   GrdFilesChosen   callback,
                                   gpointer         user_data);

typedef enum {
  GRD_EXCHANGE_EXPORT_PROJECT,
  GRD_EXCHANGE_EXPORT_CODEBOOK,
  GRD_EXCHANGE_IMPORT_PROJECT,
  GRD_EXCHANGE_IMPORT_CODEBOOK,
} GrdExchangeKind;

/* A REFI-QDA file (.qdpx project, .qdc code book) to write or to read. */
void grd_choose_exchange_file     (GtkWindow       *parent,
                                   GrdExchangeKind  kind,
                                   GrdFilesChosen   callback,
                                   gpointer         user_data);

G_END_DECLS
