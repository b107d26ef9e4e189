/* grd-renderer.h: drawing with cairo where OpenGL is only emulated
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Call after gtk_init() and before the first window is shown. Returns the
 * GL renderer's name when it was a software rasterizer and cairo was
 * chosen instead; NULL when GTK keeps its own choice. */
char *grd_renderer_prefer_cairo_on_software_gl (void);

G_END_DECLS
