/* bench-import.c: how fast transcripts are imported
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-import [--keep]
 *
 * Makes 100 Word transcripts of 8,000 words and one 300-page PDF (in a
 * child process, so that making them does not count in the peak memory),
 * then imports them into fresh projects, each as one batch, and prints the
 * figures against the targets. Fails when a core call fails or a target
 * is missed, so that a slower importer cannot pass unnoticed.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "grd-core.h"

#define N_DOCX          100
#define WORDS_PER_DOCX  8000
#define N_PDF_PAGES     300
#define LINES_PER_PAGE  48
#define WORDS_PER_LINE  12

/* English with Indonesian names and non-Latin letters, as the core
 * benchmark's corpus. */
static const char * const words[] = {
  "the", "client", "trust", "kepercayaan", "bank", "Medan", "café", "we", "meet", "every",
  "month", "target", "solusi", "naïve", "résumé", "because", "relationship", "manager",
  "Budi", "Wati", "Jakarta", "listen", "first", "product", "selling", "not", "just",
  "Zürich", "Ελλάδα", "中文", "value", "job", "motivation", "pelayanan", "adalah", "segalanya",
};

static G_GNUC_NORETURN void
fail (const char *what,
      GError     *error)
{
  fprintf (stderr, "bench-import: %s failed: %s\n", what,
           error != NULL ? error->message : "no error set");
  exit (EXIT_FAILURE);
}

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static double
peak_rss_mib (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0;

  return usage.ru_maxrss / 1024.0;  /* KiB on Linux */
}

static const char *
next_word (GRand *rng)
{
  return words[g_rand_int_range (rng, 0, G_N_ELEMENTS (words))];
}

/* Turns of 20 to 200 words, alternating speakers, names in bold; now and
 * then an italic word, as transcription services deliver them. */
static GBytes *
make_document_xml (GRand *rng)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
                                         "wordprocessingml/2006/main\"><w:body>");
  guint n_words = 0;

  for (guint turn = 0; n_words < WORDS_PER_DOCX; turn++)
    {
      guint length = (guint) g_rand_int_range (rng, 20, 200);

      g_string_append_printf (xml, "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>%s:</w:t></w:r>"
                              "<w:r><w:t xml:space=\"preserve\">",
                              turn % 2 == 0 ? "Interviewer" : "Respondent");
      for (guint i = 0; i < length && n_words < WORDS_PER_DOCX; i++, n_words++)
        {
          if (g_rand_int_range (rng, 0, 50) == 0)
            g_string_append_printf (xml, " </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>%s</w:t>"
                                    "</w:r><w:r><w:t xml:space=\"preserve\">",
                                    next_word (rng));
          else
            g_string_append_printf (xml, " %s", next_word (rng));
        }
      g_string_append (xml, "</w:t></w:r></w:p>");
    }
  g_string_append (xml, "</w:body></w:document>");

  return g_string_free_to_bytes (g_steal_pointer (&xml));
}

static void
make_docx (const char *path,
           GRand      *rng)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdZipWriter) writer = grd_zip_writer_new (path, &error);
  g_autoptr(GBytes) document = NULL;

  if (writer == NULL)
    fail ("grd_zip_writer_new", error);
  document = make_document_xml (rng);
  if (!grd_zip_writer_add_bytes (writer, "word/document.xml", document, &error) ||
      !grd_zip_writer_commit (writer, &error))
    fail ("writing a docx", error);
}

static void
make_pdf (const char *path,
          GRand      *rng)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 10);
  for (guint page = 0; page < N_PDF_PAGES; page++)
    {
      for (guint line = 0; line < LINES_PER_PAGE; line++)
        {
          g_autoptr(GString) text = g_string_new (line % 8 == 0 ? "Interviewer:" : "");

          for (guint i = 0; i < WORDS_PER_LINE; i++)
            g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "", next_word (rng));
          cairo_move_to (cr, 50, 50 + line * 15.5);
          cairo_show_text (cr, text->str);
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      fprintf (stderr, "bench-import: cairo: %s\n",
               cairo_status_to_string (cairo_surface_status (surface)));
      exit (EXIT_FAILURE);
    }
  cairo_surface_destroy (surface);
}

/* In a child process: what it allocates never shows in our peak RSS. */
static void
make_files (const char *dir)
{
  pid_t pid = fork ();
  int status;

  if (pid < 0)
    {
      perror ("bench-import: fork");
      exit (EXIT_FAILURE);
    }

  if (pid == 0)
    {
      GRand *rng = g_rand_new_with_seed (20260101);

      for (guint i = 0; i < N_DOCX; i++)
        {
          g_autofree char *name = g_strdup_printf ("interview-%03u.docx", i + 1);
          g_autofree char *path = g_build_filename (dir, "docx", name, NULL);

          make_docx (path, rng);
        }
      {
        g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);

        make_pdf (path, rng);
      }
      g_rand_free (rng);
      _exit (EXIT_SUCCESS);
    }

  if (waitpid (pid, &status, 0) < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      fprintf (stderr, "bench-import: making the files failed\n");
      exit (EXIT_FAILURE);
    }
}

static double
time_import (const char  *dir,
             const char  *project_name,
             const char  *what,
             guint       *n_sources,
             gint64      *n_chars)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, project_name, NULL);
  g_autofree char *input = g_build_filename (dir, what, NULL);
  g_autoptr(GPtrArray) given = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  GrdProject *project;
  gint64 start;
  double t;

  project = grd_project_create (path, &error);
  if (project == NULL)
    fail ("grd_project_create", error);

  /* From the file names to the committed batch, as `grounded-cli import`. */
  start = g_get_monotonic_time ();
  g_ptr_array_add (given, g_file_new_for_path (input));
  files = grd_import_expand_files (given, NULL, &error);
  if (files == NULL)
    fail ("grd_import_expand_files", error);
  reports = grd_project_import_files (project, files, GRD_IMPORT_FLAGS_NONE, NULL, NULL,
                                      NULL, NULL, NULL, &error);
  if (reports == NULL)
    fail ("grd_project_import_files", error);
  t = seconds_since (start);

  *n_sources = reports->len;
  *n_chars = 0;
  for (guint i = 0; i < reports->len; i++)
    *n_chars += ((GrdImportReport *) g_ptr_array_index (reports, i))->n_chars;

  grd_project_close (project);
  g_object_unref (project);
  return t;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *docx_dir = NULL;
  g_autofree char *cache = NULL;
  gboolean keep = argc > 1 && g_str_equal (argv[1], "--keep");
  guint n_sources;
  gint64 n_chars;
  double docx_s, pdf_s, rss;
  gboolean met;

  setlocale (LC_ALL, "");

  dir = g_dir_make_tmp ("grounded-bench-import-XXXXXX", &error);
  if (dir == NULL)
    fail ("making a temporary directory", error);
  docx_dir = g_build_filename (dir, "docx", NULL);
  g_mkdir (docx_dir, 0700);
  cache = g_build_filename (dir, "cache", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  make_files (dir);
  grd_core_init ();

  docx_s = time_import (dir, "docx.grounded", "docx", &n_sources, &n_chars);
  printf ("import %u docx of %u words: %.2f s (%" G_GINT64_FORMAT " characters)\n",
          n_sources, WORDS_PER_DOCX, docx_s, n_chars);
  pdf_s = time_import (dir, "pdf.grounded", "report.pdf", &n_sources, &n_chars);
  printf ("import one %u-page PDF: %.2f s (%" G_GINT64_FORMAT " characters)\n",
          N_PDF_PAGES, pdf_s, n_chars);
  rss = peak_rss_mib ();

  met = docx_s < 5 && pdf_s < 3 && rss < 200;
  printf ("\n| what | measured | target |\n|---|---|---|\n");
  printf ("| 100 docx of 8,000 words, one batch | %.2f s | < 5 s%s |\n", docx_s,
          docx_s < 5 ? "" : " (missed)");
  printf ("| one 300-page PDF | %.2f s | < 3 s%s |\n", pdf_s, pdf_s < 3 ? "" : " (missed)");
  printf ("| peak RSS | %.0f MiB | < 200 MiB%s |\n", rss, rss < 200 ? "" : " (missed)");
  if (!met)
    fprintf (stderr, "bench-import: a target was missed\n");

  if (keep)
    printf ("files and projects kept in %s\n", dir);
  else
    remove_tree (dir);

  return met ? EXIT_SUCCESS : EXIT_FAILURE;
}
