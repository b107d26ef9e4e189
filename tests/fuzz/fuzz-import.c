/* fuzz-import.c: a libFuzzer target for one importer
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built once per format, with GRD_FUZZ_FILE_NAME naming a file of that
 * format ("input.docx"): the name picks the importer. See meson.build for
 * how to build and run the targets.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "grd-core.h"

#ifndef GRD_FUZZ_FILE_NAME
# error "GRD_FUZZ_FILE_NAME names the file whose importer is fuzzed"
#endif

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A failed precondition inside an importer is a bug the fuzzer should
   * stop at, not a message to scroll past. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdImportedText) imported = grd_import_bytes (bytes, GRD_FUZZ_FILE_NAME, &error);

  /* What the project would insist on: every range and turn inside the
   * text, ranges sorted as grd_format_range_compare() sorts them, turns in
   * order and apart, the text valid UTF-8 of the length claimed, no NUL. */
  if (imported != NULL)
    {
      g_assert (g_utf8_validate_len (imported->text, imported->text_len, NULL));
      g_assert (strlen (imported->text) == imported->text_len);
      g_assert (grd_utf8_count_chars (imported->text, imported->text_len) == imported->n_chars);
      for (guint i = 0; i < imported->formats->len; i++)
        {
          const GrdFormatRange *range = &g_array_index (imported->formats, GrdFormatRange, i);

          g_assert (range->start >= 0 && range->start < range->end);
          g_assert (range->end <= imported->n_chars);
          if (i > 0)
            g_assert (grd_format_range_compare (range - 1, range) <= 0);
        }
      for (guint i = 0; i < imported->turns->len; i++)
        {
          const GrdTurn *turn = &g_array_index (imported->turns, GrdTurn, i);

          g_assert (turn->start >= 0 && turn->start < turn->end);
          g_assert (turn->end <= imported->n_chars);
          if (i > 0)
            g_assert ((turn - 1)->end <= turn->start);
        }
    }
  else
    g_assert (error != NULL && error->message != NULL);

  return 0;
}
