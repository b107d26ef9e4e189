/* grd-report-figure-private.h: the display list every figure is made of
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pango.h>

#include "grd-report-figure.h"

G_BEGIN_DECLS

#define FIGURE_WIDTH   453.5    /* 16 cm, a journal's page width */
#define FIGURE_MARGIN  2.0      /* keeps outer strokes inside the image */
#define FIGURE_FONT    "Sans 8.5"
#define FIGURE_BOLD    "Sans Bold 8.5"
#define FIGURE_SMALL   "Sans 7.5"
#define FIGURE_HEADING "Sans Bold 9"

/* A piece as drawn: a box (filled, outlined or neither) and its text. */
typedef struct {
  GrdFigureItem  item;          /* first, so that get_item hands it out */
  char          *text;
  PangoLayout   *layout;
  double         text_dx;       /* where the ink starts in the layout */
  gboolean       vertical;      /* text turned a quarter anticlockwise */
  gboolean       filled;
  double         fill[3];
  double         line_width;    /* 0: no outline */
  gboolean       dashed;
  double         stroke[3];
  double         radius;
  double         ink[3];
} GrdFigureShape;

typedef struct {
  double x0, y0, x1, y1;
  double gray;
  double width;
} GrdFigureLine;

struct _GrdFigure {
  GrdFigureKind  kind;
  double         width;
  double         height;
  GArray        *shapes;        /* GrdFigureShape, drawn in order after the lines */
  GArray        *lines;         /* GrdFigureLine */
  PangoContext  *pango;
};

#define FIGURE_SHAPE(figure, i) (&g_array_index ((figure)->shapes, GrdFigureShape, (i)))

/* A new piece with its text (NULL: none) measured, wrapped at max_width
 * points and centred when centre; no box, at 0, 0 until placed. Returns
 * its index. */
guint _grd_figure_add       (GrdFigure     *figure,
                             GrdFigurePart  part,
                             gint64         code_id,
                             const char    *text,
                             const char    *font,
                             double         max_width,
                             gboolean       centre);
/* Puts the piece's box at x, y and its text at the box's inner top left
 * (or centred across the box when the text is centred). */
void  _grd_figure_place     (GrdFigure     *figure,
                             guint          index,
                             double         x,
                             double         y,
                             double         width,
                             double         height,
                             double         pad_x,
                             double         pad_y);
void  _grd_figure_add_line  (GrdFigure     *figure,
                             double         x0,
                             double         y0,
                             double         x1,
                             double         y1,
                             double         gray,
                             double         width);

/* The project's codes in tree order, or only root_code_id's subtree
 * (unless 0) with the root made top level. */
GPtrArray *_grd_figure_list_codes  (GrdProject    *project,
                                    gint64         root_code_id,
                                    GError       **error);

/* grd-report-chart.c: the frequencies and the heat map. */
gboolean _grd_figure_lay_out_chart (GrdFigure     *figure,
                                    GrdProject    *project,
                                    gint64         root_code_id,
                                    GCancellable  *cancellable,
                                    GError       **error);

G_END_DECLS
