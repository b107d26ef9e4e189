/* grd-import-turns.c: finding speaker turns in transcripts
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-import"

#include "config.h"

#include <string.h>

#include "grd-import.h"
#include "grd-utf8.h"

#define MAX_LABEL_CHARS 40
#define MAX_LABEL_WORDS 5

/* Labels that mark the interviewer's side, compared case-folded after a
 * trailing dot and number are dropped ("Int.", "Interviewer 2", "I1"). */
static const char * const interviewer_labels[] = {
  "interviewer",
  "i",
  "int",
  "q",
  "moderator",
  "researcher",
  "pewawancara",
  "facilitator",
  "インタビュアー",
  "聞き手",
  NULL
};

/* Lines like "Note: ..." or a URL scheme look like labels but are never
 * speakers, even when they recur; a turn for them would cut the answer
 * they sit in in two. */
static const char * const non_speaker_labels[] = {
  "note",
  "notes",
  "nb",
  "catatan",
  "http",
  "https",
  "ftp",
  "mailto",
  "file",
  "www",
  NULL
};

typedef struct {
  gsize   byte_start;   /* start of the label line */
  gint64  char_start;
  char   *speaker;      /* as written, trimmed */
  char   *key;          /* normalised and case-folded, for counting */
} Candidate;

static void
candidate_clear (Candidate *candidate)
{
  g_clear_pointer (&candidate->speaker, g_free);
  g_clear_pointer (&candidate->key, g_free);
}

static const char *
skip_blanks (const char *p,
             const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;

  return p;
}

static const char *
skip_digits (const char *p,
             const char *end,
             guint       min,
             guint       max)
{
  guint n = 0;

  while (p < end && n < max && g_ascii_isdigit (*p))
    {
      p++;
      n++;
    }

  return n >= min ? p : NULL;
}

/* "[00:01:02]", "[01:02]", "(00:01:02)", with optional fractions of a
 * second as some transcription tools write them ("[00:01:02.5]").
 * Returns the position after it, or p when there is none. */
static const char *
skip_timestamp (const char *p,
                const char *end)
{
  const char *q;
  char close;

  if (p >= end)
    return p;

  if (*p == '[')
    close = ']';
  else if (*p == '(')
    close = ')';
  else
    return p;

  q = skip_digits (p + 1, end, 1, 2);
  if (q == NULL || q >= end || *q != ':')
    return p;

  q = skip_digits (q + 1, end, 2, 2);
  if (q == NULL)
    return p;

  if (q < end && *q == ':')
    {
      q = skip_digits (q + 1, end, 2, 2);
      if (q == NULL)
        return p;
    }

  if (q < end && (*q == '.' || *q == ','))
    {
      q = skip_digits (q + 1, end, 1, 3);
      if (q == NULL)
        return p;
    }

  if (q >= end || *q != close)
    return p;

  return q + 1;
}

static gboolean
is_label_char (gunichar c)
{
  return g_unichar_isalnum (c) ||
         g_unichar_ismark (c) ||   /* combining accents, Indic vowel signs */
         c == '.' ||
         c == '-' ||
         c == '\'' ||
         c == 0x2019;              /* RIGHT SINGLE QUOTATION MARK, as apostrophe */
}

#define FULLWIDTH_COLON "\xEF\xBC\x9A"   /* U+FF1A, the colon of CJK text */

/* The length of the colon at p: ':' or '：', or 0. */
static gsize
colon_length (const char *p,
              const char *end)
{
  if (p < end && *p == ':')
    return 1;
  if (end - p >= 3 && memcmp (p, FULLWIDTH_COLON, 3) == 0)
    return 3;
  return 0;
}

/* Reads a speaker label from p up to the first ':' or stop; returns the
 * position it stopped at (NULL if this is not a label) and in *trimmed_end
 * the end of its last word. */
static const char *
scan_label (const char  *p,
            const char  *stop,
            const char **trimmed_end)
{
  guint n_chars = 0;
  guint n_trimmed_chars = 0;
  guint n_words = 0;
  gboolean in_word = FALSE;
  gunichar c;

  if (p >= stop)
    return NULL;

  c = g_utf8_get_char_validated (p, stop - p);
  if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isalpha (c))
    return NULL;

  *trimmed_end = p;

  while (p < stop && colon_length (p, stop) == 0)
    {
      c = g_utf8_get_char_validated (p, stop - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        return NULL;

      p = g_utf8_next_char (p);
      n_chars++;

      if (c == ' ')
        {
          in_word = FALSE;
        }
      else if (is_label_char (c))
        {
          if (!in_word)
            n_words++;
          in_word = TRUE;
          *trimmed_end = p;
          n_trimmed_chars = n_chars;
        }
      else
        {
          return NULL;
        }

      /* Whatever follows, this is prose, not a label. */
      if (n_trimmed_chars > MAX_LABEL_CHARS || n_words > MAX_LABEL_WORDS)
        return NULL;
    }

  return p;
}

static const char *
skip_line_start (const char *line,
                 const char *line_end)
{
  const char *p = skip_blanks (line, line_end);

  p = skip_timestamp (p, line_end);
  return skip_blanks (p, line_end);
}

/* Parses one line; on success *label_start and *label_end delimit the
 * trimmed speaker label. */
static gboolean
parse_turn_line (const char  *line,
                 const char  *line_end,
                 const char **label_start,
                 const char **label_end)
{
  const char *p = skip_line_start (line, line_end);
  const char *trimmed_end;
  const char *after;

  *label_start = p;
  p = scan_label (p, line_end, &trimmed_end);
  if (p == NULL || p >= line_end)
    return FALSE;

  /* "Name: text" or "Name:" alone on its line, but not "http://" or
   * "12:30". CJK text puts no space after its full-width colon. */
  after = p + colon_length (p, line_end);
  if (*p == ':' && after < line_end && *after != ' ' && *after != '\t' && *after != '\r')
    return FALSE;

  *label_end = trimmed_end;

  return TRUE;
}

/* A name set in bold where the line starts ("**Wati** I think…",
 * "**Wati:** I think…") is a label without its colon, as transcription
 * services and Word templates write them. bold_start and bold_end are
 * the bold range, which never crosses a line end. */
static gboolean
parse_bold_label (const char  *line,
                  const char  *line_end,
                  const char  *bold_start,
                  const char  *bold_end,
                  const char **label_start,
                  const char **label_end)
{
  const char *p = skip_line_start (line, line_end);
  const char *trimmed_end;
  const char *stop;

  if (bold_start > p || bold_end <= p)
    return FALSE;

  *label_start = p;
  stop = scan_label (p, bold_end, &trimmed_end);
  if (stop == NULL)
    return FALSE;

  /* Only a colon may end the label inside the bold, and only white space
   * or the colon may come between it and the bold's end. */
  if (stop < bold_end)
    {
      stop = skip_blanks (stop + colon_length (stop, bold_end), bold_end);
      if (stop < bold_end)
        return FALSE;
    }

  if (bold_end < line_end && *bold_end != ' ' && *bold_end != '\t' &&
      colon_length (bold_end, line_end) == 0)
    return FALSE;

  *label_end = trimmed_end;

  return TRUE;
}

/* The byte spans of the ranges of one kind, in text order. */
static GArray *
find_spans (const char    *text,
            gsize          len,
            GArray        *formats,
            GrdFormatKind  kind)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (gsize) * 2);
  GrdUtf8Cursor cursor;

  if (formats == NULL)
    return spans;

  grd_utf8_cursor_init (&cursor, text, len);
  for (guint i = 0; i < formats->len; i++)
    {
      const GrdFormatRange *range = &g_array_index (formats, GrdFormatRange, i);
      gssize start, end;
      gsize span[2];

      if (range->kind != kind)
        continue;

      /* formats are sorted by start; the end is looked up apart because
       * the cursor only moves forward. A range past the text has no start,
       * and nothing to look the end up from. */
      start = grd_utf8_cursor_seek (&cursor, range->start);
      if (start < 0)
        continue;
      end = grd_utf8_byte_offset (text + start, len - (gsize) start, range->end - range->start);
      if (end < 0)
        continue;

      span[0] = (gsize) start;
      span[1] = (gsize) start + (gsize) end;
      g_array_append_val (spans, span);
    }

  return spans;
}

static char *
make_key (const char *label,
          gsize       len)
{
  /* Composed, so that a label list entry such as "インタビュアー" compares
   * equal however the file spelled its voiced kana. */
  g_autofree char *normal = g_utf8_normalize (label, len, G_NORMALIZE_DEFAULT_COMPOSE);

  return g_utf8_casefold (normal != NULL ? normal : label, -1);
}

static gboolean
key_in (const char         *key,
        const char * const *list)
{
  g_autofree char *base = g_strdup (key);
  gsize len = strlen (base);

  while (len > 0 && base[len - 1] == '.')
    base[--len] = '\0';

  if (g_strv_contains (list, base))
    return TRUE;

  /* "Interviewer 2", "I1", "Moderator 3." */
  while (len > 0 && g_ascii_isdigit (base[len - 1]))
    base[--len] = '\0';
  while (len > 0 && base[len - 1] == ' ')
    base[--len] = '\0';

  return g_strv_contains (list, base);
}

GArray *
grd_import_detect_turns (const char *text,
                         GArray     *formats)
{
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GArray) bold = NULL;
  g_autoptr(GArray) headings = NULL;
  guint next_bold = 0;
  guint next_heading = 0;
  GArray *turns;
  const char *end;
  const char *counted;
  gint64 chr = 0;
  guint n_accepted = 0;
  guint *accepted;

  g_return_val_if_fail (text != NULL, NULL);

  turns = g_array_new (FALSE, TRUE, sizeof (GrdTurn));
  g_array_set_clear_func (turns, (GDestroyNotify) grd_turn_clear);

  candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_array_set_clear_func (candidates, (GDestroyNotify) candidate_clear);
  counts = g_hash_table_new (g_str_hash, g_str_equal);

  end = text + strlen (text);
  counted = text;
  bold = find_spans (text, end - text, formats, GRD_FORMAT_BOLD);
  headings = find_spans (text, end - text, formats, GRD_FORMAT_HEADING);

  for (const char *line = text; line < end;)
    {
      const char *newline = memchr (line, '\n', end - line);
      const char *line_end = newline != NULL ? newline : end;
      const char *label_start;
      const char *label_end;
      const gsize *span = NULL;
      gboolean is_heading;

      /* A heading ("Interview 3: Jakarta") names a part, not a speaker. */
      while (next_heading < headings->len &&
             text + g_array_index (headings, gsize, next_heading * 2) < line)
        next_heading++;
      is_heading = next_heading < headings->len &&
                   text + g_array_index (headings, gsize, next_heading * 2) < line_end;

      while (next_bold < bold->len &&
             text + g_array_index (bold, gsize, next_bold * 2) < line)
        next_bold++;
      if (next_bold < bold->len &&
          text + g_array_index (bold, gsize, next_bold * 2) < line_end)
        span = &g_array_index (bold, gsize, next_bold * 2);

      if (!is_heading &&
          (parse_turn_line (line, line_end, &label_start, &label_end) ||
           (span != NULL &&
            parse_bold_label (line, line_end, text + span[0], text + span[1],
                              &label_start, &label_end))))
        {
          Candidate candidate;
          gsize label_len = label_end - label_start;

          /* Counting only the stretch since the last label keeps the whole
           * pass linear however long the transcript. */
          chr += grd_utf8_count_chars (counted, line - counted);
          counted = line;

          candidate.byte_start = line - text;
          candidate.char_start = chr;
          candidate.speaker = g_strndup (label_start, label_len);
          candidate.key = make_key (label_start, label_len);

          if (!key_in (candidate.key, non_speaker_labels))
            {
              guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, candidate.key));

              g_array_append_val (candidates, candidate);
              g_hash_table_insert (counts,
                                   g_array_index (candidates, Candidate, candidates->len - 1).key,
                                   GUINT_TO_POINTER (count + 1));
            }
          else
            {
              candidate_clear (&candidate);
            }
        }

      line = newline != NULL ? newline + 1 : end;
    }

  /* A label seen once inside an answer is more likely a "Subject:" or
   * "Example:" line than a speaker; but right after the interviewer's turn
   * it is the answer ("Ibu Wati:" once, "Wati:" later, or "R:"). Left
   * out, that answer would count as the interviewer's. */
  accepted = g_new (guint, candidates->len + 1);
  {
    gboolean after_interviewer = FALSE;

    for (guint i = 0; i < candidates->len; i++)
      {
        Candidate *candidate = &g_array_index (candidates, Candidate, i);
        gboolean is_interviewer = key_in (candidate->key, interviewer_labels);

        if (is_interviewer || after_interviewer ||
            GPOINTER_TO_UINT (g_hash_table_lookup (counts, candidate->key)) >= 2)
          {
            accepted[n_accepted++] = i;
            after_interviewer = is_interviewer;
          }
      }
  }

  next_heading = 0;
  for (guint i = 0; i < n_accepted; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, accepted[i]);
      const char *start = text + candidate->byte_start;
      const char *stop = i + 1 < n_accepted
        ? text + g_array_index (candidates, Candidate, accepted[i + 1]).byte_start
        : end;
      GrdTurn turn = { 0, };

      /* A heading ends the turn before it: it belongs to no speaker. */
      while (next_heading < headings->len &&
             text + g_array_index (headings, gsize, next_heading * 2) <= start)
        next_heading++;
      if (next_heading < headings->len &&
          text + g_array_index (headings, gsize, next_heading * 2) < stop)
        stop = text + g_array_index (headings, gsize, next_heading * 2);

      /* Blank lines between turns belong to neither; the label line itself
       * is never blank, so the turn cannot become empty. */
      while (stop > start && g_ascii_isspace (stop[-1]))
        stop--;

      turn.start = candidate->char_start;
      turn.end = candidate->char_start + grd_utf8_count_chars (start, stop - start);
      turn.is_interviewer = key_in (candidate->key, interviewer_labels);
      turn.speaker = g_steal_pointer (&candidate->speaker);
      g_array_append_val (turns, turn);
    }

  g_free (accepted);

  return turns;
}
