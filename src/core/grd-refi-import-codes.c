/* grd-refi-import-codes.c: a REFI-QDA code book into the project
 *
 * The codes and sets of a .qdc, or of a project's CodeBook: the tree is
 * parsed, matched against the project's codes (GUID first, then the path
 * of names) and only then applied, so the preview of a code book merge
 * and the import itself share every decision.
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-refi"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "grd-refi-import-private.h"

/* Colours as the store keeps them, "#rrggbb"; NULL lets the project pick
 * one from its palette. */
static char *
parse_color (const char *text)
{
  g_autofree char *clean = text != NULL ? g_strstrip (g_ascii_strdown (text, -1)) : NULL;
  guint r, g, b;

  if (clean == NULL || clean[0] == '\0')
    return NULL;
  if (clean[0] == '#')
    {
      gsize len = strlen (clean + 1);

      for (gsize i = 1; i <= len; i++)
        if (!g_ascii_isxdigit (clean[i]))
          return NULL;
      if (len == 3 || len == 4)
        return g_strdup_printf ("#%c%c%c%c%c%c", clean[1], clean[1], clean[2], clean[2],
                                clean[3], clean[3]);
      if (len == 6 || len == 8)
        return g_strndup (clean, 7);   /* the alpha channel goes */
      return NULL;
    }
  if (sscanf (clean, "rgb(%u,%u,%u)", &r, &g, &b) == 3 ||
      sscanf (clean, "rgba(%u,%u,%u", &r, &g, &b) == 3)
    return g_strdup_printf ("#%02x%02x%02x", MIN (r, 255), MIN (g, 255), MIN (b, 255));
  return NULL;
}

/* Codes: a code book is parsed into a tree, matched against the project
 * (GUID first, then the path of names), and only then applied, so the
 * preview and the import share every decision. */

typedef struct _ParsedCode ParsedCode;
struct _ParsedCode
{
  char       *guid;
  char       *name;
  char       *color;
  char       *description;
  char       *path;
  guint       line;
  xmlNodePtr  node;
  GPtrArray  *children;
  GrdRefiCodeAction action;
  gint64      code_id;      /* the project's, for KEEP and RENAME */
  char       *old_name;
};

static void
parsed_code_free (ParsedCode *code)
{
  g_free (code->guid);
  g_free (code->name);
  g_free (code->color);
  g_free (code->description);
  g_free (code->path);
  g_free (code->old_name);
  g_ptr_array_unref (code->children);
  g_free (code);
}

static GPtrArray *
parse_codes (Import     *import,
             xmlNodePtr  parent,
             const char *parent_path)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func ((GDestroyNotify) parsed_code_free);

  for (xmlNodePtr node = parent->children; node != NULL; node = node->next)
    {
      ParsedCode *code;
      g_autofree char *color = NULL;

      if (!_grd_refi_is_element (node, "Code"))
        continue;

      code = g_new0 (ParsedCode, 1);
      code->node = node;
      code->line = _grd_refi_line_of (node);
      code->guid = _grd_refi_prop_guid (node, "guid");
      code->name = _grd_refi_prop (node, "name");
      if (code->name == NULL || g_strstrip (code->name)[0] == '\0')
        {
          g_free (code->name);
          code->name = g_strdup (_("Unnamed code"));
          _grd_refi_warn_at (import, node, _("a code without a name"));
        }
      color = _grd_refi_prop (node, "color");
      code->color = parse_color (color);
      if (color != NULL && code->color == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("the colour “%s” is not one we read; "
                                                        "a palette colour was used"), color);
          _grd_refi_warn_at (import, node, message);
        }
      code->description = _grd_refi_child_text (node, "Description");
      code->path = parent_path != NULL ? g_strconcat (parent_path, "/", code->name, NULL)
                                       : g_strdup (code->name);
      code->children = parse_codes (import, node, code->path);
      g_ptr_array_add (codes, code);
    }

  return codes;
}

static gboolean
match_codes (Import      *import,
             GPtrArray   *codes,
             gint64       parent_id,
             GPtrArray   *existing,
             GError     **error)
{
  for (guint i = 0; i < codes->len; i++)
    {
      ParsedCode *code = g_ptr_array_index (codes, i);
      gint64 id = 0;

      if (code->guid != NULL &&
          !_grd_project_refi_find_guid (import->project, "code", code->guid, &id, error))
        return FALSE;

      code->action = GRD_REFI_CODE_ADD;
      for (guint j = 0; j < existing->len; j++)
        {
          GrdCode *have = g_ptr_array_index (existing, j);

          if ((id != 0 && have->id == id) ||
              (id == 0 && parent_id >= 0 && have->parent_id == parent_id &&
               strcmp (have->name, code->name) == 0))
            {
              code->code_id = have->id;
              code->action = strcmp (have->name, code->name) == 0 ? GRD_REFI_CODE_KEEP
                                                                   : GRD_REFI_CODE_RENAME;
              if (code->action == GRD_REFI_CODE_RENAME)
                code->old_name = g_strdup (have->name);
              break;
            }
        }

      /* below a new code everything is new: -1 matches no parent */
      if (!match_codes (import, code->children, code->code_id != 0 ? code->code_id : -1,
                        existing, error))
        return FALSE;
    }
  return TRUE;
}

static void
collect_changes (GPtrArray *codes,
                 GPtrArray *changes)
{
  for (guint i = 0; i < codes->len; i++)
    {
      ParsedCode *code = g_ptr_array_index (codes, i);
      GrdRefiCodeChange *change = g_new0 (GrdRefiCodeChange, 1);

      change->action = code->action;
      change->path = g_strdup (code->path);
      change->old_name = g_strdup (code->old_name);
      change->code_id = code->code_id;
      g_ptr_array_add (changes, change);
      collect_changes (code->children, changes);
    }
}

void
grd_refi_code_change_free (GrdRefiCodeChange *change)
{
  if (change == NULL)
    return;

  g_free (change->path);
  g_free (change->old_name);
  g_free (change);
}

/* Adds the code, or gives the kept one the code book's name. Sibling
 * names are unique in Grounded, not in every tool: a name taken becomes
 * "name (2)", "name (3)"... FALSE only for an error that ends the import;
 * code->code_id is 0 when the code was refused. */
static gboolean
place_code (Import      *import,
            gint64       parent_id,
            ParsedCode  *code,
            GError     **error)
{
  g_autofree char *name = g_strdup (code->name);

  for (guint n = 2;; n++)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean ok;

      if (code->action == GRD_REFI_CODE_ADD)
        ok = (code->code_id = grd_project_add_code (import->project, parent_id, name,
                                                    GRD_CODE_KIND_OPEN_CODE, code->color,
                                                    code->description, &local_error)) != 0;
      else
        ok = grd_project_rename_code (import->project, code->code_id, name, &local_error);

      if (ok)
        {
          if (n > 2)
            {
              g_autofree char *message = g_strdup_printf (_("a sibling has the same name; "
                                                            "imported as “%s”"), name);
              _grd_refi_warn_at (import, code->node, message);
              grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, "Code",
                                     _("renamed: a sibling has the same name"), 1);
            }
          return TRUE;
        }
      if (!g_error_matches (local_error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE))
        {
          code->code_id = 0;
          return _grd_refi_drop_refused (import, code->node, &local_error, error);
        }
      g_free (name);
      name = g_strdup_printf ("%s (%u)", code->name, n);
    }
}

static gboolean
apply_codes (Import      *import,
             GPtrArray   *codes,
             gint64       parent_id,
             gboolean     with_notes,
             GError     **error)
{
  for (guint i = 0; i < codes->len; i++)
    {
      ParsedCode *code = g_ptr_array_index (codes, i);

      switch (code->action)
        {
        case GRD_REFI_CODE_ADD:
          {
            g_autofree char *guid = NULL;

            if (!place_code (import, parent_id, code, error))
              return FALSE;
            if (code->code_id == 0)
              continue;   /* refused, and its sub-codes with it */
            if ((guid = _grd_refi_adopt_file_guid (import, code->node, "code", code->code_id,
                                                   error)) == NULL)
              return FALSE;
            grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "Code", NULL, 1);
          }
          break;
        case GRD_REFI_CODE_RENAME:
          if (!place_code (import, parent_id, code, error))
            return FALSE;
          if (code->code_id == 0)
            continue;
          grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, "Code",
                                 _("renamed to the code book's name"), 1);
          break;
        case GRD_REFI_CODE_KEEP:
        default:
          grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "Code",
                                 _("already in the project"), 1);
          break;
        }

      if (code->guid != NULL)
        _grd_refi_map_id (import->codes, code->guid, code->code_id);
      if (with_notes)
        _grd_refi_queue_note_refs (import, code->node, GRD_MEMO_SCOPE_CODE, code->code_id);

      if (!apply_codes (import, code->children, code->code_id, with_notes, error))
        return FALSE;
    }
  return TRUE;
}

/* Codes to rename first move to a name no code has (a fresh GUID), so a
 * code book that swaps two siblings' names finds both names free. */
static gboolean
park_renamed_codes (Import      *import,
                    GPtrArray   *codes,
                    GError     **error)
{
  for (guint i = 0; i < codes->len; i++)
    {
      ParsedCode *code = g_ptr_array_index (codes, i);
      g_autofree char *parked = NULL;

      if (code->action == GRD_REFI_CODE_RENAME)
        {
          parked = _grd_new_guid ();
          if (!grd_project_rename_code (import->project, code->code_id, parked, error))
            return FALSE;
        }
      if (!park_renamed_codes (import, code->children, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_grd_refi_apply_code_book (Import      *import,
                           GPtrArray   *codes,
                           gboolean     with_notes,
                           GError     **error)
{
  return park_renamed_codes (import, codes, error) &&
         apply_codes (import, codes, 0, with_notes, error);
}

GPtrArray *
_grd_refi_parse_and_match (Import      *import,
                           xmlNodePtr   codes_node,
                           GError     **error)
{
  g_autoptr(GPtrArray) codes = parse_codes (import, codes_node, NULL);
  g_autoptr(GPtrArray) existing = grd_project_list_codes (import->project, error);

  if (existing == NULL || !match_codes (import, codes, 0, existing, error))
    return NULL;
  return g_steal_pointer (&codes);
}

/* *found is NULL when the project has no set of that name. */
static gboolean
find_code_set (Import       *import,
               const char   *name,
               GrdCodeSet  **found,
               GError      **error)
{
  g_autoptr(GPtrArray) sets = grd_project_list_code_sets (import->project, error);

  *found = NULL;
  if (sets == NULL)
    return FALSE;
  for (guint i = 0; i < sets->len && *found == NULL; i++)
    if (strcmp (((GrdCodeSet *) g_ptr_array_index (sets, i))->name, name) == 0)
      *found = g_ptr_array_steal_index (sets, i);
  return TRUE;
}

/* ATLAS.ti exports document groups ("gender: male") as sets of sources:
 * they become an attribute of each source. An attribute the project
 * refuses, or a value that does not fit it, leaves the set's sources as
 * they were, with a warning. */
static gboolean
give_sources_attribute (Import      *import,
                        xmlNodePtr   set,
                        const char  *name,
                        GArray      *source_ids,
                        GError     **error)
{
  const char *colon = strstr (name, ": ");
  g_autofree char *attribute = colon != NULL ? g_strndup (name, colon - name) : g_strdup (name);
  const char *value = colon != NULL ? colon + 2 : _("yes");
  g_autoptr(GrdAttribute) found = grd_project_find_attribute (import->project, attribute, NULL);
  g_autoptr(GError) local_error = NULL;
  gint64 attribute_id = found != NULL ? found->id : 0;

  if (attribute_id == 0 &&
      (attribute_id = grd_project_add_attribute (import->project, attribute,
                                                 GRD_ATTRIBUTE_TYPE_TEXT, NULL,
                                                 &local_error)) == 0)
    return _grd_refi_drop_refused (import, set, &local_error, error);
  for (guint i = 0; i < source_ids->len; i++)
    if (!grd_project_set_source_value (import->project, g_array_index (source_ids, gint64, i),
                                       attribute_id, value, &local_error))
      return _grd_refi_drop_refused (import, set, &local_error, error);
  grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, "Set",
                         _("a set of sources became a source attribute"), 1);
  return TRUE;
}

gboolean
_grd_refi_import_code_sets (Import      *import,
                            xmlNodePtr   sets,
                            const char  *member_attribute,
                            GError     **error)
{
  for (xmlNodePtr set = sets->children; set != NULL; set = set->next)
    {
      g_autofree char *name = NULL;
      g_autofree char *description = NULL;
      g_autofree char *guid = NULL;
      g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) source_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GrdCodeSet) existing = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 set_id;

      if (!_grd_refi_is_element (set, "Set"))
        continue;
      name = _grd_refi_prop (set, "name");
      description = _grd_refi_child_text (set, "Description");
      for (xmlNodePtr member = set->children; member != NULL; member = member->next)
        {
          gboolean code = _grd_refi_is_element (member, "MemberCode");
          g_autofree char *target = NULL;
          gint64 id;

          if (code || _grd_refi_is_element (member, "MemberSource"))
            {
              target = _grd_refi_prop_guid (member, code ? member_attribute : "targetGUID");
              id = _grd_refi_lookup_id (code ? import->codes : import->sources, target);
              if (id != 0)
                g_array_append_val (code ? members : source_ids, id);
              else
                _grd_refi_warn_at (import, member,
                                   code ? _("refers to a code that is not in the file; left out")
                                        : _("refers to a source that is not in the file; "
                                            "left out"));
            }
          else if (_grd_refi_is_element (member, "MemberNote"))
            grd_refi_report_tally (import->report, GRD_REFI_DROPPED, "MemberNote",
                                   _("Grounded groups codes and sources, not notes"), 1);
        }

      if (name == NULL || g_strstrip (name)[0] == '\0')
        {
          _grd_refi_warn_at (import, set, _("a set without a name"));
          continue;
        }

      if (source_ids->len > 0 &&
          !give_sources_attribute (import, set, name, source_ids, error))
        return FALSE;

      if (members->len == 0)
        continue;

      /* a set of the same name (a code book imported again) gains the
       * members it lacks */
      if (!find_code_set (import, name, &existing, error))
        return FALSE;
      set_id = existing != NULL ? existing->id
                                : grd_project_add_code_set (import->project, name, description,
                                                            &local_error);
      if (set_id == 0)
        {
          if (!_grd_refi_drop_refused (import, set, &local_error, error))
            return FALSE;
          continue;
        }
      if (existing == NULL &&
          (guid = _grd_refi_adopt_file_guid (import, set, "code_set", set_id, error)) == NULL)
        return FALSE;
      for (guint i = 0; i < members->len; i++)
        {
          gint64 code_id = g_array_index (members, gint64, i);
          gboolean member = FALSE;

          for (guint j = 0; existing != NULL && j < existing->code_ids->len && !member; j++)
            member = g_array_index (existing->code_ids, gint64, j) == code_id;
          if (!member && !grd_project_add_to_code_set (import->project, set_id, code_id, error))
            return FALSE;
        }
      grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "Set",
                             existing != NULL ? _("already in the project") : NULL, 1);
    }
  return TRUE;
}

/* Code books */

typedef struct {
  Import            import;
  xmlTextReaderPtr  reader;
  ReaderErrors      errors;
  GPtrArray        *codes;      /* ParsedCode */
  xmlNodePtr        sets;
  GBytes           *xml;
  char             *display;
} Codebook;

static void
codebook_clear (Codebook *book)
{
  _grd_refi_import_clear (&book->import);
  g_clear_pointer (&book->codes, g_ptr_array_unref);
  g_clear_pointer (&book->reader, xmlFreeTextReader);
  _grd_refi_reader_errors_clear (&book->errors);
  g_clear_pointer (&book->xml, g_bytes_unref);
  g_clear_pointer (&book->display, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Codebook, codebook_clear)

static gboolean
codebook_load (Codebook       *book,
               GrdProject     *project,
               const char     *path,
               GrdRefiReport  *report,
               GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  xmlNodePtr root, codes_node;
  gsize len;

  book->display = g_filename_display_basename (path);
  if (!g_file_get_contents (path, &data, &len, &local_error))
    {
      g_set_error (error, GRD_REFI_ERROR, GRD_REFI_ERROR_NOT_XML, "%s: %s", book->display,
                   local_error->message);
      return FALSE;
    }
  book->xml = g_bytes_new_take (g_steal_pointer (&data), len);
  _grd_refi_import_init (&book->import, project, report, book->display);
  book->errors.import = &book->import;

  book->reader = _grd_refi_open_memory_reader (&book->import, book->xml, "CodeBook",
                                               GRD_REFI_SCHEMA_CODEBOOK, &book->errors, error);
  if (book->reader == NULL)
    return FALSE;

  /* a code book is small: the whole tree at once, which also parses (and
   * checks) everything up to the end of the root */
  root = xmlTextReaderExpand (book->reader);
  if (root == NULL || book->errors.fatal != NULL)
    return _grd_refi_reader_failed (book->reader, &book->errors, error);

  codes_node = _grd_refi_first_child (root, "Codes");
  if (codes_node == NULL)
    {
      g_set_error (error, GRD_REFI_ERROR, GRD_REFI_ERROR_NOT_REFI,
                   _("%s: the code book has no <Codes>"), book->display);
      return FALSE;
    }
  book->sets = _grd_refi_first_child (root, "Sets");
  book->codes = _grd_refi_parse_and_match (&book->import, codes_node, error);
  return book->codes != NULL;
}

GPtrArray *
grd_refi_preview_codebook (GrdProject     *project,
                           const char     *path,
                           GrdRefiReport  *report,
                           GError        **error)
{
  g_auto(Codebook) book = { 0 };
  g_autoptr(GrdRefiReport) own_report = report == NULL ? grd_refi_report_new () : NULL;
  GPtrArray *changes;

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!codebook_load (&book, project, path, report != NULL ? report : own_report, error))
    return NULL;

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_refi_code_change_free);
  collect_changes (book.codes, changes);
  return changes;
}

GrdRefiReport *
grd_refi_import_codebook (GrdProject  *project,
                          const char  *path,
                          GError     **error)
{
  g_autoptr(GrdRefiReport) report = grd_refi_report_new ();
  g_auto(Codebook) book = { 0 };
  g_autofree char *label = NULL;
  gboolean ok;

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!codebook_load (&book, project, path, report, error))
    return NULL;

  label = g_strdup_printf (_("Import code book “%s”"), book.display);
  ok = grd_project_begin_batch (project, label, error);
  if (!ok)
    return NULL;
  ok = _grd_refi_apply_code_book (&book.import, book.codes, FALSE, error) &&
       (book.sets == NULL || _grd_refi_import_code_sets (&book.import, book.sets, "guid", error));
  if (!ok)
    {
      grd_project_abort_batch (project);
      if (error != NULL && *error != NULL && (*error)->domain != GRD_REFI_ERROR)
        g_prefix_error (error, "%s: ", book.display);
      return NULL;
    }
  if (!grd_project_end_batch (project, error))
    return NULL;

  return g_steal_pointer (&report);
}
