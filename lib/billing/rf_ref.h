/*
 * rf_ref — ISO 11649 structured creditor references ("RF18 PCB 123"): the
 * reference a partner quotes on a bank transfer so that the bank statement
 * import finds the bill it pays (ch09 §9.4.2.1, issue 6).
 *
 * "RF", two check digits, then 1..21 letters or digits.  The check digits are
 * those of ISO 7064 mod 97-10 over the reference followed by "RF00", letters
 * counted A = 10 … Z = 35: 98 − (that number mod 97).
 */
#ifndef PC_RF_REF_H
#define PC_RF_REF_H
#include <stddef.h>
#include <stdint.h>

/* The reference of partner bill `bill_id`: "RF" + check + "PCB" + id, no spaces,
 * into out (at least 26 bytes).  Returns out. */
char *pc_rf_for_bill(int64_t bill_id, char *out, size_t n);

/* Build "RF" + check digits + body (1..21 of [A-Za-z0-9], upper-cased) into out
 * (at least 26 bytes).  Returns out, or NULL when body is not a valid reference body. */
char *pc_rf_make(const char *body, char *out, size_t n);

/* 1 when s (spaces allowed, any case) is a valid RF reference, else 0. */
int pc_rf_valid(const char *s);

/* Find the first valid RF reference in free text (a bank entry's remittance
 * information) and give the bill id when it is one of pc_rf_for_bill's.
 * Returns the bill id, or 0 when there is none. */
int64_t pc_rf_find_bill(const char *text);

#endif
