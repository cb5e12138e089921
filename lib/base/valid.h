/*
 * valid — typed field validators.  A program declares one field table per
 * form; pc_valid_form() checks every field once and gives handlers typed
 * values, or a language key per bad field that the page shows next to it.
 */
#ifndef PC_VALID_H
#define PC_VALID_H
#include <stddef.h>
#include <stdint.h>

#include "base/req.h"

typedef struct pc_value {
    const char *s; /* trimmed text ("" when absent) */
    int64_t i;     /* int, id, money (10^-8 units), date as YYYYMMDD, month as YYYYMM */
    int present;   /* the field was given and not empty */
} pc_value;

struct pc_field;
/* A validator returns NULL when `in` is acceptable (filling *out) or a language key. */
typedef const char *(*pc_validator)(const struct pc_field *f, const char *in, pc_value *out);

typedef struct pc_field {
    const char *name;
    pc_validator check;
    int64_t min, max;           /* length for text, value for numbers */
    unsigned flags;             /* PC_FIELD_* */
    const char *const *choices; /* NULL-terminated, for pc_valid_enum */
} pc_field;

#define PC_FIELD_REQUIRED 1u

const char *pc_valid_text(const pc_field *f, const char *in, pc_value *out);
const char *pc_valid_int(const pc_field *f, const char *in, pc_value *out);
const char *pc_valid_id(const pc_field *f, const char *in, pc_value *out);
const char *pc_valid_money(const pc_field *f, const char *in, pc_value *out);
const char *pc_valid_date(const pc_field *f, const char *in, pc_value *out);
const char *pc_valid_month(const pc_field *f, const char *in, pc_value *out);
const char *pc_valid_email(const pc_field *f, const char *in, pc_value *out);
const char *pc_valid_phone(const pc_field *f, const char *in, pc_value *out);
const char *pc_valid_enum(const pc_field *f, const char *in, pc_value *out);
const char *pc_valid_username(const pc_field *f, const char *in, pc_value *out);
/* Password policy of guide §1.1/§4.1: 8..64 characters, letters and digits, no spaces. */
const char *pc_valid_password(const pc_field *f, const char *in, pc_value *out);

/*
 * The values of a repeated id field (the checkboxes of a batch form) into
 * out[0..max).  Returns their number, or -1 when there is none, more than
 * max, or one that is not a positive integer.
 */
int pc_valid_ids(const pc_params *in, const char *name, int64_t *out, int max);

/*
 * Validate every field of `fields` against `in`.  values[i] and errors[i]
 * (NULL or a language key) belong to fields[i].  A missing optional field is
 * valid and has present = 0.  Returns the number of bad fields.
 */
int pc_valid_form(pc_arena *a, const pc_field *fields, size_t n, const pc_params *in,
                  pc_value *values, const char **errors);

#endif
