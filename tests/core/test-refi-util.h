/* test-refi-util.h: what the REFI-QDA tests share
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "grd-refi.h"
#include "test-raw-zip.h"
#include "test-util.h"

#define QDE_START "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" \
                  "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"P\" origin=\"test\">\n"

static inline char *
export_path (Fixture    *fixture,
             const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

/* Archives built here, entry by entry. */
static inline char *
write_qdpx (Fixture        *fixture,
            const char     *name,
            const char     *qde,
            const RawEntry *more)
{
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (RawEntry));
  RawEntry project = { "project.qde", qde, strlen (qde), ZIP_CM_DEFLATE, FALSE };

  g_array_append_val (entries, project);
  for (const RawEntry *e = more; e != NULL && e->name != NULL; e++)
    g_array_append_vals (entries, e, 1);
  return write_raw_zip (fixture->dir, name, (const RawEntry *) entries->data);
}

/* A warning on element at line (0: any line) whose message holds says. */
static inline gboolean
has_warning (GrdRefiReport *report,
             const char    *element,
             guint          line,
             const char    *says)
{
  for (guint i = 0; i < report->warnings->len; i++)
    {
      GrdRefiWarning *w = g_ptr_array_index (report->warnings, i);

      if (g_strcmp0 (w->element, element) == 0 && (line == 0 || w->line == line) &&
          strstr (w->message, says) != NULL)
        return TRUE;
    }
  return FALSE;
}
