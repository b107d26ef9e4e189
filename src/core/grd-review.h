/* grd-review.h: a supervisor's review of the code system
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grd-code-history.h"
#include "grd-project.h"

G_BEGIN_DECLS

typedef enum {
  GRD_REVIEW_TARGET_CODE,
  GRD_REVIEW_TARGET_CODING,
} GrdReviewTarget;

typedef enum {
  GRD_REVIEW_STATE_PROPOSED,
  GRD_REVIEW_STATE_ACCEPTED,
  GRD_REVIEW_STATE_NEEDS_WORK,
} GrdReviewState;

const char *grd_review_state_to_string   (GrdReviewState   state);
gboolean    grd_review_state_from_string (const char      *string,
                                          GrdReviewState  *state);

typedef struct {
  gint64  id;
  char   *guid;
  char   *reviewer_name;
  gint64  started_at;
  gint64  done_at;       /* 0 while the review is open */
  gint64  snapshot_id;   /* the code book when it was done; 0 while open */
} GrdReview;

void grd_review_free (GrdReview *review);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdReview, grd_review_free)

/* The current coder starts a review; one review is open at a time. */
gint64     grd_project_start_review        (GrdProject      *self,
                                            GError         **error);
/* Marks the open review done, keeping the code book and the codings
 * present now, which "changes since the last review" compares against. */
gboolean   grd_project_finish_review       (GrdProject      *self,
                                            GError         **error);
/* Newest first. */
GPtrArray *grd_project_list_reviews        (GrdProject      *self,
                                            GError         **error);

typedef struct {
  GrdReviewTarget  target;
  gint64           target_id;
  char            *target_guid;  /* the code's or the coding's */
  GrdReviewState   state;
  char            *coder_name;
  gint64           set_at;
} GrdReviewMark;

void grd_review_mark_free (GrdReviewMark *mark);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdReviewMark, grd_review_mark_free)

/* One current state per code or coding; setting one replaces the last. */
gboolean   grd_project_set_review_state    (GrdProject      *self,
                                            GrdReviewTarget  target,
                                            gint64           target_id,
                                            GrdReviewState   state,
                                            GError         **error);
gboolean   grd_project_clear_review_state  (GrdProject      *self,
                                            GrdReviewTarget  target,
                                            gint64           target_id,
                                            GError         **error);
/* Codes' states first, then codings', each by id. */
GPtrArray *grd_project_list_review_states  (GrdProject      *self,
                                            GError         **error);

typedef struct {
  gint64           id;
  char            *guid;
  GrdReviewTarget  target;       /* the thread's */
  gint64           target_id;
  gint64           parent_id;    /* the comment answered; 0 for a thread's first */
  guint            depth;        /* 0 for a thread's first comment */
  char            *author_name;
  gint64           created_at;
  char            *text;
  gint64           resolved_at;  /* the thread's; 0 while open */
  char            *resolved_by;
} GrdComment;

void grd_comment_free (GrdComment *comment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdComment, grd_comment_free)

/* Starts a thread on a code or a coding, by the current coder. */
gint64     grd_project_add_comment         (GrdProject      *self,
                                            GrdReviewTarget  target,
                                            gint64           target_id,
                                            const char      *text,
                                            GError         **error);
gint64     grd_project_reply_to_comment    (GrdProject      *self,
                                            gint64           comment_id,
                                            const char      *text,
                                            GError         **error);
/* Resolves (or reopens) the thread the comment belongs to. */
gboolean   grd_project_resolve_comment     (GrdProject      *self,
                                            gint64           comment_id,
                                            gboolean         resolved,
                                            GError         **error);
/* Threads oldest first, each in reply order (a reply right after what it
 * answers); open_only leaves out resolved threads. */
GPtrArray *grd_project_list_comments       (GrdProject      *self,
                                            gboolean         open_only,
                                            GError         **error);

typedef struct {
  gint64  coding_id;
  gint64  code_id;     /* the code it had when the review was done, or has now */
} GrdCodingRef;

/* What changed since the last review marked done. */
typedef struct {
  GrdReview  *review;            /* that review */
  GPtrArray  *codes;             /* GrdCodeDiff: added, removed, merged, renamed, moved, kind */
  /* GrdCodingRef, by coding id; a recoded coding is in both, with its new
   * code in codings_added and its old one in codings_removed */
  GArray     *codings_added;
  GArray     *codings_removed;
} GrdReviewChanges;

void grd_review_changes_free (GrdReviewChanges *changes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdReviewChanges, grd_review_changes_free)

/* NOT_FOUND when no review was ever marked done. */
GrdReviewChanges *grd_project_changes_since_review (GrdProject  *self,
                                                    GError     **error);

G_END_DECLS
