/* grd-store.h: the project file (one SQLite database) and its errors
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GRD_STORE_ERROR (grd_store_error_quark ())

typedef enum {
  GRD_STORE_ERROR_NOT_PROJECT,   /* not SQLite, or SQLite but not ours */
  GRD_STORE_ERROR_CORRUPT,       /* fails the integrity check */
  GRD_STORE_ERROR_TOO_NEW,       /* made by a newer Grounded */
  GRD_STORE_ERROR_EXISTS,        /* refusing to overwrite */
  GRD_STORE_ERROR_IO,            /* cannot open, read or write */
  GRD_STORE_ERROR_BUSY,          /* another program holds the file */
  GRD_STORE_ERROR_FAILED,        /* any other database failure */
} GrdStoreError;

GQuark grd_store_error_quark (void);

/* "GRDP" in the database header, so `file` and we can tell a project apart
 * from any other SQLite database. */
#define GRD_STORE_APPLICATION_ID 0x47524450

/* The schema version this build writes (PRAGMA user_version). */
#define GRD_STORE_SCHEMA_VERSION 4

G_END_DECLS
