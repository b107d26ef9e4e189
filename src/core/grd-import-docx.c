/* grd-import-docx.c: Word (OOXML) transcripts
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A .docx is a zip of XML parts; the text is in word/document.xml, the
 * styles that make a paragraph a heading or a run bold in word/styles.xml,
 * footnotes and endnotes in their own parts. What a reader sees is kept:
 * tracked insertions are text, tracked deletions are not, text boxes are
 * text; comments and pictures are left out, and the report says so. A
 * field shows its result (a date, a page number), which is kept; its code
 * is how Word computes it, never seen, and left out without a word. */

#define G_LOG_DOMAIN "grd-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "grd-import-private.h"

#define W_NS        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_STRICT_NS "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS       "http://schemas.openxmlformats.org/markup-compatibility/2006"

typedef struct {
  const char       *file_name;
  GrdImportBuilder *builder;
  GHashTable       *styles;       /* style id -> GrdImportStyle */
  GArray           *row_cells;    /* cells seen in each open table row */
  GHashTable       *note_parts;   /* "f12" / "e3" -> the note's element */
  GHashTable       *note_numbers; /* "f12" / "e3" -> its number, as cited */
  GPtrArray        *notes;        /* the notes' elements, in the order cited */
  char             *note_marker;  /* "[2]", for the next paragraph's start */
} DocxReader;

static gboolean
is_w (xmlNode    *node,
      const char *name)
{
  return _grd_import_xml_is (node, W_NS, name) || _grd_import_xml_is (node, W_STRICT_NS, name);
}

/* w:val of an element, in the element's own namespace (transitional or
 * strict). */
static char *
get_val (xmlNode *node)
{
  return _grd_import_xml_get (node, (const char *) node->ns->href, "val");
}

static xmlNode *
find_child (xmlNode    *node,
            const char *name)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (is_w (child, name))
      return child;
  return NULL;
}

/* <w:b/> and <w:b w:val="1"/> are on, <w:b w:val="0"/> off; <w:u> is on
 * unless its value is "none". */
static GrdToggle
read_toggle (xmlNode    *props,
             const char *name)
{
  xmlNode *node = props != NULL ? find_child (props, name) : NULL;
  g_autofree char *val = NULL;

  if (node == NULL)
    return GRD_TOGGLE_UNSET;

  val = get_val (node);
  if (val == NULL)
    return GRD_TOGGLE_ON;
  if (g_str_equal (name, "u"))
    return g_str_equal (val, "none") ? GRD_TOGGLE_OFF : GRD_TOGGLE_ON;
  return g_str_equal (val, "0") || g_str_equal (val, "false") || g_str_equal (val, "off")
         ? GRD_TOGGLE_OFF : GRD_TOGGLE_ON;
}

static GrdImportInline
read_inline (xmlNode *props)
{
  GrdImportInline style = { read_toggle (props, "b"), read_toggle (props, "i"),
                            read_toggle (props, "u") };

  return style;
}

static gint
read_outline_level (xmlNode *paragraph_props)
{
  xmlNode *node = paragraph_props != NULL ? find_child (paragraph_props, "outlineLvl") : NULL;
  g_autofree char *val = node != NULL ? get_val (node) : NULL;
  gint64 level;

  /* 0-8 are the outline's levels, 9 is body text. */
  if (val == NULL || !g_ascii_string_to_signed (val, 10, 0, 8, &level, NULL))
    return 0;
  return (gint) MIN (level + 1, 6);
}

/* Built-in heading styles are named "heading 1".."heading 9" in every
 * language Word speaks; only their ids and shown names are translated. */
static gint
heading_from_name (const char *name)
{
  gint64 level;

  if (name == NULL)
    return 0;
  if (g_ascii_strcasecmp (name, "title") == 0)
    return 1;
  if (g_ascii_strncasecmp (name, "heading ", 8) == 0 &&
      g_ascii_string_to_signed (name + 8, 10, 1, 9, &level, NULL))
    return (gint) MIN (level, 6);
  return 0;
}

static void
read_styles (DocxReader *reader,
             xmlDoc     *doc)
{
  for (xmlNode *node = xmlDocGetRootElement (doc)->children; node != NULL; node = node->next)
    {
      g_autofree char *id = NULL;
      GrdImportStyle *style;
      xmlNode *child;

      if (!is_w (node, "style"))
        continue;
      id = _grd_import_xml_get (node, (const char *) node->ns->href, "styleId");
      if (id == NULL)
        continue;

      style = g_new0 (GrdImportStyle, 1);
      if ((child = find_child (node, "basedOn")) != NULL)
        style->parent = get_val (child);
      if ((child = find_child (node, "name")) != NULL)
        {
          g_autofree char *name = get_val (child);

          style->heading = heading_from_name (name);
        }
      if (style->heading == 0)
        style->heading = read_outline_level (find_child (node, "pPr"));
      style->inline_style = read_inline (find_child (node, "rPr"));

      g_hash_table_replace (reader->styles, g_steal_pointer (&id), style);
    }
}

static GrdImportStyle
paragraph_style (DocxReader *reader,
                 xmlNode    *paragraph)
{
  xmlNode *props = find_child (paragraph, "pPr");
  xmlNode *style_node = props != NULL ? find_child (props, "pStyle") : NULL;
  g_autofree char *id = style_node != NULL ? get_val (style_node) : NULL;

  return _grd_import_resolve_style (reader->styles, id);
}

/* Direct formatting wins over the run's character style, which wins over
 * the paragraph's style. */
static void
apply_run_style (DocxReader *reader,
                 xmlNode    *run)
{
  xmlNode *props = find_child (run, "rPr");
  xmlNode *style_node = props != NULL ? find_child (props, "rStyle") : NULL;
  g_autofree char *id = style_node != NULL ? get_val (style_node) : NULL;
  GrdImportStyle run_style = _grd_import_resolve_style (reader->styles, id);
  GrdImportInline style = read_inline (props);
  xmlNode *paragraph;

  for (paragraph = run->parent; paragraph != NULL; paragraph = paragraph->parent)
    if (is_w (paragraph, "p"))
      break;

  _grd_import_inherit (&style, &run_style.inline_style);
  if (paragraph != NULL)
    {
      GrdImportStyle para_style = paragraph_style (reader, paragraph);

      _grd_import_inherit (&style, &para_style.inline_style);
    }
  _grd_import_apply_inline (reader->builder, &style);
}

static gboolean
in_table_cell (xmlNode *paragraph)
{
  return paragraph->parent != NULL && is_w (paragraph->parent, "tc");
}

static gboolean
is_cell_block (xmlNode *node)
{
  return is_w (node, "p") || is_w (node, "tbl");
}

static guint
enter_paragraph (DocxReader *reader,
                 xmlNode    *paragraph)
{
  GrdImportBuilder *builder = reader->builder;
  xmlNode *props = find_child (paragraph, "pPr");
  xmlNode *numbering = props != NULL ? find_child (props, "numPr") : NULL;
  GrdImportStyle style = paragraph_style (reader, paragraph);
  gint heading = read_outline_level (props);
  guint range = GRD_IMPORT_NO_TOKEN;

  if (in_table_cell (paragraph))
    {
      _grd_import_cell_paragraph (builder, paragraph, is_cell_block);
      return GRD_IMPORT_NO_TOKEN;
    }

  grd_import_builder_end_block (builder);
  if (heading == 0)
    heading = style.heading;
  if (heading > 0)
    range = grd_import_builder_begin_range (builder, GRD_FORMAT_HEADING, heading);
  else if (numbering != NULL)
    {
      xmlNode *level_node = find_child (numbering, "ilvl");
      g_autofree char *val = level_node != NULL ? get_val (level_node) : NULL;
      gint64 level = 0;

      if (val != NULL)
        g_ascii_string_to_signed (val, 10, 0, 8, &level, NULL);
      range = grd_import_builder_begin_range (builder, GRD_FORMAT_LIST_ITEM, (gint) level + 1);
    }

  _grd_import_take_note_marker (builder, &reader->note_marker);
  return range;
}

/* A note is numbered when first cited and printed once, at the end; a
 * citation of a note the file does not hold leaves no marker. */
static void
cite_note (DocxReader *reader,
           xmlNode    *reference,
           char        kind)
{
  g_autofree char *id = _grd_import_xml_get (reference, (const char *) reference->ns->href, "id");
  g_autofree char *key = NULL;
  g_autofree char *marker = NULL;
  xmlNode *note;
  guint number;

  if (id == NULL)
    return;

  key = g_strdup_printf ("%c%s", kind, id);
  note = g_hash_table_lookup (reader->note_parts, key);
  if (note == NULL)
    return;

  number = GPOINTER_TO_UINT (g_hash_table_lookup (reader->note_numbers, key));
  if (number == 0)
    {
      g_ptr_array_add (reader->notes, note);
      number = reader->notes->len;
      g_hash_table_insert (reader->note_numbers, g_steal_pointer (&key), GUINT_TO_POINTER (number));
    }

  marker = g_strdup_printf ("[%u]", number);
  grd_import_builder_append (reader->builder, marker, -1);
}

static void
append_text_of (GrdImportBuilder *builder,
                xmlNode          *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_TEXT_NODE && child->content != NULL)
      grd_import_builder_append (builder, (const char *) child->content, -1);
}

/* Whether a drawing holds a text box (w:txbxContent), at any depth: a
 * shape in a group in an anchor, say. */
static gboolean
holds_text_box (xmlNode *drawing)
{
  xmlNode *node = drawing->children;

  while (node != NULL && node != drawing)
    {
      if (is_w (node, "txbxContent"))
        return TRUE;
      if (node->children != NULL && node->type == XML_ELEMENT_NODE)
        {
          node = node->children;
          continue;
        }
      while (node != drawing && node->next == NULL)
        node = node->parent;
      if (node != drawing)
        node = node->next;
    }

  return FALSE;
}

static gboolean
enter_node (xmlNode  *node,
            guint    *token,
            gpointer  user_data)
{
  DocxReader *reader = user_data;
  GrdImportBuilder *builder = reader->builder;

  if (node->type != XML_ELEMENT_NODE)
    return FALSE;

  /* Alternate content comes twice, as the new form and as a fallback for
   * older readers; the first is enough. */
  if (_grd_import_xml_is (node, MC_NS, "Fallback"))
    return FALSE;

  if (node->ns == NULL || (g_strcmp0 ((const char *) node->ns->href, W_NS) != 0 &&
                           g_strcmp0 ((const char *) node->ns->href, W_STRICT_NS) != 0))
    return TRUE;

  if (is_w (node, "p"))
    *token = enter_paragraph (reader, node);
  else if (is_w (node, "r"))
    apply_run_style (reader, node);
  else if (is_w (node, "t"))
    {
      append_text_of (builder, node);
      return FALSE;
    }
  else if (is_w (node, "tab") && node->parent != NULL && is_w (node->parent, "r"))
    grd_import_builder_append (builder, "\t", 1);
  else if ((is_w (node, "br") || is_w (node, "cr")) && node->parent != NULL &&
           is_w (node->parent, "r"))
    grd_import_builder_newline (builder);
  else if (is_w (node, "noBreakHyphen"))
    grd_import_builder_append (builder, "\u2011", -1);
  else if (is_w (node, "del") || is_w (node, "moveFrom"))
    {
      grd_import_builder_drop (builder, _("tracked deletion"),
                               _("text deleted with changes tracked is not the document’s text"));
      return FALSE;
    }
  else if (is_w (node, "commentReference"))
    grd_import_builder_drop (builder, _("comment"),
                             _("comments are notes on the document, not part of the transcript"));
  else if (is_w (node, "footnoteReference"))
    cite_note (reader, node, 'f');
  else if (is_w (node, "endnoteReference"))
    cite_note (reader, node, 'e');
  else if (is_w (node, "drawing") || is_w (node, "pict") || is_w (node, "object"))
    {
      /* A text box is a drawing too, with paragraphs inside; the walk
       * finds them through the drawing's own elements. */
      if (holds_text_box (node))
        return TRUE;
      grd_import_builder_drop (builder, _("image"), _("sources hold text"));
      return FALSE;
    }
  else if (is_w (node, "tbl"))
    grd_import_builder_end_block (builder);
  else if (is_w (node, "tr"))
    _grd_import_begin_row (builder, reader->row_cells);
  else if (is_w (node, "tc"))
    *token = _grd_import_begin_cell (builder, reader->row_cells);
  /* Properties are read where they apply; field codes, the note's own
   * reference mark and section settings hold no text. */
  else if (is_w (node, "pPr") || is_w (node, "rPr") || is_w (node, "sectPr") ||
           is_w (node, "tblPr") || is_w (node, "tblGrid") || is_w (node, "trPr") ||
           is_w (node, "tcPr") || is_w (node, "instrText") || is_w (node, "delText") ||
           is_w (node, "footnoteRef") || is_w (node, "endnoteRef"))
    return FALSE;

  return TRUE;
}

static void
leave_node (xmlNode  *node,
            guint     token,
            gpointer  user_data)
{
  DocxReader *reader = user_data;

  if (node->type != XML_ELEMENT_NODE)
    return;

  if (token != GRD_IMPORT_NO_TOKEN)
    grd_import_builder_end_range (reader->builder, token);

  if (is_w (node, "p") && !in_table_cell (node))
    grd_import_builder_end_block (reader->builder);
  else if (is_w (node, "tr"))
    _grd_import_end_row (reader->builder, reader->row_cells);
}

static gboolean
load_part (GrdZipReader  *zip,
           DocxReader    *reader,
           const char    *part,
           xmlDoc       **doc,
           GError       **error)
{
  g_autoptr(GBytes) contents = NULL;

  *doc = NULL;
  if (!_grd_import_read_part (zip, part, _("not a Word document"), FALSE, &contents, error))
    return FALSE;
  if (contents != NULL)
    *doc = _grd_import_parse_xml (contents, reader->file_name, part, error);

  return contents == NULL || *doc != NULL;
}

/* One pass over a notes part, before the text cites any: looking a note
 * up per citation would read the part once for each. */
static void
index_notes (DocxReader *reader,
             xmlDoc     *doc,
             const char *element,
             char        kind)
{
  if (doc == NULL)
    return;

  for (xmlNode *node = xmlDocGetRootElement (doc)->children; node != NULL; node = node->next)
    {
      g_autofree char *id = NULL;

      if (!is_w (node, element))
        continue;
      id = _grd_import_xml_get (node, (const char *) node->ns->href, "id");
      if (id != NULL)
        g_hash_table_insert (reader->note_parts, g_strdup_printf ("%c%s", kind, id), node);
    }
}

gboolean
_grd_import_read_docx (GBytes            *bytes,
                       const char        *file_name,
                       GrdImportBuilder  *builder,
                       GError           **error)
{
  g_autoptr(GrdZipReader) zip = NULL;
  g_autoptr(GBytes) contents = NULL;
  DocxReader reader = { file_name, builder, };
  xmlDoc *styles = NULL;
  xmlDoc *footnotes = NULL;
  xmlDoc *endnotes = NULL;
  xmlDoc *document = NULL;
  xmlNode *body = NULL;
  gboolean ok = FALSE;

  zip = _grd_import_open_zip (bytes, file_name, error);
  if (zip == NULL)
    return FALSE;

  if (!_grd_import_read_part (zip, "word/document.xml", _("not a Word document"), TRUE, &contents,
                              error))
    return FALSE;
  document = _grd_import_parse_xml (contents, file_name, "word/document.xml", error);
  if (document == NULL)
    return FALSE;

  for (xmlNode *node = xmlDocGetRootElement (document)->children; node != NULL; node = node->next)
    if (is_w (node, "body"))
      body = node;
  if (body == NULL)
    {
      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_MALFORMED,
                   /* Translators: %s is a file name */
                   _("%s: not a Word document: “word/document.xml” has no body"), file_name);
      goto out;
    }

  reader.styles = _grd_import_styles_new ();
  reader.row_cells = g_array_new (FALSE, FALSE, sizeof (guint));
  reader.note_parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader.note_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader.notes = g_ptr_array_new ();

  if (!load_part (zip, &reader, "word/styles.xml", &styles, error) ||
      !load_part (zip, &reader, "word/footnotes.xml", &footnotes, error) ||
      !load_part (zip, &reader, "word/endnotes.xml", &endnotes, error))
    goto out;
  if (styles != NULL)
    read_styles (&reader, styles);
  index_notes (&reader, footnotes, "footnote", 'f');
  index_notes (&reader, endnotes, "endnote", 'e');

  for (xmlNode *child = body->children; child != NULL; child = child->next)
    _grd_import_walk_tree (child, enter_node, leave_node, &reader);

  _grd_import_append_notes (builder, reader.notes, &reader.note_marker, enter_node, leave_node,
                            &reader);
  grd_import_builder_end_block (builder);
  ok = TRUE;

out:
  g_clear_pointer (&reader.styles, g_hash_table_unref);
  g_clear_pointer (&reader.row_cells, g_array_unref);
  g_clear_pointer (&reader.note_parts, g_hash_table_unref);
  g_clear_pointer (&reader.note_numbers, g_hash_table_unref);
  g_clear_pointer (&reader.notes, g_ptr_array_unref);
  g_free (reader.note_marker);
  xmlFreeDoc (styles);
  xmlFreeDoc (footnotes);
  xmlFreeDoc (endnotes);
  xmlFreeDoc (document);
  return ok;
}
