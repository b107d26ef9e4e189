/* grd-new-relation-dialog.h: relating two codes, and new relation types
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_NEW_RELATION_DIALOG (grd_new_relation_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GrdNewRelationDialog, grd_new_relation_dialog, GRD, NEW_RELATION_DIALOG,
                      AdwWindow)

/* Shows the form over widget's window, from_code_id and to_code_id chosen
 * (0: the first two codes). */
void grd_new_relation_dialog_present (GtkWidget  *widget,
                                      GrdProject *project,
                                      gint64      from_code_id,
                                      gint64      to_code_id);

G_END_DECLS
