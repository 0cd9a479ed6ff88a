/*
 * sanzi_book_text(date, number, line_no, debit, credit, summary, max_bytes) and
 * sanzi_book_text_accounts(date, number, line_no, debit, credit, account, summary, max_bytes): an
 * account's lines as one text in the book's order, each as src/store/book-text.ts
 * accountLineTexts reads a line:
 *
 *   `${date} ${number} ${debit} ${credit} ${UTF-8 bytes of summary} ${summary}`
 *   `${date} ${number} ${debit} ${credit} ${account}\x1f${UTF-8 bytes of summary} ${summary}`
 *
 * the same text SQLite's `date || ' ' || number || …` would make over the lines sorted by
 * (date, number, line_no), without a text made per column and without SQLite's sorter: the caller
 * reads the lines in the order of the accounts' index, and this aggregate notes where each line's
 * text starts and its key; if they did not come in the book's order (vouchers entered out of date
 * order, or the lines of several sub-accounts), it sorts them by their key as SQLite compares it
 * (the date's bytes, then the integers) and copies the lines into that order. It gives
 *
 *   - the text, when each date is a text of ten bytes without a space (YYYY-MM-DD), each summary
 *     (and account) a text of well-formed UTF-8, each number an integer, no two lines share a key,
 *     and the whole is within its limit;
 *   - NULL when there were no lines.
 *
 * Otherwise it stops the statement with an error, at the first such line, so that no more lines
 * are read for nothing: "sanzi_book_text: read sorted" (the caller then reads the lines sorted by
 * SQLite, as it does without this extension, and that reading says what is wrong with any of
 * them), or "sanzi_book_text: too large" when the text would pass BOOK_MAX_BYTES, SQLite's own
 * limit to a text, or max_bytes when that is not NULL and smaller (the tests' limit), or memory
 * ran out (the caller then reads the book a line at a time, as any larger book).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "sanzi-native.h"

/* Larger than any book of 200,000 lines of ordinary summaries; well under the longest JavaScript text. */
#define BOOK_MAX_BYTES ((size_t)1 << 28)
#define DATE_BYTES 10

#define READ_SORTED "sanzi_book_text: read sorted"
#define TOO_LARGE "sanzi_book_text: too large"

/* A line's key in the book's order, and where its text is. */
typedef struct {
  unsigned char date[DATE_BYTES];
  sqlite3_int64 number, line_no;
  size_t at, len;
} line_key;

typedef struct {
  unsigned char *p;
  size_t n, cap;
  size_t max; /* the most bytes the text may take */
  line_key *keys;
  size_t lines, keys_cap;
  int started;   /* the limit is set (at the first line) */
  int unordered; /* a line came before the one read ahead of it */
  int off;       /* the statement was stopped */
} book;

/* Room for `more` bytes (at most: the line's own may be fewer); 0 past the text's limit or memory. */
static int room(book *b, size_t more) {
  return b->n + more <= b->max && sanzi_grow(&b->p, &b->cap, b->n + more, 65536);
}

/* Room for one more key; 0 when memory ran out. */
static int key_room(book *b) {
  if (b->lines < b->keys_cap) return 1;
  size_t cap = b->keys_cap ? b->keys_cap * 2 : 4096;
  line_key *q = sqlite3_realloc64(b->keys, cap * sizeof(line_key));
  if (!q) return 0;
  b->keys = q;
  b->keys_cap = cap;
  return 1;
}

/* The book's order: ORDER BY date (its bytes), number, line_no. */
static int key_cmp(const void *x, const void *y) {
  const line_key *a = x, *b = y;
  int c = memcmp(a->date, b->date, DATE_BYTES);
  if (c) return c;
  if (a->number != b->number) return a->number < b->number ? -1 : 1;
  if (a->line_no != b->line_no) return a->line_no < b->line_no ? -1 : 1;
  return 0;
}

static void let_go(book *b) {
  sqlite3_free(b->p);
  sqlite3_free(b->keys);
  b->p = NULL;
  b->keys = NULL;
  b->n = b->cap = b->lines = b->keys_cap = 0;
}

/* Stop the statement (see the top); the text so far is not needed. */
static void give_way(sqlite3_context *ctx, book *b, const char *why) {
  let_go(b);
  b->off = 1;
  sqlite3_result_error(ctx, why, -1);
}

/* A text argument's bytes, well-formed UTF-8: NULL (the statement stopped) when it is not so. */
static const unsigned char *text_arg(sqlite3_context *ctx, book *b, sqlite3_value *v, int *n) {
  if (sqlite3_value_type(v) != SQLITE_TEXT) {
    give_way(ctx, b, READ_SORTED);
    return NULL;
  }
  const unsigned char *s = sqlite3_value_text(v);
  *n = sqlite3_value_bytes(v);
  if (s == NULL) {
    give_way(ctx, b, READ_SORTED);
    if (*n > 0) sqlite3_result_error_nomem(ctx);
    return NULL;
  }
  if (!sanzi_utf8_ok(s, (size_t)*n)) {
    give_way(ctx, b, READ_SORTED);
    return NULL;
  }
  return s;
}

static void book_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  const int accounts = sqlite3_user_data(ctx) != NULL;
  book *b = (book *)sqlite3_aggregate_context(ctx, sizeof(book));
  if (b == NULL) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (b->off) return;
  if (!b->started) {
    b->started = 1;
    b->max = BOOK_MAX_BYTES;
    int limit = sqlite3_limit(sqlite3_context_db_handle(ctx), SQLITE_LIMIT_LENGTH, -1);
    if (limit >= 0 && (size_t)limit < b->max) b->max = (size_t)limit;
    /* A number (JavaScript's are bound as REAL); NULL: no other limit. */
    sqlite3_value *m = argv[argc - 1];
    if (sqlite3_value_type(m) == SQLITE_INTEGER || sqlite3_value_type(m) == SQLITE_FLOAT) {
      sqlite3_int64 v = sqlite3_value_int64(m);
      if (v >= 0 && (sqlite3_uint64)v < b->max) b->max = (size_t)v;
    }
  }
  for (int i = 1; i <= 4; i++) {
    if (sqlite3_value_type(argv[i]) != SQLITE_INTEGER) {
      give_way(ctx, b, READ_SORTED);
      return;
    }
  }
  int date_n, account_n = 0, summary_n;
  const unsigned char *date = text_arg(ctx, b, argv[0], &date_n);
  if (date == NULL) return;
  /* A date as sanzi writes it, YYYY-MM-DD: ten bytes, no space (anything else is read sorted, and said). */
  if (date_n != DATE_BYTES || memchr(date, ' ', DATE_BYTES) != NULL) {
    give_way(ctx, b, READ_SORTED);
    return;
  }
  const unsigned char *account = accounts ? text_arg(ctx, b, argv[5], &account_n) : NULL;
  if (accounts && account == NULL) return;
  const unsigned char *summary = text_arg(ctx, b, argv[accounts ? 6 : 5], &summary_n);
  if (summary == NULL) return;
  if (!room(b, DATE_BYTES + (size_t)account_n + (size_t)summary_n + 5 * 22 + 1) || !key_room(b)) {
    give_way(ctx, b, TOO_LARGE);
    return;
  }
  line_key *k = &b->keys[b->lines];
  memcpy(k->date, date, DATE_BYTES);
  k->number = sqlite3_value_int64(argv[1]);
  k->line_no = sqlite3_value_int64(argv[2]);
  k->at = b->n;
  if (b->lines > 0 && !b->unordered) {
    int c = key_cmp(k - 1, k);
    if (c == 0) {
      give_way(ctx, b, READ_SORTED);
      return;
    }
    if (c > 0) b->unordered = 1;
  }
  unsigned char *o = b->p + b->n;
  memcpy(o, date, DATE_BYTES);
  o += DATE_BYTES;
  *o++ = ' ';
  o += sanzi_int_text(o, k->number);
  *o++ = ' ';
  o += sanzi_int_text(o, sqlite3_value_int64(argv[3]));
  *o++ = ' ';
  o += sanzi_int_text(o, sqlite3_value_int64(argv[4]));
  *o++ = ' ';
  if (accounts) {
    if (account_n) memcpy(o, account, (size_t)account_n);
    o += account_n;
    *o++ = 0x1f;
  }
  o += sanzi_int_text(o, summary_n);
  *o++ = ' ';
  if (summary_n) memcpy(o, summary, (size_t)summary_n);
  o += summary_n;
  b->n = (size_t)(o - b->p);
  k->len = b->n - k->at;
  b->lines++;
}

static void book_final(sqlite3_context *ctx) {
  book *b = (book *)sqlite3_aggregate_context(ctx, 0);
  if (b == NULL || b->off || b->lines == 0) {
    /* No lines; or the statement was stopped (its result is not read). */
    if (b) let_go(b);
    sqlite3_result_null(ctx);
    return;
  }
  if (b->unordered) {
    qsort(b->keys, b->lines, sizeof(line_key), key_cmp);
    for (size_t i = 1; i < b->lines; i++) {
      if (key_cmp(&b->keys[i - 1], &b->keys[i]) == 0) {
        give_way(ctx, b, READ_SORTED);
        return;
      }
    }
    unsigned char *sorted = sqlite3_malloc64(b->n);
    if (sorted == NULL) {
      give_way(ctx, b, TOO_LARGE);
      return;
    }
    size_t at = 0;
    for (size_t i = 0; i < b->lines; i++) {
      memcpy(sorted + at, b->p + b->keys[i].at, b->keys[i].len);
      at += b->keys[i].len;
    }
    sqlite3_free(b->p);
    b->p = sorted;
  }
  sqlite3_free(b->keys);
  b->keys = NULL;
  unsigned char *p = b->p;
  b->p = NULL;
  sqlite3_result_text64(ctx, (const char *)p, b->n, sqlite3_free, SQLITE_UTF8);
}

int sanzi_register_book(sqlite3 *db) {
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  static int with_accounts = 1;
  int rc = sqlite3_create_function(db, "sanzi_book_text", 7, flags, NULL, NULL, book_step, book_final);
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "sanzi_book_text_accounts", 8, flags, &with_accounts, NULL, book_step, book_final);
  return rc;
}
