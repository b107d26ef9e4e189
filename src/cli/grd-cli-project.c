/* grd-cli-project.c: project-wide commands: new, info, history, coders,
 * memos and relations
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

  if (grd_cli_has_option (cli, "forget"))
    {
      if (!grd_project_forget_history (cli->project, &error))
        return grd_cli_fail (cli, error);
      grd_cli_report (cli, "history-forgotten", 0, NULL,
                      _("Forgot the undo history; the project's data is unchanged"));
      return GRD_CLI_EXIT_OK;
    }

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
  const char *type_name = grd_cli_get_option (cli, "type");
  GrdRelationKind kind = GRD_RELATION_KIND_ASSOCIATED;
  gint64 type_id = 0;
  gint64 relation_id;

  if (kind_name != NULL && type_name != NULL)
    return grd_cli_usage_error (cli, _("give --kind or --type, not both"));
  if (kind_name != NULL && !grd_relation_kind_from_string (kind_name, &kind))
    return grd_cli_usage_error (cli, _("“%s” is not a relation kind; use associated, "
                                       "causal-condition, context, intervening-condition, "
                                       "action-interaction, consequence, property-of or is-a "
                                       "(or --type for one of the project's own types)"),
                                kind_name);

  if ((from = grd_project_find_code (cli->project, grd_cli_arg (cli, 0), &error)) == NULL ||
      (to = grd_project_find_code (cli->project, grd_cli_arg (cli, 1), &error)) == NULL)
    return grd_cli_fail (cli, error);

  if (type_name != NULL)
    {
      g_autoptr(GPtrArray) types = grd_project_list_relation_types (cli->project, &error);
      g_autoptr(GString) known = g_string_new (NULL);

      if (types == NULL)
        return grd_cli_fail (cli, error);
      for (guint i = 0; i < types->len && type_id == 0; i++)
        {
          const GrdRelationType *type = g_ptr_array_index (types, i);

          if (g_strcmp0 (type->name, type_name) == 0)
            type_id = type->id;
          g_string_append_printf (known, "%s“%s”", i > 0 ? ", " : "", type->name);
        }
      if (type_id == 0)
        return grd_cli_fail_message (cli, types->len > 0
                                          ? _("There is no relation type “%s”; the project's "
                                              "types are %s")
                                          : _("There is no relation type “%s”; the project has "
                                              "none of its own yet%s"),
                                     type_name, known->str);
    }

  relation_id = type_id != 0
    ? grd_project_add_typed_relation (cli->project, from->id, to->id, type_id,
                                      grd_cli_get_option (cli, "label"),
                                      grd_cli_get_option (cli, "memo"), &error)
    : grd_project_add_relation (cli->project, from->id, to->id, kind,
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
      grd_json_member_string (json, "kind", type_name != NULL ? type_name
                                                              : grd_relation_kind_to_string (kind));
      grd_json_end_object (json);
      grd_json_print (g_steal_pointer (&json));
    }
  else
    printf (_("Added relation %" G_GINT64_FORMAT ": %s —%s→ %s\n"), relation_id, from->name,
            type_name != NULL ? type_name : grd_relation_kind_to_string (kind), to->name);

  return GRD_CLI_EXIT_OK;
}

static int
cmd_relation_types_list (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) types = grd_project_list_relation_types (cli->project, &error);

  if (types == NULL)
    return grd_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_array (json);
      for (guint i = 0; i < types->len; i++)
        {
          const GrdRelationType *type = g_ptr_array_index (types, i);

          grd_json_begin_object (json);
          grd_json_member_int (json, "id", type->id);
          grd_json_member_string (json, "name", type->name);
          grd_json_member_string (json, "description", type->description);
          grd_json_member_bool (json, "directed", type->directed);
          grd_json_member_int (json, "relations", type->n_relations);
          grd_json_end_object (json);
        }
      grd_json_end_array (json);
      grd_json_print (g_steal_pointer (&json));
      return GRD_CLI_EXIT_OK;
    }

  if (types->len == 0)
    printf (_("No relation types of the project's own yet; “relation-types PROJECT add NAME” "
              "makes one.\n"));
  for (guint i = 0; i < types->len; i++)
    {
      const GrdRelationType *type = g_ptr_array_index (types, i);

      /* Translators: a relation type, whether it has a direction, and how many relations have it */
      printf (g_dngettext (GETTEXT_PACKAGE, "%s (%s, %u relation)%s%s\n",
                           "%s (%s, %u relations)%s%s\n", type->n_relations),
              type->name, type->directed ? _("directed") : _("undirected"), type->n_relations,
              type->description != NULL && type->description[0] != '\0' ? ": " : "",
              type->description != NULL ? type->description : "");
    }
  return GRD_CLI_EXIT_OK;
}

static int
cmd_relation_types_add (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  gint64 type_id = grd_project_add_relation_type (cli->project, grd_cli_arg (cli, 0),
                                                  grd_cli_get_option (cli, "description"),
                                                  !grd_cli_has_option (cli, "undirected"),
                                                  &error);

  if (type_id == 0)
    return grd_cli_fail (cli, error);
  if (!cli->json)
    printf (_("Added the relation type “%s”\n"), grd_cli_arg (cli, 0));
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
          if (relation->type_name != NULL)
            grd_json_member_string (json, "type", relation->type_name);
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
                           relation->type_name != NULL ? relation->type_name
                                                       : grd_relation_kind_to_string (relation->kind),
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
  { "history", NULL, "history PROJECT [--limit N | --forget]",
    N_("List edits, newest first, marking undone ones; --forget drops them all"),
    "limit= forget", 0, 0, cmd_history, GRD_CLI_PROJECT_OPEN },
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
  { "relate", NULL, "relate PROJECT FROM TO [--kind KIND | --type TYPE] [--label L] [--memo M]",
    N_("Relate two codes; KIND is associated, causal-condition, context, intervening-condition, "
       "action-interaction, consequence, property-of or is-a; TYPE one of the project's own "
       "relation types"),
    "kind= type= label= memo=", 2, 2, cmd_relate, GRD_CLI_PROJECT_OPEN },
  { "relation-types", NULL, "relation-types PROJECT",
    N_("List the project's own relation types, besides the paradigm model's kinds"),
    "", 0, 0, cmd_relation_types_list, GRD_CLI_PROJECT_OPEN },
  { "relation-types", "add", "relation-types PROJECT add NAME [--description D] [--undirected]",
    N_("Add a relation type, read between the codes (e.g. “hinders”); directed unless "
       "--undirected"),
    "description= undirected", 1, 1, cmd_relation_types_add, GRD_CLI_PROJECT_OPEN },
  { "relations", NULL, "relations PROJECT",
    N_("List relations between codes"),
    "", 0, 0, cmd_relations_list, GRD_CLI_PROJECT_OPEN },
  { "relations", "delete", "relations PROJECT delete ID",
    N_("Delete a relation"),
    "", 1, 1, cmd_relations_delete, GRD_CLI_PROJECT_OPEN },
  { NULL, },
};
