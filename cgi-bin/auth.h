/*
 * pc-auth — sign-in, sign-out, password change, sign-up with an e-mailed code, the language
 * switch (auth.c), and a forgotten password reset by an e-mailed code (auth_forgot.c).
 */
#ifndef PC_AUTH_H
#define PC_AUTH_H
#include "web/app.h"

extern const pc_route_table auth_main_routes, auth_forgot_routes;

#endif
