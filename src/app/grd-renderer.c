/* grd-renderer.c: drawing with cairo where OpenGL is only emulated
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 draws with OpenGL wherever it can get a context, even one that
 * Mesa emulates on the CPU (llvmpipe, softpipe: virtual machines, remote
 * desktops, machines without a graphics driver). There every frame of the
 * coding window took 60-140 ms, where GTK's cairo renderer, also on the
 * CPU, takes 15-25 ms. So on such a machine Grounded asks for cairo, as a
 * user could with GSK_RENDERER=cairo; a GSK_RENDERER of the user's own
 * always wins. GTK reads the variable when it makes its first renderer.
 */

#define G_LOG_DOMAIN "grd-renderer"

#include "config.h"

#include <epoxy/gl.h>
#include <gtk/gtk.h>

#include "grd-renderer.h"

static const char * const software_rasterizers[] = {
  "llvmpipe",
  "softpipe",
  "SWR",
  "Software Rasterizer",
};

char *
grd_renderer_prefer_cairo_on_software_gl (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GdkGLContext) context = NULL;
  const char *renderer;
  g_autofree char *name = NULL;

  if (display == NULL || g_getenv ("GSK_RENDERER") != NULL)
    return NULL;

  /* No context at all: GTK falls back to cairo by itself. */
  context = gdk_display_create_gl_context (display, NULL);
  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return NULL;

  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  name = g_strdup (renderer);
  gdk_gl_context_clear_current ();

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (software_rasterizers); i++)
    if (strstr (name, software_rasterizers[i]) != NULL)
      {
        g_setenv ("GSK_RENDERER", "cairo", TRUE);
        return g_steal_pointer (&name);
      }

  return NULL;
}
