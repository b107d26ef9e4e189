/* grd-snapshots-dialog.h: dated code book snapshots, compared with now
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_SNAPSHOTS_DIALOG (grd_snapshots_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GrdSnapshotsDialog, grd_snapshots_dialog, GRD, SNAPSHOTS_DIALOG, AdwWindow)

/* Shows the project's snapshots over widget's window. */
void grd_snapshots_dialog_present (GtkWidget  *widget,
                                   GrdProject *project);

G_END_DECLS
