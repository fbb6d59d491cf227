/*
 * bench_gen_bundle: writes a large, valid export bundle (EXPORT_FORMAT.md)
 * for the sync and store benchmarks, so no benchmark depends on Python or on
 * data checked into the repository.
 *
 *   bench_gen_bundle OUT_DIR [N_PATIENTS=1000000] [--seed S] [--generated TS]
 *
 * The output is a pure function of N, the seed and the timestamp: the same
 * arguments give byte-identical files on every machine (a private PRNG, no
 * clock, no locale). Every row is valid: unique Modulus 11 NHS numbers,
 * real calendar dates, UK postcodes, drama-range phone numbers, one current
 * key worker history row per allocated patient. Each file streams through a
 * fixed buffer that feeds SHA-256 (libsodium) and the disk together, so
 * memory stays flat whatever N is. The bundle is left unsigned: the bench
 * signs it with minisign, or syncs it with allow_unsigned.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

enum {
  GEN_BUF_BYTES = 256 * 1024,
  GEN_KEY_WORKERS = 50,
  GEN_SERVICES = 40,
  GEN_BLOCK = 1000000,           /* 6-digit serials under one 3-digit prefix */
  GEN_LOWEST_PREFIX = 900,       /* 999 first (the test range), then 998 ... */
};
#define GEN_MAX_PATIENTS 50000000ULL
#define GEN_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* One output CSV: a buffer that is hashed and written when full. */
typedef struct {
  const char *name;
  FILE *fp;
  crypto_hash_sha256_state sha;
  unsigned char digest[crypto_hash_sha256_BYTES];
  unsigned long long rows;
  size_t used;
  bool failed;
  char buf[GEN_BUF_BYTES];
} gen_file_t;

/* Walks the NHS number space in a seeded, scrambled but repeatable order:
 * serial k of a prefix maps to (a*k + b) mod 10^6, a bijection because a is
 * coprime to 10^6. Numbers whose check digit would be 10 are skipped. */
typedef struct {
  unsigned prefix;
  uint64_t k, a, b;
} gen_nhs_t;

static const char *const gen_given[] = {
  "Siân", "Llŷr", "Gwenllïan", "Ŵyn", "Cêt", "Siôn", "Dafydd", "Rhys", "Gareth", "Mair",
  "Angharad", "Ffion", "Tomos", "Iolo", "Catrin", "Dewi", "Nia", "Anwen", "Lowri", "Huw",
  "Aled", "Olwen", "Mererid", "Gethin", "Elwyn", "Rhiannon", "Ceri", "Glenys", "Ieuan", "Tegwen",
  "Alun", "Seren", "Branwen", "Sioned", "Hywel", "Ifor", "Deiniol", "Emyr", "Llinos", "Nest",
  "Gwilym", "Eirlys", "Bryn", "Owain", "Bethan", "Dylan", "Elin", "Manon", "Osian", "Efa",
  "Gruffudd", "Megan", "Cerys", "Tirion", "Rhodri", "Heledd", "Catrin Elin", "Eleri Wyn",
  "John", "Margaret", "David", "Susan", "Michael", "Sarah", "Paul", "Karen", "Christopher",
  "Elizabeth", "James", "Mary", "Thomas", "Linda", "William", "Patricia", "Thi Lan", "Mohammed",
  "Zofia", "Chidi", "Sunita", "Yasmin", "Tomasz", "Aisha", "Priya", "Wei", "Oluwaseun", "Marta",
  "José", "Zoë", "Chloë", "Renée",
};

static const char *const gen_family[] = {
  "Jones", "Williams", "Davies", "Evans", "Thomas", "Roberts", "Hughes", "Lewis", "Morgan",
  "Griffiths", "Edwards", "Owen", "Price", "Rees", "Lloyd", "Jenkins", "Powell", "Pritchard",
  "Parry", "Bevan", "Howells", "Vaughan", "Rowlands", "Bowen", "Ellis", "Pugh", "Harries",
  "Llywelyn", "Gruffudd", "Rhydderch", "Tudur", "Ifans", "Dafis", "Prys", "Llwyd", "Wyn", "Glyn",
  "Gwynne", "Protheroe", "Maddocks", "O'Brien", "O'Connor", "O'Sullivan", "McKenzie", "Nguyễn",
  "Kowalska", "Okafor", "Patel", "Rahman", "Ali", "Smith", "Taylor", "Brown", "Wilson", "Walker",
  "Wright", "Green", "Hall", "Wood", "Clarke", "Hill", "Moore",
};

static const char *const gen_patronyms[] = {
  "ap Rhys", "ap Dafydd", "ap Iorwerth", "ap Gruffudd", "ap Hywel", "ap Siôn", "ap Llŷr",
  "ab Ithel", "ab Owain", "ferch Rhys", "ferch Dafydd",
};

static const char *const gen_outward[] = {
  "CF3", "CF5", "CF10", "CF11", "CF14", "CF15", "CF23", "CF24", "CF31", "CF37", "CF44", "CF62",
  "CF64", "CF72", "CF81", "CF83", "NP4", "NP7", "NP10", "NP19", "NP20", "NP44", "SA1", "SA2",
  "SA4", "SA10", "SA11", "SA15", "SA31", "LD3",
};

/* Letters allowed in the inward part of a postcode (not C I K M O V). */
static const char gen_inward_letters[] = "ABDEFGHJLNPQRSTUWXYZ";

static const char *const gen_pathways[] = {
  "breast", "colorectal", "lung", "prostate", "head and neck",
  "haematology", "skin", "gynae", "upper GI", "brain",
};

static const char *const gen_reasons[] = {
  "diagnosis", "diagnosis", "diagnosis", "diagnosis", "treatment_start",
  "primary_treatment_complete", "recurrence", "incurable", "staff_change", "patient_request", "other",
};

/* role_en, role_cy, team_en, team_cy */
static const char *const gen_roles[][4] = {
  {"Clinical Nurse Specialist", "Nyrs Glinigol Arbenigol", "Breast care team", "Tîm gofal y fron"},
  {"Clinical Nurse Specialist", "Nyrs Glinigol Arbenigol", "Lung cancer team", "Tîm canser yr ysgyfaint"},
  {"Clinical Nurse Specialist", "Nyrs Glinigol Arbenigol", "Urology team (prostate, bladder, kidney)",
   "Tîm wroleg (y brostad, y bledren, yr arennau)"},
  {"Clinical Nurse Specialist", "Nyrs Glinigol Arbenigol", "Colorectal (bowel) cancer team",
   "Tîm canser y coluddyn"},
  {"Clinical Nurse Specialist", "Nyrs Glinigol Arbenigol", "Head and neck cancer team",
   "Tîm canser y pen a'r gwddf"},
  {"Clinical Nurse Specialist", "Nyrs Glinigol Arbenigol", "Haematology team (blood cancers)",
   "Tîm haematoleg (canserau'r gwaed)"},
  {"Specialist Palliative Care Nurse", "Nyrs Arbenigol Gofal Lliniarol", "Specialist palliative care team",
   "Tîm gofal lliniarol arbenigol"},
  {"Cancer Support Worker", "Gweithiwr Cymorth Canser", "Cancer information and support centre",
   "Canolfan gwybodaeth a chymorth canser"},
  {"Therapeutic Radiographer", "Radiograffydd Therapiwtig", "Radiotherapy review team",
   "Tîm adolygu radiotherapi"},
  {"Acute Oncology Nurse", "Nyrs Oncoleg Acíwt", "Acute oncology service", "Gwasanaeth oncoleg acíwt"},
};

/* category, name_en, name_cy */
static const char *const gen_categories[][3] = {
  {"urgent", "Urgent advice line", "Llinell cyngor brys"},
  {"financial", "Money and benefits advice", "Cyngor ar arian a budd-daliadau"},
  {"emotional", "Someone to talk to", "Rhywun i siarad ag ef"},
  {"support_groups", "Support group", "Grŵp cymorth"},
  {"carers_family", "Support for carers", "Cymorth i ofalwyr"},
  {"palliative", "Palliative care advice", "Cyngor gofal lliniarol"},
  {"symptoms", "Symptom advice", "Cyngor ar symptomau"},
  {"practical", "Practical help", "Help ymarferol"},
  {"work", "Work and cancer", "Gwaith a chanser"},
  {"lifestyle", "Healthy living", "Byw'n iach"},
  {"information", "Cancer information", "Gwybodaeth am ganser"},
  {"clinical_trials", "Research and trials", "Ymchwil a threialon"},
};

/* splitmix64: small, fast, and the same on every platform. */
static uint64_t gen_rand(uint64_t *state)
{
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* A uniform-enough integer in [0, n) for the small n used here. */
static uint32_t gen_below(uint64_t *state, uint32_t n)
{
  return (uint32_t)((gen_rand(state) >> 32) * n >> 32);
}

/* Day number (days since 1970-01-01) of a civil date (H. Hinnant's algorithm). */
static long gen_days_from_civil(int y, int m, int d)
{
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* Write the civil date of a day number as YYYY-MM-DD into out[11]. */
static void gen_civil_from_days(long z, char out[11])
{
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  int d = (int)(doy - (153 * mp + 2) / 5 + 1);
  int m = (int)(mp < 10 ? mp + 3 : mp - 9);
  int y = (int)(yoe + era * 400 + (m <= 2));
  const char fmt[] = {(char)('0' + y / 1000 % 10), (char)('0' + y / 100 % 10), (char)('0' + y / 10 % 10),
                      (char)('0' + y % 10), '-', (char)('0' + m / 10), (char)('0' + m % 10), '-',
                      (char)('0' + d / 10), (char)('0' + d % 10), '\0'};
  memcpy(out, fmt, sizeof fmt);
}

/* Hash and write what is buffered. */
static void gen_flush(gen_file_t *f)
{
  if (f->used == 0 || f->failed)
    return;
  crypto_hash_sha256_update(&f->sha, (const unsigned char *)f->buf, f->used);
  if (fwrite(f->buf, 1, f->used, f->fp) != f->used)
    f->failed = true;
  f->used = 0;
}

/* Append bytes to a file's buffer. */
static void gen_put(gen_file_t *f, const char *s, size_t n)
{
  while (n > 0) {
    if (f->used == sizeof f->buf)
      gen_flush(f);
    size_t room = sizeof f->buf - f->used;
    size_t take = n < room ? n : room;
    memcpy(f->buf + f->used, s, take);
    f->used += take;
    s += take;
    n -= take;
  }
}

/* Append formatted text (at most one line of a few hundred bytes). */
__attribute__((format(printf, 2, 3))) static void gen_printf(gen_file_t *f, const char *fmt, ...)
{
  char line[2048];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= sizeof line) {
    f->failed = true;
    return;
  }
  gen_put(f, line, (size_t)n);
}

/* Append one CSV field, quoted (quotes doubled) only when it needs it. */
static void gen_field(gen_file_t *f, const char *value, bool last)
{
  size_t n = strlen(value);
  bool quote = strpbrk(value, ",\"\r\n") != NULL || (n > 0 && (value[0] == ' ' || value[n - 1] == ' '));
  if (quote) {
    gen_put(f, "\"", 1);
    for (const char *p = value; *p; p++) {
      if (*p == '"')
        gen_put(f, "\"\"", 2);
      else
        gen_put(f, p, 1);
    }
    gen_put(f, "\"", 1);
  } else {
    gen_put(f, value, n);
  }
  gen_put(f, last ? "\n" : ",", 1);
}

/* Open DIR/name for writing and start its hash. NULL on failure (errno set). */
static gen_file_t *gen_open(const char *dir, const char *name)
{
  char path[4096];
  gen_file_t *f = calloc(1, sizeof *f);
  if (!f)
    return NULL;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  f->name = name;
  f->fp = fopen(path, "wb");
  if (!f->fp) {
    int saved = errno;
    free(f);
    errno = saved;
    return NULL;
  }
  crypto_hash_sha256_init(&f->sha);
  return f;
}

/* Flush, finish the hash and close; false if any write failed. NULL is fine. */
static bool gen_close(gen_file_t *f)
{
  if (!f)
    return true;
  gen_flush(f);
  crypto_hash_sha256_final(&f->sha, f->digest);
  bool ok = !f->failed;
  if (fclose(f->fp) != 0)
    ok = false;
  f->fp = NULL;
  return ok;
}

/* Release a file, closing it if gen_close() was not reached. NULL is fine. */
static void gen_free(gen_file_t *f)
{
  if (!f)
    return;
  if (f->fp)
    fclose(f->fp);
  free(f);
}

/* Start the NHS number walk for a seed. */
static void gen_nhs_init(gen_nhs_t *g, uint64_t seed)
{
  uint64_t s = seed ^ 0x4e48534e554d4245ULL;
  g->prefix = 999;
  g->k = 0;
  g->a = (gen_rand(&s) % GEN_BLOCK) | 1;
  while (g->a % 5 == 0)
    g->a += 2;
  g->b = gen_rand(&s) % GEN_BLOCK;
}

/* Next unused valid NHS number; false when the space is exhausted. */
static bool gen_nhs_next(gen_nhs_t *g, char out[11])
{
  for (;;) {
    if (g->k == GEN_BLOCK) {
      if (g->prefix == GEN_LOWEST_PREFIX)
        return false;
      g->prefix--;
      g->k = 0;
    }
    uint64_t serial = (g->a * g->k + g->b) % GEN_BLOCK;
    g->k++;
    snprintf(out, 11, "%03u%06" PRIu64, g->prefix, serial);
    int sum = 0;
    for (int i = 0; i < 9; i++)
      sum += (out[i] - '0') * (10 - i);
    int check = 11 - sum % 11;
    if (check == 11)
      check = 0;
    if (check == 10)
      continue;
    out[9] = (char)('0' + check);
    out[10] = '\0';
    if (strspn(out, (char[]){out[0], '\0'}) == 10)
      continue; /* 9999999999 passes Modulus 11 but is never issued (rules.h) */
    return true;
  }
}

/* A family name: mostly single, some double-barrelled, some patronymic. */
static void gen_family_name(uint64_t *rng, char *out, size_t len)
{
  uint32_t r = gen_below(rng, 100);
  const char *a = gen_family[gen_below(rng, GEN_ARRAY_LEN(gen_family))];
  if (r < 14) {
    const char *b = gen_family[gen_below(rng, GEN_ARRAY_LEN(gen_family))];
    snprintf(out, len, "%s-%s", a, b);
  } else if (r < 20) {
    snprintf(out, len, "%s", gen_patronyms[gen_below(rng, GEN_ARRAY_LEN(gen_patronyms))]);
  } else {
    snprintf(out, len, "%s", a);
  }
}

/* A phone number in the Ofcom drama ranges, written one of several ways. */
static void gen_phone(unsigned i, char *out, size_t len)
{
  unsigned n = i % 1000;
  switch (i % 5) {
  case 0: snprintf(out, len, "029 2018 0%03u", n); break;
  case 1: snprintf(out, len, "+44 29 2018 0%03u", n); break;
  case 2: snprintf(out, len, "(029) 2018 0%03u", n); break;
  case 3: snprintf(out, len, "07700 900%03u", n); break;
  default: snprintf(out, len, "01632 960%03u", n); break;
  }
}

/* key_workers.csv: GEN_KEY_WORKERS staff across roles and teams. */
static void gen_key_workers(gen_file_t *f, uint64_t seed)
{
  uint64_t rng = seed ^ 0x4b4559574f524bULL;
  gen_printf(f, "key_worker_id,given_name,family_name,role_en,role_cy,team_en,team_cy,"
                "phone,email,hours_en,hours_cy\n");
  for (unsigned i = 1; i <= GEN_KEY_WORKERS; i++) {
    const char *const *role = gen_roles[i % GEN_ARRAY_LEN(gen_roles)];
    char id[16], family[256], phone[32], email[64];
    snprintf(id, sizeof id, "KW-%04u", i);
    gen_family_name(&rng, family, sizeof family);
    gen_phone(i, phone, sizeof phone);
    email[0] = '\0';
    if (i % 2)
      snprintf(email, sizeof email, "kw%04u@bench.example", i);
    gen_field(f, id, false);
    gen_field(f, gen_given[gen_below(&rng, GEN_ARRAY_LEN(gen_given))], false);
    gen_field(f, family, false);
    for (int c = 0; c < 4; c++)
      gen_field(f, role[c], false);
    gen_field(f, phone, false);
    gen_field(f, email, false);
    gen_field(f, i % 3 ? "Mon–Fri 9am–4pm" : "Mon–Thu 8.30am–4.30pm, answerphone at other times", false);
    gen_field(f, i % 3 ? "Llun–Gwener 9yb–4yp" : "Llun–Iau 8.30yb–4.30yp, peiriant ateb ar adegau eraill", true);
    f->rows++;
  }
}

/* services.csv: GEN_SERVICES services covering every category. */
static void gen_services(gen_file_t *f)
{
  gen_printf(f, "service_id,category,name_en,name_cy,summary_en,summary_cy,phone,url,hours_en,hours_cy,area\n");
  for (unsigned i = 1; i <= GEN_SERVICES; i++) {
    const char *const *cat = gen_categories[(i - 1) % GEN_ARRAY_LEN(gen_categories)];
    char id[16], name_en[128], name_cy[128], phone[32], url[64];
    snprintf(id, sizeof id, "S-%04u", i);
    snprintf(name_en, sizeof name_en, "%s %u", cat[1], i);
    snprintf(name_cy, sizeof name_cy, "%s %u", cat[2], i);
    gen_phone(500 + i, phone, sizeof phone);
    snprintf(url, sizeof url, "https://bench.example/services/%u", i);
    gen_field(f, id, false);
    gen_field(f, cat[0], false);
    gen_field(f, name_en, false);
    gen_field(f, name_cy, false);
    gen_field(f, "Free, confidential help from people who know about cancer. Call, or ask your key worker.", false);
    gen_field(f, "Help cyfrinachol am ddim gan bobl sy'n gwybod am ganser. Ffoniwch, neu gofynnwch i'ch "
                 "gweithiwr allweddol.", false);
    gen_field(f, i % 4 ? phone : "", false);
    gen_field(f, url, false);
    gen_field(f, "Mon–Fri 9am–5pm", false);
    gen_field(f, "Llun–Gwener 9yb–5yp", false);
    gen_field(f, "Cymru / Wales", true);
    f->rows++;
  }
}

/* Bounds of the generated dates, as day numbers. */
typedef struct {
  long dob_first, dob_span, alloc_first, alloc_span, generated;
} gen_dates_t;

/* One patient and their history row. */
static void gen_patient(gen_file_t *pf, gen_file_t *hf, uint64_t *rng, const char nhs[11],
                        unsigned long long i, const gen_dates_t *dates)
{
  char family[256], dob[11], postcode[16], from[11], to[11] = "", kw[16] = "";
  const char *given = gen_given[gen_below(rng, GEN_ARRAY_LEN(gen_given))];
  gen_family_name(rng, family, sizeof family);
  gen_civil_from_days(dates->dob_first + gen_below(rng, (uint32_t)dates->dob_span), dob);
  snprintf(postcode, sizeof postcode, "%s %u%c%c", gen_outward[gen_below(rng, GEN_ARRAY_LEN(gen_outward))],
           gen_below(rng, 10), gen_inward_letters[gen_below(rng, sizeof gen_inward_letters - 1)],
           gen_inward_letters[gen_below(rng, sizeof gen_inward_letters - 1)]);
  uint32_t lang = gen_below(rng, 100);
  bool allocated = gen_below(rng, 100) >= 3;
  unsigned kw_no = 1 + gen_below(rng, GEN_KEY_WORKERS);
  snprintf(kw, sizeof kw, "KW-%04u", kw_no);
  const char *pathway = gen_pathways[gen_below(rng, GEN_ARRAY_LEN(gen_pathways))];
  /* Names and pathways come from the lists above: no commas or quotes, so
   * no quoting is needed. One NHS number in seven is written with spaces. */
  if (i % 7 == 0)
    gen_printf(pf, "%.3s %.3s %.4s,", nhs, nhs + 3, nhs + 6);
  else
    gen_printf(pf, "%s,", nhs);
  gen_printf(pf, "%s,%s,%s,%s,%s,%s,%s\n", given, family, dob, postcode,
             lang < 33 ? "cy" : lang < 88 ? "en" : "", allocated ? kw : "", pathway);
  pf->rows++;

  long from_day = dates->alloc_first + gen_below(rng, (uint32_t)dates->alloc_span);
  gen_civil_from_days(from_day, from);
  const char *reason = gen_reasons[gen_below(rng, GEN_ARRAY_LEN(gen_reasons))];
  if (!allocated) {
    /* Key worker left and nobody is allocated yet: a closed row only. */
    long to_day = from_day + gen_below(rng, 200);
    long last = dates->alloc_first + dates->alloc_span - 1;
    gen_civil_from_days(to_day < last ? to_day : last, to);
    reason = "diagnosis";
  }
  gen_printf(hf, "%s,%s,%s,%s,%s\n", nhs, kw, from, to, reason);
  hf->rows++;
}

/* patients.csv and key_worker_history.csv; false if NHS numbers run out. */
static bool gen_patients(gen_file_t *pf, gen_file_t *hf, uint64_t seed, unsigned long long count,
                         const char *generated)
{
  gen_nhs_t nhs_walk;
  uint64_t rng = seed ^ 0x50415449454e54ULL;
  gen_dates_t dates;
  int gy = atoi(generated), gm = atoi(generated + 5), gd = atoi(generated + 8);
  dates.generated = gen_days_from_civil(gy, gm, gd);
  dates.dob_first = gen_days_from_civil(1925, 1, 1);
  dates.dob_span = gen_days_from_civil(2000, 12, 31) - dates.dob_first + 1;
  /* Allocation dates end at the default export day (or earlier when the
   * export is older), so a later --generated changes only the manifest. */
  long alloc_last = gen_days_from_civil(2026, 11, 20);
  if (alloc_last > dates.generated)
    alloc_last = dates.generated;
  dates.alloc_first = gen_days_from_civil(2019, 1, 1);
  dates.alloc_span = alloc_last - dates.alloc_first + 1;
  if (dates.alloc_span < 1)
    dates.alloc_span = 1;
  gen_nhs_init(&nhs_walk, seed);
  gen_printf(pf, "nhs_number,given_name,family_name,date_of_birth,postcode,preferred_language,"
                 "key_worker_id,pathway\n");
  gen_printf(hf, "nhs_number,key_worker_id,from_date,to_date,reason\n");
  for (unsigned long long i = 0; i < count; i++) {
    char nhs[11];
    if (!gen_nhs_next(&nhs_walk, nhs))
      return false;
    gen_patient(pf, hf, &rng, nhs, i, &dates);
  }
  return true;
}

/* Write manifest.ini for the finished files. */
static bool gen_manifest(const char *dir, const char *generated, gen_file_t *const *files, size_t nfiles)
{
  char path[4096], hex[crypto_hash_sha256_BYTES * 2 + 1];
  snprintf(path, sizeof path, "%s/manifest.ini", dir);
  FILE *fp = fopen(path, "wb");
  if (!fp)
    return false;
  fprintf(fp, "; Synthetic benchmark bundle written by bench_gen_bundle (not real people)\n"
              "[export]\nformat = 1\ngenerated = %s\n"
              "source = Allwedd benchmark generator\nsite = Bench Cancer Centre\n", generated);
  for (size_t i = 0; i < nfiles; i++) {
    sodium_bin2hex(hex, sizeof hex, files[i]->digest, sizeof files[i]->digest);
    fprintf(fp, "\n[%s]\nrows = %llu\nsha256 = %s\n", files[i]->name, files[i]->rows, hex);
  }
  return fclose(fp) == 0;
}

/* Parse the command line; false (with a message printed) on bad usage. */
static bool gen_parse_args(int argc, char **argv, const char **dir, unsigned long long *count,
                           uint64_t *seed, const char **generated)
{
  int positional = 0;
  for (int i = 1; i < argc; i++) {
    char *end = NULL;
    if ((!strcmp(argv[i], "--seed") || !strcmp(argv[i], "--generated")) && i + 1 < argc) {
      if (!strcmp(argv[i], "--generated")) {
        *generated = argv[++i];
        continue;
      }
      errno = 0;
      *seed = strtoull(argv[++i], &end, 0);
      if (errno || *end || end == argv[i])
        return false;
    } else if (argv[i][0] == '-') {
      return false;
    } else if (positional == 0) {
      *dir = argv[i];
      positional++;
    } else if (positional == 1) {
      errno = 0;
      *count = strtoull(argv[i], &end, 10);
      if (errno || *end || end == argv[i] || argv[i][0] == '-' || *count > GEN_MAX_PATIENTS)
        return false;
      positional++;
    } else {
      return false;
    }
  }
  const char *g = *generated;
  bool stamp_ok = strlen(g) == 20 && g[4] == '-' && g[7] == '-' && g[10] == 'T' && g[13] == ':' &&
                  g[16] == ':' && g[19] == 'Z';
  return positional >= 1 && stamp_ok;
}

/* Make the output directory if it does not exist yet. */
static bool gen_make_dir(const char *dir)
{
  struct stat st;
  if (stat(dir, &st) == 0)
    return S_ISDIR(st.st_mode);
  return mkdir(dir, 0755) == 0;
}

int main(int argc, char **argv)
{
  const char *dir = NULL, *generated = "2026-11-20T23:05:00Z";
  unsigned long long count = 1000000;
  uint64_t seed = 1;
  gen_file_t *kw = NULL, *pat = NULL, *hist = NULL, *svc = NULL;
  gen_file_t *files[4] = {NULL, NULL, NULL, NULL};
  char sig[4096];
  bool closed = true;
  int status = 1;
  struct timespec t0, t1;

  clock_gettime(CLOCK_MONOTONIC, &t0);
  bool help = argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"));
  if (help || !gen_parse_args(argc, argv, &dir, &count, &seed, &generated)) {
    fprintf(help ? stdout : stderr, "usage: bench_gen_bundle OUT_DIR [N_PATIENTS=1000000] [--seed S] "
                    "[--generated YYYY-MM-DDTHH:MM:SSZ]\n(N_PATIENTS at most %llu)\n",
            GEN_MAX_PATIENTS);
    return help ? 0 : 2;
  }
  if (sodium_init() < 0 || !gen_make_dir(dir)) {
    fprintf(stderr, "bench_gen_bundle: cannot use %s: %s\n", dir, strerror(errno));
    goto done;
  }
  kw = gen_open(dir, "key_workers.csv");
  pat = gen_open(dir, "patients.csv");
  hist = gen_open(dir, "key_worker_history.csv");
  svc = gen_open(dir, "services.csv");
  if (!kw || !pat || !hist || !svc) {
    fprintf(stderr, "bench_gen_bundle: cannot create files in %s: %s\n", dir, strerror(errno));
    goto done;
  }
  gen_key_workers(kw, seed);
  gen_services(svc);
  if (!gen_patients(pat, hist, seed, count, generated)) {
    fprintf(stderr, "bench_gen_bundle: ran out of NHS numbers\n");
    goto done;
  }
  files[0] = kw;
  files[1] = pat;
  files[2] = hist;
  files[3] = svc;
  for (size_t i = 0; i < GEN_ARRAY_LEN(files); i++)
    closed &= gen_close(files[i]);
  if (!closed || !gen_manifest(dir, generated, files, GEN_ARRAY_LEN(files))) {
    fprintf(stderr, "bench_gen_bundle: writing %s failed: %s\n", dir, strerror(errno));
    goto done;
  }
  snprintf(sig, sizeof sig, "%s/manifest.ini.minisig", dir);
  if (unlink(sig) == 0)
    fprintf(stderr, "bench_gen_bundle: removed stale %s (the new bundle is unsigned)\n", sig);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("bench_gen_bundle: %llu patients, %llu history rows, %llu key workers, %llu services "
         "in %s (seed %" PRIu64 ") in %.2f s\n",
         pat->rows, hist->rows, kw->rows, svc->rows, dir, seed,
         (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
  status = 0;

done:
  gen_free(kw);
  gen_free(pat);
  gen_free(hist);
  gen_free(svc);
  return status;
}
