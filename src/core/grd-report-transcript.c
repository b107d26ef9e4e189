/* grd-report-transcript.c: a transcript with its codings, as a document
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a supervisor or a second coder reads on paper: the text as it is,
 * each coded passage on its code's colour, and beside each paragraph the
 * codes whose codings start in it. Codings overlap, so colour alone
 * cannot say where one ends: each coding has a number, set small before
 * its first character ("[3") and after its last ("3]"), and the margin
 * names the code beside the number.
 */

#define G_LOG_DOMAIN "grd-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "grd-report-private.h"
#include "grd-report-transcript.h"
#include "grd-utf8.h"

/* How far a speaker's label may reach past the name: "Respondent 2 (KAM):" */
#define LABEL_SLACK 24

static void
coding_free (GrdTranscriptCoding *coding)
{
  g_free (coding->code_name);
  g_free (coding->code_path);
  g_free (coding->color);
  g_free (coding);
}

static void
span_free (GrdTranscriptSpan *span)
{
  g_free (span->text);
  g_array_unref (span->codings);
  g_array_unref (span->starts);
  g_array_unref (span->ends);
  g_free (span);
}

static void
paragraph_free (GrdTranscriptParagraph *paragraph)
{
  g_ptr_array_unref (paragraph->spans);
  g_array_unref (paragraph->margin);
  g_free (paragraph);
}

void
grd_coded_transcript_free (GrdCodedTranscript *transcript)
{
  if (transcript == NULL)
    return;

  g_free (transcript->source_name);
  g_free (transcript->case_name);
  g_clear_pointer (&transcript->codings, g_ptr_array_unref);
  g_clear_pointer (&transcript->paragraphs, g_ptr_array_unref);
  g_free (transcript);
}

/* ---- cutting the text ------------------------------------------------- */

typedef struct {
  gint64 start, end;
} Range;

/* Each turn's label: from its start to the colon after the speaker's name,
 * as the transcript view marks it. */
static GArray *
speaker_labels (const char *text,
                gsize       len,
                GArray     *turns)
{
  GArray *labels = g_array_new (FALSE, FALSE, sizeof (Range));
  GrdUtf8Cursor cursor;

  grd_utf8_cursor_init (&cursor, text, len);
  for (guint i = 0; i < turns->len; i++)
    {
      const GrdTurn *turn = &g_array_index (turns, GrdTurn, i);
      gssize byte = grd_utf8_cursor_seek (&cursor, turn->start);
      gint64 reach, offset = 0;

      if (turn->speaker == NULL || byte < 0)
        continue;
      reach = g_utf8_strlen (turn->speaker, -1) + LABEL_SLACK;
      for (const char *p = text + byte; p < text + len && *p != '\n' && offset < reach;
           p = g_utf8_next_char (p), offset++)
        if (*p == ':')
          {
            Range label = { turn->start, turn->start + offset + 1 };

            g_array_append_val (labels, label);
            break;
          }
    }
  return labels;
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
add_boundary (GArray *boundaries,
              gint64  offset,
              gint64  start,
              gint64  end)
{
  if (offset > start && offset < end)
    g_array_append_val (boundaries, offset);
}

/* The line [start, end) of text, its bytes from line, cut wherever a
 * coding or a label begins or ends. */
static GrdTranscriptParagraph *
cut_paragraph (GrdCodedTranscript *transcript,
               GArray             *labels,
               const char         *line,
               gsize               line_len,
               gint64              start,
               gint64              end)
{
  GrdTranscriptParagraph *paragraph = g_new0 (GrdTranscriptParagraph, 1);
  g_autoptr(GArray) boundaries = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) here = g_array_new (FALSE, FALSE, sizeof (guint));
  GrdUtf8Cursor cursor;

  paragraph->start = start;
  paragraph->end = end;
  paragraph->spans = g_ptr_array_new_with_free_func ((GDestroyNotify) span_free);
  paragraph->margin = g_array_new (FALSE, FALSE, sizeof (guint));

  g_array_append_val (boundaries, start);
  g_array_append_val (boundaries, end);
  for (guint i = 0; i < transcript->codings->len; i++)
    {
      GrdTranscriptCoding *coding = g_ptr_array_index (transcript->codings, i);

      if (coding->start >= end)
        break;
      if (coding->end <= start)
        continue;
      g_array_append_val (here, i);
      add_boundary (boundaries, coding->start, start, end);
      add_boundary (boundaries, coding->end, start, end);
    }
  for (guint i = 0; i < labels->len; i++)
    {
      Range *label = &g_array_index (labels, Range, i);

      add_boundary (boundaries, label->start, start, end);
      add_boundary (boundaries, label->end, start, end);
    }
  g_array_sort (boundaries, compare_offsets);

  grd_utf8_cursor_init (&cursor, line, line_len);
  for (guint b = 0; b + 1 < boundaries->len; b++)
    {
      gint64 from = g_array_index (boundaries, gint64, b);
      gint64 to = g_array_index (boundaries, gint64, b + 1);
      GrdTranscriptSpan *span;
      gssize from_byte, to_byte;

      if (from == to)
        continue;
      from_byte = grd_utf8_cursor_seek (&cursor, from - start);
      to_byte = grd_utf8_cursor_seek (&cursor, to - start);
      span = g_new0 (GrdTranscriptSpan, 1);
      span->start = from;
      span->end = to;
      span->text = g_strndup (line + from_byte, to_byte - from_byte);
      span->codings = g_array_new (FALSE, FALSE, sizeof (guint));
      span->starts = g_array_new (FALSE, FALSE, sizeof (guint));
      span->ends = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; i < here->len; i++)
        {
          guint index = g_array_index (here, guint, i);
          GrdTranscriptCoding *coding = g_ptr_array_index (transcript->codings, index);

          if (coding->start < to && coding->end > from)
            g_array_append_val (span->codings, index);
        }
      for (guint i = 0; i < labels->len && !span->speaker; i++)
        span->speaker = g_array_index (labels, Range, i).start <= from &&
                        g_array_index (labels, Range, i).end >= to;
      g_ptr_array_add (paragraph->spans, span);
    }
  return paragraph;
}

static gboolean
holds (GArray *indexes,
       guint   index)
{
  for (guint i = 0; indexes != NULL && i < indexes->len; i++)
    if (g_array_index (indexes, guint, i) == index)
      return TRUE;
  return FALSE;
}

/* A coding starts where it covers a span and not the span before (the
 * blank lines between paragraphs are no span), and ends likewise; it is
 * numbered where it starts, and named in that paragraph's margin. */
static void
mark_starts_and_ends (GrdCodedTranscript *transcript)
{
  GrdTranscriptSpan *before = NULL;
  guint number = 0;

  for (guint p = 0; p < transcript->paragraphs->len; p++)
    {
      GrdTranscriptParagraph *paragraph = g_ptr_array_index (transcript->paragraphs, p);

      for (guint s = 0; s < paragraph->spans->len; s++)
        {
          GrdTranscriptSpan *span = g_ptr_array_index (paragraph->spans, s);

          for (guint i = 0; i < span->codings->len; i++)
            {
              guint index = g_array_index (span->codings, guint, i);
              GrdTranscriptCoding *coding = g_ptr_array_index (transcript->codings, index);

              if (!holds (before != NULL ? before->codings : NULL, index))
                {
                  g_array_append_val (span->starts, index);
                  g_array_append_val (paragraph->margin, index);
                  coding->number = ++number;
                }
            }
          for (guint i = 0; before != NULL && i < before->codings->len; i++)
            {
              guint index = g_array_index (before->codings, guint, i);

              if (!holds (span->codings, index))
                g_array_append_val (before->ends, index);
            }
          before = span;
        }
    }
  for (guint i = 0; before != NULL && i < before->codings->len; i++)
    g_array_append_val (before->ends, g_array_index (before->codings, guint, i));
}

GrdCodedTranscript *
grd_report_coded_transcript (GrdProject    *project,
                             gint64         source_id,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autoptr(GrdCodedTranscript) transcript = g_new0 (GrdCodedTranscript, 1);
  g_autoptr(GrdSource) source = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GArray) turns = NULL;
  g_autoptr(GArray) labels = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *text = NULL;
  const char *line;
  gint64 offset = 0;
  gsize len;

  g_return_val_if_fail (GRD_IS_PROJECT (project), NULL);

  if ((source = grd_project_get_source (project, source_id, error)) == NULL ||
      (text = grd_project_get_source_text (project, source_id, &len, error)) == NULL ||
      (codings = grd_project_list_codings (project, source_id, error)) == NULL ||
      (codes = grd_project_list_codes (project, error)) == NULL ||
      (turns = grd_project_list_turns (project, source_id, error)) == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  transcript->source_name = g_strdup (source->name);
  transcript->case_name = g_strdup (source->case_name);
  for (guint i = 0; i < codes->len; i++)
    {
      GrdCode *code = g_ptr_array_index (codes, i);

      g_hash_table_insert (by_id, &code->id, code);
    }

  /* Listed by start, the longer first: the outer of two nested codings
   * comes first, and a span's codings come outermost first. */
  transcript->codings = g_ptr_array_new_with_free_func ((GDestroyNotify) coding_free);
  for (guint i = 0; i < codings->len; i++)
    {
      const GrdCoding *coding = g_ptr_array_index (codings, i);
      const GrdCode *code = g_hash_table_lookup (by_id, &coding->code_id);
      GrdTranscriptCoding *entry = g_new0 (GrdTranscriptCoding, 1);

      entry->coding_id = coding->id;
      entry->code_id = coding->code_id;
      entry->code_name = g_strdup (code != NULL ? code->name : "");
      entry->code_path = code != NULL ? _grd_report_code_path (by_id, code) : g_strdup ("");
      entry->color = g_strdup (code != NULL && code->color != NULL ? code->color : "#808080");
      entry->start = coding->start;
      entry->end = coding->end;
      g_ptr_array_add (transcript->codings, entry);
    }

  labels = speaker_labels (text, len, turns);
  transcript->paragraphs = g_ptr_array_new_with_free_func ((GDestroyNotify) paragraph_free);
  for (line = text; line < text + len;)
    {
      const char *newline = memchr (line, '\n', text + len - line);
      const char *line_end = newline != NULL ? newline : text + len;
      const char *content_end = line_end;
      gint64 n_chars;
      gboolean blank = TRUE;

      if (content_end > line && content_end[-1] == '\r')
        content_end--;
      n_chars = grd_utf8_count_chars (line, content_end - line);
      for (const char *p = line; p < content_end && blank; p++)
        blank = g_ascii_isspace (*p);
      if (!blank)
        g_ptr_array_add (transcript->paragraphs,
                         cut_paragraph (transcript, labels, line, content_end - line,
                                        offset, offset + n_chars));
      offset += grd_utf8_count_chars (line, line_end - line) + (newline != NULL ? 1 : 0);
      line = newline != NULL ? newline + 1 : line_end;
    }
  mark_starts_and_ends (transcript);

  return g_steal_pointer (&transcript);
}

/* ---- colours ---------------------------------------------------------- */

static void
parse_color (const char *color,
             double      rgb[3])
{
  guint value = 0x808080;

  if (color != NULL && color[0] == '#' && strlen (color) == 7)
    value = (guint) g_ascii_strtoull (color + 1, NULL, 16);
  rgb[0] = ((value >> 16) & 0xff) / 255.0;
  rgb[1] = ((value >> 8) & 0xff) / 255.0;
  rgb[2] = (value & 0xff) / 255.0;
}

static char *
format_color (const double rgb[3])
{
  return g_strdup_printf ("#%02x%02x%02x", (guint) (CLAMP (rgb[0], 0, 1) * 255 + 0.5),
                          (guint) (CLAMP (rgb[1], 0, 1) * 255 + 0.5),
                          (guint) (CLAMP (rgb[2], 0, 1) * 255 + 0.5));
}

char *
grd_coded_transcript_tint (const char *color)
{
  double rgb[3];

  /* a third of the colour on white: black text stays easy to read */
  parse_color (color, rgb);
  for (guint i = 0; i < 3; i++)
    rgb[i] = 1 - (1 - rgb[i]) * 0.35;
  return format_color (rgb);
}

char *
grd_coded_transcript_ink (const char *color)
{
  double rgb[3], luminance;

  /* a yellow code's numbers would vanish on white paper */
  parse_color (color, rgb);
  luminance = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  for (guint i = 0; i < 3 && luminance > 0.45; i++)
    rgb[i] *= 0.45 / luminance;
  return format_color (rgb);
}

/* ---- as HTML and as a document ---------------------------------------- */

static char *
summary (GrdCodedTranscript *transcript)
{
  g_autofree char *codings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coding",
                                                           "%u codings",
                                                           transcript->codings->len),
                                              transcript->codings->len);

  if (transcript->case_name == NULL)
    return g_steal_pointer (&codings);
  /* Translators: “Respondent 1 · 35 codings” */
  return g_strdup_printf (_("%s · %s"), transcript->case_name, codings);
}

static GrdTranscriptCoding *
coding_at (GrdCodedTranscript *transcript,
           GArray             *indexes,
           guint               i)
{
  return g_ptr_array_index (transcript->codings, g_array_index (indexes, guint, i));
}

char *
grd_coded_transcript_mark (const GrdTranscriptCoding *coding,
                           gboolean                   start)
{
  return start ? g_strdup_printf ("[%u", coding->number) : g_strdup_printf ("%u]", coding->number);
}

/* A margin note floated out of the text at the line the coding starts
 * on (as Tufte's sidenotes are): notes on one line stack, never overlap. */
static void
append_html_note (GString             *out,
                  GrdTranscriptCoding *coding)
{
  g_autofree char *ink = grd_coded_transcript_ink (coding->color);
  g_autofree char *code = _grd_report_escape_html (coding->code_name);
  g_autofree char *path = _grd_report_escape_html (coding->code_path);

  g_string_append_printf (out, "<span class=\"note\" style=\"border-color:%s\" title=\"%s\">"
                               "<b style=\"color:%s\">%u</b> %s</span>",
                          coding->color, path, ink, coding->number, code);
}

static void
append_html_marks (GString            *out,
                   GrdCodedTranscript *transcript,
                   GArray             *indexes,
                   gboolean            start)
{
  for (guint i = 0; start && i < indexes->len; i++)
    append_html_note (out, coding_at (transcript, indexes, i));
  for (guint i = 0; i < indexes->len; i++)
    {
      GrdTranscriptCoding *coding = coding_at (transcript, indexes, i);
      g_autofree char *ink = grd_coded_transcript_ink (coding->color);
      g_autofree char *mark = grd_coded_transcript_mark (coding, start);

      g_string_append_printf (out, "<span class=\"mark\" style=\"color:%s\">%s</span>", ink, mark);
    }
}

/* Nested highlights, the outermost widest: each coding's colour shows as
 * a band below the ones inside it. */
static void
append_html_span (GString            *out,
                  GrdCodedTranscript *transcript,
                  GrdTranscriptSpan  *span)
{
  g_autofree char *text = _grd_report_escape_html (span->text);
  guint depth = span->codings->len;

  append_html_marks (out, transcript, span->starts, TRUE);
  for (guint i = 0; i < depth; i++)
    {
      GrdTranscriptCoding *coding = coding_at (transcript, span->codings, i);
      g_autofree char *tint = grd_coded_transcript_tint (coding->color);
      g_autofree char *name = _grd_report_escape_html (coding->code_name);

      g_string_append_printf (out, "<span class=\"hl\" title=\"%s\" style=\"background:%s;"
                                   "padding-bottom:%upx\">", name, tint, (depth - 1 - i) * 4);
    }
  g_string_append_printf (out, span->speaker ? "<b>%s</b>" : "%s", text);
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "</span>");
  append_html_marks (out, transcript, span->ends, FALSE);
}

char *
grd_coded_transcript_to_html (GrdCodedTranscript *transcript)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *name = NULL, *facts = NULL, *facts_html = NULL;

  g_return_val_if_fail (transcript != NULL, NULL);

  name = _grd_report_escape_html (transcript->source_name);
  facts = summary (transcript);
  facts_html = _grd_report_escape_html (facts);
  /* The notes hang in the text's right padding; colours print too. */
  g_string_append_printf (out, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                               "<title>%s</title>\n<style>"
                               "body{max-width:56em;margin:2em auto;padding:0 1em;"
                               "font-family:serif;line-height:1.7}"
                               ".facts{color:#5e5c64}"
                               ".transcript{padding-right:14em;border-top:1px solid #000;"
                               "border-bottom:1px solid #000}"
                               ".transcript p{margin:.6em 0}"
                               /* in the note's own em: 12.4em of the text's, 1em from it */
                               ".note{float:right;clear:right;width:14.8em;margin-right:-17.5em;"
                               "margin-bottom:.2em;padding-left:.4em;border-left:.3em solid;"
                               "font:.8em/1.35 sans-serif}"
                               ".hl,.note{-webkit-print-color-adjust:exact;"
                               "print-color-adjust:exact;-webkit-box-decoration-break:clone;"
                               "box-decoration-break:clone}"
                               ".mark{font-family:sans-serif;font-size:.65em;font-weight:bold;"
                               "vertical-align:super;line-height:0;margin:0 .1em}"
                               "@media print{body{margin:0;max-width:none}}"
                               "</style>\n</head>\n<body>\n"
                               "<h1>%s</h1>\n<p class=\"facts\">%s</p>\n"
                               "<div class=\"transcript\">\n",
                          name, name, facts_html);
  for (guint p = 0; p < transcript->paragraphs->len; p++)
    {
      GrdTranscriptParagraph *paragraph = g_ptr_array_index (transcript->paragraphs, p);

      g_string_append (out, "<p>");
      for (guint s = 0; s < paragraph->spans->len; s++)
        append_html_span (out, transcript, g_ptr_array_index (paragraph->spans, s));
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "</div>\n</body>\n</html>\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
add_document_marks (GrdDocument        *document,
                    GrdCodedTranscript *transcript,
                    GArray             *indexes,
                    gboolean            start)
{
  for (guint i = 0; i < indexes->len; i++)
    {
      GrdTranscriptCoding *coding = coding_at (transcript, indexes, i);
      g_autofree char *ink = grd_coded_transcript_ink (coding->color);
      g_autofree char *mark = grd_coded_transcript_mark (coding, start);

      grd_document_add_run (document, mark, GRD_RUN_BOLD | GRD_RUN_SUPERSCRIPT, ink);
    }
}

GrdDocument *
grd_coded_transcript_to_document (GrdCodedTranscript *transcript)
{
  GrdDocument *document;
  g_autofree char *facts = NULL;
  /* the text takes what the margin leaves */
  const guint widths[] = { 13, 4 };

  g_return_val_if_fail (transcript != NULL, NULL);

  document = grd_document_new (transcript->source_name);
  facts = summary (transcript);
  grd_document_add_heading (document, 1, transcript->source_name);
  grd_document_add_paragraph (document, GRD_PARAGRAPH_NOTE, facts);
  grd_document_begin_table (document, 2, widths, 1);
  grd_document_begin_row (document);
  grd_document_add_cell (document, _("Transcript"));
  grd_document_add_cell (document, _("Codes"));

  for (guint p = 0; p < transcript->paragraphs->len; p++)
    {
      GrdTranscriptParagraph *paragraph = g_ptr_array_index (transcript->paragraphs, p);

      grd_document_begin_row (document);
      grd_document_begin_cell (document);
      grd_document_begin_paragraph (document, GRD_PARAGRAPH_BODY);
      for (guint s = 0; s < paragraph->spans->len; s++)
        {
          GrdTranscriptSpan *span = g_ptr_array_index (paragraph->spans, s);
          g_autofree char *tint = NULL;

          /* One background per run: the innermost coding's; the marks
           * show where the others reach. */
          if (span->codings->len > 0)
            tint = grd_coded_transcript_tint (coding_at (transcript, span->codings,
                                                         span->codings->len - 1)->color);
          add_document_marks (document, transcript, span->starts, TRUE);
          grd_document_add_highlighted_run (document, span->text,
                                            span->speaker ? GRD_RUN_BOLD : GRD_RUN_PLAIN,
                                            NULL, tint);
          add_document_marks (document, transcript, span->ends, FALSE);
        }

      grd_document_begin_cell (document);
      for (guint i = 0; i < paragraph->margin->len; i++)
        {
          GrdTranscriptCoding *coding = coding_at (transcript, paragraph->margin, i);
          g_autofree char *ink = grd_coded_transcript_ink (coding->color);
          g_autofree char *number = g_strdup_printf ("%u ", coding->number);
          g_autofree char *tint = grd_coded_transcript_tint (coding->color);

          grd_document_begin_paragraph (document, GRD_PARAGRAPH_BODY);
          grd_document_add_run (document, number, GRD_RUN_BOLD, ink);
          grd_document_add_highlighted_run (document, coding->code_name, GRD_RUN_PLAIN, NULL,
                                            tint);
        }
    }
  grd_document_end_table (document);
  return document;
}

gboolean
grd_coded_transcript_write (GrdCodedTranscript  *transcript,
                            GrdTableFormat       format,
                            const char          *path,
                            GError             **error)
{
  g_return_val_if_fail (transcript != NULL && path != NULL, FALSE);
  g_return_val_if_fail (format == GRD_TABLE_FORMAT_HTML || format == GRD_TABLE_FORMAT_ODT ||
                        format == GRD_TABLE_FORMAT_DOCX, FALSE);

  if (format == GRD_TABLE_FORMAT_HTML)
    return _grd_report_write (path, format, grd_coded_transcript_to_html (transcript), NULL,
                              error);
  return _grd_report_write (path, format, NULL, grd_coded_transcript_to_document (transcript),
                            error);
}
