import { describe, expect, it } from 'vitest';
import { hasSecrets, redactEndpoint, redactIn } from './redact';

describe('endpoint redaction', () => {
  it('removes user, password, query values and key-like path segments', () => {
    expect(redactEndpoint('wss://user:s3cret@node.example:443/?apikey=abc123')).toBe(
      'wss://***:***@node.example/?apikey=***',
    );
    expect(redactEndpoint('wss://rpc.example/ws/v3/0123456789abcdef0123456789abcdef')).toBe(
      'wss://rpc.example/ws/v3/***',
    );
    expect(redactEndpoint('ws://127.0.0.1:9944')).toBe('ws://127.0.0.1:9944');
    expect(redactEndpoint('not a url with s3cret')).toBe('(21 characters, not a URL)');
  });

  it('tells URLs with secrets from plain ones', () => {
    expect(hasSecrets('ws://127.0.0.1:9944')).toBe(false);
    expect(hasSecrets('wss://node.example/')).toBe(false);
    expect(hasSecrets('wss://u:p@node.example/')).toBe(true);
    expect(hasSecrets('wss://node.example/?token=x')).toBe(true);
  });

  it('scrubs the endpoint from messages, raw or URL-normalised', () => {
    const endpoint = 'wss://user:s3cret@node.example:443?apikey=abc123';
    const message = `Cannot reach ${endpoint}. Also wss://user:s3cret@node.example/?apikey=abc123 failed.`;
    const scrubbed = redactIn(message, endpoint);
    expect(scrubbed).not.toMatch(/s3cret|abc123/);
    expect(scrubbed).toContain('wss://***:***@node.example/?apikey=***');
  });
});
