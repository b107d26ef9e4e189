/* grd-corpus.c: a deterministic benchmark corpus built through the core API
 *
 * Copyright 2026 The Grounded authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Everything random comes from splitmix64 with fixed seeds and integer
 * arithmetic only, so a size gives byte-identical text and the same codings
 * on every machine and every libc. Each transcript and its codings have their
 * own stream (seeded by the transcript's number), so the first 10 transcripts
 * of M and L are those of S. */

#include "config.h"

#include <string.h>

#include "grd-corpus.h"

#define CODING_MIN_CHARS       80
#define CODING_MAX_CHARS       600

#define SEED_TEXT     G_GUINT64_CONSTANT (0x4752445445585431)  /* "GRDTEXT1" */
#define SEED_CODINGS  G_GUINT64_CONSTANT (0x475244434f444531)  /* "GRDCODE1" */
#define SEED_CASES    G_GUINT64_CONSTANT (0x4752444341534531)  /* "GRDCASE1" */
#define SEED_TREE     G_GUINT64_CONSTANT (0x4752445452454531)  /* "GRDTREE1" */

/* ---- PRNG: splitmix64 ---------------------------------------------------- */

typedef struct {
  guint64 state;
} Rng;

static void
rng_init (Rng     *rng,
          guint64  seed,
          guint64  stream)
{
  rng->state = seed ^ (stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));
}

static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Uniform in [0, n) for n < 2^32. */
static guint32
rng_range (Rng     *rng,
           guint32  n)
{
  return (guint32) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

static gboolean
rng_per_million (Rng     *rng,
                 guint32  per_million)
{
  return rng_range (rng, 1000000) < per_million;
}

/* ---- Zipf-like tables with integer weights ------------------------------- */

/* Rank r (1-based) weighs scale / (r + offset); offset_x2 is twice the offset
 * so half offsets stay integer. */
typedef struct {
  guint    n;
  guint64 *cumulative;
} Zipf;

static void
zipf_init (Zipf    *zipf,
           guint    n,
           guint64  scale,
           guint    offset_x2)
{
  guint64 total = 0;

  zipf->n = n;
  zipf->cumulative = g_new (guint64, n);
  for (guint r = 1; r <= n; r++)
    {
      total += (2 * scale) / (2 * r + offset_x2);
      zipf->cumulative[r - 1] = total;
    }
}

static void
zipf_clear (Zipf *zipf)
{
  g_clear_pointer (&zipf->cumulative, g_free);
}

/* 0-based rank */
static guint
zipf_pick (const Zipf *zipf,
           Rng        *rng)
{
  guint64 total = zipf->cumulative[zipf->n - 1];
  guint64 x = rng_next (rng) % total;
  guint lo = 0, hi = zipf->n - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (zipf->cumulative[mid] > x)
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

/* ---- Words --------------------------------------------------------------- */

/* Roughly by frequency: the Zipf table makes the first ones common. */
static const char * const english[] = {
  "the", "and", "to", "of", "a", "in", "that", "it", "was", "we",
  "they", "is", "for", "with", "my", "on", "but", "not", "have", "he",
  "she", "there", "were", "so", "when", "you", "our", "at", "family", "would",
  "because", "people", "about", "village", "work", "from", "their", "all", "children", "had",
  "money", "what", "time", "very", "more", "one", "house", "only", "mother", "school",
  "then", "could", "after", "father", "before", "community", "always", "really", "everyone", "market",
  "every", "still", "harvest", "together", "think", "remember", "never", "neighbours", "those", "something",
  "difficult", "sometimes", "little", "morning", "evening", "because", "friends", "husband", "daughter", "brother",
  "sister", "teacher", "government", "programme", "meeting", "mosque", "church", "prayer", "ceremony", "festival",
  "rice", "field", "water", "river", "rain", "season", "drought", "flood", "buffalo", "chickens",
  "motorbike", "road", "bridge", "city", "Jakarta", "factory", "office", "shop", "stall", "warung",
  "clinic", "doctor", "midwife", "medicine", "hospital", "insurance", "card", "letter", "paperwork", "permission",
  "head", "leader", "elders", "youth", "women", "men", "group", "savings", "loan", "debt",
  "interest", "price", "fertiliser", "seeds", "tractor", "land", "boundary", "dispute", "certificate", "inheritance",
  "worried", "proud", "ashamed", "grateful", "lonely", "tired", "happy", "angry", "afraid", "hopeful",
  "sick", "healthy", "hungry", "sleep", "food", "cooking", "kitchen", "neighbour", "visitor", "guest",
  "wedding", "funeral", "birth", "pilgrimage", "Ramadan", "Lebaran", "fasting", "charity", "zakat", "mutual",
  "cooperation", "obligation", "respect", "shame", "honour", "reputation", "gossip", "rumour", "trust", "promise",
  "abroad", "Malaysia", "Singapore", "Taiwan", "Hong", "Kong", "remittance", "transfer", "phone", "message",
  "future", "dream", "business", "capital", "customers", "profit", "loss", "wages", "salary", "overtime",
  "scholarship", "uniform", "books", "fees", "homework", "exam", "graduation", "university", "dropped", "continue",
  "explained", "understood", "decided", "promised", "borrowed", "returned", "travelled", "planted", "collected", "waited",
  "usually", "suddenly", "finally", "honestly", "perhaps", "maybe", "actually", "certainly", "probably", "especially",
  "important", "expensive", "cheaper", "careful", "complicated", "ordinary", "different", "similar", "enough", "several",
  "responsibility", "understanding", "unfortunately", "circumstances", "relationship", "neighbourhood", "administration", "opportunity", "experience", "arrangement",
};

static const char * const names[] = {
  "Siti", "Budi", "Wahyuni", "Nurhaliza", "Dewi", "Agus", "Putri", "Rahmat",
  "Sri", "Joko", "Yusuf", "Ayu", "Made", "Ketut", "Bambang", "Indah",
  "Kurniawan", "Lestari", "Hendra", "Fitri", "Rina", "Eko", "Wayan", "Ratna",
  "Slamet", "Suharti", "Bu Siti", "Pak Budi", "Mbak Dewi", "Mas Agus",
};

static const char * const places[] = {
  "Surabaya", "Yogyakarta", "Bandung", "Makassar", "Medan", "Denpasar",
  "Semarang", "Malang", "Kupang", "Ambon", "Pontianak", "Banjarmasin",
};

static const char * const accented[] = {
  "café", "naïve", "résumé", "über", "señora", "jalapeño", "façade",
  "crème", "fiancé", "Zürich", "São Paulo", "Müller", "niño", "garçon",
  "déjà vu", "Ångström", "Bogotá", "Kraków", "Gödel", "piñata", "soupçon",
  "Curaçao", "Mañana", "coöperative", "Noël", "Renée", "Björk", "Françoise",
};

static const char * const non_latin[] = {
  "Москва", "спасибо", "деревня", "γνώση", "ευχαριστώ", "οικογένεια",
  "学校", "東京", "家族", "ありがとう", "마을", "سلام",
};

static const char * const non_bmp[] = {
  "𝒜", "😀", "🌾", "𝔘", "🙏", "𠀋",
};

static const char * const phrases[] = {
  "café in Zürich",
  "the café in Zürich",
};

static void
append_token (GString    *text,
              const char *word,
              gboolean    capitalize)
{
  if (capitalize && g_ascii_islower (word[0]))
    {
      g_string_append_c (text, g_ascii_toupper (word[0]));
      g_string_append (text, word + 1);
    }
  else
    g_string_append (text, word);
}

/* Appends one sentence; returns the number of words. */
static guint
append_sentence (GString    *text,
                 Rng        *rng,
                 const Zipf *vocabulary)
{
  guint n_words = 5 + rng_range (rng, 16);
  guint n = 0;

  for (guint i = 0; i < n_words; i++)
    {
      guint32 kind = rng_range (rng, 1000000);
      const char *word;

      if (kind < 30000)
        word = names[rng_range (rng, G_N_ELEMENTS (names))];
      else if (kind < 40000)
        word = places[rng_range (rng, G_N_ELEMENTS (places))];
      else if (kind < 55000)
        word = accented[rng_range (rng, G_N_ELEMENTS (accented))];
      else if (kind < 58000)
        word = non_latin[rng_range (rng, G_N_ELEMENTS (non_latin))];
      else if (kind < 58500)
        word = non_bmp[rng_range (rng, G_N_ELEMENTS (non_bmp))];
      else if (kind < 59000)
        word = phrases[rng_range (rng, G_N_ELEMENTS (phrases))];
      else
        word = english[zipf_pick (vocabulary, rng)];

      if (i > 0)
        g_string_append_c (text, ' ');
      append_token (text, word, i == 0);
      n++;

      if (i + 1 < n_words && rng_per_million (rng, 70000))
        g_string_append_c (text, ',');
    }

  {
    guint32 end = rng_range (rng, 100);

    g_string_append_c (text, end < 80 ? '.' : end < 95 ? '?' : '!');
  }

  return n;
}

static GrdImportedText *
make_transcript (guint       number,
                 const char *respondent,
                 const Zipf *vocabulary,
                 guint       words)
{
  GrdImportedText *imported;
  GString *text = g_string_sized_new (64 * 1024);
  guint target, n_words = 0;
  gboolean interviewer = TRUE;
  Rng rng;

  rng_init (&rng, SEED_TEXT, number);
  target = words - 400 + rng_range (&rng, 801);

  while (n_words < target)
    {
      guint n_sentences = interviewer ? 1 + rng_range (&rng, 3)
                                      : 3 + rng_range (&rng, 10);

      g_string_append (text, interviewer ? "Interviewer" : respondent);
      g_string_append (text, ": ");
      for (guint i = 0; i < n_sentences; i++)
        {
          if (i > 0)
            g_string_append_c (text, ' ');
          n_words += append_sentence (text, &rng, vocabulary);
        }
      g_string_append (text, "\n\n");
      interviewer = !interviewer;
    }

  /* No trailing blank line */
  g_string_truncate (text, text->len - 1);

  imported = g_new0 (GrdImportedText, 1);
  imported->text_len = text->len;
  imported->text = g_string_free (text, FALSE);
  imported->n_chars = g_utf8_strlen (imported->text, imported->text_len);
  imported->format = g_strdup ("txt");
  imported->original_name = g_strdup_printf ("interview-%04u.txt", number);
  imported->title = g_strdup_printf ("interview-%04u", number);
  imported->encoding = g_strdup ("UTF-8");

  return imported;
}

/* ---- The code tree ------------------------------------------------------- */

#define N_DIMENSIONS        4
#define THEMES_PER_DIMENSION 3
#define CODES_PER_THEME     5
#define N_THEMES            (N_DIMENSIONS * THEMES_PER_DIMENSION)
#define N_LEAVES            (N_THEMES * CODES_PER_THEME)

static const struct {
  const char *name;
  const char *color;
  const char *description;
} dimensions[N_DIMENSIONS] = {
  { "Livelihood",   "#3584e4", "How households make a living" },
  { "Social Ties",  "#33d17a", "Family, neighbours and faith" },
  { "Institutions", "#e5a50a", "The state and its services" },
  { "Wellbeing",    "#c061cb", "How people feel and what they hope for" },
};

static const char * const themes[N_THEMES] = {
  "Work and Income", "Land and Farming", "Migration",
  "Family", "Neighbourhood", "Religion and Ritual",
  "Local Government", "Schools", "Health Services",
  "Emotions", "Health", "Hopes and Plans",
};

static const char * const leaves[N_LEAVES] = {
  "Daily wages", "Informal trade", "Debt", "Second jobs", "Savings groups",
  "Rice harvest", "Land disputes", "Irrigation", "Crop prices", "Weather worries",
  "Leaving for the city", "Remittances", "Returning home", "Working abroad", "Left-behind children",
  "Parents' expectations", "Marriage", "Caring for elders", "Sibling support", "Gender roles",
  "Gotong royong", "Gossip", "Neighbourly help", "Newcomers", "Conflict with neighbours",
  "Prayer", "Fasting", "Ceremonies", "Mosque and church", "Religious teachers",
  "Village head", "Aid programmes", "Paperwork", "Corruption", "Village meetings",
  "School fees", "Teachers", "Dropping out", "Homework help", "Scholarships",
  "Puskesmas visits", "Health insurance", "Traditional healers", "Cost of medicine", "Distance to care",
  "Worry", "Pride", "Shame", "Gratitude", "Loneliness",
  "Chronic illness", "Mental strain", "Food and nutrition", "Sleep", "Physical labour",
  "Children's future", "Starting a business", "Building a house", "Pilgrimage", "Retirement",
};

static gboolean
add_tree (GrdProject  *project,
          gint64      *leaf_ids,
          GError     **error)
{
  for (guint d = 0; d < N_DIMENSIONS; d++)
    {
      gint64 dimension_id = grd_project_add_code (project, 0, dimensions[d].name,
                                                  GRD_CODE_KIND_AGGREGATE_DIMENSION,
                                                  dimensions[d].color,
                                                  dimensions[d].description, error);
      if (dimension_id <= 0)
        return FALSE;

      for (guint t = 0; t < THEMES_PER_DIMENSION; t++)
        {
          guint theme = d * THEMES_PER_DIMENSION + t;
          gint64 theme_id = grd_project_add_code (project, dimension_id, themes[theme],
                                                  GRD_CODE_KIND_THEME,
                                                  dimensions[d].color, "", error);
          if (theme_id <= 0)
            return FALSE;

          for (guint c = 0; c < CODES_PER_THEME; c++)
            {
              guint leaf = theme * CODES_PER_THEME + c;

              leaf_ids[leaf] = grd_project_add_code (project, theme_id, leaves[leaf],
                                                     GRD_CODE_KIND_OPEN_CODE,
                                                     dimensions[d].color, "", error);
              if (leaf_ids[leaf] <= 0)
                return FALSE;
            }
        }
    }

  return TRUE;
}

/* ---- Cases and attributes ------------------------------------------------ */

static const char * const genders[] = { "female", "male", "non-binary", NULL };

static const char * const regions[] = {
  "Jawa Barat", "Jawa Tengah", "Jawa Timur", "DI Yogyakarta", "Bali",
  "Sumatera Utara", "Sulawesi Selatan", "Kalimantan Barat", "Nusa Tenggara Timur",
  "Maluku",
};

typedef struct {
  gint64 gender;
  gint64 age;
  gint64 region;
} Attributes;

static gboolean
add_attributes (GrdProject  *project,
                Attributes  *attributes,
                GError     **error)
{
  attributes->gender = grd_project_add_attribute (project, "gender", GRD_ATTRIBUTE_TYPE_CHOICE,
                                                  genders, error);
  if (attributes->gender <= 0)
    return FALSE;
  attributes->age = grd_project_add_attribute (project, "age", GRD_ATTRIBUTE_TYPE_NUMBER,
                                               NULL, error);
  if (attributes->age <= 0)
    return FALSE;
  attributes->region = grd_project_add_attribute (project, "region", GRD_ATTRIBUTE_TYPE_TEXT,
                                                  NULL, error);
  return attributes->region > 0;
}

/* ---- Codings ------------------------------------------------------------- */

typedef struct {
  gint64 code_id;
  gint64 start;
  gint64 end;
} PlannedCoding;

static const char * const coders[] = { "Coder A", "Coder B" };

typedef struct {
  GrdProject     *project;
  Attributes      attributes;
  gint64          leaf_by_rank[N_LEAVES];
  Zipf            vocabulary;
  Zipf            code_use;
  guint           n_codings;
  GrdCorpusTimes *times;
  GrdCorpusInfo    info;
} Build;

static gint64
lap (gint64 *since)
{
  gint64 now = g_get_monotonic_time ();
  gint64 elapsed = now - *since;

  *since = now;
  return elapsed;
}

static gboolean
add_codings (Build    *build,
             guint     number,
             gint64    source_id,
             gint64    n_chars,
             GError  **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) planned_a = g_array_sized_new (FALSE, FALSE, sizeof (PlannedCoding),
                                                   build->info.n_codings_per_source);
  g_autoptr(GArray) planned_b = g_array_sized_new (FALSE, FALSE, sizeof (PlannedCoding),
                                                   build->info.n_codings_per_source);
  GArray *planned[2] = { planned_a, planned_b };
  g_autofree gint64 *keys = g_new (gint64, build->info.n_codings_per_source);
  gint64 clock = g_get_monotonic_time ();
  guint n = 0;
  Rng rng;

  g_return_val_if_fail (n_chars > CODING_MAX_CHARS, FALSE);

  rng_init (&rng, SEED_CODINGS, number);

  /* Coders take turns; a span the same coder already gave the same code is
   * drawn again. */
  while (n < build->info.n_codings_per_source)
    {
      guint coder = n % 2;
      guint rank = zipf_pick (&build->code_use, &rng);
      gint64 length = CODING_MIN_CHARS + rng_range (&rng, CODING_MAX_CHARS - CODING_MIN_CHARS + 1);
      gint64 start = rng_range (&rng, (guint32) (n_chars - length + 1));
      PlannedCoding coding = { build->leaf_by_rank[rank], start, start + length };

      /* start < 2^20, length < 2^10, rank < 2^7, coder < 2 */
      keys[n] = (start << 18) | (length << 8) | ((gint64) rank << 1) | coder;
      if (g_hash_table_contains (seen, &keys[n]))
        continue;
      g_hash_table_add (seen, &keys[n]);
      g_array_append_val (planned[coder], coding);
      n++;
    }
  build->times->generate_us += lap (&clock);

  /* Grouped by coder: two switches per source, however cheap a switch is. */
  for (guint c = 0; c < 2; c++)
    {
      if (!grd_project_set_current_coder (build->project, coders[c], error))
        return FALSE;

      for (guint i = 0; i < planned[c]->len; i++)
        {
          const PlannedCoding *coding = &g_array_index (planned[c], PlannedCoding, i);

          if (grd_project_add_coding (build->project, source_id, coding->code_id,
                                      coding->start, coding->end, error) <= 0)
            return FALSE;
          build->n_codings++;
        }
    }
  build->times->add_codings_us += lap (&clock);

  return TRUE;
}

/* ---- The build ----------------------------------------------------------- */

static const struct {
  const char *name;
  guint       n_sources;
  guint       words_per_source;
  guint       codings_per_source;
} sizes[] = {
  { "S", 10, 8000, 200 },
  { "M", 100, 8000, 200 },
  { "L", 1000, 8000, 200 },
  { "LONG", 1, 50000, 2000 },
};

gboolean
grd_corpus_size_from_string (const char    *string,
                             GrdCorpusSize *size)
{
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    if (g_ascii_strcasecmp (string, sizes[i].name) == 0)
      {
        *size = (GrdCorpusSize) i;
        return TRUE;
      }

  return FALSE;
}

const char *
grd_corpus_size_to_string (GrdCorpusSize size)
{
  g_return_val_if_fail ((guint) size < G_N_ELEMENTS (sizes), NULL);
  return sizes[size].name;
}

void
grd_corpus_get_info (GrdCorpusSize  size,
                     GrdCorpusInfo *info)
{
  memset (info, 0, sizeof *info);
  g_return_if_fail ((guint) size < G_N_ELEMENTS (sizes));

  info->n_sources = sizes[size].n_sources;
  info->n_words_per_source = sizes[size].words_per_source;
  info->n_codings_per_source = sizes[size].codings_per_source;
  info->n_codings = info->n_sources * info->n_codings_per_source;
  info->n_codes = N_DIMENSIONS + N_THEMES + N_LEAVES;
  info->n_leaf_codes = N_LEAVES;
}

static gboolean
add_transcript (Build    *build,
                guint     number,
                GError  **error)
{
  g_autofree char *case_name = g_strdup_printf ("Respondent %04u", number);
  g_autofree char *source_name = g_strdup_printf ("Interview %04u", number);
  g_autofree char *age = NULL;
  g_autoptr(GrdImportedText) imported = NULL;
  const Attributes *attributes = &build->attributes;
  gint64 case_id, source_id, n_chars;
  gint64 clock = g_get_monotonic_time ();
  Rng rng;

  rng_init (&rng, SEED_CASES, number);
  case_id = grd_project_add_case (build->project, case_name, "Synthetic benchmark respondent",
                                  error);
  if (case_id <= 0)
    return FALSE;

  age = g_strdup_printf ("%u", 18 + rng_range (&rng, 62));
  if (!grd_project_set_case_value (build->project, case_id, attributes->gender,
                                   genders[rng_range (&rng, G_N_ELEMENTS (genders) - 1)], error) ||
      !grd_project_set_case_value (build->project, case_id, attributes->age, age, error) ||
      !grd_project_set_case_value (build->project, case_id, attributes->region,
                                   regions[rng_range (&rng, G_N_ELEMENTS (regions))], error))
    return FALSE;
  build->times->other_us += lap (&clock);

  imported = make_transcript (number, case_name, &build->vocabulary,
                              build->info.n_words_per_source);
  n_chars = imported->n_chars;
  build->times->generate_us += lap (&clock);

  imported->turns = grd_import_detect_turns (imported->text, NULL);
  build->times->detect_turns_us += lap (&clock);

  source_id = grd_project_add_source (build->project, imported, source_name, error);
  if (source_id <= 0)
    return FALSE;
  build->times->add_sources_us += lap (&clock);
  g_clear_pointer (&imported, grd_imported_text_free);

  if (!grd_project_set_source_case (build->project, source_id, case_id, error))
    return FALSE;
  build->times->other_us += lap (&clock);

  return add_codings (build, number, source_id, n_chars, error);
}

static gboolean
end_batch (Build    *build,
           GError  **error)
{
  gint64 clock = g_get_monotonic_time ();
  gboolean ok = grd_project_end_batch (build->project, error);

  build->times->end_batch_us += lap (&clock);
  return ok;
}

gboolean
grd_corpus_build_full (GrdProject      *project,
                       GrdCorpusSize    size,
                       GrdCorpusBatch   batch,
                       GrdCorpusTimes  *times,
                       GError         **error)
{
  g_autofree Build *build = g_new0 (Build, 1);
  GrdCorpusTimes ignored = { 0 };
  gint64 leaf_ids[N_LEAVES];
  gboolean in_batch = FALSE;
  gboolean ok = FALSE;
  Rng rng;

  g_return_val_if_fail (GRD_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  grd_corpus_get_info (size, &build->info);

  /* Measured with bench-core --batch=...: at L one batch for everything was
   * faster, and peak RSS stays far below the 300 MiB budget either way. */
  if (batch == GRD_CORPUS_BATCH_DEFAULT)
    batch = GRD_CORPUS_BATCH_WHOLE;

  build->project = project;
  build->times = times != NULL ? times : &ignored;
  memset (build->times, 0, sizeof *build->times);
  zipf_init (&build->vocabulary, G_N_ELEMENTS (english), 1000000, 4);
  /* scale / (r + 4.5) over 60 ranks: the top code has about 7 %. */
  zipf_init (&build->code_use, N_LEAVES, 1000000, 9);

  /* Before the batch, so its undo step names a coder of ours. */
  if (!grd_project_set_current_coder (project, coders[0], error) ||
      !grd_project_begin_batch (project, "Build benchmark corpus", error))
    goto out;
  in_batch = TRUE;

  if (!grd_project_set_name (project, "Grounded benchmark corpus", error) ||
      !add_tree (project, leaf_ids, error) ||
      !add_attributes (project, &build->attributes, error))
    goto out;

  /* Which leaf is the most used: a fixed shuffle. */
  memcpy (build->leaf_by_rank, leaf_ids, sizeof leaf_ids);
  rng_init (&rng, SEED_TREE, 0);
  for (guint i = N_LEAVES - 1; i > 0; i--)
    {
      guint j = rng_range (&rng, i + 1);
      gint64 tmp = build->leaf_by_rank[i];

      build->leaf_by_rank[i] = build->leaf_by_rank[j];
      build->leaf_by_rank[j] = tmp;
    }

  for (guint i = 0; i < build->info.n_sources; i++)
    {
      if (batch == GRD_CORPUS_BATCH_PER_SOURCE)
        {
          g_autofree char *label = NULL;

          in_batch = FALSE;
          if (!end_batch (build, error))
            goto out;

          label = g_strdup_printf ("Add interview %04u", i + 1);
          if (!grd_project_begin_batch (project, label, error))
            goto out;
          in_batch = TRUE;
        }

      if (!add_transcript (build, i + 1, error))
        goto out;
    }

  in_batch = FALSE;
  if (!end_batch (build, error))
    goto out;

  g_warn_if_fail (build->n_codings == build->info.n_codings);
  ok = TRUE;

out:
  if (in_batch)
    grd_project_abort_batch (project);
  zipf_clear (&build->vocabulary);
  zipf_clear (&build->code_use);

  return ok;
}

gboolean
grd_corpus_build (GrdProject     *project,
                  GrdCorpusSize   size,
                  GError        **error)
{
  return grd_corpus_build_full (project, size, GRD_CORPUS_BATCH_DEFAULT, NULL, error);
}
