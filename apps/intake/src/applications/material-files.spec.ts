import { contentMatches, mediaType } from './material-files';

describe('material file checks', () => {
  it('reads the media type without parameters', () => {
    expect(mediaType('Application/PDF; charset=binary')).toBe('application/pdf');
    expect(mediaType(undefined)).toBe('');
  });
  it('checks the signature of the declared type', () => {
    expect(contentMatches('application/pdf', Buffer.from('%PDF-1.7\n'))).toBe(true);
    expect(contentMatches('application/pdf', Buffer.from('MZ\x90\x00'))).toBe(false);
    expect(contentMatches('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(true);
    expect(contentMatches('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(contentMatches('image/jpeg', Buffer.from([0xff]))).toBe(false);
    expect(contentMatches('text/plain', Buffer.from('hello'))).toBe(false);
  });
});
