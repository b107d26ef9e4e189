/* grd-cli-refi.c: REFI-QDA exchange: export, export-codebook,
 * import-codebook and import-project
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "grd-cli.h"

static void
json_report (GrdJson       *json,
             GrdRefiReport *report)
{
  grd_json_member (json, "report");
  grd_json_begin_object (json);
  grd_json_member (json, "tallies");
  grd_json_begin_array (json);
  for (guint i = 0; i < report->tallies->len; i++)
    {
      GrdRefiTally *tally = g_ptr_array_index (report->tallies, i);

      grd_json_begin_object (json);
      grd_json_member_string (json, "outcome", grd_refi_outcome_to_string (tally->outcome));
      grd_json_member_string (json, "element", tally->element);
      grd_json_member_string (json, "why", tally->why);
      grd_json_member_int (json, "count", tally->count);
      grd_json_end_object (json);
    }
  grd_json_end_array (json);
  grd_json_member (json, "warnings");
  grd_json_begin_array (json);
  for (guint i = 0; i < report->warnings->len; i++)
    {
      GrdRefiWarning *warning = g_ptr_array_index (report->warnings, i);

      grd_json_begin_object (json);
      grd_json_member_string (json, "file", warning->file);
      grd_json_member_int (json, "line", warning->line);
      grd_json_member_string (json, "element", warning->element);
      grd_json_member_string (json, "message", warning->message);
      grd_json_end_object (json);
    }
  grd_json_end_array (json);
  grd_json_member_int (json, "more_warnings", report->n_warnings_dropped);
  grd_json_end_object (json);
}

/* One line for people, then the report; or one JSON document. */
static int
print_outcome (GrdCli        *cli,
               const char    *action,
               const char    *file,
               GrdRefiReport *report,
               GPtrArray     *changes,
               const char    *headline)
{
  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_object (json);
      grd_json_member_string (json, "action", action);
      grd_json_member_string (json, "file", file);
      if (changes != NULL)
        {
          grd_json_member (json, "changes");
          grd_json_begin_array (json);
          for (guint i = 0; i < changes->len; i++)
            {
              GrdRefiCodeChange *change = g_ptr_array_index (changes, i);

              grd_json_begin_object (json);
              grd_json_member_string (json, "action",
                                      change->action == GRD_REFI_CODE_ADD ? "add"
                                      : change->action == GRD_REFI_CODE_RENAME ? "rename" : "keep");
              grd_json_member_string (json, "path", change->path);
              grd_json_member_string (json, "old_name", change->old_name);
              grd_json_member_id (json, "code_id", change->code_id);
              grd_json_end_object (json);
            }
          grd_json_end_array (json);
        }
      if (report != NULL)
        json_report (json, report);
      grd_json_end_object (json);
      grd_json_print (g_steal_pointer (&json));
      return GRD_CLI_EXIT_OK;
    }

  printf ("%s\n", headline);
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      GrdRefiCodeChange *change = g_ptr_array_index (changes, i);

      if (change->action == GRD_REFI_CODE_ADD)
        printf (_("  add     %s\n"), change->path);
      else if (change->action == GRD_REFI_CODE_RENAME)
        printf (_("  rename  %s (now “%s”)\n"), change->path, change->old_name);
      else
        printf (_("  keep    %s\n"), change->path);
    }
  if (report != NULL)
    {
      g_autofree char *text = grd_refi_report_to_string (report);

      fputs (text, stdout);
    }
  return GRD_CLI_EXIT_OK;
}

static int
cmd_export_codebook (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autofree char *headline = NULL;
  const char *file = grd_cli_arg (cli, 0);

  report = grd_refi_export_codebook (cli->project, file, &error);
  if (report == NULL)
    return grd_cli_fail (cli, error);

  headline = g_strdup_printf (_("Exported the code book to %s:"), file);
  return print_outcome (cli, "export-codebook", file, report, NULL, headline);
}

static int
cmd_export (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autofree char *headline = NULL;
  const char *file = grd_cli_arg (cli, 0);

  report = grd_refi_export_project (cli->project, file, NULL, &error);
  if (report == NULL)
    return grd_cli_fail (cli, error);

  headline = g_strdup_printf (_("Exported the project to %s:"), file);
  return print_outcome (cli, "export", file, report, NULL, headline);
}

static int
import_codebook (GrdCli     *cli,
                 const char *file,
                 gboolean    dry_run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = grd_refi_report_new ();
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *headline = NULL;

  /* the preview first, so people see what changes (and --dry-run stops
   * there, with the preview's warnings) */
  changes = grd_refi_preview_codebook (cli->project, file, report, &error);
  if (changes == NULL)
    return grd_cli_fail (cli, error);
  if (!dry_run)
    {
      grd_refi_report_free (report);
      report = grd_refi_import_codebook (cli->project, file, &error);
      if (report == NULL)
        return grd_cli_fail (cli, error);
    }

  headline = g_strdup_printf (dry_run ? _("Importing the code book %s would change:")
                                      : _("Imported the code book %s:"), file);
  return print_outcome (cli, dry_run ? "preview-codebook" : "import-codebook", file, report,
                        changes, headline);
}

static int
cmd_import_codebook (GrdCli *cli)
{
  return import_codebook (cli, grd_cli_arg (cli, 0), grd_cli_has_option (cli, "dry-run"));
}

static int
import_project (GrdCli     *cli,
                const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdRefiReport) report = NULL;
  g_autofree char *headline = NULL;

  report = grd_refi_import_project (cli->project, file, NULL, &error);
  if (report == NULL)
    return grd_cli_fail (cli, error);

  headline = g_strdup_printf (_("Imported the REFI-QDA project %s:"), file);
  return print_outcome (cli, "import-project", file, report, NULL, headline);
}

static int
cmd_import_project (GrdCli *cli)
{
  return import_project (cli, grd_cli_arg (cli, 0));
}

gboolean
grd_cli_refi_is_exchange_file (const char *path)
{
  g_autofree char *folded = g_ascii_strdown (path, -1);

  return g_str_has_suffix (folded, ".qdpx") || g_str_has_suffix (folded, ".qdc");
}

int
grd_cli_refi_import (GrdCli     *cli,
                     const char *file)
{
  g_autofree char *folded = g_ascii_strdown (file, -1);

  return g_str_has_suffix (folded, ".qdc") ? import_codebook (cli, file, FALSE)
                                           : import_project (cli, file);
}

const GrdCliVerb grd_cli_refi_verbs[] = {
  { "export", NULL, "export PROJECT FILE.qdpx",
    N_("Export the project as REFI-QDA (.qdpx) for NVivo, ATLAS.ti, MAXQDA or QualCoder, "
       "and report what the standard cannot hold"),
    "", 1, 1, cmd_export, GRD_CLI_PROJECT_OPEN },
  { "export-codebook", NULL, "export-codebook PROJECT FILE.qdc",
    N_("Export the code tree and code sets as a REFI-QDA code book (.qdc)"),
    "", 1, 1, cmd_export_codebook, GRD_CLI_PROJECT_OPEN },
  { "import-codebook", NULL, "import-codebook PROJECT FILE.qdc [--dry-run]",
    N_("Merge a REFI-QDA code book into the project (by GUID, then by name path); "
       "--dry-run only shows what would be added, renamed or kept"),
    "dry-run", 1, 1, cmd_import_codebook, GRD_CLI_PROJECT_OPEN },
  { "import-project", NULL, "import-project PROJECT FILE.qdpx",
    N_("Import a REFI-QDA project (.qdpx) into the project as one undoable step, "
       "and report what was taken, converted and dropped"),
    "", 1, 1, cmd_import_project, GRD_CLI_PROJECT_OPEN },
  { NULL },
};
