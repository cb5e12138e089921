/*
 * api_core — what the files of the API program's core share (api.c, api_auth.c,
 * api_input.c, api_output.c, api_idem.c); the operations see only api.h.
 */
#ifndef PC_API_CORE_H
#define PC_API_CORE_H
#include "api.h"
#include "access/apikey.h"

/* A CGI parameter of the request, "" when absent. */
const char *api_param(pc_api *a, const char *name);

/*
 * Verify the AK/SK signature of the request (§4.3) and find the key:
 * 0 with *k filled, or the 401 status (answered, audited).
 */
int api_authenticate(pc_api *a, pc_apikey *k);
/* Replay protection of a state-changing operation, after api_authenticate: 0 with the
 * signature held, or the 401 answered (audited). */
int api_replay_check(pc_api *a);
/* Release the signature that api_replay_check held: the request took no effect (its answer
 * was not 2xx), so the client may send it again. */
void api_replay_release(pc_api *a);

/* The per-process marker that wraps exact decimals inside JSON strings (see api_output.c). */
const char *api_marker(void);
void api_marker_init(void);
/*
 * Parse the body into a->json: an object, with every number that has a
 * fraction or an exponent kept as its exact text (wrapped in the marker).
 * 0, or 400 answered.
 */
int api_parse_body(pc_api *a);
/* JSON text of v with the wrapped decimals written as numbers (malloc'ed). */
char *api_dump(json_t *v);
/* The exact text of a wrapped decimal, or NULL when v is not one. */
const char *api_decimal_text(json_t *v);

/*
 * Idempotency (PC_API_IDEMPOTENT operations): with an Idempotency-Key header,
 * api_idem_begin returns 0 to run the operation (the key is then held),
 * 1 when it answered a replay (status and body into *status and *body),
 * or the status of an error it answered.  api_idem_end stores the answer.
 */
int api_idem_begin(pc_api *a, int *status, char **body);
void api_idem_end(pc_api *a, int status, const char *body);

#endif
