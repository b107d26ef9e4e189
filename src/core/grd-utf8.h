/* grd-utf8.h: code point offsets, the unit of every stored position
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Counts code points in valid UTF-8 of len bytes. */
gint64      grd_utf8_count_chars (const char *text,
                                  gsize       len);

/* Byte offset of code point offset, or -1 past the end. */
gssize      grd_utf8_byte_offset (const char *text,
                                  gsize       len,
                                  gint64      char_offset);

/* Walks forward through a text converting increasing code point offsets to
 * byte offsets in one pass; for many positions in one long text. */
typedef struct {
  const char *text;
  gsize       len;
  gsize       byte;
  gint64      chr;
} GrdUtf8Cursor;

void        grd_utf8_cursor_init (GrdUtf8Cursor *cursor,
                                  const char    *text,
                                  gsize          len);
gssize      grd_utf8_cursor_seek (GrdUtf8Cursor *cursor,
                                  gint64         char_offset);

G_END_DECLS
