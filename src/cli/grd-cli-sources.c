/* grd-cli-sources.c: importing transcripts, listing and searching them
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "grd-cli.h"

static GrdSource *
find_source (GrdCli      *cli,
             const char  *reference,
             GError     **error)
{
  return grd_project_find_source (cli->project, reference, error);
}

/* import */

static void
print_report_json (GrdJson         *json,
                   GrdImportReport *report,
                   GrdSource       *source)
{
  grd_json_begin_object (json);
  grd_json_member_string (json, "file", report->file_name);
  if (source == NULL)
    {
      grd_json_member (json, "id");
      grd_json_null (json);
      grd_json_member_string (json, "error", report->error->message);
      grd_json_end_object (json);
      return;
    }

  grd_json_member_int (json, "id", source->id);
  grd_json_member_string (json, "guid", source->guid);
  grd_json_member_string (json, "name", source->name);
  grd_json_member_string (json, "original_name", source->original_name);
  grd_json_member_string (json, "format", source->format);
  grd_json_member_string (json, "case", source->case_name);
  grd_json_member_int (json, "chars", source->length);
  grd_json_member_int (json, "words", source->n_words);
  grd_json_member_int (json, "turns", report->n_turns);
  grd_json_member (json, "speakers");
  grd_json_begin_array (json);
  for (guint i = 0; report->speakers[i] != NULL; i++)
    grd_json_string (json, report->speakers[i]);
  grd_json_end_array (json);
  grd_json_member_string (json, "encoding", report->encoding);
  grd_json_member (json, "dropped");
  grd_json_begin_array (json);
  for (guint i = 0; i < report->dropped->len; i++)
    {
      GrdImportDropped *dropped = g_ptr_array_index (report->dropped, i);

      grd_json_begin_object (json);
      grd_json_member_string (json, "what", dropped->what);
      grd_json_member_int (json, "count", dropped->count);
      grd_json_member_string (json, "why", dropped->why);
      grd_json_end_object (json);
    }
  grd_json_end_array (json);
  grd_json_end_object (json);
}

static int
cmd_import (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) given = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_source_free);
  g_autoptr(GrdJson) json = NULL;
  g_autoptr(GrdTable) table = NULL;
  const char *case_per = grd_cli_get_option (cli, "case-per");
  GrdImportFlags flags = GRD_IMPORT_FLAGS_NONE;
  guint n_imported = 0;
  guint n_skipped = 0;

  if (grd_cli_has_option (cli, "skip-errors"))
    flags |= GRD_IMPORT_FLAGS_SKIP_ERRORS;
  if (case_per != NULL && g_str_equal (case_per, "file"))
    flags |= GRD_IMPORT_FLAGS_CASE_PER_FILE;
  else if (case_per != NULL && g_str_equal (case_per, "speaker"))
    flags |= GRD_IMPORT_FLAGS_CASE_PER_SPEAKER;
  else if (case_per != NULL)
    return grd_cli_usage_error (cli, _("--case-per takes “file” or “speaker”"));
  if (case_per != NULL && grd_cli_has_option (cli, "case"))
    return grd_cli_usage_error (cli, _("--case and --case-per exclude each other"));

  for (guint i = 0; i < cli->args->len; i++)
    if (grd_cli_refi_is_exchange_file (grd_cli_arg (cli, i)))
      {
        if (cli->args->len > 1 || g_hash_table_size (cli->options) > 0)
          return grd_cli_usage_error (cli, _("a REFI-QDA file (.qdpx, .qdc) is imported "
                                             "on its own, without options"));
        return grd_cli_refi_import (cli, grd_cli_arg (cli, 0));
      }

  for (guint i = 0; i < cli->args->len; i++)
    g_ptr_array_add (given, g_file_new_for_commandline_arg (grd_cli_arg (cli, i)));

  /* A folder becomes the files in it; how many there are is known only
   * now. */
  files = grd_import_expand_files (given, NULL, &error);
  if (files == NULL)
    return grd_cli_fail (cli, error);
  if (grd_cli_has_option (cli, "name") && files->len > 1)
    return grd_cli_usage_error (cli, _("--name names one source; import one file with it"));

  reports = grd_project_import_files (cli->project, files, flags,
                                      grd_cli_get_option (cli, "case"),
                                      grd_cli_get_option (cli, "name"),
                                      NULL, NULL, NULL, &error);
  if (reports == NULL)
    return grd_cli_fail (cli, error);

  for (guint i = 0; i < reports->len; i++)
    {
      GrdImportReport *report = g_ptr_array_index (reports, i);
      GrdSource *source = NULL;

      if (report->source_id != 0)
        {
          source = grd_project_get_source (cli->project, report->source_id, &error);
          if (source == NULL)
            return grd_cli_fail (cli, error);
          n_imported++;
        }
      else
        n_skipped++;
      g_ptr_array_add (sources, source);
    }

  /* Every file skipped is a failure like any other: nothing changed. */
  if (n_imported == 0)
    {
      g_autoptr(GString) why = g_string_new (NULL);

      for (guint i = 0; i < reports->len; i++)
        g_string_append_printf (why, "\n  %s",
                                ((GrdImportReport *) g_ptr_array_index (reports, i))->error->message);
      return grd_cli_fail_message (cli, _("nothing was imported:%s"), why->str);
    }

  if (cli->json)
    {
      json = grd_json_new ();
      grd_json_begin_array (json);
      for (guint i = 0; i < reports->len; i++)
        print_report_json (json, g_ptr_array_index (reports, i), g_ptr_array_index (sources, i));
      grd_json_end_array (json);
      grd_json_print (g_steal_pointer (&json));
      return GRD_CLI_EXIT_OK;
    }

  table = grd_table_new (_("Source"), _("Case"), _("Format"), _("Encoding"), _("Chars"),
                         _("Words"), _("Turns"), _("Speakers"), NULL);
  for (guint i = 0; i < reports->len; i++)
    {
      GrdImportReport *report = g_ptr_array_index (reports, i);
      GrdSource *source = g_ptr_array_index (sources, i);
      g_autofree char *chars = NULL;
      g_autofree char *words = NULL;
      g_autofree char *turns = NULL;
      g_autofree char *speakers = NULL;

      if (source == NULL)
        continue;
      chars = g_strdup_printf ("%" G_GINT64_FORMAT, source->length);
      words = g_strdup_printf ("%u", source->n_words);
      turns = g_strdup_printf ("%u", report->n_turns);
      speakers = g_strjoinv (", ", report->speakers);
      grd_table_add_row (table, source->name, source->case_name != NULL ? source->case_name : "",
                         source->format, report->encoding, chars, words, turns, speakers, NULL);
    }

  printf (ngettext ("Imported %u file:\n", "Imported %u files:\n", n_imported), n_imported);
  grd_table_print (table, "  ");

  /* What the sources do not keep, and why: the report a researcher reads
   * before trusting the transcript. */
  for (guint i = 0; i < reports->len; i++)
    {
      GrdImportReport *report = g_ptr_array_index (reports, i);
      GrdSource *source = g_ptr_array_index (sources, i);

      for (guint j = 0; source != NULL && j < report->dropped->len; j++)
        {
          GrdImportDropped *dropped = g_ptr_array_index (report->dropped, j);

          /* Translators: a source, a count, what was left out, why */
          printf (_("  %s: left out %u × %s (%s)\n"), source->name, dropped->count,
                  dropped->what, dropped->why);
        }
    }

  if (n_skipped > 0)
    {
      g_printerr (ngettext ("Skipped %u file:\n", "Skipped %u files:\n", n_skipped), n_skipped);
      for (guint i = 0; i < reports->len; i++)
        {
          GrdImportReport *report = g_ptr_array_index (reports, i);

          if (report->error != NULL)
            g_printerr ("  %s\n", report->error->message);
        }
    }

  return GRD_CLI_EXIT_OK;
}

/* sources */

static void
json_source (GrdJson   *json,
             GrdSource *source)
{
  grd_json_begin_object (json);
  grd_json_member_int (json, "id", source->id);
  grd_json_member_string (json, "guid", source->guid);
  grd_json_member_string (json, "name", source->name);
  grd_json_member_string (json, "original_name", source->original_name);
  grd_json_member_string (json, "format", source->format);
  grd_json_member_id (json, "case_id", source->case_id);
  grd_json_member_string (json, "case", source->case_name);
  grd_json_member_int (json, "chars", source->length);
  grd_json_member_int (json, "words", source->n_words);
  grd_json_member_int (json, "codings", source->n_codings);
  grd_json_member_int (json, "imported_at", source->imported_at);
  grd_json_member_string (json, "content_hash", source->content_hash);
  grd_json_end_object (json);
}

static int
cmd_sources_list (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = grd_project_list_sources (cli->project, &error);
  gint64 last_case = -1;

  if (sources == NULL)
    return grd_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_array (json);
      for (guint i = 0; i < sources->len; i++)
        json_source (json, g_ptr_array_index (sources, i));
      grd_json_end_array (json);
      grd_json_print (g_steal_pointer (&json));
      return GRD_CLI_EXIT_OK;
    }

  if (sources->len == 0)
    {
      printf ("%s\n", _("No sources yet."));
      return GRD_CLI_EXIT_OK;
    }

  /* Core lists sources by case, sources without one last: one table per
   * case keeps the grouping visible. */
  for (guint i = 0; i < sources->len;)
    {
      GrdSource *first = g_ptr_array_index (sources, i);
      g_autoptr(GrdTable) table = grd_table_new (_("Source"), _("Case"), _("Words"), _("Chars"),
                                                 _("Codings"), NULL);

      last_case = first->case_id;
      if (first->case_name != NULL)
        printf (_("Case “%s”:\n"), first->case_name);
      else
        printf ("%s\n", _("Without a case:"));

      for (; i < sources->len; i++)
        {
          GrdSource *source = g_ptr_array_index (sources, i);
          g_autofree char *words = NULL;
          g_autofree char *chars = NULL;
          g_autofree char *codings = NULL;

          if (source->case_id != last_case)
            break;

          words = g_strdup_printf ("%u", source->n_words);
          chars = g_strdup_printf ("%" G_GINT64_FORMAT, source->length);
          codings = g_strdup_printf ("%u", source->n_codings);
          grd_table_add_row (table, source->name, source->case_name != NULL ? source->case_name : "",
                             words, chars, codings, NULL);
        }
      grd_table_print (table, "  ");
    }

  return GRD_CLI_EXIT_OK;
}

static int
cmd_sources_show (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdSource) source = NULL;
  g_autofree char *text = NULL;
  g_autofree char *part = NULL;
  gint64 from, to;
  gsize len;

  if ((source = find_source (cli, grd_cli_arg (cli, 0), &error)) == NULL)
    return grd_cli_fail (cli, error);

  if (!grd_cli_get_int_option (cli, "from", 0, 0, &from) ||
      !grd_cli_get_int_option (cli, "to", 0, source->length, &to))
    return GRD_CLI_EXIT_USAGE;

  if (from > to || to > source->length)
    return grd_cli_fail_message (cli, _("The range %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT
                                        " does not fit “%s” (%" G_GINT64_FORMAT " characters); "
                                        "it needs 0 ≤ from ≤ to ≤ length"),
                                 from, to, source->name, source->length);

  if ((text = grd_project_get_source_text (cli->project, source->id, &len, &error)) == NULL)
    return grd_cli_fail (cli, error);
  part = grd_cli_substring (text, len, from, to);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_object (json);
      grd_json_member_string (json, "source", source->name);
      grd_json_member_int (json, "from", from);
      grd_json_member_int (json, "to", to);
      grd_json_member_int (json, "length", source->length);
      grd_json_member_string (json, "text", part);
      grd_json_end_object (json);
      grd_json_print (g_steal_pointer (&json));
    }
  else
    {
      fputs (part, stdout);
      if (part[0] != '\0' && !g_str_has_suffix (part, "\n"))
        fputc ('\n', stdout);
    }

  return GRD_CLI_EXIT_OK;
}

static int
cmd_sources_turns (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdSource) source = NULL;
  g_autoptr(GArray) turns = NULL;

  if ((source = find_source (cli, grd_cli_arg (cli, 0), &error)) == NULL ||
      (turns = grd_project_list_turns (cli->project, source->id, &error)) == NULL)
    return grd_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_array (json);
      for (guint i = 0; i < turns->len; i++)
        {
          GrdTurn *turn = &g_array_index (turns, GrdTurn, i);

          grd_json_begin_object (json);
          grd_json_member_int (json, "start", turn->start);
          grd_json_member_int (json, "end", turn->end);
          grd_json_member_string (json, "speaker", turn->speaker);
          grd_json_member_bool (json, "interviewer", turn->is_interviewer);
          grd_json_end_object (json);
        }
      grd_json_end_array (json);
      grd_json_print (g_steal_pointer (&json));
      return GRD_CLI_EXIT_OK;
    }

  if (turns->len == 0)
    {
      printf (_("No speaker turns found in “%s”.\n"), source->name);
      return GRD_CLI_EXIT_OK;
    }

  {
    g_autoptr(GrdTable) table = grd_table_new (_("Start"), _("End"), _("Speaker"),
                                               _("Interviewer"), NULL);

    for (guint i = 0; i < turns->len; i++)
      {
        GrdTurn *turn = &g_array_index (turns, GrdTurn, i);
        g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, turn->start);
        g_autofree char *end = g_strdup_printf ("%" G_GINT64_FORMAT, turn->end);

        grd_table_add_row (table, start, end, turn->speaker, turn->is_interviewer ? _("yes") : "",
                           NULL);
      }
    grd_table_print (table, "");
  }

  return GRD_CLI_EXIT_OK;
}

static int
cmd_sources_rename (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdSource) source = NULL;
  g_autoptr(GrdSource) renamed = NULL;
  g_autofree char *message = NULL;

  if ((source = find_source (cli, grd_cli_arg (cli, 0), &error)) == NULL ||
      !grd_project_rename_source (cli->project, source->id, grd_cli_arg (cli, 1), &error) ||
      (renamed = grd_project_get_source (cli->project, source->id, &error)) == NULL)
    return grd_cli_fail (cli, error);

  message = g_strdup_printf (_("Renamed “%s” to “%s”"), source->name, renamed->name);
  grd_cli_report (cli, "renamed", source->id, renamed->name, message);
  return GRD_CLI_EXIT_OK;
}

static int
cmd_sources_set_case (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdSource) source = NULL;
  g_autoptr(GrdCase) kase = NULL;
  g_autofree char *message = NULL;
  gboolean none = grd_cli_has_option (cli, "none");
  const char *case_name = grd_cli_arg (cli, 1);

  if (none == (case_name != NULL))
    return grd_cli_usage_error (cli, _("give either a CASE or --none"));

  if ((source = find_source (cli, grd_cli_arg (cli, 0), &error)) == NULL ||
      (case_name != NULL && (kase = grd_project_find_case (cli->project, case_name, &error)) == NULL) ||
      !grd_project_set_source_case (cli->project, source->id, kase != NULL ? kase->id : 0, &error))
    return grd_cli_fail (cli, error);

  message = kase != NULL ? g_strdup_printf (_("“%s” now belongs to case “%s”"), source->name, kase->name)
                         : g_strdup_printf (_("“%s” now belongs to no case"), source->name);
  grd_cli_report (cli, "set-case", source->id, kase != NULL ? kase->name : NULL, message);
  return GRD_CLI_EXIT_OK;
}

static int
cmd_sources_delete (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdSource) source = NULL;
  g_autofree char *message = NULL;

  if ((source = find_source (cli, grd_cli_arg (cli, 0), &error)) == NULL ||
      !grd_project_delete_source (cli->project, source->id, &error))
    return grd_cli_fail (cli, error);

  message = g_strdup_printf (_("Deleted source “%s” with its %u codings"), source->name,
                             source->n_codings);
  grd_cli_report (cli, "deleted", source->id, source->name, message);
  return GRD_CLI_EXIT_OK;
}

/* search */

static int
cmd_search (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GString) query = g_string_new (NULL);
  gint64 limit, context;

  if (!grd_cli_get_int_option (cli, "limit", 0, 0, &limit) ||
      !grd_cli_get_int_option (cli, "context", 0, 30, &context))
    return GRD_CLI_EXIT_USAGE;

  /* Words given as separate arguments mean the same as one quoted string. */
  for (guint i = 0; i < cli->args->len; i++)
    g_string_append_printf (query, "%s%s", i > 0 ? " " : "", grd_cli_arg (cli, i));

  hits = grd_query_search (cli->project, query->str, (guint) MIN (limit, G_MAXUINT),
                           (guint) MIN (context, 100000), NULL, &error);
  if (hits == NULL)
    return grd_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_array (json);
      for (guint i = 0; i < hits->len; i++)
        {
          GrdSearchHit *hit = g_ptr_array_index (hits, i);

          grd_json_begin_object (json);
          grd_json_member_int (json, "source_id", hit->source_id);
          grd_json_member_string (json, "source", hit->source_name);
          grd_json_member_int (json, "start", hit->start);
          grd_json_member_int (json, "end", hit->end);
          grd_json_member_string (json, "match", hit->match);
          grd_json_member_string (json, "context_before", hit->context_before);
          grd_json_member_string (json, "context_after", hit->context_after);
          grd_json_end_object (json);
        }
      grd_json_end_array (json);
      grd_json_print (g_steal_pointer (&json));
      return GRD_CLI_EXIT_OK;
    }

  /* grep's shape, "source:start-end: context", with the match bracketed
   * since the folded query may not look like what was found. */
  for (guint i = 0; i < hits->len; i++)
    {
      GrdSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *before = grd_cli_one_line (hit->context_before);
      g_autofree char *after = grd_cli_one_line (hit->context_after);
      g_autofree char *match = grd_cli_one_line (hit->match);
      gboolean space_before = hit->context_before != NULL && hit->context_before[0] != '\0' &&
                              g_ascii_isspace (hit->context_before[strlen (hit->context_before) - 1]);
      gboolean space_after = hit->context_after != NULL && g_ascii_isspace (hit->context_after[0]);

      printf ("%s:%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ": %s%s[%s]%s%s\n",
              hit->source_name, hit->start, hit->end, before, space_before ? " " : "", match,
              space_after ? " " : "", after);
    }

  if (hits->len == 0)
    {
      g_printerr (_("No matches for “%s”.\n"), query->str);
      /* Like grep: nothing found is not an error, but scripts may want to
       * know; the JSON answer is an empty list either way. */
    }

  return GRD_CLI_EXIT_OK;
}

const GrdCliVerb grd_cli_source_verbs[] = {
  { "import", NULL,
    "import PROJECT (FILE | FOLDER)… [--case CASE | --case-per file|speaker] [--name NAME] "
    "[--skip-errors]",
    N_("Import transcripts (.txt, .md, .html, .rtf, .pdf, .docx, .odt), all or none unless "
       "--skip-errors; --case assigns them to a case (made if missing), --case-per makes one "
       "per file or per respondent; prints what each file gave and what was left out. "
       "A REFI-QDA project (.qdpx) or code book (.qdc) is imported as by import-project "
       "or import-codebook"),
    "case= case-per= name= skip-errors", 1, -1, cmd_import, GRD_CLI_PROJECT_OPEN },
  { "sources", NULL, "sources PROJECT",
    N_("List sources by case with their size and codings"),
    "", 0, 0, cmd_sources_list, GRD_CLI_PROJECT_OPEN },
  { "sources", "show", "sources PROJECT show SOURCE [--from N] [--to N]",
    N_("Print a source's text, or the code points from N to N"),
    "from= to=", 1, 1, cmd_sources_show, GRD_CLI_PROJECT_OPEN },
  { "sources", "turns", "sources PROJECT turns SOURCE",
    N_("List a source's speaker turns"),
    "", 1, 1, cmd_sources_turns, GRD_CLI_PROJECT_OPEN },
  { "sources", "rename", "sources PROJECT rename SOURCE NEW",
    N_("Rename a source"),
    "", 2, 2, cmd_sources_rename, GRD_CLI_PROJECT_OPEN },
  { "sources", "set-case", "sources PROJECT set-case SOURCE (CASE | --none)",
    N_("Assign a source to a case, or to none"),
    "none", 1, 2, cmd_sources_set_case, GRD_CLI_PROJECT_OPEN },
  { "sources", "delete", "sources PROJECT delete SOURCE",
    N_("Delete a source with its codings"),
    "", 1, 1, cmd_sources_delete, GRD_CLI_PROJECT_OPEN },
  { "search", NULL, "search PROJECT QUERY… [--limit N] [--context N]",
    N_("Find words or \"phrases\" in every source, ignoring case and accents"),
    "limit= context=", 1, -1, cmd_search, GRD_CLI_PROJECT_OPEN },
  { NULL, },
};
