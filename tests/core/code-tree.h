/* code-tree.h: a code system of any size, for the code map's tests and
 * the benchmark
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grd-core.h"

/* A code system of n_codes codes for the code map and its benchmark: four
 * aggregate dimensions, four themes each, three sub-themes per theme, open
 * codes under the sub-themes in turn, names of every length (non-BMP
 * characters included), and a relation for every seventh code. Returns
 * the code ids in the order made (a GArray of gint64). */
static inline GArray *
add_code_tree (GrdProject *project,
               guint       n_codes)
{
  static const GrdRelationKind kinds[] = {
    GRD_RELATION_KIND_CAUSAL_CONDITION, GRD_RELATION_KIND_CONTEXT,
    GRD_RELATION_KIND_INTERVENING_CONDITION, GRD_RELATION_KIND_ACTION_INTERACTION,
    GRD_RELATION_KIND_CONSEQUENCE, GRD_RELATION_KIND_ASSOCIATED,
  };
  g_autoptr(GError) error = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) sub_themes = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_true (grd_project_begin_batch (project, "Code tree", &error));
  for (guint d = 0; d < 4 && ids->len < n_codes; d++)
    {
      g_autofree char *name = g_strdup_printf ("Dimensi %u 𝒜", d + 1);
      gint64 dimension = grd_project_add_code (project, 0, name, GRD_CODE_KIND_AGGREGATE_DIMENSION,
                                               NULL, NULL, &error);

      g_assert_no_error (error);
      g_array_append_val (ids, dimension);
      for (guint t = 0; t < 4 && ids->len < n_codes; t++)
        {
          g_autofree char *theme_name = g_strdup_printf ("Tema %u.%u", d + 1, t + 1);
          gint64 theme = grd_project_add_code (project, dimension, theme_name, GRD_CODE_KIND_THEME,
                                               NULL, NULL, &error);

          g_assert_no_error (error);
          g_array_append_val (ids, theme);
          for (guint s = 0; s < 3 && ids->len < n_codes; s++)
            {
              g_autofree char *sub_name = g_strdup_printf ("Sub-tema %u.%u.%u", d + 1, t + 1, s + 1);
              gint64 sub = grd_project_add_code (project, theme, sub_name, GRD_CODE_KIND_SUB_THEME,
                                                 NULL, NULL, &error);

              g_assert_no_error (error);
              g_array_append_val (ids, sub);
              g_array_append_val (sub_themes, sub);
            }
        }
    }

  for (guint i = 0; ids->len < n_codes; i++)
    {
      g_autofree char *name = i % 5 == 0
        ? g_strdup_printf ("a considerably longer open code name that has to wrap 🙂 %u", i)
        : g_strdup_printf ("kode %u", i);
      gint64 parent = g_array_index (sub_themes, gint64, i % sub_themes->len);
      gint64 id = grd_project_add_code (project, parent, name, GRD_CODE_KIND_OPEN_CODE, NULL, NULL,
                                        &error);

      g_assert_no_error (error);
      g_array_append_val (ids, id);
    }

  for (guint i = 0; i < ids->len; i += 7)
    {
      gint64 to = g_array_index (ids, gint64, (i * 13 + 5) % ids->len);

      if (to != g_array_index (ids, gint64, i))
        {
          grd_project_add_relation (project, g_array_index (ids, gint64, i), to,
                                    kinds[i % G_N_ELEMENTS (kinds)], NULL, NULL, &error);
          g_assert_no_error (error);
        }
    }
  g_assert_true (grd_project_end_batch (project, &error));
  return ids;
}
