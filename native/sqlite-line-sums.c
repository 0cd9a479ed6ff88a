/*
 * sanzi_line_sums(account, member, project, party, debit, credit [, max_bytes]): an aggregate over
 * voucher lines giving their sums per (account, member, project, party) as a JSON array of
 * [account, member, project, party, debit, credit] rows (NULL stays null), in the order of
 *
 *   SELECT account, member, project, party, SUM(debit), SUM(credit) FROM … GROUP BY account, member, project, party
 *
 * (NULL first, then texts by their bytes; a shorter text before a longer one it begins), and the
 * same rows: verify sums a month's lines with it (src/store/verify.ts sumRuns). The lines are grouped
 * in a hash table instead of sorted by SQLite's sorter, each line's key made once. It gives NULL when
 * there were no lines.
 *
 * A line not as sanzi writes it (an account that is not a text; a member, project or party neither
 * NULL nor a text; a text of bytes that are not well-formed UTF-8; an amount that is not an
 * integer), sums past what JavaScript reads exactly (2^53), or a JSON text that would pass
 * OUT_MAX_BYTES, SQLite's own limit to a text, or max_bytes when given and smaller (the tests'
 * limit; huge texts in the lines, which the GROUP BY hands over a row at a time) stop the statement
 * with the error "sanzi_line_sums: give way": the caller then sums the lines with SQLite's GROUP BY,
 * as it does without this extension, and that reading says what it finds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "sanzi-native.h"

#define GIVE_WAY "sanzi_line_sums: give way"
/* The longest JSON text given (a month's sums of ordinary lines are some megabytes at most). */
#define OUT_MAX_BYTES ((size_t)1 << 28)
/* The largest integer JavaScript reads exactly. */
#define SAFE ((sqlite3_int64)9007199254740991LL)
#define FIELDS 4

/*
 * A group: its key's bytes in the arena (per field, a tag byte, 0 for NULL and 1 for a text, then
 * for a text its length in four bytes and its bytes), its hash and sums.
 */
typedef struct {
  uint64_t hash;
  size_t at, len;
  sqlite3_int64 debit, credit;
} group;

typedef struct {
  unsigned char *arena;
  size_t n, cap;
  group *groups;
  size_t count, groups_cap;
  uint32_t *slots; /* index + 1 of a group, 0 for none */
  size_t slots_cap; /* a power of two */
  int off;          /* the statement was stopped */
  sqlite3_int64 max_bytes; /* the caller's limit to the JSON text (0: none) */
} sums;

static void let_go(sums *s) {
  sqlite3_free(s->arena);
  sqlite3_free(s->groups);
  sqlite3_free(s->slots);
  s->arena = NULL;
  s->groups = NULL;
  s->slots = NULL;
}

static void give_way(sqlite3_context *ctx, sums *s, const char *why) {
  s->off = 1;
  let_go(s);
  sqlite3_result_error(ctx, why, -1);
}

static int arena_room(sums *s, size_t more) {
  return sanzi_grow(&s->arena, &s->cap, s->n + more, 4096);
}

/* The slots rebuilt at twice the size. */
static int grow_slots(sums *s) {
  size_t cap = s->slots_cap ? s->slots_cap * 2 : 1024;
  uint32_t *q = sqlite3_malloc64(cap * sizeof(uint32_t));
  if (!q) return 0;
  memset(q, 0, cap * sizeof(uint32_t));
  for (size_t i = 0; i < s->count; i++) {
    size_t j = (size_t)s->groups[i].hash & (cap - 1);
    while (q[j]) j = (j + 1) & (cap - 1);
    q[j] = (uint32_t)(i + 1);
  }
  sqlite3_free(s->slots);
  s->slots = q;
  s->slots_cap = cap;
  return 1;
}

/* FNV-1a over the key's bytes. */
static uint64_t hash_of(const unsigned char *p, size_t n) {
  uint64_t h = 1469598103934665603ULL;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ULL;
  return h;
}

/* A field's bytes into the key being made at the arena's end: 0 when it is not as sanzi writes it. */
static int key_field(sums *s, sqlite3_value *v, int nullable) {
  int type = sqlite3_value_type(v);
  if (type == SQLITE_NULL && nullable) {
    s->arena[s->n++] = 0;
    return 1;
  }
  if (type != SQLITE_TEXT) return 0;
  const unsigned char *p = sqlite3_value_text(v);
  int len = sqlite3_value_bytes(v);
  if (p == NULL && len > 0) return 0;
  if (len > 0 && !sanzi_utf8_ok(p, (size_t)len)) return 0;
  if (!arena_room(s, 5 + (size_t)len)) return 0;
  unsigned char *o = s->arena + s->n;
  o[0] = 1;
  uint32_t n32 = (uint32_t)len;
  memcpy(o + 1, &n32, 4);
  if (len) memcpy(o + 5, p, (size_t)len);
  s->n += 5 + (size_t)len;
  return 1;
}

static void step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  sums *s = (sums *)sqlite3_aggregate_context(ctx, sizeof(sums));
  if (s == NULL) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (s->off) return;
  if (argc > 6 && sqlite3_value_type(argv[6]) == SQLITE_INTEGER) s->max_bytes = sqlite3_value_int64(argv[6]);
  if (sqlite3_value_type(argv[4]) != SQLITE_INTEGER || sqlite3_value_type(argv[5]) != SQLITE_INTEGER) {
    give_way(ctx, s, GIVE_WAY);
    return;
  }
  sqlite3_int64 debit = sqlite3_value_int64(argv[4]), credit = sqlite3_value_int64(argv[5]);
  /* The key is made at the arena's end; kept there only when it is a new group's. */
  size_t at = s->n;
  for (int f = 0; f < FIELDS; f++) {
    if (!arena_room(s, 1) || !key_field(s, argv[f], f > 0)) {
      give_way(ctx, s, GIVE_WAY);
      return;
    }
  }
  size_t len = s->n - at;
  uint64_t h = hash_of(s->arena + at, len);
  if ((s->count + 1) * 2 > s->slots_cap && !grow_slots(s)) {
    give_way(ctx, s, GIVE_WAY);
    return;
  }
  size_t j = (size_t)h & (s->slots_cap - 1);
  group *g = NULL;
  while (s->slots[j]) {
    group *c = &s->groups[s->slots[j] - 1];
    if (c->hash == h && c->len == len && memcmp(s->arena + c->at, s->arena + at, len) == 0) {
      g = c;
      break;
    }
    j = (j + 1) & (s->slots_cap - 1);
  }
  if (g) {
    s->n = at; /* the key is the group's already */
  } else {
    if (s->count == s->groups_cap) {
      size_t cap = s->groups_cap ? s->groups_cap * 2 : 256;
      group *q = sqlite3_realloc64(s->groups, cap * sizeof(group));
      if (!q) {
        give_way(ctx, s, GIVE_WAY);
        return;
      }
      s->groups = q;
      s->groups_cap = cap;
    }
    g = &s->groups[s->count++];
    g->hash = h;
    g->at = at;
    g->len = len;
    g->debit = 0;
    g->credit = 0;
    s->slots[j] = (uint32_t)s->count;
  }
  if (__builtin_add_overflow(g->debit, debit, &g->debit) || __builtin_add_overflow(g->credit, credit, &g->credit) || g->debit > SAFE || g->debit < -SAFE ||
      g->credit > SAFE || g->credit < -SAFE) {
    give_way(ctx, s, GIVE_WAY);
    return;
  }
}

/* The next field of a key at *p: -1 for NULL, else its length (its bytes at *bytes); *p moves past it. */
static long next_field(const unsigned char **p, const unsigned char **bytes) {
  const unsigned char *q = *p;
  if (q[0] == 0) {
    *p = q + 1;
    return -1;
  }
  uint32_t n;
  memcpy(&n, q + 1, 4);
  *bytes = q + 5;
  *p = q + 5 + n;
  return (long)n;
}

/* SQLite's GROUP BY order: NULL first, then texts by their bytes (BINARY). The arena of the groups
 * being sorted, for qsort's comparator: one per thread (verify runs on several). */
static __thread const unsigned char *sort_base;
static int group_cmp(const void *x, const void *y) {
  const group *a = x, *b = y;
  const unsigned char *p = sort_base + a->at, *q = sort_base + b->at;
  for (int f = 0; f < FIELDS; f++) {
    const unsigned char *pa = NULL, *qb = NULL;
    long na = next_field(&p, &pa), nb = next_field(&q, &qb);
    if (na < 0 || nb < 0) {
      if (na != nb) return na < 0 ? -1 : 1;
      continue;
    }
    size_t m = (size_t)(na < nb ? na : nb);
    int c = m ? memcmp(pa, qb, m) : 0;
    if (c) return c;
    if (na != nb) return na < nb ? -1 : 1;
  }
  return 0;
}

typedef struct {
  unsigned char *p;
  size_t n, cap;
  size_t max; /* the most bytes the text may take */
} out_buf;

static int out_room(out_buf *o, size_t more) {
  return o->n + more <= o->max && sanzi_grow(&o->p, &o->cap, o->n + more, 4096);
}

/* A text as a JSON string (its bytes well-formed UTF-8 already): ", \ and control characters escaped. */
static int put_json(out_buf *o, const unsigned char *p, size_t n) {
  size_t need = 2 + n;
  for (size_t i = 0; i < n; i++) need += p[i] == '"' || p[i] == '\\' ? 1 : p[i] < 0x20 ? 5 : 0;
  if (!out_room(o, need)) return 0;
  unsigned char *w = o->p + o->n;
  *w++ = '"';
  for (size_t i = 0; i < n; i++) {
    unsigned char c = p[i];
    if (c == '"' || c == '\\') {
      *w++ = '\\';
      *w++ = c;
    } else if (c < 0x20) {
      static const char hex[] = "0123456789abcdef";
      memcpy(w, "\\u00", 4);
      w[4] = (unsigned char)hex[c >> 4];
      w[5] = (unsigned char)hex[c & 15];
      w += 6;
    } else *w++ = c;
  }
  *w++ = '"';
  o->n = (size_t)(w - o->p);
  return 1;
}

static int put_int(out_buf *o, sqlite3_int64 v) {
  unsigned char digits[SANZI_INT_TEXT];
  size_t n = sanzi_int_text(digits, v);
  if (!out_room(o, n)) return 0;
  memcpy(o->p + o->n, digits, n);
  o->n += n;
  return 1;
}

static int put_raw(out_buf *o, const char *s, size_t n) {
  if (!out_room(o, n)) return 0;
  memcpy(o->p + o->n, s, n);
  o->n += n;
  return 1;
}

static void final(sqlite3_context *ctx) {
  sums *s = (sums *)sqlite3_aggregate_context(ctx, 0);
  if (s == NULL || s->off || s->count == 0) {
    /* No lines; or the statement was stopped (its result is not read). */
    if (s) let_go(s);
    sqlite3_result_null(ctx);
    return;
  }
  sort_base = s->arena;
  qsort(s->groups, s->count, sizeof(group), group_cmp);
  out_buf o = {0};
  int limit = sqlite3_limit(sqlite3_context_db_handle(ctx), SQLITE_LIMIT_LENGTH, -1);
  o.max = limit > 0 && (size_t)limit < OUT_MAX_BYTES ? (size_t)limit : OUT_MAX_BYTES;
  if (s->max_bytes > 0 && (sqlite3_uint64)s->max_bytes < o.max) o.max = (size_t)s->max_bytes;
  int ok = put_raw(&o, "[", 1);
  for (size_t i = 0; ok && i < s->count; i++) {
    const unsigned char *p = s->arena + s->groups[i].at;
    ok = put_raw(&o, i ? ",[" : "[", i ? 2 : 1);
    for (int f = 0; ok && f < FIELDS; f++) {
      const unsigned char *bytes = NULL;
      long n = next_field(&p, &bytes);
      ok = (n < 0 ? put_raw(&o, "null", 4) : put_json(&o, bytes, (size_t)n)) && put_raw(&o, ",", 1);
    }
    ok = ok && put_int(&o, s->groups[i].debit) && put_raw(&o, ",", 1) && put_int(&o, s->groups[i].credit) && put_raw(&o, "]", 1);
  }
  ok = ok && put_raw(&o, "]", 1);
  let_go(s);
  if (!ok) {
    sqlite3_free(o.p);
    sqlite3_result_error(ctx, GIVE_WAY, -1);
    return;
  }
  sqlite3_result_text64(ctx, (const char *)o.p, o.n, sqlite3_free, SQLITE_UTF8);
}

int sanzi_register_line_sums(sqlite3 *db) {
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc = sqlite3_create_function(db, "sanzi_line_sums", 6, flags, NULL, NULL, step, final);
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "sanzi_line_sums", 7, flags, NULL, NULL, step, final);
  return rc;
}
