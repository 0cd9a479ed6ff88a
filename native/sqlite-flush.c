/*
 * sanzi_flush_start(fd, …) and sanzi_flush_stop(): a thread that asks the system, again and again,
 * to write to disk what has been written to the given open files (fdatasync), while a large write
 * goes on in the thread that called them.
 *
 * SQLite in WAL mode syncs at the checkpoint that ends a large write: the -wal file before it copies
 * the pages into the ledger, the ledger after. With nothing written to disk before (Linux keeps
 * gigabytes of written pages in memory before it starts on them by itself), each sync waits for
 * the whole of what was written, some 140 MB for a million-line import: a few tenths of a second in
 * which nothing else is done. Flushed alongside, most of it is on disk by then and the syncs SQLite
 * makes, which are what makes the write durable, find little left. Nothing is written by this
 * thread and nothing read: it only hurries along what SQLite wrote.
 *
 * The files are opened by the caller (src/store/flush-beside.ts), which keeps them open as long as
 * any connection to the ledger may be. One flushing thread at a time in a process, owned by the
 * connection that started it: only that one stops it, and it is stopped when that connection is
 * closed. Linux only (elsewhere sanzi_flush_start starts nothing).
 *
 *   sanzi_flush_start(interval_ms, fd, …)  1: started; 0: one is running already; NULL: no thread
 *   sanzi_flush_stop()                     the number of rounds made (after the thread has ended);
 *                                          NULL when this connection's was not running
 */
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3

#ifdef __linux__
#include <errno.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#define MAX_FDS 4

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake;
static pthread_t thread;
/* The connection whose thread runs (NULL: none runs). */
static sqlite3 *owner;
static int stopping;
static int fds[MAX_FDS];
static int nfds;
static long interval_ms;
static sqlite3_int64 rounds;

static void *flush_loop(void *arg) {
  (void)arg;
  pthread_mutex_lock(&mu);
  while (!stopping) {
    pthread_mutex_unlock(&mu);
    for (int i = 0; i < nfds; i++) (void)fdatasync(fds[i]);
    pthread_mutex_lock(&mu);
    rounds++;
    if (stopping) break;
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_nsec += interval_ms * 1000000L;
    until.tv_sec += until.tv_nsec / 1000000000L;
    until.tv_nsec %= 1000000000L;
    while (!stopping && pthread_cond_timedwait(&wake, &mu, &until) != ETIMEDOUT) {
    }
  }
  pthread_mutex_unlock(&mu);
  return 0;
}

/* Ends the thread of `db` (the caller holds mu; released and taken again around the join): its rounds, or -1 when `db` has none running. */
static sqlite3_int64 end_thread_of(sqlite3 *db) {
  if (owner == 0 || owner != db || stopping) return -1;
  stopping = 1;
  pthread_cond_signal(&wake);
  pthread_mutex_unlock(&mu);
  pthread_join(thread, 0);
  pthread_mutex_lock(&mu);
  pthread_cond_destroy(&wake);
  owner = 0;
  stopping = 0;
  return rounds;
}

static void flush_start(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  if (argc < 2 || argc > MAX_FDS + 1) {
    sqlite3_result_error(ctx, "sanzi_flush_start: an interval and one to four files", -1);
    return;
  }
  for (int i = 0; i < argc; i++) {
    /* An interval of 1 to 1000 ms (its nanoseconds fit a 32-bit long); a descriptor up to a million. */
    if (sqlite3_value_type(argv[i]) != SQLITE_INTEGER || sqlite3_value_int64(argv[i]) < (i == 0 ? 1 : 0) || sqlite3_value_int64(argv[i]) > (i == 0 ? 1000 : 1000000)) {
      sqlite3_result_error(ctx, "sanzi_flush_start: whole numbers expected", -1);
      return;
    }
  }
  pthread_mutex_lock(&mu);
  if (owner != 0) {
    pthread_mutex_unlock(&mu);
    sqlite3_result_int(ctx, 0);
    return;
  }
  interval_ms = (long)sqlite3_value_int64(argv[0]);
  nfds = argc - 1;
  for (int i = 0; i < nfds; i++) fds[i] = (int)sqlite3_value_int64(argv[i + 1]);
  stopping = 0;
  rounds = 0;
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&wake, &attr);
  pthread_condattr_destroy(&attr);
  if (pthread_create(&thread, 0, flush_loop, 0) != 0) {
    pthread_cond_destroy(&wake);
    pthread_mutex_unlock(&mu);
    sqlite3_result_null(ctx);
    return;
  }
  owner = sqlite3_context_db_handle(ctx);
  pthread_mutex_unlock(&mu);
  sqlite3_result_int(ctx, 1);
}

static void flush_stop(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  pthread_mutex_lock(&mu);
  sqlite3_int64 n = end_thread_of(sqlite3_context_db_handle(ctx));
  pthread_mutex_unlock(&mu);
  if (n < 0) sqlite3_result_null(ctx);
  else sqlite3_result_int64(ctx, n);
}

/* The connection is closed (its functions are destroyed): its thread, if one runs, is ended. */
static void connection_closed(void *db) {
  pthread_mutex_lock(&mu);
  (void)end_thread_of((sqlite3 *)db);
  pthread_mutex_unlock(&mu);
}

int sanzi_register_flush(sqlite3 *db) {
  /* Called from sanzi's own statements only: never from a view or trigger a ledger file could hold. */
  int flags = SQLITE_UTF8 | SQLITE_DIRECTONLY;
  int rc = sqlite3_create_function(db, "sanzi_flush_start", -1, flags, 0, flush_start, 0, 0);
  if (rc == SQLITE_OK) rc = sqlite3_create_function_v2(db, "sanzi_flush_stop", 0, flags, db, flush_stop, 0, 0, connection_closed);
  return rc;
}

#else

static void start_nothing(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_null(ctx);
}

int sanzi_register_flush(sqlite3 *db) {
  int flags = SQLITE_UTF8 | SQLITE_DIRECTONLY;
  int rc = sqlite3_create_function(db, "sanzi_flush_start", -1, flags, 0, start_nothing, 0, 0);
  if (rc == SQLITE_OK) rc = sqlite3_create_function(db, "sanzi_flush_stop", 0, flags, 0, start_nothing, 0, 0);
  return rc;
}

#endif
