/* grd-review-row.h: one code of the theme hierarchy as a supervisor reviews it
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "grd-review-data.h"

G_BEGIN_DECLS

#define GRD_TYPE_REVIEW_CODE_ROW (grd_review_code_row_get_type ())
G_DECLARE_FINAL_TYPE (GrdReviewCodeRow, grd_review_code_row, GRD, REVIEW_CODE_ROW, AdwExpanderRow)

/* A code with its review state and, expanded, its comment threads and
 * its own quotes, each with a state and threads of its own. Signal
 * "quotes-wanted": expanded, or more quotes asked for; the page reads
 * again with grd_review_code_row_get_quote_limit() of each row. */
GtkWidget *grd_review_code_row_new             (GrdProject          *project,
                                                const GrdCode       *code);
gint64     grd_review_code_row_get_code_id     (GrdReviewCodeRow    *self);
/* How many of its quotes the row shows; 0 while folded. */
guint      grd_review_code_row_get_quote_limit (GrdReviewCodeRow    *self);
/* Expanded, with limit quotes wanted, without asking for them: rows
 * built again keep what was open. */
void       grd_review_code_row_restore         (GrdReviewCodeRow    *self,
                                                guint                limit);
/* Shows code (same id, perhaps renamed) as data has it, with the quotes
 * filter let through. */
void       grd_review_code_row_update          (GrdReviewCodeRow    *self,
                                                const GrdReviewData *data,
                                                const GrdCode       *code,
                                                GrdReviewFilter      filter);

/* How a review state reads: "Accepted". */
const char *grd_review_state_label             (GrdReviewState       state);

G_END_DECLS
