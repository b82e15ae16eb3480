import { describe, expect, it } from 'vitest';
import { defaultRoute, isBlankHash, navPageOf, parseRoute, routeHref } from './route';

describe('routes', () => {
  it('parses pages and a subnet’s detail, and refuses anything else', () => {
    expect(parseRoute('#/portfolio')).toEqual({ page: 'portfolio' });
    expect(parseRoute('#/subnets/12')).toEqual({ page: 'subnet', netuid: 12 });
    expect(parseRoute('#/subnets/65535')).toEqual({ page: 'subnet', netuid: 65_535 });
    expect(parseRoute('#/subnets')).toEqual({ page: 'subnets' });
    for (const bad of [
      '',
      '#/',
      '#/nope',
      '#/subnets/x',
      '#/subnets/1/2',
      '#/subnets/-1',
      '#/subnets/123456',
      '#/subnets/65536',
    ])
      expect(parseRoute(bad)).toBeNull();
  });
  it('tells an address without a page from one naming an unknown page', () => {
    for (const blank of ['', '#', '#/']) expect(isBlankHash(blank)).toBe(true);
    for (const named of ['#/nope', '#/subnets/x', '#//x']) expect(isBlankHash(named)).toBe(false);
  });
  it('writes what it parses', () => {
    for (const hash of ['#/portfolio', '#/subnets/0', '#/settings']) expect(routeHref(parseRoute(hash)!)).toBe(hash);
  });
  it('puts a subnet’s page under Subnets and opens on Portfolio once wallets exist', () => {
    expect(navPageOf({ page: 'subnet', netuid: 3 })).toBe('subnets');
    expect(defaultRoute(0)).toEqual({ page: 'wallets' });
    expect(defaultRoute(2)).toEqual({ page: 'portfolio' });
  });
});
