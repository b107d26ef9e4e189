/* grd-cli.c: grounded-cli, the scriptable face of a Grounded project
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "grd-cli.h"

static const GrdCliVerb * const verb_tables[] = {
  grd_cli_project_verbs,
  grd_cli_source_verbs,
  grd_cli_case_verbs,
  grd_cli_code_verbs,
  grd_cli_refi_verbs,
  grd_cli_report_verbs,
  grd_cli_review_verbs,
};

/* Options every command takes, wherever they appear on the line. */
#define GLOBAL_OPTIONS "json coder= help"

/* Arguments and options */

const char *
grd_cli_arg (GrdCli *cli,
             guint   index)
{
  return index < cli->args->len ? g_ptr_array_index (cli->args, index) : NULL;
}

gboolean
grd_cli_has_option (GrdCli     *cli,
                    const char *name)
{
  return g_hash_table_contains (cli->options, name);
}

const char *
grd_cli_get_option (GrdCli     *cli,
                    const char *name)
{
  return g_hash_table_lookup (cli->options, name);
}

gboolean
grd_cli_parse_int (GrdCli     *cli,
                   const char *what,
                   const char *text,
                   gint64      min,
                   gint64     *value)
{
  g_autoptr(GError) error = NULL;
  gint64 number;

  if (!g_ascii_string_to_signed (text, 10, min, G_MAXINT64, &number, &error))
    {
      if (g_error_matches (error, G_NUMBER_PARSER_ERROR, G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS))
        grd_cli_usage_error (cli, _("%s must be at least %" G_GINT64_FORMAT ", not “%s”"),
                             what, min, text);
      else
        grd_cli_usage_error (cli, _("%s must be a whole number, not “%s”"), what, text);
      return FALSE;
    }

  *value = number;
  return TRUE;
}

gboolean
grd_cli_get_int_option (GrdCli     *cli,
                        const char *name,
                        gint64      min,
                        gint64      default_value,
                        gint64     *value)
{
  const char *text = grd_cli_get_option (cli, name);
  g_autofree char *what = NULL;

  if (text == NULL)
    {
      *value = default_value;
      return TRUE;
    }

  what = g_strconcat ("--", name, NULL);
  return grd_cli_parse_int (cli, what, text, min, value);
}

gboolean
grd_cli_parse_id (GrdCli     *cli,
                  const char *what,
                  const char *text,
                  gint64     *id)
{
  return grd_cli_parse_int (cli, what, text, 1, id);
}

/* Reporting */

int
grd_cli_fail (GrdCli       *cli,
              const GError *error)
{
  /* Core messages already name the file or thing and say why. */
  g_printerr ("grounded-cli: %s\n", error != NULL ? error->message : _("unknown error"));
  return GRD_CLI_EXIT_FAILED;
}

int
grd_cli_fail_message (GrdCli     *cli,
                      const char *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("grounded-cli: %s\n", message);
  return GRD_CLI_EXIT_FAILED;
}

static void
print_verb_usage (FILE             *out,
                  const GrdCliVerb *verb)
{
  fprintf (out, _("Usage: grounded-cli [--json] [--coder NAME] %s\n"), verb->usage);
}

int
grd_cli_usage_error (GrdCli     *cli,
                     const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("grounded-cli: %s\n", message);
  if (cli != NULL && cli->verb != NULL)
    {
      print_verb_usage (stderr, cli->verb);
      g_printerr (_("Try “grounded-cli help %s” for more.\n"), cli->verb->command);
    }
  else
    {
      g_printerr ("%s\n", _("Usage: grounded-cli [--json] [--coder NAME] COMMAND PROJECT.grounded [ARGS…]"));
      g_printerr (_("Try “grounded-cli --help” for the list of commands.\n"));
    }

  return GRD_CLI_EXIT_USAGE;
}

/* Help */

static void
print_help (void)
{
  const char *last_command = NULL;

  printf ("%s\n\n", _("Usage: grounded-cli [--json] [--coder NAME] COMMAND PROJECT.grounded [ARGS…]"));
  printf ("%s\n\n", _("Reads and edits a Grounded qualitative-coding project. Every edit can be "
                      "undone with “undo”."));
  printf ("%s\n", _("Options:"));
  printf ("  --json         %s\n", _("print one JSON document on stdout, for scripts"));
  printf ("  --coder NAME   %s\n", _("code as NAME from now on (the project remembers it; see “coder”)"));
  printf ("  --help         %s\n\n", _("show this help; “help COMMAND” shows one command"));
  printf ("%s\n", _("Commands:"));

  for (guint t = 0; t < G_N_ELEMENTS (verb_tables); t++)
    for (const GrdCliVerb *verb = verb_tables[t]; verb->command != NULL; verb++)
      {
        if (g_strcmp0 (last_command, verb->command) != 0)
          printf ("\n");
        last_command = verb->command;
        printf ("  %s\n      %s\n", verb->usage, _(verb->summary));
      }

  printf ("\n%s\n", _("SOURCE is a source name or GUID; CODE a name, a path “A/B/C” or a GUID; "
                      "offsets count Unicode code points."));
  printf ("%s\n", _("Exit status: 0 success, 1 the command failed, 2 a usage error."));
}

static gboolean
print_command_help (const char *command)
{
  gboolean found = FALSE;

  for (guint t = 0; t < G_N_ELEMENTS (verb_tables); t++)
    for (const GrdCliVerb *verb = verb_tables[t]; verb->command != NULL; verb++)
      {
        if (!g_str_equal (verb->command, command))
          continue;
        if (!found)
          printf (_("Usage: grounded-cli [--json] [--coder NAME] %s …\n\n"), command);
        found = TRUE;
        printf ("  %s\n      %s\n", verb->usage, _(verb->summary));
      }

  return found;
}

/* Parsing */

/* Whether name is among the space-separated option names of list, and
 * whether it takes a value there. */
static gboolean
option_in (const char *list,
           const char *name,
           gboolean   *takes_value)
{
  g_auto(GStrv) names = g_strsplit (list != NULL ? list : "", " ", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      gsize len = strlen (names[i]);
      gboolean value = len > 0 && names[i][len - 1] == '=';

      if (value)
        names[i][len - 1] = '\0';
      if (g_str_equal (names[i], name))
        {
          *takes_value = value;
          return TRUE;
        }
    }

  return FALSE;
}

/* Splits args into options and positional arguments. When verb is NULL it
 * only finds the positional arguments, taking any option some verb of the
 * command knows; unknown options are then errors for the real pass. */
static int
parse_args (GrdCli            *cli,
            const char        *command,
            const GrdCliVerb  *verb,
            int                argc,
            char             **argv,
            GPtrArray         *positional)
{
  gboolean options_done = FALSE;

  for (int i = 0; i < argc; i++)
    {
      const char *arg = argv[i];
      g_autofree char *name = NULL;
      const char *value = NULL;
      gboolean takes_value = FALSE;
      gboolean known = FALSE;

      if (options_done || arg[0] != '-' || g_str_equal (arg, "-") ||
          (arg[1] != '-' && !g_str_equal (arg, "-h") && !g_str_equal (arg, "-o")))
        {
          g_ptr_array_add (positional, (gpointer) arg);
          continue;
        }
      if (g_str_equal (arg, "--"))
        {
          options_done = TRUE;
          continue;
        }

      if (g_str_equal (arg, "-h"))
        name = g_strdup ("help");
      else if (g_str_equal (arg, "-o"))
        name = g_strdup ("output");
      else
        {
          const char *equals = strchr (arg + 2, '=');

          name = equals != NULL ? g_strndup (arg + 2, equals - (arg + 2)) : g_strdup (arg + 2);
          value = equals != NULL ? equals + 1 : NULL;
        }

      known = option_in (GLOBAL_OPTIONS, name, &takes_value);
      if (!known && verb != NULL)
        known = option_in (verb->options, name, &takes_value);
      else if (!known)
        for (guint t = 0; t < G_N_ELEMENTS (verb_tables) && !known; t++)
          for (const GrdCliVerb *v = verb_tables[t]; v->command != NULL && !known; v++)
            if (g_str_equal (v->command, command))
              known = option_in (v->options, name, &takes_value);

      if (!known)
        {
          if (verb == NULL)
            continue;
          return grd_cli_usage_error (cli, _("unknown option “--%s”"), name);
        }

      if (takes_value && value == NULL)
        {
          if (i + 1 >= argc)
            {
              if (verb == NULL)
                continue;
              return grd_cli_usage_error (cli, _("option “--%s” needs a value"), name);
            }
          value = argv[++i];
        }
      else if (!takes_value && value != NULL)
        {
          if (verb == NULL)
            continue;
          return grd_cli_usage_error (cli, _("option “--%s” takes no value"), name);
        }

      if (verb == NULL)
        continue;

      if (g_str_equal (name, "json"))
        cli->json = TRUE;
      else if (g_str_equal (name, "coder"))
        {
          g_free (cli->coder);
          cli->coder = g_strdup (value);
        }
      else
        g_hash_table_insert (cli->options, g_steal_pointer (&name), g_strdup (value != NULL ? value : ""));
    }

  return GRD_CLI_EXIT_OK;
}

static const GrdCliVerb *
find_verb (const char *command,
           const char *verb_name)
{
  for (guint t = 0; t < G_N_ELEMENTS (verb_tables); t++)
    for (const GrdCliVerb *verb = verb_tables[t]; verb->command != NULL; verb++)
      if (g_str_equal (verb->command, command) && g_strcmp0 (verb->verb, verb_name) == 0)
        return verb;

  return NULL;
}

static void
cli_clear (GrdCli *cli)
{
  if (cli->project != NULL)
    grd_project_close (cli->project);
  g_clear_object (&cli->project);
  g_clear_pointer (&cli->args, g_ptr_array_unref);
  g_clear_pointer (&cli->options, g_hash_table_unref);
  g_clear_pointer (&cli->coder, g_free);
  g_clear_pointer (&cli->project_path, g_free);
}

static int
run (int    argc,
     char **argv)
{
  GrdCli cli = { 0, };
  g_autoptr(GPtrArray) positional = g_ptr_array_new ();
  const char *command = NULL;
  int first = 1;
  int status;

  cli.options = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cli.args = g_ptr_array_new ();

  /* Global options before the command. */
  for (; first < argc; first++)
    {
      const char *arg = argv[first];

      if (g_str_equal (arg, "--json"))
        cli.json = TRUE;
      else if (g_str_equal (arg, "--coder"))
        {
          if (first + 1 >= argc)
            {
              status = grd_cli_usage_error (NULL, _("option “--coder” needs a value"));
              cli_clear (&cli);
              return status;
            }
          g_free (cli.coder);
          cli.coder = g_strdup (argv[++first]);
        }
      else if (g_str_has_prefix (arg, "--coder="))
        {
          g_free (cli.coder);
          cli.coder = g_strdup (arg + strlen ("--coder="));
        }
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_help ();
          cli_clear (&cli);
          return GRD_CLI_EXIT_OK;
        }
      else if (g_str_equal (arg, "--version"))
        {
          printf ("grounded-cli %s\n", PACKAGE_VERSION);
          cli_clear (&cli);
          return GRD_CLI_EXIT_OK;
        }
      else if (arg[0] == '-' && arg[1] != '\0')
        {
          status = grd_cli_usage_error (NULL, _("unknown option “%s”"), arg);
          cli_clear (&cli);
          return status;
        }
      else
        break;
    }

  if (first >= argc)
    {
      status = grd_cli_usage_error (NULL, _("no command given"));
      cli_clear (&cli);
      return status;
    }

  command = argv[first++];

  if (g_str_equal (command, "help"))
    {
      status = GRD_CLI_EXIT_OK;
      if (first >= argc)
        print_help ();
      else if (!print_command_help (argv[first]))
        status = grd_cli_usage_error (NULL, _("unknown command “%s”"), argv[first]);
      cli_clear (&cli);
      return status;
    }

  if (find_verb (command, NULL) == NULL)
    {
      status = grd_cli_usage_error (NULL, _("unknown command “%s”"), command);
      cli_clear (&cli);
      return status;
    }

  /* First pass: where are PROJECT and the verb? */
  parse_args (&cli, command, NULL, argc - first, argv + first, positional);

  cli.verb = find_verb (command, NULL);
  if (positional->len >= 2)
    {
      const GrdCliVerb *verb = find_verb (command, g_ptr_array_index (positional, 1));

      if (verb != NULL)
        cli.verb = verb;
    }

  /* Second pass: the verb's own options, strictly. */
  g_ptr_array_set_size (positional, 0);
  status = parse_args (&cli, command, cli.verb, argc - first, argv + first, positional);
  if (status != GRD_CLI_EXIT_OK)
    goto out;

  if (grd_cli_has_option (&cli, "help"))
    {
      print_command_help (command);
      goto out;
    }

  if (positional->len == 0)
    {
      status = grd_cli_usage_error (&cli, _("missing PROJECT, the .grounded file"));
      goto out;
    }

  cli.project_path = g_strdup (g_ptr_array_index (positional, 0));
  for (guint i = cli.verb->verb != NULL ? 2 : 1; i < positional->len; i++)
    g_ptr_array_add (cli.args, g_ptr_array_index (positional, i));

  if ((int) cli.args->len < cli.verb->min_args)
    {
      status = grd_cli_usage_error (&cli, _("missing arguments"));
      goto out;
    }
  if (cli.verb->max_args >= 0 && (int) cli.args->len > cli.verb->max_args)
    {
      status = grd_cli_usage_error (&cli, _("too many arguments, starting at “%s”"),
                                    (const char *) g_ptr_array_index (cli.args, cli.verb->max_args));
      goto out;
    }

  if (cli.verb->project_mode == GRD_CLI_PROJECT_OPEN)
    {
      g_autoptr(GError) error = NULL;

      cli.project = grd_project_open (cli.project_path, &error);
      if (cli.project == NULL)
        {
          status = grd_cli_fail (&cli, error);
          goto out;
        }

      if (cli.coder != NULL && !grd_project_set_current_coder (cli.project, cli.coder, &error))
        {
          status = grd_cli_fail (&cli, error);
          goto out;
        }
    }

  status = cli.verb->handler (&cli);

out:
  fflush (stdout);
  cli_clear (&cli);
  return status;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  grd_core_init ();

  return run (argc, argv);
}
