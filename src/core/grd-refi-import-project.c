/* grd-refi-import-project.c: the elements of a REFI-QDA project
 *
 * What a project.qde holds besides its code book: users, sources with
 * their selections and codings, variables and cases, notes and links,
 * and the memos they become. Each element is taken as it streams by;
 * what one gets wrong is a located warning.
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-refi"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "grd-refi-import-private.h"

/* An error that ends the import says where in the file it stopped. */
static gboolean
fail_at (Import      *import,
         xmlNodePtr   node,
         GError     **error)
{
  if (error != NULL && *error != NULL && (*error)->domain != GRD_REFI_ERROR &&
      !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (error, _("%s, line %u, <%s>: "), import->file_name, _grd_refi_line_of (node),
                    (const char *) node->name);
  return FALSE;
}

static gint64
parse_time (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = text != NULL ? g_date_time_new_from_iso8601 (text, utc) : NULL;

  return time != NULL ? g_date_time_to_unix (time) : g_get_real_time () / G_USEC_PER_SEC;
}

/* Users */

static gboolean
import_users (Import      *import,
              xmlNodePtr   users,
              GError     **error)
{
  for (xmlNodePtr user = users->children; user != NULL; user = user->next)
    {
      g_autofree char *guid = NULL;
      g_autofree char *name = NULL;
      gint64 coder_id;

      if (!_grd_refi_is_element (user, "User"))
        continue;
      guid = _grd_refi_prop_guid (user, "guid");
      name = _grd_refi_prop (user, "name");
      if (name == NULL || g_strstrip (name)[0] == '\0')
        {
          g_free (name);
          name = _grd_refi_prop (user, "id");
        }
      if (name == NULL || name[0] == '\0')
        {
          g_free (name);
          name = g_strdup_printf (_("User %.8s"), guid != NULL ? guid : "?");
        }
      if (!_grd_project_refi_ensure_coder (import->project, guid, name, &coder_id, error))
        return FALSE;
      if (guid != NULL)
        _grd_refi_map_id (import->users, guid, coder_id);
      grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "User", NULL, 1);
    }
  return TRUE;
}

/* The coder an attribute (creatingUser, modifyingUser) names; a GUID no
 * User declared gets a placeholder coder, as NOTES.md asks. */
static gboolean
resolve_user (Import      *import,
              xmlNodePtr   node,
              const char  *attribute,
              gint64      *coder_id,
              GError     **error)
{
  g_autofree char *guid = _grd_refi_prop_guid (node, attribute);
  g_autofree char *name = NULL;

  *coder_id = import->coder_id;
  if (guid == NULL)
    return TRUE;
  *coder_id = _grd_refi_lookup_id (import->users, guid);
  if (*coder_id != 0)
    return TRUE;

  name = g_strdup_printf (_("User %.8s"), guid);
  if (!_grd_project_refi_ensure_coder (import->project, guid, name, coder_id, error))
    return FALSE;
  _grd_refi_map_id (import->users, guid, *coder_id);
  _grd_refi_warn_at (import, node,
                     _("its user is not among the Users; a placeholder coder was added"));
  grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, "User",
                         _("missing user added as a placeholder"), 1);
  return TRUE;
}

void
_grd_refi_queue_note_refs (Import       *import,
                           xmlNodePtr    node,
                           GrdMemoScope  scope,
                           gint64        target_id)
{
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      NoteRef *ref;
      char *guid;

      if (!_grd_refi_is_element (child, "NoteRef") ||
          (guid = _grd_refi_prop_guid (child, "targetGUID")) == NULL)
        continue;
      ref = g_new0 (NoteRef, 1);
      ref->note_guid = guid;
      ref->scope = scope;
      ref->target_id = target_id;
      ref->line = _grd_refi_line_of (child);
      g_ptr_array_add (import->note_refs, ref);
    }
}

/* Sources and codings */

/* The coding of the element's GUID when the project holds it on this
 * passage with this code (0 otherwise): a coding that GUID names
 * elsewhere is another one, and gets a GUID of its own. */
static gboolean
find_same_coding (Import      *import,
                  xmlNodePtr   coding,
                  gint64       source_id,
                  gint64       code_id,
                  gint64       start,
                  gint64       end,
                  gint64      *coding_id,
                  GError     **error)
{
  g_autofree char *guid = _grd_refi_prop_guid (coding, "guid");
  g_autoptr(GrdCoding) existing = NULL;
  gint64 id = 0;

  *coding_id = 0;
  /* A source new to the project has none of its codings yet: at L the
   * lookup per coding would cost a second. */
  if (guid == NULL || !g_hash_table_contains (import->merged_sources, &source_id))
    return TRUE;
  if (!_grd_project_refi_find_guid (import->project, "coding", guid, &id, error))
    return FALSE;
  if (id == 0)
    return TRUE;
  existing = grd_project_get_coding (import->project, id, error);
  if (existing == NULL)
    return FALSE;
  if (existing->source_id == source_id && existing->code_id == code_id &&
      existing->start == start && existing->end == end)
    *coding_id = id;
  return TRUE;
}

static gboolean
add_coding (Import      *import,
            xmlNodePtr   coding,
            gint64       source_id,
            gint64       start,
            gint64       end,
            gint64      *coding_id,
            GError     **error)
{
  xmlNodePtr code_ref = _grd_refi_first_child (coding, "CodeRef");
  g_autofree char *code_guid = code_ref != NULL ? _grd_refi_prop_guid (code_ref, "targetGUID")
                                                 : NULL;
  g_autofree char *guid = NULL;
  g_autofree char *created = _grd_refi_prop (coding, "creationDateTime");
  g_autofree char *key = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 code_id = _grd_refi_lookup_id (import->codes, code_guid);
  gint64 coder_id;

  *coding_id = 0;
  if (code_id == 0)
    {
      _grd_refi_warn_at (import, coding, _("refers to a code that is not in the file; left out"));
      grd_refi_report_tally (import->report, GRD_REFI_DROPPED, "Coding",
                             _("its code is not in the file"), 1);
      return TRUE;
    }
  if (!resolve_user (import, coding, "creatingUser", &coder_id, error))
    return FALSE;

  key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
                         ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                         source_id, start, end, code_id, coder_id);
  if (g_hash_table_contains (import->codings_seen, key))
    {
      grd_refi_report_tally (import->report, GRD_REFI_DROPPED, "Coding",
                             _("the same code on the same passage by the same coder twice"), 1);
      return TRUE;
    }

  if (!find_same_coding (import, coding, source_id, code_id, start, end, coding_id, error))
    return FALSE;
  if (*coding_id != 0)
    _grd_refi_tally_merged (import, "Coding");
  else
    {
      if ((guid = _grd_refi_take_guid (import, coding, "coding", error)) == NULL)
        return FALSE;
      *coding_id = _grd_project_refi_add_coding (import->project, guid, source_id, code_id,
                                                 start, end, coder_id, parse_time (created),
                                                 &local_error);
      if (*coding_id == 0)
        return _grd_refi_drop_refused (import, coding, &local_error, error);
      grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "Coding", NULL, 1);
    }
  g_hash_table_add (import->codings_seen, g_steal_pointer (&key));
  _grd_refi_queue_note_refs (import, coding, GRD_MEMO_SCOPE_CODING, *coding_id);
  return TRUE;
}

static void
add_note (Import *import,
          Note   *note)
{
  /* a second note of one GUID replaces the first, as a lookup would */
  g_hash_table_replace (import->notes, note->guid, note);
  g_ptr_array_add (import->note_order, note);
}

static void
add_memo_note (Import       *import,
               const char   *guid,
               const char   *title,
               const char   *text,
               GrdMemoScope  scope,
               gint64        target_id)
{
  Note *note = g_new0 (Note, 1);
  NoteRef *ref = g_new0 (NoteRef, 1);

  note->guid = g_strdup (guid);
  note->title = g_strdup (title);
  note->text = g_strdup (text);
  add_note (import, note);
  ref->note_guid = g_strdup (guid);
  ref->scope = scope;
  ref->target_id = target_id;
  g_ptr_array_add (import->note_refs, ref);
}

static gboolean
import_selection (Import      *import,
                  xmlNodePtr   selection,
                  gint64       source_id,
                  SourceText  *text,
                  GError     **error)
{
  g_autofree char *guid = _grd_refi_prop_guid (selection, "guid");
  g_autofree char *description = _grd_refi_child_text (selection, "Description");
  gint64 start, end;
  gint64 first_coding = 0;

  _grd_refi_map_selection (import, text, selection, &start, &end);
  if (start > end)
    {
      gint64 swap = start;

      start = end;
      end = swap;
      _grd_refi_warn_at (import, selection, _("its start lies after its end; swapped"));
    }
  if (start == end)
    {
      grd_refi_report_tally (import->report, GRD_REFI_DROPPED, "PlainTextSelection",
                             _("an empty passage cannot be coded"), 1);
      return TRUE;
    }

  for (xmlNodePtr coding = selection->children; coding != NULL; coding = coding->next)
    {
      gint64 coding_id;

      if (!_grd_refi_is_element (coding, "Coding"))
        continue;
      if (!add_coding (import, coding, source_id, start, end, &coding_id, error))
        return FALSE;
      if (first_coding == 0)
        first_coding = coding_id;
    }

  if (guid != NULL)
    {
      _grd_refi_map_id (import->selections, guid, first_coding);
      _grd_refi_map_id (import->selection_sources, guid, source_id);
    }
  _grd_refi_queue_note_refs (import, selection, first_coding != 0 ? GRD_MEMO_SCOPE_CODING
                                                                  : GRD_MEMO_SCOPE_SOURCE,
                             first_coding != 0 ? first_coding : source_id);

  /* MAXQDA's segment memos and ATLAS.ti's quotation comments */
  if (description != NULL && g_strstrip (description)[0] != '\0')
    {
      g_autofree char *quote = _grd_refi_text_at (text, start, MIN (end - start, 60));
      g_autofree char *memo_guid = _grd_refi_derived_guid ("selection-memo",
                                                           guid != NULL ? guid : description);

      add_memo_note (import, memo_guid, quote, description,
                     first_coding != 0 ? GRD_MEMO_SCOPE_CODING : GRD_MEMO_SCOPE_SOURCE,
                     first_coding != 0 ? first_coding : source_id);
      grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, "PlainTextSelection",
                             first_coding != 0 ? _("its Description became a memo on the coding")
                                               : _("a passage with a Description and no coding "
                                                   "became a memo on its source"), 1);
    }
  return TRUE;
}

static gboolean
import_values (Import      *import,
               xmlNodePtr   node,
               gint64       case_id,
               gint64       source_id,
               GError     **error);

/* The source of the file's GUID when the project holds it with the very
 * text the file has (compared as grd_project_add_source hashes it);
 * *other names it when the text differs. */
static gboolean
find_same_source (Import      *import,
                  const char  *file_guid,
                  SourceText  *text,
                  gint64      *source_id,
                  GrdSource  **other,
                  GError     **error)
{
  g_autoptr(GrdSource) existing = NULL;
  g_autofree char *hash = NULL;
  gint64 id = 0;

  *source_id = 0;
  *other = NULL;
  if (file_guid == NULL)
    return TRUE;
  if (!_grd_project_refi_find_guid (import->project, "source", file_guid, &id, error))
    return FALSE;
  if (id == 0)
    return TRUE;
  existing = grd_project_get_source (import->project, id, error);
  if (existing == NULL)
    return FALSE;
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text->text, text->len);
  if (g_strcmp0 (hash, existing->content_hash) == 0)
    *source_id = id;
  else
    *other = g_steal_pointer (&existing);
  return TRUE;
}

/* Adds the file's source as a new one: under the file's GUID, or under a
 * fresh one (*guid) when other holds that GUID with another text. The
 * text moves to *out, which the selections still read through
 * text->chars: the caller keeps it until they are done. */
static gboolean
add_text_source (Import           *import,
                 xmlNodePtr        source,
                 const char       *name,
                 SourceText       *text,
                 GrdSource        *other,
                 GrdImportedText **out,
                 gint64           *source_id,
                 char            **guid,
                 GError          **error)
{
  GrdImportedText *imported = *out = g_new0 (GrdImportedText, 1);
  g_autoptr(GError) local_error = NULL;

  imported->text = g_steal_pointer (&text->text);
  imported->text_len = text->len;
  imported->n_chars = text->n_chars;
  imported->format = g_strdup ("txt");
  imported->original_name = g_strdup (name);
  imported->title = g_strdup (name);
  imported->encoding = g_strdup ("UTF-8");
  imported->turns = grd_import_detect_turns (imported->text, NULL);
  _grd_refi_read_original (import, source, imported);

  *source_id = grd_project_add_source (import->project, imported, name, &local_error);
  if (*source_id == 0)
    return _grd_refi_drop_refused (import, source, &local_error, error);
  if (other == NULL)
    return (*guid = _grd_refi_adopt_file_guid (import, source, "source", *source_id,
                                               error)) != NULL;

  {
    g_autoptr(GrdSource) added = grd_project_get_source (import->project, *source_id, error);
    g_autofree char *message = NULL;

    if (added == NULL)
      return FALSE;
    message = g_strdup_printf (_("its text differs from the transcript “%s” already in the "
                                 "project under this GUID; imported as a new source with a new "
                                 "GUID"), other->name);
    _grd_refi_warn_at (import, source, message);
    grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, (const char *) source->name,
                           _("another text under the GUID of a source in the project: "
                             "added as a new source"), 1);
    *guid = g_strdup (added->guid);
  }
  return TRUE;
}

static gboolean
import_text_source (Import      *import,
                    xmlNodePtr   source,
                    xmlNodePtr   text_node,
                    GError     **error)
{
  g_auto(SourceText) text = { 0 };
  g_autoptr(GrdImportedText) imported = NULL;
  g_autoptr(GrdSource) other = NULL;
  g_autofree char *name = _grd_refi_prop (source, "name");
  g_autofree char *guid = NULL;
  g_autofree char *file_guid = _grd_refi_prop_guid (source, "guid");
  g_autofree char *description = _grd_refi_child_text (source, "Description");
  gint64 source_id;

  _grd_refi_read_text (import, text_node, &text);
  if (text.text == NULL)
    {
      grd_refi_report_tally (import->report, GRD_REFI_DROPPED, (const char *) source->name,
                             _("its text is not in the file"), 1);
      return TRUE;
    }

  if (name == NULL || g_strstrip (name)[0] == '\0')
    {
      g_free (name);
      name = g_strdup (_("Untitled source"));
    }

  /* a transcript the project already holds takes the file's selections,
   * codings and notes; only what is new of them is added */
  if (!find_same_source (import, file_guid, &text, &source_id, &other, error))
    return FALSE;
  if (source_id != 0)
    {
      guid = g_strdup (file_guid);
      g_hash_table_add (import->merged_sources, g_memdup2 (&source_id, sizeof source_id));
      _grd_refi_tally_merged (import, (const char *) source->name);
    }
  else
    {
      if (!add_text_source (import, source, name, &text, other, &imported, &source_id, &guid,
                            error))
        return FALSE;
      if (source_id == 0)
        return TRUE;
      grd_refi_report_tally (import->report, GRD_REFI_TAKEN, (const char *) source->name, NULL,
                             1);
    }
  if (file_guid != NULL)
    _grd_refi_map_id (import->sources, file_guid, source_id);
  if (import->utf16_offsets &&
      text.extra[UNIT_UTF16]->len != text.extra[UNIT_CODE_POINT]->len)
    grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, (const char *) source->name,
                           _("NVivo counts UTF-16 units; positions were converted to characters"),
                           1);

  for (xmlNodePtr child = text_node->children; child != NULL; child = child->next)
    if (_grd_refi_is_element (child, "PlainTextSelection") &&
        !import_selection (import, child, source_id, &text, error))
      return FALSE;

  for (xmlNodePtr child = source->children; child != NULL; child = child->next)
    {
      gint64 coding_id;

      /* a coding straight under a source codes all of it */
      if (_grd_refi_is_element (child, "Coding") && text.n_chars > 0 &&
          !add_coding (import, child, source_id, 0, text.n_chars, &coding_id, error))
        return FALSE;
      if (_grd_refi_is_element (child, "PDFSelection") ||
          _grd_refi_is_element (child, "PictureSelection") ||
          _grd_refi_is_element (child, "AudioSelection") ||
          _grd_refi_is_element (child, "VideoSelection"))
        grd_refi_report_tally (import->report, GRD_REFI_DROPPED, (const char *) child->name,
                               _("Grounded codes text only"), 1);
    }

  _grd_refi_queue_note_refs (import, source, GRD_MEMO_SCOPE_SOURCE, source_id);
  if (description != NULL && g_strstrip (description)[0] != '\0')
    {
      g_autofree char *memo_guid = _grd_refi_derived_guid ("source-description", guid);

      add_memo_note (import, memo_guid, _("Description"), description, GRD_MEMO_SCOPE_SOURCE,
                     source_id);
      grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, "Description",
                             _("a source's description became its memo"), 1);
    }

  return import_values (import, source, 0, source_id, error);
}

static gboolean
import_source (Import      *import,
               xmlNodePtr   source,
               GError     **error)
{
  xmlNodePtr text_node = NULL;

  if (_grd_refi_is_element (source, "TextSource"))
    text_node = source;
  else if (_grd_refi_is_element (source, "PDFSource"))
    text_node = _grd_refi_first_child (source, "Representation");

  if (text_node == NULL)
    {
      grd_refi_report_tally (import->report, GRD_REFI_DROPPED, (const char *) source->name,
                             _grd_refi_is_element (source, "PDFSource")
                               ? _("a PDF without its text")
                               : _("Grounded imports text sources only"), 1);
      return TRUE;
    }
  if (text_node != source)
    grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, (const char *) source->name,
                           _("its text representation was imported"), 1);

  return import_text_source (import, source, text_node, error);
}

/* Variables and cases */

static gboolean
import_variables (Import      *import,
                  xmlNodePtr   variables,
                  GError     **error)
{
  for (xmlNodePtr variable = variables->children; variable != NULL; variable = variable->next)
    {
      g_autofree char *name = NULL;
      g_autofree char *type_name = NULL;
      g_autofree char *file_guid = NULL;
      g_autoptr(GrdAttribute) attribute = NULL;
      GrdAttributeType type = GRD_ATTRIBUTE_TYPE_TEXT;

      if (!_grd_refi_is_element (variable, "Variable"))
        continue;
      name = _grd_refi_prop (variable, "name");
      type_name = _grd_refi_prop (variable, "typeOfVariable");
      file_guid = _grd_refi_prop_guid (variable, "guid");
      if (name == NULL || g_strstrip (name)[0] == '\0')
        {
          _grd_refi_warn_at (import, variable, _("a variable without a name; left out"));
          continue;
        }
      if (g_strcmp0 (type_name, "Integer") == 0 || g_strcmp0 (type_name, "Float") == 0)
        type = GRD_ATTRIBUTE_TYPE_NUMBER;
      else if (g_strcmp0 (type_name, "Date") == 0)
        type = GRD_ATTRIBUTE_TYPE_DATE;
      else if (g_strcmp0 (type_name, "Boolean") == 0 || g_strcmp0 (type_name, "DateTime") == 0)
        grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, "Variable",
                               _("Boolean and DateTime variables became text attributes"), 1);

      attribute = grd_project_find_attribute (import->project, name, NULL);
      if (attribute == NULL)
        {
          g_autofree char *guid = NULL;
          g_autoptr(GError) local_error = NULL;
          gint64 id = grd_project_add_attribute (import->project, name, type, NULL, &local_error);

          if (id == 0)
            {
              if (!_grd_refi_drop_refused (import, variable, &local_error, error))
                return FALSE;
              continue;
            }
          if ((guid = _grd_refi_adopt_file_guid (import, variable, "attribute", id,
                                                 error)) == NULL)
            return FALSE;
          attribute = grd_project_find_attribute (import->project, guid, error);
          if (attribute == NULL)
            return FALSE;
          grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "Variable", NULL, 1);
        }
      else
        grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "Variable",
                               _("already in the project"), 1);

      if (file_guid != NULL)
        g_hash_table_replace (import->attributes, g_steal_pointer (&file_guid),
                              g_steal_pointer (&attribute));
    }
  return TRUE;
}

static gboolean
import_values (Import      *import,
               xmlNodePtr   node,
               gint64       case_id,
               gint64       source_id,
               GError     **error)
{
  for (xmlNodePtr value = node->children; value != NULL; value = value->next)
    {
      xmlNodePtr ref = _grd_refi_is_element (value, "VariableValue")
                         ? _grd_refi_first_child (value, "VariableRef") : NULL;
      g_autofree char *guid = ref != NULL ? _grd_refi_prop_guid (ref, "targetGUID") : NULL;
      GrdAttribute *attribute = guid != NULL ? g_hash_table_lookup (import->attributes, guid)
                                             : NULL;
      g_autofree char *text = NULL;
      g_autoptr(GError) local_error = NULL;
      gboolean ok;

      if (!_grd_refi_is_element (value, "VariableValue"))
        continue;
      if (attribute == NULL)
        {
          _grd_refi_warn_at (import, value,
                             _("refers to a variable that is not in the file; left out"));
          continue;
        }
      for (xmlNodePtr child = value->children; child != NULL && text == NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE &&
            g_str_has_suffix ((const char *) child->name, "Value"))
          {
            xmlChar *content = xmlNodeGetContent (child);

            text = g_strdup ((const char *) content);
            xmlFree (content);
          }

      if (case_id != 0)
        ok = grd_project_set_case_value (import->project, case_id, attribute->id, text,
                                         &local_error);
      else
        ok = grd_project_set_source_value (import->project, source_id, attribute->id, text,
                                           &local_error);
      if (!ok)
        {
          if (!g_error_matches (local_error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          _grd_refi_warn_at (import, value, local_error->message);
          grd_refi_report_tally (import->report, GRD_REFI_DROPPED, "VariableValue",
                                 _("the value does not fit its variable's type"), 1);
          continue;
        }
      grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "VariableValue", NULL, 1);
    }
  return TRUE;
}

/* The source a SourceRef names, or 0 with a warning. */
static gint64
source_of_ref (Import     *import,
               xmlNodePtr  ref)
{
  g_autofree char *guid = _grd_refi_prop_guid (ref, "targetGUID");
  gint64 source_id = _grd_refi_lookup_id (import->sources, guid);

  if (source_id == 0)
    {
      _grd_refi_warn_at (import, ref, _("refers to a source that is not in the file; left out"));
      grd_refi_report_tally (import->report, GRD_REFI_DROPPED, "SourceRef",
                             _("its source is not in the file"), 1);
    }
  return source_id;
}

/* A source is in one case in Grounded: the first case of the file that
 * names it keeps it. */
static gboolean
put_source_in_case (Import      *import,
                    xmlNodePtr   ref,
                    gint64       case_id,
                    const char  *case_name,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 source_id = source_of_ref (import, ref);
  const char *earlier;

  if (source_id == 0)
    return TRUE;
  earlier = g_hash_table_lookup (import->source_cases, &source_id);
  if (earlier != NULL)
    {
      g_autofree char *message = NULL;

      if (strcmp (earlier, case_name) == 0)
        return TRUE;
      message = g_strdup_printf (_("the source is already in case “%s”, and a source is in one "
                                   "case in Grounded; left out"), earlier);
      _grd_refi_warn_at (import, ref, message);
      grd_refi_report_tally (import->report, GRD_REFI_DROPPED, "SourceRef",
                             _("its source is in another case already"), 1);
      return TRUE;
    }

  if (!grd_project_set_source_case (import->project, source_id, case_id, &local_error))
    return _grd_refi_drop_refused (import, ref, &local_error, error);
  g_hash_table_insert (import->source_cases, g_memdup2 (&source_id, sizeof source_id),
                       g_strdup (case_name));
  return TRUE;
}

static gboolean
import_case (Import      *import,
             xmlNodePtr   node,
             GError     **error)
{
  g_autofree char *name = _grd_refi_prop (node, "name");
  g_autofree char *description = _grd_refi_child_text (node, "Description");
  g_autoptr(GrdCase) existing = NULL;
  gint64 case_id;

  /* MAXQDA and Quirkos attach a document's variables through a Case
   * without a name: they go on the source itself */
  if (name == NULL || g_strstrip (name)[0] == '\0')
    {
      for (xmlNodePtr ref = node->children; ref != NULL; ref = ref->next)
        {
          gint64 source_id = _grd_refi_is_element (ref, "SourceRef") ? source_of_ref (import, ref)
                                                                      : 0;

          if (source_id != 0 && !import_values (import, node, 0, source_id, error))
            return FALSE;
        }
      grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, "Case",
                             _("a case without a name gave its values to its sources"), 1);
      return TRUE;
    }

  existing = grd_project_find_case (import->project, name, NULL);
  if (existing != NULL)
    case_id = existing->id;
  else
    {
      g_autofree char *guid = NULL;
      g_autoptr(GError) local_error = NULL;

      case_id = grd_project_add_case (import->project, name, description, &local_error);
      if (case_id == 0)
        return _grd_refi_drop_refused (import, node, &local_error, error);
      if ((guid = _grd_refi_adopt_file_guid (import, node, "study_case", case_id, error)) == NULL)
        return FALSE;
    }
  grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "Case",
                         existing != NULL ? _("already in the project") : NULL, 1);

  if (!import_values (import, node, case_id, 0, error))
    return FALSE;
  for (xmlNodePtr ref = node->children; ref != NULL; ref = ref->next)
    {
      if (_grd_refi_is_element (ref, "CodeRef") || _grd_refi_is_element (ref, "SelectionRef"))
        grd_refi_report_tally (import->report, GRD_REFI_DROPPED, (const char *) ref->name,
                               _("a case holds whole sources in Grounded"), 1);
      if (_grd_refi_is_element (ref, "SourceRef") &&
          !put_source_in_case (import, ref, case_id, name, error))
        return FALSE;
    }
  return TRUE;
}

/* Notes, links and memos */

static gboolean
import_note (Import      *import,
             xmlNodePtr   node,
             GError     **error)
{
  g_auto(SourceText) text = { 0 };
  g_autofree char *guid = _grd_refi_prop_guid (node, "guid");
  g_autofree char *created = _grd_refi_prop (node, "creationDateTime");
  g_autofree char *modified = _grd_refi_prop (node, "modifiedDateTime");
  g_autofree char *author = _grd_refi_prop_guid (node, "creatingUser");
  g_autofree char *description = _grd_refi_child_text (node, "Description");
  Note *note;

  _grd_refi_read_text (import, node, &text);
  if (guid == NULL)
    {
      _grd_refi_warn_at (import, node, _("a note without a GUID; left out"));
      return TRUE;
    }

  note = g_new0 (Note, 1);
  note->guid = g_steal_pointer (&guid);
  note->title = _grd_refi_prop (node, "name");
  note->text = g_steal_pointer (&text.text);
  note->created_at = created != NULL ? parse_time (created) : 0;
  note->updated_at = modified != NULL ? parse_time (modified) : note->created_at;
  note->line = _grd_refi_line_of (node);
  if (description != NULL && _grd_refi_is_review_marker (g_strstrip (description)))
    {
      note->review = g_steal_pointer (&description);
      /* a comment is never from before 1970 */
      if (note->created_at == 0)
        note->created_at = parse_time (NULL);
    }
  add_note (import, note);
  if ((author != NULL && !resolve_user (import, node, "creatingUser", &note->author_id, error)) ||
      (note->review != NULL &&
       !resolve_user (import, node, "modifyingUser", &note->modifier_id, error)))
    return FALSE;
  return TRUE;
}

static gboolean
import_links (Import      *import,
              xmlNodePtr   links,
              GError     **error)
{
  for (xmlNodePtr link = links->children; link != NULL; link = link->next)
    {
      g_autofree char *origin = NULL;
      g_autofree char *target = NULL;
      g_autofree char *name = NULL;
      g_autofree char *guid = NULL;
      g_autofree char *own_note = NULL;
      gint64 from, to;

      if (!_grd_refi_is_element (link, "Link"))
        continue;
      origin = _grd_refi_prop_guid (link, "originGUID");
      target = _grd_refi_prop_guid (link, "targetGUID");
      name = _grd_refi_prop (link, "name");
      from = _grd_refi_lookup_id (import->codes, origin);
      to = _grd_refi_lookup_id (import->codes, target);

      /* NVivo's annotations: a note linked to the passage it is about */
      if (origin != NULL && g_hash_table_contains (import->notes, origin) &&
          target != NULL && g_hash_table_contains (import->selection_sources, target))
        {
          gint64 coding_id = _grd_refi_lookup_id (import->selections, target);
          NoteRef *ref = g_new0 (NoteRef, 1);

          ref->note_guid = g_strdup (origin);
          ref->scope = coding_id != 0 ? GRD_MEMO_SCOPE_CODING : GRD_MEMO_SCOPE_SOURCE;
          ref->target_id = coding_id != 0 ? coding_id
                                          : _grd_refi_lookup_id (import->selection_sources, target);
          g_ptr_array_add (import->note_refs, ref);
          grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, "Link",
                                 _("a note linked to a passage became its memo"), 1);
          continue;
        }

      if (from == 0 || to == 0)
        {
          grd_refi_report_tally (import->report, GRD_REFI_DROPPED, "Link",
                                 _("Grounded relates codes to codes only"), 1);
          continue;
        }

      {
        GrdRelationKind kind = GRD_RELATION_KIND_ASSOCIATED;
        const char *label = name;
        const char *memo = NULL;
        g_autofree char *file_guid = _grd_refi_prop_guid (link, "guid");
        gint64 relation_id = 0;
        guint first_ref;

        if (name != NULL && grd_relation_kind_from_string (name, &kind))
          label = NULL;
        /* our own export keeps a relation's memo in a note of derived GUID */
        if (file_guid != NULL)
          own_note = _grd_refi_derived_guid ("relation-memo", file_guid);
        if (own_note != NULL && g_hash_table_contains (import->notes, own_note))
          memo = ((Note *) g_hash_table_lookup (import->notes, own_note))->text;

        if (file_guid != NULL &&
            !_grd_project_refi_find_guid (import->project, "relation", file_guid, &relation_id,
                                          error))
          return FALSE;
        if (relation_id != 0)
          _grd_refi_tally_merged (import, "Link");
        else
          {
            g_autoptr(GError) local_error = NULL;

            if ((guid = _grd_refi_take_guid (import, link, "relation", error)) == NULL)
              return FALSE;
            relation_id = grd_project_add_relation (import->project, from, to, kind, label, memo,
                                                    &local_error);
            if (relation_id == 0)
              {
                /* a code related to itself, a relation given twice */
                if (!_grd_refi_drop_refused (import, link, &local_error, error))
                  return FALSE;
                continue;
              }
            if (!_grd_project_refi_adopt_guid (import->project, "relation", relation_id, guid,
                                               error))
              return FALSE;
            grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "Link", NULL, 1);
          }
        first_ref = import->note_refs->len;
        _grd_refi_queue_note_refs (import, link, GRD_MEMO_SCOPE_RELATION, relation_id);
        /* consumed: it becomes no memo of its own, and the Link's NoteRef
         * to it no dropped reference */
        if (memo != NULL)
          {
            g_hash_table_remove (import->notes, own_note);
            for (guint i = import->note_refs->len; i > first_ref; i--)
              if (strcmp (((NoteRef *) g_ptr_array_index (import->note_refs, i - 1))->note_guid,
                          own_note) == 0)
                g_ptr_array_remove_index (import->note_refs, i - 1);
          }
      }
    }
  return TRUE;
}

static gboolean
add_memo (Import       *import,
          Note         *note,
          GrdMemoScope  scope,
          gint64        target_id,
          gboolean      keep_guid,
          GError      **error)
{
  gint64 memo_id;

  /* create_memos() has checked the project has no memo of the GUID */
  memo_id = grd_project_add_memo (import->project, scope, target_id, note->title,
                                  note->text != NULL ? note->text : "", error);
  if (memo_id == 0)
    return FALSE;
  if (keep_guid &&
      !_grd_project_refi_adopt_guid (import->project, "memo", memo_id, note->guid, error))
    return FALSE;
  return _grd_project_refi_set_memo_origin (import->project, memo_id, note->author_id,
                                            note->created_at, note->updated_at, error);
}

/* A note the project has as a memo already: the newer words stay, and the
 * report says which did when they differ. */
static gboolean
merge_memo (Import  *import,
            Note    *note,
            gint64   memo_id,
            GError **error)
{
  GrdRefiMemoMerge merge;

  if (!_grd_project_refi_merge_memo (import->project, memo_id, note->title, note->text,
                                     note->updated_at, &merge, error))
    return FALSE;

  switch (merge)
    {
    case GRD_REFI_MEMO_UPDATED:
      grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "Note",
                             _("newer than the project's memo, whose words it replaced"), 1);
      break;
    case GRD_REFI_MEMO_KEPT:
      grd_refi_report_warn (import->report, import->file_name, note->line, "Note", "%s",
                            _("its words differ from the project's memo, which is as new "
                              "or newer and kept its own"));
      grd_refi_report_tally (import->report, GRD_REFI_DROPPED, "Note",
                             _("the project's memo is as new or newer"), 1);
      break;
    case GRD_REFI_MEMO_SAME:
    default:
      _grd_refi_tally_merged (import, "Note");
      break;
    }
  return TRUE;
}

/* Notes become memos in the file's order: each reference to a note makes a
 * memo on its target, the first keeping the note's GUID; a note nothing
 * refers to becomes a free memo. */
static gboolean
create_memos (Import      *import,
              GError     **error)
{
  g_autoptr(GHashTable) refs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                      (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < import->note_refs->len; i++)
    {
      NoteRef *ref = g_ptr_array_index (import->note_refs, i);
      GPtrArray *list;

      if (!g_hash_table_contains (import->notes, ref->note_guid))
        {
          grd_refi_report_warn (import->report, import->file_name, ref->line, "NoteRef", "%s",
                                _("refers to a note that is not in the file; left out"));
          grd_refi_report_tally (import->report, GRD_REFI_DROPPED, "NoteRef",
                                 _("refers to a note that is not in the file"), 1);
          continue;
        }
      list = g_hash_table_lookup (refs, ref->note_guid);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (refs, ref->note_guid, list);
        }
      g_ptr_array_add (list, ref);
    }

  for (guint i = 0; i < import->note_order->len; i++)
    {
      Note *note = g_ptr_array_index (import->note_order, i);
      GPtrArray *list = g_hash_table_lookup (refs, note->guid);
      gint64 existing = 0;

      /* replaced by a later note of the same GUID, or a relation's memo */
      if (g_hash_table_lookup (import->notes, note->guid) != note)
        continue;

      if (note->review != NULL)
        {
          gboolean restored;

          if (!_grd_refi_restore_review (import, note, list, &restored, error))
            return FALSE;
          if (restored)
            continue;
        }
      /* a memo of this project, exported from it or imported before */
      if (!_grd_project_refi_find_guid (import->project, "memo", note->guid, &existing, error))
        return FALSE;
      if (existing != 0)
        {
          if (!merge_memo (import, note, existing, error))
            return FALSE;
          continue;
        }

      if (list == NULL)
        {
          if (!add_memo (import, note, GRD_MEMO_SCOPE_FREE, 0, TRUE, error))
            return FALSE;
          grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "Note", _("as a free memo"), 1);
          continue;
        }
      for (guint j = 0; j < list->len; j++)
        {
          NoteRef *ref = g_ptr_array_index (list, j);

          if (!add_memo (import, note, ref->scope, ref->target_id, j == 0, error))
            return FALSE;
          grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "Note", NULL, 1);
        }
      if (list->len > 1)
        grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, "Note",
                               _("a note on several things became a memo on each"),
                               list->len - 1);
    }
  return TRUE;
}

/* Projects */

static gboolean
import_project_element (Import        *import,
                        xmlNodePtr     node,
                        const char    *container,
                        GError       **error)
{
  if (g_strcmp0 (container, "Sources") == 0)
    return import_source (import, node, error);
  if (g_strcmp0 (container, "Notes") == 0)
    return !_grd_refi_is_element (node, "Note") || import_note (import, node, error);

  if (_grd_refi_is_element (node, "Users"))
    return import_users (import, node, error);
  if (_grd_refi_is_element (node, "CodeBook"))
    {
      xmlNodePtr codes_node = _grd_refi_first_child (node, "Codes");
      g_autoptr(GPtrArray) codes = codes_node != NULL
                                     ? _grd_refi_parse_and_match (import, codes_node, error)
                                     : g_ptr_array_new ();

      return codes != NULL && _grd_refi_apply_code_book (import, codes, TRUE, error);
    }
  if (_grd_refi_is_element (node, "Variables"))
    return import_variables (import, node, error);
  if (_grd_refi_is_element (node, "Cases"))
    {
      /* their SourceRefs point forward: handled after the sources */
      g_ptr_array_add (import->cases, xmlCopyNode (node, 1));
      return TRUE;
    }
  if (_grd_refi_is_element (node, "Links"))
    return import_links (import, node, error);
  if (_grd_refi_is_element (node, "Sets"))
    return _grd_refi_import_code_sets (import, node, "targetGUID", error);
  if (_grd_refi_is_element (node, "Description"))
    {
      xmlChar *content = xmlNodeGetContent (node);
      /* the same memo at every import into this project, whatever the
       * file is called */
      g_autofree char *guid = _grd_refi_derived_guid ("project-description",
                                                      grd_project_get_guid (import->project));

      if (content != NULL && content[0] != '\0')
        add_memo_note (import, guid, _("Description"), (const char *) content,
                       GRD_MEMO_SCOPE_PROJECT, 0);
      xmlFree (content);
      return TRUE;
    }
  if (_grd_refi_is_element (node, "NoteRef"))
    {
      g_autofree char *guid = _grd_refi_prop_guid (node, "targetGUID");
      NoteRef *ref;

      if (guid == NULL)
        return TRUE;
      ref = g_new0 (NoteRef, 1);
      ref->note_guid = g_steal_pointer (&guid);
      ref->scope = GRD_MEMO_SCOPE_PROJECT;
      ref->line = _grd_refi_line_of (node);
      g_ptr_array_add (import->note_refs, ref);
      return TRUE;
    }

  grd_refi_report_tally (import->report, GRD_REFI_DROPPED, (const char *) node->name,
                         _("not something Grounded keeps"), 1);
  return TRUE;
}

gboolean
_grd_refi_import_project_stream (Import            *import,
                                 xmlTextReaderPtr   reader,
                                 ReaderErrors      *errors,
                                 GCancellable      *cancellable,
                                 GError           **error)
{
  xmlChar *origin = xmlTextReaderGetAttribute (reader, BAD_CAST "origin");
  g_autoptr(GrdRefiElementQueue) queue = NULL;

  import->utf16_offsets = origin != NULL && g_regex_match_simple ("nvivo", (const char *) origin,
                                                                  G_REGEX_CASELESS, 0);
  import->lf_offsets = origin != NULL && g_regex_match_simple ("atlas", (const char *) origin,
                                                               G_REGEX_CASELESS, 0);
  xmlFree (origin);

  queue = _grd_refi_element_queue_new (reader, errors);
  for (;;)
    {
      xmlNodePtr node;
      const char *container;

      if (!_grd_refi_element_queue_next (queue, import->report, &node, &container, error))
        return FALSE;
      if (node == NULL)
        break;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!import_project_element (import, node, container, error))
        return fail_at (import, node, error);
    }
  g_clear_pointer (&queue, _grd_refi_element_queue_free);

  for (guint i = 0; i < import->cases->len; i++)
    {
      xmlNodePtr cases = g_ptr_array_index (import->cases, i);

      for (xmlNodePtr kase = cases->children; kase != NULL; kase = kase->next)
        if (_grd_refi_is_element (kase, "Case") && !import_case (import, kase, error))
          return fail_at (import, kase, error);
    }

  return create_memos (import, error);
}
