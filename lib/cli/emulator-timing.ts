/**
 * How long the reference emulator holds a ClientToken as "processing", embedded or standalone: long
 * enough for simultaneous same-token requests to overlap (so the IdempotentProcessing path shows),
 * short enough that creates holding their disks do not leave a run waiting. Every create with a
 * ClientToken waits this long, and creates hold their disks alone: with the default world's disks about
 * nine creates run at once, so the creating families of `--runs 10000` (some 48,000 creates) spent
 * over three minutes asleep at 30 ms (issue 20). Same-token requests sent at once reach the emulator
 * within a millisecond or two, even on a loaded machine (a missed overlap only costs another round).
 */
export const IDEMPOTENT_PROCESSING_MS = 10;
