/* grd-import-html.c: HTML transcripts through libxml2's HTML parser
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>

#include "grd-import-private.h"


/* The charset a document declares in a <meta> near its start (HTML5's
 * prescan looks at the first 1024 bytes), or NULL. */
static char *
find_declared_charset (const char *data,
                       gsize       len)
{
  g_autofree char *head = g_ascii_strdown (data, MIN (len, 1024));
  const char *p = head;

  while ((p = strstr (p, "charset")) != NULL)
    {
      const char *start;

      p += strlen ("charset");
      while (*p == ' ')
        p++;
      if (*p != '=')
        continue;
      p++;
      while (*p == ' ' || *p == '"' || *p == '\'')
        p++;

      start = p;
      while (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || *p == ':' || *p == '.')
        p++;
      if (p > start)
        return g_ascii_strup (start, p - start);
    }

  return NULL;
}

/* The labels of UTF-16 and UTF-32 (the WHATWG's list for UTF-16, and
 * iconv's own names). */
static gboolean
is_wide_label (const char *label)
{
  static const char * const prefixes[] = {
    "UTF-16", "UTF16", "UTF-32", "UTF32", "UCS-2", "UCS2", "UCS-4", "UCS4", "UNICODE",
    "ISO-10646-UCS-", "CSUNICODE", NULL
  };

  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_str_has_prefix (label, prefixes[i]))
      return TRUE;
  return FALSE;
}

/* libxml2 is handed UTF-8 only, decoded here: so that an encoding error
 * names its byte in the file, and a document without a declaration gets
 * the same detection as a .txt instead of libxml2's Latin-1 guess. */
static char *
decode_html (GBytes      *bytes,
             const char  *file_name,
             char       **encoding,
             GError     **error)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *declared = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize bytes_read = 0;
  gsize text_len = 0;
  const char *charset;
  const char *nul;
  char *text;

  if (data == NULL)
    data = "";

  /* A byte order mark outranks a declaration, as in browsers. */
  if ((len >= 2 && ((guchar) data[0] == 0xFF || (guchar) data[0] == 0xFE)) ||
      (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0))
    return grd_import_decode_text (bytes, file_name, encoding, error);

  declared = find_declared_charset (data, len);
  if (declared == NULL)
    return grd_import_decode_text (bytes, file_name, encoding, error);

  /* A page that says it is UTF-8 and is not is damaged, not in some other
   * encoding to be guessed: iconv checks it like any other. The HTML
   * standard reads a UTF-16 or UTF-32 label on bytes that carry the label
   * in ASCII (no byte order mark, or the prescan could not have read it)
   * as UTF-8 too. */
  if (g_str_equal (declared, "UTF8") || is_wide_label (declared))
    {
      g_free (declared);
      declared = g_strdup ("UTF-8");
    }

  /* UTF-7 smuggles markup past anything that reads the bytes as ASCII
   * ("+ADw-script+AD4-"); no browser decodes it, nor does Grounded. */
  if (g_str_equal (declared, "UTF-7") || g_str_equal (declared, "UTF7"))
    {
      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_ENCODING,
                   /* Translators: a file name */
                   _("%s: the document declares UTF-7, which is not read for safety"),
                   file_name);
      return NULL;
    }

  /* iconv passes a NUL through, which would cut the text short. */
  nul = memchr (data, '\0', len);
  if (nul != NULL)
    {
      _grd_import_set_nul_error (error, file_name, (gsize) (nul - data));
      return NULL;
    }

  charset = _grd_import_windows_charset (declared);
  text = g_convert (data, len, "UTF-8", charset, &bytes_read, &text_len, &local_error);
  if (text == NULL)
    {
      if (g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
        g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_ENCODING,
                     /* Translators: a file name, then an encoding name from the file */
                     _("%s: the document declares the unknown encoding “%s”"),
                     file_name, declared);
      else
        _grd_import_set_invalid_error (error, file_name, charset, bytes_read);
      return NULL;
    }

  /* A declared encoding that is not ASCII-compatible (UTF-16 under some
   * other name, EBCDIC) can make a character zero of bytes that were not:
   * the text must not be cut short there either. Encoding the text before
   * it again gives the NUL's place in the file. */
  nul = memchr (text, '\0', text_len);
  if (nul != NULL)
    {
      gsize offset = 0;
      g_autofree char *before = g_convert (text, nul - text, charset, "UTF-8", NULL, &offset,
                                           NULL);

      _grd_import_set_nul_error (error, file_name, before != NULL ? offset : 0);
      g_free (text);
      return NULL;
    }

  if (encoding != NULL)
    *encoding = g_strdup (charset);
  return text;
}

typedef struct {
  GrdImportBuilder *builder;
  guint             pre_depth;
  guint             list_depth;  /* counted on the way, not by asking each item's ancestors */
} HtmlWalk;

static gboolean
name_is (xmlNode    *node,
         const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static gboolean
name_in (xmlNode            *node,
         const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (name_is (node, names[i]))
      return TRUE;
  return FALSE;
}

/* Elements that hold no text for a reader. */
static const char * const skipped[] = {
  "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
  "math", "canvas", "audio", "video", "select", "button", NULL
};

static const char * const blocks[] = {
  "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote",
  "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "caption", "figure",
  "figcaption", "address", "hr", "form", "fieldset", "details", "summary", "body", "html", NULL
};

static gboolean
follows_cell (xmlNode *node)
{
  for (xmlNode *prev = node->prev; prev != NULL; prev = prev->prev)
    if (name_is (prev, "td") || name_is (prev, "th"))
      return TRUE;
  return FALSE;
}

/* Called on entering an element; returns the range to close on leaving
 * it, and in *descend whether its content is read. */
static guint
enter_element (HtmlWalk *walk,
               xmlNode  *node,
               gboolean *descend)
{
  GrdImportBuilder *builder = walk->builder;
  const char *name = (const char *) node->name;

  *descend = TRUE;

  if (name_in (node, skipped))
    {
      *descend = FALSE;
      return GRD_IMPORT_NO_TOKEN;
    }

  if (name_is (node, "img"))
    {
      grd_import_builder_drop (builder, _("image"), _("sources hold text"));
      return GRD_IMPORT_NO_TOKEN;
    }
  if (name_is (node, "br"))
    {
      grd_import_builder_newline (builder);
      return GRD_IMPORT_NO_TOKEN;
    }
  if (name_is (node, "b") || name_is (node, "strong"))
    grd_import_builder_push_style (builder, GRD_FORMAT_BOLD);
  else if (name_is (node, "i") || name_is (node, "em") || name_is (node, "cite"))
    grd_import_builder_push_style (builder, GRD_FORMAT_ITALIC);
  else if (name_is (node, "u") || name_is (node, "ins"))
    grd_import_builder_push_style (builder, GRD_FORMAT_UNDERLINE);
  else if (name_is (node, "pre"))
    {
      grd_import_builder_end_block (builder);
      walk->pre_depth++;
    }
  else if (g_ascii_tolower (name[0]) == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0')
    {
      grd_import_builder_end_block (builder);
      return grd_import_builder_begin_range (builder, GRD_FORMAT_HEADING, name[1] - '0');
    }
  else if (name_is (node, "li"))
    {
      grd_import_builder_end_block (builder);
      return grd_import_builder_begin_range (builder, GRD_FORMAT_LIST_ITEM,
                                             (gint) MAX (walk->list_depth, 1));
    }
  else if (name_is (node, "tr"))
    grd_import_builder_end_block (builder);
  else if (name_is (node, "ul") || name_is (node, "ol"))
    {
      grd_import_builder_end_block (builder);
      walk->list_depth++;
    }
  else if (name_is (node, "td") || name_is (node, "th"))
    {
      if (follows_cell (node))
        grd_import_builder_append (builder, "\t", 1);
      return grd_import_builder_begin_range (builder, GRD_FORMAT_TABLE_CELL, 0);
    }
  else if (name_in (node, blocks))
    grd_import_builder_end_block (builder);

  return GRD_IMPORT_NO_TOKEN;
}

static void
leave_element (HtmlWalk *walk,
               xmlNode  *node,
               guint     range)
{
  GrdImportBuilder *builder = walk->builder;

  if (range != GRD_IMPORT_NO_TOKEN)
    grd_import_builder_end_range (builder, range);

  if (name_is (node, "b") || name_is (node, "strong"))
    grd_import_builder_pop_style (builder, GRD_FORMAT_BOLD);
  else if (name_is (node, "i") || name_is (node, "em") || name_is (node, "cite"))
    grd_import_builder_pop_style (builder, GRD_FORMAT_ITALIC);
  else if (name_is (node, "u") || name_is (node, "ins"))
    grd_import_builder_pop_style (builder, GRD_FORMAT_UNDERLINE);
  else if (name_is (node, "pre"))
    {
      walk->pre_depth--;
      grd_import_builder_end_block (builder);
    }
  else if (name_is (node, "ul") || name_is (node, "ol"))
    {
      walk->list_depth--;
      grd_import_builder_end_block (builder);
    }
  else if (!name_is (node, "td") && !name_is (node, "th") &&
           (name_is (node, "tr") || name_in (node, blocks) || range != GRD_IMPORT_NO_TOKEN))
    grd_import_builder_end_block (builder);  /* headings and list items have a range */
}

static gboolean
enter_node (xmlNode  *node,
            guint    *token,
            gpointer  user_data)
{
  HtmlWalk *walk = user_data;
  gboolean descend = FALSE;

  if (node->type == XML_ELEMENT_NODE)
    *token = enter_element (walk, node, &descend);
  else if ((node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) &&
           node->content != NULL)
    {
      const char *content = (const char *) node->content;

      if (walk->pre_depth > 0)
        grd_import_builder_append (walk->builder, content, -1);
      else
        grd_import_builder_append_collapsed (walk->builder, content, -1);
    }

  return descend;
}

static void
leave_node (xmlNode  *node,
            guint     token,
            gpointer  user_data)
{
  if (node->type == XML_ELEMENT_NODE)
    leave_element (user_data, node, token);
}

gboolean
_grd_import_read_html (GBytes            *bytes,
                       const char        *file_name,
                       GrdImportBuilder  *builder,
                       GError           **error)
{
  g_autofree char *encoding = NULL;
  g_autofree char *text = decode_html (bytes, file_name, &encoding, error);
  HtmlWalk walk = { builder, 0, 0 };
  htmlParserCtxtPtr context;
  htmlDocPtr doc;
  xmlNode *root;
  gsize len;

  if (text == NULL)
    return FALSE;

  len = strlen (text);
  if (len > G_MAXINT)
    {
      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_TOO_LARGE,
                   _("%s: the document is too large"), file_name);
      return FALSE;
    }

  /* The HTML parser recovers from any markup, as browsers do, and never
   * fetches anything (NONET). */
  context = htmlNewParserCtxt ();
  if (context == NULL)
    g_error ("libxml2 cannot allocate a parser");
  doc = htmlCtxtReadMemory (context, text, (int) len, NULL, "UTF-8",
                            HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                            HTML_PARSE_NOIMPLIED | HTML_PARSE_COMPACT);

  /* The one thing it does not recover from is elements nested deeper
   * than its limit (256 without HUGE): it stops there, and the document
   * it returns ends at that point. Importing that would lose the rest of
   * the text without a word. */
  if (context->instate == XML_PARSER_EOF)
    {
      const xmlError *xml_error = xmlCtxtGetLastError (context);

      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_MALFORMED,
                   /* Translators: a file name, a line number and libxml2's message */
                   _("%s: the HTML parser stopped at line %d (%s); the rest of the document "
                     "would be lost"),
                   file_name, xml_error != NULL ? xml_error->line : 0,
                   xml_error != NULL && xml_error->message != NULL
                   ? g_strstrip (xml_error->message) : "?");
      htmlFreeParserCtxt (context);
      if (doc != NULL)
        xmlFreeDoc (doc);
      return FALSE;
    }
  htmlFreeParserCtxt (context);

  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_EMPTY,
                   /* Translators: %s is a file name */
                   _("%s: the file contains no text"), file_name);
      return FALSE;
    }

  /* With NOIMPLIED, text before the first element has its own siblings
   * of the root; the walk starts at the first child of the document. */
  grd_import_builder_set_encoding (builder, encoding);
  for (xmlNode *top = doc->children; top != NULL; top = top->next)
    _grd_import_walk_tree (top, enter_node, leave_node, &walk);
  grd_import_builder_end_block (builder);

  xmlFreeDoc (doc);
  return TRUE;
}
