#!/usr/bin/env python3
"""Sieve's CPU by owner, from a perf profile taken as bench/README.md ("Profiling Sieve under load") describes.

    perf script -i perf.data -F comm,tid,ip,sym,dso > samples.txt
    python3 bench/profile/perf_breakdown.py samples.txt

Each sample is charged to one owner: by thread for GC, JIT and the JVM's own threads; a kernel sample by the system
call it is in (futex, epoll, socket send or receive); any sample with a dlp-engine frame (or Hyperscan) to the engine;
otherwise to the innermost frame that names a part of the request path (TLS, audit, metrics, HTTP codec, the
inspection pool, Sieve's own handlers, Netty). JIT-compiled frames carry inlined callees' time, so a share is that of
the compiled method that holds it. Prints shares of all samples by thread group, by owner, and both.
"""
import collections
import re
import sys


def samples(path):
    comm, frames = None, []
    with open(path, errors="replace") as f:
        for line in f:
            if not line.strip():
                if comm is not None:
                    yield comm, frames
                comm, frames = None, []
            elif not line[0].isspace():
                comm, frames = line.split()[0], []
            else:
                parts = line.strip().split(" ", 1)
                frames.append(parts[1] if len(parts) > 1 else "")
    if comm is not None:
        yield comm, frames


def thread_group(comm):
    for prefix, group in (("sieve-io", "event loops"), ("sieve-inspect", "inspection pool"),
                          ("sieve-audit", "audit writer"), ("sieve-behav", "behaviour detector"),
                          ("GC", "GC"), ("G1", "GC")):
        if comm.startswith(prefix):
            return group
    return "JIT" if "Compiler" in comm else "other JVM threads"


KERNEL = [  # (owner, pattern over the whole stack) for samples in the kernel
    ("kernel: futex (thread wake/park)", r"futex"),
    ("kernel: epoll", r"epoll_wait|epoll_pwait|epoll_ctl"),
    ("kernel: socket send (incl. loopback delivery), file and eventfd writes",
     r"sys_write|sys_sendto|sys_sendmsg|sys_writev|tcp_sendmsg"),
    ("kernel: socket receive", r"sys_read|sys_recvfrom|sys_recvmsg|tcp_recvmsg"),
    ("kernel: page faults", r"page_fault|exc_page"),
]
USER = [  # (owner, pattern over one frame), tried from the innermost frame outwards
    ("TLS (OpenSSL via netty-tcnative, SslHandler)", r"tcnative|OpenSsl|SslHandler|libcrypto|libssl|SSLEngine"),
    ("audit (records, path masking, JSON, HMAC chain)",
     r"dev\.sieve\.proxy\.audit|HmacCore|com\.sun\.crypto|sun\.security\.provider\.SHA|DigestBase"),
    ("metrics", r"micrometer|SieveMetrics|prometheus"),
    ("HTTP codec", r"io\.netty\.handler\.codec\.http|HttpObjectDecoder|HttpObjectEncoder|HttpHeaders|DefaultHeaders"),
    ("inspection hand-off (pool queue, park/unpark)",
     r"InspectionPool|LinkedBlockingQueue|ThreadPoolExecutor|LockSupport|AbstractQueuedSynchronizer|Unsafe_(Un)?[Pp]ark"),
    ("proxy request path (handler, inspect, upstream, behaviour)", r"dev\.sieve\.proxy"),
    ("Netty pipeline, transport, buffers", r"io\.netty"),
]


def owner(comm, frames):
    group = thread_group(comm)
    if group in ("GC", "JIT", "other JVM threads"):
        return group
    stack = "\n".join(frames)
    if frames and "[kernel.kallsyms]" in frames[0]:
        for name, pattern in KERNEL:
            if re.search(pattern, stack):
                return name
        return "kernel: other (interrupts, preemption, scheduling)"
    if re.search(r"dev\.sieve\.dlp|jnihyperscan|libhs", stack):
        if "dev.sieve.dlp.conversation" in stack:
            return "engine: conversation reader (called by ConversationTracker)"
        return "engine: scan of URL, headers and body"
    for frame in frames:
        for name, pattern in USER:
            if re.search(pattern, frame):
                return name
    return "other (JVM stubs, libc, vdso)"


def main(path):
    total = 0
    by_owner, by_group, both = collections.Counter(), collections.Counter(), collections.Counter()
    for comm, frames in samples(path):
        total += 1
        o, g = owner(comm, frames), thread_group(comm)
        by_owner[o] += 1
        by_group[g] += 1
        both[(g, o)] += 1
    print(f"{total} samples")
    for title, counter in (("thread group", by_group), ("owner", by_owner)):
        print(f"\nby {title}")
        for key, n in counter.most_common():
            print(f"{100 * n / total:6.1f}%  {key}")
    print("\nby thread group and owner (0.3 % or more)")
    for (g, o), n in both.most_common():
        if 100 * n / total >= 0.3:
            print(f"{100 * n / total:6.1f}%  {g:20s} {o}")


if __name__ == "__main__":
    main(sys.argv[1])
