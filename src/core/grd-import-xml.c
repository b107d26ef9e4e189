/* grd-import-xml.c: what the markup importers share: opening office zip
 * containers, parsing their XML safely, walking trees
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "grd-import-private.h"

/* A document part of a transcript is a few megabytes at most; the zip
 * reader also refuses parts that expand suspiciously (a zip bomb). */
#define MAX_PART_SIZE (64 * 1024 * 1024)

static GrdImportError
import_code_for_zip (const GError *error)
{
  if (g_error_matches (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_TOO_LARGE))
    return GRD_IMPORT_ERROR_TOO_LARGE;
  if (g_error_matches (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_ENCRYPTED))
    return GRD_IMPORT_ERROR_ENCRYPTED;
  if (g_error_matches (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_READ))
    return GRD_IMPORT_ERROR_READ;
  return GRD_IMPORT_ERROR_MALFORMED;
}

GrdZipReader *
_grd_import_open_zip (GBytes      *bytes,
                      const char  *file_name,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GrdZipReader *zip = grd_zip_reader_new_from_bytes (bytes, file_name, &local_error);

  /* The zip reader's messages name the file already. */
  if (zip == NULL)
    g_set_error_literal (error, GRD_IMPORT_ERROR, import_code_for_zip (local_error),
                         local_error->message);
  return zip;
}

gboolean
_grd_import_read_part (GrdZipReader  *zip,
                       const char    *part,
                       const char    *not_what,
                       gboolean       required,
                       GBytes       **contents,
                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  *contents = NULL;
  if (!grd_zip_reader_has_entry (zip, part))
    {
      if (!required)
        return TRUE;
      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_MALFORMED,
                   /* Translators: a file name, what it is not (“not a Word
                    * document”), then the name of a part inside it */
                   _("%s: %s: it has no “%s”"),
                   grd_zip_reader_get_file_name (zip), not_what, part);
      return FALSE;
    }

  *contents = grd_zip_reader_read_entry (zip, part, MAX_PART_SIZE, &local_error);
  if (*contents == NULL)
    {
      g_set_error_literal (error, GRD_IMPORT_ERROR, import_code_for_zip (local_error),
                           local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* Office documents never declare a document type: one that does is
 * refused before its declarations could be used for anything (entity
 * expansion, external subsets). With no NOENT, DTDLOAD or HUGE, libxml2
 * neither substitutes entities nor fetches anything, and keeps its size
 * limits; NONET forbids the network outright. */
xmlDoc *
_grd_import_parse_xml (GBytes      *contents,
                       const char  *file_name,
                       const char  *part,
                       GError     **error)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (contents, &size);
  xmlParserCtxt *context;
  xmlDoc *doc;

  if (size > G_MAXINT)
    {
      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_TOO_LARGE,
                   _("%s: “%s” is too large"), file_name, part);
      return NULL;
    }

  context = xmlNewParserCtxt ();
  if (context == NULL)
    g_error ("libxml2 cannot allocate a parser");

  doc = xmlCtxtReadMemory (context, data != NULL ? data : "", (int) size, part, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_NOCDATA);
  if (doc == NULL || !context->wellFormed)
    {
      const xmlError *xml_error = xmlCtxtGetLastError (context);

      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_MALFORMED,
                   /* Translators: a file name, a part inside it, a line number and
                    * libxml2's message */
                   _("%s: “%s” is not well-formed XML (line %d: %s)"),
                   file_name, part, xml_error != NULL ? xml_error->line : 0,
                   xml_error != NULL && xml_error->message != NULL
                   ? g_strstrip (xml_error->message) : "?");
      xmlFreeDoc (doc);
      xmlFreeParserCtxt (context);
      return NULL;
    }
  xmlFreeParserCtxt (context);

  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_MALFORMED,
                   /* Translators: a file name and a part inside it */
                   _("%s: “%s” declares a document type, which office documents never do; "
                     "refused"),
                   file_name, part);
      xmlFreeDoc (doc);
      return NULL;
    }

  if (xmlDocGetRootElement (doc) == NULL)
    {
      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_MALFORMED,
                   _("%s: “%s” is empty"), file_name, part);
      xmlFreeDoc (doc);
      return NULL;
    }

  return doc;
}

gboolean
_grd_import_xml_is (xmlNode    *node,
                    const char *ns,
                    const char *name)
{
  return node->type == XML_ELEMENT_NODE &&
         node->ns != NULL && g_strcmp0 ((const char *) node->ns->href, ns) == 0 &&
         g_strcmp0 ((const char *) node->name, name) == 0;
}

char *
_grd_import_xml_get (xmlNode    *node,
                     const char *ns,
                     const char *name)
{
  xmlChar *value = xmlGetNsProp (node, (const xmlChar *) name, (const xmlChar *) ns);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

/* Walks the tree without recursion: a hostile file nests as deep as the
 * parser lets it, and the C stack is smaller than the heap. enter sees
 * every node and says whether to go into it; leave sees every node entered,
 * with the token enter gave it. */
void
_grd_import_walk_tree (xmlNode            *root,
                       GrdImportEnterFunc  enter,
                       GrdImportLeaveFunc  leave,
                       gpointer            user_data)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (guint));
  xmlNode *node = root;

  while (node != NULL)
    {
      guint token = GRD_IMPORT_NO_TOKEN;
      gboolean descend = enter (node, &token, user_data);

      if (descend && node->children != NULL)
        {
          g_array_append_val (tokens, token);
          node = node->children;
          continue;
        }
      leave (node, token, user_data);

      /* Up until there is a next sibling, leaving each node passed. */
      while (node != root && node->next == NULL)
        {
          node = node->parent;
          token = g_array_index (tokens, guint, tokens->len - 1);
          g_array_set_size (tokens, tokens->len - 1);
          leave (node, token, user_data);
        }
      node = node == root ? NULL : node->next;
    }
}

/* Word's own basedOn chains are 2 or 3 long, LibreOffice's as short. */
#define MAX_STYLE_DEPTH 16

static void
style_free (GrdImportStyle *style)
{
  g_free (style->parent);
  g_free (style);
}

GHashTable *
_grd_import_styles_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) style_free);
}

void
_grd_import_inherit (GrdImportInline       *inner,
                     const GrdImportInline *outer)
{
  if (inner->bold == GRD_TOGGLE_UNSET)
    inner->bold = outer->bold;
  if (inner->italic == GRD_TOGGLE_UNSET)
    inner->italic = outer->italic;
  if (inner->underline == GRD_TOGGLE_UNSET)
    inner->underline = outer->underline;
}

GrdImportStyle
_grd_import_resolve_style (GHashTable *styles,
                           const char *name)
{
  GrdImportStyle resolved = { NULL, 0, GRD_IMPORT_INLINE_UNSET };

  for (guint depth = 0; name != NULL && depth < MAX_STYLE_DEPTH; depth++)
    {
      GrdImportStyle *style = g_hash_table_lookup (styles, name);

      if (style == NULL)
        break;
      if (resolved.heading == 0)
        resolved.heading = style->heading;
      _grd_import_inherit (&resolved.inline_style, &style->inline_style);
      name = style->parent;
    }

  return resolved;
}

void
_grd_import_apply_inline (GrdImportBuilder      *builder,
                          const GrdImportInline *style)
{
  grd_import_builder_set_style (builder, GRD_FORMAT_BOLD, style->bold == GRD_TOGGLE_ON);
  grd_import_builder_set_style (builder, GRD_FORMAT_ITALIC, style->italic == GRD_TOGGLE_ON);
  grd_import_builder_set_style (builder, GRD_FORMAT_UNDERLINE,
                                style->underline == GRD_TOGGLE_ON);
}

void
_grd_import_begin_row (GrdImportBuilder *builder,
                       GArray           *row_cells)
{
  guint n_cells = 0;

  grd_import_builder_end_block (builder);
  g_array_append_val (row_cells, n_cells);
}

guint
_grd_import_begin_cell (GrdImportBuilder *builder,
                        GArray           *row_cells)
{
  guint *n_cells;

  /* A cell outside any row (a damaged file) is read as plain content. */
  if (row_cells->len == 0)
    return GRD_IMPORT_NO_TOKEN;

  /* The tab between cells belongs to neither: the last run of the cell
   * before may have left bold on. */
  grd_import_builder_styles_off (builder);
  n_cells = &g_array_index (row_cells, guint, row_cells->len - 1);
  if ((*n_cells)++ > 0)
    grd_import_builder_append (builder, "\t", 1);
  return grd_import_builder_begin_range (builder, GRD_FORMAT_TABLE_CELL, 0);
}

void
_grd_import_end_row (GrdImportBuilder *builder,
                     GArray           *row_cells)
{
  if (row_cells->len > 0)
    g_array_set_size (row_cells, row_cells->len - 1);
  grd_import_builder_end_block (builder);
}

void
_grd_import_cell_paragraph (GrdImportBuilder *builder,
                            xmlNode          *paragraph,
                            gboolean        (*is_block) (xmlNode *node))
{
  for (xmlNode *prev = paragraph->prev; prev != NULL; prev = prev->prev)
    if (is_block (prev))
      {
        grd_import_builder_append_collapsed (builder, " ", 1);
        return;
      }
}

void
_grd_import_take_note_marker (GrdImportBuilder  *builder,
                              char             **note_marker)
{
  if (*note_marker == NULL)
    return;

  grd_import_builder_append (builder, *note_marker, -1);
  grd_import_builder_append_collapsed (builder, " ", 1);
  g_clear_pointer (note_marker, g_free);
}

void
_grd_import_append_notes (GrdImportBuilder    *builder,
                          GPtrArray           *notes,
                          char               **note_marker,
                          GrdImportEnterFunc   enter,
                          GrdImportLeaveFunc   leave,
                          gpointer             user_data)
{
  /* notes->len is read each time: a note may cite one not cited before. */
  for (guint i = 0; i < notes->len; i++)
    {
      xmlNode *note = g_ptr_array_index (notes, i);

      grd_import_builder_begin_notes (builder);
      grd_import_builder_styles_off (builder);
      g_free (*note_marker);
      *note_marker = g_strdup_printf ("[%u]", i + 1);
      for (xmlNode *child = note->children; child != NULL; child = child->next)
        _grd_import_walk_tree (child, enter, leave, user_data);
      g_clear_pointer (note_marker, g_free);
    }
}
