/* grd-history-private.h: undo and redo, kept in the project file
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grd-store-private.h"
#include "grd-types.h"

G_BEGIN_DECLS

gboolean   _grd_history_install    (GrdStore    *store,
                                    GError     **error);
/* Inside an open transaction: drops what could be redone, opens a step and
 * records every row change until _grd_history_finish_step. */
gboolean   _grd_history_start_step (GrdStore    *store,
                                    const char  *label,
                                    gint64       coder_id,
                                    GError     **error);
gboolean   _grd_history_finish_step (GrdStore   *store,
                                    GError     **error);
/* Each runs in its own transaction and returns the step's label; change
 * gets what the step touched, coding_change the step's coding when it
 * touched one coding and nothing else but memos (coding_id 0 otherwise). */
char      *_grd_history_undo       (GrdStore         *store,
                                    GrdChange        *change,
                                    GrdCodingChange  *coding_change,
                                    GError          **error);
char      *_grd_history_redo       (GrdStore         *store,
                                    GrdChange        *change,
                                    GrdCodingChange  *coding_change,
                                    GError          **error);
gboolean   _grd_history_can_undo   (GrdStore    *store);
gboolean   _grd_history_can_redo   (GrdStore    *store);
GPtrArray *_grd_history_list       (GrdStore    *store,
                                    guint        limit,
                                    GError     **error);

G_END_DECLS
