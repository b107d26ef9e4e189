/* grd-document.c: word-processor documents (ODT and DOCX) for the reports
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One small model, two writers. Each XML part is written with
 * xmlTextWriter into memory and added to a GrdZipWriter, which writes a
 * temporary file and renames it into place on commit.
 */

#define G_LOG_DOMAIN "grd-document"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/xmlwriter.h>

#include "grd-document-private.h"
#include "grd-zip.h"

static void
run_free (GrdDocRun *run)
{
  g_free (run->text);
  g_free (run->color);
  g_free (run->highlight);
  g_free (run);
}

static void
paragraph_free (GrdDocParagraph *paragraph)
{
  g_ptr_array_unref (paragraph->runs);
  g_free (paragraph);
}

static void
table_free (GrdDocTable *table)
{
  g_free (table->widths);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

static void
block_free (GrdDocBlock *block)
{
  g_clear_pointer (&block->paragraph, paragraph_free);
  g_clear_pointer (&block->table, table_free);
  g_free (block);
}

GrdDocument *
grd_document_new (const char *title)
{
  GrdDocument *self = g_new0 (GrdDocument, 1);

  self->title = g_strdup (title);
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  return self;
}

void
grd_document_free (GrdDocument *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->blocks);
  g_free (self->title);
  g_free (self);
}

static GrdDocParagraph *
paragraph_new (GrdParagraphStyle style,
               guint             heading)
{
  GrdDocParagraph *paragraph = g_new0 (GrdDocParagraph, 1);

  paragraph->style = style;
  paragraph->heading = heading;
  paragraph->runs = g_ptr_array_new_with_free_func ((GDestroyNotify) run_free);
  return paragraph;
}

/* Into the open cell, else into the body. */
static void
add_paragraph (GrdDocument     *self,
               GrdDocParagraph *paragraph)
{
  if (self->cell != NULL)
    g_ptr_array_add (self->cell, paragraph);
  else
    {
      GrdDocBlock *block = g_new0 (GrdDocBlock, 1);

      block->paragraph = paragraph;
      g_ptr_array_add (self->blocks, block);
    }
  self->paragraph = paragraph;
}

void
grd_document_add_heading (GrdDocument *self,
                          guint        level,
                          const char  *text)
{
  g_return_if_fail (self != NULL && self->table == NULL);

  add_paragraph (self, paragraph_new (GRD_PARAGRAPH_BODY, CLAMP (level, 1, 3)));
  grd_document_add_run (self, text, GRD_RUN_PLAIN, NULL);
}

void
grd_document_begin_paragraph (GrdDocument       *self,
                              GrdParagraphStyle  style)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->table == NULL || self->cell != NULL);

  add_paragraph (self, paragraph_new (style, 0));
}

void
grd_document_add_highlighted_run (GrdDocument *self,
                                  const char  *text,
                                  GrdRunStyle  style,
                                  const char  *color,
                                  const char  *highlight)
{
  GrdDocRun *run;

  g_return_if_fail (self != NULL && self->paragraph != NULL && text != NULL);

  run = g_new0 (GrdDocRun, 1);
  run->text = g_strdup (text);
  run->style = style;
  run->color = g_strdup (color);
  run->highlight = g_strdup (highlight);
  g_ptr_array_add (self->paragraph->runs, run);
}

void
grd_document_add_run (GrdDocument *self,
                      const char  *text,
                      GrdRunStyle  style,
                      const char  *color)
{
  grd_document_add_highlighted_run (self, text, style, color, NULL);
}

void
grd_document_add_paragraph (GrdDocument       *self,
                            GrdParagraphStyle  style,
                            const char        *text)
{
  grd_document_begin_paragraph (self, style);
  grd_document_add_run (self, text, GRD_RUN_PLAIN, NULL);
}

void
grd_document_begin_table (GrdDocument *self,
                          guint        n_columns,
                          const guint *widths,
                          guint        n_header_rows)
{
  GrdDocBlock *block;

  g_return_if_fail (self != NULL && self->table == NULL && n_columns > 0);

  self->table = g_new0 (GrdDocTable, 1);
  self->table->n_columns = n_columns;
  self->table->widths = g_new (guint, n_columns);
  for (guint i = 0; i < n_columns; i++)
    self->table->widths[i] = widths != NULL ? MAX (widths[i], 1) : 1;
  self->table->n_header_rows = n_header_rows;
  self->table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  block = g_new0 (GrdDocBlock, 1);
  block->table = self->table;
  g_ptr_array_add (self->blocks, block);
  self->paragraph = NULL;
}

void
grd_document_begin_row (GrdDocument *self)
{
  g_return_if_fail (self != NULL && self->table != NULL);

  g_ptr_array_add (self->table->rows,
                   g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref));
  self->cell = NULL;
  self->paragraph = NULL;
}

void
grd_document_begin_cell (GrdDocument *self)
{
  GPtrArray *row;

  g_return_if_fail (self != NULL && self->table != NULL && self->table->rows->len > 0);

  row = g_ptr_array_index (self->table->rows, self->table->rows->len - 1);
  g_return_if_fail (row->len < self->table->n_columns);

  self->cell = g_ptr_array_new_with_free_func ((GDestroyNotify) paragraph_free);
  g_ptr_array_add (row, self->cell);
  self->paragraph = NULL;
}

void
grd_document_add_cell (GrdDocument *self,
                       const char  *text)
{
  grd_document_begin_cell (self);
  grd_document_add_paragraph (self, GRD_PARAGRAPH_BODY, text);
}

void
grd_document_end_table (GrdDocument *self)
{
  g_return_if_fail (self != NULL && self->table != NULL);

  self->table = NULL;
  self->cell = NULL;
  self->paragraph = NULL;
}

/* ---- what both writers share ------------------------------------------ */

/* XML 1.0 has no place for most control characters, nor U+FFFE and
 * U+FFFF, not even escaped: a transcript converted from a PDF can hold
 * them. They become U+FFFD. */
static gboolean
xml_forbids (gunichar c)
{
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xfffe || c == 0xffff;
}

GrdXml *
_grd_xml_new (void)
{
  GrdXml *xml = g_new0 (GrdXml, 1);

  xml->buffer = xmlBufferCreate ();
  xml->writer = xmlNewTextWriterMemory (xml->buffer, 0);
  xml->failed = xml->writer == NULL ||
                xmlTextWriterStartDocument (xml->writer, "1.0", "UTF-8", "yes") < 0;
  return xml;
}

static void
xml_free (GrdXml *xml)
{
  if (xml->writer != NULL)
    xmlFreeTextWriter (xml->writer);
  xmlBufferFree (xml->buffer);
  g_free (xml);
}

void
_grd_xml_start (GrdXml     *xml,
                const char *element)
{
  xml->failed |= xmlTextWriterStartElement (xml->writer, BAD_CAST element) < 0;
}

void
_grd_xml_end (GrdXml *xml)
{
  xml->failed |= xmlTextWriterEndElement (xml->writer) < 0;
}

/* Any number of name, value pairs, NULL-terminated. */
void
_grd_xml_attributes (GrdXml     *xml,
                     const char *name,
                     ...)
{
  va_list args;

  va_start (args, name);
  for (const char *at = name; at != NULL; at = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      xml->failed |= xmlTextWriterWriteAttribute (xml->writer, BAD_CAST at, BAD_CAST value) < 0;
    }
  va_end (args);
}

/* An element with attributes and nothing inside. */
void
_grd_xml_empty (GrdXml     *xml,
                const char *element,
                ...)
{
  va_list args;

  _grd_xml_start (xml, element);
  va_start (args, element);
  for (const char *at = va_arg (args, const char *); at != NULL; at = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      xml->failed |= xmlTextWriterWriteAttribute (xml->writer, BAD_CAST at, BAD_CAST value) < 0;
    }
  va_end (args);
  _grd_xml_end (xml);
}

void
_grd_xml_text (GrdXml     *xml,
               const char *text,
               gssize      len)
{
  g_autoptr(GString) clean = g_string_sized_new (len < 0 ? 64 : (gsize) len);
  const char *end = len < 0 ? text + strlen (text) : text + len;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (xml_forbids (c))
        g_string_append_unichar (clean, 0xfffd);
      else
        g_string_append_len (clean, p, g_utf8_next_char (p) - p);
    }
  xml->failed |= xmlTextWriterWriteString (xml->writer, BAD_CAST clean->str) < 0;
}

/* The part's bytes, or NULL with an error naming the part; frees xml. */
static GBytes *
xml_finish (GrdXml      *xml,
            const char  *part,
            GError     **error)
{
  GBytes *bytes = NULL;

  xml->failed |= xmlTextWriterEndDocument (xml->writer) < 0;
  xmlFreeTextWriter (xml->writer);
  xml->writer = NULL;
  if (xml->failed)
    g_set_error (error, GRD_ZIP_ERROR, GRD_ZIP_ERROR_WRITE,
                 _("Could not write the document’s part %s"), part);
  else
    bytes = g_bytes_new (xmlBufferContent (xml->buffer), (gsize) xmlBufferLength (xml->buffer));
  xml_free (xml);
  return bytes;
}

gboolean
_grd_xml_add_part (GrdZipWriter  *zip,
                   const char    *part,
                   GrdXml        *xml,
                   GError       **error)
{
  g_autoptr(GBytes) bytes = xml_finish (xml, part, error);

  return bytes != NULL && grd_zip_writer_add_bytes (zip, part, bytes, error);
}

/* Lines of a run apart: the writers put their own line break between. */
void
_grd_xml_run_text (GrdXml     *xml,
                   const char *text,
                   void      (*line_break) (GrdXml *xml))
{
  const char *line = text;

  for (const char *nl; (nl = strchr (line, '\n')) != NULL; line = nl + 1)
    {
      _grd_xml_text (xml, line, nl - line);
      line_break (xml);
    }
  _grd_xml_text (xml, line, -1);
}

/* booktabs: a heavy rule above the header and under the last row, a light
 * one under the header, nothing else. */
GrdDocRule
_grd_doc_rule_above (guint row)
{
  return row == 0 ? GRD_DOC_RULE_HEAVY : GRD_DOC_RULE_NONE;
}

GrdDocRule
_grd_doc_rule_below (GrdDocTable *table,
                     guint        row)
{
  if (row + 1 == table->rows->len)
    return GRD_DOC_RULE_HEAVY;
  return row + 1 == table->n_header_rows ? GRD_DOC_RULE_LIGHT : GRD_DOC_RULE_NONE;
}

gboolean
grd_document_write (GrdDocument        *self,
                    GrdDocumentFormat   format,
                    const char         *path,
                    GError            **error)
{
  g_autoptr(GrdZipWriter) zip = NULL;

  g_return_val_if_fail (self != NULL && self->table == NULL, FALSE);

  zip = grd_zip_writer_new (path, error);
  if (zip == NULL)
    return FALSE;
  if (!(format == GRD_DOCUMENT_ODT ? _grd_document_write_odt (self, zip, error)
                                   : _grd_document_write_docx (self, zip, error)))
    return FALSE;
  return grd_zip_writer_commit (zip, error);
}
