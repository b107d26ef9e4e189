/* grd-relation-text.c: relations read as sentences
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Axial Coding page, the new-relation form and a relation's dialog
 * name relations alike: "Stigma is a causal condition of Silence".
 */

#define G_LOG_DOMAIN "grd-relation-text"

#include "config.h"

#include <glib/gi18n.h>

#include "grd-relation-text.h"

static const struct {
  GrdRelationKind  kind;
  const char      *reading;
} relation_kinds[] = {
  { GRD_RELATION_KIND_CAUSAL_CONDITION, N_("is a causal condition of") },
  { GRD_RELATION_KIND_CONTEXT, N_("is the context of") },
  { GRD_RELATION_KIND_INTERVENING_CONDITION, N_("is an intervening condition of") },
  { GRD_RELATION_KIND_ACTION_INTERACTION, N_("is a strategy in response to") },
  { GRD_RELATION_KIND_CONSEQUENCE, N_("is a consequence of") },
  { GRD_RELATION_KIND_PROPERTY_OF, N_("is a property of") },
  { GRD_RELATION_KIND_IS_A, N_("is a kind of") },
  { GRD_RELATION_KIND_ASSOCIATED, N_("is associated with") },
};

guint
grd_relation_kind_count (void)
{
  return G_N_ELEMENTS (relation_kinds);
}

GrdRelationKind
grd_relation_kind_nth (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (relation_kinds), GRD_RELATION_KIND_ASSOCIATED);

  return relation_kinds[index].kind;
}

const char *
grd_relation_kind_reading (GrdRelationKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (relation_kinds); i++)
    if (relation_kinds[i].kind == kind)
      return _(relation_kinds[i].reading);
  return _("is associated with");
}

char *
grd_relation_sentence (const GrdRelation *relation,
                       const char        *from_name,
                       const char        *to_name)
{
  const char *reading = relation->type_name != NULL ? relation->type_name
                                                    : grd_relation_kind_reading (relation->kind);

  /* Translators: a relation read as a sentence: from-code, how, to-code */
  return g_strdup_printf (_("%s %s %s"), from_name, reading, to_name);
}
