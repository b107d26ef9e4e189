/* grd-types.h: records and enums shared by every layer
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The three grounded-theory phases each have a home in the code tree:
 * open codes (open coding), sub-themes and themes (axial coding), aggregate
 * dimensions and the core category (selective coding). */
typedef enum {
  GRD_CODE_KIND_OPEN_CODE,
  GRD_CODE_KIND_SUB_THEME,
  GRD_CODE_KIND_THEME,
  GRD_CODE_KIND_AGGREGATE_DIMENSION,
  GRD_CODE_KIND_CORE_CATEGORY,
} GrdCodeKind;

typedef enum {
  GRD_ATTRIBUTE_TYPE_TEXT,
  GRD_ATTRIBUTE_TYPE_NUMBER,
  GRD_ATTRIBUTE_TYPE_DATE,
  GRD_ATTRIBUTE_TYPE_CHOICE,
} GrdAttributeType;

/* Strauss & Corbin's paradigm model gives the axial relation kinds. */
typedef enum {
  GRD_RELATION_KIND_ASSOCIATED,
  GRD_RELATION_KIND_CAUSAL_CONDITION,
  GRD_RELATION_KIND_CONTEXT,
  GRD_RELATION_KIND_INTERVENING_CONDITION,
  GRD_RELATION_KIND_ACTION_INTERACTION,
  GRD_RELATION_KIND_CONSEQUENCE,
  GRD_RELATION_KIND_PROPERTY_OF,
  GRD_RELATION_KIND_IS_A,
} GrdRelationKind;

typedef enum {
  GRD_MEMO_SCOPE_FREE,
  GRD_MEMO_SCOPE_PROJECT,
  GRD_MEMO_SCOPE_SOURCE,
  GRD_MEMO_SCOPE_CODE,
  GRD_MEMO_SCOPE_CODING,
  GRD_MEMO_SCOPE_RELATION,
} GrdMemoScope;

/* What a "changed" emission of GrdProject touched, so views refresh only
 * what they show. */
typedef enum {
  GRD_CHANGE_SOURCES   = 1 << 0,
  GRD_CHANGE_CASES     = 1 << 1,
  GRD_CHANGE_CODES     = 1 << 2,
  GRD_CHANGE_CODINGS   = 1 << 3,
  GRD_CHANGE_RELATIONS = 1 << 4,
  GRD_CHANGE_MEMOS     = 1 << 5,
  GRD_CHANGE_CODERS    = 1 << 6,
  GRD_CHANGE_HISTORY   = 1 << 7,
  GRD_CHANGE_REVIEW    = 1 << 8,  /* review states, comments, reviews, snapshots */
  GRD_CHANGE_MAP       = 1 << 9,  /* code map positions */
  GRD_CHANGE_ALL       = 0x3ff,
} GrdChange;

/* The one coding an edit, undo or redo added, removed or changed, passed
 * with GrdProject::changed when nothing else but that coding and its memos
 * changed: views then follow that row instead of reading everything again. */
typedef struct {
  gint64 coding_id;
  gint64 source_id;
  gint64 code_before;   /* 0: the coding did not exist before */
  gint64 code_after;    /* 0: it does not exist any more */
} GrdCodingChange;

const char *grd_code_kind_to_string        (GrdCodeKind       kind);
gboolean    grd_code_kind_from_string      (const char       *string,
                                            GrdCodeKind      *kind);
/* How a kind reads to people, translated: "sub-theme" beside a code's
 * name or in a sentence, "Sub-theme" when capitalized to begin a line. */
const char *grd_code_kind_caption          (GrdCodeKind       kind,
                                            gboolean          capitalized);
const char *grd_attribute_type_to_string   (GrdAttributeType  type);
gboolean    grd_attribute_type_from_string (const char       *string,
                                            GrdAttributeType *type);
const char *grd_relation_kind_to_string    (GrdRelationKind   kind);
gboolean    grd_relation_kind_from_string  (const char       *string,
                                            GrdRelationKind  *kind);
const char *grd_memo_scope_to_string       (GrdMemoScope      scope);
gboolean    grd_memo_scope_from_string     (const char       *string,
                                            GrdMemoScope     *scope);

/* Ids are SQLite row ids; 0 means "none". Offsets are Unicode code points
 * into the stored text, half-open. Times are Unix seconds (UTC). */

typedef struct {
  gint64  id;
  char   *name;
  char   *guid;
} GrdCoder;

typedef struct {
  gint64  id;
  char   *guid;
  char   *name;
  char   *description;
  guint   n_sources;
} GrdCase;

typedef struct {
  gint64  id;
  char   *guid;
  char   *name;
  char   *original_name;
  char   *format;
  char   *content_hash;   /* SHA-256 of the stored text */
  gint64  length;         /* in code points */
  gint64  imported_at;
  gint64  case_id;
  char   *case_name;      /* NULL when the source has no case */
  guint   n_words;
  guint   n_codings;
} GrdSource;

typedef struct {
  gint64   start;
  gint64   end;
  char    *speaker;
  gboolean is_interviewer;
} GrdTurn;

typedef struct {
  gint64            id;
  char             *guid;
  char             *name;
  GrdAttributeType  type;
  GStrv             choices;  /* only for GRD_ATTRIBUTE_TYPE_CHOICE */
} GrdAttribute;

typedef struct {
  gint64            attribute_id;
  char             *attribute_name;
  GrdAttributeType  type;
  gint64            case_id;     /* one of case_id and source_id is set */
  gint64            source_id;
  char             *value;       /* NULL: explicitly not applicable ("n/a") */
} GrdAttributeValue;

typedef struct {
  gint64       id;
  char        *guid;
  gint64       parent_id;
  gint         position;
  guint        depth;            /* 0 for top-level codes */
  char        *name;
  char        *description;
  char        *color;            /* "#rrggbb" */
  GrdCodeKind  kind;
  gint64       created_at;
  guint        n_codings;        /* its own codings */
  guint        n_codings_total;  /* with its descendants' */
  guint        n_children;
} GrdCode;

typedef struct {
  gint64  id;
  char   *guid;
  char   *name;
  char   *description;
  GArray *code_ids;   /* gint64 */
} GrdCodeSet;

typedef struct {
  gint64   id;
  char    *guid;
  gint64   source_id;
  gint64   code_id;
  gint64   start;
  gint64   end;
  gint64   coder_id;
  char    *coder_name;
  gint64   created_at;
  gboolean representative;
} GrdCoding;

typedef struct {
  gint64           id;
  char            *guid;
  gint64           from_code_id;
  gint64           to_code_id;
  GrdRelationKind  kind;         /* GRD_RELATION_KIND_ASSOCIATED when type_id is set */
  gint64           type_id;      /* a user-defined relation type, 0: the kind says */
  char            *type_name;    /* NULL when type_id is 0 */
  gboolean         directed;     /* from → to; only "associated" and undirected types are not */
  char            *label;
  char            *memo;
  gint64           created_at;
} GrdRelation;

/* A relation type the researcher defines besides the paradigm model. */
typedef struct {
  gint64    id;
  char     *guid;
  char     *name;
  char     *description;
  gboolean  directed;
  guint     n_relations;
} GrdRelationType;

typedef struct {
  gint64        id;
  char         *guid;
  GrdMemoScope  scope;
  gint64        target_id;   /* 0 for free and project memos */
  char         *title;
  char         *text;
  char         *author_name;
  gint64        created_at;
  gint64        updated_at;
} GrdMemo;

typedef struct {
  gint64    id;
  char     *label;
  char     *coder_name;
  gint64    created_at;
  gboolean  undone;
} GrdHistoryStep;

void grd_coder_free          (GrdCoder          *coder);
void grd_case_free           (GrdCase           *kase);
void grd_source_free         (GrdSource         *source);
void grd_turn_clear          (GrdTurn           *turn);
void grd_attribute_free      (GrdAttribute      *attribute);
void grd_attribute_value_free (GrdAttributeValue *value);
void grd_code_free           (GrdCode           *code);
void grd_code_set_free       (GrdCodeSet        *set);
void grd_coding_free         (GrdCoding         *coding);
void grd_relation_free       (GrdRelation       *relation);
void grd_relation_type_free  (GrdRelationType   *type);
void grd_memo_free           (GrdMemo           *memo);
void grd_history_step_free   (GrdHistoryStep    *step);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdCoder, grd_coder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdCase, grd_case_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdSource, grd_source_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdAttribute, grd_attribute_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdAttributeValue, grd_attribute_value_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdCode, grd_code_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdCodeSet, grd_code_set_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdCoding, grd_coding_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdRelation, grd_relation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdRelationType, grd_relation_type_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdMemo, grd_memo_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrdHistoryStep, grd_history_step_free)

G_END_DECLS
