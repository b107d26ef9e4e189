/* grd-core.c: process-wide set-up of the core library
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "grd-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/xmlIO.h>

#include "grd-core.h"
#include "grd-core-resources.h"

/* REFI-QDA files and office documents come from anyone: no XML they hold
 * may make us open another file or reach the network. */
static xmlParserInputPtr
refuse_external_entity (const char       *url,
                        const char       *id,
                        xmlParserCtxtPtr  context)
{
  g_debug ("Refused to load the external entity %s", url != NULL ? url : id != NULL ? id : "?");
  return NULL;
}

void
grd_core_init (void)
{
  static gsize initialized;

  if (!g_once_init_enter (&initialized))
    return;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  /* A static library's resource constructor may be dropped by the linker,
   * so the bundle is registered by hand. */
  grd_core_register_resource ();

  xmlInitParser ();
  xmlSetExternalEntityLoader (refuse_external_entity);

  g_once_init_leave (&initialized, 1);
}
