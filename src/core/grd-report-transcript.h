/* grd-report-transcript.h: a transcript with its codings, as a document
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grd-report.h"

G_BEGIN_DECLS

/* One coding as the transcript prints it: numbered in the order the
 * codings start, the number marking where it starts and ends. */
typedef struct {
  gint64  coding_id;
  gint64  code_id;
  char   *code_name;
  char   *code_path;    /* "Extrinsic › External regulation › Salary" */
  char   *color;        /* the code's, "#rrggbb" */
  gint64  start;        /* code points into the text, half-open */
  gint64  end;
  guint   number;       /* 1, 2, … in the order they start; 0: on blank lines only */
} GrdTranscriptCoding;

/* A stretch of a paragraph that the same codings cover. */
typedef struct {
  gint64   start;       /* code points into the text, half-open */
  gint64   end;
  char    *text;
  gboolean speaker;     /* part of a speaker's label ("Respondent 2:") */
  GArray  *codings;     /* guint indexes into GrdCodedTranscript.codings, outermost first */
  GArray  *starts;      /* the codings whose start mark goes before it */
  GArray  *ends;        /* the codings whose end mark goes after it */
} GrdTranscriptSpan;

/* One line of the text that is not blank. */
typedef struct {
  gint64     start;
  gint64     end;       /* before its line break */
  GPtrArray *spans;     /* GrdTranscriptSpan, adjacent, from start to end */
  GArray    *margin;    /* guint indexes of the codings that start in it */
} GrdTranscriptParagraph;

typedef struct {
  char      *source_name;
  char      *case_name;     /* NULL without a case */
  GPtrArray *codings;       /* GrdTranscriptCoding, by start, the longer first */
  GPtrArray *paragraphs;    /* GrdTranscriptParagraph */
} GrdCodedTranscript;

void grd_coded_transcript_free (GrdCodedTranscript *transcript);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdCodedTranscript, grd_coded_transcript_free)

/* The transcript's text cut where codings and speakers' labels begin and
 * end, with each coding's code. */
GrdCodedTranscript *grd_report_coded_transcript   (GrdProject          *project,
                                                   gint64               source_id,
                                                   GCancellable        *cancellable,
                                                   GError             **error);

/* HTML: the text with nested highlights, each code named in the margin
 * beside the line its coding starts on; ready to print. */
char               *grd_coded_transcript_to_html  (GrdCodedTranscript  *transcript);
/* A two-column table: each paragraph beside the codes that start in it. */
GrdDocument        *grd_coded_transcript_to_document (GrdCodedTranscript *transcript);
/* HTML, ODT or DOCX, written to a temporary file and renamed into place. */
gboolean            grd_coded_transcript_write    (GrdCodedTranscript  *transcript,
                                                   GrdTableFormat       format,
                                                   const char          *path,
                                                   GError             **error);

/* "[3" before a coding's first character (start), "3]" after its last. */
char               *grd_coded_transcript_mark     (const GrdTranscriptCoding *coding,
                                                   gboolean                   start);
/* The code's colour lightened for a background that text stays readable
 * on: "#rrggbb". */
char               *grd_coded_transcript_tint     (const char          *color);
/* The code's colour darkened where needed for small text on white. */
char               *grd_coded_transcript_ink      (const char          *color);

G_END_DECLS
