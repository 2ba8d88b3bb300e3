import { describe, it, expect } from 'vitest';
import { parseDockerfile } from './parse-dockerfile.js';

describe('parseDockerfile', () => {
  it('takes the image of the first FROM, in any case, skipping flags and the stage name', () => {
    const text = '# syntax=docker/dockerfile:1\nfrom --platform=$BUILDPLATFORM python:3.12-slim AS build\nFROM nginx:1.27\n';
    expect(parseDockerfile(text).baseImage).toBe('python:3.12-slim');
    expect(parseDockerfile('RUN echo hi\n').baseImage).toBeNull();
  });

  it('reads ENV in both forms, removing double quotes, later assignments winning', () => {
    const text = [
      'FROM alpine',
      'ENV A=1 B="two words" C=',
      'env LEGACY  some value here  ',
      'ENV A=3',
      'ENV ',
    ].join('\n');
    expect(parseDockerfile(text).env).toEqual([
      ['A', '1'],
      ['B', 'two words'],
      ['C', ''],
      ['LEGACY', 'some value here'],
      ['A', '3'],
    ]);
  });

  it('joins continuation lines and skips comment lines inside them', () => {
    const text = 'FROM \\\n  node:22\nENV X=1 \\\n# a comment\n    Y=2\n';
    expect(parseDockerfile(text)).toEqual({ baseImage: 'node:22', env: [['X', '1'], ['Y', '2']] });
  });

  it('handles CRLF line ends', () => {
    expect(parseDockerfile('FROM debian:12\r\nENV K=v\r\n')).toEqual({ baseImage: 'debian:12', env: [['K', 'v']] });
  });
});
