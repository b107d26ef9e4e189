/* grd-temp-file.c: write a file beside its target, rename it into place
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "grd-temp-file.h"

struct _GrdTempFile
{
  char   *path;
  char   *tmp_path;      /* NULL once renamed into place */
  char   *display;
  GQuark  domain;
  gint    code;
  int     fd;
};

GrdTempFile *
grd_temp_file_new (const char  *path,
                   GQuark       error_domain,
                   gint         error_code,
                   GError     **error)
{
  g_autoptr(GrdTempFile) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *template = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  template = g_strdup_printf (".%s.XXXXXX", base);
  self = g_new0 (GrdTempFile, 1);
  self->path = g_strdup (path);
  self->display = g_filename_display_basename (path);
  self->domain = error_domain;
  self->code = error_code;
  self->tmp_path = g_build_filename (dir, template, NULL);
  self->fd = g_mkstemp_full (self->tmp_path, O_RDWR | O_CLOEXEC, 0666);
  if (self->fd < 0)
    {
      int saved = errno;

      g_set_error (error, error_domain, error_code,
                   _("%s: cannot create a file in its folder: %s"),
                   self->display, g_strerror (saved));
      g_clear_pointer (&self->tmp_path, g_free);
      return NULL;
    }
  return g_steal_pointer (&self);
}

const char *
grd_temp_file_get_path (GrdTempFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->tmp_path;
}

int
grd_temp_file_get_fd (GrdTempFile *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->fd;
}

gboolean
grd_temp_file_commit (GrdTempFile  *self,
                      GError      **error)
{
  int fd;

  g_return_val_if_fail (self != NULL && self->tmp_path != NULL, FALSE);

  /* By name, not by self->fd: a writer (libzip) may have replaced the
   * file at tmp_path with one of its own. A rename before the data is on
   * the disk could leave an empty file in place of the old one. */
  fd = g_open (self->tmp_path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fsync (fd) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, self->domain, self->code,
                   _("%s: cannot write the file to the disk: %s"),
                   self->display, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  if (g_rename (self->tmp_path, self->path) != 0)
    {
      int saved = errno;

      g_set_error (error, self->domain, self->code,
                   _("%s: cannot move the finished file into place: %s"),
                   self->display, g_strerror (saved));
      return FALSE;
    }
  g_clear_pointer (&self->tmp_path, g_free);
  return TRUE;
}

void
grd_temp_file_free (GrdTempFile *self)
{
  if (self == NULL)
    return;

  if (self->fd >= 0)
    close (self->fd);
  if (self->tmp_path != NULL)
    g_unlink (self->tmp_path);
  g_free (self->tmp_path);
  g_free (self->path);
  g_free (self->display);
  g_free (self);
}
