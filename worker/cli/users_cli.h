/* The admin's commands for users and keys: a new password for a user, the API key file rotated. */
#ifndef PC_USERS_CLI_H
#define PC_USERS_CLI_H

/* pcadm reset-password USERNAME: a random temporary password (printed once), to be changed at
 * the next sign-in; the user's sessions end; audited.  Exit code. */
int reset_password_cli(const char *username);

/* pcadm rotate-api-key-file: every stored API secret opened (with Api.secret_key_file or
 * Api.previous_secret_key_file) and sealed again with Api.secret_key_file, in one transaction.
 * Exit code. */
int rotate_api_key_file_cli(void);

#endif
