/* grd-review-thread.h: the comment threads on one code or quote
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_REVIEW_THREAD (grd_review_thread_get_type ())
G_DECLARE_FINAL_TYPE (GrdReviewThread, grd_review_thread, GRD, REVIEW_THREAD, GtkWidget)

/* The threads on target_id, each comment with its author and time and the
 * replies indented under what they answer, with Reply, Resolve and Reopen,
 * and a way to start a thread. Resolved threads are folded to one dim
 * line. Every action is one core edit. subject names the target in
 * accessible names: "“Trust”", "the quote “…”". */
GtkWidget *grd_review_thread_new          (GrdProject      *project,
                                           GrdReviewTarget  target,
                                           gint64           target_id,
                                           const char      *subject);
/* comments: the target's GrdComment in grd_project_list_comments() order
 * (NULL: none). Builds the threads again only when they changed. */
void       grd_review_thread_set_comments (GrdReviewThread *self,
                                           GPtrArray       *comments);

G_END_DECLS
