/* grd-refi-import.c: reading REFI-QDA code books (.qdc) and projects (.qdpx)
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-refi"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>

#include "grd-refi-private.h"
#include "grd-utf8.h"
#include "grd-zip.h"

/* Limits for what one archive may make us hold: a .qde of a thousand
 * coded transcripts is about 60 MB, a transcript a few hundred KB. */
#define MAX_QDE_SIZE  (512 * 1024 * 1024)
#define MAX_TEXT_SIZE (64 * 1024 * 1024)

/* What all the entries an import reads may expand to together: the
 * archive's size times the ratio one entry may have (GRD_ZIP_MAX_RATIO),
 * but at least 64 MiB, so a small archive of well-compressed text still
 * imports, and at most 2 GiB. */
#define MIN_EXPANSION_BUDGET ((guint64) 64 * 1024 * 1024)
#define MAX_EXPANSION_BUDGET ((guint64) 2 * 1024 * 1024 * 1024)

/* Untrusted XML: no network, no DTD loading, no entity substitution, and
 * libxml2's built-in size limits left on (no XML_PARSE_HUGE); BIG_LINES
 * so that warnings past line 65535 name the right line. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

typedef struct {
  char   *guid;
  char   *title;
  char   *text;
  gint64  author_id;      /* 0: whoever imports */
  gint64  created_at;
  gint64  updated_at;
} Note;

typedef struct {
  char         *note_guid;
  GrdMemoScope  scope;
  gint64        target_id;
} NoteRef;

static void
note_free (Note *note)
{
  g_free (note->guid);
  g_free (note->title);
  g_free (note->text);
  g_free (note);
}

static void
note_ref_free (NoteRef *ref)
{
  g_free (ref->note_guid);
  g_free (ref);
}

typedef struct {
  GrdProject    *project;
  GrdRefiReport *report;
  GrdZipReader  *zip;            /* NULL for a bare .qdc */
  guint64        budget;         /* bytes the archive's entries may still expand to */
  GHashTable    *entries_read;   /* entry names: each is read once */
  const char    *file_name;      /* of the XML: "project.qde", "x.qdc" */
  gboolean       utf16_offsets;  /* NVivo counts UTF-16 code units */
  gboolean       lf_offsets;     /* ATLAS.ti counts CRLF as one */
  gint64         coder_id;       /* who imports: for things with no user */
  GHashTable    *codes;          /* guid -> code id */
  GHashTable    *users;          /* guid -> coder id */
  GHashTable    *sources;        /* guid -> source id */
  GHashTable    *attributes;     /* guid -> GrdAttribute, owned */
  GHashTable    *selections;     /* selection guid -> coding id (0: none) */
  GHashTable    *selection_sources; /* selection guid -> source id */
  GHashTable    *codings_seen;   /* "source:start:end:code:coder" */
  GHashTable    *notes;          /* guid -> Note, unowned */
  GPtrArray     *note_order;     /* Note, in file order: memos keep it */
  GPtrArray     *note_refs;      /* NoteRef, in file order */
  GPtrArray     *cases;          /* deferred Case nodes (copies) */
} Import;

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->entries_read, g_hash_table_unref);
  g_clear_pointer (&import->codes, g_hash_table_unref);
  g_clear_pointer (&import->users, g_hash_table_unref);
  g_clear_pointer (&import->sources, g_hash_table_unref);
  g_clear_pointer (&import->attributes, g_hash_table_unref);
  g_clear_pointer (&import->selections, g_hash_table_unref);
  g_clear_pointer (&import->selection_sources, g_hash_table_unref);
  g_clear_pointer (&import->codings_seen, g_hash_table_unref);
  g_clear_pointer (&import->notes, g_hash_table_unref);
  g_clear_pointer (&import->note_order, g_ptr_array_unref);
  g_clear_pointer (&import->note_refs, g_ptr_array_unref);
  g_clear_pointer (&import->cases, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Import, import_clear)

static void
import_init (Import        *import,
             GrdProject    *project,
             GrdRefiReport *report,
             const char    *file_name)
{
  import->project = project;
  import->report = report;
  import->file_name = file_name;
  import->entries_read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) grd_attribute_free);
  import->selections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->selection_sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->codings_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->notes = g_hash_table_new (g_str_hash, g_str_equal);
  import->note_order = g_ptr_array_new_with_free_func ((GDestroyNotify) note_free);
  import->note_refs = g_ptr_array_new_with_free_func ((GDestroyNotify) note_ref_free);
  import->cases = g_ptr_array_new_with_free_func ((GDestroyNotify) xmlFreeNode);
}

static void
map_id (GHashTable *map,
        const char *guid,
        gint64      id)
{
  g_hash_table_replace (map, g_strdup (guid), g_memdup2 (&id, sizeof id));
}

static gint64
lookup_id (GHashTable *map,
           const char *guid)
{
  gint64 *id = guid != NULL ? g_hash_table_lookup (map, guid) : NULL;

  return id != NULL ? *id : 0;
}

/* Nodes: elements are matched by local name, whatever namespace (or none)
 * the producing tool used. */

static char *
prop (xmlNodePtr  node,
      const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, BAD_CAST name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* A GUID as the store keeps it. Small tools write things like "c001":
 * such a value becomes a GUID derived from it, the same at every import,
 * so references within the file and later merges still find it. */
static char *
file_guid (const char *raw)
{
  g_autofree char *trimmed = raw != NULL ? g_strstrip (g_strdup (raw)) : NULL;
  char *guid;

  if (trimmed == NULL || trimmed[0] == '\0')
    return NULL;
  guid = _grd_refi_normalize_guid (trimmed);
  return guid != NULL ? guid : _grd_refi_derived_guid ("opaque", trimmed);
}

static char *
prop_guid (xmlNodePtr  node,
           const char *name)
{
  g_autofree char *raw = prop (node, name);

  return file_guid (raw);
}

static gboolean
is_element (xmlNodePtr  node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

static xmlNodePtr
first_child (xmlNodePtr  node,
             const char *name)
{
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    if (is_element (child, name))
      return child;
  return NULL;
}

static char *
child_text (xmlNodePtr  node,
            const char *name)
{
  xmlNodePtr child = first_child (node, name);
  xmlChar *content = child != NULL ? xmlNodeGetContent (child) : NULL;
  char *copy = content != NULL ? g_strdup ((const char *) content) : NULL;

  xmlFree (content);
  return copy;
}

static guint
line_of (xmlNodePtr node)
{
  long line = xmlGetLineNo (node);

  return line > 0 ? (guint) line : 0;
}

static void
warn_at (Import     *import,
         xmlNodePtr  node,
         const char *message)
{
  grd_refi_report_warn (import->report, import->file_name, line_of (node),
                        (const char *) node->name, "%s", message);
}

/* A GUID the store can keep: the file's (normalised), or a fresh one when
 * it is missing, malformed or already taken in table. */
static char *
take_guid (Import      *import,
           xmlNodePtr   node,
           const char  *table,
           GError     **error)
{
  g_autofree char *raw = prop (node, "guid");
  g_autofree char *guid = file_guid (raw);
  g_autofree char *normal = raw != NULL ? _grd_refi_normalize_guid (raw) : NULL;
  gint64 existing = 0;

  if (guid != NULL && normal == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a GUID; stored as %s"),
                                                  raw, guid);

      warn_at (import, node, message);
    }
  if (guid == NULL)
    {
      warn_at (import, node, _("no guid; a new one was made"));
      return _grd_new_guid ();
    }

  if (!_grd_project_refi_find_guid (import->project, table, guid, &existing, error))
    return NULL;
  if (existing != 0)
    {
      g_autofree char *message = g_strdup_printf (_("the GUID %s is used twice; "
                                                    "this one got a new GUID"), guid);

      warn_at (import, node, message);
      grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, (const char *) node->name,
                             _("duplicate GUID replaced"), 1);
      return _grd_new_guid ();
    }

  return g_steal_pointer (&guid);
}

/* A project error about one element's content (a value that does not
 * fit, a name taken) leaves that element out with a located warning; any
 * other (the disk, the database) ends the import. The refused edit rolled
 * back its own savepoint, so the batch goes on. */
static gboolean
drop_refused (Import      *import,
              xmlNodePtr   node,
              GError     **local_error,
              GError     **error)
{
  g_autofree char *message = NULL;

  if (!g_error_matches (*local_error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_INVALID) &&
      !g_error_matches (*local_error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE))
    {
      g_propagate_error (error, g_steal_pointer (local_error));
      return FALSE;
    }
  message = g_strdup_printf (_("%s; left out"), (*local_error)->message);
  warn_at (import, node, message);
  grd_refi_report_tally (import->report, GRD_REFI_DROPPED, (const char *) node->name,
                         _("refused by the project"), 1);
  g_clear_error (local_error);
  return TRUE;
}

/* An error that ends the import says where in the file it stopped. */
static gboolean
fail_at (Import      *import,
         xmlNodePtr   node,
         GError     **error)
{
  if (error != NULL && *error != NULL && (*error)->domain != GRD_REFI_ERROR &&
      !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (error, _("%s, line %u, <%s>: "), import->file_name, line_of (node),
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

      if (!is_element (user, "User"))
        continue;
      guid = prop_guid (user, "guid");
      name = prop (user, "name");
      if (name == NULL || g_strstrip (name)[0] == '\0')
        {
          g_free (name);
          name = prop (user, "id");
        }
      if (name == NULL || name[0] == '\0')
        {
          g_free (name);
          name = g_strdup_printf (_("User %.8s"), guid != NULL ? guid : "?");
        }
      if (!_grd_project_refi_ensure_coder (import->project, guid, name, &coder_id, error))
        return FALSE;
      if (guid != NULL)
        map_id (import->users, guid, coder_id);
      grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "User", NULL, 1);
    }
  return TRUE;
}

/* The coder of a selection or coding; a GUID no User declared gets a
 * placeholder coder, as NOTES.md asks. */
static gboolean
resolve_user (Import      *import,
              xmlNodePtr   node,
              gint64      *coder_id,
              GError     **error)
{
  g_autofree char *guid = prop_guid (node, "creatingUser");
  g_autofree char *name = NULL;

  *coder_id = import->coder_id;
  if (guid == NULL)
    return TRUE;
  *coder_id = lookup_id (import->users, guid);
  if (*coder_id != 0)
    return TRUE;

  name = g_strdup_printf (_("User %.8s"), guid);
  if (!_grd_project_refi_ensure_coder (import->project, guid, name, coder_id, error))
    return FALSE;
  map_id (import->users, guid, *coder_id);
  warn_at (import, node, _("its user is not among the Users; a placeholder coder was added"));
  grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, "User",
                         _("missing user added as a placeholder"), 1);
  return TRUE;
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

      if (!is_element (node, "Code"))
        continue;

      code = g_new0 (ParsedCode, 1);
      code->node = node;
      code->line = line_of (node);
      code->guid = prop_guid (node, "guid");
      code->name = prop (node, "name");
      if (code->name == NULL || g_strstrip (code->name)[0] == '\0')
        {
          g_free (code->name);
          code->name = g_strdup (_("Unnamed code"));
          warn_at (import, node, _("a code without a name"));
        }
      color = prop (node, "color");
      code->color = parse_color (color);
      if (color != NULL && code->color == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("the colour “%s” is not one we read; "
                                                        "a palette colour was used"), color);
          warn_at (import, node, message);
        }
      code->description = child_text (node, "Description");
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

static void
queue_note_refs (Import       *import,
                 xmlNodePtr    node,
                 GrdMemoScope  scope,
                 gint64        target_id)
{
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      NoteRef *ref;
      char *guid;

      if (!is_element (child, "NoteRef") ||
          (guid = prop_guid (child, "targetGUID")) == NULL)
        continue;
      ref = g_new0 (NoteRef, 1);
      ref->note_guid = guid;
      ref->scope = scope;
      ref->target_id = target_id;
      g_ptr_array_add (import->note_refs, ref);
    }
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
              warn_at (import, code->node, message);
              grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, "Code",
                                     _("renamed: a sibling has the same name"), 1);
            }
          return TRUE;
        }
      if (!g_error_matches (local_error, GRD_PROJECT_ERROR, GRD_PROJECT_ERROR_DUPLICATE))
        {
          code->code_id = 0;
          return drop_refused (import, code->node, &local_error, error);
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
            if ((guid = take_guid (import, code->node, "code", error)) == NULL ||
                !_grd_project_refi_adopt_guid (import->project, "code", code->code_id, guid,
                                               error))
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
        map_id (import->codes, code->guid, code->code_id);
      if (with_notes)
        queue_note_refs (import, code->node, GRD_MEMO_SCOPE_CODE, code->code_id);

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

static gboolean
apply_code_book (Import      *import,
                 GPtrArray   *codes,
                 gboolean     with_notes,
                 GError     **error)
{
  return park_renamed_codes (import, codes, error) &&
         apply_codes (import, codes, 0, with_notes, error);
}

static GPtrArray *
parse_and_match (Import      *import,
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

static gboolean
import_code_sets (Import      *import,
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
      g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GrdCodeSet) existing = NULL;
      gint64 set_id;

      if (!is_element (set, "Set"))
        continue;
      name = prop (set, "name");
      description = child_text (set, "Description");
      for (xmlNodePtr member = set->children; member != NULL; member = member->next)
        {
          g_autofree char *target = NULL;
          gint64 id;

          if (is_element (member, "MemberCode"))
            {
              target = prop_guid (member, member_attribute);
              if ((id = lookup_id (import->codes, target)) != 0)
                g_array_append_val (members, id);
              else
                warn_at (import, member, _("refers to a code that is not in the file"));
            }
          else if (is_element (member, "MemberSource"))
            g_ptr_array_add (sources, prop_guid (member, "targetGUID"));
          else if (is_element (member, "MemberNote"))
            grd_refi_report_tally (import->report, GRD_REFI_DROPPED, "MemberNote",
                                   _("Grounded groups codes and sources, not notes"), 1);
        }

      if (name == NULL || g_strstrip (name)[0] == '\0')
        {
          warn_at (import, set, _("a set without a name"));
          continue;
        }

      /* ATLAS.ti exports document groups ("gender: male") as sets of
       * sources: they become an attribute of each source. */
      if (sources->len > 0)
        {
          const char *colon = strstr (name, ": ");
          g_autofree char *attribute = colon != NULL ? g_strndup (name, colon - name)
                                                     : g_strdup (name);
          const char *value = colon != NULL ? colon + 2 : _("yes");
          g_autoptr(GrdAttribute) found = grd_project_find_attribute (import->project, attribute,
                                                                      NULL);
          gint64 attribute_id = found != NULL ? found->id : 0;

          if (attribute_id == 0 &&
              (attribute_id = grd_project_add_attribute (import->project, attribute,
                                                         GRD_ATTRIBUTE_TYPE_TEXT, NULL,
                                                         error)) == 0)
            return FALSE;
          for (guint i = 0; i < sources->len; i++)
            {
              gint64 source_id = lookup_id (import->sources, g_ptr_array_index (sources, i));

              if (source_id != 0 &&
                  !grd_project_set_source_value (import->project, source_id, attribute_id,
                                                 value, error))
                return FALSE;
            }
          grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, "Set",
                                 _("a set of sources became a source attribute"), 1);
        }

      if (members->len == 0)
        continue;

      /* a set of the same name (a code book imported again) gains the
       * members it lacks */
      if (!find_code_set (import, name, &existing, error))
        return FALSE;
      set_id = existing != NULL ? existing->id
                                : grd_project_add_code_set (import->project, name, description,
                                                            error);
      if (set_id == 0 ||
          (existing == NULL &&
           ((guid = take_guid (import, set, "code_set", error)) == NULL ||
            !_grd_project_refi_adopt_guid (import->project, "code_set", set_id, guid, error))))
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

/* Reading the XML: a stream, with each element of interest expanded into
 * a small tree of its own, so memory follows the largest source, not the
 * whole file. */

typedef struct {
  Import   *import;
  GError   *fatal;
  char     *last;       /* libxml2's last word, whatever its level */
  int       last_line;
} ReaderErrors;

static void
reader_errors_clear (ReaderErrors *errors)
{
  g_clear_error (&errors->fatal);
  g_clear_pointer (&errors->last, g_free);
}

static void
reader_error_cb (void        *data,
                 xmlErrorPtr  error)
{
  ReaderErrors *errors = data;
  g_autofree char *message = NULL;

  if (error->domain == XML_FROM_SCHEMASV || error->domain == XML_FROM_SCHEMASP)
    {
      _grd_refi_warn_xml_error (errors->import->report, errors->import->file_name, error);
      return;
    }

  message = g_strchomp (g_strdup (error->message != NULL ? error->message : "?"));
  g_free (errors->last);
  errors->last = g_strdup (message);
  errors->last_line = error->line;
  if (error->level >= XML_ERR_ERROR && errors->fatal == NULL)
    errors->fatal = g_error_new (GRD_REFI_ERROR, GRD_REFI_ERROR_NOT_XML,
                                 _("%s: not well-formed XML at line %d: %s"),
                                 errors->import->file_name, error->line, message);
}

static gboolean
reader_failed (xmlTextReaderPtr   reader,
               ReaderErrors      *errors,
               GError           **error)
{
  xmlErrorPtr last = xmlGetLastError ();

  /* With a schema, libxml2 2.9 parses through the validator's SAX
   * handler, which passes no parser error to the reader's handler: the
   * thread's last error still has it. */
  if (errors->fatal == NULL && last != NULL && last->level >= XML_ERR_ERROR &&
      last->domain != XML_FROM_SCHEMASV && last->domain != XML_FROM_SCHEMASP)
    reader_error_cb (errors, last);

  if (errors->fatal != NULL)
    g_propagate_error (error, g_steal_pointer (&errors->fatal));
  else if (errors->last != NULL)
    g_set_error (error, GRD_REFI_ERROR, GRD_REFI_ERROR_NOT_XML,
                 _("%s: not well-formed XML at line %d: %s"), errors->import->file_name,
                 errors->last_line > 0 ? errors->last_line
                                       : xmlTextReaderGetParserLineNumber (reader),
                 errors->last);
  else
    g_set_error (error, GRD_REFI_ERROR, GRD_REFI_ERROR_NOT_XML,
                 _("%s: not well-formed XML at line %d"), errors->import->file_name,
                 xmlTextReaderGetParserLineNumber (reader));
  return FALSE;
}

/* The line of a document type declaration in the prolog at the start of
 * data (the XML declaration, processing instructions, comments, white
 * space), or 0 when the prolog ends without one. This runs before libxml2
 * reads a byte, so not even the declaration's internal subset is parsed.
 * A prolog longer than data, or in UTF-16, is left to the reader's own
 * check. */
static int
prolog_doctype_line (const char *data,
                     gsize       len)
{
  const char *p = data, *end;
  int line = 1;

  /* an empty file has no bytes to point into (data may be NULL) */
  if (len == 0)
    return 0;
  end = data + len;
  if (len >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (p < end)
    {
      const char *close = NULL;
      const char *closer;

      if (*p == '\n')
        line++;
      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (end - p >= 9 && memcmp (p, "<!DOCTYPE", 9) == 0)
        return line;
      if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        closer = "-->";
      else if (end - p >= 2 && memcmp (p, "<?", 2) == 0)
        closer = "?>";
      else
        return 0;
      close = g_strstr_len (p + 2, end - p - 2, closer);
      if (close == NULL)
        return 0;
      for (; p < close; p++)
        if (*p == '\n')
          line++;
      p = close + strlen (closer);
    }
  return 0;
}

/* Takes reader (whose first bytes are head) and moves it onto the root
 * element, refusing what is not XML, has a document type declaration, or
 * has another root than expected. */
static xmlTextReaderPtr
open_reader (Import            *import,
             xmlTextReaderPtr   reader,
             const char        *head,
             gsize              head_len,
             const char        *root,
             GrdRefiSchema      schema,
             ReaderErrors      *errors,
             GError           **error)
{
  int doctype_line = prolog_doctype_line (head, head_len);
  int ret;

  if (reader == NULL)
    {
      g_set_error (error, GRD_REFI_ERROR, GRD_REFI_ERROR_NOT_XML,
                   _("%s: not XML"), import->file_name);
      return NULL;
    }
  /* all of libxml2's messages come here, none to stderr; see
   * reader_failed() for the ones that do not */
  xmlTextReaderSetStructuredErrorHandler (reader, reader_error_cb, errors);
  xmlResetLastError ();
  if (doctype_line == 0)
    {
      /* schema problems are warnings only: real files often break the schema */
      xmlTextReaderSetSchema (reader, _grd_refi_get_schema (schema));
      while ((ret = xmlTextReaderRead (reader)) == 1)
        {
          int type = xmlTextReaderNodeType (reader);

          if (type == XML_READER_TYPE_DOCUMENT_TYPE)
            {
              doctype_line = xmlTextReaderGetParserLineNumber (reader);
              break;
            }
          if (type == XML_READER_TYPE_ELEMENT)
            break;
        }
    }
  if (doctype_line != 0)
    {
      g_set_error (error, GRD_REFI_ERROR, GRD_REFI_ERROR_DOCTYPE,
                   _("%s: refused a document type declaration (line %d); "
                     "REFI-QDA files have none"),
                   import->file_name, doctype_line);
      xmlFreeTextReader (reader);
      return NULL;
    }
  if (ret != 1)
    {
      reader_failed (reader, errors, error);
      xmlFreeTextReader (reader);
      return NULL;
    }

  if (g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), root) != 0)
    {
      g_set_error (error, GRD_REFI_ERROR, GRD_REFI_ERROR_NOT_REFI,
                   _("%s: the root element is <%s>, not <%s>: not a REFI-QDA file"),
                   import->file_name, (const char *) xmlTextReaderConstLocalName (reader), root);
      xmlFreeTextReader (reader);
      return NULL;
    }

  return reader;
}

static xmlTextReaderPtr
open_memory_reader (Import        *import,
                    GBytes        *xml,
                    const char    *root,
                    GrdRefiSchema  schema,
                    ReaderErrors  *errors,
                    GError       **error)
{
  gsize size;
  const char *data = g_bytes_get_data (xml, &size);

  if (size > G_MAXINT)
    {
      g_set_error (error, GRD_REFI_ERROR, GRD_REFI_ERROR_CONTAINER,
                   _("%s: too large to read"), import->file_name);
      return NULL;
    }
  return open_reader (import, xmlReaderForMemory (data, (int) size, import->file_name, NULL,
                                                  PARSE_OPTIONS),
                      data, size, root, schema, errors, error);
}

/* Texts */

/* How a file counts positions in a text: code points, or UTF-16 units
 * (NVivo, Qt); ATLAS.ti's CRLF counted as one is the same in both. */
typedef enum {
  UNIT_CODE_POINT,
  UNIT_UTF16,
  N_UNITS
} Unit;

typedef struct {
  char   *text;      /* as stored: UTF-8, LF line ends; owned until taken */
  const char *chars; /* the same text, borrowed, for as long as it lives */
  gsize   len;
  gint64  n_chars;
  /* Per Unit, in increasing order: the positions of the file's units that
   * add no stored code point (an LF after a CR that counts, the second
   * half of a surrogate pair). Only where the counts part, so a text of
   * plain lines costs nothing and a transcript of CRLF lines one entry a
   * line; a position maps by binary search. */
  GArray *extra[N_UNITS];
  GrdUtf8Cursor cursor;    /* where the last quote was taken */
} SourceText;

static void
source_text_clear (SourceText *text)
{
  g_clear_pointer (&text->text, g_free);
  for (guint i = 0; i < N_UNITS; i++)
    g_clear_pointer (&text->extra[i], g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SourceText, source_text_clear)

static void
append_extra (GArray *extra,
              gint64  position)
{
  g_array_append_val (extra, position);
}

/* The stored text has LF line ends; the file's offsets count code points
 * (or UTF-16 units for NVivo) in the text as written, CRLF as two (or as
 * one for ATLAS.ti). One pass keeps where the two part. */
static void
source_text_build (Import     *import,
                   SourceText *out,
                   const char *raw,
                   gsize       raw_len,
                   xmlNodePtr  node)
{
  GString *text = g_string_sized_new (raw_len);
  g_autofree char *valid = NULL;
  const char *p, *end;
  gint64 units[N_UNITS] = { 0 };
  gint64 n = 0;

  if (raw_len >= 3 && memcmp (raw, "\xef\xbb\xbf", 3) == 0)
    raw += 3, raw_len -= 3;
  if (!g_utf8_validate_len (raw, raw_len, NULL))
    {
      valid = g_utf8_make_valid (raw, (gssize) raw_len);
      raw = valid;
      raw_len = strlen (valid);
      warn_at (import, node, _("the text is not valid UTF-8; bad bytes became U+FFFD"));
    }

  for (guint i = 0; i < N_UNITS; i++)
    out->extra[i] = g_array_new (FALSE, FALSE, sizeof (gint64));
  p = raw;
  end = raw + raw_len;
  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      /* the CR of a CRLF maps to where the LF will be, the LF adds none */
      if (c == '\r' && next < end && *next == '\n')
        {
          if (!import->lf_offsets)
            for (guint i = 0; i < N_UNITS; i++)
              append_extra (out->extra[i], ++units[i]);
          p = next;
          continue;
        }
      if (c == '\r')
        c = '\n';
      else if (c == 0)
        c = 0xfffd;   /* the store keeps no NUL */

      if (c > 0xffff)
        append_extra (out->extra[UNIT_UTF16], ++units[UNIT_UTF16]);
      for (guint i = 0; i < N_UNITS; i++)
        units[i]++;
      g_string_append_unichar (text, c);
      n++;
      p = next;
    }

  out->n_chars = n;
  out->len = text->len;
  out->text = g_string_free (text, FALSE);
  out->chars = out->text;
  grd_utf8_cursor_init (&out->cursor, out->chars, out->len);
}

/* Finds a file the way real archives name it: internal://, a bare name,
 * Sources/ or sources/, any case, and reads it once, within what is left
 * of the import's budget. Whatever keeps it from being read (not there,
 * read before, too large, damaged, encrypted) is a warning on the element
 * that says what was left out because of it. */
static GBytes *
read_internal (Import      *import,
               xmlNodePtr   node,
               const char  *path,
               gsize        max_size,
               const char  *left_out)
{
  g_autofree char *in_sources = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GrdZipEntry) stream = NULL;
  const char *name = path;
  const char *entry;
  GBytes *bytes;

  if (g_str_has_prefix (path, "internal://"))
    name = path + strlen ("internal://");
  else if (strstr (path, "://") != NULL)
    {
      message = g_strdup_printf (_("%s is outside the archive; %s"), path, left_out);
      warn_at (import, node, message);
      return NULL;
    }

  in_sources = g_strconcat ("sources/", name, NULL);
  entry = import->zip != NULL ? grd_zip_reader_find_entry_nocase (import->zip, in_sources) : NULL;
  if (entry == NULL && import->zip != NULL)
    entry = grd_zip_reader_find_entry_nocase (import->zip, name);
  if (entry == NULL)
    {
      message = g_strdup_printf (_("%s is not in the archive; %s"), path, left_out);
      warn_at (import, node, message);
      return NULL;
    }

  /* a hundred sources pointing at one large entry would each hold a copy */
  if (!g_hash_table_add (import->entries_read, g_strdup (entry)))
    {
      message = g_strdup_printf (_("%s is the file of an element before this one; %s"),
                                 path, left_out);
      warn_at (import, node, message);
      return NULL;
    }

  stream = grd_zip_reader_open_entry (import->zip, entry, max_size, &local_error);
  if (stream != NULL && grd_zip_entry_get_size (stream) > import->budget)
    {
      message = g_strdup_printf (_("%s: the archive's files would expand to more than "
                                   "%llu bytes in all; %s"),
                                 path, (unsigned long long) import->budget, left_out);
      warn_at (import, node, message);
      return NULL;
    }
  bytes = stream != NULL ? grd_zip_entry_read_all (stream, &local_error) : NULL;
  if (bytes == NULL)
    {
      message = g_strdup_printf ("%s; %s", local_error->message, left_out);
      warn_at (import, node, message);
      return NULL;
    }
  import->budget -= g_bytes_get_size (bytes);
  return bytes;
}

/* The text of a TextSource or Note: inline, or a file in the archive;
 * out->text stays NULL when there is none. */
static void
read_text (Import      *import,
           xmlNodePtr   node,
           SourceText  *out)
{
  g_autofree char *path = prop (node, "plainTextPath");
  g_autofree char *inline_text = child_text (node, "PlainTextContent");
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const char *data;

  if (inline_text != NULL)
    {
      source_text_build (import, out, inline_text, strlen (inline_text), node);
      return;
    }
  if (path == NULL)
    return;

  bytes = read_internal (import, node, g_strstrip (path), MAX_TEXT_SIZE,
                         _("the text was left out"));
  if (bytes == NULL)
    return;
  data = g_bytes_get_data (bytes, &len);
  source_text_build (import, out, data, len, node);
}

/* The original document, where the file has one we keep: a PDFSource's
 * PDF, a TextSource's Word file. */
static void
read_original (Import          *import,
               xmlNodePtr       source,
               GrdImportedText *imported)
{
  gboolean pdf = is_element (source, "PDFSource");
  g_autofree char *path = prop (source, pdf ? "path" : "richTextPath");
  const char *extension = pdf ? ".pdf" : ".docx";
  g_autofree char *folded = NULL;
  g_autofree char *folded_name = NULL;
  GBytes *bytes;

  if (path == NULL)
    return;
  folded = g_ascii_strdown (g_strstrip (path), -1);
  if (!g_str_has_suffix (folded, extension))
    {
      grd_refi_report_tally (import->report, GRD_REFI_DROPPED, "original document",
                             _("Grounded keeps .docx and .pdf originals only"), 1);
      return;
    }

  bytes = read_internal (import, source, path, GRD_IMPORT_MAX_FILE_SIZE,
                         _("the original document was left out"));
  if (bytes == NULL)
    {
      grd_refi_report_tally (import->report, GRD_REFI_DROPPED, "original document",
                             _("it could not be read from the archive"), 1);
      return;
    }

  imported->original = bytes;
  imported->media_type = g_strdup (pdf ? GRD_REFI_PDF_TYPE : GRD_REFI_DOCX_TYPE);
  g_free (imported->format);
  imported->format = g_strdup (extension + 1);
  folded_name = g_ascii_strdown (imported->original_name, -1);
  if (!g_str_has_suffix (folded_name, extension))
    {
      char *name = g_strconcat (imported->original_name, extension, NULL);

      g_free (imported->original_name);
      imported->original_name = name;
    }
  grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "original document", NULL, 1);
}

/* Sources and codings */

/* A file's position in unit, clamped to the text, as a stored code point. */
static gint64
unit_to_char (SourceText *text,
              Unit        unit,
              gint64      offset,
              gboolean   *clamped)
{
  GArray *extra = text->extra[unit];
  gint64 units = text->n_chars + extra->len;
  guint lo = 0, hi = extra->len;

  if (offset < 0 || offset > units)
    {
      *clamped = TRUE;
      offset = CLAMP (offset, 0, units);
    }
  /* how many extra units lie at or before offset */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (extra, gint64, mid) <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return offset - lo;
}

static gboolean
parse_offset (xmlNodePtr  node,
              const char *attribute,
              gint64     *offset)
{
  g_autofree char *value = prop (node, attribute);

  *offset = 0;
  return value != NULL && g_ascii_string_to_signed (g_strstrip (value), 10, G_MININT64,
                                                    G_MAXINT64, offset, NULL);
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
  xmlNodePtr code_ref = first_child (coding, "CodeRef");
  g_autofree char *code_guid = code_ref != NULL ? prop_guid (code_ref, "targetGUID")
                                                 : NULL;
  g_autofree char *guid = NULL;
  g_autofree char *created = prop (coding, "creationDateTime");
  g_autofree char *key = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 code_id = lookup_id (import->codes, code_guid);
  gint64 coder_id;

  *coding_id = 0;
  if (code_id == 0)
    {
      warn_at (import, coding, _("refers to a code that is not in the file; left out"));
      grd_refi_report_tally (import->report, GRD_REFI_DROPPED, "Coding",
                             _("its code is not in the file"), 1);
      return TRUE;
    }
  if (!resolve_user (import, coding, &coder_id, error))
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

  if ((guid = take_guid (import, coding, "coding", error)) == NULL)
    return FALSE;
  *coding_id = _grd_project_refi_add_coding (import->project, guid, source_id, code_id, start,
                                             end, coder_id, parse_time (created), &local_error);
  if (*coding_id == 0)
    return drop_refused (import, coding, &local_error, error);
  g_hash_table_add (import->codings_seen, g_steal_pointer (&key));
  grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "Coding", NULL, 1);
  queue_note_refs (import, coding, GRD_MEMO_SCOPE_CODING, *coding_id);
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

/* The text from a stored code point, at most max_chars of it. */
static char *
text_at (SourceText *text,
         gint64      start,
         gint64      max_chars)
{
  gssize from;
  const char *p, *end = text->chars + text->len;

  /* selections mostly come in order: the cursor walks the text once */
  if (start < text->cursor.chr)
    grd_utf8_cursor_init (&text->cursor, text->chars, text->len);
  from = grd_utf8_cursor_seek (&text->cursor, start);
  if (from < 0)
    return g_strdup ("");
  p = text->chars + from;
  for (gint64 i = 0; i < max_chars && p < end; i++)
    p = g_utf8_next_char (p);
  return g_strndup (text->chars + from, (gsize) (p - (text->chars + from)));
}

/* Whether a selection's name (ATLAS.ti and NVivo may write the selected
 * text there) agrees with the text at start. */
static gboolean
name_matches (SourceText *text,
              const char *name,
              gint64      start)
{
  glong n = g_utf8_strlen (name, -1);
  g_autofree char *here = text_at (text, start, n);

  return strcmp (here, name) == 0;
}

/* The selection's positions as stored code points: in the unit the file's
 * origin implies, unless its name matches the text only when counted in
 * the other. */
static void
map_selection (Import     *import,
               SourceText *text,
               xmlNodePtr  selection,
               gint64     *start,
               gint64     *end)
{
  Unit unit = import->utf16_offsets ? UNIT_UTF16 : UNIT_CODE_POINT;
  Unit other = import->utf16_offsets ? UNIT_CODE_POINT : UNIT_UTF16;
  g_autofree char *name = prop (selection, "name");
  gboolean clamped = FALSE, ignored = FALSE;
  gint64 raw_start, raw_end, at_unit, at_other;
  gboolean has_start, has_end;
  gboolean unit_matches = TRUE, other_matches = FALSE;

  has_start = parse_offset (selection, "startPosition", &raw_start);
  has_end = parse_offset (selection, "endPosition", &raw_end);
  clamped = !has_start || !has_end;

  at_unit = unit_to_char (text, unit, raw_start, &ignored);
  at_other = unit_to_char (text, other, raw_start, &ignored);
  if (name != NULL && g_strstrip (name)[0] != '\0' && at_unit != at_other)
    {
      /* in increasing order, so the text's cursor only walks forward */
      if (at_other < at_unit)
        other_matches = name_matches (text, name, at_other);
      unit_matches = name_matches (text, name, at_unit);
      if (at_other > at_unit && !unit_matches)
        other_matches = name_matches (text, name, at_other);
    }
  if (!unit_matches && other_matches)
    {
      warn_at (import, selection, other == UNIT_UTF16
                                    ? _("its name matches the text only in UTF-16 units; "
                                        "its positions were read as such")
                                    : _("its name matches the text only in characters; "
                                        "its positions were read as such"));
      grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, "PlainTextSelection",
                             _("positions counted in other units than the file's origin "
                               "implies, as its name shows"), 1);
      unit = other;
    }

  *start = unit_to_char (text, unit, raw_start, &clamped);
  *end = unit_to_char (text, unit, raw_end, &clamped);
  if (clamped)
    warn_at (import, selection, _("its positions lie outside the text; clamped to it"));
}

static gboolean
import_selection (Import      *import,
                  xmlNodePtr   selection,
                  gint64       source_id,
                  SourceText  *text,
                  GError     **error)
{
  g_autofree char *guid = prop_guid (selection, "guid");
  g_autofree char *description = child_text (selection, "Description");
  gint64 start, end;
  gint64 first_coding = 0;

  map_selection (import, text, selection, &start, &end);
  if (start > end)
    {
      gint64 swap = start;

      start = end;
      end = swap;
      warn_at (import, selection, _("its start lies after its end; swapped"));
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

      if (!is_element (coding, "Coding"))
        continue;
      if (!add_coding (import, coding, source_id, start, end, &coding_id, error))
        return FALSE;
      if (first_coding == 0)
        first_coding = coding_id;
    }

  if (guid != NULL)
    {
      map_id (import->selections, guid, first_coding);
      map_id (import->selection_sources, guid, source_id);
    }
  queue_note_refs (import, selection, first_coding != 0 ? GRD_MEMO_SCOPE_CODING
                                                        : GRD_MEMO_SCOPE_SOURCE,
                   first_coding != 0 ? first_coding : source_id);

  /* MAXQDA's segment memos and ATLAS.ti's quotation comments */
  if (description != NULL && g_strstrip (description)[0] != '\0')
    {
      g_autofree char *quote = text_at (text, start, MIN (end - start, 60));
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

static gboolean
import_text_source (Import      *import,
                    xmlNodePtr   source,
                    xmlNodePtr   text_node,
                    GError     **error)
{
  g_auto(SourceText) text = { 0 };
  g_autoptr(GrdImportedText) imported = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = prop (source, "name");
  g_autofree char *guid = NULL;
  g_autofree char *file_guid = prop_guid (source, "guid");
  g_autofree char *description = child_text (source, "Description");
  gint64 source_id;

  read_text (import, text_node, &text);
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

  /* the project takes the text; selections still read it through
   * text.chars while imported lives */
  imported = g_new0 (GrdImportedText, 1);
  imported->text = g_steal_pointer (&text.text);
  imported->text_len = text.len;
  imported->n_chars = text.n_chars;
  imported->format = g_strdup ("txt");
  imported->original_name = g_strdup (name);
  imported->title = g_strdup (name);
  imported->encoding = g_strdup ("UTF-8");
  imported->turns = grd_import_detect_turns (imported->text, NULL);
  read_original (import, source, imported);

  source_id = grd_project_add_source (import->project, imported, name, &local_error);
  if (source_id == 0)
    return drop_refused (import, source, &local_error, error);
  if ((guid = take_guid (import, source, "source", error)) == NULL ||
      !_grd_project_refi_adopt_guid (import->project, "source", source_id, guid, error))
    return FALSE;
  if (file_guid != NULL)
    map_id (import->sources, file_guid, source_id);
  grd_refi_report_tally (import->report, GRD_REFI_TAKEN, (const char *) source->name, NULL, 1);
  if (import->utf16_offsets &&
      text.extra[UNIT_UTF16]->len != text.extra[UNIT_CODE_POINT]->len)
    grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, (const char *) source->name,
                           _("NVivo counts UTF-16 units; positions were converted to characters"),
                           1);

  for (xmlNodePtr child = text_node->children; child != NULL; child = child->next)
    if (is_element (child, "PlainTextSelection") &&
        !import_selection (import, child, source_id, &text, error))
      return FALSE;

  for (xmlNodePtr child = source->children; child != NULL; child = child->next)
    {
      gint64 coding_id;

      /* a coding straight under a source codes all of it */
      if (is_element (child, "Coding") && imported->n_chars > 0 &&
          !add_coding (import, child, source_id, 0, imported->n_chars, &coding_id, error))
        return FALSE;
      if (is_element (child, "PDFSelection") || is_element (child, "PictureSelection") ||
          is_element (child, "AudioSelection") || is_element (child, "VideoSelection"))
        grd_refi_report_tally (import->report, GRD_REFI_DROPPED, (const char *) child->name,
                               _("Grounded codes text only"), 1);
    }

  queue_note_refs (import, source, GRD_MEMO_SCOPE_SOURCE, source_id);
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

  if (is_element (source, "TextSource"))
    text_node = source;
  else if (is_element (source, "PDFSource"))
    text_node = first_child (source, "Representation");

  if (text_node == NULL)
    {
      grd_refi_report_tally (import->report, GRD_REFI_DROPPED, (const char *) source->name,
                             is_element (source, "PDFSource")
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

      if (!is_element (variable, "Variable"))
        continue;
      name = prop (variable, "name");
      type_name = prop (variable, "typeOfVariable");
      file_guid = prop_guid (variable, "guid");
      if (name == NULL || g_strstrip (name)[0] == '\0')
        {
          warn_at (import, variable, _("a variable without a name; left out"));
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
              if (!drop_refused (import, variable, &local_error, error))
                return FALSE;
              continue;
            }
          if ((guid = take_guid (import, variable, "attribute", error)) == NULL ||
              !_grd_project_refi_adopt_guid (import->project, "attribute", id, guid, error))
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
      xmlNodePtr ref = is_element (value, "VariableValue") ? first_child (value, "VariableRef")
                                                           : NULL;
      g_autofree char *guid = ref != NULL ? prop_guid (ref, "targetGUID") : NULL;
      GrdAttribute *attribute = guid != NULL ? g_hash_table_lookup (import->attributes, guid)
                                             : NULL;
      g_autofree char *text = NULL;
      g_autoptr(GError) local_error = NULL;
      gboolean ok;

      if (!is_element (value, "VariableValue"))
        continue;
      if (attribute == NULL)
        {
          warn_at (import, value, _("refers to a variable that is not in the file; left out"));
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
          warn_at (import, value, local_error->message);
          grd_refi_report_tally (import->report, GRD_REFI_DROPPED, "VariableValue",
                                 _("the value does not fit its variable's type"), 1);
          continue;
        }
      grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "VariableValue", NULL, 1);
    }
  return TRUE;
}

static gboolean
import_case (Import      *import,
             xmlNodePtr   node,
             GError     **error)
{
  g_autofree char *name = prop (node, "name");
  g_autofree char *description = child_text (node, "Description");
  g_autoptr(GrdCase) existing = NULL;
  gint64 case_id;

  /* MAXQDA and Quirkos attach a document's variables through a Case
   * without a name: they go on the source itself */
  if (name == NULL || g_strstrip (name)[0] == '\0')
    {
      for (xmlNodePtr ref = node->children; ref != NULL; ref = ref->next)
        {
          g_autofree char *guid = is_element (ref, "SourceRef")
                                    ? prop_guid (ref, "targetGUID") : NULL;
          gint64 source_id = lookup_id (import->sources, guid);

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
        return drop_refused (import, node, &local_error, error);
      if ((guid = take_guid (import, node, "study_case", error)) == NULL ||
          !_grd_project_refi_adopt_guid (import->project, "study_case", case_id, guid, error))
        return FALSE;
    }
  grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "Case",
                         existing != NULL ? _("already in the project") : NULL, 1);

  if (!import_values (import, node, case_id, 0, error))
    return FALSE;
  for (xmlNodePtr ref = node->children; ref != NULL; ref = ref->next)
    {
      g_autofree char *guid = is_element (ref, "SourceRef")
                                ? prop_guid (ref, "targetGUID") : NULL;
      gint64 source_id = lookup_id (import->sources, guid);

      if (is_element (ref, "CodeRef") || is_element (ref, "SelectionRef"))
        grd_refi_report_tally (import->report, GRD_REFI_DROPPED, (const char *) ref->name,
                               _("a case holds whole sources in Grounded"), 1);
      if (source_id != 0 &&
          !grd_project_set_source_case (import->project, source_id, case_id, error))
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
  g_autofree char *guid = prop_guid (node, "guid");
  g_autofree char *created = prop (node, "creationDateTime");
  g_autofree char *modified = prop (node, "modifiedDateTime");
  g_autofree char *author = prop_guid (node, "creatingUser");
  Note *note;

  read_text (import, node, &text);
  if (guid == NULL)
    {
      warn_at (import, node, _("a note without a GUID; left out"));
      return TRUE;
    }

  note = g_new0 (Note, 1);
  note->guid = g_steal_pointer (&guid);
  note->title = prop (node, "name");
  note->text = g_steal_pointer (&text.text);
  note->created_at = created != NULL ? parse_time (created) : 0;
  note->updated_at = modified != NULL ? parse_time (modified) : note->created_at;
  if (author != NULL &&
      !resolve_user (import, node, &note->author_id, error))
    {
      note_free (note);
      return FALSE;
    }
  add_note (import, note);
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

      if (!is_element (link, "Link"))
        continue;
      origin = prop_guid (link, "originGUID");
      target = prop_guid (link, "targetGUID");
      name = prop (link, "name");
      from = lookup_id (import->codes, origin);
      to = lookup_id (import->codes, target);

      /* NVivo's annotations: a note linked to the passage it is about */
      if (origin != NULL && g_hash_table_contains (import->notes, origin) &&
          target != NULL && g_hash_table_contains (import->selection_sources, target))
        {
          gint64 coding_id = lookup_id (import->selections, target);
          NoteRef *ref = g_new0 (NoteRef, 1);

          ref->note_guid = g_strdup (origin);
          ref->scope = coding_id != 0 ? GRD_MEMO_SCOPE_CODING : GRD_MEMO_SCOPE_SOURCE;
          ref->target_id = coding_id != 0 ? coding_id
                                          : lookup_id (import->selection_sources, target);
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
        g_autoptr(GError) local_error = NULL;
        gint64 relation_id;
        guint first_ref;

        if (name != NULL && grd_relation_kind_from_string (name, &kind))
          label = NULL;
        if ((guid = take_guid (import, link, "relation", error)) == NULL)
          return FALSE;

        /* our own export keeps a relation's memo in a note of derived GUID */
        own_note = _grd_refi_derived_guid ("relation-memo", guid);
        if (g_hash_table_contains (import->notes, own_note))
          memo = ((Note *) g_hash_table_lookup (import->notes, own_note))->text;

        relation_id = grd_project_add_relation (import->project, from, to, kind, label, memo,
                                                &local_error);
        if (relation_id == 0)
          {
            /* a code related to itself, a relation given twice */
            if (!drop_refused (import, link, &local_error, error))
              return FALSE;
            continue;
          }
        if (!_grd_project_refi_adopt_guid (import->project, "relation", relation_id, guid, error))
          return FALSE;
        first_ref = import->note_refs->len;
        queue_note_refs (import, link, GRD_MEMO_SCOPE_RELATION, relation_id);
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
        grd_refi_report_tally (import->report, GRD_REFI_TAKEN, "Link", NULL, 1);
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
  gint64 memo_id, other = 0;

  memo_id = grd_project_add_memo (import->project, scope, target_id, note->title,
                                  note->text != NULL ? note->text : "", error);
  if (memo_id == 0 ||
      (keep_guid && !_grd_project_refi_find_guid (import->project, "memo", note->guid, &other,
                                                  error)))
    return FALSE;
  if (keep_guid && other == 0 &&
      !_grd_project_refi_adopt_guid (import->project, "memo", memo_id, note->guid, error))
    return FALSE;
  return _grd_project_refi_set_memo_origin (import->project, memo_id, note->author_id,
                                            note->created_at, note->updated_at, error);
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

      /* replaced by a later note of the same GUID, or a relation's memo */
      if (g_hash_table_lookup (import->notes, note->guid) != note)
        continue;

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
    return !is_element (node, "Note") || import_note (import, node, error);

  if (is_element (node, "Users"))
    return import_users (import, node, error);
  if (is_element (node, "CodeBook"))
    {
      xmlNodePtr codes_node = first_child (node, "Codes");
      g_autoptr(GPtrArray) codes = codes_node != NULL ? parse_and_match (import, codes_node, error)
                                                      : g_ptr_array_new ();

      return codes != NULL && apply_code_book (import, codes, TRUE, error);
    }
  if (is_element (node, "Variables"))
    return import_variables (import, node, error);
  if (is_element (node, "Cases"))
    {
      /* their SourceRefs point forward: handled after the sources */
      g_ptr_array_add (import->cases, xmlCopyNode (node, 1));
      return TRUE;
    }
  if (is_element (node, "Links"))
    return import_links (import, node, error);
  if (is_element (node, "Sets"))
    return import_code_sets (import, node, "targetGUID", error);
  if (is_element (node, "Description"))
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
  if (is_element (node, "NoteRef"))
    {
      g_autofree char *guid = prop_guid (node, "targetGUID");
      NoteRef *ref;

      if (guid == NULL)
        return TRUE;
      ref = g_new0 (NoteRef, 1);
      ref->note_guid = g_steal_pointer (&guid);
      ref->scope = GRD_MEMO_SCOPE_PROJECT;
      g_ptr_array_add (import->note_refs, ref);
      return TRUE;
    }

  grd_refi_report_tally (import->report, GRD_REFI_DROPPED, (const char *) node->name,
                         _("not something Grounded keeps"), 1);
  return TRUE;
}

static gboolean
import_project_stream (Import            *import,
                       xmlTextReaderPtr   reader,
                       ReaderErrors      *errors,
                       GCancellable      *cancellable,
                       GError           **error)
{
  xmlChar *origin = xmlTextReaderGetAttribute (reader, BAD_CAST "origin");
  g_autofree char *container = NULL;
  int ret;

  import->utf16_offsets = origin != NULL && g_regex_match_simple ("nvivo", (const char *) origin,
                                                                  G_REGEX_CASELESS, 0);
  import->lf_offsets = origin != NULL && g_regex_match_simple ("atlas", (const char *) origin,
                                                               G_REGEX_CASELESS, 0);
  xmlFree (origin);

  ret = xmlTextReaderRead (reader);
  while (ret == 1)
    {
      int depth = xmlTextReaderDepth (reader);
      const char *name = (const char *) xmlTextReaderConstLocalName (reader);
      xmlNodePtr node;

      if (xmlTextReaderNodeType (reader) != XML_READER_TYPE_ELEMENT || depth < 1 || depth > 2)
        {
          ret = xmlTextReaderRead (reader);
          continue;
        }
      if (depth == 1 && (strcmp (name, "Sources") == 0 || strcmp (name, "Notes") == 0))
        {
          g_free (container);
          container = g_strdup (name);
          ret = xmlTextReaderRead (reader);
          continue;
        }
      if (depth == 2 && container == NULL)
        {
          ret = xmlTextReaderRead (reader);
          continue;
        }
      if (depth == 1)
        g_clear_pointer (&container, g_free);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      node = xmlTextReaderExpand (reader);
      if (node == NULL || errors->fatal != NULL)
        return reader_failed (reader, errors, error);
      if (!import_project_element (import, node, container, error))
        return fail_at (import, node, error);
      ret = xmlTextReaderNext (reader);
    }
  if (ret != 0 || errors->fatal != NULL)
    return reader_failed (reader, errors, error);

  for (guint i = 0; i < import->cases->len; i++)
    {
      xmlNodePtr cases = g_ptr_array_index (import->cases, i);

      for (xmlNodePtr kase = cases->children; kase != NULL; kase = kase->next)
        if (is_element (kase, "Case") && !import_case (import, kase, error))
          return fail_at (import, kase, error);
    }

  return create_memos (import, error);
}

/* project.qde, read from the archive as libxml2 asks for it; the first
 * bytes are read ahead so the prolog can be checked before parsing. */
typedef struct {
  GrdZipEntry *entry;
  char         head[64 * 1024];
  gsize        head_len;
  gsize        head_pos;
  GError      *error;
} QdeInput;

static void
qde_input_clear (QdeInput *input)
{
  g_clear_pointer (&input->entry, grd_zip_entry_close);
  g_clear_error (&input->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QdeInput, qde_input_clear)

static int
qde_input_read (void *data,
                char *buffer,
                int   len)
{
  QdeInput *input = data;
  gssize got;

  if (input->head_pos < input->head_len)
    {
      gsize n = MIN ((gsize) len, input->head_len - input->head_pos);

      memcpy (buffer, input->head + input->head_pos, n);
      input->head_pos += n;
      return (int) n;
    }
  if (input->error != NULL)
    return -1;
  got = grd_zip_entry_read (input->entry, buffer, (gsize) len, &input->error);
  return (int) got;
}

static gboolean
open_qde (GrdZipReader  *zip,
          QdeInput      *input,
          char         **qde_name,
          GError       **error)
{
  g_autoptr(GPtrArray) names = grd_zip_reader_list_entries (zip);
  const char *found = NULL;
  gssize got;

  /* project.qde, Project.qde or <name>.qde: the one .qde at the root */
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *folded = g_ascii_strdown (name, -1);

      if (strchr (name, '/') == NULL && g_str_has_suffix (folded, ".qde"))
        {
          if (found == NULL || strcmp (folded, "project.qde") == 0)
            found = name;
        }
    }
  if (found == NULL)
    {
      g_set_error (error, GRD_REFI_ERROR, GRD_REFI_ERROR_CONTAINER,
                   _("%s: no project.qde in the archive: not a REFI-QDA project"),
                   grd_zip_reader_get_file_name (zip));
      return FALSE;
    }

  *qde_name = g_strdup (found);
  input->entry = grd_zip_reader_open_entry (zip, found, MAX_QDE_SIZE, error);
  if (input->entry == NULL)
    return FALSE;
  do
    {
      got = grd_zip_entry_read (input->entry, input->head + input->head_len,
                                sizeof input->head - input->head_len, error);
      if (got < 0)
        return FALSE;
      input->head_len += (gsize) got;
    }
  while (got > 0 && input->head_len < sizeof input->head);
  return TRUE;
}

/* The import itself, on a reader open_reader() has put on the root. */
static gboolean
import_qde (Import        *import,
            xmlTextReaderPtr reader,
            ReaderErrors  *errors,
            GCancellable  *cancellable,
            GError       **error)
{
  GrdProject *project = import->project;
  g_autofree char *label = NULL;
  gboolean ok;

  /* the history names the archive, the warnings its entry too */
  label = g_strdup_printf (_("Import “%s”"),
                           import->zip != NULL ? grd_zip_reader_get_file_name (import->zip)
                                               : import->file_name);
  ok = grd_project_begin_batch (project, label, error);
  if (ok)
    {
      ok = _grd_project_current_coder_id (project, &import->coder_id, error) &&
           import_project_stream (import, reader, errors, cancellable, error);
      if (ok)
        ok = grd_project_end_batch (project, error);
      else
        grd_project_abort_batch (project);
    }
  return ok;
}

static void
import_set_zip (Import       *import,
                GrdZipReader *zip)
{
  import->zip = zip;
  import->budget = CLAMP (grd_zip_reader_get_archive_size (zip) * GRD_ZIP_MAX_RATIO,
                          MIN_EXPANSION_BUDGET, MAX_EXPANSION_BUDGET);
}

GrdRefiReport *
_grd_refi_import_qde (GrdProject    *project,
                      GBytes        *xml,
                      const char    *file_name,
                      GrdZipReader  *zip,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GrdRefiReport) report = grd_refi_report_new ();
  g_auto(Import) import = { 0 };
  ReaderErrors errors = { &import, NULL, NULL, 0 };
  xmlTextReaderPtr reader;
  gboolean ok;

  import_init (&import, project, report, file_name);
  if (zip != NULL)
    import_set_zip (&import, zip);

  reader = open_memory_reader (&import, xml, "Project", GRD_REFI_SCHEMA_PROJECT, &errors, error);
  ok = reader != NULL && import_qde (&import, reader, &errors, cancellable, error);
  g_clear_pointer (&reader, xmlFreeTextReader);
  reader_errors_clear (&errors);
  return ok ? g_steal_pointer (&report) : NULL;
}

GrdRefiReport *
_grd_refi_import_archive (GrdProject    *project,
                          GrdZipReader  *zip,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GrdRefiReport) report = grd_refi_report_new ();
  g_auto(QdeInput) input = { 0 };
  g_auto(Import) import = { 0 };
  ReaderErrors errors = { &import, NULL, NULL, 0 };
  g_autofree char *qde_name = NULL;
  g_autofree char *display = NULL;
  xmlTextReaderPtr reader;
  gboolean ok;

  if (!open_qde (zip, &input, &qde_name, error))
    return NULL;

  display = g_strdup_printf ("%s:%s", grd_zip_reader_get_file_name (zip), qde_name);
  import_init (&import, project, report, display);
  import_set_zip (&import, zip);
  import.budget -= MIN (import.budget, grd_zip_entry_get_size (input.entry));

  /* streamed: memory follows the largest element, not the file */
  reader = open_reader (&import, xmlReaderForIO (qde_input_read, NULL, &input, display, NULL,
                                                 PARSE_OPTIONS),
                        input.head, input.head_len, "Project", GRD_REFI_SCHEMA_PROJECT,
                        &errors, error);
  ok = reader != NULL && import_qde (&import, reader, &errors, cancellable, error);
  g_clear_pointer (&reader, xmlFreeTextReader);
  /* damage in the archive surfaces in libxml2 as a read failure: the
   * zip's own error says what it was */
  if (!ok && input.error != NULL && error != NULL)
    {
      g_clear_error (error);
      g_propagate_error (error, g_steal_pointer (&input.error));
    }
  reader_errors_clear (&errors);
  return ok ? g_steal_pointer (&report) : NULL;
}

GrdRefiReport *
grd_refi_import_project (GrdProject    *project,
                         const char    *path,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GrdZipReader) zip = NULL;

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  zip = grd_zip_reader_open (path, error);
  return zip != NULL ? _grd_refi_import_archive (project, zip, cancellable, error) : NULL;
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
  import_clear (&book->import);
  g_clear_pointer (&book->codes, g_ptr_array_unref);
  g_clear_pointer (&book->reader, xmlFreeTextReader);
  reader_errors_clear (&book->errors);
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
  import_init (&book->import, project, report, book->display);
  book->errors.import = &book->import;

  book->reader = open_memory_reader (&book->import, book->xml, "CodeBook", GRD_REFI_SCHEMA_CODEBOOK,
                              &book->errors, error);
  if (book->reader == NULL)
    return FALSE;

  /* a code book is small: the whole tree at once, which also parses (and
   * checks) everything up to the end of the root */
  root = xmlTextReaderExpand (book->reader);
  if (root == NULL || book->errors.fatal != NULL)
    return reader_failed (book->reader, &book->errors, error);

  codes_node = first_child (root, "Codes");
  if (codes_node == NULL)
    {
      g_set_error (error, GRD_REFI_ERROR, GRD_REFI_ERROR_NOT_REFI,
                   _("%s: the code book has no <Codes>"), book->display);
      return FALSE;
    }
  book->sets = first_child (root, "Sets");
  book->codes = parse_and_match (&book->import, codes_node, error);
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
  ok = apply_code_book (&book.import, book.codes, FALSE, error) &&
       (book.sets == NULL || import_code_sets (&book.import, book.sets, "guid", error));
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
