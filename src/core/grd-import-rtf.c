/* grd-import-rtf.c: Rich Text Format transcripts
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* RTF is read by hand: Debian packages no maintained C library that reads
 * RTF into text and formatting (librtf and unrtf are programs). What a
 * transcript needs is small: groups, paragraphs, bold / italic /
 * underline, \uN escapes and \'hh bytes in the document's code page; every
 * destination that is not body text (font and colour tables, style sheet,
 * document info, pictures, headers, "\*" destinations) is skipped whole. */

#define G_LOG_DOMAIN "grd-import"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "grd-import-private.h"

#define MAX_DEPTH       512   /* Word nests a few dozen groups at most */
#define MAX_WORD_LEN    32    /* the spec's limit for control words */
/* Bytes in a code page are converted this many at a time, so that what
 * is held for an error message (a file offset per byte) stays small
 * however long a run of text is. */
#define CHUNK_SIZE      4096

typedef struct {
  gboolean bold;
  gboolean italic;
  gboolean underline;
  gboolean skip;          /* inside a destination that holds no body text */
  gboolean font_table;    /* inside \fonttbl (skipped, but its charsets are read) */
  gboolean deleted;       /* a tracked deletion (\deleted) */
  gint     font;          /* \fN; -1: the default font (\deffN) */
  guint    uc;            /* bytes that stand in for each \uN */
} GroupState;

typedef struct {
  const char       *file_name;
  GrdImportBuilder *builder;
  const guchar     *data;
  gsize             len;
  gsize             pos;

  GArray           *stack;        /* GroupState of the enclosing groups */
  GroupState        state;

  char             *charset;      /* the document's (\ansicpg): of \'hh and plain bytes */
  GHashTable       *font_charsets; /* font number -> charset its \fcharset or \cpg names */
  gint              default_font;  /* \deffN */
  gint              defining_font; /* the font the font table describes now */
  const char       *pending_charset; /* what pending is in */
  GByteArray       *pending;      /* bytes in pending_charset, not yet converted */
  GArray           *pending_pos;  /* gsize: where each of them is in the file */
  guint             skip_bytes;   /* fallback units \uN still has to skip */
  gunichar          high_surrogate;

  /* paragraph properties */
  gint              outline_level;  /* -1: body text */
  gint              list_level;     /* -1: no list */
  gboolean          in_list;
  guint             para_range;

  /* tables */
  gboolean          in_row;
  guint             cell_range;
  guint             pending_tabs;
} RtfReader;

static const char * const skipped_destinations[] = {
  "colortbl", "stylesheet", "info", "pict", "header", "headerl", "headerr",
  "headerf", "footer", "footerl", "footerr", "footerf", "object", "themedata",
  "colorschememapping", "latentstyles", "datastore", "listtable", "listoverridetable",
  "rsidtbl", "generator", "revtbl", "filetbl", "fldinst", "listtext", "pntext", "pntxta",
  "pntxtb", "xmlnstbl", "mmathPr", "nonshppict", "shppict", "bkmkstart", "bkmkend",
  "userprops", "docvar", "template", "private", NULL
};

static const char *
charset_for_code_page (int code_page)
{
  switch (code_page)
    {
    case 437: return "CP437";
    case 850: return "CP850";
    case 874: return "WINDOWS-874";
    case 932: return "CP932";
    case 936: return "CP936";
    case 949: return "CP949";
    case 950: return "CP950";
    case 1250: return "WINDOWS-1250";
    case 1251: return "WINDOWS-1251";
    case 1252: return "WINDOWS-1252";
    case 1253: return "WINDOWS-1253";
    case 1254: return "WINDOWS-1254";
    case 1255: return "WINDOWS-1255";
    case 1256: return "WINDOWS-1256";
    case 1257: return "WINDOWS-1257";
    case 1258: return "WINDOWS-1258";
    case 10000: return "MACINTOSH";
    case 65001: return "UTF-8";
    default: return NULL;
    }
}

/* \fcharsetN names a Windows character set; what matters here is its
 * code page. 0 (ANSI), 1 (default) and 2 (symbol) follow the document. */
static const char *
charset_for_font_charset (int font_charset)
{
  switch (font_charset)
    {
    case 77: return "MACINTOSH";
    case 128: return "CP932";
    case 129: return "CP949";
    case 130: return "JOHAB";
    case 134: return "GB18030";
    case 136: return "CP950";
    case 161: return "WINDOWS-1253";
    case 162: return "WINDOWS-1254";
    case 163: return "WINDOWS-1258";
    case 177: return "WINDOWS-1255";
    case 178: return "WINDOWS-1256";
    case 186: return "WINDOWS-1257";
    case 204: return "WINDOWS-1251";
    case 222: return "WINDOWS-874";
    case 238: return "WINDOWS-1250";
    case 255: return "CP437";
    default: return NULL;
    }
}

/* The code page of the text at hand: its font's, else the document's. */
static const char *
current_charset (RtfReader *reader)
{
  gint font = reader->state.font >= 0 ? reader->state.font : reader->default_font;
  const char *charset = g_hash_table_lookup (reader->font_charsets, GINT_TO_POINTER (font));

  return charset != NULL ? charset : reader->charset;
}

static void
set_malformed (RtfReader   *reader,
               GError     **error,
               const char  *what,
               gsize        offset)
{
  g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_MALFORMED,
               /* Translators: a file name, what is wrong, a byte offset */
               _("%s: %s at byte %lu"),
               reader->file_name, what, (gulong) offset);
}

/* The builder's styles follow the group's just before text lands. */
static void
sync_styles (RtfReader *reader)
{
  grd_import_builder_set_style (reader->builder, GRD_FORMAT_BOLD, reader->state.bold);
  grd_import_builder_set_style (reader->builder, GRD_FORMAT_ITALIC, reader->state.italic);
  grd_import_builder_set_style (reader->builder, GRD_FORMAT_UNDERLINE, reader->state.underline);
}

/* Before the first text of a paragraph or cell: its ranges begin here. */
static void
before_text (RtfReader *reader)
{
  GrdImportBuilder *builder = reader->builder;

  for (; reader->pending_tabs > 0; reader->pending_tabs--)
    grd_import_builder_append (builder, "\t", 1);

  if (reader->para_range == GRD_IMPORT_NO_TOKEN && grd_import_builder_at_line_start (builder))
    {
      if (reader->outline_level >= 0)
        reader->para_range = grd_import_builder_begin_range (builder, GRD_FORMAT_HEADING,
                                                             MIN (reader->outline_level + 1, 6));
      else if (reader->in_list)
        reader->para_range = grd_import_builder_begin_range (builder, GRD_FORMAT_LIST_ITEM,
                                                             MAX (reader->list_level + 1, 1));
    }

  if (reader->in_row && reader->cell_range == GRD_IMPORT_NO_TOKEN)
    reader->cell_range = grd_import_builder_begin_range (builder, GRD_FORMAT_TABLE_CELL, 0);

  sync_styles (reader);
}

/* Converts what is pending. Unless final, an incomplete character at the
 * end (the first byte of a two-byte one, a chunk boundary having cut it)
 * stays pending for the bytes that follow. */
static gboolean
convert_pending (RtfReader  *reader,
                 gboolean    final,
                 GError    **error)
{
  g_autofree char *text = NULL;
  const char *charset = reader->pending_charset;
  GIConv converter;
  char *in = (char *) reader->pending->data;
  gsize in_left = reader->pending->len;
  gsize text_size = in_left * 4 + 16;
  gsize text_len = 0;
  gboolean ok = TRUE;

  if (in_left == 0)
    return TRUE;

  converter = g_iconv_open ("UTF-8", charset);
  if (converter == (GIConv) -1)
    {
      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_ENCODING,
                   /* Translators: a file name, then an encoding such as “JOHAB” */
                   _("%s: the document uses the encoding %s, which this system cannot read"),
                   reader->file_name, charset);
      return FALSE;
    }

  text = g_malloc (text_size);
  while (in_left > 0)
    {
      char *out = text + text_len;
      gsize out_left = text_size - text_len - 1;
      gsize result = g_iconv (converter, &in, &in_left, &out, &out_left);
      int saved_errno = errno;

      text_len = (gsize) (out - text);
      if (result != (gsize) -1)
        break;
      if (saved_errno == E2BIG)
        {
          text_size *= 2;
          text = g_realloc (text, text_size);
          continue;
        }
      if (saved_errno == EINVAL && !final)
        break;

      /* A "\'81" is four bytes in the file for one in the run: the error
       * names where the byte that iconv refused was written. */
      _grd_import_set_invalid_error (error, reader->file_name, charset,
                                     g_array_index (reader->pending_pos, gsize,
                                                    (guchar *) in - reader->pending->data));
      ok = FALSE;
      break;
    }
  g_iconv_close (converter);
  if (!ok)
    return FALSE;

  /* What is left (an incomplete character) moves to the front. */
  g_byte_array_remove_range (reader->pending, 0, reader->pending->len - in_left);
  g_array_remove_range (reader->pending_pos, 0, reader->pending_pos->len - in_left);
  before_text (reader);
  grd_import_builder_append (reader->builder, text, (gssize) text_len);
  return TRUE;
}

static gboolean
flush_bytes (RtfReader  *reader,
             GError    **error)
{
  return convert_pending (reader, TRUE, error);
}

static gboolean
add_byte (RtfReader  *reader,
          guchar      byte,
          gsize       file_pos,
          GError    **error)
{
  const char *charset;

  if (reader->state.skip || reader->state.deleted)
    return TRUE;

  /* The bytes that stand in for a \uN character are not text. */
  if (reader->skip_bytes > 0)
    {
      reader->skip_bytes--;
      return TRUE;
    }

  /* "\'00" is no character in any code page RTF names; converted, it would
   * cut the text short. */
  if (byte == 0)
    return TRUE;

  /* A font of another code page ends the run in the one before. */
  charset = current_charset (reader);
  if (charset != reader->pending_charset && !flush_bytes (reader, error))
    return FALSE;
  reader->pending_charset = charset;

  g_byte_array_append (reader->pending, &byte, 1);
  g_array_append_val (reader->pending_pos, file_pos);
  if (reader->pending->len >= CHUNK_SIZE)
    return convert_pending (reader, FALSE, error);
  return TRUE;
}

static gboolean
add_unichar (RtfReader  *reader,
             gunichar    c,
             GError    **error)
{
  if (reader->state.skip || reader->state.deleted)
    return TRUE;
  if (!flush_bytes (reader, error))
    return FALSE;

  before_text (reader);
  grd_import_builder_append_unichar (reader->builder, c);
  return TRUE;
}

static gboolean
end_paragraph (RtfReader  *reader,
               GError    **error)
{
  if (reader->state.skip)
    return TRUE;
  if (!flush_bytes (reader, error))
    return FALSE;

  if (reader->para_range != GRD_IMPORT_NO_TOKEN)
    grd_import_builder_end_range (reader->builder, reader->para_range);
  reader->para_range = GRD_IMPORT_NO_TOKEN;
  grd_import_builder_newline (reader->builder);
  return TRUE;
}

static gboolean
handle_word (RtfReader   *reader,
             const char  *word,
             gboolean     has_param,
             int          param,
             gboolean     starts_group,
             GError     **error)
{
  GroupState *state = &reader->state;

  /* Anything that changes formatting ends the current run of bytes. */
  if (!state->skip && !flush_bytes (reader, error))
    return FALSE;

  /* The characters that stand in for a \uN are counted in bytes, \'hh
   * escapes and control words alike: "\u8220\lquote" is one character. */
  if (reader->skip_bytes > 0 && !state->skip && !starts_group)
    {
      reader->skip_bytes--;
      return TRUE;
    }

  if (starts_group && g_str_equal (word, "fonttbl"))
    {
      state->skip = TRUE;
      state->font_table = TRUE;
      return TRUE;
    }
  if (starts_group && g_strv_contains (skipped_destinations, word))
    {
      state->skip = TRUE;
      return TRUE;
    }

  /* Binary data is skipped wherever it is. */
  if (g_str_equal (word, "bin") && has_param)
    {
      if (param < 0 || (gsize) param > reader->len - reader->pos)
        {
          set_malformed (reader, error, _("binary data runs past the end of the file"),
                         reader->pos);
          return FALSE;
        }
      reader->pos += (gsize) param;
      return TRUE;
    }

  /* The font table is read for the code page of each font. */
  if (state->font_table)
    {
      const char *charset = NULL;

      if (g_str_equal (word, "f") && has_param)
        reader->defining_font = param;
      else if (g_str_equal (word, "fcharset") && has_param)
        charset = charset_for_font_charset (param);
      else if (g_str_equal (word, "cpg") && has_param)
        charset = charset_for_code_page (param);
      if (charset != NULL && reader->defining_font >= 0)
        g_hash_table_insert (reader->font_charsets, GINT_TO_POINTER (reader->defining_font),
                             (gpointer) charset);
      return TRUE;
    }

  /* Whatever else a skipped destination says (the paragraph settings of
   * a list table, say) does not apply to the body text; only a footnote
   * or comment opened there is reported. */
  if (state->skip && !g_str_equal (word, "footnote") && !g_str_equal (word, "annotation"))
    return TRUE;

  if (g_str_equal (word, "footnote") || g_str_equal (word, "annotation"))
    {
      /* Word writes comments as "{\*\annotation …}", so the group skips
       * already; what counts is whether the text around it is body text. */
      gboolean in_body = reader->stack->len == 0 ||
                         !g_array_index (reader->stack, GroupState, reader->stack->len - 1).skip;

      if (in_body)
        grd_import_builder_drop (reader->builder,
                                 g_str_equal (word, "footnote") ? _("footnote") : _("comment"),
                                 _("only the body text of an RTF file is imported"));
      state->skip = TRUE;
    }
  else if (g_str_equal (word, "b"))
    state->bold = !has_param || param != 0;
  else if (g_str_equal (word, "i"))
    state->italic = !has_param || param != 0;
  else if (g_str_equal (word, "ul"))
    state->underline = !has_param || param != 0;
  else if (g_str_equal (word, "ulnone"))
    state->underline = FALSE;
  else if (g_str_equal (word, "plain"))
    state->bold = state->italic = state->underline = state->deleted = FALSE;
  else if (g_str_equal (word, "deleted"))
    {
      /* Text deleted with changes tracked is not the document's text. */
      state->deleted = !has_param || param != 0;
      if (state->deleted)
        grd_import_builder_drop (reader->builder, _("tracked deletion"),
                                 _("text deleted with changes tracked is not the "
                                   "document’s text"));
    }
  else if (g_str_equal (word, "f") && has_param)
    state->font = param;
  else if (g_str_equal (word, "deff") && has_param)
    reader->default_font = param;
  else if (g_str_equal (word, "uc") && has_param)
    state->uc = (guint) CLAMP (param, 0, 8);
  else if (g_str_equal (word, "u") && has_param)
    {
      gunichar c = (gunichar) (param < 0 ? param + 65536 : param);

      reader->skip_bytes = state->uc;
      /* Characters beyond the BMP come as a surrogate pair of \u. */
      if (c >= 0xD800 && c <= 0xDBFF)
        reader->high_surrogate = c;
      else if (c >= 0xDC00 && c <= 0xDFFF && reader->high_surrogate != 0)
        {
          c = 0x10000 + ((reader->high_surrogate - 0xD800) << 10) + (c - 0xDC00);
          reader->high_surrogate = 0;
          return add_unichar (reader, c, error);
        }
      else if (c < 0xD800 || c > 0xDFFF)
        return add_unichar (reader, c, error);
    }
  else if (g_str_equal (word, "par") || g_str_equal (word, "sect") || g_str_equal (word, "page"))
    return end_paragraph (reader, error);
  else if (g_str_equal (word, "line"))
    grd_import_builder_newline (reader->builder);
  else if (g_str_equal (word, "tab"))
    return add_unichar (reader, '\t', error);
  else if (g_str_equal (word, "emdash"))
    return add_unichar (reader, 0x2014, error);
  else if (g_str_equal (word, "endash"))
    return add_unichar (reader, 0x2013, error);
  else if (g_str_equal (word, "lquote"))
    return add_unichar (reader, 0x2018, error);
  else if (g_str_equal (word, "rquote"))
    return add_unichar (reader, 0x2019, error);
  else if (g_str_equal (word, "ldblquote"))
    return add_unichar (reader, 0x201C, error);
  else if (g_str_equal (word, "rdblquote"))
    return add_unichar (reader, 0x201D, error);
  else if (g_str_equal (word, "bullet"))
    return add_unichar (reader, 0x2022, error);
  else if (g_str_equal (word, "pard"))
    {
      reader->outline_level = -1;
      reader->in_list = FALSE;
      reader->list_level = -1;
    }
  else if (g_str_equal (word, "outlinelevel") && has_param)
    reader->outline_level = param >= 0 && param < 9 ? param : -1;
  else if (g_str_equal (word, "ls") && has_param)
    reader->in_list = TRUE;
  else if (g_str_equal (word, "ilvl") && has_param)
    reader->list_level = CLAMP (param, 0, 8);
  else if (g_str_equal (word, "trowd"))
    reader->in_row = TRUE;
  else if (g_str_equal (word, "cell"))
    {
      if (reader->cell_range != GRD_IMPORT_NO_TOKEN)
        grd_import_builder_end_range (reader->builder, reader->cell_range);
      reader->cell_range = GRD_IMPORT_NO_TOKEN;
      reader->pending_tabs++;
    }
  else if (g_str_equal (word, "row"))
    {
      if (reader->cell_range != GRD_IMPORT_NO_TOKEN)
        grd_import_builder_end_range (reader->builder, reader->cell_range);
      reader->cell_range = GRD_IMPORT_NO_TOKEN;
      reader->pending_tabs = 0;
      reader->in_row = FALSE;
      grd_import_builder_end_block (reader->builder);
    }
  else if (g_str_equal (word, "ansicpg") && has_param)
    {
      const char *charset = charset_for_code_page (param);

      if (charset == NULL)
        {
          g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_ENCODING,
                       /* Translators: a file name, then a Windows code page number */
                       _("%s: the document is in code page %d, which Grounded cannot read"),
                       reader->file_name, param);
          return FALSE;
        }
      g_free (reader->charset);
      reader->charset = g_strdup (charset);
    }
  else if (g_str_equal (word, "mac") || g_str_equal (word, "pc") || g_str_equal (word, "pca"))
    {
      g_free (reader->charset);
      reader->charset = g_strdup (word[0] == 'm' ? "MACINTOSH"
                                  : word[2] == 'a' ? "CP850" : "CP437");
    }

  return TRUE;
}

/* Reads "\word-123 " at reader->pos (just after the backslash). */
static gboolean
read_control_word (RtfReader  *reader,
                   gboolean    starts_group,
                   GError    **error)
{
  char word[MAX_WORD_LEN + 1];
  gsize start = reader->pos - 1;
  guint n = 0;
  gboolean negative = FALSE;
  gboolean has_param = FALSE;
  gint64 param = 0;

  while (reader->pos < reader->len && g_ascii_isalpha (reader->data[reader->pos]))
    {
      if (n == MAX_WORD_LEN)
        {
          set_malformed (reader, error, _("control word too long"), start);
          return FALSE;
        }
      word[n++] = (char) reader->data[reader->pos++];
    }
  word[n] = '\0';

  if (reader->pos < reader->len && reader->data[reader->pos] == '-')
    {
      negative = TRUE;
      reader->pos++;
    }
  while (reader->pos < reader->len && g_ascii_isdigit (reader->data[reader->pos]))
    {
      int digit = reader->data[reader->pos++] - '0';

      has_param = TRUE;
      /* Parameters are 16 or 32 bit; a longer one is clamped, not wrapped. */
      param = MIN (param * 10 + digit, (gint64) G_MAXINT32);
    }
  if (negative && !has_param)
    reader->pos--;   /* the '-' was text */
  if (negative)
    param = -param;

  if (reader->pos < reader->len && reader->data[reader->pos] == ' ')
    reader->pos++;

  return handle_word (reader, word, has_param, (int) param, starts_group, error);
}

static gboolean
read_control_symbol (RtfReader  *reader,
                     GError    **error)
{
  guchar symbol = reader->data[reader->pos];
  gsize start = reader->pos - 1;

  reader->pos++;

  /* After \uN, a control symbol is one fallback unit, like a byte. */
  if (symbol != '\'' && reader->skip_bytes > 0 && !reader->state.skip)
    {
      reader->skip_bytes--;
      return TRUE;
    }

  switch (symbol)
    {
    case '\'':
      {
        int high, low;

        if (reader->pos + 2 > reader->len ||
            (high = g_ascii_xdigit_value (reader->data[reader->pos])) < 0 ||
            (low = g_ascii_xdigit_value (reader->data[reader->pos + 1])) < 0)
          {
            set_malformed (reader, error, _("broken \\' escape"), start);
            return FALSE;
          }
        reader->pos += 2;
        return add_byte (reader, (guchar) (high << 4 | low), start, error);
      }

    case '\\':
    case '{':
    case '}':
      return add_byte (reader, symbol, start, error);

    case '~':
      return add_unichar (reader, 0x00A0, error);

    case '_':
      return add_unichar (reader, 0x2011, error);

    case '\n':
    case '\r':
      return end_paragraph (reader, error);

    case '*':
      /* An ignorable destination: nothing this reader knows lives there. */
      reader->state.skip = TRUE;
      return TRUE;

    default:
      /* \- (optional hyphen), \| and the like: no text. */
      return TRUE;
    }
}

static gboolean
parse (RtfReader  *reader,
       GError    **error)
{
  while (reader->pos < reader->len)
    {
      guchar c = reader->data[reader->pos];

      if (c == '{')
        {
          if (reader->stack->len >= MAX_DEPTH)
            {
              set_malformed (reader, error, _("groups nested too deep"), reader->pos);
              return FALSE;
            }
          if (!reader->state.skip && !flush_bytes (reader, error))
            return FALSE;
          g_array_append_val (reader->stack, reader->state);
          reader->pos++;
          reader->skip_bytes = 0;

          /* "{\fonttbl" and the like: a destination is known by the word
           * that opens its group. */
          if (reader->pos + 1 < reader->len && reader->data[reader->pos] == '\\' &&
              g_ascii_isalpha (reader->data[reader->pos + 1]))
            {
              reader->pos++;
              if (!read_control_word (reader, TRUE, error))
                return FALSE;
            }
        }
      else if (c == '}')
        {
          if (!reader->state.skip && !flush_bytes (reader, error))
            return FALSE;
          reader->pos++;
          reader->skip_bytes = 0;
          /* The outermost group closed: whatever follows is not RTF. */
          if (reader->stack->len == 0)
            break;
          reader->state = g_array_index (reader->stack, GroupState, reader->stack->len - 1);
          g_array_set_size (reader->stack, reader->stack->len - 1);
          if (reader->stack->len == 0)
            break;
        }
      else if (c == '\\')
        {
          reader->pos++;
          if (reader->pos >= reader->len)
            break;
          if (g_ascii_isalpha (reader->data[reader->pos]))
            {
              if (!read_control_word (reader, FALSE, error))
                return FALSE;
            }
          else if (!read_control_symbol (reader, error))
            return FALSE;
        }
      else
        {
          /* Line ends in the file are layout; \par ends paragraphs. */
          if (c != '\n' && c != '\r' && !add_byte (reader, c, reader->pos, error))
            return FALSE;
          reader->pos++;
        }
    }

  /* The last paragraph needs no \par to count. */
  if (!flush_bytes (reader, error))
    return FALSE;
  if (reader->para_range != GRD_IMPORT_NO_TOKEN)
    grd_import_builder_end_range (reader->builder, reader->para_range);
  grd_import_builder_end_block (reader->builder);
  return TRUE;
}

gboolean
_grd_import_read_rtf (GBytes            *bytes,
                      const char        *file_name,
                      GrdImportBuilder  *builder,
                      GError           **error)
{
  RtfReader reader = { 0, };
  gboolean ok;

  reader.data = g_bytes_get_data (bytes, &reader.len);
  if (reader.data == NULL || reader.len < 5 || memcmp (reader.data, "{\\rtf", 5) != 0)
    {
      g_set_error (error, GRD_IMPORT_ERROR, GRD_IMPORT_ERROR_MALFORMED,
                   /* Translators: %s is a file name; {\rtf is literal */
                   _("%s: not an RTF file (it does not begin with “{\\rtf”)"),
                   file_name);
      return FALSE;
    }

  reader.file_name = file_name;
  reader.builder = builder;
  reader.stack = g_array_new (FALSE, FALSE, sizeof (GroupState));
  reader.state.uc = 1;
  reader.state.font = -1;
  reader.charset = g_strdup ("WINDOWS-1252");   /* \ansi without \ansicpg */
  reader.font_charsets = g_hash_table_new (NULL, NULL);
  reader.default_font = -1;
  reader.defining_font = -1;
  reader.pending = g_byte_array_new ();
  reader.pending_pos = g_array_new (FALSE, FALSE, sizeof (gsize));
  reader.outline_level = -1;
  reader.list_level = -1;
  reader.para_range = GRD_IMPORT_NO_TOKEN;
  reader.cell_range = GRD_IMPORT_NO_TOKEN;

  ok = parse (&reader, error);
  if (ok)
    grd_import_builder_set_encoding (builder, reader.charset);

  g_array_unref (reader.stack);
  g_hash_table_unref (reader.font_charsets);
  g_byte_array_unref (reader.pending);
  g_array_unref (reader.pending_pos);
  g_free (reader.charset);
  return ok;
}
