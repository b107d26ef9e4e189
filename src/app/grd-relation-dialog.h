/* grd-relation-dialog.h: a relation's memo and evidence
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_RELATION_DIALOG (grd_relation_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GrdRelationDialog, grd_relation_dialog, GRD, RELATION_DIALOG, AdwWindow)

/* Shows relation_id's memo and evidence over widget's window. */
void grd_relation_dialog_present (GtkWidget  *widget,
                                  GrdProject *project,
                                  gint64      relation_id);

G_END_DECLS
