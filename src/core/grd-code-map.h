/* grd-code-map.h: the code map: codes as boxes, the tree and relations as
 * edges, laid out, drawn with cairo, exported as SVG, PNG and PDF
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "grd-drawing.h"
#include "grd-project.h"

G_BEGIN_DECLS

/* Where the researcher put a code on the map: its box's top left corner,
 * in points. */
typedef struct {
  gint64 code_id;
  gint   x;
  gint   y;
} GrdCodePosition;

/* GrdCodePosition of every placed code, by code id. */
GArray     *grd_project_list_code_positions (GrdProject             *self,
                                             GError                **error);
/* Saves the positions of n codes as one undoable step (a drag of many
 * boxes is one step). */
gboolean    grd_project_set_code_positions  (GrdProject             *self,
                                             const GrdCodePosition  *positions,
                                             guint                   n_positions,
                                             GError                **error);

typedef struct _GrdCodeMap GrdCodeMap;

/* Reads the codes, relations and saved positions, and lays out the codes
 * that have none: a tree from left to right (a column per depth), whole
 * top-level branches packed side by side into a roughly 4:3 area, below
 * the codes already placed. */
GrdCodeMap *grd_code_map_new          (GrdProject   *project,
                                       GError      **error);
void        grd_code_map_free         (GrdCodeMap   *map);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdCodeMap, grd_code_map_free)

/* The area the map covers, in points, margins included. */
void        grd_code_map_get_bounds   (GrdCodeMap   *map,
                                       double       *x,
                                       double       *y,
                                       double       *width,
                                       double       *height);
/* The box of a code; FALSE when the map has no such code. */
gboolean    grd_code_map_get_box      (GrdCodeMap   *map,
                                       gint64        code_id,
                                       GrdCodePosition *position,
                                       double       *width,
                                       double       *height);
/* The code whose box holds the point, 0 for none (the topmost drawn). */
gint64      grd_code_map_code_at      (GrdCodeMap   *map,
                                       double        x,
                                       double        y);
/* Moves a box on the map only (a drag in progress); the caller saves
 * with grd_project_set_code_positions(). */
void        grd_code_map_move_code    (GrdCodeMap   *map,
                                       gint64        code_id,
                                       gint          x,
                                       gint          y);

/* Draws the map in map coordinates (points) on cr, with no background:
 * the window draws its own, the exports white. The one drawing function
 * of the map, for the screen and both exports. */
void        grd_code_map_draw         (GrdCodeMap   *map,
                                       cairo_t      *cr);

/* The map as an SVG, PNG or PDF file (see grd_drawing_write()); scale:
 * PNG pixels per point (2 for a sharp image on a high density screen). */
gboolean    grd_code_map_write        (GrdCodeMap      *map,
                                       const char      *path,
                                       GrdImageFormat   format,
                                       double           scale,
                                       GError         **error);

G_END_DECLS
