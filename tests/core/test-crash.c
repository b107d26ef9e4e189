/* test-crash.c: a killed process loses at most the edit in flight
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/wait.h>

#include "test-util.h"

static char *editor_path;

/* The last "begin N K" line the editor printed before it died. */
static gboolean
last_begin (const char *output,
            gint64     *committed,
            gint64     *in_flight)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  gboolean found = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gint64 n, k;

      if (sscanf (lines[i], "begin %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, &n, &k) == 2)
        {
          *committed = n;
          *in_flight = k;
          found = TRUE;
        }
    }

  return found;
}

/* Reads up to the first newline, a byte at a time so that nothing after it
 * is taken from the pipe; NULL when the editor closed it first. */
static char *
read_first_line (GInputStream *stream)
{
  g_autoptr(GString) line = g_string_new (NULL);
  char c;

  while (g_input_stream_read (stream, &c, 1, NULL, NULL) == 1)
    {
      g_string_append_c (line, c);
      if (c == '\n')
        return g_string_free (g_steal_pointer (&line), FALSE);
    }

  return NULL;
}

static void
test_kill_while_editing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("grounded-crash-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "crash.grounded", NULL);
  guint rounds = g_test_slow () ? 200 : 50;
  guint kills = 0, mid_edit = 0;

  g_assert_no_error (error);

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(GSubprocess) editor = NULL;
      g_autoptr(GBytes) output = NULL;
      g_autoptr(GBytes) errors = NULL;
      g_autoptr(GrdProject) project = NULL;
      g_autoptr(GPtrArray) codings = NULL;
      g_autofree char *label = NULL;
      g_autofree char *text = NULL;
      g_autofree char *first = NULL;
      gint64 committed = 0, in_flight = 0, found;

      editor = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                 &error, editor_path, path, NULL);
      g_assert_no_error (error);

      /* Most kills land in the edit loop, wherever the editor is slow to
       * start (under ASan, say); every tenth lands while it creates or
       * opens the project. */
      if (round % 10 == 0)
        g_usleep (g_test_rand_int_range (0, 60) * 1000);
      else
        {
          first = read_first_line (g_subprocess_get_stdout_pipe (editor));
          g_usleep (g_test_rand_int_range (0, 200) * 1000);
        }
      g_subprocess_send_signal (editor, SIGKILL);
      g_subprocess_communicate (editor, NULL, NULL, &output, &errors, &error);
      g_assert_no_error (error);
      g_subprocess_wait (editor, NULL, &error);
      g_assert_no_error (error);

      if (!g_subprocess_get_if_signaled (editor) || g_subprocess_get_term_sig (editor) != SIGKILL)
        g_error ("The editor stopped on its own in round %u: %.*s", round,
                 (int) g_bytes_get_size (errors), (const char *) g_bytes_get_data (errors, NULL));
      kills++;

      text = g_strdup_printf ("%s%.*s", first != NULL ? first : "", (int) g_bytes_get_size (output),
                              g_bytes_get_size (output) > 0 ? (const char *) g_bytes_get_data (output, NULL)
                                                            : "");
      if (!last_begin (text, &committed, &in_flight))
        continue;   /* killed while still creating or opening */

      mid_edit++;
      g_assert_cmpint (count_rows (path, "SELECT count(*) FROM pragma_integrity_check "
                                         "WHERE integrity_check <> 'ok'"), ==, 0);

      project = grd_project_open (path, &error);
      g_assert_no_error (error);
      codings = grd_project_list_codings (project, 0, &error);
      g_assert_no_error (error);
      found = codings->len;

      if (found != committed && found != committed + in_flight)
        g_error ("Round %u: %" G_GINT64_FORMAT " codings after a kill; %" G_GINT64_FORMAT
                 " were committed and %" G_GINT64_FORMAT " in flight",
                 round, found, committed, in_flight);

      /* The undo history agrees with the data: undoing the last step takes
       * away exactly the codings that step made. */
      if (found > 0)
        {
          g_autoptr(GPtrArray) after_undo = NULL;

          label = grd_project_undo (project, &error);
          g_assert_no_error (error);
          after_undo = grd_project_list_codings (project, 0, &error);
          g_assert_true (found - after_undo->len == 1 || found - after_undo->len == 3);
          g_clear_pointer (&label, g_free);
          label = grd_project_redo (project, &error);
          g_assert_no_error (error);
        }
    }

  g_test_message ("%u kills, %u of them while editing", kills, mid_edit);
  g_assert_cmpuint (kills, ==, rounds);
  /* Most kills must land in the edit loop, or the test proves little. */
  g_assert_cmpuint (mid_edit, >=, rounds * 3 / 4);
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  GOptionEntry entries[] = {
    { "editor", 0, 0, G_OPTION_ARG_FILENAME, &editor_path, "crash-editor to run", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (editor_path == NULL)
    g_error ("test-crash needs --editor PATH");

  grd_core_init ();

  g_test_add_func ("/grounded/crash/kill-while-editing", test_kill_while_editing);

  return g_test_run ();
}
