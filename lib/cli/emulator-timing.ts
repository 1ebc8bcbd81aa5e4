/**
 * How long the reference emulator holds a ClientToken as "processing", embedded or standalone: long
 * enough for simultaneous same-token requests to overlap (so the IdempotentProcessing path shows),
 * short enough that creates waiting it do not leave a run idle. Against the embedded emulator creates
 * share their disks (caseLocks), so the windows of up to `--concurrency` creates overlap. Before that
 * (issue 20) every create held its disks alone, about nine fit at once in the default world, and the
 * window was a third of a large run's wall time. 10 ms was tried then: on a loaded machine (load
 * average 10-25) a same-token pair missed the window a few times a run (a preempted process wakes to the
 * expired timer before it reads the second request), an extra round changed the request count, and
 * test/scale/shards.test.ts compares it between runs.
 */
export const IDEMPOTENT_PROCESSING_MS = 30;
