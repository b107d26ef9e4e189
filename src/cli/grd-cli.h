/* grd-cli.h: what the modules of grounded-cli share
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "grd-core.h"

G_BEGIN_DECLS

/* The exit statuses scripts can rely on. */
typedef enum {
  GRD_CLI_EXIT_OK = 0,
  GRD_CLI_EXIT_FAILED = 1,   /* the command was understood but could not be done */
  GRD_CLI_EXIT_USAGE = 2,    /* the command line itself is wrong */
} GrdCliExit;

typedef struct _GrdCli GrdCli;
typedef struct _GrdCliVerb GrdCliVerb;

typedef int (*GrdCliHandler) (GrdCli *cli);

/* How the project argument is used before the handler runs. */
typedef enum {
  GRD_CLI_PROJECT_OPEN,      /* it must exist and is opened */
  GRD_CLI_PROJECT_CREATE,    /* it must not exist; the handler creates it */
} GrdCliProjectMode;

/* One command or one verb of a command ("codes PROJECT add ..."). The
 * options are a space-separated list of long option names without the
 * dashes; a trailing '=' marks those that take a value. */
struct _GrdCliVerb
{
  const char        *command;
  const char        *verb;         /* NULL for the command's default action */
  const char        *usage;        /* what follows "grounded-cli " */
  const char        *summary;      /* N_() marked */
  const char        *options;
  int                min_args;     /* positional arguments after PROJECT and the verb */
  int                max_args;     /* -1: no limit */
  GrdCliHandler      handler;
  GrdCliProjectMode  project_mode;
};

struct _GrdCli
{
  const GrdCliVerb  *verb;
  gboolean           json;
  char              *coder;
  char              *project_path;
  GrdProject        *project;
  GPtrArray         *args;         /* positional arguments after PROJECT and the verb */
  GHashTable        *options;      /* "name" -> value ("" for flags) */
};

/* The verb tables of each module, each ended by an all-NULL entry. */
extern const GrdCliVerb grd_cli_project_verbs[];
extern const GrdCliVerb grd_cli_source_verbs[];
extern const GrdCliVerb grd_cli_case_verbs[];
extern const GrdCliVerb grd_cli_code_verbs[];
extern const GrdCliVerb grd_cli_refi_verbs[];
extern const GrdCliVerb grd_cli_report_verbs[];
extern const GrdCliVerb grd_cli_review_verbs[];

/* "import" takes a REFI-QDA project (.qdpx) or code book (.qdc) too, and
 * imports it as import-project or import-codebook would. */
gboolean    grd_cli_refi_is_exchange_file (const char *path);
int         grd_cli_refi_import      (GrdCli      *cli,
                                      const char  *file);

/* Arguments and options */
const char *grd_cli_arg              (GrdCli      *cli,
                                      guint        index);
gboolean    grd_cli_has_option       (GrdCli      *cli,
                                      const char  *name);
const char *grd_cli_get_option       (GrdCli      *cli,
                                      const char  *name);
/* Parses an integer option or argument; on failure reports a usage error
 * and returns FALSE, after which the handler returns GRD_CLI_EXIT_USAGE. */
gboolean    grd_cli_parse_int        (GrdCli      *cli,
                                      const char  *what,
                                      const char  *text,
                                      gint64       min,
                                      gint64      *value);
gboolean    grd_cli_get_int_option   (GrdCli      *cli,
                                      const char  *name,
                                      gint64       min,
                                      gint64       default_value,
                                      gint64      *value);
gboolean    grd_cli_parse_id         (GrdCli      *cli,
                                      const char  *what,
                                      const char  *text,
                                      gint64      *id);

/* Reporting: both return the exit status to hand back from the handler. */
int         grd_cli_fail             (GrdCli      *cli,
                                      const GError *error);
int         grd_cli_fail_message     (GrdCli      *cli,
                                      const char  *format,
                                      ...) G_GNUC_PRINTF (2, 3);
int         grd_cli_usage_error      (GrdCli      *cli,
                                      const char  *format,
                                      ...) G_GNUC_PRINTF (2, 3);

/* Lookups shared by several commands; NULL with error set when not found. */
GHashTable *grd_cli_code_paths       (GrdCli      *cli,
                                      GError     **error);
const char *grd_cli_lookup_path      (GHashTable  *paths,
                                      gint64       code_id);

/* A small JSON writer: correct escaping, UTF-8 passed through, pretty
 * printed so people can read it too. */
typedef struct _GrdJson GrdJson;

GrdJson    *grd_json_new             (void);
void        grd_json_free            (GrdJson     *json);
void        grd_json_begin_object    (GrdJson     *json);
void        grd_json_end_object      (GrdJson     *json);
void        grd_json_begin_array     (GrdJson     *json);
void        grd_json_end_array       (GrdJson     *json);
void        grd_json_member          (GrdJson     *json,
                                      const char  *name);
void        grd_json_string          (GrdJson     *json,
                                      const char  *value);
void        grd_json_int             (GrdJson     *json,
                                      gint64       value);
void        grd_json_bool            (GrdJson     *json,
                                      gboolean     value);
void        grd_json_null            (GrdJson     *json);
void        grd_json_member_string   (GrdJson     *json,
                                      const char  *name,
                                      const char  *value);
void        grd_json_member_int      (GrdJson     *json,
                                      const char  *name,
                                      gint64       value);
void        grd_json_member_bool     (GrdJson     *json,
                                      const char  *name,
                                      gboolean     value);
/* An id of 0 means "none" in core; scripts get null for it. */
void        grd_json_member_id       (GrdJson     *json,
                                      const char  *name,
                                      gint64       id);
/* Writes the document and a newline to stdout and frees the writer. */
void        grd_json_print           (GrdJson     *json);
char       *grd_json_escape          (const char  *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdJson, grd_json_free)

/* Aligned text tables for people. */
typedef struct _GrdTable GrdTable;

GrdTable   *grd_table_new            (const char  *first_header,
                                      ...) G_GNUC_NULL_TERMINATED;
GrdTable   *grd_table_new_from       (GPtrArray   *headers);
void        grd_table_free           (GrdTable    *table);
void        grd_table_add_row        (GrdTable    *table,
                                      const char  *first_cell,
                                      ...) G_GNUC_NULL_TERMINATED;
void        grd_table_add_rowv       (GrdTable    *table,
                                      GPtrArray   *cells);
void        grd_table_print          (GrdTable    *table,
                                      const char  *indent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdTable, grd_table_free)

/* The outcome of a simple edit: the message for people, or
 * {"action", "id", "name"} for scripts. */
void        grd_cli_report           (GrdCli      *cli,
                                      const char  *action,
                                      gint64       id,
                                      const char  *name,
                                      const char  *message);

/* Text helpers */
char       *grd_cli_shorten          (const char  *text,
                                      guint        max_chars);
char       *grd_cli_one_line         (const char  *text);
char       *grd_cli_format_time      (gint64       unix_time);
guint       grd_cli_display_width    (const char  *text);
char       *grd_cli_substring        (const char  *text,
                                      gsize        len,
                                      gint64       start,
                                      gint64       end);

G_END_DECLS
