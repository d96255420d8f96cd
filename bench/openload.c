/*
 * openload: an open-model HTTP/1.1 load generator. Requests are sent at a fixed arrival rate, whatever the
 * answers' latency (wrk keeps a fixed number of requests in flight instead, a closed model, which hides
 * queueing under overload). Written here because Debian ships no open-model generator for HTTP/1.1 (wrk2
 * is not packaged); it is small on purpose: pre-built requests, keep-alive connections, epoll, one thread.
 *
 * Build: gcc -O2 -o openload bench/openload.c -lm
 * Usage: openload HOST PORT REQUESTS_FILE PHASE... [-c MAX_CONNECTIONS] [-t TIMEOUT_S]
 *   PHASE = RATE:SECONDS (requests per second for that many seconds), e.g. 6000:30 1500:10
 *   REQUESTS_FILE: records "<length>\n<raw request bytes>", each sent once, in order (bench/presign.py)
 * Prints, per second: sent, answered by status class, p50/p99/max latency; then totals per phase.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

typedef struct { char *data; int len; } request_t;
typedef struct {
    int fd, busy, connected;
    const request_t *req; int sent;
    double started;
    char buf[16384]; int have;
} conn_t;

static request_t *requests; static int nrequests;
static conn_t *conns; static int nconns, maxconns = 4096;
static conn_t **idle; static int nidle;  /* connections with no request outstanding */
static struct sockaddr_in addr;
static int ep;
static double timeout_s = 10;

typedef struct { long sent, s2xx, s4xx, s503, s5xx, timeouts, errors, dropped; double *lat; long nlat, cap; } stats_t;

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

static void record(stats_t *s, double latency) {
    if (s->nlat == s->cap) { s->cap = s->cap ? s->cap * 2 : 4096; s->lat = realloc(s->lat, s->cap * sizeof(double)); }
    s->lat[s->nlat++] = latency;
}

static int cmp(const void *a, const void *b) { double x = *(double *)a, y = *(double *)b; return x < y ? -1 : x > y; }

static void summary(const char *label, stats_t *s, double seconds) {
    qsort(s->lat, s->nlat, sizeof(double), cmp);
    double p50 = s->nlat ? s->lat[(long)(s->nlat * 0.50)] : 0, p99 = s->nlat ? s->lat[(long)(s->nlat * 0.99)] : 0;
    double max = s->nlat ? s->lat[s->nlat - 1] : 0;
    printf("%-8s sent %7ld  2xx %7ld (%7.1f/s)  503 %6ld  other4xx %5ld  5xx %4ld  timeouts %4ld  errors %4ld  dropped %4ld"
           "  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms\n", label, s->sent, s->s2xx, s->s2xx / seconds, s->s503, s->s4xx,
           s->s5xx, s->timeouts, s->errors, s->dropped, p50 * 1000, p99 * 1000, max * 1000);
    fflush(stdout);
}

static void load(const char *file) {
    FILE *f = fopen(file, "rb");
    if (!f) { perror(file); exit(2); }
    int cap = 1 << 16, len;
    requests = malloc(cap * sizeof(request_t));
    while (fscanf(f, "%d", &len) == 1) {
        fgetc(f);
        if (nrequests == cap) { cap *= 2; requests = realloc(requests, cap * sizeof(request_t)); }
        requests[nrequests].data = malloc(len);
        requests[nrequests].len = len;
        if (fread(requests[nrequests].data, 1, len, f) != (size_t)len) break;
        nrequests++;
    }
    fclose(f);
}

static conn_t *open_conn(void) {
    if (nconns == maxconns) return NULL;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0 && errno != EINPROGRESS) { close(fd); return NULL; }
    conn_t *c = &conns[nconns++];
    memset(c, 0, sizeof *c);
    c->fd = fd;
    struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLET, .data.ptr = c };
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    return c;
}

static void reset_conn(conn_t *c) {
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    connect(fd, (struct sockaddr *)&addr, sizeof addr);
    int was_busy = c->busy;
    c->fd = fd; c->busy = 0; c->connected = 0; c->have = 0; c->req = NULL;
    struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLET, .data.ptr = c };
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    if (was_busy) idle[nidle++] = c;
}

static void try_send(conn_t *c) {
    if (!c->connected || !c->req) return;
    while (c->sent < c->req->len) {
        ssize_t n = write(c->fd, c->req->data + c->sent, c->req->len - c->sent);
        if (n <= 0) return;
        c->sent += n;
    }
}

/* Returns the status when a whole response is in the buffer (and consumes it), 0 when more is needed. */
static int parse(conn_t *c) {
    c->buf[c->have < (int)sizeof c->buf ? c->have : (int)sizeof c->buf - 1] = 0;
    char *end = strstr(c->buf, "\r\n\r\n");
    if (!end) return 0;
    int status = atoi(c->buf + 9), length = 0;
    char *cl = strcasestr(c->buf, "\ncontent-length:");
    if (cl && cl < end) length = atoi(cl + 16);
    int total = (int)(end - c->buf) + 4 + length;
    if (c->have < total) return 0;
    memmove(c->buf, c->buf + total, c->have - total);
    c->have -= total;
    return status;
}

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: %s HOST PORT REQUESTS_FILE RATE:SECONDS... [-c N] [-t S]\n", argv[0]); return 2; }
    int nphases = 0; double rates[16], secs[16];
    for (int i = 4; i < argc; i++) {
        if (!strcmp(argv[i], "-c") && i + 1 < argc) { maxconns = atoi(argv[++i]); continue; }
        if (!strcmp(argv[i], "-t") && i + 1 < argc) { timeout_s = atof(argv[++i]); continue; }
        if (sscanf(argv[i], "%lf:%lf", &rates[nphases], &secs[nphases]) == 2 && nphases < 16) nphases++;
    }
    load(argv[3]);
    addr.sin_family = AF_INET; addr.sin_port = htons(atoi(argv[2])); inet_pton(AF_INET, argv[1], &addr.sin_addr);
    conns = calloc(maxconns, sizeof(conn_t));
    idle = calloc(maxconns, sizeof(conn_t *));
    ep = epoll_create1(0);
    long next = 0;
    double t0 = now(), phase_start = t0, second_start = t0;
    stats_t total[16] = {0}, second = {0};
    int phase = 0; long phase_sent = 0;
    struct epoll_event events[512];
    printf("%d requests loaded; phases:", nrequests);
    for (int i = 0; i < nphases; i++) printf(" %.0f/s x %.0fs", rates[i], secs[i]);
    printf("\n");
    while (phase < nphases) {
        double t = now();
        if (t - phase_start >= secs[phase]) {
            /* A phase ends; its answers still in flight count in the next one. */
            phase_start += secs[phase]; phase++; phase_sent = 0;
            if (phase == nphases) break;
        }
        long due = (long)((t - phase_start) * rates[phase]);
        while (phase_sent < due) {
            phase_sent++;
            if (next >= nrequests) { total[phase].dropped++; second.dropped++; continue; }
            conn_t *c = nidle ? idle[--nidle] : open_conn();
            if (!c) { total[phase].dropped++; second.dropped++; continue; }
            c->busy = 1; c->req = &requests[next++]; c->sent = 0; c->started = t;
            total[phase].sent++; second.sent++;
            try_send(c);
        }
        int n = epoll_wait(ep, events, 512, 1);
        for (int i = 0; i < n; i++) {
            conn_t *c = events[i].data.ptr;
            if (events[i].events & (EPOLLERR | EPOLLHUP)) {
                if (c->busy && c->req) { total[phase].errors++; second.errors++; }
                reset_conn(c);
                continue;
            }
            if (events[i].events & EPOLLOUT) { c->connected = 1; try_send(c); }
            if (events[i].events & EPOLLIN) {
                for (;;) {
                    ssize_t r = read(c->fd, c->buf + c->have, sizeof c->buf - 1 - c->have);
                    if (r > 0) { c->have += r; continue; }
                    if (r == 0) { if (c->busy && c->req) { total[phase].errors++; second.errors++; } reset_conn(c); }
                    break;
                }
                int status;
                while (c->busy && (status = parse(c)) > 0) {
                    double latency = now() - c->started;
                    stats_t *ss[2] = { &total[phase], &second };
                    for (int k = 0; k < 2; k++) {
                        if (status < 300) ss[k]->s2xx++;
                        else if (status == 503) ss[k]->s503++;
                        else if (status < 500) ss[k]->s4xx++;
                        else ss[k]->s5xx++;
                        record(ss[k], latency);
                    }
                    c->busy = 0; c->req = NULL;
                    idle[nidle++] = c;
                }
            }
        }
        t = now();
        for (int i = 0; i < nconns; i++) {
            if (conns[i].busy && t - conns[i].started > timeout_s) {
                total[phase].timeouts++; second.timeouts++;
                reset_conn(&conns[i]);
            }
        }
        if (t - second_start >= 1.0) {
            char label[16];
            snprintf(label, sizeof label, "t=%3.0fs", t - t0);
            summary(label, &second, t - second_start);
            free(second.lat);
            memset(&second, 0, sizeof second);
            second_start = t;
        }
    }
    for (int i = 0; i < nphases; i++) {
        char label[16];
        snprintf(label, sizeof label, "phase%d", i + 1);
        summary(label, &total[i], secs[i]);
    }
    printf("connections used: %d\n", nconns);
    return 0;
}
