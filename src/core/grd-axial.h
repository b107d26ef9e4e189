/* grd-axial.h: what the data suggests while codes are grouped and related
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grd-project.h"

G_BEGIN_DECLS

typedef enum {
  GRD_HINT_UNPLACED,       /* an open code under no theme, sub-theme or dimension */
  GRD_HINT_SIMILAR_NAMES,  /* two codes whose names differ by little */
  GRD_HINT_COOCCURRENCE,   /* two codes often on the same passages or turns */
} GrdHintKind;

typedef struct {
  GrdHintKind  kind;
  gint64       code_a;
  char        *name_a;
  gint64       code_b;        /* 0 for GRD_HINT_UNPLACED */
  char        *name_b;
  guint        n_codings;     /* UNPLACED: codings of code_a */
  guint        n_overlapping; /* COOCCURRENCE: pairs of codings sharing text */
  guint        n_same_turn;   /* COOCCURRENCE: pairs starting in the same turn */
} GrdAxialHint;

void grd_axial_hint_free (GrdAxialHint *hint);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdAxialHint, grd_axial_hint_free)

/* Every hint, grouped by kind in the order above, most telling first
 * within a kind: unplaced codes by codings, similar names by closeness,
 * co-occurrences by pairs. Pairs already related, or where one code is
 * the other's ancestor, are left out of co-occurrences; at most
 * max_cooccurrences of those (0: all that reach min_pairs). */
GPtrArray *grd_axial_hints (GrdProject    *project,
                            guint          min_pairs,
                            guint          max_cooccurrences,
                            GCancellable  *cancellable,
                            GError       **error);

/* Whether two code names are near duplicates: the same once case,
 * diacritics, punctuation, spacing and a plural s are set aside, or one
 * or two letters apart in names long enough for that to be a typo. */
gboolean   grd_axial_names_similar (const char *a,
                                    const char *b);

G_END_DECLS
