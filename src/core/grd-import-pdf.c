/* grd-import-pdf.c: PDF transcripts through poppler-glib
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "grd-import-private.h"

/* Typesetting ligatures (U+FB00-FB06) are one glyph for two or three
 * letters; a researcher searches for "find", not for "ﬁnd". */
static const char *
expand_ligature (gunichar c)
{
  switch (c)
    {
    case 0xFB00: return "ff";
    case 0xFB01: return "fi";
    case 0xFB02: return "fl";
    case 0xFB03: return "ffi";
    case 0xFB04: return "ffl";
    case 0xFB05: return "st";   /* long s + t */
    case 0xFB06: return "st";
    default: return NULL;
    }
}

static gboolean
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x00AD || c == 0x2010;
}

/* "trans-" at a line end with "cript" starting the next one is a word the
 * typesetter broke: the hyphen goes. "well-" before "Known" or "2" stays,
 * as does a dash after a space. */
static gboolean
ends_in_broken_word (const char *line,
                     gsize       len,
                     const char *next)
{
  const char *last;
  const char *before;

  if (len < 2 || next == NULL)
    return FALSE;

  last = g_utf8_find_prev_char (line, line + len);
  if (last == NULL || !is_hyphen (g_utf8_get_char (last)))
    return FALSE;
  before = g_utf8_find_prev_char (line, last);
  if (before == NULL || !g_unichar_isalpha (g_utf8_get_char (before)))
    return FALSE;

  return g_unichar_islower (g_utf8_get_char (next));
}

static void
append_line (GrdImportBuilder *builder,
             const char       *line,
             gsize             len)
{
  const char *p = line;
  const char *run = line;
  const char *end = line + len;

  while (p < end)
    {
      const char *ligature = expand_ligature (g_utf8_get_char (p));
      const char *next = g_utf8_next_char (p);

      if (ligature != NULL)
        {
          grd_import_builder_append_collapsed (builder, run, p - run);
          grd_import_builder_append_collapsed (builder, ligature, -1);
          run = next;
        }
      p = next;
    }
  grd_import_builder_append_collapsed (builder, run, end - run);
}

/* Lines stay lines (turns are found by line); a word broken over two
 * lines is joined, its hyphen dropped. */
static void
append_page_text (GrdImportBuilder *builder,
                  const char       *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      gsize len = strlen (line);
      const char *next = lines[i + 1];

      /* Lines after a broken word start where the word ends. */
      while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\r'))
        len--;
      if (next != NULL)
        next += strspn (next, " ");

      if (ends_in_broken_word (line, len, next))
        {
          const char *hyphen = g_utf8_find_prev_char (line, line + len);

          append_line (builder, line, hyphen - line);
          continue;
        }

      append_line (builder, line, len);
      grd_import_builder_end_block (builder);
    }
}

/* Poppler 22.12 defines no autoptr cleanups for its types. */
static char *
read_page_text (PopplerDocument *document,
                int              index)
{
  PopplerPage *page = poppler_document_get_page (document, index);
  char *text;

  if (page == NULL)
    return NULL;

  text = poppler_page_get_text (page);
  g_object_unref (page);

  /* Poppler writes UTF-8 from the font's own tables, which a hostile file
   * controls; what is not valid text is not taken. */
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    g_clear_pointer (&text, g_free);

  return text;
}

static gboolean
read_document (PopplerDocument   *document,
               const char        *file_name,
               GrdImportBuilder  *builder,
               GError           **error)
{
  int n_pages = poppler_document_get_n_pages (document);
  gboolean has_text = FALSE;

  for (int i = 0; i < n_pages; i++)
    {
      g_autofree char *text = read_page_text (document, i);
      guint range;

      if (text == NULL)
        continue;

      /* A page's range starts at its first character, so a quote's page
       * is the range that holds its start. */
      range = grd_import_builder_begin_range (builder, GRD_FORMAT_PAGE, i + 1);
      append_page_text (builder, text);
      grd_import_builder_end_range (builder, range);

      has_text = has_text || text[strspn (text, " \t\r\n\f")] != '\0';
    }

  if (!has_text)
    {
      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_NO_TEXT,
                   /* Translators: %s is a file name */
                   _("%s: the PDF has no text, only images of pages (a scan?); "
                     "run text recognition (OCR) on it first"),
                   file_name);
      return FALSE;
    }

  return TRUE;
}

gboolean
_grd_import_read_pdf (GBytes            *bytes,
                      const char        *file_name,
                      GrdImportBuilder  *builder,
                      GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *document;
  gboolean ok;

  document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  if (document == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_ENCRYPTED,
                     /* Translators: %s is a file name */
                     _("%s: the PDF is encrypted with a password; save an unprotected copy "
                       "and import that"),
                     file_name);
      else
        g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_MALFORMED,
                     /* Translators: a file name, then the PDF library's reason */
                     _("%s: not a readable PDF (%s)"),
                     file_name, local_error->message);
      return FALSE;
    }

  ok = read_document (document, file_name, builder, error);
  g_object_unref (document);
  return ok;
}
