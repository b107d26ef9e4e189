/* grd-import-text.c: plain text and Markdown, and decoding text bytes
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-import"

#include "config.h"

#include <string.h>
#include <cmark.h>
#include <glib/gi18n-lib.h>
#include <uchardet/uchardet.h>

#include "grd-import-private.h"

void
_grd_import_set_invalid_error (GError     **error,
                               const char  *file_name,
                               const char  *charset,
                               gsize        offset)
{
  g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_ENCODING,
               /* Translators: the first %s is a file name, the second an
                * encoding such as “UTF-8”, %lu a byte offset in the file */
               _("%s: invalid %s at byte %lu"),
               file_name, charset, (gulong) offset);
}

void
_grd_import_set_nul_error (GError     **error,
                           const char  *file_name,
                           gsize        offset)
{
  /* Most often this is a binary file or UTF-16 without a byte order mark;
   * either way the text would be cut short at the NUL. */
  g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_ENCODING,
               /* Translators: %s is a file name, %lu a byte offset */
               _("%s: NUL character at byte %lu; this does not look like a text file"),
               file_name, (gulong) offset);
}

const char *
_grd_import_windows_charset (const char *charset)
{
  /* Each label on the left names a subset of what Windows writes under
   * it: a Japanese Windows file is CP932 whatever a detector or a page
   * calls it, and iconv's SHIFT_JIS refuses its extra characters (①, ㈱,
   * NEC and IBM kanji). The WHATWG encoding standard maps these labels the
   * same way, Latin-1 included ("smart quotes" in 0x80-0x9F). */
  static const struct {
    const char *label;
    const char *charset;
  } supersets[] = {
    { "SHIFT_JIS", "CP932" },
    { "SHIFT-JIS", "CP932" },
    { "SJIS", "CP932" },
    { "MS_KANJI", "CP932" },
    { "EUC-KR", "CP949" },
    { "GB2312", "GB18030" },
    { "GBK", "GB18030" },
    { "BIG5", "CP950" },
    { "ISO-8859-1", "WINDOWS-1252" },
    { "ISO8859-1", "WINDOWS-1252" },
    { "LATIN1", "WINDOWS-1252" },
    { "US-ASCII", "WINDOWS-1252" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (supersets); i++)
    if (g_ascii_strcasecmp (charset, supersets[i].label) == 0)
      return supersets[i].charset;

  return charset;
}

/* CRLF (Windows) and lone CR (classic Mac OS) both become LF, in place;
 * the text only shrinks. Offsets are counted in the result, so this must
 * happen before anything is stored. */
static void
normalise_line_ends (char  *text,
                     gsize *len)
{
  gsize w = 0;

  for (gsize r = 0; r < *len; r++)
    {
      if (text[r] == '\r')
        {
          text[w++] = '\n';
          if (r + 1 < *len && text[r + 1] == '\n')
            r++;
        }
      else
        {
          text[w++] = text[r];
        }
    }

  text[w] = '\0';
  *len = w;
}

static char *
finish (char  *text,
        gsize  len)
{
  normalise_line_ends (text, &len);
  return text;
}

/* UTF-16 and UTF-32 are checked by hand before converting so that an error
 * names the byte in the file, which iconv cannot: it reports a position in
 * its own buffers, and a NUL would come back as a valid character. */
static gboolean
check_wide (const guchar  *data,
            gsize          len,
            gsize          base,
            guint          unit,
            gboolean       big_endian,
            const char    *charset,
            const char    *file_name,
            GError       **error)
{
  gsize i = 0;

  while (i + unit <= len)
    {
      guint32 value;

      if (unit == 2)
        value = big_endian ? (guint32) (data[i] << 8 | data[i + 1])
                           : (guint32) (data[i + 1] << 8 | data[i]);
      else
        value = big_endian ? ((guint32) data[i] << 24 | (guint32) data[i + 1] << 16 |
                              (guint32) data[i + 2] << 8 | data[i + 3])
                           : ((guint32) data[i + 3] << 24 | (guint32) data[i + 2] << 16 |
                              (guint32) data[i + 1] << 8 | data[i]);

      if (value == 0)
        {
          _grd_import_set_nul_error (error, file_name, base + i);
          return FALSE;
        }

      if (unit == 2 && value >= 0xD800 && value <= 0xDBFF)
        {
          guint32 low;

          if (i + 4 > len)
            {
              _grd_import_set_invalid_error (error, file_name, charset, base + i);
              return FALSE;
            }

          low = big_endian ? (guint32) (data[i + 2] << 8 | data[i + 3])
                           : (guint32) (data[i + 3] << 8 | data[i + 2]);
          if (low < 0xDC00 || low > 0xDFFF)
            {
              _grd_import_set_invalid_error (error, file_name, charset, base + i);
              return FALSE;
            }

          i += 4;
          continue;
        }

      if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF)
        {
          _grd_import_set_invalid_error (error, file_name, charset, base + i);
          return FALSE;
        }

      i += unit;
    }

  /* A trailing partial code unit: the file was cut off. */
  if (i != len)
    {
      _grd_import_set_invalid_error (error, file_name, charset, base + i);
      return FALSE;
    }

  return TRUE;
}

static char *
decode_wide (const guchar  *data,
             gsize          len,
             gsize          bom_len,
             guint          unit,
             gboolean       big_endian,
             const char    *charset,
             const char    *file_name,
             char         **encoding,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  gsize bytes_read = 0;
  gsize text_len = 0;

  data += bom_len;
  len -= bom_len;

  if (!check_wide (data, len, bom_len, unit, big_endian, charset, file_name, error))
    return NULL;

  text = g_convert ((const char *) data, len, "UTF-8", charset,
                    &bytes_read, &text_len, &local_error);
  if (text == NULL)
    {
      /* check_wide() should have caught everything iconv refuses. */
      _grd_import_set_invalid_error (error, file_name, charset, bom_len + bytes_read);
      return NULL;
    }

  if (encoding != NULL)
    *encoding = g_strdup (charset);

  return finish (g_steal_pointer (&text), text_len);
}

/* Text that is mostly well-formed UTF-8 with a few bad bytes is damaged
 * UTF-8, not a legacy encoding: in 8-bit encodings runs of high bytes that
 * happen to form valid UTF-8 sequences are rare. Guessing a legacy charset
 * for it would import mojibake without a word, so it is refused instead. */
static gboolean
looks_like_damaged_utf8 (const char *data,
                         gsize       len)
{
  const char *p = data;
  const char *end = data + len;
  gsize n_valid = 0;
  gsize n_invalid = 0;

  while (p < end)
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          n_invalid++;
          p++;
        }
      else
        {
          n_valid++;
          p = g_utf8_next_char (p);
        }
    }

  return n_valid > n_invalid;
}

/* uchardet reads every byte it is given, at about a second for 4 MB of
 * Latin text; what tells encodings apart is the lines with bytes above
 * ASCII (with the letters around them), so it is given those, up to this
 * much. */
#define DETECT_SAMPLE_SIZE (256 * 1024)

static char *
detect_charset (const char *data,
                gsize       len)
{
  uchardet_t detector = uchardet_new ();
  const char *line = data;
  const char *end = data + len;
  gsize fed = 0;
  char *charset = NULL;
  int failed = 0;

  if (detector == NULL)
    return NULL;

  while (line < end && fed < DETECT_SAMPLE_SIZE && failed == 0)
    {
      const char *next = memchr (line, '\n', end - line);
      gsize line_len = next != NULL ? (gsize) (next - line) + 1 : (gsize) (end - line);

      for (gsize i = 0; i < line_len; i++)
        if ((guchar) line[i] >= 0x80)
          {
            failed = uchardet_handle_data (detector, line, line_len);
            fed += line_len;
            break;
          }
      line += line_len;
    }

  if (failed == 0)
    {
      const char *name;

      uchardet_data_end (detector);
      name = uchardet_get_charset (detector);
      if (name != NULL && name[0] != '\0')
        charset = g_strdup (name);
    }

  uchardet_delete (detector);

  return charset;
}

static char *
decode_narrow (const char  *data,
               gsize        len,
               gsize        bom_len,
               const char  *file_name,
               char       **encoding,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *charset = NULL;
  g_autofree char *text = NULL;
  const char *windows_charset;
  const char *nul;
  const char *end = NULL;
  gsize bytes_read = 0;
  gsize text_len = 0;

  data += bom_len;
  len -= bom_len;

  /* No 8-bit or UTF-8 text has a zero byte; g_utf8_validate_len() would
   * call it invalid UTF-8, which sends the user looking in the wrong place. */
  nul = memchr (data, '\0', len);
  if (nul != NULL)
    {
      _grd_import_set_nul_error (error, file_name, bom_len + (gsize) (nul - data));
      return NULL;
    }

  if (g_utf8_validate_len (data, len, &end))
    {
      if (encoding != NULL)
        *encoding = g_strdup ("UTF-8");
      return finish (g_strndup (data, len), len);
    }

  /* With a UTF-8 byte order mark there is nothing to guess. */
  if (bom_len > 0 || looks_like_damaged_utf8 (data, len))
    {
      _grd_import_set_invalid_error (error, file_name, "UTF-8", bom_len + (gsize) (end - data));
      return NULL;
    }

  charset = detect_charset (data, len);
  if (charset == NULL ||
      g_ascii_strcasecmp (charset, "UTF-8") == 0 ||
      g_ascii_strcasecmp (charset, "ASCII") == 0)
    {
      _grd_import_set_invalid_error (error, file_name, "UTF-8", (gsize) (end - data));
      return NULL;
    }

  windows_charset = _grd_import_windows_charset (charset);
  text = g_convert (data, len, "UTF-8", windows_charset, &bytes_read, &text_len, &local_error);
  if (text == NULL)
    {
      /* The detector named an encoding iconv does not know: all that can
       * be said for sure is that the bytes are not UTF-8. */
      if (g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
        _grd_import_set_invalid_error (error, file_name, "UTF-8", (gsize) (end - data));
      else
        _grd_import_set_invalid_error (error, file_name, windows_charset, bytes_read);
      return NULL;
    }

  if (encoding != NULL)
    *encoding = g_strdup (windows_charset);

  return finish (g_steal_pointer (&text), text_len);
}

char *
grd_import_decode_text (GBytes      *bytes,
                        const char  *file_name,
                        char       **encoding,
                        GError     **error)
{
  const guchar *data;
  gsize len = 0;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (data == NULL)
    data = (const guchar *) "";

  /* The UTF-32LE mark begins with the UTF-16LE one, so it goes first. */
  if (len >= 4 && memcmp (data, "\xFF\xFE\0\0", 4) == 0)
    return decode_wide (data, len, 4, 4, FALSE, "UTF-32LE", file_name, encoding, error);
  if (len >= 4 && memcmp (data, "\0\0\xFE\xFF", 4) == 0)
    return decode_wide (data, len, 4, 4, TRUE, "UTF-32BE", file_name, encoding, error);
  if (len >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    return decode_wide (data, len, 2, 2, FALSE, "UTF-16LE", file_name, encoding, error);
  if (len >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    return decode_wide (data, len, 2, 2, TRUE, "UTF-16BE", file_name, encoding, error);
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    return decode_narrow ((const char *) data, len, 3, file_name, encoding, error);

  return decode_narrow ((const char *) data, len, 0, file_name, encoding, error);
}

gboolean
_grd_import_read_plain_text (GBytes            *bytes,
                             const char        *file_name,
                             GrdImportBuilder  *builder,
                             GError           **error)
{
  g_autofree char *encoding = NULL;
  g_autofree char *text = grd_import_decode_text (bytes, file_name, &encoding, error);

  if (text == NULL)
    return FALSE;

  grd_import_builder_set_encoding (builder, encoding);
  grd_import_builder_append (builder, text, -1);
  return TRUE;
}

/* Markdown is read as what it says, not as its markup: "**yes**" is a
 * bold "yes". A line break in the source stays a line break (CommonMark
 * would join the lines of a paragraph), because a transcript writes one
 * turn per line and turns are found by line. */
static void
build_markdown (cmark_node       *document,
                GrdImportBuilder *builder)
{
  g_autoptr(GArray) open_ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  cmark_iter *iter = cmark_iter_new (document);
  cmark_event_type event;
  /* Counted on the way in and out: asking each item for its ancestors
   * costs the depth per item, quadratic in a file of nested "- - - x". */
  gint list_depth = 0;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      gboolean enter = event == CMARK_EVENT_ENTER;
      const char *literal;

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_HEADING:
        case CMARK_NODE_ITEM:
          if (enter)
            {
              gboolean heading = cmark_node_get_type (node) == CMARK_NODE_HEADING;
              guint handle;

              grd_import_builder_end_block (builder);
              handle = grd_import_builder_begin_range (builder,
                                                       heading ? GRD_FORMAT_HEADING
                                                               : GRD_FORMAT_LIST_ITEM,
                                                       heading ? cmark_node_get_heading_level (node)
                                                               : list_depth);
              g_array_append_val (open_ranges, handle);
            }
          else
            {
              grd_import_builder_end_range (builder, g_array_index (open_ranges, guint,
                                                                    open_ranges->len - 1));
              g_array_set_size (open_ranges, open_ranges->len - 1);
              grd_import_builder_end_block (builder);
            }
          break;

        case CMARK_NODE_LIST:
          list_depth += enter ? 1 : -1;
          grd_import_builder_end_block (builder);
          break;

        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_BLOCK_QUOTE:
        case CMARK_NODE_THEMATIC_BREAK:
          grd_import_builder_end_block (builder);
          break;

        case CMARK_NODE_CODE_BLOCK:
          grd_import_builder_end_block (builder);
          literal = cmark_node_get_literal (node);
          grd_import_builder_append (builder, literal != NULL ? literal : "", -1);
          grd_import_builder_end_block (builder);
          break;

        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          literal = cmark_node_get_literal (node);
          grd_import_builder_append (builder, literal != NULL ? literal : "", -1);
          break;

        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          grd_import_builder_newline (builder);
          break;

        case CMARK_NODE_EMPH:
        case CMARK_NODE_STRONG:
          {
            GrdFormatKind kind = cmark_node_get_type (node) == CMARK_NODE_EMPH
                                 ? GRD_FORMAT_ITALIC : GRD_FORMAT_BOLD;

            if (enter)
              grd_import_builder_push_style (builder, kind);
            else
              grd_import_builder_pop_style (builder, kind);
          }
          break;

        case CMARK_NODE_LINK:
          if (enter)
            grd_import_builder_drop (builder, _("link address"),
                                     _("the link’s text is kept, where it pointed is not"));
          break;

        case CMARK_NODE_IMAGE:
          if (enter)
            grd_import_builder_drop (builder, _("image"),
                                     _("sources hold text; its description is kept"));
          break;

        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE:
          grd_import_builder_drop (builder, _("HTML markup"),
                                   _("raw HTML inside Markdown is not read"));
          break;

        case CMARK_NODE_NONE:
        case CMARK_NODE_DOCUMENT:
        case CMARK_NODE_CUSTOM_BLOCK:
        case CMARK_NODE_CUSTOM_INLINE:
        default:
          break;
        }
    }

  cmark_iter_free (iter);
}

gboolean
_grd_import_read_markdown (GBytes            *bytes,
                           const char        *file_name,
                           GrdImportBuilder  *builder,
                           GError           **error)
{
  g_autofree char *encoding = NULL;
  g_autofree char *text = grd_import_decode_text (bytes, file_name, &encoding, error);
  cmark_node *document;

  if (text == NULL)
    return FALSE;

  /* cmark never fails on input: any text is a Markdown document. */
  document = cmark_parse_document (text, strlen (text), CMARK_OPT_DEFAULT);
  grd_import_builder_set_encoding (builder, encoding);
  build_markdown (document, builder);
  cmark_node_free (document);

  return TRUE;
}
