/*
 * machine_check — what the loaded config names, checked on this machine: the
 * directories and files of Paths.*, the API's secret-key file, the URLs, and
 * (when asked) a connection to the database.  pcadm check-config reports every
 * problem; the programs refuse to start on one and say why in their log.
 */
#ifndef PC_MACHINE_CHECK_H
#define PC_MACHINE_CHECK_H

/* Called once per problem with "FILE:LINE: key 'K' = 'V': why" (LINE 0: the default). */
typedef void (*pc_problem_fn)(void *arg, const char *problem);

/* Check everything but the database, and the database too when db is set; the number of
 * problems reported. */
int pc_machine_check(int db, pc_problem_fn report, void *arg);

/* At a program's start: every problem but the database's written to the log (the database may
 * come later: each request connects again and /healthz reports it).  The number of problems:
 * the program does not start when there is one, rather than answer 500 on every page. */
int pc_machine_check_at_start(void);

#endif
