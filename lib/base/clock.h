/*
 * clock — the one clock and billing calendar.
 *
 * Instants are UTC, as time_t or as the text "YYYY-MM-DD HH:MM:SS" the
 * database stores.  Days, months and billing cycles are counted in the
 * billing time zone (Billing.timezone, a fixed offset: GMT+08:00 unless
 * configured, ch09 §0), never in the host's zone.  A billing cycle is a
 * calendar month there, written "YYYY-MM" and held as the integer YYYYMM
 * (202603).
 *
 * The current time is read here only: pc-worker's --now fixes it for the
 * whole run (pc_clock_set), so everything a job computes from "now" agrees.
 * Timers that measure elapsed time (kept copies, rate windows, request
 * durations) read the system clock themselves.
 *
 * Functions that write text take a buffer of the size shown and return it.
 */
#ifndef PC_CLOCK_H
#define PC_CLOCK_H
#include <time.h>

#include "base/arena.h"

/* Billing.timezone when the config leaves it out. */
#define PC_CLOCK_DEFAULT_ZONE "+08:00"

/* ---- now ---- */

/* The current instant: the one fixed by pc_clock_set, else the system clock. */
time_t pc_clock_now(void);
/* Fix the current instant at UTC "YYYY-MM-DD HH:MM:SS" (a real date from 1970, hours 00-23,
 * minutes and seconds 00-59) for the rest of the process; NULL lets the system clock run
 * again.  0, or -1 (nothing changed) when utc is not such a time. */
int pc_clock_set(const char *utc);
/* pc_clock_now() as UTC "YYYY-MM-DD HH:MM:SS". */
char *pc_clock_now_text(char out[20]);

/* ---- UTC instants as text ---- */

/* t as UTC "YYYY-MM-DD HH:MM:SS". */
char *pc_clock_text(time_t t, char out[20]);
/* UTC "YYYY-MM-DD HH:MM:SS" (exactly that: a real date, 00:00:00 to 23:59:59) into *t.
 * 0, or -1 with *t untouched. */
int pc_clock_parse(const char *utc, time_t *t);
/* The API's UTC "YYYY-MM-DDTHH:MM:SSZ" (a real time from 1970) into *t.  0, or -1. */
int pc_clock_parse_iso(const char *s, time_t *t);

/* ---- the billing time zone ---- */

/* "+HH:MM", "-HH:MM" (or one hour digit) into seconds east of UTC, at most 14:00 either
 * way.  0, or -1 when zone is not such an offset. */
int pc_clock_zone_parse(const char *zone, long *offset);
/* Count local days from now on in zone (conf.c calls this with Billing.timezone when the
 * config is loaded or set).  0, or -1 (nothing changed) on a bad zone. */
int pc_clock_set_zone(const char *zone);
/* The zone as "+HH:MM", for MariaDB's CONVERT_TZ(x, '+00:00', ?). */
const char *pc_clock_zone(void);
/* Seconds the zone is ahead of UTC (negative west of it). */
long pc_clock_zone_offset(void);

/* ---- local days ---- */

/* The local date "YYYY-MM-DD" of instant t. */
char *pc_clock_local_date(time_t t, char out[11]);
/* The local date of now. */
char *pc_clock_today(char out[11]);
/* The local date of UTC text; 0, or -1 (out "") when utc is not a time (pc_clock_parse). */
int pc_clock_local_date_of(const char *utc, char out[11]);
/* The local calendar fields of t (tm_year, tm_mon, tm_mday, tm_hour, …, tm_wday). */
struct tm *pc_clock_local_tm(time_t t, struct tm *tm);
/* Local "YYYY-MM-DD HH:MM:SS" into the instant *t.  0, or -1 as pc_clock_parse. */
int pc_clock_parse_local(const char *local, time_t *t);
/* Local "YYYY-MM-DD HH:MM:SS" as the UTC text of the same instant; a copy of `local` when
 * it is not such a time. */
char *pc_clock_utc_of_local(const char *local, char out[20]);
/* The UTC instant at which local day `day` ("YYYY-MM-DD") plus add_days begins; a copy of
 * `day` (cut to 19 bytes) when it is not a date. */
char *pc_clock_day_start(const char *day, int add_days, char out[20]);
/* The last second (23:59:59 local) of day `day` as UTC text; a copy of day when it is not a
 * date. */
char *pc_clock_day_end(const char *day, char out[20]);

/* ---- dates "YYYY-MM-DD" ---- */

/* Days in month m (1-12) of year y; 0 for another m. */
int pc_clock_days_in_month(int y, int m);
/* A date typed by a user: exactly "YYYY-MM-DD", a real day of the years 1970-9999, into
 * *ymd as YYYYMMDD.  0, or -1 with *ymd untouched. */
int pc_clock_date_parse(const char *s, int *ymd);
/* day ("YYYY-MM-DD", any real date) plus n days (n may be negative); a copy of day (cut
 * to 10 bytes) when it is not a date. */
char *pc_clock_date_add(const char *day, int n, char out[11]);
/* day plus n months, the day of month kept within the month reached (Jan 31 + 1 month is
 * Feb 28 or 29); a copy of day when it is not a date. */
char *pc_clock_date_add_months(const char *day, int n, char out[11]);
/* Days from date `from` to date `to` (negative when to is earlier); 0 when either is not
 * a date. */
long pc_clock_days_between(const char *from, const char *to);

/* ---- billing cycles (YYYYMM) ---- */

/* The cycle of instant t, and of now. */
int pc_clock_cycle_of(time_t t);
int pc_clock_cycle_now(void);
/* The cycle of UTC text `utc` (pc_clock_parse); 0 when it is not a time. */
int pc_clock_cycle_at(const char *utc);
/* The cycle of local date `day` ("YYYY-MM-DD"); 0 when it is not a date. */
int pc_clock_cycle_of_date(const char *day);
/* cycle plus n months (n may be negative): 202612 + 1 = 202701. */
int pc_clock_cycle_add(int cycle, int n);
/* Months from cycle `from` to cycle `to`: 202511 → 202602 is 3. */
int pc_clock_cycle_months(int from, int to);
/* A cycle typed by a user: exactly "YYYY-MM", a month of the years 1970-9999, into
 * *cycle.  0, or -1 with *cycle untouched. */
int pc_clock_cycle_parse(const char *s, int *cycle);
/* The cycle as "YYYY-MM" (its digits as they are: 0 gives "0000-00"). */
char *pc_clock_cycle_format(int cycle, char out[8]);
/* The same in arena memory. */
const char *pc_clock_cycle_text(pc_arena *a, int cycle);
/* Days in the cycle (28-31; 0 when its month is not 1-12). */
int pc_clock_cycle_days(int cycle);
/* The first and the last local day of the cycle, "YYYY-MM-DD" (for a month outside 1-12 its
 * digits as they are, the last day "00"). */
char *pc_clock_cycle_first_day(int cycle, char out[11]);
char *pc_clock_cycle_last_day(int cycle, char out[11]);
/* The first and the last instant (its last second, 23:59:59 local on the last day) of the
 * cycle, whose month is 1-12, as UTC text.  The cycle is [start(c), start(c + 1)). */
char *pc_clock_cycle_start(int cycle, char out[20]);
char *pc_clock_cycle_end(int cycle, char out[20]);

/* SQL: an integer YYYYMM column as "YYYY-MM" (a string literal for statement tables). */
#define PC_CLOCK_CYCLE_SQL(col) "CONCAT(" col " DIV 100, '-', LPAD(" col " MOD 100, 2, '0'))"

#endif
