/* bench-refi.c: how fast REFI-QDA projects and code books go out and in
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-refi [S|M|L]   (L when not given)
 *
 * Builds the benchmark corpus, exports it as a .qdpx and a .qdc, and
 * imports the .qdpx into a fresh project, each step in a child process of
 * its own so that its peak memory is its own; prints the figures against
 * the targets. Fails only when a core call fails.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "grd-corpus.h"
#include "grd-refi.h"

typedef enum {
  STEP_BUILD,
  STEP_EXPORT,
  STEP_EXPORT_CODEBOOK,
  STEP_IMPORT,
} Step;

static G_GNUC_NORETURN void
fail (const char *what,
      GError     *error)
{
  fprintf (stderr, "bench-refi: %s failed: %s\n", what,
           error != NULL ? error->message : "no error set");
  exit (EXIT_FAILURE);
}

/* The seconds the step's core call took, opening the project not counted. */
static double
run_step (Step           step,
          GrdCorpusSize  size,
          const char    *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdProject) project = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autofree char *corpus = g_build_filename (dir, "corpus.grounded", NULL);
  g_autofree char *qdpx = g_build_filename (dir, "corpus.qdpx", NULL);
  g_autofree char *qdc = g_build_filename (dir, "corpus.qdc", NULL);
  g_autofree char *target = g_build_filename (dir, "imported.grounded", NULL);
  gint64 start = 0;

  switch (step)
    {
    case STEP_BUILD:
      project = grd_project_create (corpus, &error);
      start = g_get_monotonic_time ();
      if (project == NULL || !grd_corpus_build (project, size, &error))
        fail ("building the corpus", error);
      break;
    case STEP_EXPORT:
    case STEP_EXPORT_CODEBOOK:
      project = grd_project_open (corpus, &error);
      if (project == NULL)
        fail ("grd_project_open", error);
      start = g_get_monotonic_time ();
      report = step == STEP_EXPORT ? grd_refi_export_project (project, qdpx, NULL, &error)
                                   : grd_refi_export_codebook (project, qdc, &error);
      if (report == NULL)
        fail ("the export", error);
      break;
    case STEP_IMPORT:
    default:
      project = grd_project_create (target, &error);
      if (project == NULL)
        fail ("grd_project_create", error);
      start = g_get_monotonic_time ();
      report = grd_refi_import_project (project, qdpx, NULL, &error);
      if (report == NULL)
        fail ("grd_refi_import_project", error);
      break;
    }
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* Runs step in a child; the seconds its core call took (the child says
 * through a pipe), the child's CPU seconds (the figure to compare on a
 * machine busy with other work) and its peak RSS in MiB. */
static void
time_step (Step           step,
           GrdCorpusSize  size,
           const char    *dir,
           double        *seconds,
           double        *cpu_seconds,
           double        *peak_mib)
{
  struct rusage usage;
  int status;
  int fds[2];
  pid_t pid;

  fflush (stdout);
  if (pipe (fds) != 0 || (pid = fork ()) < 0)
    {
      perror ("bench-refi: fork");
      exit (EXIT_FAILURE);
    }
  if (pid == 0)
    {
      double took = run_step (step, size, dir);

      _exit (write (fds[1], &took, sizeof took) == sizeof took ? EXIT_SUCCESS : EXIT_FAILURE);
    }
  close (fds[1]);
  if (read (fds[0], seconds, sizeof *seconds) != sizeof *seconds ||
      wait4 (pid, &status, 0, &usage) < 0 || !WIFEXITED (status) ||
      WEXITSTATUS (status) != 0)
    exit (EXIT_FAILURE);
  close (fds[0]);
  *cpu_seconds = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
                 (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  *peak_mib = usage.ru_maxrss / 1024.0;   /* KiB on Linux */
}

static void
remove_project (const char *dir,
                const char *name)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (name, suffixes[i], NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);

      g_unlink (path);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *qdpx = NULL;
  g_autofree char *qdc = NULL;
  GrdCorpusSize size = GRD_CORPUS_SIZE_L;
  double seconds, cpu, peak;
  GStatBuf st;

  setlocale (LC_ALL, "");
  if (argc > 2 || (argc == 2 && !grd_corpus_size_from_string (argv[1], &size)))
    {
      fprintf (stderr, "Usage: bench-refi [S|M|L]\n");
      return 2;
    }
  grd_core_init ();

  dir = g_dir_make_tmp ("grounded-bench-refi-XXXXXX", &error);
  if (dir == NULL)
    fail ("g_dir_make_tmp", error);
  qdpx = g_build_filename (dir, "corpus.qdpx", NULL);
  qdc = g_build_filename (dir, "corpus.qdc", NULL);

  printf ("REFI-QDA exchange, corpus %s\n", grd_corpus_size_to_string (size));
  time_step (STEP_BUILD, size, dir, &seconds, &cpu, &peak);
  printf ("  corpus built in %.1f s\n", seconds);

  time_step (STEP_EXPORT, size, dir, &seconds, &cpu, &peak);
  printf ("  export .qdpx     %6.2f s  (target < 8 s)    peak RSS %6.1f MiB (target < 300)"
          "  CPU %.2f s", seconds, peak, cpu);
  if (g_stat (qdpx, &st) == 0)
    printf ("  %.1f MB", st.st_size / 1e6);
  printf ("\n");

  time_step (STEP_EXPORT_CODEBOOK, size, dir, &seconds, &cpu, &peak);
  printf ("  export .qdc      %6.3f s  (target < 0.05 s)\n", seconds);

  time_step (STEP_IMPORT, size, dir, &seconds, &cpu, &peak);
  printf ("  import .qdpx     %6.2f s  (target < 12 s)   peak RSS %6.1f MiB (target < 300)"
          "  CPU %.2f s\n", seconds, peak, cpu);

  remove_project (dir, "corpus.grounded");
  remove_project (dir, "imported.grounded");
  g_unlink (qdpx);
  g_unlink (qdc);
  g_rmdir (dir);
  return EXIT_SUCCESS;
}
