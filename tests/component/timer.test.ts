import { render } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Timer from '../../src/renderer/src/Timer.svelte';

describe('Timer', () => {
  it('draws its icon as inline SVG, not an emoji that needs an emoji font', () => {
    const { container } = render(Timer, { deadline: new Date(Date.now() + 125_000).toISOString(), onexpire: vi.fn() });
    expect(container.querySelector('svg[aria-hidden="true"]')).not.toBeNull();
    expect(container.textContent).not.toMatch(/\p{Extended_Pictographic}/u);
    expect(container.textContent).toMatch(/Time left:\s*2:0[45]/);
  });
});
