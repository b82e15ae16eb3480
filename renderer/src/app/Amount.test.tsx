import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Alpha, Pct, Tao } from './Amount';
import { Money } from './Money';
import { PrivacyContext } from './privacy';

describe('<Tao>', () => {
  it('shows 4 decimals, full precision on hover, and colours by the shown sign', () => {
    render(<Tao rao={-161_550_000_123n} sign testId="t" />);
    const el = screen.getByTestId('t');
    expect(el.textContent).toBe('−τ161.5500');
    expect(el.getAttribute('title')).toBe('−τ161.550000123');
    expect(el.className).toContain('neg');
  });

  it('reads as flat when the amount rounds to zero', () => {
    render(<Tao rao={40_000n} sign testId="t" />);
    expect(screen.getByTestId('t').className).toContain('flat');
  });

  it('masks digits, sign and colour in privacy mode, tooltip included', () => {
    render(
      <PrivacyContext.Provider value={true}>
        <Tao rao={-161_550_000_123n} sign testId="t" />
      </PrivacyContext.Provider>,
    );
    const el = screen.getByTestId('t');
    expect(el.textContent).not.toMatch(/[0-9+−]/);
    expect(el.getAttribute('title')).not.toMatch(/[0-9+−]/);
    expect(el.className).not.toMatch(/\b(pos|neg|flat)\b/);
  });
});

describe('<Alpha>', () => {
  it('shows root (SN0) stake in τ and other subnets in their symbol', () => {
    render(
      <>
        <Alpha amount={258_000_000_000n} netuid={0} testId="root" />
        <Alpha amount={310_000_000n} netuid={5} symbol="ε" testId="sn5" />
        <Alpha amount={310_000_000n} netuid={6} testId="sn6" />
      </>,
    );
    expect(screen.getByTestId('root').textContent).toBe('τ258.0000');
    expect(screen.getByTestId('sn5').textContent).toBe('0.3100 ε');
    expect(screen.getByTestId('sn5').getAttribute('title')).toBe('0.310000000 ε');
    expect(screen.getByTestId('sn6').textContent).toBe('0.3100 α');
  });
});

describe('<Pct>', () => {
  it('names its base on hover', () => {
    render(<Pct value={-0.0668} base="net TAO invested" testId="p" />);
    const el = screen.getByTestId('p');
    expect(el.textContent).toBe('−6.68%');
    expect(el.getAttribute('title')).toBe('−6.680000% of net TAO invested');
    expect(el.className).toContain('neg');
  });

  it('masks in privacy mode', () => {
    render(
      <PrivacyContext.Provider value={true}>
        <Pct value={0.25} base="net TAO invested" testId="p" />
      </PrivacyContext.Provider>,
    );
    expect(screen.getByTestId('p').textContent).not.toMatch(/[0-9+−]/);
    expect(screen.getByTestId('p').getAttribute('title')).toBe('•••••% of net TAO invested');
  });
});

describe('<Money> in fiat', () => {
  const usd = { currency: 'fiat' as const, code: 'USD' };
  it('names the currency, or leaves it to the table when bare; hover keeps it at full precision', () => {
    render(
      <>
        <Money amount={-119_425_000_001n} unit={usd} sign testId="full" />
        <Money amount={48_063_757_000_000n} unit={usd} bare testId="bare" />
        <Money amount={null} unit={usd} bare testId="none" />
      </>,
    );
    expect(screen.getByTestId('full').textContent).toBe('−1,194.25 USD');
    expect(screen.getByTestId('full').getAttribute('title')).toBe('−1,194.25000001 USD');
    expect(screen.getByTestId('bare').textContent).toBe('480,637.57');
    expect(screen.getByTestId('bare').getAttribute('title')).toBe('480,637.57000000 USD');
    expect(screen.getByTestId('none').textContent).toBe('no price');
  });
});
