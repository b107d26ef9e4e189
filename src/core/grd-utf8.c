/* grd-utf8.c
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "grd-utf8.h"

/* Every byte that is not a continuation byte (10xxxxxx) starts a code point;
 * counting them needs no decoding, which keeps long texts cheap. */
static inline gboolean
is_char_start (guchar byte)
{
  return (byte & 0xC0) != 0x80;
}

gint64
grd_utf8_count_chars (const char *text,
                      gsize       len)
{
  const guchar *p = (const guchar *) text;
  gint64 n = 0;

  for (gsize i = 0; i < len; i++)
    n += is_char_start (p[i]);

  return n;
}

gssize
grd_utf8_byte_offset (const char *text,
                      gsize       len,
                      gint64      char_offset)
{
  GrdUtf8Cursor cursor;

  grd_utf8_cursor_init (&cursor, text, len);
  return grd_utf8_cursor_seek (&cursor, char_offset);
}

void
grd_utf8_cursor_init (GrdUtf8Cursor *cursor,
                      const char    *text,
                      gsize          len)
{
  cursor->text = text;
  cursor->len = len;
  cursor->byte = 0;
  cursor->chr = 0;
}

gssize
grd_utf8_cursor_seek (GrdUtf8Cursor *cursor,
                      gint64         char_offset)
{
  const guchar *p = (const guchar *) cursor->text;

  if (char_offset < 0)
    return -1;

  if (char_offset < cursor->chr)
    {
      cursor->byte = 0;
      cursor->chr = 0;
    }

  while (cursor->chr < char_offset)
    {
      /* Transcripts are mostly ASCII: step eight ASCII bytes at a time. */
      if (char_offset - cursor->chr >= 8 && cursor->byte + 8 <= cursor->len)
        {
          guint64 word;

          memcpy (&word, p + cursor->byte, sizeof word);
          if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
            {
              cursor->byte += 8;
              cursor->chr += 8;
              continue;
            }
        }

      if (cursor->byte >= cursor->len)
        return -1;

      cursor->byte++;
      while (cursor->byte < cursor->len && !is_char_start (p[cursor->byte]))
        cursor->byte++;
      cursor->chr++;
    }

  if (cursor->byte > cursor->len)
    return -1;

  return (gssize) cursor->byte;
}
