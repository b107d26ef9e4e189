/* grd-query-private.h: text helpers the query modules share
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "grd-query.h"
#include "grd-store-private.h"

G_BEGIN_DECLS

/* Registers grd_match_offsets(), the FTS5 function that reports where each
 * match lies in the stored text; once per connection. */
gboolean _grd_query_register_functions (sqlite3 *db);

/* Adds a source's text to the full-text index, or takes it out; called
 * wherever a source row comes or goes (import, delete, undo, redo). */
gboolean _grd_search_index_source (GrdStore  *store,
                                   gint64     source_id,
                                   gboolean   add,
                                   GError   **error);

/* Co-occurring codes: tables keyed by two code ids (gint64[2], the smaller
 * first) that count pairs of codings, made by _grd_query_new_pair_table().
 * Overlapping codings share text; same-turn ones start in one speaker turn.
 * Either table may be NULL; both are filled in one pass over the codings. */
GHashTable *_grd_query_new_pair_table (void);
gboolean _grd_query_count_cooccurrences (GrdProject    *project,
                                         GHashTable    *overlapping,
                                         GHashTable    *same_turn,
                                         GCancellable  *cancellable,
                                         GError       **error);

/* Copies up to n_chars code points ending at byte (before) or starting at
 * byte (after) of text. */
char    *_grd_text_before (const char *text,
                           gsize       byte,
                           guint       n_chars);
char    *_grd_text_after  (const char *text,
                           gsize       len,
                           gsize       byte,
                           guint       n_chars);

G_END_DECLS
