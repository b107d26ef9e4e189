/* grd-import-builder.c: plain text and formatting ranges, kept in step
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-import"

#include "config.h"

#include <string.h>

#include "grd-import-private.h"

#define N_STYLES (GRD_FORMAT_UNDERLINE + 1)

struct _GrdImportBuilder
{
  GString   *text;
  gsize      max_text;            /* bytes the text may grow to */
  gboolean   overflowed;          /* something was not written for it */
  gint64     n_chars;
  gint64     notes_start;         /* -1: no notes */
  GArray    *formats;             /* GrdFormatRange; end < 0 while open */
  GPtrArray *dropped;             /* GrdImportDropped */
  char      *encoding;
  gboolean   pending_space;       /* collapsed white space not yet written */
  guint      style_depth[N_STYLES];
  guint      style_range[N_STYLES]; /* open range of a style on this line */
};

static gboolean
is_style (GrdFormatKind kind)
{
  return kind == GRD_FORMAT_BOLD || kind == GRD_FORMAT_ITALIC || kind == GRD_FORMAT_UNDERLINE;
}

GrdImportBuilder *
grd_import_builder_new (gsize max_text)
{
  GrdImportBuilder *builder = g_new0 (GrdImportBuilder, 1);

  builder->text = g_string_new (NULL);
  builder->max_text = max_text;
  builder->notes_start = -1;
  builder->formats = g_array_new (FALSE, FALSE, sizeof (GrdFormatRange));
  builder->dropped = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_import_dropped_free);
  for (guint i = 0; i < N_STYLES; i++)
    builder->style_range[i] = GRD_IMPORT_NO_TOKEN;

  return builder;
}

void
grd_import_builder_free (GrdImportBuilder *builder)
{
  if (builder == NULL)
    return;

  if (builder->text != NULL)
    g_string_free (builder->text, TRUE);
  g_clear_pointer (&builder->formats, g_array_unref);
  g_clear_pointer (&builder->dropped, g_ptr_array_unref);
  g_free (builder->encoding);
  g_free (builder);
}

guint
grd_import_builder_begin_range (GrdImportBuilder *builder,
                                GrdFormatKind     kind,
                                gint              value)
{
  GrdFormatRange range = { kind, builder->n_chars, -1, MAX (value, 0) };

  g_array_append_val (builder->formats, range);
  return builder->formats->len - 1;
}

void
grd_import_builder_end_range (GrdImportBuilder *builder,
                              guint             handle)
{
  GrdFormatRange *range;

  g_return_if_fail (handle < builder->formats->len);

  range = &g_array_index (builder->formats, GrdFormatRange, handle);
  if (range->end >= 0)
    return;

  /* A block's range ends with its text, not with the line feed that a
   * block nested in it (a list in a list item) has already written. */
  range->end = builder->n_chars;
  if (range->end > range->start && grd_import_builder_at_line_start (builder))
    range->end--;
}

/* Styles that are on get their range when text arrives, not when they are
 * turned on: a style switched on and off around nothing leaves no range. */
static void
open_pending_styles (GrdImportBuilder *builder)
{
  for (guint i = 0; i < N_STYLES; i++)
    if (builder->style_depth[i] > 0 && builder->style_range[i] == GRD_IMPORT_NO_TOKEN)
      builder->style_range[i] = grd_import_builder_begin_range (builder, (GrdFormatKind) i, 0);
}

static void
close_style (GrdImportBuilder *builder,
             guint             style)
{
  if (builder->style_range[style] != GRD_IMPORT_NO_TOKEN)
    grd_import_builder_end_range (builder, builder->style_range[style]);
  builder->style_range[style] = GRD_IMPORT_NO_TOKEN;
}

void
grd_import_builder_push_style (GrdImportBuilder *builder,
                               GrdFormatKind     kind)
{
  g_return_if_fail (is_style (kind));

  builder->style_depth[kind]++;
}

void
grd_import_builder_pop_style (GrdImportBuilder *builder,
                              GrdFormatKind     kind)
{
  g_return_if_fail (is_style (kind));

  /* Markup from elsewhere may close what it never opened. */
  if (builder->style_depth[kind] == 0)
    return;

  if (--builder->style_depth[kind] == 0)
    close_style (builder, kind);
}

void
grd_import_builder_set_style (GrdImportBuilder *builder,
                              GrdFormatKind     kind,
                              gboolean          on)
{
  g_return_if_fail (is_style (kind));

  if (on)
    builder->style_depth[kind] = MAX (builder->style_depth[kind], 1);
  else if (builder->style_depth[kind] > 0)
    {
      builder->style_depth[kind] = 0;
      close_style (builder, kind);
    }
}

void
grd_import_builder_styles_off (GrdImportBuilder *builder)
{
  for (guint i = 0; i < N_STYLES; i++)
    if (is_style ((GrdFormatKind) i))
      grd_import_builder_set_style (builder, (GrdFormatKind) i, FALSE);
}

/* Whether len more bytes fit; once something did not, nothing more is
 * written, so the text never ends in a half of what the reader meant. */
static gboolean
has_room (GrdImportBuilder *builder,
          gsize             len)
{
  if (!builder->overflowed && len > builder->max_text - MIN (builder->text->len, builder->max_text))
    builder->overflowed = TRUE;
  return !builder->overflowed;
}

gboolean
grd_import_builder_overflowed (GrdImportBuilder *builder)
{
  return builder->overflowed;
}

static void
append_valid (GrdImportBuilder *builder,
              const char       *text,
              gsize             len,
              gboolean          collapse)
{
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      const char *run = p;
      gint64 run_chars = 0;

      /* Copy the longest run that needs no change in one go. */
      while (p < end)
        {
          guchar c = (guchar) *p;

          if (c < 0x20 && c != '\t' && c != '\n')
            break;
          if (collapse && (c == ' ' || c == '\t' || c == '\n'))
            break;
          if (c == '\n')
            break;
          p += c < 0x80 ? 1 : g_utf8_skip[c];
          run_chars++;
        }

      if (p > run && !has_room (builder, (gsize) (p - run) + 1))
        return;
      if (p > run)
        {
          /* A collapsed space is written only once text follows it on
           * the same line, and outside whatever range ended before it;
           * white space written as is takes its place. */
          if (builder->pending_space && (*run == ' ' || *run == '\t'))
            builder->pending_space = FALSE;
          if (builder->pending_space)
            {
              g_string_append_c (builder->text, ' ');
              builder->n_chars++;
              builder->pending_space = FALSE;
            }
          open_pending_styles (builder);
          g_string_append_len (builder->text, run, MIN (p, end) - run);
          builder->n_chars += run_chars;
        }

      if (p >= end)
        break;

      if (*p == '\n' && !collapse)
        {
          grd_import_builder_newline (builder);
          p++;
        }
      else if (collapse && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f'))
        {
          while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f'))
            p++;
          if (!grd_import_builder_at_line_start (builder) &&
              builder->text->str[builder->text->len - 1] != ' ')
            builder->pending_space = TRUE;
        }
      else
        {
          p++;   /* a control character: not text */
        }
    }
}

void
grd_import_builder_append (GrdImportBuilder *builder,
                           const char       *text,
                           gssize            len)
{
  g_return_if_fail (builder != NULL);

  if (len < 0)
    len = (gssize) strlen (text);
  g_return_if_fail (g_utf8_validate_len (text, (gsize) len, NULL));

  append_valid (builder, text, (gsize) len, FALSE);
}

void
grd_import_builder_append_collapsed (GrdImportBuilder *builder,
                                     const char       *text,
                                     gssize            len)
{
  g_return_if_fail (builder != NULL);

  if (len < 0)
    len = (gssize) strlen (text);
  g_return_if_fail (g_utf8_validate_len (text, (gsize) len, NULL));

  append_valid (builder, text, (gsize) len, TRUE);
}

void
grd_import_builder_append_unichar (GrdImportBuilder *builder,
                                   gunichar          c)
{
  char buf[6];
  int n;

  if (!g_unichar_validate (c))
    return;

  n = g_unichar_to_utf8 (c, buf);
  append_valid (builder, buf, (gsize) n, FALSE);
}

gboolean
grd_import_builder_at_line_start (GrdImportBuilder *builder)
{
  return builder->text->len == 0 || builder->text->str[builder->text->len - 1] == '\n';
}

void
grd_import_builder_newline (GrdImportBuilder *builder)
{
  builder->pending_space = FALSE;
  if (!has_room (builder, 1))
    return;

  for (guint i = 0; i < N_STYLES; i++)
    close_style (builder, i);

  g_string_append_c (builder->text, '\n');
  builder->n_chars++;
}

void
grd_import_builder_end_block (GrdImportBuilder *builder)
{
  if (!grd_import_builder_at_line_start (builder))
    grd_import_builder_newline (builder);
}

void
grd_import_builder_begin_notes (GrdImportBuilder *builder)
{
  grd_import_builder_end_block (builder);
  if (builder->notes_start < 0)
    builder->notes_start = builder->n_chars;
}

gint64
grd_import_builder_get_notes_start (GrdImportBuilder *builder)
{
  return builder->notes_start;
}

void
grd_import_builder_drop (GrdImportBuilder *builder,
                         const char       *what,
                         const char       *why)
{
  GrdImportDropped *dropped;

  for (guint i = 0; i < builder->dropped->len; i++)
    {
      dropped = g_ptr_array_index (builder->dropped, i);
      if (g_str_equal (dropped->what, what))
        {
          dropped->count++;
          return;
        }
    }

  dropped = g_new0 (GrdImportDropped, 1);
  dropped->what = g_strdup (what);
  dropped->why = g_strdup (why);
  dropped->count = 1;
  g_ptr_array_add (builder->dropped, dropped);
}

void
grd_import_builder_set_encoding (GrdImportBuilder *builder,
                                 const char       *encoding)
{
  g_free (builder->encoding);
  builder->encoding = g_strdup (encoding);
}

void
grd_import_builder_finish (GrdImportBuilder *builder,
                           GrdImportedText  *imported)
{
  GArray *formats = g_array_sized_new (FALSE, FALSE, sizeof (GrdFormatRange),
                                       builder->formats->len);

  for (guint i = 0; i < N_STYLES; i++)
    close_style (builder, i);

  for (guint i = 0; i < builder->formats->len; i++)
    {
      GrdFormatRange range = g_array_index (builder->formats, GrdFormatRange, i);

      if (range.end < 0)
        range.end = builder->n_chars;
      if (range.end > range.start)
        g_array_append_val (formats, range);
    }
  g_array_sort (formats, grd_format_range_compare);

  imported->text_len = builder->text->len;
  imported->n_chars = builder->n_chars;
  imported->text = g_string_free (g_steal_pointer (&builder->text), FALSE);
  builder->text = g_string_new (NULL);
  builder->n_chars = 0;
  imported->formats = formats;
  imported->dropped = g_steal_pointer (&builder->dropped);
  builder->dropped = g_ptr_array_new_with_free_func ((GDestroyNotify) grd_import_dropped_free);
  imported->encoding = g_steal_pointer (&builder->encoding);
  g_array_set_size (builder->formats, 0);
}
