/* The one clock and billing calendar (see clock.h).  Pure arithmetic on the proleptic
 * Gregorian calendar: no timegm, no host time zone, no locale. */
#include "base/clock.h"

#include <string.h>

static int fixed;        /* pc_clock_set gave the current instant */
static time_t fixed_now; /* that instant */
static char zone[7] = PC_CLOCK_DEFAULT_ZONE;
static long zone_offset = 8 * 3600;

/* ---- days since 1970-01-01 (H. Hinnant's days_from_civil / civil_from_days) ---- */

static int leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int pc_clock_days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    return days[m - 1] + (m == 2 && leap(y));
}

static long day_number(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* floor(a / b) for b > 0 */
static long floor_div(long a, long b)
{
    return a / b - (a % b < 0);
}

/* ---- digits ---- */

/* The n digits at s as a number, or -1 when one is not a digit. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* v as exactly n digits (its last n) at p; the end. */
static char *put(char *p, long v, int n)
{
    if (v < 0)
        v = -v;
    for (int i = n - 1; i >= 0; i--, v /= 10)
        p[i] = (char)('0' + v % 10);
    return p + n;
}

/* "YYYY-MM-DD" at s (what follows is not looked at) into a day number; -1 when it is not a
 * real date. */
static int read_date(const char *s, long *day)
{
    if (strnlen(s, 10) < 10 || s[4] != '-' || s[7] != '-')
        return -1;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > pc_clock_days_in_month(y, m))
        return -1;
    *day = day_number(y, m, d);
    return 0;
}

static char *write_date(long day, char out[11])
{
    int y, m, d;
    civil(day, &y, &m, &d);
    char *p = put(out, y, 4);
    *p++ = '-';
    p = put(p, m, 2);
    *p++ = '-';
    p = put(p, d, 2);
    *p = '\0';
    return out;
}

/* Exactly "YYYY-MM-DD HH:MM:SS" into seconds since the epoch of its own clock. */
static int read_time(const char *s, time_t *t)
{
    long day;
    if (read_date(s, &day) || s[10] != ' ' || strnlen(s + 11, 9) != 8 || s[13] != ':' ||
        s[16] != ':')
        return -1;
    int h = digits(s + 11, 2), mi = digits(s + 14, 2), sec = digits(s + 17, 2);
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59)
        return -1;
    *t = (time_t)day * 86400 + h * 3600 + mi * 60 + sec;
    return 0;
}

static char *write_time(time_t t, char out[20])
{
    long day = floor_div((long)t, 86400), s = (long)t - day * 86400;
    write_date(day, out);
    char *p = out + 10;
    *p++ = ' ';
    p = put(p, s / 3600, 2);
    *p++ = ':';
    p = put(p, s / 60 % 60, 2);
    *p++ = ':';
    p = put(p, s % 60, 2);
    *p = '\0';
    return out;
}

static char *copy(const char *s, char *out, size_t n)
{
    size_t len = strnlen(s, n - 1);
    memcpy(out, s, len);
    out[len] = '\0';
    return out;
}

/* ---- now ---- */

time_t pc_clock_now(void)
{
    return fixed ? fixed_now : time(NULL);
}

int pc_clock_set(const char *utc)
{
    time_t t;
    if (!utc) {
        fixed = 0;
        return 0;
    }
    if (pc_clock_parse(utc, &t) || t < 0)
        return -1;
    fixed_now = t;
    fixed = 1;
    return 0;
}

char *pc_clock_now_text(char out[20])
{
    return write_time(pc_clock_now(), out);
}

/* ---- UTC text ---- */

char *pc_clock_text(time_t t, char out[20])
{
    return write_time(t, out);
}

int pc_clock_parse(const char *utc, time_t *t)
{
    return utc && strnlen(utc, 20) == 19 ? read_time(utc, t) : -1;
}

int pc_clock_parse_iso(const char *s, time_t *t)
{
    char utc[20];
    time_t at;
    if (!s || strnlen(s, 21) != 20 || s[10] != 'T' || s[19] != 'Z')
        return -1;
    memcpy(utc, s, 19);
    utc[10] = ' ';
    utc[19] = '\0';
    if (read_time(utc, &at) || at < 0)
        return -1;
    *t = at;
    return 0;
}

/* ---- the billing time zone ---- */

int pc_clock_zone_parse(const char *z, long *offset)
{
    if (!z || (z[0] != '+' && z[0] != '-'))
        return -1;
    size_t hl = strcspn(z + 1, ":");
    if ((hl != 1 && hl != 2) || z[1 + hl] != ':' || strlen(z + 2 + hl) != 2)
        return -1;
    int h = digits(z + 1, (int)hl), m = digits(z + 2 + hl, 2);
    if (h < 0 || m < 0 || m > 59 || h * 60 + m > 14 * 60)
        return -1;
    *offset = (z[0] == '-' ? -1L : 1L) * (h * 3600L + m * 60L);
    return 0;
}

int pc_clock_set_zone(const char *z)
{
    long o;
    if (pc_clock_zone_parse(z, &o))
        return -1;
    zone[0] = o < 0 ? '-' : '+';
    put(zone + 1, (o < 0 ? -o : o) / 3600, 2);
    zone[3] = ':';
    put(zone + 4, (o < 0 ? -o : o) / 60 % 60, 2);
    zone[6] = '\0';
    zone_offset = o;
    return 0;
}

const char *pc_clock_zone(void)
{
    return zone;
}

long pc_clock_zone_offset(void)
{
    return zone_offset;
}

/* ---- local days ---- */

static long local_day(time_t t)
{
    return floor_div((long)t + zone_offset, 86400);
}

char *pc_clock_local_date(time_t t, char out[11])
{
    return write_date(local_day(t), out);
}

char *pc_clock_today(char out[11])
{
    return pc_clock_local_date(pc_clock_now(), out);
}

int pc_clock_local_date_of(const char *utc, char out[11])
{
    time_t t;
    out[0] = '\0';
    if (pc_clock_parse(utc, &t))
        return -1;
    pc_clock_local_date(t, out);
    return 0;
}

struct tm *pc_clock_local_tm(time_t t, struct tm *tm)
{
    time_t local = t + zone_offset;
    return gmtime_r(&local, tm);
}

int pc_clock_parse_local(const char *local, time_t *t)
{
    time_t l;
    if (pc_clock_parse(local, &l))
        return -1;
    *t = l - zone_offset;
    return 0;
}

char *pc_clock_utc_of_local(const char *local, char out[20])
{
    time_t t;
    return pc_clock_parse_local(local, &t) ? copy(local, out, 20) : write_time(t, out);
}

char *pc_clock_day_start(const char *day, int add_days, char out[20])
{
    long d;
    if (strnlen(day, 11) != 10 || read_date(day, &d))
        return copy(day, out, 20);
    return write_time((time_t)(d + add_days) * 86400 - zone_offset, out);
}

char *pc_clock_day_end(const char *day, char out[20])
{
    long d;
    if (strnlen(day, 11) != 10 || read_date(day, &d))
        return copy(day, out, 20);
    return write_time((time_t)(d + 1) * 86400 - zone_offset - 1, out);
}

/* ---- dates ---- */

int pc_clock_date_parse(const char *s, int *ymd)
{
    long d;
    if (strnlen(s, 11) != 10 || read_date(s, &d))
        return -1;
    int y = digits(s, 4);
    if (y < 1970)
        return -1;
    *ymd = y * 10000 + digits(s + 5, 2) * 100 + digits(s + 8, 2);
    return 0;
}

char *pc_clock_date_add(const char *day, int n, char out[11])
{
    long d;
    if (strnlen(day, 11) != 10 || read_date(day, &d))
        return copy(day, out, 11);
    return write_date(d + n, out);
}

char *pc_clock_date_add_months(const char *day, int n, char out[11])
{
    long d;
    if (strnlen(day, 11) != 10 || read_date(day, &d))
        return copy(day, out, 11);
    int cycle = pc_clock_cycle_add(digits(day, 4) * 100 + digits(day + 5, 2), n);
    int y = cycle / 100, m = cycle % 100, dd = digits(day + 8, 2);
    int last = pc_clock_days_in_month(y, m);
    return write_date(day_number(y, m, dd > last ? last : dd), out);
}

long pc_clock_days_between(const char *from, const char *to)
{
    long a, b;
    if (strnlen(from, 11) != 10 || strnlen(to, 11) != 10 || read_date(from, &a) ||
        read_date(to, &b))
        return 0;
    return b - a;
}

/* ---- billing cycles ---- */

int pc_clock_cycle_of(time_t t)
{
    int y, m, d;
    civil(local_day(t), &y, &m, &d);
    return y * 100 + m;
}

int pc_clock_cycle_now(void)
{
    return pc_clock_cycle_of(pc_clock_now());
}

int pc_clock_cycle_at(const char *utc)
{
    time_t t;
    return pc_clock_parse(utc, &t) ? 0 : pc_clock_cycle_of(t);
}

int pc_clock_cycle_of_date(const char *day)
{
    long d;
    return strnlen(day, 11) != 10 || read_date(day, &d) ? 0
                                                        : digits(day, 4) * 100 + digits(day + 5, 2);
}

int pc_clock_cycle_add(int cycle, int n)
{
    long months = (long)(cycle / 100) * 12 + cycle % 100 - 1 + n;
    long y = floor_div(months, 12);
    return (int)(y * 100 + (months - y * 12) + 1);
}

int pc_clock_cycle_months(int from, int to)
{
    return (to / 100 * 12 + to % 100) - (from / 100 * 12 + from % 100);
}

int pc_clock_cycle_parse(const char *s, int *cycle)
{
    if (!s || strnlen(s, 8) != 7 || s[4] != '-')
        return -1;
    int y = digits(s, 4), m = digits(s + 5, 2);
    if (y < 1970 || m < 1 || m > 12)
        return -1;
    *cycle = y * 100 + m;
    return 0;
}

char *pc_clock_cycle_format(int cycle, char out[8])
{
    char *p = put(out, cycle / 100, 4);
    *p++ = '-';
    p = put(p, cycle % 100, 2);
    *p = '\0';
    return out;
}

const char *pc_clock_cycle_text(pc_arena *a, int cycle)
{
    char buf[8];
    return pc_arena_strdup(a, pc_clock_cycle_format(cycle, buf));
}

int pc_clock_cycle_days(int cycle)
{
    return pc_clock_days_in_month(cycle / 100, cycle % 100);
}

/* "YYYY-MM-DD" of day d of the cycle, its digits as they are. */
static char *cycle_day(int cycle, int d, char out[11])
{
    char *p = pc_clock_cycle_format(cycle, out) + 7;
    *p++ = '-';
    put(p, d, 2)[0] = '\0';
    return out;
}

char *pc_clock_cycle_first_day(int cycle, char out[11])
{
    return cycle_day(cycle, 1, out);
}

char *pc_clock_cycle_last_day(int cycle, char out[11])
{
    return cycle_day(cycle, pc_clock_cycle_days(cycle), out);
}

/* The instant local midnight of the cycle's first day. */
static time_t cycle_start(int cycle)
{
    return (time_t)day_number(cycle / 100, cycle % 100, 1) * 86400 - zone_offset;
}

char *pc_clock_cycle_start(int cycle, char out[20])
{
    return write_time(cycle_start(cycle), out);
}

char *pc_clock_cycle_end(int cycle, char out[20])
{
    return write_time(cycle_start(pc_clock_cycle_add(cycle, 1)) - 1, out);
}
