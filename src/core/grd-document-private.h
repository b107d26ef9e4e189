/* grd-document-private.h: the document model, for its two writers
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/xmlwriter.h>

#include "grd-document.h"
#include "grd-zip.h"

G_BEGIN_DECLS

typedef struct {
  char        *text;
  GrdRunStyle  style;
  char        *color;         /* "#rrggbb" or NULL */
  char        *highlight;     /* the background, "#rrggbb" or NULL */
} GrdDocRun;

typedef struct {
  GrdParagraphStyle  style;
  guint              heading; /* 1 to 3 for a heading, else 0 */
  GPtrArray         *runs;    /* GrdDocRun */
} GrdDocParagraph;

typedef struct {
  guint      n_columns;
  guint     *widths;          /* relative */
  guint      n_header_rows;
  GPtrArray *rows;            /* of cells: GPtrArray of GrdDocParagraph */
} GrdDocTable;

/* One of the two */
typedef struct {
  GrdDocParagraph *paragraph;
  GrdDocTable     *table;
} GrdDocBlock;

struct _GrdDocument
{
  char            *title;
  GPtrArray       *blocks;    /* GrdDocBlock */
  GrdDocTable     *table;     /* open, or NULL */
  GPtrArray       *cell;      /* open, or NULL */
  GrdDocParagraph *paragraph; /* the last begun */
};

typedef enum {
  GRD_DOC_RULE_NONE,
  GRD_DOC_RULE_LIGHT,
  GRD_DOC_RULE_HEAVY,
} GrdDocRule;

GrdDocRule _grd_doc_rule_above (guint        row);
GrdDocRule _grd_doc_rule_below (GrdDocTable *table,
                                guint        row);

/* An XML part written into memory; every call is checked once, at the
 * end: after a failure the writer's calls fail too. */
typedef struct {
  xmlTextWriterPtr writer;
  xmlBufferPtr     buffer;
  gboolean         failed;
} GrdXml;

GrdXml  *_grd_xml_new        (void);
void     _grd_xml_start      (GrdXml        *xml,
                              const char    *element);
void     _grd_xml_end        (GrdXml        *xml);
void     _grd_xml_attributes (GrdXml        *xml,
                              const char    *name,
                              ...) G_GNUC_NULL_TERMINATED;
void     _grd_xml_empty      (GrdXml        *xml,
                              const char    *element,
                              ...) G_GNUC_NULL_TERMINATED;
void     _grd_xml_text       (GrdXml        *xml,
                              const char    *text,
                              gssize         len);
void     _grd_xml_run_text   (GrdXml        *xml,
                              const char    *text,
                              void         (*line_break) (GrdXml *xml));
/* Finishes xml and adds it to zip as part; frees xml either way. */
gboolean _grd_xml_add_part   (GrdZipWriter  *zip,
                              const char    *part,
                              GrdXml        *xml,
                              GError       **error);

gboolean _grd_document_write_odt  (GrdDocument   *self,
                                   GrdZipWriter  *zip,
                                   GError       **error);
gboolean _grd_document_write_docx (GrdDocument   *self,
                                   GrdZipWriter  *zip,
                                   GError       **error);

G_END_DECLS
