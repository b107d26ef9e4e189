/* fuzz-zip.c: libFuzzer target for the zip container reader
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "grd-zip.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Every entry is looked up both ways and read under a 1 MiB limit: the
 * limits and the name checks must hold whatever the archive claims. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdZipReader) reader = grd_zip_reader_new_from_bytes (bytes, "fuzz.qdpx", &error);
  g_autoptr(GPtrArray) names = NULL;

  if (reader == NULL)
    {
      g_assert (error != NULL && error->domain == GRD_ZIP_ERROR);
      return 0;
    }

  names = grd_zip_reader_list_entries (reader);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(GBytes) entry = NULL;
      g_autoptr(GError) entry_error = NULL;

      g_assert (grd_zip_reader_has_entry (reader, name));
      g_assert (grd_zip_reader_find_entry_nocase (reader, name) != NULL);
      entry = grd_zip_reader_read_entry (reader, name, 1024 * 1024, &entry_error);
      g_assert ((entry == NULL) == (entry_error != NULL));
      g_assert (entry == NULL || g_bytes_get_size (entry) <= 1024 * 1024);
    }
  return 0;
}
