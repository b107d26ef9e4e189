/* test-raw-zip.h: archives as a hostile tool would write them
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <zip.h>

/* Writes an archive with libzip directly, bypassing our writer's checks, so
 * tests can build what a hostile tool would. Entries: name, data, length,
 * compression method; ended by a NULL name. */
typedef struct {
  const char *name;
  const char *data;
  gsize       len;
  gint32      method;
  gboolean    encrypt;
} RawEntry;

static inline char *
write_raw_zip (const char     *dir,
               const char     *base,
               const RawEntry *entries)
{
  char *path = g_build_filename (dir, base, NULL);
  int code = 0;
  zip_t *archive = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &code);

  g_assert_nonnull (archive);
  for (const RawEntry *e = entries; e->name != NULL; e++)
    {
      zip_source_t *source = zip_source_buffer (archive, e->data, e->len, 0);
      zip_int64_t index = zip_file_add (archive, e->name, source, ZIP_FL_ENC_UTF_8);

      g_assert_cmpint (index, >=, 0);
      g_assert_cmpint (zip_set_file_compression (archive, index, e->method, 9), ==, 0);
      if (e->encrypt)
        g_assert_cmpint (zip_file_set_encryption (archive, index, ZIP_EM_AES_256, "secret"), ==, 0);
    }
  g_assert_cmpint (zip_close (archive), ==, 0);
  return path;
}
