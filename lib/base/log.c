#include "base/log.h"

#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static FILE *out;
static char path_of_log[4096];
static volatile sig_atomic_t reopen_wanted;

static void on_hup(int sig)
{
    (void)sig;
    reopen_wanted = 1;
}

static FILE *log_file(void)
{
    if (reopen_wanted && path_of_log[0]) {
        reopen_wanted = 0;
        FILE *f = fopen(path_of_log, "a");
        if (f) {
            if (out && out != stderr)
                fclose(out);
            out = f;
        }
    }
    return out ? out : stderr;
}

int pc_log_open(const char *path)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_hup;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGHUP, &sa, NULL);
    snprintf(path_of_log, sizeof path_of_log, "%s", path ? path : "");
    if (!path_of_log[0])
        return 0;
    reopen_wanted = 1;
    log_file();
    return out ? 0 : -1;
}

void pc_log_escape(char *buf, size_t n, const char *text)
{
    size_t k = strlen(buf);
    for (const unsigned char *p = (const unsigned char *)text; *p && k + 5 < n; p++) {
        if (*p < 0x20 || *p == 0x7f || *p == '\\')
            k += (size_t)snprintf(buf + k, n - k, "\\x%02x", *p);
        else
            buf[k++] = (char)*p;
    }
    buf[k] = 0;
}

void pc_log(const char *level, const char *fmt, ...)
{
    char msg[2048], line[4096] = "";
    struct timeval tv;
    struct tm tm;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    gettimeofday(&tv, NULL);
    gmtime_r(&tv.tv_sec, &tm);
    size_t k = strftime(line, sizeof line, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(line + k, sizeof line - k, ".%03dZ %s ", (int)(tv.tv_usec / 1000), level);
    pc_log_escape(line, sizeof line, msg);
    FILE *f = log_file();
    fprintf(f, "%s\n", line);
    fflush(f);
}
