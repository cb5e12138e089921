/* The demo world of `pcadm demo-data`: fixed logins, all with password Demo#2026. */
#ifndef PC_DEMO_H
#define PC_DEMO_H

/* Create the demo partners, users and roles once; a second run changes nothing.  0 or -1. */
int pc_demo_data(void);

#endif
