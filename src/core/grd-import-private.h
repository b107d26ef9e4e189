/* grd-import-private.h: the readers behind the importer table
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grd-import.h"

G_BEGIN_DECLS

/* Only the importer table in grd-import.c calls these; everyone else goes
 * through grd_import_bytes(), which also checks what they return. The
 * importers for docx, odt, html and pdf add their readers here. */
char *_grd_import_read_plain_text (GBytes      *bytes,
                                   const char  *file_name,
                                   char       **encoding,
                                   GError     **error);
char *_grd_import_read_markdown   (GBytes      *bytes,
                                   const char  *file_name,
                                   char       **encoding,
                                   GError     **error);

G_END_DECLS
