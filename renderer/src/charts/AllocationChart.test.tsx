import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PrivacyContext } from '../app/privacy';
import type { PortfolioView } from '../../../shared/views';
import { TAO_UNIT } from '../app/Money';
import { PortfolioAllocation } from '../portfolio/PortfolioCharts';
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

describe('a validator fund in the chart', () => {
  const subnets = Array.from({ length: 7 }, (_, i) => ({ id: String(i + 1), label: `SN${i + 1}`, value: 20n * A }));
  it('is named as a fund where it is folded into Other', () => {
    const tail = [
      { id: '9', label: 'SN9', value: 2n * A },
      { id: 'fund-h', label: 'Validator fund h', value: A, fund: true },
    ];
    expect(allocationSlices([...subnets, ...tail]).at(-1)).toMatchObject({
      label: 'Other (1 subnet, 1 validator fund)',
      value: 3n * A,
    });
    expect(allocationSlices([...subnets, tail[1]!, { ...tail[1]!, id: 'fund-g' }]).at(-1)?.label).toBe(
      'Other (2 validator funds)',
    );
  });

  it('the Portfolio chart names funds in its title and legend', () => {
    const view = {
      subnets: [{ netuid: 3, name: null, figures: { spotValue: 4n * A } }],
      baskets: { positions: [{ hotkey: '5'.repeat(48), figures: { value: A / 4n } }] },
    } as unknown as PortfolioView;
    const { unmount } = render(<PortfolioAllocation view={view} unit={TAO_UNIT} price={null} />);
    expect(screen.getByTestId('chart-summary').textContent).toMatch(
      /^Allocation by subnet and validator fund: SN3 τ4\.0000 \(94\.1%\), Validator fund 5{8}…5{6} τ0\.2500/,
    );
    unmount();
    render(
      <PortfolioAllocation view={{ ...view, baskets: { positions: [] } } as never} unit={TAO_UNIT} price={null} />,
    );
    expect(screen.getByTestId('chart-summary').textContent).toMatch(/^Allocation by subnet: SN3/);
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
