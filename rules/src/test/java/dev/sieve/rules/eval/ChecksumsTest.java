package dev.sieve.rules.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The corpus's checksums against published test vectors, so that its "valid" values are valid. */
class ChecksumsTest {

    @Test
    void luhnIbanAndAbaMatchPublishedNumbers() {
        assertThat(Checksums.luhn("411111111111111")).isEqualTo(1);
        assertThat(Checksums.luhn("7992739871")).isEqualTo(3);
        assertThat(Checksums.ibanCheck("GB", "WEST12345698765432")).isEqualTo("82");
        assertThat(Checksums.ibanCheck("DE", "370400440532013000")).isEqualTo("89");
        assertThat(Checksums.aba("02100002")).isEqualTo(1);
        assertThat(Checksums.aba("01100001")).isEqualTo(5);
    }

    @Test
    void base58checkGivesTheBitcoinWikiWif() {
        byte[] payload = HexFormat.of().parseHex("800C28FCA386C7A227600B2FE50B7CAE11EC86D3BF1FBE471BE89827E19D72AA1D");
        assertThat(Checksums.base58check(payload)).isEqualTo("5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ");
    }

    @Test
    void bech32GivesTheBip173Address() {
        byte[] program = HexFormat.of().parseHex("751e76e8199196d454941c45d1b3a323f1433bd6");
        assertThat(Checksums.bech32("bc", 0, program)).isEqualTo("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
    }

    @Test
    void bip39GivesTheReferenceMnemonicsFromTheCanonicalWordList() {
        assertThat(Checksums.sha256(String.join("\n", Detectors.BIP39).concat("\n").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(HexFormat.of().parseHex("2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda"));
        assertThat(Checksums.bip39(new byte[16], Detectors.BIP39))
                .isEqualTo("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about");
        byte[] sevenF = new byte[16];
        java.util.Arrays.fill(sevenF, (byte) 0x7f);
        assertThat(Checksums.bip39(sevenF, Detectors.BIP39))
                .isEqualTo("legal winner thank year wave sausage worth useful legal winner thank yellow");
        assertThat(Checksums.bip39(new byte[32], Detectors.BIP39)).endsWith("abandon art");
    }

    @Test
    void githubChecksumIsSixBase62DigitsOfTheCrc() {
        String crc = Checksums.githubCrc("0123456789abcdefghijklmnopqrst");
        assertThat(crc).hasSize(6).matches("[0-9A-Za-z]{6}");
        long value = 0;
        for (char c : crc.toCharArray()) {
            value = value * 62 + Rng.BASE62.indexOf(c);
        }
        assertThat(value).isEqualTo(Binary.crc32("0123456789abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void europeanIdentifiersMatchNumbersComputedIndependently() {
        // synthetic numbers whose check digits were computed by a separate script from the published algorithms
        assertThat(Checksums.deTaxId("3917034236")).isEqualTo(4);
        assertThat(Checksums.nirKey("1840775236107")).isEqualTo(23);
        assertThat(Checksums.nirKey("291112A885261")).isEqualTo(12);
        assertThat(Checksums.codiceFiscale("LMPMIF44E19E544")).isEqualTo('Z');
        assertThat(Checksums.codiceFiscale("ZGFFCL99D43F8L7")).isEqualTo('H');
        assertThat(Checksums.bsn("94019953")).isEqualTo(1);
        assertThat(Checksums.belgium("850317646", false)).isEqualTo(68);
        assertThat(Checksums.belgium("040621049", true)).isEqualTo(58);
        assertThat(Checksums.pesel("8704120536")).isEqualTo(2);
        assertThat(Checksums.luhn("860514220")).isEqualTo(0);
        assertThat(Checksums.hetu("140586177")).isEqualTo('Y');
        assertThat(Checksums.fodselsnummer("140586116")).isEqualTo("14058611612");
        assertThat(Checksums.ppsn("3308051", "")).isEqualTo('J');
        assertThat(Checksums.ppsn("6978464", "A")).isEqualTo('N');
        assertThat(Checksums.kimlik("479727611")).isEqualTo("47972761126");
        assertThat(Checksums.dniLetter(4_315_870)).isEqualTo('N');
        assertThat(Checksums.dniLetter(12_750_418)).isEqualTo('T');
    }
}
