/*
 * mail — an outbox table filled in the transaction of the change that sends
 * the mail; the worker delivers it over SMTP (libcurl) with retries.
 */
#ifndef PC_MAIL_H
#define PC_MAIL_H
#include <stddef.h>
#include <stdint.h>

/* Queue one plain-text UTF-8 message, due now (pc_clock_now: a job's --now).  0 or -1. */
int pc_mail_queue(const char *to, const char *subject, const char *body);

/*
 * Build the RFC 5322 message (headers, UTF-8 subject encoded per RFC 2047,
 * body with CRLF line ends and leading dots doubled by libcurl) into a
 * malloc'd string.  Header injection through CR/LF in to or subject is
 * refused (NULL).
 */
char *pc_mail_format(const char *from, const char *to, const char *subject, const char *body,
                     const char *date, const char *message_id);

/* Send one message through Mail.smtp_url.  0, or -1 with the reason in err. */
int pc_mail_send(const char *to, const char *subject, const char *body, char *err, size_t errlen);

#endif
