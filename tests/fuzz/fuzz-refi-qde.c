/* fuzz-refi-qde.c: libFuzzer target for REFI-QDA project import (.qde, .qdpx)
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "grd-core.h"
#include "grd-refi-private.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static GrdProject *project;
static char *project_path;
static guint n_imports;

static void
remove_project (void)
{
  g_autofree char *dir = g_path_get_dirname (project_path);
  g_autofree char *wal = g_strconcat (project_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (project_path, "-shm", NULL);

  g_clear_object (&project);
  g_unlink (project_path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

/* One project for the whole run: each input is imported into it and
 * undone, so the file stays small and every input meets the same state. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("grounded-fuzz-XXXXXX", &error);

  g_assert_no_error (error);
  grd_core_init ();
  project_path = g_build_filename (dir, "fuzz.grounded", NULL);
  project = grd_project_create (project_path, &error);
  g_assert_no_error (error);
  grd_project_set_current_coder (project, "Fuzzer", &error);
  g_assert_no_error (error);
  atexit (remove_project);
  return 0;
}

/* A zip archive is imported as a .qdpx, so the lookups of its entries
 * (any *.qde, Sources/ or sources/, internal:// paths, limits) are fuzzed
 * too; anything else as project.qde. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autoptr(GrdZipReader) zip = NULL;
  gboolean archive = size >= 4 && memcmp (data, "PK\x03\x04", 4) == 0;

  if (archive)
    {
      zip = grd_zip_reader_new_from_bytes (bytes, "fuzz.qdpx", &error);
      if (zip != NULL)
        report = _grd_refi_import_archive (project, zip, NULL, &error);
    }
  else
    report = _grd_refi_import_qde (project, bytes, "fuzz.qde", NULL, NULL, &error);
  if (report == NULL)
    {
      /* only the errors the API promises: what is wrong with one element
       * is a warning, so no project error may get here */
      g_assert (error != NULL);
      g_assert (error->domain == GRD_REFI_ERROR || (archive && error->domain == GRD_ZIP_ERROR));
      return 0;
    }

  g_assert_no_error (error);
  if (grd_project_can_undo (project))
    {
      g_free (grd_project_undo (project, &error));
      g_assert_no_error (error);
    }
  if (++n_imports % 512 == 0)
    {
      grd_project_forget_history (project, &error);
      g_assert_no_error (error);
    }
  return 0;
}
