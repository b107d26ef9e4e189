/* grd-code-history-dialog.h: what became of a code, and who did it when
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_CODE_HISTORY_DIALOG (grd_code_history_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GrdCodeHistoryDialog, grd_code_history_dialog, GRD, CODE_HISTORY_DIALOG,
                      AdwWindow)

/* Shows the history of code_id over widget's window. */
void grd_code_history_dialog_present (GtkWidget  *widget,
                                      GrdProject *project,
                                      gint64      code_id);

G_END_DECLS
