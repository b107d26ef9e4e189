/* grd-memo-editor.h: writing the memo of a source, a code or a coding
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_MEMO_EDITOR (grd_memo_editor_get_type ())
G_DECLARE_FINAL_TYPE (GrdMemoEditor, grd_memo_editor, GRD, MEMO_EDITOR, GtkWidget)

GtkWidget *grd_memo_editor_new        (void);
void       grd_memo_editor_set_project (GrdMemoEditor *self,
                                        GrdProject    *project);
/* What the memo is about, e.g. GRD_MEMO_SCOPE_CODE and a code id, with a
 * label the editor shows ("Code “Career growth”"). target_id 0 shows
 * nothing to edit. Unsaved text of the previous target is saved first. */
void       grd_memo_editor_set_target (GrdMemoEditor *self,
                                        GrdMemoScope   scope,
                                        gint64         target_id,
                                        const char    *label);
/* What the editor says while it has no target, instead of the default
 * "Select a transcript, a code or a coding…". */
void       grd_memo_editor_set_hint   (GrdMemoEditor *self,
                                        const char    *hint);
/* Writes pending text now (also done when focus leaves, on a pause in
 * typing, and before the window closes). FALSE with error on failure. */
gboolean   grd_memo_editor_save       (GrdMemoEditor *self,
                                        GError       **error);

G_END_DECLS
