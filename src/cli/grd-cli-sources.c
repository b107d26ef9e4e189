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

typedef struct {
  gint64  source_id;
  char   *encoding;
  guint   n_turns;
} Imported;

static void
imported_clear (Imported *imported)
{
  g_clear_pointer (&imported->encoding, g_free);
}

/* Adds every file and the case assignment inside the batch the caller
 * opened; any failure leaves error set and the caller aborts. */
static gboolean
import_in_batch (GrdCli     *cli,
                 GPtrArray  *texts,
                 GArray     *done,
                 GError    **error)
{
  const char *case_name = grd_cli_get_option (cli, "case");
  const char *name = grd_cli_get_option (cli, "name");
  gint64 case_id = 0;

  if (case_name != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GrdCase) kase = grd_project_find_case (cli->project, case_name, &local_error);

      if (kase != NULL)
        case_id = kase->id;
      else if (g_error_matches (local_error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND))
        case_id = grd_project_add_case (cli->project, case_name, NULL, error);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));

      if (case_id == 0)
        return FALSE;
    }

  for (guint i = 0; i < texts->len; i++)
    {
      GrdImportedText *text = g_ptr_array_index (texts, i);
      Imported imported = { 0, };

      imported.source_id = grd_project_add_source (cli->project, text, name, error);
      if (imported.source_id == 0)
        return FALSE;
      if (case_id != 0 &&
          !grd_project_set_source_case (cli->project, imported.source_id, case_id, error))
        return FALSE;

      imported.encoding = g_strdup (text->encoding);
      imported.n_turns = text->turns != NULL ? text->turns->len : 0;
      g_array_append_val (done, imported);
    }

  return TRUE;
}

static int
cmd_import (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_imported_text_free);
  g_autoptr(GArray) done = g_array_new (FALSE, TRUE, sizeof (Imported));
  g_autofree char *label = NULL;
  g_autoptr(GrdJson) json = NULL;
  g_autoptr(GrdTable) table = NULL;

  g_array_set_clear_func (done, (GDestroyNotify) imported_clear);

  if (grd_cli_has_option (cli, "name") && cli->args->len > 1)
    return grd_cli_usage_error (cli, _("--name names one source; import one file with it"));

  /* Files are read before the project is touched: no transaction stays
   * open while a slow disk is read, and a bad file fails early. */
  for (guint i = 0; i < cli->args->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (grd_cli_arg (cli, i));
      GrdImportedText *text = grd_import_file (file, NULL, &error);

      if (text == NULL)
        return grd_cli_fail (cli, error);
      g_ptr_array_add (texts, text);
    }

  if (texts->len == 1)
    label = g_strdup_printf (_("Import “%s”"),
                             grd_cli_has_option (cli, "name") ? grd_cli_get_option (cli, "name")
                                                             : ((GrdImportedText *) g_ptr_array_index (texts, 0))->title);
  else
    label = g_strdup_printf (ngettext ("Import %u file", "Import %u files", texts->len), texts->len);

  /* All the files or none: a half-imported interview set is worse than an
   * error the researcher can fix and rerun. */
  if (!grd_project_begin_batch (cli->project, label, &error))
    return grd_cli_fail (cli, error);
  if (!import_in_batch (cli, texts, done, &error))
    {
      grd_project_abort_batch (cli->project);
      return grd_cli_fail (cli, error);
    }
  if (!grd_project_end_batch (cli->project, &error))
    return grd_cli_fail (cli, error);

  if (cli->json)
    {
      json = grd_json_new ();
      grd_json_begin_array (json);
    }
  else
    table = grd_table_new (_("Source"), _("Case"), _("Chars"), _("Words"), _("Turns"),
                           _("Encoding"), NULL);

  for (guint i = 0; i < done->len; i++)
    {
      Imported *imported = &g_array_index (done, Imported, i);
      g_autoptr(GrdSource) source = grd_project_get_source (cli->project, imported->source_id, &error);

      if (source == NULL)
        return grd_cli_fail (cli, error);

      if (json != NULL)
        {
          grd_json_begin_object (json);
          grd_json_member_int (json, "id", source->id);
          grd_json_member_string (json, "guid", source->guid);
          grd_json_member_string (json, "name", source->name);
          grd_json_member_string (json, "original_name", source->original_name);
          grd_json_member_string (json, "format", source->format);
          grd_json_member_string (json, "case", source->case_name);
          grd_json_member_int (json, "chars", source->length);
          grd_json_member_int (json, "words", source->n_words);
          grd_json_member_int (json, "turns", imported->n_turns);
          grd_json_member_string (json, "encoding", imported->encoding);
          grd_json_end_object (json);
        }
      else
        {
          g_autofree char *chars = g_strdup_printf ("%" G_GINT64_FORMAT, source->length);
          g_autofree char *words = g_strdup_printf ("%u", source->n_words);
          g_autofree char *turns = g_strdup_printf ("%u", imported->n_turns);

          grd_table_add_row (table, source->name, source->case_name != NULL ? source->case_name : "",
                             chars, words, turns, imported->encoding, NULL);
        }
    }

  if (json != NULL)
    {
      grd_json_end_array (json);
      grd_json_print (g_steal_pointer (&json));
    }
  else
    {
      printf (ngettext ("Imported %u file:\n", "Imported %u files:\n", done->len), done->len);
      grd_table_print (table, "  ");
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
  { "import", NULL, "import PROJECT FILE… [--case CASE] [--name NAME]",
    N_("Import text and Markdown transcripts, all or none; --case assigns them to a case "
       "(made if missing)"),
    "case= name=", 1, -1, cmd_import, GRD_CLI_PROJECT_OPEN },
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
