/* test-refi-util.h: what the REFI-QDA tests share
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "grd-refi.h"
#include "grd-zip.h"
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

/* How many of element the report tallied, under any outcome, for why. */
static inline guint
count_tallies (GrdRefiReport *report,
               const char    *element,
               const char    *why)
{
  guint n = 0;

  for (guint i = 0; i < report->tallies->len; i++)
    {
      GrdRefiTally *tally = g_ptr_array_index (report->tallies, i);

      if (g_strcmp0 (tally->element, element) == 0 && g_strcmp0 (tally->why, why) == 0)
        n += tally->count;
    }
  return n;
}

static inline char *
sample_path (const char *name)
{
  const char *dir = g_getenv ("GROUNDED_REFI_SAMPLES");
  char *path;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, name, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    g_clear_pointer (&path, g_free);
  return path;
}

static inline GBytes *
read_zip_entry (const char *path,
                const char *entry)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrdZipReader) zip = grd_zip_reader_open (path, &error);
  GBytes *bytes;

  g_assert_no_error (error);
  bytes = grd_zip_reader_read_entry (zip, entry, 256 * 1024 * 1024, &error);
  g_assert_no_error (error);
  return bytes;
}

static inline gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return g_strstr_len (data, (gssize) len, needle) != NULL;
}

/* The text a coding covers, by code points. */
static inline char *
quote_of (GrdProject *project,
          GrdCoding  *coding)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *text = grd_project_get_source_text (project, coding->source_id, &len, &error);
  gssize from, to;

  g_assert_no_error (error);
  from = grd_utf8_byte_offset (text, len, coding->start);
  to = grd_utf8_byte_offset (text, len, coding->end);
  g_assert_cmpint (from, >=, 0);
  g_assert_cmpint (to, >=, from);
  return g_strndup (text + from, (gsize) (to - from));
}

static inline GrdCoding *
find_coding (GPtrArray  *codings,
             const char *guid)
{
  for (guint i = 0; i < codings->len; i++)
    {
      GrdCoding *coding = g_ptr_array_index (codings, i);

      if (g_ascii_strcasecmp (coding->guid, guid) == 0)
        return coding;
    }
  return NULL;
}

/* A study with everything REFI-QDA can carry, and some it cannot: nested
 * codes of several kinds, non-BMP text before each coded passage, two
 * coders, memos on everything, a case with typed attributes, a relation
 * with a memo, a code set. */
typedef struct {
  gint64 source, intrinsic, trust, extrinsic, facility;
  gint64 coding_trust, coding_cafe;
} Study;

static inline void
build_study (GrdProject *project,
             Study      *study)
{
  g_autoptr(GError) error = NULL;
  gint64 kase, gender, age, interviewed, set, relation;

  study->source = add_text_source (project, "Wawancara Budi 𝒜", INTERVIEW_TEXT);
  study->intrinsic = grd_project_add_code (project, 0, "Intrinsik — motivasi 🙂",
                                           GRD_CODE_KIND_AGGREGATE_DIMENSION, "#3584e4",
                                           "Self-Determination Theory: dari dalam diri", &error);
  g_assert_no_error (error);
  study->trust = grd_project_add_code (project, study->intrinsic, "kepercayaan",
                                       GRD_CODE_KIND_OPEN_CODE, "#e01b24", NULL, &error);
  g_assert_no_error (error);
  study->extrinsic = add_code (project, 0, "Extrinsic");
  study->facility = add_code (project, study->extrinsic, "Café & facility <ok>");

  study->coding_trust = grd_project_add_coding (project, study->source, study->trust, 74, 95,
                                                &error);
  g_assert_no_error (error);
  g_assert_true (grd_project_set_representative (project, study->coding_trust, TRUE, &error));
  g_assert_true (grd_project_set_current_coder (project, "Siti Rahayu", &error));
  study->coding_cafe = grd_project_add_coding (project, study->source, study->facility, 165, 169,
                                               &error);
  g_assert_no_error (error);
  grd_project_add_coding (project, study->source, study->extrinsic, 224, 269, &error);
  g_assert_no_error (error);

  kase = grd_project_add_case (project, "Respondent 1", "Key account manager, Medan", &error);
  g_assert_no_error (error);
  g_assert_true (grd_project_set_source_case (project, study->source, kase, &error));
  gender = grd_project_add_attribute (project, "gender", GRD_ATTRIBUTE_TYPE_TEXT, NULL, &error);
  age = grd_project_add_attribute (project, "age", GRD_ATTRIBUTE_TYPE_NUMBER, NULL, &error);
  interviewed = grd_project_add_attribute (project, "interviewed", GRD_ATTRIBUTE_TYPE_DATE, NULL,
                                           &error);
  g_assert_no_error (error);
  g_assert_true (grd_project_set_case_value (project, kase, gender, "Laki-laki", &error));
  g_assert_true (grd_project_set_case_value (project, kase, age, "34", &error));
  g_assert_true (grd_project_set_case_value (project, kase, interviewed, NULL, &error));
  g_assert_true (grd_project_set_source_value (project, study->source, interviewed, "2024-03-05",
                                               &error));
  g_assert_no_error (error);

  grd_project_add_memo (project, GRD_MEMO_SCOPE_CODE, study->trust, "Trust",
                        "Muncul tanpa diminta — 𝒜 every time.", &error);
  grd_project_add_memo (project, GRD_MEMO_SCOPE_CODING, study->coding_cafe, "",
                        "café as office", &error);
  grd_project_add_memo (project, GRD_MEMO_SCOPE_SOURCE, study->source, "Setting", "Medan, 2024",
                        &error);
  grd_project_add_memo (project, GRD_MEMO_SCOPE_PROJECT, 0, "Aim", "KAM motivation", &error);
  grd_project_add_memo (project, GRD_MEMO_SCOPE_FREE, 0, "Idea", "Compare with banks", &error);
  g_assert_no_error (error);

  relation = grd_project_add_relation (project, study->trust, study->intrinsic,
                                       GRD_RELATION_KIND_PROPERTY_OF, NULL,
                                       "trust is a property of intrinsic motivation", &error);
  g_assert_no_error (error);
  grd_project_add_memo (project, GRD_MEMO_SCOPE_RELATION, relation, "Why", "Seen in R1", &error);
  g_assert_no_error (error);

  set = grd_project_add_code_set (project, "Axial — set 1", "for the supervisor", &error);
  g_assert_no_error (error);
  g_assert_true (grd_project_add_to_code_set (project, set, study->trust, &error));
  g_assert_true (grd_project_add_to_code_set (project, set, study->facility, &error));
  g_assert_no_error (error);
}
