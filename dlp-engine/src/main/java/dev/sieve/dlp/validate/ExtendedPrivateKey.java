package dev.sieve.dlp.validate;

import java.util.Set;

/**
 * {@code xprv}: a BIP-32 extended private key: valid Base58Check of 78 bytes whose version is a private one of BIP-32 or
 * SLIP-132 (xprv, yprv, Yprv, zprv, Zprv and their testnet tprv, uprv, Uprv, vprv, Vprv) and whose key data is 0x00
 * followed by the 32-byte key. Extended public keys (xpub...) have other versions and fail.
 */
final class ExtendedPrivateKey implements Validator {

    static final Set<Integer> PRIVATE_VERSIONS = Set.of(0x0488ade4, 0x049d7878, 0x0295b005, 0x04b2430c, 0x02aa7a99,
            0x04358394, 0x044a4e28, 0x024285b5, 0x045f18bc, 0x02575048);

    @Override
    public boolean test(CharSequence match, ValidationContext ctx) {
        byte[] p = Base58Check.decode(match, 120);
        if (p == null || p.length != 78) {
            return false;
        }
        int version = (p[0] & 0xff) << 24 | (p[1] & 0xff) << 16 | (p[2] & 0xff) << 8 | (p[3] & 0xff);
        return PRIVATE_VERSIONS.contains(version) && p[45] == 0;
    }
}
