/* grd-code-chooser.h: a popover to pick a code by typing, recent codes first
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_CODE_CHOOSER (grd_code_chooser_get_type ())
G_DECLARE_FINAL_TYPE (GrdCodeChooser, grd_code_chooser, GRD, CODE_CHOOSER, GtkPopover)

/* Signals: "code-chosen" (gint64 code_id) when the user picks a code;
 * "create-requested" (const char *name) when allow_create and the user asks
 * for a new code with the typed name. The popover pops down after either. */
GtkWidget *grd_code_chooser_new          (GrdProject     *project,
                                          const char     *heading,
                                          gboolean        allow_create);
/* A code that may not be chosen (merging a code into itself). */
void       grd_code_chooser_set_excluded (GrdCodeChooser *self,
                                          gint64          code_id);

/* Codes this process applied lately in project, most recent first, so the
 * chooser offers them at the top. */
void       grd_code_chooser_note_used    (GrdProject     *project,
                                          gint64          code_id);

G_END_DECLS
