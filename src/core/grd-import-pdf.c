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

/* The letters of a word that ends at end (going back from it) or starts
 * at start: what a broken word's two halves are made of. */
static const char *
word_start_before (const char *line,
                   const char *end)
{
  const char *start = end;

  while (start > line)
    {
      const char *prev = g_utf8_find_prev_char (line, start);

      if (prev == NULL || !g_unichar_isalpha (g_utf8_get_char (prev)))
        break;
      start = prev;
    }
  return start;
}

static const char *
word_end_after (const char *start)
{
  const char *end = start;

  while (*end != '\0' && g_unichar_isalpha (g_utf8_get_char (end)))
    end = g_utf8_next_char (end);
  return end;
}

/* Every word of the document, case-folded: a hyphen at a line end is a
 * typesetter's only if the word it broke appears whole somewhere. */
static void
collect_words (GHashTable *words,
               const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *end;

      if (!g_unichar_isalpha (g_utf8_get_char (p)))
        {
          p = g_utf8_next_char (p);
          continue;
        }
      end = word_end_after (p);
      g_hash_table_add (words, g_utf8_casefold (p, end - p));
      p = end;
    }
}

typedef enum {
  NOT_BROKEN,
  JOIN_DROPPING_HYPHEN,
  JOIN_KEEPING_HYPHEN,
} LineBreak;

/* What to do with a line that ends in a hyphen after a letter, the next
 * starting with a lower-case letter: a soft hyphen (U+00AD) marks where a
 * word may break, so it goes; a hyphen (U+2010) is part of the word, so it
 * stays; '-' is either, and goes only when the document spells the word
 * whole elsewhere ("trans-" + "cript"), not in "well-" + "known". */
static LineBreak
classify_line_end (const char *line,
                   gsize       len,
                   const char *next,
                   GHashTable *words)
{
  const char *last;
  const char *word;
  gunichar hyphen;
  g_autofree char *joined = NULL;
  g_autofree char *folded = NULL;

  if (len < 2 || next == NULL || !g_unichar_islower (g_utf8_get_char (next)))
    return NOT_BROKEN;

  last = g_utf8_find_prev_char (line, line + len);
  hyphen = last != NULL ? g_utf8_get_char (last) : 0;
  if (hyphen != '-' && hyphen != 0x00AD && hyphen != 0x2010)
    return NOT_BROKEN;
  word = word_start_before (line, last);
  if (word == last)
    return NOT_BROKEN;

  if (hyphen == 0x00AD)
    return JOIN_DROPPING_HYPHEN;
  if (hyphen == 0x2010)
    return JOIN_KEEPING_HYPHEN;

  joined = g_strdup_printf ("%.*s%.*s", (int) (last - word), word,
                            (int) (word_end_after (next) - next), next);
  folded = g_utf8_casefold (joined, -1);
  return g_hash_table_contains (words, folded) ? JOIN_DROPPING_HYPHEN : JOIN_KEEPING_HYPHEN;
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
 * lines is joined, the next line's indent dropped. */
static void
append_page_text (GrdImportBuilder *builder,
                  const char       *text,
                  GHashTable       *words)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean continued = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *next = lines[i + 1];
      gsize len;

      /* A line that continues a broken word starts where the word goes on. */
      if (continued)
        line += strspn (line, " ");
      len = strlen (line);
      while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\r'))
        len--;
      if (next != NULL)
        next += strspn (next, " ");

      switch (classify_line_end (line, len, next, words))
        {
        case JOIN_DROPPING_HYPHEN:
          append_line (builder, line, g_utf8_find_prev_char (line, line + len) - line);
          continued = TRUE;
          break;

        case JOIN_KEEPING_HYPHEN:
          append_line (builder, line, len);
          continued = TRUE;
          break;

        case NOT_BROKEN:
        default:
          append_line (builder, line, len);
          grd_import_builder_end_block (builder);
          continued = FALSE;
          break;
        }
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

  return text;
}

static gboolean
read_document (PopplerDocument   *document,
               const char        *file_name,
               GrdImportBuilder  *builder,
               GError           **error)
{
  int n_pages = poppler_document_get_n_pages (document);
  g_autoptr(GPtrArray) pages = g_ptr_array_new_full ((guint) MAX (n_pages, 0), g_free);
  g_autoptr(GHashTable) words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean has_text = FALSE;

  /* All pages first: a hyphen on page 3 is judged by the words of all. */
  for (int i = 0; i < n_pages; i++)
    {
      char *text = read_page_text (document, i);

      /* Poppler writes UTF-8 from the font's own tables, which a hostile
       * file controls: what is not valid becomes U+FFFD, and the report
       * says so, rather than the page going missing. */
      if (text != NULL && !g_utf8_validate (text, -1, NULL))
        {
          char *valid = g_utf8_make_valid (text, -1);

          g_free (text);
          text = valid;
          grd_import_builder_drop (builder, _("page with invalid text"),
                                   _("its fonts map some letters to no character; each "
                                     "became “�”"));
        }
      if (text != NULL)
        collect_words (words, text);
      g_ptr_array_add (pages, text);
    }

  for (int i = 0; i < n_pages; i++)
    {
      const char *text = g_ptr_array_index (pages, i);
      guint range;

      if (text == NULL)
        continue;

      /* A page's range starts at its first character, so a quote's page
       * is the range that holds its start. */
      range = grd_import_builder_begin_range (builder, GRD_FORMAT_PAGE, i + 1);
      append_page_text (builder, text, words);
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
