// Tabu links of the Lin-Kernighan engine: a link is tabu both ways until its expiry, a few slots
// per city keep the newest links, and the memory is O(n).
import { describe, expect, it } from 'vitest';
import {
  LINK_SLOTS,
  createLinkTabu,
  isTabuLink,
  makeTabuLink,
} from '../../src/algorithms/tabu-search/link-tabu.js';

describe('link tabu memory', () => {
  it('holds a link both ways until its expiry, and nothing else', () => {
    const memory = createLinkTabu(10);
    expect(memory.length).toBe(10 * LINK_SLOTS * 2);
    makeTabuLink(memory, 3, 7, 12);
    expect(isTabuLink(memory, 3, 7, 5)).toBe(true);
    expect(isTabuLink(memory, 7, 3, 12)).toBe(true);
    expect(isTabuLink(memory, 7, 3, 13)).toBe(false);
    expect(isTabuLink(memory, 3, 8, 5)).toBe(false);
    expect(isTabuLink(memory, 0, 1, 0)).toBe(false);
  });

  it('renews a link in its own slot and gives the oldest slot to a new link', () => {
    const memory = createLinkTabu(20);
    for (let partner = 1; partner <= LINK_SLOTS; partner++)
      makeTabuLink(memory, 0, partner, 100 + partner);
    makeTabuLink(memory, 0, 2, 200);
    expect(isTabuLink(memory, 0, 2, 150)).toBe(true);
    // City 0 is full: the link expiring first (0-1) makes room.
    makeTabuLink(memory, 0, 9, 300);
    expect(isTabuLink(memory, 0, 9, 250)).toBe(true);
    expect(isTabuLink(memory, 0, 1, 50)).toBe(false);
    for (let partner = 2; partner <= LINK_SLOTS; partner++)
      expect(isTabuLink(memory, 0, partner, 100)).toBe(true);
  });
});
