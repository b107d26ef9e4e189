/* grd-temp-file.h: write a file beside its target, rename it into place
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A new file in the target's folder (so the rename cannot cross file
 * systems), mode 0666 less the umask like any new file. commit() flushes
 * it to the disk and renames it over the target, so the target is the old
 * file or the whole new one, even after a crash; freeing an uncommitted
 * one removes it and leaves the target untouched. Errors name the target
 * and are in the domain and code the caller gives. */
typedef struct _GrdTempFile GrdTempFile;

GrdTempFile *grd_temp_file_new      (const char   *path,
                                     GQuark        error_domain,
                                     gint          error_code,
                                     GError      **error);
/* The temporary file's path, and a descriptor open for reading and
 * writing on it, both the temporary file's own until commit or free. */
const char  *grd_temp_file_get_path (GrdTempFile  *self);
int          grd_temp_file_get_fd   (GrdTempFile  *self);
gboolean     grd_temp_file_commit   (GrdTempFile  *self,
                                     GError      **error);
void         grd_temp_file_free     (GrdTempFile  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdTempFile, grd_temp_file_free)

G_END_DECLS
