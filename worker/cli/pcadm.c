/*
 * pcadm — the admin command line.
 *   pcadm migrate              apply new sql/NNN_*.sql files (re-runnable)
 *   pcadm version              the release of this build
 *   pcadm check-config         load the config, print every key, check the paths, key file,
 *                              URLs and the database connection; exit 1 on a problem
 *   pcadm create-operator USERNAME EMAIL NAME   (password read from standard input)
 *   pcadm reset-password USERNAME   a temporary password, changed at the next sign-in
 *   pcadm rotate-api-key-file  seal every API secret again with Api.secret_key_file (after
 *                              moving the old file to Api.previous_secret_key_file)
 *   pcadm demo-data [--scale large]   the demo world with its fixed logins (never in production);
 *                              large adds 1,000 partners and 100,000 customers for benchmarks
 *   pcadm import-usage FILE [--skip-bad]       usage records (README "Usage import format")
 *   pcadm import-bandwidth FILE [--skip-bad]   95th-percentile bandwidth samples
 *   pcadm verify-ledger        check every ledger invariant and that every billed record is
 *                              on a bill (or queued for the next), exit 1 on a problem
 *   pcadm verify-bill PARTNER YYYY-MM   recompute a bill and compare (0 equal, 1 different)
 *   pcadm top-up PARTNER AMOUNT REFERENCE   credit a bank transfer to a partner's top-up balance
 *   pcadm import-camt FILE     import a camt.053 bank statement (credits with a bill's RF reference
 * paid) pcadm refresh              after editing the database by hand: processes drop what they
 * kept Options: -c CONFIG (default $PC_CONF, else conf/partner-center.hdf).
 */
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "access/machine_check.h"
#include "base/conf.h"
#include "base/db.h"
#include "base/generation.h"
#include "base/version.h"
#include "demo/demo.h"
#include "cli/camt_import.h"
#include "cli/funds_cli.h"
#include "cli/users_cli.h"
#include "bills/bill_complete.h"
#include "bills/bill_verify.h"
#include "billing/ledger.h"
#include "access/session.h"
#include "usage/usage_import.h"
#include "base/valid.h"

enum stmt {
    ST_VERSION_TABLE,
    ST_VERSION_APPLIED,
    ST_VERSION_INSERT,
    ST_LOCK,
    ST_UNLOCK,
    ST_OPERATOR_INSERT,
    ST__MAX
};
static const char *const sql[ST__MAX] = {
    [ST_VERSION_TABLE] = "CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, "
                         "name VARCHAR(200) NOT NULL, applied_at DATETIME NOT NULL)",
    [ST_VERSION_APPLIED] = "SELECT COUNT(*) FROM schema_version WHERE version = ?",
    [ST_VERSION_INSERT] =
        "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, UTC_TIMESTAMP())",
    [ST_LOCK] = "SELECT GET_LOCK('pc_migrate', 60)",
    [ST_UNLOCK] = "SELECT RELEASE_LOCK('pc_migrate')",
    [ST_OPERATOR_INSERT] =
        "INSERT INTO users (kind, username, name, email, password_hash, must_change_password) "
        "VALUES ('operator', ?, ?, ?, ?, 0)",
};
PC_SQL_TABLE(pcadm_sql, sql);

typedef struct script {
    char *text;
    size_t len;
} script;

static int read_file(const char *path, script *s)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    s->text = malloc((size_t)n + 1);
    s->len = fread(s->text, 1, (size_t)n, f);
    s->text[s->len] = '\0';
    fclose(f);
    return s->len == (size_t)n ? 0 : -1;
}

/* Run a migration file (our own, from the sql/ directory) statement by statement. */
static int run_script(const char *path)
{
    script s;
    MYSQL *m = pc_db_handle();
    if (read_file(path, &s)) {
        fprintf(stderr, "pcadm: cannot read %s\n", path);
        return -1;
    }
    int rc = mysql_real_query(m, s.text, s.len);
    while (rc == 0) {
        MYSQL_RES *r = mysql_store_result(m);
        if (r)
            mysql_free_result(r);
        int next = mysql_next_result(m);
        if (next == -1)
            break;
        rc = next;
    }
    free(s.text);
    pc_gen_bump(); /* the script ran outside lib/db's statements: what processes kept is stale */
    if (rc) {
        fprintf(stderr, "pcadm: %s: %s\n", path, mysql_error(m));
        return -1;
    }
    return 0;
}

static int is_migration(const char *name)
{
    size_t n = strlen(name);
    return n > 8 && strspn(name, "0123456789") == 3 && name[3] == '_' &&
           strcmp(name + n - 4, ".sql") == 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int migrate(void)
{
    struct dirent **list;
    const char *dir = pc_conf_str("Paths.sql");
    int n = scandir(dir, &list, NULL, by_name), applied = 0, rc = 0;
    if (n < 0) {
        fprintf(stderr, "pcadm: cannot read %s\n", dir);
        return 1;
    }
    if (pc_db_int(&pcadm_sql, ST_LOCK, PC_NOBINDS, 0) != 1 ||
        pc_db_exec(&pcadm_sql, ST_VERSION_TABLE, PC_NOBINDS, NULL) < 0) {
        fprintf(stderr, "pcadm: %s\n", pc_db_error());
        rc = 1;
    }
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        if (rc == 0 && is_migration(name)) {
            int version = atoi(name);
            if (pc_db_int(&pcadm_sql, ST_VERSION_APPLIED, PC_BINDS(PC_I64(version)), 0) == 0) {
                char path[1024];
                snprintf(path, sizeof path, "%s/%s", dir, name);
                if (run_script(path) ||
                    pc_db_exec(&pcadm_sql, ST_VERSION_INSERT,
                               PC_BINDS(PC_I64(version), PC_STR(name)), NULL) != 1)
                    rc = 1;
                else
                    applied++, printf("applied %s\n", name);
            }
        }
        free(list[i]);
    }
    free(list);
    pc_db_int(&pcadm_sql, ST_UNLOCK, PC_NOBINDS, 0);
    if (rc == 0)
        printf("schema up to date (%d applied)\n", applied);
    return rc;
}

static int create_operator(const char *username, const char *email, const char *name)
{
    char pw[256] = "", hash[256];
    pc_field f = {0};
    pc_value v;
    if (!fgets(pw, sizeof pw, stdin)) {
        fprintf(stderr, "pcadm: give the password on standard input\n");
        return 1;
    }
    pw[strcspn(pw, "\r\n")] = '\0';
    if (pc_valid_username(&f, username, &v) || pc_valid_email(&f, email, &v) || !*name) {
        fprintf(stderr, "pcadm: bad username (3-32 of a-z 0-9 . _ -), e-mail or name\n");
        return 1;
    }
    if (pc_valid_password(&f, pw, &v)) {
        fprintf(
            stderr,
            "pcadm: the password needs 8-64 characters with letters and digits and no spaces\n");
        return 1;
    }
    if (pc_password_hash(pw, hash, sizeof hash) ||
        pc_db_exec(&pcadm_sql, ST_OPERATOR_INSERT,
                   PC_BINDS(PC_STR(username), PC_STR(name), PC_STR(email), PC_STR(hash)),
                   NULL) != 1) {
        fprintf(stderr, "pcadm: cannot create %s: %s\n", username, pc_db_error());
        return 1;
    }
    printf("operator %s created\n", username);
    return 0;
}

/* Every ledger invariant; the problems on standard output, exit 1 when any. */
static int verify_ledger(void)
{
    static char report[65536];
    int64_t entries = 0, accounts = 0;
    static char missing[16384];
    int problems = pc_ledger_verify(report, sizeof report, &entries, &accounts);
    int left_off = problems < 0 ? -1 : bill_complete_check(missing, sizeof missing);
    if (left_off < 0) {
        fprintf(stderr, "pcadm: %s\n", pc_db_error());
        return 1;
    }
    fputs(report, stdout);
    fputs(missing, stdout);
    printf("ledger: %" PRId64 " entries, %" PRId64 " accounts, %d problem%s\n", entries, accounts,
           problems, problems == 1 ? "" : "s");
    printf("bills: %d billed record%s on no bill\n", left_off, left_off == 1 ? "" : "s");
    return problems || left_off ? 1 : 0;
}

/* Whether this user may write Paths.generation (or create it), without creating it: a file
 * made by another user (root) would stop the programs (lib/base/db.c refuses to connect). */
static void print_problem(void *arg, const char *problem)
{
    (void)arg;
    fprintf(stderr, "%s\n", problem);
}

/* check-config: every key with its value, then what the machine says about them (file:line
 * messages on stderr); 1 when there is a problem. */
static int check_config(void)
{
    pc_conf_dump();
    int n = pc_machine_check(1, print_problem, NULL);
    if (n)
        fprintf(stderr, "%d problem%s in %s\n", n, n == 1 ? "" : "s", pc_conf_path());
    return n ? 1 : 0;
}

static int usage(void)
{
    fprintf(stderr,
            "usage: pcadm [-c CONFIG] version | migrate | check-config | create-operator USERNAME "
            "EMAIL NAME | "
            "demo-data [--scale large] | import-usage FILE [--skip-bad] | import-bandwidth FILE "
            "[--skip-bad] | "
            "verify-ledger | verify-bill PARTNER YYYY-MM | top-up PARTNER AMOUNT REFERENCE | "
            "import-camt FILE | reset-password USERNAME | rotate-api-key-file | refresh\n");
    return 2;
}

int main(int argc, char **argv)
{
    char err[1024];
    const char *conf = NULL;
    int i = 1;
    if (argc > 2 && strcmp(argv[1], "-c") == 0)
        conf = argv[2], i = 3;
    if (i >= argc)
        return usage();
    const char *cmd = argv[i];
    if (strcmp(cmd, "version") == 0 && argc - i == 1) { /* no config needed */
        printf("Partner Center %s\n", pc_version());
        return 0;
    }
    if (pc_conf_load(conf, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    if (strcmp(cmd, "check-config") == 0)
        return check_config();
    if (strcmp(cmd, "refresh") == 0 && argc - i == 1) {
        pc_gen_bump(); /* generation.h: every kept session, key and list is read again */
        /* no file configured: nothing is kept; a file that cannot be opened: an error */
        return *pc_conf_str("Paths.generation") && pc_gen_now() == 0 ? 1 : 0;
    }
    if (pc_db_connect())
        return 1;
    if (strcmp(cmd, "migrate") == 0)
        return migrate();
    if (strcmp(cmd, "demo-data") == 0 && argc - i == 1)
        return pc_demo_data() ? 1 : 0;
    if (strcmp(cmd, "demo-data") == 0 && argc - i == 3 && strcmp(argv[i + 1], "--scale") == 0 &&
        strcmp(argv[i + 2], "large") == 0)
        return pc_demo_data() || pc_demo_large() ? 1 : 0;
    if (strcmp(cmd, "verify-ledger") == 0 && argc - i == 1)
        return verify_ledger();
    if (strcmp(cmd, "verify-bill") == 0 && argc - i == 3)
        return bill_verify(argv[i + 1], argv[i + 2]);
    if (strcmp(cmd, "create-operator") == 0 && argc - i == 4)
        return create_operator(argv[i + 1], argv[i + 2], argv[i + 3]);
    if ((strcmp(cmd, "import-usage") == 0 || strcmp(cmd, "import-bandwidth") == 0) &&
        (argc - i == 2 || (argc - i == 3 && strcmp(argv[i + 2], "--skip-bad") == 0)))
        return usage_import_cli(cmd[7] == 'u' ? IMPORT_USAGE : IMPORT_BANDWIDTH, argv[i + 1],
                                argc - i == 3);
    if (strcmp(cmd, "top-up") == 0 && argc - i == 4)
        return funds_top_up_cli(argv[i + 1], argv[i + 2], argv[i + 3]);
    if (strcmp(cmd, "import-camt") == 0 && argc - i == 2)
        return camt_import_cli(argv[i + 1]);
    if (strcmp(cmd, "reset-password") == 0 && argc - i == 2)
        return reset_password_cli(argv[i + 1]);
    if (strcmp(cmd, "rotate-api-key-file") == 0 && argc - i == 1)
        return rotate_api_key_file_cli();
    return usage();
}
