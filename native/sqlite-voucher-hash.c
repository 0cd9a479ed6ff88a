/*
 * sanzi_voucher_hash(prev, period, number, date, summary, kind, reverses,
 *                    account, debit, credit, member, project, party):
 * an aggregate over one voucher's lines, in line order, giving the SHA-256 (64 lowercase hex digits)
 * of the voucher's canonical text after the hash before it, when its lines balance. It is what verify
 * asks of SQLite (src/store/verify.ts checkVouchersNative):
 *
 *   CASE WHEN SUM(debit) = SUM(credit) THEN sha256(prev || char(10) || period || '|' || number || '|'
 *     || date || '|' || summary || '|' || kind || '|' || ifnull(reverses, '') || group_concat(char(10)
 *     || account || '|' || debit || '|' || credit || '|' || ifnull(member, '') || '|'
 *     || ifnull(project, '') || CASE WHEN party IS NULL OR party = '' THEN '' ELSE '|' || party END, ''))
 *   END
 *
 * the same bytes hashed, written straight into the hash a piece at a time instead of made into a
 * text per column and per line and joined. prev and the voucher's own columns are the same on every
 * line (they are read from the first). It gives NULL
 *
 *   - when there are no lines, or the lines' debits and credits differ, or their sums pass a 64-bit
 *     integer;
 *   - when a value is not as sanzi writes it: any of the texts (prev, period, date, summary, kind,
 *     account, and member, project and party when not NULL) not a text of well-formed UTF-8, number,
 *     debit or credit not an integer, reverses neither NULL nor an integer.
 *
 * verify then checks the chain in JavaScript, as it does without this extension, and says what is
 * wrong and where (a value SQLite's `||` would have read otherwise, a REAL or a blob in a loosened
 * table, is checked there too: NULL here only means "not passed in SQL").
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "sanzi-native.h"

/* Bytes gathered before they go to the hash: most vouchers' whole text. */
#define CHUNK 512

typedef struct {
  int started;
  int off; /* a value not as sanzi writes it, or sums past 64 bits: the result is NULL */
  sqlite3_int64 debit, credit;
  size_t n;
  sanzi_sha256 sha;
  unsigned char buf[CHUNK];
} voucher_hash;

static void flush(voucher_hash *h) {
  if (h->n) sanzi_sha256_add(&h->sha, h->buf, h->n);
  h->n = 0;
}

static void put(voucher_hash *h, const void *p, size_t n) {
  if (h->n + n > CHUNK) {
    flush(h);
    if (n > CHUNK) {
      sanzi_sha256_add(&h->sha, p, n);
      return;
    }
  }
  memcpy(h->buf + h->n, p, n);
  h->n += n;
}

static void put_byte(voucher_hash *h, unsigned char b) {
  if (h->n == CHUNK) flush(h);
  h->buf[h->n++] = b;
}

/* An integer's decimal digits, as SQLite writes it in text. */
static void put_int(voucher_hash *h, sqlite3_int64 v) {
  unsigned char digits[SANZI_INT_TEXT];
  put(h, digits, sanzi_int_text(digits, v));
}

/* A text's bytes when it is a text of well-formed UTF-8 (NULL allowed when `nullable`: no bytes); else the state is off. */
static void put_text(voucher_hash *h, sqlite3_value *v, int nullable) {
  int type = sqlite3_value_type(v);
  if (type == SQLITE_NULL && nullable) return;
  if (type != SQLITE_TEXT) {
    h->off = 1;
    return;
  }
  const unsigned char *p = sqlite3_value_text(v);
  int n = sqlite3_value_bytes(v);
  if (p == NULL && n > 0) {
    h->off = 1; /* out of memory: not passed here, checked in JavaScript */
    return;
  }
  if (n == 0) return;
  if (!sanzi_utf8_ok(p, (size_t)n)) {
    h->off = 1;
    return;
  }
  put(h, p, (size_t)n);
}

/* An integer's digits (NULL allowed when `nullable`: nothing); else the state is off. Its value in *out. */
static void put_integer(voucher_hash *h, sqlite3_value *v, int nullable, sqlite3_int64 *out) {
  int type = sqlite3_value_type(v);
  if (type == SQLITE_NULL && nullable) return;
  if (type != SQLITE_INTEGER) {
    h->off = 1;
    return;
  }
  sqlite3_int64 x = sqlite3_value_int64(v);
  if (out) *out = x;
  put_int(h, x);
}

static void step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  voucher_hash *h = (voucher_hash *)sqlite3_aggregate_context(ctx, sizeof(voucher_hash));
  if (h == NULL) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (h->off) return;
  if (!h->started) {
    h->started = 1;
    sanzi_sha256_begin(&h->sha);
    put_text(h, argv[0], 0);
    put_byte(h, '\n');
    put_text(h, argv[1], 0);
    put_byte(h, '|');
    put_integer(h, argv[2], 0, NULL);
    put_byte(h, '|');
    put_text(h, argv[3], 0);
    put_byte(h, '|');
    put_text(h, argv[4], 0);
    put_byte(h, '|');
    put_text(h, argv[5], 0);
    put_byte(h, '|');
    put_integer(h, argv[6], 1, NULL);
  }
  sqlite3_int64 debit = 0, credit = 0;
  put_byte(h, '\n');
  put_text(h, argv[7], 0);
  put_byte(h, '|');
  put_integer(h, argv[8], 0, &debit);
  put_byte(h, '|');
  put_integer(h, argv[9], 0, &credit);
  put_byte(h, '|');
  put_text(h, argv[10], 1);
  put_byte(h, '|');
  put_text(h, argv[11], 1);
  int party = sqlite3_value_type(argv[12]);
  if (party != SQLITE_NULL && !(party == SQLITE_TEXT && sqlite3_value_bytes(argv[12]) == 0)) {
    put_byte(h, '|');
    put_text(h, argv[12], 0);
  }
  if (__builtin_add_overflow(h->debit, debit, &h->debit) || __builtin_add_overflow(h->credit, credit, &h->credit)) h->off = 1;
}

static void final(sqlite3_context *ctx) {
  voucher_hash *h = (voucher_hash *)sqlite3_aggregate_context(ctx, 0);
  if (h == NULL || !h->started || h->off || h->debit != h->credit) {
    sqlite3_result_null(ctx);
    return;
  }
  flush(h);
  char hex[64];
  sanzi_sha256_end(&h->sha, hex);
  sqlite3_result_text(ctx, hex, 64, SQLITE_TRANSIENT);
}

int sanzi_register_voucher_hash(sqlite3 *db) {
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  return sqlite3_create_function(db, "sanzi_voucher_hash", 13, flags, NULL, NULL, step, final);
}
