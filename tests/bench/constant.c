/* The baseline of `make bench`: a FastCGI program that answers a constant page. */
#include <fcgiapp.h>

int main(void)
{
    FCGX_Request r;
    if (FCGX_Init() || FCGX_InitRequest(&r, 0, 0))
        return 1;
    while (FCGX_Accept_r(&r) >= 0) {
        FCGX_PutS("Status: 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n",
                  r.out);
        FCGX_Finish_r(&r);
    }
    return 0;
}
