package org.otklik.server.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encryption at rest of platform secrets (bot tokens, access tokens, mailbox passwords): AES-256-GCM with the key in
 * {@code otklik.secrets.key} (base64 of 32 random bytes, e.g. {@code openssl rand -base64 32}; from the environment as
 * {@code OTKLIK_SECRETS_KEY}). A sealed value is {@code enc:v1:} and the base64 of a random 12-byte nonce followed by
 * the ciphertext and its tag, so a changed byte or a wrong key is refused rather than read as garbage. Without a key
 * (the demo) values are kept as they are and the start says so.
 */
@Component
class SecretBox {

    static final String PREFIX = "enc:v1:";
    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(@Value("${otklik.secrets.key:}") String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            key = null;
            log.warn("secrets: otklik.secrets.key is not set: platform secrets are stored in clear (set it in production)");
            return;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("otklik.secrets.key is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("otklik.secrets.key must be 32 bytes (base64 of 32 random bytes), not "
                    + bytes.length);
        }
        key = new SecretKeySpec(bytes, "AES");
    }

    boolean enabled() {
        return key != null;
    }

    static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The value to store: sealed when a key is set, as it is otherwise. */
    String seal(String plain) {
        if (key == null || plain == null) {
            return plain;
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secrets: cannot encrypt: " + e.getMessage(), e);
        }
    }

    /** The stored value in clear; a sealed one needs the key it was sealed with. */
    String open(String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        if (key == null) {
            throw new IllegalStateException("secrets: stored settings are encrypted: set otklik.secrets.key");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("secrets: stored settings cannot be decrypted with otklik.secrets.key "
                    + "(another key, or changed in the database)");
        }
    }
}
