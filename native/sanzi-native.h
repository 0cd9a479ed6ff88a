/*
 * What the files of sanzi's SQLite extension share: the SHA-256 of sqlite-sha256.c (OpenSSL's, the
 * one Node carries), its check of UTF-8, integers written in text as SQLite writes them, and a byte
 * buffer grown by doubling.
 */
#ifndef SANZI_NATIVE_H
#define SANZI_NATIVE_H

#include <stddef.h>
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3

/* OpenSSL's SHA256_CTX (112 bytes), held in room to spare (256 bytes). */
typedef struct {
  unsigned long long room[32];
} sanzi_sha256;

/* A SHA-256 fed piece by piece; its end as 64 lowercase hex digits into `hex`. */
int sanzi_sha256_begin(sanzi_sha256 *c);
int sanzi_sha256_add(sanzi_sha256 *c, const void *data, size_t n);
void sanzi_sha256_end(sanzi_sha256 *c, char *hex);
/* SHA-256 of `n` bytes as 64 hex digits into `hex`. */
void sanzi_sha256_hex(const void *data, size_t n, char *hex);
/* Whether bytes are well-formed UTF-8 (no overlong form, no surrogate, nothing past U+10FFFF). */
int sanzi_utf8_ok(const unsigned char *s, size_t n);

/* The longest integer in text: "-9223372036854775808". */
#define SANZI_INT_TEXT 20

/* An integer's decimal digits at `out` (room for SANZI_INT_TEXT), as SQLite writes it in text; how many bytes. */
static inline size_t sanzi_int_text(unsigned char *out, sqlite3_int64 v) {
  unsigned char tmp[SANZI_INT_TEXT];
  size_t k = 0;
  sqlite3_uint64 u = v < 0 ? (sqlite3_uint64)0 - (sqlite3_uint64)v : (sqlite3_uint64)v;
  do {
    tmp[k++] = (unsigned char)('0' + u % 10);
    u /= 10;
  } while (u);
  size_t n = 0;
  if (v < 0) out[n++] = '-';
  while (k) out[n++] = tmp[--k];
  return n;
}

/*
 * Room for `need` bytes in a buffer at *p of *cap bytes, grown by doubling from `first`: 1, or 0
 * when memory ran out (the buffer is then as it was).
 */
static inline int sanzi_grow(unsigned char **p, size_t *cap, size_t need, size_t first) {
  if (need <= *cap) return 1;
  size_t c = *cap ? *cap : first;
  while (c < need) c *= 2;
  unsigned char *q = sqlite3_realloc64(*p, c);
  if (!q) return 0;
  *p = q;
  *cap = c;
  return 1;
}

#endif
