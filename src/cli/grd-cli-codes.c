/* grd-cli-codes.c: the code tree, codings, quotes and the counting queries
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

#define KIND_NAMES "open-code, sub-theme, theme, aggregate-dimension or core-category"

/* Paths, not bare names, in every listing: names repeat across the tree. */
GHashTable *
grd_cli_code_paths (GrdCli  *cli,
                    GError **error)
{
  g_autoptr(GPtrArray) codes = grd_project_list_codes (cli->project, error);
  g_autoptr(GHashTable) paths = NULL;

  if (codes == NULL)
    return NULL;

  paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  /* Depth-first order puts each parent before its children. */
  for (guint i = 0; i < codes->len; i++)
    {
      GrdCode *code = g_ptr_array_index (codes, i);
      const char *parent_path = code->parent_id != 0
        ? g_hash_table_lookup (paths, &code->parent_id)
        : NULL;

      g_hash_table_insert (paths, g_memdup2 (&code->id, sizeof code->id),
                           parent_path != NULL ? g_strconcat (parent_path, "/", code->name, NULL)
                                               : g_strdup (code->name));
    }

  return g_steal_pointer (&paths);
}

const char *
grd_cli_lookup_path (GHashTable *paths,
                     gint64      code_id)
{
  const char *path = g_hash_table_lookup (paths, &code_id);

  return path != NULL ? path : "?";
}

static GrdCode *
find_code (GrdCli      *cli,
           const char  *reference,
           GError     **error)
{
  return grd_project_find_code (cli->project, reference, error);
}

static gboolean
parse_kind (GrdCli      *cli,
            const char  *text,
            GrdCodeKind *kind)
{
  if (grd_code_kind_from_string (text, kind))
    return TRUE;

  grd_cli_usage_error (cli, _("“%s” is not a code kind; use %s"), text, KIND_NAMES);
  return FALSE;
}

/* codes PROJECT */

static int
cmd_codes_list (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GHashTable) paths = NULL;

  if ((codes = grd_project_list_codes (cli->project, &error)) == NULL ||
      (paths = grd_cli_code_paths (cli, &error)) == NULL)
    return grd_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_array (json);
      for (guint i = 0; i < codes->len; i++)
        {
          GrdCode *code = g_ptr_array_index (codes, i);

          grd_json_begin_object (json);
          grd_json_member_int (json, "id", code->id);
          grd_json_member_string (json, "guid", code->guid);
          grd_json_member_string (json, "name", code->name);
          grd_json_member_string (json, "path", grd_cli_lookup_path (paths, code->id));
          grd_json_member_id (json, "parent_id", code->parent_id);
          grd_json_member_int (json, "position", code->position);
          grd_json_member_int (json, "depth", code->depth);
          grd_json_member_string (json, "kind", grd_code_kind_to_string (code->kind));
          grd_json_member_string (json, "color", code->color);
          grd_json_member_string (json, "description", code->description);
          grd_json_member_int (json, "codings", code->n_codings);
          grd_json_member_int (json, "codings_total", code->n_codings_total);
          grd_json_member_int (json, "children", code->n_children);
          grd_json_end_object (json);
        }
      grd_json_end_array (json);
      grd_json_print (g_steal_pointer (&json));
      return GRD_CLI_EXIT_OK;
    }

  if (codes->len == 0)
    {
      printf ("%s\n", _("No codes yet."));
      return GRD_CLI_EXIT_OK;
    }

  {
    g_autoptr(GrdTable) table = grd_table_new (_("Code"), _("Kind"), _("Colour"), _("Own"),
                                               _("Total"), NULL);

    for (guint i = 0; i < codes->len; i++)
      {
        GrdCode *code = g_ptr_array_index (codes, i);
        g_autoptr(GString) name = g_string_new (NULL);
        g_autofree char *own = g_strdup_printf ("%u", code->n_codings);
        g_autofree char *total = g_strdup_printf ("%u", code->n_codings_total);

        for (guint d = 0; d < code->depth; d++)
          g_string_append (name, "  ");
        g_string_append (name, code->name);

        grd_table_add_row (table, name->str, grd_code_kind_to_string (code->kind), code->color,
                           own, total, NULL);
      }
    grd_table_print (table, "");
  }

  return GRD_CLI_EXIT_OK;
}

static int
cmd_codes_add (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCode) parent = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  const char *parent_ref = grd_cli_get_option (cli, "parent");
  const char *kind_name = grd_cli_get_option (cli, "kind");
  GrdCodeKind kind = GRD_CODE_KIND_OPEN_CODE;
  gint64 code_id;

  if (kind_name != NULL && !parse_kind (cli, kind_name, &kind))
    return GRD_CLI_EXIT_USAGE;

  if (parent_ref != NULL && (parent = find_code (cli, parent_ref, &error)) == NULL)
    return grd_cli_fail (cli, error);

  code_id = grd_project_add_code (cli->project, parent != NULL ? parent->id : 0,
                                  grd_cli_arg (cli, 0), kind, grd_cli_get_option (cli, "color"),
                                  grd_cli_get_option (cli, "description"), &error);
  if (code_id == 0)
    return grd_cli_fail (cli, error);

  path = grd_project_get_code_path (cli->project, code_id, NULL);
  message = g_strdup_printf (_("Added code “%s” (id %" G_GINT64_FORMAT ")"), path, code_id);
  grd_cli_report (cli, "added", code_id, path, message);
  return GRD_CLI_EXIT_OK;
}

static int
cmd_codes_rename (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCode) code = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;

  if ((code = find_code (cli, grd_cli_arg (cli, 0), &error)) == NULL ||
      !grd_project_rename_code (cli->project, code->id, grd_cli_arg (cli, 1), &error))
    return grd_cli_fail (cli, error);

  path = grd_project_get_code_path (cli->project, code->id, NULL);
  message = g_strdup_printf (_("Renamed “%s” to “%s”"), code->name, path);
  grd_cli_report (cli, "renamed", code->id, path, message);
  return GRD_CLI_EXIT_OK;
}

static int
cmd_codes_move (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCode) code = NULL;
  g_autoptr(GrdCode) parent = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  const char *parent_ref = grd_cli_get_option (cli, "parent");
  gboolean top = grd_cli_has_option (cli, "top");
  gint64 position;

  if ((parent_ref != NULL) == top)
    return grd_cli_usage_error (cli, _("give either --parent CODE or --top"));
  if (!grd_cli_get_int_option (cli, "position", 0, -1, &position))
    return GRD_CLI_EXIT_USAGE;

  if ((code = find_code (cli, grd_cli_arg (cli, 0), &error)) == NULL ||
      (parent_ref != NULL && (parent = find_code (cli, parent_ref, &error)) == NULL))
    return grd_cli_fail (cli, error);

  if (!grd_project_move_code (cli->project, code->id, parent != NULL ? parent->id : 0,
                              (gint) MIN (position, G_MAXINT), &error))
    return grd_cli_fail (cli, error);

  path = grd_project_get_code_path (cli->project, code->id, NULL);
  message = g_strdup_printf (_("Moved “%s” to “%s”"), code->name, path);
  grd_cli_report (cli, "moved", code->id, path, message);
  return GRD_CLI_EXIT_OK;
}

static int
cmd_codes_merge (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCode) from = NULL;
  g_autoptr(GrdCode) into = NULL;
  g_autofree char *into_path = NULL;
  g_autofree char *message = NULL;

  if ((from = find_code (cli, grd_cli_arg (cli, 0), &error)) == NULL ||
      (into = find_code (cli, grd_cli_arg (cli, 1), &error)) == NULL)
    return grd_cli_fail (cli, error);

  if (!grd_project_merge_codes (cli->project, from->id, into->id, &error))
    return grd_cli_fail (cli, error);

  into_path = grd_project_get_code_path (cli->project, into->id, NULL);
  message = g_strdup_printf (_("Merged “%s” into “%s”"), from->name, into_path);
  grd_cli_report (cli, "merged", into->id, into_path, message);
  return GRD_CLI_EXIT_OK;
}

static int
cmd_codes_delete (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCode) code = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;

  if ((code = find_code (cli, grd_cli_arg (cli, 0), &error)) == NULL)
    return grd_cli_fail (cli, error);

  path = grd_project_get_code_path (cli->project, code->id, NULL);
  if (!grd_project_delete_code (cli->project, code->id, &error))
    return grd_cli_fail (cli, error);

  /* Saying what went with it tells people what "undo" would bring back. */
  message = g_strdup_printf (_("Deleted code “%s” with %u sub-codes and %u codings"),
                             path, code->n_children, code->n_codings_total);
  grd_cli_report (cli, "deleted", code->id, path, message);
  return GRD_CLI_EXIT_OK;
}

static int
cmd_codes_set_kind (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCode) code = NULL;
  g_autofree char *message = NULL;
  GrdCodeKind kind;

  if (!parse_kind (cli, grd_cli_arg (cli, 1), &kind))
    return GRD_CLI_EXIT_USAGE;

  if ((code = find_code (cli, grd_cli_arg (cli, 0), &error)) == NULL ||
      !grd_project_set_code_kind (cli->project, code->id, kind, &error))
    return grd_cli_fail (cli, error);

  message = g_strdup_printf (_("“%s” is now a %s"), code->name, grd_code_kind_to_string (kind));
  grd_cli_report (cli, "set-kind", code->id, code->name, message);
  return GRD_CLI_EXIT_OK;
}

static int
cmd_codes_set_color (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCode) code = NULL;
  g_autofree char *message = NULL;

  if ((code = find_code (cli, grd_cli_arg (cli, 0), &error)) == NULL ||
      !grd_project_set_code_color (cli->project, code->id, grd_cli_arg (cli, 1), &error))
    return grd_cli_fail (cli, error);

  message = g_strdup_printf (_("“%s” is now %s"), code->name, grd_cli_arg (cli, 1));
  grd_cli_report (cli, "set-color", code->id, code->name, message);
  return GRD_CLI_EXIT_OK;
}

static int
cmd_codes_describe (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCode) code = NULL;
  g_autofree char *message = NULL;

  if ((code = find_code (cli, grd_cli_arg (cli, 0), &error)) == NULL ||
      !grd_project_set_code_description (cli->project, code->id, grd_cli_arg (cli, 1), &error))
    return grd_cli_fail (cli, error);

  message = g_strdup_printf (_("Described “%s”"), code->name);
  grd_cli_report (cli, "described", code->id, code->name, message);
  return GRD_CLI_EXIT_OK;
}

/* Code sets: core finds codes by name but not sets, so sets are looked up
 * here, by name or GUID. */
static GrdCodeSet *
find_code_set (GrdCli      *cli,
               const char  *reference,
               GError     **error)
{
  g_autoptr(GPtrArray) sets = grd_project_list_code_sets (cli->project, error);

  if (sets == NULL)
    return NULL;

  for (guint i = 0; i < sets->len; i++)
    {
      GrdCodeSet *set = g_ptr_array_index (sets, i);

      if (g_str_equal (set->name, reference) || g_ascii_strcasecmp (set->guid, reference) == 0)
        return g_ptr_array_steal_index (sets, i);
    }

  g_set_error (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND,
               _("There is no code set named “%s”"), reference);
  return NULL;
}

static int
cmd_codes_sets (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GHashTable) paths = NULL;

  if ((sets = grd_project_list_code_sets (cli->project, &error)) == NULL ||
      (paths = grd_cli_code_paths (cli, &error)) == NULL)
    return grd_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_array (json);
      for (guint i = 0; i < sets->len; i++)
        {
          GrdCodeSet *set = g_ptr_array_index (sets, i);

          grd_json_begin_object (json);
          grd_json_member_int (json, "id", set->id);
          grd_json_member_string (json, "guid", set->guid);
          grd_json_member_string (json, "name", set->name);
          grd_json_member_string (json, "description", set->description);
          grd_json_member (json, "codes");
          grd_json_begin_array (json);
          for (guint j = 0; j < set->code_ids->len; j++)
            grd_json_string (json, grd_cli_lookup_path (paths, g_array_index (set->code_ids, gint64, j)));
          grd_json_end_array (json);
          grd_json_end_object (json);
        }
      grd_json_end_array (json);
      grd_json_print (g_steal_pointer (&json));
      return GRD_CLI_EXIT_OK;
    }

  if (sets->len == 0)
    printf ("%s\n", _("No code sets."));

  for (guint i = 0; i < sets->len; i++)
    {
      GrdCodeSet *set = g_ptr_array_index (sets, i);

      printf ("%s (%u)\n", set->name, set->code_ids->len);
      for (guint j = 0; j < set->code_ids->len; j++)
        printf ("  %s\n", grd_cli_lookup_path (paths, g_array_index (set->code_ids, gint64, j)));
    }

  return GRD_CLI_EXIT_OK;
}

static int
cmd_codes_add_set (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 set_id;

  set_id = grd_project_add_code_set (cli->project, grd_cli_arg (cli, 0),
                                     grd_cli_get_option (cli, "description"), &error);
  if (set_id == 0)
    return grd_cli_fail (cli, error);

  message = g_strdup_printf (_("Added code set “%s” (id %" G_GINT64_FORMAT ")"),
                             grd_cli_arg (cli, 0), set_id);
  grd_cli_report (cli, "added", set_id, grd_cli_arg (cli, 0), message);
  return GRD_CLI_EXIT_OK;
}

static int
change_set (GrdCli   *cli,
            gboolean  add)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCodeSet) set = NULL;
  g_autoptr(GrdCode) code = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  if ((set = find_code_set (cli, grd_cli_arg (cli, 0), &error)) == NULL ||
      (code = find_code (cli, grd_cli_arg (cli, 1), &error)) == NULL)
    return grd_cli_fail (cli, error);

  ok = add ? grd_project_add_to_code_set (cli->project, set->id, code->id, &error)
           : grd_project_remove_from_code_set (cli->project, set->id, code->id, &error);
  if (!ok)
    return grd_cli_fail (cli, error);

  message = add ? g_strdup_printf (_("Added “%s” to the set “%s”"), code->name, set->name)
                : g_strdup_printf (_("Removed “%s” from the set “%s”"), code->name, set->name);
  grd_cli_report (cli, add ? "added-to-set" : "removed-from-set", set->id, set->name, message);
  return GRD_CLI_EXIT_OK;
}

static int
cmd_codes_add_to_set (GrdCli *cli)
{
  return change_set (cli, TRUE);
}

static int
cmd_codes_remove_from_set (GrdCli *cli)
{
  return change_set (cli, FALSE);
}

/* Codings */

static int
cmd_code (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdSource) source = NULL;
  g_autoptr(GrdCode) code = NULL;
  g_autofree char *label = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *passage = NULL;
  const char *quote = grd_cli_get_option (cli, "quote");
  const char *memo = grd_cli_get_option (cli, "memo");
  gboolean representative = grd_cli_has_option (cli, "representative");
  gboolean has_start = grd_cli_has_option (cli, "start");
  gboolean has_end = grd_cli_has_option (cli, "end");
  gint64 start = 0, end = 0, coding_id, memo_id = 0;
  gsize len;

  if (quote != NULL && (has_start || has_end))
    return grd_cli_usage_error (cli, _("give either --quote or --start and --end, not both"));
  if (quote == NULL && !(has_start && has_end))
    return grd_cli_usage_error (cli, _("give the passage: --start N --end N, or --quote TEXT"));
  if (quote == NULL &&
      (!grd_cli_get_int_option (cli, "start", 0, 0, &start) ||
       !grd_cli_get_int_option (cli, "end", 0, 0, &end)))
    return GRD_CLI_EXIT_USAGE;

  if ((source = grd_project_find_source (cli->project, grd_cli_arg (cli, 0), &error)) == NULL ||
      (code = find_code (cli, grd_cli_arg (cli, 1), &error)) == NULL)
    return grd_cli_fail (cli, error);

  if (quote != NULL &&
      !grd_query_locate_passage (cli->project, source->id, quote, &start, &end, &error))
    return grd_cli_fail (cli, error);

  /* The coding, its flag and its memo are one thing to the researcher, so
   * one undo step. */
  label = g_strdup_printf (_("Apply code “%s”"), code->name);
  if (!grd_project_begin_batch (cli->project, label, &error))
    return grd_cli_fail (cli, error);

  coding_id = grd_project_add_coding (cli->project, source->id, code->id, start, end, &error);
  if (coding_id == 0 ||
      (representative &&
       !grd_project_set_representative (cli->project, coding_id, TRUE, &error)) ||
      (memo != NULL &&
       (memo_id = grd_project_add_memo (cli->project, GRD_MEMO_SCOPE_CODING, coding_id, NULL,
                                        memo, &error)) == 0))
    {
      grd_project_abort_batch (cli->project);
      return grd_cli_fail (cli, error);
    }

  if (!grd_project_end_batch (cli->project, &error))
    return grd_cli_fail (cli, error);

  path = grd_project_get_code_path (cli->project, code->id, NULL);
  text = grd_project_get_source_text (cli->project, source->id, &len, NULL);
  passage = text != NULL ? grd_cli_substring (text, len, start, end) : g_strdup ("");

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_object (json);
      grd_json_member_int (json, "id", coding_id);
      grd_json_member_string (json, "source", source->name);
      grd_json_member_string (json, "code", path);
      grd_json_member_int (json, "start", start);
      grd_json_member_int (json, "end", end);
      grd_json_member_bool (json, "representative", representative);
      grd_json_member_id (json, "memo_id", memo_id);
      grd_json_member_string (json, "text", passage);
      grd_json_end_object (json);
      grd_json_print (g_steal_pointer (&json));
    }
  else
    {
      g_autofree char *shown = grd_cli_shorten (passage, 60);

      printf (_("Coding %" G_GINT64_FORMAT ": “%s” %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT
                " as “%s”%s\n"),
              coding_id, source->name, start, end, path,
              representative ? _(" (representative)") : "");
      printf ("  “%s”\n", shown);
    }

  return GRD_CLI_EXIT_OK;
}

static int
cmd_uncode (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 coding_id;

  if (!grd_cli_parse_id (cli, "CODING_ID", grd_cli_arg (cli, 0), &coding_id))
    return GRD_CLI_EXIT_USAGE;

  if (!grd_project_remove_coding (cli->project, coding_id, &error))
    return grd_cli_fail (cli, error);

  message = g_strdup_printf (_("Removed coding %" G_GINT64_FORMAT), coding_id);
  grd_cli_report (cli, "removed", coding_id, NULL, message);
  return GRD_CLI_EXIT_OK;
}

static int
cmd_codings (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GHashTable) paths = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GrdTable) table = NULL;
  g_autoptr(GrdJson) json = NULL;
  g_autoptr(GrdSource) only = NULL;
  g_autofree char *text = NULL;
  gint64 text_source = 0;
  gsize len = 0;

  if (grd_cli_arg (cli, 0) != NULL &&
      (only = grd_project_find_source (cli->project, grd_cli_arg (cli, 0), &error)) == NULL)
    return grd_cli_fail (cli, error);

  if ((codings = grd_project_list_codings (cli->project, only != NULL ? only->id : 0, &error)) == NULL ||
      (sources = grd_project_list_sources (cli->project, &error)) == NULL ||
      (paths = grd_cli_code_paths (cli, &error)) == NULL)
    return grd_cli_fail (cli, error);

  for (guint i = 0; i < sources->len; i++)
    {
      GrdSource *source = g_ptr_array_index (sources, i);

      g_hash_table_insert (by_id, &source->id, source);
    }

  if (cli->json)
    {
      json = grd_json_new ();
      grd_json_begin_array (json);
    }
  else
    table = grd_table_new (_("ID"), _("Source"), _("Code"), _("Start"), _("End"), _("Coder"),
                           _("Rep."), _("Text"), NULL);

  /* Codings come sorted by source: each text is read once. */
  for (guint i = 0; i < codings->len; i++)
    {
      GrdCoding *coding = g_ptr_array_index (codings, i);
      GrdSource *source = g_hash_table_lookup (by_id, &coding->source_id);
      const char *source_name = source != NULL ? source->name : "?";
      g_autofree char *quoted = NULL;

      if (text_source != coding->source_id)
        {
          g_free (text);
          text = grd_project_get_source_text (cli->project, coding->source_id, &len, &error);
          if (text == NULL)
            return grd_cli_fail (cli, error);
          text_source = coding->source_id;
        }
      quoted = grd_cli_substring (text, len, coding->start, coding->end);

      if (json != NULL)
        {
          grd_json_begin_object (json);
          grd_json_member_int (json, "id", coding->id);
          grd_json_member_string (json, "guid", coding->guid);
          grd_json_member_int (json, "source_id", coding->source_id);
          grd_json_member_string (json, "source", source_name);
          grd_json_member_int (json, "code_id", coding->code_id);
          grd_json_member_string (json, "code", grd_cli_lookup_path (paths, coding->code_id));
          grd_json_member_int (json, "start", coding->start);
          grd_json_member_int (json, "end", coding->end);
          grd_json_member_string (json, "coder", coding->coder_name);
          grd_json_member_bool (json, "representative", coding->representative);
          grd_json_member_int (json, "created_at", coding->created_at);
          grd_json_member_string (json, "text", quoted);
          grd_json_end_object (json);
        }
      else
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, coding->id);
          g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, coding->start);
          g_autofree char *end = g_strdup_printf ("%" G_GINT64_FORMAT, coding->end);
          g_autofree char *shown = grd_cli_shorten (quoted, 60);

          grd_table_add_row (table, id, source_name, grd_cli_lookup_path (paths, coding->code_id),
                             start, end, coding->coder_name != NULL ? coding->coder_name : "",
                             coding->representative ? "*" : "", shown, NULL);
        }
    }

  if (json != NULL)
    {
      grd_json_end_array (json);
      grd_json_print (g_steal_pointer (&json));
    }
  else if (codings->len == 0)
    printf ("%s\n", _("No codings."));
  else
    grd_table_print (table, "");

  return GRD_CLI_EXIT_OK;
}

static int
cmd_represent (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean on = !grd_cli_has_option (cli, "off");
  gint64 coding_id;

  if (!grd_cli_parse_id (cli, "CODING_ID", grd_cli_arg (cli, 0), &coding_id))
    return GRD_CLI_EXIT_USAGE;

  if (!grd_project_set_representative (cli->project, coding_id, on, &error))
    return grd_cli_fail (cli, error);

  message = on ? g_strdup_printf (_("Coding %" G_GINT64_FORMAT " is a representative quote"), coding_id)
               : g_strdup_printf (_("Coding %" G_GINT64_FORMAT " is no longer a representative quote"),
                                  coding_id);
  grd_cli_report (cli, on ? "representative" : "not-representative", coding_id, NULL, message);
  return GRD_CLI_EXIT_OK;
}

static int
cmd_recode (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCode) code = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  gint64 coding_id;

  if (!grd_cli_parse_id (cli, "CODING_ID", grd_cli_arg (cli, 0), &coding_id))
    return GRD_CLI_EXIT_USAGE;

  if ((code = find_code (cli, grd_cli_arg (cli, 1), &error)) == NULL ||
      !grd_project_recode_coding (cli->project, coding_id, code->id, &error))
    return grd_cli_fail (cli, error);

  path = grd_project_get_code_path (cli->project, code->id, NULL);
  message = g_strdup_printf (_("Coding %" G_GINT64_FORMAT " is now coded “%s”"), coding_id, path);
  grd_cli_report (cli, "recoded", coding_id, path, message);
  return GRD_CLI_EXIT_OK;
}

/* Retrieval */

static int
cmd_quotes (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCode) code = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  GrdQuoteFlags flags = GRD_QUOTE_DEFAULT;
  gboolean show_context = grd_cli_has_option (cli, "context");
  gint64 context;

  if (!grd_cli_get_int_option (cli, "context", 0, 40, &context))
    return GRD_CLI_EXIT_USAGE;
  if (grd_cli_has_option (cli, "descendants"))
    flags |= GRD_QUOTE_WITH_DESCENDANTS;
  if (grd_cli_has_option (cli, "representative"))
    flags |= GRD_QUOTE_REPRESENTATIVE;

  if ((code = find_code (cli, grd_cli_arg (cli, 0), &error)) == NULL ||
      (quotes = grd_query_quotes (cli->project, code->id, flags, (guint) MIN (context, 100000),
                                  NULL, &error)) == NULL)
    return grd_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_array (json);
      for (guint i = 0; i < quotes->len; i++)
        {
          GrdQuote *quote = g_ptr_array_index (quotes, i);

          grd_json_begin_object (json);
          grd_json_member_int (json, "coding_id", quote->coding_id);
          grd_json_member_int (json, "code_id", quote->code_id);
          grd_json_member_string (json, "code", quote->code_name);
          grd_json_member_string (json, "case", quote->case_name);
          grd_json_member_int (json, "source_id", quote->source_id);
          grd_json_member_string (json, "source", quote->source_name);
          grd_json_member_string (json, "speaker", quote->speaker);
          grd_json_member_string (json, "coder", quote->coder_name);
          grd_json_member_int (json, "start", quote->start);
          grd_json_member_int (json, "end", quote->end);
          grd_json_member_bool (json, "representative", quote->representative);
          grd_json_member_string (json, "text", quote->text);
          grd_json_member_string (json, "context_before", quote->context_before);
          grd_json_member_string (json, "context_after", quote->context_after);
          grd_json_end_object (json);
        }
      grd_json_end_array (json);
      grd_json_print (g_steal_pointer (&json));
      return GRD_CLI_EXIT_OK;
    }

  if (quotes->len == 0)
    {
      printf (_("No quotes for “%s”.\n"), code->name);
      return GRD_CLI_EXIT_OK;
    }

  for (guint i = 0; i < quotes->len; i++)
    {
      GrdQuote *quote = g_ptr_array_index (quotes, i);
      g_autofree char *text = grd_cli_one_line (quote->text);
      g_autofree char *sub_code = NULL;

      /* With --descendants, say which sub-code a quote comes from. */
      if (quote->code_id != code->id)
        sub_code = g_strconcat (" · ", quote->code_name, NULL);

      printf ("%s · %s · %s · %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT "%s%s\n",
              quote->case_name != NULL ? quote->case_name : _("(no case)"),
              quote->source_name,
              quote->speaker != NULL ? quote->speaker : _("(no speaker)"),
              quote->start, quote->end,
              quote->representative ? _(" · representative") : "",
              sub_code != NULL ? sub_code : "");
      if (show_context)
        {
          g_autofree char *before = grd_cli_one_line (quote->context_before);
          g_autofree char *after = grd_cli_one_line (quote->context_after);

          printf ("  …%s “%s” %s…\n", before, text, after);
        }
      else
        printf ("  “%s”\n", text);
    }

  return GRD_CLI_EXIT_OK;
}

/* A frequency table's columns are sources, cases or attribute values;
 * NULL (no case, value not recorded) is a column of its own. */
static int
compare_group_names (gconstpointer a,
                     gconstpointer b)
{
  const char *x = *(const char * const *) a;
  const char *y = *(const char * const *) b;
  char *x_end = NULL, *y_end = NULL;
  double x_number = g_ascii_strtod (x, &x_end);
  double y_number = g_ascii_strtod (y, &y_end);
  gboolean x_is_number = x_end != x && *x_end == '\0';
  gboolean y_is_number = y_end != y && *y_end == '\0';

  /* values of a number attribute in numeric order, n/a after them */
  if (x_is_number != y_is_number)
    return x_is_number ? -1 : 1;
  if (x_is_number && x_number != y_number)
    return x_number < y_number ? -1 : 1;
  return g_utf8_collate (x, y);
}

static const char *
group_key (const char *group)
{
  /* A control character cannot be in a name, so it cannot clash. */
  return group != NULL ? group : "\001";
}

static int
cmd_frequencies (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GHashTable) paths = NULL;
  g_autoptr(GrdAttribute) attribute = NULL;
  g_autoptr(GPtrArray) group_names = g_ptr_array_new ();   /* borrowed from rows; NULL allowed */
  g_autoptr(GHashTable) group_index = g_hash_table_new (g_str_hash, g_str_equal);
  const char *by = grd_cli_get_option (cli, "by");
  const char *attribute_name = grd_cli_get_option (cli, "attribute");
  GrdGroupBy group_by = GRD_GROUP_BY_CASE;

  if (by == NULL)
    group_by = attribute_name != NULL ? GRD_GROUP_BY_ATTRIBUTE : GRD_GROUP_BY_CASE;
  else if (g_str_equal (by, "source"))
    group_by = GRD_GROUP_BY_SOURCE;
  else if (g_str_equal (by, "case"))
    group_by = GRD_GROUP_BY_CASE;
  else if (g_str_equal (by, "attribute"))
    group_by = GRD_GROUP_BY_ATTRIBUTE;
  else
    return grd_cli_usage_error (cli, _("--by takes source, case or attribute, not “%s”"), by);

  if (group_by == GRD_GROUP_BY_ATTRIBUTE && attribute_name == NULL)
    return grd_cli_usage_error (cli, _("--by attribute needs --attribute NAME"));
  if (group_by != GRD_GROUP_BY_ATTRIBUTE && attribute_name != NULL)
    return grd_cli_usage_error (cli, _("--attribute goes with --by attribute"));

  if (attribute_name != NULL &&
      (attribute = grd_project_find_attribute (cli->project, attribute_name, &error)) == NULL)
    return grd_cli_fail (cli, error);

  if ((rows = grd_query_frequencies (cli->project, group_by, attribute != NULL ? attribute->id : 0,
                                     grd_cli_has_option (cli, "include-interviewer"),
                                     NULL, &error)) == NULL ||
      (codes = grd_project_list_codes (cli->project, &error)) == NULL ||
      (paths = grd_cli_code_paths (cli, &error)) == NULL)
    return grd_cli_fail (cli, error);

  /* Columns in a stable order: by name, the group without one last. */
  {
    g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
    gboolean has_null = FALSE;

    for (guint i = 0; i < rows->len; i++)
      {
        GrdFrequency *row = g_ptr_array_index (rows, i);

        if (row->group == NULL)
          has_null = TRUE;
        else if (g_hash_table_add (seen, row->group))
          g_ptr_array_add (sorted, row->group);
      }
    g_ptr_array_sort (sorted, compare_group_names);
    for (guint i = 0; i < sorted->len; i++)
      g_ptr_array_add (group_names, g_ptr_array_index (sorted, i));
    if (has_null)
      g_ptr_array_add (group_names, NULL);
    for (guint i = 0; i < group_names->len; i++)
      g_hash_table_insert (group_index, (gpointer) group_key (g_ptr_array_index (group_names, i)),
                           GUINT_TO_POINTER (i));
  }

  {
    /* code id -> counts per column, and chars per column */
    guint n_groups = group_names->len;
    g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
    g_autoptr(GHashTable) chars = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
    g_autoptr(GrdTable) table = NULL;
    g_autoptr(GrdJson) json = NULL;
    const char *null_label = group_by == GRD_GROUP_BY_CASE ? _("(no case)") : _("(not recorded)");

    for (guint i = 0; i < codes->len; i++)
      {
        GrdCode *code = g_ptr_array_index (codes, i);

        g_hash_table_insert (counts, &code->id, g_new0 (guint, n_groups + 1));
        g_hash_table_insert (chars, &code->id, g_new0 (guint, n_groups + 1));
      }

    for (guint i = 0; i < rows->len; i++)
      {
        GrdFrequency *row = g_ptr_array_index (rows, i);
        guint *row_counts = g_hash_table_lookup (counts, &row->code_id);
        guint *row_chars = g_hash_table_lookup (chars, &row->code_id);
        guint column = GPOINTER_TO_UINT (g_hash_table_lookup (group_index, group_key (row->group)));

        if (row_counts == NULL)
          continue;
        row_counts[column] += row->n_codings;
        row_counts[n_groups] += row->n_codings;
        row_chars[column] += row->n_chars;
        row_chars[n_groups] += row->n_chars;
      }

    if (cli->json)
      {
        json = grd_json_new ();
        grd_json_begin_object (json);
        grd_json_member_string (json, "by", group_by == GRD_GROUP_BY_SOURCE ? "source"
                                            : group_by == GRD_GROUP_BY_CASE ? "case" : "attribute");
        grd_json_member_string (json, "attribute", attribute != NULL ? attribute->name : NULL);
        grd_json_member (json, "groups");
        grd_json_begin_array (json);
        for (guint g = 0; g < n_groups; g++)
          grd_json_string (json, g_ptr_array_index (group_names, g));
        grd_json_end_array (json);
        grd_json_member (json, "rows");
        grd_json_begin_array (json);
      }
    else
      {
        g_autoptr(GPtrArray) headers = g_ptr_array_new ();

        /* One column per group, known only now. */
        g_ptr_array_add (headers, (gpointer) _("Code"));
        for (guint g = 0; g < n_groups; g++)
          {
            const char *name = g_ptr_array_index (group_names, g);

            g_ptr_array_add (headers, (gpointer) (name != NULL ? name : null_label));
          }
        g_ptr_array_add (headers, (gpointer) _("Total"));
        table = grd_table_new_from (headers);
      }

    for (guint i = 0; i < codes->len; i++)
      {
        GrdCode *code = g_ptr_array_index (codes, i);
        guint *row_counts = g_hash_table_lookup (counts, &code->id);
        guint *row_chars = g_hash_table_lookup (chars, &code->id);

        if (json != NULL)
          {
            grd_json_begin_object (json);
            grd_json_member_int (json, "code_id", code->id);
            grd_json_member_string (json, "code", grd_cli_lookup_path (paths, code->id));
            grd_json_member (json, "counts");
            grd_json_begin_array (json);
            for (guint g = 0; g < n_groups; g++)
              grd_json_int (json, row_counts[g]);
            grd_json_end_array (json);
            grd_json_member (json, "chars");
            grd_json_begin_array (json);
            for (guint g = 0; g < n_groups; g++)
              grd_json_int (json, row_chars[g]);
            grd_json_end_array (json);
            grd_json_member_int (json, "total", row_counts[n_groups]);
            grd_json_end_object (json);
          }
        else
          {
            g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

            g_ptr_array_add (cells, g_strdup (grd_cli_lookup_path (paths, code->id)));
            for (guint g = 0; g <= n_groups; g++)
              g_ptr_array_add (cells, g_strdup_printf ("%u", row_counts[g]));
            grd_table_add_rowv (table, cells);
          }
      }

    if (json != NULL)
      {
        grd_json_end_array (json);
        grd_json_end_object (json);
        grd_json_print (g_steal_pointer (&json));
      }
    else if (codes->len == 0)
      printf ("%s\n", _("No codes yet."));
    else
      grd_table_print (table, "");
  }

  return GRD_CLI_EXIT_OK;
}

static int
cmd_cooccurrence (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GHashTable) paths = NULL;
  GrdCooccurrenceMode mode = grd_cli_has_option (cli, "same-turn") ? GRD_COOCCUR_SAME_TURN
                                                                    : GRD_COOCCUR_OVERLAP;

  if ((pairs = grd_query_cooccurrence (cli->project, mode, NULL, &error)) == NULL ||
      (paths = grd_cli_code_paths (cli, &error)) == NULL)
    return grd_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_array (json);
      for (guint i = 0; i < pairs->len; i++)
        {
          GrdCooccurrence *pair = g_ptr_array_index (pairs, i);

          grd_json_begin_object (json);
          grd_json_member_int (json, "code_a_id", pair->code_a);
          grd_json_member_string (json, "code_a", grd_cli_lookup_path (paths, pair->code_a));
          grd_json_member_int (json, "code_b_id", pair->code_b);
          grd_json_member_string (json, "code_b", grd_cli_lookup_path (paths, pair->code_b));
          grd_json_member_int (json, "count", pair->count);
          grd_json_end_object (json);
        }
      grd_json_end_array (json);
      grd_json_print (g_steal_pointer (&json));
      return GRD_CLI_EXIT_OK;
    }

  if (pairs->len == 0)
    {
      printf ("%s\n", _("No codes co-occur."));
      return GRD_CLI_EXIT_OK;
    }

  {
    g_autoptr(GrdTable) table = grd_table_new (_("Code"), _("Code"), _("Count"), NULL);

    for (guint i = 0; i < pairs->len; i++)
      {
        GrdCooccurrence *pair = g_ptr_array_index (pairs, i);
        g_autofree char *count = g_strdup_printf ("%u", pair->count);

        grd_table_add_row (table, grd_cli_lookup_path (paths, pair->code_a),
                           grd_cli_lookup_path (paths, pair->code_b), count, NULL);
      }
    grd_table_print (table, "");
  }

  return GRD_CLI_EXIT_OK;
}

const GrdCliVerb grd_cli_code_verbs[] = {
  { "codes", NULL, "codes PROJECT",
    N_("Print the code tree with kinds, colours and own/total coding counts"),
    "", 0, 0, cmd_codes_list, GRD_CLI_PROJECT_OPEN },
  { "codes", "add", "codes PROJECT add NAME [--parent CODE] [--kind KIND] [--color #rrggbb] "
    "[--description D]",
    N_("Add a code; KIND is open-code, sub-theme, theme, aggregate-dimension or core-category"),
    "parent= kind= color= description=", 1, 1, cmd_codes_add, GRD_CLI_PROJECT_OPEN },
  { "codes", "rename", "codes PROJECT rename CODE NEW",
    N_("Rename a code"),
    "", 2, 2, cmd_codes_rename, GRD_CLI_PROJECT_OPEN },
  { "codes", "move", "codes PROJECT move CODE (--parent CODE | --top) [--position N]",
    N_("Move a code under another or to the top level"),
    "parent= top position=", 1, 1, cmd_codes_move, GRD_CLI_PROJECT_OPEN },
  { "codes", "merge", "codes PROJECT merge CODE INTO",
    N_("Merge a code into another; its codings, sub-codes and memos follow"),
    "", 2, 2, cmd_codes_merge, GRD_CLI_PROJECT_OPEN },
  { "codes", "delete", "codes PROJECT delete CODE",
    N_("Delete a code with its sub-codes and codings"),
    "", 1, 1, cmd_codes_delete, GRD_CLI_PROJECT_OPEN },
  { "codes", "set-kind", "codes PROJECT set-kind CODE KIND",
    N_("Change the kind of a code"),
    "", 2, 2, cmd_codes_set_kind, GRD_CLI_PROJECT_OPEN },
  { "codes", "set-color", "codes PROJECT set-color CODE #rrggbb",
    N_("Change the colour of a code"),
    "", 2, 2, cmd_codes_set_color, GRD_CLI_PROJECT_OPEN },
  { "codes", "describe", "codes PROJECT describe CODE TEXT",
    N_("Set the description of a code"),
    "", 2, 2, cmd_codes_describe, GRD_CLI_PROJECT_OPEN },
  { "codes", "sets", "codes PROJECT sets",
    N_("List code sets and their codes"),
    "", 0, 0, cmd_codes_sets, GRD_CLI_PROJECT_OPEN },
  { "codes", "add-set", "codes PROJECT add-set NAME [--description D]",
    N_("Add a code set"),
    "description=", 1, 1, cmd_codes_add_set, GRD_CLI_PROJECT_OPEN },
  { "codes", "add-to-set", "codes PROJECT add-to-set SET CODE",
    N_("Put a code in a code set"),
    "", 2, 2, cmd_codes_add_to_set, GRD_CLI_PROJECT_OPEN },
  { "codes", "remove-from-set", "codes PROJECT remove-from-set SET CODE",
    N_("Take a code out of a code set"),
    "", 2, 2, cmd_codes_remove_from_set, GRD_CLI_PROJECT_OPEN },
  { "code", NULL, "code PROJECT SOURCE CODE (--start N --end N | --quote TEXT) [--representative] "
    "[--memo TEXT]",
    N_("Apply a code to a passage, given by offsets or quoted exactly (once in the source)"),
    "start= end= quote= representative memo=", 2, 2, cmd_code, GRD_CLI_PROJECT_OPEN },
  { "uncode", NULL, "uncode PROJECT CODING_ID",
    N_("Remove a coding"),
    "", 1, 1, cmd_uncode, GRD_CLI_PROJECT_OPEN },
  { "codings", NULL, "codings PROJECT [SOURCE]",
    N_("List codings, of one source or all"),
    "", 0, 1, cmd_codings, GRD_CLI_PROJECT_OPEN },
  { "represent", NULL, "represent PROJECT CODING_ID [--off]",
    N_("Mark a coding as a representative quote (or unmark it)"),
    "off", 1, 1, cmd_represent, GRD_CLI_PROJECT_OPEN },
  { "recode", NULL, "recode PROJECT CODING_ID CODE",
    N_("Give a coding another code"),
    "", 2, 2, cmd_recode, GRD_CLI_PROJECT_OPEN },
  { "quotes", NULL, "quotes PROJECT CODE [--descendants] [--representative] [--context N]",
    N_("Print the passages coded with a code"),
    "descendants representative context=", 1, 1, cmd_quotes, GRD_CLI_PROJECT_OPEN },
  { "frequencies", NULL, "frequencies PROJECT [--by source|case|attribute] [--attribute NAME] "
    "[--include-interviewer]",
    N_("Count codings per code and source, case or attribute value"),
    "by= attribute= include-interviewer", 0, 0, cmd_frequencies, GRD_CLI_PROJECT_OPEN },
  { "cooccurrence", NULL, "cooccurrence PROJECT [--same-turn]",
    N_("Count pairs of codes on overlapping passages (or in the same speaker turn)"),
    "same-turn", 0, 0, cmd_cooccurrence, GRD_CLI_PROJECT_OPEN },
  { NULL, },
};
