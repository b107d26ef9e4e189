/* grd-screenshot.h: a window rendered to PNG, for tests and documentation
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Renders window as it is drawn now, with its own renderer. */
gboolean grd_screenshot_save (GtkWindow   *window,
                              const char  *path,
                              GError     **error);

G_END_DECLS
