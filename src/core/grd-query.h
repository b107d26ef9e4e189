/* grd-query.h: retrieval, frequencies, co-occurrence and full-text search
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grd-project.h"

G_BEGIN_DECLS

typedef enum {
  GRD_QUOTE_DEFAULT          = 0,
  GRD_QUOTE_WITH_DESCENDANTS = 1 << 0,
  GRD_QUOTE_REPRESENTATIVE   = 1 << 1,  /* only quotes flagged representative */
  GRD_QUOTE_WITHOUT_TEXT     = 1 << 2,  /* text, context and speaker left NULL,
                                         * for grd_query_quote_fill_text() */
  GRD_QUOTE_FIRST_ONLY       = 1 << 3,  /* only the first of the list: an example */
} GrdQuoteFlags;

typedef struct {
  gint64    coding_id;
  gint64    code_id;
  char     *code_name;
  gint64    source_id;
  char     *source_name;
  gint64    case_id;
  char     *case_name;       /* NULL without a case */
  char     *coder_name;      /* NULL when the coder was deleted */
  char     *speaker;         /* the turn the quote starts in, or NULL */
  gint64    start;
  gint64    end;
  char     *text;
  char     *context_before;
  char     *context_after;
  gboolean  representative;
  guint     page;            /* the page the quote starts on, 0 without pages;
                              * read with the speaker */
} GrdQuote;

void grd_quote_free (GrdQuote *quote);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdQuote, grd_quote_free)

/* Quotes in source order; context_chars of surrounding text each side. */
GPtrArray *grd_query_quotes (GrdProject     *project,
                             gint64          code_id,
                             GrdQuoteFlags   flags,
                             guint           context_chars,
                             GCancellable   *cancellable,
                             GError        **error);

/* The quote of coding_id as grd_query_quotes() would list it for code_id
 * and flags; NULL without an error when that list would not hold it, so a
 * view can follow one coding without listing them all again. */
GrdQuote  *grd_query_quote  (GrdProject     *project,
                             gint64          code_id,
                             GrdQuoteFlags   flags,
                             gint64          coding_id,
                             guint           context_chars,
                             GError        **error);

/* Reads text, context and speaker of one quote listed without them: a list that
 * shows a few of 14,000 quotes reads only those. */
gboolean   grd_query_quote_fill_text (GrdProject    *project,
                                      GrdQuote      *quote,
                                      guint          context_chars,
                                      GError       **error);

typedef enum {
  GRD_GROUP_BY_SOURCE,
  GRD_GROUP_BY_CASE,
  GRD_GROUP_BY_ATTRIBUTE,
} GrdGroupBy;

typedef struct {
  gint64  code_id;
  char   *code_name;
  char   *group;        /* source name, case name or attribute value ("n/a") */
  gint64  group_id;     /* source or case id; 0 for attribute values */
  guint   n_codings;
  guint   n_chars;      /* coded characters */
} GrdFrequency;

void grd_frequency_free (GrdFrequency *frequency);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdFrequency, grd_frequency_free)

/* Codings per code and group; codings that start in an interviewer turn are
 * left out unless include_interviewer. Codings outside any case count under
 * a NULL group when grouping by case or attribute. */
GPtrArray *grd_query_frequencies (GrdProject    *project,
                                  GrdGroupBy     group_by,
                                  gint64         attribute_id,
                                  gboolean       include_interviewer,
                                  GCancellable  *cancellable,
                                  GError       **error);

typedef enum {
  GRD_COOCCUR_OVERLAP,   /* the two codings share at least one character */
  GRD_COOCCUR_SAME_TURN, /* the two codings start in the same speaker turn */
} GrdCooccurrenceMode;

typedef struct {
  gint64  code_a;       /* code_a < code_b */
  char   *name_a;
  gint64  code_b;
  char   *name_b;
  guint   count;        /* pairs of codings */
} GrdCooccurrence;

void grd_cooccurrence_free (GrdCooccurrence *cooccurrence);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdCooccurrence, grd_cooccurrence_free)

GPtrArray *grd_query_cooccurrence (GrdProject           *project,
                                   GrdCooccurrenceMode   mode,
                                   GCancellable         *cancellable,
                                   GError              **error);

typedef struct {
  gint64  source_id;
  char   *source_name;
  gint64  start;          /* the match, in code points */
  gint64  end;
  char   *match;
  char   *context_before;
  char   *context_after;
} GrdSearchHit;

void grd_search_hit_free (GrdSearchHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdSearchHit, grd_search_hit_free)

/* Full-text search (words and "phrases", case and diacritics folded),
 * best-matching sources first; at most limit hits (0: no limit). */
GPtrArray *grd_query_search (GrdProject    *project,
                             const char    *query,
                             guint          limit,
                             guint          context_chars,
                             GCancellable  *cancellable,
                             GError       **error);

/* Finds a passage that must occur exactly once in a source, for coding by
 * quotation instead of offsets. */
gboolean   grd_query_locate_passage (GrdProject  *project,
                                     gint64       source_id,
                                     const char  *passage,
                                     gint64      *start,
                                     gint64      *end,
                                     GError     **error);

G_END_DECLS
