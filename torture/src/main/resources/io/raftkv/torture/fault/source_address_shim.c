/*
 * LD_PRELOAD shim that gives a process's outgoing loopback connections a chosen source address.
 *
 * Every raftkv node under test listens on an address of its own (127.0.1.N), and firewall rules cut links by source
 * and destination address. Ratis (gRPC over Netty) cannot choose the local address of the connections it opens, so
 * Linux would send them all from 127.0.0.1 and no rule could tell the nodes apart. This shim wraps connect(): when the
 * environment variable TORTURE_SOURCE_ADDRESS holds an IPv4 address, a TCP or UDP socket that is about to connect to
 * 127.0.0.0/8 (plainly, or as an IPv4-mapped IPv6 address on a dual-stack socket, as Java uses) and is not bound yet is
 * first bound to that address with port 0, so the kernel still picks the port.
 *
 * Everything else is passed through untouched, and errno is the one of the real connect(). When the bind itself
 * fails, connect() fails with the bind's errno and a line on stderr: a connection from the wrong address would make
 * every partition silently ineffective, which is worse than a loud error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

typedef int (*connect_function)(int, const struct sockaddr *, socklen_t);

static const char SOURCE_ADDRESS_VARIABLE[] = "TORTURE_SOURCE_ADDRESS";
/* The first octet of every IPv4 loopback address. */
static const unsigned int LOOPBACK_FIRST_OCTET = 127;

static int is_loopback_ipv4(const struct in_addr *address) {
    return (ntohl(address->s_addr) >> 24) == LOOPBACK_FIRST_OCTET;
}

/* True for 127.0.0.0/8 as a plain IPv4 address or as an IPv4-mapped IPv6 address (::ffff:127.x.y.z). */
static int is_loopback_destination(const struct sockaddr *destination, socklen_t length) {
    if (destination == NULL) {
        return 0;
    }
    if (destination->sa_family == AF_INET && length >= (socklen_t) sizeof(struct sockaddr_in)) {
        return is_loopback_ipv4(&((const struct sockaddr_in *) destination)->sin_addr);
    }
    if (destination->sa_family == AF_INET6 && length >= (socklen_t) sizeof(struct sockaddr_in6)) {
        const struct in6_addr *address = &((const struct sockaddr_in6 *) destination)->sin6_addr;
        if (!IN6_IS_ADDR_V4MAPPED(address)) {
            return 0;
        }
        struct in_addr mapped;
        memcpy(&mapped, &address->s6_addr[12], sizeof(mapped));
        return is_loopback_ipv4(&mapped);
    }
    return 0;
}

/* A socket without a local port has not been bound, explicitly or by an earlier connect(). */
static int is_unbound(int socket_descriptor) {
    struct sockaddr_storage local;
    socklen_t length = sizeof(local);
    memset(&local, 0, sizeof(local));
    if (getsockname(socket_descriptor, (struct sockaddr *) &local, &length) != 0) {
        return 0;
    }
    if (local.ss_family == AF_INET) {
        return ((struct sockaddr_in *) &local)->sin_port == 0;
    }
    if (local.ss_family == AF_INET6) {
        return ((struct sockaddr_in6 *) &local)->sin6_port == 0;
    }
    return 0;
}

/* Binds to the source address in the socket's own family; returns 0, or -1 with errno set by bind(). */
static int bind_source(int socket_descriptor, sa_family_t family, const struct in_addr *source) {
    if (family == AF_INET) {
        struct sockaddr_in local;
        memset(&local, 0, sizeof(local));
        local.sin_family = AF_INET;
        local.sin_addr = *source;
        return bind(socket_descriptor, (struct sockaddr *) &local, sizeof(local));
    }
    struct sockaddr_in6 local;
    memset(&local, 0, sizeof(local));
    local.sin6_family = AF_INET6;
    local.sin6_addr.s6_addr[10] = 0xff;
    local.sin6_addr.s6_addr[11] = 0xff;
    memcpy(&local.sin6_addr.s6_addr[12], source, sizeof(*source));
    return bind(socket_descriptor, (struct sockaddr *) &local, sizeof(local));
}

int connect(int socket_descriptor, const struct sockaddr *destination, socklen_t length) {
    static connect_function real_connect = NULL;
    if (real_connect == NULL) {
        real_connect = (connect_function) dlsym(RTLD_NEXT, "connect");
        if (real_connect == NULL) {
            errno = ENOSYS;
            return -1;
        }
    }
    const char *source_text = getenv(SOURCE_ADDRESS_VARIABLE);
    struct in_addr source;
    if (source_text != NULL && inet_pton(AF_INET, source_text, &source) == 1
            && is_loopback_destination(destination, length)) {
        int saved_errno = errno;
        if (is_unbound(socket_descriptor)) {
            if (bind_source(socket_descriptor, destination->sa_family, &source) != 0) {
                int bind_errno = errno;
                fprintf(stderr, "source_address_shim: bind to %s before connect failed: %s\n", source_text,
                        strerror(bind_errno));
                errno = bind_errno;
                return -1;
            }
        }
        errno = saved_errno;
    }
    return real_connect(socket_descriptor, destination, length);
}
