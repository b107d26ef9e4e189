/* grd-core.h: the one header the app, the CLI and the tests include
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grd-axial.h"
#include "grd-code-history.h"
#include "grd-code-map.h"
#include "grd-document.h"
#include "grd-import.h"
#include "grd-import-batch.h"
#include "grd-project.h"
#include "grd-query.h"
#include "grd-refi.h"
#include "grd-report.h"
#include "grd-report-figure.h"
#include "grd-report-matrix.h"
#include "grd-report-codebook.h"
#include "grd-report-transcript.h"
#include "grd-review.h"
#include "grd-selective.h"
#include "grd-store.h"
#include "grd-types.h"
#include "grd-utf8.h"
#include "grd-zip.h"

G_BEGIN_DECLS

/* Registers the core resources and makes libxml2 safe; call once, on the
 * main thread, before anything else in core. */
void grd_core_init (void);

G_END_DECLS
