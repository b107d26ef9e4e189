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
G_DECLARE_FINAL_TYPE (GrdReviewCodeRow, grd_review_code_row, GRD, REVIEW_CODE_ROW, GtkListBoxRow)

/* A code with its review state and, expanded, its comment threads and
 * its own quotes, each with a state and threads of its own, in a second
 * row: grd_review_code_row_get_content(), which the list holds right
 * after this one. Signal "quotes-wanted": expanded, or more quotes asked
 * for; the page reads again with grd_review_code_row_get_quote_limit()
 * of each row. */
GtkWidget *grd_review_code_row_new             (GrdProject          *project,
                                                const GrdCode       *code);
GtkWidget *grd_review_code_row_get_content     (GrdReviewCodeRow    *self);
gint64     grd_review_code_row_get_code_id     (GrdReviewCodeRow    *self);
gboolean   grd_review_code_row_get_expanded    (GrdReviewCodeRow    *self);
/* Expanded, it shows its threads and asks for its first quotes. */
void       grd_review_code_row_set_expanded    (GrdReviewCodeRow    *self,
                                                gboolean             expanded);
/* Shown or hidden by a filter, with its content row. */
void       grd_review_code_row_set_shown       (GrdReviewCodeRow    *self,
                                                gboolean             shown);
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
