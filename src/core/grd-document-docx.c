/* grd-document-docx.c: a GrdDocument as Office Open XML (.docx)
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parts Word needs and no more. Paragraph styles carry Word's own
 * names ("heading 1", "Quote"), so a journal's template restyles them;
 * tables carry their rules on the cells, which every reader honours.
 */

#define G_LOG_DOMAIN "grd-document"

#include "config.h"

#include "grd-document-private.h"

#define NS_W     "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_PKG   "http://schemas.openxmlformats.org/package/2006/"
#define NS_REL   "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define MAIN_XML "application/vnd.openxmlformats-officedocument.wordprocessingml."

/* A4 with 2 cm margins, in twentieths of a point */
#define PAGE_WIDTH  "11906"
#define PAGE_HEIGHT "16838"
#define MARGIN      "1134"
#define TEXT_WIDTH  9638

/* in eighths of a point */
static const char *const rule_sizes[] = {
  [GRD_DOC_RULE_NONE] = NULL,
  [GRD_DOC_RULE_LIGHT] = "4",
  [GRD_DOC_RULE_HEAVY] = "8",
};

/* ---- the package ------------------------------------------------------ */

static GrdXml *
content_types_xml (void)
{
  GrdXml *xml = _grd_xml_new ();

  _grd_xml_start (xml, "Types");
  _grd_xml_attributes (xml, "xmlns", NS_PKG "content-types", NULL);
  _grd_xml_empty (xml, "Default", "Extension", "rels",
                  "ContentType", "application/vnd.openxmlformats-package.relationships+xml", NULL);
  _grd_xml_empty (xml, "Default", "Extension", "xml", "ContentType", "application/xml", NULL);
  _grd_xml_empty (xml, "Override", "PartName", "/word/document.xml",
                  "ContentType", MAIN_XML "document.main+xml", NULL);
  _grd_xml_empty (xml, "Override", "PartName", "/word/styles.xml",
                  "ContentType", MAIN_XML "styles+xml", NULL);
  _grd_xml_empty (xml, "Override", "PartName", "/docProps/core.xml",
                  "ContentType", "application/vnd.openxmlformats-package.core-properties+xml",
                  NULL);
  _grd_xml_end (xml);
  return xml;
}

/* Relationships: pairs of type and target, NULL-terminated. */
static GrdXml *
relationships_xml (const char *type,
                   ...)
{
  GrdXml *xml = _grd_xml_new ();
  va_list args;
  guint n = 0;

  _grd_xml_start (xml, "Relationships");
  _grd_xml_attributes (xml, "xmlns", NS_PKG "relationships", NULL);
  va_start (args, type);
  for (const char *at = type; at != NULL; at = va_arg (args, const char *))
    {
      g_autofree char *id = g_strdup_printf ("rId%u", ++n);
      const char *target = va_arg (args, const char *);

      _grd_xml_empty (xml, "Relationship", "Id", id, "Type", at, "Target", target, NULL);
    }
  va_end (args);
  _grd_xml_end (xml);
  return xml;
}

static GrdXml *
core_xml (GrdDocument *self)
{
  GrdXml *xml = _grd_xml_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  _grd_xml_start (xml, "cp:coreProperties");
  _grd_xml_attributes (xml, "xmlns:cp", NS_PKG "metadata/core-properties",
                       "xmlns:dc", "http://purl.org/dc/elements/1.1/",
                       "xmlns:dcterms", "http://purl.org/dc/terms/",
                       "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance", NULL);
  if (self->title != NULL)
    {
      _grd_xml_start (xml, "dc:title");
      _grd_xml_text (xml, self->title, -1);
      _grd_xml_end (xml);
    }
  _grd_xml_start (xml, "dcterms:created");
  _grd_xml_attributes (xml, "xsi:type", "dcterms:W3CDTF", NULL);
  _grd_xml_text (xml, created, -1);
  _grd_xml_end (xml);
  _grd_xml_end (xml);
  return xml;
}

/* ---- styles.xml ------------------------------------------------------- */

/* A paragraph style; size in half points, 0 to inherit. */
static void
paragraph_style (GrdXml     *xml,
                 const char *id,
                 const char *name,
                 const char *based_on,
                 guint       outline_level,
                 const char *space_before,
                 const char *space_after,
                 const char *indent,
                 guint       size,
                 gboolean    bold,
                 const char *color)
{
  _grd_xml_start (xml, "w:style");
  _grd_xml_attributes (xml, "w:type", "paragraph", "w:styleId", id, NULL);
  _grd_xml_empty (xml, "w:name", "w:val", name, NULL);
  if (based_on != NULL)
    _grd_xml_empty (xml, "w:basedOn", "w:val", based_on, NULL);
  _grd_xml_empty (xml, "w:qFormat", NULL);

  _grd_xml_start (xml, "w:pPr");
  if (outline_level > 0)
    _grd_xml_empty (xml, "w:keepNext", NULL);
  _grd_xml_empty (xml, "w:spacing", "w:before", space_before, "w:after", space_after, NULL);
  if (indent != NULL)
    _grd_xml_empty (xml, "w:ind", "w:left", indent, "w:right", indent, NULL);
  if (outline_level > 0)
    {
      g_autofree char *level = g_strdup_printf ("%u", outline_level - 1);

      _grd_xml_empty (xml, "w:outlineLvl", "w:val", level, NULL);
    }
  _grd_xml_end (xml);

  _grd_xml_start (xml, "w:rPr");
  if (bold)
    _grd_xml_empty (xml, "w:b", NULL);
  if (color != NULL)
    _grd_xml_empty (xml, "w:color", "w:val", color, NULL);
  if (size > 0)
    {
      g_autofree char *half_points = g_strdup_printf ("%u", size);

      _grd_xml_empty (xml, "w:sz", "w:val", half_points, NULL);
      _grd_xml_empty (xml, "w:szCs", "w:val", half_points, NULL);
    }
  _grd_xml_end (xml);
  _grd_xml_end (xml);
}

static GrdXml *
styles_xml (void)
{
  GrdXml *xml = _grd_xml_new ();

  _grd_xml_start (xml, "w:styles");
  _grd_xml_attributes (xml, "xmlns:w", NS_W, NULL);

  _grd_xml_start (xml, "w:docDefaults");
  _grd_xml_start (xml, "w:rPrDefault");
  _grd_xml_start (xml, "w:rPr");
  _grd_xml_empty (xml, "w:sz", "w:val", "22", NULL);
  _grd_xml_empty (xml, "w:szCs", "w:val", "22", NULL);
  _grd_xml_end (xml);
  _grd_xml_end (xml);
  _grd_xml_end (xml);

  _grd_xml_start (xml, "w:style");
  _grd_xml_attributes (xml, "w:type", "paragraph", "w:default", "1", "w:styleId", "Normal", NULL);
  _grd_xml_empty (xml, "w:name", "w:val", "Normal", NULL);
  _grd_xml_start (xml, "w:pPr");
  _grd_xml_empty (xml, "w:spacing", "w:before", "0", "w:after", "140", NULL);
  _grd_xml_end (xml);
  _grd_xml_end (xml);

  paragraph_style (xml, "Heading1", "heading 1", "Normal", 1, "240", "120", NULL, 32, TRUE, NULL);
  paragraph_style (xml, "Heading2", "heading 2", "Normal", 2, "240", "100", NULL, 26, TRUE, NULL);
  paragraph_style (xml, "Heading3", "heading 3", "Normal", 3, "200", "80", NULL, 22, TRUE, NULL);
  paragraph_style (xml, "Quote", "Quote", "Normal", 0, "0", "140", "567", 0, FALSE, NULL);
  paragraph_style (xml, "Note", "Note", "Normal", 0, "0", "100", NULL, 18, FALSE, "5E5C64");
  paragraph_style (xml, "TableContents", "Table Contents", "Normal", 0, "0", "0", NULL, 20,
                   FALSE, NULL);
  paragraph_style (xml, "TableHeading", "Table Heading", "TableContents", 0, "0", "0", NULL, 0,
                   TRUE, NULL);
  paragraph_style (xml, "TableQuote", "Table Quote", "TableContents", 0, "0", "80", NULL, 0,
                   FALSE, NULL);

  _grd_xml_end (xml);
  return xml;
}

/* ---- document.xml ----------------------------------------------------- */

static void
line_break (GrdXml *xml)
{
  _grd_xml_end (xml);
  _grd_xml_empty (xml, "w:br", NULL);
  _grd_xml_start (xml, "w:t");
  _grd_xml_attributes (xml, "xml:space", "preserve", NULL);
}

static void
write_paragraph (GrdXml          *xml,
                 GrdDocParagraph *paragraph,
                 gboolean         in_cell,
                 gboolean         in_header)
{
  static const char *const body_styles[] = {
    [GRD_PARAGRAPH_BODY] = "Normal",
    [GRD_PARAGRAPH_QUOTE] = "Quote",
    [GRD_PARAGRAPH_NOTE] = "Note",
  };
  static const char *const cell_styles[] = {
    [GRD_PARAGRAPH_BODY] = "TableContents",
    [GRD_PARAGRAPH_QUOTE] = "TableQuote",
    [GRD_PARAGRAPH_NOTE] = "Note",
  };
  g_autofree char *heading = paragraph->heading > 0
                             ? g_strdup_printf ("Heading%u", paragraph->heading) : NULL;

  _grd_xml_start (xml, "w:p");
  _grd_xml_start (xml, "w:pPr");
  _grd_xml_empty (xml, "w:pStyle", "w:val",
                  heading != NULL ? heading
                  : in_header ? "TableHeading"
                  : (in_cell ? cell_styles : body_styles)[paragraph->style], NULL);
  _grd_xml_end (xml);

  for (guint i = 0; i < paragraph->runs->len; i++)
    {
      GrdDocRun *run = g_ptr_array_index (paragraph->runs, i);

      _grd_xml_start (xml, "w:r");
      if (run->style != GRD_RUN_PLAIN || run->color != NULL || run->highlight != NULL)
        {
          _grd_xml_start (xml, "w:rPr");
          if (run->style & GRD_RUN_BOLD)
            _grd_xml_empty (xml, "w:b", NULL);
          if (run->style & GRD_RUN_ITALIC)
            _grd_xml_empty (xml, "w:i", NULL);
          if (run->color != NULL)
            _grd_xml_empty (xml, "w:color", "w:val",
                            run->color[0] == '#' ? run->color + 1 : run->color, NULL);
          /* w:highlight knows 16 colours only; shading takes any */
          if (run->highlight != NULL)
            _grd_xml_empty (xml, "w:shd", "w:val", "clear", "w:color", "auto", "w:fill",
                            run->highlight[0] == '#' ? run->highlight + 1 : run->highlight,
                            NULL);
          if (run->style & GRD_RUN_SUPERSCRIPT)
            _grd_xml_empty (xml, "w:vertAlign", "w:val", "superscript", NULL);
          _grd_xml_end (xml);
        }
      _grd_xml_start (xml, "w:t");
      _grd_xml_attributes (xml, "xml:space", "preserve", NULL);
      _grd_xml_run_text (xml, run->text, line_break);
      _grd_xml_end (xml);
      _grd_xml_end (xml);
    }
  _grd_xml_end (xml);
}

static void
write_border (GrdXml     *xml,
              const char *side,
              GrdDocRule  rule)
{
  if (rule_sizes[rule] != NULL)
    _grd_xml_empty (xml, side, "w:val", "single", "w:sz", rule_sizes[rule], "w:space", "0",
                    "w:color", "000000", NULL);
}

static void
write_table (GrdXml      *xml,
             GrdDocTable *table)
{
  g_auto(GStrv) widths = g_new0 (char *, table->n_columns + 1);
  guint total = 0;

  for (guint c = 0; c < table->n_columns; c++)
    total += table->widths[c];
  for (guint c = 0; c < table->n_columns; c++)
    widths[c] = g_strdup_printf ("%u", TEXT_WIDTH * table->widths[c] / total);

  _grd_xml_start (xml, "w:tbl");
  _grd_xml_start (xml, "w:tblPr");
  _grd_xml_empty (xml, "w:tblW", "w:w", "5000", "w:type", "pct", NULL);
  _grd_xml_empty (xml, "w:tblLayout", "w:type", "fixed", NULL);
  _grd_xml_start (xml, "w:tblCellMar");
  _grd_xml_empty (xml, "w:top", "w:w", "45", "w:type", "dxa", NULL);
  _grd_xml_empty (xml, "w:left", "w:w", "68", "w:type", "dxa", NULL);
  _grd_xml_empty (xml, "w:bottom", "w:w", "45", "w:type", "dxa", NULL);
  _grd_xml_empty (xml, "w:right", "w:w", "68", "w:type", "dxa", NULL);
  _grd_xml_end (xml);
  _grd_xml_end (xml);
  _grd_xml_start (xml, "w:tblGrid");
  for (guint c = 0; c < table->n_columns; c++)
    _grd_xml_empty (xml, "w:gridCol", "w:w", widths[c], NULL);
  _grd_xml_end (xml);

  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);
      gboolean header = r < table->n_header_rows;
      GrdDocRule above = _grd_doc_rule_above (r), below = _grd_doc_rule_below (table, r);

      _grd_xml_start (xml, "w:tr");
      if (header)
        {
          _grd_xml_start (xml, "w:trPr");
          _grd_xml_empty (xml, "w:tblHeader", NULL);
          _grd_xml_end (xml);
        }
      for (guint c = 0; c < table->n_columns; c++)
        {
          GPtrArray *cell = c < row->len ? g_ptr_array_index (row, c) : NULL;

          _grd_xml_start (xml, "w:tc");
          _grd_xml_start (xml, "w:tcPr");
          _grd_xml_empty (xml, "w:tcW", "w:w", widths[c], "w:type", "dxa", NULL);
          if (above != GRD_DOC_RULE_NONE || below != GRD_DOC_RULE_NONE)
            {
              _grd_xml_start (xml, "w:tcBorders");
              write_border (xml, "w:top", above);
              write_border (xml, "w:bottom", below);
              _grd_xml_end (xml);
            }
          _grd_xml_end (xml);
          for (guint p = 0; cell != NULL && p < cell->len; p++)
            write_paragraph (xml, g_ptr_array_index (cell, p), TRUE, header);
          /* a cell without a paragraph is a damaged file to Word */
          if (cell == NULL || cell->len == 0)
            _grd_xml_empty (xml, "w:p", NULL);
          _grd_xml_end (xml);
        }
      _grd_xml_end (xml);
    }
  _grd_xml_end (xml);
}

static GrdXml *
document_xml (GrdDocument *self)
{
  GrdXml *xml = _grd_xml_new ();

  _grd_xml_start (xml, "w:document");
  _grd_xml_attributes (xml, "xmlns:w", NS_W, NULL);
  _grd_xml_start (xml, "w:body");
  for (guint i = 0; i < self->blocks->len; i++)
    {
      GrdDocBlock *block = g_ptr_array_index (self->blocks, i);
      GrdDocBlock *next = i + 1 < self->blocks->len ? g_ptr_array_index (self->blocks, i + 1)
                                                    : NULL;

      if (block->paragraph != NULL)
        write_paragraph (xml, block->paragraph, FALSE, FALSE);
      else
        {
          write_table (xml, block->table);
          /* Word joins two tables with nothing between, and wants a
           * paragraph before the section's end. */
          if (next == NULL || next->table != NULL)
            _grd_xml_empty (xml, "w:p", NULL);
        }
    }
  _grd_xml_start (xml, "w:sectPr");
  _grd_xml_empty (xml, "w:pgSz", "w:w", PAGE_WIDTH, "w:h", PAGE_HEIGHT, NULL);
  _grd_xml_empty (xml, "w:pgMar", "w:top", MARGIN, "w:right", MARGIN, "w:bottom", MARGIN,
                  "w:left", MARGIN, "w:header", "708", "w:footer", "708", "w:gutter", "0", NULL);
  _grd_xml_end (xml);
  _grd_xml_end (xml);
  _grd_xml_end (xml);
  return xml;
}

gboolean
_grd_document_write_docx (GrdDocument   *self,
                          GrdZipWriter  *zip,
                          GError       **error)
{
  return _grd_xml_add_part (zip, "[Content_Types].xml", content_types_xml (), error) &&
         _grd_xml_add_part (zip, "_rels/.rels",
                            relationships_xml (NS_REL "officeDocument", "word/document.xml",
                                               NS_PKG "relationships/metadata/core-properties",
                                               "docProps/core.xml", NULL), error) &&
         _grd_xml_add_part (zip, "docProps/core.xml", core_xml (self), error) &&
         _grd_xml_add_part (zip, "word/document.xml", document_xml (self), error) &&
         _grd_xml_add_part (zip, "word/styles.xml", styles_xml (), error) &&
         _grd_xml_add_part (zip, "word/_rels/document.xml.rels",
                            relationships_xml (NS_REL "styles", "styles.xml", NULL), error);
}
