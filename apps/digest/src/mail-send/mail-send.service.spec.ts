import { redactAddress } from './mail-send.service';

describe('redactAddress', () => {
  it('removes the recipient from server replies before they are stored or logged', () => {
    expect(redactAddress('550 5.1.1 <ana@example.org>: Recipient address rejected: User unknown', 'ana@example.org')).toBe(
      '550 5.1.1 <recipient>: Recipient address rejected: User unknown',
    );
    expect(redactAddress('452 4.2.2 mailbox ana@example.org is full', 'ana@example.org')).toBe('452 4.2.2 mailbox <recipient> is full');
    // servers may quote the address in another case
    expect(redactAddress('550 no such user <Ana@Example.ORG>', 'ana@example.org')).toBe('550 no such user <recipient>');
    expect(redactAddress('421 try later', 'ana@example.org')).toBe('421 try later');
  });
});
