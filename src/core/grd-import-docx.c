/* grd-import-docx.c: Word (OOXML) transcripts
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A .docx is a zip of XML parts; the text is in word/document.xml, the
 * styles that make a paragraph a heading or a run bold in word/styles.xml,
 * footnotes and endnotes in their own parts. What a reader sees is kept:
 * tracked insertions are text, tracked deletions are not; comments,
 * drawings and field codes are left out, and the report says so. */

#define G_LOG_DOMAIN "grd-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "grd-import-private.h"

#define W_NS        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_STRICT_NS "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define MC_NS       "http://schemas.openxmlformats.org/markup-compatibility/2006"

#define MAX_STYLE_DEPTH 16   /* basedOn chains; Word's own are 2 or 3 long */

typedef enum { UNSET = -1, OFF = 0, ON = 1 } Toggle;

typedef struct {
  char   *based_on;
  gint    heading;       /* 0: not a heading */
  Toggle  bold;
  Toggle  italic;
  Toggle  underline;
} DocxStyle;

typedef struct {
  const char       *file_name;
  GrdImportBuilder *builder;
  GHashTable       *styles;       /* style id -> DocxStyle */
  GArray           *row_cells;    /* cells seen in each open table row */
  GPtrArray        *notes;        /* "f12" / "e3": notes in the order cited */
  char             *note_marker;  /* "[2]", for the next paragraph's start */
} DocxReader;

static void
docx_style_free (DocxStyle *style)
{
  g_free (style->based_on);
  g_free (style);
}

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
static Toggle
read_toggle (xmlNode    *props,
             const char *name)
{
  xmlNode *node = props != NULL ? find_child (props, name) : NULL;
  g_autofree char *val = NULL;

  if (node == NULL)
    return UNSET;

  val = get_val (node);
  if (val == NULL)
    return ON;
  if (g_str_equal (name, "u"))
    return g_str_equal (val, "none") ? OFF : ON;
  return g_str_equal (val, "0") || g_str_equal (val, "false") || g_str_equal (val, "off")
         ? OFF : ON;
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
      DocxStyle *style;
      xmlNode *child;

      if (!is_w (node, "style"))
        continue;
      id = _grd_import_xml_get (node, (const char *) node->ns->href, "styleId");
      if (id == NULL)
        continue;

      style = g_new0 (DocxStyle, 1);
      if ((child = find_child (node, "basedOn")) != NULL)
        style->based_on = get_val (child);
      if ((child = find_child (node, "name")) != NULL)
        {
          g_autofree char *name = get_val (child);

          style->heading = heading_from_name (name);
        }
      if (style->heading == 0)
        style->heading = read_outline_level (find_child (node, "pPr"));
      child = find_child (node, "rPr");
      style->bold = read_toggle (child, "b");
      style->italic = read_toggle (child, "i");
      style->underline = read_toggle (child, "u");

      g_hash_table_replace (reader->styles, g_steal_pointer (&id), style);
    }
}

/* A style's settings with what it inherits filled in; a loop in basedOn
 * (a damaged file) ends the chain. */
static DocxStyle
resolve_style (DocxReader *reader,
               const char *id)
{
  DocxStyle resolved = { NULL, -1, UNSET, UNSET, UNSET };

  for (guint depth = 0; id != NULL && depth < MAX_STYLE_DEPTH; depth++)
    {
      DocxStyle *style = g_hash_table_lookup (reader->styles, id);

      if (style == NULL)
        break;
      if (resolved.heading < 0 && style->heading > 0)
        resolved.heading = style->heading;
      if (resolved.bold == UNSET)
        resolved.bold = style->bold;
      if (resolved.italic == UNSET)
        resolved.italic = style->italic;
      if (resolved.underline == UNSET)
        resolved.underline = style->underline;
      id = style->based_on;
    }

  resolved.heading = MAX (resolved.heading, 0);
  return resolved;
}

static DocxStyle
paragraph_style (DocxReader *reader,
                 xmlNode    *paragraph)
{
  xmlNode *props = find_child (paragraph, "pPr");
  xmlNode *style_node = props != NULL ? find_child (props, "pStyle") : NULL;
  g_autofree char *id = style_node != NULL ? get_val (style_node) : NULL;

  return resolve_style (reader, id);
}

static Toggle
pick (Toggle direct,
      Toggle from_run_style,
      Toggle from_paragraph_style)
{
  if (direct != UNSET)
    return direct;
  if (from_run_style != UNSET)
    return from_run_style;
  return from_paragraph_style;
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
  DocxStyle run_style = resolve_style (reader, id);
  DocxStyle para_style = { NULL, 0, UNSET, UNSET, UNSET };
  xmlNode *paragraph;

  for (paragraph = run->parent; paragraph != NULL; paragraph = paragraph->parent)
    if (is_w (paragraph, "p"))
      break;
  if (paragraph != NULL)
    para_style = paragraph_style (reader, paragraph);

  grd_import_builder_set_style (reader->builder, GRD_FORMAT_BOLD,
                                pick (read_toggle (props, "b"), run_style.bold,
                                      para_style.bold) == ON);
  grd_import_builder_set_style (reader->builder, GRD_FORMAT_ITALIC,
                                pick (read_toggle (props, "i"), run_style.italic,
                                      para_style.italic) == ON);
  grd_import_builder_set_style (reader->builder, GRD_FORMAT_UNDERLINE,
                                pick (read_toggle (props, "u"), run_style.underline,
                                      para_style.underline) == ON);
}

static gboolean
in_table_cell (xmlNode *paragraph)
{
  return paragraph->parent != NULL && is_w (paragraph->parent, "tc");
}

/* Paragraphs in one table cell are joined by a space: a row stays a line. */
static gboolean
follows_paragraph_in_cell (xmlNode *paragraph)
{
  for (xmlNode *prev = paragraph->prev; prev != NULL; prev = prev->prev)
    if (is_w (prev, "p") || is_w (prev, "tbl"))
      return TRUE;
  return FALSE;
}

static guint
enter_paragraph (DocxReader *reader,
                 xmlNode    *paragraph)
{
  GrdImportBuilder *builder = reader->builder;
  xmlNode *props = find_child (paragraph, "pPr");
  xmlNode *numbering = props != NULL ? find_child (props, "numPr") : NULL;
  DocxStyle style = paragraph_style (reader, paragraph);
  gint heading = read_outline_level (props);
  guint range = GRD_IMPORT_NO_TOKEN;

  if (in_table_cell (paragraph))
    {
      if (follows_paragraph_in_cell (paragraph))
        grd_import_builder_append_collapsed (builder, " ", 1);
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

  if (reader->note_marker != NULL)
    {
      grd_import_builder_append (builder, reader->note_marker, -1);
      grd_import_builder_append_collapsed (builder, " ", 1);
      g_clear_pointer (&reader->note_marker, g_free);
    }

  return range;
}

static void
cite_note (DocxReader *reader,
           xmlNode    *reference,
           char        kind)
{
  g_autofree char *id = _grd_import_xml_get (reference, (const char *) reference->ns->href, "id");
  g_autofree char *marker = NULL;

  if (id == NULL)
    return;

  g_ptr_array_add (reader->notes, g_strdup_printf ("%c%s", kind, id));
  marker = g_strdup_printf ("[%u]", reader->notes->len);
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
      grd_import_builder_drop (builder, _("image"), _("sources hold text"));
      return FALSE;
    }
  else if (is_w (node, "tbl"))
    grd_import_builder_end_block (builder);
  else if (is_w (node, "tr"))
    {
      guint n_cells = 0;

      grd_import_builder_end_block (builder);
      g_array_append_val (reader->row_cells, n_cells);
    }
  else if (is_w (node, "tc") && reader->row_cells->len > 0)
    {
      guint *n_cells = &g_array_index (reader->row_cells, guint, reader->row_cells->len - 1);

      if ((*n_cells)++ > 0)
        grd_import_builder_append (builder, "\t", 1);
      *token = grd_import_builder_begin_range (builder, GRD_FORMAT_TABLE_CELL, 0);
    }
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
    {
      g_array_set_size (reader->row_cells, reader->row_cells->len - 1);
      grd_import_builder_end_block (reader->builder);
    }
}

static xmlNode *
find_note (xmlDoc     *doc,
           const char *element,
           const char *id)
{
  for (xmlNode *node = xmlDocGetRootElement (doc)->children; node != NULL; node = node->next)
    {
      g_autofree char *node_id = NULL;

      if (!is_w (node, element))
        continue;
      node_id = _grd_import_xml_get (node, (const char *) node->ns->href, "id");
      if (g_strcmp0 (node_id, id) == 0)
        return node;
    }

  return NULL;
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

/* Footnotes and endnotes come after the text, numbered as cited. */
static gboolean
append_notes (GrdZipReader  *zip,
              DocxReader    *reader,
              GError       **error)
{
  xmlDoc *footnotes = NULL;
  xmlDoc *endnotes = NULL;
  gboolean ok = FALSE;

  if (reader->notes->len == 0)
    return TRUE;

  if (!load_part (zip, reader, "word/footnotes.xml", &footnotes, error) ||
      !load_part (zip, reader, "word/endnotes.xml", &endnotes, error))
    goto out;

  /* Only notes the text cites: one that cites itself must not loop. */
  for (guint i = 0, n = reader->notes->len; i < n; i++)
    {
      const char *cited = g_ptr_array_index (reader->notes, i);
      xmlDoc *doc = cited[0] == 'f' ? footnotes : endnotes;
      xmlNode *note = doc != NULL ? find_note (doc, cited[0] == 'f' ? "footnote" : "endnote",
                                               cited + 1)
                                  : NULL;
      g_autofree char *marker = g_strdup_printf ("[%u]", i + 1);

      if (note == NULL)
        continue;

      grd_import_builder_end_block (reader->builder);
      grd_import_builder_set_style (reader->builder, GRD_FORMAT_BOLD, FALSE);
      grd_import_builder_set_style (reader->builder, GRD_FORMAT_ITALIC, FALSE);
      grd_import_builder_set_style (reader->builder, GRD_FORMAT_UNDERLINE, FALSE);
      /* The marker and the note's first paragraph share a line. */
      g_free (reader->note_marker);
      reader->note_marker = g_steal_pointer (&marker);
      for (xmlNode *child = note->children; child != NULL; child = child->next)
        _grd_import_walk_tree (child, enter_node, leave_node, reader);
      g_clear_pointer (&reader->note_marker, g_free);
    }
  ok = TRUE;

out:
  xmlFreeDoc (footnotes);
  xmlFreeDoc (endnotes);
  return ok;
}

gboolean
_grd_import_read_docx (GBytes            *bytes,
                       const char        *file_name,
                       GrdImportBuilder  *builder,
                       GError           **error)
{
  g_autoptr(GrdZipReader) zip = NULL;
  g_autoptr(GBytes) contents = NULL;
  DocxReader reader = { file_name, builder, NULL, NULL, NULL, NULL };
  xmlDoc *styles = NULL;
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

  reader.styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) docx_style_free);
  reader.row_cells = g_array_new (FALSE, FALSE, sizeof (guint));
  reader.notes = g_ptr_array_new_with_free_func (g_free);

  if (!load_part (zip, &reader, "word/styles.xml", &styles, error))
    goto out;
  if (styles != NULL)
    read_styles (&reader, styles);

  for (xmlNode *child = body->children; child != NULL; child = child->next)
    _grd_import_walk_tree (child, enter_node, leave_node, &reader);

  ok = append_notes (zip, &reader, error);
  grd_import_builder_end_block (builder);

out:
  g_clear_pointer (&reader.styles, g_hash_table_unref);
  g_clear_pointer (&reader.row_cells, g_array_unref);
  g_clear_pointer (&reader.notes, g_ptr_array_unref);
  g_free (reader.note_marker);
  xmlFreeDoc (styles);
  xmlFreeDoc (document);
  return ok;
}
