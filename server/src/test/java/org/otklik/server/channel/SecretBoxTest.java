package org.otklik.server.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String OTHER = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

    @Test
    void aSealedValueOpensWithItsKeyAndShowsNothingOfTheSecret() {
        SecretBox box = new SecretBox(KEY);
        String plain = "{\"botToken\":\"123456:ABCDEFGHIJKLMNOPQRSTUV\"}";
        String sealed = box.seal(plain);
        assertThat(sealed).startsWith("enc:v1:").doesNotContain("ABCDEFGHIJ").doesNotContain("botToken");
        assertThat(box.seal(plain)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(box.open(sealed)).isEqualTo(plain);
    }

    @Test
    void aChangedByteOrAnotherKeyIsRefusedNotReadAsGarbage() {
        String sealed = new SecretBox(KEY).seal("{\"password\":\"hunter2hunter2\"}");
        byte[] raw = Base64.getDecoder().decode(sealed.substring("enc:v1:".length()));
        raw[raw.length - 1] ^= 1;
        String tampered = "enc:v1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> new SecretBox(KEY).open(tampered)).hasMessageContaining("cannot be decrypted");
        assertThatThrownBy(() -> new SecretBox(OTHER).open(sealed)).hasMessageContaining("cannot be decrypted");
        assertThatThrownBy(() -> new SecretBox("").open(sealed)).hasMessageContaining("set otklik.secrets.key");
    }

    @Test
    void withoutAKeyValuesStayAsTheyAreAndABadKeyStopsTheStart() {
        SecretBox none = new SecretBox("");
        assertThat(none.seal("{\"a\":\"b\"}")).isEqualTo("{\"a\":\"b\"}");
        assertThat(none.open("{\"a\":\"b\"}")).isEqualTo("{\"a\":\"b\"}");
        assertThatThrownBy(() -> new SecretBox("c2hvcnQ=")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SecretBox("not base64!")).hasMessageContaining("not base64");
    }
}
