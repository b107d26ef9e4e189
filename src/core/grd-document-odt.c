/* grd-document-odt.c: a GrdDocument as OpenDocument text (.odt)
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Named paragraph styles (LibreOffice's own names, so a researcher's
 * template restyles the document) live in styles.xml; what is particular
 * to this document (run formatting, tables' widths and rules) is an
 * automatic style in content.xml.
 */

#define G_LOG_DOMAIN "grd-document"

#include "config.h"

#include <string.h>

#include "grd-document-private.h"

#define NS_OFFICE   "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_STYLE    "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_TEXT     "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_TABLE    "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_FO       "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define NS_META     "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define NS_DC       "http://purl.org/dc/elements/1.1/"
#define NS_MANIFEST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
#define ODF_VERSION "1.3"
#define MIME_TYPE   "application/vnd.oasis.opendocument.text"

/* The width tables take: A4 less two 2 cm margins. */
#define TEXT_WIDTH_CM 17.0

static const char *const rule_borders[] = {
  [GRD_DOC_RULE_NONE] = "none",
  [GRD_DOC_RULE_LIGHT] = "0.5pt solid #000000",
  [GRD_DOC_RULE_HEAVY] = "1pt solid #000000",
};

static void
start_root (GrdXml     *xml,
            const char *element)
{
  _grd_xml_start (xml, element);
  _grd_xml_attributes (xml,
                       "xmlns:office", NS_OFFICE, "xmlns:style", NS_STYLE,
                       "xmlns:text", NS_TEXT, "xmlns:table", NS_TABLE, "xmlns:fo", NS_FO,
                       "xmlns:meta", NS_META, "xmlns:dc", NS_DC,
                       "office:version", ODF_VERSION, NULL);
}

/* ---- styles.xml ------------------------------------------------------- */

static void
paragraph_style (GrdXml     *xml,
                 const char *name,
                 const char *display_name,
                 const char *parent,
                 const char *margin_left,
                 const char *margin_bottom,
                 const char *font_size,
                 gboolean    bold,
                 const char *color)
{
  _grd_xml_start (xml, "style:style");
  _grd_xml_attributes (xml, "style:name", name, "style:display-name", display_name,
                       "style:family", "paragraph", NULL);
  if (parent != NULL)
    _grd_xml_attributes (xml, "style:parent-style-name", parent, NULL);
  _grd_xml_empty (xml, "style:paragraph-properties",
                  "fo:margin-left", margin_left, "fo:margin-right", margin_left,
                  "fo:margin-top", "0cm", "fo:margin-bottom", margin_bottom, NULL);
  _grd_xml_start (xml, "style:text-properties");
  if (font_size != NULL)
    _grd_xml_attributes (xml, "fo:font-size", font_size, NULL);
  if (bold)
    _grd_xml_attributes (xml, "fo:font-weight", "bold", NULL);
  if (color != NULL)
    _grd_xml_attributes (xml, "fo:color", color, NULL);
  _grd_xml_end (xml);
  _grd_xml_end (xml);
}

static void
heading_style (GrdXml *xml,
               guint   level,
               const char *font_size)
{
  g_autofree char *name = g_strdup_printf ("Heading_20_%u", level);
  g_autofree char *display_name = g_strdup_printf ("Heading %u", level);
  g_autofree char *outline = g_strdup_printf ("%u", level);

  _grd_xml_start (xml, "style:style");
  _grd_xml_attributes (xml, "style:name", name, "style:display-name", display_name,
                       "style:family", "paragraph", "style:parent-style-name", "Standard",
                       "style:next-style-name", "Text_20_body",
                       "style:default-outline-level", outline, NULL);
  _grd_xml_empty (xml, "style:paragraph-properties", "fo:margin-top", "0.4cm",
                  "fo:margin-bottom", "0.2cm", "fo:keep-with-next", "always", NULL);
  _grd_xml_empty (xml, "style:text-properties", "fo:font-size", font_size,
                  "fo:font-weight", "bold", NULL);
  _grd_xml_end (xml);
}

static GrdXml *
styles_xml (void)
{
  GrdXml *xml = _grd_xml_new ();

  start_root (xml, "office:document-styles");
  _grd_xml_start (xml, "office:styles");

  _grd_xml_start (xml, "style:default-style");
  _grd_xml_attributes (xml, "style:family", "paragraph", NULL);
  _grd_xml_empty (xml, "style:paragraph-properties", "fo:orphans", "2", "fo:widows", "2", NULL);
  _grd_xml_empty (xml, "style:text-properties", "fo:font-size", "11pt", NULL);
  _grd_xml_end (xml);
  _grd_xml_empty (xml, "style:style", "style:name", "Standard", "style:family", "paragraph",
                  NULL);

  paragraph_style (xml, "Text_20_body", "Text body", "Standard", "0cm", "0.25cm", NULL, FALSE,
                   NULL);
  paragraph_style (xml, "Quotations", "Quotations", "Standard", "1cm", "0.25cm", NULL, FALSE, NULL);
  paragraph_style (xml, "Grounded_20_Note", "Note", "Standard", "0cm", "0.2cm", "9pt", FALSE,
                   "#5e5c64");
  paragraph_style (xml, "Table_20_Contents", "Table Contents", "Standard", "0cm", "0cm",
                   "10pt", FALSE, NULL);
  paragraph_style (xml, "Table_20_Heading", "Table Heading", "Table_20_Contents", "0cm", "0cm",
                   NULL, TRUE, NULL);
  paragraph_style (xml, "Grounded_20_Table_20_Quote", "Table Quote", "Table_20_Contents", "0cm",
                   "0.15cm", NULL, FALSE, NULL);
  heading_style (xml, 1, "16pt");
  heading_style (xml, 2, "13pt");
  heading_style (xml, 3, "11pt");
  _grd_xml_end (xml);

  _grd_xml_start (xml, "office:automatic-styles");
  _grd_xml_start (xml, "style:page-layout");
  _grd_xml_attributes (xml, "style:name", "Page", NULL);
  _grd_xml_empty (xml, "style:page-layout-properties",
                  "fo:page-width", "21cm", "fo:page-height", "29.7cm",
                  "fo:margin-top", "2cm", "fo:margin-bottom", "2cm",
                  "fo:margin-left", "2cm", "fo:margin-right", "2cm", NULL);
  _grd_xml_end (xml);
  _grd_xml_end (xml);

  _grd_xml_start (xml, "office:master-styles");
  _grd_xml_empty (xml, "style:master-page", "style:name", "Standard",
                  "style:page-layout-name", "Page", NULL);
  _grd_xml_end (xml);

  _grd_xml_end (xml);
  return xml;
}

/* ---- content.xml ------------------------------------------------------ */

/* Every paragraph, in cells too. */
static void
for_each_paragraph (GrdDocument *self,
                    void       (*func) (GrdDocParagraph *paragraph, gpointer data),
                    gpointer     data)
{
  for (guint i = 0; i < self->blocks->len; i++)
    {
      GrdDocBlock *block = g_ptr_array_index (self->blocks, i);

      if (block->paragraph != NULL)
        func (block->paragraph, data);
      for (guint r = 0; block->table != NULL && r < block->table->rows->len; r++)
        {
          GPtrArray *row = g_ptr_array_index (block->table->rows, r);

          for (guint c = 0; c < row->len; c++)
            g_ptr_array_foreach (g_ptr_array_index (row, c), (GFunc) func, data);
        }
    }
}

static char *
run_key (GrdDocRun *run)
{
  return g_strdup_printf ("%d|%s|%s", run->style, run->color != NULL ? run->color : "",
                          run->highlight != NULL ? run->highlight : "");
}

static gboolean
run_is_plain (GrdDocRun *run)
{
  return run->style == GRD_RUN_PLAIN && run->color == NULL && run->highlight == NULL;
}

/* One automatic text style per look a run has, named T1, T2, … in the
 * order first met. */
typedef struct {
  GHashTable *names;      /* run_key () -> name */
  GPtrArray  *looks;      /* the first run of each look, in name order */
} RunStyles;

static void
collect_run_styles (GrdDocParagraph *paragraph,
                    gpointer         data)
{
  RunStyles *styles = data;

  for (guint i = 0; i < paragraph->runs->len; i++)
    {
      GrdDocRun *run = g_ptr_array_index (paragraph->runs, i);
      g_autofree char *key = NULL;

      if (run_is_plain (run))
        continue;
      key = run_key (run);
      if (!g_hash_table_contains (styles->names, key))
        {
          g_ptr_array_add (styles->looks, run);
          g_hash_table_insert (styles->names, g_steal_pointer (&key),
                               g_strdup_printf ("T%u", styles->looks->len));
        }
    }
}

static void
write_run_styles (GrdXml    *xml,
                  RunStyles *styles)
{
  for (guint i = 0; i < styles->looks->len; i++)
    {
      GrdDocRun *run = g_ptr_array_index (styles->looks, i);
      g_autofree char *key = run_key (run);

      _grd_xml_start (xml, "style:style");
      _grd_xml_attributes (xml, "style:name", g_hash_table_lookup (styles->names, key),
                           "style:family", "text", NULL);
      _grd_xml_start (xml, "style:text-properties");
      if (run->style & GRD_RUN_BOLD)
        _grd_xml_attributes (xml, "fo:font-weight", "bold", NULL);
      if (run->style & GRD_RUN_ITALIC)
        _grd_xml_attributes (xml, "fo:font-style", "italic", NULL);
      if (run->style & GRD_RUN_SUPERSCRIPT)
        _grd_xml_attributes (xml, "style:text-position", "super 58%", NULL);
      if (run->color != NULL)
        _grd_xml_attributes (xml, "fo:color", run->color, NULL);
      if (run->highlight != NULL)
        _grd_xml_attributes (xml, "fo:background-color", run->highlight, NULL);
      _grd_xml_end (xml);
      _grd_xml_end (xml);
    }
}

static void
write_table_styles (GrdXml      *xml,
                    GrdDocTable *table,
                    guint        number)
{
  g_autofree char *name = g_strdup_printf ("Table%u", number);
  guint total = 0;

  for (guint c = 0; c < table->n_columns; c++)
    total += table->widths[c];

  _grd_xml_start (xml, "style:style");
  _grd_xml_attributes (xml, "style:name", name, "style:family", "table", NULL);
  _grd_xml_empty (xml, "style:table-properties", "style:width", G_STRINGIFY (TEXT_WIDTH_CM) "cm",
                  "table:align", "margins", "fo:margin-bottom", "0.3cm", NULL);
  _grd_xml_end (xml);

  for (guint c = 0; c < table->n_columns; c++)
    {
      g_autofree char *column = g_strdup_printf ("%s.C%u", name, c + 1);
      char width[G_ASCII_DTOSTR_BUF_SIZE + 2];

      g_ascii_formatd (width, G_ASCII_DTOSTR_BUF_SIZE, "%.3f",
                       TEXT_WIDTH_CM * table->widths[c] / total);
      strcat (width, "cm");
      _grd_xml_start (xml, "style:style");
      _grd_xml_attributes (xml, "style:name", column, "style:family", "table-column", NULL);
      /* no rel-column-width: LibreOffice 7.4 gives every column the same
       * width when the relative ones are small numbers */
      _grd_xml_empty (xml, "style:table-column-properties", "style:column-width", width, NULL);
      _grd_xml_end (xml);
    }
}

static char *
cell_style_name (GrdDocRule above,
                 GrdDocRule below)
{
  return g_strdup_printf ("Cell%d%d", above, below);
}

static void
write_cell_styles (GrdXml *xml)
{
  for (GrdDocRule above = GRD_DOC_RULE_NONE; above <= GRD_DOC_RULE_HEAVY; above++)
    for (GrdDocRule below = GRD_DOC_RULE_NONE; below <= GRD_DOC_RULE_HEAVY; below++)
      {
        g_autofree char *name = cell_style_name (above, below);

        _grd_xml_start (xml, "style:style");
        _grd_xml_attributes (xml, "style:name", name, "style:family", "table-cell", NULL);
        _grd_xml_empty (xml, "style:table-cell-properties",
                        "fo:padding-top", "0.08cm", "fo:padding-bottom", "0.08cm",
                        "fo:padding-left", "0.12cm", "fo:padding-right", "0.12cm",
                        "fo:border-left", "none", "fo:border-right", "none",
                        "fo:border-top", rule_borders[above],
                        "fo:border-bottom", rule_borders[below], NULL);
        _grd_xml_end (xml);
      }
}

static void
line_break (GrdXml *xml)
{
  _grd_xml_empty (xml, "text:line-break", NULL);
}

static void
write_paragraph (GrdXml          *xml,
                 GHashTable      *run_styles,
                 GrdDocParagraph *paragraph,
                 gboolean         in_cell,
                 gboolean         in_header)
{
  static const char *const body_styles[] = {
    [GRD_PARAGRAPH_BODY] = "Text_20_body",
    [GRD_PARAGRAPH_QUOTE] = "Quotations",
    [GRD_PARAGRAPH_NOTE] = "Grounded_20_Note",
  };
  static const char *const cell_styles[] = {
    [GRD_PARAGRAPH_BODY] = "Table_20_Contents",
    [GRD_PARAGRAPH_QUOTE] = "Grounded_20_Table_20_Quote",
    [GRD_PARAGRAPH_NOTE] = "Grounded_20_Note",
  };

  if (paragraph->heading > 0)
    {
      g_autofree char *style = g_strdup_printf ("Heading_20_%u", paragraph->heading);
      g_autofree char *level = g_strdup_printf ("%u", paragraph->heading);

      _grd_xml_start (xml, "text:h");
      _grd_xml_attributes (xml, "text:style-name", style, "text:outline-level", level, NULL);
    }
  else
    {
      _grd_xml_start (xml, "text:p");
      _grd_xml_attributes (xml, "text:style-name",
                           in_header ? "Table_20_Heading"
                                     : (in_cell ? cell_styles : body_styles)[paragraph->style],
                           NULL);
    }

  for (guint i = 0; i < paragraph->runs->len; i++)
    {
      GrdDocRun *run = g_ptr_array_index (paragraph->runs, i);
      g_autofree char *key = run_key (run);
      const char *style = g_hash_table_lookup (run_styles, key);

      if (style != NULL)
        {
          _grd_xml_start (xml, "text:span");
          _grd_xml_attributes (xml, "text:style-name", style, NULL);
        }
      _grd_xml_run_text (xml, run->text, line_break);
      if (style != NULL)
        _grd_xml_end (xml);
    }
  _grd_xml_end (xml);
}

static void
write_table (GrdXml      *xml,
             GHashTable  *run_styles,
             GrdDocTable *table,
             guint        number)
{
  g_autofree char *name = g_strdup_printf ("Table%u", number);

  _grd_xml_start (xml, "table:table");
  _grd_xml_attributes (xml, "table:name", name, "table:style-name", name, NULL);
  for (guint c = 0; c < table->n_columns; c++)
    {
      g_autofree char *column = g_strdup_printf ("%s.C%u", name, c + 1);

      _grd_xml_empty (xml, "table:table-column", "table:style-name", column, NULL);
    }

  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);
      gboolean header = r < table->n_header_rows;
      g_autofree char *cell_style = cell_style_name (_grd_doc_rule_above (r),
                                                     _grd_doc_rule_below (table, r));

      if (r == 0 && header)
        _grd_xml_start (xml, "table:table-header-rows");
      _grd_xml_start (xml, "table:table-row");
      for (guint c = 0; c < table->n_columns; c++)
        {
          GPtrArray *cell = c < row->len ? g_ptr_array_index (row, c) : NULL;

          _grd_xml_start (xml, "table:table-cell");
          _grd_xml_attributes (xml, "table:style-name", cell_style,
                               "office:value-type", "string", NULL);
          for (guint p = 0; cell != NULL && p < cell->len; p++)
            write_paragraph (xml, run_styles, g_ptr_array_index (cell, p), TRUE, header);
          if (cell == NULL || cell->len == 0)
            _grd_xml_empty (xml, "text:p", "text:style-name", "Table_20_Contents", NULL);
          _grd_xml_end (xml);
        }
      _grd_xml_end (xml);
      if (header && (r + 1 == table->n_header_rows || r + 1 == table->rows->len))
        _grd_xml_end (xml);
    }
  _grd_xml_end (xml);
}

static GrdXml *
content_xml (GrdDocument *self)
{
  GrdXml *xml = _grd_xml_new ();
  g_autoptr(GHashTable) run_names = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                           g_free, g_free);
  g_autoptr(GPtrArray) run_looks = g_ptr_array_new ();
  RunStyles run_styles = { run_names, run_looks };
  guint n_tables = 0;

  for_each_paragraph (self, collect_run_styles, &run_styles);

  start_root (xml, "office:document-content");
  _grd_xml_start (xml, "office:automatic-styles");
  write_run_styles (xml, &run_styles);
  write_cell_styles (xml);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      GrdDocBlock *block = g_ptr_array_index (self->blocks, i);

      if (block->table != NULL)
        write_table_styles (xml, block->table, ++n_tables);
    }
  _grd_xml_end (xml);

  _grd_xml_start (xml, "office:body");
  _grd_xml_start (xml, "office:text");
  n_tables = 0;
  for (guint i = 0; i < self->blocks->len; i++)
    {
      GrdDocBlock *block = g_ptr_array_index (self->blocks, i);

      if (block->paragraph != NULL)
        write_paragraph (xml, run_names, block->paragraph, FALSE, FALSE);
      else
        write_table (xml, run_names, block->table, ++n_tables);
    }
  _grd_xml_end (xml);
  _grd_xml_end (xml);
  _grd_xml_end (xml);
  return xml;
}

/* ---- meta.xml and the manifest ---------------------------------------- */

static GrdXml *
meta_xml (GrdDocument *self)
{
  GrdXml *xml = _grd_xml_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  start_root (xml, "office:document-meta");
  _grd_xml_start (xml, "office:meta");
  _grd_xml_start (xml, "meta:generator");
  _grd_xml_text (xml, "Grounded/" PACKAGE_VERSION, -1);
  _grd_xml_end (xml);
  if (self->title != NULL)
    {
      _grd_xml_start (xml, "dc:title");
      _grd_xml_text (xml, self->title, -1);
      _grd_xml_end (xml);
    }
  _grd_xml_start (xml, "meta:creation-date");
  _grd_xml_text (xml, created, -1);
  _grd_xml_end (xml);
  _grd_xml_end (xml);
  _grd_xml_end (xml);
  return xml;
}

static GrdXml *
manifest_xml (void)
{
  static const char *const parts[] = { "content.xml", "styles.xml", "meta.xml" };
  GrdXml *xml = _grd_xml_new ();

  _grd_xml_start (xml, "manifest:manifest");
  _grd_xml_attributes (xml, "xmlns:manifest", NS_MANIFEST, "manifest:version", ODF_VERSION, NULL);
  _grd_xml_empty (xml, "manifest:file-entry", "manifest:full-path", "/",
                  "manifest:version", ODF_VERSION, "manifest:media-type", MIME_TYPE, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    _grd_xml_empty (xml, "manifest:file-entry", "manifest:full-path", parts[i],
                    "manifest:media-type", "text/xml", NULL);
  _grd_xml_end (xml);
  return xml;
}

gboolean
_grd_document_write_odt (GrdDocument   *self,
                         GrdZipWriter  *zip,
                         GError       **error)
{
  g_autoptr(GBytes) mime_type = g_bytes_new_static (MIME_TYPE, strlen (MIME_TYPE));

  /* First and stored: what tells an ODF reader the type at a fixed offset. */
  return grd_zip_writer_add_stored (zip, "mimetype", mime_type, error) &&
         _grd_xml_add_part (zip, "content.xml", content_xml (self), error) &&
         _grd_xml_add_part (zip, "styles.xml", styles_xml (), error) &&
         _grd_xml_add_part (zip, "meta.xml", meta_xml (self), error) &&
         _grd_xml_add_part (zip, "META-INF/manifest.xml", manifest_xml (), error);
}
