/* grd-selective.h: integrating the codes around a core category
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "grd-project.h"

G_BEGIN_DECLS

typedef enum {
  GRD_CHECK_NO_CORE_CATEGORY,  /* no code is marked the core category */
  GRD_CHECK_UNRELATED_THEME,   /* a theme neither under nor related to the core category */
  GRD_CHECK_NO_QUOTES,         /* a code with no coding, its sub-codes' included */
  GRD_CHECK_ONE_CASE,          /* a sub-theme whose quotes all come from one case */
  GRD_CHECK_NO_DEFINITION,     /* a theme, sub-theme, dimension or core category without a description */
} GrdCheckKind;

typedef struct {
  GrdCheckKind  kind;
  gint64        code_id;     /* 0 for GRD_CHECK_NO_CORE_CATEGORY */
  char         *code_name;
  char         *case_name;   /* GRD_CHECK_ONE_CASE: the one case */
} GrdIntegrationCheck;

void grd_integration_check_free (GrdIntegrationCheck *check);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdIntegrationCheck, grd_integration_check_free)

/* What still keeps the code system from hanging together, by kind in the
 * order above, each kind in the tree's order. */
GPtrArray *grd_selective_checks (GrdProject    *project,
                                 GCancellable  *cancellable,
                                 GError       **error);

typedef struct {
  gint64   source_id;
  char    *source_name;
  char    *date;              /* the ordering date, NULL in import order */
  guint    n_new_codes;       /* codes first coded in this transcript */
  guint    n_new_themes;      /* themes and sub-themes first reached in it */
  guint    n_codes;           /* codes coded so far, this one included */
  guint    n_themes;
} GrdSaturationRow;

void grd_saturation_row_free (GrdSaturationRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdSaturationRow, grd_saturation_row_free)

/* Saturation evidence: new codes and themes per transcript, in import
 * order (date_attribute_id 0) or by a date attribute of the transcript or
 * its case, transcripts without a date last. Transcripts with no codings
 * are listed too: they added nothing. */
GPtrArray *grd_selective_saturation (GrdProject    *project,
                                     gint64         date_attribute_id,
                                     GCancellable  *cancellable,
                                     GError       **error);

G_END_DECLS
