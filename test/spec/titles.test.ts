import { describe, expect, it } from 'vitest';
import { applyProfile, loadSpec } from '../../lib/spec/load.js';

describe("rule titles carry the profile's numbers", () => {
  it('renders the limits a title names, per profile', () => {
    const published = loadSpec();
    const sdk = loadSpec({ profile: 'sdk-7.11' });
    const title = (rules: ReturnType<typeof applyProfile>, id: string) =>
      rules.find((r) => r.id === id)?.title;
    const doc = applyProfile(published.catalogue, published.profile);
    const model = applyProfile(sdk.catalogue, sdk.profile);
    expect(title(doc, 'disk-ids.max-count')).toBe('At most 16 disks in one group');
    expect(title(model, 'disk-ids.max-count')).toBe('At most 128 disks in one group');
    expect(title(doc, 'disk-ids.max-total-size')).toBe('The disks of one group total at most 32768 GiB');
    expect(title(doc, 'disk-ids.index-range')).toBe('DiskId.N index outside 1..16 is rejected');
    expect(title(doc, 'tag.max-count')).toBe('At most 20 tags');
    // No title is left naming a limit instead of its value.
    expect(doc.filter((rule) => /\bmax[A-Z]\w*/.test(rule.title)).map((rule) => rule.id)).toEqual([]);
  });
});
