/* grd-drawing.c: text, boxes, colours and image files for every figure
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-drawing"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "grd-drawing.h"
#include "grd-project.h"
#include "grd-temp-file.h"

#define MAX_PIXELS 32767   /* cairo's limit for an image surface's side */

static const char * const format_names[] = { "svg", "png", "pdf" };

gboolean
grd_image_format_from_string (const char     *string,
                              GrdImageFormat *format)
{
  for (guint i = 0; string != NULL && i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (string, format_names[i]) == 0)
      {
        *format = (GrdImageFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
grd_image_format_to_string (GrdImageFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (format_names), NULL);

  return format_names[format];
}

PangoContext *
grd_drawing_new_context (void)
{
  /* A font map of its own rather than the thread's default: a figure laid
   * out on a worker is drawn on the main thread while the worker (reused)
   * may be laying out the next one, and a font map is not thread-safe. */
  g_autoptr(PangoFontMap) fonts = pango_cairo_font_map_new ();
  PangoContext *context = pango_font_map_create_context (fonts);

  pango_cairo_context_set_resolution (context, 72.0);
  return context;
}

PangoLayout *
grd_drawing_new_text (PangoContext *context,
                      const char   *font,
                      const char   *text,
                      double        max_width,
                      int           max_lines)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (max_lines > 0)
    {
      pango_layout_set_height (layout, -max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

void
grd_drawing_rounded_box (cairo_t *cr,
                         double   x,
                         double   y,
                         double   width,
                         double   height,
                         double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

void
grd_drawing_parse_color (const char *color,
                         double      rgb[3])
{
  guint value = (guint) g_ascii_strtoull (color != NULL && color[0] == '#' ? color + 1 : "3584e4",
                                          NULL, 16);

  rgb[0] = ((value >> 16) & 0xff) / 255.0;
  rgb[1] = ((value >> 8) & 0xff) / 255.0;
  rgb[2] = (value & 0xff) / 255.0;
}

/* Writing */

typedef struct {
  int fd;
  int error;   /* the first errno, 0 while all is well */
} Sink;

static cairo_status_t
write_to_sink (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  Sink *sink = closure;

  while (length > 0 && sink->error == 0)
    {
      ssize_t written = write (sink->fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        sink->error = errno;
      else
        {
          data += written;
          length -= (unsigned int) written;
        }
    }
  return sink->error == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void
paint (cairo_surface_t *surface,
       double           scale,
       GrdDrawFunc      draw,
       gpointer         data)
{
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, scale, scale);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  draw (data, cr);
  cairo_destroy (cr);
}

gboolean
grd_drawing_write (const char      *path,
                   GrdImageFormat   format,
                   double           width,
                   double           height,
                   double           scale,
                   GrdDrawFunc      draw,
                   gpointer         data,
                   GError         **error)
{
  g_autoptr(GrdTempFile) file = NULL;
  g_autofree char *name = NULL;
  cairo_surface_t *surface;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  Sink sink = { -1, 0 };

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);

  name = g_filename_display_basename (path);
  if (format == GRD_IMAGE_FORMAT_PNG &&
      (scale <= 0 || ceil (width * scale) > MAX_PIXELS || ceil (height * scale) > MAX_PIXELS))
    {
      g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID,
                   _("%s: an image of %.0f × %.0f pixels is too large; "
                     "save it as SVG or PDF, or at a smaller scale"),
                   name, ceil (width * scale), ceil (height * scale));
      return FALSE;
    }

  file = grd_temp_file_new (path, G_IO_ERROR, G_IO_ERROR_FAILED, error);
  if (file == NULL)
    return FALSE;
  sink.fd = grd_temp_file_get_fd (file);

  switch (format)
    {
    case GRD_IMAGE_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_sink, &sink, width, height);
      /* points, as in the PDF: the figure keeps its printed size */
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
      paint (surface, 1.0, draw, data);
      cairo_surface_finish (surface);
      break;
    case GRD_IMAGE_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_to_sink, &sink, width, height);
      paint (surface, 1.0, draw, data);
      cairo_surface_finish (surface);
      break;
    case GRD_IMAGE_FORMAT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
        {
          paint (surface, scale, draw, data);
          status = cairo_surface_write_to_png_stream (surface, write_to_sink, &sink);
        }
      break;
    }
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (sink.error != 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (sink.error),
                   _("%s: cannot write the image: %s"), name, g_strerror (sink.error));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: cannot draw the image: %s"),
                   name, cairo_status_to_string (status));
      return FALSE;
    }

  return grd_temp_file_commit (file, error);
}
