/*
 * sha256(X) and sha256_agg(X) for SQLite: the SHA-256 of a text's UTF-8 bytes (or of a blob), as 64
 * lowercase hex digits; the aggregate hashes its values one after another, as one text. verify
 * uses them so that SQLite hashes each voucher's canonical text where it builds it, instead of
 * handing half a million texts to JavaScript to hash. The hashing is OpenSSL's, the one Node itself
 * carries and exports to the code it loads: nothing is linked here, and where the host has no such
 * OpenSSL the extension does not load (src/store/native-sqlite.ts) and verify hashes in JavaScript.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "sanzi-native.h"

typedef sanzi_sha256 sha256_ctx;
extern int SHA256_Init(sha256_ctx *c);
extern int SHA256_Update(sha256_ctx *c, const void *data, size_t len);
extern int SHA256_Final(unsigned char *md, sha256_ctx *c);

static void to_hex(const unsigned char *md, char *out) {
  static const char digits[] = "0123456789abcdef";
  for (int i = 0; i < 32; i++) {
    out[2 * i] = digits[md[i] >> 4];
    out[2 * i + 1] = digits[md[i] & 15];
  }
}

static void hex_result(sqlite3_context *ctx, const unsigned char *md) {
  char out[64];
  to_hex(md, out);
  sqlite3_result_text(ctx, out, 64, SQLITE_TRANSIENT);
}

/* A SHA-256 fed piece by piece (sqlite-batch.c's rows digest). */
int sanzi_sha256_begin(sha256_ctx *c) { return SHA256_Init(c); }
int sanzi_sha256_add(sha256_ctx *c, const void *data, size_t n) { return SHA256_Update(c, data, n); }
void sanzi_sha256_end(sha256_ctx *c, char *hex) {
  unsigned char md[32];
  SHA256_Final(md, c);
  to_hex(md, hex);
}

/* SHA-256 of `n` bytes as 64 hex digits into `hex` (sqlite-batch.c hashes imported vouchers with it). */
void sanzi_sha256_hex(const void *data, size_t n, char *hex) {
  sha256_ctx c;
  unsigned char md[32];
  SHA256_Init(&c);
  SHA256_Update(&c, data, n);
  SHA256_Final(md, &c);
  to_hex(md, hex);
}

/*
 * Whether bytes are well-formed UTF-8 (no overlong form, no surrogate, nothing past U+10FFFF): what
 * JavaScript reads back as it was written. Other bytes come to JavaScript as U+FFFD each, and would
 * hash otherwise there: sha256() gives NULL for such a text, sha256_agg() NULL for a group holding
 * one, and verify then checks it in JavaScript.
 */
int sanzi_utf8_ok(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    /* Eight ASCII bytes at a time. */
    if (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if ((w & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char b = s[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    size_t len;
    unsigned int cp;
    if (b >= 0xC2 && b <= 0xDF) len = 2, cp = b & 0x1F;
    else if (b >= 0xE0 && b <= 0xEF) len = 3, cp = b & 0x0F;
    else if (b >= 0xF0 && b <= 0xF4) len = 4, cp = b & 0x07;
    else return 0;
    if (i + len > n) return 0;
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    i += len;
  }
  return 1;
}

/* The bytes of a value: a blob's own, anything else's as UTF-8 text. */
static const void *bytes_of(sqlite3_value *v, int *n) {
  const void *p = sqlite3_value_type(v) == SQLITE_BLOB ? sqlite3_value_blob(v) : (const void *)sqlite3_value_text(v);
  *n = sqlite3_value_bytes(v);
  return p;
}

/*
 * The bytes of the argument to hash: 1 with them, 0 for a text that is not well-formed UTF-8, -1
 * when SQLite could not give them (the error is set).
 */
static int hashable(sqlite3_context *ctx, sqlite3_value *v, const void **p, int *n) {
  *p = bytes_of(v, n);
  if (*p == NULL && *n > 0) {
    sqlite3_result_error_nomem(ctx);
    return -1;
  }
  if (*p == NULL) *p = "";
  return sqlite3_value_type(v) == SQLITE_BLOB || sanzi_utf8_ok(*p, (size_t)*n);
}

static void sha256_func(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  const void *p;
  int n;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(ctx);
    return;
  }
  int ok = hashable(ctx, argv[0], &p, &n);
  if (ok < 0) return;
  if (ok == 0) {
    sqlite3_result_null(ctx);
    return;
  }
  char hex[64];
  sanzi_sha256_hex(p, (size_t)n, hex);
  sqlite3_result_text(ctx, hex, 64, SQLITE_TRANSIENT);
}

typedef struct {
  int started;
  int broken; /* a text that is not well-formed UTF-8 was given: the result is NULL */
  sha256_ctx c;
} sha256_agg_state;

static void sha256_agg_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  sha256_agg_state *s = (sha256_agg_state *)sqlite3_aggregate_context(ctx, sizeof(sha256_agg_state));
  if (s == NULL) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (!s->started) {
    SHA256_Init(&s->c);
    s->started = 1;
  }
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL || s->broken) return;
  const void *p;
  int n;
  int ok = hashable(ctx, argv[0], &p, &n);
  if (ok < 0) return;
  if (ok == 0) s->broken = 1;
  else if (n > 0) SHA256_Update(&s->c, p, (size_t)n);
}

static void sha256_agg_final(sqlite3_context *ctx) {
  sha256_agg_state *s = (sha256_agg_state *)sqlite3_aggregate_context(ctx, sizeof(sha256_agg_state));
  if (s == NULL) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (!s->started) SHA256_Init(&s->c);
  unsigned char md[32];
  SHA256_Final(md, &s->c);
  if (s->broken) sqlite3_result_null(ctx);
  else hex_result(ctx, md);
}

int sanzi_register_sha256(sqlite3 *db) {
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc = sqlite3_create_function(db, "sha256", 1, flags, NULL, sha256_func, NULL, NULL);
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "sha256_agg", 1, flags, NULL, NULL, sha256_agg_step, sha256_agg_final);
  return rc;
}
