/* pcadm top-up: the operator credits a bank transfer received for a partner (9.4.2.1). */
#ifndef PC_FUNDS_CLI_H
#define PC_FUNDS_CLI_H

/* pcadm top-up PARTNER AMOUNT REFERENCE: AMOUNT USD onto the partner's top-up balance,
 * once per REFERENCE (the bank's reference: a repeated one changes nothing).  Exit code. */
int funds_top_up_cli(const char *partner, const char *amount, const char *reference);

#endif
