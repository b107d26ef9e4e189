/* grd-split-dialog.h: moving some of a code's quotes to a new code
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_SPLIT_DIALOG (grd_split_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GrdSplitDialog, grd_split_dialog, GRD, SPLIT_DIALOG, AdwWindow)

/* Shows the quotes of code_id over widget's window, to check those that
 * move to a new code; a failure to read them is shown as an error. */
void grd_split_dialog_present (GtkWidget  *widget,
                               GrdProject *project,
                               gint64      code_id);

G_END_DECLS
