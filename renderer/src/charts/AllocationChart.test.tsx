import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PrivacyContext } from '../app/privacy';
import { AllocationChart, allocationSlices, tipText } from './AllocationChart';

const A = 1_000_000_000n;

describe('allocationSlices', () => {
  it('orders by value, drops empty positions, folds the tail into Other, shares sum to 1', () => {
    const input = Array.from({ length: 10 }, (_, i) => ({ id: String(i), label: `SN${i}`, value: BigInt(i) * A }));
    const slices = allocationSlices(input);
    expect(slices.map((s) => s.id)).toEqual(['9', '8', '7', '6', '5', '4', '3', 'other']);
    expect(slices.at(-1)).toMatchObject({ label: 'Other (2)', value: 3n * A });
    expect(slices.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 5);
    expect(slices[0]!.share).toBeCloseTo(9 / 45, 6);
  });
});

describe('<AllocationChart>', () => {
  it('summarises for screen readers and hides holdings in privacy mode', () => {
    const slices = [
      { id: '5', label: 'SN5', value: 3n * A },
      { id: '0', label: 'SN0', value: A },
    ];
    const { unmount } = render(<AllocationChart slices={slices} />);
    expect(screen.getByTestId('chart-summary').textContent).toBe(
      'Allocation by subnet: SN5 τ3.0000 (75.0%), SN0 τ1.0000 (25.0%).',
    );
    unmount();
    render(
      <PrivacyContext.Provider value={true}>
        <AllocationChart slices={slices} />
      </PrivacyContext.Provider>,
    );
    expect(screen.getByTestId('chart-hidden')).toBeTruthy();
    expect(screen.getByTestId('chart-allocation').textContent).not.toMatch(/[0-9]/);
  });

  it('shows the values in fiat at the as-of day’s price when fiat is chosen, "no price" without one', () => {
    const slices = [
      { id: '5', label: 'SN5', value: 3n * A },
      { id: '0', label: 'SN0', value: A },
    ];
    const usd = { currency: 'fiat' as const, code: 'USD' };
    // 400 USD per τ (1e-8 units): 3 τ is 1,200 USD.
    const { unmount } = render(<AllocationChart slices={slices} shownIn={{ unit: usd, price: 400_00000000n }} />);
    expect(screen.getByTestId('chart-summary').textContent).toBe(
      'Allocation by subnet: SN5 1,200.00 USD (75.0%), SN0 400.00 USD (25.0%).',
    );
    expect(screen.getByTestId('allocation-5').textContent).toContain('1,200.00 USD');
    expect(screen.getByTestId('chart-allocation').textContent).not.toContain('τ');
    unmount();
    render(<AllocationChart slices={slices} shownIn={{ unit: usd, price: null }} />);
    expect(screen.getByTestId('allocation-5').textContent).toContain('no price');
  });

  it('writes each share with the app’s percentage formatter and precision: legend, summary and tooltip alike', () => {
    const slices = [
      { id: '5', label: 'SN5', value: 2n * A },
      { id: '0', label: 'SN0', value: A },
    ];
    render(<AllocationChart slices={slices} />);
    // 2/3: "66.7%" shown, the full ratio on hover as every other percentage (app/Amount.tsx Pct), not "66.6666%".
    const share = screen.getByTestId('allocation-5').querySelector('.muted .amount')!;
    expect(share.textContent).toBe('66.7%');
    expect(share.getAttribute('title')).toBe('66.666600%');
    expect(screen.getByTestId('chart-summary').textContent).toContain('SN5 τ2.0000 (66.7%)');
    const [first] = allocationSlices(slices);
    expect(tipText(first!, () => 'τ2.0000')).toBe('SN5: τ2.0000 · 66.7%');
  });
});
