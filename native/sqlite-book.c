/*
 * sanzi_book_text(date, number, line_no, debit, credit, summary [, max_bytes]): an account's lines
 * as one text, in the order SQLite hands them over, each as src/store/book-text.ts
 * accountLineTexts reads a leaf account's line:
 *
 *   `${date} ${number} ${debit} ${credit} ${UTF-8 bytes of summary} ${summary}`
 *
 * the same text SQLite's `date || ' ' || number || …` would make, without a text made per column
 * and without the sort: the caller reads the lines in the order of the account's index and this
 * aggregate checks that they come in the book's order, (date, number, line_no) strictly ascending
 * as SQLite compares them (the date's bytes, then the integers). It gives
 *
 *   - the text, when every line came in that order, each date a text of ten bytes without a space
 *     (YYYY-MM-DD), each summary a text of well-formed UTF-8, each number an integer, and the whole
 *     within its limit;
 *   - NULL when there were no lines.
 *
 * At the first line that is not so, it stops the statement with an error, so that no more lines
 * are read for nothing: "sanzi_book_text: read sorted" (the caller then reads the lines sorted by
 * SQLite, as it does without this extension, and that reading says what is wrong with any of
 * them), or "sanzi_book_text: too large" when the text would pass BOOK_MAX_BYTES, SQLite's own
 * limit to a text, or max_bytes when that is given and smaller (the tests' limit), or memory for it
 * ran out (the caller then reads the book a line at a time, as any larger book).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3

int sanzi_utf8_ok(const unsigned char *s, size_t n);

/* Larger than any book of 200,000 lines of ordinary summaries; well under the longest JavaScript text. */
#define BOOK_MAX_BYTES ((size_t)1 << 28)
#define DATE_BYTES 10

typedef struct {
  unsigned char *p;
  size_t n, cap;
  size_t max; /* the most bytes the text may take */
  unsigned char date[DATE_BYTES]; /* the previous line's date */
  sqlite3_int64 number, line_no; /* the previous line's */
  int lines;
  int off; /* the statement was stopped */
} book;

/* Room for `more` bytes (at most: the line's own may be fewer); 0 past the text's limit or memory. */
static int room(book *b, size_t more) {
  if (b->n + more > b->max) return 0;
  if (b->n + more <= b->cap) return 1;
  size_t cap = b->cap ? b->cap : 65536;
  while (cap < b->n + more) cap *= 2;
  unsigned char *q = sqlite3_realloc64(b->p, cap);
  if (!q) return 0;
  b->p = q;
  b->cap = cap;
  return 1;
}

/* An integer's decimal digits at `out`, as SQLite writes it in text; how many bytes. */
static size_t put_int(unsigned char *out, sqlite3_int64 v) {
  unsigned char tmp[24];
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

/* Stop the statement (see the top); the text so far is not needed. */
static void give_way(sqlite3_context *ctx, book *b, const char *why) {
  sqlite3_free(b->p);
  b->p = NULL;
  b->n = b->cap = 0;
  b->off = 1;
  sqlite3_result_error(ctx, why, -1);
}

#define READ_SORTED "sanzi_book_text: read sorted"
#define TOO_LARGE "sanzi_book_text: too large"

static void book_step(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  book *b = (book *)sqlite3_aggregate_context(ctx, sizeof(book));
  if (b == NULL) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (b->lines++ == 0) {
    b->max = BOOK_MAX_BYTES;
    int limit = sqlite3_limit(sqlite3_context_db_handle(ctx), SQLITE_LIMIT_LENGTH, -1);
    if (limit >= 0 && (size_t)limit < b->max) b->max = (size_t)limit;
    /* A number (JavaScript's are bound as REAL). */
    if (argc > 6 && (sqlite3_value_type(argv[6]) == SQLITE_INTEGER || sqlite3_value_type(argv[6]) == SQLITE_FLOAT)) {
      sqlite3_int64 m = sqlite3_value_int64(argv[6]);
      if (m >= 0 && (sqlite3_uint64)m < b->max) b->max = (size_t)m;
    }
  }
  if (b->off) return;
  for (int i = 1; i <= 4; i++) {
    if (sqlite3_value_type(argv[i]) != SQLITE_INTEGER) {
      give_way(ctx, b, READ_SORTED);
      return;
    }
  }
  if (sqlite3_value_type(argv[0]) != SQLITE_TEXT || sqlite3_value_type(argv[5]) != SQLITE_TEXT) {
    give_way(ctx, b, READ_SORTED);
    return;
  }
  const unsigned char *date = sqlite3_value_text(argv[0]);
  int date_n = sqlite3_value_bytes(argv[0]);
  const unsigned char *summary = sqlite3_value_text(argv[5]);
  int summary_n = sqlite3_value_bytes(argv[5]);
  if ((date == NULL && date_n > 0) || (summary == NULL && summary_n > 0)) {
    give_way(ctx, b, READ_SORTED);
    sqlite3_result_error_nomem(ctx);
    return;
  }
  /* A date as sanzi writes it, YYYY-MM-DD: ten bytes, no space (anything else is read sorted, and said). */
  if (date_n != DATE_BYTES || memchr(date, ' ', DATE_BYTES) != NULL) {
    give_way(ctx, b, READ_SORTED);
    return;
  }
  sqlite3_int64 number = sqlite3_value_int64(argv[1]);
  sqlite3_int64 line_no = sqlite3_value_int64(argv[2]);
  /* The book's order: after the previous line, as ORDER BY date, number, line_no puts them. */
  if (b->lines > 1) {
    int c = memcmp(date, b->date, DATE_BYTES);
    if (c == 0) c = number < b->number ? -1 : number > b->number ? 1 : 0;
    if (c == 0) c = line_no < b->line_no ? -1 : line_no > b->line_no ? 1 : 0;
    if (c <= 0) {
      give_way(ctx, b, READ_SORTED);
      return;
    }
  }
  if (!sanzi_utf8_ok(date, (size_t)date_n) || !sanzi_utf8_ok(summary, (size_t)summary_n)) {
    give_way(ctx, b, READ_SORTED);
    return;
  }
  if (!room(b, (size_t)date_n + (size_t)summary_n + 5 * 22)) {
    give_way(ctx, b, TOO_LARGE);
    return;
  }
  memcpy(b->date, date, DATE_BYTES);
  b->number = number;
  b->line_no = line_no;
  unsigned char *o = b->p + b->n;
  memcpy(o, date, DATE_BYTES);
  o += DATE_BYTES;
  *o++ = ' ';
  o += put_int(o, number);
  *o++ = ' ';
  o += put_int(o, sqlite3_value_int64(argv[3]));
  *o++ = ' ';
  o += put_int(o, sqlite3_value_int64(argv[4]));
  *o++ = ' ';
  o += put_int(o, summary_n);
  *o++ = ' ';
  if (summary_n) memcpy(o, summary, (size_t)summary_n);
  o += summary_n;
  b->n = (size_t)(o - b->p);
}

static void book_final(sqlite3_context *ctx) {
  book *b = (book *)sqlite3_aggregate_context(ctx, 0);
  if (b == NULL || b->lines == 0) {
    sqlite3_result_null(ctx);
    return;
  }
  if (b->off) {
    /* Only after the statement was stopped (its result is not read). */
    sqlite3_result_null(ctx);
    return;
  }
  sqlite3_result_text64(ctx, (const char *)b->p, b->n, sqlite3_free, SQLITE_UTF8);
}

int sanzi_register_book(sqlite3 *db) {
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc = sqlite3_create_function(db, "sanzi_book_text", 6, flags, NULL, NULL, book_step, book_final);
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "sanzi_book_text", 7, flags, NULL, NULL, book_step, book_final);
  return rc;
}
