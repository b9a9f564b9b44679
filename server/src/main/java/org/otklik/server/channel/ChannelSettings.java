package org.otklik.server.channel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.Secrets;

/**
 * The settings each platform channel needs, by the names operators and scripts use
 * ({@code POST /api/v1/admin/channels}): checked at creation, secrets never shown back in full.
 */
public final class ChannelSettings {

    /**
     * One setting.
     *
     * @param fallback the value when none is given (null: none); {@link #GENERATED} for a random secret
     */
    public record Spec(String name, boolean required, boolean secret, Pattern format, String fallback) {
    }

    public static final String GENERATED = "(generated)";
    private static final Pattern ANY = Pattern.compile("(?s).{1,2000}");
    private static final Pattern URL = Pattern.compile("https?://[^\\s]{1,500}");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern BOOLEAN = Pattern.compile("true|false");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}");
    private static final Pattern SECRET_TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    private static final Map<ChannelType, List<Spec>> SPECS = Map.of(
            ChannelType.TELEGRAM, List.of(
                    new Spec("botToken", true, true, Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{20,100}"), null),
                    new Spec("webhookSecret", false, true, SECRET_TOKEN, GENERATED),
                    new Spec("apiBaseUrl", false, false, URL, "https://api.telegram.org"),
                    new Spec("polling", false, false, BOOLEAN, "false")),
            ChannelType.VK, List.of(
                    new Spec("groupId", true, false, Pattern.compile("[0-9]{1,20}"), null),
                    new Spec("accessToken", true, true, ANY, null),
                    new Spec("secret", true, true, Pattern.compile("[A-Za-z0-9]{1,50}"), null),
                    new Spec("confirmation", true, false, Pattern.compile("[A-Za-z0-9]{1,50}"), null),
                    new Spec("apiBaseUrl", false, false, URL, "https://api.vk.com"),
                    new Spec("apiVersion", false, false, Pattern.compile("[0-9]{1,2}\\.[0-9]{1,4}"), "5.199")),
            ChannelType.OK, List.of(
                    new Spec("accessToken", true, true, ANY, null),
                    new Spec("webhookSecret", false, true, SECRET_TOKEN, GENERATED),
                    new Spec("apiBaseUrl", false, false, URL, "https://api.ok.ru")),
            ChannelType.EMAIL, List.of(
                    new Spec("imapHost", true, false, HOST, null),
                    new Spec("imapPort", false, false, PORT, "993"),
                    new Spec("smtpHost", true, false, HOST, null),
                    new Spec("smtpPort", false, false, PORT, "465"),
                    new Spec("username", true, false, ANY, null),
                    new Spec("password", true, true, ANY, null),
                    new Spec("address", true, false, Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9.-]{1,253}"), null),
                    new Spec("ssl", false, false, BOOLEAN, "true")));

    private ChannelSettings() {
    }

    public static List<Spec> of(ChannelType type) {
        return SPECS.getOrDefault(type, List.of());
    }

    /** The settings as they will be stored: checked, with defaults and generated secrets; 400 naming the field. */
    static Map<String, String> validated(ChannelType type, Map<String, ?> given) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Spec spec : of(type)) {
            Object raw = given.get(spec.name());
            String value = raw == null ? null : String.valueOf(raw).strip();
            if (value == null || value.isEmpty()) {
                if (spec.required()) {
                    throw new InvalidInput(spec.name(), spec.name() + " is required for a " + type.wire() + " channel");
                }
                value = GENERATED.equals(spec.fallback()) ? Secrets.newToken("") : spec.fallback();
            }
            if (value != null && !spec.format().matcher(value).matches()) {
                throw new InvalidInput(spec.name(), spec.name() + " is not a valid value"
                        + (spec.secret() ? "" : ": " + value.substring(0, Math.min(value.length(), 80))));
            }
            if (value != null) {
                out.put(spec.name(), value);
            }
        }
        return out;
    }

    /** For display: secrets as their last four characters. */
    public static Map<String, String> masked(ChannelType type, Map<String, String> settings) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Spec spec : of(type)) {
            String value = settings.get(spec.name());
            if (value != null) {
                out.put(spec.name(), spec.secret() ? mask(value) : value);
            }
        }
        return out;
    }

    public static String mask(String secret) {
        return secret.length() <= 8 ? "****" : "****" + secret.substring(secret.length() - 4);
    }
}
