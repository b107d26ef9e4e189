/* main.c: the grounded executable
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "grd-application.h"
#include "grd-core.h"

/* --standalone, --screenshot and --sample are read before GApplication sees the
 * command line: both change how the application registers itself (a test's
 * own instance must never hand its files to a user's running one). */
static gboolean
take_flag (int         *argc,
           char       **argv,
           const char  *flag,
           char       **value)
{
  gsize flag_len = strlen (flag);

  for (int i = 1; i < *argc; i++)
    {
      const char *arg = argv[i];
      int taken = 0;

      if (g_strcmp0 (arg, "--") == 0)
        return FALSE;

      if (value == NULL && g_strcmp0 (arg, flag) == 0)
        taken = 1;
      else if (value != NULL && strncmp (arg, flag, flag_len) == 0 && arg[flag_len] == '=')
        {
          *value = g_strdup (arg + flag_len + 1);
          taken = 1;
        }
      else if (value != NULL && g_strcmp0 (arg, flag) == 0 && i + 1 < *argc)
        {
          *value = g_strdup (argv[i + 1]);
          taken = 2;
        }

      if (taken > 0)
        {
          memmove (&argv[i], &argv[i + taken], sizeof (char *) * (*argc - i - taken + 1));
          *argc -= taken;
          return TRUE;
        }
    }

  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GrdApplication) app = NULL;
  g_autofree char *screenshot = NULL;
  gboolean standalone;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  grd_core_init ();

  standalone = take_flag (&argc, argv, "--standalone", NULL);
  /* A screenshot run is always its own instance. */
  if (take_flag (&argc, argv, "--screenshot", &screenshot))
    standalone = TRUE;

  /* --sample opens the user's copy of the sample study, never the bundled
   * file (README's first command uses it). */
  if (take_flag (&argc, argv, "--sample", NULL))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *copy = grd_application_sample_copy (&error);
      g_autofree char **with_sample = NULL;

      if (copy == NULL)
        {
          g_printerr ("%s: %s\n", _("Could not open the sample study"), error->message);
          return 1;
        }
      with_sample = g_new0 (char *, argc + 2);
      memcpy (with_sample, argv, sizeof (char *) * argc);
      with_sample[argc] = copy;
      app = grd_application_new (standalone, screenshot);
      return g_application_run (G_APPLICATION (app), argc + 1, with_sample);
    }

  app = grd_application_new (standalone, screenshot);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
