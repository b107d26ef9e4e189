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
  printf ("  --coder NAME   %s\n", _("make NAME the current coder before the command"));
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
          (arg[1] != '-' && !g_str_equal (arg, "-h")))
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

/* Project-wide commands: new, info, history, coders, memos, relations */

static int
cmd_new (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const char *wanted_name = grd_cli_get_option (cli, "name");

  cli->project = grd_project_create (cli->project_path, &error);
  if (cli->project == NULL)
    return grd_cli_fail (cli, error);

  if ((wanted_name != NULL && !grd_project_set_name (cli->project, wanted_name, &error)) ||
      (cli->coder != NULL && !grd_project_set_current_coder (cli->project, cli->coder, &error)))
    return grd_cli_fail (cli, error);

  name = grd_project_dup_name (cli->project);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_object (json);
      grd_json_member_string (json, "path", grd_project_get_path (cli->project));
      grd_json_member_string (json, "name", name);
      grd_json_member_string (json, "guid", grd_project_get_guid (cli->project));
      grd_json_end_object (json);
      grd_json_print (g_steal_pointer (&json));
    }
  else
    printf (_("Created project “%s” in %s\n"), name, grd_project_get_path (cli->project));

  return GRD_CLI_EXIT_OK;
}

static int
cmd_info (GrdCli *cli)
{
  GrdProject *project = cli->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GrdCoder) coder = NULL;
  g_autofree char *name = grd_project_dup_name (project);
  gboolean can_undo, can_redo;

  if ((sources = grd_project_list_sources (project, &error)) == NULL ||
      (cases = grd_project_list_cases (project, &error)) == NULL ||
      (attributes = grd_project_list_attributes (project, &error)) == NULL ||
      (codes = grd_project_list_codes (project, &error)) == NULL ||
      (codings = grd_project_list_codings (project, 0, &error)) == NULL ||
      (memos = grd_project_list_memos (project, -1, 0, &error)) == NULL ||
      (relations = grd_project_list_relations (project, &error)) == NULL ||
      (coder = grd_project_get_current_coder (project, &error)) == NULL)
    return grd_cli_fail (cli, error);

  can_undo = grd_project_can_undo (project);
  can_redo = grd_project_can_redo (project);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_object (json);
      grd_json_member_string (json, "name", name);
      grd_json_member_string (json, "guid", grd_project_get_guid (project));
      grd_json_member_string (json, "path", grd_project_get_path (project));
      /* Opening succeeded, so the file is in the format this build writes;
       * core has no call for the version of the open file itself. */
      grd_json_member_int (json, "format", GRD_STORE_SCHEMA_VERSION);
      grd_json_member (json, "counts");
      grd_json_begin_object (json);
      grd_json_member_int (json, "sources", sources->len);
      grd_json_member_int (json, "cases", cases->len);
      grd_json_member_int (json, "attributes", attributes->len);
      grd_json_member_int (json, "codes", codes->len);
      grd_json_member_int (json, "codings", codings->len);
      grd_json_member_int (json, "memos", memos->len);
      grd_json_member_int (json, "relations", relations->len);
      grd_json_end_object (json);
      grd_json_member_string (json, "coder", coder->name);
      grd_json_member_bool (json, "can_undo", can_undo);
      grd_json_member_bool (json, "can_redo", can_redo);
      grd_json_end_object (json);
      grd_json_print (g_steal_pointer (&json));
      return GRD_CLI_EXIT_OK;
    }

  printf (_("Name:        %s\n"), name);
  printf (_("GUID:        %s\n"), grd_project_get_guid (project));
  printf (_("Path:        %s\n"), grd_project_get_path (project));
  printf (_("File format: %d\n"), GRD_STORE_SCHEMA_VERSION);
  printf (_("Sources:     %u\n"), sources->len);
  printf (_("Cases:       %u\n"), cases->len);
  printf (_("Attributes:  %u\n"), attributes->len);
  printf (_("Codes:       %u\n"), codes->len);
  printf (_("Codings:     %u\n"), codings->len);
  printf (_("Memos:       %u\n"), memos->len);
  printf (_("Relations:   %u\n"), relations->len);
  printf (_("Coder:       %s\n"), coder->name);
  printf (_("Can undo:    %s\n"), can_undo ? _("yes") : _("no"));
  printf (_("Can redo:    %s\n"), can_redo ? _("yes") : _("no"));
  return GRD_CLI_EXIT_OK;
}

static int
flip_history (GrdCli   *cli,
              gboolean  undo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  label = undo ? grd_project_undo (cli->project, &error) : grd_project_redo (cli->project, &error);
  if (label == NULL)
    return grd_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_object (json);
      grd_json_member_string (json, undo ? "undone" : "redone", label);
      grd_json_member_bool (json, "can_undo", grd_project_can_undo (cli->project));
      grd_json_member_bool (json, "can_redo", grd_project_can_redo (cli->project));
      grd_json_end_object (json);
      grd_json_print (g_steal_pointer (&json));
    }
  else
    printf (undo ? _("Undid: %s\n") : _("Redid: %s\n"), label);

  return GRD_CLI_EXIT_OK;
}

static int
cmd_undo (GrdCli *cli)
{
  return flip_history (cli, TRUE);
}

static int
cmd_redo (GrdCli *cli)
{
  return flip_history (cli, FALSE);
}

static int
cmd_history (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  gint64 limit;

  if (!grd_cli_get_int_option (cli, "limit", 0, 0, &limit))
    return GRD_CLI_EXIT_USAGE;

  steps = grd_project_list_history (cli->project, (guint) MIN (limit, G_MAXUINT), &error);
  if (steps == NULL)
    return grd_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_array (json);
      for (guint i = 0; i < steps->len; i++)
        {
          GrdHistoryStep *step = g_ptr_array_index (steps, i);

          grd_json_begin_object (json);
          grd_json_member_int (json, "id", step->id);
          grd_json_member_string (json, "label", step->label);
          grd_json_member_string (json, "coder", step->coder_name);
          grd_json_member_int (json, "created_at", step->created_at);
          grd_json_member_bool (json, "undone", step->undone);
          grd_json_end_object (json);
        }
      grd_json_end_array (json);
      grd_json_print (g_steal_pointer (&json));
      return GRD_CLI_EXIT_OK;
    }

  if (steps->len == 0)
    {
      printf ("%s\n", _("No history yet."));
      return GRD_CLI_EXIT_OK;
    }

  {
    g_autoptr(GrdTable) table = grd_table_new (_("Step"), _("When"), _("Coder"), _("State"),
                                               _("Edit"), NULL);

    for (guint i = 0; i < steps->len; i++)
      {
        GrdHistoryStep *step = g_ptr_array_index (steps, i);
        g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, step->id);
        g_autofree char *when = grd_cli_format_time (step->created_at);

        grd_table_add_row (table, id, when, step->coder_name != NULL ? step->coder_name : "",
                           step->undone ? _("undone") : "", step->label, NULL);
      }
    grd_table_print (table, "");
  }

  return GRD_CLI_EXIT_OK;
}

static int
cmd_coders (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GrdCoder) current = NULL;

  /* The current coder first, as core makes the default one on first use
   * and the list should show it. */
  if ((current = grd_project_get_current_coder (cli->project, &error)) == NULL ||
      (coders = grd_project_list_coders (cli->project, &error)) == NULL)
    return grd_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_array (json);
      for (guint i = 0; i < coders->len; i++)
        {
          GrdCoder *coder = g_ptr_array_index (coders, i);

          grd_json_begin_object (json);
          grd_json_member_int (json, "id", coder->id);
          grd_json_member_string (json, "name", coder->name);
          grd_json_member_string (json, "guid", coder->guid);
          grd_json_member_bool (json, "current", coder->id == current->id);
          grd_json_end_object (json);
        }
      grd_json_end_array (json);
      grd_json_print (g_steal_pointer (&json));
      return GRD_CLI_EXIT_OK;
    }

  for (guint i = 0; i < coders->len; i++)
    {
      GrdCoder *coder = g_ptr_array_index (coders, i);

      printf ("%s %s\n", coder->id == current->id ? "*" : " ", coder->name);
    }

  return GRD_CLI_EXIT_OK;
}

static int
cmd_coder (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCoder) coder = NULL;

  if (!grd_project_set_current_coder (cli->project, grd_cli_arg (cli, 0), &error) ||
      (coder = grd_project_get_current_coder (cli->project, &error)) == NULL)
    return grd_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_object (json);
      grd_json_member_int (json, "id", coder->id);
      grd_json_member_string (json, "name", coder->name);
      grd_json_end_object (json);
      grd_json_print (g_steal_pointer (&json));
    }
  else
    printf (_("Current coder: %s\n"), coder->name);

  return GRD_CLI_EXIT_OK;
}

/* Memos */

/* What a memo hangs on, for people: names rather than ids where there
 * are names. */
static char *
describe_memo_target (GrdMemo    *memo,
                      GHashTable *source_names,
                      GHashTable *code_paths)
{
  switch (memo->scope)
    {
    case GRD_MEMO_SCOPE_SOURCE:
      {
        const char *name = g_hash_table_lookup (source_names, &memo->target_id);

        return g_strdup (name != NULL ? name : "?");
      }
    case GRD_MEMO_SCOPE_CODE:
      return g_strdup (grd_cli_lookup_path (code_paths, memo->target_id));
    case GRD_MEMO_SCOPE_CODING:
      return g_strdup_printf (_("coding %" G_GINT64_FORMAT), memo->target_id);
    case GRD_MEMO_SCOPE_RELATION:
      return g_strdup_printf (_("relation %" G_GINT64_FORMAT), memo->target_id);
    case GRD_MEMO_SCOPE_FREE:
    case GRD_MEMO_SCOPE_PROJECT:
    default:
      return g_strdup ("");
    }
}

static int
cmd_memo_list (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GHashTable) code_paths = NULL;
  g_autoptr(GHashTable) source_names = g_hash_table_new (g_int64_hash, g_int64_equal);

  if ((memos = grd_project_list_memos (cli->project, -1, 0, &error)) == NULL ||
      (sources = grd_project_list_sources (cli->project, &error)) == NULL ||
      (code_paths = grd_cli_code_paths (cli, &error)) == NULL)
    return grd_cli_fail (cli, error);

  for (guint i = 0; i < sources->len; i++)
    {
      GrdSource *source = g_ptr_array_index (sources, i);

      g_hash_table_insert (source_names, &source->id, source->name);
    }

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_array (json);
      for (guint i = 0; i < memos->len; i++)
        {
          GrdMemo *memo = g_ptr_array_index (memos, i);
          g_autofree char *target = describe_memo_target (memo, source_names, code_paths);

          grd_json_begin_object (json);
          grd_json_member_int (json, "id", memo->id);
          grd_json_member_string (json, "guid", memo->guid);
          grd_json_member_string (json, "scope", grd_memo_scope_to_string (memo->scope));
          grd_json_member_id (json, "target_id", memo->target_id);
          grd_json_member_string (json, "target", target[0] != '\0' ? target : NULL);
          grd_json_member_string (json, "title", memo->title);
          grd_json_member_string (json, "text", memo->text);
          grd_json_member_string (json, "author", memo->author_name);
          grd_json_member_int (json, "created_at", memo->created_at);
          grd_json_member_int (json, "updated_at", memo->updated_at);
          grd_json_end_object (json);
        }
      grd_json_end_array (json);
      grd_json_print (g_steal_pointer (&json));
      return GRD_CLI_EXIT_OK;
    }

  if (memos->len == 0)
    {
      printf ("%s\n", _("No memos."));
      return GRD_CLI_EXIT_OK;
    }

  {
    g_autoptr(GrdTable) table = grd_table_new (_("ID"), _("Scope"), _("On"), _("Title"),
                                               _("Author"), _("Text"), NULL);

    for (guint i = 0; i < memos->len; i++)
      {
        GrdMemo *memo = g_ptr_array_index (memos, i);
        g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, memo->id);
        g_autofree char *target = describe_memo_target (memo, source_names, code_paths);
        g_autofree char *text = grd_cli_shorten (memo->text, 60);

        grd_table_add_row (table, id, grd_memo_scope_to_string (memo->scope), target,
                           memo->title, memo->author_name != NULL ? memo->author_name : "",
                           text, NULL);
      }
    grd_table_print (table, "");
  }

  return GRD_CLI_EXIT_OK;
}

static int
print_memo_id (GrdCli     *cli,
               const char *what,
               gint64      memo_id)
{
  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_object (json);
      grd_json_member_int (json, "id", memo_id);
      grd_json_member_string (json, "status", what);
      grd_json_end_object (json);
      grd_json_print (g_steal_pointer (&json));
    }
  else if (g_str_equal (what, "added"))
    printf (_("Added memo %" G_GINT64_FORMAT "\n"), memo_id);
  else if (g_str_equal (what, "edited"))
    printf (_("Edited memo %" G_GINT64_FORMAT "\n"), memo_id);
  else
    printf (_("Deleted memo %" G_GINT64_FORMAT "\n"), memo_id);

  return GRD_CLI_EXIT_OK;
}

static int
cmd_memo_add (GrdCli *cli)
{
  static const char * const scope_options[] = {
    "project", "free", "source", "code", "coding", "relation",
  };
  g_autoptr(GError) error = NULL;
  const char *chosen = NULL;
  const char *value;
  GrdMemoScope scope;
  gint64 target_id = 0;
  gint64 memo_id;

  for (guint i = 0; i < G_N_ELEMENTS (scope_options); i++)
    {
      if (!grd_cli_has_option (cli, scope_options[i]))
        continue;
      if (chosen != NULL)
        return grd_cli_usage_error (cli, _("give only one of --%s and --%s"), chosen,
                                    scope_options[i]);
      chosen = scope_options[i];
    }
  if (chosen == NULL)
    return grd_cli_usage_error (cli, _("say what the memo is on: --project, --free, --source, "
                                       "--code, --coding or --relation"));

  if (!grd_memo_scope_from_string (chosen, &scope))
    g_return_val_if_reached (GRD_CLI_EXIT_FAILED);

  value = grd_cli_get_option (cli, chosen);
  switch (scope)
    {
    case GRD_MEMO_SCOPE_SOURCE:
      {
        g_autoptr(GrdSource) source = grd_project_find_source (cli->project, value, &error);

        if (source == NULL)
          return grd_cli_fail (cli, error);
        target_id = source->id;
      }
      break;

    case GRD_MEMO_SCOPE_CODE:
      {
        g_autoptr(GrdCode) code = grd_project_find_code (cli->project, value, &error);

        if (code == NULL)
          return grd_cli_fail (cli, error);
        target_id = code->id;
      }
      break;

    case GRD_MEMO_SCOPE_CODING:
    case GRD_MEMO_SCOPE_RELATION:
      if (!grd_cli_parse_id (cli, scope == GRD_MEMO_SCOPE_CODING ? "--coding" : "--relation",
                             value, &target_id))
        return GRD_CLI_EXIT_USAGE;
      break;

    case GRD_MEMO_SCOPE_FREE:
    case GRD_MEMO_SCOPE_PROJECT:
    default:
      break;
    }

  memo_id = grd_project_add_memo (cli->project, scope, target_id,
                                  grd_cli_get_option (cli, "title"), grd_cli_arg (cli, 0), &error);
  if (memo_id == 0)
    return grd_cli_fail (cli, error);

  return print_memo_id (cli, "added", memo_id);
}

static int
cmd_memo_edit (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  const char *title = grd_cli_get_option (cli, "title");
  const char *text = grd_cli_arg (cli, 1);
  gint64 memo_id;

  if (!grd_cli_parse_id (cli, "ID", grd_cli_arg (cli, 0), &memo_id))
    return GRD_CLI_EXIT_USAGE;
  if (title == NULL && text == NULL)
    return grd_cli_usage_error (cli, _("give a new --title, a new TEXT or both"));

  if (!grd_project_update_memo (cli->project, memo_id, title, text, &error))
    return grd_cli_fail (cli, error);

  return print_memo_id (cli, "edited", memo_id);
}

static int
cmd_memo_delete (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  gint64 memo_id;

  if (!grd_cli_parse_id (cli, "ID", grd_cli_arg (cli, 0), &memo_id))
    return GRD_CLI_EXIT_USAGE;

  if (!grd_project_delete_memo (cli->project, memo_id, &error))
    return grd_cli_fail (cli, error);

  return print_memo_id (cli, "deleted", memo_id);
}

/* Relations */

static int
cmd_relate (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCode) from = NULL;
  g_autoptr(GrdCode) to = NULL;
  const char *kind_name = grd_cli_get_option (cli, "kind");
  GrdRelationKind kind = GRD_RELATION_KIND_ASSOCIATED;
  gint64 relation_id;

  if (kind_name != NULL && !grd_relation_kind_from_string (kind_name, &kind))
    return grd_cli_usage_error (cli, _("“%s” is not a relation kind; use associated, "
                                       "causal-condition, context, intervening-condition, "
                                       "action-interaction, consequence, property-of or is-a"),
                                kind_name);

  if ((from = grd_project_find_code (cli->project, grd_cli_arg (cli, 0), &error)) == NULL ||
      (to = grd_project_find_code (cli->project, grd_cli_arg (cli, 1), &error)) == NULL)
    return grd_cli_fail (cli, error);

  relation_id = grd_project_add_relation (cli->project, from->id, to->id, kind,
                                          grd_cli_get_option (cli, "label"),
                                          grd_cli_get_option (cli, "memo"), &error);
  if (relation_id == 0)
    return grd_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_object (json);
      grd_json_member_int (json, "id", relation_id);
      grd_json_member_string (json, "from", from->name);
      grd_json_member_string (json, "to", to->name);
      grd_json_member_string (json, "kind", grd_relation_kind_to_string (kind));
      grd_json_end_object (json);
      grd_json_print (g_steal_pointer (&json));
    }
  else
    printf (_("Added relation %" G_GINT64_FORMAT ": %s —%s→ %s\n"), relation_id, from->name,
            grd_relation_kind_to_string (kind), to->name);

  return GRD_CLI_EXIT_OK;
}

static int
cmd_relations_list (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GHashTable) paths = NULL;

  if ((relations = grd_project_list_relations (cli->project, &error)) == NULL ||
      (paths = grd_cli_code_paths (cli, &error)) == NULL)
    return grd_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_array (json);
      for (guint i = 0; i < relations->len; i++)
        {
          GrdRelation *relation = g_ptr_array_index (relations, i);

          grd_json_begin_object (json);
          grd_json_member_int (json, "id", relation->id);
          grd_json_member_string (json, "guid", relation->guid);
          grd_json_member_int (json, "from_code_id", relation->from_code_id);
          grd_json_member_string (json, "from", grd_cli_lookup_path (paths, relation->from_code_id));
          grd_json_member_int (json, "to_code_id", relation->to_code_id);
          grd_json_member_string (json, "to", grd_cli_lookup_path (paths, relation->to_code_id));
          grd_json_member_string (json, "kind", grd_relation_kind_to_string (relation->kind));
          grd_json_member_string (json, "label", relation->label);
          grd_json_member_string (json, "memo", relation->memo);
          grd_json_member_int (json, "created_at", relation->created_at);
          grd_json_end_object (json);
        }
      grd_json_end_array (json);
      grd_json_print (g_steal_pointer (&json));
      return GRD_CLI_EXIT_OK;
    }

  if (relations->len == 0)
    {
      printf ("%s\n", _("No relations."));
      return GRD_CLI_EXIT_OK;
    }

  {
    g_autoptr(GrdTable) table = grd_table_new (_("ID"), _("From"), _("Kind"), _("To"),
                                               _("Label"), _("Memo"), NULL);

    for (guint i = 0; i < relations->len; i++)
      {
        GrdRelation *relation = g_ptr_array_index (relations, i);
        g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, relation->id);
        g_autofree char *memo = grd_cli_shorten (relation->memo, 40);

        grd_table_add_row (table, id, grd_cli_lookup_path (paths, relation->from_code_id),
                           grd_relation_kind_to_string (relation->kind),
                           grd_cli_lookup_path (paths, relation->to_code_id),
                           relation->label, memo, NULL);
      }
    grd_table_print (table, "");
  }

  return GRD_CLI_EXIT_OK;
}

static int
cmd_relations_delete (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  gint64 relation_id;

  if (!grd_cli_parse_id (cli, "ID", grd_cli_arg (cli, 0), &relation_id))
    return GRD_CLI_EXIT_USAGE;

  if (!grd_project_delete_relation (cli->project, relation_id, &error))
    return grd_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_object (json);
      grd_json_member_int (json, "deleted", relation_id);
      grd_json_end_object (json);
      grd_json_print (g_steal_pointer (&json));
    }
  else
    printf (_("Deleted relation %" G_GINT64_FORMAT "\n"), relation_id);

  return GRD_CLI_EXIT_OK;
}

const GrdCliVerb grd_cli_project_verbs[] = {
  { "new", NULL, "new PROJECT [--name NAME]",
    N_("Create a project file (never overwrites one)"),
    "name=", 0, 0, cmd_new, GRD_CLI_PROJECT_CREATE },
  { "info", NULL, "info PROJECT",
    N_("Show the project's name, identity, file format, counts and coder"),
    "", 0, 0, cmd_info, GRD_CLI_PROJECT_OPEN },
  { "undo", NULL, "undo PROJECT",
    N_("Undo the latest edit, even one made in an earlier session"),
    "", 0, 0, cmd_undo, GRD_CLI_PROJECT_OPEN },
  { "redo", NULL, "redo PROJECT",
    N_("Redo the latest undone edit"),
    "", 0, 0, cmd_redo, GRD_CLI_PROJECT_OPEN },
  { "history", NULL, "history PROJECT [--limit N]",
    N_("List edits, newest first, marking undone ones"),
    "limit=", 0, 0, cmd_history, GRD_CLI_PROJECT_OPEN },
  { "coders", NULL, "coders PROJECT",
    N_("List coders; * marks the current one"),
    "", 0, 0, cmd_coders, GRD_CLI_PROJECT_OPEN },
  { "coder", NULL, "coder PROJECT NAME",
    N_("Set the current coder"),
    "", 1, 1, cmd_coder, GRD_CLI_PROJECT_OPEN },
  { "memo", NULL, "memo PROJECT",
    N_("List memos"),
    "", 0, 0, cmd_memo_list, GRD_CLI_PROJECT_OPEN },
  { "memo", "add", "memo PROJECT add (--project | --free | --source S | --code C | --coding ID | "
    "--relation ID) [--title T] TEXT",
    N_("Write a memo"),
    "project free source= code= coding= relation= title=", 1, 1, cmd_memo_add,
    GRD_CLI_PROJECT_OPEN },
  { "memo", "edit", "memo PROJECT edit ID [--title T] [TEXT]",
    N_("Change a memo's title or text"),
    "title=", 1, 2, cmd_memo_edit, GRD_CLI_PROJECT_OPEN },
  { "memo", "delete", "memo PROJECT delete ID",
    N_("Delete a memo"),
    "", 1, 1, cmd_memo_delete, GRD_CLI_PROJECT_OPEN },
  { "relate", NULL, "relate PROJECT FROM TO [--kind KIND] [--label L] [--memo M]",
    N_("Relate two codes; KIND is associated, causal-condition, context, intervening-condition, "
       "action-interaction, consequence, property-of or is-a"),
    "kind= label= memo=", 2, 2, cmd_relate, GRD_CLI_PROJECT_OPEN },
  { "relations", NULL, "relations PROJECT",
    N_("List relations between codes"),
    "", 0, 0, cmd_relations_list, GRD_CLI_PROJECT_OPEN },
  { "relations", "delete", "relations PROJECT delete ID",
    N_("Delete a relation"),
    "", 1, 1, cmd_relations_delete, GRD_CLI_PROJECT_OPEN },
  { NULL, },
};
