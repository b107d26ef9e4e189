/* grd-review-data.h: what the review page shows, read at once on a worker
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grd-core.h"

G_BEGIN_DECLS

typedef enum {
  GRD_REVIEW_FILTER_ALL,
  GRD_REVIEW_FILTER_NEEDS_WORK,
  GRD_REVIEW_FILTER_OPEN_COMMENTS,
} GrdReviewFilter;

/* A code whose quotes the page shows (its row is expanded), and how many. */
typedef struct {
  gint64  code_id;
  guint   limit;
} GrdReviewWant;

/* The first quotes of a code, with their text, as the filter lets through. */
typedef struct {
  gint64     code_id;
  guint      n_quotes;   /* all of them the filter lets through */
  GPtrArray *quotes;     /* GrdQuote, the first of them */
} GrdReviewQuotes;

/* A code's quotes as reviewed. */
typedef struct {
  gint64  code_id;
  guint   n_states[3];      /* by GrdReviewState */
  guint   n_open_threads;
} GrdReviewTally;

typedef struct {
  GPtrArray        *codes;            /* GrdCode, tree order */
  GPtrArray        *reviews;          /* GrdReview, newest first */
  GrdReviewChanges *changes;          /* NULL: no review was marked done yet */
  GHashTable       *marks[2];         /* by GrdReviewTarget: &id → GrdReviewMark */
  GHashTable       *comments[2];      /* by GrdReviewTarget: &id → GPtrArray of GrdComment */
  GHashTable       *tallies;          /* &code id → GrdReviewTally */
  GHashTable       *quotes;           /* &code id → GrdReviewQuotes, for the codes wanted */
  guint             n_threads[2];     /* open, resolved */
  guint             n_codings;
} GrdReviewData;

void           grd_review_data_free    (GrdReviewData        *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdReviewData, grd_review_data_free)

/* On a worker: everything the page shows, with the quotes of wants (an
 * array of GrdReviewWant) as filter lets them through. */
GrdReviewData *grd_review_data_read    (GrdProject           *worker,
                                        GrdReviewFilter       filter,
                                        GArray               *wants,
                                        GCancellable         *cancellable,
                                        GError              **error);

const GrdReviewMark *grd_review_data_get_mark     (const GrdReviewData *data,
                                                   GrdReviewTarget      target,
                                                   gint64               id);
/* NULL when the target has no comments. */
GPtrArray           *grd_review_data_get_comments (const GrdReviewData *data,
                                                   GrdReviewTarget      target,
                                                   gint64               id);
const GrdReviewTally *grd_review_data_get_tally   (const GrdReviewData *data,
                                                   gint64               code_id);
/* Whether the code itself, or one of its own quotes, is what filter looks for. */
gboolean             grd_review_data_code_matches (const GrdReviewData *data,
                                                   gint64               code_id,
                                                   GrdReviewFilter      filter);
/* Open threads among comments (a target's). */
guint                grd_review_count_open_threads (GPtrArray          *comments);

G_END_DECLS
