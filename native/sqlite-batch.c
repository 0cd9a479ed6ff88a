/*
 * sanzi_batch_vouchers(...) and sanzi_batch_lines(...): the rows of one batch of an import
 * (src/store/voucher-writer.ts VoucherBatch), read by SQLite from the batch's arrays as they are,
 * so that `INSERT … SELECT` writes them without a bound parameter a column. Both are table-valued
 * functions whose arguments are:
 *
 *   vnum    BLOB  per voucher three doubles: number, attachments, line count
 *   vtext   BLOB  per voucher four int32 text indexes: period, date, summary, preparer (-1: NULL)
 *                 (sanzi_batch_vouchers)
 *   hashes  TEXT  the vouchers' hashes, 64 hex digits each; NULL: made here (sanzi_batch_vouchers)
 *   lnum    BLOB  per line two doubles: debit, credit
 *   ltext   BLOB  per line four int32 text indexes: account, member, project, party (-1: NULL)
 *   texts   TEXT  the batch's distinct texts, one after another
 *   ends    BLOB  int32: where each text ends in `texts`, in UTF-16 code units (JavaScript's)
 *   first   INT   the first voucher's id
 *   prev    TEXT  the hash of the voucher before the batch (sanzi_batch_vouchers)
 *   kind    TEXT  the vouchers' kind (sanzi_batch_vouchers)
 *   at      TEXT  the vouchers' created_at: with it, each row is added to the rows digest
 *                 (sanzi_batch_vouchers; NULL: not)
 *
 * The rows digest (src/store/audit.ts voucherRowsDigest) of the vouchers an import writes, made as
 * they are: after sanzi_rows_digest_reset(), each batch's rows are hashed as SQLite's
 * json_array(id, attachments, preparer, created_at, hash) writes them, a line each;
 * sanzi_rows_digest() gives the digest, or NULL when a text would have needed an escape in JSON
 * (the caller then digests the rows by query).
 *
 * Where `hashes` is NULL, each voucher's hash is made here as src/store/chain-text.ts makes it: the
 * SHA-256 (sqlite-sha256.c) of `${prev}\n${period}|${number}|${date}|${summary}|${kind}|` and, for
 * each line, `\n${account}|${debit}|${credit}|${member}|${project}` and `|${party}` when it has one,
 * each voucher's hash the next one's prev. The numbers are whole (fen, counts): printed as
 * JavaScript prints them; one that is not is an error.
 *
 * A text whose end falls inside a character of four UTF-8 bytes (a surrogate pair that two texts
 * make only when joined) is refused with the message "sanzi_batch: a text ends inside a
 * character": the caller then binds that batch's rows one by one. Anything inconsistent (an array
 * too short, an index out of range) is an error, and nothing of the batch is written.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "sanzi-native.h"

enum { KIND_VOUCHERS = 0, KIND_LINES = 1 };


/* Output columns, then the hidden arguments. */
#define V_COLS 8 /* id, period, number, date, summary, attachments, preparer, hash */
#define L_COLS 8 /* voucher_id, line_no, account, debit, credit, member, project, party */
#define ARGS_V 11 /* vnum, vtext, hashes, lnum, ltext, texts, ends, first, prev, kind, at */
#define ARGS_L 6  /* vnum, lnum, ltext, texts, ends, first */
#define ARGS 11


/* The rows digest of one connection (see the top). */
typedef struct {
  sanzi_sha256 ctx;
  int on;    /* reset and not yet read */
  int plain; /* no text needed an escape */
} rows_digest;

/* What each module is registered with: its kind and the connection's rows digest. */
typedef struct {
  int kind;
  rows_digest *digest;
} batch_aux;

typedef struct {
  sqlite3_vtab base;
  int kind;
  rows_digest *digest;
} batch_vtab;

typedef struct {
  sqlite3_vtab_cursor base;
  int kind;
  sqlite3_value *args[ARGS];
  const double *vnum;
  const int32_t *vtext;
  const char *hashes;
  const double *lnum;
  const int32_t *ltext;
  const char *texts;
  int64_t first;
  int vouchers;
  int lines;
  int ntexts;
  int *start; /* byte offset where each text starts in texts; start[ntexts] its end */
  char *computed; /* the hashes made here, 64 hex digits each (hashes NULL) */
  /* Position: the row (voucher or line), and for lines the voucher and line number. */
  int row;
  int voucher;
  int line_no;
  int lines_left;
  /* The arguments are the caller's own, not copies (sanzi_batch_hashes: they outlive the call). */
  int borrowed;
} batch_cursor;

static int batch_connect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out, char **err) {
  (void)argc;
  (void)argv;
  (void)err;
  batch_aux *a = (batch_aux *)aux;
  int kind = a->kind;
  int rc = sqlite3_declare_vtab(
      db, kind == KIND_VOUCHERS
              ? "CREATE TABLE x(id, period, number, date, summary, attachments, preparer, hash,"
                " vnum HIDDEN, vtext HIDDEN, hashes HIDDEN, lnum HIDDEN, ltext HIDDEN, texts HIDDEN, ends HIDDEN,"
                " first HIDDEN, prev HIDDEN, kind HIDDEN, at HIDDEN)"
              : "CREATE TABLE x(voucher_id, line_no, account, debit, credit, member, project, party,"
                " vnum HIDDEN, lnum HIDDEN, ltext HIDDEN, texts HIDDEN, ends HIDDEN, first HIDDEN)");
  if (rc != SQLITE_OK) return rc;
  batch_vtab *t = sqlite3_malloc(sizeof(*t));
  if (!t) return SQLITE_NOMEM;
  memset(t, 0, sizeof(*t));
  t->kind = kind;
  t->digest = a->digest;
  sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  *out = &t->base;
  return SQLITE_OK;
}

static int batch_disconnect(sqlite3_vtab *vt) {
  sqlite3_free(vt);
  return SQLITE_OK;
}

/* Every hidden argument must be given (column = ?): each is handed to xFilter in order. */
static int batch_best_index(sqlite3_vtab *vt, sqlite3_index_info *info) {
  int nargs = ((batch_vtab *)vt)->kind == KIND_VOUCHERS ? ARGS_V : ARGS_L;
  int at[ARGS];
  for (int i = 0; i < ARGS; i++) at[i] = -1;
  for (int i = 0; i < info->nConstraint; i++) {
    const struct sqlite3_index_constraint *c = &info->aConstraint[i];
    int col = c->iColumn - V_COLS;
    if (col < 0 || col >= nargs) continue;
    if (!c->usable || c->op != SQLITE_INDEX_CONSTRAINT_EQ) return SQLITE_CONSTRAINT;
    at[col] = i;
  }
  for (int k = 0; k < nargs; k++) {
    if (at[k] < 0) return SQLITE_CONSTRAINT;
    info->aConstraintUsage[at[k]].argvIndex = k + 1;
    info->aConstraintUsage[at[k]].omit = 1;
  }
  info->estimatedCost = 1;
  info->estimatedRows = 1024;
  return SQLITE_OK;
}

static int batch_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **out) {
  batch_cursor *c = sqlite3_malloc(sizeof(*c));
  if (!c) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  c->kind = ((batch_vtab *)vt)->kind;
  *out = &c->base;
  return SQLITE_OK;
}

static void batch_release(batch_cursor *c) {
  for (int i = 0; i < ARGS; i++) {
    if (!c->borrowed) sqlite3_value_free(c->args[i]);
    c->args[i] = NULL;
  }
  sqlite3_free(c->start);
  c->start = NULL;
  sqlite3_free(c->computed);
  c->computed = NULL;
}

static int batch_close(sqlite3_vtab_cursor *cur) {
  batch_release((batch_cursor *)cur);
  sqlite3_free(cur);
  return SQLITE_OK;
}

static int fail(batch_cursor *c, const char *message) {
  sqlite3_free(c->base.pVtab->zErrMsg);
  c->base.pVtab->zErrMsg = sqlite3_mprintf("%s", message);
  return SQLITE_ERROR;
}

/* The byte offsets of the texts, from their ends in UTF-16 code units. */
static int text_offsets(batch_cursor *c, int text_bytes, const int32_t *ends, int n) {
  c->start = sqlite3_malloc64((sqlite3_uint64)(n + 1) * sizeof(int));
  if (!c->start) return SQLITE_NOMEM;
  const unsigned char *s = (const unsigned char *)c->texts;
  int byte = 0;
  int64_t unit = 0;
  c->start[0] = 0;
  for (int i = 0; i < n; i++) {
    int64_t end = ends[i];
    if (end < unit) return fail(c, "sanzi_batch: text ends out of order");
    while (unit < end) {
      /* Eight ASCII bytes at a time (codes, dates, amounts): a byte a unit. */
      if (end - unit >= 8 && byte + 8 <= text_bytes) {
        uint64_t w;
        memcpy(&w, s + byte, 8);
        if ((w & 0x8080808080808080ULL) == 0) {
          byte += 8;
          unit += 8;
          continue;
        }
      }
      if (byte >= text_bytes) return fail(c, "sanzi_batch: texts shorter than their ends");
      unsigned char b = s[byte];
      int len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
      if (byte + len > text_bytes) return fail(c, "sanzi_batch: texts cut inside a character");
      byte += len;
      unit += len == 4 ? 2 : 1;
    }
    if (unit != end) return fail(c, "sanzi_batch: a text ends inside a character");
    c->start[i + 1] = byte;
  }
  /* Half a character (a lone surrogate, which better-sqlite3 binds as ED A0..BF xx) or any other
     byte that is not well-formed UTF-8 reads back otherwise than JavaScript hashed it: bound. */
  if (!sanzi_utf8_ok(s, (size_t)text_bytes)) return fail(c, "sanzi_batch: a text ends inside a character (not well-formed UTF-8)");
  c->ntexts = n;
  return SQLITE_OK;
}

/* A growing byte buffer, for a voucher's canonical text. */
typedef struct {
  unsigned char *p;
  size_t n, cap;
} text_buf;

/* The length in bytes of text k (0 for -1, NULL). */
static inline size_t text_len(const batch_cursor *c, int32_t k) {
  return k < 0 ? 0 : (size_t)(c->start[k + 1] - c->start[k]);
}

/* Bytes written at `w` without a check: the caller has made room for them (text_buf reserved). */
static inline unsigned char *w_bytes(unsigned char *w, const void *p, size_t n) {
  memcpy(w, p, n);
  return w + n;
}

static inline unsigned char *w_text(const batch_cursor *c, unsigned char *w, int32_t k) {
  return k < 0 ? w : w_bytes(w, c->texts + c->start[k], (size_t)(c->start[k + 1] - c->start[k]));
}

/* Room for a whole number as JavaScript prints it. */
#define WHOLE_ROOM 17

/* A whole number as JavaScript prints it (`${n}`); NULL when it is not whole or not safe. */
static inline unsigned char *w_whole(unsigned char *w, double x) {
  if (!(x >= -9007199254740991.0 && x <= 9007199254740991.0) || x != (double)(int64_t)x) return NULL;
  return w + sanzi_int_text(w, (sqlite3_int64)x);
}

/* Each voucher's hash over its canonical text, chained from `prev` (see the comment at the top). */
static int make_hashes(batch_cursor *c, const char *prev, int prev_len, const char *kind, int kind_len) {
  c->computed = sqlite3_malloc64((sqlite3_uint64)c->vouchers * 64 + 1);
  if (!c->computed) return SQLITE_NOMEM;
  text_buf b = {0};
  int rc = SQLITE_OK;
  int line = 0;
  for (int v = 0; v < c->vouchers; v++) {
    const int32_t *t = c->vtext + v * 4;
    int n = (int)c->vnum[v * 3 + 2];
    /* The voucher's text at most: its head, then each line's. */
    size_t room = (size_t)prev_len + (size_t)kind_len + text_len(c, t[0]) + text_len(c, t[1]) + text_len(c, t[2]) + WHOLE_ROOM + 8;
    for (int j = 0; j < n; j++) {
      const int32_t *lt = c->ltext + (line + j) * 4;
      room += text_len(c, lt[0]) + text_len(c, lt[1]) + text_len(c, lt[2]) + text_len(c, lt[3]) + 2 * WHOLE_ROOM + 8;
    }
    if (!sanzi_grow(&b.p, &b.cap, room, 1024)) {
      rc = SQLITE_NOMEM;
      break;
    }
    unsigned char *w = b.p;
    w = w_bytes(w, prev, (size_t)prev_len);
    *w++ = '\n';
    w = w_text(c, w, t[0]);
    *w++ = '|';
    if (!(w = w_whole(w, c->vnum[v * 3]))) {
      rc = fail(c, "sanzi_batch: a number of a voucher is not whole");
      break;
    }
    *w++ = '|';
    w = w_text(c, w, t[1]);
    *w++ = '|';
    w = w_text(c, w, t[2]);
    *w++ = '|';
    w = w_bytes(w, kind, (size_t)kind_len);
    *w++ = '|';
    for (int j = 0; j < n && w; j++, line++) {
      const int32_t *lt = c->ltext + line * 4;
      *w++ = '\n';
      w = w_text(c, w, lt[0]);
      *w++ = '|';
      if (!(w = w_whole(w, c->lnum[line * 2]))) break;
      *w++ = '|';
      if (!(w = w_whole(w, c->lnum[line * 2 + 1]))) break;
      *w++ = '|';
      w = w_text(c, w, lt[1]);
      *w++ = '|';
      w = w_text(c, w, lt[2]);
      if (lt[3] >= 0 && c->start[lt[3] + 1] > c->start[lt[3]]) {
        *w++ = '|';
        w = w_text(c, w, lt[3]);
      }
    }
    if (!w) {
      rc = fail(c, "sanzi_batch: a number of a voucher is not whole");
      break;
    }
    char *hex = c->computed + (size_t)v * 64;
    sanzi_sha256_hex(b.p, (size_t)(w - b.p), hex);
    prev = hex;
    prev_len = 64;
  }
  sqlite3_free(b.p);
  return rc;
}

/* A text between quotes as json_array writes it, when it needs no escape; NULL (and *plain 0) when it would. */
static inline unsigned char *w_json_text(unsigned char *w, const unsigned char *p, size_t n, int *plain) {
  for (size_t i = 0; i < n; i++) {
    if (p[i] == '"' || p[i] == '\\' || p[i] < 0x20) {
      *plain = 0;
      return NULL;
    }
  }
  *w++ = '"';
  w = w_bytes(w, p, n);
  *w++ = '"';
  return w;
}

/* The batch's rows added to the rows digest: [id,attachments,preparer,"at","hash"] and a newline each. */
static int digest_rows(batch_cursor *c, rows_digest *d, const unsigned char *at, int at_len) {
  text_buf b = {0};
  /* The rows one after another, hashed as one text (the digest is of them all, in order). */
  size_t room = 0;
  for (int v = 0; v < c->vouchers; v++) room += text_len(c, c->vtext[v * 4 + 3]) + (size_t)at_len + 64 + 2 * WHOLE_ROOM + 16;
  if (!sanzi_grow(&b.p, &b.cap, room + 1, 1024)) return SQLITE_NOMEM;
  unsigned char *w = b.p;
  for (int v = 0; v < c->vouchers && w; v++) {
    const int32_t *t = c->vtext + v * 4;
    *w++ = '[';
    if (!(w = w_whole(w, (double)(c->first + v)))) break;
    *w++ = ',';
    if (!(w = w_whole(w, c->vnum[v * 3 + 1]))) break;
    *w++ = ',';
    if (t[3] < 0) w = w_bytes(w, "null", 4);
    else if (!(w = w_json_text(w, (const unsigned char *)c->texts + c->start[t[3]], text_len(c, t[3]), &d->plain))) break;
    *w++ = ',';
    if (!(w = w_json_text(w, at, (size_t)at_len, &d->plain))) break;
    *w++ = ',';
    if (!(w = w_json_text(w, (const unsigned char *)c->hashes + (size_t)v * 64, 64, &d->plain))) break;
    *w++ = ']';
    *w++ = '\n';
  }
  /* A row that is not as json_array writes it (a number not whole, a text needing an escape): the
     digest is left to the query. */
  if (!w) d->plain = 0;
  else sanzi_sha256_add(&d->ctx, b.p, (size_t)(w - b.p));
  sqlite3_free(b.p);
  return SQLITE_OK;
}

static void rows_digest_reset(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  rows_digest *d = sqlite3_user_data(ctx);
  sanzi_sha256_begin(&d->ctx);
  d->on = 1;
  d->plain = 1;
  sqlite3_result_null(ctx);
}

static void rows_digest_end(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  rows_digest *d = sqlite3_user_data(ctx);
  char hex[64];
  if (!d->on || !d->plain) {
    d->on = 0;
    sqlite3_result_null(ctx);
    return;
  }
  sanzi_sha256_end(&d->ctx, hex);
  d->on = 0;
  sqlite3_result_text(ctx, hex, 64, SQLITE_TRANSIENT);
}

/* The total of the vouchers' line counts, checked against the lines' arrays. */
static int count_lines(batch_cursor *c, int lnum_bytes, int ltext_bytes) {
  int64_t lines = 0;
  for (int v = 0; v < c->vouchers; v++) {
    double n = c->vnum[v * 3 + 2];
    if (!(n >= 0 && n <= 1e9) || n != (double)(int64_t)n) return fail(c, "sanzi_batch: a voucher's line count is not a count");
    lines += (int64_t)n;
  }
  if (lines > 0x7fffffff / 32) return fail(c, "sanzi_batch: too many lines");
  c->lines = (int)lines;
  if (lnum_bytes < c->lines * 2 * (int)sizeof(double)) return fail(c, "sanzi_batch: lnum too short");
  if (ltext_bytes < c->lines * 4 * (int)sizeof(int32_t)) return fail(c, "sanzi_batch: ltext too short");
  return SQLITE_OK;
}

/* Every text index of `list` (`count` rows of four) in range; only those `nullable` says may be -1. */
static int check_indexes(batch_cursor *c, const int32_t *list, int count, int first_nullable) {
  for (int i = 0; i < count * 4; i++) {
    int32_t k = list[i];
    int nullable = (i % 4) >= first_nullable;
    if (k >= c->ntexts || k < -1 || (k == -1 && !nullable)) return fail(c, "sanzi_batch: a text index out of range");
  }
  return SQLITE_OK;
}

static int batch_load(batch_cursor *c, int argc, sqlite3_value **argv);

static int batch_filter(sqlite3_vtab_cursor *cur, int idx, const char *idxs, int argc, sqlite3_value **argv) {
  (void)idx;
  (void)idxs;
  batch_cursor *c = (batch_cursor *)cur;
  batch_release(c);
  c->borrowed = 0;
  return batch_load(c, argc, argv);
}

/* The batch of `argv` read into the cursor (copied, unless c->borrowed), checked, and its hashes made when not given. */
static int batch_load(batch_cursor *c, int argc, sqlite3_value **argv) {
  c->row = 0;
  c->voucher = 0;
  c->line_no = 0;
  c->lines_left = 0;
  c->vouchers = 0;
  c->lines = 0;
  c->ntexts = 0;
  int vouchers = c->kind == KIND_VOUCHERS;
  if (argc != (vouchers ? ARGS_V : ARGS_L)) return fail(c, "sanzi_batch: wrong number of arguments");
  for (int i = 0; i < argc; i++) {
    c->args[i] = c->borrowed ? argv[i] : sqlite3_value_dup(argv[i]);
    if (!c->args[i]) return SQLITE_NOMEM;
  }
  /* Where each argument is: vouchers vnum, vtext, hashes, lnum, ltext, texts, ends, first, prev, kind;
     lines vnum, lnum, ltext, texts, ends, first. */
  sqlite3_value **a = c->args;
  sqlite3_value *vnum = a[0], *lnum = a[vouchers ? 3 : 1], *ltext = a[vouchers ? 4 : 2];
  sqlite3_value *texts = a[vouchers ? 5 : 3], *ends = a[vouchers ? 6 : 4], *first = a[vouchers ? 7 : 5];
  int vnum_bytes = sqlite3_value_bytes(vnum);
  c->vnum = sqlite3_value_blob(vnum);
  if (vnum_bytes % (3 * sizeof(double)) != 0) return fail(c, "sanzi_batch: vnum is not whole vouchers");
  c->vouchers = vnum_bytes / (int)(3 * sizeof(double));
  int lnum_bytes = sqlite3_value_bytes(lnum);
  int ltext_bytes = sqlite3_value_bytes(ltext);
  c->lnum = sqlite3_value_blob(lnum);
  c->ltext = sqlite3_value_blob(ltext);
  int rc = count_lines(c, lnum_bytes, ltext_bytes);
  if (rc != SQLITE_OK) return rc;
  c->texts = (const char *)sqlite3_value_text(texts);
  int text_bytes = sqlite3_value_bytes(texts);
  int ends_bytes = sqlite3_value_bytes(ends);
  if (ends_bytes % sizeof(int32_t) != 0) return fail(c, "sanzi_batch: ends is not whole int32s");
  if (!c->texts && text_bytes > 0) return SQLITE_NOMEM;
  rc = text_offsets(c, text_bytes, sqlite3_value_blob(ends), ends_bytes / (int)sizeof(int32_t));
  if (rc != SQLITE_OK) return rc;
  c->first = sqlite3_value_int64(first);
  if (c->first < 0 || c->first > 9007199254740991LL - c->vouchers) return fail(c, "sanzi_batch: the first id is out of range");
  /* Every text index in range before any row is given: a line's member, project and party may be NULL. */
  rc = check_indexes(c, c->ltext, c->lines, 1);
  if (rc != SQLITE_OK) return rc;
  if (vouchers) {
    int vtext_bytes = sqlite3_value_bytes(a[1]);
    c->vtext = sqlite3_value_blob(a[1]);
    if (vtext_bytes < c->vouchers * 4 * (int)sizeof(int32_t)) return fail(c, "sanzi_batch: vtext too short");
    rc = check_indexes(c, c->vtext, c->vouchers, 3); /* the preparer may be NULL */
    if (rc != SQLITE_OK) return rc;
    if (sqlite3_value_type(a[2]) == SQLITE_NULL) {
      const char *prev = (const char *)sqlite3_value_text(a[8]);
      const char *kind = (const char *)sqlite3_value_text(a[9]);
      if (!prev || !kind) return fail(c, "sanzi_batch: prev and kind are needed to make the hashes");
      rc = make_hashes(c, prev, sqlite3_value_bytes(a[8]), kind, sqlite3_value_bytes(a[9]));
      if (rc != SQLITE_OK) return rc;
      c->hashes = c->computed;
    } else {
      c->hashes = (const char *)sqlite3_value_text(a[2]);
      if (sqlite3_value_bytes(a[2]) < c->vouchers * 64) return fail(c, "sanzi_batch: hashes too short");
    }
    rows_digest *d = ((batch_vtab *)c->base.pVtab)->digest;
    if (d->on && d->plain && sqlite3_value_type(a[10]) != SQLITE_NULL) {
      rc = digest_rows(c, d, sqlite3_value_text(a[10]), sqlite3_value_bytes(a[10]));
      if (rc != SQLITE_OK) return rc;
    }
  } else {
    /* The first voucher with lines. */
    while (c->voucher < c->vouchers && c->vnum[c->voucher * 3 + 2] == 0) c->voucher++;
    c->line_no = 1;
    c->lines_left = c->voucher < c->vouchers ? (int)c->vnum[c->voucher * 3 + 2] : 0;
  }
  return SQLITE_OK;
}

static int batch_next(sqlite3_vtab_cursor *cur) {
  batch_cursor *c = (batch_cursor *)cur;
  c->row++;
  if (c->kind == KIND_LINES) {
    c->line_no++;
    if (--c->lines_left == 0) {
      c->voucher++;
      while (c->voucher < c->vouchers && c->vnum[c->voucher * 3 + 2] == 0) c->voucher++;
      c->line_no = 1;
      c->lines_left = c->voucher < c->vouchers ? (int)c->vnum[c->voucher * 3 + 2] : 0;
    }
  }
  return SQLITE_OK;
}

static int batch_eof(sqlite3_vtab_cursor *cur) {
  batch_cursor *c = (batch_cursor *)cur;
  return c->row >= (c->kind == KIND_VOUCHERS ? c->vouchers : c->lines);
}

static void text_result(sqlite3_context *ctx, batch_cursor *c, int32_t k) {
  if (k < 0) {
    sqlite3_result_null(ctx);
    return;
  }
  sqlite3_result_text(ctx, c->texts + c->start[k], c->start[k + 1] - c->start[k], SQLITE_TRANSIENT);
}

static void number_result(sqlite3_context *ctx, double x) {
  /* The amounts and counts are whole numbers within 2^53, stored as integers as a bound number is. */
  if (x >= -9007199254740991.0 && x <= 9007199254740991.0 && x == (double)(int64_t)x) sqlite3_result_int64(ctx, (int64_t)x);
  else sqlite3_result_double(ctx, x);
}

static int batch_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col) {
  batch_cursor *c = (batch_cursor *)cur;
  if (c->kind == KIND_VOUCHERS) {
    int v = c->row;
    const int32_t *t = c->vtext + v * 4;
    switch (col) {
      case 0: sqlite3_result_int64(ctx, c->first + v); break;
      case 1: text_result(ctx, c, t[0]); break;
      case 2: number_result(ctx, c->vnum[v * 3]); break;
      case 3: text_result(ctx, c, t[1]); break;
      case 4: text_result(ctx, c, t[2]); break;
      case 5: number_result(ctx, c->vnum[v * 3 + 1]); break;
      case 6: text_result(ctx, c, t[3]); break;
      case 7: sqlite3_result_text(ctx, c->hashes + (size_t)v * 64, 64, SQLITE_TRANSIENT); break;
      default: sqlite3_result_null(ctx);
    }
  } else {
    int l = c->row;
    const int32_t *t = c->ltext + l * 4;
    switch (col) {
      case 0: sqlite3_result_int64(ctx, c->first + c->voucher); break;
      case 1: sqlite3_result_int(ctx, c->line_no); break;
      case 2: text_result(ctx, c, t[0]); break;
      case 3: number_result(ctx, c->lnum[l * 2]); break;
      case 4: number_result(ctx, c->lnum[l * 2 + 1]); break;
      case 5: text_result(ctx, c, t[1]); break;
      case 6: text_result(ctx, c, t[2]); break;
      case 7: text_result(ctx, c, t[3]); break;
      default: sqlite3_result_null(ctx);
    }
  }
  return SQLITE_OK;
}

static int batch_rowid(sqlite3_vtab_cursor *cur, sqlite_int64 *rowid) {
  *rowid = ((batch_cursor *)cur)->row;
  return SQLITE_OK;
}

/*
 * sanzi_batch_hashes(vnum, vtext, NULL, lnum, ltext, texts, ends, first, prev, kind, at): the hashes
 * sanzi_batch_vouchers makes of a batch given those arguments, as one text of 64 hex digits a
 * voucher, and with `at` the batch's rows added to the connection's rows digest as there. An
 * import's reader thread makes them on a connection of its own (src/store/batch-hasher.ts), so that
 * the inserting thread is handed them made. Errors as sanzi_batch_vouchers gives them.
 */
static void batch_hashes(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  if (argc != ARGS_V || sqlite3_value_type(argv[2]) != SQLITE_NULL) {
    sqlite3_result_error(ctx, "sanzi_batch_hashes: the arguments of sanzi_batch_vouchers, hashes NULL", -1);
    return;
  }
  batch_vtab vt;
  memset(&vt, 0, sizeof(vt));
  vt.kind = KIND_VOUCHERS;
  vt.digest = sqlite3_user_data(ctx);
  batch_cursor c;
  memset(&c, 0, sizeof(c));
  c.base.pVtab = &vt.base;
  c.kind = KIND_VOUCHERS;
  c.borrowed = 1;
  int rc = batch_load(&c, argc, argv);
  if (rc == SQLITE_OK) {
    /* The hashes made are handed over as they are: SQLite frees them. */
    sqlite3_result_text(ctx, c.computed, c.vouchers * 64, sqlite3_free);
    c.computed = NULL;
  } else if (rc == SQLITE_NOMEM) {
    sqlite3_result_error_nomem(ctx);
  } else {
    sqlite3_result_error(ctx, vt.base.zErrMsg ? vt.base.zErrMsg : "sanzi_batch_hashes: failed", -1);
  }
  sqlite3_free(vt.base.zErrMsg);
  batch_release(&c);
}

static sqlite3_module batch_module = {
    0,                /* iVersion */
    0,                /* xCreate: eponymous only */
    batch_connect,    /* xConnect */
    batch_best_index, /* xBestIndex */
    batch_disconnect, /* xDisconnect */
    0,                /* xDestroy */
    batch_open,       /* xOpen */
    batch_close,      /* xClose */
    batch_filter,     /* xFilter */
    batch_next,       /* xNext */
    batch_eof,        /* xEof */
    batch_column,     /* xColumn */
    batch_rowid,      /* xRowid */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

int sanzi_register_batch(sqlite3 *db) {
  /* One allocation for the connection's digest and both modules' aux: its first member is the
     digest, so that the pointer sqlite3_free is given with it (&r->digest) is the allocation's. */
  struct registered {
    rows_digest digest;
    batch_aux vouchers, lines;
  } *r = sqlite3_malloc(sizeof(*r));
  if (!r) return SQLITE_NOMEM;
  _Static_assert(offsetof(struct registered, digest) == 0, "the digest comes first");
  memset(r, 0, sizeof(*r));
  r->vouchers.kind = KIND_VOUCHERS;
  r->vouchers.digest = &r->digest;
  r->lines.kind = KIND_LINES;
  r->lines.digest = &r->digest;
  /* The first registration owns the allocation: SQLite frees it when the connection closes (or at
     once, when the registration fails); whatever is registered after it points into it. */
  int rc = sqlite3_create_function_v2(db, "sanzi_rows_digest", 0, SQLITE_UTF8, &r->digest, rows_digest_end, 0, 0, sqlite3_free);
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "sanzi_rows_digest_reset", 0, SQLITE_UTF8, &r->digest, rows_digest_reset, 0, 0);
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "sanzi_batch_hashes", ARGS_V, SQLITE_UTF8, &r->digest, batch_hashes, 0, 0);
  if (rc == SQLITE_OK) rc = sqlite3_create_module(db, "sanzi_batch_vouchers", &batch_module, &r->vouchers);
  if (rc == SQLITE_OK) rc = sqlite3_create_module(db, "sanzi_batch_lines", &batch_module, &r->lines);
  return rc;
}
