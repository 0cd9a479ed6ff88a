/*
 * sanzi's SQLite extension (dist/native/sanzi-sqlite.so, built by `npm run build`; loaded by
 * src/store/native-sqlite.ts): sha256() and sha256_agg() (sqlite-sha256.c), which verify hashes
 * with, the table-valued functions an import writes its batches through (sqlite-batch.c), a large
 * write's flushing thread (sqlite-flush.c), a book's lines as one text (sqlite-book.c), a
 * voucher's chain hash over its lines (sqlite-voucher-hash.c) and lines summed per account, member,
 * project and counterparty (sqlite-line-sums.c).
 */
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT1

int sanzi_register_sha256(sqlite3 *db);
int sanzi_register_batch(sqlite3 *db);
int sanzi_register_flush(sqlite3 *db);
int sanzi_register_book(sqlite3 *db);
int sanzi_register_voucher_hash(sqlite3 *db);
int sanzi_register_line_sums(sqlite3 *db);

/* What this build of the extension offers (src/store/native-sqlite.ts loads only the one it knows). */
#define SANZI_NATIVE_VERSION 10

static void version(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_int(ctx, SANZI_NATIVE_VERSION);
}

#ifdef _WIN32
__declspec(dllexport)
#else
__attribute__((visibility("default")))
#endif
int sqlite3_sanzisqlite_init(sqlite3 *db, char **err, const sqlite3_api_routines *api) {
  (void)err;
  SQLITE_EXTENSION_INIT2(api);
  int rc = sanzi_register_sha256(db);
  if (rc == SQLITE_OK) rc = sanzi_register_batch(db);
  if (rc == SQLITE_OK) rc = sanzi_register_flush(db);
  if (rc == SQLITE_OK) rc = sanzi_register_book(db);
  if (rc == SQLITE_OK) rc = sanzi_register_voucher_hash(db);
  if (rc == SQLITE_OK) rc = sanzi_register_line_sums(db);
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "sanzi_native_version", 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC, 0, version, 0, 0);
  return rc;
}
