/* grounded-corpus.c: writes the benchmark corpus to a project file
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: grounded-corpus S|M|L OUTPUT.grounded
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib/gstdio.h>

#include "grd-corpus.h"

static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdProject) project = NULL;
  GrdCorpusSize size;
  GrdCorpusInfo info;
  gint64 start;

  setlocale (LC_ALL, "");

  if (argc != 3 || !grd_corpus_size_from_string (argv[1], &size))
    {
      fprintf (stderr, "Usage: %s S|M|L OUTPUT.grounded\n", g_get_prgname () ? g_get_prgname () : argv[0]);
      return 2;
    }

  grd_core_init ();
  grd_corpus_get_info (size, &info);

  start = g_get_monotonic_time ();
  project = grd_project_create (argv[2], &error);
  if (project == NULL || !grd_corpus_build (project, size, &error))
    {
      fprintf (stderr, "%s: %s\n", argv[2], error->message);
      if (project != NULL)
        {
          /* We made the file: do not leave half a corpus behind. */
          grd_project_close (project);
          for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
            {
              g_autofree char *file = g_strconcat (argv[2], suffixes[i], NULL);

              g_unlink (file);
            }
        }
      return 1;
    }
  grd_project_close (project);

  printf ("%s: corpus %s, %u sources, %u codes, %u codings in %.2f s\n",
          argv[2], grd_corpus_size_to_string (size), info.n_sources, info.n_codes,
          info.n_codings, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  return 0;
}
