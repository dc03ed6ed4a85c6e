package dev.sieve.dlp.validate;

/**
 * {@code wif}: a Bitcoin private key in Wallet Import Format: valid Base58Check whose payload is version 0x80 (mainnet)
 * or 0xef (testnet) and a 32-byte key, optionally followed by the compression flag 0x01.
 */
final class Wif implements Validator {

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        byte[] p = Base58Check.decode(match, 60);
        if (p == null || (p.length != 33 && p.length != 34)) {
            return false;
        }
        int version = p[0] & 0xff;
        return (version == 0x80 || version == 0xef) && (p.length == 33 || p[33] == 0x01);
    }
}
