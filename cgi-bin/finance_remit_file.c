/*
 * The attachment of a remittance claim (ch09 §9.4.2.3): one file under
 * 10 MB of the allowed types, its type known from its name and confirmed by
 * its first bytes; a ZIP may only hold files of those types (its central
 * directory read with minizip from a private temporary copy).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <minizip/unzip.h>

#include "finance_remit.h"

static const char *const allowed[] = {"jpg", "jpeg", "png", "zip", "docx",
                                      "msg", "xlsx", "pdf", NULL};
/* what a claim's ZIP may hold: the same, but no archive */
static const char *const zip_members[] = {"jpg", "jpeg", "png", "docx", "msg", "xlsx", "pdf", NULL};

/* The extension of name among `list`, lower case, or NULL. */
static const char *extension_in(const char *name, const char *const *list)
{
    const char *dot = strrchr(name, '.');
    if (!dot || strchr(dot, '/'))
        return NULL;
    for (const char *const *a = list; *a; a++)
        if (strcasecmp(dot + 1, *a) == 0)
            return *a;
    return NULL;
}

/* The allowed extension of name (a claim's types), lower case, or NULL. */
static const char *extension(const char *name)
{
    return extension_in(name, allowed);
}

/* Do the first bytes fit the type? */
static int magic_ok(const char *type, const unsigned char *d, size_t len)
{
    if (!strcmp(type, "jpg") || !strcmp(type, "jpeg"))
        return len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF;
    if (!strcmp(type, "png"))
        return len >= 8 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8);
    if (!strcmp(type, "pdf"))
        return len >= 5 && !memcmp(d, "%PDF-", 5);
    if (!strcmp(type, "gif"))
        return len >= 4 && !memcmp(d, "GIF8", 4);
    if (!strcmp(type, "msg")) /* an OLE2 compound file */
        return len >= 8 && !memcmp(d, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    return len >= 4 && !memcmp(d, "PK\x03\x04", 4); /* zip, docx, xlsx */
}

/* Unpack the current member: 0 when its first bytes are of its type; 1 when not (or it is
 * encrypted); 2 when *total passes REMIT_MAX_UNZIPPED; -1 when unreadable. */
static int member_check(unzFile z, const unz_file_info *info, const char *type, size_t *total)
{
    static char buf[64 * 1024];
    if (info->flag & 1u) /* encrypted: its content cannot be checked */
        return 1;
    if (unzOpenCurrentFile(z) != UNZ_OK)
        return -1;
    int rc = 0, n, first = 1;
    while (rc == 0 && (n = unzReadCurrentFile(z, buf, sizeof buf)) > 0) {
        if (first && !magic_ok(type, (const unsigned char *)buf, (size_t)n))
            rc = 1;
        first = 0;
        *total += (size_t)n;
        if (*total > REMIT_MAX_UNZIPPED)
            rc = 2;
    }
    if (rc == 0 && (n < 0 || first)) /* a read error; or an empty file, which is no document */
        rc = n < 0 ? -1 : 1;
    unzCloseCurrentFile(z);
    return rc;
}

int remit_zip_only(const char *data, size_t len, const char *const *types)
{
    char path[] = "/tmp/pc-claim-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    int rc = write(fd, data, len) == (ssize_t)len ? 0 : -1;
    close(fd);
    unzFile z = rc ? NULL : unzOpen(path);
    if (!z)
        rc = -1;
    else {
        int more = unzGoToFirstFile(z), n = 0;
        size_t total = 0;
        for (; more == UNZ_OK && rc == 0; more = unzGoToNextFile(z)) {
            char name[512];
            unz_file_info info;
            const char *type;
            if (unzGetCurrentFileInfo(z, &info, name, sizeof name, NULL, 0, NULL, 0) != UNZ_OK)
                rc = -1;
            else if (!name[0] || name[strlen(name) - 1] == '/')
                continue; /* a directory */
            else if (!(type = extension_in(name, types)) || !strcmp(type, "zip"))
                rc = 1;
            else
                rc = member_check(z, &info, type, &total);
            if (++n > 1000)
                rc = -1;
        }
        if (rc == 0 && more != UNZ_END_OF_LIST_OF_FILE)
            rc = -1;
        unzClose(z);
    }
    unlink(path);
    return rc;
}

const char *remit_attachment_check(const char *name, const char *data, size_t len,
                                   const char **type)
{
    if (!name || !*name || !len)
        return "remit.err.file_missing";
    if (len >= REMIT_MAX_FILE)
        return "remit.err.file_large";
    const char *t = extension(name);
    if (!t || !magic_ok(t, (const unsigned char *)data, len))
        return "remit.err.file_type";
    if (!strcmp(t, "zip")) {
        int rc = remit_zip_only(data, len, zip_members);
        if (rc)
            return rc == 2  ? "remit.err.zip_large"
                   : rc > 0 ? "remit.err.zip_member"
                            : "remit.err.file_type";
    }
    *type = t;
    return NULL;
}
