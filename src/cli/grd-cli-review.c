/* grd-cli-review.c: the supervisor's review, comments, the history of the
 * code system and the code map
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-cli"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "grd-cli.h"

static const char *
path_or_gone (GHashTable *paths,
              gint64      code_id)
{
  const char *path = grd_cli_lookup_path (paths, code_id);

  return path != NULL ? path : _("(a code deleted since)");
}

static const char *
target_kind (GrdReviewTarget target)
{
  return target == GRD_REVIEW_TARGET_CODE ? "code" : "coding";
}

static void
print_comments_json (GrdJson    *json,
                     GPtrArray  *comments,
                     GHashTable *paths)
{
  grd_json_begin_array (json);
  for (guint i = 0; i < comments->len; i++)
    {
      GrdComment *comment = g_ptr_array_index (comments, i);

      grd_json_begin_object (json);
      grd_json_member_int (json, "id", comment->id);
      grd_json_member_string (json, "guid", comment->guid);
      grd_json_member_string (json, "on", target_kind (comment->target));
      grd_json_member_int (json, "target", comment->target_id);
      if (comment->target == GRD_REVIEW_TARGET_CODE)
        grd_json_member_string (json, "code_path", path_or_gone (paths, comment->target_id));
      grd_json_member_id (json, "reply_to", comment->parent_id);
      grd_json_member_int (json, "depth", comment->depth);
      grd_json_member_string (json, "author", comment->author_name);
      grd_json_member_int (json, "created_at", comment->created_at);
      grd_json_member_string (json, "text", comment->text);
      grd_json_member_bool (json, "resolved", comment->resolved_at != 0);
      grd_json_end_object (json);
    }
  grd_json_end_array (json);
}

static void
print_comments_text (GPtrArray  *comments,
                     GHashTable *paths)
{
  if (comments->len == 0)
    {
      printf ("%s\n", _("No open comments."));
      return;
    }

  printf (g_dngettext (GETTEXT_PACKAGE, "%u open comment:\n", "%u open comments:\n",
                       comments->len),
          comments->len);
  for (guint i = 0; i < comments->len; i++)
    {
      GrdComment *comment = g_ptr_array_index (comments, i);
      g_autofree char *when = grd_cli_format_time (comment->created_at);
      g_autofree char *text = grd_cli_one_line (comment->text);
      int indent = 2 + 2 * (int) MIN (comment->depth, 8);

      if (comment->depth == 0 && comment->target == GRD_REVIEW_TARGET_CODE)
        printf ("%*s#%lld on code “%s”, %s, %s: %s\n", indent, "", (long long) comment->id,
                path_or_gone (paths, comment->target_id),
                comment->author_name != NULL ? comment->author_name : "?", when, text);
      else if (comment->depth == 0)
        printf ("%*s#%lld on coding %lld, %s, %s: %s\n", indent, "", (long long) comment->id,
                (long long) comment->target_id,
                comment->author_name != NULL ? comment->author_name : "?", when, text);
      else
        printf ("%*s#%lld %s, %s: %s\n", indent, "", (long long) comment->id,
                comment->author_name != NULL ? comment->author_name : "?", when, text);
    }
}

static void
print_refs_json (GrdJson    *json,
                 const char *member,
                 GArray     *refs,
                 GHashTable *paths)
{
  grd_json_member (json, member);
  grd_json_begin_array (json);
  for (guint i = 0; i < refs->len; i++)
    {
      GrdCodingRef *ref = &g_array_index (refs, GrdCodingRef, i);

      grd_json_begin_object (json);
      grd_json_member_int (json, "coding", ref->coding_id);
      grd_json_member_int (json, "code", ref->code_id);
      grd_json_member_string (json, "code_path", grd_cli_lookup_path (paths, ref->code_id));
      grd_json_end_object (json);
    }
  grd_json_end_array (json);
}

/* "12 (Trust 5, Team 7)": quotes per code, in the order codes first appear. */
static void
print_refs_text (const char *title,
                 GArray     *refs,
                 GHashTable *paths)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) line = g_string_new (NULL);

  if (refs->len == 0)
    return;

  for (guint i = 0; i < refs->len; i++)
    {
      GrdCodingRef *ref = &g_array_index (refs, GrdCodingRef, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &ref->code_id));

      if (n == 0)
        g_array_append_val (order, ref->code_id);
      g_hash_table_insert (counts, &ref->code_id, GUINT_TO_POINTER (n + 1));
    }

  for (guint i = 0; i < order->len; i++)
    {
      gint64 code_id = g_array_index (order, gint64, i);

      g_string_append_printf (line, "%s“%s” %u", i > 0 ? ", " : "", path_or_gone (paths, code_id),
                              GPOINTER_TO_UINT (g_hash_table_lookup (counts, &code_id)));
    }
  printf ("  %s %u: %s\n", title, refs->len, line->str);
}

static void
print_code_changes_text (GPtrArray *codes)
{
  for (guint i = 0; i < codes->len; i++)
    {
      g_autofree char *change = grd_code_diff_describe (g_ptr_array_index (codes, i));

      printf ("  %s\n", change);
    }
}

static int
review_start_or_done (GrdCli  *cli,
                      gboolean start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCoder) coder = NULL;
  g_autofree char *message = NULL;
  gint64 id = 0;

  if (start ? (id = grd_project_start_review (cli->project, &error)) == 0
            : !grd_project_finish_review (cli->project, &error))
    return grd_cli_fail (cli, error);

  if (start)
    {
      coder = grd_project_get_current_coder (cli->project, &error);
      if (coder == NULL)
        return grd_cli_fail (cli, error);
      message = g_strdup_printf (_("Started a review by %s"), coder->name);
      grd_cli_report (cli, "started", id, coder->name, message);
    }
  else
    grd_cli_report (cli, "done", 0, NULL,
                    _("Marked the review done; later changes are counted from now"));
  return GRD_CLI_EXIT_OK;
}

static int
cmd_review (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GHashTable) paths = NULL;
  g_autoptr(GrdReviewChanges) changes = NULL;
  gboolean start = grd_cli_has_option (cli, "start");
  gboolean done = grd_cli_has_option (cli, "done");

  if (start && done)
    return grd_cli_usage_error (cli, _("give --start or --done, not both"));
  if (start || done)
    return review_start_or_done (cli, start);

  if ((comments = grd_project_list_comments (cli->project, TRUE, &error)) == NULL ||
      (paths = grd_cli_code_paths (cli, &error)) == NULL)
    return grd_cli_fail (cli, error);

  changes = grd_project_changes_since_review (cli->project, &error);
  if (changes == NULL && !g_error_matches (error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_NOT_FOUND))
    return grd_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_object (json);
      grd_json_member (json, "open_comments");
      print_comments_json (json, comments, paths);
      grd_json_member (json, "changes");
      if (changes == NULL)
        grd_json_null (json);
      else
        {
          grd_json_begin_object (json);
          grd_json_member_int (json, "review", changes->review->id);
          grd_json_member_string (json, "reviewer", changes->review->reviewer_name);
          grd_json_member_int (json, "done_at", changes->review->done_at);
          grd_json_member (json, "codes");
          grd_json_begin_array (json);
          for (guint i = 0; i < changes->codes->len; i++)
            {
              GrdCodeDiff *diff = g_ptr_array_index (changes->codes, i);

              grd_json_begin_object (json);
              grd_json_member_string (json, "change", grd_code_diff_kind_to_string (diff->kind));
              grd_json_member_string (json, "guid", diff->code_guid);
              grd_json_member_id (json, "id", diff->code_id);
              grd_json_member_string (json, "name", diff->name);
              grd_json_member_string (json, "old", diff->old_value);
              grd_json_member_string (json, "new", diff->new_value);
              grd_json_member_id (json, "other", diff->other_id);
              grd_json_end_object (json);
            }
          grd_json_end_array (json);
          print_refs_json (json, "quotes_added", changes->codings_added, paths);
          print_refs_json (json, "quotes_removed", changes->codings_removed, paths);
          grd_json_end_object (json);
        }
      grd_json_end_object (json);
      grd_json_print (g_steal_pointer (&json));
      return GRD_CLI_EXIT_OK;
    }

  print_comments_text (comments, paths);
  printf ("\n");
  if (changes == NULL)
    {
      printf ("%s\n", _("No review has been marked done yet."));
      return GRD_CLI_EXIT_OK;
    }

  {
    g_autofree char *when = grd_cli_format_time (changes->review->done_at);

    printf (_("Changes since the review by %s, done %s:\n"),
            changes->review->reviewer_name != NULL ? changes->review->reviewer_name : "?", when);
  }
  if (changes->codes->len == 0 && changes->codings_added->len == 0 &&
      changes->codings_removed->len == 0)
    printf ("  %s\n", _("None."));
  print_code_changes_text (changes->codes);
  print_refs_text (_("Quotes added"), changes->codings_added, paths);
  print_refs_text (_("Quotes removed"), changes->codings_removed, paths);
  return GRD_CLI_EXIT_OK;
}

static int
cmd_comment (GrdCli *cli)
{
  static const char * const modes[] = { "code", "coding", "reply-to", "resolve", "reopen" };
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *mode = NULL;
  const char *text = grd_cli_arg (cli, 0);
  gint64 id = 0;

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    if (grd_cli_has_option (cli, modes[i]))
      {
        if (mode != NULL)
          return grd_cli_usage_error (cli, _("give one of --code, --coding, --reply-to, --resolve "
                                             "and --reopen"));
        mode = modes[i];
      }
  if (mode == NULL)
    return grd_cli_usage_error (cli, _("say what the comment is on: --code PATH, --coding ID or "
                                       "--reply-to ID (or --resolve ID, --reopen ID)"));

  if (g_str_equal (mode, "resolve") || g_str_equal (mode, "reopen"))
    {
      gboolean resolve = g_str_equal (mode, "resolve");

      if (text != NULL)
        return grd_cli_usage_error (cli, _("--%s takes no comment text"), mode);
      if (!grd_cli_parse_id (cli, _("comment"), grd_cli_get_option (cli, mode), &id))
        return GRD_CLI_EXIT_USAGE;
      if (!grd_project_resolve_comment (cli->project, id, resolve, &error))
        return grd_cli_fail (cli, error);
      message = g_strdup_printf (resolve ? _("Resolved the thread of comment %lld")
                                         : _("Reopened the thread of comment %lld"),
                                 (long long) id);
      grd_cli_report (cli, resolve ? "resolved" : "reopened", id, NULL, message);
      return GRD_CLI_EXIT_OK;
    }

  if (text == NULL)
    return grd_cli_usage_error (cli, _("give the comment’s text"));

  if (g_str_equal (mode, "code"))
    {
      g_autoptr(GrdCode) code = grd_project_find_code (cli->project, grd_cli_get_option (cli, "code"),
                                                       &error);
      g_autofree char *path = NULL;

      if (code == NULL ||
          (path = grd_project_get_code_path (cli->project, code->id, &error)) == NULL ||
          (id = grd_project_add_comment (cli->project, GRD_REVIEW_TARGET_CODE, code->id, text,
                                         &error)) == 0)
        return grd_cli_fail (cli, error);
      message = g_strdup_printf (_("Added comment %lld on code “%s”"), (long long) id, path);
    }
  else
    {
      gboolean reply = g_str_equal (mode, "reply-to");
      gint64 target;

      if (!grd_cli_parse_id (cli, reply ? _("comment") : _("coding"), grd_cli_get_option (cli, mode),
                             &target))
        return GRD_CLI_EXIT_USAGE;
      id = reply ? grd_project_reply_to_comment (cli->project, target, text, &error)
                 : grd_project_add_comment (cli->project, GRD_REVIEW_TARGET_CODING, target, text,
                                            &error);
      if (id == 0)
        return grd_cli_fail (cli, error);
      message = g_strdup_printf (reply ? _("Added comment %lld in reply to comment %lld")
                                       : _("Added comment %lld on coding %lld"),
                                 (long long) id, (long long) target);
    }

  grd_cli_report (cli, "added", id, NULL, message);
  return GRD_CLI_EXIT_OK;
}

static int
cmd_codes_history (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCode) code = NULL;
  g_autoptr(GPtrArray) events = NULL;

  if ((code = grd_project_find_code (cli->project, grd_cli_arg (cli, 0), &error)) == NULL ||
      (events = grd_project_list_code_events (cli->project, code->id, &error)) == NULL)
    return grd_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(GrdJson) json = grd_json_new ();

      grd_json_begin_array (json);
      for (guint i = 0; i < events->len; i++)
        {
          GrdCodeEvent *event = g_ptr_array_index (events, i);

          grd_json_begin_object (json);
          grd_json_member_string (json, "event", grd_code_event_kind_to_string (event->kind));
          grd_json_member_string (json, "code_guid", event->code_guid);
          grd_json_member_id (json, "code", event->code_id);
          grd_json_member_string (json, "code_name", event->code_name);
          grd_json_member_string (json, "old", event->old_value);
          grd_json_member_string (json, "new", event->new_value);
          grd_json_member_string (json, "other_guid", event->other_guid);
          grd_json_member_id (json, "other", event->other_id);
          grd_json_member_string (json, "coder", event->coder_name);
          grd_json_member_int (json, "time", event->created_at);
          grd_json_end_object (json);
        }
      grd_json_end_array (json);
      grd_json_print (g_steal_pointer (&json));
      return GRD_CLI_EXIT_OK;
    }

  for (guint i = 0; i < events->len; i++)
    {
      GrdCodeEvent *event = g_ptr_array_index (events, i);
      g_autofree char *when = grd_cli_format_time (event->created_at);
      g_autofree char *what = grd_code_event_describe (event, code->guid);

      printf ("%s  %s  %s\n", when, event->coder_name != NULL ? event->coder_name : "?", what);
    }
  if (events->len == 0)
    printf ("%s\n", _("No recorded changes."));
  return GRD_CLI_EXIT_OK;
}

static int
cmd_map (GrdCli *cli)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdCodeMap) map = NULL;
  const char *svg = grd_cli_get_option (cli, "svg");
  const char *png = grd_cli_get_option (cli, "png");
  gint64 scale;

  if (svg == NULL && png == NULL)
    return grd_cli_usage_error (cli, _("give --svg FILE, --png FILE or both"));
  if (!grd_cli_get_int_option (cli, "scale", 1, 1, &scale))
    return GRD_CLI_EXIT_USAGE;

  map = grd_code_map_new (cli->project, &error);
  if (map == NULL)
    return grd_cli_fail (cli, error);

  if ((svg != NULL && !grd_code_map_write (map, svg, GRD_IMAGE_FORMAT_SVG, 1.0, &error)) ||
      (png != NULL && !grd_code_map_write (map, png, GRD_IMAGE_FORMAT_PNG, (double) scale, &error)))
    return grd_cli_fail (cli, error);

  grd_cli_report (cli, "exported", 0, NULL, _("Exported the code map"));
  return GRD_CLI_EXIT_OK;
}

const GrdCliVerb grd_cli_review_verbs[] = {
  { "review", NULL, "review PROJECT [--start | --done]",
    N_("List open comments and what changed since the last review marked done; --start opens a "
       "review by the current coder, --done marks it done"),
    "start done", 0, 0, cmd_review, GRD_CLI_PROJECT_OPEN },
  { "comment", NULL, "comment PROJECT (--code PATH | --coding ID | --reply-to ID) TEXT",
    N_("Comment on a code or a coding, or reply to a comment; --resolve ID or --reopen ID "
       "resolves or reopens a comment's thread"),
    "code= coding= reply-to= resolve= reopen=", 0, 1, cmd_comment, GRD_CLI_PROJECT_OPEN },
  { "codes", "history", "codes PROJECT history CODE",
    N_("What became of a code: created, renamed, moved, merged, split, kind changed, and the "
       "codes merged into it, split off it or moved under it"),
    "", 1, 1, cmd_codes_history, GRD_CLI_PROJECT_OPEN },
  { "map", NULL, "map PROJECT [--svg FILE] [--png FILE] [--scale N]",
    N_("Draw the code map (codes, the tree and relations) as SVG or PNG"),
    "svg= png= scale=", 0, 0, cmd_map, GRD_CLI_PROJECT_OPEN },
  { NULL, },
};
