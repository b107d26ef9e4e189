/* crash-editor.c: edits a project as fast as it can until it is killed
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * test-crash kills this with SIGKILL at random moments. Before each edit it
 * prints "begin N K": N codings are committed, the edit in flight adds K.
 */

#include "config.h"

#include <stdio.h>

#include "grd-core.h"

static const char transcript[] =
  "Interviewer: Apa yang memotivasi Anda sebagai KAM? 🙂\n"
  "Budi Santoso: Trust, because with the right solution provided to customers, trust will emerge. "
  "Saya harus belajar bahasa daerah 𝒜 untuk dekat dengan nasabah di Medan — café, naïve, señor.\n";

static gint64
count_codings (GrdProject *project)
{
  g_autoptr(GPtrArray) codings = grd_project_list_codings (project, 0, NULL);

  return codings != NULL ? codings->len : -1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdProject) project = NULL;
  g_autoptr(GrdSource) source = NULL;
  g_autoptr(GrdCode) code = NULL;
  gint64 n, length;

  if (argc != 2)
    {
      g_printerr ("usage: crash-editor PROJECT\n");
      return 2;
    }

  grd_core_init ();

  project = g_file_test (argv[1], G_FILE_TEST_EXISTS) ? grd_project_open (argv[1], &error)
                                                     : grd_project_create (argv[1], &error);
  if (project == NULL)
    g_error ("%s", error->message);

  /* An earlier run may have been killed between these steps. */
  if ((source = grd_project_find_source (project, "interview", NULL)) == NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GrdImportedText) imported = NULL;

      for (guint i = 0; i < 40; i++)
        g_string_append (text, transcript);
      bytes = g_bytes_new (text->str, text->len);

      if ((imported = grd_import_bytes (bytes, "interview.txt", &error)) == NULL ||
          grd_project_add_source (project, imported, NULL, &error) == 0 ||
          (source = grd_project_find_source (project, "interview", &error)) == NULL)
        g_error ("%s", error->message);
    }
  if ((code = grd_project_find_code (project, "Trust", NULL)) == NULL &&
      (grd_project_add_code (project, 0, "Trust", GRD_CODE_KIND_OPEN_CODE, NULL, NULL, &error) == 0 ||
       (code = grd_project_find_code (project, "Trust", &error)) == NULL))
    g_error ("%s", error->message);

  length = source->length;
  n = count_codings (project);

  for (;;)
    {
      /* every fifth edit is a batch of three codings, one undo step */
      gint64 k = n % 5 == 4 ? 3 : 1;

      printf ("begin %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", n, k);
      fflush (stdout);

      if (k > 1 && !grd_project_begin_batch (project, "Code three passages", &error))
        g_error ("%s", error->message);

      for (gint64 i = n; i < n + k; i++)
        {
          /* distinct spans, all inside the text */
          gint64 start = i % (length - 100);
          gint64 end = start + 1 + i / (length - 100);

          if (grd_project_add_coding (project, source->id, code->id, start, end, &error) == 0)
            g_error ("%s", error->message);
        }

      if (k > 1 && !grd_project_end_batch (project, &error))
        g_error ("%s", error->message);

      n += k;
    }
}
