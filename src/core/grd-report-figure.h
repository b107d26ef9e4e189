/* grd-report-figure.h: the figures of a results section: the data
 * structure, code frequencies by case and the codes × cases heat map
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

typedef enum {
  GRD_FIGURE_DATA_STRUCTURE,  /* Gioia, Corley & Hamilton (2013) */
  GRD_FIGURE_FREQUENCIES,     /* codings per code, a bar stacked by case */
  GRD_FIGURE_HEATMAP,         /* codes × cases, cells shaded by count */
} GrdFigureKind;

/* "data-structure", "frequencies", "heatmap" */
gboolean    grd_figure_kind_from_string (const char    *string,
                                         GrdFigureKind *kind);
const char *grd_figure_kind_to_string   (GrdFigureKind  kind);

/* What a piece of a figure is. */
typedef enum {
  GRD_FIGURE_PART_CONCEPT,    /* a first-order concept's box */
  GRD_FIGURE_PART_THEME,      /* a second-order theme's box */
  GRD_FIGURE_PART_GROUP,      /* the frame of a theme between dimension and second-order themes */
  GRD_FIGURE_PART_DIMENSION,  /* an aggregate dimension's box */
  GRD_FIGURE_PART_HEADING,    /* a column heading or an axis title */
  GRD_FIGURE_PART_LABEL,      /* a code's or a case's name beside the plot */
  GRD_FIGURE_PART_TICK,       /* an axis tick's number */
  GRD_FIGURE_PART_BAR,        /* one case's share of a code's bar */
  GRD_FIGURE_PART_COUNT,      /* the total at a bar's end */
  GRD_FIGURE_PART_CELL,       /* a heat map cell, its count printed in it */
  GRD_FIGURE_PART_LEGEND,     /* a legend's swatch with its text */
} GrdFigurePart;

/* A piece of a figure, in points from the figure's top left corner; text
 * pieces have the box their text needs (text_*) inside their box. */
typedef struct {
  GrdFigurePart  part;
  gint64         code_id;     /* 0 when not a code's */
  gint64         case_id;     /* bars, cells, case labels and legend: 0 for "no case" */
  const char    *text;        /* NULL when the piece has none */
  guint          count;       /* bars and cells */
  double         x, y, width, height;
  double         text_x, text_y, text_width, text_height;
  gint           link;        /* the piece this one is linked to (concept to theme, ...), -1 */
} GrdFigureItem;

typedef struct _GrdFigure GrdFigure;

/* Reads the project and lays the figure out at journal page width (16 cm),
 * text at 8 to 9 points. The data structure takes open codes as
 * first-order concepts, sub-themes as second-order themes (themes where
 * no sub-theme is below them) and aggregate dimensions; a theme between a
 * dimension and its sub-themes frames them. The charts count each code's
 * codings with its sub-codes', interviewer turns left out.
 * root_code_id (0: the whole tree) draws one code and its sub-codes only,
 * as if it were the tree: a dimension on a figure of its own, where the
 * whole tree would not fit a page. */
GrdFigure  *grd_report_figure           (GrdProject     *project,
                                         GrdFigureKind   kind,
                                         gint64          root_code_id,
                                         GCancellable   *cancellable,
                                         GError        **error);
void        grd_figure_free             (GrdFigure      *figure);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdFigure, grd_figure_free)

GrdFigureKind        grd_figure_get_kind      (GrdFigure *figure);
/* In points, margins included. */
void                 grd_figure_get_size      (GrdFigure *figure,
                                               double    *width,
                                               double    *height);
guint                grd_figure_get_n_items   (GrdFigure *figure);
const GrdFigureItem *grd_figure_get_item      (GrdFigure *figure,
                                               guint      index);

/* Draws the figure from 0, 0 in points, with no background: the window
 * lays its own page under it, the files white. The one drawing function
 * for the preview and every file. */
void        grd_figure_draw             (GrdFigure      *figure,
                                         cairo_t        *cr);
/* scale: PNG pixels per point (300 dpi is 300 / 72). */
gboolean    grd_figure_write            (GrdFigure      *figure,
                                         const char     *path,
                                         GrdImageFormat  format,
                                         double          scale,
                                         GError        **error);

G_END_DECLS
