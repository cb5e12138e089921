/*
 * What the files of the API program's core (api_core.h) share and the accept
 * loop (api.c) also uses; it calls none of them.
 */
#include "api_core.h"

const char *api_param(pc_api *a, const char *name)
{
    const char *v = FCGX_GetParam(name, a->fcgi->envp);
    return v ? v : "";
}
