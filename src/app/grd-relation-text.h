/* grd-relation-text.h: relations read as sentences
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grd-core.h"

G_BEGIN_DECLS

/* The relation kinds in the order forms offer them: the paradigm model
 * (Strauss & Corbin) first. */
guint            grd_relation_kind_count   (void);
GrdRelationKind  grd_relation_kind_nth     (guint            index);
/* How a kind reads between its two codes ("is a consequence of"). */
const char      *grd_relation_kind_reading (GrdRelationKind  kind);

/* "FROM reads TO": by the relation's type's name, or else its kind. */
char            *grd_relation_sentence     (const GrdRelation *relation,
                                            const char        *from_name,
                                            const char        *to_name);

G_END_DECLS
