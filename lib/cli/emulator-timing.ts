/**
 * How long the reference emulator holds a ClientToken as "processing", embedded or standalone: long
 * enough for simultaneous same-token requests to overlap (so the IdempotentProcessing path shows),
 * short enough that creates holding their disks do not leave a run waiting.
 */
export const IDEMPOTENT_PROCESSING_MS = 30;
