/*
 * payment_provider — the card payment provider, which is outside this
 * product (issue 6): an interface the Pay page and the due-date settler
 * call, and the one provider written here, "test" (conf Payment.provider),
 * which approves every charge except amounts whose cents are
 * Payment.test_decline_cents (default .13), cards whose number ends in
 * 0002 and the security code 000 ("card declined"), as test cards of real
 * providers do.
 */
#ifndef PC_PAYMENT_PROVIDER_H
#define PC_PAYMENT_PROVIDER_H
#include <stddef.h>
#include <stdint.h>

typedef struct pc_card_provider {
    const char *name;
    /* Charge `amount` (10^-8 of `currency`) to card `card_id` of the partner for payment
     * `idem_key` (the provider's own idempotency key).  1 approved; 0 declined with the
     * reason (a language key) in reason; -1 when the provider cannot be reached. */
    int (*charge)(int64_t card_id, const char *currency, int64_t amount, const char *idem_key,
                  char *reason, size_t n);
    /* Check a new card (the authorization charge of 9.4.2.2).  1 accepted, 0 refused. */
    int (*verify)(const char *number, const char *expiry, char *reason, size_t n);
    /* Check card `card_id` again with a new expiry and security code (an edit's test charge
     * of 9.4.2.2; the provider holds the number).  1 accepted, 0 refused. */
    int (*reverify)(int64_t card_id, const char *expiry, const char *security_code, char *reason,
                    size_t n);
} pc_card_provider;

/* The provider named by Payment.provider; NULL when unknown (pcadm check-config says so). */
const pc_card_provider *pc_card_provider_get(void);

#endif
