import { describe, expect, it } from 'vitest';
import { hostAllowed, hostPolicy, isLoopbackAddress, parseAllowedHosts } from './host-check.js';

describe('host check', () => {
  it('tells loopback bind addresses from others', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', 'LOCALHOST']) expect(isLoopbackAddress(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'example.test', '128.0.0.1', '127.0.0.1.evil.test']) expect(isLoopbackAddress(host), host).toBe(false);
  });

  it('on a loopback bind answers loopback names on any port and the listed names, nothing else', () => {
    const policy = hostPolicy('127.0.0.1', ['mock.test']);
    for (const host of ['localhost', 'localhost:4010', '127.0.0.1:1', '[::1]:4010', 'LocalHost:80', 'mock.test:4010', 'mock.test']) expect(hostAllowed(policy, host), host).toBe(true);
    for (const host of ['evil.example', 'evil.example:4010', 'localhost.evil.example', '127.0.0.1.nip.io', 'mock.test.evil', '', '[::2]:4010']) expect(hostAllowed(policy, host), host).toBe(false);
  });

  it('passes a request with no Host (browsers always send one) and everything under *', () => {
    expect(hostAllowed(hostPolicy('127.0.0.1'), undefined)).toBe(true);
    expect(hostAllowed(hostPolicy('127.0.0.1', '*'), 'evil.example')).toBe(true);
  });

  it('off the loopback checks only when names are listed, and then not the loopback names', () => {
    expect(hostAllowed(hostPolicy('0.0.0.0'), 'anything.lan')).toBe(true);
    const listed = hostPolicy('0.0.0.0', ['dev.lan']);
    expect(hostAllowed(listed, 'dev.lan:4010')).toBe(true);
    expect(hostAllowed(listed, 'evil.example')).toBe(false);
  });

  it('parses --allowed-hosts and refuses what is not a host name', () => {
    expect(parseAllowedHosts('Mock.Test, dev.local')).toEqual(['mock.test', 'dev.local']);
    expect(parseAllowedHosts('*')).toBe('*');
    for (const bad of ['', 'mock.test:4010', 'http://mock.test', 'a,,b', 'bad_name', '*.test']) expect(parseAllowedHosts(bad), bad).toBeNull();
  });
});
