/* grd-import-odt.c: OpenDocument text (LibreOffice) transcripts
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* An .odt is a zip of XML parts; the text is in content.xml, with the
 * styles that make a span bold there (automatic styles) and in styles.xml
 * (named ones). As for Word: tracked insertions are text, deletions are
 * not (ODF keeps them apart, in text:tracked-changes), notes come at the
 * end, comments and frames are left out and reported. */

#define G_LOG_DOMAIN "grd-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "grd-import-private.h"

#define OFFICE_NS "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define TEXT_NS   "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define TABLE_NS  "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define STYLE_NS  "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define FO_NS     "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define DRAW_NS   "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"

/* <text:s text:c="…"/>: LibreOffice writes one for every run of spaces
 * after the first. More than a line's worth is layout, not text, and 23
 * bytes of markup must not become kilobytes of it. */
#define MAX_SPACES      80

typedef struct {
  const char       *file_name;
  GrdImportBuilder *builder;
  GHashTable       *styles;      /* style name -> GrdImportStyle */
  GArray           *inline_stack; /* GrdImportInline of each open paragraph, span, link */
  guint             list_depth;  /* text:list elements open */
  GArray           *row_cells;   /* cells seen in each open table row */
  GPtrArray        *notes;       /* text:note-body nodes, in the order cited */
  char             *note_marker; /* "[2]", for the next paragraph's start */
} OdtReader;

static gboolean
is_text (xmlNode    *node,
         const char *name)
{
  return _grd_import_xml_is (node, TEXT_NS, name);
}

static GrdToggle
toggle_from (const char *value,
             gboolean  (*on) (const char *value))
{
  return value == NULL ? GRD_TOGGLE_UNSET : on (value) ? GRD_TOGGLE_ON : GRD_TOGGLE_OFF;
}

static gboolean
is_bold_weight (const char *value)
{
  gint64 weight;

  if (g_ascii_string_to_signed (value, 10, 100, 900, &weight, NULL))
    return weight >= 600;
  return g_str_equal (value, "bold");
}

static gboolean
is_italic_style (const char *value)
{
  return g_str_equal (value, "italic") || g_str_equal (value, "oblique");
}

static gboolean
is_underline_style (const char *value)
{
  return !g_str_equal (value, "none");
}

static void
read_styles (OdtReader *reader,
             xmlNode   *container)
{
  for (xmlNode *node = container->children; node != NULL; node = node->next)
    {
      g_autofree char *name = NULL;
      GrdImportStyle *style;

      if (!_grd_import_xml_is (node, STYLE_NS, "style"))
        continue;
      name = _grd_import_xml_get (node, STYLE_NS, "name");
      if (name == NULL)
        continue;

      style = g_new0 (GrdImportStyle, 1);
      style->parent = _grd_import_xml_get (node, STYLE_NS, "parent-style-name");
      style->inline_style = (GrdImportInline) GRD_IMPORT_INLINE_UNSET;
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        {
          g_autofree char *weight = NULL;
          g_autofree char *slant = NULL;
          g_autofree char *underline = NULL;

          if (!_grd_import_xml_is (child, STYLE_NS, "text-properties"))
            continue;
          weight = _grd_import_xml_get (child, FO_NS, "font-weight");
          slant = _grd_import_xml_get (child, FO_NS, "font-style");
          underline = _grd_import_xml_get (child, STYLE_NS, "text-underline-style");
          style->inline_style.bold = toggle_from (weight, is_bold_weight);
          style->inline_style.italic = toggle_from (slant, is_italic_style);
          style->inline_style.underline = toggle_from (underline, is_underline_style);
        }

      g_hash_table_replace (reader->styles, g_steal_pointer (&name), style);
    }
}

/* The office:styles and office:automatic-styles of a part. */
static void
read_style_containers (OdtReader *reader,
                       xmlDoc    *doc)
{
  for (xmlNode *node = xmlDocGetRootElement (doc)->children; node != NULL; node = node->next)
    if (_grd_import_xml_is (node, OFFICE_NS, "styles") ||
        _grd_import_xml_is (node, OFFICE_NS, "automatic-styles"))
      read_styles (reader, node);
}

static gboolean
is_paragraph (xmlNode *node)
{
  return is_text (node, "p") || is_text (node, "h");
}

static gboolean
carries_style (xmlNode *node)
{
  return is_text (node, "span") || is_text (node, "a") || is_paragraph (node);
}

/* Entering a paragraph, span or link resolves its style once, on top of
 * the one around it (a paragraph starts afresh): text then takes the top
 * of the stack instead of climbing its ancestors. */
static void
push_style (OdtReader *reader,
            xmlNode   *node)
{
  g_autofree char *name = _grd_import_xml_get (node, TEXT_NS, "style-name");
  GrdImportStyle style = _grd_import_resolve_style (reader->styles, name);
  GArray *stack = reader->inline_stack;

  if (!is_paragraph (node) && stack->len > 0)
    _grd_import_inherit (&style.inline_style,
                         &g_array_index (stack, GrdImportInline, stack->len - 1));
  g_array_append_val (stack, style.inline_style);
}

/* The styles of a piece of text (or of a space or tab element) are those
 * of the spans and the paragraph around it. */
static void
apply_text_style (OdtReader *reader)
{
  static const GrdImportInline none = GRD_IMPORT_INLINE_UNSET;
  GArray *stack = reader->inline_stack;

  _grd_import_apply_inline (reader->builder,
                            stack->len > 0 ? &g_array_index (stack, GrdImportInline,
                                                             stack->len - 1)
                                           : &none);
}

static gboolean
in_table_cell (xmlNode *paragraph)
{
  return paragraph->parent != NULL &&
         (_grd_import_xml_is (paragraph->parent, TABLE_NS, "table-cell") ||
          _grd_import_xml_is (paragraph->parent, TABLE_NS, "covered-table-cell"));
}


static void
append_spaces (GrdImportBuilder *builder,
               xmlNode          *node)
{
  static const char spaces[MAX_SPACES + 1] = { [0 ... MAX_SPACES - 1] = ' ' };
  g_autofree char *count = _grd_import_xml_get (node, TEXT_NS, "c");
  guint64 n = 1;

  if (count != NULL && !g_ascii_string_to_unsigned (count, 10, 1, G_MAXUINT64, &n, NULL))
    n = 1;
  grd_import_builder_append (builder, spaces, (gssize) MIN (n, MAX_SPACES));
}

static gboolean
enter_node (xmlNode  *node,
            guint    *token,
            gpointer  user_data)
{
  OdtReader *reader = user_data;
  GrdImportBuilder *builder = reader->builder;

  if (node->type == XML_TEXT_NODE)
    {
      /* Text in paragraphs, spans, links and fields (a date, a page
       * number) is what a reader sees. */
      if (node->content != NULL && node->parent != NULL && node->parent->ns != NULL &&
          g_strcmp0 ((const char *) node->parent->ns->href, TEXT_NS) == 0)
        {
          apply_text_style (reader);
          grd_import_builder_append_collapsed (builder, (const char *) node->content, -1);
        }
      return FALSE;
    }
  if (node->type != XML_ELEMENT_NODE)
    return FALSE;

  if (carries_style (node))
    push_style (reader, node);

  if (is_text (node, "h") || is_text (node, "p"))
    {
      if (in_table_cell (node))
        {
          _grd_import_cell_paragraph (builder, node, is_paragraph);
          return TRUE;
        }

      grd_import_builder_end_block (builder);
      if (is_text (node, "h"))
        {
          g_autofree char *level = _grd_import_xml_get (node, TEXT_NS, "outline-level");
          gint64 value = 1;

          if (level != NULL)
            g_ascii_string_to_signed (level, 10, 1, 10, &value, NULL);
          *token = grd_import_builder_begin_range (builder, GRD_FORMAT_HEADING,
                                                   (gint) MIN (value, 6));
        }
      _grd_import_take_note_marker (builder, &reader->note_marker);
    }
  else if (is_text (node, "list"))
    reader->list_depth++;
  else if (is_text (node, "list-item") || is_text (node, "list-header"))
    {
      grd_import_builder_end_block (builder);
      *token = grd_import_builder_begin_range (builder, GRD_FORMAT_LIST_ITEM,
                                               (gint) MAX (reader->list_depth, 1));
    }
  else if (is_text (node, "s"))
    {
      apply_text_style (reader);
      append_spaces (builder, node);
    }
  else if (is_text (node, "tab"))
    {
      apply_text_style (reader);
      grd_import_builder_append (builder, "\t", 1);
    }
  else if (is_text (node, "line-break"))
    grd_import_builder_newline (builder);
  else if (is_text (node, "note"))
    {
      g_autofree char *marker = NULL;

      for (xmlNode *child = node->children; child != NULL; child = child->next)
        if (is_text (child, "note-body"))
          g_ptr_array_add (reader->notes, child);
      marker = g_strdup_printf ("[%u]", reader->notes->len);
      grd_import_builder_append (builder, marker, -1);
      return FALSE;
    }
  else if (_grd_import_xml_is (node, OFFICE_NS, "annotation"))
    {
      grd_import_builder_drop (builder, _("comment"),
                               _("comments are notes on the document, not part of the transcript"));
      return FALSE;
    }
  else if (is_text (node, "tracked-changes"))
    {
      for (xmlNode *region = node->children; region != NULL; region = region->next)
        for (xmlNode *change = region->children; change != NULL; change = change->next)
          if (is_text (change, "deletion"))
            grd_import_builder_drop (builder, _("tracked deletion"),
                                     _("text deleted with changes tracked is not the "
                                       "document’s text"));
      return FALSE;
    }
  else if (_grd_import_xml_is (node, DRAW_NS, "frame"))
    {
      grd_import_builder_drop (builder, _("image"), _("sources hold text"));
      return FALSE;
    }
  else if (is_text (node, "table-of-content"))
    {
      grd_import_builder_drop (builder, _("table of contents"),
                               _("it repeats the headings, which are kept"));
      return FALSE;
    }
  else if (_grd_import_xml_is (node, TABLE_NS, "table"))
    grd_import_builder_end_block (builder);
  else if (_grd_import_xml_is (node, TABLE_NS, "table-row"))
    _grd_import_begin_row (builder, reader->row_cells);
  else if (_grd_import_xml_is (node, TABLE_NS, "table-cell") ||
           _grd_import_xml_is (node, TABLE_NS, "covered-table-cell"))
    *token = _grd_import_begin_cell (builder, reader->row_cells);
  else if (is_text (node, "sequence-decls") || is_text (node, "variable-decls") ||
           is_text (node, "user-field-decls") || _grd_import_xml_is (node, OFFICE_NS, "forms") ||
           _grd_import_xml_is (node, TABLE_NS, "table-columns") ||
           _grd_import_xml_is (node, TABLE_NS, "table-column"))
    return FALSE;

  return TRUE;
}

static void
leave_node (xmlNode  *node,
            guint     token,
            gpointer  user_data)
{
  OdtReader *reader = user_data;

  if (node->type != XML_ELEMENT_NODE)
    return;

  if (token != GRD_IMPORT_NO_TOKEN)
    grd_import_builder_end_range (reader->builder, token);

  if (carries_style (node))
    g_array_set_size (reader->inline_stack, reader->inline_stack->len - 1);

  if ((is_text (node, "p") || is_text (node, "h")) && !in_table_cell (node))
    grd_import_builder_end_block (reader->builder);
  else if (is_text (node, "list-item") || is_text (node, "list-header"))
    grd_import_builder_end_block (reader->builder);
  else if (is_text (node, "list"))
    reader->list_depth--;
  else if (_grd_import_xml_is (node, TABLE_NS, "table-row"))
    _grd_import_end_row (reader->builder, reader->row_cells);
}

static xmlNode *
find_text_body (xmlDoc *content)
{
  for (xmlNode *node = xmlDocGetRootElement (content)->children; node != NULL; node = node->next)
    if (_grd_import_xml_is (node, OFFICE_NS, "body"))
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        if (_grd_import_xml_is (child, OFFICE_NS, "text"))
          return child;

  return NULL;
}

gboolean
_grd_import_read_odt (GBytes            *bytes,
                      const char        *file_name,
                      GrdImportBuilder  *builder,
                      GError           **error)
{
  g_autoptr(GrdZipReader) zip = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GBytes) style_contents = NULL;
  OdtReader reader = { file_name, builder, };
  xmlDoc *content = NULL;
  xmlDoc *styles = NULL;
  xmlNode *body;
  gboolean ok = FALSE;

  zip = _grd_import_open_zip (bytes, file_name, error);
  if (zip == NULL)
    return FALSE;

  if (!_grd_import_read_part (zip, "content.xml", _("not an OpenDocument text"), TRUE, &contents, error))
    return FALSE;
  content = _grd_import_parse_xml (contents, file_name, "content.xml", error);
  if (content == NULL)
    return FALSE;

  body = find_text_body (content);
  if (body == NULL)
    {
      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_MALFORMED,
                   /* Translators: %s is a file name */
                   _("%s: not an OpenDocument text: “content.xml” has no text body"), file_name);
      goto out;
    }

  reader.styles = _grd_import_styles_new ();
  reader.inline_stack = g_array_new (FALSE, FALSE, sizeof (GrdImportInline));
  reader.row_cells = g_array_new (FALSE, FALSE, sizeof (guint));
  reader.notes = g_ptr_array_new ();

  /* Named styles first: automatic styles in content.xml build on them and
   * may share a name with nothing else. */
  if (!_grd_import_read_part (zip, "styles.xml", _("not an OpenDocument text"), FALSE, &style_contents,
                              error))
    goto out;
  if (style_contents != NULL)
    {
      styles = _grd_import_parse_xml (style_contents, file_name, "styles.xml", error);
      if (styles == NULL)
        goto out;
      read_style_containers (&reader, styles);
    }
  read_style_containers (&reader, content);

  for (xmlNode *child = body->children; child != NULL; child = child->next)
    _grd_import_walk_tree (child, enter_node, leave_node, &reader);

  _grd_import_append_notes (builder, reader.notes, &reader.note_marker, enter_node, leave_node,
                            &reader);
  grd_import_builder_end_block (builder);
  ok = TRUE;

out:
  g_clear_pointer (&reader.styles, g_hash_table_unref);
  g_clear_pointer (&reader.inline_stack, g_array_unref);
  g_clear_pointer (&reader.row_cells, g_array_unref);
  g_clear_pointer (&reader.notes, g_ptr_array_unref);
  g_free (reader.note_marker);
  xmlFreeDoc (styles);
  xmlFreeDoc (content);
  return ok;
}
