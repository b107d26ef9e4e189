/* grd-code-object.h: one code of the tree as a GObject, for list models
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk/gdk.h>

#include "grd-core.h"

G_BEGIN_DECLS

#define GRD_TYPE_CODE_OBJECT (grd_code_object_get_type ())
G_DECLARE_FINAL_TYPE (GrdCodeObject, grd_code_object, GRD, CODE_OBJECT, GObject)

/* Properties (all read-only, notified by grd_code_object_update()):
 * "id" (int64), "name", "path" (names from the top, joined by " / "),
 * "color" (#rrggbb), "kind" (int, GrdCodeKind), "n-codings", "n-codings-total",
 * "n-children" (uint). */
GrdCodeObject *grd_code_object_new          (const GrdCode  *code,
                                             const char     *path);
void           grd_code_object_update       (GrdCodeObject  *self,
                                             const GrdCode  *code,
                                             const char     *path);
/* After a coding came or went: counts change, nothing else. */
void           grd_code_object_set_counts   (GrdCodeObject  *self,
                                             guint           n_codings,
                                             guint           n_codings_total);
const GrdCode *grd_code_object_get_code     (GrdCodeObject  *self);
gint64         grd_code_object_get_id       (GrdCodeObject  *self);
const char    *grd_code_object_get_name     (GrdCodeObject  *self);
const char    *grd_code_object_get_path     (GrdCodeObject  *self);
void           grd_code_object_get_rgba     (GrdCodeObject  *self,
                                             GdkRGBA        *rgba);

/* Every code of the project in tree order, with paths; NULL on error. */
GPtrArray     *grd_code_objects_list        (GrdProject     *project,
                                             GError        **error);

G_END_DECLS
