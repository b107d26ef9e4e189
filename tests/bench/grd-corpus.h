/* grd-corpus.h: a deterministic benchmark corpus built through the core API
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grd-core.h"

G_BEGIN_DECLS

/* S, M and L: 10, 100 and 1,000 interview transcripts of about 8,000 words,
 * with 2,000, 20,000 and 200,000 codings by two coders. LONG: one
 * transcript of about 300,000 characters with 2,000 codings, the window's
 * worst single transcript. The same size gives the same project (text,
 * tree, codings) on every machine. */
typedef enum {
  GRD_CORPUS_SIZE_S,
  GRD_CORPUS_SIZE_M,
  GRD_CORPUS_SIZE_L,
  GRD_CORPUS_SIZE_LONG,
} GrdCorpusSize;

/* How the edits are grouped into batches (transactions and undo steps). */
typedef enum {
  GRD_CORPUS_BATCH_DEFAULT,     /* the faster one, measured */
  GRD_CORPUS_BATCH_WHOLE,       /* one batch for the whole build */
  GRD_CORPUS_BATCH_PER_SOURCE,  /* one batch for the setup, one per source */
} GrdCorpusBatch;

typedef struct {
  guint n_sources;
  guint n_words_per_source;
  guint n_codings_per_source;
  guint n_codings;
  guint n_codes;      /* every code in the tree */
  guint n_leaf_codes;
} GrdCorpusInfo;

/* Where a build's time went, in microseconds. */
typedef struct {
  gint64 generate_us;      /* making text and planning codings (ours) */
  gint64 detect_turns_us;  /* grd_import_detect_turns */
  gint64 add_sources_us;   /* grd_project_add_source */
  gint64 add_codings_us;   /* grd_project_add_coding, set_current_coder */
  gint64 end_batch_us;     /* grd_project_end_batch (the commits) */
  gint64 other_us;         /* cases, values, set_source_case */
} GrdCorpusTimes;

gboolean grd_corpus_size_from_string (const char    *string,
                                      GrdCorpusSize *size);
const char *grd_corpus_size_to_string (GrdCorpusSize size);
void     grd_corpus_get_info         (GrdCorpusSize  size,
                                      GrdCorpusInfo *info);

/* Fills an empty project. */
gboolean grd_corpus_build            (GrdProject    *project,
                                      GrdCorpusSize  size,
                                      GError       **error);
gboolean grd_corpus_build_full       (GrdProject    *project,
                                      GrdCorpusSize  size,
                                      GrdCorpusBatch batch,
                                      GrdCorpusTimes *times,
                                      GError       **error);

/* The words the benchmark searches for: a common word and a phrase with
 * diacritics, both certain to occur in every size. */
#define GRD_CORPUS_COMMON_WORD "family"
#define GRD_CORPUS_PHRASE      "\"café in Zürich\""

G_END_DECLS
