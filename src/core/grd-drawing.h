/* grd-drawing.h: what the code map and the report figures share: text
 * measured as cairo draws it, boxes, colours, and images written to SVG,
 * PNG or PDF
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

G_BEGIN_DECLS

typedef enum {
  GRD_IMAGE_FORMAT_SVG,
  GRD_IMAGE_FORMAT_PNG,
  GRD_IMAGE_FORMAT_PDF,
} GrdImageFormat;

gboolean      grd_image_format_from_string (const char     *string,
                                            GrdImageFormat *format);
/* "svg", "png" or "pdf" */
const char   *grd_image_format_to_string   (GrdImageFormat  format);

/* A Pango context that measures text at one point per unit, as the
 * drawing functions draw it on a surface of points, with a font map of
 * its own: what is laid out with it may be drawn on another thread. */
PangoContext *grd_drawing_new_context      (void);
/* Text of font ("Sans 8.5") wrapped at max_width points, cut with an
 * ellipsis after max_lines lines (0: never cut). */
PangoLayout  *grd_drawing_new_text         (PangoContext   *context,
                                            const char     *font,
                                            const char     *text,
                                            double          max_width,
                                            int             max_lines);
void          grd_drawing_rounded_box      (cairo_t        *cr,
                                            double          x,
                                            double          y,
                                            double          width,
                                            double          height,
                                            double          radius);
/* "#rrggbb" into 0..1 components; anything else is the default blue. */
void          grd_drawing_parse_color      (const char     *color,
                                            double          rgb[3]);

typedef void (*GrdDrawFunc) (gpointer  data,
                             cairo_t  *cr);

/* Draws an image of width × height points on white with draw (which
 * draws in points from 0, 0) and writes it to path: a temporary file
 * renamed into place, so the file is the old one or the whole new one.
 * scale: PNG pixels per point (ignored for SVG and PDF). Errors name
 * the file; an image past 32767 pixels a side is refused
 * (GRD_PROJECT_ERROR_INVALID). */
gboolean      grd_drawing_write            (const char     *path,
                                            GrdImageFormat  format,
                                            double          width,
                                            double          height,
                                            double          scale,
                                            GrdDrawFunc     draw,
                                            gpointer        data,
                                            GError        **error);

G_END_DECLS
