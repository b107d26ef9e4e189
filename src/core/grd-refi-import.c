/* grd-refi-import.c: reading REFI-QDA files: the XML, the archive, the texts
 *
 * The reader machinery of the import: a .qdc or a .qdpx's project.qde read
 * with a safe xmlTextReader (no DTD, no network), the prolog checked
 * before libxml2 reads it, each element expanded on its own; the texts an
 * archive holds, read once each within an expansion budget; warnings
 * located at their element; and file positions (UTF-16 units, CRLF counted
 * once or twice) mapped to stored code points. What the elements mean is
 * in grd-refi-import-codes.c and grd-refi-import-project.c.
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-refi"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "grd-refi-import-private.h"

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

void
_grd_refi_note_free (Note *note)
{
  g_free (note->guid);
  g_free (note->title);
  g_free (note->text);
  g_free (note->review);
  g_free (note);
}

static void
note_ref_free (NoteRef *ref)
{
  g_free (ref->note_guid);
  g_free (ref);
}

void
_grd_refi_import_clear (Import *import)
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
  g_clear_pointer (&import->comments, g_hash_table_unref);
  g_clear_pointer (&import->source_cases, g_hash_table_unref);
  g_clear_pointer (&import->merged_sources, g_hash_table_unref);
}


void
_grd_refi_import_init (Import        *import,
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
  import->note_order = g_ptr_array_new_with_free_func ((GDestroyNotify) _grd_refi_note_free);
  import->note_refs = g_ptr_array_new_with_free_func ((GDestroyNotify) note_ref_free);
  import->cases = g_ptr_array_new_with_free_func ((GDestroyNotify) xmlFreeNode);
  import->comments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->source_cases = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  import->merged_sources = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

void
_grd_refi_map_id (GHashTable *map,
                  const char *guid,
                  gint64      id)
{
  g_hash_table_replace (map, g_strdup (guid), g_memdup2 (&id, sizeof id));
}

gint64
_grd_refi_lookup_id (GHashTable *map,
                     const char *guid)
{
  gint64 *id = guid != NULL ? g_hash_table_lookup (map, guid) : NULL;

  return id != NULL ? *id : 0;
}

/* Nodes: elements are matched by local name, whatever namespace (or none)
 * the producing tool used. */

char *
_grd_refi_prop (xmlNodePtr  node,
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

char *
_grd_refi_prop_guid (xmlNodePtr  node,
                     const char *name)
{
  g_autofree char *raw = _grd_refi_prop (node, name);

  return file_guid (raw);
}

gboolean
_grd_refi_is_element (xmlNodePtr  node,
                      const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

xmlNodePtr
_grd_refi_first_child (xmlNodePtr  node,
                       const char *name)
{
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    if (_grd_refi_is_element (child, name))
      return child;
  return NULL;
}

char *
_grd_refi_child_text (xmlNodePtr  node,
                      const char *name)
{
  xmlNodePtr child = _grd_refi_first_child (node, name);
  xmlChar *content = child != NULL ? xmlNodeGetContent (child) : NULL;
  char *copy = content != NULL ? g_strdup ((const char *) content) : NULL;

  xmlFree (content);
  return copy;
}

/* An element keeps its line up to 65535; past that, libxml2 keeps only a
 * text node's, as the line the parser had reached at the text's end. The
 * white space that lays out a file starts where its element's tag ends:
 * its newlines, taken back, give that line. */
guint
_grd_refi_line_of (xmlNodePtr node)
{
  xmlNodePtr text = node->children;
  long line;

  if (node->type == XML_ELEMENT_NODE && node->line == 65535 && text != NULL &&
      text->type == XML_TEXT_NODE && text->psvi != NULL && xmlIsBlankNode (text))
    {
      line = (long) (ptrdiff_t) text->psvi;
      for (const xmlChar *c = text->content; *c != '\0'; c++)
        line -= *c == '\n';
      return line > 0 ? (guint) line : 0;
    }
  line = xmlGetLineNo (node);
  return line > 0 ? (guint) line : 0;
}

void
_grd_refi_warn_at (Import     *import,
                   xmlNodePtr  node,
                   const char *message)
{
  grd_refi_report_warn (import->report, import->file_name, _grd_refi_line_of (node),
                        (const char *) node->name, "%s", message);
}

/* A GUID the store can keep: the file's (normalised), or a fresh one when
 * it is missing, malformed or already taken in table. */
char *
_grd_refi_take_guid (Import      *import,
                     xmlNodePtr   node,
                     const char  *table,
                     GError     **error)
{
  g_autofree char *raw = _grd_refi_prop (node, "guid");
  g_autofree char *guid = file_guid (raw);
  g_autofree char *normal = raw != NULL ? _grd_refi_normalize_guid (raw) : NULL;
  gint64 existing = 0;

  if (guid != NULL && normal == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a GUID; stored as %s"),
                                                  raw, guid);

      _grd_refi_warn_at (import, node, message);
    }
  if (guid == NULL)
    {
      _grd_refi_warn_at (import, node, _("no guid; a new one was made"));
      return _grd_new_guid ();
    }

  if (!_grd_project_refi_find_guid (import->project, table, guid, &existing, error))
    return NULL;
  if (existing != 0)
    {
      g_autofree char *message = g_strdup_printf (_("the GUID %s is used twice; "
                                                    "this one got a new GUID"), guid);

      _grd_refi_warn_at (import, node, message);
      grd_refi_report_tally (import->report, GRD_REFI_CONVERTED, (const char *) node->name,
                             _("duplicate GUID replaced"), 1);
      return _grd_new_guid ();
    }

  return g_steal_pointer (&guid);
}

/* Gives row id of table the element's GUID, as _grd_refi_take_guid
 * chose it; returns that GUID, or NULL for an error that ends the import. */
char *
_grd_refi_adopt_file_guid (Import      *import,
                           xmlNodePtr   node,
                           const char  *table,
                           gint64       id,
                           GError     **error)
{
  g_autofree char *guid = _grd_refi_take_guid (import, node, table, error);

  if (guid == NULL || !_grd_project_refi_adopt_guid (import->project, table, id, guid, error))
    return NULL;
  return g_steal_pointer (&guid);
}

/* A project error about one element's content (a value that does not
 * fit, a name taken) leaves that element out with a located warning; any
 * other (the disk, the database) ends the import. The refused edit rolled
 * back its own savepoint, so the batch goes on. */
gboolean
_grd_refi_drop_refused (Import      *import,
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
  _grd_refi_warn_at (import, node, message);
  grd_refi_report_tally (import->report, GRD_REFI_DROPPED, (const char *) node->name,
                         _("refused by the project"), 1);
  g_clear_error (local_error);
  return TRUE;
}

/* An element whose GUID the project already holds for the same thing:
 * the file came from this project, or was imported into it before, so
 * the element is merged, not added again. */
void
_grd_refi_tally_merged (Import     *import,
                        const char *element)
{
  grd_refi_report_tally (import->report, GRD_REFI_TAKEN, element, _("already in the project"), 1);
}

/* Reading the XML: a stream, with each element of interest expanded into
 * a small tree of its own, so memory follows the largest source, not the
 * whole file. */

void
_grd_refi_reader_errors_clear (ReaderErrors *errors)
{
  g_clear_error (&errors->fatal);
  g_clear_pointer (&errors->last, g_free);
  g_clear_pointer (&errors->held, grd_refi_report_free);
}

static void
reader_error_cb (void        *data,
                 xmlErrorPtr  error)
{
  ReaderErrors *errors = data;
  g_autofree char *message = NULL;

  if (error->domain == XML_FROM_SCHEMASV || error->domain == XML_FROM_SCHEMASP)
    {
      _grd_refi_warn_xml_error (errors->held != NULL ? errors->held : errors->import->report,
                                errors->import->file_name, error);
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

gboolean
_grd_refi_reader_failed (xmlTextReaderPtr   reader,
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
   * _grd_refi_reader_failed() for the ones that do not */
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
      _grd_refi_reader_failed (reader, errors, error);
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

xmlTextReaderPtr
_grd_refi_open_memory_reader (Import        *import,
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

void
_grd_refi_source_text_clear (SourceText *text)
{
  g_clear_pointer (&text->text, g_free);
  for (guint i = 0; i < N_UNITS; i++)
    g_clear_pointer (&text->extra[i], g_array_unref);
}


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
      _grd_refi_warn_at (import, node, _("the text is not valid UTF-8; bad bytes became U+FFFD"));
    }

  for (guint i = 0; i < N_UNITS; i++)
    out->extra[i] = g_array_new (FALSE, FALSE, sizeof (gint64));
  p = raw;
  end = raw + raw_len;
  while (p < end)
    {
      const char *run = p;
      gint64 n_run = 0;
      gunichar c;
      const char *next;

      /* Up to the next CR, NUL or four-byte sequence the bytes are copied
       * as they are; each byte that does not continue a sequence is one
       * code point, and one UTF-16 unit. */
      while (p < end && *p != '\r' && *p != '\0' && (guchar) *p < 0xf0)
        n_run += ((guchar) *p++ & 0xc0) != 0x80;
      g_string_append_len (text, run, p - run);
      n += n_run;
      for (guint i = 0; i < N_UNITS; i++)
        units[i] += n_run;
      if (p == end)
        break;

      c = g_utf8_get_char (p);
      next = g_utf8_next_char (p);

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
      _grd_refi_warn_at (import, node, message);
      return NULL;
    }

  in_sources = g_strconcat ("sources/", name, NULL);
  entry = import->zip != NULL ? grd_zip_reader_find_entry_nocase (import->zip, in_sources) : NULL;
  if (entry == NULL && import->zip != NULL)
    entry = grd_zip_reader_find_entry_nocase (import->zip, name);
  if (entry == NULL)
    {
      message = g_strdup_printf (_("%s is not in the archive; %s"), path, left_out);
      _grd_refi_warn_at (import, node, message);
      return NULL;
    }

  /* a hundred sources pointing at one large entry would each hold a copy */
  if (!g_hash_table_add (import->entries_read, g_strdup (entry)))
    {
      message = g_strdup_printf (_("%s is the file of an element before this one; %s"),
                                 path, left_out);
      _grd_refi_warn_at (import, node, message);
      return NULL;
    }

  stream = grd_zip_reader_open_entry (import->zip, entry, max_size, &local_error);
  if (stream != NULL && grd_zip_entry_get_size (stream) > import->budget)
    {
      message = g_strdup_printf (_("%s: the archive's files would expand to more than "
                                   "%llu bytes in all; %s"),
                                 path, (unsigned long long) import->budget, left_out);
      _grd_refi_warn_at (import, node, message);
      return NULL;
    }
  bytes = stream != NULL ? grd_zip_entry_read_all (stream, &local_error) : NULL;
  if (bytes == NULL)
    {
      message = g_strdup_printf ("%s; %s", local_error->message, left_out);
      _grd_refi_warn_at (import, node, message);
      return NULL;
    }
  import->budget -= g_bytes_get_size (bytes);
  return bytes;
}

/* The text of a TextSource or Note: inline, or a file in the archive;
 * out->text stays NULL when there is none. */
void
_grd_refi_read_text (Import      *import,
                     xmlNodePtr   node,
                     SourceText  *out)
{
  g_autofree char *path = _grd_refi_prop (node, "plainTextPath");
  g_autofree char *inline_text = _grd_refi_child_text (node, "PlainTextContent");
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
void
_grd_refi_read_original (Import          *import,
                         xmlNodePtr       source,
                         GrdImportedText *imported)
{
  gboolean pdf = _grd_refi_is_element (source, "PDFSource");
  g_autofree char *path = _grd_refi_prop (source, pdf ? "path" : "richTextPath");
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

/* Positions */

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
  g_autofree char *value = _grd_refi_prop (node, attribute);

  *offset = 0;
  return value != NULL && g_ascii_string_to_signed (g_strstrip (value), 10, G_MININT64,
                                                    G_MAXINT64, offset, NULL);
}

/* The text from a stored code point, at most max_chars of it. */
char *
_grd_refi_text_at (SourceText *text,
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
  g_autofree char *here = _grd_refi_text_at (text, start, n);

  return strcmp (here, name) == 0;
}

/* The selection's positions as stored code points: in the unit the file's
 * origin implies, unless its name matches the text only when counted in
 * the other. */
void
_grd_refi_map_selection (Import     *import,
                         SourceText *text,
                         xmlNodePtr  selection,
                         gint64     *start,
                         gint64     *end)
{
  Unit unit = import->utf16_offsets ? UNIT_UTF16 : UNIT_CODE_POINT;
  Unit other = import->utf16_offsets ? UNIT_CODE_POINT : UNIT_UTF16;
  g_autofree char *name = _grd_refi_prop (selection, "name");
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
      _grd_refi_warn_at (import, selection, other == UNIT_UTF16
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
    _grd_refi_warn_at (import, selection, _("its positions lie outside the text; clamped to it"));
}

/* Archives and the entry points */

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
           _grd_refi_import_project_stream (import, reader, errors, cancellable, error);
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
  ReaderErrors errors = { .import = &import };
  xmlTextReaderPtr reader;
  gboolean ok;

  _grd_refi_import_init (&import, project, report, file_name);
  if (zip != NULL)
    import_set_zip (&import, zip);

  reader = _grd_refi_open_memory_reader (&import, xml, "Project", GRD_REFI_SCHEMA_PROJECT,
                                         &errors, error);
  ok = reader != NULL && import_qde (&import, reader, &errors, cancellable, error);
  g_clear_pointer (&reader, xmlFreeTextReader);
  _grd_refi_reader_errors_clear (&errors);
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
  ReaderErrors errors = { .import = &import };
  g_autofree char *qde_name = NULL;
  g_autofree char *display = NULL;
  xmlTextReaderPtr reader;
  gboolean ok;

  if (!open_qde (zip, &input, &qde_name, error))
    return NULL;

  display = g_strdup_printf ("%s:%s", grd_zip_reader_get_file_name (zip), qde_name);
  _grd_refi_import_init (&import, project, report, display);
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
  _grd_refi_reader_errors_clear (&errors);
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
