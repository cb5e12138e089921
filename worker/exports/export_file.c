#include "exports/export_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

/* Rows per XLSX sheet: the format's limit; the data goes on in Sheet2, Sheet3, … */
#define XLSX_ROWS LXW_ROW_MAX
/* Rows from which a workbook may pass 4 GB uncompressed (64 columns of long text). */
#define ZIP64_ROWS 200000

struct export_file {
    int xlsx;
    size_t ncols;
    const char *const *labels;
    FILE *csv;
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *bold;
    lxw_row_t row; /* next row of the current sheet */
    char tmpdir[512];
};

/* RFC 4180: a field holding a comma, quote, CR or LF is quoted, quotes doubled. */
static void csv_cell(FILE *f, const char *s, int text)
{
    /* a text cell that a spreadsheet would take for a formula is kept as text (OWASP CSV injection)
     */
    int guard = text && s[0] && strchr("=+-@\t\r", s[0]);
    int quote = s[strcspn(s, ",\"\r\n")] != '\0';
    if (quote)
        fputc('"', f);
    if (guard)
        fputc('\'', f);
    if (!quote) {
        fputs(s, f);
        return;
    }
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void csv_row(export_file *f, const char *const *cells, const export_type *types)
{
    for (size_t i = 0; i < f->ncols; i++) {
        if (i)
            fputc(',', f->csv);
        csv_cell(f->csv, cells[i], !types || types[i] == EXPORT_TEXT);
    }
    fputs("\r\n", f->csv);
}

/* A new sheet with the header row. */
static int xlsx_sheet(export_file *f)
{
    f->ws = workbook_add_worksheet(f->wb, NULL);
    if (!f->ws)
        return -1;
    f->row = 1;
    for (size_t i = 0; i < f->ncols; i++)
        if (worksheet_write_string(f->ws, 0, (lxw_col_t)i, f->labels[i], f->bold) != LXW_NO_ERROR)
            return -1;
    return 0;
}

export_file *export_file_open(const char *format, const char *path, const char *const *labels,
                              size_t ncols, long long rows)
{
    export_file *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->ncols = ncols;
    f->labels = labels;
    f->xlsx = strcmp(format, "xlsx") == 0;
    if (!f->xlsx) {
        if (!(f->csv = fopen(path, "wb"))) {
            perror(path);
            free(f);
            return NULL;
        }
        setvbuf(f->csv, NULL, _IOFBF, 1 << 20);
        fputs("\xEF\xBB\xBF", f->csv); /* UTF-8 BOM */
        csv_row(f, labels, NULL);
        return f;
    }
    /* the rows wait in temporary files until the workbook is assembled: next to the
     * exports, not in a small /tmp */
    snprintf(f->tmpdir, sizeof f->tmpdir, "%s", path);
    char *slash = strrchr(f->tmpdir, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(f->tmpdir, sizeof f->tmpdir, ".");
    /* ZIP64 only where a part may pass 4 GB: some readers warn about it on small files */
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE,
                                .tmpdir = f->tmpdir,
                                .use_zip64 = rows > ZIP64_ROWS ? LXW_TRUE : LXW_FALSE};
    f->wb = workbook_new_opt(path, &opt);
    if (f->wb) {
        f->bold = workbook_add_format(f->wb);
        format_set_bold(f->bold);
    }
    if (!f->wb || xlsx_sheet(f)) {
        if (f->wb)
            workbook_close(f->wb);
        remove(path);
        free(f);
        return NULL;
    }
    return f;
}

static int xlsx_row(export_file *f, const char *const *cells, const export_type *types)
{
    if (f->row == XLSX_ROWS && xlsx_sheet(f))
        return -1;
    for (size_t i = 0; i < f->ncols; i++) {
        lxw_error e = LXW_NO_ERROR;
        if (!*cells[i])
            continue; /* an empty cell is no cell */
        if (types[i] == EXPORT_INT)
            e = worksheet_write_number(f->ws, f->row, (lxw_col_t)i, strtod(cells[i], NULL), NULL);
        else
            e = worksheet_write_string(f->ws, f->row, (lxw_col_t)i, cells[i], NULL);
        if (e != LXW_NO_ERROR)
            return -1;
    }
    f->row++;
    return 0;
}

int export_file_row(export_file *f, const char *const *cells, const export_type *types)
{
    if (f->xlsx)
        return xlsx_row(f, cells, types);
    csv_row(f, cells, types);
    return ferror(f->csv) ? -1 : 0;
}

int export_file_close(export_file *f)
{
    int rc;
    if (f->xlsx)
        rc = workbook_close(f->wb) == LXW_NO_ERROR ? 0 : -1;
    else
        rc = fclose(f->csv) == 0 ? 0 : -1;
    free(f);
    return rc;
}
