/**
 * How long the reference emulator holds a ClientToken as "processing", embedded or standalone: long
 * enough for simultaneous same-token requests to overlap (so the IdempotentProcessing path shows),
 * short enough that creates holding their disks do not leave a run waiting. It is on a large run's
 * critical path (issue 20): every create with a ClientToken waits this long while holding its disks
 * alone, and about nine creates fit at once in the default world, so the creating families of
 * `--runs 1000` spend about 22 s waiting at 30 ms (9 s at 10 ms, by a model of the scheduler). 10 ms
 * was tried: on a loaded machine (load average 10-25) a same-token pair then missed the window a few
 * times a run (a preempted process wakes to the expired timer before it reads the second request), an
 * extra round changed the request count, and test/scale/shards.test.ts compares it between runs.
 */
export const IDEMPOTENT_PROCESSING_MS = 30;
