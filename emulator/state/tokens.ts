/** ClientToken idempotency records, per account. */
export type TokenEntry =
  | { state: 'processing'; fingerprint: string }
  | { state: 'done'; fingerprint: string; groupId: string };

export class TokenStore {
  private readonly entries = new Map<string, TokenEntry>();

  private static key(accountId: string, token: string): string {
    return `${accountId}\u0000${token}`;
  }

  get size(): number {
    return this.entries.size;
  }

  get(accountId: string, token: string): TokenEntry | undefined {
    return this.entries.get(TokenStore.key(accountId, token));
  }

  set(accountId: string, token: string, entry: TokenEntry): void {
    this.entries.set(TokenStore.key(accountId, token), entry);
  }

  delete(accountId: string, token: string): void {
    this.entries.delete(TokenStore.key(accountId, token));
  }
}
