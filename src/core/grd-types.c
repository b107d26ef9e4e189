/* grd-types.c
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "grd-types.h"

/* The strings are what the project file stores and the CLI accepts; keep
 * them in step with the CHECK constraints in sql/0001-initial.sql. */
static const char * const code_kinds[] = {
  [GRD_CODE_KIND_OPEN_CODE] = "open-code",
  [GRD_CODE_KIND_SUB_THEME] = "sub-theme",
  [GRD_CODE_KIND_THEME] = "theme",
  [GRD_CODE_KIND_AGGREGATE_DIMENSION] = "aggregate-dimension",
  [GRD_CODE_KIND_CORE_CATEGORY] = "core-category",
};

static const char * const attribute_types[] = {
  [GRD_ATTRIBUTE_TYPE_TEXT] = "text",
  [GRD_ATTRIBUTE_TYPE_NUMBER] = "number",
  [GRD_ATTRIBUTE_TYPE_DATE] = "date",
  [GRD_ATTRIBUTE_TYPE_CHOICE] = "choice",
};

static const char * const relation_kinds[] = {
  [GRD_RELATION_KIND_ASSOCIATED] = "associated",
  [GRD_RELATION_KIND_CAUSAL_CONDITION] = "causal-condition",
  [GRD_RELATION_KIND_CONTEXT] = "context",
  [GRD_RELATION_KIND_INTERVENING_CONDITION] = "intervening-condition",
  [GRD_RELATION_KIND_ACTION_INTERACTION] = "action-interaction",
  [GRD_RELATION_KIND_CONSEQUENCE] = "consequence",
  [GRD_RELATION_KIND_PROPERTY_OF] = "property-of",
  [GRD_RELATION_KIND_IS_A] = "is-a",
};

static const char * const memo_scopes[] = {
  [GRD_MEMO_SCOPE_FREE] = "free",
  [GRD_MEMO_SCOPE_PROJECT] = "project",
  [GRD_MEMO_SCOPE_SOURCE] = "source",
  [GRD_MEMO_SCOPE_CODE] = "code",
  [GRD_MEMO_SCOPE_CODING] = "coding",
  [GRD_MEMO_SCOPE_RELATION] = "relation",
};

static gboolean
lookup (const char * const *names,
        guint               n_names,
        const char         *string,
        int                *value)
{
  if (string == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_ascii_strcasecmp (names[i], string) == 0)
        {
          *value = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

#define DEFINE_ENUM_STRINGS(Type, prefix, table)                              \
  const char *                                                                \
  prefix##_to_string (Type value)                                             \
  {                                                                           \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (table), NULL);        \
    return table[value];                                                      \
  }                                                                           \
                                                                              \
  gboolean                                                                    \
  prefix##_from_string (const char *string,                                   \
                        Type       *value)                                    \
  {                                                                           \
    int found;                                                                \
                                                                              \
    if (!lookup (table, G_N_ELEMENTS (table), string, &found))                \
      return FALSE;                                                           \
    *value = (Type) found;                                                    \
    return TRUE;                                                              \
  }

DEFINE_ENUM_STRINGS (GrdCodeKind, grd_code_kind, code_kinds)
DEFINE_ENUM_STRINGS (GrdAttributeType, grd_attribute_type, attribute_types)
DEFINE_ENUM_STRINGS (GrdRelationKind, grd_relation_kind, relation_kinds)
DEFINE_ENUM_STRINGS (GrdMemoScope, grd_memo_scope, memo_scopes)

const char *
grd_code_kind_caption (GrdCodeKind kind,
                       gboolean    capitalized)
{
  /* Both forms are translated whole: a translation's first letter cannot
   * always be capitalized by code. */
  static const char * const captions[][2] = {
    [GRD_CODE_KIND_OPEN_CODE] = { N_("open code"), N_("Open code") },
    [GRD_CODE_KIND_SUB_THEME] = { N_("sub-theme"), N_("Sub-theme") },
    [GRD_CODE_KIND_THEME] = { N_("theme"), N_("Theme") },
    [GRD_CODE_KIND_AGGREGATE_DIMENSION] = { N_("aggregate dimension"), N_("Aggregate dimension") },
    [GRD_CODE_KIND_CORE_CATEGORY] = { N_("core category"), N_("Core category") },
  };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (captions), "");

  return _(captions[kind][capitalized ? 1 : 0]);
}

void
grd_coder_free (GrdCoder *coder)
{
  if (coder == NULL)
    return;
  g_free (coder->name);
  g_free (coder->guid);
  g_free (coder);
}

void
grd_case_free (GrdCase *kase)
{
  if (kase == NULL)
    return;
  g_free (kase->guid);
  g_free (kase->name);
  g_free (kase->description);
  g_free (kase);
}

void
grd_source_free (GrdSource *source)
{
  if (source == NULL)
    return;
  g_free (source->guid);
  g_free (source->name);
  g_free (source->original_name);
  g_free (source->format);
  g_free (source->content_hash);
  g_free (source->case_name);
  g_free (source);
}

void
grd_turn_clear (GrdTurn *turn)
{
  g_clear_pointer (&turn->speaker, g_free);
}

void
grd_attribute_free (GrdAttribute *attribute)
{
  if (attribute == NULL)
    return;
  g_free (attribute->guid);
  g_free (attribute->name);
  g_strfreev (attribute->choices);
  g_free (attribute);
}

void
grd_attribute_value_free (GrdAttributeValue *value)
{
  if (value == NULL)
    return;
  g_free (value->attribute_name);
  g_free (value->value);
  g_free (value);
}

void
grd_code_free (GrdCode *code)
{
  if (code == NULL)
    return;
  g_free (code->guid);
  g_free (code->name);
  g_free (code->description);
  g_free (code->color);
  g_free (code);
}

void
grd_code_set_free (GrdCodeSet *set)
{
  if (set == NULL)
    return;
  g_free (set->guid);
  g_free (set->name);
  g_free (set->description);
  g_clear_pointer (&set->code_ids, g_array_unref);
  g_free (set);
}

void
grd_coding_free (GrdCoding *coding)
{
  if (coding == NULL)
    return;
  g_free (coding->guid);
  g_free (coding->coder_name);
  g_free (coding);
}

void
grd_relation_free (GrdRelation *relation)
{
  if (relation == NULL)
    return;
  g_free (relation->guid);
  g_free (relation->type_name);
  g_free (relation->label);
  g_free (relation->memo);
  g_free (relation);
}

void
grd_relation_type_free (GrdRelationType *type)
{
  if (type == NULL)
    return;
  g_free (type->guid);
  g_free (type->name);
  g_free (type->description);
  g_free (type);
}

void
grd_memo_free (GrdMemo *memo)
{
  if (memo == NULL)
    return;
  g_free (memo->guid);
  g_free (memo->title);
  g_free (memo->text);
  g_free (memo->author_name);
  g_free (memo);
}

void
grd_history_step_free (GrdHistoryStep *step)
{
  if (step == NULL)
    return;
  g_free (step->label);
  g_free (step->coder_name);
  g_free (step);
}
